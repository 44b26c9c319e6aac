#!/usr/bin/env bash
# Een situatie direct op de opdrachtregel: dezelfde aanvraag op 15 januari 2024, na het einde van het budget.
# Een variabele met waarde null wordt berekend; de periode van een STAP-variabele is de aanvraagdatum.
# verwacht: "stap_budget":{"2024-01-15":0.0}
# verwacht: "stap_afwijzingsgrond":{"2024-01-15":"regeling_beeindigd"}
set -euo pipefail
BASE="${BASE:-http://127.0.0.1:5000}"

curl -sf -X POST "$BASE/calculate" \
  -H 'Content-Type: application/json' \
  -d '{
    "personen": {
      "anna": {
        "geboortedatum": {"ETERNITY": "1985-06-01"},
        "stap_scholingskosten": {"2024-01-15": 1250},
        "stap_maanden_verzekerd_referteperiode": {"2024-01-15": 24},
        "stap_scholing_in_scholingsregister": {"2024-01-15": true},
        "stap_budget": {"2024-01-15": null},
        "stap_afwijzingsgrond": {"2024-01-15": null}
      }
    }
  }'

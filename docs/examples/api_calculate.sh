#!/usr/bin/env bash
# Bereken het STAP-budget van Anna (README): POST /calculate met de situatie uit examples/stap_anna.json.
# Vanuit de hoofdmap van de repository; BASE is het adres van de API (make serve: http://127.0.0.1:5000).
# verwacht: "stap_budget":{"2023-05-15":1000.0}
# verwacht: "stap_eigen_bijdrage":{"2023-05-15":250.0}
# verwacht: "stap_afwijzingsgrond":{"2023-05-15":"geen"}
set -euo pipefail
BASE="${BASE:-http://127.0.0.1:5000}"

curl -sf -X POST "$BASE/calculate" \
  -H 'Content-Type: application/json' \
  -d @examples/stap_anna.json

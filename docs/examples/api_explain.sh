#!/usr/bin/env bash
# Verklaar de uitkomst met de bron van elke stap: POST /explain, hier als leesbare tekst (?format=text).
# Zonder ?format komt JSON terug; ?format=markdown geeft Markdown.
# verwacht: Uitkomst: EUR 1.000,00
# verwacht: parameter stap.maximum_per_kalenderjaar = EUR 1.000,00
set -euo pipefail
BASE="${BASE:-http://127.0.0.1:5000}"

curl -sf -X POST "$BASE/explain?format=text" \
  -H 'Content-Type: application/json' \
  -d @examples/stap_anna.json

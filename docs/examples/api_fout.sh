#!/usr/bin/env bash
# Foute invoer krijgt een JSON-fout (4xx) die het veld noemt en zegt wat is toegestaan; hier een negatief bedrag.
# -w drukt de HTTP-status af; zonder -f geeft curl ook bij een 4xx de body.
# verwacht: "personen/a/stap_scholingskosten/2023-05-15"
# verwacht: HTTP 400
set -euo pipefail
BASE="${BASE:-http://127.0.0.1:5000}"

curl -s -w '\nHTTP %{http_code}\n' -X POST "$BASE/calculate" \
  -H 'Content-Type: application/json' \
  -d '{"personen": {"a": {"stap_scholingskosten": {"2023-05-15": -5}}}}'

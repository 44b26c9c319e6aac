#!/usr/bin/env bash
# Het bronnenregister: één bron met alles wat haar citeert (GET /sources/<id>); GET /sources geeft ze allemaal.
# verwacht: "id":"kst-30012-142"
# verwacht: "status_label":"aangekondigd beleid (Kamerbrief), geen bindend recht"
# verwacht: "stap.maximum_per_kalenderjaar"
set -euo pipefail
BASE="${BASE:-http://127.0.0.1:5000}"

curl -sf "$BASE/sources/kst-30012-142"

#!/usr/bin/env bash
# Een parameter met zijn gedateerde waarden en, in het extra veld "bronnen", de bron van elke waarde.
# verwacht: "id":"stap.maximum_per_kalenderjaar"
# verwacht: "bronnen"
set -euo pipefail
BASE="${BASE:-http://127.0.0.1:5000}"

curl -sf "$BASE/parameter/stap.maximum_per_kalenderjaar"

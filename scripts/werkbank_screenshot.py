"""Regenerate docs/img/werkbank.png, the werkbank's first screen shown in the README (`make screenshot`).

Serves the app on a free loopback port, opens the STAP calculator for Anna (examples/stap_anna.json) in Debian's
headless Chromium and saves the first 1280 x 900 pixels.
"""

import json
import sys
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "python"))

from werkbank_browser import chromium, served_app  # noqa: E402

OUT = ROOT / "docs" / "img" / "werkbank.png"


def main() -> None:
    anna = json.loads((ROOT / "examples" / "stap_anna.json").read_text(encoding="utf-8"))["personen"]["anna"]
    (day,) = anna["stap_scholingskosten"]
    dutch = lambda iso: "-".join(reversed(iso.split("-")))  # noqa: E731
    query = urlencode({
        "datum": dutch(day), "geboortedatum": dutch(anna["geboortedatum"]["ETERNITY"]),
        "stap_scholingskosten": anna["stap_scholingskosten"][day],
        "stap_maanden_verzekerd_referteperiode": anna["stap_maanden_verzekerd_referteperiode"][day],
        "stap_scholing_in_scholingsregister": "ja", "varieer": "stap_scholingskosten",
    })
    with served_app() as base, chromium(1280, 900) as driver:
        driver.get(f"{base}/regeling/stap_budget/rekenen?{query}")
        driver.find_element("id", "uitkomst-stap_budget")
        OUT.parent.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(OUT))
    print(OUT)


if __name__ == "__main__":
    main()

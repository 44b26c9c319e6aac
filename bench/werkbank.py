"""Server time of the werkbank's pages (Flask test client, after one warm-up request each).

Target (issue #16): every page under 200 ms; an amendment's YAML-case and person impact under 2 s; the budget
effect of 10^5 persons under 5 s.
Run from the repository root: `.venv/bin/python bench/werkbank.py`.
"""

import time

from openfisca_llo.web import create_app

ANNA = ("datum=15-05-2023&geboortedatum=01-06-1985&stap_scholingskosten=1250"
        "&stap_maanden_verzekerd_referteperiode=24&stap_scholing_in_scholingsregister=ja")
PAGES = [
    "/", "/werkbank?q=maximum", "/regeling/stap_budget", "/regeling/slim_scholingssubsidie",
    "/figuur/stap.subsidieplafond_per_tijdvak", f"/regeling/stap_budget/rekenen?{ANNA}",
    f"/regeling/stap_budget/rekenen?{ANNA}&varieer=stap_scholingskosten", f"/regeling/stap_budget/rekenen?{ANNA}&varieer=datum",
    "/wet?datum=01-06-2023&van=01-01-2023&tot=31-12-2023", "/bronnen",
]
AMENDMENT = ("/amendement?naam=stap_maximum_1500&bron=kst-30012-158&vindplaats_soort=paragraaf&vindplaats=2"
             "&parameter=stap.maximum_per_kalenderjaar&vanaf=01-01-2023&waarde={}&regeling=stap_budget&" + ANNA)


def timed(client, url) -> float:
    start = time.perf_counter()
    response = client.get(url, headers={"Accept": "text/html"})
    assert response.status_code == 200, (url, response.status_code)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    client = create_app().test_client()
    for url in PAGES:
        timed(client, url)
        print(f"{min(timed(client, url) for _ in range(3)):8.0f} ms  {url[:90]}")
    # A new amendment each: no cached impact. The first also computes the law's side of the YAML cases (cached
    # afterwards; in the werkbank the empty amendment form starts that in the background while the drafter types).
    print(f"{timed(client, AMENDMENT.format('1.500')):8.0f} ms  amendement (nieuw, eerste: wet + amendement) 1.500")
    for value in ("1.600", "1.700"):
        print(f"{timed(client, AMENDMENT.format(value)):8.0f} ms  amendement (nieuw) {value}")
    print(f"{timed(client, AMENDMENT.format('1.600')):8.0f} ms  amendement (opnieuw getoond)")
    # The budget effect on 100.000 synthetic persons (target: under 5 s), first and second time.
    budget = AMENDMENT.format("1.500").replace("/amendement?", "/amendement/begroting?") + "&deel=1"
    for label in ("eerste", "tweede"):
        print(f"{timed(client, budget):8.0f} ms  begrotingseffect 100.000 personen ({label})")


if __name__ == "__main__":
    main()

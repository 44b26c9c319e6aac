"""The werkbank's pages through Flask's test client: content, Dutch formats, escaping, form errors, packaging.

Expected values come from the rules: STAP in force (open for applications) 1-1-2022 t/m 31-12-2023
(parameters stap.regeling_in_werking and stap.budget_beschikbaar), the SLIM scholingssubsidie open from
10-3-2025 (slim_scholingssubsidie.regeling_in_werking), the STAP maximum EUR 1.000 (kst-30012-142).
"""

import datetime
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
import yaml

from openfisca_llo import formatting
from openfisca_llo.docgen import step_chart_svg
from openfisca_llo.web import create_app
from openfisca_llo.werkbank.catalog import catalog

ROOT = Path(__file__).resolve().parents[2]
HTML = {"Accept": "text/html"}
ANNA = ("datum=15-05-2023&geboortedatum=01-06-1985&stap_scholingskosten=1250"
        "&stap_maanden_verzekerd_referteperiode=24&stap_scholing_in_scholingsregister=ja")


@pytest.fixture(scope="module")
def client(tax_benefit_system):
    return create_app(tax_benefit_system).test_client()


def test_dutch_formats():
    assert formatting.money(1000) == "EUR 1.000,00"
    assert formatting.money(1234567.891) == "EUR 1.234.567,89"
    assert formatting.money(float("nan")) == "onbekend"
    assert formatting.date("2023-05-15") == "15-05-2023"
    assert formatting.parse_amount("1.250,50") == 1250.5
    assert formatting.parse_amount("1.500") == 1500
    assert formatting.parse_amount("1250.5") == 1250.5
    assert formatting.parse_date("15-05-2023") == datetime.date(2023, 5, 15)
    for bad in ("31-02-2023", "2023/05/15", "morgen"):
        with pytest.raises(formatting.InputError, match="dd-mm-jjjj"):
            formatting.parse_date(bad)
    with pytest.raises(formatting.InputError, match="twee decimalen"):
        formatting.parse_amount("10,001")


def test_root_serves_the_werkbank_to_browsers_and_json_to_api_clients(client):
    assert b"Regelingen leven lang ontwikkelen" in client.get("/", headers=HTML).data
    response = client.get("/", headers={"Accept": "application/json"})
    assert response.is_json


def test_status_of_schemes_on_a_date(tax_benefit_system):
    cat = catalog(tax_benefit_system)
    stap = cat.schemes["stap_budget"]
    assert cat.status(stap, datetime.date(2023, 5, 15))["status"] == "in_werking"
    assert cat.status(stap, datetime.date(2024, 1, 1))["status"] == "beeindigd"
    assert cat.status(stap, datetime.date(2021, 12, 31))["status"] == "aangekondigd"
    slim = cat.schemes["slim_scholingssubsidie"]
    assert cat.status(slim, datetime.date(2024, 1, 1))["status"] == "aangekondigd"
    assert cat.status(stap, datetime.date(2023, 5, 15))["perioden"] == ["01-01-2022 t/m 31-12-2023"]


def test_status_of_schemes_whose_life_is_partly_unknown(tax_benefit_system, client):
    """Vouchers: from the Wet studievoorschot (2015), no end in the source (kst-30012-92, bijlage 1, G.3): in force,
    not announced. EVC-procedures: applications 1-11-2023 to 29-02-2024 (uitvoeringvanbeleidszw.nl), entry into
    force not known. Praktijkleren: only the studiejaren 2021-2022 and 2022-2023 are modelled; outside, unknown."""
    cat = catalog(tax_benefit_system)
    def status(key, day):
        return cat.status(cat.schemes[key], datetime.date.fromisoformat(day))
    assert status("studievoorschotvoucher", "2026-12-01")["status"] == "in_werking"
    evc = [status("evc_subsidieregeling", day) for day in ("2023-10-31", "2023-11-01", "2024-02-29", "2024-03-01")]
    assert [s["status"] for s in evc] == ["onbekend", "in_werking", "in_werking", "beeindigd"]
    assert "inwerkingtreding" in evc[0]["reden"] and evc[1]["perioden"] == ["01-11-2023 t/m 29-02-2024"]
    leren = [status("praktijkleren", day) for day in ("2021-07-31", "2021-08-01", "2023-07-31", "2023-08-01")]
    assert [s["status"] for s in leren] == ["onbekend", "in_werking", "in_werking", "onbekend"]
    assert "2022-2023" in leren[3]["reden"] and leren[1]["reden"] == ""
    home = client.get("/?datum=01-12-2026", headers=HTML).data.decode()
    assert "of en hoe de regeling daarna loopt is niet geverifieerd" in home


def test_stap_reasons_in_the_order_the_formula_tests_them(tax_benefit_system):
    reasons = [r.name for r in catalog(tax_benefit_system).schemes["stap_budget"].reasons]
    # stap_afwijzingsgrond: looptijd, tijdvak, then art. 5 lid 2, exclusions, art. 5 lid 1, costs, plafond.
    assert reasons[:4] == ["regeling_niet_in_werking", "regeling_beeindigd", "buiten_aanvraagtijdvak", "te_jong"]
    assert reasons[-1] == "subsidieplafond_bereikt"


def test_home_search_finds_schemes_parameters_and_articles(client):
    page = client.get("/werkbank?q=maximum+stap", headers=HTML).data.decode()
    assert "stap.maximum_per_kalenderjaar" in page
    page = client.get("/werkbank?q=BWBR0045419+artikel+5", headers=HTML).data.decode()
    assert "artikel 5" in page


def test_scheme_page_shows_figures_with_citation_and_unknown_periods(client):
    page = client.get("/regeling/stap_budget").data.decode()
    assert "EUR 1.000,00" in page
    assert "https://zoek.officielebekendmakingen.nl/kst-30012-142.html#paragraaf=STAP-budget" in page
    assert 'class="llo-onbekend"' in page  # the plafond has no value in 2022: a marked band
    assert "stap/bedrag.yaml" in page


def test_step_chart_marks_a_null_period_as_unknown():
    svg = step_chart_svg([("2022-01-01", None), ("2023-03-17", 34000000), ("2024-01-01", None)], "currency-EUR")
    assert svg.count('class="llo-onbekend"') == 2 and "onbekend" in svg


def test_calculator_for_anna_and_its_yaml_case_passes_openfisca_test(client, tmp_path):
    page = client.get(f"/regeling/stap_budget/rekenen?{ANNA}").data.decode()
    assert "EUR 1.000,00" in page and "EUR 250,00" in page
    start = page.index('<textarea id="yaml-geval"')
    text = page[page.index(">", start) + 1:page.index("</textarea>", start)]
    import html

    case = yaml.safe_load(html.unescape(text))[0]
    assert case["keywords"][0].startswith("bron: BWBR0045419")
    assert case["output"]["stap_budget"] == 1000 and case["output"]["stap_eigen_bijdrage"] == 250
    path = tmp_path / "geval.yaml"
    path.write_text(html.unescape(text), encoding="utf-8")
    openfisca = Path(sys.executable).with_name("openfisca")
    result = subprocess.run([str(openfisca), "test", "--country-package", "openfisca_llo", str(path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("query, message", [
    ("datum=31-02-2023", "bestaat niet als datum"),
    ("datum=15-05-2023&stap_scholingskosten=veel", "geen bedrag"),
    ("datum=15-05-2023&stap_maanden_verzekerd_referteperiode=-3", "niet negatief"),
    ("datum=15-05-2023&stap_scholing_in_scholingsregister=misschien", "Kies ja of nee"),
])
def test_bad_input_gives_a_dutch_message_not_an_error_page(client, query, message):
    response = client.get(f"/regeling/stap_budget/rekenen?{query}")
    assert response.status_code == 200
    assert message in response.data.decode()
    assert 'aria-invalid="true"' in response.data.decode()


def test_every_page_of_every_scheme_renders(client, tax_benefit_system):
    for key in catalog(tax_benefit_system).schemes:
        assert client.get(f"/regeling/{key}").status_code == 200
        assert client.get(f"/regeling/{key}/rekenen?datum=01-06-2025").status_code == 200
    for url in ("/wet?datum=01-06-2023&van=01-01-2023&tot=31-12-2023", "/bronnen", "/amendement",
                "/figuur/stap.subsidieplafond_per_tijdvak", "/variabele/stap_budget"):
        assert client.get(url).status_code == 200, url
    missing = client.get("/regeling/bestaat_niet")
    assert missing.status_code == 404 and "Onbekende regeling" in missing.data.decode()


def test_timeline_lists_the_july_2023_ocw_restriction_with_its_source(client):
    page = client.get("/wet?van=01-01-2023&tot=31-12-2023").data.decode()
    assert "18-09-2023" in page and "stcrt-2023-20707" in page


AMENDMENT = ("naam=stap_maximum_1500&bron=kst-30012-158&vindplaats_soort=paragraaf&vindplaats=2"
             "&parameter=stap.maximum_per_kalenderjaar&vanaf=01-01-2023&waarde=1.500&regeling=stap_budget&" + ANNA)


def test_amendment_changes_cases_and_anna_and_downloads(client):
    page = client.get(f"/amendement?{AMENDMENT}").data.decode()
    assert "STAP — bedrag — kosten EUR 3.450" in page
    assert "EUR 1.250,00" in page
    download = client.get(f"/amendement.yaml?{AMENDMENT}")
    data = yaml.safe_load(download.data)
    assert data["wijzigingen"] == {"stap.maximum_per_kalenderjaar": {"2023-01-01": 1500.0}}
    assert data["bronnen"] == [{"bron": "kst-30012-158", "paragraaf": "2"}]


def test_amendment_budget_effect_law_beside_proposal(client):
    """Issue 16 item 5c: the amendment page links (and, with JavaScript, fetches) the budget effect on the synthetic
    population; the fragment comes from budget.budget_request, the engine of POST /budget, for the year of the
    first change (2023). A small population keeps the test quick; the same figures as POST /budget gives."""
    page = client.get(f"/amendement?{AMENDMENT}", headers=HTML).data.decode()
    assert 'id="begroting-link"' in page and "data-begroting=" in page
    fragment = client.get(f"/amendement/begroting?{AMENDMENT}&personen=2000&deel=1", headers=HTML).data.decode()
    assert "jaar 2023" in fragment and "<html" not in fragment
    api = client.post("/budget", json={"populatie": {"synthetisch": {"personen": 2000, "seed": 0}}, "van": 2023,
                                       "tot": 2023, "amendementen": [{
                                           "naam": "stap_maximum_1500", "bronnen": [{"bron": "kst-30012-158", "paragraaf": "2"}],
                                           "wijzigingen": {"stap.maximum_per_kalenderjaar": {"2023-01-01": 1500}}}]}).get_json()
    stap = {row["variant"]: row for row in api["kosten"] if row["regeling"] == "stap_budget"}
    assert set(stap) == {"wet", "stap_maximum_1500"}
    for row in stap.values():
        assert formatting.money(row["kosten_eur"]) in fragment
    full = client.get(f"/amendement/begroting?{AMENDMENT}&personen=2000", headers=HTML).data.decode()
    assert "Terug naar het amendement" in full and 'id="begroting"' in full
    bad = client.get(f"/amendement/begroting?{AMENDMENT}&personen=200001", headers=HTML).data.decode()
    assert "kies 1 tot en met 100.000" in bad


def test_amendment_errors_are_dutch_and_next_to_the_field(client):
    page = client.get("/amendement?naam=x&bron=kst-30012-158&parameter=stap.maximum_per_kalenderjaar"
                      "&vanaf=30-02-2023&waarde=duizend").data.decode()
    assert "bestaat niet als datum" in page and "geen bedrag" in page


def test_names_are_escaped(client):
    page = client.get("/amendement?naam=%3Cscript%3Ealert(1)%3C%2Fscript%3E&bron=kst-30012-158"
                      "&parameter=stap.maximum_per_kalenderjaar&vanaf=01-01-2023&waarde=1500").data.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_templates_and_static_files_ship_with_the_package():
    package = resources.files("openfisca_llo.werkbank")
    for name in ("base.html", "home.html", "regeling.html", "rekenen.html", "amendement.html", "wet.html", "bronnen.html"):
        assert package.joinpath("templates", "werkbank", name).is_file(), name
    assert package.joinpath("static", "werkbank.css").is_file() and package.joinpath("static", "werkbank.js").is_file()

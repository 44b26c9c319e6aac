"""Reforms beside the law: amendments as data, /compare, and the YAML specification under each reform."""

import json
from pathlib import Path

import pytest
from openfisca_llo.reforms import REFORMS

from openfisca_llo.amendments import AmendmentError, load_amendment_file, reformed_system
from openfisca_llo.compare import _same, compare_situation, prepare_spec_impact, resolve_reform, spec_impact
from openfisca_llo.web import create_app

ROOT = Path(__file__).resolve().parents[2]
STAP_VOORTGEZET = ROOT / "reforms" / "amendementen" / "stap_voortgezet.yaml"
ANNA = json.loads((ROOT / "examples" / "stap_anna.json").read_text(encoding="utf-8"))


def anna_on(date: str, ocw_erkend: bool = True) -> dict:
    situation = json.loads(json.dumps(ANNA).replace("2023-05-15", date))
    situation["personen"]["anna"]["stap_scholing_ocw_erkend"] = {date: ocw_erkend}
    return situation


def test_stap_voortgezet_changes_exactly_the_cases_after_the_end_of_the_scheme(tax_benefit_system):
    """Under the scenario only applications from 1 January 2024 change (Kamerstuk 30012, nr. 158, par. 2)."""
    reform = reformed_system(tax_benefit_system, load_amendment_file(STAP_VOORTGEZET))
    changes = spec_impact(tax_benefit_system, reform, ROOT / "tests")
    changed_cases = {(c["bestand"], c["nummer"]) for c in changes}
    assert changed_cases == {
        ("stap/subsidieplafond.yaml", 10), ("stap/tijdvak.yaml", 13), ("stap/tijdvak.yaml", 14), ("stap/tijdvak.yaml", 15),
        ("stap/randen.yaml", 7),  # 31-12-2026, the last day before the scheme lapses
    }
    budget = {c["periode"]: (c["wet"], c["hervorming"]) for c in changes if c["variabele"] == "stap_budget"}
    # 2024-01-02: already granted 9.999.000 + 1.000 = 10.000.000, within the scenario's plafond of EUR 10 mln
    assert budget == {
        "2024-01-01": ([0.0], [700.0]), "2024-01-02": ([0.0], [1000.0]),
        "2026-11-25": ([0.0], [700.0]), "2026-12-31": ([0.0], [700.0]), "2027-01-01": ([0.0], [700.0]),
    }


@pytest.mark.parametrize("name", sorted(REFORMS))
def test_every_reform_runs_the_whole_specification(tax_benefit_system, name):
    reform = resolve_reform(tax_benefit_system, reform=name)
    errors = [c for c in spec_impact(tax_benefit_system, reform, ROOT / "tests") if "fout" in c]
    assert errors == []


def test_compare_situation_names_the_changed_parameter_and_its_source(tax_benefit_system):
    reform = reformed_system(tax_benefit_system, load_amendment_file(STAP_VOORTGEZET))
    result = compare_situation(tax_benefit_system, reform, anna_on("2024-05-15"))
    budget = next(item for item in result["vergelijking"] if item["variabele"] == "stap_budget")
    assert budget["waarden"] == [{"id": "anna", "wet": 0.0, "hervorming": 1000.0, "gewijzigd": True, "verschil": 1000.0}]
    changed = {p["parameter"]: p for p in budget["gewijzigde_parameters"]}
    assert changed["stap.budget_beschikbaar"]["wet"]["waarde"] is False
    assert changed["stap.budget_beschikbaar"]["hervorming"]["waarde"] is True
    assert changed["stap.budget_beschikbaar"]["hervorming"]["bronnen"][0]["bron"] == "kst-30012-158"


def test_a_repeated_amendment_is_not_rebuilt(tax_benefit_system):
    amendment = load_amendment_file(STAP_VOORTGEZET)
    assert reformed_system(tax_benefit_system, amendment) is reformed_system(tax_benefit_system, dict(amendment))


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"stap.maximum": {"2024-01-01": 5}}, "onbekende parameter"),
        ({"stap.maximum_per_kalenderjaar": {"2024-02-30": 5}}, "geen bestaande datum"),
        ({"stap.maximum_per_kalenderjaar": {"2024-01-01": "veel"}}, "verwacht een getal"),
        ({"stap.budget_beschikbaar": {"2024-01-01": 1}}, "true of false"),
    ],
)
def test_bad_amendments_are_refused_with_the_field(tax_benefit_system, change, fragment):
    amendment = {"naam": "x", "bronnen": [{"bron": "kst-30012-158", "paragraaf": "2"}], "wijzigingen": change}
    with pytest.raises(AmendmentError) as error:
        reformed_system(tax_benefit_system, amendment)
    assert any(fragment in message for message in error.value.errors.values())


@pytest.fixture(scope="module")
def client():
    return create_app().test_client()


def test_compare_endpoint_with_an_amendment(client):
    amendment = load_amendment_file(STAP_VOORTGEZET)
    response = client.post("/compare", data=json.dumps({"situatie": anna_on("2024-05-15"), "amendement": amendment}, default=str))
    assert response.status_code == 200
    budget = next(i for i in response.get_json()["vergelijking"] if i["variabele"] == "stap_budget")
    assert budget["waarden"][0]["wet"] == 0 and budget["waarden"][0]["hervorming"] == 1000


def test_compare_endpoint_with_a_named_reform(client):
    response = client.post("/compare", data=json.dumps({"situatie": anna_on("2024-05-15"), "hervorming": "stap_voortgezet"}))
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("payload", "fragment"),
    [
        ({"situatie": {"personen": {"a": {}}}, "hervorming": "bestaat_niet"}, "toegestaan"),
        ({"situatie": {"personen": {"a": {}}}}, "amendement"),
        ({"situatie": {"personen": {"a": {}}}, "amendement": {"naam": "x", "wijzigingen": {"stap.x": {"2024-01-01": 1}}}}, "bronnen"),
        ({"hervorming": "stap_voortgezet"}, "situatie"),
    ],
)
def test_compare_endpoint_bad_requests(client, payload, fragment):
    response = client.post("/compare", data=json.dumps(payload))
    assert response.status_code == 400
    assert fragment in json.dumps(response.get_json(), ensure_ascii=False)


def test_reforms_are_listed(client):
    assert set(client.get("/reforms").get_json()) == set(REFORMS)


def _parameters_in(node):
    found = {p["parameter"] for p in node.get("parameters", [])}
    for child in node.get("stappen", []):
        found |= _parameters_in(child)
    return found


def test_each_explanation_of_one_request_is_complete(client):
    """Several variables from one simulation: a later one must not lose steps read from the cache."""
    response = client.post("/explain", data=json.dumps(ANNA))
    explanations = {e["variabele"]: e for e in response.get_json()["verklaringen"]}
    for name in ("stap_afwijzingsgrond", "stap_budget", "stap_eigen_bijdrage"):
        assert {"stap.budget_beschikbaar", "stap.aanvraagtijdvak.open"} <= _parameters_in(explanations[name]["berekening"]), name


LEERREKENING_1000 = ROOT / "examples" / "leerrekening_1000.yaml"
SANNE = json.loads((ROOT / "examples" / "leerrekening_sanne.json").read_text(encoding="utf-8"))


def test_amendment_on_the_leerrekening_reform(tax_benefit_system):
    """Sanne has mbo-2 (below NLQF 3): 2 x EUR 800 under the CPF variant; 2 x EUR 1.600 under the amendment."""
    cpf = compare_situation(tax_benefit_system, resolve_reform(tax_benefit_system, reform="leerrekening_cpf"), SANNE)
    amended = resolve_reform(tax_benefit_system, load_amendment_file(LEERREKENING_1000), "leerrekening_cpf")
    doubled = compare_situation(tax_benefit_system, amended, SANNE)
    saldo = {r["variabele"]: r["waarden"][0] for r in cpf["vergelijking"]}["leerrekening_saldo"]
    assert saldo == {"id": "sanne", "wet": None, "hervorming": 1600.0, "gewijzigd": True}
    saldo = {r["variabele"]: r["waarden"][0] for r in doubled["vergelijking"]}["leerrekening_saldo"]
    assert saldo["hervorming"] == 3200.0


def test_compare_endpoint_amendment_on_a_reform(client):
    amendment = load_amendment_file(LEERREKENING_1000)
    response = client.post(
        "/compare", data=json.dumps({"situatie": SANNE, "hervorming": "leerrekening_cpf", "amendement": amendment})
    )
    assert response.status_code == 200
    storting = next(i for i in response.get_json()["vergelijking"] if i["variabele"] == "leerrekening_storting")
    assert storting["waarden"][0]["hervorming"] == 1600.0


def test_readme_compare_payload_matches_the_example_files(client):
    payload = json.loads((ROOT / "examples" / "compare_leerrekening.json").read_text(encoding="utf-8"))
    assert payload["situatie"] == SANNE
    assert payload["amendement"] == load_amendment_file(LEERREKENING_1000)
    response = client.post("/compare", data=json.dumps(payload))
    saldo = next(i for i in response.get_json()["vergelijking"] if i["variabele"] == "leerrekening_saldo")
    assert saldo["waarden"][0]["hervorming"] == 3200.0


def test_each_reform_folder_is_its_key():
    """One shape: reforms/<key>/__init__.py defines the reform <key>; amendementen/<key>.yaml an amendment."""
    import openfisca_llo.reforms as package

    folder = Path(package.__file__).parent
    packages = {p.name for p in folder.iterdir() if (p / "__init__.py").is_file() and not p.name.startswith("_")}
    amendments = {p.stem for p in (folder / "amendementen").glob("*.yaml")}
    assert set(REFORMS) == packages | amendments
    for key in packages:
        assert REFORMS[key].__module__ == f"openfisca_llo.reforms.{key}"
        assert getattr(package, key) is REFORMS[key]  # the path YAML tests and apply_reform use


STAP_1500 = {"naam": "stap_maximum_1500", "bronnen": [{"bron": "kst-30012-158", "paragraaf": "2"}],
             "wijzigingen": {"stap.maximum_per_kalenderjaar": {"2023-01-01": 1500}}}


def stap_case(costs: int) -> str:
    """One STAP case in May 2023 (Anna's inputs, examples/stap_anna.json) with the given course costs."""
    return f"""- name: STAP kosten {costs}
  period: 2023-05-15
  input:
    geboortedatum: 1985-06-01
    stap_scholingskosten: {costs}
    stap_maanden_verzekerd_referteperiode: 24
    stap_scholing_in_scholingsregister: true
  output:
    stap_budget: 1000
"""


def test_the_cached_law_side_follows_an_edited_case(tax_benefit_system, tmp_path):
    """The law's outcomes are cached per specification; editing a case file runs it again. Maximum EUR 1.000
    (kst-30012-142, paragraaf STAP-budget), EUR 1.500 under the amendment: costs of EUR 3.450 change
    (1.000 -> 1.500); costs of EUR 800 are covered in full under both and change nothing."""
    reform = reformed_system(tax_benefit_system, STAP_1500)
    case = tmp_path / "stap.yaml"
    case.write_text(stap_case(3450), encoding="utf-8")
    changes = spec_impact(tax_benefit_system, reform, tmp_path)
    assert [(c["variabele"], c["wet"], c["hervorming"]) for c in changes] == [("stap_budget", [1000.0], [1500.0])]
    case.write_text(stap_case(800) + "# edited\n", encoding="utf-8")
    assert spec_impact(tax_benefit_system, reform, tmp_path) == []


def test_the_law_side_can_be_prepared_in_the_background(tax_benefit_system, tmp_path):
    """The amendment page starts the law's side early; the result is the same as computed on demand."""
    import threading

    (tmp_path / "stap.yaml").write_text(stap_case(3450), encoding="utf-8")
    prepare_spec_impact(tax_benefit_system, tmp_path)
    for thread in [t for t in threading.enumerate() if t.name == "spec-impact-wet"]:
        thread.join(timeout=120)
    from openfisca_llo import compare

    assert any(key[0] == id(tax_benefit_system) and key[1] == str(tmp_path.resolve()) for key in compare._SPEC)
    changes = spec_impact(tax_benefit_system, reformed_system(tax_benefit_system, STAP_1500), tmp_path)
    assert [(c["wet"], c["hervorming"]) for c in changes] == [([1000.0], [1500.0])]


def test_unknown_under_both_systems_is_no_change():
    """NaN (onbekend) under the law and under the reform is the same outcome, not a change."""
    nan = float("nan")
    assert _same([nan, 1.0], [nan, 1.0])
    assert not _same([nan], [0.0]) and not _same([0.0], [nan]) and not _same([1.0], [2.0])

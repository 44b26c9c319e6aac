"""The overview per person or employer on a date, the timeline of the law, and their golden texts."""

import datetime
import difflib
import json
import os
from pathlib import Path

import pytest

from openfisca_llo.overzicht import SCHEMES, overzicht, render_overzicht, tijdlijn
from openfisca_llo.web import create_app

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "overzicht"
WERKNEMER = json.loads((ROOT / "examples" / "werknemer_45.json").read_text(encoding="utf-8"))
WERKGEVER = json.loads((ROOT / "examples" / "mkb_werkgever_2025.json").read_text(encoding="utf-8"))

CASES = [
    ("werknemer_45_2021", WERKNEMER, "2021-06-01"),
    ("werknemer_45_2022", WERKNEMER, "2022-06-01"),
    ("werknemer_45_2024", WERKNEMER, "2024-06-01"),
    ("werknemer_45_2025", WERKNEMER, "2025-06-01"),
    ("mkb_werkgever_2025", WERKGEVER, "2025-06-01"),
]


@pytest.mark.parametrize(("name", "situation", "date"), CASES, ids=[c[0] for c in CASES])
def test_overview_matches_the_saved_text(tax_benefit_system, name, situation, date):
    text = render_overzicht(overzicht(tax_benefit_system, situation, datetime.date.fromisoformat(date)))
    expected_file = GOLDEN / f"{name}.txt"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        expected_file.write_text(text, encoding="utf-8")
    diff = "".join(difflib.unified_diff(expected_file.read_text(encoding="utf-8").splitlines(True), text.splitlines(True)))
    assert not diff, diff


def _status(result, plural, instance, scheme):
    return next(e for e in result["overzicht"][plural][instance] if e["regeling"] == scheme)


def test_overview_follows_the_schemes_lives(tax_benefit_system):
    """Sanne (born 1-3-1980, mbo-2, 24 months insured): scholingsaftrek until 2021, STAP in 2022-2023 only,
    the STAP-ontwikkeladvies for at most MBO-2 in 2022 (Stcrt. 2022, 8302, art. 1)."""
    def on(date):
        return overzicht(tax_benefit_system, WERKNEMER, datetime.date.fromisoformat(date))

    assert _status(on("2021-06-01"), "personen", "sanne", "scholingsaftrek")["status"] == "mogelijk"
    assert _status(on("2022-06-01"), "personen", "sanne", "scholingsaftrek")["reden"] == "afgeschaft"
    assert _status(on("2022-06-01"), "personen", "sanne", "stap_budget")["status"] == "mogelijk"
    assert _status(on("2022-06-01"), "personen", "sanne", "stap_budget")["maximum"] == 1000
    assert _status(on("2022-06-01"), "personen", "sanne", "stap_ontwikkeladvies")["status"] == "van_toepassing"
    assert _status(on("2024-06-01"), "personen", "sanne", "stap_budget")["reden"] == "regeling_beeindigd"
    assert _status(on("2025-06-01"), "personen", "sanne", "stap_ontwikkeladvies")["reden"] == "buiten_aanmeldperiode"


def test_overview_for_an_employer_lists_the_employer_schemes(tax_benefit_system):
    result = overzicht(tax_benefit_system, WERKGEVER, datetime.date(2025, 6, 1))
    schemes = {e["regeling"] for e in result["overzicht"]["ondernemingen"]["zorgbedrijf"]}
    assert schemes == {s.key for s in SCHEMES if s.entiteit == "ondernemingen"}


def test_every_scheme_variable_exists(tax_benefit_system):
    for scheme in SCHEMES:
        for name in (scheme.bedrag, scheme.reden, scheme.recht):
            assert name is None or name in tax_benefit_system.variables, name
        for path, _ in scheme.looptijd:
            node = tax_benefit_system.parameters
            for part in path.split("."):
                node = node.children[part]
        if scheme.reden:
            items = {i.name for i in tax_benefit_system.variables[scheme.reden].possible_values}
            assert scheme.aanvraag_redenen <= items, scheme.key


def test_timeline_lists_the_stap_changes_of_2023_with_sources(tax_benefit_system):
    events = tijdlijn(tax_benefit_system, datetime.date(2023, 9, 1), datetime.date(2023, 12, 31))
    ocw = [e for e in events if e["naam"] == "stap.alleen_ocw_erkende_scholing"]
    assert ocw and ocw[0]["datum"] == "2023-09-18" and ocw[0]["nieuw"] is True
    assert ocw[0]["bronnen"][0]["bron"] == "stcrt-2023-20707"
    assert all(e["bronnen"] for e in events)


def test_overzicht_endpoint():
    client = create_app().test_client()
    response = client.post("/overzicht", data=json.dumps({"situatie": WERKNEMER, "datum": "2022-06-01"}))
    assert response.status_code == 200
    entries = response.get_json()["overzicht"]["personen"]["sanne"]
    assert next(e for e in entries if e["regeling"] == "stap_ontwikkeladvies")["status"] == "van_toepassing"
    text = client.post("/overzicht?format=text", data=json.dumps({"situatie": WERKNEMER, "datum": "2022-06-01"}))
    assert text.status_code == 200 and "STAP-budget — mogelijk" in text.get_data(as_text=True)
    bad = client.post("/overzicht", data=json.dumps({"situatie": WERKNEMER, "datum": "2022-02-30"}))
    assert bad.status_code == 400 and "datum" in bad.get_json()["error"]


@pytest.mark.parametrize("date", ["2019-06-01", "2021-06-01", "2022-06-01", "2023-06-01", "2024-06-01",
                                  "2025-06-01", "2027-03-01"])
def test_the_end_date_is_stated_once_and_mogelijk_has_no_refusal_reason(tax_benefit_system, date):
    """A refusal outside the scheme's life already says when the scheme ran (the reason texts of the Enums, e.g.
    'Sinds 1 januari 2024 is er geen budget'), so the looptijd line is left out there; a 'mogelijk' scheme shows
    its looptijd and no refusal reason."""
    for situation in (WERKNEMER, WERKGEVER):
        result = overzicht(tax_benefit_system, situation, datetime.date.fromisoformat(date))
        blocks = render_overzicht(result).split("\n- ")[1:]
        entries = [e for instances in result["overzicht"].values() for entry in instances.values() for e in entry]
        assert len(blocks) == len(entries)
        for block, entry in zip(blocks, entries, strict=True):
            lines = block.splitlines()
            has_reason = any(line.startswith("    reden:") for line in lines)
            has_looptijd = any(line.startswith("    looptijd:") for line in lines)
            inside = any((s["van"] or "0000") <= date <= (s["tot_en_met"] or "9999") for s in entry["looptijd"])
            if entry["status"] == "mogelijk":
                assert not has_reason, block
            if has_reason and entry["looptijd"] and not inside:
                assert not has_looptijd, block
            if entry["looptijd"] and (inside or not has_reason):
                assert has_looptijd, block


def test_stap_after_its_budget_ended_states_the_end_once(tax_benefit_system):
    """Sanne on 1-6-2025: no STAP budget or tijdvak since 1-1-2024 (Kamerstuk 30012, nr. 158, par. 2); the
    looptijd 01-01-2022 t/m 31-12-2023 is not repeated under that reason."""
    text = render_overzicht(overzicht(tax_benefit_system, WERKNEMER, datetime.date(2025, 6, 1)))
    block = text.split("- STAP-budget — ")[1].split("\n- ")[0]
    assert block.splitlines()[:2] == ["niet van toepassing",
                                      "    reden: Sinds 1 januari 2024 is er geen budget en geen aanvraagtijdvak meer"]
    assert "31-12-2023" not in block
    open_2022 = render_overzicht(overzicht(tax_benefit_system, WERKNEMER, datetime.date(2022, 6, 1)))
    block = open_2022.split("- STAP-budget — ")[1].split("\n- ")[0]
    assert block.count("31-12-2023") == 1 and "reden:" not in block

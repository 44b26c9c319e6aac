"""The command line through ``main()``: Dutch text without Python values, Dutch dates and money, errors as `Fout:`."""

import datetime
import json
import re
from pathlib import Path

import pytest

from openfisca_llo.cli import main
from openfisca_llo.overzicht import tijdlijn

ROOT = Path(__file__).resolve().parents[2]
ANNA = str(ROOT / "examples" / "stap_anna.json")
SANNE = str(ROOT / "examples" / "werknemer_45.json")
LEERREKENING = str(ROOT / "examples" / "leerrekening_sanne.json")
# None/True/False, lists, and a number with a decimal point (3200.0; not Dutch 3.200,00 or 1.200.000,00)
PYTHON_VALUES = re.compile(r"\bNone\b|\bTrue\b|\bFalse\b|\[\d|\['|(?<![\d.])\d+\.\d+(?![\d,.])")


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_explain_shows_the_outcome_in_euros(capsys):
    """Anna, 15-5-2023: costs EUR 1.250, maximum EUR 1.000 per calendar year (Subsidieregeling STAP-budget,
    art. 5): the budget is EUR 1.000,00."""
    code, out, _ = run(capsys, "explain", ANNA, "stap_budget", "2023-05-15")
    assert code == 0
    assert "Uitkomst: EUR 1.000,00" in out
    assert "stap_budget, 15-05-2023)" in out


def test_explain_of_an_unknown_variable_is_an_error(capsys):
    code, _, err = run(capsys, "explain", ANNA, "bestaat_niet", "2023-05-15")
    assert code == 2 and err.startswith("Fout")


def test_compare_shows_no_python_values(capsys):
    code, out, _ = run(capsys, "compare", LEERREKENING, "--reform", "leerrekening_cpf_vervangt_stap")
    assert code == 0
    assert "Hervorming:" in out
    values = [line for line in out.splitlines() if line.startswith("  ")]
    assert values and not [line for line in values if PYTHON_VALUES.search(line.split(" (bron:")[0])]


def test_compare_with_an_unknown_reform_names_the_allowed_ones(capsys):
    code, _, err = run(capsys, "compare", ANNA, "--reform", "bestaat_niet")
    assert code == 2 and "leerrekening_cpf" in err


def test_overzicht_in_dutch_dates_and_money(capsys):
    """Sanne on 1-6-2022: STAP possible up to the maximum of EUR 1.000 (art. 5), within its life 2022-2023."""
    code, out, _ = run(capsys, "overzicht", SANNE, "2022-06-01")
    assert code == 0
    assert out.startswith("Overzicht op 01-06-2022")
    assert "STAP-budget — mogelijk (bij een passende aanvraag): tot EUR 1.000,00" in out
    assert "looptijd: 01-01-2022 t/m 31-12-2023" in out


def test_overzicht_json_is_json(capsys):
    code, out, _ = run(capsys, "overzicht", SANNE, "2022-06-01", "--format", "json")
    assert code == 0 and json.loads(out)["datum"] == "2022-06-01"


def test_tijdlijn_in_dutch_without_python_values(capsys):
    code, out, _ = run(capsys, "tijdlijn", "2023-01-01", "2023-12-31")
    assert code == 0
    assert "01-01-2023  algemeen.aow_leeftijd: 799 maanden -> 802 maanden" in out  # art. 7a lid 1 AOW
    changes = [line.split("  (")[0] for line in out.splitlines() if not line.startswith(" ")]
    assert changes and not [line for line in changes if PYTHON_VALUES.search(line)]


def test_tijdlijn_with_a_reversed_range_is_an_error(capsys):
    code, out, err = run(capsys, "tijdlijn", "2024-01-01", "2023-01-01")
    assert code == 2 and not out
    assert err.startswith("Fout:") and "2024-01-01" in err


def test_tijdlijn_lists_only_changes(tax_benefit_system):
    events = tijdlijn(tax_benefit_system, datetime.date(2015, 1, 1), datetime.date(2030, 12, 31))
    parameters = [e for e in events if e["soort"] == "parameter"]
    assert parameters
    assert not [e for e in parameters if not e["eerste_waarde"] and e["oud"] == e["nieuw"]]


@pytest.mark.parametrize("argv", [["overzicht", SANNE, "2022-02-30"], ["tijdlijn", "2023-13-01", "2023-12-31"]])
def test_a_bad_date_is_an_error_naming_it(capsys, argv):
    code, _, err = run(capsys, *argv)
    assert code == 2 and err.startswith("Fout:") and "JJJJ-MM-DD" in err

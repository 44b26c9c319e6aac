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
    code, out, _ = run(capsys, "uitleg", ANNA, "stap_budget", "2023-05-15")
    assert code == 0
    assert "Uitkomst: EUR 1.000,00" in out
    assert "stap_budget, 15-05-2023)" in out


def test_explain_of_an_unknown_variable_is_an_error(capsys):
    code, _, err = run(capsys, "uitleg", ANNA, "bestaat_niet", "2023-05-15")
    assert code == 2 and err.startswith("Fout")


def test_compare_shows_no_python_values(capsys):
    code, out, _ = run(capsys, "vergelijk", LEERREKENING, "--hervorming", "leerrekening_cpf_vervangt_stap")
    assert code == 0
    assert "Hervorming:" in out
    values = [line for line in out.splitlines() if line.startswith("  ")]
    assert values and not [line for line in values if PYTHON_VALUES.search(line.split(" (bron:")[0])]


def test_compare_with_an_unknown_reform_names_the_allowed_ones(capsys):
    code, _, err = run(capsys, "vergelijk", ANNA, "--hervorming", "bestaat_niet")
    assert code == 2 and "leerrekening_cpf" in err


def test_overzicht_in_dutch_dates_and_money(capsys):
    """Sanne on 1-6-2022: STAP possible up to the maximum of EUR 1.000 (art. 5), within its life 2022-2023."""
    code, out, _ = run(capsys, "overzicht", SANNE, "2022-06-01")
    assert code == 0
    assert out.startswith("Overzicht op 01-06-2022")
    assert "STAP-budget — mogelijk (bij een passende aanvraag): tot EUR 1.000,00" in out
    assert "looptijd: 01-01-2022 t/m 31-12-2023" in out


def test_overzicht_json_is_json(capsys):
    code, out, _ = run(capsys, "overzicht", SANNE, "2022-06-01", "--formaat", "json")
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


def test_version(capsys):
    from openfisca_llo.contract import country_package_version

    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"openfisca-llo {country_package_version()}"


def test_hervormingen_lists_every_reform_by_the_name_for_reform(capsys):
    from openfisca_llo.reforms import REFORMS

    code, out, _ = run(capsys, "hervormingen")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == list(REFORMS)
    code, out, _ = run(capsys, "hervormingen", "--formaat", "json")
    assert set(json.loads(out)) == set(REFORMS)


def test_an_english_command_still_works_with_a_notice(capsys):
    code, out, err = run(capsys, "explain", ANNA, "stap_budget", "2023-05-15")
    assert code == 0 and "Uitkomst: EUR 1.000,00" in out
    assert "'explain' heet nu 'uitleg'" in err


def test_an_unknown_command_offers_only_the_dutch_names(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["bestaatniet"])
    err = capsys.readouterr().err
    assert stop.value.code == 2 and "Fout: argument OPDRACHT: ongeldige keuze: 'bestaatniet'" in err
    assert "'uitleg'" in err and "'bronnen'" in err
    assert not any(f"'{english}'" in err for english in ("explain", "citations", "compare", "population"))


def test_every_option_has_help():
    import argparse

    from openfisca_llo.cli import build_parser

    parser = build_parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, command in subparsers.choices.items():
        for action in command._actions:
            if action.option_strings and action.dest != "help":
                assert action.help, f"{name} {action.option_strings[0]}"


def test_serve_on_a_busy_port_says_so_and_how_to_pick_another(capsys):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code, _, err = run(capsys, "serve", "--port", str(port))
    assert code == 2
    assert err.startswith(f"Fout: --port {port}") and "al in gebruik" in err and f"PORT={port + 1}" in err


@pytest.mark.parametrize(("argv", "named"), [
    (["uitleg", ANNA, "stap_budget", "2023-5-15"], "PERIODE '2023-5-15'"),
    (["uitleg", "bestaat_niet.json", "stap_budget", "2023-05-15"], "bestaat_niet.json bestaat niet"),
    (["vergelijk", ANNA], "--hervorming"),
    (["vergelijk", ANNA, "--hervorming", "bestaat_niet"], "--hervorming bestaat_niet"),
    (["vergelijk", ANNA, "--amendement", "bestaat_niet.yaml"], "--amendement bestaat_niet.yaml"),
    # the AOW-leeftijd is set five years ahead (AOW art. 7a lid 2): known to 2031, so a budget for 2032 cannot be made
    (["budget", "--synthetisch", "10", "--jaar", "2032"], "--jaar, --van en --tot: de jaren liggen van 2020 tot en met 2031"),
    (["budget", "--synthetisch", "10", "--van", "2019", "--tot", "2021"], "--jaar, --van en --tot"),
])
def test_errors_are_dutch_and_name_the_argument(capsys, argv, named):
    code, out, err = run(capsys, *argv)
    assert code == 2 and not out
    assert err.startswith("Fout:") and named in err
    assert "Errno" not in err and "Expected a period" not in err


def test_populatie_counts_in_dutch(capsys, tmp_path):
    code, out, _ = run(capsys, "populatie", "--aantal", "1500", "--startwaarde", "1", "--uitvoer", str(tmp_path / "p.csv"))
    assert code == 0 and ": 1.500 personen (SYNTHETISCH)" in out


# ---- one naming rule for options (README, 'Command line') --------------------------------------------------------

ENGLISH_OPTIONS = {"--reform", "--amendment", "--tests", "--size", "--seed", "--out", "--format", "--year",
                   "--population", "--engine", "--scheduler", "--chunk", "--quiet", "--json", "--loting-seed",
                   "--workers", "--host", "--port"}


def _commands():
    import argparse

    from openfisca_llo.cli import build_parser

    parser = build_parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return subparsers.choices


def test_every_visible_option_is_dutch_except_serve():
    """The rule: options are Dutch; only `serve` keeps openfisca serve's --host/--port/--workers."""
    import argparse

    for name, command in _commands().items():
        visible = {o for a in command._actions if a.help != argparse.SUPPRESS for o in a.option_strings}
        english = visible & ENGLISH_OPTIONS
        if name == "serve":
            assert english == {"--host", "--port", "--workers"}
        else:
            assert not english, f"{name}: {sorted(english)}"
        assert not ENGLISH_OPTIONS & set(command.format_help().split()) or name == "serve", name


def test_help_and_usage_are_dutch(capsys):
    with pytest.raises(SystemExit):
        main(["budget", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("gebruik: openfisca-llo budget") and "opties:" in out and "toon deze hulp en stop" in out
    assert "usage" not in out and "show this help" not in out and "--reform" not in out


@pytest.mark.parametrize(("english", "dutch", "argv"), [
    ("--reform", "--hervorming", ["vergelijk", LEERREKENING, "--reform", "leerrekening_cpf_vervangt_stap"]),
    ("--format", "--formaat", ["hervormingen", "--format", "json"]),
])
def test_an_english_option_still_works_with_a_notice(capsys, english, dutch, argv):
    code, out, err = run(capsys, *argv)
    assert code == 0 and out
    assert f"Let op: '{english}' heet nu '{dutch}'; de Engelse naam verdwijnt in versie 1.0." in err
    code, same, _ = run(capsys, *[dutch if arg == english else arg for arg in argv])
    assert same == out


def test_format_text_is_tekst_with_a_notice(capsys):
    code, out, err = run(capsys, "hervormingen", "--formaat", "text")
    assert code == 0 and "'text' heet nu 'tekst'" in err
    assert out == run(capsys, "hervormingen", "--formaat", "tekst")[1]


def test_mutatietoets_json_flag_is_formaat_json():
    from openfisca_llo.cli import build_parser

    assert build_parser().parse_args(["mutatietoets", "--json"]).formaat == "json"


@pytest.mark.parametrize(("argv", "named"), [
    (["populatie", "--aantal", "10", "--uitvoer", "p.xlsx"], "--uitvoer p.xlsx: kies een bestand op .csv of .parquet"),
    (["populatie", "--aantal", "10"], "geef --uitvoer"),
    (["budget", "--populatie", "/bestaat/niet", "--jaar", "2023"], "--populatie /bestaat/niet: bestand of map bestaat niet"),
    (["kalibratie", "--startwaarde", "abc"], "optie --startwaarde: verwacht een geheel getal, kreeg 'abc'"),
])
def test_more_errors_name_the_dutch_option(capsys, tmp_path, monkeypatch, argv, named):
    monkeypatch.chdir(tmp_path)
    try:
        code = main(argv)
    except SystemExit as stop:  # argparse
        code = stop.code
    out, err = capsys.readouterr()
    assert code == 2 and not out
    assert err.splitlines()[-1].startswith("Fout:") and named in err, err
    assert "Errno" not in err and "invalid" not in err
    assert not list(tmp_path.iterdir())  # nothing written


# ---- vergelijk --toetsen: a case that cannot run is named with what is wrong, in Dutch -------------------------

BAD_CASES = """\
- name: onbekende variabele
  period: 2023-05-15
  input:
    bestaat_niet: 3
  output:
    stap_budget: 0
- name: slechte waarde
  period: 2023-05-15
  input:
    stap_scholingskosten: abc
  output:
    stap_budget: 0
- name: slechte periode
  period: "2023-13-15"
  input: {}
  output:
    stap_budget: 0
- name: onbekende hervorming
  period: 2023-05-15
  reforms: [openfisca_llo.reforms.bestaat_niet.X]
  input: {}
  output:
    stap_budget: 0
"""


def test_vergelijk_toetsen_names_case_file_and_problem_in_dutch(capsys, tmp_path):
    (tmp_path / "gevallen.yaml").write_text(BAD_CASES, encoding="utf-8")
    code, out, _ = run(capsys, "vergelijk", "--hervorming", "stap_voortgezet", "--toetsen", str(tmp_path),
                       "--formaat", "json")
    assert code == 0
    errors = [change["fout"] for change in json.loads(out)]
    assert errors == [
        "gevallen.yaml, geval 0 ('onbekende variabele'): onder de wet: de invoer noemt de variabele 'bestaat_niet', "
        "die in dit model niet bestaat",
        "gevallen.yaml, geval 1 ('slechte waarde'): onder de wet: de invoer van 'stap_scholingskosten' past niet bij "
        "de variabele; verwacht een getal",
        "gevallen.yaml, geval 2 ('slechte periode'): onder de wet: de periode '2023-13-15' is geen periode; schrijf "
        "JJJJ-MM-DD (een dag), JJJJ-MM (een maand) of JJJJ (een jaar)",
        "gevallen.yaml, geval 3 ('onbekende hervorming'): onder de wet: de hervorming "
        "'openfisca_llo.reforms.bestaat_niet' onder 'reforms:' bestaat niet",
    ]
    code, out, _ = run(capsys, "vergelijk", "--hervorming", "stap_voortgezet", "--toetsen", str(tmp_path))
    assert out.startswith("0 uitkomst(en) van YAML-gevallen veranderen onder de hervorming; 4 geval(len) kunnen niet")
    assert not re.search(r"Error|Traceback|Unable|Could not|dtype|NoneType", out)


def test_a_date_that_does_not_exist_in_a_yaml_file_is_named(capsys, tmp_path):
    (tmp_path / "datum.yaml").write_text("- name: x\n  period: 2023-13-15\n  output: {stap_budget: 0}\n", encoding="utf-8")
    code, out, err = run(capsys, "vergelijk", "--hervorming", "stap_voortgezet", "--toetsen", str(tmp_path))
    assert code == 2 and not out
    assert err == f"Fout: {tmp_path / 'datum.yaml'}: '2023-13-15' is geen bestaande datum (regel 2, kolom 11)\n"


def test_uitleg_with_a_period_that_does_not_fit_the_input_is_dutch(capsys):
    """Anna's input is per day (stap_scholingskosten); a whole year as PERIODE cannot hold it."""
    code, out, err = run(capsys, "uitleg", ANNA, "stap_budget", "2023")
    assert code == 2 and not out
    assert err.startswith("Fout: de invoer van 'stap_scholingskosten' geldt voor 2023, maar deze variabele wordt per "
                          "dag ingevuld")
    assert "maintainer" not in err and "Unable" not in err


def test_bronnen_writes_percentages_with_a_decimal_comma(capsys):
    code, out, _ = run(capsys, "bronnen")
    assert code == 0
    assert re.search(r"^Dekking: \d{1,3},\d%$", out, re.M)
    table = out.split("herkomst?%")[1].split("\n\n")[0]
    assert re.search(r"\d,\d", table) and not re.search(r"\d\.\d", table)


def test_budget_text_is_dutch(capsys, tmp_path):
    code, out, _ = run(capsys, "budget", "--synthetisch", "200", "--jaar", "2023", "--regeling", "stap_budget",
                       "--uitvoer", str(tmp_path / "uit"), "--stil")
    assert code == 0
    assert "startwaarde loting 20200302; rekenwijze proces." in out
    assert "seed" not in out and "engine" not in out


def test_budget_with_an_unknown_scheme_lists_the_allowed_ones_without_python_lists(capsys):
    code, out, err = run(capsys, "budget", "--synthetisch", "10", "--jaar", "2023", "--regeling", "bestaat", "--stil")
    assert code == 2 and not out
    assert err.startswith("Fout: onbekende regeling bestaat; kies uit evc_overbrugging, ")
    assert "[" not in err and "'" not in err

"""The mutation measure (openfisca_llo.mutatietoets, `openfisca-llo mutatietoets`): mutants are made, run on the cases
that read what they change, undone afterwards, and checked against the reviewed survivors file."""

import subprocess
import sys
from pathlib import Path

import pytest

from openfisca_llo import docgen, mutatietoets

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"


@pytest.fixture(scope="module")
def built():
    return mutatietoets.build(TESTS, schemes={"scholingsaftrek"})


def test_every_case_passes_on_the_unchanged_law(built):
    _, trace, cases, _ = built
    assert len(cases) > 300
    assert trace.failures == {}


def test_a_date_between_two_equal_values_is_no_mutant():
    mutants, *_ = mutatietoets.build(TESTS, schemes={"algemeen"})
    ids = {m.id for m in mutants}
    # AOW-leeftijd 2019, 2020 and 2021 are all 796 months: moving 1-1-2020 changes nothing
    assert "algemeen.aow_leeftijd@2020-01-01:begindatum-1" not in ids
    assert "algemeen.aow_leeftijd@2022-01-01:begindatum-1" in ids


def test_parameter_and_formula_mutants_are_caught_and_undone(built):
    mutants, _, _, systems = built
    chosen = [m for m in mutants if m.id in {
        "scholingsaftrek.drempel@2013-01-01:getal",
        "variables/scholingsaftrek/scholingsaftrek_afwijzingsgrond.py:scholingsaftrek_afwijzingsgrond.formula:> -> >= #1",
    }]
    assert len(chosen) == 2
    drempel = systems.baseline.parameters.scholingsaftrek.drempel
    formula = systems.baseline.variables["scholingsaftrek_afwijzingsgrond"].formulas.values()[0]
    mutatietoets.run(chosen, systems)
    assert all(m.caught_by for m in chosen), [(m.id, m.caught_by) for m in chosen]
    # the value mutant names every case reading the value that fails: the EUR 250 threshold cases
    assert "tests/scholingsaftrek/aftrek.yaml#3" in chosen[0].pinned_by
    assert drempel("2015-06-01") == 250
    assert systems.baseline.variables["scholingsaftrek_afwijzingsgrond"].formulas.values()[0] is formula


def _result(*mutants):
    return mutatietoets.Result(list(mutants), mutatietoets.Trace(), [], 0.0)


def _mutant(mutant_id, caught_by=None):
    return mutatietoets.Mutant(mutant_id, "getal", "x", mutant_id, lambda: (lambda: None), caught_by=caught_by)


def test_the_survivors_file_is_checked_both_ways():
    result = _result(_mutant("a@1900-01-01:begindatum-1"), _mutant("b@2020-01-01:getal"), _mutant("c@2020-01-01:getal", "t#1"))
    explained = [
        mutatietoets.Explained("*@1900-01-01:*", "tijdelijke aanduiding"),
        mutatietoets.Explained("c@2020-01-01:getal", "beweerd zonder verschil"),
        mutatietoets.Explained("d@2020-01-01:getal", "bestaat niet"),
    ]
    problems = mutatietoets.check_explained(result, explained)
    assert [m.id for m in problems["onverklaard"]] == ["b@2020-01-01:getal"]
    assert [m.id for m in problems["vermeld_maar_gevangen"]] == ["c@2020-01-01:getal"]
    assert problems["vermeld_zonder_mutatie"] == ["d@2020-01-01:getal"]
    # a reviewed 'no difference' survivor leaves the denominator; an open one does not
    assert result.table()[("x", "alle")] == [1, 2, 3]


def test_formula_ids_with_a_star_match_only_themselves():
    result = _result(_mutant("f.py:g:* -> / #1"), _mutant("f.py:g:// -> / #1", "t#1"))
    problems = mutatietoets.check_explained(result, [mutatietoets.Explained("f.py:g:* -> / #1", "reden")])
    assert not any(problems.values())


def test_cli_rejects_an_unknown_kind():
    run = subprocess.run([sys.executable, "-m", "openfisca_llo.cli", "mutatietoets", "--soort", "onzin"],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 2
    assert run.stderr.startswith("Fout: --soort: onbekend onzin")


def test_docs_cell_lists_pinning_cases_or_flags_the_value():
    assert docgen.pinned_cell({"waarde": "gevangen", "vastgepind_door": [{"geval": "tests/a.yaml#1"}], "datum": []}) \
        == "``tests/a.yaml#1``"
    assert "niet vastgepind" in docgen.pinned_cell({"waarde": "open", "vastgepind_door": [], "datum": []})
    assert "ingangsdatum niet vastgepind" in docgen.pinned_cell(
        {"waarde": "gevangen", "vastgepind_door": [], "datum": [{"status": "open"}]})

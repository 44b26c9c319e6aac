"""Population budgets: the schema, the synthetic generator, first-come-first-served STAP plafonds, the leerrekening
costs and the `openfisca-llo budget` command, on small populations whose outcomes are worked out by hand."""

from pathlib import Path

import numpy as np
import pytest

from openfisca_llo import population as pop
from openfisca_llo.budget import (
    CALIBRATION_SEED,
    CALIBRATION_SIZE,
    calibration,
    calibration_rst,
    compute_budget,
    first_come_first_served,
    stap_year,
)
from openfisca_llo.cli import main
from openfisca_llo.compare import resolve_reform

ROOT = Path(__file__).resolve().parents[2]
CALIBRATION_TABLE = ROOT / "docs" / "handleidingen" / "kalibratie_tabel.inc"


def make(rows: list[dict]) -> pop.Population:
    """A population from rows given as dicts (text values, as a CSV would give them)."""
    defaults = {"geboortedatum": "1980-01-01", "opleidingsniveau": "mbo_4", "maanden_verzekerd": "24",
                "stap_in_scholingsregister": "1", "stap_ocw_erkend": "1"}
    names = sorted({key for row in rows for key in row} | set(defaults))
    columns = {name: np.array([str(row.get(name, defaults.get(name, ""))) for row in rows]) for name in names}
    return pop.from_columns(columns)


# ---- schema ------------------------------------------------------------------------------------------------------


def test_csv_round_trip_keeps_every_column(tmp_path):
    population = pop.generate(500, seed=3)
    path = pop.save(population, tmp_path / "p.csv")
    assert path.read_text(encoding="utf-8").startswith("# SYNTHETISCHE populatie")
    loaded = pop.load(path)
    assert loaded.synthetic and len(loaded) == 500
    for field in ("id", "opleidingsniveau", "maanden_verzekerd", "stap_scholingskosten", "stap_ocw_erkend",
                  "stap_in_scholingsregister", "ontvangt_studiefinanciering", "halftijds_gewerkt",
                  "aanvraagvolgorde", "gewicht"):
        assert np.array_equal(getattr(loaded, field), getattr(population, field)), field
    for field in ("geboortedatum", "stap_aanvraagdatum"):
        assert np.array_equal(getattr(loaded, field).astype(np.int64), getattr(population, field).astype(np.int64))
    assert sorted(loaded.leerrekening_scholingskosten) == pop.LEERREKENING_YEARS
    assert all(np.array_equal(loaded.leerrekening_scholingskosten[y], population.leerrekening_scholingskosten[y])
               for y in pop.LEERREKENING_YEARS)


def test_parquet_round_trip(tmp_path):
    pytest.importorskip("pyarrow")
    population = pop.generate(300, seed=4)
    loaded = pop.load(pop.save(population, tmp_path / "p.parquet"))
    assert loaded.synthetic
    assert np.array_equal(loaded.stap_aanvraagdatum.astype(np.int64), population.stap_aanvraagdatum.astype(np.int64))
    assert np.array_equal(loaded.stap_scholingskosten, population.stap_scholingskosten)


def test_optional_columns_have_defaults():
    population = make([{"id": "a"}, {"id": "b", "stap_aanvraagdatum": "2023-05-02", "stap_scholingskosten": "400"}])
    assert list(population.gewicht) == [1.0, 1.0]
    assert list(population.aanvraagvolgorde) == [0.0, 1.0]  # the row order
    assert list(population.applicants(2023)) == [1] and list(population.applicants(2022)) == []
    assert population.leerrekening_scholingskosten == {}


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("geboortedatum", "1980-02-30", "kolom 'geboortedatum', rij 2"),
        ("opleidingsniveau", "master", "onbekende waarde 'master'"),
        ("maanden_verzekerd", "30", "0 tot en met 24"),
        ("stap_scholingskosten", "-5", "kolom 'stap_scholingskosten', rij 2"),
        ("stap_ocw_erkend", "misschien", "verwacht 0 of 1"),
        ("gewicht", "0", "groter dan 0"),
        ("onbekend", "1", "onbekende kolom"),
    ],
)
def test_bad_values_name_column_and_row(column, value, message):
    with pytest.raises(pop.PopulationError, match=message):
        make([{"id": "a"}, {"id": "b", column: value}])


def test_missing_required_column_and_duplicate_ids(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("id,geboortedatum\nx,1980-01-01\n", encoding="utf-8")
    with pytest.raises(pop.PopulationError, match="verplichte kolom"):
        pop.load(path)
    with pytest.raises(pop.PopulationError, match="dubbele ids"):
        make([{"id": "a"}, {"id": "a"}])


# ---- the generator -----------------------------------------------------------------------------------------------


def test_generator_is_deterministic_per_seed():
    a, b, c = pop.generate(2000, seed=11), pop.generate(2000, seed=11), pop.generate(2000, seed=12)
    assert np.array_equal(a.geboortedatum, b.geboortedatum)
    assert np.array_equal(a.stap_scholingskosten, b.stap_scholingskosten)
    assert np.array_equal(a.aanvraagvolgorde, b.aanvraagvolgorde)
    assert not np.array_equal(a.geboortedatum, c.geboortedatum)


def test_generator_follows_the_cited_applicant_profile():
    population = pop.generate(200_000, seed=1)
    applicants = population.applicants(2023)
    assert abs(len(applicants) / len(population) - pop.APPLICATION_RATE) < 0.002
    from openfisca_llo.budget import age_on

    ages = age_on(population, "2023-01-01")
    assert 18 <= ages.min() and ages.max() <= 66
    assert abs((ages[applicants] >= 50).mean() - pop.APPLICANTS_50_PLUS) < 0.015
    low = np.isin(population.opleidingsniveau[applicants], [pop.LEVELS.index(x) for x in pop.AT_MOST_MBO4])
    assert abs(low.mean() - pop.APPLICANTS_AT_MOST_MBO4) < 0.015
    dates = population.stap_aanvraagdatum[applicants]
    assert dates.min() >= np.datetime64("2023-03-17") and dates.max() <= np.datetime64("2023-12-31")
    assert np.isclose(population.gewicht.sum(), pop.POPULATION_18_TO_AOW)


# ---- first come, first served ------------------------------------------------------------------------------------


def test_first_come_first_served_on_arrays():
    # one group, plafond 10: amounts 4, 4, 3 (does not fit: 11), 2 (fits: 10), 1 (room 0)
    granted, before = first_come_first_served(
        np.zeros(5, dtype=np.int64), [np.arange(5)], np.array([4.0, 4, 3, 2, 1]), np.ones(5), np.full(5, 10.0))
    assert list(granted) == [True, True, False, True, False]
    assert list(before) == [0, 4, 8, 8, 10]
    # no plafond (NaN): everything with an amount is granted
    granted, _ = first_come_first_served(np.zeros(3, dtype=np.int64), [np.arange(3)], np.array([5.0, 0, 5]),
                                         np.ones(3), np.full(3, np.nan))
    assert list(granted) == [True, False, True]


NOVEMBER = [
    # tijdvak from 15 November 2023, plafond EUR 10,000,000 (parameter stap.subsidieplafond_per_tijdvak)
    {"id": "a", "stap_aanvraagdatum": "2023-11-15", "stap_scholingskosten": "1000", "gewicht": "9990"},  # 9,990,000
    {"id": "q", "stap_aanvraagdatum": "2023-11-16", "stap_scholingskosten": "1000", "gewicht": "10", "aanvraagvolgorde": "2"},
    {"id": "p", "stap_aanvraagdatum": "2023-11-16", "stap_scholingskosten": "1000", "gewicht": "8", "aanvraagvolgorde": "1"},
    {"id": "c", "stap_aanvraagdatum": "2023-11-17", "stap_scholingskosten": "800", "gewicht": "5"},
    {"id": "d", "stap_aanvraagdatum": "2023-11-18", "stap_scholingskosten": "1500", "gewicht": "1"},
    {"id": "e", "stap_aanvraagdatum": "2023-11-19", "stap_scholingskosten": "600", "gewicht": "2"},
    {"id": "f", "stap_aanvraagdatum": "2023-11-20", "stap_scholingskosten": "250", "gewicht": "4"},
    {"id": "g", "stap_aanvraagdatum": "2023-11-21", "stap_scholingskosten": "10", "gewicht": "1"},
    {"id": "h", "stap_aanvraagdatum": "2023-11-21", "stap_scholingskosten": "1000", "gewicht": "1",
     "geboortedatum": "2010-01-01"},
    {"id": "s", "stap_aanvraagdatum": "2023-09-20", "stap_scholingskosten": "1000", "gewicht": "1"},
    {"id": "n", "opleidingsniveau": "wo"},  # no application
]


def test_first_come_first_served_in_the_november_2023_tijdvak(tax_benefit_system):
    """Worked out by hand, in order of receipt (plafond EUR 10,000,000):

    a 9,990 x 1,000 = 9,990,000 granted (sum 9,990,000); on 16 November p comes before q (aanvraagvolgorde 1 < 2):
    p 8 x 1,000 = 8,000 granted (9,998,000; room 2,000); q 10 x 1,000 = 10,000 refused; c 5 x 800 = 4,000 refused;
    d 1 x 1,000 (1,500 capped at the maximum) granted (room 1,000); e 2 x 600 = 1,200 refused; f 4 x 250 = 1,000
    granted (room 0); g 1 x 10 refused; h is 13 years old (te_jong, not a plafond refusal). Granted: 10,000,000.
    s is in the September tijdvak (plafond EUR 10,000,000 of its own): granted.
    """
    population = make(NOVEMBER)
    result = stap_year(tax_benefit_system, population, 2023)
    ids = population.id[result.index]
    granted = dict(zip(ids, result.granted, strict=True))
    assert granted == {"a": 1000, "q": 0, "p": 1000, "c": 0, "d": 1000, "e": 0, "f": 250, "g": 0, "h": 0, "s": 1000}
    reasons = tax_benefit_system.variables["stap_afwijzingsgrond"].possible_values
    names = {i: list(reasons)[r].name for i, r in zip(ids, result.reason, strict=True)}
    assert {i for i, n in names.items() if n == "subsidieplafond_bereikt"} == {"q", "c", "e", "g"}
    assert names["h"] == "te_jong" and names["a"] == "geen"
    assert result.disagreements == 0
    weight = population.gewicht[result.index]
    november = result.tijdvak == np.datetime64("2023-11-15")
    assert (weight * result.granted)[november].sum() == 10_000_000
    assert weight[result.refused_by_plafond].sum() == 10 + 5 + 2 + 1
    assert (weight * result.requested)[result.refused_by_plafond].sum() == 10_000 + 4_000 + 1_200 + 10


# ---- leerrekening ------------------------------------------------------------------------------------------------

LEERREKENING = [
    # x: hbo, half-time, 2x: deposits 500 (2027) and 500 (2028); wants 1,200 in 2028 -> spends the 1,000 there is
    {"id": "x", "geboortedatum": "1980-06-01", "opleidingsniveau": "hbo", "halftijds_gewerkt": "1", "gewicht": "2",
     "leerrekening_scholingskosten_2028": "1200"},
    # y: vmbo (below NLQF 3), half-time: 800 a year; spent 300 in 2027
    {"id": "y", "geboortedatum": "1990-03-01", "opleidingsniveau": "vmbo", "halftijds_gewerkt": "1",
     "leerrekening_scholingskosten_2027": "300"},
    {"id": "z", "geboortedatum": "1985-01-01", "halftijds_gewerkt": "0"},  # not half-time: nothing
    {"id": "u", "geboortedatum": "2012-03-01", "halftijds_gewerkt": "1"},  # 15 on 1 January 2028: nothing
    {"id": "v", "geboortedatum": "1960-01-15", "halftijds_gewerkt": "1"},  # past the AOW age in 2028: nothing
]


def test_leerrekening_cpf_budget_by_hand(tax_benefit_system):
    """2028 under leerrekening_cpf: deposits x 2 x 500 + y 800 = 1,800 (3 recipients, weighted); spending
    x 2 x min(1,200, 500 + 500) = 2,000; the law in force has no leerrekening (0)."""
    population = make(LEERREKENING)
    reform = resolve_reform(tax_benefit_system, reform="leerrekening_cpf")
    report = compute_budget(tax_benefit_system, reform, "leerrekening_cpf", population, [2028])
    rows = {(r["instrument"], r["scenario"]): r for r in report.totals}
    assert rows[("leerrekening_storting", "hervorming")]["kosten_eur"] == 1_800
    assert rows[("leerrekening_storting", "hervorming")]["ontvangers"] == 3
    assert rows[("leerrekening_besteding", "hervorming")]["kosten_eur"] == 2_000
    assert rows[("leerrekening_storting", "wet")]["kosten_eur"] == 0
    assert rows[("stap_budget", "wet")]["kosten_eur"] == 0
    winners = {(r["indeling"], r["groep"]): r for r in report.winners}
    assert winners[("opleidingsniveau", "hbo")]["winnaars"] == 2
    assert winners[("opleidingsniveau", "hbo")]["verschil_totaal_eur"] == 1_000
    assert winners[("opleidingsniveau", "vmbo")]["verschil_totaal_eur"] == 800
    assert winners[("opleidingsniveau", "mbo_4")]["winnaars"] == 0
    assert sum(r["verliezers"] for r in report.winners) == 0


# ---- the command -------------------------------------------------------------------------------------------------


def test_cli_population_and_budget_write_csv_and_png(tmp_path, capsys):
    population_file = tmp_path / "populatie.csv"
    assert main(["population", "--size", "3000", "--seed", "5", "--out", str(population_file)]) == 0
    out = tmp_path / "uit"
    assert main(["budget", "--reform", "leerrekening_cpf_vervangt_stap", "--population", str(population_file),
                 "--year", "2023", "--year", "2027", "--out", str(out), "--quiet"]) == 0
    printed = capsys.readouterr().out
    assert "SYNTHETISCHE populatie" in printed and "stap_budget" in printed
    budget_csv = (out / "budget.csv").read_text(encoding="utf-8")
    assert budget_csv.startswith("# Kosten per instrument") and "leerrekening_storting" in budget_csv
    assert "2023,stap_budget,wet" in budget_csv and "2027,leerrekening_storting,hervorming" in budget_csv
    tijdvakken = (out / "tijdvakken.csv").read_text(encoding="utf-8")
    assert "2023,wet,2023-11-15,10000000.0," in tijdvakken and "2023,hervorming,2023-11-15,10000000.0," in tijdvakken
    assert "leeftijd_1_januari" in (out / "winnaars_verliezers.csv").read_text(encoding="utf-8")
    assert (out / "budget.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_cli_budget_reports_bad_input(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("id,geboortedatum,opleidingsniveau,maanden_verzekerd\nx,1980-13-01,wo,24\n", encoding="utf-8")
    assert main(["budget", "--reform", "leerrekening_cpf", "--population", str(bad), "--quiet"]) == 2
    assert "kolom 'geboortedatum', rij 1" in capsys.readouterr().err
    assert main(["budget", "--reform", "bestaat_niet", "--population", str(bad), "--quiet"]) == 2


# ---- calibration -------------------------------------------------------------------------------------------------


def test_committed_calibration_table_is_current(tax_benefit_system):
    """docs/handleidingen/kalibratie_tabel.inc is what `openfisca-llo kalibratie --out ...` writes today."""
    regenerated = calibration_rst(calibration(tax_benefit_system), CALIBRATION_SIZE, CALIBRATION_SEED)
    assert CALIBRATION_TABLE.read_text(encoding="utf-8") == regenerated, (
        "run: openfisca-llo kalibratie --out docs/handleidingen/kalibratie_tabel.inc")

"""Population budgets: the schema, the synthetic generators, first-come-first-served and the lottery, every scheme,
onbekend counted apart, year ranges, amendment variants, the Dask engine and the `openfisca-llo budget` command,
on small populations whose outcomes are worked out by hand from the cited rules."""

import json
from pathlib import Path

import numpy as np
import pytest

from openfisca_llo import population as pop
from openfisca_llo.budget import (
    CALIBRATION_SEED,
    CALIBRATION_SIZE,
    PopulationSource,
    SyntheticSource,
    Variant,
    budget_small,
    calibration,
    calibration_rst,
    compute_budget,
    person_applications,
)
from openfisca_llo.cli import main
from openfisca_llo.kostenposten import BY_NAME, NIET_DOORGEREKEND, REGELINGEN, Aanvragen, evaluate
from openfisca_llo.toewijzing import first_come_first_served, lottery_numbers

ROOT = Path(__file__).resolve().parents[2]
CALIBRATION_TABLE = ROOT / "docs" / "handleidingen" / "kalibratie_tabel.inc"


def make(rows: list[dict]) -> pop.Population:
    """A population from rows given as dicts (text values, as a CSV would give them)."""
    defaults = {"geboortedatum": "1980-01-01", "opleidingsniveau": "mbo_4", "maanden_verzekerd": "24",
                "stap_in_scholingsregister": "1", "stap_ocw_erkend": "1"}
    names = sorted({key for row in rows for key in row} | set(defaults))
    columns = {name: np.array([str(row.get(name, defaults.get(name, ""))) for row in rows]) for name in names}
    return pop.from_columns(columns)


def rows_of(report, **match) -> list[dict]:
    return [r for r in report.totals if all(r[k] == v for k, v in match.items())]


def one(report, **match) -> dict:
    found = rows_of(report, **match)
    assert len(found) == 1, (match, found)
    return found[0]


# ---- schema ------------------------------------------------------------------------------------------------------


def test_csv_round_trip_keeps_every_column_including_the_other_schemes(tmp_path):
    population = pop.generate(3000, seed=3)
    assert {"aanvraagdatum_scholingsaftrek", "scholingsuitgaven", "aanvraagdatum_levenlanglerenkrediet"} <= set(population.kolommen)
    path = pop.save(population, tmp_path / "p.csv")
    assert path.read_text(encoding="utf-8").startswith("# SYNTHETISCHE populatie")
    loaded = pop.load(path)
    assert loaded.synthetic and len(loaded) == 3000
    for field in ("id", "opleidingsniveau", "maanden_verzekerd", "stap_scholingskosten", "gewicht"):
        assert np.array_equal(getattr(loaded, field), getattr(population, field)), field
    assert sorted(loaded.kolommen) == sorted(population.kolommen)
    for name, values in population.kolommen.items():
        other = loaded.kolommen[name]
        if values.dtype.kind == "M":
            values, other = values.astype(np.int64), other.astype(np.int64)
        assert np.array_equal(other, values), name


def test_parquet_round_trip(tmp_path):
    pytest.importorskip("pyarrow")
    population = pop.generate(300, seed=4)
    loaded = pop.load(pop.save(population, tmp_path / "p.parquet"))
    assert loaded.synthetic
    assert np.array_equal(loaded.stap_aanvraagdatum.astype(np.int64), population.stap_aanvraagdatum.astype(np.int64))
    for name, values in population.kolommen.items():
        other = loaded.kolommen[name]
        if values.dtype.kind == "M":
            values, other = values.astype(np.int64), other.astype(np.int64)
        assert np.array_equal(other, values), name


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("geboortedatum", "1980-02-30", "kolom 'geboortedatum', rij 2"),
        ("opleidingsniveau", "master", "onbekende waarde 'master'"),
        ("maanden_verzekerd", "30", "0 tot en met 24"),
        ("gewicht", "0", "groter dan 0"),
        ("ho_graad", "doctor", "kolom 'ho_graad', rij 2: onbekende waarde 'doctor'"),
        ("aanvraagdatum_scholingsaftrek", "2021-13-01", "kolom 'aanvraagdatum_scholingsaftrek', rij 2"),
        ("onbekend", "1", "onbekende kolom"),
    ],
)
def test_bad_values_name_column_and_row(column, value, message):
    with pytest.raises(pop.PopulationError, match=message):
        make([{"id": "a"}, {"id": "b", column: value}])


# ---- allocation --------------------------------------------------------------------------------------------------


def test_first_come_first_served_on_arrays():
    # one group, plafond 10: amounts 4, 4, 3 (does not fit: 11), 2 (fits: 10), 1 (room 0)
    granted, before = first_come_first_served(
        np.zeros(5, dtype=np.int64), [np.arange(5)], np.array([4.0, 4, 3, 2, 1]), np.ones(5), np.full(5, 10.0))
    assert list(granted) == [True, True, False, True, False]
    assert list(before) == [0, 4, 8, 8, 10]
    # no plafond (NaN): everything with an amount is granted; a NaN amount (onbekend) is never granted
    granted, _ = first_come_first_served(np.zeros(3, dtype=np.int64), [np.arange(3)], np.array([5.0, np.nan, 5]),
                                         np.ones(3), np.full(3, np.nan))
    assert list(granted) == [True, False, True]


def test_lottery_numbers_are_fixed_by_seed_year_and_id():
    ids = np.arange(1000, dtype=np.int64)
    a = lottery_numbers(7, 2020, ids)
    assert np.array_equal(a, lottery_numbers(7, 2020, ids))
    assert np.array_equal(a[500:], lottery_numbers(7, 2020, ids[500:]))  # independent of the chunk it is in
    assert not np.array_equal(a, lottery_numbers(8, 2020, ids)) and not np.array_equal(a, lottery_numbers(7, 2021, ids))
    assert 0 <= a.min() and a.max() < 1 and abs(a.mean() - 0.5) < 0.05


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
    table = person_applications(population, BY_NAME["stap_budget"], 2023)
    outcome = evaluate(tax_benefit_system, BY_NAME["stap_budget"], table, 0)
    ids = population.id[table.id]
    assert dict(zip(ids, outcome.toegekend, strict=True)) == {
        "a": 1000, "q": 0, "p": 1000, "c": 0, "d": 1000, "e": 0, "f": 250, "g": 0, "h": 0, "s": 1000}
    assert set(ids[outcome.door_plafond]) == {"q", "c", "e", "g"}
    assert outcome.afwijkingen == 0
    report = budget_small(population, [], [2023], schemes=["stap_budget"])
    periods = {r["tijdvak_vanaf"]: r for r in report.tijdvakken}
    assert periods["2023-11-15"]["kosten_eur"] == 10_000_000
    assert periods["2023-11-15"]["afgewezen_door_plafond"] == 10 + 5 + 2 + 1
    assert periods["2023-11-15"]["bedrag_afgewezen_door_plafond_eur"] == 10_000 + 4_000 + 1_200 + 10
    assert periods["2023-11-15"]["plafond_bereikt_op"] == "2023-11-16"


def slim_mkb_table(weights: list[float]) -> Aanvragen:
    n = len(weights)
    inputs = {"onderneming_werkzame_personen": np.full(n, 10.0), "onderneming_jaaromzet": np.full(n, 1e6),
              "onderneming_balanstotaal": np.full(n, 1e6), "onderneming_sector": np.full(n, 3, dtype=np.int16),
              "slim_subsidiabele_kosten": np.full(n, 40_000.0)}
    return Aanvragen("slim_mkb", np.arange(100, 100 + n, dtype=np.int64), np.array(weights, dtype=float),
                     np.full(n, np.datetime64("2020-03-10"), dtype="datetime64[D]"), np.arange(n, dtype=float), inputs,
                     {"grootteklasse": np.zeros(n, dtype=np.int64), "sector": np.full(n, 3, dtype=np.int64)})


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_slim_mkb_lottery_refuses_the_last_drawn(tax_benefit_system, seed):
    """SLIM, individuele mkb, tijdvak March 2020 (plafond EUR 15 mln: parameter slim.subsidieplafond.mkb): three rows
    of 300 small firms with EUR 40.000 costs each ask 80% = 32.000, capped at EUR 24.999 (slim.maximum_subsidie.mkb):
    7.499.700 a row. In lottery order two rows fit (14.999.400), the third (22.499.100 > 15.000.000) does not:
    exactly the row with the highest lottery number is refused, whatever its arrival order."""
    table = slim_mkb_table([300, 300, 300])
    outcome = evaluate(tax_benefit_system, BY_NAME["slim_mkb"], table, seed)
    assert list(outcome.gevraagd) == [24_999] * 3
    last = int(np.argmax(lottery_numbers(seed, 2020, table.id)))
    assert list(np.flatnonzero(outcome.door_plafond)) == [last]
    assert (table.gewicht * outcome.toegekend).sum() == 2 * 300 * 24_999
    assert outcome.afwijkingen == 0


# ---- every scheme ------------------------------------------------------------------------------------------------


def test_every_scheme_has_a_row_and_uncosted_instruments_are_named(tax_benefit_system):
    population = pop.generate(6000, seed=2, stap_year=2022)
    report = budget_small(population, [], [2022])
    names = {r["regeling"] for r in report.totals}
    assert {r.naam for r in REGELINGEN} | set(NIET_DOORGEREKEND) <= names
    for name in NIET_DOORGEREKEND:
        row = one(report, regeling=name, jaar=2022, variant="wet")
        assert row["kosten_eur"] is None and row["status"].startswith("niet doorgerekend")
    advice = one(report, regeling="stap_ontwikkeladvies", jaar=2022, variant="wet")
    assert advice["kosten_eur"] is None and advice["status"].startswith("niet in geld doorgerekend")
    assert advice["ontvangers"] > 0
    for name in ("stap_budget", "praktijkleren", "slim_mkb", "slim_samenwerkingsverband"):
        row = one(report, regeling=name, jaar=2022, variant="wet")
        assert row["kosten_eur"] > 0 and row["ontvangers"] > 0, name
    mkb = one(report, regeling="slim_mkb", jaar=2022, variant="wet")
    assert mkb["toewijzing"] == "loting" and mkb["loting_seed"] == report.lottery_seed
    # two tijdvakken in 2022 (parameter slim.subsidieplafond.mkb): EUR 15 mln and EUR 14,2 mln
    assert mkb["kosten_eur"] <= mkb["plafond_eur"] == 15_000_000 + 14_200_000 and mkb["afgewezen_door_plafond"] > 0


def test_levenlanglerenkrediet_onbekend_is_counted_apart(tax_benefit_system):
    """x borrows from January 2023 (fee EUR 2.000; study years 2022-23 and 2023-24 have a wettelijk collegegeld,
    EUR 2.209 and 2.314, so the loan is the fee, at most 5x that): a twelfth a month, EUR 166,67 to the cent
    (money is rounded to the cent, half up: geld.py), 12 x 166,67 = EUR 2.000,04 in 2023.
    y borrows from September 2021: the collegegeld of 2021-22 is null in the model, so y's amount is onbekend:
    counted in 'onbekend', never as spending."""
    population = make([
        {"id": "x", "geboortedatum": "1983-05-01", "aanvraagdatum_levenlanglerenkrediet": "2023-01-01",
         "levenlanglerenkrediet_verschuldigd_les_of_collegegeld": "2000"},
        {"id": "y", "geboortedatum": "1983-05-01", "aanvraagdatum_levenlanglerenkrediet": "2021-09-01",
         "levenlanglerenkrediet_verschuldigd_les_of_collegegeld": "2000"},
    ])
    report = budget_small(population, [], [2021, 2023], schemes=["levenlanglerenkrediet"])
    year_2023 = one(report, regeling="levenlanglerenkrediet", jaar=2023)
    assert round(year_2023["kosten_eur"], 2) == 2000.04 and year_2023["ontvangers"] == 1 and year_2023["onbekend"] == 0
    year_2021 = one(report, regeling="levenlanglerenkrediet", jaar=2021)
    assert year_2021["onbekend"] == 1 and year_2021["ontvangers"] == 0 and year_2021["kosten_eur"] == 0


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
    x 2 x min(1,200, 500 + 500) = 2,000; the law in force has no leerrekening (0, and says so)."""
    report = budget_small(make(LEERREKENING), [Variant("cpf", "leerrekening_cpf")], [2028], schemes=["stap_budget"])
    deposit = one(report, regeling="leerrekening_storting", variant="cpf")
    assert deposit["kosten_eur"] == 1_800 and deposit["ontvangers"] == 3
    assert one(report, regeling="leerrekening_besteding", variant="cpf")["kosten_eur"] == 2_000
    law = one(report, regeling="leerrekening_storting", variant="wet")
    assert law["kosten_eur"] == 0 and law["status"] == "bestaat niet in deze variant"
    winners = {(r["indeling"], r["groep"]): r for r in report.groepen if r["regeling"] == "leerrekening_storting"}
    assert winners[("opleidingsniveau", "hbo")]["winnaars"] == 2
    assert winners[("opleidingsniveau", "hbo")]["verschil_totaal_eur"] == 1_000
    assert winners[("opleidingsniveau", "vmbo")]["verschil_totaal_eur"] == 800
    assert winners[("opleidingsniveau", "mbo_4")]["winnaars"] == 0


AMENDMENT = {"naam": "stap_2000", "status": "scenario", "bronnen": [{"bron": "kst-30012-142", "paragraaf": "STAP-budget"}],
             "wijzigingen": {"stap.maximum_per_kalenderjaar": {"2023-01-01": 2000}}}


def test_amendment_variant_by_hand(tax_benefit_system):
    """An application on 20 September 2023 for EUR 1.500 (tijdvak with EUR 10 mln plafond): the law grants the
    maximum of EUR 1.000 (stap.maximum_per_kalenderjaar); with the maximum at EUR 2.000 the whole EUR 1.500."""
    population = make([{"id": "a", "stap_aanvraagdatum": "2023-09-20", "stap_scholingskosten": "1500"}])
    report = budget_small(population, [Variant.from_amendment(AMENDMENT)], [2023], schemes=["stap_budget"])
    assert one(report, regeling="stap_budget", variant="wet")["kosten_eur"] == 1000
    assert one(report, regeling="stap_budget", variant="stap_2000")["kosten_eur"] == 1500
    change = [r for r in report.groepen if r["indeling"] == "opleidingsniveau"]
    assert [(r["groep"], r["winnaars"], r["verschil_totaal_eur"]) for r in change] == [("mbo_4", 1, 500)]


def test_chunk_size_does_not_change_the_budget(tax_benefit_system):
    population = pop.generate(3000, seed=9, stap_year=2023)
    small = compute_budget(PopulationSource(population, chunk=700), [], [2023])
    whole = compute_budget(PopulationSource(population, chunk=10_000), [], [2023])
    assert small.totals == whole.totals and small.tijdvakken == whole.tijdvakken


def test_partitioned_parquet_gives_the_generated_budget(tmp_path, capsys):
    """`population --partitie` writes the chunks of a synthetic population as Parquet files; a budget read from
    that folder (one chunk per file) equals the budget of the same population generated chunk by chunk."""
    pytest.importorskip("pyarrow")
    from openfisca_llo.budget import FileSource

    folder = tmp_path / "populatie"
    assert main(["population", "--aantal", "5000", "--startwaarde", "6", "--stap-jaar", "2023", "--partitie", "2000",
                 "--uitvoer", str(folder)]) == 0
    assert sorted(p.name for p in folder.iterdir()) == ["deel-00000.parquet", "deel-00001.parquet", "deel-00002.parquet"]
    source = FileSource(str(folder), werkgevers_seed=6)
    assert source.synthetic and source.persons() == 5000
    from_files = compute_budget(source, [], [2023], schemes=["stap_budget", "scholingsaftrek", "slim_mkb"])
    generated = compute_budget(SyntheticSource(5000, seed=6, chunk=2000, werkgevers_seed=6), [], [2023],
                               schemes=["stap_budget", "scholingsaftrek", "slim_mkb"])
    assert from_files.totals == generated.totals and from_files.tijdvakken == generated.tijdvakken


def test_dask_engine_gives_exactly_the_in_process_results():
    """10^5 persons, 2022 (SLIM mkb lottery, samenwerkingsverband order of arrival) and 2023 (STAP first come first
    served per tijdvak), the law and a reform: a local Dask cluster of 2 workers gives the same numbers."""
    pytest.importorskip("dask.distributed")
    source = SyntheticSource(100_000, seed=3, chunk=25_000)
    variants = [Variant("leerrechten", "stap_leerrechten_mbo4")]
    local = compute_budget(source, variants, [2022, 2023])
    dask = compute_budget(source, variants, [2022, 2023], engine="dask", workers=2, dask_processes=False)
    assert dask.totals == local.totals
    assert dask.tijdvakken == local.tijdvakken
    assert dask.groepen == local.groepen
    assert one(local, regeling="slim_mkb", jaar=2022, variant="wet")["afgewezen_door_plafond"] > 0
    assert one(local, regeling="stap_budget", jaar=2023, variant="wet")["afgewezen_door_plafond"] > 0


# ---- the command and the web endpoint ----------------------------------------------------------------------------


def test_cli_year_range_and_amendment_variants(tmp_path, capsys):
    population_file = tmp_path / "populatie.csv"
    assert main(["population", "--aantal", "1500", "--startwaarde", "5", "--stap-jaar", "2022", "--uitvoer", str(population_file)]) == 0
    first = tmp_path / "a.yaml"
    first.write_text(json.dumps(AMENDMENT), encoding="utf-8")
    second = tmp_path / "b.json"
    second.write_text(json.dumps({**AMENDMENT, "naam": "slim_meer",
                                  "wijzigingen": {"slim.subsidieplafond.mkb": {"2022-01-01": 20000000,
                                                                              "2023-01-01": 15000000}}}),
                      encoding="utf-8")
    out = tmp_path / "uit"
    assert main(["budget", "--populatie", str(population_file), "--van", "2022", "--tot", "2024",
                 "--amendement", str(first), "--amendement", str(second), "--uitvoer", str(out), "--stil"]) == 0
    printed = capsys.readouterr().out
    assert "SYNTHETISCHE populatie" in printed and "slim_scholingssubsidie" in printed
    report = json.loads((out / "budget.json").read_text(encoding="utf-8"))
    assert report["varianten"] == ["wet", "stap_2000", "slim_meer"] and report["jaren"] == [2022, 2023, 2024]
    keys = {(r["jaar"], r["regeling"], r["variant"]) for r in report["kosten"]}
    for year in (2022, 2023, 2024):
        for regeling in [r.naam for r in REGELINGEN] + list(NIET_DOORGEREKEND):
            for variant in ("wet", "stap_2000", "slim_meer"):
                assert (year, regeling, variant) in keys
    header = (out / "varianten.csv").read_text(encoding="utf-8").splitlines()[1]
    assert header == "jaar,regeling,kosten_wet_eur,kosten_stap_2000_eur,kosten_slim_meer_eur,status"
    assert (out / "budget.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    for name in ("budget.csv", "tijdvakken.csv", "winnaars_verliezers.csv"):
        assert (out / name).read_text(encoding="utf-8").startswith("# ")


def test_cli_budget_reports_bad_input(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("id,geboortedatum,opleidingsniveau,maanden_verzekerd\nx,1980-13-01,wo,24\n", encoding="utf-8")
    assert main(["budget", "--populatie", str(bad), "--jaar", "2023", "--stil"]) == 2
    assert "kolom 'geboortedatum', rij 1" in capsys.readouterr().err
    assert main(["budget", "--hervorming", "bestaat_niet", "--synthetisch", "10", "--jaar", "2023", "--stil"]) == 2
    assert "onbekende hervorming" in capsys.readouterr().err
    assert main(["budget", "--synthetisch", "10", "--van", "2024", "--tot", "2022", "--stil"]) == 2
    assert "Fout: --tot (2022) ligt vóór --van (2024)" in capsys.readouterr().err
    amendment = tmp_path / "fout.yaml"
    amendment.write_text("naam: x\nbronnen: [{bron: kst-30012-142}]\nwijzigingen: {stap.bestaat_niet: {2023-01-01: 1}}\n",
                         encoding="utf-8")
    assert main(["budget", "--synthetisch", "10", "--jaar", "2023", "--amendement", str(amendment), "--stil"]) == 2
    assert "wijzigingen/stap.bestaat_niet" in capsys.readouterr().err


def test_web_budget_endpoint(tax_benefit_system):
    from openfisca_llo.web import create_app

    client = create_app(tax_benefit_system).test_client()
    response = client.post("/budget", json={"populatie": {"synthetisch": {"personen": 500, "seed": 1}},
                                            "van": 2023, "tot": 2023, "amendementen": [AMENDMENT],
                                            "regelingen": ["stap_budget", "slim_mkb"]})
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["varianten"] == ["wet", "stap_2000"] and body["synthetisch"] is True
    assert {r["regeling"] for r in body["kosten"]} >= {"stap_budget", "slim_mkb"}
    rows = [{"id": "a", "geboortedatum": "1980-01-01", "opleidingsniveau": "mbo_4", "maanden_verzekerd": 24,
             "stap_aanvraagdatum": "2023-09-20", "stap_scholingskosten": 1500, "stap_ocw_erkend": 1}]
    response = client.post("/budget", json={"populatie": {"personen": rows}, "van": 2023, "tot": 2023,
                                            "amendementen": [AMENDMENT], "regelingen": ["stap_budget"]})
    costs = {r["variant"]: r["kosten_eur"] for r in response.get_json()["kosten"] if r["regeling"] == "stap_budget"}
    assert costs == {"wet": 1000.0, "stap_2000": 1500.0}
    for payload, field in [({"populatie": {"synthetisch": {"personen": 10}}, "tot": 2023}, "'van' ontbreekt"),
                           ({"populatie": {"synthetisch": {"personen": 200_000}}, "van": 2023, "tot": 2023}, "100000"),
                           ({"populatie": {"synthetisch": {"personen": 10}}, "van": 2023, "tot": 2023,
                             "hervorming": "bestaat_niet"}, "onbekende hervorming"),
                           ({"populatie": {"personen": [{"id": "a"}]}, "van": 2023, "tot": 2023}, "verplichte kolom"),
                           # the AOW-leeftijd is known to 2031 (AOW art. 7a lid 2), the first costed scheme starts 2020
                           ({"populatie": {"synthetisch": {"personen": 10}}, "van": 2019, "tot": 2021},
                            "'van' en 'tot': de jaren liggen van 2020 tot en met 2031"),
                           ({"populatie": {"synthetisch": {"personen": 10}}, "van": 2031, "tot": 2032},
                            "'van' en 'tot': de jaren liggen van 2020 tot en met 2031")]:
        response = client.post("/budget", json=payload)
        assert response.status_code == 400 and response.is_json, payload
        assert field in response.get_json()["error"], response.get_json()


# ---- calibration -------------------------------------------------------------------------------------------------


def test_committed_calibration_table_is_current():
    """docs/handleidingen/kalibratie_tabel.inc is what `openfisca-llo kalibratie --uitvoer ...` writes today."""
    regenerated = calibration_rst(calibration(CALIBRATION_SIZE, CALIBRATION_SEED), CALIBRATION_SIZE, CALIBRATION_SEED)
    assert CALIBRATION_TABLE.read_text(encoding="utf-8") == regenerated, (
        "run: openfisca-llo kalibratie --uitvoer docs/handleidingen/kalibratie_tabel.inc")


# ---- the example amendments of the budget guide: one per scheme -------------------------------------------------

EXAMPLES = ROOT / "examples" / "amendementen"
#: example file -> (scheme it amends, years to cost); the years are those in which the scheme is open in the model
EXAMPLE_SCHEMES = {
    "stap_maximum_1500.yaml": ("stap_budget", [2023]),
    "llk_een_keer_collegegeld.yaml": ("levenlanglerenkrediet", [2023]),
    "scholingsaftrek_drempel_0.yaml": ("scholingsaftrek", [2021]),
    "omscholing_5000.yaml": ("omscholing_ict_techniek", [2021]),
    "praktijkleren_3000.yaml": ("praktijkleren", [2022]),
    "evc_1500.yaml": ("evc_subsidieregeling", [2023, 2024]),  # the overbruggingsregeling was withdrawn: it costs 0
    "voucher_3000.yaml": ("studievoorschotvoucher", [2025]),
    "slim_mkb_plafond_20_mln.yaml": ("slim_mkb", [2022]),
    "slim_scholingssubsidie_15_mln.yaml": ("slim_scholingssubsidie", [2025, 2026, 2027]),
}


#: EVC procedures are rare in the synthetic population (population.EVC_RATE): a larger one puts procedures with costs
#: above EUR 1.000 in the application window of the Tijdelijke subsidieregeling EVC-procedures (1-11-2023 t/m 29-2-2024)
EXAMPLE_SIZE = {"evc_1500.yaml": 100_000}


def test_every_example_amendment_changes_its_scheme(tax_benefit_system):
    """The guide's example per scheme: costed beside the law on a small synthetic population, the amended scheme's
    cost moves the way the rule says (raising a maximum raises the cost where it binds; a larger SLIM plafond grants
    more; a loan of at most 1x instead of 5x the collegegeld lends less; a smaller scholingssubsidie budget grants
    at most that budget)."""
    from openfisca_llo.amendments import load_amendment_file

    assert sorted(p.name for p in EXAMPLES.glob("*.yaml")) == sorted(EXAMPLE_SCHEMES)
    for file, (scheme, years) in EXAMPLE_SCHEMES.items():
        variant = Variant.from_amendment(load_amendment_file(EXAMPLES / file))
        population = pop.generate(EXAMPLE_SIZE.get(file, 20_000), seed=4, stap_year=years[0])
        report = budget_small(population, [variant], years, schemes=[scheme])
        law = sum(r["kosten_eur"] for r in rows_of(report, regeling=scheme, variant="wet"))
        amended = sum(r["kosten_eur"] for r in rows_of(report, regeling=scheme, variant=variant.naam))
        if file == "slim_scholingssubsidie_15_mln.yaml":
            assert amended <= 15_000_000 < law, file
        elif file == "llk_een_keer_collegegeld.yaml":
            assert 0 < amended < law, (file, law, amended)
        else:
            assert amended > law, (file, law, amended)


def test_the_budget_costs_every_declared_scheme_from_its_declaration(tax_benefit_system):
    """openfisca_llo.regelingen declares each scheme once; a budget costs it (``kosten``) or names why not
    (``niet_begroot``); the budget's list is derived from the declaration, with the scheme's own variables."""
    from openfisca_llo import regelingen

    for regeling in regelingen.REGELINGEN:
        assert bool(regeling.kosten) != bool(regeling.niet_begroot.strip()), (
            f"{regeling.key}: declare how a budget costs it (kosten) or why not (niet_begroot), not both")
        if not regeling.kosten:
            assert NIET_DOORGEREKEND[regeling.key] == regeling.niet_begroot
    costed = [post.naam or regeling.key for regeling in regelingen.REGELINGEN for post in regeling.kosten]
    assert [r.naam for r in REGELINGEN] == costed and len(set(costed)) == len(costed)
    entity_plural = {e.key: e.plural for e in tax_benefit_system.entities}
    for regeling in regelingen.REGELINGEN:
        for post in regeling.kosten:
            costing = BY_NAME[post.naam or regeling.key]
            assert (costing.grond, costing.recht) == (regeling.reden, regeling.recht), costing.naam
            assert costing.bedrag == (post.bedrag or regeling.bedrag), costing.naam
            assert entity_plural[costing.entiteit] == regeling.entiteit, costing.naam
            for name in (costing.bedrag, costing.grond, costing.recht, costing.reeds, costing.rente, *costing.invoer):
                assert name is None or name in tax_benefit_system.variables, (costing.naam, name)
            for name in (costing.bedrag, costing.grond, costing.recht, *costing.invoer):
                if name:
                    assert tax_benefit_system.variables[name].entity.plural == regeling.entiteit, (costing.naam, name)

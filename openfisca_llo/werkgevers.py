"""A SYNTHETIC population of employer applications (ondernemingen and samenwerkingsverbanden) for budget runs.

Only applicants are generated, one row per application with weight 1 (a real application): SLIM individuele
mkb-ondernemingen, SLIM grootbedrijven in landbouw, horeca en recreatie, SLIM samenwerkingsverbanden and the
SLIM scholingssubsidie (with its participating employees as member persons). Deterministic per (seed, year).

Cited (the budget page of the docs lists them with their sources):

* size classes and sectors of Dutch enterprises: CBS StatLine 81588NED 'Bedrijven; bedrijfsgrootte en
  rechtsvorm', 2nd quarter 2024 (provisional): 2,316,555 enterprises; 2,300,875 with fewer than 50 werkzame
  personen, 2,312,935 with fewer than 250; landbouw, bosbouw en visserij 79,510; horeca 79,560;
* SLIM applications in the first 2020 round (secondary, SZW process evaluation as reported by hezelburcht.com and
  accountancyvanmorgen.nl 16-8-2021): individuele mkb 2,113, grootbedrijf 17, samenwerkingsverband 164;
* the minimum subsidiabele kosten of a samenwerkingsverband, EUR 210,000 (Stcrt. 2021, 22240, item B).

Everything else is an ASSUMPTION (constants below; the budget page lists them).
"""

from __future__ import annotations

import numpy as np

from openfisca_llo.kostenposten import Aanvragen
from openfisca_llo.variables.algemeen.onderneming import Grootteklasse, Sector
from openfisca_llo.variables.slim_scholingssubsidie.slim_scholing_inputs import (
    OntwikkelpadSector,
    ScholingAanvragerSoort,
)

CBS_TABLE = "CBS StatLine 81588NED, 2e kwartaal 2024 (voorlopig)"
CBS_TOTAL = 2_316_555
CBS_UNDER_50 = 2_300_875
CBS_UNDER_250 = 2_312_935
CBS_LANDBOUW = 79_510
CBS_HORECA = 79_560

#: SLIM applications per year (cited: the first 2020 round; ASSUMPTION: every year and every mkb tijdvak alike).
SLIM_MKB_PER_TIJDVAK = 2_113
SLIM_GROOTBEDRIJF_PER_JAAR = 17
SLIM_SAMENWERKINGSVERBAND_PER_JAAR = 164
#: Tijdvakken: where parameter slim.aanvraagtijdvak (mkb_open; samenwerkingsverband_en_grootbedrijf_open) is true
#: in the year, its days; in other years (dates null or not found) ASSUMPTION: mkb in March and September, the
#: others from 1 June. mkb applications arrive uniformly over their tijdvak; the others over its first 10 days
#: (ASSUMPTION: such tijdvakken were soon oversubscribed).
MKB_TIJDVAKKEN = [("03-02", 30), ("09-01", 30)]
JUNI_OPENING, JUNI_DAGEN = "06-01", 10


def _open_periods(name: str, year: int, fallback: list[tuple[str, int]], first_days: int | None = None,
                  fill: bool = True):
    """(MM-DD, days) of each run of days in ``year`` on which slim.aanvraagtijdvak.``name`` is true, plus each
    ``fallback`` tijdvak in a month without a known one (its dates null or not found); with ``fill`` False the
    fallback only when no day is known."""
    from openfisca_llo.budget import baseline_system

    node = baseline_system().parameters.children["slim"].children["aanvraagtijdvak"].children[name]
    values = sorted(node.values_list, key=lambda v: v.instant_str)
    periods = []
    for index, value in enumerate(values):
        if value.value is not True:
            continue
        start = np.datetime64(value.instant_str, "D")
        stop = (np.datetime64(values[index + 1].instant_str, "D") if index + 1 < len(values)
                else np.datetime64(f"{year + 1}-01-01", "D"))
        if str(start)[:4] == str(year):
            days = int((min(stop, np.datetime64(f"{year + 1}-01-01", "D")) - start).astype(int))
            periods.append((str(start)[5:], min(days, first_days) if first_days else days))
    if not fill:
        return periods or fallback
    months = {day[:2] for day, _ in periods}
    return periods + [(day, length) for day, length in fallback if day[:2] not in months]
#: Subsidiabele kosten (ASSUMPTIONS): mkb lognormal median EUR 35,000 (sigma 0.5, at least EUR 5,000); grootbedrijf
#: lognormal median EUR 250,000 (sigma 0.5); samenwerkingsverband uniform EUR 210,000 - 900,000, 2-20 partners.
MKB_KOSTEN_MEDIAAN, GROOT_KOSTEN_MEDIAAN = 35_000.0, 250_000.0
SV_KOSTEN = (210_000.0, 900_000.0)
#: Omzet per werkzaam persoon EUR 150,000 and balanstotaal 80% of omzet (ASSUMPTION; keeps each size class).
OMZET_PER_PERSOON = 150_000.0
#: SLIM scholingssubsidie (ASSUMPTIONS; no application figures in the sources): 5,000 applications a year from
#: 10 March to 10 November (the 2025 tijdvakken, parameter slim_scholingssubsidie.aanvraagtijdvak_open), 95% by
#: employers and 5% by gastouderbureaus, 1 + geometric (mean 3) participants, costs per participant lognormal
#: median EUR 1,200 (sigma 0.6), NLQF level 1-4 uniform, sectors of the first recognised Ontwikkelpaden uniform.
SCHOLING_PER_JAAR = 5_000
SCHOLING_DEELNEMERS_EXTRA = 3.0
SCHOLING_KOSTEN_MEDIAAN = 1_200.0
SCHOLING_SECTOREN = ["zorg_en_welzijn", "kinderopvang", "groen", "techniek_bouw_energie"]

SIZE_NAMES = [item.name for item in Grootteklasse]
SECTOR_NAMES = [item.name for item in Sector]


def _rng(seed: int, year: int, stream: int):
    return np.random.default_rng([seed, year, stream, 7])


def _dates(rng, year: int, openings: list[tuple[str, int]], n: int) -> np.ndarray:
    window = rng.integers(0, len(openings), size=n)
    starts = np.array([f"{year}-{day}" for day, _ in openings], dtype="datetime64[D]")
    lengths = np.array([length for _, length in openings])
    return starts[window] + (rng.random(n) * lengths[window]).astype(int).astype("timedelta64[D]")


def _mkb_size(rng, n: int) -> np.ndarray:
    """Size class of mkb applicants: the CBS shares of klein (< 50) and middelgroot (50-249) among mkb."""
    share_klein = CBS_UNDER_50 / CBS_UNDER_250
    return np.where(rng.random(n) < share_klein, SIZE_NAMES.index("klein"), SIZE_NAMES.index("middelgroot"))


def _firm_inputs(rng, size_class: np.ndarray) -> dict[str, np.ndarray]:
    n = len(size_class)
    low = np.array([1, 50, 250])[size_class]
    high = np.array([49, 249, 2_000])[size_class]
    persons = np.floor(np.exp(rng.uniform(np.log(low), np.log(high + 1)))).astype(np.float64)
    persons = np.clip(persons, low, high)
    turnover = persons * OMZET_PER_PERSOON
    turnover = np.where(size_class == 0, np.minimum(turnover, 10e6), turnover)
    turnover = np.where(size_class == 1, np.minimum(turnover, 50e6), turnover)
    return {"onderneming_werkzame_personen": persons, "onderneming_jaaromzet": turnover,
            "onderneming_balanstotaal": 0.8 * turnover, "_n": np.zeros(n)}


def _sector_mkb(rng, n: int) -> np.ndarray:
    r = rng.random(n)
    landbouw, horeca = CBS_LANDBOUW / CBS_TOTAL, CBS_HORECA / CBS_TOTAL
    return np.select([r < landbouw, r < landbouw + horeca], [SECTOR_NAMES.index("landbouw"), SECTOR_NAMES.index("horeca")],
                     default=SECTOR_NAMES.index("overig")).astype(np.int16)


def _table(name: str, ids, dates, rng, inputs: dict, size_class, sector, leden=None, lid_van=None) -> Aanvragen:
    inputs = {k: v for k, v in inputs.items() if not k.startswith("_")}
    return Aanvragen(name, ids.astype(np.int64), np.ones(len(ids)), dates.astype("datetime64[D]"), rng.random(len(ids)),
                     inputs, {"grootteklasse": size_class.astype(np.int64), "sector": sector.astype(np.int64)},
                     leden or {}, lid_van)


def slim_mkb(seed: int, year: int) -> Aanvragen:
    rng = _rng(seed, year, 1)
    periods = _open_periods("mkb_open", year, MKB_TIJDVAKKEN)
    n = SLIM_MKB_PER_TIJDVAK * len(periods)
    size = _mkb_size(rng, n)
    sector = _sector_mkb(rng, n)
    inputs = _firm_inputs(rng, size)
    inputs["onderneming_sector"] = sector
    inputs["slim_subsidiabele_kosten"] = np.round(np.maximum(rng.lognormal(np.log(MKB_KOSTEN_MEDIAAN), 0.5, n), 5_000), 2)
    ids = year * 10_000_000 + 1_000_000 + np.arange(n)
    dates = _dates(rng, year, periods, n)
    return _table("slim_mkb", ids, dates, rng, inputs, size, sector)


def slim_grootbedrijf(seed: int, year: int) -> Aanvragen:
    rng = _rng(seed, year, 2)
    n = SLIM_GROOTBEDRIJF_PER_JAAR
    size = np.full(n, SIZE_NAMES.index("groot"))
    sector = np.where(rng.random(n) < 0.5, SECTOR_NAMES.index("landbouw"), SECTOR_NAMES.index("horeca"))
    inputs = _firm_inputs(rng, size)
    inputs["onderneming_sector"] = sector.astype(np.int16)
    inputs["slim_subsidiabele_kosten"] = np.round(rng.lognormal(np.log(GROOT_KOSTEN_MEDIAAN), 0.5, n), 2)
    ids = year * 10_000_000 + 2_000_000 + np.arange(n)
    dates = _dates(rng, year, _june(year), n)
    return _table("slim_grootbedrijf", ids, dates, rng, inputs, size, sector)


def slim_samenwerkingsverband(seed: int, year: int) -> Aanvragen:
    rng = _rng(seed, year, 3)
    n = SLIM_SAMENWERKINGSVERBAND_PER_JAAR
    inputs = {"samenwerkingsverband_aantal_partners": rng.integers(2, 21, size=n).astype(np.int64),
              "slim_samenwerkingsverband_subsidiabele_kosten": np.round(rng.uniform(*SV_KOSTEN, size=n), 2)}
    ids = year * 10_000_000 + 3_000_000 + np.arange(n)
    size = np.full(n, SIZE_NAMES.index("klein"))  # partnerships of mkb-ondernemingen
    sector = np.full(n, SECTOR_NAMES.index("overig"))
    return _table("slim_samenwerkingsverband", ids, _dates(rng, year, _june(year), n), rng, inputs, size, sector)


def _june(year: int) -> list[tuple[str, int]]:
    return _open_periods("samenwerkingsverband_en_grootbedrijf_open", year, [(JUNI_OPENING, JUNI_DAGEN)], JUNI_DAGEN, fill=False)


def slim_scholingssubsidie(seed: int, year: int) -> Aanvragen:
    rng = _rng(seed, year, 4)
    n = SCHOLING_PER_JAAR
    size = _mkb_size(rng, n)
    sector = _sector_mkb(rng, n)
    inputs = _firm_inputs(rng, size)
    kinds = [i.name for i in ScholingAanvragerSoort]
    paths = [i.name for i in OntwikkelpadSector]
    inputs["slim_scholing_aanvrager_soort"] = np.where(rng.random(n) < 0.95, kinds.index("werkgever"),
                                                       kinds.index("gastouderbureau")).astype(np.int16)
    inputs["slim_scholing_ontwikkelpad_sector"] = np.array([paths.index(p) for p in SCHOLING_SECTOREN])[
        rng.integers(0, len(SCHOLING_SECTOREN), size=n)].astype(np.int16)
    inputs["slim_scholing_ontwikkelpad_erkend"] = np.ones(n, dtype=bool)
    inputs["slim_scholing_nlqf_niveau"] = rng.integers(1, 5, size=n).astype(np.int64)
    dates = _dates(rng, year, [("03-10", 245)], n)
    inputs["slim_scholing_aankoopdatum"] = np.maximum(dates - np.timedelta64(5, "D"), np.datetime64("2025-02-28"))
    inputs["slim_scholing_startdatum"] = dates + np.timedelta64(30, "D")
    participants = 1 + rng.geometric(1.0 / (SCHOLING_DEELNEMERS_EXTRA + 1.0), size=n) - 1
    lid_van = np.repeat(np.arange(n), participants)
    costs = np.round(rng.lognormal(np.log(SCHOLING_KOSTEN_MEDIAAN), 0.6, size=len(lid_van)), 2)
    ids = year * 10_000_000 + 4_000_000 + np.arange(n)
    return _table("slim_scholingssubsidie", ids, dates, rng, inputs, size, sector,
                  {"slim_scholing_kosten_deelnemer": costs}, lid_van)


GENERATORS = {
    "slim_mkb": slim_mkb,
    "slim_grootbedrijf": slim_grootbedrijf,
    "slim_samenwerkingsverband": slim_samenwerkingsverband,
    "slim_scholingssubsidie": slim_scholingssubsidie,
}

GROUP_NAMES = {"grootteklasse": SIZE_NAMES, "sector": SECTOR_NAMES}


def applications(name: str, seed: int, year: int) -> Aanvragen:
    """The synthetic applications of employer scheme ``name`` in ``year``."""
    return GENERATORS[name](seed, year)

"""Population budgets: what the law in force and each variant (a shipped reform, an amendment, or an amendment on
a reform) cost per scheme and year, who applies, who is refused by a plafond or a lottery, what is onbekend, and
who gains or loses.

**Schemes** are listed in :mod:`openfisca_llo.kostenposten` (STAP, STAP-ontwikkeladvies, Levenlanglerenkrediet,
scholingsaftrek, omscholing ICT/techniek, praktijkleren, EVC, studievoorschotvoucher, SLIM mkb, grootbedrijf and
samenwerkingsverband, SLIM scholingssubsidie), plus the leerrekening of the reforms that add one. Instruments the
model has but does not cost are named in every output (``NIET_DOORGEREKEND``), never shown as 0.

**Chunks, then global steps.** The persons are read (or generated) chunk by chunk. From each chunk only the
applications are kept (a few percent of the rows, with their inputs) and the person-wide leerrekening is summed;
the chunk is then dropped, so the peak memory follows the chunk size and the number of applications, not the
population size. After the chunks, each scheme is evaluated on all its applications, per variant (one task per
scheme and variant): one simulation per application day, the plafond allocated in order of receipt or by a seeded
lottery (:mod:`openfisca_llo.toewijzing`) and confirmed by the law's own formula, then the totals per year.

**Engines.** ``proces`` (default) runs everything in this process. ``dask`` runs the chunk tasks and the
scheme-variant tasks on a ``dask.distributed`` cluster (:mod:`openfisca_llo.budget_dask`); both give the same
numbers, because the chunks, the lottery numbers (a hash of seed, year and application id) and the order of
concatenation do not depend on the engine.

**Years.** Every year of a range. A synthetic population is stationary: for each year it is generated again with
that year's application dates and ages (the same seed), so every year has the same kind of applicants. A file is
used as it is: each year costs the applications dated in that year.

**Onbekend.** An application whose amount is NaN, or whose reason is ``onbekend``, is counted in ``onbekend``
and never in the cost.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import json
from pathlib import Path

import numpy as np

from openfisca_llo import formatting
from openfisca_llo.extras import MissingExtra, require
from openfisca_llo.json_values import GEWOGEN_AANTAL, MONEY, plain_value
from openfisca_llo.kostenposten import (
    BY_NAME,
    NIET_DOORGEREKEND,
    REGELINGEN,
    Aanvragen,
    Regeling,
    concat,
    evaluate,
)
from openfisca_llo.kostenposten import person_simulation as person_simulation
from openfisca_llo.population import LEVELS, Population
from openfisca_llo.progress import Progress
from openfisca_llo.toewijzing import first_come_first_served as first_come_first_served

AGE_BANDS = [(0, 17, "jonger dan 18"), (18, 29, "18-29"), (30, 39, "30-39"), (40, 49, "40-49"), (50, 200, "50 en ouder")]
DEFAULT_LOTTERY_SEED = 20200302  # the first SLIM mkb tijdvak opened on 2 March 2020
# The years a budget covers: from the first costed scheme (SLIM, 2020) to the last year whose AOW-leeftijd is set
# (AOW art. 7a lid 2: five years ahead).
FIRST_YEAR, LAST_YEAR = 2020, 2031
YEARS_TEXT = (f"de jaren liggen van {FIRST_YEAR} tot en met {LAST_YEAR} (de AOW-leeftijd is in het model bekend tot en "
              f"met {LAST_YEAR})")
DEFAULT_CHUNK = 250_000
LEERREKENING = ("leerrekening_storting", "leerrekening_besteding")


class BudgetError(ValueError):
    pass


# ---- variants ---------------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Variant:
    """The law in force (no reform, no amendment), a shipped reform, an amendment, or an amendment on a reform."""

    naam: str
    hervorming: str | None = None
    amendement: str | None = None  # the amendment as canonical JSON text (hashable, picklable)

    @classmethod
    def from_amendment(cls, amendment: dict, reform: str | None = None) -> Variant:
        return cls(str(amendment.get("naam") or "amendement"), reform, json.dumps(amendment, sort_keys=True, default=str))


WET = Variant("wet")
SYSTEM_CACHE_SIZE = 16  # reformed systems kept per process (each is a whole tax-benefit system)


@functools.cache  # no arguments: one system
def baseline_system():
    from openfisca_llo import CountryTaxBenefitSystem

    return CountryTaxBenefitSystem()


def build_system(variant: Variant):
    """The tax-benefit system of a variant; built once per process (workers of a cluster build their own)."""
    if (variant.hervorming, variant.amendement) == (None, None):
        return baseline_system()
    return _reformed(variant.hervorming, variant.amendement)


@functools.lru_cache(maxsize=SYSTEM_CACHE_SIZE)  # the web API's /budget sends ever new amendments: bounded
def _reformed(reform: str | None, amendment: str | None):
    from openfisca_llo.compare import resolve_reform

    return resolve_reform(baseline_system(), json.loads(amendment) if amendment else None, reform)


# ---- population sources -----------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class SyntheticSource:
    """A synthetic population of ``size`` persons (weights adding up to 11 million aged 18 to AOW age), generated
    chunk by chunk; chunk ``k`` is ``generate(..., seed=[seed, k])`` for the year, so it is the same whoever makes it."""

    size: int
    seed: int = 0
    chunk: int = DEFAULT_CHUNK
    werkgevers_seed: int = 0

    @property
    def synthetic(self) -> bool:
        return True

    def description(self) -> str:
        return (f"SYNTHETISCHE populatie van {formatting.number(self.size)} personen (seed {self.seed}) en synthetische werkgevers "
                f"(seed {self.werkgevers_seed}): geen echte personen of ondernemingen.")

    def chunks(self, year: int) -> list[int]:
        return list(range((self.size + self.chunk - 1) // self.chunk))

    def load(self, year: int, k: int, text_ids: bool = False) -> Population:
        from openfisca_llo.population import POPULATION_18_TO_AOW, generate

        first = k * self.chunk
        rows = min(self.chunk, self.size - first)
        seed = self.seed if self.chunk >= self.size else [self.seed, k]
        return generate(rows, seed, stap_year=year, total=POPULATION_18_TO_AOW * rows / self.size, first_row=first,
                        text_ids=text_ids)

    def persons(self) -> int:
        return self.size


@dataclasses.dataclass(frozen=True)
class FileSource:
    """Persons from a CSV or Parquet file, or from a folder of Parquet files (one chunk per file, in name order)."""

    path: str
    chunk: int = DEFAULT_CHUNK
    werkgevers_seed: int = 0

    def files(self) -> list[Path]:
        path = Path(self.path)
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.suffix.lower() in (".parquet", ".pq"))
            if not files:
                raise BudgetError(f"{path}: geen Parquet-bestanden (.parquet) in deze map")
            return files
        return [path]

    @property
    def synthetic(self) -> bool:
        return "synthetisch" in self._description().lower()

    def _description(self) -> str:
        """The file's description (the comment lines of a CSV, the metadata of a Parquet file), without the rows."""
        first = self.files()[0]
        if first.suffix.lower() in (".parquet", ".pq"):
            parquet = require("pyarrow.parquet", "pyarrow")
            metadata = parquet.read_schema(first).metadata or {}
            return metadata.get(b"openfisca_llo", b"").decode("utf-8")
        from openfisca_llo.population import load

        return load(first).description

    def description(self) -> str:
        text = self._description()
        return text.splitlines()[0] if text else str(self.path)

    def chunks(self, year: int) -> list[int]:
        return list(range(len(self.files())))

    def offsets(self) -> list[int]:
        return list(np.cumsum([0] + [_rows(p) for p in self.files()[:-1]]))

    def load(self, year: int, k: int) -> Population:
        from openfisca_llo.population import load

        population = load(self.files()[k])
        population.eerste_rij = int(self.offsets()[k]) if len(self.files()) > 1 else 0
        if population.eerste_rij and "aanvraagvolgorde" not in _column_names(self.files()[k]):
            population.aanvraagvolgorde = population.aanvraagvolgorde + population.eerste_rij  # the row order overall
        return population

    def persons(self) -> int:
        return int(sum(_rows(p) for p in self.files()))


def _column_names(path: Path) -> list[str]:
    if path.suffix.lower() in (".parquet", ".pq"):
        return list(require("pyarrow.parquet", "pyarrow").read_schema(path).names)
    return ["aanvraagvolgorde"]  # a CSV file is never a part of a folder: its own row order is the order overall


def _rows(path: Path) -> int:
    if path.suffix.lower() in (".parquet", ".pq"):
        return require("pyarrow.parquet", "pyarrow").ParquetFile(path).metadata.num_rows
    from openfisca_llo.population import load

    return len(load(path))


@dataclasses.dataclass(frozen=True)
class PopulationSource:
    """An in-memory population (the Python function and the web endpoint), cut into chunks of ``chunk`` rows."""

    population: Population
    chunk: int = DEFAULT_CHUNK
    werkgevers_seed: int = 0

    @property
    def synthetic(self) -> bool:
        return self.population.synthetic

    def description(self) -> str:
        return self.population.description.splitlines()[0] if self.population.description else ""

    def chunks(self, year: int) -> list[int]:
        return list(range((len(self.population) + self.chunk - 1) // self.chunk))

    def load(self, year: int, k: int) -> Population:
        part = self.population.take(slice(k * self.chunk, (k + 1) * self.chunk))
        part.eerste_rij = k * self.chunk
        return part

    def persons(self) -> int:
        return len(self.population)


# ---- the applications of a chunk --------------------------------------------------------------------------------


def age_on(population: Population, day: str) -> np.ndarray:
    from openfisca_llo.dates import add_years

    date = np.datetime64(day, "D")
    birth = population.geboortedatum
    years = date.astype("datetime64[Y]").astype(int) - birth.astype("datetime64[Y]").astype(int)
    return np.where(add_years(birth, years) > date, years - 1, years)


def _age_band(ages: np.ndarray) -> np.ndarray:
    upper = np.array([high for _, high, _ in AGE_BANDS])
    return np.searchsorted(upper, ages, side="left").astype(np.int64)


def _application_dates(population: Population, regeling: Regeling) -> np.ndarray:
    if regeling.naam == "stap_budget":
        return population.stap_aanvraagdatum
    return population.column(f"aanvraagdatum_{regeling.naam}")


def person_applications(population: Population, regeling: Regeling, year: int) -> Aanvragen:
    """The applications to ``regeling`` dated in ``year``, with their inputs (only these rows are kept)."""
    dates = _application_dates(population, regeling)
    rows = np.flatnonzero(~np.isnat(dates) & (dates.astype("datetime64[Y]").astype(int) + 1970 == year))
    part = population.take(rows)
    inputs = {"geboortedatum": part.geboortedatum, "opleidingsniveau": part.opleidingsniveau}
    legacy = {"stap_maanden_verzekerd_referteperiode": part.maanden_verzekerd,
              "evc_maanden_verzekerd_referteperiode": part.maanden_verzekerd,
              "stap_scholingskosten": part.stap_scholingskosten, "stap_scholing_ocw_erkend": part.stap_ocw_erkend,
              "stap_scholing_in_scholingsregister": part.stap_in_scholingsregister,
              "ontvangt_studiefinanciering": part.ontvangt_studiefinanciering}
    for name in regeling.invoer:
        inputs[name] = legacy[name] if name in legacy else part.column(name)
    groups = {"leeftijd_1_januari": _age_band(age_on(part, f"{year}-01-01")),
              "opleidingsniveau": part.opleidingsniveau.astype(np.int64)}
    return Aanvragen(regeling.naam, (population.eerste_rij + rows).astype(np.int64), part.gewicht,
                     dates[rows].astype("datetime64[D]"), part.aanvraagvolgorde, inputs, groups)


def _leerrekening(tax_benefit_system, population: Population, year: int) -> dict[str, np.ndarray] | None:
    """Deposit and spending of every person in ``year``; None if the system has no leerrekening."""
    if "leerrekening_storting" not in tax_benefit_system.variables:
        return None
    parameters = tax_benefit_system.parameters
    active = []
    y = year
    while y >= 1900 and parameters(f"{y}-01-01").leerrekening.actief:
        active.insert(0, y)
        y -= 1
    n = len(population)
    if not active:
        return {name: np.zeros(n) for name in LEERREKENING}
    simulation = person_simulation(tax_benefit_system, n)
    from openfisca_core.indexed_enums import EnumArray

    simulation.set_input("geboortedatum", "ETERNITY", population.geboortedatum)
    levels = tax_benefit_system.variables["opleidingsniveau"].possible_values
    simulation.set_input("opleidingsniveau", "ETERNITY", EnumArray(population.opleidingsniveau, levels))
    for y in active:
        simulation.set_input("leerrekening_minstens_halftijds_gewerkt", str(y), population.halftijds_gewerkt)
        costs = population.leerrekening_scholingskosten.get(y)
        if costs is not None:
            simulation.set_input("leerrekening_scholingskosten", str(y), costs)
    return {name: np.asarray(simulation.calculate(name, str(year)), dtype=np.float64) for name in LEERREKENING}


@dataclasses.dataclass
class ChunkResult:
    year: int
    k: int
    persons: int
    weighted: float
    tables: dict[str, Aanvragen]
    breed: dict  # (variant, instrument) -> [cost, recipients, exists]
    breed_groepen: dict  # (variant, instrument, indeling) -> array (4, groups): persons, winners, losers, change


def chunk_task(source, year: int, k: int, variants: tuple[Variant, ...], schemes: tuple[str, ...]) -> ChunkResult:
    """Phase 1 for one chunk and year: its applications per person scheme, and the person-wide leerrekening."""
    population = source.load(year, k)
    tables = {name: person_applications(population, BY_NAME[name], year)
              for name in schemes if BY_NAME[name].bron == "personen"}
    weight = population.gewicht
    breed, groups = {}, {}
    values = {v.naam: _leerrekening(build_system(v), population, year) for v in variants}
    if any(value is not None for value in values.values()):
        codes = {"leeftijd_1_januari": (_age_band(age_on(population, f"{year}-01-01")), len(AGE_BANDS)),
                 "opleidingsniveau": (population.opleidingsniveau.astype(np.int64), len(LEVELS))}
        for variant in variants:
            for instrument in LEERREKENING:
                own = values[variant.naam]
                amount = np.zeros(len(population)) if own is None else own[instrument]
                breed[(variant.naam, instrument)] = [float((weight * amount).sum()), float(weight[amount > 0].sum()),
                                                     own is not None]
                law = values["wet"]
                base = np.zeros(len(population)) if law is None else law[instrument]
                difference = amount - base
                for kind, (code, count) in codes.items():
                    groups[(variant.naam, instrument, kind)] = np.vstack([
                        np.bincount(code, weights=weight, minlength=count),
                        np.bincount(code, weights=np.where(difference > 0.005, weight, 0.0), minlength=count),
                        np.bincount(code, weights=np.where(difference < -0.005, weight, 0.0), minlength=count),
                        np.bincount(code, weights=weight * difference, minlength=count),
                    ])
    return ChunkResult(year, k, len(population), float(weight.sum()), tables, breed, groups)


def employer_task(source, year: int, name: str) -> Aanvragen:
    from openfisca_llo.werkgevers import applications

    return applications(name, source.werkgevers_seed, year)


def scheme_task(name: str, variant: Variant, table: Aanvragen, lottery_seed: int):
    """Phase 2: every application of one scheme under one variant (all years), plafond and lottery included."""
    from openfisca_llo.errors import OutsideModelledPeriodError

    try:
        return evaluate(build_system(variant), BY_NAME[name], table, lottery_seed)
    except OutsideModelledPeriodError as error:
        raise BudgetError(f"{variant.naam}, {name}: {error}") from None


# ---- the budget -------------------------------------------------------------------------------------------------


@dataclasses.dataclass
class BudgetReport:
    variants: list[str]
    years: list[int]
    totals: list[dict]  # per year, scheme and variant
    tijdvakken: list[dict]
    groepen: list[dict]  # winners and losers per scheme, year, variant and group
    synthetic: bool
    description: str
    persons: int
    weighted_persons: float
    disagreements: int
    lottery_seed: int
    engine: str
    detail: tuple | None = None  # (tables, outcomes) per scheme and variant, when asked for (keep=True)

    def as_dict(self) -> dict:
        return {
            "varianten": self.variants, "jaren": self.years, "synthetisch": self.synthetic,
            "omschrijving": self.description, "personen_rijen": self.persons,
            "personen_gewogen": self.weighted_persons, "loting_seed": self.lottery_seed, "engine": self.engine,
            "afwijkingen_toewijzing_wet": self.disagreements,
            "niet_doorgerekend": NIET_DOORGEREKEND,
            "kosten": [_json_row(r) for r in self.totals],
            "tijdvakken": [_json_row(r) for r in self.tijdvakken],
            "winnaars_verliezers": [_json_row(r) for r in self.groepen],
        }


def _unit(column: str) -> str:
    """Columns ``*_eur`` hold money; the other numbers of a budget row are weighted counts."""
    return MONEY if column.endswith("_eur") else GEWOGEN_AANTAL


def _json_row(row: dict) -> dict:
    """Money (``*_eur``) to the cent, half a cent up; weighted counts to 2 decimals; NaN as null (json_values)."""
    return {k: plain_value(v, _unit(k)) if isinstance(v, float) else v for k, v in row.items()}


def run_phases(source, variants: tuple[Variant, ...], years: list[int], schemes: tuple[str, ...], lottery_seed: int,
               progress: Progress):
    """Both phases in this process; returns the chunk results and {(scheme, variant): (table, outcome)}."""
    chunks = []
    tables: dict[str, list[Aanvragen]] = {name: [] for name in schemes}
    for year in years:
        ks = source.chunks(year)
        for k in ks:
            result = chunk_task(source, year, k, variants, schemes)
            for name, table in result.tables.items():
                tables[name].append(table)
            result.tables = {}
            chunks.append(result)
            progress.step(f"personen {year} deel {k + 1}/{len(ks)}")
        for name in schemes:
            if BY_NAME[name].bron == "werkgevers":
                tables[name].append(employer_task(source, year, name))
    joined = {name: concat(parts) for name, parts in tables.items() if parts}
    progress.step(count=(len(schemes) - len(joined)) * len(variants))  # schemes without applications: nothing to do
    outcomes = {}
    for name, table in joined.items():
        for variant in variants:
            outcomes[(name, variant.naam)] = scheme_task(name, variant, table, lottery_seed)
            progress.step(f"{name} {variant.naam}")
    return chunks, joined, outcomes


def compute_budget(source, variants: list[Variant], years: list[int], lottery_seed: int = DEFAULT_LOTTERY_SEED,
                   engine: str = "proces", scheduler: str | None = None, workers: int = 2,
                   schemes: list[str] | None = None, progress: Progress | None = None, keep: bool = False,
                   dask_processes: bool = True) -> BudgetReport:
    """The budget of the law and every variant over ``years``; ``engine`` is 'proces' or 'dask' (a local cluster of
    ``workers`` processes, or threads with ``dask_processes`` False, when no ``scheduler`` address is given)."""
    progress = progress or Progress(False)
    years = sorted(set(years))
    if not years:
        raise BudgetError("geef ten minste één jaar (--van en --tot, of --jaar)")
    if years[0] < FIRST_YEAR or years[-1] > LAST_YEAR:
        raise BudgetError(YEARS_TEXT)
    names = [v.naam for v in variants]
    if "wet" in names or len(set(names)) != len(names):
        raise BudgetError(f"elke variant heeft een eigen naam, en niet 'wet'; namen: {', '.join(names)}")
    all_variants = (WET, *variants)
    schemes = tuple(schemes or [r.naam for r in REGELINGEN])
    unknown = [s for s in schemes if s not in BY_NAME]
    if unknown:
        raise BudgetError(f"onbekende regeling {', '.join(unknown)}; kies uit {', '.join(sorted(BY_NAME))}")
    if engine not in ("proces", "dask"):
        raise BudgetError(f"onbekende rekenwijze '{engine}'; kies uit proces, dask")
    # the whole work at once, so the bar shows from the start and never runs backwards: every chunk of every year,
    # then every scheme under every variant
    progress.start(sum(len(source.chunks(year)) for year in years) + len(schemes) * len(all_variants),
                   "regels laden")
    try:
        for variant in variants:  # fail early, with the message of the reform or the amendment
            build_system(variant)
        if engine == "dask":
            from openfisca_llo.budget_dask import run_phases_dask

            chunks, tables, outcomes = run_phases_dask(source, all_variants, years, schemes, lottery_seed, scheduler,
                                                       workers, progress, dask_processes)
        else:
            chunks, tables, outcomes = run_phases(source, all_variants, years, schemes, lottery_seed, progress)
    finally:  # an error message starts on a line of its own
        progress.close()
    report = assemble(source, all_variants, years, chunks, tables, outcomes, lottery_seed, engine)
    if keep:
        report.detail = (tables, outcomes)
    return report


def assemble(source, variants, years, chunks, tables, outcomes, lottery_seed, engine) -> BudgetReport:
    """Totals, tijdvakken and winners/losers from the phase results (the same for every engine)."""
    from openfisca_llo.werkgevers import GROUP_NAMES

    totals, periods, groups = [], [], []
    group_names = {"leeftijd_1_januari": [label for _, _, label in AGE_BANDS], "opleidingsniveau": LEVELS, **GROUP_NAMES}
    disagreements = sum(o.afwijkingen for o in outcomes.values())
    for year in years:
        for regeling in REGELINGEN:
            if regeling.naam not in tables:
                continue
            table = tables[regeling.naam]
            in_year = table.datum.astype("datetime64[Y]").astype(int) + 1970 == year
            law = outcomes[(regeling.naam, "wet")]
            for variant in variants:
                outcome = outcomes[(regeling.naam, variant.naam)]
                totals.append(_total_row(regeling, variant, year, table, outcome, in_year, lottery_seed,
                                         build_system(variant)))
                periods.extend(_period_rows(regeling, variant, year, table, outcome, in_year))
                if variant.naam != "wet":
                    groups.extend(_group_rows(regeling.naam, variant.naam, year, table, law, outcome, in_year,
                                              group_names))
        _leerrekening_rows(chunks, variants, year, totals, groups, group_names)
        for name, reason in NIET_DOORGEREKEND.items():
            for variant in variants:
                totals.append({**_empty_row(year, variant.naam, name, name.replace("_", " ")),
                               "status": f"niet doorgerekend: {reason}"})
    first_year = [c for c in chunks if c.year == years[0]]
    return BudgetReport(
        variants=[v.naam for v in variants], years=years, totals=totals, tijdvakken=periods, groepen=groups,
        synthetic=bool(source.synthetic), description=source.description(), persons=sum(c.persons for c in first_year),
        weighted_persons=sum(c.weighted for c in first_year), disagreements=disagreements, lottery_seed=lottery_seed,
        engine=engine,
    )


def _empty_row(year, variant, name, title) -> dict:
    return {"jaar": year, "variant": variant, "regeling": name, "titel": title, "eenheid": "", "status": "",
            "aanvragen": None, "ontvangers": None, "kosten_eur": None, "gemiddeld_per_ontvanger_eur": None,
            "rente_eur": None, "plafond_eur": None, "afgewezen_door_plafond": None,
            "bedrag_afgewezen_door_plafond_eur": None, "onbekend": None, "bedrag_onbekend_gevraagd_eur": None,
            "toewijzing": "", "loting_seed": None}


def _total_row(regeling: Regeling, variant: Variant, year, table, outcome, in_year, lottery_seed, system) -> dict:
    w = table.gewicht
    unknown = in_year & outcome.onbekend
    known = in_year & ~outcome.onbekend
    amount = np.nan_to_num(outcome.toegekend)
    received = known & (amount > 0)
    row = _empty_row(year, variant.naam, regeling.naam, regeling.titel)
    exists = regeling.bedrag is None or regeling.bedrag in system.variables
    recipients = float(w[received].sum())
    cost = float((w * amount)[received].sum())
    plafonds = {}
    keys, first = np.unique(outcome.groep[in_year], return_index=True)
    for key, value in zip(keys, outcome.plafond[in_year][first], strict=True):  # a loop over plafond groups
        if not np.isnan(value) and key >= 0 and (regeling.tijdvak or str(np.datetime64(int(key), "D"))[:4] == str(year)):
            plafonds[int(key)] = float(value)
    row.update({
        "eenheid": regeling.eenheid,
        "status": "doorgerekend" if exists else "bestaat niet in deze variant",
        "aanvragen": float(w[in_year].sum()),
        "ontvangers": recipients,
        "onbekend": float(w[unknown].sum()),
        "bedrag_onbekend_gevraagd_eur": None,
        "toewijzing": {"volgorde": "volgorde van ontvangst", "loting": "loting"}.get(regeling.toewijzing or "", ""),
        "loting_seed": lottery_seed if regeling.toewijzing == "loting" else None,
    })
    if regeling.eenheid == "deelnemers":
        row["status"] = f"niet in geld doorgerekend: {regeling.toelichting}"
        return row
    interest = float((w * outcome.rente)[received].sum()) if regeling.rente else None
    row.update({
        "kosten_eur": cost,
        "gemiddeld_per_ontvanger_eur": cost / recipients if recipients else None,
        "rente_eur": interest if interest is not None and np.isfinite(interest) else None,  # None: rate onbekend
    })
    if regeling.plafond:
        refused = in_year & outcome.door_plafond
        row.update({
            "plafond_eur": sum(plafonds.values()) if plafonds else None,
            "afgewezen_door_plafond": float(w[refused].sum()),
            "bedrag_afgewezen_door_plafond_eur": float((w * np.nan_to_num(outcome.gevraagd))[refused].sum()),
        })
    return row


def _period_rows(regeling, variant, year, table, outcome, in_year) -> list[dict]:
    if not regeling.plafond:
        return []
    rows = []
    w = table.gewicht
    amount = np.nan_to_num(outcome.toegekend)
    for key in np.unique(outcome.groep[in_year]):  # a loop over tijdvakken
        mask = in_year & (outcome.groep == key)
        refused = mask & outcome.door_plafond
        plafond = outcome.plafond[mask][0]
        rows.append({
            "jaar": year, "variant": variant.naam, "regeling": regeling.naam,
            "tijdvak_vanaf": "" if key < 0 else str(np.datetime64(int(key), "D")),
            "plafond_eur": None if np.isnan(plafond) else float(plafond),
            "aanvragen": float(w[mask].sum()),
            "toegekend": float(w[mask & ~outcome.onbekend & (amount > 0)].sum()),
            "kosten_eur": float((w * amount)[mask & ~outcome.onbekend].sum()),
            "afgewezen_door_plafond": float(w[refused].sum()),
            "bedrag_afgewezen_door_plafond_eur": float((w * np.nan_to_num(outcome.gevraagd))[refused].sum()),
            "onbekend": float(w[mask & outcome.onbekend].sum()),
            "plafond_bereikt_op": str(table.datum[refused].min()) if refused.any() else "",
            "toewijzing": regeling.toewijzing or "",
        })
    return rows


def _group_rows(name, variant, year, table, law, outcome, in_year, group_names) -> list[dict]:
    w = table.gewicht
    both = in_year & ~law.onbekend & ~outcome.onbekend
    difference = np.where(both, np.nan_to_num(outcome.toegekend) - np.nan_to_num(law.toegekend), 0.0)
    rows = []
    for kind, codes in table.groepen.items():
        labels = group_names[kind]

        def total(values, codes=codes, labels=labels):
            return np.bincount(codes[in_year], weights=values[in_year], minlength=len(labels))

        applicants = total(w)
        recipients_law = total(np.where(both & (np.nan_to_num(law.toegekend) > 0), w, 0.0))
        recipients = total(np.where(both & (np.nan_to_num(outcome.toegekend) > 0), w, 0.0))
        winners = total(np.where(difference > 0.005, w, 0.0))
        losers = total(np.where(difference < -0.005, w, 0.0))
        change = total(w * difference)
        unknown = total(np.where(in_year & ~both, w, 0.0))
        for k, label in enumerate(labels):  # a loop over groups
            if applicants[k] == 0:
                continue
            rows.append({"jaar": year, "variant": variant, "regeling": name, "indeling": kind, "groep": label,
                         "aanvragers": float(applicants[k]), "ontvangers_wet": float(recipients_law[k]),
                         "ontvangers_variant": float(recipients[k]), "winnaars": float(winners[k]),
                         "verliezers": float(losers[k]), "onbekend": float(unknown[k]),
                         "verschil_totaal_eur": float(change[k]),
                         "verschil_gemiddeld_eur": float(change[k] / applicants[k])})
    return rows


def _leerrekening_rows(chunks, variants, year, totals, groups, group_names) -> None:
    parts = [c for c in chunks if c.year == year and c.breed]
    if not parts:
        return
    for variant in variants:
        for instrument in LEERREKENING:
            cost = sum(c.breed[(variant.naam, instrument)][0] for c in parts)
            recipients = sum(c.breed[(variant.naam, instrument)][1] for c in parts)
            exists = parts[0].breed[(variant.naam, instrument)][2]
            row = _empty_row(year, variant.naam, instrument, "Leerrekening: " + instrument.split("_")[1])
            row.update({"eenheid": "subsidie" if instrument.endswith("storting") else "besteding (geen kosten)",
                        "status": "doorgerekend" if exists else "bestaat niet in deze variant",
                        "aanvragen": None, "ontvangers": recipients, "kosten_eur": cost,
                        "gemiddeld_per_ontvanger_eur": cost / recipients if recipients else None, "onbekend": 0.0})
            totals.append(row)
            if variant.naam == "wet":
                continue
            for kind, labels in (("leeftijd_1_januari", group_names["leeftijd_1_januari"]),
                                 ("opleidingsniveau", LEVELS)):
                values = sum(c.breed_groepen[(variant.naam, instrument, kind)] for c in parts)
                for k, label in enumerate(labels):
                    if values[0, k] == 0:
                        continue
                    groups.append({"jaar": year, "variant": variant.naam, "regeling": instrument, "indeling": kind,
                                   "groep": label, "aanvragers": float(values[0, k]), "ontvangers_wet": None,
                                   "ontvangers_variant": None, "winnaars": float(values[1, k]),
                                   "verliezers": float(values[2, k]), "onbekend": 0.0,
                                   "verschil_totaal_eur": float(values[3, k]),
                                   "verschil_gemiddeld_eur": float(values[3, k] / values[0, k])})


# ---- small populations: the Python function behind POST /budget --------------------------------------------------

MAX_SMALL_PERSONS = 100_000
#: persons x years x scenarios (the law and each variant): keeps a request to about a minute on one core
MAX_SMALL_WORK = 1_000_000


def budget_small(population: Population, variants: list[Variant], years: list[int],
                 lottery_seed: int = DEFAULT_LOTTERY_SEED, schemes: list[str] | None = None,
                 werkgevers_seed: int = 0) -> BudgetReport:
    """The budget of a population held in memory, in this process: at most 100,000 persons, and persons x years x
    scenarios at most 1,000,000 (so a request stays bounded in time). Larger runs: the CLI."""
    if len(population) > MAX_SMALL_PERSONS:
        raise BudgetError(f"ten hoogste {formatting.number(MAX_SMALL_PERSONS)} personen; gebruik de CLI "
                          "(openfisca-llo budget) voor grotere populaties")
    work = len(population) * len(set(years)) * (1 + len(variants))
    if work > MAX_SMALL_WORK:
        raise BudgetError(f"personen x jaren x scenario's is {formatting.number(work)}, ten hoogste "
                          f"{formatting.number(MAX_SMALL_WORK)}: minder jaren, varianten of personen, of de CLI")
    source = PopulationSource(population, chunk=DEFAULT_CHUNK, werkgevers_seed=werkgevers_seed)
    return compute_budget(source, variants, years, lottery_seed, schemes=schemes)


def _integer(payload: dict, field: str, default=None) -> int:
    value = payload.get(field, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise BudgetError(f"'{field}' moet een geheel getal zijn, kreeg {value!r}")
    return value


def budget_request(payload) -> BudgetReport:
    """A JSON request (POST /budget) checked field by field, then :func:`budget_small`."""
    from openfisca_llo.population import from_columns

    allowed = {"populatie", "hervorming", "amendementen", "van", "tot", "regelingen", "loting_seed"}
    if not isinstance(payload, dict):
        raise BudgetError("verwacht een JSON-object met 'populatie', 'van' en 'tot'")
    unknown = sorted(set(payload) - allowed)
    if unknown:
        raise BudgetError(f"onbekende velden {unknown}; toegestaan: {sorted(allowed)}")
    for field in ("populatie", "van", "tot"):
        if field not in payload:
            raise BudgetError(f"'{field}' ontbreekt; verplicht: populatie, van, tot")
    start, stop = _integer(payload, "van"), _integer(payload, "tot")
    if stop < start:
        raise BudgetError(f"'tot' ({stop}) ligt vóór 'van' ({start})")
    reform = payload.get("hervorming")
    if reform is not None and not isinstance(reform, str):
        raise BudgetError("'hervorming' moet de naam van een hervorming zijn; zie GET /reforms")
    amendments = payload.get("amendementen") or []
    if not isinstance(amendments, list) or not all(isinstance(a, dict) for a in amendments):
        raise BudgetError("'amendementen' moet een lijst van amendementen (objecten) zijn")
    variants = [Variant.from_amendment(a, reform) for a in amendments] or ([Variant(reform, reform)] if reform else [])
    schemes = payload.get("regelingen")
    if schemes is not None and (not isinstance(schemes, list) or not all(isinstance(x, str) for x in schemes)):
        raise BudgetError(f"'regelingen' moet een lijst van namen zijn; toegestaan: {sorted(BY_NAME)}")
    seed = _integer(payload, "loting_seed", DEFAULT_LOTTERY_SEED)
    population = payload["populatie"]
    if not isinstance(population, dict) or len(population) != 1 or not {"synthetisch", "personen"} & set(population):
        raise BudgetError("'populatie' moet {\"synthetisch\": {\"personen\": N, \"seed\": S}} of "
                          "{\"personen\": [{kolom: waarde}, ...]} zijn")
    if "synthetisch" in population:
        spec = population["synthetisch"]
        if not isinstance(spec, dict) or set(spec) - {"personen", "seed"}:
            raise BudgetError("'populatie.synthetisch' moet {\"personen\": N, \"seed\": S} zijn")
        size, person_seed = _integer(spec, "personen"), _integer(spec, "seed", 0)
        if not 1 <= size <= MAX_SMALL_PERSONS:
            raise BudgetError(f"'populatie.synthetisch.personen' moet tussen 1 en {MAX_SMALL_PERSONS} liggen")
        if not FIRST_YEAR <= start <= stop <= LAST_YEAR:
            raise BudgetError(f"'van' en 'tot': {YEARS_TEXT}")
        work = size * (stop - start + 1) * (1 + len(variants))
        if work > MAX_SMALL_WORK:
            raise BudgetError(f"personen x jaren x scenario's is {formatting.number(work)}, ten hoogste "
                              f"{formatting.number(MAX_SMALL_WORK)}")
        source = SyntheticSource(size, person_seed, chunk=DEFAULT_CHUNK, werkgevers_seed=person_seed)
        return compute_budget(source, variants, list(range(start, stop + 1)), seed, schemes=schemes)
    rows = population["personen"]
    if not isinstance(rows, list) or not rows or not all(isinstance(r, dict) for r in rows):
        raise BudgetError("'populatie.personen' moet een niet-lege lijst van objecten {kolom: waarde} zijn")
    if len(rows) > MAX_SMALL_PERSONS:
        raise BudgetError(f"ten hoogste {MAX_SMALL_PERSONS} personen")
    names = sorted({key for row in rows for key in row})
    columns = {name: np.array(["" if row.get(name) is None else str(row.get(name)) for row in rows]) for name in names}
    return budget_small(from_columns(columns), variants, list(range(start, stop + 1)), seed, schemes)


# ---- output -----------------------------------------------------------------------------------------------------


def _write_csv(path: Path, rows: list[dict], comment: str) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(f"# {comment}\n")
        if not rows:
            return
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _csv_value(k, v) for k, v in row.items()})


def _csv_value(column: str, value):
    """As in ``_json_row``; an unknown value (NaN) as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, float):
        return plain_value(value, _unit(column))
    return value


def variant_table(report: BudgetReport) -> list[dict]:
    """Variants x schemes x years: one row per scheme and year, the cost of each variant in a column."""
    table: dict[tuple, dict] = {}
    for row in report.totals:
        key = (row["jaar"], row["regeling"])
        entry = table.setdefault(key, {"jaar": row["jaar"], "regeling": row["regeling"]})
        entry[f"kosten_{row['variant']}_eur"] = row["kosten_eur"]
        if row["status"].startswith("niet"):
            entry["status"] = row["status"]
    for entry in table.values():
        entry.setdefault("status", "doorgerekend")
    return list(table.values())


def write_outputs(report: BudgetReport, out_dir, parquet: bool = True, notes: list[str] | None = None) -> dict[str, Path]:
    """The tables (CSV, JSON), and with their extras the Parquet table and the chart; what could not be written for
    want of an extra is added to ``notes`` (Dutch, naming the extra)."""
    notes = [] if notes is None else notes
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    label = (f"varianten {', '.join(report.variants[1:]) or '-'}; {_count(report.persons)} rijen, gewogen "
             f"{_count(report.weighted_persons)} personen; startwaarde loting {report.lottery_seed}"
             + ("; SYNTHETISCHE populatie" if report.synthetic else ""))
    paths = {"budget": out / "budget.csv", "varianten": out / "varianten.csv", "tijdvakken": out / "tijdvakken.csv",
             "winnaars_verliezers": out / "winnaars_verliezers.csv", "json": out / "budget.json",
             "grafiek": out / "budget.png"}
    _write_csv(paths["budget"], report.totals, f"Kosten per regeling, jaar en variant (onbekend apart, nooit als kosten); {label}")
    _write_csv(paths["varianten"], variant_table(report), f"Kosten: varianten x regelingen x jaren; {label}")
    _write_csv(paths["tijdvakken"], report.tijdvakken, f"Per plafond (aanvraagtijdvak of budget): toewijzing; {label}")
    _write_csv(paths["winnaars_verliezers"], report.groepen, f"Verschil variant - wet per regeling en groep; {label}")
    paths["json"].write_text(json.dumps(report.as_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
    if parquet:  # optional outputs: without their extra the others are still written, with a notice
        try:
            pa, pq = require("pyarrow", "pyarrow"), require("pyarrow.parquet", "pyarrow")
            paths["parquet"] = out / "budget.parquet"
            pq.write_table(pa.Table.from_pylist(report.totals), paths["parquet"])
        except MissingExtra as missing:
            notes.append(f"geen budget.parquet: {missing}")
    try:
        write_chart(report, paths["grafiek"])
    except MissingExtra as missing:
        del paths["grafiek"]
        notes.append(f"geen budget.png: {missing}")
    return paths


def _mln(value) -> str:
    return "-" if value is None else formatting.number(value / 1e6, 1)


def _count(value) -> str:
    return "-" if value is None else formatting.number(value, 0)


def write_chart(report: BudgetReport, path: Path) -> None:
    """Per scheme a panel: cost per year and variant (bars), the plafond (a line), the average per recipient and
    the winners/losers (in the label); the legend sits below the panels, not over the bars."""
    matplotlib = require("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    costed = [r for r in report.totals if r["kosten_eur"] is not None]
    schemes = [s for s in dict.fromkeys(r["regeling"] for r in costed)
               if any((r["kosten_eur"] or 0) > 0 or (r["plafond_eur"] or 0) > 0 for r in costed if r["regeling"] == s)]
    if not schemes:
        schemes = list(dict.fromkeys(r["regeling"] for r in costed))[:1]
    columns = 3
    rows = max(1, (len(schemes) + columns - 1) // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(5 * columns, 3.9 * rows + 1.2), squeeze=False)
    width = 0.8 / max(len(report.variants), 1)
    years = report.years
    x = np.arange(len(years))
    handles = {}
    for index, scheme in enumerate(schemes):
        ax = axes[index // columns][index % columns]
        for k, variant in enumerate(report.variants):
            values = []
            for year in years:
                row = next((r for r in costed if r["jaar"] == year and r["regeling"] == scheme and r["variant"] == variant), None)
                values.append((row["kosten_eur"] or 0.0) / 1e6 if row else 0.0)
            bars = ax.bar(x + k * width - 0.4 + width / 2, values, width=width)
            handles[variant] = bars
        plafond = [next((r["plafond_eur"] for r in costed if r["jaar"] == y and r["regeling"] == scheme
                         and r["variant"] == "wet"), None) for y in years]
        if any(p for p in plafond):
            ax.plot(x, [np.nan if p is None else p / 1e6 for p in plafond], color="black", marker="_", markersize=18,
                    linestyle="none")
            handles["plafond (wet)"] = ax.lines[-1]
        average = ""
        for variant in report.variants:  # the law's average, or the first variant's where the law has none
            paid = [r for r in costed if r["regeling"] == scheme and r["variant"] == variant and r["ontvangers"]]
            if paid:
                mean = sum(r["kosten_eur"] for r in paid) / sum(r["ontvangers"] for r in paid)
                average = f"gem. EUR {formatting.number(mean, 0)}" + f" per ontvanger ({variant})"
                break
        changes = [g for g in report.groepen if g["regeling"] == scheme and g["indeling"] in ("opleidingsniveau", "sector")]
        span = f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0])
        counts = (f"alle varianten, {span}: winnaars {_count(sum(g['winnaars'] for g in changes))}, "
                  f"verliezers {_count(sum(g['verliezers'] for g in changes))}" if len(report.variants) > 1 else "")
        ax.set_title(f"{scheme}\n{average}\n{counts}", fontsize=8)
        ax.set_xticks(x, [str(y) for y in years], fontsize=7, rotation=45)
        ax.set_ylabel("EUR mln", fontsize=7)
        ax.tick_params(axis="y", labelsize=7)
    for index in range(len(schemes), rows * columns):
        axes[index // columns][index % columns].axis("off")
    fig.legend(list(handles.values()), list(handles), loc="lower center", ncol=min(len(handles), 6), fontsize=8,
               frameon=False)
    title = "Kosten per regeling en jaar" + (" — SYNTHETISCHE populatie: geen echte personen" if report.synthetic else "")
    fig.suptitle(title, color="darkred" if report.synthetic else "black")
    fig.tight_layout(rect=(0, 0.06, 1, 0.96))
    fig.savefig(path, dpi=90)
    plt.close(fig)


def format_report(report: BudgetReport) -> str:
    lines = []
    if report.synthetic:
        lines.append("SYNTHETISCHE populatie: geen echte personen of ondernemingen.")
    lines.append(f"Varianten: {', '.join(report.variants)}; {_count(report.persons)} rijen = "
                 f"{_count(report.weighted_persons)} personen (gewogen); startwaarde loting {report.lottery_seed}; "
                 f"rekenwijze {report.engine}.")
    lines.append(f"{'jaar':>4}  {'regeling':<28}{'variant':<22}{'ontvangers':>12}{'kosten (mln)':>14}"
                 f"{'plafond (mln)':>14}{'afgewezen plafond':>18}{'onbekend':>10}  status")
    for row in report.totals:
        refused = row["afgewezen_door_plafond"]
        status = "" if row["status"] == "doorgerekend" else row["status"][:70]
        lines.append(f"{row['jaar']:>4}  {row['regeling'][:27]:<28}{row['variant'][:21]:<22}{_count(row['ontvangers']):>12}"
                     f"{_mln(row['kosten_eur']):>14}{_mln(row['plafond_eur']):>14}{_count(refused):>18}"
                     f"{_count(row['onbekend']):>10}  {status}")
    if report.disagreements:
        lines.append(f"Let op: in {report.disagreements} rijen week de toewijzing af van de controle door de wet; de wet is gevolgd.")
    return "\n".join(lines) + "\n"


# ---- calibration ------------------------------------------------------------------------------------------------

CALIBRATION_SIZE = 100_000
CALIBRATION_SEED = 2022
LETTER_2022 = "Kamerbrief Beleidslijnen LLO, 23-9-2022"


def _row(report: BudgetReport, year: int, scheme: str) -> dict:
    return next(r for r in report.totals if r["jaar"] == year and r["regeling"] == scheme and r["variant"] == "wet")


def calibration(size: int = CALIBRATION_SIZE, seed: int = CALIBRATION_SEED) -> list[dict]:
    """The law in force on synthetic persons and employers beside the figures the sources report. A report, not a
    fit: nothing is tuned to these figures."""
    persons = compute_budget(SyntheticSource(size, seed, chunk=size), [], [2021, 2022, 2023],
                             schemes=["stap_budget", "levenlanglerenkrediet"], keep=True)
    employers = compute_budget(SyntheticSource(1, seed, chunk=1, werkgevers_seed=seed), [], list(range(2020, 2028)),
                               schemes=["slim_mkb", "slim_grootbedrijf", "slim_samenwerkingsverband",
                                        "slim_scholingssubsidie"], keep=True)
    return _stap_rows(persons) + _llk_rows(persons) + _slim_rows(employers)


def _stap_rows(persons: BudgetReport) -> list[dict]:
    """STAP 2022 against the letter of 23-9-2022, each 2023 tijdvak against its plafond, 2023 against the budget."""
    rows = []
    stap = [r for r in persons.tijdvakken if r["regeling"] == "stap_budget" and r["variant"] == "wet"]
    rows.append({
        "grootheid": "STAP 2022, tijdvakken maart-augustus: aantal toekenningen",
        "bron": f"{LETTER_2022}: '115.000 subsidieverzoeken ... toegekend'", "bronwaarde": 115_000.0,
        "model": _stap_march_august_2022(persons), "eenheid": "aantal"})
    row = _row(persons, 2022, "stap_budget")
    rows.append({"grootheid": "STAP 2022, heel jaar: verleend bedrag",
                 "bron": f"{LETTER_2022}: 'structureel jaarlijks EUR 218 miljoen ... inclusief uitvoeringskosten'",
                 "bronwaarde": 218e6, "model": row["kosten_eur"], "eenheid": "EUR"})
    rows.append({"grootheid": "STAP 2022, heel jaar: aantal toekenningen (onbekend: " + _fmt(row["onbekend"], "aantal") + ")",
                 "bron": "geen bron voor het hele jaar", "bronwaarde": None, "model": row["ontvangers"], "eenheid": "aantal"})
    for period in (p for p in stap if p["jaar"] == 2023 and p["tijdvak_vanaf"]):
        rows.append({
            "grootheid": f"STAP 2023, tijdvak vanaf {formatting.date(period['tijdvak_vanaf'])}: verleend bedrag "
                         f"({_fmt(period['toegekend'], 'aantal')} toekenningen, "
                         f"{_fmt(period['afgewezen_door_plafond'], 'aantal')} afgewezen door het plafond)",
            "bron": "parameter stap.subsidieplafond_per_tijdvak (plafond)", "bronwaarde": period["plafond_eur"],
            "model": period["kosten_eur"], "eenheid": "EUR"})
    row = _row(persons, 2023, "stap_budget")
    rows.append({"grootheid": "STAP 2023, heel jaar: verleend bedrag",
                 "bron": "budget 2023 volgens secundaire bron (plafond EUR 170 mln, niet geverifieerd)",
                 "bronwaarde": 170e6, "model": row["kosten_eur"], "eenheid": "EUR"})
    return rows


def _llk_rows(persons: BudgetReport) -> list[dict]:
    """Levenlanglerenkrediet 2021 against the borrowers and volume in the letter of 23-9-2022; 2022 without source."""
    rows = []
    for year in (2021, 2022):
        row = _row(persons, year, "levenlanglerenkrediet")
        source = year == 2021
        # 'geen_geverifieerd_bedrag' is the last ground: a borrower with an onbekend amount meets every condition
        rows.append({"grootheid": f"Levenlanglerenkrediet {year}: leners met recht (van wie "
                                  f"{_fmt(row['onbekend'], 'aantal')} met een onbekend bedrag: geen geverifieerd "
                                  "collegegeld voor een deel van het jaar)",
                     "bron": f"{LETTER_2022}: 'In 2021 hebben bijna 10.000 mensen gebruik gemaakt'" if source else "geen bron",
                     "bronwaarde": 10_000.0 if source else None, "model": row["ontvangers"] + row["onbekend"],
                     "eenheid": "aantal"})
        known = row["ontvangers"] > 0
        rows.append({"grootheid": f"Levenlanglerenkrediet {year}: leenvolume van de leners zonder onbekende maand"
                                  + ("" if known else " (geen: het model kent het bedrag niet)"),
                     "bron": f"{LETTER_2022}: 'Zij leenden in totaal EUR 27,3 miljoen'" if source else "geen bron",
                     "bronwaarde": 27.3e6 if source else None, "model": row["kosten_eur"] if known else None,
                     "eenheid": "EUR"})
    return rows


def _slim_rows(employers: BudgetReport) -> list[dict]:
    """SLIM 2020-2022 against the yearly budget, the first mkb lottery, and the scholingssubsidie 2025-2027."""
    rows = []
    for year in (2020, 2021, 2022):
        parts = [_row(employers, year, s) for s in ("slim_mkb", "slim_grootbedrijf", "slim_samenwerkingsverband")]
        total = sum(r["kosten_eur"] for r in parts)
        unknown = sum(r["onbekend"] for r in parts)
        rows.append({"grootheid": f"SLIM {year}: verleend bedrag (mkb, samenwerkingsverbanden, grootbedrijven; "
                                  f"onbekend: {_fmt(unknown, 'aantal')} aanvragen in tijdvakken zonder bekend plafond "
                                  "of bekende data)",
                     "bron": "Kamerstuk 30012, nr. 142: 'Jaarlijks is voor SLIM EUR 48 miljoen beschikbaar'",
                     "bronwaarde": 48e6, "model": total, "eenheid": "EUR"})
    tables, outcomes = employers.detail
    table, outcome = tables["slim_mkb"], outcomes[("slim_mkb", "wet")]
    march = (table.datum >= np.datetime64("2020-03-01")) & (table.datum <= np.datetime64("2020-03-31"))
    granted = float(table.gewicht[march & (np.nan_to_num(outcome.toegekend) > 0)].sum())
    rows.append({"grootheid": "SLIM 2020 mkb, tijdvak maart: toekenningen (loting, plafond EUR 15 mln; "
                              f"{_fmt(float(table.gewicht[march].sum()), 'aantal')} aanvragen)",
                 "bron": "procesevaluatie SZW (secundair, hezelburcht.com): eerste ronde 673 toegekend van 2.113",
                 "bronwaarde": 673.0, "model": granted, "eenheid": "aantal"})
    scholing = [_row(employers, year, "slim_scholingssubsidie") for year in (2025, 2026, 2027)]
    rows.append({"grootheid": "SLIM scholingssubsidie 2025-2027: verleend bedrag (onbekend: "
                              f"{_fmt(sum(r['onbekend'] for r in scholing), 'aantal')} aanvragen, vanaf 2026 is het "
                              "aanvraagtijdvak niet bekend)",
                 "bron": "Kamerstuk 30012, nr. 158: 'tot en met 2027 EUR 73,8 miljoen beschikbaar'",
                 "bronwaarde": 73.8e6, "model": sum(r["kosten_eur"] for r in scholing), "eenheid": "EUR"})
    return rows


def _stap_march_august_2022(report: BudgetReport) -> float:
    """STAP grants (weighted) on application days from 1 March to 31 August 2022 (the first three tijdvakken)."""
    tables, outcomes = report.detail
    table, outcome = tables["stap_budget"], outcomes[("stap_budget", "wet")]
    window = (table.datum >= np.datetime64("2022-03-01")) & (table.datum <= np.datetime64("2022-08-31"))
    granted = window & ~outcome.onbekend & (np.nan_to_num(outcome.toegekend) > 0)
    return float(table.gewicht[granted].sum())


def _fmt(value, unit) -> str:
    if unit == "EUR":
        return "-" if value is None else f"EUR {_mln(value)} mln"
    return _count(value)


def calibration_rst(rows: list[dict], size: int = CALIBRATION_SIZE, seed: int = CALIBRATION_SEED) -> str:
    """The calibration table as reStructuredText (committed as docs/handleidingen/kalibratie_tabel.inc)."""
    lines = [
        ".. Gegenereerd door `openfisca-llo kalibratie`; niet met de hand bewerken (een test vergelijkt).",
        "",
        f"Synthetische populatie van {_fmt(size, 'aantal')} personen (seed {seed}) en synthetische werkgevers "
        f"(seed {seed}), het geldende recht:",
        "",
        ".. list-table::",
        "   :header-rows: 1",
        "   :widths: 40 30 12 12 6",
        "",
        "   * - Grootheid",
        "     - Bron",
        "     - Bron: waarde",
        "     - Model",
        "     - Model / bron",
    ]
    for row in rows:
        ratio = "-" if not row["bronwaarde"] or row["model"] is None else f"{row['model'] / row['bronwaarde']:.2f}".replace(".", ",")
        lines += [
            f"   * - {row['grootheid']}",
            f"     - {row['bron']}",
            f"     - {_fmt(row['bronwaarde'], row['eenheid'])}",
            f"     - {_fmt(row['model'], row['eenheid'])}",
            f"     - {ratio}",
        ]
    return "\n".join(lines) + "\n"

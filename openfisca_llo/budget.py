"""Population budgets: what the law in force and a reform cost per instrument and year, who gains, and the
first-come-first-served STAP subsidieplafond.

**STAP-budget.** The period of the STAP variables is the application day, so the applicants of one day are
computed together: one simulation per distinct application date, with every input set as a whole array
(``set_input``); no Python loop over persons. The allocation inside a tijdvak follows articles 9 and 10 of the
regeling (order of receipt):

1. first pass: ``stap_budget`` with ``stap_reeds_verleend_in_tijdvak = 0`` gives each application's amount if
   the plafond were not reached (every other ground of refusal already applied);
2. the tijdvak of an application is the start date of the value of ``stap.subsidieplafond_per_tijdvak`` in
   force on its date; inside each tijdvak the applications are sorted by date and then by
   ``aanvraagvolgorde`` (the tie-break), and the amounts (times the row's ``gewicht``) are summed with
   ``np.cumsum``; an application is granted while the sum stays within the plafond. Past the first refusal a
   later, smaller application can still fit in what is left (art. 10 refuses only what *would* exceed the
   plafond); those are found with a short loop whose every step grants one application (each step is
   vectorised over the rest of the tijdvak);
3. second pass, only in tijdvakken with a plafond: ``stap_reeds_verleend_in_tijdvak`` is set to what was
   granted before the application (a row of weight *w* stands for *w* identical applications received one
   after the other, so the row sees the other *w - 1* as well) and the law's own formula decides; where it
   disagrees with the allocation, the law's answer is kept and the count is reported (it is 0 by construction,
   apart from rounding at the exact boundary).

A row of weight *w* is granted or refused as a whole: an approximation that only matters for the last row that
fits in a tijdvak.

**Leerrekening** (reforms ``leerrekening_cpf`` and ``leerrekening_cpf_vervangt_stap``): per calendar year the
deposit ``leerrekening_storting`` (the accrual: the cost of the year) and the spending
``leerrekening_besteding``, for every person; the law in force has no leerrekening (cost 0).

**Winners and losers.** Per person and year: (STAP-budget granted + leerrekening deposit) under the reform
minus the same under the law in force; grouped by age band on 1 January and by highest education.
"""

from __future__ import annotations

import csv
import dataclasses
import sys
import time
from pathlib import Path

import numpy as np
from openfisca_core.indexed_enums import EnumArray
from openfisca_core.simulations import SimulationBuilder

from openfisca_llo.geld import round_to_cents
from openfisca_llo.population import LEVELS, Population

AGE_BANDS = [(0, 17, "jonger dan 18"), (18, 29, "18-29"), (30, 39, "30-39"), (40, 49, "40-49"), (50, 200, "50 en ouder")]
PLAFOND_PARAMETER = "stap.subsidieplafond_per_tijdvak"


class BudgetError(ValueError):
    pass


# ---- progress ---------------------------------------------------------------------------------------------------


class Progress:
    """A text progress bar on stderr, redrawn at most every 0.2 s; silent when disabled."""

    def __init__(self, enabled: bool = True, stream=None) -> None:
        self.enabled = enabled
        self.stream = stream or sys.stderr
        self.total = 0
        self.done = 0
        self.label = ""
        self._last = 0.0
        self._started = time.perf_counter()

    def add(self, steps: int) -> None:
        self.total += steps

    def step(self, label: str = "", count: int = 1) -> None:
        self.done += count
        self.label = label or self.label
        now = time.perf_counter()
        if self.enabled and (now - self._last > 0.2 or self.done >= self.total):
            self._last = now
            fraction = self.done / self.total if self.total else 1.0
            bar = "#" * int(fraction * 30)
            self.stream.write(f"\r[{bar:<30}] {fraction * 100:5.1f}% {now - self._started:6.1f} s  {self.label[:40]:<40}")
            self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.total:
            self.stream.write("\n")
            self.stream.flush()


# ---- simulations ------------------------------------------------------------------------------------------------


def person_simulation(tax_benefit_system, count: int):
    """A simulation of ``count`` persons, each alone in a group of every group entity (built without sorting)."""
    builder = SimulationBuilder()
    builder.create_entities(tax_benefit_system)
    ids = np.arange(count)
    builder.declare_person_entity(tax_benefit_system.person_entity.key, ids)
    for entity in tax_benefit_system.entities:
        if entity.is_person:
            continue
        group = builder.declare_entity(entity.key, ids)
        group.members_entity_id = ids
        roles = entity.flattened_roles
        group.members_role = np.array(roles, dtype=object)[np.zeros(count, dtype=np.int8)] if roles else np.int16(0)
    return builder.build(tax_benefit_system)


def _set_persons(simulation, tax_benefit_system, population: Population, index) -> None:
    simulation.set_input("geboortedatum", "ETERNITY", population.geboortedatum[index])
    levels = tax_benefit_system.variables["opleidingsniveau"].possible_values
    simulation.set_input("opleidingsniveau", "ETERNITY", EnumArray(population.opleidingsniveau[index], levels))


def _stap_day(tax_benefit_system, population: Population, index: np.ndarray, day: str, reeds: np.ndarray):
    """stap_budget and stap_afwijzingsgrond (as enum index) of the applications ``index`` made on ``day``."""
    simulation = person_simulation(tax_benefit_system, len(index))
    _set_persons(simulation, tax_benefit_system, population, index)
    simulation.set_input("stap_maanden_verzekerd_referteperiode", day, population.maanden_verzekerd[index])
    simulation.set_input("stap_scholingskosten", day, population.stap_scholingskosten[index])
    simulation.set_input("stap_scholing_ocw_erkend", day, population.stap_ocw_erkend[index])
    simulation.set_input("stap_scholing_in_scholingsregister", day, population.stap_in_scholingsregister[index])
    simulation.set_input("ontvangt_studiefinanciering", day, population.ontvangt_studiefinanciering[index])
    simulation.set_input("stap_reeds_verleend_in_tijdvak", day, reeds)
    amount = simulation.calculate("stap_budget", day)
    reason = simulation.calculate("stap_afwijzingsgrond", day)
    return np.asarray(amount, dtype=np.float64), np.asarray(reason).astype(np.int16)


def tijdvakken(tax_benefit_system, dates: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each date: the start date of the subsidieplafond value in force (NaT before the first) and the
    plafond (NaN where the model has none)."""
    node = tax_benefit_system.parameters
    for part in PLAFOND_PARAMETER.split("."):
        node = node.children[part]
    values = sorted(node.values_list, key=lambda v: v.instant_str)
    starts = np.array([v.instant_str for v in values], dtype="datetime64[D]")
    amounts = np.array([np.nan if v.value is None else float(v.value) for v in values])
    position = np.searchsorted(starts, dates, side="right") - 1
    known = position >= 0
    start = np.where(known, starts[np.maximum(position, 0)], np.datetime64("NaT"))
    plafond = np.where(known, amounts[np.maximum(position, 0)], np.nan)
    return start.astype("datetime64[D]"), plafond


def first_come_first_served(group: np.ndarray, order_keys: list[np.ndarray], amount: np.ndarray,
                            weight: np.ndarray, plafond: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Allocate each group's plafond in order of receipt.

    ``group`` identifies the tijdvak (any sortable values), ``order_keys`` the order inside it (most significant
    first), ``amount`` the amount each application would get, ``weight`` how many applications a row stands
    for, ``plafond`` the group's plafond on each row (NaN: no plafond). Returns ``granted`` (bool) and
    ``before`` (the weighted amount granted earlier in the same group) per row, in the input order.
    """
    n = len(amount)
    granted = np.zeros(n, dtype=bool)
    before = np.zeros(n)
    if n == 0:
        return granted, before
    order = np.lexsort(tuple(reversed([group, *order_keys])))
    g, a, w, p = group[order], amount[order], amount[order] * weight[order], plafond[order]
    starts = np.flatnonzero(np.r_[True, g[1:] != g[:-1]])
    ends = np.r_[starts[1:], n]
    total = np.cumsum(w)
    offset = np.repeat(total[starts] - w[starts], ends - starts)
    within = total - offset  # inclusive cumulative sum inside the group
    ok = np.isnan(p) | (within <= p)
    ok &= a > 0
    result = ok.copy()
    for start, end in zip(starts, ends, strict=True):  # a loop over tijdvakken, not persons
        if np.isnan(p[start]) or ok[start:end][a[start:end] > 0].all():
            continue
        segment = slice(start, end)
        room = p[start] - w[segment][result[segment]].sum()
        first_refused = start + int(np.flatnonzero(~ok[segment] & (a[segment] > 0))[0])
        position = first_refused + 1
        while position < end:  # each pass grants one later, smaller application that still fits
            tail = w[position:end]
            fits = np.flatnonzero((tail <= room) & (a[position:end] > 0))
            if not len(fits):
                break
            chosen = position + int(fits[0])
            result[chosen] = True
            room -= w[chosen]
            position = chosen + 1
    granted_weighted = np.where(result, w, 0.0)
    cumulative = np.cumsum(granted_weighted)
    group_offset = np.repeat(cumulative[starts] - granted_weighted[starts], ends - starts)
    before_sorted = cumulative - granted_weighted - group_offset
    granted[order] = result
    before[order] = before_sorted
    return granted, before


@dataclasses.dataclass
class StapYear:
    index: np.ndarray  # persons with an application in the year
    dates: np.ndarray
    requested: np.ndarray  # amount without the plafond
    granted: np.ndarray  # amount finally granted (0 if refused)
    reason: np.ndarray  # final stap_afwijzingsgrond (enum index)
    refused_by_plafond: np.ndarray  # bool: eligible, refused because the plafond was reached
    tijdvak: np.ndarray
    plafond: np.ndarray
    disagreements: int  # allocation vs the law's own check (0 expected)

    @property
    def onbekend(self) -> np.ndarray:
        """Applications whose outcome cannot be determined (reason 'onbekend'): never spending, never savings."""
        return np.isnan(self.requested)


def stap_year(tax_benefit_system, population: Population, year: int, progress: Progress | None = None) -> StapYear:
    progress = progress or Progress(False)
    index = population.applicants(year)
    dates = population.stap_aanvraagdatum[index]
    tijdvak, plafond = tijdvakken(tax_benefit_system, dates)
    days, inverse = np.unique(dates, return_inverse=True)
    capped_days = np.unique(inverse[~np.isnan(plafond)])
    progress.add(len(days) + len(capped_days))
    requested = np.zeros(len(index))
    reason = np.zeros(len(index), dtype=np.int16)
    order = np.argsort(inverse, kind="stable")
    bounds = np.r_[0, np.cumsum(np.bincount(inverse, minlength=len(days)))]
    for k, day in enumerate(days):  # one simulation per application day
        rows = order[bounds[k]:bounds[k + 1]]
        requested[rows], reason[rows] = _stap_day(tax_benefit_system, population, index[rows], str(day), np.zeros(len(rows)))
        progress.step(f"STAP {day}")
    weight = population.gewicht[index]
    group = np.where(np.isnat(tijdvak), np.datetime64("1900-01-01"), tijdvak).astype(np.int64)
    granted_mask, before = first_come_first_served(
        group, [dates.astype(np.int64), population.aanvraagvolgorde[index]], requested, weight, plafond)
    granted = np.where(granted_mask, requested, 0.0)
    final_reason = reason.copy()
    disagreements = 0
    for k in capped_days:  # the law decides, given what was granted before each application
        rows = order[bounds[k]:bounds[k + 1]]
        reeds = before[rows] + (weight[rows] - 1) * requested[rows]
        law_amount, law_reason = _stap_day(tax_benefit_system, population, index[rows], str(days[k]), reeds)
        disagreements += int(np.count_nonzero((law_amount > 0) != granted_mask[rows]))
        granted[rows], final_reason[rows] = law_amount, law_reason
        progress.step(f"STAP plafond {days[k]}")
    plafond_code = _reason_code(tax_benefit_system, "subsidieplafond_bereikt")
    return StapYear(index, dates, requested, granted, final_reason, final_reason == plafond_code, tijdvak, plafond,
                    disagreements)


def _reason_code(tax_benefit_system, name: str) -> int:
    enum = tax_benefit_system.variables["stap_afwijzingsgrond"].possible_values
    return enum[name].index


@dataclasses.dataclass
class LeerrekeningYear:
    storting: np.ndarray
    besteding: np.ndarray
    saldo: np.ndarray


def leerrekening_year(tax_benefit_system, population: Population, year: int) -> LeerrekeningYear | None:
    """Deposit, spending and end balance of every person in ``year``; None if the system has no leerrekening."""
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
        zeros = np.zeros(n)
        return LeerrekeningYear(zeros, zeros, zeros)
    simulation = person_simulation(tax_benefit_system, n)
    _set_persons(simulation, tax_benefit_system, population, slice(None))
    for y in active:
        simulation.set_input("leerrekening_minstens_halftijds_gewerkt", str(y), population.halftijds_gewerkt)
        costs = population.leerrekening_scholingskosten.get(y)
        if costs is not None:
            simulation.set_input("leerrekening_scholingskosten", str(y), costs)
    period = str(year)
    return LeerrekeningYear(
        np.asarray(simulation.calculate("leerrekening_storting", period)),
        np.asarray(simulation.calculate("leerrekening_besteding", period)),
        np.asarray(simulation.calculate("leerrekening_saldo", period)),
    )


# ---- the budget -------------------------------------------------------------------------------------------------


def age_on(population: Population, day: str) -> np.ndarray:
    from openfisca_llo.dates import add_years

    date = np.datetime64(day, "D")
    birth = population.geboortedatum
    years = date.astype("datetime64[Y]").astype(int) - birth.astype("datetime64[Y]").astype(int)
    return np.where(add_years(birth, years) > date, years - 1, years)


@dataclasses.dataclass
class Scenario:
    name: str
    stap: dict[int, StapYear]
    leerrekening: dict[int, LeerrekeningYear | None]


@dataclasses.dataclass
class BudgetReport:
    reform: str
    years: list[int]
    totals: list[dict]  # per year, instrument and scenario
    tijdvakken: list[dict]
    winners: list[dict]
    synthetic: bool
    persons: int
    weighted_persons: float
    disagreements: int


def run_scenario(name: str, tax_benefit_system, population: Population, years: list[int], progress: Progress) -> Scenario:
    from openfisca_llo.errors import OutsideModelledPeriodError

    try:
        stap = {year: stap_year(tax_benefit_system, population, year, progress) for year in years}
        leerrekening = {}
        for year in years:
            leerrekening[year] = leerrekening_year(tax_benefit_system, population, year)
            progress.step(f"leerrekening {year}")
    except OutsideModelledPeriodError as error:
        raise BudgetError(f"{name}: {error}") from None
    return Scenario(name, stap, leerrekening)


def _per_person(scenario: Scenario, population: Population, year: int) -> np.ndarray:
    value = np.zeros(len(population))
    stap = scenario.stap[year]
    value[stap.index] += stap.granted
    if scenario.leerrekening[year] is not None:
        value += scenario.leerrekening[year].storting
    return value


def _totals(scenario: Scenario, population: Population, year: int) -> list[dict]:
    weight = population.gewicht
    stap = scenario.stap[year]
    w = weight[stap.index]
    plafonds = {}
    for start, plafond in zip(stap.tijdvak, stap.plafond, strict=True):
        if not np.isnat(start) and not np.isnan(plafond):
            plafonds[str(start)] = plafond
    rows = [{
        "jaar": year, "instrument": "stap_budget", "scenario": scenario.name,
        "aanvragen": float(w.sum()),
        "ontvangers": float(w[stap.granted > 0].sum()),
        "kosten_eur": float((w * stap.granted).sum()),
        "plafond_eur": float(sum(plafonds.values())) if plafonds else None,
        "afgewezen_door_plafond": float(w[stap.refused_by_plafond].sum()),
        "bedrag_afgewezen_door_plafond_eur": float((w * stap.requested)[stap.refused_by_plafond].sum()),
        "rijen_ontvangers": int(np.count_nonzero(stap.granted > 0)),
        "aanvragen_onbekend": float(w[stap.onbekend].sum()),
    }]
    account = scenario.leerrekening[year]
    for instrument, values in (("leerrekening_storting", None if account is None else account.storting),
                               ("leerrekening_besteding", None if account is None else account.besteding)):
        if values is None:
            values = np.zeros(len(population))
        rows.append({
            "jaar": year, "instrument": instrument, "scenario": scenario.name,
            "aanvragen": None,
            "ontvangers": float(weight[values > 0].sum()),
            "kosten_eur": float((weight * values).sum()),
            "plafond_eur": None, "afgewezen_door_plafond": None, "bedrag_afgewezen_door_plafond_eur": None,
            "rijen_ontvangers": int(np.count_nonzero(values > 0)),
            "aanvragen_onbekend": None,
        })
    return rows


def _tijdvak_rows(scenario: Scenario, population: Population, year: int, reason_names) -> list[dict]:
    stap = scenario.stap[year]
    w = population.gewicht[stap.index]
    rows = []
    keys = np.where(np.isnat(stap.tijdvak), np.datetime64("1900-01-01"), stap.tijdvak)
    for key in np.unique(keys):  # a loop over tijdvakken
        mask = keys == key
        refused = mask & stap.refused_by_plafond
        plafond = stap.plafond[mask][0]
        eligible = mask & ((stap.granted > 0) | stap.refused_by_plafond)
        rows.append({
            "jaar": year, "scenario": scenario.name,
            "tijdvak_vanaf": "" if key == np.datetime64("1900-01-01") else str(key),
            "plafond_eur": None if np.isnan(plafond) else float(plafond),
            "aanvragen": float(w[mask].sum()),
            "subsidiabel_zonder_plafond": float(w[eligible].sum()),
            "toegekend": float(w[mask & (stap.granted > 0)].sum()),
            "kosten_eur": float((w * stap.granted)[mask].sum()),
            "afgewezen_door_plafond": float(w[refused].sum()),
            "bedrag_afgewezen_door_plafond_eur": float((w * stap.requested)[refused].sum()),
            "plafond_bereikt_op": str(stap.dates[refused].min()) if refused.any() else "",
            "aanvraagdata": f"{stap.dates[mask].min()} - {stap.dates[mask].max()}",
        })
    return rows


def _onbekend_persons(scenario: Scenario, population: Population, year: int) -> np.ndarray:
    mask = np.zeros(len(population), dtype=bool)
    stap = scenario.stap[year]
    mask[stap.index[stap.onbekend]] = True
    return mask


def _winner_rows(baseline: Scenario, reform: Scenario, population: Population, year: int) -> list[dict]:
    # persons whose outcome is 'onbekend' in either scenario are counted apart, not as winners or losers
    onbekend = _onbekend_persons(baseline, population, year) | _onbekend_persons(reform, population, year)
    difference = _per_person(reform, population, year) - _per_person(baseline, population, year)
    difference = np.where(onbekend, 0.0, difference)
    weight = population.gewicht
    upper = np.array([high for _, high, _ in AGE_BANDS])
    groups = {
        "leeftijd_1_januari": (np.searchsorted(upper, age_on(population, f"{year}-01-01"), side="left"),
                               [label for _, _, label in AGE_BANDS]),
        "opleidingsniveau": (population.opleidingsniveau.astype(np.int64), LEVELS),
    }
    rows = []
    for kind, (codes, names) in groups.items():
        def total(values, codes=codes, names=names):
            return np.bincount(codes, weights=values, minlength=len(names))

        persons = total(weight)
        winners = total(np.where(difference > 0.005, weight, 0.0))
        losers = total(np.where(difference < -0.005, weight, 0.0))
        change = total(weight * difference)
        unknown = total(np.where(onbekend, weight, 0.0))
        for k, label in enumerate(names):  # a loop over groups
            if persons[k] == 0:
                continue
            rows.append({
                "jaar": year, "indeling": kind, "groep": label,
                "personen": float(persons[k]),
                "winnaars": float(winners[k]),
                "verliezers": float(losers[k]),
                "verschil_totaal_eur": float(change[k]),
                "verschil_gemiddeld_eur": float(change[k] / persons[k]),
                "onbekend": float(unknown[k]),
            })
    return rows


def compute_budget(baseline_system, reform_system, reform_name: str, population: Population,
                   years: list[int] | None = None, progress: Progress | None = None) -> BudgetReport:
    progress = progress or Progress(False)
    years = sorted(set(years or population.years()))
    if not years:
        raise BudgetError("de populatie heeft geen STAP-aanvragen en geen leerrekeningkolommen; geef --year")
    progress.add(2 * len(years))
    scenarios = [run_scenario("wet", baseline_system, population, years, progress),
                 run_scenario("hervorming", reform_system, population, years, progress)]
    progress.close()
    reason_names = [item.name for item in baseline_system.variables["stap_afwijzingsgrond"].possible_values]
    totals, tijdvak_rows, winners = [], [], []
    for year in years:
        for scenario in scenarios:
            totals.extend(_totals(scenario, population, year))
            tijdvak_rows.extend(_tijdvak_rows(scenario, population, year, reason_names))
        winners.extend(_winner_rows(scenarios[0], scenarios[1], population, year))
    return BudgetReport(
        reform=reform_name, years=years, totals=totals, tijdvakken=tijdvak_rows, winners=winners,
        synthetic=population.synthetic, persons=len(population), weighted_persons=float(population.gewicht.sum()),
        disagreements=sum(s.stap[y].disagreements for s in scenarios for y in years),
    )


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
    """Money columns (``*_eur``) to the cent, half a cent up (geld.py); other numbers to 2 decimals."""
    if value is None:
        return ""
    if isinstance(value, float):
        return float(round_to_cents(value)) if column.endswith("_eur") else round(value, 2)
    return value


def write_outputs(report: BudgetReport, out_dir) -> dict[str, Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    label = (f"hervorming {report.reform}; {report.persons} rijen, gewogen {report.weighted_persons:,.0f} personen"
             + ("; SYNTHETISCHE populatie" if report.synthetic else ""))
    paths = {"budget": out / "budget.csv", "tijdvakken": out / "tijdvakken.csv",
             "winnaars_verliezers": out / "winnaars_verliezers.csv", "grafiek": out / "budget.png"}
    _write_csv(paths["budget"], report.totals, f"Kosten per instrument, jaar en scenario; {label}")
    _write_csv(paths["tijdvakken"], report.tijdvakken, f"STAP per tijdvak, wie het eerst komt; {label}")
    _write_csv(paths["winnaars_verliezers"], report.winners,
               f"Verschil hervorming - wet per persoon (STAP-budget + leerrekeningstorting); {label}")
    write_chart(report, paths["grafiek"])
    return paths


def write_chart(report: BudgetReport, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    instruments = ["stap_budget", "leerrekening_storting", "leerrekening_besteding"]
    fig, (left, right) = plt.subplots(1, 2, figsize=(13, 5))
    labels = [f"{year} {scenario}" for year in report.years for scenario in ("wet", "hervorming")]
    x = np.arange(len(labels))
    bottom = np.zeros(len(labels))
    for instrument in instruments:
        values = np.array([
            next((r["kosten_eur"] for r in report.totals
                  if r["jaar"] == year and r["scenario"] == scenario and r["instrument"] == instrument), 0.0)
            for year in report.years for scenario in ("wet", "hervorming")
        ]) / 1e6
        if instrument == "leerrekening_besteding":
            left.scatter(x, values, marker="_", s=400, color="black", label="leerrekening_besteding (geen optelling)")
            continue
        left.bar(x, values, bottom=bottom, label=instrument)
        bottom += values
    left.set_xticks(x, labels, fontsize=8, rotation=60, ha="right")
    left.set_ylabel("EUR mln")
    left.set_title(f"Kosten per jaar: wet en {report.reform}")
    left.legend(fontsize=8)
    rows = [r for r in report.winners if r["indeling"] == "opleidingsniveau"]
    groups = [g for g in LEVELS if any(r["groep"] == g for r in rows)]
    width = 0.8 / max(len(report.years), 1)
    for k, year in enumerate(report.years):
        values = [next((r["verschil_totaal_eur"] for r in rows if r["jaar"] == year and r["groep"] == g), 0.0) / 1e6
                  for g in groups]
        right.bar(np.arange(len(groups)) + k * width, values, width=width, label=str(year))
    right.axhline(0, color="black", linewidth=0.5)
    right.set_xticks(np.arange(len(groups)) + 0.4 - width / 2, groups, rotation=45, fontsize=8)
    right.set_ylabel("EUR mln")
    right.set_title("Verschil hervorming - wet per opleidingsniveau")
    right.legend(fontsize=8)
    if report.synthetic:
        fig.suptitle("SYNTHETISCHE populatie: geen echte personen", color="darkred")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def format_report(report: BudgetReport) -> str:
    lines = []
    if report.synthetic:
        lines.append("SYNTHETISCHE populatie: geen echte personen.")
    lines.append(f"Hervorming {report.reform}; {report.persons:,} rijen = {report.weighted_persons:,.0f} personen (gewogen).")
    lines.append(f"{'jaar':>4}  {'instrument':<24}{'scenario':<12}{'ontvangers':>14}{'kosten (EUR mln)':>18}"
                 f"{'plafond (mln)':>15}{'afgewezen door plafond':>24}")
    for row in report.totals:
        plafond = "" if row["plafond_eur"] is None else f"{row['plafond_eur'] / 1e6:,.1f}"
        refused = "" if row["afgewezen_door_plafond"] is None else f"{row['afgewezen_door_plafond']:,.0f}"
        lines.append(f"{row['jaar']:>4}  {row['instrument']:<24}{row['scenario']:<12}{row['ontvangers']:>14,.0f}"
                     f"{row['kosten_eur'] / 1e6:>18,.1f}{plafond:>15}{refused:>24}")
    for row in report.totals:
        if row.get("aanvragen_onbekend"):
            lines.append(f"{row['jaar']}  {row['scenario']}: {row['aanvragen_onbekend']:,.0f} aanvragen niet te bepalen "
                         "(onbekend, bijvoorbeeld een onbekend plafond): niet geteld als kosten of besparing.")
    if report.disagreements:
        lines.append(f"Let op: in {report.disagreements} rijen week de toewijzing af van de controle door de wet; de wet is gevolgd.")
    return "\n".join(lines) + "\n"


# ---- calibration ------------------------------------------------------------------------------------------------

CALIBRATION_SIZE = 100_000
CALIBRATION_SEED = 2022


def calibration(tax_benefit_system, size: int = CALIBRATION_SIZE, seed: int = CALIBRATION_SEED) -> list[dict]:
    """The law in force on two synthetic populations (STAP applications in 2022 and in 2023) beside the figures
    the sources report. A report, not a fit: nothing is tuned to the figures."""
    from openfisca_llo.population import generate

    rows = []
    population = generate(size, seed, stap_year=2022)
    stap = stap_year(tax_benefit_system, population, 2022)
    w = population.gewicht[stap.index]
    first_three = (stap.dates >= np.datetime64("2022-03-01")) & (stap.dates <= np.datetime64("2022-08-31"))
    granted = stap.granted > 0
    letter = "Kamerbrief Beleidslijnen LLO, 23-9-2022"
    rows.append({
        "grootheid": "STAP 2022, tijdvakken maart-augustus: aantal toekenningen",
        "bron": f"{letter}: '115.000 subsidieverzoeken ... toegekend'", "bronwaarde": 115_000.0,
        "model": float(w[first_three & granted].sum()), "eenheid": "aantal",
    })
    rows.append({
        "grootheid": "STAP 2022, heel jaar: verleend bedrag",
        "bron": f"{letter}: 'structureel jaarlijks EUR 218 miljoen ... inclusief uitvoeringskosten'",
        "bronwaarde": 218e6, "model": float((w * stap.granted).sum()), "eenheid": "EUR",
    })
    rows.append({
        "grootheid": "STAP 2022, heel jaar: aantal toekenningen",
        "bron": "geen bron voor het hele jaar", "bronwaarde": None,
        "model": float(w[granted].sum()), "eenheid": "aantal",
    })
    rows.append({  # apart: neither granted nor refused (tijdvakken with an unknown plafond: March, Sept, Nov 2022)
        "grootheid": "STAP 2022, heel jaar: aanvragen niet te bepalen (onbekend plafond), niet meegeteld hierboven",
        "bron": "geen bron", "bronwaarde": None,
        "model": float(w[stap.onbekend].sum()), "eenheid": "aantal",
    })
    population = generate(size, seed, stap_year=2023)
    stap = stap_year(tax_benefit_system, population, 2023)
    w = population.gewicht[stap.index]
    keys = stap.tijdvak
    for key in np.unique(keys[~np.isnat(keys)]):
        mask = keys == key
        plafond = stap.plafond[mask][0]
        refused = mask & stap.refused_by_plafond
        rows.append({
            "grootheid": f"STAP 2023, tijdvak vanaf {key}: verleend bedrag ({_fmt(w[mask & (stap.granted > 0)].sum(), 'aantal')} "
                         f"toekenningen, {_fmt(w[refused].sum(), 'aantal')} afgewezen door het plafond)",
            "bron": f"parameter {PLAFOND_PARAMETER} (plafond)", "bronwaarde": None if np.isnan(plafond) else float(plafond),
            "model": float((w * stap.granted)[mask].sum()), "eenheid": "EUR",
        })
    rows.append({
        "grootheid": "STAP 2023, heel jaar: verleend bedrag",
        "bron": "budget 2023 volgens secundaire bron (plafond EUR 170 mln, niet geverifieerd)",
        "bronwaarde": 170e6, "model": float((w * stap.granted).sum()), "eenheid": "EUR",
    })
    rows.append({
        "grootheid": "STAP 2023, heel jaar: aantal toekenningen",
        "bron": "geen bron", "bronwaarde": None, "model": float(w[stap.granted > 0].sum()), "eenheid": "aantal",
    })
    return rows


def _fmt(value, unit) -> str:
    if value is None:
        return "-"
    if unit == "EUR":
        return f"EUR {value / 1e6:,.1f} mln".replace(",", "X").replace(".", ",").replace("X", ".")
    return f"{value:,.0f}".replace(",", ".")


def calibration_rst(rows: list[dict], size: int = CALIBRATION_SIZE, seed: int = CALIBRATION_SEED) -> str:
    """The calibration table as reStructuredText (committed as docs/handleidingen/kalibratie_tabel.inc)."""
    lines = [
        ".. Gegenereerd door `openfisca-llo kalibratie`; niet met de hand bewerken (een test vergelijkt).",
        "",
        f"Synthetische populaties van {_fmt(size, 'aantal')} personen (seed {seed}), het geldende recht:",
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
        ratio = "-" if not row["bronwaarde"] else f"{row['model'] / row['bronwaarde']:.2f}".replace(".", ",")
        lines += [
            f"   * - {row['grootheid']}",
            f"     - {row['bron']}",
            f"     - {_fmt(row['bronwaarde'], row['eenheid'])}",
            f"     - {_fmt(row['model'], row['eenheid'])}",
            f"     - {ratio}",
        ]
    return "\n".join(lines) + "\n"

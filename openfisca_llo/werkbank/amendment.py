"""The amendment page's state, read from the URL: dated values for parameters with the proposal's citation, or a
shipped reform, and a case; evaluated with ``amendments``/``compare`` (the YAML cases that change, the case
under both). The whole state lives in the query string, so a link shares it; nothing is kept on the server."""

from __future__ import annotations

import dataclasses
import datetime
import time

from openfisca_llo import formatting
from openfisca_llo.amendments import AmendmentError, amendment_key, validate_amendment
from openfisca_llo.cases import tests_dir
from openfisca_llo.citations import LOCATOR_KEYS, load_registry
from openfisca_llo.compare import (
    UnknownReformError,
    compare_situation,
    prepare_spec_impact,
    resolve_reform,
    spec_impact,
)
from openfisca_llo.situations import SituationError
from openfisca_llo.werkbank.forms import read_form, situation

EMPTY_WORDS = ("leeg", "null", "onbekend")
IMPACT_CACHE_SIZE = 16
_IMPACT: dict[tuple, list[dict]] = {}  # (amendment key, reform) -> changed cases; bounded, oldest dropped first


def _spec_impact(tbs, reform, folder, key: tuple) -> list[dict]:
    """``compare.spec_impact``, remembered for the last few amendments (a page shown again costs no rerun)."""
    if key not in _IMPACT:
        if len(_IMPACT) >= IMPACT_CACHE_SIZE:
            _IMPACT.pop(next(iter(_IMPACT)))
        _IMPACT[key] = spec_impact(tbs, reform, folder)
    return [dict(change) for change in _IMPACT[key]]


@dataclasses.dataclass
class Row:
    parameter: str = ""
    vanaf: str = ""
    waarde: str = ""
    errors: dict = dataclasses.field(default_factory=dict)


@dataclasses.dataclass
class State:
    naam: str = ""
    omschrijving: str = ""
    bron: str = ""
    vindplaats_soort: str = "paragraaf"
    vindplaats: str = ""
    hervorming: str = ""
    rows: list[Row] = dataclasses.field(default_factory=list)
    errors: dict = dataclasses.field(default_factory=dict)  # field -> Dutch message
    amendment: dict | None = None
    reform_names: list[str] = dataclasses.field(default_factory=list)
    parameters: list[str] = dataclasses.field(default_factory=list)
    scheme_key: str = ""
    schemes: list = dataclasses.field(default_factory=list)
    form: object = None
    impact: list[dict] | None = None
    comparison: dict | None = None
    case_error: str = ""
    has_tests: bool = False
    seconds: float = 0.0

    @property
    def active(self) -> bool:
        return self.amendment is not None or bool(self.hervorming and not self.errors)


def _read_value(parameter, raw: str):
    if raw.strip().lower() in EMPTY_WORDS:
        return None
    is_bool = any(isinstance(v.value, bool) for v in parameter.values_list)
    if is_bool:
        if raw.strip().lower() not in ("ja", "nee"):
            raise formatting.InputError("Kies ja, nee of leeg (onbekend).")
        return raw.strip().lower() == "ja"
    return formatting.parse_amount(raw, cents=parameter.metadata.get("unit") == "currency-EUR")


def _group_impact(changes: list[dict]) -> list[dict]:
    grouped: dict[tuple, dict] = {}
    for change in changes:
        key = (change["bestand"], change["nummer"])
        entry = grouped.setdefault(key, {"bestand": change["bestand"], "nummer": change["nummer"], "test": change.get("test"),
                                         "wijzigingen": [], "fout": change.get("fout")})
        if "variabele" in change:
            entry["wijzigingen"].append(change)
    return list(grouped.values())


def _read_state(cat, args) -> State:
    """The form's fields and its non-empty rows of dated values."""
    from openfisca_llo.reforms import REFORMS

    s = State(
        naam=(args.get("naam") or "").strip()[:200], omschrijving=(args.get("omschrijving") or "").strip()[:2000],
        bron=(args.get("bron") or "").strip(), vindplaats_soort=(args.get("vindplaats_soort") or "paragraaf"),
        vindplaats=(args.get("vindplaats") or "").strip()[:200], hervorming=(args.get("hervorming") or "").strip(),
        reform_names=sorted(REFORMS), parameters=sorted(cat.parameters), schemes=list(cat.schemes.values()),
        has_tests=tests_dir() is not None,
    )
    names, dates, values = args.getlist("parameter"), args.getlist("vanaf"), args.getlist("waarde")
    for i in range(max(len(names), len(dates), len(values))):
        row = Row(*(lst[i].strip() if i < len(lst) else "" for lst in (names, dates, values)))
        if row.parameter or row.vanaf or row.waarde:
            s.rows.append(row)
    if s.hervorming and s.hervorming not in REFORMS:
        s.errors["hervorming"] = f"Onbekende hervorming; kies er een uit de lijst ({len(REFORMS)} meegeleverd)."
    return s


def _read_changes(cat, rows: list[Row]) -> dict[str, dict[str, object]]:
    """The amendment's ``wijzigingen`` (parameter -> {date: value}) from the rows without errors; each row's
    errors are set on the row."""
    changes: dict[str, dict[str, object]] = {}
    for row in rows:
        parameter = cat.parameters.get(row.parameter)
        if parameter is None:
            row.errors["parameter"] = "Kies een parameter uit de lijst."
        try:
            day = formatting.parse_date(row.vanaf)
        except formatting.InputError as error:
            row.errors["vanaf"] = str(error)
            day = None
        value = None
        if parameter is not None:
            try:
                value = _read_value(parameter, row.waarde)
            except formatting.InputError as error:
                row.errors["waarde"] = str(error)
        if not row.errors:
            changes.setdefault(row.parameter, {})[day.isoformat()] = value
    return changes


def _read_amendment(tbs, s: State, changes: dict) -> None:
    """The amendment (name, the proposal's citation, the changes) checked by ``validate_amendment``; errors per field."""
    if not s.naam:
        s.errors["naam"] = "Geef het amendement een naam."
    if s.bron not in load_registry():
        s.errors["bron"] = "Kies de bron van het voorstel uit het register."
    elif s.vindplaats_soort not in LOCATOR_KEYS:
        s.errors["vindplaats"] = f"Kies een soort vindplaats: {', '.join(LOCATOR_KEYS)}."
    citation = {"bron": s.bron, **({s.vindplaats_soort: s.vindplaats} if s.vindplaats else {})}
    if not s.errors and not any(row.errors for row in s.rows):
        amendment = {"naam": s.naam, **({"omschrijving": s.omschrijving} if s.omschrijving else {}),
                     "bronnen": [citation], "wijzigingen": changes}
        try:
            s.amendment = validate_amendment(tbs, amendment)
        except AmendmentError as error:
            for path, message in error.errors.items():
                field = "bron" if path.startswith("bronnen") else path.split("/")[0] or "naam"
                s.errors[field] = message


def _spec_changes(tbs, s: State, reform, folder) -> list[dict]:
    """The YAML cases whose result changes under the reform, grouped per case, each change with its unit."""
    key = (id(tbs), str(folder), amendment_key(s.amendment) if s.amendment else None, s.hervorming)
    changes = _spec_impact(tbs, reform, folder, key)
    for change in changes:
        variable = tbs.variables.get(change.get("variabele") or "")
        change["eenheid"] = getattr(variable, "unit", None)
    return _group_impact(changes)


def _compare_case(tbs, cat, s: State, info, reform) -> None:
    """The case of the form under the law and the reform, each changed parameter with its unit."""
    data = situation(tbs, info.scheme, s.form.values, s.form.date, info.outputs)
    try:
        s.comparison = compare_situation(tbs, reform, data)
        for result in s.comparison["vergelijking"]:
            for changed in result["gewijzigde_parameters"]:
                parameter = cat.parameters.get(changed["parameter"])
                changed["eenheid"] = parameter.metadata.get("unit") if parameter is not None else None
    except SituationError as error:
        s.case_error = "; ".join(f"{k}: {v}" for k, v in error.errors.items())


def evaluate(tbs, cat, args, today: datetime.date, impact: bool = True) -> State:
    started = time.perf_counter()
    s = _read_state(cat, args)
    changes = _read_changes(cat, s.rows)
    if s.rows:
        _read_amendment(tbs, s, changes)
    s.scheme_key = (args.get("regeling") or "").strip()
    info = cat.schemes.get(s.scheme_key)
    if info is not None:
        s.form = read_form(tbs, info.inputs, args, today)
    if not s.active or not impact or any(row.errors for row in s.rows):
        if impact and s.has_tests and not s.rows:  # an empty form: the drafter is about to propose something
            prepare_spec_impact(tbs, tests_dir())
        return s
    try:
        reform = resolve_reform(tbs, s.amendment, s.hervorming or None)
    except (UnknownReformError, AmendmentError) as error:
        s.errors["hervorming"] = str(error)
        return s
    folder = tests_dir()
    if folder is not None:
        s.impact = _spec_changes(tbs, s, reform, folder)
    if info is not None and s.form.valid:
        _compare_case(tbs, cat, s, info, reform)
    s.seconds = round(time.perf_counter() - started, 2)
    return s


BUDGET_PERSONS = 100_000  # the synthetic population of the budget effect (at most budget.MAX_SMALL_PERSONS)


@dataclasses.dataclass
class BudgetEffect:
    persons: int
    year: int
    rows: list[dict]  # per scheme: the law's and the amendment's cost row (budget.BudgetReport.totals)
    description: str = ""
    error: str = ""
    seconds: float = 0.0


def budget_effect(tbs, cat, args, today: datetime.date) -> BudgetEffect:
    """The amendment's budget effect on the synthetic population: ``budget.budget_request`` (the engine behind
    POST /budget) for the law and the amendment in one year, by default the year of the amendment's first change.
    Persons in ``onbekend`` (a figure the rule needs is unknown) are counted apart, never as cost."""
    from openfisca_llo.budget import MAX_SMALL_PERSONS, BudgetError, budget_request
    from openfisca_llo.geld import round_to_cents

    started = time.perf_counter()
    s = evaluate(tbs, cat, args, today, impact=False)
    try:
        persons = formatting.parse_integer(args.get("personen") or str(BUDGET_PERSONS))
    except formatting.InputError as error:
        return BudgetEffect(0, 0, [], error=f"personen: {error}")
    first_years = sorted(int(day[:4]) for changes in (s.amendment or {}).get("wijzigingen", {}).values() for day in changes)
    try:
        year = formatting.parse_integer(args.get("jaar") or str(first_years[0] if first_years else today.year))
    except formatting.InputError as error:
        return BudgetEffect(persons, 0, [], error=f"jaar: {error}")
    if not s.active or s.errors or any(row.errors for row in s.rows):
        return BudgetEffect(persons, year, [], error="Het amendement bevat fouten of ontbreekt; zie het formulier.")
    if not 1 <= persons <= MAX_SMALL_PERSONS:
        return BudgetEffect(persons, year, [], error=f"personen: kies 1 tot en met {formatting.number(MAX_SMALL_PERSONS)}.")
    payload = {"populatie": {"synthetisch": {"personen": persons, "seed": 0}}, "van": year, "tot": year,
               **({"amendementen": [s.amendment]} if s.amendment else {}), **({"hervorming": s.hervorming} if s.hervorming else {})}
    try:
        report = budget_request(payload)
    except (BudgetError, UnknownReformError, AmendmentError) as error:
        return BudgetEffect(persons, year, [], error=str(error))
    law_name, variant_name = report.variants[0], report.variants[-1]
    pairs: dict[str, dict] = {}
    for row in report.as_dict()["kosten"]:  # money to the cent, NaN as None
        if row["variant"] in (law_name, variant_name):
            entry = pairs.setdefault(row["regeling"], {"titel": row["titel"], "eenheid": row["eenheid"]})
            entry["wet" if row["variant"] == law_name else "voorstel"] = row
    rows = []
    for name, entry in pairs.items():
        law, proposal = entry.get("wet") or {}, entry.get("voorstel") or {}
        difference = None
        if law.get("kosten_eur") is not None and proposal.get("kosten_eur") is not None:
            difference = float(round_to_cents(proposal["kosten_eur"] - law["kosten_eur"]))
        rows.append({"regeling": name, "titel": entry["titel"], "wet": law, "voorstel": proposal, "verschil": difference})
    return BudgetEffect(persons, year, rows, description=report.description, seconds=round(time.perf_counter() - started, 1))

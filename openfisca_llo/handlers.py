"""The web API's handlers as plain functions: a request's data in, the answer's data out (no Flask objects).

`web.py` wires them to routes; tests call them without HTTP. Bad input raises ``ApiError`` (status, Dutch
message) or the domain errors (SituationError, LimitExceeded, ...) that the app turns into JSON answers.
"""

from __future__ import annotations

import datetime

from openfisca_core.indexed_enums import Enum

from openfisca_llo import periodes
from openfisca_llo.checks import check_tax_benefit_system
from openfisca_llo.citations import load_registry, parameter_citations
from openfisca_llo.compare import UnknownReformError, compare_situation, resolve_reform
from openfisca_llo.dates import DateError, parse_iso_date
from openfisca_llo.explain import explain, render_text
from openfisca_llo.inputs import show
from openfisca_llo.json_values import PlainAnswer, json_safe, plain_value
from openfisca_llo.limits import MAX_EXPLAIN, MAX_EXPLAIN_CELLS, MAX_OVERZICHT, check
from openfisca_llo.overzicht import overzicht, render_overzicht, tijdlijn
from openfisca_llo.situations import build_parsed, parse_situation


class ApiError(Exception):
    def __init__(self, status: int, error: str, details: dict | None = None) -> None:
        super().__init__(error)
        self.status = status
        self.error = error
        self.details = details or {}


def names(names) -> str:
    shown = [show(str(name)) for name in sorted(names, key=str)[:10]]
    return ", ".join(shown) + (f" en {len(names) - 10} meer" if len(names) > 10 else "")


def situation_object(body) -> dict:
    if not isinstance(body, dict):
        raise ApiError(400, "Verwacht een JSON-object met entiteiten, bijvoorbeeld {\"personen\": {...}}.")
    return body


def date_field(value, field: str) -> datetime.date:
    try:
        return parse_iso_date(value)
    except DateError as error:
        raise ApiError(400, f"'{field}': {error}.") from None


def output_format(value, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise ApiError(400, f"Onbekend formaat {show(value)}; toegestaan: {', '.join(allowed)}.")
    return value


def explain_bounds(parsed, wanted) -> None:
    """Explanations cost per variable-period asked and per instance: both bounded (JSON 413 naming the limit)."""
    check(MAX_EXPLAIN, "gevraagde variabelen", len(wanted))
    count = max((len(ids) for ids in parsed.ids.values()), default=0)
    check(MAX_EXPLAIN_CELLS, "situatie", count * len(wanted))


def calculate_situation(tax_benefit_system, situation, max_persons: int):
    parsed = parse_situation(tax_benefit_system, situation, max_persons)
    simulation = build_parsed(tax_benefit_system, parsed)
    positions = {plural: {key: i for i, key in enumerate(ids)} for plural, ids in parsed.ids.items()}
    computed = {}
    for plural, instance_id, name, period, key in parsed.requested:
        if (name, period) not in computed:
            result = simulation.calculate(name, periodes.period(period))
            variable = tax_benefit_system.variables[name]
            if variable.value_type == Enum:
                result = result.decode_to_str()
            computed[(name, period)] = result
        value = computed[(name, period)][positions[plural][instance_id]]
        situation[plural][instance_id][name][key] = plain_value(value, getattr(tax_benefit_system.variables[name], "unit", None))
    return situation, simulation, parsed


def calculate(tax_benefit_system, body, max_persons: int) -> dict:
    """POST /calculate: the situation with the asked values filled in."""
    situation, _, _ = calculate_situation(tax_benefit_system, situation_object(body), max_persons)
    return situation


def trace(tax_benefit_system, body, max_persons: int) -> dict:
    """POST /trace: OpenFisca's trace of the asked values, bounded like /explain."""
    parsed = parse_situation(tax_benefit_system, situation_object(body), max_persons)
    explain_bounds(parsed, set((name, period) for _, _, name, period, _ in parsed.requested))
    simulation = build_parsed(tax_benefit_system, parsed)
    simulation.trace = True
    requested = []
    for _, _, name, period, _ in parsed.requested:
        requested.append(f"{name}<{period}>")
        simulation.calculate(name, period)
    return json_safe({
        "trace": simulation.tracer.get_serialized_flat_trace(),
        "entitiesDescription": simulation.describe_entities(),
        "requestedCalculations": requested,
    })


def explain_request(tax_benefit_system, body, max_persons: int, output: str = "json") -> dict | str:
    """POST /explain: each asked value explained; a dict, or the text for ``output`` text or markdown."""
    situation = situation_object(body)
    parsed = parse_situation(tax_benefit_system, situation, max_persons)
    wanted = list(dict.fromkeys((name, period) for _, _, name, period, _ in parsed.requested))  # as requested
    if not wanted:
        raise ApiError(400, "Geen te verklaren variabele: zet de gevraagde variabele op null, bijvoorbeeld "
                            "{\"stap_budget\": {\"2023-05-15\": null}}.")
    explain_bounds(parsed, wanted)
    output = output_format(output, ("json", "text", "markdown"))
    simulation = build_parsed(tax_benefit_system, parsed)
    # only read from here on (encoded or rendered at once): no copies of the cached parts
    explanations = [explain(tax_benefit_system, situation, name, period, simulation, fresh=False) for name, period in wanted]
    if output in ("text", "markdown"):
        return "\n".join(render_text(e, markdown=output == "markdown") for e in explanations)
    return PlainAnswer(verklaringen=explanations)  # every number in it went through plain_value(s)


def compare_request(tax_benefit_system, payload, max_persons: int) -> dict:
    """POST /compare: a situation under the law and under a reform and/or amendment."""
    if not isinstance(payload, dict) or not isinstance(payload.get("situatie"), dict):
        raise ApiError(400, "Verwacht {\"situatie\": {...}, \"hervorming\": naam} of {\"situatie\": {...}, \"amendement\": {...}}.")
    unknown = set(payload) - {"situatie", "hervorming", "amendement"}  # both: the amendment applies to the reform
    if unknown:
        raise ApiError(400, f"Onbekende velden {names(unknown)}; toegestaan: situatie, hervorming, amendement.")
    reform_name = payload.get("hervorming")
    if reform_name is not None and not isinstance(reform_name, str):
        raise ApiError(400, "'hervorming' moet de naam van een hervorming zijn; zie GET /reforms.")
    try:
        reform = resolve_reform(tax_benefit_system, payload.get("amendement"), reform_name)
    except UnknownReformError as error:
        raise ApiError(400, str(error)) from error
    return compare_situation(tax_benefit_system, reform, payload["situatie"], max_persons, bounds=explain_bounds)


def budget(payload) -> dict:
    """POST /budget: the cost of the schemes over a (synthetic) population."""
    from openfisca_llo.budget import BudgetError, budget_request
    from openfisca_llo.population import PopulationError

    try:
        return budget_request(payload).as_dict()
    except (BudgetError, UnknownReformError, PopulationError) as error:
        raise ApiError(400, str(error)) from error


def overzicht_request(tax_benefit_system, payload, max_persons: int, output: str = "json") -> dict | str:
    """POST /overzicht: every scheme on one date; a dict, or the text for ``output`` text."""
    if not isinstance(payload, dict) or not isinstance(payload.get("situatie"), dict) or "datum" not in payload:
        raise ApiError(400, "Verwacht {\"situatie\": {...}, \"datum\": \"JJJJ-MM-DD\"}.")
    unknown = set(payload) - {"situatie", "datum"}
    if unknown:
        raise ApiError(400, f"Onbekende velden {names(unknown)}; toegestaan: situatie, datum.")
    date = date_field(payload["datum"], "datum")
    check(MAX_OVERZICHT, "situatie", sum(len(v) for v in payload["situatie"].values() if isinstance(v, dict)))
    result = overzicht(tax_benefit_system, payload["situatie"], date, max_persons)  # parses the situation once
    if output == "text":
        return render_overzicht(result)
    output_format(output, ("json", "text"))
    return result


def tijdlijn_request(tax_benefit_system, van, tot) -> list[dict]:
    """GET /tijdlijn?van=&tot=: the changes in the law between two dates."""
    return tijdlijn(tax_benefit_system, date_field(van, "van"), date_field(tot, "tot"))


def reforms() -> dict:
    from openfisca_llo.reforms import descriptions

    return descriptions()


def parameter_references(parameter) -> dict:
    """Citations of a parameter and of each of its dated values."""
    return {
        "verificatie": parameter.metadata.get("verificatie"),
        "bronnen": [c.as_dict() for c in parameter_citations(parameter.metadata)],
        "waarden": {
            value.instant_str: {
                "verificatie": value.metadata.get("verificatie"),
                "bronnen": [c.as_dict() for c in parameter_citations(value.metadata, on=value.instant_str)],
            }
            for value in parameter.values_list
        },
    }


def sources_index(tax_benefit_system) -> dict:
    report = check_tax_benefit_system(tax_benefit_system)
    index = {}
    for source_id, source in load_registry().items():
        users = [u for u in report.used_sources.get(source_id, []) if "#" not in u]
        index[source_id] = {
            **source.as_dict(),
            "parameters": sorted({u.split("@")[0] for u in users if "." in u.split("@")[0]}),
            "variabelen": sorted({u for u in users if "." not in u and "@" not in u}),
        }
    return index


def source(sources: dict, source_id: str) -> dict:
    if source_id not in sources:
        raise ApiError(404, f"Onbekende bron '{source_id}'; zie GET /sources.")
    return sources[source_id]

"""One overview per person or employer: every scheme on a date, whether it applies and why (not), and a timeline.

The overview is computed from the variables and the scheme declarations (``openfisca_llo.regelingen``: which
variables hold a scheme's amount and refusal reason, on which period they are asked, which parameters mark its
life, and which refusal reasons concern a concrete application rather than the person, so that a scheme open to
the person shows as 'mogelijk' with its maximum). No rule is copied here.
"""

from __future__ import annotations

import copy
import datetime

import numpy as np
from openfisca_core.periods import DateUnit

from openfisca_llo import formatting
from openfisca_llo.checks import leaf_parameters
from openfisca_llo.citations import parameter_citations, variable_citations
from openfisca_llo.explain import describe_unknown, missing_parameters
from openfisca_llo.json_values import plain_value
from openfisca_llo.optional_parameters import ONBEKEND, REDENEN, null_reason
from openfisca_llo.parameter_paths import parameter_at_path
from openfisca_llo.reasons import reason_citations
from openfisca_llo.regelingen import REGELINGEN, Regeling
from openfisca_llo.situations import DEFAULT_MAX_PERSONS, build_simulation

SCHEMES = REGELINGEN  # the names other modules import
Scheme = Regeling


def period_on(scheme: Scheme, date: datetime.date) -> str:
    if scheme.periode == "maand":
        return f"{date:%Y-%m}"
    if scheme.periode == "jaar":
        return f"{date:%Y}"
    if scheme.periode == "studiejaar_mbo":
        start = date.year if date.month >= 8 else date.year - 1
        return f"year:{start}-08"
    return date.isoformat()


def looptijd(tax_benefit_system, scheme: Scheme) -> list[dict]:
    """Intervals in which every 'life' parameter of the scheme has its open value, from the parameters' dates."""
    if not scheme.looptijd:
        return []
    dates = sorted({v.instant_str for path, _ in scheme.looptijd for v in parameter_at_path(tax_benefit_system.parameters, path).values_list})
    intervals, start = [], None
    for date in dates:
        is_open = all(_value_on(tax_benefit_system, path, date) == wanted for path, wanted in scheme.looptijd)
        if is_open and start is None:
            start = date
        elif not is_open and start is not None:
            intervals.append({"van": start, "tot_en_met": _day_before(date)})
            start = None
    if start is not None:
        intervals.append({"van": start, "tot_en_met": None})
    for interval in intervals:
        if interval["van"] == dates[0] and dates[0] <= MODEL_HORIZON:
            interval["van"] = None  # open since before the first date the model knows
    return intervals


def _value_on(tax_benefit_system, path: str, date: str):
    try:
        value = parameter_at_path(tax_benefit_system.parameters, path)(date)
    except Exception:  # no value on that date (before the first one, or null)
        return None
    return None if value is None else bool(value)


MODEL_HORIZON = "2000-01-01"  # parameters that start here only mark 'before the model's period'


def _day_before(date: str) -> str:
    return (datetime.date.fromisoformat(date) - datetime.timedelta(days=1)).isoformat()


def expand_on_date(tax_benefit_system, situation: dict, date: datetime.date) -> dict:
    """Let a plain value (no {period: value}) hold for the period of its variable that contains ``date``."""
    situation = copy.deepcopy(situation)
    for instances in situation.values():
        if not isinstance(instances, dict):
            continue
        for instance in instances.values():
            if not isinstance(instance, dict):
                continue
            for name, value in list(instance.items()):
                variable = tax_benefit_system.variables.get(name)
                if variable is None or isinstance(value, dict):
                    continue
                unit = variable.definition_period
                key = {
                    DateUnit.ETERNITY: "ETERNITY", DateUnit.YEAR: f"{date:%Y}", DateUnit.MONTH: f"{date:%Y-%m}",
                }.get(unit, date.isoformat())
                instance[name] = {key: value}
    return situation


def overzicht(tax_benefit_system, situation: dict, date: datetime.date,
              max_persons: int = DEFAULT_MAX_PERSONS) -> dict:
    """Every scheme for every person and employer in ``situation`` on ``date``."""
    expanded = expand_on_date(tax_benefit_system, situation, date)
    simulation = build_simulation(tax_benefit_system, expanded, max_persons)
    simulation.trace = True  # to name the figures that are unknown on this date
    result: dict[str, dict[str, list]] = {}
    for scheme in SCHEMES:
        if scheme.entiteit not in expanded and scheme.entiteit != tax_benefit_system.person_entity.plural:
            continue
        population = simulation.get_population(scheme.entiteit)
        period = period_on(scheme, date)
        amounts = simulation.calculate(scheme.bedrag, period) if scheme.bedrag else None
        if scheme.reden:
            reasons = simulation.calculate(scheme.reden, period).decode_to_str()
            enum = tax_benefit_system.variables[scheme.reden].possible_values
        else:
            allowed = simulation.calculate(scheme.recht, period)
            spans = looptijd(tax_benefit_system, scheme)
            in_life = _in_looptijd(spans, date.isoformat()) if spans else True
            reasons = np.where(allowed, "geen", "voorwaarden_niet_vervuld" if in_life else "buiten_looptijd")
            enum = None
        maximum = None
        if scheme.maximum:
            try:
                node = parameter_at_path(tax_benefit_system.parameters, scheme.maximum)
                maximum = plain_value(node(date.isoformat()), node.metadata.get("unit"))
            except Exception:  # no value on this date: the scheme has no maximum then
                maximum = None
        missing = missing_parameters(tax_benefit_system, simulation, scheme.reden, period) if scheme.reden else []
        main_variable = tax_benefit_system.variables[scheme.bedrag or scheme.recht]
        unit = getattr(main_variable, "unit", None)
        # the scheme's own sources, the regulation first where the variable cites it
        sources = sorted((c.as_dict() for c in variable_citations(main_variable, on=date.isoformat())),
                         key=lambda c: c["bron"] != scheme.bron)
        for index, instance_id in enumerate(population.ids):
            instance_id = str(instance_id)
            if instance_id.startswith(f"_{scheme.entiteit}_"):
                continue
            reason = str(reasons[index])
            amount = None if amounts is None else plain_value(amounts[index], unit)  # NaN (onbekend): None
            if reason == ONBEKEND:
                status = "niet_te_bepalen"
            elif reason == "geen" and (amount is None or amount > 0):
                status = "van_toepassing"
            elif reason == "geen" or reason in scheme.aanvraag_redenen:
                status = "mogelijk"
            else:
                status = "niet_van_toepassing"
            entry = {
                "regeling": scheme.key,
                "titel": scheme.titel,
                "soort": scheme.soort,
                "status": status,
                "periode": period,
                "bedrag": amount,
                "maximum": maximum,
                "looptijd": looptijd(tax_benefit_system, scheme),
                "bronnen": sources,
            }
            if reason != "geen":
                entry["reden"] = reason
                if enum is not None:
                    entry["reden_omschrijving"] = enum[reason].value
                    grounds = reason_citations(enum, reason, on=date.isoformat())
                    entry["reden_bronnen"] = [c.as_dict() for c in grounds or []]
                else:
                    entry["reden_omschrijving"] = {
                        "buiten_looptijd": f"De regeling gold niet op deze datum (looptijd: {_spans_text(spans)})",
                    }.get(reason, "Niet aan de voorwaarden voldaan")
                if reason == ONBEKEND:
                    entry["ontbrekend"] = missing
            result.setdefault(scheme.entiteit, {}).setdefault(instance_id, []).append(entry)
    return {"datum": date.isoformat(), "overzicht": result}


STATUS_TEXT = {
    "van_toepassing": "van toepassing",
    "mogelijk": "mogelijk (bij een passende aanvraag)",
    "niet_van_toepassing": "niet van toepassing",
    "niet_te_bepalen": "niet te bepalen",
}


def _in_looptijd(spans: list[dict], date: str) -> bool:
    return any((s["van"] or "0000") <= date <= (s["tot_en_met"] or "9999") for s in spans)


def _spans_text(spans: list[dict]) -> str:
    return ", ".join(f"{formatting.date(s['van']) or 'vóór 2000'} t/m {formatting.date(s['tot_en_met']) or 'heden'}"
                     for s in spans)


def render_overzicht(result: dict) -> str:
    lines = [f"Overzicht op {formatting.date(result['datum'])}"]
    for plural, instances in result["overzicht"].items():
        for instance_id, entries in instances.items():
            lines += ["", f"{plural}/{instance_id}:"]
            for entry in entries:
                amount = ""
                if entry["status"] == "van_toepassing" and entry["bedrag"] is not None:
                    amount = f": {formatting.money(entry['bedrag'])}"
                elif entry["maximum"] is not None and entry["status"] == "mogelijk":
                    amount = f": tot {formatting.money(entry['maximum'])}"
                lines.append(f"- {entry['titel']} — {STATUS_TEXT[entry['status']]}{amount}")
                refusal = "reden" in entry and entry["status"] != "mogelijk"  # 'mogelijk' is not a refusal
                if refusal:
                    lines.append(f"    reden: {entry['reden_omschrijving']}")
                for missing in entry.get("ontbrekend", []):
                    lines.append(f"    {describe_unknown(missing)}")
                if entry["looptijd"] and (_in_looptijd(entry["looptijd"], result["datum"]) or not refusal):
                    # outside its life the refusal reason states when the scheme ran: the dates once, not twice
                    lines.append(f"    looptijd: {_spans_text(entry['looptijd'])}")
                refused = entry["status"] != "mogelijk" and entry.get("reden_bronnen")
                grounds = refused or entry["bronnen"][:1]  # the ground of a refusal, else the scheme's own source
                for citation in grounds:
                    lines.append(f"    bron: {formatting.citation(citation)}")
    return "\n".join(lines) + "\n"


# ---- the timeline of the law ----------------------------------------------------------------------------------


def tijdlijn(tax_benefit_system, start: datetime.date, stop: datetime.date) -> list[dict]:
    """Every change of a parameter value and every dated formula that starts between ``start`` and ``stop``, with
    its citation; a dated value equal to the one before it is not a change."""
    events = []
    first, last = start.isoformat(), stop.isoformat()
    for parameter in leaf_parameters(tax_benefit_system.parameters):
        ordered = sorted(parameter.values_list, key=lambda v: v.instant_str)
        unit = parameter.metadata.get("unit")
        previous = None
        for value in ordered:
            changed = previous is None or previous.value != value.value
            if changed and first <= value.instant_str <= last:
                events.append({
                    "datum": value.instant_str,
                    "soort": "parameter",
                    "naam": parameter.name,
                    "omschrijving": parameter.description,
                    "oud": plain_value(previous.value, unit) if previous is not None else None,
                    "nieuw": plain_value(value.value, unit),
                    "eenheid": unit,
                    "eerste_waarde": previous is None,
                    "verificatie": value.metadata.get("verificatie"),
                    "bronnen": [c.as_dict() for c in parameter_citations(value.metadata, on=value.instant_str)],
                })
                if value.value is None:  # from here the figure is unknown: say why, never 'open'
                    events[-1]["onbekend"] = {"reden": null_reason(value), "omschrijving": REDENEN[null_reason(value)]}
                if previous is not None and previous.value is None:
                    events[-1]["oud_onbekend"] = True
            previous = value
    for name, variable in tax_benefit_system.variables.items():
        for date, formula in variable.formulas.items():
            if first <= date <= last and date != "0001-01-01":
                events.append({
                    "datum": date,
                    "soort": "formule",
                    "naam": name,
                    "omschrijving": " ".join(((formula.__doc__ or "").strip().split("\n\n")[0]).split()),
                    "bronnen": [c.as_dict() for c in variable_citations(variable, on=date)],
                })
    return sorted(events, key=lambda e: (e["datum"], e["soort"], e["naam"]))


def render_tijdlijn(events: list[dict]) -> str:
    lines = []
    for event in events:
        day = formatting.date(event["datum"])
        if event["soort"] == "parameter":
            if "onbekend" in event:
                new = f"onbekend ({event['onbekend']['omschrijving']})"
            else:
                new = formatting.value(event["nieuw"], event["eenheid"])
            old = "onbekend" if event.get("oud_onbekend") else formatting.value(event["oud"], event["eenheid"])
            change = new if event["eerste_waarde"] else f"{old} -> {new}"
            lines.append(f"{day}  {event['naam']}: {change}  ({event['omschrijving']})")
        else:
            lines.append(f"{day}  formule {event['naam']}: {event['omschrijving']}")
        for citation in event["bronnen"][:2]:
            lines.append(f"            bron: {formatting.citation(citation, url=False)}")
    return "\n".join(lines) + "\n"



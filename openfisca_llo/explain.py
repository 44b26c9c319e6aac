"""Explain a result with its legal grounds: the computation tree joined to the citations of each step.

For a situation (the JSON of OpenFisca's /calculate), a variable and a period, ``explain`` returns a tree:
each variable with its value and citations and the docstring of the formula in force, each parameter with
the value in force on that date and the citations of that dated value. Refusal reasons (variables named
``*_afwijzingsgrond`` whose value is not ``geen``) are listed first.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from openfisca_llo import formatting, periodes
from openfisca_llo.citations import (
    STATUS_LABELS,
    VERIFICATION_LABELS,
    CitationError,
    parameter_citations,
    variable_citations,
)
from openfisca_llo.context import context_citations, context_urls
from openfisca_llo.inputs import show
from openfisca_llo.json_values import plain_value, plain_values
from openfisca_llo.optional_parameters import ONBEKEND, why_unknown
from openfisca_llo.parameter_paths import parameter_at_path, value_in_force
from openfisca_llo.reasons import reason_citations
from openfisca_llo.situations import build_simulation

REASON_SUFFIX = "_afwijzingsgrond"
NO_REASON = "geen"


def _values(tax_benefit_system, simulation, name: str, value) -> dict:
    """Values per instance id of the variable's entity (whole-array conversions, no per-element Python work)."""
    variable = tax_benefit_system.variables[name]
    values = _plain(value, getattr(variable, "unit", None))
    ids, shown = _instance_ids(simulation, variable.entity)
    if shown is None:
        return dict(zip(ids, values, strict=False))
    return {ids[i]: values[i] for i in shown if i < len(values)}


_SMALL: dict[tuple, tuple] = {}  # bounded: cleared when it reaches _SMALL_CACHE_SIZE arrays
_SMALL_CACHE_SIZE = 4096
_SMALL_SIZE = 8


def _plain(value, unit) -> list:
    """``plain_values`` of a result; for a small array (a few persons: every request of one or two) kept per
    content, enum, unit and dtype across requests, as the conversion is numpy calls on a handful of numbers."""
    if not isinstance(value, np.ndarray) or value.size > _SMALL_SIZE or value.dtype.kind == "O":
        return plain_values(value, unit)
    key = (getattr(value, "possible_values", None), unit, value.dtype.str, value.shape, value.tobytes())
    kept = _SMALL.get(key)
    if kept is None:
        if len(_SMALL) >= _SMALL_CACHE_SIZE:
            _SMALL.clear()
        kept = _SMALL[key] = tuple(plain_values(value, unit))
    return list(kept)


def _fresh(value):
    """A copy of a JSON-like value (dicts and lists copied, scalars shared): a memoised part handed out anew."""
    if isinstance(value, dict):
        return {key: _fresh(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_fresh(item) for item in value]
    return value


def _memo(simulation) -> dict:
    """Parts of an explanation kept on the simulation they were read from (one system, one set of results): the
    values of a (variable, period) and the entry of a parameter read, shown by several steps and explanations
    (for Anna 61 steps show 18 results, and 32 parameter entries 9 parameters)."""
    return simulation.__dict__.setdefault("_llo_explain_memo", {})


def _step_values(tax_benefit_system, simulation, node, period_text: str, fresh: bool = True) -> dict:
    """``_values`` of a traced step, once per (variable, period) and result array (a copy if ``fresh``)."""
    memo = _memo(simulation)
    key = ("waarden", node.name, period_text)
    if key not in memo or memo[key][0] is not node.value:
        memo[key] = (node.value, _values(tax_benefit_system, simulation, node.name, node.value))
    return dict(memo[key][1]) if fresh else memo[key][1]


def _step_parameter(tax_benefit_system, simulation, parameter, on: str | None, fresh: bool = True) -> dict:
    """``explain_parameter`` of a parameter read in a traced step, once per (parameter, period, day, value) (a copy
    if ``fresh``)."""
    memo = _memo(simulation)
    key = ("parameter", parameter.name, periodes.text(parameter.period), on)
    if key not in memo or memo[key][0] is not parameter.value:
        memo[key] = (parameter.value, _parameter_entry(tax_benefit_system, parameter.name, parameter.period, key[2],
                                                       parameter.value, on))
    if not fresh:
        return memo[key][1]
    entry = dict(memo[key][1])
    entry["bronnen"] = [dict(citation) for citation in entry["bronnen"]]
    if "onbekend" in entry:
        entry["onbekend"] = _fresh(entry["onbekend"])
    return entry


_SCALARS = (bool, int, float, str, np.bool_, np.integer, np.floating)


_ENTRIES_SIZE = 4096  # per parameter tree: cleared when it reaches this many entries


def _parameter_entry(tax_benefit_system, name: str, period, period_text: str, value, on) -> dict:
    """``explain_parameter`` of a traced read; for a scalar value the entry is kept across requests (the kept dict
    itself: callers copy it or only read it) on the system's parameter tree, so it lives as long as that tree (a
    reform or amendment has its own tree, changed only while its system is built). Keyed on the parameter, the
    period read, the value with its type (``True`` and ``1`` are equal keys but different JSON) and the day the
    texts are cited on; bounded, as the day and the value come from requests."""
    if not (value is None or isinstance(value, _SCALARS)):
        return explain_parameter(tax_benefit_system, name, period, value, on=on)
    kept = tax_benefit_system.parameters.__dict__.setdefault("_llo_explained_entries", {})
    key = (name, period_text, type(value), value, on)
    entry = kept.get(key)
    if entry is None:
        if len(kept) >= _ENTRIES_SIZE:
            kept.clear()
        entry = kept[key] = explain_parameter(tax_benefit_system, name, period, value, on=on)
    return entry


def _instance_ids(simulation, entity) -> tuple[list[str], list[int] | None]:
    """The ids of an entity's instances as text, and the positions to show (None: all); kept on the simulation for
    as long as its ids array is the same object. Groups the builder made for ungrouped persons are not shown."""
    population = simulation.populations[entity.key]
    kept = simulation.__dict__.setdefault("_llo_instance_ids", {})
    if entity.key not in kept or kept[entity.key][0] is not population.ids:
        ids = [str(i) for i in population.ids]
        hidden = f"_{entity.plural}_"
        shown = [i for i, key in enumerate(ids) if not key.startswith(hidden)]
        kept[entity.key] = (population.ids, ids, None if len(shown) == len(ids) else shown)
    return kept[entity.key][1], kept[entity.key][2]


@lru_cache(maxsize=8192)
def _rule(variable, period) -> dict:
    """The rule of a step: the docstring of the formula in force in ``period``, or for an input its documentation.
    Kept per variable object (a reform's replacement is another object) and period: both immutable here."""
    formula = variable.get_formula(period)
    if formula is not None:
        return {"regel": _docstring(formula)}
    if variable.documentation:
        return {"invoer": True, "regel": " ".join(variable.documentation.split())}
    return {"invoer": True}


@lru_cache(maxsize=1024)
def _docstring(function) -> str:
    doc = (function.__doc__ or "").strip() if function else ""
    return "\n".join(line.strip() for line in doc.splitlines())


def _citations(citations, on=None) -> list[dict]:
    """Citations as JSON-ready dicts, each consolidated text in its version valid on ``on`` (a fresh list of fresh
    dicts: the dated forms are cached, the answer is the caller's to change)."""
    return [dict(d) for d in _dated_citations(tuple(citations), on)]


@lru_cache(maxsize=8192)
def _dated_citations(citations: tuple, on) -> tuple[dict, ...]:
    """A pure function of its arguments (undated citations and a day; the source registry does not change while
    the process runs), so it holds for the law, every reform and every amendment alike. Bounded: a day comes from
    the request."""
    return tuple(citation.on(on).as_dict() for citation in citations)


def explain_parameter(tax_benefit_system, name: str, period, value, on: str | None = None) -> dict:
    """A parameter as read at ``period``; its consolidated texts cited as they stood on ``on`` (the day of the
    result being explained; by default the day it was read). A parameter without a value (None) says why it is
    unknown ('onbekend')."""
    instant = periodes.text(periodes.period(period).start)
    parameter = parameter_at_path(tax_benefit_system.parameters, name)
    at_instant = value_in_force(parameter, instant)
    metadata = at_instant.metadata if at_instant is not None else parameter.metadata
    result = {
        "parameter": name,
        "omschrijving": parameter.description,
        "waarde": plain_value(value.item() if hasattr(value, "item") else value, parameter.metadata.get("unit")),
        "geldig_vanaf": at_instant.instant_str if at_instant is not None else None,
        "eenheid": parameter.metadata.get("unit"),
        "verificatie": metadata.get("verificatie"),
        "verificatie_label": VERIFICATION_LABELS.get(metadata.get("verificatie"), ""),
        "toelichting": (metadata.get("toelichting") or "").strip(),
        "bronnen": _citations(parameter_citations(metadata), on=on or instant),
    }
    if value is None:
        unknown = why_unknown(tax_benefit_system.parameters, name, instant)
        if unknown is not None:
            result["onbekend"] = unknown.as_dict()
    return result


def _full_nodes(simulation) -> dict:
    """The first traced node of each (variable, period) that was computed, not read from the cache.

    Kept on the simulation and extended with the trees traced since the last call, so explaining n variables
    from one simulation walks each tree once (linear in n, not quadratic).
    """
    tracer, index, walked = getattr(simulation, "_llo_full_nodes", (None, {}, 0))
    if tracer is not simulation.tracer:  # tracing was switched on again: a new tracer, start over
        index, walked = {}, 0

    def walk(node):
        key = (node.name, periodes.text(node.period))
        if key not in index and (node.children or node.parameters):
            index[key] = node
        for child in node.children:
            walk(child)

    trees = simulation.tracer.trees
    for tree in trees[walked:]:
        walk(tree)
    simulation._llo_full_nodes = (simulation.tracer, index, len(trees))
    return index


def missing_parameters(tax_benefit_system, simulation, variable: str, period) -> list[dict]:
    """The parameters without a value that the traced computation of ``variable`` asked, with the reason
    (``why_unknown``); empty when the simulation was not traced."""
    if not simulation.trace:
        return []
    full = _full_nodes(simulation)
    found, seen, visited = [], set(), set()

    def walk(node):
        key = (node.name, periodes.text(node.period))
        if key in visited:
            return
        visited.add(key)
        node = full.get(key, node)
        for parameter in node.parameters:
            if parameter.value is None and parameter.name not in seen:
                seen.add(parameter.name)
                unknown = why_unknown(tax_benefit_system.parameters, parameter.name, str(periodes.period(parameter.period).start))
                if unknown is not None:
                    found.append(unknown.as_dict())
        for child in node.children:
            walk(child)

    start = full.get((variable, periodes.text(periodes.period(period))))
    if start is not None:
        walk(start)
    return found + unknown_conditions(tax_benefit_system, simulation, variable, period)


UNKNOWN_SUFFIX = "_onbekend"


def describe_unknown(missing: dict) -> str:
    """One Dutch line for a missing figure (a parameter without a value) or an undecided condition (*_onbekend)."""
    if "parameter" in missing:
        until = f", weer bekend vanaf {formatting.date(missing['tot'])}" if missing.get("tot") else ""
        return (
            f"ontbrekend gegeven: {missing['parameter']} op {formatting.date(missing['datum'])}: {missing['omschrijving']} "
            f"({missing['reden']}; leeg vanaf {formatting.date(missing.get('sinds')) or '-'}{until})"
        )
    return f"niet te bepalen: {missing['variabele']} ({missing['omschrijving']}; {missing['reden']})"


def unknown_conditions(tax_benefit_system, simulation, variable: str, period) -> list[dict]:
    """Variables named ``*_onbekend`` that are true in the traced computation of ``variable``: a figure that is not
    null but undecided (two sources that conflict, each modelled as its own parameter), named with its label."""
    if not simulation.trace:
        return []
    full = _full_nodes(simulation)
    found, visited = [], set()

    def walk(node):
        key = (node.name, periodes.text(node.period))
        if key in visited:
            return
        visited.add(key)
        node = full.get(key, node)
        if node.name.endswith(UNKNOWN_SUFFIX) and np.asarray(node.value).dtype == bool and np.asarray(node.value).any():
            found.append({
                "variabele": node.name,
                "datum": str(periodes.period(node.period).start),
                "reden": "bronnen_tegenstrijdig",
                "omschrijving": tax_benefit_system.variables[node.name].label,
                "parameters": sorted({p.name for p in node.parameters}),
            })
        for child in node.children:
            walk(child)

    start = full.get((variable, periodes.text(periodes.period(period))))
    if start is not None:
        walk(start)
    return found


SHARED_GROUP = "algemeen"  # inputs used by several schemes (variables/algemeen/)


@lru_cache(maxsize=4096)
def _day(period) -> str | None:
    """The first day of a period as ISO text; None for an eternal period (no date: texts are cited undated)."""
    if str(period.unit) == "eternity":
        return None
    return str(period.start)


def _is_shared(variable) -> bool:
    """Whether the variable is defined in ``variables/algemeen/``."""
    return _class_is_shared(type(variable))


@lru_cache(maxsize=4096)
def _class_is_shared(variable_class) -> bool:
    """Fixed per class (its source file), so kept per class: a reform's replacement variable is another class.
    Resolving the file costs about 0.2 ms a call."""
    from openfisca_llo.docgen.names import class_group

    return class_group(variable_class) == SHARED_GROUP


def _node_citations(variable, on: str, gebruiker: str | None, fresh: bool = True) -> list[dict]:
    """A variable's citations on day ``on``; a shared input cites the article of the scheme that uses it. The
    dicts are copies if ``fresh``, else the cached ones themselves."""
    gebruiker = gebruiker if _is_shared(variable) else None
    cached = _node_citation_dicts(variable, on, gebruiker, context_urls(gebruiker, variable.name))
    return [dict(citation) for citation in cached] if fresh else list(cached)


@lru_cache(maxsize=8192)
def _node_citation_dicts(variable, on, gebruiker: str | None, registered: tuple | None) -> tuple[dict, ...]:
    """``_node_citations`` kept per variable object (a reform's replacement is another object), day and user;
    ``registered`` (the user's URLs for this input) is in the key only, so a later registration is seen."""
    specific = context_citations(gebruiker, variable.name) if gebruiker else None
    return _dated_citations(tuple(specific if specific is not None else variable_citations(variable)), on)


def _explain_node(
    tax_benefit_system, simulation, node, seen: set, full: dict | None = None, gebruiker: str | None = None,
    dag: str | None = None, fresh: bool = True, checks: list | None = None,
) -> dict:
    """One step of the computation; ``dag`` is the day of the result explained: every consolidated text is cited
    as it stood that day.

    With ``checks`` (a list; only for ``fresh=False``) each step that is explained in full is kept on the
    simulation with what it found in ``seen`` (the first check of each step below it: repeated or not), and is
    handed out again, the same dict, wherever it is asked with the same node, user and day and ``seen`` answers
    those checks the same way: then building it again would give the same dict. The explanations of one request
    share most of their steps (Anna's eigen bijdrage and afwijzingsgrond are inside her budget's tree)."""
    variable = tax_benefit_system.variables[node.name]
    key = (node.name, periodes.text(node.period))
    if full is not None and not (node.children or node.parameters) and key in full:
        node = full[key]  # a cache hit: explain it from where it was computed
    if not _is_shared(variable):
        gebruiker = node.name  # the nearest scheme variable: context for the shared inputs below it
    repeated = key in seen
    kept_key = None
    if checks is not None:
        if not repeated:
            kept_key = ("stap", id(node), gebruiker, dag)
            kept = _memo(simulation).get(kept_key)
            if kept is not None and kept[0] is node and all((k in seen) is was for k, was in kept[2]):
                checks.extend(kept[2])
                seen.update(kept[3])
                return kept[1]
        start = len(checks)
        checks.append((key, repeated))
    result = {
        "variabele": node.name,
        "label": variable.label,
        "entiteit": variable.entity.key,
        "periode": key[1],
        "waarden": _step_values(tax_benefit_system, simulation, node, key[1], fresh),
        "eenheid": getattr(variable, "unit", None),
        "bronnen": _node_citations(variable, dag or _day(node.period), gebruiker, fresh),
    }
    if repeated:
        result["herhaling"] = True
        return result
    seen.add(key)
    result.update(_rule(variable, node.period))
    result["parameters"] = [
        _step_parameter(tax_benefit_system, simulation, parameter, dag, fresh) for parameter in node.parameters
    ]
    result["stappen"] = [
        _explain_node(tax_benefit_system, simulation, child, seen, full, gebruiker, dag, fresh, checks)
        for child in node.children
    ]
    if kept_key is not None and node.children:
        first: dict = {}
        for k, was in checks[start:]:
            first.setdefault(k, was)
        _memo(simulation)[kept_key] = (node, result, tuple(first.items()), [k for k, was in first.items() if not was])
    return result


def _reasons(tree: dict) -> list[dict]:
    found = []

    def walk(node):
        if node["variabele"].endswith(REASON_SUFFIX) and not node.get("herhaling"):
            for instance, value in node["waarden"].items():
                if value != NO_REASON:
                    found.append({
                        "variabele": node["variabele"], "id": instance, "reden": value, "bronnen": node["bronnen"],
                        "op": _day(periodes.period(tree["periode"])),
                    })
        for child in node.get("stappen", []):
            walk(child)

    walk(tree)
    return found


def _unknown_parameters(tree: dict) -> list[dict]:
    """Every parameter in the tree that a formula asked and found without a value, once."""
    found, seen = [], set()

    def walk(node):
        for parameter in node.get("parameters", []):
            if "onbekend" in parameter and parameter["parameter"] not in seen:
                seen.add(parameter["parameter"])
                found.append({**parameter["onbekend"], "verificatie": parameter["verificatie"], "bronnen": parameter["bronnen"]})
        name = node["variabele"]
        if name.endswith(UNKNOWN_SUFFIX) and name not in seen and any(v is True for v in node["waarden"].values()):
            seen.add(name)
            found.append({
                "variabele": name, "datum": node["periode"], "reden": "bronnen_tegenstrijdig",
                "omschrijving": node["label"], "bronnen": node["bronnen"],
            })
        for child in node.get("stappen", []):
            walk(child)

    walk(tree)
    return found


def _reason_labels(tax_benefit_system, reasons: list[dict], tree: dict | None = None) -> None:
    missing = None  # walked for the first reason that is onbekend only
    for reason in reasons:
        if reason["reden"] == ONBEKEND:
            if missing is None:
                missing = _unknown_parameters(tree) if tree is not None else []
            reason["ontbrekend"] = missing
        enum = tax_benefit_system.variables[reason["variabele"]].possible_values
        reason["omschrijving"] = enum[reason["reden"]].value
        on = reason.pop("op")
        specific = reason_citations(enum, reason["reden"])
        if specific is not None:
            reason["bronnen"] = _citations(specific, on=on)


def explain(tax_benefit_system, situation: dict, variable: str, period: str, simulation=None, fresh: bool = True) -> dict:
    """The explanation of ``variable`` for ``period`` in ``situation`` as a JSON-ready dict.

    Pass a ``simulation`` built from the same situation to explain several variables from one build. With
    ``fresh=False`` the steps' values, parameter entries and citation dicts are the cached ones themselves, not
    copies: for an answer that is only read (encoded or rendered at once), never changed.
    """
    if variable not in tax_benefit_system.variables:
        raise CitationError(f"onbekende variabele {show(variable)}")
    if simulation is None:
        simulation = build_simulation(tax_benefit_system, situation)
    if not simulation.trace:  # setting it again would start a new tracer and drop earlier trees
        simulation.trace = True
    simulation.calculate(variable, periodes.period(period))  # parsed once per text, not by core on every call
    root = simulation.tracer.trees[-1]
    tree = _explain_node(tax_benefit_system, simulation, root, set(), _full_nodes(simulation), dag=_day(root.period),
                         fresh=fresh, checks=None if fresh else [])
    reasons = _reasons(tree)
    _reason_labels(tax_benefit_system, reasons, tree)
    return {
        "variabele": variable,
        "periode": str(root.period),
        "uitkomst": tree["waarden"],
        "eenheid": tree["eenheid"],
        "redenen": reasons,
        "berekening": tree,
        "statuslegenda": STATUS_LABELS,
    }


# ---- rendering ---------------------------------------------------------------------------------------------


def _format_value(value, unit) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return "onbekend (niet te bepalen)"
    return formatting.value(value, unit)


def _format_values(values: dict, unit) -> str:
    if len(values) == 1:
        return _format_value(next(iter(values.values())), unit)
    return ", ".join(f"{key}: {_format_value(value, unit)}" for key, value in values.items())


def _format_citation(citation: dict) -> str:
    return formatting.citation(citation, status=True)


def render_text(explanation: dict, markdown: bool = False) -> str:
    lines: list[str] = []
    tree = explanation["berekening"]
    title = f"{tree['label']} ({explanation['variabele']}, {formatting.period(explanation['periode'])})"
    lines.append(f"# {title}" if markdown else title)
    lines.append("")
    lines.append(f"{'**Uitkomst:**' if markdown else 'Uitkomst:'} {_format_values(explanation['uitkomst'], explanation['eenheid'])}")
    if explanation["redenen"]:
        lines.append("")
        title = "Redenen van afwijzing"
        if any(reason["reden"] == ONBEKEND for reason in explanation["redenen"]):
            title = "Redenen van afwijzing of niet te bepalen"
        lines.append(f"## {title}" if markdown else f"{title}:")
        for reason in explanation["redenen"]:
            lines.append(f"- {reason['id']}: {reason['omschrijving']} ({reason['reden']})")
            for citation in reason["bronnen"]:
                lines.append(f"  - bron: {_format_citation(citation)}")
            for missing in reason.get("ontbrekend", []):
                lines.append(f"  - {describe_unknown(missing)}")
                if missing.get("toelichting"):
                    lines.append(f"    toelichting: {missing['toelichting']}")
    lines.append("")
    lines.append("## Berekening" if markdown else "Berekening:")

    def walk(node, depth):
        indent = "  " * depth
        value = _format_values(node["waarden"], node["eenheid"])
        name = f"`{node['variabele']}`" if markdown else node["variabele"]
        lines.append(f"{indent}- {name} = {value} — {node['label']}")
        if node.get("herhaling"):
            lines.append(f"{indent}  (zie hierboven)")
            return
        if node.get("invoer"):
            lines.append(f"{indent}  invoer")
        if node.get("regel"):
            rule = " ".join(node["regel"].split())
            lines.append(f"{indent}  regel: {rule}")
        for citation in node["bronnen"]:
            lines.append(f"{indent}  bron: {_format_citation(citation)}")
        for parameter in node.get("parameters", []):
            pname = f"`{parameter['parameter']}`" if markdown else parameter["parameter"]
            shown = _format_value(parameter["waarde"], parameter["eenheid"])
            if "onbekend" in parameter:
                status = f"{parameter['onbekend']['reden']}: {parameter['onbekend']['omschrijving']}"
            else:
                status = parameter["verificatie_label"]
            lines.append(f"{indent}  parameter {pname} = {shown} (geldig vanaf {formatting.date(parameter['geldig_vanaf'])}; {status})")
            for citation in parameter["bronnen"]:
                lines.append(f"{indent}    bron: {_format_citation(citation)}")
        for child in node.get("stappen", []):
            walk(child, depth + 1)

    walk(tree, 0)
    return "\n".join(lines) + "\n"

"""The page of one scheme (a top-level folder): its parameters with their dated values and its variables."""

from __future__ import annotations

import inspect

from openfisca_core.parameters import ParameterScale

from openfisca_llo.citations import VERIFICATION_LABELS, parameter_citations, variable_citations
from openfisca_llo.docgen.cite import citation_rst, citations_cell
from openfisca_llo.docgen.labels import PERIOD_LABELS, UNIT_LABELS, format_value, value_type_name
from openfisca_llo.docgen.model import Model
from openfisca_llo.docgen.names import ROOT_GROUP, anchor, group_title, variable_file, variables_dir
from openfisca_llo.docgen.rst import (
    bullets,
    esc,
    field_list,
    heading,
    list_table,
    paragraphs,
    param_ref,
    ref_list,
    var_ref,
)
from openfisca_llo.docgen.step_chart import step_chart_svg
from openfisca_llo.reasons import reason_citations

# ---- parameters ----------------------------------------------------------------------------------------------


def render_parameter(model: Model, parameter) -> list[str]:
    name = parameter.name
    metadata = parameter.metadata or {}
    unit = metadata.get("unit")
    lines = [f".. _{anchor('param', name)}:", "", *heading(esc(name), "~")]
    if metadata.get("label"):
        lines += [f"**{esc(metadata['label'])}**", ""]
    for paragraph in paragraphs(parameter.description or ""):
        lines += [paragraph, ""]
    # The hand-written documentation only: the generated legal basis (documentatie.annoteer) is the table below.
    own = getattr(parameter, "eigen_documentatie", getattr(parameter, "documentation", None))
    for paragraph in paragraphs(own or ""):
        lines += [paragraph, ""]
    verification = metadata.get("verificatie")
    lines += field_list([
        (":Eenheid:", esc(f"{unit} ({UNIT_LABELS[unit]})" if unit in UNIT_LABELS else unit or "—")),
        (":Bron(nen):", "; ".join(citation_rst(c, model.register_anchors) for c in parameter_citations(metadata)) or "—"),
        (":Verificatie:", esc(f"{verification} — {VERIFICATION_LABELS.get(verification, '?')}") if verification else "—"),
        (":Gebruikt door:", ref_list([var_ref(v) for v in sorted(model.parameter_used_by.get(name, ()))])),
    ])
    if metadata.get("toelichting"):
        lines += ["**Toelichting.** " + esc(metadata["toelichting"]), ""]
    if isinstance(parameter, ParameterScale):
        return lines + _render_scale(parameter)
    values = sorted(parameter.values_list, key=lambda v: v.instant_str)
    lines += _values_table(model, parameter, values)
    svg = step_chart_svg([(v.instant_str, v.value) for v in values], unit, name)
    if svg:
        lines += [".. raw:: html", ""] + ["   " + line for line in svg.splitlines()] + [""]
    return lines


def _values_table(model: Model, parameter, values) -> list[str]:
    """The dated values with their citations, verification, own note and (after mutatietoets) pinning cases."""
    metadata = parameter.metadata or {}
    unit = metadata.get("unit")
    verification = metadata.get("verificatie")
    rows = []
    for value in values:
        value_metadata = value.metadata or {}
        own_note = value_metadata.get("toelichting") if value_metadata.get("toelichting") != metadata.get("toelichting") else ""
        value_verification = value_metadata.get("verificatie")
        rows.append(
            [
                value.instant_str,
                esc(format_value(value.value, unit)),
                citations_cell(parameter_citations(value_metadata, on=value.instant_str), model.register_anchors),
                esc(value_verification or "—") + (" (afwijkend)" if value_verification != verification else ""),
                esc(own_note or ""),
            ]
        )
    if model.pinning is None:
        return list_table(["Vanaf", "Waarde", "Bron(nen)", "Verificatie", "Toelichting bij deze waarde"], rows, [12, 14, 44, 12, 18])
    for row, value in zip(rows, values, strict=True):
        row.append(pinned_cell(model.pinning.get(parameter.name, {}).get(value.instant_str)))
    return list_table(["Vanaf", "Waarde", "Bron(nen)", "Verificatie", "Toelichting bij deze waarde", "Vastgepind door"],
                      rows, [10, 12, 34, 10, 16, 18])


def pinned_cell(entry: dict | None) -> str:
    """The YAML cases that fail when this value changes (mutatietoets), or a flag that none does."""
    if entry is None:
        return "—"
    state = entry.get("waarde")
    if state == "gevangen":
        cases = [c["geval"] for c in entry["vastgepind_door"]]
        text = ", ".join(f"``{esc(c)}``" for c in cases[:3]) + (f" en {len(cases) - 3} meer" if len(cases) > 3 else "")
        text = text or "gevangen"
    elif state == "open":
        text = "**niet vastgepind**: geen geval faalt als deze waarde verandert"
    elif state == "geen verschil":
        text = "geen verschil (verklaard in mutatie_overlevers.yaml)"
    else:
        text = "—"  # a null value: there is no value to change
    open_dates = [d for d in entry.get("datum", []) if d["status"] == "open"]
    if open_dates:
        text += "; **ingangsdatum niet vastgepind**"
    return text


def _render_scale(scale: ParameterScale) -> list[str]:
    unit = scale.metadata.get("unit")
    lines = []
    for index, bracket in enumerate(scale.brackets):
        lines += [f"**Schijf {index + 1}**", ""]
        rows = []
        for key, child in sorted(bracket.children.items()):
            for value in sorted(child.values_list, key=lambda v: v.instant_str):
                key_unit = scale.metadata.get(f"{key}_unit") or (unit if key in ("amount", "threshold") else None)
                rows.append([esc(key), value.instant_str, esc(format_value(value.value, key_unit)),
                             citations_cell(parameter_citations(value.metadata or scale.metadata, on=value.instant_str))])
        lines += list_table(["Onderdeel", "Vanaf", "Waarde", "Bron(nen)"], rows)
    return lines


# ---- variables -----------------------------------------------------------------------------------------------


def render_variable(model: Model, variable) -> list[str]:
    name = variable.name
    lines = [f".. _{anchor('var', name)}:", "", *heading(esc(name), "~")]
    lines += [f"**{esc(variable.label or name)}**", ""]
    lines += field_list(_variable_fields(variable))
    if variable.documentation:
        lines += paragraphs(variable.documentation)
        lines += [""]
    if getattr(variable, "possible_values", None) is not None:
        lines += _possible_values(model, variable)
    lines += _formulas(variable)
    lines += _links(model, variable)
    return lines


def _variable_fields(variable) -> list[tuple[str, str]]:
    entity = variable.entity
    period = str(variable.definition_period)
    file = variable_file(variable)
    try:
        shown_file = "variables/" + file.relative_to(variables_dir()).as_posix() if file else "—"
    except ValueError:
        shown_file = file.name
    unit = getattr(variable, "unit", None)
    fields = [
        (":Entiteit:", esc(f"{entity.key} — {entity.label}")),
        (":Definitieperiode:", esc(f"{period} ({PERIOD_LABELS.get(period, period)})")),
        (":Type:", esc(value_type_name(variable))),
        (":Eenheid:", esc(unit) if unit else "—"),
        (":Standaardwaarde:", esc(getattr(variable.default_value, "name", variable.default_value))),
        (":Bestand:", f"``{shown_file}``"),
    ]
    if variable.end:
        fields.append((":Einddatum:", esc(variable.end)))
    return fields


def _possible_values(model: Model, variable) -> list[str]:
    """An Enum's values with, for a refusal reason, the citations of its legal ground."""
    rows = []
    for item in variable.possible_values:
        grounds = reason_citations(variable.possible_values, item.name)
        rows.append([f"``{item.name}``", esc(item.value), citations_cell(grounds, model.register_anchors) if grounds else "—"])
    return ["**Mogelijke waarden**", "", *list_table(["Waarde", "Betekenis", "Grondslag"], rows, [22, 43, 35])]


def _formulas(variable) -> list[str]:
    """The docstring of each dated formula, or that the value is an input."""
    if not variable.formulas:
        return ["**Invoer** — geen formule; de waarde komt uit de situatie (of de standaardwaarde).", ""]
    lines = ["**Formules**", ""]
    for start, function in variable.formulas.items():
        when = "Altijd" if start == "0001-01-01" else f"Vanaf {start}"
        lines += [f"*{when}* (``{function.__name__}``)", ""]
        doc = inspect.getdoc(function)
        for paragraph in paragraphs(doc) if doc else ["(geen docstring)"]:
            lines += ["   " + paragraph, ""]
    return lines


def _links(model: Model, variable) -> list[str]:
    """What the variable uses and what uses it, its citations and the YAML cases that name it."""
    name = variable.name
    lines = [
        "**Gebruikt variabelen:** " + ref_list([var_ref(v) for v in sorted(model.uses_variables.get(name, ()))]),
        "",
        "**Gebruikt parameters:** " + ref_list([param_ref(p) for p in sorted(model.uses_parameters.get(name, ()))]),
        "",
        "**Gebruikt door:** " + ref_list([var_ref(v) for v in sorted(model.used_by_variables.get(name, ()))]),
        "",
        "**Bronnen**",
        "",
    ]
    lines += bullets([citation_rst(c, model.register_anchors) for c in variable_citations(variable)]) or ["geen bron", ""]
    cases = model.tests.get(name, [])
    lines += [f"**Getest in {len(cases)} YAML-geval(len)**", ""]
    lines += bullets([f"{esc(case.name)} — ``{case.file}``" for case in cases]) or ["Geen YAML-geval noemt deze variabele.", ""]
    return lines


# ---- the page ------------------------------------------------------------------------------------------------


def render_group(model: Model, group: str) -> str:
    members = model.groups[group]
    title = group_title(group)
    lines = [f".. _{anchor('groep', group)}:", "", *heading(esc(title), "=", overline=True)]
    folder = f"``{group}/``" if group != ROOT_GROUP else "geen map"
    case_count = len({(c.file, c.name) for v in members["variables"] for c in model.tests.get(v, [])})
    lines += [
        f"Map {folder}: {len(members['parameters'])} parameters, {len(members['variables'])} variabelen, "
        f"{case_count} YAML-gevallen die een van deze variabelen noemen. Gegenereerd uit de regels; niet met de hand bewerken.",
        "",
        ".. contents:: Op deze pagina",
        "   :local:",
        "   :depth: 2",
        "",
    ]
    if members["parameters"]:
        lines += heading("Parameters", "-")
        for name in members["parameters"]:
            lines += render_parameter(model, model.parameters[name])
    if members["variables"]:
        lines += heading("Variabelen", "-")
        for name in members["variables"]:
            lines += render_variable(model, model.variables[name])
    return "\n".join(lines) + "\n"

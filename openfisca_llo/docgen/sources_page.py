"""The page of every source in the registry (``sources.yaml``) with everything that cites it."""

from __future__ import annotations

from openfisca_llo.citations import KIND_LABELS, STATUS_LABELS, load_registry
from openfisca_llo.docgen.model import Model
from openfisca_llo.docgen.names import anchor
from openfisca_llo.docgen.rst import bullets, esc, field_list, heading, link, param_ref, var_ref
from openfisca_llo.reasons import reason_citations


def _source_fields(source) -> list[tuple[str, str]]:
    fields = [
        (":Titel:", esc(source.title)),
        (":Soort:", esc(f"{source.kind} — {KIND_LABELS[source.kind]}")),
        (":Datum:", source.date.isoformat()),
        (":Status:", esc(f"{source.status} — {STATUS_LABELS[source.status]}")),
        (":Link:", link(source.url, source.url)),
    ]
    if source.geldig_vanaf or source.geldig_tot:
        period = f"vanaf {source.geldig_vanaf or '?'}" + (f" tot {source.geldig_tot}" if source.geldig_tot else "")
        fields.append((":Geldig:", esc(period)))
    if source.note:
        fields.append((":Toelichting:", esc(source.note)))
    return fields


def _citing_items(model: Model, source_id: str) -> list[str]:
    """Everything that cites the source: parameters (as metadata or per dated value), variables, refusal grounds.

    The check's ``used_sources`` name a parameter, ``parameter@date`` for a dated value, a variable, or
    ``variable#reason`` for a refusal reason (listed here from the reasons' own citations)."""
    parameter_dates: dict[str, list[str]] = {}
    whole = set()
    variables = []
    for user in model.used_sources.get(source_id, []):
        if "#" in user:
            continue
        if "@" in user:
            parameter, date = user.split("@", 1)
            parameter_dates.setdefault(parameter, []).append(date)
        elif user in model.variables:
            variables.append(user)
        else:
            whole.add(user)
            parameter_dates.setdefault(user, [])
    items = []
    for parameter in sorted(parameter_dates):
        dates = sorted(set(parameter_dates[parameter]))
        detail = []
        if parameter in whole:
            detail.append("parametermetadata")
        if dates:
            detail.append("waarden vanaf " + ", ".join(dates))
        items.append(f"parameter {param_ref(parameter)} ({'; '.join(detail)})")
    items += [f"variabele {var_ref(v)}" for v in sorted(set(variables))]
    for variable in model.variables.values():
        if getattr(variable, "possible_values", None) is None:
            continue
        for item in variable.possible_values:
            grounds = reason_citations(variable.possible_values, item.name) or []
            if any(c.source_id == source_id for c in grounds):
                items.append(f"grondslag van {var_ref(variable.name)} = ``{item.name}``")
    return items


def render_sources(model: Model) -> str:
    lines = [".. _bronnen:", "", *heading("Bronnen", "=", overline=True)]
    lines += [
        "Elke officiële tekst in het bronnenregister (``openfisca_llo/sources.yaml``), met alles wat haar citeert. "
        "Status: " + "; ".join(f"``{key}`` = {esc(label)}" for key, label in STATUS_LABELS.items()) + ".",
        "",
    ]
    for source_id, source in load_registry().items():
        lines += [f".. _{anchor('bron', source_id)}:", "", *heading(esc(f"{source_id} — {source.kort or source.title}"), "-")]
        lines += field_list(_source_fields(source))
        items = _citing_items(model, source_id)
        lines += [f"**Geciteerd door ({len(items)})**", ""]
        lines += bullets(items) or ["Nergens geciteerd.", ""]
    return "\n".join(lines) + "\n"

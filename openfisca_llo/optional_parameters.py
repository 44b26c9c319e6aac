"""Figures the model may not know on a date, and why: the one lookup behind every 'onbekend' answer.

A parameter has no value on a date when its dated value there is ``null`` or the date lies before its first
value. Project convention (README, 'Onbekend is geen ja'): such a figure is never read as open, unlimited or 0.
A formula asks ``known_value`` (or ``value_or_none`` on a parameter node); where it gets ``None`` the scheme's
reason is ``onbekend`` unless a known ground already refuses, and its amounts are NaN.

Why a figure is unknown is data, next to the null value: ``metadata.onbekend`` is one of ``REDENEN``
(default ``niet_geverifieerd``); a date before the first value is ``niet_in_werking``. ``why_unknown`` reads it
for explanations, the overview, the timeline and the docs. A lookup that finds no value records the access in
the simulation's tracer with value ``None``, so an explanation names the missing parameter.
"""

from __future__ import annotations

import dataclasses

import numpy as np
from openfisca_core.errors import ParameterNotFoundError
from openfisca_core.parameters import Parameter

ONBEKEND = "onbekend"

REDENEN = {
    "niet_geverifieerd": "geen geverifieerde waarde: de figuur is niet in een bron gevonden of niet nagelezen",
    "bronnen_tegenstrijdig": "de bronnen spreken elkaar tegen",
    "niet_vastgesteld": "nog niet vastgesteld door de wetgever of de minister",
    "niet_in_werking": "geen waarde op deze datum: vóór de eerste bekende waarde",
}
DEFAULT_REDEN = "niet_geverifieerd"


@dataclasses.dataclass(frozen=True)
class Onbekend:
    """A parameter without a value on a date, with the reason and the explanation stored with the null value."""

    parameter: str
    datum: str
    reden: str
    sinds: str | None  # first day of the null period (None: before the first value)
    tot: str | None  # first day with a value again (None: no later value)
    toelichting: str

    @property
    def omschrijving(self) -> str:
        return REDENEN[self.reden]

    def as_dict(self) -> dict:
        return {
            "parameter": self.parameter,
            "datum": self.datum,
            "reden": self.reden,
            "omschrijving": self.omschrijving,
            "sinds": self.sinds,
            "tot": self.tot,
            "toelichting": self.toelichting,
        }


def parameter_node(root, path: str):
    node = root
    for part in path.split("."):
        node = node.children[part]
    return node


def null_reason(value_at_instant) -> str:
    """The reason stored with a null dated value (``metadata.onbekend``), or the default."""
    return (value_at_instant.metadata or {}).get("onbekend", DEFAULT_REDEN)


def why_unknown(root, path: str, instant: str) -> Onbekend | None:
    """Why the parameter at ``path`` has no value on ``instant`` (YYYY-MM-DD), or None if it has one."""
    parameter = parameter_node(root, path)
    if not isinstance(parameter, Parameter):
        return None
    ordered = sorted(parameter.values_list, key=lambda v: v.instant_str)
    current, following = None, None
    for value in ordered:
        if value.instant_str <= instant:
            current = value
        elif following is None:
            following = value
    if current is None:
        return Onbekend(
            path, instant, "niet_in_werking", None, following.instant_str if following else None,
            f"De eerste waarde geldt vanaf {ordered[0].instant_str}." if ordered else "",
        )
    if current.value is not None:
        return None
    later = next((v.instant_str for v in ordered if v.instant_str > current.instant_str and v.value is not None), None)
    text = (current.metadata or {}).get("toelichting") or parameter.metadata.get("toelichting") or ""
    return Onbekend(path, instant, null_reason(current), current.instant_str, later, " ".join(str(text).split()))


def unknown_periods(parameter) -> list[dict]:
    """Every null period of a parameter: from, until (exclusive; None if open-ended), reason, explanation."""
    ordered = sorted(parameter.values_list, key=lambda v: v.instant_str)
    periods = []
    for index, value in enumerate(ordered):
        if value.value is not None:
            continue
        if periods and periods[-1]["tot"] is None and index and ordered[index - 1].value is None:
            continue  # consecutive nulls form one period
        later = next((v.instant_str for v in ordered[index + 1 :] if v.value is not None), None)
        text = (value.metadata or {}).get("toelichting") or parameter.metadata.get("toelichting") or ""
        periods.append({
            "parameter": parameter.name,
            "van": value.instant_str,
            "tot": later,
            "reden": null_reason(value),
            "omschrijving": REDENEN[null_reason(value)],
            "toelichting": " ".join(str(text).split()),
        })
    return periods


def _record_unknown(node, name: str) -> None:
    """Record a missing child in the tracer (value None) when ``node`` is a traced parameter node."""
    tracer = getattr(node, "tracer", None)
    at_instant = getattr(node, "parameter_node_at_instant", None)
    if tracer is not None and at_instant is not None:
        tracer.record_parameter_access(f"{at_instant._name}.{name}", at_instant._instant_str, None)


def record_unknown(parameters, period, path: str) -> None:
    """Record in the tracer that a formula needed the parameter at ``path`` and found no value (for explanations),
    where the formula decides itself whether the missing value matters for a person."""
    *parents, name = path.split(".")
    node = parameters(period)
    for key in parents:
        node = getattr(node, key)
    _record_unknown(node, name)


def optional_child(node, name: str):
    """Like ``value_or_none`` but without recording a missing value: for lookups whose relevance the formula
    decides afterwards (it then calls ``record_unknown`` where the missing value matters)."""
    try:
        return getattr(node, name)
    except ParameterNotFoundError:
        return None


def value_or_none(node, name: str):
    """The value of child ``name`` of a parameter node at an instant, or None where it has none (null, or the date
    lies before its first value). A missing value is recorded in the tracer so explanations name it."""
    try:
        return getattr(node, name)
    except ParameterNotFoundError:
        _record_unknown(node, name)
        return None


def known_value(parameters, period, path: str):
    """The value of the parameter at ``path`` (dotted) in a formula's ``parameters(period)``, or None."""
    *parents, name = path.split(".")
    node = parameters(period)
    for key in parents:
        node = getattr(node, key)
    return value_or_none(node, name)


def flag_on_dates(parameters, path: str, dates) -> np.ndarray:
    """The value of the dated boolean parameter at ``path`` on each date; one lookup per distinct date.

    A date before the parameter's first value (such as the default date 1970-01-01 of an input left empty) counts
    as False: these parameters start in 1900 with False, so only an empty input falls before them.
    """
    dates = np.asarray(dates, dtype="datetime64[D]")
    distinct, inverse = np.unique(dates, return_inverse=True)
    values = []
    for day in distinct:
        try:
            node = parameters(str(day))
            for key in path.split("."):
                node = node[key]
            values.append(bool(node))
        except ParameterNotFoundError:
            values.append(False)
    return np.asarray(values, dtype=bool)[inverse]


def per_enum_item(node, enum_array) -> np.ndarray:
    """``node[enum_array]`` for a parameter node with one child per Enum item, as one lookup per item and an
    array index (OpenFisca's vectorial indexing loops over every element in Python)."""
    items = list(enum_array.possible_values)
    table = np.array([getattr(node, item.name) for item in items])
    return table[np.asarray(enum_array)]


def amount_or_nan(grond, amount) -> np.ndarray:
    """An amount that is NaN where the scheme's reason is ``onbekend``: never a grant, never a silent 0."""
    onbekend = np.asarray(grond == grond.possible_values[ONBEKEND])
    return np.where(onbekend, np.nan, np.asarray(amount, dtype=np.float64))

"""Dutch labels of units, definition periods and value types, and how a parameter value is shown."""

from __future__ import annotations

from openfisca_core.indexed_enums import Enum

from openfisca_llo import formatting

UNIT_LABELS = {
    "currency-EUR": "euro",
    "month": "maanden",
    "year": "jaren",
    "day": "dagen",
    "bool": "ja/nee",
    "/1": "fractie",
}
PERIOD_LABELS = {"day": "dag", "week": "week", "weekday": "weekdag", "month": "maand", "year": "jaar", "eternity": "eeuwig (vast)"}
VALUE_TYPE_LABELS = {
    "bool": "bool (ja/nee)",
    "int": "int (geheel getal)",
    "float": "float (getal)",
    "str": "str (tekst)",
    "date": "date (datum)",
    "Enum": "Enum (keuze uit vaste waarden)",
}


def format_value(value, unit=None) -> str:
    """A parameter value in the docs: Dutch money, numbers, units and dates (``formatting.value``); null said so."""
    return "geen waarde (null)" if value is None else formatting.value(value, unit)


def value_type_name(variable) -> str:
    value_type = variable.value_type
    name = "Enum" if isinstance(value_type, type) and issubclass(value_type, Enum) else getattr(value_type, "__name__", str(value_type))
    return VALUE_TYPE_LABELS.get(name, name)

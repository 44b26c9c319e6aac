"""Computed and parameter values as plain JSON values, the same way in every interface.

Money (unit ``currency-EUR``) is rounded to the cent, other numbers to 6 decimals (a rate such as 2,56% stays
0.0256); NaN and infinities (``onbekend``) become null; numpy scalars become Python ones; dates ISO text.
"""

from __future__ import annotations

import datetime
import math

import numpy as np
from openfisca_core.indexed_enums import EnumArray

MONEY = "currency-EUR"


def _digits(unit) -> int:
    return 2 if unit == MONEY else 6


def plain_value(value, unit=None):
    """One numpy or Python scalar as a JSON value."""
    if isinstance(value, np.generic) and not isinstance(value, (np.datetime64, np.str_)):
        value = value.item()
    if isinstance(value, np.str_):
        return str(value)
    if isinstance(value, float):
        return round(value, _digits(unit)) if math.isfinite(value) else None
    if isinstance(value, (np.datetime64, datetime.date)):
        return str(value)
    return value


def plain_values(values, unit=None) -> list:
    """A whole array as a list of JSON values (one conversion per array, no per-element Python work)."""
    if isinstance(values, EnumArray):
        return values.decode_to_str().tolist()
    array = np.asarray(values)
    if array.dtype.kind == "f":
        rounded = np.round(array.astype("float64"), _digits(unit))
        result = rounded.tolist()
        if not np.isfinite(rounded).all():  # onbekend: JSON null, never a number
            result = [v if math.isfinite(v) else None for v in result]
        return result
    if array.dtype.kind == "M":
        return array.astype(str).tolist()
    return array.tolist()

"""Computed and parameter values as plain JSON values, the same way in every interface (the one scalar→JSON
conversion: /calculate, /trace, /explain, /overzicht, /compare, budgets).

Money (unit ``currency-EUR``) is rounded to the cent, half a cent up (``geld.round_to_cents``, the convention of
every money variable); weighted counts of a budget (``GEWOGEN_AANTAL``) to 2 decimals; other numbers to 6
decimals (a rate such as 2,56% stays 0.0256). NaN and infinities (``onbekend``) become null; numpy scalars
become Python ones; dates ISO text.
"""

from __future__ import annotations

import datetime
import json
import math

import numpy as np
import orjson
from openfisca_core.indexed_enums import EnumArray

from openfisca_llo.geld import MONEY_UNIT as MONEY
from openfisca_llo.geld import round_to_cents

GEWOGEN_AANTAL = "gewogen-aantal"  # a budget's weighted count of applications or persons (an estimate)


def _digits(unit) -> int:
    return 2 if unit == GEWOGEN_AANTAL else 6


def _rounded(array: np.ndarray, unit) -> np.ndarray:
    return round_to_cents(array) if unit == MONEY else np.round(array, _digits(unit))


def plain_value(value, unit=None):
    """One numpy or Python scalar as a JSON value."""
    if isinstance(value, np.generic) and not isinstance(value, (np.datetime64, np.str_)):
        value = value.item()
    if isinstance(value, np.str_):
        return str(value)
    if isinstance(value, float):
        return float(_rounded(np.float64(value), unit)) if math.isfinite(value) else None
    if isinstance(value, (np.datetime64, datetime.date)):
        return str(value)
    return value


def plain_values(values, unit=None) -> list:
    """A whole array as a list of JSON values (one conversion per array, no per-element Python work)."""
    if isinstance(values, EnumArray):
        return values.decode_to_str().tolist()
    array = np.asarray(values)
    if array.dtype.kind == "f":
        rounded = _rounded(array.astype("float64"), unit)
        result = rounded.tolist()
        if not np.isfinite(rounded).all():  # onbekend: JSON null, never a number
            result = [v if math.isfinite(v) else None for v in result]
        return result
    if array.dtype.kind == "M":
        return array.astype(str).tolist()
    return array.tolist()


def json_safe(value):
    """A nested structure (dicts, lists, arrays) as plain JSON: each number, date or numpy scalar as
    ``plain_value`` gives it (NaN and infinities null: bare NaN is not JSON); other objects as text."""
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    if isinstance(value, np.ndarray):
        return json_safe(value.tolist())
    value = plain_value(value)
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def _non_finite(payload) -> bool:
    """Whether a NaN or infinity is anywhere in ``payload`` (then ``json_safe`` writes the whole answer). Plain
    text, integers, booleans and None are passed over in the loop; subclasses (numpy scalars) are checked singly."""
    stack = [payload]
    while stack:
        value = stack.pop()
        kind = type(value)
        if kind is dict:
            items = value.values()
        elif kind is list or kind is tuple:
            items = value
        elif isinstance(value, dict):
            items = value.values()
        elif isinstance(value, (list, tuple)):
            items = value
        else:
            if isinstance(value, float) and not math.isfinite(value):
                return True
            continue
        for item in items:
            kind = type(item)
            if kind is str or kind is int or kind is bool or item is None:
                continue
            if kind is float:
                if not math.isfinite(item):
                    return True
            else:
                stack.append(item)
    return False


class PlainAnswer(dict):
    """An answer built only from ``plain_value``/``plain_values`` results and text (NaN and infinities already
    null), such as /explain's: ``json_bytes`` encodes it without looking for a NaN first (about 0.25 ms of
    Anna's /explain). Should one slip in anyway, orjson writes it as null, never as bare NaN."""


def json_bytes(payload) -> bytes:
    """An API answer as compact UTF-8 JSON (non-ASCII as is, keys in the payload's order), encoded by orjson: about
    14 times faster than the standard library on /explain's 140 KB. An answer with a NaN or infinity (``onbekend``)
    goes through ``json_safe`` (null; numbers as ``plain_value`` gives them), and so does what orjson does not take
    (numpy scalars, keys that are not text, integers beyond 64 bits, nesting deeper than 254), written by the
    standard library the same compact way. A ``PlainAnswer`` is not scanned."""
    if type(payload) is PlainAnswer or not _non_finite(payload):
        try:
            return orjson.dumps(payload)
        except (orjson.JSONEncodeError, TypeError):
            pass
    return json.dumps(json_safe(payload), ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()

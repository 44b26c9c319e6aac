"""Money exact to the cent, and counts that do not overflow: one convention for every variable.

OpenFisca stores ``float`` variables as float32 (about 7 significant digits) and ``int`` variables as int32.
In float32, 60% of EUR 210.000 is 126.000,0078 and shows as 126.000,01. This package therefore stores

- every ``float`` variable as float64 (about 16 significant digits), and every ``int`` variable as int64;
- every money variable (``unit = "currency-EUR"``) with a formula as its value rounded to the cent, half a cent
  up (rekenkundig afronden; the regelingen give no rounding rule of their own), so a money result is a
  whole number of cents wherever it is read: /calculate, /explain, /overzicht, /compare, the CLI and budgets.
  A rule that uses another money variable uses that rounded amount. NaN (onbekend) stays NaN.

Parameters are Python floats (float64) already, and money parameters hold whole cents (a test checks).
Exact to the cent for amounts up to ``MAXIMUM_BEDRAG`` (EUR 10 miljard): below it float64 carries the
cents and a thousandth of a cent, which rounding needs to recognise an exact half cent (90% of EUR 0,05 is
EUR 0,045, which becomes EUR 0,05). Money inputs above it, or with fractions of a cent, are refused.

The convention is applied where a variable enters a system's variable table (``GeldVariabelen``), so it
holds for the law, for every reform and for amendments without a line in the variable files.
"""

from __future__ import annotations

import functools

import numpy as np

MONEY_UNIT = "currency-EUR"
MAXIMUM_BEDRAG = 1e10
_DTYPES = {float: np.float64, int: np.int64}


def is_money(variable) -> bool:
    return getattr(variable, "unit", None) == MONEY_UNIT


def round_to_cents(values):
    """Amounts in euros rounded to the cent, half a cent away from zero; NaN stays NaN.

    First to a thousandth of a cent, so that float64 noise around an exact half cent (1.111,095 stored as
    1.111,09499999...) does not decide the rounding.
    """
    cents = np.round(np.asarray(values, dtype=np.float64) * 100, 3)
    return np.sign(cents) * np.floor(np.abs(cents) + 0.5) / 100


def _rounding(formula):
    if getattr(formula, "rounds_to_cents", False):
        return formula
    if formula.__code__.co_argcount == 2:  # OpenFisca calls a formula with or without parameters by arity

        @functools.wraps(formula)
        def rounded(population, period):
            return round_to_cents(formula(population, period))
    else:

        @functools.wraps(formula)
        def rounded(population, period, parameters):
            return round_to_cents(formula(population, period, parameters))

    rounded.rounds_to_cents = True
    return rounded


def apply_convention(variable) -> None:
    """float64/int64 storage; money formulas round to the cent."""
    if variable.value_type in _DTYPES:
        variable.dtype = _DTYPES[variable.value_type]
    if is_money(variable):
        for start, formula in list(variable.formulas.items()):
            variable.formulas[start] = _rounding(formula)


class GeldVariabelen(dict):
    """A tax-benefit system's variable table that applies the money convention to each variable it receives.

    ``Reform`` copies its baseline's table with ``copy()`` and adds its own variables to it; ``clone()``
    deep-copies it; both keep this class, so reforms and amendments follow the convention too.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__()
        self.update(*args, **kwargs)

    def __setitem__(self, name, variable) -> None:
        apply_convention(variable)
        super().__setitem__(name, variable)

    def update(self, *args, **kwargs) -> None:
        for name, variable in dict(*args, **kwargs).items():
            self[name] = variable

    def setdefault(self, name, variable=None):
        if name not in self:
            self[name] = variable
        return self[name]

    def copy(self) -> GeldVariabelen:
        return GeldVariabelen(self)

"""OpenFisca periods read and written once per text: ``period("2023-05-15")`` parses with pendulum (about 40 µs)
and ``str(period)`` formats (about 10 µs), and a request asks both several times per variable. Periods and
instants are immutable values, so the results are cached; bounded, because the texts come from requests."""

from __future__ import annotations

from functools import lru_cache

from openfisca_core.periods import period as _period


@lru_cache(maxsize=4096)
def period(value):
    """OpenFisca's ``period()`` of a text, instant or period."""
    return _period(value)


@lru_cache(maxsize=4096)
def text(value) -> str:
    """``str()`` of a period or instant."""
    return str(value)

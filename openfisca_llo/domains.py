"""The values a parameter may take: declared by its ``unit`` (metadata), narrowed or widened by ``domein``.

An amendment is data from a drafter or a client; a value outside the domain (a negative STAP maximum, a
share above 1, a date that does not exist) would give answers that mean nothing, so the amendment check
refuses it. ``openfisca-llo citations`` fails when a parameter has no unit with a domain and no ``domein``.

A parameter overrides the default of its unit in its metadata::

    metadata:
      unit: /1
      domein: {minimum: 0, maximum: 100}   # a multiple, not a share
"""

from __future__ import annotations

import dataclasses
import datetime
import math

from openfisca_llo import formatting
from openfisca_llo.dates import MAX_YEAR, MIN_YEAR


@dataclasses.dataclass(frozen=True)
class Domain:
    kind: str  # "getal", "geheel getal", "boolean", "datum JJJJMMDD"
    minimum: float | None = None
    maximum: float | None = None

    def describe(self) -> str:
        if self.kind in ("boolean", "datum JJJJMMDD"):
            return "true of false" if self.kind == "boolean" else f"een datum als getal JJJJMMDD ({MIN_YEAR}-{MAX_YEAR})"
        return f"een {self.kind} van {_dutch(self.minimum)} tot en met {_dutch(self.maximum)}"

    def error(self, value) -> str | None:
        """None if ``value`` lies in the domain, else a Dutch message naming the domain."""
        if self.kind == "boolean":
            return None if isinstance(value, bool) else f"verwacht {self.describe()}"
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            return f"verwacht {self.describe()}"
        if self.kind == "datum JJJJMMDD":
            if value != int(value) or not 10_000_000 <= value <= 99_999_999:
                return f"verwacht {self.describe()}"
            text = f"{int(value)}"
            try:
                date = datetime.date(int(text[:4]), int(text[4:6]), int(text[6:]))
            except ValueError:
                return f"verwacht {self.describe()}; {text} is geen bestaande datum"
            return None if MIN_YEAR <= date.year <= MAX_YEAR else f"verwacht {self.describe()}"
        if self.kind == "geheel getal" and value != int(value):
            return f"verwacht {self.describe()}"
        if not self.minimum <= value <= self.maximum:
            return f"buiten het domein van deze parameter: verwacht {self.describe()}"
        return None


def _dutch(number) -> str:
    return formatting.number(number)


UNIT_DOMAINS = {
    "currency-EUR": Domain("getal", 0, 1e12),
    "/1": Domain("getal", 0, 1),  # a share
    "percent": Domain("getal", 0, 100),
    "count": Domain("geheel getal", 0, 1_000_000),
    "month": Domain("geheel getal", 0, 1_200),
    "week": Domain("geheel getal", 0, 5_200),
    "year": Domain("geheel getal", 0, 150),  # a duration or an age; a calendar year declares its own domein
    "bool": Domain("boolean"),
    "date-yyyymmdd": Domain("datum JJJJMMDD"),
}


def parameter_domain(parameter) -> Domain | None:
    """The declared domain of a leaf parameter, or None when it declares none (a check reports that)."""
    metadata = parameter.metadata or {}
    base = UNIT_DOMAINS.get(metadata.get("unit"))
    declared = metadata.get("domein")
    if not isinstance(declared, dict):
        return base
    kind = declared.get("soort", base.kind if base else "getal")
    return Domain(kind, declared.get("minimum", base.minimum if base else None),
                  declared.get("maximum", base.maximum if base else None))

"""The limits on one request or input file, each with its environment variable (documented in the README).

Every limit bounds work or memory that a small input could otherwise blow up; a request over a limit gets a
JSON 413 that names the limit and its environment variable.
"""

from __future__ import annotations

import dataclasses
import os

from openfisca_llo import formatting


@dataclasses.dataclass(frozen=True)
class Limit:
    name: str  # environment variable
    default: int
    meaning: str  # Dutch, for messages and the README
    status: int = 413  # HTTP status of a request over the limit (400 where the input is malformed, not large)

    def value(self) -> int:
        text = os.environ.get(self.name)
        if text is None:
            return self.default
        try:
            number = int(text)
        except ValueError:
            raise ValueError(f"{self.name} moet een geheel getal zijn, kreeg {text[:40]!r}") from None
        if number < 1:
            raise ValueError(f"{self.name} moet ten minste 1 zijn, kreeg {number}")
        return number


MAX_BYTES = Limit("OPENFISCA_LLO_MAX_BYTES", 50 * 1024 * 1024, "bytes in de body van één verzoek")
MAX_PERSONS = Limit("OPENFISCA_LLO_MAX_PERSONS", 100_000, "personen in één situatie")
MAX_DEPTH = Limit("OPENFISCA_LLO_MAX_JSON_DEPTH", 32, "niveaus van nesting in JSON of YAML", 400)
MAX_DIGITS = Limit("OPENFISCA_LLO_MAX_DIGITS", 30, "tekens in één getal", 400)
MAX_CELLS = Limit(
    "OPENFISCA_LLO_MAX_CELLS", 2_000_000,
    "personen (of ondernemingen) maal verschillende gevraagde variabele-perioden in één verzoek",
)
MAX_EXPLAIN = Limit("OPENFISCA_LLO_MAX_EXPLAIN", 100, "te verklaren variabele-perioden in één /explain, /trace of /compare")
MAX_EXPLAIN_CELLS = Limit(
    "OPENFISCA_LLO_MAX_EXPLAIN_CELLS", 50_000,
    "personen maal te verklaren variabele-perioden in één /explain, /trace of /compare",
)
MAX_OVERZICHT = Limit("OPENFISCA_LLO_MAX_OVERZICHT", 2_000, "personen en ondernemingen in één /overzicht")
MAX_AMENDMENT_VALUES = Limit("OPENFISCA_LLO_MAX_AMENDMENT_VALUES", 1_000, "gedateerde waarden in één amendement")
MAX_YAML_ALIASES = Limit("OPENFISCA_LLO_MAX_YAML_ALIASES", 100, "YAML-aliassen (*naam) in één bestand")
MAX_YAML_VALUES = Limit(
    "OPENFISCA_LLO_MAX_YAML_VALUES", 5_000_000, "waarden in een YAML-bestand nadat de aliassen zijn uitgevouwen"
)
MAX_FILE_BYTES = Limit("OPENFISCA_LLO_MAX_FILE_BYTES", 50 * 1024 * 1024, "bytes in één situatie- of amendementbestand")
REFORM_CACHE = Limit("OPENFISCA_LLO_REFORM_CACHE", 16, "hervormde stelsels die /compare bewaart (minst recent gebruikt eruit)")
REQUEST_SECONDS = Limit(
    "OPENFISCA_LLO_REQUEST_SECONDS", 60, "seconden rekentijd voor één verzoek (daarna een JSON 503)", 503
)
TIMEOUT = Limit("OPENFISCA_LLO_TIMEOUT", 120, "seconden waarna gunicorn een vastgelopen worker herstart (ruim boven de rekentijd)")

ALL = (
    MAX_BYTES, MAX_PERSONS, MAX_DEPTH, MAX_DIGITS, MAX_CELLS, MAX_EXPLAIN, MAX_EXPLAIN_CELLS, MAX_OVERZICHT,
    MAX_AMENDMENT_VALUES, MAX_YAML_ALIASES, MAX_YAML_VALUES, MAX_FILE_BYTES, REFORM_CACHE, REQUEST_SECONDS, TIMEOUT,
)


class LimitExceeded(ValueError):
    """An input over one of the limits: the message names the limit and how to raise it."""

    def __init__(self, limit: Limit, field: str, found: int | None = None) -> None:
        self.limit = limit
        self.field = field
        self.found = found
        got = f"{_dutch(found)}" if found is not None else "te veel"
        super().__init__(
            f"{field}: {got} {limit.meaning}; ten hoogste {_dutch(limit.value())} (instelbaar met {limit.name})"
        )


def _dutch(number: int) -> str:
    return formatting.number(number)


def check(limit: Limit, field: str, found: int) -> None:
    if found > limit.value():
        raise LimitExceeded(limit, field, found)

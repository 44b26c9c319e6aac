"""The legal ground of each refusal reason: which article or letter a reason rests on.

A reason variable (``*_afwijzingsgrond``) cites all the articles it applies; an explanation shows, for the
reason that applies, only the citations of that reason, registered here next to the Enum.
"""

from __future__ import annotations

import numpy as np

from openfisca_llo.citations import Citation, parse_reference

_GRONDSLAG: dict[tuple[str, str], list[str]] = {}


def grondslag(enum_class, mapping: dict) -> None:
    """Register the citation URLs (made with ``cite``) of each item of a reason Enum."""
    for item, urls in mapping.items():
        _GRONDSLAG[(enum_class.__name__, item.name)] = list(urls)


def reason_citations(enum_class, item_name: str, on=None) -> list[Citation] | None:
    """The citations of one reason; with ``on`` (the date of the result) a consolidated text in its version
    valid that day."""
    urls = _GRONDSLAG.get((enum_class.__name__, item_name))
    return None if urls is None else [parse_reference(url).on(on) for url in urls]


def first_reason(default, pairs):
    """Per element the reason of the first pair whose condition holds, else ``default``.

    ``pairs`` are ``(reason, condition)`` in the order the rules are tested, so that each condition stands next to
    the reason it yields (``np.select`` with the two lists zipped)."""
    return np.select([condition for _, condition in pairs], [reason for reason, _ in pairs], default=default)

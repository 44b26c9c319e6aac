"""Citations of a shared input in the context of the scheme that uses it.

Inputs such as ``geboortedatum``, ``leeftijd`` and ``aow_leeftijd_bereikt`` live in ``variables/algemeen/`` and
serve several schemes; their own ``reference`` names the general rule (art. 7a AOW). In an explanation the input
cites the article of the scheme that asks for it: a scheme registers, next to the variable that uses the input,
which citations apply there (``invoer_grondslag``); ``explain`` looks them up for the nearest scheme variable above
the input in the computation tree.
"""

from __future__ import annotations

from openfisca_llo.citations import Citation, parse_reference

_INVOER: dict[tuple[str, str], list[str]] = {}


def invoer_grondslag(gebruikers, mapping: dict[str, list[str]]) -> None:
    """Register, for each variable in ``gebruikers`` (names), the citation URLs (made with ``cite``) of each shared
    input it asks for: ``{"leeftijd": [cite(...)], ...}``."""
    for gebruiker in gebruikers:
        for invoer, urls in mapping.items():
            _INVOER[(gebruiker, invoer)] = list(urls)


def context_urls(gebruiker: str | None, invoer: str) -> tuple[str, ...] | None:
    """The citation URLs registered for ``invoer`` as used by ``gebruiker`` (None when that scheme registered none)."""
    urls = _INVOER.get((gebruiker, invoer)) if gebruiker else None
    return None if urls is None else tuple(urls)


def context_citations(gebruiker: str | None, invoer: str, on=None) -> list[Citation] | None:
    """The citations of ``invoer`` as used by ``gebruiker`` (None when that scheme registered none)."""
    urls = context_urls(gebruiker, invoer)
    return None if urls is None else [parse_reference(url).on(on) for url in urls]


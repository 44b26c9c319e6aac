"""The article register: per official text, article by article in legal order, what implements or checks it.

For each source in the registry that is an official text (not a web page), every locator cited anywhere --
parameters and their dated values, variables, refusal reasons and YAML cases -- becomes an entry: an article
(with the leden and onderdelen cited), a paragraph or page of a Kamerstuk, a chapter, the heading of a consolidated
text, or, last, a subject ('onderwerp') where the article was not verified. Each entry has a Sphinx label, so a
citation anywhere in the reference links to its entry and the entry links back to each item.
"""

from __future__ import annotations

import dataclasses
import re

from openfisca_core.parameters import Parameter

from openfisca_llo.citations import (
    OFFICIAL_KINDS,
    Citation,
    CitationError,
    parameter_citations,
    variable_citations,
)
from openfisca_llo.reasons import reason_citations

# The level of an entry, in the order entries appear under a text.
ENTRY_KEYS = ("opschrift", "hoofdstuk", "artikel", "paragraaf", "pagina", "punt", "onderwerp")
ENTRY_LABELS = {
    "opschrift": "Opschrift",
    "hoofdstuk": "Hoofdstuk",
    "artikel": "Artikel",
    "paragraaf": "Paragraaf",
    "pagina": "Pagina",
    "punt": "Punt",
    "onderwerp": "Zonder geverifieerd artikel — onderwerp",
}
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman(text: str) -> int | None:
    if not text or any(ch not in _ROMAN for ch in text):
        return None
    total = 0
    for index, ch in enumerate(text):
        value = _ROMAN[ch]
        total += -value if index + 1 < len(text) and _ROMAN[text[index + 1]] > value else value
    return total


def legal_order(text: str) -> tuple:
    """Sort key in legal order: 'I' < 'II'; '2' < '2.3' < '2.3a' < '3.16b' < '10'; text after numbers."""
    roman = _roman(text.strip())
    if roman is not None:
        return ((0, roman),)
    parts = re.findall(r"\d+|[a-z]+|[^\da-z]+", text.lower())
    return tuple((1, int(p)) if p.isdigit() else (2, p) for p in parts)


def entry_of(citation: Citation) -> tuple[str, str] | None:
    """(level, value) of the entry a citation belongs to; None for a web page (not an official text)."""
    if citation.source.kind not in OFFICIAL_KINDS:
        return None
    locator = dict(citation.locator)
    for key in ENTRY_KEYS:
        if locator.get(key):
            return key, locator[key]
    return "onderwerp", "(geen vindplaats)"


def entry_anchor(source_id: str, level: str, value: str) -> str:
    from openfisca_llo.docgen import anchor

    return anchor("art", f"{source_id}-{level}-{value}")


def citation_anchor(citation: Citation) -> str | None:
    entry = entry_of(citation)
    return None if entry is None else entry_anchor(citation.source_id, *entry)


@dataclasses.dataclass
class Item:
    kind: str  # parameter | variabele | reden | geval
    name: str  # parameter or variable name, 'variable#item', or the case name
    detail: str  # lid/onderdeel cited, and for parameters the dates of the values
    file: str = ""


def _detail(citation: Citation, level: str) -> str:
    return ", ".join(f"{k} {v}" for k, v in citation.locator if k != level)


def collect(parameters, variables: dict, test_cases) -> dict[str, dict[tuple[str, str], list[Item]]]:
    """source id -> (level, value) -> the items citing it."""
    register: dict[str, dict[tuple[str, str], list[Item]]] = {}

    def add(citations, make):
        for citation in citations:
            entry = entry_of(citation)
            if entry is not None:
                register.setdefault(citation.source_id, {}).setdefault(entry, []).append(make(citation, entry[0]))

    for parameter in parameters.values():
        if not isinstance(parameter, Parameter):
            continue
        by_detail: dict[tuple, list[str]] = {}
        for value in parameter.values_list:
            try:
                citations = parameter_citations(value.metadata)
            except CitationError:
                continue
            for citation in citations:
                by_detail.setdefault((citation, ), []).append(value.instant_str)
        for (citation,), dates in by_detail.items():
            add([citation], lambda c, level, dates=dates, name=parameter.name: Item(
                "parameter", name,
                "; ".join(filter(None, [_detail(c, level), "waarden vanaf " + ", ".join(sorted(set(dates)))])),
            ))
    for name, variable in variables.items():
        add(variable_citations(variable), lambda c, level, name=name: Item("variabele", name, _detail(c, level)))
        enum = getattr(variable, "possible_values", None)
        if enum is not None:
            for member in enum:
                grounds = reason_citations(enum, member.name) or []
                add(grounds, lambda c, level, name=name, member=member: Item(
                    "reden", f"{name}#{member.name}", _detail(c, level)))
    for case in test_cases:
        add(case.bronnen, lambda c, level, case=case: Item("geval", case.name, _detail(c, level), case.file))
    return register


def anchors(register) -> set[str]:
    return {entry_anchor(source_id, *entry) for source_id, entries in register.items() for entry in entries}


def _sorted_entries(entries):
    return sorted(entries.items(), key=lambda kv: (ENTRY_KEYS.index(kv[0][0]), legal_order(kv[0][1])))


def render(register) -> str:
    from openfisca_llo.citations import load_registry
    from openfisca_llo.docgen import anchor, esc, heading, link, param_ref, ref, var_ref

    lines = [".. _artikelregister:", "", *heading("Artikelregister", "=", overline=True)]
    lines += [
        "Per officiële tekst, artikel voor artikel in wettelijke volgorde: de parameters (met de data van hun "
        "waarden), variabelen, afwijzingsgronden en YAML-testgevallen die het uitvoeren of toetsen. Elke bronvermelding "
        "in de referentie linkt naar haar regel hier ('register'); elke regel hier linkt terug. Vindplaatsen die alleen "
        "een onderwerp noemen (het artikel is niet geverifieerd) staan per tekst onderaan. Webpagina's staan niet in "
        "dit register maar bij de :ref:`bronnen <bronnen>`.",
        "",
        ".. contents:: Teksten",
        "   :local:",
        "   :depth: 1",
        "",
    ]
    registry = load_registry()
    order = {kind: index for index, kind in enumerate(("bwb", "stb", "stcrt", "kst", "doc", "celex"))}
    for source_id in sorted(register, key=lambda s: (order.get(registry[s].kind, 9), registry[s].date, s)):
        source = registry[source_id]
        lines += heading(esc(f"{source.kort or source.title} ({source_id})"), "-")
        lines += [f"{link('officiële tekst', source.url)} — {ref(anchor('bron', source_id), 'in het bronnenregister')}", ""]
        for (level, value), items in _sorted_entries(register[source_id]):
            label = entry_anchor(source_id, level, value)
            title = f"{ENTRY_LABELS[level]} {value}" if level != "onderwerp" else f"Onderwerp: {value}"
            lines += [f".. _{label}:", "", f"**{esc(title)}**", ""]
            for item in sorted(items, key=lambda i: (("parameter", "variabele", "reden", "geval").index(i.kind), i.name, legal_order(i.detail))):
                detail = f" ({esc(item.detail)})" if item.detail else ""
                if item.kind == "parameter":
                    text = f"parameter {param_ref(item.name)}"
                elif item.kind == "variabele":
                    text = f"variabele {var_ref(item.name)}"
                elif item.kind == "reden":
                    variable, member = item.name.split("#")
                    text = f"afwijzingsgrond ``{member}`` van {var_ref(variable)}"
                else:
                    text = f"YAML-geval {esc(item.name)} — ``{item.file}``"
                lines.append(f"* {text}{detail}")
            lines.append("")
    return "\n".join(lines) + "\n"

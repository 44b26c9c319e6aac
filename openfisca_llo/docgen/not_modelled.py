"""The fragment 'what the model does not cover': 'Niet gemodelleerd:' notes, secondary values, locators without
an article, periods without a value and the notes of the source registry."""

from __future__ import annotations

import inspect
import re

from openfisca_core.parameters import ParameterScale

from openfisca_llo import formatting
from openfisca_llo.citations import load_registry, parameter_citations, variable_citations
from openfisca_llo.docgen.cite import citation_rst
from openfisca_llo.docgen.model import Model
from openfisca_llo.docgen.names import anchor, group_title
from openfisca_llo.docgen.rst import bullets, esc, heading, param_ref, ref, var_ref
from openfisca_llo.optional_parameters import unknown_periods

UNVERIFIED_STATUSES = ("secundair", "herkomst_onbekend")  # values not read in the official text

NOT_MODELLED = re.compile(r"niet gemodelleerd\s*:\s*(.*)", re.IGNORECASE)

NOT_MODELLED_SECTIONS = {
    "niet_gemodelleerd": ("Niet gemodelleerd", "Uit de docstrings en documentatie: elke zin na 'Niet gemodelleerd:'."),
    "secundair": (
        "Waarden die alleen secundair zijn geverifieerd",
        "Parameters waarvan (een) waarde alleen op een secundaire bron is gezien (``verificatie: secundair``, of "
        "``herkomst_onbekend`` als het adres van die bron niet is vastgelegd), "
        "met de toelichting van de parameter.",
    ),
    "onderwerp": (
        "Vindplaatsen zonder geverifieerd artikel",
        "Citaties met alleen een onderwerp, omdat het artikelnummer niet in de officiële tekst is gecontroleerd.",
    ),
    "leeg": (
        "Onbekende gegevens per regeling",
        "Parameters die in een periode geen waarde hebben (``null``), met de reden (niet geverifieerd, bronnen "
        "tegenstrijdig, nog niet vastgesteld, niet in werking). Een regel die zo'n gegeven nodig heeft, antwoordt "
        "daar 'onbekend' (niet te bepalen, bedrag leeg), nooit 'open' of 'onbeperkt' en nooit een toekenning; een "
        "afwijzing op bekende feiten gaat voor.",
    ),
    "register": ("Toelichtingen in het bronnenregister", "De notities bij de bronnen in ``sources.yaml``."),
}


def _notes(model: Model) -> list[str]:
    """Every sentence after 'Niet gemodelleerd:' in a formula docstring, variable or parameter documentation."""
    notes = []
    for name, variable in model.variables.items():
        texts = [inspect.getdoc(f) or "" for f in variable.formulas.values()] + [variable.documentation or ""]
        for text in texts:
            for block in re.split(r"\n\s*\n", text):
                match = NOT_MODELLED.search(" ".join(block.split()))
                if match:
                    notes.append(f"{var_ref(name)}: {esc(match.group(1))}")
    for name, parameter in model.parameters.items():
        texts = [parameter.description or "", getattr(parameter, "documentation", None) or "", parameter.metadata.get("toelichting") or ""]
        for text in texts:
            match = NOT_MODELLED.search(" ".join(str(text).split()))
            if match:
                notes.append(f"{param_ref(name)}: {esc(match.group(1))}")
    return notes


def _secondary(name: str, parameter) -> str | None:
    """A parameter with a value (or metadata) only verified in a secondary source, or of unknown origin."""
    values = sorted(parameter.values_list, key=lambda v: v.instant_str)
    dates = [v.instant_str for v in values if (v.metadata or {}).get("verificatie") in UNVERIFIED_STATUSES]
    if not dates and parameter.metadata.get("verificatie") not in UNVERIFIED_STATUSES:
        return None
    note = parameter.metadata.get("toelichting") or ""
    return (f"{param_ref(name)} — secundair of herkomst onbekend voor de waarden vanaf {', '.join(dates) or '(geen)'}"
            + (f". {esc(note)}" if note else ""))


def _unknown(name: str, parameter) -> list[str]:
    """The periods in which a parameter has no value (null), with the reason."""
    items = []
    for period in unknown_periods(parameter):
        until = f" tot {formatting.date(period['tot'])}" if period["tot"] else ""
        explanation = f" {esc(period['toelichting'])}" if period["toelichting"] else ""
        items.append(
            f"**{esc(group_title(name.split('.')[0]))}** — {param_ref(name)}: onbekend vanaf "
            f"{formatting.date(period['van']) or '-'}{until} ({period['reden']}: {esc(period['omschrijving'])}).{explanation}"
        )
    return items


def _subject_only(model: Model) -> list[str]:
    """Citations that give only a subject: the article number was not checked in the official text."""
    items = []
    for name, parameter in model.parameters.items():
        if isinstance(parameter, ParameterScale):
            continue
        for citation in parameter_citations(parameter.metadata):
            if citation.precision == "onderwerp":
                items.append(f"{param_ref(name)}: {citation_rst(citation)}")
    for name, variable in model.variables.items():
        for citation in variable_citations(variable):
            if citation.precision == "onderwerp":
                items.append(f"{var_ref(name)}: {citation_rst(citation)}")
    return items


def not_modelled_items(model: Model) -> dict[str, list[str]]:
    """What the model leaves out, as RST bullet texts per kind."""
    leaves = {name: p for name, p in model.parameters.items() if not isinstance(p, ParameterScale)}
    secondary = [item for name, parameter in leaves.items() if (item := _secondary(name, parameter))]
    registry = [
        f"{ref(anchor('bron', s.id), s.id)} ({s.status}): {esc(s.note)}" for s in load_registry().values() if s.note
    ]
    return {
        "niet_gemodelleerd": _notes(model),
        "secundair": secondary,
        "onderwerp": _subject_only(model),
        "leeg": sorted(item for name, parameter in leaves.items() for item in _unknown(name, parameter)),
        "register": registry,
    }


def render_not_modelled(model: Model) -> str:
    items = not_modelled_items(model)
    lines = []
    for key, (title, intro) in NOT_MODELLED_SECTIONS.items():
        lines += heading(f"{title} ({len(items[key])})", "-")
        lines += [intro, ""]
        lines += bullets(items[key]) or ["Geen.", ""]
    return "\n".join(lines) + "\n"

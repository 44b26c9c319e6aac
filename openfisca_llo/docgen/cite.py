"""A citation in reStructuredText: linked to the official text, the source registry and the article register."""

from __future__ import annotations

from openfisca_llo.citations import Citation
from openfisca_llo.docgen.names import anchor
from openfisca_llo.docgen.rst import link, ref


def citation_rst(citation: Citation, register_anchors: set | None = None) -> str:
    """A citation: its text linked to the official URL, the registry entry, its status and, for an official text,
    its entry in the article register."""
    from openfisca_llo.artikelregister import citation_anchor

    source = citation.source
    locator = citation.locator_text()
    text = (source.kort or source.title) + (f", {locator}" if locator else "")
    label = citation_anchor(citation)
    register = f", {ref(label, 'register')}" if label and register_anchors and label in register_anchors else ""
    return f"{link(text, citation.url)} ({ref(anchor('bron', citation.source_id), citation.source_id)}, {source.status}{register})"


def citations_cell(citations: list[Citation], register_anchors: set | None = None) -> str:
    return "\n\n".join(citation_rst(c, register_anchors) for c in citations) or "geen bron"

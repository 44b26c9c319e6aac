"""The legal basis of each parameter where the ecosystem's own tools look for it.

The Legislation Explorer and ``GET /parameter/<id>`` show a parameter's ``description`` and ``documentation``;
generic OpenFisca tools read ``metadata.reference``. Both are generated here, at load time, from the one place the
citations are written (``metadata.bronnen`` and ``metadata.verificatie``, per dated value): ``documentation``
states in Dutch, per dated value, the source title, the locator, the status of the source, the verification of the
value and the link (a consolidated text as it stood on that date); ``metadata.reference`` holds the same links.
A hand-written ``documentation`` in the YAML file is kept and comes first (``eigen_documentatie``).
"""

from __future__ import annotations

from openfisca_llo import formatting
from openfisca_llo.citations import STATUS_LABELS, VERIFICATION_LABELS, CitationError, parameter_citations


def _citation_line(citation) -> str:
    source = citation.source
    locator = citation.locator_text()
    where = f"{source.kort or source.title}{', ' + locator if locator else ''}"
    return f"- {where} ({STATUS_LABELS[source.status]}): {citation.url}"


def grondslag_tekst(parameter) -> str:
    """Dutch text: per dated value (most recent first) its verification and citations."""
    lines = ["Wettelijke grondslag per waarde (uit metadata.bronnen):"]
    for value in parameter.values_list:  # most recent first, as OpenFisca keeps them
        metadata = value.metadata or {}
        verification = metadata.get("verificatie")
        label = VERIFICATION_LABELS.get(verification, "verificatie ontbreekt")
        shown = "geen waarde (onbekend)" if value.value is None else "waarde"
        lines.append(f"Vanaf {formatting.date(value.instant_str)} ({shown}; {label}):")
        try:
            citations = parameter_citations(metadata, on=value.instant_str)
        except CitationError as error:
            citations = []
            lines.append(f"- bronvermelding ongeldig: {error}")
        lines += [_citation_line(c) for c in citations] or ["- geen bron"]
    return "\n".join(lines)


def annoteer(parameters) -> None:
    """Set ``documentation`` and ``metadata.reference`` of every leaf parameter and dated value from its citations."""
    from openfisca_llo.checks import leaf_parameters

    for parameter in leaf_parameters(parameters):
        if not hasattr(parameter, "eigen_documentatie"):
            parameter.eigen_documentatie = parameter.documentation
        own = (parameter.eigen_documentatie or "").strip()
        parameter.documentation = (own + "\n\n" if own else "") + grondslag_tekst(parameter)
        try:
            parameter.metadata["reference"] = [c.url for c in parameter_citations(parameter.metadata)]
            for value in parameter.values_list:
                value.metadata["reference"] = [c.url for c in parameter_citations(value.metadata, on=value.instant_str)]
        except CitationError:
            continue  # the citation check reports it

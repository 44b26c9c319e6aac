"""The page of the reforms found in ``reforms/``."""

from __future__ import annotations

from openfisca_llo.docgen.model import Model
from openfisca_llo.docgen.names import anchor
from openfisca_llo.docgen.rst import esc, heading, paragraphs


def render_reforms(model: Model) -> str:
    lines = [".. _hervormingen:", "", *heading("Hervormingen", "=", overline=True)]
    lines += [
        "Voorstellen en wijzigingen die naast het geldende recht kunnen worden doorgerekend: elke Python-module en "
        "elk YAML-bestand in ``reforms/``, met de beschrijving uit het bestand zelf.",
        "",
    ]
    if not model.reforms:
        lines += ["Er zijn nog geen hervormingen: de map ``reforms/`` bevat geen Python-modules of YAML-bestanden.", ""]
    for reform in model.reforms:
        lines += [f".. _{anchor('hervorming', reform.name)}:", "", *heading(esc(reform.name), "-")]
        lines += [f":Bestand: ``{reform.file}``", f":Soort: {reform.kind}", ""]
        lines += [*paragraphs(reform.description or "(geen beschrijving)"), ""]
        for class_name, doc in reform.classes:
            lines += [f"*Reform-klasse* ``{class_name}``", ""]
            lines += ["   " + p for p in paragraphs(doc or "(geen docstring)")] + [""]
        if reform.kind == "yaml":
            lines += [".. code-block:: yaml", ""] + ["   " + line for line in reform.text.splitlines()] + [""]
    return "\n".join(lines) + "\n"

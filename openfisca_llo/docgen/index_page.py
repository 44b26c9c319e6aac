"""The index of the reference: one row per scheme page, the totals and the table of contents."""

from __future__ import annotations

from openfisca_llo.citations import load_registry
from openfisca_llo.docgen.model import Model
from openfisca_llo.docgen.names import anchor, group_title
from openfisca_llo.docgen.rst import heading, list_table, ref


def render_index(model: Model) -> str:
    lines = [".. _referentie:", "", *heading("Referentie", "=", overline=True)]
    lines += [
        "Gegenereerd bij elke documentatiebouw uit het belasting-en-uitkeringsstelsel, het bronnenregister, de "
        "YAML-testgevallen en de map ``reforms/``; deze pagina's kunnen dus niet verouderen.",
        "",
    ]
    rows = [
        [ref(anchor("groep", g), group_title(g)), f"``{g}``", str(len(m["parameters"])), str(len(m["variables"]))]
        for g, m in model.groups.items()
    ]
    lines += list_table(["Regeling", "Map", "Parameters", "Variabelen"], rows)
    lines += [
        f"{len(model.parameters)} parameters, {len(model.variables)} variabelen, {len(load_registry())} bronnen, "
        f"{len(model.reforms)} hervormingen, {len(model.test_cases)} YAML-testgevallen.",
        "",
        ".. toctree::",
        "   :maxdepth: 1",
        "",
    ]
    lines += ["   artikelregister"] + [f"   {g}" for g in model.groups] + ["   bronnen", "   hervormingen", ""]
    return "\n".join(lines) + "\n"

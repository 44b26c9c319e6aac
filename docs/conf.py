"""Sphinx configuration of the openfisca-llo documentation.

The reference pages (docs/reference/, gitignored) are generated from the installed package at every build, in
the ``builder-inited`` hook below, so they cannot go out of date. Build with ``make docs``.
"""

from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent

project = "openfisca-llo"
author = "openfisca-llo"
copyright = "openfisca-llo, AGPL-3.0-or-later"
language = "nl"
extensions = []
root_doc = "index"
exclude_patterns = ["_build", "examples", "reference/uitleg"]
html_theme = "alabaster"
html_title = "openfisca-llo — leven lang ontwikkelen als uitvoerbare regels"
html_theme_options = {"page_width": "1200px", "sidebar_width": "240px"}
html_show_sourcelink = False
pygments_style = "sphinx"


def generate_reference(app) -> None:
    from openfisca_llo.docgen import write_reference

    # `make mutatietoets` (part of `make test`) writes which cases pin each dated value; without it the column is left out
    write_reference(DOCS / "reference", tests_dir=ROOT / "tests", examples_dir=DOCS / "examples",
                    pinning_file=DOCS / "_build" / "mutatietoets" / "vastgepind.json")


def setup(app):
    app.connect("builder-inited", generate_reference)
    return {"parallel_read_safe": True}

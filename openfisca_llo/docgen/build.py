"""The entry point: ``write_reference`` writes every generated page (called from ``docs/conf.py``)."""

from __future__ import annotations

import json
from pathlib import Path

from openfisca_llo.citations import load_registry
from openfisca_llo.docgen.examples import write_explanation_examples
from openfisca_llo.docgen.index_page import render_index
from openfisca_llo.docgen.model import Model, build_model
from openfisca_llo.docgen.names import anchor
from openfisca_llo.docgen.not_modelled import render_not_modelled
from openfisca_llo.docgen.reforms_page import render_reforms
from openfisca_llo.docgen.rst import write_if_changed
from openfisca_llo.docgen.scheme_page import render_group
from openfisca_llo.docgen.sources_page import render_sources


def _manifest(model: Model) -> dict:
    """The label of every documented item (tests check the built site against it)."""
    return {
        "parameters": {n: anchor("param", n) for n in model.parameters},
        "variables": {n: anchor("var", n) for n in model.variables},
        "sources": {s: anchor("bron", s) for s in load_registry()},
        "reforms": {r.name: anchor("hervorming", r.name) for r in model.reforms},
        "groups": {g: anchor("groep", g) for g in model.groups},
        "articles": sorted(model.register_anchors),
    }


def write_reference(
    outdir: Path,
    tax_benefit_system=None,
    tests_dir: Path | None = None,
    examples_dir: Path | None = None,
    reforms_folder: Path | None = None,
    pinning_file: Path | None = None,
) -> dict:
    """Write the generated pages into outdir (removing stale ones) and return a manifest of what they contain."""
    if tax_benefit_system is None:
        from openfisca_llo import CountryTaxBenefitSystem

        tax_benefit_system = CountryTaxBenefitSystem()
    outdir = Path(outdir)
    pinning = json.loads(Path(pinning_file).read_text(encoding="utf-8")) if pinning_file and Path(pinning_file).exists() else None
    model = build_model(tax_benefit_system, tests_dir, reforms_folder, pinning)
    from openfisca_llo import artikelregister

    pages = {
        "index.rst": render_index(model),
        "artikelregister.rst": artikelregister.render(model.register),
        "bronnen.rst": render_sources(model),
        "hervormingen.rst": render_reforms(model),
    }
    for group in model.groups:
        pages[f"{group}.rst"] = render_group(model, group)
    pages["niet_gemodelleerd.inc"] = render_not_modelled(model)
    manifest = _manifest(model)
    pages["manifest.json"] = json.dumps(manifest, indent=2, sort_keys=True) + "\n"
    outdir.mkdir(parents=True, exist_ok=True)
    for stale in outdir.glob("*"):
        if stale.is_file() and stale.name not in pages:
            stale.unlink()
    for name, text in pages.items():
        write_if_changed(outdir / name, text)
    if examples_dir is not None:
        write_explanation_examples(examples_dir, outdir / "uitleg", tax_benefit_system)
    return manifest

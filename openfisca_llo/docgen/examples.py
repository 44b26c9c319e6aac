"""The explanation examples of the docs: ``docs/examples/uitleg_*.json`` explained as text and as JSON."""

from __future__ import annotations

import json
from pathlib import Path

from openfisca_llo.docgen.rst import write_if_changed


def write_explanation_examples(examples_dir: Path, outdir: Path, tax_benefit_system) -> list[str]:
    """For each ``uitleg_*.json`` ({situation, variable, period}) the explanation as text and (shortened) JSON."""
    from openfisca_llo.explain import explain, render_text

    written = []
    for path in sorted(Path(examples_dir).glob("uitleg_*.json")):
        spec = json.loads(path.read_text(encoding="utf-8"))
        explanation = explain(tax_benefit_system, spec["situation"], spec["variable"], spec["period"])
        write_if_changed(outdir / f"{path.stem}.txt", render_text(explanation))
        short = json.loads(json.dumps(explanation))
        short["berekening"]["stappen"] = [
            {"variabele": s["variabele"], "...": "(zelfde opbouw)"} for s in short["berekening"]["stappen"]
        ]
        write_if_changed(outdir / f"{path.stem}.json", json.dumps(short, ensure_ascii=False, indent=2) + "\n")
        written.append(path.stem)
    return written

"""Saved explanations: a change in what an explanation says must show up as a failing diff.

Regenerate after a deliberate change with UPDATE_GOLDEN=1 and review the diff before committing.
"""

import difflib
import json
import os
from pathlib import Path

import pytest

from openfisca_llo.explain import explain, render_text

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
CASES = sorted(GOLDEN.glob("*.json"))


def test_there_are_golden_cases():
    assert len(CASES) >= 4


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_explanation_matches_the_saved_text(tax_benefit_system, case):
    spec = json.loads(case.read_text(encoding="utf-8"))
    text = render_text(explain(tax_benefit_system, spec["situation"], spec["variable"], spec["period"]))
    expected_file = case.with_suffix(".txt")
    if os.environ.get("UPDATE_GOLDEN") == "1":
        expected_file.write_text(text, encoding="utf-8")
    expected = expected_file.read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), text.splitlines(True), "verwacht", "nu"))
    assert not diff, diff

"""Every cache is bounded (issue #17): a long-running server meets ever new dates, amendments and reforms.

Function caches are ``lru_cache`` with a ``maxsize``; an unbounded ``cache`` only where the keys are a fixed,
finite set (no argument, or the two rule folders, or the package's own source files); the hand-made caches of
reformed systems drop the oldest entry."""

import ast
import re
from pathlib import Path

from openfisca_llo import budget, compare
from openfisca_llo.budget import Variant, build_system

PACKAGE = Path(compare.__file__).resolve().parent
# unbounded caches whose keys form a finite set, with the reason
FINITE_KEYS = {
    ("docgen/analysis.py", "_module_helpers"): "the package's own variable source files",
    ("mutatietoets.py", "_rule_root"): "two keys: 'variables' and 'reforms'",
}


def _decorated(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for decorator in node.decorator_list:
                yield node, ast.unparse(decorator)


def test_every_function_cache_is_bounded_or_has_finite_keys():
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for function, decorator in _decorated(ast.parse(path.read_text(encoding="utf-8"))):
            name = (path.relative_to(PACKAGE).as_posix(), function.name)
            arguments = function.args.args + function.args.kwonlyargs
            if re.fullmatch(r"(functools\.)?cache", decorator):
                if arguments or function.args.vararg or function.args.kwarg:
                    if name not in FINITE_KEYS:
                        problems.append(f"{name}: @cache on a function with arguments")
            elif "lru_cache" in decorator and not re.search(r"maxsize=(\d|[A-Z_]+\b)", decorator):
                problems.append(f"{name}: {decorator} without a maxsize")
    assert problems == []


def test_budget_keeps_a_bounded_number_of_reformed_systems(monkeypatch):
    """/budget with ever new amendments: at most SYSTEM_CACHE_SIZE reformed systems stay in memory."""
    budget._reformed.cache_clear()
    monkeypatch.setattr(compare, "resolve_reform", lambda baseline, amendment, reform: object())
    monkeypatch.setattr(budget, "baseline_system", lambda: None)
    try:
        systems = [build_system(Variant(f"a{i}", None, f'{{"naam": "a{i}"}}')) for i in range(40)]
        assert len({id(s) for s in systems}) == 40
        assert budget._reformed.cache_info().currsize == budget.SYSTEM_CACHE_SIZE
        assert build_system(Variant("a39", None, '{"naam": "a39"}')) is systems[-1]  # the most recent is kept
    finally:
        budget._reformed.cache_clear()


def test_shipped_reforms_are_kept_for_a_bounded_number_of_systems(monkeypatch):
    from openfisca_llo.reforms import REFORMS

    compare._shipped.cache_clear()
    monkeypatch.setitem(REFORMS, "nep", lambda system: object())
    try:
        for _ in range(40):
            compare.resolve_reform(object(), reform="nep")
        assert compare._shipped.cache_info().currsize <= compare._shipped.cache_info().maxsize == 16
    finally:
        compare._shipped.cache_clear()


def test_the_spec_warm_up_remembers_a_bounded_number_of_folders(monkeypatch, tmp_path):
    monkeypatch.setattr(compare, "_WARMING", {})
    baseline = object()
    for i in range(10):
        folder = tmp_path / str(i)
        folder.mkdir()
        compare.prepare_spec_impact(baseline, folder)
    assert len(compare._WARMING) == compare.SPEC_CACHE_SIZE

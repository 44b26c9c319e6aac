"""The YAML test cases: which variables each case names and which sources its ``bron:`` keywords cite."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import yaml

from openfisca_llo.cases import parse_source_keyword
from openfisca_llo.citations import CitationError, citation_from_mapping


@dataclasses.dataclass
class TestCase:
    name: str
    file: str
    variables: set[str]
    bronnen: tuple = ()  # the citations of its 'bron:' keywords


def variable_keys(data, variable_names) -> set[str]:
    """The variable names among the keys of a case's input or output, at any depth (entities, persons)."""
    found = set()
    if isinstance(data, dict):
        for key, value in data.items():
            if key in variable_names:
                found.add(key)
            elif isinstance(value, dict):
                found |= variable_keys(value, variable_names)
    return found


def _case_sources(item: dict) -> tuple:
    try:
        return tuple(
            citation_from_mapping(parse_source_keyword(k))
            for k in item.get("keywords") or []
            if isinstance(k, str) and k.startswith("bron:")
        )
    except (CitationError, ValueError):
        return ()  # tests/python/test_yaml_cases_cite_sources.py reports it


def collect_test_cases(tests_dir: Path, variable_names, root: Path | None = None) -> list[TestCase]:
    """Every YAML case under tests_dir with the variables its input or output names."""
    cases = []
    tests_dir = Path(tests_dir)
    root = root or tests_dir.parent
    for path in sorted([*tests_dir.rglob("*.yaml"), *tests_dir.rglob("*.yml")]):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        items = data if isinstance(data, list) else [data]
        for index, item in enumerate(items):
            if not isinstance(item, dict) or not ({"input", "output"} & set(item)):
                continue
            names = variable_keys(item.get("input"), variable_names) | variable_keys(item.get("output"), variable_names)
            cases.append(TestCase(str(item.get("name") or f"geval {index + 1}"), path.relative_to(root).as_posix(),
                                  names, _case_sources(item)))
    return cases

"""The YAML cases (the executable specification): where they live, which source each checks, and writing one.

Each case names the source it checks in a keyword ``bron: <id> [vindplaats waarde ...]``, for example
``bron: BWBR0045419 artikel 5 lid 2``.
"""

from __future__ import annotations

import dataclasses
import os
from functools import lru_cache
from pathlib import Path

import yaml

from openfisca_llo.citations import LOCATOR_KEYS, Citation, CitationError, citation_from_mapping


def parse_source_keyword(keyword: str) -> dict:
    """'bron: BWBR0045419 artikel 5 lid 2' -> {'bron': 'BWBR0045419', 'artikel': '5', 'lid': '2'}."""
    tokens = keyword.removeprefix("bron:").split()
    mapping = {"bron": tokens[0]}
    key = None
    for token in tokens[1:]:
        if token in LOCATOR_KEYS:
            key = token
            mapping[key] = ""
        elif key is None:
            raise ValueError(f"vindplaats '{token}' zonder soort; gebruik een van {LOCATOR_KEYS}")
        else:
            mapping[key] = f"{mapping[key]} {token}".strip()
    return mapping


def source_keyword(citation: Citation) -> str:
    """The keyword for a citation, the inverse of ``parse_source_keyword``."""
    return " ".join(["bron:", citation.source_id, *(f"{key} {value}" for key, value in citation.locator)])


def tests_dir() -> Path | None:
    """The folder of YAML cases: $OPENFISCA_LLO_TESTS, else ./tests (the repository root); None if absent."""
    folder = Path(os.environ.get("OPENFISCA_LLO_TESTS") or "tests")
    return folder.resolve() if folder.is_dir() else None


@dataclasses.dataclass(frozen=True)
class Case:
    file: str  # relative to the tests folder
    index: int
    name: str
    citations: tuple[Citation, ...]
    variables: frozenset[str]  # variables named in input or output
    outputs: frozenset[str]


def _names(data) -> set[str]:
    found = set()
    if isinstance(data, dict):
        for key, value in data.items():
            found.add(str(key))
            if isinstance(value, dict):
                found |= _names(value)
    return found


@lru_cache(maxsize=8)  # a folder of cases: the project's tests/, and a few others
def load_cases(folder: Path) -> tuple[Case, ...]:
    """Every case in the folder (golden files excluded), with its cited sources and the names it uses."""
    cases = []
    for path in sorted(folder.rglob("*.yaml")):
        if "golden" in path.parts:
            continue
        for index, case in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")) or []):
            if not isinstance(case, dict):
                continue
            citations = []
            for keyword in case.get("keywords") or []:
                if isinstance(keyword, str) and keyword.startswith("bron:"):
                    try:
                        citations.append(citation_from_mapping(parse_source_keyword(keyword)))
                    except (CitationError, ValueError, IndexError):
                        continue  # the citation test reports it; a page still shows the case
            outputs = _names(case.get("output"))
            cases.append(Case(path.relative_to(folder).as_posix(), index, str(case.get("name") or f"geval {index + 1}"),
                              tuple(citations), frozenset(_names(case.get("input")) | outputs), frozenset(outputs)))
    return tuple(cases)


def case_yaml(name: str, citation: Citation | None, period: str, inputs: dict, outputs: dict) -> str:
    """One YAML case as text, ready to paste into a file under tests/."""
    case = {"name": name}
    if citation is not None:
        case["keywords"] = [source_keyword(citation)]
    case["period"] = period
    case["input"] = inputs
    case["output"] = outputs
    return yaml.safe_dump([case], allow_unicode=True, sort_keys=False, default_flow_style=False)

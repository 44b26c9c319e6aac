"""Every YAML test case names the source it checks: a keyword 'bron: <id> [vindplaats ...]'."""

from pathlib import Path

import pytest
import yaml

from openfisca_llo.cases import parse_source_keyword
from openfisca_llo.citations import citation_from_mapping

TESTS = Path(__file__).resolve().parent.parent
YAML_FILES = sorted(p for p in TESTS.rglob("*.yaml") if "golden" not in p.parts)


def cases():
    for path in YAML_FILES:
        for index, case in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")) or []):
            yield pytest.param(case, id=f"{path.relative_to(TESTS)}#{index}")


def test_there_are_yaml_cases():
    assert len(list(cases())) >= 40


@pytest.mark.parametrize("case", list(cases()))
def test_case_names_a_registered_source(case):
    keywords = [k for k in case.get("keywords") or [] if k.startswith("bron:")]
    assert keywords, f"test '{case.get('name')}' noemt geen bron (keywords: ['bron: <id> artikel ...'])"
    for keyword in keywords:
        citation_from_mapping(parse_source_keyword(keyword))


def test_keyword_parser_reads_locators():
    assert parse_source_keyword("bron: BWBR0045419 artikel 5 lid 2") == {"bron": "BWBR0045419", "artikel": "5", "lid": "2"}
    assert parse_source_keyword("bron: kst-30012-142 paragraaf STAP-budget") == {"bron": "kst-30012-142", "paragraaf": "STAP-budget"}

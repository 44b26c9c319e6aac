"""The citation check itself: it must pass on the package and fail on each kind of defect."""

import pytest
from openfisca_core.parameters import ParameterNode
from openfisca_core.periods import DAY
from openfisca_core.variables import Variable
from openfisca_llo.reforms import REFORMS

from openfisca_llo.checks import (
    CitationReport,
    check_parameter,
    check_tax_benefit_system,
    check_variable,
    leaf_parameters,
)
from openfisca_llo.citations import (
    CitationError,
    cite,
    load_registry,
    parse_reference,
    validate_source_entry,
)
from openfisca_llo.entities import Persoon


def test_every_parameter_value_and_variable_cites_a_registered_source(tax_benefit_system):
    report = check_tax_benefit_system(tax_benefit_system, REFORMS)
    assert report.problems == []
    assert report.coverage == 100.0
    assert report.parameters > 0 and report.variables > 0


def test_every_registered_source_is_used(tax_benefit_system):
    report = check_tax_benefit_system(tax_benefit_system, REFORMS)
    assert set(report.used_sources) == set(load_registry())


def _parameter(metadata, values=None):
    node = ParameterNode("", data={"x": {"description": "Test.", "metadata": metadata, "values": values or {"2022-01-01": 1}}})
    return next(leaf_parameters(node))


def test_parameter_without_citation_is_reported():
    report = CitationReport()
    check_parameter(report, _parameter({"unit": "currency-EUR"}))
    assert any("geen bron" in problem for problem in report.problems)


def test_parameter_citing_an_unknown_source_is_reported():
    report = CitationReport()
    check_parameter(report, _parameter({"bronnen": [{"bron": "stcrt-1999-1", "artikel": "1"}], "verificatie": "officieel"}))
    assert any("onbekende bron" in problem for problem in report.problems)


def test_parameter_citation_without_locator_is_reported():
    report = CitationReport()
    check_parameter(report, _parameter({"bronnen": [{"bron": "BWBR0045419"}], "verificatie": "officieel"}))
    assert any("vindplaats ontbreekt" in problem for problem in report.problems)


def test_parameter_without_verification_status_is_reported():
    report = CitationReport()
    check_parameter(report, _parameter({"bronnen": [{"bron": "BWBR0045419", "artikel": "9"}]}))
    assert any("verificatie" in problem for problem in report.problems)


def test_dated_value_with_a_bad_own_citation_is_reported():
    report = CitationReport()
    values = {"2022-01-01": {"value": 1, "metadata": {"bronnen": [{"bron": "kst-30012-142"}]}}}
    check_parameter(report, _parameter({"bronnen": [{"bron": "BWBR0045419", "artikel": "9"}], "verificatie": "officieel"}, values))
    assert any("2022-01-01" in problem for problem in report.problems)


class zonder_bron(Variable):
    value_type = float
    entity = Persoon
    definition_period = DAY
    label = "Test"


class onbekende_bron(Variable):
    value_type = float
    entity = Persoon
    definition_period = DAY
    label = "Test"
    reference = ["https://example.org/wet"]


@pytest.mark.parametrize(("variable_class", "message"), [(zonder_bron, "geen bron"), (onbekende_bron, "geen geregistreerde bron")])
def test_variable_defects_are_reported(variable_class, message):
    report = CitationReport()
    check_variable(report, variable_class())
    assert any(message in problem for problem in report.problems)


@pytest.mark.parametrize(
    ("source_id", "entry", "message"),
    [
        ("BWBR45419", {"kind": "bwb"}, "past niet bij soort"),
        ("stcrt-2021-35685", {"kind": "kst"}, "past niet bij soort"),
        ("kst-30012-142", {"kind": "krant"}, "onbekende soort"),
        ("kst-30012-142", {"kind": "kst", "status": "misschien"}, "status"),
    ],
)
def test_malformed_registry_entries_are_rejected(source_id, entry, message):
    full = {"title": "t", "date": "2022-01-01", "url": "https://zoek.officielebekendmakingen.nl/x.html", "status": "beleid"}
    full.update(entry)
    assert any(message in problem for problem in validate_source_entry(source_id, full))


def test_cite_builds_an_article_level_juriconnect_url_that_reads_back():
    url = cite("BWBR0045419", artikel="5", lid="2")
    assert url == "https://wetten.overheid.nl/jci1.3:c:BWBR0045419&artikel=5&lid=2"
    citation = parse_reference(url)
    assert citation.source_id == "BWBR0045419"
    assert dict(citation.locator) == {"artikel": "5", "lid": "2"}


def test_cite_of_a_kamerstuk_keeps_the_paragraph():
    url = cite("kst-30012-142", paragraaf="STAP-budget")
    assert url.startswith("https://zoek.officielebekendmakingen.nl/kst-30012-142.html#")
    assert dict(parse_reference(url).locator) == {"paragraaf": "STAP-budget"}


def test_cite_rejects_unknown_sources_and_locators():
    with pytest.raises(CitationError):
        cite("stcrt-1999-1", artikel="1")
    with pytest.raises(CitationError):
        cite("BWBR0045419", regel="3")
    with pytest.raises(CitationError):
        cite("BWBR0045419")


# ---- status rules (issue 13): a status never claims more than was checked ------------------------------------

OFFICIAL_ARTICLE = {"bron": "BWBR0045419", "artikel": "9"}
OFFICIAL_SUBJECT = {"bron": "BWBR0045419", "onderwerp": "subsidieplafond"}
WEB = {"bron": "web-uwv-stap-informatie"}


@pytest.mark.parametrize(
    ("bronnen", "verificatie", "value", "message"),
    [
        ([OFFICIAL_ARTICLE], "officieel", None, "null"),
        ([WEB], "officieel", 1, "officieel"),
        ([OFFICIAL_SUBJECT], "officieel", 1, "officieel"),
        ([OFFICIAL_ARTICLE], "secundair", 1, "webpagina"),
        ([OFFICIAL_ARTICLE], "onbekend", 1, "null-waarde"),
        ([OFFICIAL_ARTICLE], "misschien", 1, "ongeldig"),
    ],
)
def test_a_status_that_overclaims_is_reported(bronnen, verificatie, value, message):
    report = CitationReport()
    check_parameter(report, _parameter({"bronnen": bronnen, "verificatie": verificatie}, {"2022-01-01": {"value": value}}))
    assert any(message in problem for problem in report.problems), report.problems


@pytest.mark.parametrize(
    ("bronnen", "verificatie", "value"),
    [
        ([OFFICIAL_ARTICLE], "officieel", 1),
        ([OFFICIAL_SUBJECT, WEB], "secundair", 1),
        ([OFFICIAL_SUBJECT], "onbekend", None),
        ([OFFICIAL_SUBJECT], "herkomst_onbekend", 1),
    ],
)
def test_a_status_that_means_what_it_says_passes(bronnen, verificatie, value):
    report = CitationReport()
    check_parameter(report, _parameter({"bronnen": bronnen, "verificatie": verificatie}, {"2022-01-01": {"value": value}}))
    assert report.problems == []


def test_a_web_page_must_say_when_it_was_read():
    entry = {"kind": "web", "title": "t", "date": "2022-01-01", "url": "https://example.org/", "status": "informatie"}
    assert any("gelezen" in problem for problem in validate_source_entry("web-x", entry))
    assert validate_source_entry("web-x", {**entry, "gelezen": "2026-12-01"}) == []


def test_the_report_counts_per_scheme_and_lists_remaining_subjects(tax_benefit_system):
    report = check_tax_benefit_system(tax_benefit_system)
    stap = report.schemes["stap"]
    assert stap.total > 0 and sum(stap.values.values()) > 0
    text = report.summary()
    assert "officieel%" in text and "secundair%" in text
    assert ("Resterende vindplaatsen 'onderwerp'" in text) == (report.unverified_locators > 0)

"""Citations of the law as it stood (issue 13, point 3) and of shared inputs in their scheme's context (point 5)."""

import datetime

from openfisca_llo.checks import check_tax_benefit_system, leaf_parameters
from openfisca_llo.citations import get_source, parameter_citations, parse_reference, version_date
from openfisca_llo.explain import explain
from openfisca_llo.handlers import parameter_references


def _walk(node):
    yield node
    for child in node.get("stappen", []):
        yield from _walk(child)


def _bwb_urls(citations):
    return [c["url"] for c in citations if c["url"].startswith("https://wetten.overheid.nl/jci1.3:c:")]


def test_every_bwb_citation_of_a_dated_value_opens_the_version_of_that_date(tax_benefit_system):
    report = check_tax_benefit_system(tax_benefit_system)
    assert report.bwb_value_citations > 0
    assert report.bwb_value_citations_dated == report.bwb_value_citations
    parameter = next(p for p in leaf_parameters(tax_benefit_system.parameters) if p.name == "algemeen.aow_leeftijd")
    values = parameter_references(parameter)["waarden"]
    # AOW art. 7a lid 1 onder l holds 67 years for 2023: the link opens the AOW as it stood on 1 January 2023.
    assert _bwb_urls(values["2023-01-01"]["bronnen"]) == [
        "https://wetten.overheid.nl/jci1.3:c:BWBR0002221&artikel=7a&lid=1&g=2023-01-01#onderdeel=l"
    ]


def test_a_version_date_stays_within_the_life_of_the_text():
    stap = get_source("BWBR0045419")  # in the registry: geldig 2022-01-01 tot 2027-01-01
    assert version_date(stap, "1900-01-01") == datetime.date(2022, 1, 1)
    assert version_date(stap, "2023-05-15") == datetime.date(2023, 5, 15)
    assert version_date(stap, "2030-01-01") == datetime.date(2026, 12, 31)
    citation = parameter_citations({"bronnen": [{"bron": "BWBR0045419", "artikel": "5", "lid": "2"}]}, on="2023-05-15")[0]
    assert citation.url == "https://wetten.overheid.nl/jci1.3:c:BWBR0045419&artikel=5&lid=2&g=2023-05-15"
    assert parse_reference(citation.url) == citation
    # A Staatscourant publication is fixed: no version date.
    fixed = parameter_citations({"bronnen": [{"bron": "stcrt-2021-35685", "artikel": "1"}]}, on="2023-05-15")[0]
    assert "g=" not in fixed.url


STAP_2023 = {
    "personen": {
        "anna": {
            "geboortedatum": {"ETERNITY": "1985-06-01"},
            "stap_scholingskosten": {"2023-05-15": 1250},
            "stap_maanden_verzekerd_referteperiode": {"2023-05-15": 24},
            "stap_scholing_in_scholingsregister": {"2023-05-15": True},
            "stap_budget": {"2023-05-15": None},
        }
    }
}


def test_an_explanation_on_day_d_links_to_the_text_valid_on_d(tax_benefit_system):
    tree = explain(tax_benefit_system, STAP_2023, "stap_budget", "2023-05-15")["berekening"]
    urls = []
    for node in _walk(tree):
        urls += _bwb_urls(node["bronnen"])
        for parameter in node.get("parameters", []):
            urls += _bwb_urls(parameter["bronnen"])
    assert urls, "the STAP explanation cites the consolidated regulation"
    assert all("&g=2023-05-15" in url for url in urls), [u for u in urls if "&g=2023-05-15" not in u]


def _node(tree, name):
    return next(node for node in _walk(tree) if node["variabele"] == name and not node.get("herhaling"))


def test_shared_inputs_cite_the_article_of_the_scheme_that_uses_them(tax_benefit_system):
    # Levenlanglerenkrediet: age on the first day of the month, WSF 2000 art. 2.3a with art. 1.2 -- not STAP art. 5.
    situation = {"personen": {"p": {"geboortedatum": {"ETERNITY": "1965-03-10"},
                                    "levenlanglerenkrediet_maximum_per_maand": {"2023-05": None}}}}
    tree = explain(tax_benefit_system, situation, "levenlanglerenkrediet_maximum_per_maand", "2023-05")["berekening"]
    for name in ("leeftijd", "geboortedatum"):
        sources = {(c["bron"], c.get("artikel")) for c in _node(tree, name)["bronnen"]}
        assert ("BWBR0011453", "2.3a") in sources, (name, sources)
        assert not any(bron == "BWBR0045419" for bron, _ in sources), (name, sources)
    # STAP-budget: the same inputs cite STAP art. 5 lid 2.
    tree = explain(tax_benefit_system, STAP_2023, "stap_budget", "2023-05-15")["berekening"]
    leeftijd = _node(tree, "leeftijd")["bronnen"]
    assert [(c["bron"], c.get("artikel"), c.get("lid")) for c in leeftijd] == [("BWBR0045419", "5", "2")]


def test_an_eternal_input_is_explained_with_undated_links(tax_benefit_system):
    # geboortedatum has no date (ETERNITY): its texts are cited without a version date, and nothing fails.
    situation = {"personen": {"p": {"geboortedatum": {"ETERNITY": "1985-06-01"}}}}
    tree = explain(tax_benefit_system, situation, "geboortedatum", "ETERNITY")["berekening"]
    assert tree["waarden"] == {"p": "1985-06-01"}
    assert all("&g=" not in url for url in _bwb_urls(tree["bronnen"]))


def test_after_the_slim_renumbering_the_article_is_cited_by_its_number_on_that_date():
    # Stcrt. 2025, 7276, artikel I, onderdeel F: artikel 5 (aanvraagtijdvakken) becomes artikel 2.6. Artikel 6 is
    # not in the part of the table that was read: it opens the last version in which '6' held.
    def url(artikel, day):
        return parameter_citations({"bronnen": [{"bron": "BWBR0043015", "artikel": artikel}]}, on=day)[0].url

    base = "https://wetten.overheid.nl/jci1.3:c:BWBR0043015"
    assert url("5", "2023-07-01") == f"{base}&artikel=5&g=2023-07-01"
    assert url("5", "2025-06-01") == f"{base}&artikel=2.6&g=2025-06-01"
    assert url("6", "2025-06-01") == f"{base}&artikel=6&g=2025-03-09"

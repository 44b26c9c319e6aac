"""What /explain caches (dated citations, periods, docstrings, shared-input classes, parameter entries, small
value conversions) never leaks between the law, an
amendment and other days: each explanation is the same as one computed with empty caches."""

import copy
import json
from pathlib import Path

from openfisca_llo import explain as explain_module
from openfisca_llo import periodes
from openfisca_llo.amendments import load_amendment_file, reformed_system
from openfisca_llo.explain import explain

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"
STAP_MAXIMUM_1500 = EXAMPLES / "amendementen" / "stap_maximum_1500.yaml"


def anna(day: str) -> dict:
    """Anna asks STAP-budget for a course of EUR 1.250 on ``day`` (examples/stap_anna.json, moved to that day)."""
    return {"personen": {"anna": {
        "geboortedatum": {"ETERNITY": "1985-06-01"},
        "stap_scholingskosten": {day: 1250},
        "stap_maanden_verzekerd_referteperiode": {day: 24},
        "stap_scholing_in_scholingsregister": {day: True},
        "stap_scholing_ocw_erkend": {day: True},
        "stap_budget": {day: None},
    }}}


def _walk(node):
    yield node
    for child in node.get("stappen", []):
        yield from _walk(child)


def _maximum(explanation) -> dict:
    return next(p for node in _walk(explanation["berekening"]) for p in node.get("parameters", [])
                if p["parameter"] == "stap.maximum_per_kalenderjaar")


def _clear_caches(*systems) -> None:
    for cached in (explain_module._dated_citations, explain_module._node_citation_dicts, explain_module._docstring,
                   explain_module._rule, explain_module._class_is_shared,
                   explain_module._day,
                   periodes.period, periodes.text):
        cached.cache_clear()
    explain_module._SMALL.clear()
    for system in systems:
        system.parameters.__dict__.pop("_llo_explained_entries", None)


def test_law_then_amendment_then_law_each_see_their_own_values_and_sources(tax_benefit_system):
    amended = reformed_system(tax_benefit_system, load_amendment_file(STAP_MAXIMUM_1500))
    law_first = explain(tax_benefit_system, anna("2023-05-15"), "stap_budget", "2023-05-15")
    under_amendment = explain(amended, anna("2023-05-15"), "stap_budget", "2023-05-15")
    law_again = explain(tax_benefit_system, anna("2023-05-15"), "stap_budget", "2023-05-15")

    # The law: at most EUR 1.000 per calendar year (Kamerstukken II 2021/22, 30012, nr. 142, paragraaf STAP-budget),
    # so a EUR 1.250 course gets EUR 1.000. The amendment (examples/amendementen/stap_maximum_1500.yaml) raises the
    # maximum to EUR 1.500 from 2023-01-01, so the whole EUR 1.250; its value cites the amendment's own sources.
    assert law_first["uitkomst"] == law_again["uitkomst"] == {"anna": 1000.0}
    assert under_amendment["uitkomst"] == {"anna": 1250.0}
    for law in (law_first, law_again):
        maximum = _maximum(law)
        assert (maximum["waarde"], maximum["geldig_vanaf"]) == (1000.0, "2022-01-01")
        assert [c["bron"] for c in maximum["bronnen"]] == ["kst-30012-142", "web-uwv-stap-informatie"]
    maximum = _maximum(under_amendment)
    assert (maximum["waarde"], maximum["geldig_vanaf"]) == (1500.0, "2023-01-01")
    assert [c["bron"] for c in maximum["bronnen"]] == ["kst-30012-142"]
    assert law_first == law_again

    # And each is what it is with empty caches.
    _clear_caches(amended, tax_benefit_system)
    assert explain(amended, anna("2023-05-15"), "stap_budget", "2023-05-15") == under_amendment
    _clear_caches(amended, tax_benefit_system)
    assert explain(tax_benefit_system, anna("2023-05-15"), "stap_budget", "2023-05-15") == law_first


def test_each_day_links_to_the_text_valid_that_day_whatever_was_explained_before(tax_benefit_system):
    days = ["2023-05-15", "2023-07-03", "2023-05-15"]  # both in an application period in 2023 (parameters/stap)
    explanations = [explain(tax_benefit_system, anna(day), "stap_budget", day) for day in days]
    for day, explanation in zip(days, explanations, strict=True):
        versions = {c.get("tekst_geldig_op") for node in _walk(explanation["berekening"]) for c in node["bronnen"]
                    if c["url"].startswith("https://wetten.overheid.nl/")}
        assert versions == {day}  # the Subsidieregeling STAP-budget was in force on both days
    assert explanations[0] == explanations[2]


def test_an_answer_is_the_callers_to_change(tax_benefit_system):
    first = explain(tax_benefit_system, anna("2023-05-15"), "stap_budget", "2023-05-15")
    pristine = copy.deepcopy(first)
    first["berekening"]["bronnen"][0]["url"] = "gewijzigd"
    _maximum(first)["bronnen"].clear()
    second = explain(tax_benefit_system, anna("2023-05-15"), "stap_budget", "2023-05-15")
    assert json.dumps(second, sort_keys=True) == json.dumps(pristine, sort_keys=True)


def test_the_caches_are_bounded():
    for cached in (explain_module._dated_citations, explain_module._node_citation_dicts, explain_module._docstring,
                   explain_module._rule, explain_module._class_is_shared,
                   explain_module._day,
                   periodes.period, periodes.text):
        assert cached.cache_info().maxsize is not None
    assert explain_module._SMALL_CACHE_SIZE > 0
    assert explain_module._ENTRIES_SIZE > 0


def test_every_shipped_reform_explains_as_with_empty_caches(tax_benefit_system):
    """A reform may replace variables (their references) and parameters: explained after the law, each gives what
    it gives with nothing cached, and the law after all of them is still the law."""
    from openfisca_llo.reforms import REFORMS

    law = explain(tax_benefit_system, anna("2023-05-15"), "stap_budget", "2023-05-15")
    warm = {}
    for name, reform_class in sorted(REFORMS.items()):
        warm[name] = explain(reform_class(tax_benefit_system), anna("2023-05-15"), "stap_budget", "2023-05-15")
    assert explain(tax_benefit_system, anna("2023-05-15"), "stap_budget", "2023-05-15") == law
    for name, reform_class in sorted(REFORMS.items()):
        _clear_caches(tax_benefit_system)
        assert explain(reform_class(tax_benefit_system), anna("2023-05-15"), "stap_budget", "2023-05-15") == warm[name], name


def test_a_kept_parameter_entry_tells_true_from_one_and_each_tree_apart(tax_benefit_system):
    """The parameter entries kept across requests are keyed on the value's type (True == 1 in Python, not in JSON)
    and on the system's own parameter tree (an amendment's tree is another one)."""
    name, on = "stap.maximum_per_kalenderjaar", "2023-05-15"
    as_bool = explain_module._parameter_entry(tax_benefit_system, name, "2023-05-15", "2023-05-15", True, on)
    as_int = explain_module._parameter_entry(tax_benefit_system, name, "2023-05-15", "2023-05-15", 1, on)
    assert as_bool["waarde"] is True and as_int["waarde"] == 1 and as_int["waarde"] is not True
    amended = reformed_system(tax_benefit_system, load_amendment_file(STAP_MAXIMUM_1500))
    law = explain_module._parameter_entry(tax_benefit_system, name, "2023-05-15", "2023-05-15", 1000, on)
    other = explain_module._parameter_entry(amended, name, "2023-05-15", "2023-05-15", 1000, on)
    assert law["bronnen"] != other["bronnen"]  # the amendment's dated value cites the proposal


def test_a_kept_small_conversion_is_per_unit_and_dtype():
    import numpy as np

    amount = np.array([1111.095], dtype=np.float64)
    assert explain_module._plain(amount, "currency-EUR") == [1111.1]  # half a cent up (geld.round_to_cents)
    assert explain_module._plain(amount, None) == [1111.095]  # other numbers: 6 decimals
    assert explain_module._plain(np.array([1], dtype=np.int32), None) == [1]
    assert explain_module._plain(np.array([True]), None) == [True]
    assert explain_module._plain(np.array([1], dtype=np.int8), None) == [1]
    assert explain_module._plain(np.array([1], dtype=np.int8).view(np.bool_), None) == [True]

"""The values a user sees, from one place: parameters by path, JSON values, Dutch money, dates and citations."""

import math

import numpy as np
import pytest

from openfisca_llo import budget, formatting
from openfisca_llo.json_values import GEWOGEN_AANTAL, json_safe, plain_value, plain_values
from openfisca_llo.parameter_paths import parameter_at_path, value_in_force


def test_parameter_by_path_and_the_value_in_force(tax_benefit_system):
    """STAP maximum EUR 1.000 per calendar year from 1-1-2022 (Subsidieregeling STAP-budget, art. 5 lid 2)."""
    parameter = parameter_at_path(tax_benefit_system.parameters, "stap.maximum_per_kalenderjaar")
    in_force = value_in_force(parameter, "2023-05-15")
    assert (in_force.instant_str, in_force.value) == ("2022-01-01", 1000)
    assert value_in_force(parameter, "2021-12-31") is None  # before the scheme's first value
    assert value_in_force(parameter_at_path(tax_benefit_system.parameters, "stap"), "2023-05-15") is None  # a node
    with pytest.raises(KeyError):
        parameter_at_path(tax_benefit_system.parameters, "stap.bestaat_niet")
    with pytest.raises(KeyError):
        parameter_at_path(tax_benefit_system.parameters, "stap.maximum_per_kalenderjaar.dieper")


def test_json_values_round_money_to_the_cent_and_keep_rates():
    assert plain_value(np.float64(1000.004), "currency-EUR") == 1000.0
    assert plain_value(np.float64(0.0256), "/1") == 0.0256  # a rate is not rounded to 2 decimals
    assert plain_value(np.float64("nan"), "currency-EUR") is None  # onbekend
    assert plain_value(np.int64(802)) == 802 and type(plain_value(np.int64(802))) is int
    assert plain_value(np.bool_(True)) is True
    assert plain_value(np.datetime64("2023-05-15")) == "2023-05-15"
    # half a cent up, as every money variable is rounded (geld.py): 1,005 -> 1,01 in a value and in an array
    assert plain_values(np.array([1.005, math.inf, 2.0]), "currency-EUR") == [1.01, None, 2.0]
    assert plain_value(1.005, "currency-EUR") == 1.01 and plain_value(-1.005, "currency-EUR") == -1.01
    assert plain_values(np.array(["2023-05-15"], dtype="datetime64[D]")) == ["2023-05-15"]
    assert plain_value(1234.5678, GEWOGEN_AANTAL) == 1234.57  # a budget's weighted count: 2 decimals


def test_one_conversion_for_nested_answers_and_budget_rows():
    """/trace and the fallback of every JSON answer (json_safe) and a budget's rows use plain_value."""
    tree = {"a": [np.float64(0.1234567891), np.float64("nan"), np.int64(3)], 1: (np.bool_(False), None),
            "d": np.datetime64("2023-05-15"), "arr": np.array([1.5, np.inf])}
    assert json_safe(tree) == {"a": [0.123457, None, 3], "1": [False, None], "d": "2023-05-15", "arr": [1.5, None]}
    row = {"kosten_eur": 1.005, "aanvragen": 10.123, "onbekend": float("nan"), "regeling": "stap_budget"}
    assert budget._json_row(row) == {"kosten_eur": 1.01, "aanvragen": 10.12, "onbekend": None, "regeling": "stap_budget"}
    assert [budget._csv_value(k, v) for k, v in row.items()] == [1.01, 10.12, None, "stap_budget"]


def test_dutch_money_dates_and_values():
    assert formatting.money(1234567.5) == "EUR 1.234.567,50"
    assert formatting.money(float("nan")) == "onbekend"
    assert formatting.date("2023-05-15") == "15-05-2023"
    assert formatting.value(802, "month") == "802 maanden"
    assert formatting.value(True, None) == "ja"
    assert formatting.value(20250228, "date-yyyymmdd") == "28-02-2025"  # a date held as a number (README)
    assert formatting.value(13, "week") == "13 weken"


def test_citation_text_keeps_every_locator():
    citation = {"kort": "Kamerbrief", "hoofdstuk": "2", "paragraaf": "3.1", "pagina": "4", "punt": "b",
                "status_label": "beleid", "url": "https://example.org/kst"}
    assert formatting.locator(citation) == "hoofdstuk 2, paragraaf 3.1, pagina 4, punt b"
    assert formatting.citation(citation, status=True) == (
        "Kamerbrief, hoofdstuk 2, paragraaf 3.1, pagina 4, punt b [beleid] <https://example.org/kst>"
    )
    assert formatting.citation(citation, url=False) == "Kamerbrief, hoofdstuk 2, paragraaf 3.1, pagina 4, punt b"

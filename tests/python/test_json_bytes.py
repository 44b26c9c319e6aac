"""The API's JSON answers (orjson, compact) say exactly what the standard library's encoder wrote before, byte for byte
once written compactly: key order, non-ASCII text as is, floats with the project's money rounding, NaN as null."""

import json
import math
from pathlib import Path

import numpy as np
import pytest

from openfisca_llo.json_values import PlainAnswer, _non_finite, json_bytes, json_safe
from openfisca_llo.web import create_app

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"


def standard_library(payload) -> bytes:
    """The encoding the web API used before orjson (json_response), with compact separators."""
    try:
        text = json.dumps(payload, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except ValueError:
        text = json.dumps(json_safe(payload), ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return text.encode("utf-8")


@pytest.fixture(scope="module")
def client():
    return create_app().test_client()


def example_requests():
    for path in sorted(EXAMPLES.glob("*.json")):
        body = json.loads(path.read_text(encoding="utf-8"))
        if "situatie" in body:
            yield path.name, "/compare", body
        else:
            yield path.name, "/calculate", body
            yield path.name, "/explain", body


@pytest.mark.parametrize(("name", "endpoint", "body"), list(example_requests()),
                         ids=[f"{n}:{e}" for n, e, _ in example_requests()])
def test_every_example_answer_is_the_standard_librarys_bytes(client, name, endpoint, body):
    response = client.post(endpoint, json=body)  # leerrekening_sanne.json needs its reform: a JSON 400 here
    assert response.status_code in (200, 400), response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/json"
    payload = json.loads(response.data)
    assert response.data == standard_library(payload)


def test_order_non_ascii_money_and_nan():
    payload = {"z": 1, "a": {"é": "€ 1.000,00 – artikel 3"}, "bedrag": 261144.07, "cent": 0.1 + 0.2,
               "onbekend": math.nan, "oneindig": math.inf, "lijst": [True, None, 2**40, -0.0]}
    written = json_bytes(payload)
    assert written.startswith(b'{"z":1,"a":{"\xc3\xa9":"\xe2\x82\xac 1.000,00 \xe2\x80\x93 artikel 3"}')
    assert b'"bedrag":261144.07' in written
    assert b'"onbekend":null,"oneindig":null' in written
    assert b'"cent":0.3' in written  # with a NaN in the answer every number is written as plain_value gives it
    assert written == standard_library(payload)


def test_what_orjson_refuses_goes_through_json_safe():
    payload = {1: np.float64(12.5), "n": np.int64(3), "groot": 2**70, "d": [math.nan]}
    assert json_bytes(payload) == b'{"1":12.5,"n":3,"groot":1180591620717411303424,"d":[null]}'
    assert json_bytes({"n": np.int64(3)}) == b'{"n":3}'  # before: a 500 (the standard library refuses numpy)


@pytest.mark.parametrize("payload", [
    {"a": [1, {"b": math.nan}]}, {"a": (math.inf,)}, math.nan, {"a": {"b": [[-math.inf]]}}, [np.float64("nan")],
    {"n": [1, "x", None, True, 2.5, np.float64(1.0), np.float64("inf")]},
])
def test_a_nan_or_infinity_anywhere_is_null(payload):
    assert b"NaN" not in json_bytes(payload) and b"Infinity" not in json_bytes(payload)
    assert json_bytes(payload) == standard_library(payload)


ONBEKEND_SEPTEMBER_2022 = {"personen": {"anna": {  # tests/stap/subsidieplafond.yaml: plafond september 2022 onbekend
    "geboortedatum": {"ETERNITY": "1985-06-01"}, "stap_scholingskosten": {"2022-09-01": 1500},
    "stap_maanden_verzekerd_referteperiode": {"2022-09-01": 24}, "stap_scholing_in_scholingsregister": {"2022-09-01": True},
    "stap_scholing_ocw_erkend": {"2022-09-01": True}, "stap_reeds_verleend_in_tijdvak": {"2022-09-01": 500000000},
    "stap_budget": {"2022-09-01": None}, "stap_afwijzingsgrond": {"2022-09-01": None},
}}}


ONBEKEND_JSON = json.dumps(ONBEKEND_SEPTEMBER_2022)


def explanations():
    for name, endpoint, body in example_requests():
        if endpoint == "/explain":
            yield name, body
    yield "onbekend_september_2022", ONBEKEND_SEPTEMBER_2022


@pytest.mark.parametrize(("name", "body"), list(explanations()), ids=[n for n, _ in explanations()])
def test_explain_answers_are_plain_so_not_scanned(client, name, body):
    """/explain's answer is a PlainAnswer (not scanned for NaN): it holds no NaN or infinity at all, an amount that
    is onbekend being null already, so its bytes are those of a scanned dict."""
    response = client.post("/explain", json=body)
    assert response.status_code in (200, 400)  # leerrekening_sanne.json needs its reform: a JSON 400 here
    payload = json.loads(response.data)
    assert not _non_finite(payload)
    assert response.data == standard_library(payload)


def test_an_onbekend_amount_is_null_in_the_explanation(client):
    response = client.post("/explain", json=ONBEKEND_SEPTEMBER_2022)
    assert response.status_code == 200
    budget, reason = json.loads(response.data)["verklaringen"]
    assert budget["uitkomst"] == {"anna": None}  # the plafond of september 2022 is unknown: NaN, written null
    assert reason["uitkomst"] == {"anna": "onbekend"}
    assert b'"uitkomst":{"anna":null}' in response.data


def test_explain_request_gives_a_plain_answer():
    from openfisca_llo import CountryTaxBenefitSystem, handlers

    answer = handlers.explain_request(CountryTaxBenefitSystem(), json.loads(ONBEKEND_JSON), 1000)
    assert type(answer) is PlainAnswer


def test_a_plain_answer_is_not_scanned_but_a_nan_in_it_is_still_null():
    assert json_bytes(PlainAnswer(a=[1.5, math.nan, math.inf], b="x")) == b'{"a":[1.5,null,null],"b":"x"}'
    assert json_bytes(PlainAnswer(a=1)) == json_bytes({"a": 1})

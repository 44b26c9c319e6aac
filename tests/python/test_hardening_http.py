"""Probe suite of issue #14 over real HTTP: no 5xx, every answer JSON, bad input a JSON 4xx naming the field,
and every limit a JSON 413 naming its environment variable.

The server is `openfisca-llo serve` (gevent workers, as in production) with small limits set through the
environment, so each limit is reached with a small request; the defaults are documented in the README.
"""

import json
import os
import socket
import sys
import threading
import time
from pathlib import Path

import pytest
from test_web_api_http import free_port, request, start

LIMITS = {
    "OPENFISCA_LLO_MAX_EXPLAIN": "5",
    "OPENFISCA_LLO_MAX_EXPLAIN_CELLS": "50",
    "OPENFISCA_LLO_MAX_CELLS": "400",
    "OPENFISCA_LLO_MAX_OVERZICHT": "3",
    "OPENFISCA_LLO_MAX_AMENDMENT_VALUES": "30",
}
POST_ROUTES = ("/calculate", "/trace", "/explain", "/compare", "/overzicht")
ANNA = {"personen": {"a": {"geboortedatum": {"ETERNITY": "1985-06-01"}, "stap_budget": {"2023-05-15": None}}}}
SOURCE = [{"bron": "kst-30012-158", "paragraaf": "2"}]


@pytest.fixture(scope="module")
def server():
    port = free_port()
    cli = Path(sys.executable).with_name("openfisca-llo")
    os.environ.update(LIMITS)  # inherited by the server process only while it starts
    try:
        process = start([str(cli), "serve", "--port", str(port), "--workers", "1"], port)
    finally:
        for name in LIMITS:
            os.environ.pop(name, None)
    yield f"http://127.0.0.1:{port}", port
    process.terminate()
    process.wait(timeout=10)


def post(server, path, body):
    status, headers, payload = request(server[0] + path, body)
    assert headers["Content-Type"].startswith("application/json"), (path, status, payload[:200])
    return status, json.loads(payload)


def assert_error(status, payload, expected_status, *fragments):
    assert status == expected_status, payload
    text = json.dumps(payload, ensure_ascii=False)
    for fragment in fragments:
        assert fragment in text, (fragment, text)
    for python_text in ("Traceback", "kreeg None", "{'", "object has no attribute", "Internal server error"):
        assert python_text not in text, text


def amendment(changes, **fields):
    return {"situatie": ANNA, "amendement": {"naam": "probe", "bronnen": SOURCE, "wijzigingen": changes, **fields}}


# ---- 5xx to eliminate ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", POST_ROUTES)
def test_deeply_nested_json_is_a_400_on_every_post_route(server, path):
    status, payload = post(server, path, b"[" * 100_000)
    assert_error(status, payload, 400, "OPENFISCA_LLO_MAX_JSON_DEPTH")


def test_an_integer_of_5000_digits_is_a_400(server):
    body = b'{"personen": {"a": {"stap_scholingskosten": {"2023-05-15": ' + b"9" * 5000 + b"}}}}"
    status, payload = post(server, "/calculate", body)
    assert_error(status, payload, 400, "OPENFISCA_LLO_MAX_DIGITS")


@pytest.mark.parametrize("path", ["/calculate", "/trace"])
def test_a_lone_surrogate_as_id_is_a_400(server, path):
    status, payload = post(server, path, b'{"personen": {"\\ud800": {}}}')
    assert_error(status, payload, 400, "surrogaat")


def test_a_large_count_does_not_overflow(server):
    # Counts are int64 (helper geld): 3,000,000,000 months is computed (no overflow, no 500); beyond the input
    # range it is a 400 naming the field.
    body = {"personen": {"a": {"stap_maanden_verzekerd_referteperiode": {"2023-05-15": 3_000_000_000},
                               "stap_budget": {"2023-05-15": None}}}}
    status, payload = post(server, "/calculate", body)
    assert status == 200, payload
    body["personen"]["a"]["stap_maanden_verzekerd_referteperiode"]["2023-05-15"] = 10**13
    status, payload = post(server, "/calculate", body)
    assert_error(status, payload, 400, "stap_maanden_verzekerd_referteperiode/2023-05-15")


def test_a_missing_parameter_is_a_422_naming_it(server):
    # mkb_definitie starts in 2005 (its first value), so the size class of 2004 cannot be computed.
    body = {"personen": {"a": {}}, "ondernemingen": {"o": {"werknemers": ["a"], "onderneming_grootteklasse": {"2004-01-01": None}}}}
    status, payload = post(server, "/calculate", body)
    assert_error(status, payload, 422, "2004-01-01", "Geen waarde voor parameter")


def test_overzicht_in_1900_is_a_422_not_a_500(server):
    status, payload = post(server, "/overzicht", {"situatie": {"personen": {"a": {}}}, "datum": "1900-03-01"})
    assert_error(status, payload, 422, "Geen waarde voor parameter")


def test_an_amendment_that_ends_a_value_is_a_422_naming_the_parameter(server):
    status, payload = post(server, "/compare", amendment({"stap.maximum_per_kalenderjaar": {"2023-01-01": None}}))
    assert_error(status, payload, 422, "maximum_per_kalenderjaar", "2023-05-15")


def test_nan_results_are_null_in_explain_and_compare(server):
    # No verified interest rate for 2019 (parameter levenlanglerenkrediet.terugbetaling.rentepercentage): NaN.
    situation = {"personen": {"a": {"levenlanglerenkrediet_rentepercentage": {"2019-01": None}}}}
    status, payload = post(server, "/explain", situation)
    assert status == 200, payload
    assert payload["verklaringen"][0]["uitkomst"] == {"a": None}
    body = {"situatie": situation, "amendement": {"naam": "probe", "bronnen": SOURCE,
                                                  "wijzigingen": {"stap.maximum_per_kalenderjaar": {"2024-01-01": 900}}}}
    status, payload = post(server, "/compare", body)
    assert status == 200, payload
    assert payload["vergelijking"][0]["waarden"][0]["wet"] is None


@pytest.mark.parametrize("path", ["/calculate", "/overzicht"])
def test_an_onderneming_without_members_is_a_400_naming_it(server, path):
    situation = {"personen": {"a": {}}, "ondernemingen": {"o": {}}}
    if path == "/calculate":
        situation["ondernemingen"]["o"]["slim_scholingssubsidie"] = {"2025-03-10": None}
        status, payload = post(server, path, situation)
    else:
        status, payload = post(server, path, {"situatie": situation, "datum": "2025-03-10"})
    assert_error(status, payload, 400, "ondernemingen/o", "zonder leden")


@pytest.mark.parametrize(("name", "fields", "changes", "field"), [
    ("missing naam", {"naam": None}, {"2024-01-01": 900}, "naam"),
    ("bronnen a number", {"bronnen": 5}, {"2024-01-01": 900}, "bronnen"),
    ("bronnen a boolean", {"bronnen": True}, {"2024-01-01": 900}, "bronnen"),
    ("NUL in naam", {"naam": "a\u0000b"}, {"2024-01-01": 900}, "naam"),
    ("naam an object", {"naam": {"a": 1}}, {"2024-01-01": 900}, "naam"),
    ("omschrijving a list", {"omschrijving": [1]}, {"2024-01-01": 900}, "omschrijving"),
    ("infinite value", {}, {"2024-01-01": 1e308 * 10}, "2024-01-01"),
    ("huge value", {}, {"2024-01-01": 1e300}, "2024-01-01"),
    ("negative maximum", {}, {"2024-01-01": -1000}, "0 tot en met"),
    ("date 20240101", {}, {"20240101": 900}, "20240101"),
    ("date 0001-01-01", {}, {"0001-01-01": 900}, "1900-2100"),
    ("date 9999-12-31", {}, {"9999-12-31": 900}, "1900-2100"),
])
def test_amendment_fields_are_checked(server, name, fields, changes, field):
    body = amendment({"stap.maximum_per_kalenderjaar": changes}, **fields)
    if fields.get("naam", "") is None:
        del body["amendement"]["naam"]
    text = json.dumps(body, allow_nan=True).replace("Infinity", "1e999")  # JSON has no Infinity: 1e999 parses to inf
    status, payload = post(server, "/compare", text.encode())
    assert_error(status, payload, 400, field)


@pytest.mark.parametrize("literal", [b"NaN", b"Infinity", b"-Infinity", b"9" * 5000])
def test_amendment_values_that_are_not_json_numbers_are_a_400(server, literal):
    body = json.dumps(amendment({"stap.maximum_per_kalenderjaar": {"2024-01-01": 0}})).encode()
    body = body.replace(b'"2024-01-01": 0', b'"2024-01-01": ' + literal)
    status, payload = post(server, "/compare", body)
    assert status == 400, payload


def test_a_share_above_one_is_outside_its_domain(server):
    status, payload = post(server, "/compare", amendment({"slim.percentage.klein": {"2024-01-01": 1.5}}))
    assert_error(status, payload, 400, "slim.percentage.klein", "0 tot en met 1")


# ---- bounded work and memory ---------------------------------------------------------------------------------


def test_explain_is_capped_by_variable_periods(server):
    days = {f"2023-05-{day:02d}": None for day in range(1, 7)}  # 6 > OPENFISCA_LLO_MAX_EXPLAIN=5
    status, payload = post(server, "/explain", {"personen": {"a": {"stap_budget": days}}})
    assert_error(status, payload, 413, "OPENFISCA_LLO_MAX_EXPLAIN")
    days = {f"2023-05-{day:02d}": None for day in range(1, 6)}
    status, payload = post(server, "/explain", {"personen": {"a": {"stap_budget": days}}})
    assert status == 200 and len(payload["verklaringen"]) == 5


def test_explain_is_capped_by_persons_times_variable_periods(server):
    persons = {f"p{i}": {"stap_budget": {"2023-05-15": None}} for i in range(51)}  # 51 x 1 > 50
    status, payload = post(server, "/explain", {"personen": persons})
    assert_error(status, payload, 413, "OPENFISCA_LLO_MAX_EXPLAIN_CELLS")


def test_persons_times_distinct_periods_is_capped(server):
    # 21 persons each asking stap_budget on another day: 21 x 21 = 441 cells > OPENFISCA_LLO_MAX_CELLS=400.
    persons = {f"p{i}": {"stap_budget": {f"2023-05-{i + 1:02d}": None}} for i in range(21)}
    status, payload = post(server, "/calculate", {"personen": persons})
    assert_error(status, payload, 413, "OPENFISCA_LLO_MAX_CELLS")
    persons = {f"p{i}": {"stap_budget": {f"2023-05-{i + 1:02d}": None}} for i in range(20)}  # 400: accepted
    status, payload = post(server, "/calculate", {"personen": persons})
    assert status == 200


def test_amendment_dates_are_capped_and_each_holds_until_the_next(server):
    dates = {f"20{year}-01-01": 100 * (year - 1) for year in range(10, 41)}  # 31 > 30
    status, payload = post(server, "/compare", amendment({"stap.maximum_per_kalenderjaar": dates}))
    assert_error(status, payload, 413, "OPENFISCA_LLO_MAX_AMENDMENT_VALUES")
    # 2022: 1100, 2023: 1200, 2024: 1300 ... the value on 2023-05-15 is the one dated 2023-01-01.
    dates = {f"20{year}-01-01": 100 * (year - 11) for year in range(11, 41)}
    situation = {"personen": {"a": {"geboortedatum": {"ETERNITY": "1985-06-01"},
                                    "stap_maanden_verzekerd_referteperiode": {"2023-05-15": 24},
                                    "stap_scholing_in_scholingsregister": {"2023-05-15": True},
                                    "stap_scholingskosten": {"2023-05-15": 5000},
                                    "stap_budget": {"2023-05-15": None}}}}
    body = {"situatie": situation, "amendement": {"naam": "probe", "bronnen": SOURCE,
                                                  "wijzigingen": {"stap.maximum_per_kalenderjaar": dates}}}
    status, payload = post(server, "/compare", body)
    assert status == 200, payload
    value = payload["vergelijking"][0]["waarden"][0]
    assert value["wet"] == 1000  # stap.maximum_per_kalenderjaar (kst-30012-142)
    assert value["hervorming"] == 1200  # the amendment's value from 2023-01-01


def test_overzicht_is_capped(server):
    persons = {f"p{i}": {} for i in range(4)}  # 4 > OPENFISCA_LLO_MAX_OVERZICHT=3
    status, payload = post(server, "/overzicht", {"situatie": {"personen": persons}, "datum": "2023-05-15"})
    assert_error(status, payload, 413, "OPENFISCA_LLO_MAX_OVERZICHT")


def test_slow_clients_do_not_starve_the_server(server):
    """Two clients sending one byte every 2 s (headers, then body) while the server has one worker: a normal
    request is still answered at once."""
    body = json.dumps(ANNA).encode()
    head = (f"POST /calculate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode()
    stop = threading.Event()

    def trickle(sock, data: bytes):
        for byte in data:
            if stop.is_set():
                return
            try:
                sock.send(bytes([byte]))
            except OSError:
                return  # the server closed a client that took too long over its headers: fine
            stop.wait(2)

    slow_headers = socket.create_connection(("127.0.0.1", server[1]))
    slow_body = socket.create_connection(("127.0.0.1", server[1]))
    slow_body.sendall(head)
    threads = [threading.Thread(target=trickle, args=(slow_headers, head)),
               threading.Thread(target=trickle, args=(slow_body, body))]
    for thread in threads:
        thread.start()
    time.sleep(3)  # both are now in the middle of a request
    started = time.monotonic()
    status, _, _ = request(server[0] + "/calculate", ANNA)
    elapsed = time.monotonic() - started
    stop.set()
    for thread in threads:
        thread.join(timeout=10)
    slow_headers.close()
    slow_body.close()
    assert status == 200
    assert elapsed < 5, f"a normal request waited {elapsed:.1f} s behind two slow clients"


# ---- answers are JSON, always ----------------------------------------------------------------------------------


def test_a_request_line_over_the_limit_is_json(server):
    status, headers, payload = request(server[0] + "/tijdlijn?van=" + "x" * 5000)
    assert status == 400 and headers["Content-Type"].startswith("application/json")
    assert "verzoekregel" in json.loads(payload)["error"]


def test_headers_over_the_limit_are_json(server):
    with socket.create_connection(("127.0.0.1", server[1])) as sock:
        sock.sendall(b"GET /spec HTTP/1.1\r\nHost: x\r\nX-Groot: " + b"x" * 9000 + b"\r\n\r\n")
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 431") and b"application/json" in head
    assert "kopregels" in json.loads(body)["error"]


@pytest.mark.parametrize("path", ["/calculate/", "/sources/", "/spec/", "/parameters/"])
def test_a_trailing_slash_is_answered_as_without_it(server, path):
    status, headers, payload = request(server[0] + path, {"personen": {"a": {}}} if path == "/calculate/" else None)
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    json.loads(payload)


def test_errors_never_echo_a_whole_input(server):
    situation = {"personen": {"a": {"opleidingsniveau": {"ETERNITY": "x" * 1_000_000}}}}
    status, headers, payload = request(server[0] + "/calculate", situation)
    assert status == 400 and len(payload) < 2_000
    assert "1.000.000 tekens" in payload.decode()
    many = {"personen": {f"p{i}": {"onbekend_" + "y" * 1000: {}} for i in range(300)}}
    status, _, payload = request(server[0] + "/calculate", many)
    assert status == 400 and len(payload) < 20_000  # at most 50 errors, paths cut


# ---- inputs that must be refused ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("path", "body", "field"), [
    ("/calculate", {"personen": {"a": {"geboortedatum": {"ETERNITY": "19850601"}}}}, "geboortedatum/ETERNITY"),
    ("/calculate", {"personen": {"a": {"geboortedatum": {"ETERNITY": "1985-W22-6"}}}}, "geboortedatum/ETERNITY"),
    ("/calculate", {"personen": {"a": {"geboortedatum": {"ETERNITY": 19850601}}}}, "geboortedatum/ETERNITY"),
    ("/calculate", {"personen": {"a": {"stap_budget": {"20230515": None}}}}, "stap_budget/20230515"),
    ("/calculate", {"personen": {"a": {"stap_budget": {"2023-W20-1": None}}}}, "stap_budget/2023-W20-1"),
    ("/overzicht", {"situatie": {"personen": {"a": {}}}, "datum": "19850601"}, "datum"),
    ("/overzicht", {"situatie": {"personen": {"a": {}}}, "datum": "1985-W22-6"}, "datum"),
    ("/overzicht", {"situatie": {"personen": {"a": {}}}, "datum": 19850601}, "datum"),
])
def test_dates_are_written_jjjj_mm_dd(server, path, body, field):
    status, payload = post(server, path, body)
    assert_error(status, payload, 400, field)


@pytest.mark.parametrize("query", ["van=19850601&tot=2023-01-01", "van=2021-01-01&tot=2023-W01-1"])
def test_tijdlijn_dates_are_written_jjjj_mm_dd(server, query):
    status, headers, payload = request(server[0] + "/tijdlijn?" + query)
    assert status == 400 and headers["Content-Type"].startswith("application/json")


def test_an_eternity_variable_takes_only_the_key_eternity(server):
    body = {"personen": {"a": {"geboortedatum": {"2023-05-15": "1985-06-01"}}}}
    status, payload = post(server, "/calculate", body)
    assert_error(status, payload, 400, "geboortedatum/2023-05-15", "ETERNITY")


def test_ondernemingen_zero_is_refused(server):
    status, payload = post(server, "/calculate", {"personen": {"a": {}}, "ondernemingen": 0})
    assert_error(status, payload, 400, "ondernemingen")


def test_a_group_id_cannot_collide_with_the_builders_own(server):
    body = {"personen": {"a": {}}, "ondernemingen": {"_ondernemingen_a": {"werknemers": ["a"]}}}
    status, payload = post(server, "/calculate", body)
    assert_error(status, payload, 400, "ondernemingen/_ondernemingen_a", "voorbehouden")

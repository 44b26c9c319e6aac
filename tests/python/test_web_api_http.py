"""The web API over real HTTP: a server on 127.0.0.1 on a free port, real requests, then stopped."""

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = json.loads((ROOT / "examples" / "stap_anna.json").read_text(encoding="utf-8"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(command: list[str], port: int):
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/spec", timeout=1)
            return process
        except (urllib.error.URLError, ConnectionError, OSError):
            if process.poll() is not None:
                raise RuntimeError(process.stderr.read().decode()) from None
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("server did not start in 60 s")


@pytest.fixture(scope="module")
def server():
    port = free_port()
    cli = Path(sys.executable).with_name("openfisca-llo")
    process = start([str(cli), "serve", "--port", str(port), "--workers", "1"], port)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


def request(url, body=None, content_type="application/json", method=None):
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    req = urllib.request.Request(url, data=data, method=method or ("POST" if data is not None else "GET"))
    if content_type and data is not None:
        req.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_spec_and_explorer_endpoints(server):
    for path in ("/spec", "/entities", "/parameters", "/variables"):
        status, headers, body = request(server + path)
        assert status == 200, path
        assert headers["Content-Type"].startswith("application/json")
        assert headers["Access-Control-Allow-Origin"] == "*"
        json.loads(body)
    status, headers, _ = request(server + "/variables")
    assert headers["Country-Package"] == "openfisca-llo"


def test_calculate_the_readme_example(server):
    status, _, body = request(server + "/calculate", EXAMPLE)
    assert status == 200
    anna = json.loads(body)["personen"]["anna"]
    assert anna["stap_budget"]["2023-05-15"] == 1000
    assert anna["stap_eigen_bijdrage"]["2023-05-15"] == 250
    assert anna["stap_afwijzingsgrond"]["2023-05-15"] == "geen"


def test_calculate_without_content_type_is_accepted(server):
    status, _, body = request(server + "/calculate", json.dumps(EXAMPLE).encode(), content_type=None)
    assert status == 200
    assert json.loads(body)["personen"]["anna"]["stap_budget"]["2023-05-15"] == 1000


def test_money_is_exact_to_the_cent(server):
    situation = json.loads(json.dumps(EXAMPLE))
    situation["personen"]["anna"]["stap_scholingskosten"] = {"2023-05-15": 450.03}
    status, _, body = request(server + "/calculate", situation)
    assert status == 200
    assert b"450.03" in body and b"450.0299" not in body and b"450.0300" not in body


def test_slim_for_an_employer_with_two_employees(server):
    situation = json.loads((ROOT / "examples" / "slim_bakkerij.json").read_text(encoding="utf-8"))
    status, _, body = request(server + "/calculate", situation)
    assert status == 200
    bakkerij = json.loads(body)["ondernemingen"]["bakkerij"]
    # 75 werkzame personen: middelgroot, 60% of EUR 20,000 (SLIM-regeling, hoogte van de subsidie).
    assert bakkerij["onderneming_grootteklasse"]["2023-09-15"] == "middelgroot"
    assert bakkerij["slim_subsidie"]["2023-09-15"] == 12000
    assert bakkerij["slim_eigen_bijdrage"]["2023-09-15"] == 8000
    status, _, body = request(server + "/explain?format=text", situation)
    assert status == 200 and "_ondernemingen_" not in body.decode()


def test_trace(server):
    status, _, body = request(server + "/trace", EXAMPLE)
    assert status == 200
    trace = json.loads(body)
    assert "stap_budget<2023-05-15>" in trace["requestedCalculations"]
    assert "stap_afwijzingsgrond<2023-05-15>" in trace["trace"]


def test_explain_gives_citations(server):
    status, _, body = request(server + "/explain", EXAMPLE)
    assert status == 200
    explanations = json.loads(body)["verklaringen"]
    budget = next(e for e in explanations if e["variabele"] == "stap_budget")
    assert budget["uitkomst"] == {"anna": 1000.0}
    parameter = budget["berekening"]["parameters"][0]
    assert parameter["parameter"] == "stap.maximum_per_kalenderjaar"
    assert parameter["bronnen"][0]["bron"] == "kst-30012-142"


def test_explain_as_text(server):
    status, headers, body = request(server + "/explain?format=text", EXAMPLE)
    assert status == 200 and headers["Content-Type"].startswith("text/plain")
    assert "Uitkomst: EUR 1.000,00" in body.decode()


def test_sources(server):
    status, _, body = request(server + "/sources")
    sources = json.loads(body)
    assert status == 200
    assert "stap.maximum_per_kalenderjaar" in sources["kst-30012-142"]["parameters"]
    assert "stap_budget" in sources["kst-30012-142"]["variabelen"]
    status, _, _ = request(server + "/sources/stcrt-1999-1")
    assert status == 404


def test_parameter_keeps_explorer_shape_and_adds_dated_citations(server):
    status, _, body = request(server + "/parameter/stap.subsidieplafond_per_tijdvak")
    parameter = json.loads(body)
    assert status == 200
    assert parameter["id"] == "stap.subsidieplafond_per_tijdvak"
    assert parameter["values"]["2023-09-18"] == 10000000
    assert parameter["bronvermelding"]["waarden"]["2023-09-18"]["bronnen"][0]["bron"] == "stcrt-2023-20707"
    # One structure per name: the citations as written under metadata, the full ones under bronvermelding.
    assert "bronnen" not in parameter
    assert parameter["metadata"]["bronnen"][0]["bron"] == "BWBR0045419"
    assert "Wettelijke grondslag per waarde" in parameter["documentation"]


BAD_REQUESTS = [
    ("malformed JSON", "/calculate", b"{bad", 400, "Ongeldige JSON"),
    ("empty body", "/calculate", b"", 400, "leeg"),
    ("list instead of object", "/calculate", b"[]", 400, "JSON-object"),
    ("unknown entity", "/calculate", {"huizen": {}, "personen": {"a": {}}}, 400, "huizen"),
    ("unknown variable", "/calculate", {"personen": {"a": {"x": {"2023": 1}}}}, 400, "personen/a/x"),
    ("year for a day variable", "/calculate", {"personen": {"a": {"stap_budget": {"2023": None}}}}, 400, "definitieperiode"),
    ("list where a number is expected", "/calculate", {"personen": {"a": {"stap_scholingskosten": {"2023-05-15": [1, 2]}}}}, 400, "verwacht een getal"),
    ("negative amount", "/calculate", {"personen": {"a": {"stap_scholingskosten": {"2023-05-15": -5}}}}, 400, "0 of meer"),
    ("huge number", "/calculate", b'{"personen": {"a": {"stap_scholingskosten": {"2023-05-15": 1e400}}}}', 400, "bereik"),
    ("impossible date", "/calculate", {"personen": {"a": {"geboortedatum": {"ETERNITY": "2023-02-30"}}}}, 400, "geen bestaande datum"),
    ("impossible period", "/calculate", {"personen": {"a": {"stap_budget": {"2023-02-30": None}}}}, 400, "geen geldige periode"),
    ("unknown enum item", "/calculate", {"personen": {"a": {"opleidingsniveau": {"ETERNITY": "phd"}}}}, 400, "toegestaan"),
    ("explain without a requested variable", "/explain", {"personen": {"a": {}}}, 400, "null"),
]


@pytest.mark.parametrize(("name", "path", "body", "status", "fragment"), BAD_REQUESTS, ids=[b[0] for b in BAD_REQUESTS])
def test_bad_input_gets_a_json_4xx_naming_the_field(server, name, path, body, status, fragment):
    got, headers, payload = request(server + path, body)
    assert got == status, payload
    assert headers["Content-Type"].startswith("application/json")
    assert fragment in payload.decode()


def test_unknown_variable_page_is_json_404(server):
    status, headers, body = request(server + "/variable/x")
    assert status == 404 and headers["Content-Type"].startswith("application/json")
    assert "x" in json.loads(body)["error"]


def test_too_many_persons_is_413(server):
    situation = {"personen": {f"p{i}": {} for i in range(100_001)}}
    status, _, body = request(server + "/calculate", situation)
    assert status == 413
    assert "100000" in body.decode()


def test_openfisca_serve_loads_the_installed_package():
    port = free_port()
    openfisca = Path(sys.executable).with_name("openfisca")
    process = start([str(openfisca), "serve", "-c", "openfisca_llo", "-p", str(port), "-b", f"127.0.0.1:{port}"], port)
    try:
        status, _, body = request(f"http://127.0.0.1:{port}/calculate", EXAMPLE)
        assert status == 200
        assert json.loads(body)["personen"]["anna"]["stap_budget"]["2023-05-15"] == 1000
    finally:
        process.terminate()
        process.wait(timeout=10)



def test_payload_too_large_is_a_json_413():
    from openfisca_llo.web import create_app

    client = create_app(max_bytes=2000).test_client()
    response = client.post("/calculate", data=json.dumps({"personen": {f"p{i}": {} for i in range(500)}}))
    assert response.status_code == 413
    assert response.is_json and "2000" in response.get_json()["error"]


def test_configurable_person_limit():
    from openfisca_llo.web import create_app

    client = create_app(max_persons=3).test_client()
    response = client.post("/calculate", data=json.dumps({"personen": {f"p{i}": {} for i in range(4)}}))
    assert response.status_code == 413
    assert "ten hoogste 3" in json.dumps(response.get_json(), ensure_ascii=False)

"""A Python client generated from /spec by openapi-python-client runs the README's examples against the served
API and gets the README's results: Anna's calculation and explanation, the leerrekening comparison, an overview.

The client is generated in the test (into a temporary folder, never committed); its typed models parse every
answer, so a response the spec does not describe fails here.
"""

import importlib
import json
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from test_web_api_http import free_port, start

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def server():
    port = free_port()
    process = start([str(BIN / "openfisca-llo"), "serve", "--port", str(port), "--workers", "1"], port)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def llo_client(server, tmp_path_factory):
    folder = tmp_path_factory.mktemp("client")
    spec = folder / "spec.json"
    spec.write_bytes(urllib.request.urlopen(server + "/spec", timeout=30).read())
    result = subprocess.run(
        [str(BIN / "openapi-python-client"), "generate", "--path", str(spec), "--output-path",
         str(folder / "llo_client"), "--meta", "none"],
        capture_output=True, text=True, timeout=300,
    )
    assert (folder / "llo_client" / "client.py").exists(), result.stdout + result.stderr
    assert "Unable to process schema" not in result.stdout + result.stderr, result.stdout
    assert "Cannot parse response" not in result.stdout + result.stderr, result.stdout
    sys.path.insert(0, str(folder))
    try:
        yield importlib.import_module("llo_client")
    finally:
        sys.path.remove(str(folder))


def example(name):
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


@pytest.fixture
def client(llo_client, server):
    return llo_client.Client(base_url=server, raise_on_unexpected_status=True, timeout=60)


def test_anna_calculation(llo_client, client):
    from llo_client.api.calculations import calculate
    from llo_client.models import SituationInput, SituationOutput

    response = calculate.sync_detailed(client=client, body=SituationInput.from_dict(example("stap_anna.json")))
    assert response.status_code == 200
    assert isinstance(response.parsed, SituationOutput)
    anna = response.parsed.to_dict()["personen"]["anna"]
    assert anna["stap_budget"]["2023-05-15"] == 1000.0  # README: she gets EUR 1,000
    assert anna["stap_eigen_bijdrage"]["2023-05-15"] == 250.0  # and pays EUR 250 herself
    assert anna["stap_afwijzingsgrond"]["2023-05-15"] == "geen"


def test_anna_explanation(llo_client, client):
    from llo_client.api.calculations import explain
    from llo_client.models import ExplainResponse, SituationInput

    response = explain.sync_detailed(client=client, body=SituationInput.from_dict(example("stap_anna.json")))
    assert isinstance(response.parsed, ExplainResponse)
    by_variable = {e.variabele: e for e in response.parsed.verklaringen}
    budget = by_variable["stap_budget"]
    assert budget.uitkomst.to_dict() == {"anna": 1000.0}
    sources = {c.bron for c in budget.berekening.bronnen}
    assert "kst-30012-142" in sources  # the Kamerbrief behind the EUR 1,000


def test_leerrekening_comparison(llo_client, client):
    from llo_client.api.calculations import compare
    from llo_client.models import CompareRequest, CompareResponse

    response = compare.sync_detailed(client=client, body=CompareRequest.from_dict(example("compare_leerrekening.json")))
    assert isinstance(response.parsed, CompareResponse)
    saldo = next(v for v in response.parsed.vergelijking if v.variabele == "leerrekening_saldo")
    sanne = next(w for w in saldo.waarden if w.id == "sanne")
    assert (sanne.wet, sanne.hervorming, sanne.gewijzigd) == (None, 3200.0, True)  # README: wet None | hervorming 3200.0


def test_overview(llo_client, client):
    from llo_client.api.calculations import overzicht
    from llo_client.models import OverzichtRequest, OverzichtResponse

    body = OverzichtRequest.from_dict({"situatie": example("werknemer_45.json"), "datum": "2022-06-01"})
    response = overzicht.sync_detailed(client=client, body=body)
    assert isinstance(response.parsed, OverzichtResponse)
    entries = response.parsed.to_dict()["overzicht"]["personen"]["sanne"]
    status = {e["regeling"]: (e["status"], e.get("maximum")) for e in entries}
    assert status["stap_budget"] == ("mogelijk", 1000)  # README: mogelijk ... tot EUR 1.000,00
    assert status["stap_ontwikkeladvies"][0] == "van_toepassing"
    assert status["scholingsaftrek"][0] == "niet_van_toepassing"

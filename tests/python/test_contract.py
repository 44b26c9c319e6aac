"""Every answer the README and the test suite rely on is valid against /spec, and the spec says what matters.

Each response below is validated with schemathesis against its operation in the served /spec (body schema,
status code, content type): the README's examples, every variable and every parameter (DAY periods, null
values, Enum order), error bodies.
"""

import json
from pathlib import Path

import pytest
import schemathesis
from openfisca_core.indexed_enums import Enum

from openfisca_llo.checks import leaf_parameters
from openfisca_llo.contract import contract_version, country_package_version
from openfisca_llo.web import create_app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="module")
def app():
    return create_app()


@pytest.fixture(scope="module")
def client(app):
    return app.test_client()


@pytest.fixture(scope="module")
def schema(app):
    return schemathesis.openapi.from_wsgi("/spec", app)


def example(name):
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


def valid(schema, path, method, response, status=200):
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    schema[path][method].validate_response(response)
    return response


def test_readme_examples_conform(client, schema):
    anna = example("stap_anna.json")
    body = valid(schema, "/calculate", "POST", client.post("/calculate", json=anna)).get_json()
    assert body["personen"]["anna"]["stap_budget"]["2023-05-15"] == 1000.0
    valid(schema, "/explain", "POST", client.post("/explain", json=anna))
    valid(schema, "/explain", "POST", client.post("/explain?format=text", json=anna))
    valid(schema, "/trace", "POST", client.post("/trace", json=anna))
    valid(schema, "/compare", "POST", client.post("/compare", json=example("compare_leerrekening.json")))
    for situation, date in (("werknemer_45.json", "2021-06-01"), ("werknemer_45.json", "2022-06-01"),
                            ("mkb_werkgever_2025.json", "2025-06-01")):
        valid(schema, "/overzicht", "POST", client.post("/overzicht", json={"situatie": example(situation), "datum": date}))
    valid(schema, "/tijdlijn", "GET", client.get("/tijdlijn?van=2020-01-01&tot=2026-12-31"))
    for path in ("/reforms", "/sources", "/entities", "/variables", "/parameters"):
        valid(schema, path, "GET", client.get(path))
    valid(schema, "/sources/{sourceID}", "GET", client.get("/sources/BWBR0045419"))


def test_every_variable_conforms_and_enums_keep_code_order(app, client, schema):
    tbs = app.config.get("tax_benefit_system")
    from openfisca_llo import CountryTaxBenefitSystem

    tbs = tbs or CountryTaxBenefitSystem()
    periods = set()
    for name, variable in tbs.variables.items():
        response = valid(schema, "/variable/{variableID}", "GET", client.get(f"/variable/{name}"))
        body = response.get_json()
        periods.add(body["definitionPeriod"])
        if variable.value_type == Enum:
            text = response.get_data(as_text=True)
            in_text = json.JSONDecoder(object_pairs_hook=list).decode(text)
            possible = dict(in_text)["possibleValues"]
            assert [k for k, _ in possible] == [item.name for item in variable.possible_values], name
    assert "DAY" in periods


def test_every_parameter_conforms_including_null_values(client, schema):
    from openfisca_llo import CountryTaxBenefitSystem

    nulls = 0
    for parameter in leaf_parameters(CountryTaxBenefitSystem().parameters):
        response = valid(schema, "/parameter/{parameterID}", "GET", client.get(f"/parameter/{parameter.name.replace('.', '/')}"))
        nulls += sum(v is None for v in (response.get_json().get("values") or {}).values())
    assert nulls > 0  # the unknown figures (null) are part of what the spec must allow


def test_error_bodies_conform(client, schema):
    valid(schema, "/calculate", "POST", client.post("/calculate", json={"personen": {"a": {"x": {"2023": 1}}}}), 400)
    valid(schema, "/calculate", "POST", client.post("/calculate", data="{", content_type="application/json"), 400)
    valid(schema, "/variable/{variableID}", "GET", client.get("/variable/bestaat_niet"), 404)
    valid(schema, "/sources/{sourceID}", "GET", client.get("/sources/bestaat_niet"), 404)
    valid(schema, "/compare", "POST", client.post("/compare", json={"situatie": {}, "hervorming": "bestaat_niet"}), 400)
    valid(schema, "/tijdlijn", "GET", client.get("/tijdlijn?van=2020-13-01&tot=2021-01-01"), 400)
    valid(schema, "/explain", "POST", client.post("/explain", json={"personen": {"a": {}}}), 400)


def test_spec_states_versions_units_and_conventions(client):
    spec = client.get("/spec").get_json()
    assert spec["info"]["version"] == country_package_version()
    assert spec["info"]["x-contractversie"] == contract_version()
    assert client.get("/entities").headers["Contract-Version"] == contract_version()
    for unit in ("currency-EUR", "bool", "count", "week", "date-yyyymmdd", "null"):
        assert unit in spec["info"]["description"], unit
    persoon = spec["components"]["schemas"]["Persoon"]["properties"]
    assert persoon["geboortedatum"]["additionalProperties"]["format"] == "date"
    assert all(p["additionalProperties"]["nullable"] for p in persoon.values() if "additionalProperties" in p
               and isinstance(p["additionalProperties"], dict) and "type" in p["additionalProperties"])
    assert spec["components"]["schemas"]["Variable"]["properties"]["definitionPeriod"]["enum"][0] == "DAY"

"""The thin web layer: the table of replaced core routes is checked at start-up, the handlers answer without
HTTP exactly what the API answers, and a request's situation is parsed once."""

import json
from pathlib import Path

import pytest

from openfisca_llo import handlers, situations, web
from openfisca_llo.web import CORE_ROUTES, RouteTableError, create_app

ROOT = Path(__file__).resolve().parents[2]
ANNA = json.loads((ROOT / "examples" / "stap_anna.json").read_text(encoding="utf-8"))
WERKNEMER = json.loads((ROOT / "examples" / "werknemer_45.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def app(tax_benefit_system):
    return create_app(tax_benefit_system)


def test_every_route_in_the_table_is_a_core_route_at_its_path(app):
    from openfisca_web_api.app import create_app as core_app

    core = {rule.endpoint: rule.rule for rule in core_app(app.config["WERKBANK_SYSTEM"]).url_map.iter_rules()}
    assert {endpoint: path for endpoint, (path, _, _) in CORE_ROUTES.items()} == {e: core[e] for e in CORE_ROUTES}


def test_a_replaced_core_route_missing_from_the_table_fails_at_start_up(monkeypatch, tax_benefit_system):
    monkeypatch.delitem(CORE_ROUTES, "trace")
    with pytest.raises(RouteTableError, match="trace is vervangen maar staat niet in CORE_ROUTES"):
        create_app(tax_benefit_system)


def test_a_table_route_core_does_not_have_fails_at_start_up(monkeypatch, tax_benefit_system):
    monkeypatch.setitem(CORE_ROUTES, "get_nothing", ("/nothing", "vervangen", "bestaat niet"))
    with pytest.raises(RouteTableError, match="get_nothing .* OpenFisca heeft die route niet"):
        create_app(tax_benefit_system)


def test_a_listed_route_left_unreplaced_fails():
    views = {"calculate": object(), "trace": object()}
    with pytest.raises(RouteTableError, match="trace staat in CORE_ROUTES maar is niet vervangen"):
        web.check_core_routes({"calculate": "/calculate", "trace": "/trace"}, views, dict(views),
                              {"trace": ("/trace", "vervangen", "")})


@pytest.mark.parametrize("path", ["/calculate", "/explain"])
def test_the_handlers_answer_without_http_what_the_api_answers(app, tax_benefit_system, path):
    over_http = app.test_client().post(path, json=ANNA).get_json()
    handler = {"/calculate": handlers.calculate, "/explain": handlers.explain_request}[path]
    direct = json.loads(web.json_response(handler(tax_benefit_system, json.loads(json.dumps(ANNA)), 100)).get_data())
    assert direct == over_http


def test_a_handler_names_the_unknown_field_without_http(tax_benefit_system):
    with pytest.raises(handlers.ApiError) as error:
        handlers.overzicht_request(tax_benefit_system, {"situatie": {}, "datum": "2025-06-01", "extra": 1}, 100)
    assert error.value.status == 400 and "'extra'" in error.value.error and "situatie, datum" in error.value.error


@pytest.mark.parametrize(("path", "payload"), [
    ("/overzicht", {"situatie": WERKNEMER, "datum": "2025-06-01"}),
    ("/compare", {"situatie": ANNA, "hervorming": "leerrekening_cpf"}),
])
def test_each_request_parses_its_situation_once_per_system(app, monkeypatch, path, payload):
    calls = []
    original = situations.parse_situation

    def counting(*args, **kwargs):
        calls.append(id(args[0]))  # the system it is parsed for (/compare: the law and the reform)
        return original(*args, **kwargs)

    import sys

    for module in [m for name, m in list(sys.modules.items()) if name.startswith("openfisca_llo")]:
        if getattr(module, "parse_situation", None) is original:  # wherever it is imported, it is counted
            monkeypatch.setattr(module, "parse_situation", counting)
    response = app.test_client().post(path, json=payload)
    assert response.status_code == 200, response.get_json()
    assert calls and len(calls) == len(set(calls))

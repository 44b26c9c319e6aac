"""The web API: OpenFisca's standard endpoints, hardened, plus /explain and /sources.

Standard endpoints keep their shape (the Legislation Explorer reads them). Changes: /calculate and /trace
check the situation first and answer bad input with a JSON 4xx naming the field and what is allowed; money
comes back exact to the cent; /parameter/<id> gains a `bronvermelding` field with the full citations (title,
status, link to the text as it stood) of the parameter and of each dated value, beside OpenFisca's own
`metadata` (which holds the citations as written, `metadata.bronnen`, and the links, `metadata.reference`);
every error is JSON.
"""

from __future__ import annotations

import datetime
import json
import math
import os

import numpy as np
from flask import Response, request
from openfisca_core.errors import ParameterNotFoundError
from openfisca_core.indexed_enums import Enum
from openfisca_web_api.app import create_app as create_openfisca_app
from werkzeug.exceptions import HTTPException

from openfisca_llo import CountryTaxBenefitSystem
from openfisca_llo.amendments import AmendmentError
from openfisca_llo.checks import check_tax_benefit_system, leaf_parameters
from openfisca_llo.citations import CitationError, load_registry, parameter_citations
from openfisca_llo.compare import UnknownReformError, compare_situation, resolve_reform
from openfisca_llo.contract import contract_spec, contract_version
from openfisca_llo.errors import OutsideModelledPeriodError
from openfisca_llo.explain import explain, render_text
from openfisca_llo.overzicht import expand_on_date, overzicht, render_overzicht, tijdlijn
from openfisca_llo.situations import DEFAULT_MAX_PERSONS, SituationError, build_parsed, parse_situation

DEFAULT_MAX_BYTES = 50 * 1024 * 1024


class ApiError(Exception):
    def __init__(self, status: int, error: str, details: dict | None = None) -> None:
        super().__init__(error)
        self.status = status
        self.error = error
        self.details = details or {}


def json_response(payload, status: int = 200) -> Response:
    body = json.dumps(payload, ensure_ascii=False, allow_nan=False)
    return Response(body, status=status, mimetype="application/json")


def read_json_body() -> object:
    raw = request.get_data(cache=True)
    if not raw:
        raise ApiError(400, "De body is leeg; stuur een JSON-object met een situatie (zoals voor /calculate).")
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ApiError(400, f"De body is geen UTF-8: {error}") from error
    except json.JSONDecodeError as error:
        raise ApiError(400, f"Ongeldige JSON: {error.msg} (regel {error.lineno}, kolom {error.colno}).") from error


def exact_value(variable, value):
    """A computed value as JSON: enums by name, dates ISO, money rounded to the cent."""
    if variable.value_type == Enum:
        return value
    if isinstance(value, (np.floating, float)):
        number = float(value)
        if not math.isfinite(number):
            return None
        digits = 2 if getattr(variable, "unit", None) == "currency-EUR" else 6
        return round(number, digits)
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.datetime64):
        return str(value)
    return value


def json_safe(value):
    """Plain JSON values: numpy scalars converted, NaN and infinities as null (bare NaN is not JSON)."""
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    if isinstance(value, np.ndarray):
        return json_safe(value.tolist())
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def calculate_situation(tax_benefit_system, situation, max_persons: int):
    parsed = parse_situation(tax_benefit_system, situation, max_persons)
    simulation = build_parsed(tax_benefit_system, parsed)
    positions = {plural: {key: i for i, key in enumerate(ids)} for plural, ids in parsed.ids.items()}
    computed = {}
    for plural, instance_id, name, period, key in parsed.requested:
        if (name, period) not in computed:
            result = simulation.calculate(name, period)
            variable = tax_benefit_system.variables[name]
            if variable.value_type == Enum:
                result = result.decode_to_str()
            computed[(name, period)] = result
        value = computed[(name, period)][positions[plural][instance_id]]
        situation[plural][instance_id][name][key] = exact_value(tax_benefit_system.variables[name], value)
    return situation, simulation, parsed


def parameter_references(parameter) -> dict:
    """Citations of a parameter and of each of its dated values."""
    return {
        "verificatie": parameter.metadata.get("verificatie"),
        "bronnen": [c.as_dict() for c in parameter_citations(parameter.metadata)],
        "waarden": {
            value.instant_str: {
                "verificatie": value.metadata.get("verificatie"),
                "bronnen": [c.as_dict() for c in parameter_citations(value.metadata, on=value.instant_str)],
            }
            for value in parameter.values_list
        },
    }


def sources_index(tax_benefit_system) -> dict:
    report = check_tax_benefit_system(tax_benefit_system)
    index = {}
    for source_id, source in load_registry().items():
        users = [u for u in report.used_sources.get(source_id, []) if "#" not in u]
        index[source_id] = {
            **source.as_dict(),
            "parameters": sorted({u.split("@")[0] for u in users if "." in u.split("@")[0]}),
            "variabelen": sorted({u for u in users if "." not in u and "@" not in u}),
        }
    return index


def create_app(tax_benefit_system=None, max_persons: int | None = None, max_bytes: int | None = None):
    tax_benefit_system = tax_benefit_system or CountryTaxBenefitSystem()
    max_persons = max_persons or int(os.environ.get("OPENFISCA_LLO_MAX_PERSONS", DEFAULT_MAX_PERSONS))
    app = create_openfisca_app(tax_benefit_system)
    app.config["MAX_CONTENT_LENGTH"] = max_bytes or int(os.environ.get("OPENFISCA_LLO_MAX_BYTES", DEFAULT_MAX_BYTES))
    parameters = {p.name: p for p in leaf_parameters(tax_benefit_system.parameters)}
    sources = sources_index(tax_benefit_system)
    original_get_parameter = app.view_functions["get_parameter"]

    def situation_from_request():
        situation = read_json_body()
        if not isinstance(situation, dict):
            raise ApiError(400, "Verwacht een JSON-object met entiteiten, bijvoorbeeld {\"personen\": {...}}.")
        return situation

    def calculate():
        situation, _, _ = calculate_situation(tax_benefit_system, situation_from_request(), max_persons)
        return json_response(situation)

    def trace():
        situation = situation_from_request()
        parsed = parse_situation(tax_benefit_system, situation, max_persons)
        simulation = build_parsed(tax_benefit_system, parsed)
        simulation.trace = True
        requested = []
        for _, _, name, period, _ in parsed.requested:
            requested.append(f"{name}<{period}>")
            simulation.calculate(name, period)
        payload = {
            "trace": simulation.tracer.get_serialized_flat_trace(),
            "entitiesDescription": simulation.describe_entities(),
            "requestedCalculations": requested,
        }
        return json_response(json_safe(payload))

    def explain_route():
        situation = situation_from_request()
        parsed = parse_situation(tax_benefit_system, situation, max_persons)
        wanted = list(dict.fromkeys((name, period) for _, _, name, period, _ in parsed.requested))  # as requested
        if not wanted:
            raise ApiError(400, "Geen te verklaren variabele: zet de gevraagde variabele op null, bijvoorbeeld "
                                "{\"stap_budget\": {\"2023-05-15\": null}}.")
        simulation = build_parsed(tax_benefit_system, parsed)
        explanations = [explain(tax_benefit_system, situation, name, period, simulation) for name, period in wanted]
        output = request.args.get("format", "json")
        if output in ("text", "markdown"):
            text = "\n".join(render_text(e, markdown=output == "markdown") for e in explanations)
            return Response(text, mimetype="text/markdown" if output == "markdown" else "text/plain")
        if output != "json":
            raise ApiError(400, f"Onbekend formaat {output!r}; toegestaan: json, text, markdown.")
        return json_response({"verklaringen": explanations})

    def get_parameter(parameter_id):
        response = original_get_parameter(parameter_id)  # nodes and unknown ids: OpenFisca's own answer (404 -> JSON)
        name = parameter_id.replace("/", ".")
        if name not in parameters:
            return response
        payload = response.get_json()
        payload["bronvermelding"] = parameter_references(parameters[name])
        return json_response(payload)

    def get_variable(id):
        variable = tax_benefit_system.variables.get(id)
        if variable is None:
            raise ApiError(404, f"Onbekende variabele '{id}'; zie GET /variables voor de {len(tax_benefit_system.variables)} variabelen.")
        return app.view_functions["_openfisca_get_variable"](id)

    app.view_functions["_openfisca_get_variable"] = app.view_functions["get_variable"]
    app.view_functions["calculate"] = calculate
    app.view_functions["trace"] = trace
    app.view_functions["get_parameter"] = get_parameter
    app.view_functions["get_variable"] = get_variable
    app.add_url_rule("/explain", "explain", explain_route, methods=["POST"])
    original_get_spec = app.view_functions["get_spec"]

    def get_spec():  # OpenFisca's document completed by openapi.yaml (the contract as data)
        return json_response(contract_spec(original_get_spec().get_json(), tax_benefit_system))

    app.json.sort_keys = False  # possibleValues and other ordered maps keep the code's order

    @app.after_request
    def contract_header(response):
        response.headers["Contract-Version"] = contract_version()
        return response

    app.view_functions["get_spec"] = get_spec

    def compare_route():
        payload = read_json_body()
        if not isinstance(payload, dict) or not isinstance(payload.get("situatie"), dict):
            raise ApiError(400, "Verwacht {\"situatie\": {...}, \"hervorming\": naam} of {\"situatie\": {...}, \"amendement\": {...}}.")
        unknown = set(payload) - {"situatie", "hervorming", "amendement"}  # both: the amendment applies to the reform
        if unknown:
            raise ApiError(400, f"Onbekende velden {sorted(unknown)}; toegestaan: situatie, hervorming, amendement.")
        reform_name = payload.get("hervorming")
        if reform_name is not None and not isinstance(reform_name, str):
            raise ApiError(400, "'hervorming' moet de naam van een hervorming zijn; zie GET /reforms.")
        try:
            reform = resolve_reform(tax_benefit_system, payload.get("amendement"), reform_name)
        except UnknownReformError as error:
            raise ApiError(400, str(error)) from error
        parse_situation(reform, payload["situatie"], max_persons)
        return json_response(compare_situation(tax_benefit_system, reform, payload["situatie"]))

    app.add_url_rule("/compare", "compare", compare_route, methods=["POST"])

    def budget_route():
        from openfisca_llo.budget import BudgetError, budget_request
        from openfisca_llo.population import PopulationError

        payload = read_json_body()
        try:
            report = budget_request(payload)
        except (BudgetError, UnknownReformError, PopulationError) as error:
            raise ApiError(400, str(error)) from error
        return json_response(report.as_dict())

    app.add_url_rule("/budget", "budget", budget_route, methods=["POST"])

    def _date_field(value, field: str) -> datetime.date:
        try:
            date = datetime.date.fromisoformat(str(value))
        except ValueError:
            raise ApiError(400, f"'{field}' moet een bestaande datum zijn (JJJJ-MM-DD), kreeg {value!r}.") from None
        if not 1900 <= date.year <= 2100:
            raise ApiError(400, f"'{field}' valt buiten het ondersteunde bereik 1900-2100.")
        return date

    def overzicht_route():
        payload = read_json_body()
        if not isinstance(payload, dict) or not isinstance(payload.get("situatie"), dict) or "datum" not in payload:
            raise ApiError(400, "Verwacht {\"situatie\": {...}, \"datum\": \"JJJJ-MM-DD\"}.")
        unknown = set(payload) - {"situatie", "datum"}
        if unknown:
            raise ApiError(400, f"Onbekende velden {sorted(unknown)}; toegestaan: situatie, datum.")
        date = _date_field(payload["datum"], "datum")
        situation = expand_on_date(tax_benefit_system, payload["situatie"], date)
        parse_situation(tax_benefit_system, situation, max_persons)
        result = overzicht(tax_benefit_system, payload["situatie"], date)
        output = request.args.get("format", "json")
        if output == "text":
            return Response(render_overzicht(result), mimetype="text/plain")
        if output != "json":
            raise ApiError(400, f"Onbekend formaat {output!r}; toegestaan: json, text.")
        return json_response(result)

    app.add_url_rule("/overzicht", "overzicht", overzicht_route, methods=["POST"])

    @app.route("/tijdlijn")
    def get_tijdlijn():
        start = _date_field(request.args.get("van"), "van")
        stop = _date_field(request.args.get("tot"), "tot")
        return json_response(tijdlijn(tax_benefit_system, start, stop))

    @app.route("/reforms")
    def get_reforms():
        from openfisca_llo.reforms import REFORMS

        return json_response({
            name: {"omschrijving": reform.name, "documentatie": (reform.__doc__ or "").strip()}
            for name, reform in REFORMS.items()
        })

    @app.errorhandler(AmendmentError)
    def amendment_error(error: AmendmentError):
        return json_response({"error": "Het amendement bevat fouten.", "details": error.errors}, 400)

    @app.route("/sources")
    def get_sources():
        return json_response(sources)

    @app.route("/sources/<source_id>")
    def get_source(source_id):
        if source_id not in sources:
            raise ApiError(404, f"Onbekende bron '{source_id}'; zie GET /sources.")
        return json_response(sources[source_id])

    @app.errorhandler(ApiError)
    def api_error(error: ApiError):
        return json_response({"error": error.error, **({"details": error.details} if error.details else {})}, error.status)

    @app.errorhandler(SituationError)
    def situation_error(error: SituationError):
        return json_response({"error": "De situatie bevat fouten.", "details": error.errors}, error.status)

    @app.errorhandler(OutsideModelledPeriodError)
    def outside_period(error: OutsideModelledPeriodError):
        return json_response({"error": str(error), "details": {error.parameter: error.allowed}}, 422)

    @app.errorhandler(ParameterNotFoundError)
    def parameter_not_found(error: ParameterNotFoundError):
        return json_response(
            {"error": f"Geen waarde voor parameter '{error.parameter_name}' op {error.instant_str}: "
                      "deze datum valt buiten de periode waarvoor het model een waarde heeft."},
            422,
        )

    @app.errorhandler(CitationError)
    def citation_error(error: CitationError):
        return json_response({"error": str(error)}, 400)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        messages = {
            404: f"Niet gevonden: {request.path}. Zie /spec voor de endpoints.",
            405: f"Methode {request.method} is niet toegestaan op {request.path}.",
            413: f"Verzoek te groot: ten hoogste {app.config['MAX_CONTENT_LENGTH']} bytes.",
        }
        if error.response is not None and error.response.mimetype == "application/json":
            return error.response
        response = json_response({"error": messages.get(error.code, error.description)}, error.code or 500)
        if getattr(error, "valid_methods", None):  # 405: RFC 9110 requires the allowed methods
            response.headers["Allow"] = ", ".join(error.valid_methods)
        return response

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        app.logger.exception("unexpected error")
        return json_response({"error": "Interne fout bij het berekenen; meld dit met het verzoek erbij."}, 500)

    from openfisca_llo.werkbank import register as register_werkbank  # the pages for drafters, at /

    register_werkbank(app, tax_benefit_system)
    return app


def serve(host: str = "127.0.0.1", port: int = 5000, workers: int = 2) -> None:
    from gunicorn.app.base import BaseApplication

    class Application(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("timeout", 120)
            self.cfg.set("preload_app", True)

        def load(self):
            return create_app()

    Application().run()

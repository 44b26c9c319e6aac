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
import signal

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
from openfisca_llo.dates import DateError, parse_iso_date
from openfisca_llo.errors import OutsideModelledPeriodError
from openfisca_llo.explain import explain, render_text
from openfisca_llo.inputs import InputError, loads_json, show
from openfisca_llo.limits import (
    MAX_BYTES,
    MAX_EXPLAIN,
    MAX_EXPLAIN_CELLS,
    MAX_OVERZICHT,
    MAX_PERSONS,
    REQUEST_SECONDS,
    TIMEOUT,
    LimitExceeded,
    check,
)
from openfisca_llo.overzicht import expand_on_date, overzicht, render_overzicht, tijdlijn
from openfisca_llo.situations import SituationError, build_parsed, parse_situation


class ApiError(Exception):
    def __init__(self, status: int, error: str, details: dict | None = None) -> None:
        super().__init__(error)
        self.status = status
        self.error = error
        self.details = details or {}


def json_response(payload, status: int = 200) -> Response:
    try:
        body = json.dumps(payload, ensure_ascii=False, allow_nan=False)
    except ValueError:  # NaN (a figure the model does not know) or infinity somewhere: null, as /calculate does
        body = json.dumps(json_safe(payload), ensure_ascii=False, allow_nan=False)
    return Response(body, status=status, mimetype="application/json")


class RequestTimeout(Exception):
    """A request computed longer than OPENFISCA_LLO_REQUEST_SECONDS."""


class Deadline:
    """A per-request compute deadline by SIGALRM, so a request that runs too long gets a JSON 503 instead of a
    worker killed mid-answer. Armed after the body is read (reading may wait on a slow client and lets other
    greenlets run); computing does not yield, so the alarm interrupts the request that armed it."""

    enabled = False

    @classmethod
    def enable(cls) -> None:
        signal.signal(signal.SIGALRM, cls._alarm)
        cls.enabled = True

    @staticmethod
    def _alarm(signum, frame):
        # Again in a second, until disarmed: an exception raised inside a gc callback or __del__ is swallowed.
        signal.setitimer(signal.ITIMER_REAL, 1.0)
        raise RequestTimeout()

    @classmethod
    def arm(cls) -> None:
        if cls.enabled:
            signal.setitimer(signal.ITIMER_REAL, REQUEST_SECONDS.value())

    @classmethod
    def disarm(cls) -> None:
        if cls.enabled:
            signal.setitimer(signal.ITIMER_REAL, 0)


def read_json_body() -> object:
    raw = request.get_data(cache=True)
    Deadline.arm()
    if not raw:
        raise ApiError(400, "De body is leeg; stuur een JSON-object met een situatie (zoals voor /calculate).")
    return loads_json(raw, "de body")


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


class _StripTrailingSlash:
    """WSGI middleware: `/calculate/` is answered as `/calculate` (OpenFisca would answer an HTML redirect)."""

    def __init__(self, wsgi_app) -> None:
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if len(path) > 1 and path.endswith("/"):
            environ["PATH_INFO"] = path.rstrip("/") or "/"
        return self.wsgi_app(environ, start_response)


def _explain_bounds(parsed, wanted) -> None:
    """Explanations cost per variable-period asked and per instance: both bounded (JSON 413 naming the limit)."""
    check(MAX_EXPLAIN, "gevraagde variabelen", len(wanted))
    count = max((len(ids) for ids in parsed.ids.values()), default=0)
    check(MAX_EXPLAIN_CELLS, "situatie", count * len(wanted))


def create_app(tax_benefit_system=None, max_persons: int | None = None, max_bytes: int | None = None,
               deadline: bool = False):
    """The app; ``deadline`` arms a SIGALRM per request (main thread only; `openfisca-llo serve` sets it)."""
    tax_benefit_system = tax_benefit_system or CountryTaxBenefitSystem()
    if deadline:
        Deadline.enable()
    max_persons = max_persons or MAX_PERSONS.value()
    app = create_openfisca_app(tax_benefit_system)
    app.config["MAX_CONTENT_LENGTH"] = max_bytes or MAX_BYTES.value()
    app.wsgi_app = _StripTrailingSlash(app.wsgi_app)
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
        _explain_bounds(parsed, set((name, period) for _, _, name, period, _ in parsed.requested))
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
        _explain_bounds(parsed, wanted)
        output = request.args.get("format", "json")
        if output not in ("json", "text", "markdown"):
            raise ApiError(400, f"Onbekend formaat {show(output)}; toegestaan: json, text, markdown.")
        simulation = build_parsed(tax_benefit_system, parsed)
        explanations = [explain(tax_benefit_system, situation, name, period, simulation) for name, period in wanted]
        if output in ("text", "markdown"):
            text = "\n".join(render_text(e, markdown=output == "markdown") for e in explanations)
            return Response(text, mimetype="text/markdown" if output == "markdown" else "text/plain")
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
            raise ApiError(400, f"Onbekende velden {_names(unknown)}; toegestaan: situatie, hervorming, amendement.")
        reform_name = payload.get("hervorming")
        if reform_name is not None and not isinstance(reform_name, str):
            raise ApiError(400, "'hervorming' moet de naam van een hervorming zijn; zie GET /reforms.")
        try:
            reform = resolve_reform(tax_benefit_system, payload.get("amendement"), reform_name)
        except UnknownReformError as error:
            raise ApiError(400, str(error)) from error
        parsed = parse_situation(reform, payload["situatie"], max_persons)
        _explain_bounds(parsed, set((name, period) for _, _, name, period, _ in parsed.requested))
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
            return parse_iso_date(value)
        except DateError as error:
            raise ApiError(400, f"'{field}': {error}.") from None

    def overzicht_route():
        payload = read_json_body()
        if not isinstance(payload, dict) or not isinstance(payload.get("situatie"), dict) or "datum" not in payload:
            raise ApiError(400, "Verwacht {\"situatie\": {...}, \"datum\": \"JJJJ-MM-DD\"}.")
        unknown = set(payload) - {"situatie", "datum"}
        if unknown:
            raise ApiError(400, f"Onbekende velden {_names(unknown)}; toegestaan: situatie, datum.")
        date = _date_field(payload["datum"], "datum")
        check(MAX_OVERZICHT, "situatie", sum(len(v) for v in payload["situatie"].values() if isinstance(v, dict)))
        situation = expand_on_date(tax_benefit_system, payload["situatie"], date)
        parse_situation(tax_benefit_system, situation, max_persons)
        result = overzicht(tax_benefit_system, payload["situatie"], date)
        output = request.args.get("format", "json")
        if output == "text":
            return Response(render_overzicht(result), mimetype="text/plain")
        if output != "json":
            raise ApiError(400, f"Onbekend formaat {show(output)}; toegestaan: json, text.")
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
        name = getattr(error, "name", None) or "?"
        when = getattr(error, "instant_str", None) or "deze datum"
        return json_response(
            {"error": f"Geen waarde voor parameter '{name}' op {when}: deze datum valt buiten de periode "
                      "waarvoor het model (of het amendement) een waarde heeft.",
             "details": {"parameter": name, "datum": when}},
            422,
        )

    @app.errorhandler(InputError)
    def input_error(error: InputError):
        text = str(error)
        return json_response({"error": f"{text[:1].upper()}{text[1:]}."}, 400)

    @app.errorhandler(LimitExceeded)
    def limit_exceeded(error: LimitExceeded):
        title = "Verzoek te groot" if error.limit.status == 413 else "Ongeldige invoer"
        return json_response({"error": f"{title}: {error}.",
                              "details": {"grens": error.limit.name, "waarde": error.limit.value()}}, error.limit.status)

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
        if error.code is None or error.code >= 500:
            return unexpected(error)
        response = json_response({"error": messages.get(error.code, f"Fout {error.code} ({error.name}).")}, error.code)
        if getattr(error, "valid_methods", None):  # 405: RFC 9110 requires the allowed methods
            response.headers["Allow"] = ", ".join(error.valid_methods)
        return response

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        app.logger.exception("unexpected error")
        return json_response({"error": "Interne fout bij het berekenen; meld dit met het verzoek erbij."}, 500)

    app.register_error_handler(500, unexpected)  # replaces OpenFisca's, which puts Python text in the answer

    @app.errorhandler(RequestTimeout)
    def request_timeout(error: RequestTimeout):
        seconds = REQUEST_SECONDS.value()
        return json_response({"error": f"Het verzoek rekende langer dan {seconds} s (instelbaar met "
                                       f"{REQUEST_SECONDS.name}); vraag minder personen of perioden tegelijk.",
                              "details": {"grens": REQUEST_SECONDS.name, "waarde": seconds}}, 503)

    @app.before_request
    def arm_for_requests_without_body():
        if request.method in ("GET", "HEAD", "OPTIONS"):
            Deadline.arm()

    @app.teardown_request
    def disarm(error=None):
        Deadline.disarm()

    @app.after_request
    def every_answer_json(response: Response):
        """Every API answer is JSON, except the text formats asked for with ?format= (the werkbank's pages are
        HTML for browsers)."""
        Deadline.disarm()
        if response.mimetype in ("application/json", "text/plain", "text/markdown"):
            return response
        if request.blueprint == "werkbank" or request.path == "/":
            return response
        answer = json_response({"error": f"Fout {response.status_code}."} if response.status_code >= 400
                               else {"status": response.status_code}, response.status_code)
        for header in ("Location", "Allow"):
            if header in response.headers:
                answer.headers[header] = response.headers[header]
        return answer

    from openfisca_llo.werkbank import register as register_werkbank  # the pages for drafters, at /

    register_werkbank(app, tax_benefit_system)
    return app


def _names(names) -> str:
    shown = [show(str(name)) for name in sorted(names, key=str)[:10]]
    return ", ".join(shown) + (f" en {len(names) - 10} meer" if len(names) > 10 else "")


HTTP_MESSAGES = {  # answers gunicorn gives itself, before the app sees the request
    400: "Ongeldig HTTP-verzoek (bijvoorbeeld een verzoekregel langer dan {line} bytes: gebruik een kortere URL "
         "of een POST met JSON).",
    403: "Verzoek geweigerd.",
    431: "De kopregels (headers) van het verzoek zijn te groot: ten hoogste {fields} kopregels van elk {field} bytes.",
    500: "Interne fout of tijdslimiet overschreden ({timeout} s, instelbaar met OPENFISCA_LLO_TIMEOUT); meld dit "
         "met het verzoek erbij.",
}


def json_error_writer(limits: dict):
    """A replacement for ``gunicorn.util.write_error``: the same status, with a JSON body in Dutch."""

    def write_error(sock, status_int, reason, mesg):
        from gunicorn import util

        body = json.dumps({"error": HTTP_MESSAGES.get(status_int, f"Fout {status_int}.").format(**limits)},
                          ensure_ascii=False).encode("utf-8")
        head = (f"HTTP/1.1 {status_int} {reason}\r\nConnection: close\r\nContent-Type: application/json\r\n"
                f"Access-Control-Allow-Origin: *\r\nContent-Length: {len(body)}\r\n\r\n").encode("latin-1")
        util.write_nonblock(sock, head + body)

    return write_error


def serve(host: str = "127.0.0.1", port: int = 5000, workers: int = 2) -> None:
    """Serve with gunicorn's gevent workers: each connection is a greenlet, so clients that send slowly hold
    no worker; the keep-alive timeout also bounds the time to send the request line and headers."""
    from gunicorn import util
    from gunicorn.app.base import BaseApplication

    timeout = max(TIMEOUT.value(), REQUEST_SECONDS.value() + 10)  # the JSON 503 comes first
    limits = {"line": 4094, "fields": 100, "field": 8190, "timeout": timeout}

    class Application(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("worker_class", "gevent")
            self.cfg.set("worker_connections", 1000)
            self.cfg.set("timeout", timeout)
            self.cfg.set("graceful_timeout", 10)
            self.cfg.set("keepalive", 5)
            self.cfg.set("limit_request_line", limits["line"])
            self.cfg.set("limit_request_fields", limits["fields"])
            self.cfg.set("limit_request_field_size", limits["field"])
            self.cfg.set("preload_app", True)
            self.cfg.set("post_fork", lambda server, worker: setattr(util, "write_error", json_error_writer(limits)))

        def load(self):
            return create_app(deadline=True)

    Application().run()

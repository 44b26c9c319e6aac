"""The web API's wiring: OpenFisca's standard endpoints, hardened, plus /explain, /compare, /overzicht and more.

Standard endpoints keep their shape (the Legislation Explorer reads them). Changes: /calculate and /trace
check the situation first and answer bad input with a JSON 4xx naming the field and what is allowed; money
comes back exact to the cent; /parameter/<id> gains a `bronvermelding` field with the full citations (title,
status, link to the text as it stood) of the parameter and of each dated value, beside OpenFisca's own
`metadata` (which holds the citations as written, `metadata.bronnen`, and the links, `metadata.reference`);
every error is JSON.

This module only wires: the handlers are plain functions in `handlers.py`; the core endpoints replaced or
wrapped are listed in `CORE_ROUTES` and checked when the app is created; serving is in `serve`.
"""

from __future__ import annotations

import json
import signal

from flask import Response, request
from openfisca_core.errors import ParameterNotFoundError
from openfisca_web_api.app import create_app as create_openfisca_app
from werkzeug.exceptions import HTTPException

from openfisca_llo import CountryTaxBenefitSystem, handlers
from openfisca_llo.amendments import AmendmentError
from openfisca_llo.checks import leaf_parameters
from openfisca_llo.citations import CitationError
from openfisca_llo.contract import contract_spec, contract_version
from openfisca_llo.errors import OutsideModelledPeriodError
from openfisca_llo.handlers import ApiError
from openfisca_llo.inputs import InputError, loads_json
from openfisca_llo.json_values import json_safe
from openfisca_llo.limits import MAX_BYTES, MAX_PERSONS, REQUEST_SECONDS, TIMEOUT, LimitExceeded
from openfisca_llo.situations import SituationError

CORE_ROUTES = {  # OpenFisca's endpoints this app replaces or wraps: endpoint -> (path, how, why)
    "calculate": ("/calculate", "vervangen", "situatie eerst gecontroleerd; bedragen op de cent; NaN als null"),
    "trace": ("/trace", "vervangen", "situatie gecontroleerd en begrensd zoals /explain"),
    "get_parameter": ("/parameter/<path:parameter_id>", "omwikkeld", "voegt `bronvermelding` toe"),
    "get_variable": ("/variable/<id>", "omwikkeld", "onbekende variabele: JSON 404 in het Nederlands"),
    "get_spec": ("/spec", "omwikkeld", "aangevuld met openapi.yaml (het contract)"),
    "get_root": ("/", "omwikkeld", "browsers krijgen de werkbank; JSON-clients het welkom van OpenFisca"),
}


class RouteTableError(RuntimeError):
    """CORE_ROUTES and the app disagree: a listed route core does not have, or a core route replaced unlisted."""


def check_core_routes(core_rules: dict, core_views: dict, views: dict, table: dict = CORE_ROUTES) -> None:
    """Fail loudly unless exactly the core endpoints in ``table`` were replaced (``views`` now against
    ``core_views`` before), each at its listed path in ``core_rules`` (endpoint -> path)."""
    problems = [f"{endpoint} ({path}) staat in de tabel maar OpenFisca heeft die route niet"
                for endpoint, (path, _, _) in table.items() if core_rules.get(endpoint) != path]
    replaced = {endpoint for endpoint, view in core_views.items() if views.get(endpoint) is not view}
    problems += [f"{endpoint} is vervangen maar staat niet in CORE_ROUTES" for endpoint in sorted(replaced - set(table))]
    problems += [f"{endpoint} staat in CORE_ROUTES maar is niet vervangen"
                 for endpoint in sorted(set(table) - replaced) if endpoint in core_rules]
    if problems:
        raise RouteTableError("Routetabel klopt niet: " + "; ".join(problems) + ".")


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


def json_response(payload, status: int = 200) -> Response:
    try:
        body = json.dumps(payload, ensure_ascii=False, allow_nan=False)
    except ValueError:  # NaN (a figure the model does not know) or infinity somewhere: null, as /calculate does
        body = json.dumps(json_safe(payload), ensure_ascii=False, allow_nan=False)
    return Response(body, status=status, mimetype="application/json")


TEXT_TYPES = {"text": "text/plain", "markdown": "text/markdown"}


def answer(result, output: str = "json") -> Response:
    """A handler's result as a response: text for the text formats, JSON otherwise."""
    if isinstance(result, str):
        return Response(result, mimetype=TEXT_TYPES[output])
    return json_response(result)


def read_json_body() -> object:
    """The request's JSON body, parsed once; the compute deadline is armed once it is read."""
    raw = request.get_data(cache=True)
    Deadline.arm()
    if not raw:
        raise ApiError(400, "De body is leeg; stuur een JSON-object met een situatie (zoals voor /calculate).")
    return loads_json(raw, "de body")


class _StripTrailingSlash:
    """WSGI middleware: `/calculate/` is answered as `/calculate` (OpenFisca would answer an HTML redirect)."""

    def __init__(self, wsgi_app) -> None:
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if len(path) > 1 and path.endswith("/"):
            environ["PATH_INFO"] = path.rstrip("/") or "/"
        return self.wsgi_app(environ, start_response)


def create_app(tax_benefit_system=None, max_persons: int | None = None, max_bytes: int | None = None,
               deadline: bool = False):
    """The app; ``deadline`` arms a SIGALRM per request (main thread only; `openfisca-llo serve` sets it)."""
    tbs = tax_benefit_system or CountryTaxBenefitSystem()
    if deadline:
        Deadline.enable()
    max_persons = max_persons or MAX_PERSONS.value()
    app = create_openfisca_app(tbs)
    core = dict(app.view_functions)  # OpenFisca's own views, before any is replaced
    core_rules = {rule.endpoint: rule.rule for rule in app.url_map.iter_rules()}
    app.config["MAX_CONTENT_LENGTH"] = max_bytes or MAX_BYTES.value()
    app.wsgi_app = _StripTrailingSlash(app.wsgi_app)
    app.json.sort_keys = False  # possibleValues and other ordered maps keep the code's order
    parameters = {p.name: p for p in leaf_parameters(tbs.parameters)}
    sources = handlers.sources_index(tbs)

    def get_parameter(parameter_id):
        response = core["get_parameter"](parameter_id)  # nodes and unknown ids: OpenFisca's own answer (404 -> JSON)
        name = parameter_id.replace("/", ".")
        if name not in parameters:
            return response
        payload = response.get_json()
        payload["bronvermelding"] = handlers.parameter_references(parameters[name])
        return json_response(payload)

    def get_variable(id):
        if tbs.variables.get(id) is None:
            raise ApiError(404, f"Onbekende variabele '{id}'; zie GET /variables voor de {len(tbs.variables)} variabelen.")
        return core["get_variable"](id)

    def format_arg(default: str = "json") -> str:
        return request.args.get("format", default)

    views = {  # endpoint -> view; the core ones are in CORE_ROUTES
        "calculate": lambda: json_response(handlers.calculate(tbs, read_json_body(), max_persons)),
        "trace": lambda: json_response(handlers.trace(tbs, read_json_body(), max_persons)),
        "get_parameter": get_parameter,
        "get_variable": get_variable,
        "get_spec": lambda: json_response(contract_spec(core["get_spec"]().get_json(), tbs)),
    }
    for endpoint, view in views.items():
        view.__name__ = endpoint
        app.view_functions[endpoint] = view

    added = [  # (path, endpoint, methods, view): the extensions
        ("/explain", "explain", ["POST"],
         lambda: answer(handlers.explain_request(tbs, read_json_body(), max_persons, format_arg()), format_arg())),
        ("/compare", "compare", ["POST"],
         lambda: json_response(handlers.compare_request(tbs, read_json_body(), max_persons))),
        ("/budget", "budget", ["POST"], lambda: json_response(handlers.budget(read_json_body()))),
        ("/overzicht", "overzicht", ["POST"],
         lambda: answer(handlers.overzicht_request(tbs, read_json_body(), max_persons, format_arg()), format_arg())),
        ("/tijdlijn", "get_tijdlijn", ["GET"],
         lambda: json_response(handlers.tijdlijn_request(tbs, request.args.get("van"), request.args.get("tot")))),
        ("/reforms", "get_reforms", ["GET"], lambda: json_response(handlers.reforms())),
        ("/sources", "get_sources", ["GET"], lambda: json_response(sources)),
        ("/sources/<source_id>", "get_source", ["GET"],
         lambda source_id: json_response(handlers.source(sources, source_id))),
    ]
    for path, endpoint, methods, view in added:
        app.add_url_rule(path, endpoint, view, methods=methods)

    register_error_handlers(app)

    @app.after_request
    def contract_header(response):
        response.headers["Contract-Version"] = contract_version()
        return response

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
        replaced = json_response({"error": f"Fout {response.status_code}."} if response.status_code >= 400
                               else {"status": response.status_code}, response.status_code)
        for header in ("Location", "Allow"):
            if header in response.headers:
                replaced.headers[header] = response.headers[header]
        return replaced

    from openfisca_llo.werkbank import register as register_werkbank  # the pages for drafters, at /

    register_werkbank(app, tbs)
    check_core_routes(core_rules, core, app.view_functions)
    return app


def register_error_handlers(app) -> None:
    """Every error as JSON in Dutch, with the status that fits; never a stack trace or HTML."""

    @app.errorhandler(AmendmentError)
    def amendment_error(error: AmendmentError):
        return json_response({"error": "Het amendement bevat fouten.", "details": error.errors}, 400)

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

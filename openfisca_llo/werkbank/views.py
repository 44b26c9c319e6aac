"""The werkbank's pages. Each view gathers data with the package's own functions and renders a template."""

from __future__ import annotations

import datetime
import math
import re
import time
from urllib.parse import urlencode

import yaml
from flask import Blueprint, Response, current_app, render_template, request, url_for
from openfisca_core.indexed_enums import Enum
from werkzeug.exceptions import HTTPException, NotFound

from openfisca_llo import formatting
from openfisca_llo.cases import case_yaml, tests_dir
from openfisca_llo.citations import (
    LOCATOR_KEYS,
    STATUS_LABELS,
    VERIFICATION_LABELS,
    load_registry,
    variable_citations,
)
from openfisca_llo.docgen import PERIOD_LABELS, VALUE_TYPE_LABELS, step_chart_svg
from openfisca_llo.explain import explain
from openfisca_llo.overzicht import period_on, tijdlijn
from openfisca_llo.situations import SituationError, build_simulation
from openfisca_llo.werkbank import amendment as amendment_page
from openfisca_llo.werkbank.catalog import catalog
from openfisca_llo.werkbank.charts import date_range, variation_svg
from openfisca_llo.werkbank.forms import DATE_FIELD, instance_of, read_form, situation

blueprint = Blueprint("werkbank", __name__, template_folder="templates", static_folder="static",
                      static_url_path="/werkbank/static")

VARIATION_STEPS = 25


def system():
    return current_app.config["WERKBANK_SYSTEM"]


def today() -> datetime.date:
    return datetime.date.today()


# ---- template helpers ----------------------------------------------------------------------------------------


@blueprint.app_template_filter("geld")
def _money(value):
    return formatting.money(value)


@blueprint.app_template_filter("getal")
def _number(value):
    return formatting.number(round(value))


@blueprint.app_template_filter("datum")
def _date(value):
    return formatting.date(value)


@blueprint.app_template_filter("waarde")
def _value(value, unit=None):
    return formatting.value(value, unit)


@blueprint.app_template_filter("periode")
def _period(value):
    return formatting.period(value)


@blueprint.app_context_processor
def _context():
    return {"STATUS_LABELS": STATUS_LABELS, "VERIFICATION_LABELS": VERIFICATION_LABELS, "nav": NAV}


NAV = [("werkbank.home", "Regelingen"), ("werkbank.wet", "Wet op datum"), ("werkbank.amendement", "Amendement"),
       ("werkbank.bronnen", "Bronnen")]


def _entry_url(entry: dict) -> str:
    endpoint, values = entry["url"]
    values = dict(values)
    anchor = values.pop("_anchor", None)
    return url_for(f"werkbank.{endpoint}", **values) + (f"#{anchor}" if anchor else "")


def _parse_day(raw: str | None, default: datetime.date) -> tuple[datetime.date, str, str]:
    """(date, text shown in the field, Dutch message) for an optional date parameter."""
    if not raw:
        return default, formatting.date(default), ""
    try:
        return formatting.parse_date(raw), raw, ""
    except formatting.InputError as error:
        return default, raw, str(error)


# ---- 1. home -------------------------------------------------------------------------------------------------


@blueprint.route("/werkbank")
def home():
    cat = catalog(system())
    day, day_text, day_error = _parse_day(request.args.get("datum"), today())
    rows = []
    for info in cat.schemes.values():
        rows.append({"info": info, "status": cat.status(info, day)})
    query = (request.args.get("q") or "").strip()[:200]
    results = [{**e, "href": _entry_url(e)} for e in cat.search(query)] if query else []
    return render_template("werkbank/home.html", rows=rows, day=day, day_text=day_text, day_error=day_error,
                           query=query, results=results)


# ---- 2. scheme, figure, variable ------------------------------------------------------------------------------


def _figure(cat, name: str) -> dict:
    parameter = cat.parameters[name]
    unit = parameter.metadata.get("unit")
    values = cat.parameter_values(name)
    chart = step_chart_svg([(v["datum"], v["waarde"]) for v in values], unit, parameter.metadata.get("label") or name)
    return {
        "name": name, "label": parameter.metadata.get("label") or name, "description": parameter.description,
        "unit": unit, "values": values, "chart": chart, "toelichting": (parameter.metadata.get("toelichting") or "").strip(),
        "verificatie": parameter.metadata.get("verificatie"),
    }


def _variable(cat, name: str) -> dict:
    variable = cat.variables[name]
    formulas = []
    for start, formula in sorted(variable.formulas.items()):
        doc = "\n".join(line.strip() for line in (formula.__doc__ or "").strip().splitlines())
        formulas.append({"vanaf": None if start == "0001-01-01" else start, "doc": doc})
    enum = [(item.name, item.value) for item in variable.possible_values] if variable.value_type == Enum else []
    return {
        "name": name, "label": variable.label or name, "entity": variable.entity.label, "unit": getattr(variable, "unit", None),
        "period": PERIOD_LABELS.get(str(variable.definition_period), str(variable.definition_period)),
        "type": VALUE_TYPE_LABELS.get(cat.value_type(name), cat.value_type(name)), "formulas": formulas,
        "documentation": " ".join((variable.documentation or "").split()), "citations": variable_citations(variable),
        "enum": enum, "input": not variable.formulas, "scheme": cat.scheme_of_variable(name),
    }


@blueprint.route("/regeling/<key>")
def regeling(key):
    cat = catalog(system())
    info = cat.schemes.get(key)
    if info is None:
        raise NotFound(f"Onbekende regeling '{key}'.")
    day = today()
    return render_template(
        "werkbank/regeling.html", info=info, status=cat.status(info, day),
        figures=[_figure(cat, name) for name in info.parameters],
        variables=[_variable(cat, name) for name in info.variables],
        cases=cat.cases_for(info), has_tests=tests_dir() is not None,
    )


@blueprint.route("/figuur/<name>")
def figuur(name):
    cat = catalog(system())
    if name not in cat.parameters:
        raise NotFound(f"Onbekende figuur (parameter) '{name}'.")
    return render_template("werkbank/figuur.html", figure=_figure(cat, name), scheme=cat.scheme_of_parameter(name))


@blueprint.route("/variabele/<name>")
def variabele(name):
    cat = catalog(system())
    if name not in cat.variables:
        raise NotFound(f"Onbekende variabele '{name}'.")
    return render_template("werkbank/variabele.html", variable=_variable(cat, name))


# ---- 3. calculator -------------------------------------------------------------------------------------------


def calculate(tbs, info, values: dict, day: datetime.date) -> dict:
    """Outcome and explanation of each of the scheme's outputs for one applicant on ``day``."""
    data = situation(tbs, info.scheme, values, day, info.outputs)
    simulation = build_simulation(tbs, data)
    results = []
    for name in info.outputs:
        explanation = explain(tbs, data, name, period_on(info.scheme, day), simulation)
        value = explanation["uitkomst"].get(instance_of(tbs, name))
        results.append({"name": name, "label": tbs.variables[name].label, "unit": explanation["eenheid"],
                        "value": value, "explanation": explanation,
                        "reason_text": tbs.variables[name].possible_values[value].value
                        if tbs.variables[name].value_type == Enum and value is not None else None})
    return {"situation": data, "results": results, "period": period_on(info.scheme, day)}


def _series(tbs, info, values: dict, day: datetime.date, along: str, field) -> tuple[list, str]:
    """The scheme's amount along one input (or along the date), as (points, kind)."""
    target = info.scheme.bedrag or info.scheme.recht
    if along == DATE_FIELD:
        points = []
        for moment in date_range(day, 2, VARIATION_STEPS):
            outcome = _outcome(tbs, info, values, moment, target)
            points.append((moment, outcome))
        return points, "date"
    if field.kind == "date":
        current = datetime.date.fromisoformat(values[along]) if along in values else day
        xs = date_range(current, 10, VARIATION_STEPS)
        return [(x, _outcome(tbs, info, {**values, along: x.isoformat()}, day, target)) for x in xs], "date"
    current = float(values.get(along) or 0)
    top = max(current * 2, 100.0 if field.kind != "money" else 2500.0)
    xs = [round(top * i / (VARIATION_STEPS - 1), 2 if field.kind == "money" else 0) for i in range(VARIATION_STEPS)]
    if field.kind == "int":
        xs = sorted({int(x) for x in xs})
    return [(x, _outcome(tbs, info, {**values, along: x}, day, target)) for x in xs], field.kind


def _outcome(tbs, info, values, day, target):
    data = situation(tbs, info.scheme, values, day, [target])
    value = build_simulation(tbs, data).calculate(target, period_on(info.scheme, day))[0]
    value = float(value)
    return None if not math.isfinite(value) else round(value, 2)


def _yaml_case(tbs, info, computed: dict, day: datetime.date) -> str:
    data = computed["situation"]
    inputs = {}
    outputs = {}
    for result in computed["results"]:
        value = result["value"]
        if value is None or (isinstance(value, float) and not math.isfinite(value)):
            continue  # an unknown outcome is not a value a case can pin
        outputs[result["name"]] = value
    people = {k: v for k, v in data["personen"]["aanvrager"].items() if k not in computed_names(info)}
    if info.scheme.entiteit == "personen":
        inputs = people
        output = outputs
    else:
        group = {k: v for k, v in data[info.scheme.entiteit]["werkgever"].items() if k not in computed_names(info)}
        inputs = {"personen": {"aanvrager": people}, info.scheme.entiteit: {"werkgever": group}}
        output = {}
        for name, value in outputs.items():
            entity = "personen" if tbs.variables[name].entity.is_person else info.scheme.entiteit
            output.setdefault(entity, {}).setdefault("aanvrager" if entity == "personen" else "werkgever", {})[name] = value
    name = f"{info.title} — werkbank — {formatting.date(day)}: nog te toetsen aan de bron"
    return case_yaml(name, info.regulation, computed["period"], inputs, output)


def computed_names(info) -> set[str]:
    return set(info.outputs)


@blueprint.route("/regeling/<key>/rekenen")
def rekenen(key):
    tbs = system()
    cat = catalog(tbs)
    info = cat.schemes.get(key)
    if info is None:
        raise NotFound(f"Onbekende regeling '{key}'.")
    started = time.perf_counter()
    form = read_form(tbs, info.inputs, request.args, today())
    submitted = "datum" in request.args
    computed = series = yaml_text = None
    along = request.args.get("varieer") or ""
    error = ""
    if submitted and form.valid:
        try:
            computed = calculate(tbs, info, form.values, form.date)
        except SituationError as problem:
            error = "; ".join(f"{k}: {v}" for k, v in problem.errors.items())
        if computed is not None:
            yaml_text = _yaml_case(tbs, info, computed, form.date)
            fields = {f.name: f for f in form.fields}
            if along and (along == DATE_FIELD or along in fields and fields[along].kind in ("money", "int", "float", "date")):
                points, kind = _series(tbs, info, form.values, form.date, along, fields.get(along))
                target = info.scheme.bedrag or info.scheme.recht
                x_label = "aanvraagdatum" if along == DATE_FIELD else fields[along].label
                series = {"svg": variation_svg(points, kind, tbs.variables[target].unit if hasattr(tbs.variables[target], "unit") else None,
                                               x_label, tbs.variables[target].label),
                          "points": points, "kind": kind, "unit": getattr(tbs.variables[target], "unit", None), "label": x_label}
    variable_fields = [f for f in form.fields if f.kind in ("money", "int", "float", "date")]
    query = request.query_string.decode()
    return render_template("werkbank/rekenen.html", info=info, form=form, submitted=submitted, computed=computed,
                           series=series, along=along, variable_fields=variable_fields, yaml_text=yaml_text,
                           error=error, query=query, millis=round((time.perf_counter() - started) * 1000))


# ---- 4. the law on a date and the timeline --------------------------------------------------------------------


@blueprint.route("/wet")
def wet():
    cat = catalog(system())
    day, day_text, day_error = _parse_day(request.args.get("datum"), today())
    start, start_text, start_error = _parse_day(request.args.get("van"), datetime.date(2023, 1, 1))
    stop, stop_text, stop_error = _parse_day(request.args.get("tot"), datetime.date(2024, 12, 31))
    if not start_error and not stop_error and stop < start:
        stop_error = "De einddatum ligt vóór de begindatum."
    in_force = []
    for name in sorted(cat.parameters):
        values = [v for v in cat.parameter_values(name) if v["datum"] <= day.isoformat()]
        current = values[-1] if values else None
        parameter = cat.parameters[name]
        in_force.append({"name": name, "label": parameter.metadata.get("label") or name, "unit": parameter.metadata.get("unit"),
                         "value": current, "scheme": cat.scheme_of_parameter(name)})
    groups: dict[str, list] = {}
    for row in in_force:
        groups.setdefault(row["name"].split(".")[0], []).append(row)
    events = [] if (start_error or stop_error) else tijdlijn(system(), start, stop)
    units = {name: p.metadata.get("unit") for name, p in cat.parameters.items()}
    return render_template("werkbank/wet.html", day=day, day_text=day_text, day_error=day_error, groups=groups,
                           start_text=start_text, start_error=start_error, stop_text=stop_text, stop_error=stop_error,
                           events=events, units=units, start=start, stop=stop)


# ---- 5. amendment ---------------------------------------------------------------------------------------------


@blueprint.route("/amendement")
def amendement():
    tbs = system()
    state = amendment_page.evaluate(tbs, catalog(tbs), request.args, today())
    return render_template("werkbank/amendement.html", s=state, query=request.query_string.decode(),
                           locator_keys=LOCATOR_KEYS, sources=load_registry())


@blueprint.route("/amendement/begroting")
def amendement_begroting():
    """The amendment's budget effect on the synthetic population: a page of its own (the link without JavaScript)
    or, with ``deel=1``, the fragment the amendment page fetches while it shows a progress sign."""
    tbs = system()
    effect = amendment_page.budget_effect(tbs, catalog(tbs), request.args, today())
    query = urlencode([(k, v) for k, v in request.args.items(multi=True) if k != "deel"])
    template = "werkbank/begroting_deel.html" if request.args.get("deel") == "1" else "werkbank/begroting.html"
    return render_template(template, effect=effect, query=query)


@blueprint.route("/amendement.yaml")
def amendement_yaml():
    tbs = system()
    state = amendment_page.evaluate(tbs, catalog(tbs), request.args, today(), impact=False)
    if state.amendment is None or state.errors:
        return Response("# Het amendement bevat fouten; zie de pagina /amendement.\n", status=400,
                        mimetype="text/plain; charset=utf-8")
    text = yaml.safe_dump(state.amendment, allow_unicode=True, sort_keys=False)
    filename = re.sub(r"[^a-z0-9_-]+", "_", state.amendment["naam"].lower()).strip("_") or "amendement"
    return Response(text, mimetype="application/x-yaml; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}.yaml"'})


# ---- 6. sources ------------------------------------------------------------------------------------------------


@blueprint.route("/bronnen")
def bronnen():
    cat = catalog(system())
    per_source: dict[str, list] = {}
    for row in cat.articles:
        per_source.setdefault(row["citatie"].source_id, []).append(row)
    return render_template("werkbank/bronnen.html", registry=load_registry(), per_source=per_source,
                           has_tests=tests_dir() is not None)


# ---- errors and registration -----------------------------------------------------------------------------------


@blueprint.errorhandler(HTTPException)
def _http_error(error: HTTPException):
    message = error.description if error.code == 404 else "Deze pagina kon niet worden getoond."
    return render_template("werkbank/fout.html", code=error.code, message=message), error.code or 500


@blueprint.errorhandler(Exception)
def _unexpected(error: Exception):
    current_app.logger.exception("werkbank: unexpected error")
    return render_template("werkbank/fout.html", code=500,
                           message="Interne fout bij het maken van deze pagina; meld dit met het adres van de pagina erbij."), 500


def register(app, tax_benefit_system) -> None:
    """Add the werkbank to the API's app: its pages, and / for browsers (JSON clients keep OpenFisca's welcome)."""
    app.config["WERKBANK_SYSTEM"] = tax_benefit_system
    app.register_blueprint(blueprint)
    root = next(rule.endpoint for rule in app.url_map.iter_rules() if rule.rule == "/")
    welcome = app.view_functions[root]

    def root_view():
        best = request.accept_mimetypes.best_match(["application/json", "text/html"])
        if best == "text/html" and request.accept_mimetypes["text/html"] > request.accept_mimetypes["application/json"]:
            return home()
        return welcome()

    app.view_functions[root] = root_view


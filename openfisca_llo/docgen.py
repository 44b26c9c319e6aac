"""Reference documentation generated from the rules, so it is never out of date.

``write_reference`` writes reStructuredText pages into a folder (``docs/reference/`` at build time, from the
Sphinx ``builder-inited`` hook in ``docs/conf.py``). Everything comes from the tax-benefit system, the source
registry (``sources.yaml``), the YAML test cases and the ``reforms/`` folder; nothing is written per instrument
except the title of each top-level folder (``GROUP_TITLES``, with a fallback for folders not listed).

* one page per instrument (the top-level folder of a parameter's name / of a variable's file in
  ``variables/<folder>/``) with every parameter (dated values, their citations and verification, a step chart
  as inline SVG) and every variable (entity, period, type, formula docstrings, what it uses and what uses it,
  found by static analysis of the formula source, its citations and the YAML cases that cover it);
* one page with every source in the registry and everything that cites it;
* one page with the reforms found in ``reforms/``;
* a fragment listing what the model does not cover ('Niet gemodelleerd:' in docstrings, secondary values,
  unverified locators, empty periods, registry notes).
"""

from __future__ import annotations

import ast
import dataclasses
import datetime
import html
import inspect
import json
import re
import textwrap
from functools import cache
from pathlib import Path

import yaml
from openfisca_core.indexed_enums import Enum
from openfisca_core.parameters import Parameter, ParameterScale

from openfisca_llo.cases import parse_source_keyword
from openfisca_llo.checks import check_tax_benefit_system
from openfisca_llo.citations import (
    KIND_LABELS,
    STATUS_LABELS,
    VERIFICATION_LABELS,
    Citation,
    CitationError,
    citation_from_mapping,
    load_registry,
    parameter_citations,
    variable_citations,
)
from openfisca_llo.dates import dutch_date
from openfisca_llo.optional_parameters import unknown_periods
from openfisca_llo.reasons import reason_citations

# The only per-instrument knowledge: a title for each top-level folder of parameters/ and variables/.
GROUP_TITLES = {
    "stap": "STAP-budget",
    "stap_ontwikkeladvies": "STAP-ontwikkeladvies",
    "slim": "SLIM-regeling",
    "slim_scholingssubsidie": "SLIM scholingssubsidie",
    "levenlanglerenkrediet": "Levenlanglerenkrediet",
    "algemeen": "Algemeen (AOW-leeftijd e.d.)",
}
ROOT_GROUP = "overig"  # parameters or variables that are not in a folder
UNVERIFIED_STATUSES = ("secundair", "herkomst_onbekend")  # values not read in the official text

NOT_MODELLED = re.compile(r"niet gemodelleerd\s*:\s*(.*)", re.IGNORECASE)

UNIT_LABELS = {
    "currency-EUR": "euro",
    "month": "maanden",
    "year": "jaren",
    "day": "dagen",
    "bool": "ja/nee",
    "/1": "fractie",
}
PERIOD_LABELS = {"day": "dag", "week": "week", "weekday": "weekdag", "month": "maand", "year": "jaar", "eternity": "eeuwig (vast)"}
VALUE_TYPE_LABELS = {
    "bool": "bool (ja/nee)",
    "int": "int (geheel getal)",
    "float": "float (getal)",
    "str": "str (tekst)",
    "date": "date (datum)",
    "Enum": "Enum (keuze uit vaste waarden)",
}


# ---- names, groups, anchors ----------------------------------------------------------------------------------


def group_title(folder: str) -> str:
    if folder in GROUP_TITLES:
        return GROUP_TITLES[folder]
    if folder == ROOT_GROUP:
        return "Overig"
    return folder.replace("_", " ").capitalize()


def anchor(kind: str, name: str) -> str:
    """Sphinx label of a documented item: kind is param, var, bron, hervorming or groep."""
    return f"{kind}-" + re.sub(r"[^a-z0-9._-]+", "-", name.lower()).strip("-")


def html_id(label: str) -> str:
    """The HTML id that Sphinx gives a label (docutils' make_id)."""
    from docutils.nodes import make_id

    return make_id(label)


def parameter_group(name: str) -> str:
    return name.split(".")[0] if "." in name else ROOT_GROUP


def variables_dir() -> Path:
    from openfisca_llo.tax_benefit_system import VARIABLES_DIR

    return VARIABLES_DIR.resolve()


def reforms_dir() -> Path:
    from openfisca_llo import reforms

    return Path(reforms.__file__).resolve().parent


def variable_file(variable) -> Path | None:
    try:
        return Path(inspect.getsourcefile(type(variable))).resolve()
    except (TypeError, OSError):
        return None


def variable_group(variable) -> str:
    path = variable_file(variable)
    if path is None:
        return ROOT_GROUP
    try:
        parts = path.relative_to(variables_dir()).parts
    except ValueError:
        return ROOT_GROUP
    return parts[0] if len(parts) > 1 else ROOT_GROUP


def documented_parameters(parameters):
    """Every parameter to document: the leaves (as the citation check counts them) and scales (brackets)."""
    for node in parameters.get_descendants():
        if isinstance(node, (Parameter, ParameterScale)):
            yield node


# ---- reStructuredText helpers --------------------------------------------------------------------------------

_RST_SPECIAL = re.compile(r"([\\`*_|<>\[\]])")


def esc(text) -> str:
    """Inline text with every reStructuredText markup character escaped."""
    text = " ".join(str(text).split())
    return _RST_SPECIAL.sub(r"\\\1", text).replace("::", r":\:")


def paragraphs(text) -> list[str]:
    """Prose (a docstring) as escaped paragraphs; a leading backslash stops list and enumeration markup."""
    text = inspect.cleandoc(str(text or ""))
    result = []
    for block in re.split(r"\n\s*\n", text):
        if block.strip():
            escaped = esc(block)
            result.append(escaped if escaped.startswith("\\") else "\\" + escaped)
    return result


def heading(text: str, char: str, overline: bool = False) -> list[str]:
    line = char * max(len(text), 3)
    return ([line] if overline else []) + [text, line, ""]


def ref(label: str, text: str) -> str:
    return f":ref:`{text} <{label}>`"


def link(text: str, url: str) -> str:
    return f"`{esc(text)} <{url}>`__"


def list_table(header: list[str], rows: list[list[str]], widths: list[int] | None = None) -> list[str]:
    lines = [".. list-table::", "   :header-rows: 1"]
    if widths:
        lines.append("   :widths: " + " ".join(str(w) for w in widths))
    lines.append("")
    for row in [header, *rows]:
        for i, cell in enumerate(row):
            cell_lines = str(cell).split("\n") if str(cell).strip() else ["—"]
            lines.append(("   * - " if i == 0 else "     - ") + cell_lines[0])
            lines += ["       " + extra if extra else "" for extra in cell_lines[1:]]
    return lines + [""]


def bullets(items: list[str]) -> list[str]:
    return [f"* {item}" for item in items] + ([""] if items else [])


def write_if_changed(path: Path, text: str) -> None:
    """Write only when the content changed, so Sphinx rebuilds only what changed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


# ---- values and charts ---------------------------------------------------------------------------------------


def _dutch_number(value) -> str:
    if isinstance(value, float) and not value.is_integer():
        text = f"{value:,.2f}"
    else:
        text = f"{int(value):,}"
    return text.replace(",", "X").replace(".", ",").replace("X", ".")


def format_value(value, unit=None) -> str:
    if value is None:
        return "geen waarde (null)"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, (int, float)):
        if unit == "currency-EUR":
            return "EUR " + _dutch_number(value)
        if unit in ("month", "year", "day"):
            return f"{_dutch_number(value)} {UNIT_LABELS[unit]}"
        if unit == "/1":
            return f"{value:g}"
        return _dutch_number(value) + (f" {unit}" if unit and unit != "bool" else "")
    return str(value)


def _to_date(value) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))


def step_chart_svg(points, unit=None, title: str = "") -> str | None:
    """A step chart of dated values as inline SVG, or None when there is nothing numeric to draw.

    ``points`` are (date, value) pairs in any order; a value holds from its date until the next date. A
    ``None`` value is a gap (no value in the model) and is not drawn. Booleans are drawn as nee (0) / ja (1).
    """
    points = sorted((_to_date(d), v) for d, v in points)
    numeric = [v for _, v in points if isinstance(v, (bool, int, float))]
    if not numeric or len(numeric) != len([v for _, v in points if v is not None]):
        return None
    boolean = all(isinstance(v, bool) for v in numeric)
    width, height, left, right, top, bottom = 600, 150, 110, 16, 12, 30
    x0 = points[0][0]
    last = points[-1][0]
    clipped = None
    if len(points) > 2 and (points[1][0] - x0).days > max(730, 2 * (last - points[1][0]).days):
        # A long first period (a 'not yet in force' value from 2000) would squeeze the history: clip it.
        clipped = x0
        x0 = points[1][0] - datetime.timedelta(days=max(365, (last - points[1][0]).days // 4))
    span = (last - x0).days
    x1 = last + datetime.timedelta(days=max(365, span // 6))
    values = [float(v) for v in numeric]
    y_min, y_max = (0.0, 1.0) if boolean else (min(values), max(values))
    if not boolean and 0 <= y_min <= y_max / 2:
        y_min = 0.0  # amounts from zero, so the steps keep their proportions
    if y_min == y_max:
        y_min, y_max = y_min - 1, y_max + 1

    def x(day: datetime.date) -> float:
        day = max(day, x0)
        return round(left + (width - left - right) * (day - x0).days / (x1 - x0).days, 1)

    def y(value) -> float:
        inset = 8  # keep the lowest and highest step off the axes
        return round(top + inset + (height - top - bottom - 2 * inset) * (1 - (float(value) - y_min) / (y_max - y_min)), 1)

    label = html.escape(f"Verloop van {title}" if title else "Verloop van de waarde", quote=True)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="llo-stapgrafiek" role="img" aria-label="{label}" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">',
        f"<title>{label}</title>",
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" y2="{height - bottom}" stroke="#999"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{height - bottom}" stroke="#999"/>',
    ]
    if boolean:
        ticks = [(0.0, "nee"), (1.0, "ja")]
    else:
        ticks, placed = [], []
        for value in sorted({y_min, *values}, reverse=True):
            if all(abs(y(value) - other) >= 13 for other in placed):
                placed.append(y(value))
                ticks.append((value, None))
    for value, text in ticks:
        text = text or format_value(int(value) if float(value).is_integer() else value, unit)
        parts.append(
            f'<text x="{left - 6}" y="{y(value) + 4}" text-anchor="end" fill="#333">{html.escape(text)}</text>'
        )
        parts.append(
            f'<line x1="{left}" y1="{y(value)}" x2="{width - right}" y2="{y(value)}" stroke="#eee"/>'
        )
    years = list(range(x0.year + (x0 > datetime.date(x0.year, 1, 1)), x1.year + 1))
    step = max(1, -(-len(years) // 8))
    for year in years[::step]:
        day = datetime.date(year, 1, 1)
        if day > x1:
            continue
        parts.append(f'<line x1="{x(day)}" y1="{height - bottom}" x2="{x(day)}" y2="{height - bottom + 4}" stroke="#999"/>')
        parts.append(f'<text x="{x(day)}" y="{height - bottom + 16}" text-anchor="middle" fill="#333">{year}</text>')
    if clipped is not None:
        parts.append(
            f'<text x="{left - 6}" y="{height - bottom + 16}" text-anchor="end" fill="#666">'
            f"… sinds {clipped.isoformat()}</text>"
        )
    path: list[str] = []
    markers: list[str] = []
    previous = None
    for i, (day, value) in enumerate(points):
        end = points[i + 1][0] if i + 1 < len(points) else x1
        if value is None:
            if path:
                parts.append(f'<path d="{" ".join(path)}" fill="none" stroke="#1f5fa8" stroke-width="2"/>')
            path, previous = [], None
            # Unknown is not zero: the period without a value is a marked band, not a line at 0.
            band_x, band_w = x(day), max(x(end) - x(day), 2)
            parts.append(
                f'<rect class="llo-onbekend" x="{band_x}" y="{top}" width="{round(band_w, 1)}" height="{height - top - bottom}" '
                f'fill="#f6ead0" stroke="#a86b00" stroke-dasharray="4 3"><title>vanaf {day.isoformat()}: onbekend '
                f'(geen waarde in het model)</title></rect>'
            )
            if band_w >= 50:
                parts.append(f'<text x="{round(band_x + band_w / 2, 1)}" y="{top + 16}" text-anchor="middle" fill="#7a4d00">onbekend</text>')
            continue
        if previous is None:
            path.append(f"M {x(day)} {y(value)}")
        else:
            path.append(f"V {y(value)}")
        path.append(f"H {x(end)}")
        markers.append(
            f'<circle cx="{x(day)}" cy="{y(value)}" r="3" fill="#1f5fa8">'
            f"<title>vanaf {day.isoformat()}: {html.escape(format_value(value, unit))}</title></circle>"
        )
        previous = value
    if path:
        parts.append(f'<path d="{" ".join(path)}" fill="none" stroke="#1f5fa8" stroke-width="2"/>')
    parts += markers
    parts.append("</svg>")
    return "\n".join(parts)


# ---- static analysis of formulas -----------------------------------------------------------------------------


@dataclasses.dataclass
class Uses:
    variables: set[str] = dataclasses.field(default_factory=set)
    parameter_paths: set[tuple[str, ...]] = dataclasses.field(default_factory=set)


def _parameter_path(node, parameter_args: set[str], aliases: dict) -> tuple[str, ...] | None:
    """The parameter path an expression denotes: parameters(period) -> (), .stap.x -> ('stap', 'x')."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in parameter_args:
        return ()
    if isinstance(node, ast.Name):
        return aliases.get(node.id)
    if isinstance(node, ast.Attribute):
        base = _parameter_path(node.value, parameter_args, aliases)
        return None if base is None else (*base, node.attr)
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str):
        base = _parameter_path(node.value, parameter_args, aliases)
        return None if base is None else (*base, node.slice.value)
    return None


def _root_name(node) -> str | None:
    while isinstance(node, (ast.Attribute, ast.Call, ast.Subscript)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def analyse_function(
    function: ast.FunctionDef,
    entity_args: set[str],
    parameter_args: set[str],
    variable_names,
    helpers: dict[str, ast.FunctionDef] | None = None,
    uses: Uses | None = None,
    _seen: set | None = None,
) -> Uses:
    """Variables and parameter paths a formula (or a helper it calls) uses, found in its syntax tree.

    Variables: calls whose first argument is a string naming a variable, on the entity argument
    (``persoon("leeftijd", period)``, ``huishouden.members("x", period)``). Parameters: attribute chains on
    ``parameters(...)`` or on a name bound to one (``p = parameters(period).stap`` then ``p.x``). Module-level
    helpers called with the entity or ``parameters`` are followed, with their arguments renamed.
    """
    outermost = _seen is None
    uses = uses if uses is not None else Uses()
    helpers = helpers or {}
    seen = _seen if _seen is not None else set()
    key = (function.name, frozenset(entity_args), frozenset(parameter_args))
    if key in seen:
        return uses
    seen.add(key)
    for parent in ast.walk(function):
        for child in ast.iter_child_nodes(parent):
            child._llo_parent = parent  # type: ignore[attr-defined]
    aliases: dict[str, tuple[str, ...]] = {}
    changed = True
    while changed:
        changed = False
        for node in ast.walk(function):
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                path = _parameter_path(node.value, parameter_args, aliases)
                if path is not None and aliases.get(node.targets[0].id) != path:
                    aliases[node.targets[0].id] = path
                    changed = True
    for node in ast.walk(function):
        if isinstance(node, (ast.Attribute, ast.Subscript)):
            path = _parameter_path(node, parameter_args, aliases)
            parent = getattr(node, "_llo_parent", None)
            extended = (
                isinstance(parent, (ast.Attribute, ast.Subscript))
                and parent.value is node
                and _parameter_path(parent, parameter_args, aliases) is not None
            )
            if path and not extended:
                uses.parameter_paths.add(path)
        if not isinstance(node, ast.Call):
            continue
        first = node.args[0] if node.args else None
        if (  # value_or_none(p, "name"): the optional child 'name' of the parameter node p
            isinstance(node.func, ast.Name)
            and node.func.id == "value_or_none"
            and len(node.args) == 2
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
        ):
            base = _parameter_path(first, parameter_args, aliases)
            if base is not None:
                uses.parameter_paths.add((*base, node.args[1].value))
        if (  # known_value(parameters, period, "a.b.c"): the optional parameter at that dotted path
            isinstance(node.func, ast.Name)
            and node.func.id == "known_value"
            and len(node.args) == 3
            and isinstance(first, ast.Name)
            and first.id in parameter_args
            and isinstance(node.args[2], ast.Constant)
            and isinstance(node.args[2].value, str)
        ):
            uses.parameter_paths.add(tuple(node.args[2].value.split(".")))
        if (
            isinstance(first, ast.Constant)
            and isinstance(first.value, str)
            and first.value in variable_names
            and _root_name(node.func) in entity_args
        ):
            uses.variables.add(first.value)
        if isinstance(node.func, ast.Name) and node.func.id in helpers:
            helper = helpers[node.func.id]
            names = [a.arg for a in helper.args.posonlyargs + helper.args.args]
            helper_entities, helper_parameters = set(), set()
            for position, argument in enumerate(node.args[: len(names)]):
                if isinstance(argument, ast.Name) and argument.id in entity_args:
                    helper_entities.add(names[position])
                if isinstance(argument, ast.Name) and argument.id in parameter_args:
                    helper_parameters.add(names[position])
            for keyword in node.keywords:
                if isinstance(keyword.value, ast.Name) and keyword.arg:
                    if keyword.value.id in entity_args:
                        helper_entities.add(keyword.arg)
                    if keyword.value.id in parameter_args:
                        helper_parameters.add(keyword.arg)
            if helper_entities or helper_parameters:
                analyse_function(helper, helper_entities, helper_parameters, variable_names, helpers, uses, seen)
    if outermost:
        # 'p = parameters(period).stap' then 'p.x': the node path ('stap',) is only a step towards ('stap', 'x').
        paths = uses.parameter_paths
        uses.parameter_paths = {a for a in paths if not any(len(b) > len(a) and b[: len(a)] == a for b in paths)}
    return uses


@cache
def _module_helpers(path: str) -> dict[str, ast.FunctionDef]:
    tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    return {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}


def resolve_parameter_path(parameters, path: tuple[str, ...]) -> list[str]:
    """The documented parameters a path reaches: the parameter itself, or everything under a node."""
    node = parameters
    for part in path:
        if isinstance(node, (Parameter, ParameterScale)):
            break
        children = getattr(node, "children", {})
        if part not in children:
            break
        node = children[part]
    if node is parameters:
        return []
    if isinstance(node, (Parameter, ParameterScale)):
        return [node.name]
    return [p.name for p in documented_parameters(node)]


def formula_dependencies(tax_benefit_system, variable) -> tuple[set[str], set[str]]:
    """(variables, parameters) the formulas of a variable use, by static analysis of their source."""
    uses = Uses()
    path = variable_file(variable)
    helpers = _module_helpers(str(path)) if path and path.exists() else {}
    for function in variable.formulas.values():
        try:
            source = textwrap.dedent(inspect.getsource(function))
        except (OSError, TypeError):
            continue
        tree = ast.parse(source)
        definition = tree.body[0]
        if not isinstance(definition, ast.FunctionDef):
            continue
        names = [a.arg for a in definition.args.args]
        entity_args = {names[0]} if names else set()
        parameter_args = {names[2]} if len(names) > 2 else set()
        analyse_function(definition, entity_args, parameter_args, tax_benefit_system.variables, helpers, uses)
    parameters = set()
    for parameter_path in uses.parameter_paths:
        parameters.update(resolve_parameter_path(tax_benefit_system.parameters, parameter_path))
    return uses.variables - {variable.name}, parameters


# ---- YAML test cases, reforms, explanation examples ----------------------------------------------------------


@dataclasses.dataclass
class TestCase:
    name: str
    file: str
    variables: set[str]
    bronnen: tuple = ()  # the citations of its 'bron:' keywords


def _variable_keys(data, variable_names) -> set[str]:
    found = set()
    if isinstance(data, dict):
        for key, value in data.items():
            if key in variable_names:
                found.add(key)
            elif isinstance(value, dict):
                found |= _variable_keys(value, variable_names)
    return found


def collect_test_cases(tests_dir: Path, variable_names, root: Path | None = None) -> list[TestCase]:
    """Every YAML case under tests_dir with the variables its input or output names."""
    cases = []
    tests_dir = Path(tests_dir)
    root = root or tests_dir.parent
    for path in sorted([*tests_dir.rglob("*.yaml"), *tests_dir.rglob("*.yml")]):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        items = data if isinstance(data, list) else [data]
        for index, item in enumerate(items):
            if not isinstance(item, dict) or not ({"input", "output"} & set(item)):
                continue
            names = _variable_keys(item.get("input"), variable_names) | _variable_keys(item.get("output"), variable_names)
            try:
                bronnen = tuple(
                    citation_from_mapping(parse_source_keyword(k))
                    for k in item.get("keywords") or []
                    if isinstance(k, str) and k.startswith("bron:")
                )
            except (CitationError, ValueError):
                bronnen = ()  # tests/python/test_yaml_cases_cite_sources.py reports it
            cases.append(
                TestCase(str(item.get("name") or f"geval {index + 1}"), path.relative_to(root).as_posix(), names, bronnen)
            )
    return cases


@dataclasses.dataclass
class Reform:
    name: str
    file: str
    kind: str  # python | yaml
    description: str
    classes: list[tuple[str, str]]
    text: str


def _leading_comments(text: str) -> str:
    lines = []
    for line in text.splitlines():
        if line.startswith("#"):
            lines.append(line.lstrip("#").strip())
        elif line.strip():
            break
    return "\n".join(lines)


def collect_reforms(directory: Path | None = None) -> list[Reform]:
    """Every reform in the reforms folder: a Python module (its docstring and Reform classes) or a YAML file."""
    directory = Path(directory or reforms_dir())
    reforms = []
    for path in sorted(directory.rglob("*")):
        relative = path.relative_to(directory)
        package_init = path.name == "__init__.py" and len(relative.parts) > 1  # a reform package: its docstring
        if not path.is_file() or "__pycache__" in path.parts or (path.name.startswith(("_", ".")) and not package_init):
            continue
        if "parameters" in relative.parts[:-1]:  # a reform package's own parameter files are not reforms
            continue
        name = (relative.parent if package_init else relative.with_suffix("")).as_posix().replace("/", ".")
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".py":
            tree = ast.parse(text)
            classes = [
                (node.name, ast.get_docstring(node) or "")
                for node in tree.body
                if isinstance(node, ast.ClassDef) and any((_root_name(b) or "").endswith("Reform") or (isinstance(b, ast.Attribute) and b.attr.endswith("Reform")) for b in node.bases)
            ]
            if not classes:  # helpers and variables of a reform package, or the package's own __init__
                continue
            doc = ast.get_docstring(tree) or ""
            init = path.parent / "__init__.py"
            if not doc and init.is_file() and init != path:
                doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
            reforms.append(Reform(name, f"reforms/{relative.as_posix()}", "python", doc, classes, text))
        elif path.suffix in (".yaml", ".yml"):
            data = yaml.safe_load(text)
            description = ""
            if isinstance(data, dict):
                for key in ("beschrijving", "omschrijving", "description", "titel", "label"):
                    if isinstance(data.get(key), str):
                        description = data[key]
                        break
            reforms.append(Reform(name, f"reforms/{relative.as_posix()}", "yaml", description or _leading_comments(text), [], text))
    return reforms


def write_explanation_examples(examples_dir: Path, outdir: Path, tax_benefit_system) -> list[str]:
    """For each ``uitleg_*.json`` ({situation, variable, period}) the explanation as text and (shortened) JSON."""
    from openfisca_llo.explain import explain, render_text

    written = []
    for path in sorted(Path(examples_dir).glob("uitleg_*.json")):
        spec = json.loads(path.read_text(encoding="utf-8"))
        explanation = explain(tax_benefit_system, spec["situation"], spec["variable"], spec["period"])
        write_if_changed(outdir / f"{path.stem}.txt", render_text(explanation))
        short = json.loads(json.dumps(explanation))
        short["berekening"]["stappen"] = [
            {"variabele": s["variabele"], "...": "(zelfde opbouw)"} for s in short["berekening"]["stappen"]
        ]
        write_if_changed(outdir / f"{path.stem}.json", json.dumps(short, ensure_ascii=False, indent=2) + "\n")
        written.append(path.stem)
    return written


# ---- the model: everything a page needs ----------------------------------------------------------------------


@dataclasses.dataclass
class Model:
    tax_benefit_system: object
    parameters: dict  # name -> Parameter | ParameterScale
    variables: dict  # name -> Variable
    uses_variables: dict[str, set[str]]
    uses_parameters: dict[str, set[str]]
    used_by_variables: dict[str, set[str]]
    parameter_used_by: dict[str, set[str]]
    tests: dict[str, list[TestCase]]
    test_cases: list[TestCase]
    used_sources: dict[str, list[str]]
    reforms: list[Reform]
    groups: dict[str, dict[str, list[str]]]
    register: dict = dataclasses.field(default_factory=dict)  # artikelregister.collect
    register_anchors: set = dataclasses.field(default_factory=set)
    pinning: dict | None = None  # from `openfisca-llo mutatietoets --vastgepind`: cases pinning each dated value


def build_model(tax_benefit_system, tests_dir: Path | None = None, reforms_folder: Path | None = None,
                pinning: dict | None = None) -> Model:
    parameters = {p.name: p for p in documented_parameters(tax_benefit_system.parameters)}
    variables = dict(sorted(tax_benefit_system.variables.items()))
    uses_variables, uses_parameters = {}, {}
    used_by = {name: set() for name in variables}
    parameter_used_by = {name: set() for name in parameters}
    for name, variable in variables.items():
        uses_variables[name], uses_parameters[name] = formula_dependencies(tax_benefit_system, variable)
        for other in uses_variables[name]:
            used_by.setdefault(other, set()).add(name)
        for parameter in uses_parameters[name]:
            parameter_used_by.setdefault(parameter, set()).add(name)
    cases = collect_test_cases(tests_dir, variables) if tests_dir and Path(tests_dir).exists() else []
    tests = {name: [c for c in cases if name in c.variables] for name in variables}
    groups: dict[str, dict[str, list[str]]] = {}
    for name in sorted(parameters):
        groups.setdefault(parameter_group(name), {"parameters": [], "variables": []})["parameters"].append(name)
    for name, variable in variables.items():
        groups.setdefault(variable_group(variable), {"parameters": [], "variables": []})["variables"].append(name)
    order = list(GROUP_TITLES)
    groups = dict(sorted(groups.items(), key=lambda kv: (kv[0] not in order, order.index(kv[0]) if kv[0] in order else 0, kv[0])))
    model = Model(
        tax_benefit_system=tax_benefit_system,
        parameters=parameters,
        variables=variables,
        uses_variables=uses_variables,
        uses_parameters=uses_parameters,
        used_by_variables=used_by,
        parameter_used_by=parameter_used_by,
        tests=tests,
        test_cases=cases,
        used_sources=check_tax_benefit_system(tax_benefit_system).used_sources,
        reforms=collect_reforms(reforms_folder),
        groups=groups,
        pinning=pinning,
    )
    from openfisca_llo import artikelregister

    model.register = artikelregister.collect(parameters, variables, cases)
    model.register_anchors = artikelregister.anchors(model.register)
    return model


# ---- rendering -----------------------------------------------------------------------------------------------


def citation_rst(citation: Citation, register_anchors: set | None = None) -> str:
    """A citation: its text linked to the official URL, the registry entry, its status and, for an official text,
    its entry in the article register."""
    from openfisca_llo.artikelregister import citation_anchor

    source = citation.source
    locator = citation.locator_text()
    text = (source.kort or source.title) + (f", {locator}" if locator else "")
    label = citation_anchor(citation)
    register = f", {ref(label, 'register')}" if label and register_anchors and label in register_anchors else ""
    return f"{link(text, citation.url)} ({ref(anchor('bron', citation.source_id), citation.source_id)}, {source.status}{register})"


def _citations_cell(citations: list[Citation], register_anchors: set | None = None) -> str:
    return "\n\n".join(citation_rst(c, register_anchors) for c in citations) or "geen bron"


def param_ref(name: str) -> str:
    return ref(anchor("param", name), name)


def var_ref(name: str) -> str:
    return ref(anchor("var", name), name)


def _names(refs: list[str]) -> str:
    return ", ".join(refs) if refs else "—"


def render_parameter(model: Model, parameter) -> list[str]:
    name = parameter.name
    metadata = parameter.metadata or {}
    unit = metadata.get("unit")
    lines = [f".. _{anchor('param', name)}:", "", *heading(esc(name), "~")]
    if metadata.get("label"):
        lines += [f"**{esc(metadata['label'])}**", ""]
    for paragraph in paragraphs(parameter.description or ""):
        lines += [paragraph, ""]
    # The hand-written documentation only: the generated legal basis (documentatie.annoteer) is the table below.
    own = getattr(parameter, "eigen_documentatie", getattr(parameter, "documentation", None))
    for paragraph in paragraphs(own or ""):
        lines += [paragraph, ""]
    verification = metadata.get("verificatie")
    fields = [
        (":Eenheid:", esc(f"{unit} ({UNIT_LABELS[unit]})" if unit in UNIT_LABELS else unit or "—")),
        (":Bron(nen):", "; ".join(citation_rst(c, model.register_anchors) for c in parameter_citations(metadata)) or "—"),
        (":Verificatie:", esc(f"{verification} — {VERIFICATION_LABELS.get(verification, '?')}") if verification else "—"),
        (":Gebruikt door:", _names([var_ref(v) for v in sorted(model.parameter_used_by.get(name, ()))])),
    ]
    lines += [f"{key} {value}" for key, value in fields] + [""]
    if metadata.get("toelichting"):
        lines += ["**Toelichting.** " + esc(metadata["toelichting"]), ""]
    if isinstance(parameter, ParameterScale):
        return lines + _render_scale(parameter)
    values = sorted(parameter.values_list, key=lambda v: v.instant_str)
    rows = []
    for value in values:
        value_metadata = value.metadata or {}
        own_note = value_metadata.get("toelichting") if value_metadata.get("toelichting") != metadata.get("toelichting") else ""
        value_verification = value_metadata.get("verificatie")
        rows.append(
            [
                value.instant_str,
                esc(format_value(value.value, unit)),
                _citations_cell(parameter_citations(value_metadata, on=value.instant_str), model.register_anchors),
                esc(value_verification or "—") + (" (afwijkend)" if value_verification != verification else ""),
                esc(own_note or ""),
            ]
        )
    if model.pinning is not None:
        for row, value in zip(rows, values, strict=True):
            row.append(pinned_cell(model.pinning.get(name, {}).get(value.instant_str)))
        lines += list_table(["Vanaf", "Waarde", "Bron(nen)", "Verificatie", "Toelichting bij deze waarde", "Vastgepind door"],
                            rows, [10, 12, 34, 10, 16, 18])
    else:
        lines += list_table(["Vanaf", "Waarde", "Bron(nen)", "Verificatie", "Toelichting bij deze waarde"], rows, [12, 14, 44, 12, 18])
    svg = step_chart_svg([(v.instant_str, v.value) for v in values], unit, name)
    if svg:
        lines += [".. raw:: html", ""] + ["   " + line for line in svg.splitlines()] + [""]
    return lines


def pinned_cell(entry: dict | None) -> str:
    """The YAML cases that fail when this value changes (mutatietoets), or a flag that none does."""
    if entry is None:
        return "—"
    state = entry.get("waarde")
    if state == "gevangen":
        cases = [c["geval"] for c in entry["vastgepind_door"]]
        text = ", ".join(f"``{esc(c)}``" for c in cases[:3]) + (f" en {len(cases) - 3} meer" if len(cases) > 3 else "")
        text = text or "gevangen"
    elif state == "open":
        text = "**niet vastgepind**: geen geval faalt als deze waarde verandert"
    elif state == "geen verschil":
        text = "geen verschil (verklaard in mutatie_overlevers.yaml)"
    else:
        text = "—"  # a null value: there is no value to change
    open_dates = [d for d in entry.get("datum", []) if d["status"] == "open"]
    if open_dates:
        text += "; **ingangsdatum niet vastgepind**"
    return text


def _render_scale(scale: ParameterScale) -> list[str]:
    unit = scale.metadata.get("unit")
    lines = []
    for index, bracket in enumerate(scale.brackets):
        lines += [f"**Schijf {index + 1}**", ""]
        rows = []
        for key, child in sorted(bracket.children.items()):
            for value in sorted(child.values_list, key=lambda v: v.instant_str):
                key_unit = scale.metadata.get(f"{key}_unit") or (unit if key in ("amount", "threshold") else None)
                rows.append([esc(key), value.instant_str, esc(format_value(value.value, key_unit)),
                             _citations_cell(parameter_citations(value.metadata or scale.metadata, on=value.instant_str))])
        lines += list_table(["Onderdeel", "Vanaf", "Waarde", "Bron(nen)"], rows)
    return lines


def _value_type_name(variable) -> str:
    value_type = variable.value_type
    name = "Enum" if isinstance(value_type, type) and issubclass(value_type, Enum) else getattr(value_type, "__name__", str(value_type))
    return VALUE_TYPE_LABELS.get(name, name)


def render_variable(model: Model, variable) -> list[str]:
    name = variable.name
    lines = [f".. _{anchor('var', name)}:", "", *heading(esc(name), "~")]
    lines += [f"**{esc(variable.label or name)}**", ""]
    entity = variable.entity
    period = str(variable.definition_period)
    file = variable_file(variable)
    try:
        shown_file = "variables/" + file.relative_to(variables_dir()).as_posix() if file else "—"
    except ValueError:
        shown_file = file.name
    unit = getattr(variable, "unit", None)
    fields = [
        (":Entiteit:", esc(f"{entity.key} — {entity.label}")),
        (":Definitieperiode:", esc(f"{period} ({PERIOD_LABELS.get(period, period)})")),
        (":Type:", esc(_value_type_name(variable))),
        (":Eenheid:", esc(unit) if unit else "—"),
        (":Standaardwaarde:", esc(getattr(variable.default_value, "name", variable.default_value))),
        (":Bestand:", f"``{shown_file}``"),
    ]
    if variable.end:
        fields.append((":Einddatum:", esc(variable.end)))
    lines += [f"{key} {value}" for key, value in fields] + [""]
    if variable.documentation:
        lines += paragraphs(variable.documentation)
        lines += [""]
    if getattr(variable, "possible_values", None) is not None:
        rows = []
        for item in variable.possible_values:
            grounds = reason_citations(variable.possible_values, item.name)
            rows.append([f"``{item.name}``", esc(item.value), _citations_cell(grounds, model.register_anchors) if grounds else "—"])
        lines += ["**Mogelijke waarden**", ""]
        lines += list_table(["Waarde", "Betekenis", "Grondslag"], rows, [22, 43, 35])
    if variable.formulas:
        lines += ["**Formules**", ""]
        for start, function in variable.formulas.items():
            when = "Altijd" if start == "0001-01-01" else f"Vanaf {start}"
            lines += [f"*{when}* (``{function.__name__}``)", ""]
            doc = inspect.getdoc(function)
            for paragraph in paragraphs(doc) if doc else ["(geen docstring)"]:
                lines += ["   " + paragraph, ""]
    else:
        lines += ["**Invoer** — geen formule; de waarde komt uit de situatie (of de standaardwaarde).", ""]
    lines += [
        "**Gebruikt variabelen:** " + _names([var_ref(v) for v in sorted(model.uses_variables.get(name, ()))]),
        "",
        "**Gebruikt parameters:** " + _names([param_ref(p) for p in sorted(model.uses_parameters.get(name, ()))]),
        "",
        "**Gebruikt door:** " + _names([var_ref(v) for v in sorted(model.used_by_variables.get(name, ()))]),
        "",
        "**Bronnen**",
        "",
    ]
    lines += bullets([citation_rst(c, model.register_anchors) for c in variable_citations(variable)]) or ["geen bron", ""]
    cases = model.tests.get(name, [])
    lines += [f"**Getest in {len(cases)} YAML-geval(len)**", ""]
    lines += bullets([f"{esc(case.name)} — ``{case.file}``" for case in cases]) or ["Geen YAML-geval noemt deze variabele.", ""]
    return lines


def render_group(model: Model, group: str) -> str:
    members = model.groups[group]
    title = group_title(group)
    lines = [f".. _{anchor('groep', group)}:", "", *heading(esc(title), "=", overline=True)]
    folder = f"``{group}/``" if group != ROOT_GROUP else "geen map"
    case_count = len({(c.file, c.name) for v in members["variables"] for c in model.tests.get(v, [])})
    lines += [
        f"Map {folder}: {len(members['parameters'])} parameters, {len(members['variables'])} variabelen, "
        f"{case_count} YAML-gevallen die een van deze variabelen noemen. Gegenereerd uit de regels; niet met de hand bewerken.",
        "",
        ".. contents:: Op deze pagina",
        "   :local:",
        "   :depth: 2",
        "",
    ]
    if members["parameters"]:
        lines += heading("Parameters", "-")
        for name in members["parameters"]:
            lines += render_parameter(model, model.parameters[name])
    if members["variables"]:
        lines += heading("Variabelen", "-")
        for name in members["variables"]:
            lines += render_variable(model, model.variables[name])
    return "\n".join(lines) + "\n"


def render_sources(model: Model) -> str:
    lines = [".. _bronnen:", "", *heading("Bronnen", "=", overline=True)]
    lines += [
        "Elke officiële tekst in het bronnenregister (``openfisca_llo/sources.yaml``), met alles wat haar citeert. "
        "Status: " + "; ".join(f"``{key}`` = {esc(label)}" for key, label in STATUS_LABELS.items()) + ".",
        "",
    ]
    for source_id, source in load_registry().items():
        lines += [f".. _{anchor('bron', source_id)}:", "", *heading(esc(f"{source_id} — {source.kort or source.title}"), "-")]
        fields = [
            (":Titel:", esc(source.title)),
            (":Soort:", esc(f"{source.kind} — {KIND_LABELS[source.kind]}")),
            (":Datum:", source.date.isoformat()),
            (":Status:", esc(f"{source.status} — {STATUS_LABELS[source.status]}")),
            (":Link:", link(source.url, source.url)),
        ]
        if source.geldig_vanaf or source.geldig_tot:
            period = f"vanaf {source.geldig_vanaf or '?'}" + (f" tot {source.geldig_tot}" if source.geldig_tot else "")
            fields.append((":Geldig:", esc(period)))
        if source.note:
            fields.append((":Toelichting:", esc(source.note)))
        lines += [f"{key} {value}" for key, value in fields] + [""]
        users = model.used_sources.get(source_id, [])
        parameter_dates: dict[str, list[str]] = {}
        whole = set()
        variables = []
        for user in users:
            if "#" in user:  # a refusal reason: listed below from the reasons' own citations
                continue
            if "@" in user:
                parameter, date = user.split("@", 1)
                parameter_dates.setdefault(parameter, []).append(date)
            elif user in model.variables:
                variables.append(user)
            else:
                whole.add(user)
                parameter_dates.setdefault(user, [])
        items = []
        for parameter in sorted(parameter_dates):
            dates = sorted(set(parameter_dates[parameter]))
            detail = []
            if parameter in whole:
                detail.append("parametermetadata")
            if dates:
                detail.append("waarden vanaf " + ", ".join(dates))
            items.append(f"parameter {param_ref(parameter)} ({'; '.join(detail)})")
        items += [f"variabele {var_ref(v)}" for v in sorted(set(variables))]
        for variable in model.variables.values():
            if getattr(variable, "possible_values", None) is None:
                continue
            for item in variable.possible_values:
                grounds = reason_citations(variable.possible_values, item.name) or []
                if any(c.source_id == source_id for c in grounds):
                    items.append(f"grondslag van {var_ref(variable.name)} = ``{item.name}``")
        lines += [f"**Geciteerd door ({len(items)})**", ""]
        lines += bullets(items) or ["Nergens geciteerd.", ""]
    return "\n".join(lines) + "\n"


def render_reforms(model: Model) -> str:
    lines = [".. _hervormingen:", "", *heading("Hervormingen", "=", overline=True)]
    lines += [
        "Voorstellen en wijzigingen die naast het geldende recht kunnen worden doorgerekend: elke Python-module en "
        "elk YAML-bestand in ``reforms/``, met de beschrijving uit het bestand zelf.",
        "",
    ]
    if not model.reforms:
        lines += ["Er zijn nog geen hervormingen: de map ``reforms/`` bevat geen Python-modules of YAML-bestanden.", ""]
    for reform in model.reforms:
        lines += [f".. _{anchor('hervorming', reform.name)}:", "", *heading(esc(reform.name), "-")]
        lines += [f":Bestand: ``{reform.file}``", f":Soort: {reform.kind}", ""]
        lines += [*paragraphs(reform.description or "(geen beschrijving)"), ""]
        for class_name, doc in reform.classes:
            lines += [f"*Reform-klasse* ``{class_name}``", ""]
            lines += ["   " + p for p in paragraphs(doc or "(geen docstring)")] + [""]
        if reform.kind == "yaml":
            lines += [".. code-block:: yaml", ""] + ["   " + line for line in reform.text.splitlines()] + [""]
    return "\n".join(lines) + "\n"


def not_modelled_items(model: Model) -> dict[str, list[str]]:
    """What the model leaves out, as RST bullet texts per kind."""
    notes = []
    for name, variable in model.variables.items():
        texts = [inspect.getdoc(f) or "" for f in variable.formulas.values()] + [variable.documentation or ""]
        for text in texts:
            for block in re.split(r"\n\s*\n", text):
                match = NOT_MODELLED.search(" ".join(block.split()))
                if match:
                    notes.append(f"{var_ref(name)}: {esc(match.group(1))}")
    for name, parameter in model.parameters.items():
        texts = [parameter.description or "", getattr(parameter, "documentation", None) or "", parameter.metadata.get("toelichting") or ""]
        for text in texts:
            match = NOT_MODELLED.search(" ".join(str(text).split()))
            if match:
                notes.append(f"{param_ref(name)}: {esc(match.group(1))}")
    secondary, empty, unverified = [], [], []
    for name, parameter in model.parameters.items():
        if isinstance(parameter, ParameterScale):
            continue
        values = sorted(parameter.values_list, key=lambda v: v.instant_str)
        dates = [v.instant_str for v in values if (v.metadata or {}).get("verificatie") in UNVERIFIED_STATUSES]
        if dates or parameter.metadata.get("verificatie") in UNVERIFIED_STATUSES:
            note = parameter.metadata.get("toelichting") or ""
            secondary.append(
                f"{param_ref(name)} — secundair of herkomst onbekend voor de waarden vanaf {', '.join(dates) or '(geen)'}"
                + (f". {esc(note)}" if note else "")
            )
        for period in unknown_periods(parameter):
            until = f" tot {dutch_date(period['tot'])}" if period["tot"] else ""
            explanation = f" {esc(period['toelichting'])}" if period["toelichting"] else ""
            empty.append(
                f"**{esc(group_title(name.split('.')[0]))}** — {param_ref(name)}: onbekend vanaf "
                f"{dutch_date(period['van'])}{until} ({period['reden']}: {esc(period['omschrijving'])}).{explanation}"
            )
        for citation in parameter_citations(parameter.metadata):
            if citation.precision == "onderwerp":
                unverified.append(f"{param_ref(name)}: {citation_rst(citation)}")
    for name, variable in model.variables.items():
        for citation in variable_citations(variable):
            if citation.precision == "onderwerp":
                unverified.append(f"{var_ref(name)}: {citation_rst(citation)}")
    registry = [
        f"{ref(anchor('bron', s.id), s.id)} ({s.status}): {esc(s.note)}" for s in load_registry().values() if s.note
    ]
    return {
        "niet_gemodelleerd": notes,
        "secundair": secondary,
        "onderwerp": unverified,
        "leeg": sorted(empty),
        "register": registry,
    }


NOT_MODELLED_SECTIONS = {
    "niet_gemodelleerd": ("Niet gemodelleerd", "Uit de docstrings en documentatie: elke zin na 'Niet gemodelleerd:'."),
    "secundair": (
        "Waarden die alleen secundair zijn geverifieerd",
        "Parameters waarvan (een) waarde alleen op een secundaire bron is gezien (``verificatie: secundair``, of "
        "``herkomst_onbekend`` als het adres van die bron niet is vastgelegd), "
        "met de toelichting van de parameter.",
    ),
    "onderwerp": (
        "Vindplaatsen zonder geverifieerd artikel",
        "Citaties met alleen een onderwerp, omdat het artikelnummer niet in de officiële tekst is gecontroleerd.",
    ),
    "leeg": (
        "Onbekende gegevens per regeling",
        "Parameters die in een periode geen waarde hebben (``null``), met de reden (niet geverifieerd, bronnen "
        "tegenstrijdig, nog niet vastgesteld, niet in werking). Een regel die zo'n gegeven nodig heeft, antwoordt "
        "daar 'onbekend' (niet te bepalen, bedrag leeg), nooit 'open' of 'onbeperkt' en nooit een toekenning; een "
        "afwijzing op bekende feiten gaat voor.",
    ),
    "register": ("Toelichtingen in het bronnenregister", "De notities bij de bronnen in ``sources.yaml``."),
}


def render_not_modelled(model: Model) -> str:
    items = not_modelled_items(model)
    lines = []
    for key, (title, intro) in NOT_MODELLED_SECTIONS.items():
        lines += heading(f"{title} ({len(items[key])})", "-")
        lines += [intro, ""]
        lines += bullets(items[key]) or ["Geen.", ""]
    return "\n".join(lines) + "\n"


def render_index(model: Model) -> str:
    lines = [".. _referentie:", "", *heading("Referentie", "=", overline=True)]
    lines += [
        "Gegenereerd bij elke documentatiebouw uit het belasting-en-uitkeringsstelsel, het bronnenregister, de "
        "YAML-testgevallen en de map ``reforms/``; deze pagina's kunnen dus niet verouderen.",
        "",
    ]
    rows = [
        [ref(anchor("groep", g), group_title(g)), f"``{g}``", str(len(m["parameters"])), str(len(m["variables"]))]
        for g, m in model.groups.items()
    ]
    lines += list_table(["Regeling", "Map", "Parameters", "Variabelen"], rows)
    lines += [
        f"{len(model.parameters)} parameters, {len(model.variables)} variabelen, {len(load_registry())} bronnen, "
        f"{len(model.reforms)} hervormingen, {len(model.test_cases)} YAML-testgevallen.",
        "",
        ".. toctree::",
        "   :maxdepth: 1",
        "",
    ]
    lines += ["   artikelregister"] + [f"   {g}" for g in model.groups] + ["   bronnen", "   hervormingen", ""]
    return "\n".join(lines) + "\n"


def write_reference(
    outdir: Path,
    tax_benefit_system=None,
    tests_dir: Path | None = None,
    examples_dir: Path | None = None,
    reforms_folder: Path | None = None,
    pinning_file: Path | None = None,
) -> dict:
    """Write the generated pages into outdir (removing stale ones) and return a manifest of what they contain."""
    if tax_benefit_system is None:
        from openfisca_llo import CountryTaxBenefitSystem

        tax_benefit_system = CountryTaxBenefitSystem()
    outdir = Path(outdir)
    pinning = json.loads(Path(pinning_file).read_text(encoding="utf-8")) if pinning_file and Path(pinning_file).exists() else None
    model = build_model(tax_benefit_system, tests_dir, reforms_folder, pinning)
    from openfisca_llo import artikelregister

    pages = {
        "index.rst": render_index(model),
        "artikelregister.rst": artikelregister.render(model.register),
        "bronnen.rst": render_sources(model),
        "hervormingen.rst": render_reforms(model),
    }
    for group in model.groups:
        pages[f"{group}.rst"] = render_group(model, group)
    pages["niet_gemodelleerd.inc"] = render_not_modelled(model)
    manifest = {
        "parameters": {n: anchor("param", n) for n in model.parameters},
        "variables": {n: anchor("var", n) for n in model.variables},
        "sources": {s: anchor("bron", s) for s in load_registry()},
        "reforms": {r.name: anchor("hervorming", r.name) for r in model.reforms},
        "groups": {g: anchor("groep", g) for g in model.groups},
        "articles": sorted(model.register_anchors),
    }
    pages["manifest.json"] = json.dumps(manifest, indent=2, sort_keys=True) + "\n"
    outdir.mkdir(parents=True, exist_ok=True)
    for stale in outdir.glob("*"):
        if stale.is_file() and stale.name not in pages:
            stale.unlink()
    for name, text in pages.items():
        write_if_changed(outdir / name, text)
    if examples_dir is not None:
        write_explanation_examples(examples_dir, outdir / "uitleg", tax_benefit_system)
    return manifest

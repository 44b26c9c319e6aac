"""Mutatietoets: which dated values, dates and formula conditions are pinned by a YAML case.

Each mutant changes one thing in memory — a dated parameter value (a number x1.1 or +1, a boolean flipped), the
start date of a dated value or of a closing null one day earlier or later, a comparison/arithmetic/boolean operator
or a numeric constant in a formula — and runs only the YAML cases that read that parameter or formula (traced once
on the unchanged law). A mutant is *caught* when at least one of those cases fails or raises. A date move between
two equal values is no change of the law and is not counted.

The YAML cases run in this process with OpenFisca's own output check (``openfisca_core.tools.test_runner``); the
parameter mutants change the loaded parameter objects and are undone after each run, the formula mutants swap one
compiled function (a small AST mutator of this module; see ``docs`` for why not mutmut or cosmic-ray).
"""

from __future__ import annotations

import ast
import contextlib
import datetime
import functools
import inspect
import sys
import time
import types
import warnings
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import yaml
from openfisca_core.parameters import Parameter, ParameterNode, ParameterNodeAtInstant
from openfisca_core.simulations import Simulation, SimulationBuilder
from openfisca_core.taxbenefitsystems import TaxBenefitSystem
from openfisca_core.tools import test_runner

from openfisca_llo.docgen.analysis import function_definition

STEP_UNITS = {"count", "month", "week", "year", "day", "date-yyyymmdd"}
KINDS = ("getal", "ja/nee", "begindatum", "einddatum", "operator", "constante")


# --------------------------------------------------------------------------------------------------------------
# YAML cases


@dataclass
class Case:
    """One YAML case: its file, its number in the file (from 1), and the OpenFisca test built from it."""

    file: str
    number: int
    name: str
    reforms: tuple[str, ...]
    test: test_runner.Test
    scheme: str

    @property
    def id(self) -> str:
        return f"{self.file}#{self.number}"


def load_cases(test_dir: Path) -> list[Case]:
    """Every case of every YAML file under ``test_dir`` (golden files excluded), in file order."""
    cases = []
    for path in sorted(test_dir.rglob("*.yaml")):
        relative = path.relative_to(test_dir.parent).as_posix()
        if "/golden/" in f"/{relative}":
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data is None:
            continue
        for number, raw in enumerate(data if isinstance(data, list) else [data], start=1):
            reforms = tuple(raw.get("reforms") or ())
            scheme = _scheme_of_case(path.relative_to(test_dir), reforms)
            cases.append(Case(relative, number, raw.get("name", ""), reforms, test_runner.build_test(dict(raw)), scheme))
    return cases


def _scheme_of_case(relative: Path, reforms: tuple[str, ...]) -> str:
    if reforms:
        return "hervorming " + reforms[-1].rsplit(".", 1)[-1]
    return relative.parts[0]


class _Check:
    """OpenFisca's YAML output check (test_runner.YamlItem), without pytest."""

    check_output = test_runner.YamlItem.check_output
    check_variable = test_runner.YamlItem.check_variable
    should_ignore_variable = test_runner.YamlItem.should_ignore_variable

    def __init__(self, test, tax_benefit_system, simulation) -> None:
        self.test = test
        self.tax_benefit_system = tax_benefit_system
        self.simulation = simulation
        self.options = {}


def run_case(case: Case, tax_benefit_system: TaxBenefitSystem) -> str | None:
    """None when the case passes; otherwise the first line of the failure (an error counts as a failure)."""
    try:
        builder = SimulationBuilder()
        builder.set_default_period(case.test.period)
        simulation = builder.build_from_dict(tax_benefit_system, case.test.input)
        if case.test.max_spiral_loops:
            simulation.max_spiral_loops = case.test.max_spiral_loops
        _Check(case.test, tax_benefit_system, simulation).check_output()
    except Exception as error:  # noqa: BLE001 - any failure or error of a case catches the mutant
        text = str(error).strip().splitlines()
        return f"{type(error).__name__}: {text[0] if text else ''}"[:200]
    return None


class Systems:
    """The law and each combination of reforms the cases ask for, built once."""

    def __init__(self, baseline: TaxBenefitSystem, cases: Iterable[Case]) -> None:
        self.baseline = baseline
        self.by_reforms: dict[tuple[str, ...], TaxBenefitSystem] = {(): baseline}
        for case in cases:
            if case.reforms not in self.by_reforms:
                self.by_reforms[case.reforms] = test_runner._get_tax_benefit_system(baseline, list(case.reforms), [])

    def of(self, case: Case) -> TaxBenefitSystem:
        return self.by_reforms[case.reforms]

    def all(self) -> list[TaxBenefitSystem]:
        return list(self.by_reforms.values())


def clear_parameter_caches() -> None:
    TaxBenefitSystem.get_parameters_at_instant.cache_clear()
    for cache in (getattr(TaxBenefitSystem, "_parameters_at_instant_cache", None),):
        if isinstance(cache, dict):
            cache.clear()


# --------------------------------------------------------------------------------------------------------------
# Tracing: which case reads which parameter (on which date) and runs which formula


@dataclass
class Trace:
    parameters: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # case id -> names
    instants: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))  # (case, name) -> dates
    variables: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # case id -> variable names
    code: dict[object, set[str]] = field(default_factory=lambda: defaultdict(set))  # rule function code -> case ids
    failures: dict[str, str] = field(default_factory=dict)  # cases failing on the unchanged law


def _recording_parameter_methods(record_parameter) -> dict:
    """ParameterNodeAtInstant methods that record every leaf read (a null value asked for is a read too)."""
    original_getattr = ParameterNodeAtInstant.__getattr__
    original_getitem = ParameterNodeAtInstant.__getitem__

    def add_child(self, child_name, child_at_instant):
        self._children[child_name] = child_at_instant  # no attribute: every read goes through __getattr__

    def _read(self, key):
        child = self._children[key]
        name = f"{self._name}.{key}" if self._name else key
        if isinstance(child, ParameterNodeAtInstant):
            return child
        record_parameter(name, self._instant_str)
        return child

    def getattr_(self, key):
        if key.startswith("__") or key in ("_children", "_name", "_instant_str"):
            raise AttributeError(key)
        try:
            return _read(self, key)
        except KeyError:
            # a null value is no child at this instant: asking for it is a read too (the answer 'unknown' depends on it)
            record_parameter(f"{self._name}.{key}" if self._name else key, self._instant_str)
            return original_getattr(self, key)

    def getitem(self, key):
        if isinstance(key, str):
            if key in self._children:
                return _read(self, key)
            record_parameter(f"{self._name}.{key}" if self._name else key, self._instant_str)
        return original_getitem(self, key)

    return {"add_child": add_child, "__getattr__": getattr_, "__getitem__": getitem}


@contextlib.contextmanager
def _tracing(record_parameter, record_variable, record_code) -> Iterator[None]:
    """Record every leaf read from a ParameterNodeAtInstant and every formula run, while active."""
    original_run_formula = Simulation._run_formula

    def run_formula(self, variable, population, period):
        record_variable(variable.name)
        return original_run_formula(self, variable, population, period)

    roots = tuple(str(_rule_root(package)) for package in ("variables", "reforms"))

    def profile(frame, event, arg):
        if event == "call" and frame.f_code.co_filename.startswith(roots):
            record_code(frame.f_code)

    patches = _recording_parameter_methods(record_parameter)
    originals = {name: getattr(ParameterNodeAtInstant, name) for name in patches}
    sys.setprofile(profile)
    for name, method in patches.items():
        setattr(ParameterNodeAtInstant, name, method)
    Simulation._run_formula = run_formula
    clear_parameter_caches()
    try:
        yield
    finally:
        sys.setprofile(None)
        for name, method in originals.items():
            setattr(ParameterNodeAtInstant, name, method)
        Simulation._run_formula = original_run_formula
        clear_parameter_caches()


def trace_cases(cases: list[Case], systems: Systems) -> Trace:
    trace = Trace()
    current: list[str] = [""]

    def record_parameter(name, instant):
        trace.parameters[current[0]].add(name)
        trace.instants[(current[0], name)].add(instant)

    def record_variable(name):
        trace.variables[current[0]].add(name)

    def record_code(code):
        trace.code[code].add(current[0])

    with _tracing(record_parameter, record_variable, record_code):
        for case in cases:
            current[0] = case.id
            failure = run_case(case, systems.of(case))
            if failure:
                trace.failures[case.id] = failure
    return trace


# --------------------------------------------------------------------------------------------------------------
# Mutants


@dataclass
class Mutant:
    id: str
    kind: str
    scheme: str
    description: str
    apply: callable  # () -> undo callable
    cases: list[Case] = field(default_factory=list)
    caught_by: str | None = None
    message: str | None = None
    no_difference: bool = False  # listed under `overlevers`: the change makes no difference anywhere
    parameter: str | None = None  # for parameter mutants: the parameter and the start of the changed value
    start: str | None = None
    window: set[str] = field(default_factory=set)  # value mutants: cases that read the value; all of them are run
    pinned_by: list[str] = field(default_factory=list)  # value mutants: every case of `window` that fails


def _leaves(node) -> Iterator[Parameter]:
    for child in node.children.values():
        if isinstance(child, ParameterNode):
            yield from _leaves(child)
        elif isinstance(child, Parameter):
            yield child


def _find(root: ParameterNode, name: str) -> Parameter | None:
    node = root
    for key in name.split("."):
        children = getattr(node, "children", None)
        if children is None or key not in children:
            return None
        node = children[key]
    return node if isinstance(node, Parameter) else None


def _day(text: str, delta: int) -> str:
    return (datetime.date.fromisoformat(text) + datetime.timedelta(days=delta)).isoformat()


def _history(values: list[tuple[str, object]]) -> list[tuple[str, object]]:
    """The value as a function of time: (start, value) oldest first, equal neighbours merged."""
    merged: list[tuple[str, object]] = []
    for start, value in sorted(values):
        if merged and merged[-1][1] == value:
            continue
        merged.append((start, value))
    return merged


def _mutated_number(value, unit):
    if isinstance(value, bool):
        return not value
    if value == 0 or unit in STEP_UNITS or (isinstance(value, int) and unit not in ("currency-EUR", "percent", "/1")):
        return value + 1
    return round(value * 1.1, 10)


def parameter_mutants(systems: Systems) -> list[Mutant]:
    """Every dated value of every parameter of the law and of the reforms, changed one at a time.

    A reform's own parameters count for that reform; so do the dated values a reform adds to a parameter of the law
    (an amendment that extends a figure), while the values both share count for the law.
    """
    baseline = {p.name: p for p in _leaves(systems.baseline.parameters)}
    jobs: list[tuple[str, Parameter, str, set[str] | None]] = [(n, p, n.split(".", 1)[0], None) for n, p in baseline.items()]
    seen: set[tuple[str, str]] = set()
    for reforms, system in systems.by_reforms.items():
        scheme = "hervorming " + reforms[-1].rsplit(".", 1)[-1] if reforms else None
        for parameter in _leaves(system.parameters) if reforms else ():
            law = baseline.get(parameter.name)
            starts = {v.instant_str for v in parameter.values_list}
            if law is not None:
                starts -= {v.instant_str for v in law.values_list}
            starts = {s for s in starts if (parameter.name, s) not in seen}
            if starts:
                seen.update((parameter.name, s) for s in starts)
                jobs.append((parameter.name, parameter, scheme, starts))
    mutants = []
    for name, parameter, scheme, only in sorted(jobs, key=lambda job: job[0]):
        unit = (parameter.metadata or {}).get("unit")
        entries = sorted((v.instant_str, v.value) for v in parameter.values_list)
        original = _history(entries)
        for index, (start, value) in enumerate(entries):
            if only is not None and start not in only:
                continue
            changes = []
            if value is not None and not isinstance(value, (str, list, dict)):
                new = _mutated_number(value, unit)
                kind = "ja/nee" if isinstance(value, bool) else "getal"
                label = f"{value} -> {new}"
                changes.append((kind, f"{name}@{start}:{kind}", label, {index: (start, new)}))
            kind = "einddatum" if value is None else "begindatum"
            for delta, label in ((-1, "een dag eerder"), (1, "een dag later")):
                moved = _day(start, delta)
                neighbours = [s for i, (s, _) in enumerate(entries) if i != index]
                if moved in neighbours:
                    continue
                if delta == -1 and index > 0 and moved < entries[index - 1][0]:
                    continue
                changes.append((kind, f"{name}@{start}:{kind}{delta:+d}", f"{start} -> {moved} ({label})",
                                {index: (moved, value)}))
            for kind, mutant_id, label, change in changes:
                new_entries = [change.get(i, entry) for i, entry in enumerate(entries)]
                if _history(new_entries) == original:
                    continue  # no change of the law (a date between two equal values)
                new_start, new_value = change[index]
                to_value = None if kind in ("begindatum", "einddatum") else functools.partial(_mutated_number, unit=unit)
                mutants.append(Mutant(mutant_id, kind, scheme, f"{name} {start}: {label}",
                                      functools.partial(_apply_parameter, systems, name, start, new_start, to_value),
                                      parameter=name, start=start))
    return mutants


def _apply_parameter(systems: Systems, name: str, start: str, new_start: str, to_value):
    """Move the value starting on ``start`` to ``new_start``, or change it with ``to_value``, in the law and in every
    reform that has this parameter (a reform may hold another value on that date: it is changed the same way)."""
    changed = []
    for system in systems.all():
        parameter = _find(system.parameters, name)
        if parameter is None:
            continue
        for at_instant in parameter.values_list:
            if at_instant.instant_str == start and all(at_instant is not c[1] for c in changed):
                changed.append((parameter, at_instant, at_instant.instant_str, at_instant.value, list(parameter.values_list)))
                at_instant.instant_str = new_start
                if to_value is not None and at_instant.value is not None:
                    at_instant.value = to_value(at_instant.value)
                parameter.values_list = sorted(parameter.values_list, key=lambda v: v.instant_str, reverse=True)
    clear_parameter_caches()

    def undo():
        for parameter, at_instant, old_start, old_value, old_list in changed:
            at_instant.instant_str, at_instant.value = old_start, old_value
            parameter.values_list = old_list
        clear_parameter_caches()

    return undo


# Formula mutants: a small AST mutator over the functions of the rule modules

COMPARE_SWAPS = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq,
                 ast.NotEq: ast.Eq, ast.Is: ast.IsNot, ast.IsNot: ast.Is, ast.In: ast.NotIn, ast.NotIn: ast.In}
BINOP_SWAPS = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult, ast.FloorDiv: ast.Div,
               ast.Mod: ast.FloorDiv, ast.BitAnd: ast.BitOr, ast.BitOr: ast.BitAnd, ast.Pow: ast.Mult}
BOOLOP_SWAPS = {ast.And: ast.Or, ast.Or: ast.And}
SYMBOLS = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=", ast.Is: "is",
           ast.IsNot: "is not", ast.In: "in", ast.NotIn: "not in", ast.Add: "+", ast.Sub: "-", ast.Mult: "*",
           ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%", ast.BitAnd: "&", ast.BitOr: "|", ast.Pow: "**",
           ast.And: "and", ast.Or: "or"}


def _sites(function_node: ast.AST) -> list[tuple[str, str, ast.AST, int | None]]:
    """(kind, description, node, operand index) for every mutable spot of a function, in source order."""
    docstring = None
    body = getattr(function_node, "body", [])
    if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant):
        docstring = body[0].value
    sites = []
    body_nodes = [node for statement in body for node in ast.walk(statement)]  # not the annotations or defaults
    for node in body_nodes:
        if isinstance(node, ast.Compare):
            for position, op in enumerate(node.ops):
                if type(op) in COMPARE_SWAPS:
                    sites.append(("operator", f"{SYMBOLS[type(op)]} -> {SYMBOLS[COMPARE_SWAPS[type(op)]]}", node, position))
        elif isinstance(node, ast.BinOp) and type(node.op) in BINOP_SWAPS:
            sites.append(("operator", f"{SYMBOLS[type(node.op)]} -> {SYMBOLS[BINOP_SWAPS[type(node.op)]]}", node, None))
        elif isinstance(node, ast.BoolOp):
            sites.append(("operator", f"{SYMBOLS[type(node.op)]} -> {SYMBOLS[BOOLOP_SWAPS[type(node.op)]]}", node, None))
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.Not, ast.Invert)):
            sites.append(("operator", f"{'not' if isinstance(node.op, ast.Not) else '~'} weggelaten", node, None))
        elif (isinstance(node, ast.Constant) and node is not docstring and type(node.value) in (int, float)):
            sites.append(("constante", f"{node.value!r} -> {node.value + 1!r}", node, None))
    sites.sort(key=lambda s: (s[2].lineno, s[2].col_offset, s[1]))
    return sites


class _Mutate(ast.NodeTransformer):
    def __init__(self, target: ast.AST, position: int | None) -> None:
        self.target, self.position = target, position

    def visit(self, node):
        if node is not self.target:
            return self.generic_visit(node)
        if isinstance(node, ast.Compare):
            ops = list(node.ops)
            ops[self.position] = COMPARE_SWAPS[type(ops[self.position])]()
            node.ops = ops
        elif isinstance(node, ast.BinOp):
            node.op = BINOP_SWAPS[type(node.op)]()
        elif isinstance(node, ast.BoolOp):
            node.op = BOOLOP_SWAPS[type(node.op)]()
        elif isinstance(node, ast.UnaryOp):
            return node.operand
        elif isinstance(node, ast.Constant):
            node.value = node.value + 1
        return node


def _rule_file(function) -> Path | None:
    try:
        path = Path(inspect.getsourcefile(function)).resolve()
    except (TypeError, OSError):
        return None
    for package in ("variables", "reforms"):
        root = _rule_root(package)
        if root in path.parents:
            return path
    return None


@functools.cache  # two keys: 'variables' and 'reforms'
def _rule_root(package: str) -> Path:
    module = __import__(f"openfisca_llo.{package}", fromlist=["_"])
    return Path(module.__file__).resolve().parent


def _display_path(path: Path) -> str:
    for package in ("variables", "reforms"):
        root = _rule_root(package)
        if root in path.parents or root == path:
            return f"{package}/{path.relative_to(root).as_posix()}"
    return path.name


def _scheme_of_rule_file(path: Path, systems: Systems, parameter_schemes: set[str]) -> str:
    shown = _display_path(path)
    if shown.startswith("reforms/"):
        parts = shown.split("/")
        package = parts[1].removesuffix(".py")
        for reforms in systems.by_reforms:
            for reform in reforms:
                module = _reform_module(reform)
                if module and module.startswith(f"openfisca_llo.reforms.{package}"):
                    return "hervorming " + reform.rsplit(".", 1)[-1]
        return "hervorming " + package
    folder = shown.split("/")[1]
    return path.stem if folder not in parameter_schemes and path.stem in parameter_schemes else folder


@functools.lru_cache(maxsize=256)  # reform paths named in YAML cases: bounded
def _reform_module(reform_path: str) -> str | None:
    module_name, attribute = reform_path.rsplit(".", 1)
    module = __import__(module_name, fromlist=[attribute])
    return getattr(getattr(module, attribute, None), "__module__", None)


def formula_functions(systems: Systems, trace: Trace) -> dict[types.FunctionType, set[str]]:
    """Each function of the rule modules that a YAML case runs, with the cases that run it (traced).

    Formulas, and module-level functions of the rule modules called during a simulation; functions run only
    when a module is imported (such as building a reason Enum) are no rule of a case and are left out.
    """
    functions: dict[types.FunctionType, set[str]] = {}
    module_dicts: dict[int, dict] = {}
    for system in systems.all():
        for variable in system.variables.values():
            for formula in variable.formulas.values():
                if isinstance(formula, types.FunctionType) and _rule_file(formula) is not None:
                    functions[formula] = set(trace.code.get(formula.__code__, ()))
                    module_dicts[id(formula.__globals__)] = formula.__globals__
    for globals_ in module_dicts.values():
        for value in list(globals_.values()):
            if (isinstance(value, types.FunctionType) and value not in functions and _rule_file(value) is not None
                    and value.__code__ in trace.code):
                functions[value] = set(trace.code[value.__code__])
    return functions


def formula_mutants(systems: Systems, reach: dict[types.FunctionType, set[str]], cases: list[Case],
                    trace: Trace) -> list[Mutant]:
    mutants = []
    parameter_schemes = {p.name.split(".", 1)[0] for p in _leaves(systems.baseline.parameters)}
    module_dicts = {id(f.__globals__): f.__globals__ for f in reach}
    groups: dict[str, list[types.FunctionType]] = defaultdict(list)
    for function in reach:
        # a rule module may be loaded twice (by OpenFisca from its file, and imported by a reform): one mutant each
        groups[f"{_display_path(_rule_file(function))}:{function.__qualname__}"].append(function)
    for where, functions in sorted(groups.items(), key=lambda g: (g[0].split(":")[0], g[1][0].__code__.co_firstlineno)):
        function = functions[0]
        if function.__code__.co_freevars:
            continue
        parsed = function_definition(function)
        if parsed is None or parsed[1].decorator_list:
            continue
        source, definition = parsed
        path = _rule_file(function)
        scheme = _scheme_of_rule_file(path, systems, parameter_schemes)
        reached = set().union(*(reach[f] for f in functions))
        selected = [c for c in cases if c.id in reached and c.id not in trace.failures]
        counts: dict[str, int] = defaultdict(int)
        for kind, description, node, position in _sites(definition):
            counts[description] += 1
            line = function.__code__.co_firstlineno + node.lineno - 1
            mutant_id = f"{where}:{description} #{counts[description]}"
            mutants.append(Mutant(mutant_id, kind, scheme, f"{where} regel {line}: {description}",
                                  functools.partial(_apply_functions, systems, module_dicts, functions, source,
                                                    _path_to(definition, node), position), selected))
    return mutants


def _path_to(root: ast.AST, target: ast.AST) -> tuple[int, ...]:
    """The position of ``target`` in ``ast.walk`` order, stable across re-parsing the same source."""
    for index, node in enumerate(ast.walk(root)):
        if node is target:
            return (index,)
    raise ValueError("node not found")


def _apply_functions(systems, module_dicts, functions, source, path, position):
    undos = [_apply_function(systems, module_dicts, function, source, path, position) for function in functions]

    def undo():
        for step in reversed(undos):
            step()

    return undo


def _apply_function(systems, module_dicts, function, source, path, position):
    tree = ast.parse(source)
    definition = tree.body[0]
    target = next(node for index, node in enumerate(ast.walk(definition)) if index == path[0])
    tree = ast.fix_missing_locations(_Mutate(target, position).visit(tree))
    ast.increment_lineno(tree, function.__code__.co_firstlineno - 1)
    namespace: dict = {}
    exec(compile(tree, inspect.getsourcefile(function), "exec"), function.__globals__, namespace)  # noqa: S102
    mutated = namespace[function.__name__]
    mutated.__qualname__ = function.__qualname__
    swapped = []
    for system in systems.all():
        for variable in system.variables.values():
            for key, formula in list(variable.formulas.items()):
                if formula is function:
                    variable.formulas[key] = mutated
                    swapped.append((variable.formulas, key))
    replaced = []
    for globals_ in module_dicts.values():
        for key, value in list(globals_.items()):
            if value is function:
                globals_[key] = mutated
                replaced.append((globals_, key))

    def undo():
        for formulas, key in swapped:
            formulas[key] = function
        for globals_, key in replaced:
            globals_[key] = function

    return undo


# --------------------------------------------------------------------------------------------------------------
# The run


@dataclass
class Result:
    mutants: list[Mutant]
    trace: Trace
    cases: list[Case]
    seconds: float
    survivors_listed: dict[str, str] = field(default_factory=dict)

    def table(self) -> dict[tuple[str, str], list[int]]:
        """(scheme, kind) -> [caught, that make a difference, all]; also ('alle', kind), (scheme, 'alle') and
        ('alle', 'alle'). Mutants listed as making no difference (section ``overlevers``) are not in the second count."""
        counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
        for mutant in self.mutants:
            for key in ((mutant.scheme, mutant.kind), ("alle", mutant.kind), (mutant.scheme, "alle"), ("alle", "alle")):
                counts[key][0] += mutant.caught_by is not None
                counts[key][1] += not mutant.no_difference
                counts[key][2] += 1
        return dict(counts)

    def survivors(self) -> list[Mutant]:
        return [m for m in self.mutants if m.caught_by is None]


def select_cases(cases: list[Case], trace: Trace, parameter: str | None = None,
                 variables: set[str] | None = None) -> list[Case]:
    selected = []
    for case in cases:
        if case.id in trace.failures:
            continue
        if parameter is not None and parameter in trace.parameters.get(case.id, ()):
            selected.append(case)
        elif variables and variables & trace.variables.get(case.id, set()):
            selected.append(case)
    return selected


def _order_for_date(cases: list[Case], trace: Trace, parameter: str, start: str) -> list[Case]:
    """Cases reading the parameter closest to the changed date first: a caught mutant stops early."""

    def distance(case):
        dates = trace.instants.get((case.id, parameter)) or {"9999-12-31"}
        return min(abs((datetime.date.fromisoformat(d) - datetime.date.fromisoformat(start)).days) for d in dates)

    return sorted(cases, key=distance)


def build(test_dir: Path, baseline: TaxBenefitSystem | None = None, schemes: set[str] | None = None,
          kinds: set[str] | None = None) -> tuple[list[Mutant], Trace, list[Case], Systems]:
    from openfisca_llo import CountryTaxBenefitSystem

    cases = load_cases(test_dir)
    systems = Systems(baseline or CountryTaxBenefitSystem(), cases)
    trace = trace_cases(cases, systems)
    mutants = parameter_mutants(systems)
    for mutant in mutants:
        name, start = mutant.parameter, mutant.start
        mutant.cases = _order_for_date(select_cases(cases, trace, parameter=name), trace, name, start)
        if mutant.kind in ("getal", "ja/nee"):
            end = _value_end(systems.baseline, name, start)
            mutant.window = {c.id for c in mutant.cases
                             if any(start <= d < end for d in trace.instants.get((c.id, name), ()))}
    mutants.extend(formula_mutants(systems, formula_functions(systems, trace), cases, trace))
    if schemes:
        mutants = [m for m in mutants if m.scheme in schemes]
    if kinds:
        mutants = [m for m in mutants if m.kind in kinds]
    return mutants, trace, cases, systems


def run(mutants: list[Mutant], systems: Systems, progress=None) -> None:
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        _run(mutants, systems, progress)


def _value_end(baseline, name: str, start: str) -> str:
    parameter = _find(baseline.parameters, name)
    later = sorted(v.instant_str for v in (parameter.values_list if parameter else ()) if v.instant_str > start)
    return later[0] if later else "9999-12-31"


def _run(mutants: list[Mutant], systems: Systems, progress=None) -> None:
    for number, mutant in enumerate(mutants, start=1):
        undo = mutant.apply()
        try:
            # a value mutant runs every case that reads the value (they pin it), then stops at the first failure
            ordered = [c for c in mutant.cases if c.id in mutant.window] + [c for c in mutant.cases if c.id not in mutant.window]
            for case in ordered:
                if mutant.caught_by is not None and case.id not in mutant.window:
                    break
                failure = run_case(case, systems.of(case))
                if failure:
                    if mutant.caught_by is None:
                        mutant.caught_by, mutant.message = case.id, failure
                    if case.id in mutant.window:
                        mutant.pinned_by.append(case.id)
        finally:
            undo()
        if progress:
            progress(number, len(mutants))


def measure(test_dir: Path, schemes: set[str] | None = None, kinds: set[str] | None = None, progress=None) -> Result:
    started = time.perf_counter()
    mutants, trace, cases, systems = build(test_dir, schemes=schemes, kinds=kinds)
    run(mutants, systems, progress)
    return Result(mutants, trace, cases, time.perf_counter() - started)


# --------------------------------------------------------------------------------------------------------------
# The reviewed list of survivors


@dataclass
class Explained:
    """One entry of the reviewed survivors file: a mutant id (or an fnmatch pattern over ids) and why it survives."""

    id: str
    reden: str
    open: bool = False  # True: a spec is still missing (section nog_open), not a change without effect


def load_explained(path: Path) -> list[Explained]:
    """Section ``overlevers``: mutants no case can catch, each with the reason; section ``nog_open``: survivors
    for which a spec is still missing, listed so that a new survivor or a newly caught one is noticed."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: verwacht de secties 'overlevers' en 'nog_open'")
    explained = []
    for section, is_open in (("overlevers", False), ("nog_open", True)):
        entries = data.get(section) or []
        problems = [f"{section} nummer {i}: 'id' en 'reden' zijn verplicht" for i, e in enumerate(entries, 1)
                    if not isinstance(e, dict) or not e.get("id") or not str(e.get("reden", "")).strip()]
        if problems:
            raise ValueError(f"{path}: " + "; ".join(problems))
        explained += [Explained(str(e["id"]), str(e["reden"]).strip(), is_open) for e in entries]
    return explained


def check_explained(result: Result, explained: list[Explained]) -> dict[str, list]:
    """Survivors not explained, explained mutants that are caught, and entries that match no mutant."""
    from fnmatch import fnmatchcase

    matched: dict[str, Explained] = {}
    caught_but_listed, stale = [], []
    by_id = {m.id: m for m in result.mutants}
    for entry in explained:
        # an id is itself (formula ids may hold '*'); otherwise a pattern
        hits = [by_id[entry.id]] if entry.id in by_id else [m for m in result.mutants if fnmatchcase(m.id, entry.id)]
        if not hits:
            stale.append(entry.id)
        for mutant in hits:
            if mutant.caught_by is None:
                matched[mutant.id] = entry
            else:
                caught_but_listed.append(mutant)
    result.survivors_listed = {mutant_id: ("nog open: " if entry.open else "") + entry.reden
                               for mutant_id, entry in matched.items()}
    for mutant in result.mutants:
        mutant.no_difference = mutant.id in matched and not matched[mutant.id].open
    return {
        "onverklaard": [m for m in result.survivors() if m.id not in matched],
        "vermeld_maar_gevangen": caught_but_listed,
        "vermeld_zonder_mutatie": stale,
    }


# --------------------------------------------------------------------------------------------------------------
# Output


def percent(caught: int, total: int) -> str:
    return "-" if total == 0 else f"{100 * caught / total:.0f}%".replace(".", ",")


def render_text(result: Result, problems: dict[str, list] | None) -> str:
    table = result.table()
    schemes = sorted({s for s, _ in table if s != "alle"}) + ["alle"]
    kinds = [k for k in KINDS if ("alle", k) in table] + ["alle"]
    lines = [f"Mutatietoets: {len(result.mutants)} mutaties, {len(result.cases)} YAML-gevallen, "
             f"{result.seconds:.1f} s".replace(".", ","),
             "Per cel: gevangen / mutaties die verschil maken (zonder de verklaarde overlevers), en het aandeel.", ""]
    width = max(len(s) for s in schemes)
    lines.append(" " * width + "".join(f"{k:>16}" for k in kinds))
    for scheme in schemes:
        cells = []
        for kind in kinds:
            caught, total, _ = table.get((scheme, kind), (0, 0, 0))
            cells.append(f"{f'{caught}/{total} {percent(caught, total)}' if total else '-':>16}")
        lines.append(f"{scheme:<{width}}" + "".join(cells))
    caught, relevant, everything = table.get(("alle", "alle"), (0, 0, 0))
    lines.append(f"Van alle {everything} mutaties gevangen: {caught} ({percent(caught, everything)}); "
                 f"{everything - relevant} verklaard als zonder verschil.")
    survivors = result.survivors()
    still_open = sum(1 for m in survivors if result.survivors_listed.get(m.id, "").startswith("nog open: "))
    lines += ["", f"Overlevers (niet gevangen): {len(survivors)}, waarvan {still_open} nog open (een geval ontbreekt)"]
    for mutant in survivors:
        reason = result.survivors_listed.get(mutant.id)
        if reason and reason.startswith("nog open: "):
            mark = "  [nog open]"
        else:
            mark = f"  [verklaard: {reason.splitlines()[0][:90]}]" if reason else "  [NIET VERKLAARD]"
        lines.append(f"- {mutant.scheme} | {mutant.kind} | {mutant.id} ({len(mutant.cases)} gevallen){mark}")
    if problems:
        for mutant in problems["vermeld_maar_gevangen"]:
            lines.append(f"Fout: {mutant.id} staat in de lijst van overlevers maar wordt gevangen door {mutant.caught_by}")
        for pattern in problems["vermeld_zonder_mutatie"]:
            lines.append(f"Fout: {pattern} staat in de lijst van overlevers maar is geen mutatie (meer)")
        if problems["onverklaard"]:
            lines.append(f"Fout: {len(problems['onverklaard'])} overlever(s) niet verklaard in de lijst van overlevers")
    return "\n".join(lines) + "\n"


def as_json(result: Result, problems: dict[str, list] | None) -> dict:
    table = result.table()
    return {
        "mutaties": len(result.mutants),
        "gevallen": len(result.cases),
        "seconden": round(result.seconds, 1),
        "tabel": [{"regeling": s, "soort": k, "gevangen": c, "met_verschil": r, "totaal": t}
                  for (s, k), (c, r, t) in sorted(table.items())],
        "mutanten": [
            {"id": m.id, "regeling": m.scheme, "soort": m.kind, "omschrijving": m.description,
             "gevallen": len(m.cases), "gevangen_door": m.caught_by, "melding": m.message,
             "zonder_verschil": m.no_difference, "vastgepind_door": m.pinned_by,
             "verklaring": result.survivors_listed.get(m.id)}
            for m in result.mutants
        ],
        "fouten": None if problems is None else {
            "onverklaard": [m.id for m in problems["onverklaard"]],
            "vermeld_maar_gevangen": [m.id for m in problems["vermeld_maar_gevangen"]],
            "vermeld_zonder_mutatie": problems["vermeld_zonder_mutatie"],
        },
    }


def pinning(result: Result) -> dict:
    """Per parameter and dated value (its start date): the cases that pin the value, and the state of the value and
    date mutants ('gevangen', 'open' or 'geen verschil'), for the parameter pages of the documentation."""
    names = {case.id: case.name for case in result.cases}
    report: dict[str, dict[str, dict]] = defaultdict(dict)
    for mutant in result.mutants:
        if mutant.parameter is None:
            continue
        entry = report[mutant.parameter].setdefault(mutant.start, {"vastgepind_door": [], "waarde": None, "datum": []})
        state = "gevangen" if mutant.caught_by else ("geen verschil" if mutant.no_difference else "open")
        if mutant.kind in ("getal", "ja/nee"):
            entry["waarde"] = state
            entry["vastgepind_door"] = [{"geval": c, "naam": names.get(c, "")} for c in mutant.pinned_by]
        else:
            entry["datum"].append({"mutatie": mutant.description, "status": state, "gevangen_door": mutant.caught_by})
    return {name: dict(sorted(values.items())) for name, values in sorted(report.items())}

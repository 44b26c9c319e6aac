"""Static analysis of formulas: the variables and parameters a formula uses, read from its syntax tree."""

from __future__ import annotations

import ast
import dataclasses
import inspect
import textwrap
from functools import cache
from pathlib import Path

from openfisca_core.parameters import Parameter, ParameterScale

from openfisca_llo.docgen.names import documented_parameters, variable_file


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


def root_name(node) -> str | None:
    """The name an attribute, call or subscript chain starts from (``persoon`` in ``persoon.menage("x")``)."""
    while isinstance(node, (ast.Attribute, ast.Call, ast.Subscript)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def _is_string(node) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _parameter_aliases(function: ast.FunctionDef, parameter_args: set[str]) -> dict[str, tuple[str, ...]]:
    """Names bound to a parameter node (``p = parameters(period).stap``), followed through re-bindings."""
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
    return aliases


def _attribute_path(node, parameter_args: set[str], aliases: dict) -> tuple[str, ...] | None:
    """The path of the longest parameter chain ending at this attribute or subscript (None inside a longer one)."""
    path = _parameter_path(node, parameter_args, aliases)
    parent = getattr(node, "_llo_parent", None)
    extended = (
        isinstance(parent, (ast.Attribute, ast.Subscript))
        and parent.value is node
        and _parameter_path(parent, parameter_args, aliases) is not None
    )
    return path if path and not extended else None


def _optional_parameter_path(call: ast.Call, parameter_args: set[str], aliases: dict) -> tuple[str, ...] | None:
    """The parameter an optional-parameter helper reads (see ``openfisca_llo.optional_parameters``)."""
    if not isinstance(call.func, ast.Name):
        return None
    args = call.args
    if call.func.id == "value_or_none" and len(args) == 2 and _is_string(args[1]):
        # value_or_none(p, "name"): the optional child 'name' of the parameter node p
        base = _parameter_path(args[0], parameter_args, aliases)
        return None if base is None else (*base, args[1].value)
    if (call.func.id == "known_value" and len(args) == 3 and isinstance(args[0], ast.Name)
            and args[0].id in parameter_args and _is_string(args[2])):
        # known_value(parameters, period, "a.b.c"): the optional parameter at that dotted path
        return tuple(args[2].value.split("."))
    return None


def _helper_arguments(call: ast.Call, helper: ast.FunctionDef, entity_args: set[str],
                      parameter_args: set[str]) -> tuple[set[str], set[str]]:
    """The helper's own names for the entity and ``parameters`` arguments this call passes it."""
    names = [a.arg for a in helper.args.posonlyargs + helper.args.args]
    passed = [(names[position], argument) for position, argument in enumerate(call.args[: len(names)])]
    passed += [(keyword.arg, keyword.value) for keyword in call.keywords if keyword.arg]
    helper_entities, helper_parameters = set(), set()
    for name, argument in passed:
        if isinstance(argument, ast.Name) and argument.id in entity_args:
            helper_entities.add(name)
        if isinstance(argument, ast.Name) and argument.id in parameter_args:
            helper_parameters.add(name)
    return helper_entities, helper_parameters


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
    aliases = _parameter_aliases(function, parameter_args)
    for node in ast.walk(function):
        if isinstance(node, (ast.Attribute, ast.Subscript)):
            path = _attribute_path(node, parameter_args, aliases)
            if path:
                uses.parameter_paths.add(path)
        if not isinstance(node, ast.Call):
            continue
        path = _optional_parameter_path(node, parameter_args, aliases)
        if path is not None:
            uses.parameter_paths.add(path)
        first = node.args[0] if node.args else None
        if _is_string(first) and first.value in variable_names and root_name(node.func) in entity_args:
            uses.variables.add(first.value)
        if isinstance(node.func, ast.Name) and node.func.id in helpers:
            helper = helpers[node.func.id]
            helper_entities, helper_parameters = _helper_arguments(node, helper, entity_args, parameter_args)
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


def function_definition(function) -> tuple[str, ast.FunctionDef] | None:
    """A function's dedented source and its ``def`` as a syntax tree; None where the source cannot be read or is
    not a plain function definition."""
    try:
        source = textwrap.dedent(inspect.getsource(function))
    except (OSError, TypeError):
        return None
    definition = ast.parse(source).body[0]
    return (source, definition) if isinstance(definition, ast.FunctionDef) else None


def formula_dependencies(tax_benefit_system, variable) -> tuple[set[str], set[str]]:
    """(variables, parameters) the formulas of a variable use, by static analysis of their source."""
    uses = Uses()
    path = variable_file(variable)
    helpers = _module_helpers(str(path)) if path and path.exists() else {}
    for function in variable.formulas.values():
        parsed = function_definition(function)
        if parsed is None:
            continue
        _source, definition = parsed
        names = [a.arg for a in definition.args.args]
        entity_args = {names[0]} if names else set()
        parameter_args = {names[2]} if len(names) > 2 else set()
        analyse_function(definition, entity_args, parameter_args, tax_benefit_system.variables, helpers, uses)
    parameters = set()
    for parameter_path in uses.parameter_paths:
        parameters.update(resolve_parameter_path(tax_benefit_system.parameters, parameter_path))
    return uses.variables - {variable.name}, parameters


"""Each item of a reason Enum has its own legal ground registered, so an explanation can cite it."""

import ast
import inspect
import textwrap
import types

import numpy as np
from openfisca_core.indexed_enums import Enum

from openfisca_llo.reasons import first_reason, reason_citations


def test_every_refusal_reason_has_its_own_citation(tax_benefit_system):
    missing = []
    for name, variable in tax_benefit_system.variables.items():
        if name.endswith("_afwijzingsgrond") and variable.value_type == Enum:
            for item in variable.possible_values:
                if item.name != "geen" and not reason_citations(variable.possible_values, item.name):
                    missing.append(f"{name}.{item.name}")
    assert missing == []


# ---- each reason stands next to its condition, and can be returned -------------------------------------------


def _reason_variables():
    """Every reason variable of the law and of each Python reform: (where, variable)."""
    from openfisca_llo.reforms import REFORMS

    from openfisca_llo import CountryTaxBenefitSystem

    baseline = CountryTaxBenefitSystem()
    systems = {"wet": baseline} | {key: reform(baseline) for key, reform in REFORMS.items()
                                   if not hasattr(reform, "amendment")}
    for where, system in systems.items():
        for name, variable in system.variables.items():
            if name.endswith("_afwijzingsgrond") and variable.value_type == Enum:
                yield where, variable


def _names_returned(function, items: set[str], seen: set) -> set[str]:
    """The reason items a function can return: the default and the reasons of ``first_reason`` pairs, the items in
    its return statements (early returns), and the same for the rule functions it calls (followed by name)."""
    if function in seen:
        return set()
    seen.add(function)
    tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    found: set[str] = set()

    def items_in(node) -> set[str]:
        return {n.attr for n in ast.walk(node) if isinstance(n, ast.Attribute) and n.attr in items}

    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "first_reason":
            arguments = {k.arg: k.value for k in node.keywords}
            assert set(arguments) == {"default", "pairs"} and not node.args, ast.unparse(node)
            found |= items_in(arguments["default"])
            for pair in arguments["pairs"].elts:
                reason, _condition = pair.elts
                found |= items_in(reason)
        elif isinstance(node, ast.Return) and node.value is not None:
            call = node.value
            if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "first_reason"):
                found |= items_in(node.value)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            called = function.__globals__.get(node.func.id)
            if isinstance(called, types.FunctionType) and called.__globals__ is function.__globals__:  # same rule file
                found |= _names_returned(called, items, seen)
    return found


def test_every_reason_has_its_ground_and_can_be_returned():
    """Each item of a reason Enum has a registered legal ground (openfisca_llo.reasons.grondslag) and is returned by
    the formula: in a ``first_reason`` pair, as its default, or in an early return. A reform's copy of the law's
    Enum (reforms/_redenen.py) returns the law's items through the law's formula: only its own items are checked
    there."""
    checked = 0
    problems = []
    for where, variable in _reason_variables():
        enum = variable.possible_values
        base = getattr(enum, "basis", None)
        own = {item.name for item in enum} - ({item.name for item in base} if base else set())
        items = {item.name for item in enum}
        returned = set()
        for formula in variable.formulas.values():
            returned |= _names_returned(formula, items, set())
        for name in sorted(own):
            checked += 1
            if name != "geen" and not reason_citations(enum, name):
                problems.append(f"{where}: {variable.name}.{name} heeft geen grondslag (reasons.grondslag)")
            if name not in returned:
                problems.append(f"{where}: {variable.name}.{name} wordt nooit teruggegeven")
    assert problems == []
    assert checked > 100  # every scheme's reasons were read


def test_first_reason_takes_the_first_pair_that_holds():
    values = first_reason(default="geen", pairs=[("a", np.array([True, False, False])),
                                                 ("b", np.array([True, True, False]))])
    assert values.tolist() == ["a", "b", "geen"]

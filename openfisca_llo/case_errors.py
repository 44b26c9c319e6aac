"""Why a YAML case cannot be run, in Dutch: for ``vergelijk --toetsen`` and the werkbank's amendment page.

OpenFisca answers a malformed case with English messages, sometimes with a traceback inside them ("Could not import
...", "Unable to set value ... dtype ..."). The drafter reads instead which case, in which file, and what is wrong:
the unknown variable, the period, the value that does not fit, or the reform that does not exist.
"""

from __future__ import annotations

import datetime
import re

from openfisca_core.errors import (
    ParameterNotFoundError,
    PeriodMismatchError,
    SituationParsingError,
    VariableNotFoundError,
)
from openfisca_core.periods import period as make_period

from openfisca_llo.inputs import show

TYPE_TEXT = {bool: "true of false", int: "een geheel getal", float: "een getal", str: "tekst",
             datetime.date: "een datum JJJJ-MM-DD"}


def unknown_variables(case: dict, tax_benefit_system) -> list[str]:
    """The names in a case's ``input`` that are neither a variable nor an entity of the system."""
    entities = {e.plural for e in tax_benefit_system.entities} | {e.key for e in tax_benefit_system.entities}
    unknown = []
    for key, value in (case.get("input") or {}).items():
        if key in tax_benefit_system.variables:
            continue
        if key in entities and isinstance(value, dict):
            for instance in value.values():
                for name in instance if isinstance(instance, dict) else ():
                    if name not in tax_benefit_system.variables and name not in _roles(tax_benefit_system):
                        unknown.append(name)
            continue
        unknown.append(key)
    return sorted(set(unknown))


def _roles(tax_benefit_system) -> set[str]:
    return {role.plural or role.key for e in tax_benefit_system.entities for role in getattr(e, "roles", [])} | {
        role.key for e in tax_benefit_system.entities for role in getattr(e, "roles", [])}


class CaseError(ValueError):
    """A case that cannot run, found before running it; the message is Dutch."""


def check_case(case: dict, tax_benefit_system) -> None:
    """Refuse a case whose period is not a period or whose input names an unknown variable (``CaseError``)."""
    try:
        make_period(str(case.get("period")))
    except Exception:
        raise CaseError(f"de periode {show(case.get('period'))} is geen periode; schrijf JJJJ-MM-DD (een dag), "
                        "JJJJ-MM (een maand) of JJJJ (een jaar)") from None
    unknown = [f"'{name}'" for name in unknown_variables(case, tax_benefit_system)]
    if len(unknown) == 1:
        raise CaseError(f"de invoer noemt de variabele {unknown[0]}, die in dit model niet bestaat")
    if unknown:
        raise CaseError(f"de invoer noemt de variabelen {', '.join(unknown)}, die in dit model niet bestaan")


def where(path: str, index: int, case: dict) -> str:
    """The case as a drafter finds it: file, number in the file (from 0, as in the text output) and name."""
    name = case.get("name")
    return f"{path}, geval {index}" + (f" ('{name}')" if name else "")


def describe(error: BaseException, tax_benefit_system) -> str:
    """A Dutch sentence for an error raised while a case ran; never a Python exception or its English text."""
    if isinstance(error, VariableNotFoundError):
        return f"de variabele '{error.variable_name}' bestaat niet in dit model"
    if isinstance(error, ParameterNotFoundError):
        return (f"geen waarde voor parameter '{error.name}' op {error.instant_str}: deze datum valt buiten de periode "
                "waarvoor het model een waarde heeft")
    if isinstance(error, PeriodMismatchError):
        unit = {"day": "dag", "month": "maand", "year": "jaar", "eternity": "altijd"}.get(
            str(error.definition_period).lower(), str(error.definition_period))
        return (f"de invoer van '{error.variable_name}' geldt voor {error.period}, maar deze variabele wordt per {unit} "
                "ingevuld; geef een periode van die lengte")
    if isinstance(error, SituationParsingError):
        path, _ = _first_leaf(error.error)
        return f"de invoer op {path or 'het hoogste niveau'} kan niet worden gelezen{_expected(path, tax_benefit_system)}"
    text = str(error)
    set_value = re.search(r'Unable to set value .* for variable "([^"]+)"', text)
    if set_value:
        name = set_value[1]
        return f"de invoer van '{name}' past niet bij de variabele{_expected(name, tax_benefit_system)}"
    reform = re.search(r"Could not import `([^`]+)`", text)
    if reform:
        return f"de hervorming '{reform[1]}' onder 'reforms:' bestaat niet"
    if type(error).__module__.startswith("openfisca_llo"):
        return text  # the package's own errors are Dutch already
    return ("het geval kan niet worden doorgerekend (een fout in het model of in de invoer); draai het met "
            "'openfisca test' voor de details")


def _first_leaf(tree, path: str = "") -> tuple[str, str]:
    if isinstance(tree, dict) and tree:
        key, value = next(iter(tree.items()))
        return _first_leaf(value, f"{path}/{key}" if path else str(key))
    return path, str(tree)


def _expected(path: str, tax_benefit_system) -> str:
    """'; verwacht een getal' when the last part of ``path`` is a variable."""
    variables = getattr(tax_benefit_system, "variables", {})
    variable = variables.get(path.rsplit("/", 1)[-1]) if path else None
    if variable is None:
        return ""
    possible = getattr(variable, "possible_values", None)
    if possible is not None:
        return f"; verwacht een van {', '.join(item.name for item in possible)}"
    return f"; verwacht {TYPE_TEXT.get(variable.value_type, 'een waarde van het juiste type')}"

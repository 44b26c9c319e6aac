"""The model of the reference: everything a page needs, collected once from the rules, tests and reforms."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from openfisca_llo.checks import check_tax_benefit_system
from openfisca_llo.docgen.analysis import formula_dependencies
from openfisca_llo.docgen.names import GROUP_TITLES, documented_parameters, parameter_group, variable_group
from openfisca_llo.docgen.reform_files import Reform, collect_reforms
from openfisca_llo.docgen.yaml_cases import TestCase, collect_test_cases


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


def _groups(parameters: dict, variables: dict) -> dict[str, dict[str, list[str]]]:
    """The parameters and variables of each page (top-level folder), pages in the order of GROUP_TITLES."""
    groups: dict[str, dict[str, list[str]]] = {}
    for name in sorted(parameters):
        groups.setdefault(parameter_group(name), {"parameters": [], "variables": []})["parameters"].append(name)
    for name, variable in variables.items():
        groups.setdefault(variable_group(variable), {"parameters": [], "variables": []})["variables"].append(name)
    order = list(GROUP_TITLES)
    return dict(sorted(groups.items(), key=lambda kv: (kv[0] not in order, order.index(kv[0]) if kv[0] in order else 0, kv[0])))


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
    model = Model(
        tax_benefit_system=tax_benefit_system,
        parameters=parameters,
        variables=variables,
        uses_variables=uses_variables,
        uses_parameters=uses_parameters,
        used_by_variables=used_by,
        parameter_used_by=parameter_used_by,
        tests={name: [c for c in cases if name in c.variables] for name in variables},
        test_cases=cases,
        used_sources=check_tax_benefit_system(tax_benefit_system).used_sources,
        reforms=collect_reforms(reforms_folder),
        groups=_groups(parameters, variables),
        pinning=pinning,
    )
    from openfisca_llo import artikelregister

    model.register = artikelregister.collect(parameters, variables, cases)
    model.register_anchors = artikelregister.anchors(model.register)
    return model

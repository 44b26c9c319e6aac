"""Citation checks over a whole tax-benefit system: every parameter, dated value and variable cites a source."""

from __future__ import annotations

import dataclasses

from openfisca_core.parameters import Parameter

from openfisca_llo.citations import (
    VERIFICATION_LABELS,
    Citation,
    CitationError,
    load_registry,
    parameter_citations,
    variable_citations,
)
from openfisca_llo.domains import UNIT_DOMAINS, parameter_domain


@dataclasses.dataclass
class CitationReport:
    parameters: int = 0
    parameters_cited: int = 0
    values: int = 0
    values_cited: int = 0
    variables: int = 0
    variables_cited: int = 0
    unverified_locators: int = 0
    problems: list[str] = dataclasses.field(default_factory=list)
    used_sources: dict[str, list[str]] = dataclasses.field(default_factory=dict)
    reforms: list[str] = dataclasses.field(default_factory=list)

    @property
    def coverage(self) -> float:
        total = self.parameters + self.values + self.variables
        cited = self.parameters_cited + self.values_cited + self.variables_cited
        return 100.0 * cited / total if total else 100.0

    def summary(self) -> str:
        lines = [
            f"Parameters met bron:          {self.parameters_cited}/{self.parameters}",
            f"Gedateerde waarden met bron:  {self.values_cited}/{self.values}",
            f"Variabelen met bron:          {self.variables_cited}/{self.variables}",
            f"Hervormingen meegeteld:       {len(self.reforms)} ({', '.join(self.reforms)})",
            f"Bronnen in het register:      {len(load_registry())} (gebruikt: {len(self.used_sources)})",
            f"Vindplaatsen zonder geverifieerd artikel ('onderwerp'): {self.unverified_locators}",
            f"Dekking: {self.coverage:.1f}%",
        ]
        if self.problems:
            lines.append(f"{len(self.problems)} probleem/problemen:")
            lines += [f"  - {problem}" for problem in self.problems]
        return "\n".join(lines)


def leaf_parameters(parameters):
    for parameter in parameters.get_descendants():
        if isinstance(parameter, Parameter):
            yield parameter


def _use(report: CitationReport, citations: list[Citation], user: str) -> None:
    for citation in citations:
        report.used_sources.setdefault(citation.source_id, []).append(user)
        if any(key == "onderwerp" for key, _ in citation.locator):
            report.unverified_locators += 1


def check_parameter(report: CitationReport, parameter) -> None:
    report.parameters += 1
    try:
        citations = parameter_citations(parameter.metadata)
    except CitationError as error:
        report.problems.append(f"parameter {parameter.name}: {error}")
        citations = []
    verification = parameter.metadata.get("verificatie")
    if not citations:
        report.problems.append(f"parameter {parameter.name}: geen bron (metadata.bronnen)")
    elif verification not in VERIFICATION_LABELS:
        report.problems.append(
            f"parameter {parameter.name}: metadata.verificatie {verification!r} ongeldig; "
            f"toegestaan: {sorted(VERIFICATION_LABELS)}"
        )
    else:
        report.parameters_cited += 1
    _use(report, citations, parameter.name)
    domain = parameter_domain(parameter)
    if domain is None:
        report.problems.append(f"parameter {parameter.name}: geen domein (metadata.unit met een bekend domein, of "
                               "metadata.domein); toegestane eenheden: " + ", ".join(UNIT_DOMAINS))
    else:
        for value in parameter.values_list:
            message = domain.error(value.value) if value.value is not None else None
            if message:
                report.problems.append(f"parameter {parameter.name} op {value.instant_str}: {message}")
    for value in parameter.values_list:
        report.values += 1
        # A dated value inherits the parameter's metadata unless it carries its own.
        try:
            value_citations = parameter_citations(value.metadata)
        except CitationError as error:
            report.problems.append(f"parameter {parameter.name} op {value.instant_str}: {error}")
            continue
        value_verification = value.metadata.get("verificatie")
        if value_citations and value_verification in VERIFICATION_LABELS:
            report.values_cited += 1
        else:
            report.problems.append(f"parameter {parameter.name} op {value.instant_str}: bron of verificatie ontbreekt")
        _use(report, value_citations, f"{parameter.name}@{value.instant_str}")


def check_variable(report: CitationReport, variable) -> None:
    report.variables += 1
    try:
        citations = variable_citations(variable)
    except CitationError as error:
        report.problems.append(f"variabele {variable.name}: {error}")
        return
    if not citations:
        report.problems.append(f"variabele {variable.name}: geen bron (reference)")
        return
    report.variables_cited += 1
    _use(report, citations, variable.name)


def check_tax_benefit_system(tax_benefit_system, reforms: dict | None = None) -> CitationReport:
    """Check the system and, for each reform (name -> class), the parameters and variables it adds or changes."""
    report = CitationReport()
    for parameter in leaf_parameters(tax_benefit_system.parameters):
        check_parameter(report, parameter)
    for variable in tax_benefit_system.variables.values():
        check_variable(report, variable)
    baseline_parameters = {p.name: p for p in leaf_parameters(tax_benefit_system.parameters)}
    for reform_name, reform_class in (reforms or {}).items():
        reformed = reform_class(tax_benefit_system)
        for parameter in leaf_parameters(reformed.parameters):
            baseline = baseline_parameters.get(parameter.name)
            if baseline is None or [v.value for v in baseline.values_list] != [v.value for v in parameter.values_list]:
                check_parameter(report, parameter)
        for name, variable in reformed.variables.items():
            if tax_benefit_system.variables.get(name) is None or type(variable) is not type(tax_benefit_system.variables[name]):
                check_variable(report, variable)
        report.reforms.append(reform_name)
    for source_id in sorted(set(load_registry()) - set(report.used_sources)):
        report.problems.append(f"bron {source_id} staat in het register maar wordt nergens geciteerd")
    return report

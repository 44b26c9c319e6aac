"""Citation checks over a whole tax-benefit system: every parameter, dated value and variable cites a source,
and every verification status means what it says.

Status rules (``metadata.verificatie`` of each dated value, inherited from the parameter unless the value sets
its own):

* ``officieel``: the value was read in an official publication (BWB, Staatscourant, Staatsblad, Kamerstuk,
  CELEX) at the cited article, paragraph, page or point; so at least one such citation, and never for a null.
* ``secundair``: the figure was seen only on a government or news page; that page is cited too (a registered
  ``web-`` source with the date it was read).
* ``onbekend``: a null value (no figure on that date); the citation says why.
* ``herkomst_onbekend``: a figure seen on a secondary page whose address was not recorded; listed in the report
  as work to do, never presented as verified.

The report counts citations per scheme (the top-level folder of a parameter or of a variable's file; reforms
apart) by precision (artikel/paragraaf, hoofdstuk, onderwerp, webpagina) and values by status, and lists every
remaining ``onderwerp`` locator.
"""

from __future__ import annotations

import collections
import dataclasses

from openfisca_core.parameters import Parameter

from openfisca_llo.citations import (
    OFFICIAL_KINDS,
    VERIFICATION_LABELS,
    Citation,
    CitationError,
    load_registry,
    parameter_citations,
    variable_citations,
)
from openfisca_llo.domains import UNIT_DOMAINS, parameter_domain
from openfisca_llo.formatting import number
from openfisca_llo.optional_parameters import REDENEN

REASON_MARK = "#"  # a user 'variable#item' in used_sources is the refusal reason 'item' of that variable


@dataclasses.dataclass
class SchemeStats:
    citations: collections.Counter = dataclasses.field(default_factory=collections.Counter)  # by precision
    values: collections.Counter = dataclasses.field(default_factory=collections.Counter)  # by verificatie
    onderwerp: list[tuple[str, str, str]] = dataclasses.field(default_factory=list)  # (user, source, subject)
    unsourced: list[str] = dataclasses.field(default_factory=list)  # values with verificatie herkomst_onbekend

    @property
    def total(self) -> int:
        return sum(self.citations.values())

    def percent(self, precision: str) -> float:
        return 100.0 * self.citations[precision] / self.total if self.total else 0.0

    def official_precise(self) -> float:
        """Share of the citations into official texts (not web pages) that name an article or paragraph."""
        official = self.total - self.citations["webpagina"]
        return 100.0 * self.citations["artikel"] / official if official else 100.0

    def status_percent(self, status: str) -> float:
        total = sum(self.values.values())
        return 100.0 * self.values[status] / total if total else 0.0


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
    schemes: dict[str, SchemeStats] = dataclasses.field(default_factory=dict)
    bwb_value_citations: int = 0
    bwb_value_citations_dated: int = 0

    @property
    def coverage(self) -> float:
        total = self.parameters + self.values + self.variables
        cited = self.parameters_cited + self.values_cited + self.variables_cited
        return 100.0 * cited / total if total else 100.0

    def scheme(self, name: str) -> SchemeStats:
        return self.schemes.setdefault(name, SchemeStats())

    @property
    def totals(self) -> SchemeStats:
        total = SchemeStats()
        for stats in self.schemes.values():
            total.citations.update(stats.citations)
            total.values.update(stats.values)
            total.onderwerp += stats.onderwerp
            total.unsourced += stats.unsourced
        return total

    def scheme_table(self) -> list[str]:
        width = max([len("regeling"), len("TOTAAL"), *(len(name) for name in self.schemes)])
        header = (
            f"{'regeling':<{width}} {'citaties':>8} {'artikel%':>8} {'onderwerp':>9} {'onderw.%':>8} "
            f"{'waarden':>7} {'officieel%':>10} {'secundair%':>10} {'onbekend%':>9} {'herkomst?%':>10}"
        )
        lines = [header, "-" * len(header)]
        rows = sorted(self.schemes.items()) + [("TOTAAL", self.totals)]
        for name, stats in rows:
            lines.append(  # percentages with a decimal comma (formatting.number)
                f"{name:<{width}} {stats.total:>8} {number(stats.official_precise(), 1):>8} {stats.citations['onderwerp']:>9} "
                f"{number(stats.percent('onderwerp'), 1):>8} {sum(stats.values.values()):>7} "
                f"{number(stats.status_percent('officieel'), 1):>10} {number(stats.status_percent('secundair'), 1):>10} "
                f"{number(stats.status_percent('onbekend'), 1):>9} {number(stats.status_percent('herkomst_onbekend'), 1):>10}"
            )
        return lines

    def summary(self) -> str:
        lines = [
            f"Parameters met bron:          {self.parameters_cited}/{self.parameters}",
            f"Gedateerde waarden met bron:  {self.values_cited}/{self.values}",
            f"Variabelen met bron:          {self.variables_cited}/{self.variables}",
            f"Hervormingen meegeteld:       {len(self.reforms)} ({', '.join(self.reforms)})",
            f"Bronnen in het register:      {len(load_registry())} (gebruikt: {len(self.used_sources)})",
            f"Vindplaatsen zonder geverifieerd artikel ('onderwerp'): {self.unverified_locators}",
            f"Dekking: {number(self.coverage, 1)}%",
            f"BWB-citaties van gedateerde waarden met versiedatum (tekst zoals die gold): "
            f"{self.bwb_value_citations_dated}/{self.bwb_value_citations}",
            "",
            "Per regeling (artikel% = deel van de citaties van officiële teksten met artikel/paragraaf/pagina;",
            "onderw.% = deel van alle citaties met alleen 'onderwerp'; status per gedateerde waarde):",
            *self.scheme_table(),
        ]
        remaining = [(name, item) for name, stats in sorted(self.schemes.items()) for item in stats.onderwerp]
        if remaining:
            lines += ["", "Resterende vindplaatsen 'onderwerp' (artikel niet geverifieerd):"]
            seen = set()
            for name, (user, source_id, subject) in remaining:
                key = (name, user.split("@")[0], source_id, subject)
                if key not in seen:
                    seen.add(key)
                    lines.append(f"  [{name}] {user.split('@')[0]}: {source_id}, onderwerp '{subject}'")
        unsourced = [(name, user) for name, stats in sorted(self.schemes.items()) for user in stats.unsourced]
        if unsourced:
            lines += ["", "Waarden met 'herkomst_onbekend' (de pagina waarop het cijfer is gezien is niet vastgelegd):"]
            lines += [f"  [{name}] {user}" for name, user in unsourced]
        if self.problems:
            lines.append(f"{len(self.problems)} probleem/problemen:")
            lines += [f"  - {problem}" for problem in self.problems]
        return "\n".join(lines)


def leaf_parameters(parameters):
    for parameter in parameters.get_descendants():
        if isinstance(parameter, Parameter):
            yield parameter


def _use(report: CitationReport, citations: list[Citation], user: str, scheme: str) -> None:
    stats = report.scheme(scheme)
    for citation in citations:
        report.used_sources.setdefault(citation.source_id, []).append(user)
        precision = citation.precision
        stats.citations[precision] += 1
        if precision == "onderwerp":
            report.unverified_locators += 1
            stats.onderwerp.append((user, citation.source_id, dict(citation.locator).get("onderwerp", "")))


def status_problems(value, verification: str | None, citations: list[Citation]) -> list[str]:
    """Why a dated value's verification status overclaims (empty list when it means what it says)."""
    if verification not in VERIFICATION_LABELS:
        return [f"verificatie {verification!r} ongeldig; toegestaan: {sorted(VERIFICATION_LABELS)}"]
    if value is None and verification != "onbekend":
        return [f"waarde is null (onbekend) maar verificatie is {verification!r}; een null heeft verificatie 'onbekend'"]
    if value is not None and verification == "onbekend":
        return ["verificatie 'onbekend' hoort alleen bij een null-waarde"]
    if verification == "officieel" and not any(
        c.source.kind in OFFICIAL_KINDS and c.precision in ("artikel", "hoofdstuk") for c in citations
    ):
        return [
            "verificatie 'officieel' zonder citaat van een officiële publicatie op artikel/paragraaf/pagina "
            "(een webpagina of alleen 'onderwerp' volstaat niet; anders 'secundair')"
        ]
    if verification in ("secundair",) and not any(c.source.kind == "web" for c in citations):
        return ["verificatie 'secundair' zonder de webpagina waarop het cijfer is gezien (registreer haar als web-bron)"]
    return []


def check_parameter(report: CitationReport, parameter, scheme: str | None = None) -> None:
    scheme = scheme or parameter.name.split(".")[0]
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
    _use(report, citations, parameter.name, scheme)
    for value in parameter.values_list:
        report.values += 1
        # A dated value inherits the parameter's metadata unless it carries its own.
        try:
            value_citations = parameter_citations(value.metadata, on=value.instant_str)
        except CitationError as error:
            report.problems.append(f"parameter {parameter.name} op {value.instant_str}: {error}")
            continue
        value_verification = value.metadata.get("verificatie")
        reason = (value.metadata or {}).get("onbekend")
        if reason is not None and (value.value is not None or reason not in REDENEN):
            report.problems.append(
                f"parameter {parameter.name} op {value.instant_str}: metadata.onbekend {reason!r} alleen bij een "
                f"waarde null, toegestaan: {sorted(REDENEN)}"
            )
        report.scheme(scheme).values[value_verification] += 1
        if value_verification == "herkomst_onbekend":
            report.scheme(scheme).unsourced.append(f"{parameter.name}@{value.instant_str}")
        if value_citations and value_verification in VERIFICATION_LABELS:
            report.values_cited += 1
        else:
            report.problems.append(f"parameter {parameter.name} op {value.instant_str}: bron of verificatie ontbreekt")
        for problem in status_problems(value.value, value_verification, value_citations) if value_citations else []:
            report.problems.append(f"parameter {parameter.name} op {value.instant_str}: {problem}")
        _use(report, value_citations, f"{parameter.name}@{value.instant_str}", scheme)
        for citation in value_citations:
            if citation.source.kind == "bwb":
                report.bwb_value_citations += 1
                if "&g=" in citation.url:
                    report.bwb_value_citations_dated += 1
                else:
                    report.problems.append(
                        f"parameter {parameter.name} op {value.instant_str}: {citation.url} opent niet de tekst zoals die gold"
                    )


def variable_scheme(variable) -> str:
    from openfisca_llo.docgen import variable_group

    return variable_group(variable)


def check_variable(report: CitationReport, variable, scheme: str | None = None) -> None:
    scheme = scheme or variable_scheme(variable)
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
    _use(report, citations, variable.name, scheme)
    _check_reasons(report, variable, scheme)


def _check_reasons(report: CitationReport, variable, scheme: str) -> None:
    """The citations registered per refusal reason (shown in explanations) count like the variable's own."""
    from openfisca_llo.reasons import reason_citations

    enum = getattr(variable, "possible_values", None)
    if enum is None or not variable.name.endswith("_afwijzingsgrond"):
        return
    for item in enum:
        try:
            citations = reason_citations(enum, item.name)
        except CitationError as error:
            report.problems.append(f"reden {variable.name}.{item.name}: {error}")
            continue
        _use(report, citations or [], f"{variable.name}{REASON_MARK}{item.name}", scheme)


def check_domain(report: CitationReport, parameter) -> None:
    """Every parameter declares the values it may take (openfisca_llo.domains), and its own values lie in it."""
    domain = parameter_domain(parameter)
    if domain is None:
        report.problems.append(f"parameter {parameter.name}: geen domein (metadata.unit met een bekend domein, of "
                               "metadata.domein); toegestane eenheden: " + ", ".join(UNIT_DOMAINS))
        return
    for value in parameter.values_list:
        message = domain.error(value.value) if value.value is not None else None
        if message:
            report.problems.append(f"parameter {parameter.name} op {value.instant_str}: {message}")


def check_tax_benefit_system(tax_benefit_system, reforms: dict | None = None) -> CitationReport:
    """Check the system and, for each reform (name -> class), the parameters and variables it adds or changes."""
    report = CitationReport()
    for parameter in leaf_parameters(tax_benefit_system.parameters):
        check_parameter(report, parameter)
        check_domain(report, parameter)
    for variable in tax_benefit_system.variables.values():
        check_variable(report, variable)
    baseline_parameters = {p.name: p for p in leaf_parameters(tax_benefit_system.parameters)}
    for reform_name, reform_class in (reforms or {}).items():
        reformed = reform_class(tax_benefit_system)
        scheme = f"hervorming {reform_name}"
        for parameter in leaf_parameters(reformed.parameters):
            baseline = baseline_parameters.get(parameter.name)
            if baseline is None or [v.value for v in baseline.values_list] != [v.value for v in parameter.values_list]:
                check_parameter(report, parameter, scheme)
                check_domain(report, parameter)
        for name, variable in reformed.variables.items():
            if tax_benefit_system.variables.get(name) is None or type(variable) is not type(tax_benefit_system.variables[name]):
                check_variable(report, variable, scheme)
        report.reforms.append(reform_name)
    for source_id in sorted(set(load_registry()) - set(report.used_sources)):
        report.problems.append(f"bron {source_id} staat in het register maar wordt nergens geciteerd")
    return report

"""What the werkbank knows about each scheme, read from the rules: nothing here restates a rule.

The schemes are declared once in ``openfisca_llo.regelingen``. Per scheme: its figures (the parameters
in its folder and those its formulas use), the variables its outcome depends on (static analysis of the
formulas, as the reference docs do), the inputs among them, the refusal reasons in the order the formula tests
them, its regulation, its status on a date and the YAML cases that check it. Built once per tax-benefit system.
"""

from __future__ import annotations

import dataclasses
import datetime
import inspect
import re
from functools import cached_property

from openfisca_core.indexed_enums import Enum

from openfisca_llo import formatting
from openfisca_llo.cases import load_cases, tests_dir
from openfisca_llo.checks import leaf_parameters
from openfisca_llo.citations import Citation, load_registry, parameter_citations, variable_citations
from openfisca_llo.docgen import formula_dependencies
from openfisca_llo.overzicht import looptijd
from openfisca_llo.reasons import reason_citations
from openfisca_llo.regelingen import REGELINGEN, Regeling

STATUS_TEXT = {
    "in_werking": "in werking",
    "beeindigd": "beëindigd",
    "aangekondigd": "aangekondigd",
}


@dataclasses.dataclass
class Reason:
    name: str
    text: str
    citations: list[Citation]


@dataclasses.dataclass
class SchemeInfo:
    scheme: Regeling
    folder: str  # the parameter folder
    parameters: list[str]
    variables: list[str]  # every variable the outcome depends on, main variables first
    inputs: list[str]
    outputs: list[str]
    regulation: Citation | None
    reasons: list[Reason]
    spans: list[dict]  # looptijd: intervals open for applications

    @property
    def key(self) -> str:
        return self.scheme.key

    @property
    def title(self) -> str:
        return self.scheme.titel


def _tested_order(variable, enum) -> list[str]:
    """The reason items in the order the formula mentions them (the order it tests them), then the rest."""
    items = [item.name for item in enum if item.name != "geen"]
    source = ""
    for formula in variable.formulas.values():
        try:
            source += inspect.getsource(formula)
        except (OSError, TypeError):
            continue
    positions = {}
    for item in items:
        match = re.search(rf"\.{re.escape(item)}\b", source)
        positions[item] = match.start() if match else len(source) + items.index(item)
    return sorted(items, key=lambda item: positions[item])


class Catalog:
    def __init__(self, tax_benefit_system) -> None:
        self.system = tax_benefit_system
        self.parameters = {p.name: p for p in leaf_parameters(tax_benefit_system.parameters)}
        self.variables = tax_benefit_system.variables
        self.dependencies = {name: formula_dependencies(tax_benefit_system, v) for name, v in self.variables.items()}
        self.schemes = {scheme.key: self._scheme(scheme) for scheme in REGELINGEN}

    def _reachable(self, names: list[str]) -> tuple[list[str], set[str]]:
        seen: dict[str, None] = {}
        parameters: set[str] = set()
        todo = list(names)
        while todo:
            name = todo.pop(0)
            if name in seen or name not in self.variables:
                continue
            seen[name] = None
            variables, used = self.dependencies[name]
            parameters |= used
            todo += sorted(variables)
        return list(seen), parameters

    def _scheme(self, scheme: Regeling) -> SchemeInfo:
        main = [name for name in (scheme.bedrag, scheme.reden, scheme.recht) if name]
        folder = scheme.map
        variables, used = self._reachable(main)
        own = sorted(name for name in self.parameters if name.split(".")[0] == folder)
        parameters = own + sorted(name for name in used if name in self.parameters and name not in own)
        inputs = [name for name in variables if not self.variables[name].formulas]
        outputs = list(main)
        if scheme.bedrag:  # results that build on the amount, such as the own contribution
            for name, (uses, _) in self.dependencies.items():
                if scheme.bedrag in uses and name not in outputs and getattr(self.variables[name], "unit", None) == "currency-EUR":
                    outputs.append(name)
        citations = [c for name in main for c in variable_citations(self.variables[name])]
        regulation = next((c for c in citations if c.source_id == scheme.bron), Citation(scheme.bron))
        reasons = []
        if scheme.reden:
            variable = self.variables[scheme.reden]
            enum = variable.possible_values
            for item in _tested_order(variable, enum):
                reasons.append(Reason(item, enum[item].value, reason_citations(enum, item) or variable_citations(variable)))
        return SchemeInfo(scheme, folder, parameters, variables, inputs, outputs, regulation, reasons,
                          looptijd(self.system, scheme))

    # ---- status on a date ------------------------------------------------------------------------------------

    def status(self, info: SchemeInfo, day: datetime.date) -> dict:
        """In force, ended, announced or unknown on ``day``, with the reason where unknown: from the scheme's
        looptijd (declared in ``overzicht.SCHEMES``), else from its regulation's dates and status in the registry."""
        today = day.isoformat()
        source = info.regulation.source if info.regulation else None
        scheme, reason = info.scheme, ""
        if info.spans:
            spans = info.spans
        elif source is not None and (source.geldig_vanaf or source.geldig_tot):
            spans = [{"van": source.geldig_vanaf.isoformat() if source.geldig_vanaf else None,
                      "tot_en_met": (source.geldig_tot - datetime.timedelta(days=1)).isoformat() if source.geldig_tot else None}]
        else:
            spans = []
        if spans and any((s["van"] or "0000") <= today <= (s["tot_en_met"] or "9999") for s in spans):
            status = "in_werking"
        elif spans and all((s["van"] or "0000") > today for s in spans):
            status, reason = ("onbekend", scheme.onbekend_voor) if info.spans and scheme.onbekend_voor else ("aangekondigd", "")
        elif spans and all((s["tot_en_met"] or "9999") < today for s in spans) and info.spans and scheme.onbekend_na:
            status, reason = "onbekend", scheme.onbekend_na
        elif spans:
            status = "beeindigd"
        elif source is not None and source.status == "beleid":
            status = "aangekondigd"
        elif source is not None and source.status == "vervallen":
            status = "beeindigd"
        elif source is not None and source.status == "geldend":
            status = "in_werking"
        else:
            status, reason = "onbekend", ("Niet te bepalen: de regeling heeft geen looptijd in de parameters en haar bron "
                                          "in het register geen datum van inwerkingtreding of vervallen.")
        return {"status": status, "tekst": STATUS_TEXT.get(status, "onbekend"), "reden": reason,
                "perioden": [self.span_text(s) for s in spans]}

    @staticmethod
    def span_text(span: dict) -> str:
        start = formatting.date(span["van"]) if span["van"] else "vóór 2000"
        stop = formatting.date(span["tot_en_met"]) if span["tot_en_met"] else "heden"
        return f"{start} t/m {stop}"

    # ---- lookups ---------------------------------------------------------------------------------------------

    def scheme_of_parameter(self, name: str) -> str | None:
        for key, info in self.schemes.items():
            if name in info.parameters and name.split(".")[0] == info.folder:
                return key
        return next((key for key, info in self.schemes.items() if name in info.parameters), None)

    def scheme_of_variable(self, name: str) -> str | None:
        return next((key for key, info in self.schemes.items() if name in info.variables), None)

    @cached_property
    def cases(self):
        folder = tests_dir()
        return load_cases(folder) if folder else ()

    def cases_for(self, info: SchemeInfo):
        return [case for case in self.cases if case.outputs & set(info.outputs)]

    def parameter_values(self, name: str) -> list[dict]:
        """Dated values, oldest first, each with its verification and citations (falling back to the parameter's)."""
        parameter = self.parameters[name]
        rows = []
        for at in sorted(parameter.values_list, key=lambda v: v.instant_str):
            metadata = at.metadata if at.metadata.get("bronnen") else parameter.metadata
            rows.append({
                "datum": at.instant_str,
                "waarde": at.value,
                "verificatie": at.metadata.get("verificatie") or parameter.metadata.get("verificatie"),
                "bronnen": parameter_citations(metadata, on=at.instant_str),  # a consolidated text as it stood then
                "amendement": at.metadata.get("amendement"),
            })
        return rows

    def value_type(self, name: str) -> str:
        variable = self.variables[name]
        return "Enum" if variable.value_type == Enum else variable.value_type.__name__

    # ---- search ----------------------------------------------------------------------------------------------

    @cached_property
    def index(self) -> list[dict]:
        entries = []
        for key, info in self.schemes.items():
            entries.append({"soort": "regeling", "naam": key, "titel": info.title, "url": ("regeling", {"key": key}),
                            "tekst": f"{info.title} {key}"})
        for name, parameter in self.parameters.items():
            label = parameter.metadata.get("label") or parameter.description or name
            entries.append({"soort": "figuur", "naam": name, "titel": label, "url": ("figuur", {"name": name}),
                            "tekst": f"{name} {label} {parameter.description or ''}"})
        for name, variable in self.variables.items():
            entries.append({"soort": "variabele", "naam": name, "titel": variable.label or name,
                            "url": ("variabele", {"name": name}), "tekst": f"{name} {variable.label or ''}"})
        for source in load_registry().values():
            entries.append({"soort": "bron", "naam": source.id, "titel": source.kort or source.title,
                            "url": ("bronnen", {"_anchor": source.id}), "tekst": f"{source.id} {source.kort} {source.title}"})
        for article in self.articles:
            citation = article["citatie"]
            text = f"{citation.source.kort or citation.source.title}, {citation.locator_text()}"
            entries.append({"soort": "artikel", "naam": f"{citation.source_id} {citation.locator_text()}", "titel": text,
                            "url": ("bronnen", {"_anchor": article["anker"]}), "tekst": f"{citation.source_id} {text}"})
        for entry in entries:
            entry["haystack"] = entry["tekst"].lower().replace("_", " ") + " " + entry["tekst"].lower()
        return entries

    def search(self, query: str, limit: int = 60) -> list[dict]:
        terms = [t for t in query.lower().split() if t]
        if not terms:
            return []
        found = [e for e in self.index if all(t in e["haystack"] for t in terms)]
        order = {"regeling": 0, "artikel": 1, "figuur": 2, "variabele": 3, "bron": 4}
        return sorted(found, key=lambda e: (order[e["soort"]], e["naam"]))[:limit]

    # ---- sources and articles --------------------------------------------------------------------------------

    @cached_property
    def articles(self) -> list[dict]:
        """Per cited (source, locator): the parameters, variables and reasons that implement it, the cases that check it."""
        table: dict[Citation, dict] = {}

        def entry(citation: Citation) -> dict:
            if citation not in table:
                table[citation] = {"citatie": citation, "parameters": set(), "variabelen": set(), "redenen": set(), "gevallen": []}
            return table[citation]

        for name, parameter in self.parameters.items():
            for citation in parameter_citations(parameter.metadata):
                entry(citation)["parameters"].add(name)
            for at in parameter.values_list:
                for citation in parameter_citations(at.metadata):
                    entry(citation)["parameters"].add(name)
        for name, variable in self.variables.items():
            for citation in variable_citations(variable):
                entry(citation)["variabelen"].add(name)
            if variable.value_type == Enum and name.endswith("_afwijzingsgrond"):
                for item in variable.possible_values:
                    for citation in reason_citations(variable.possible_values, item.name) or []:
                        entry(citation)["redenen"].add(f"{name}: {item.name}")
        for case in self.cases:
            for citation in case.citations:
                entry(citation)["gevallen"].append(case)
        rows = []
        for citation, row in table.items():
            row["anker"] = re.sub(r"[^a-zA-Z0-9_-]+", "-", f"{citation.source_id} {citation.locator_text()}").strip("-")
            rows.append(row)
        return sorted(rows, key=lambda r: (r["citatie"].source_id, _natural(r["citatie"].locator_text())))


def _natural(text: str) -> list:
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", text)]


_CATALOGS: dict[int, Catalog] = {}


def catalog(tax_benefit_system) -> Catalog:
    """The catalog of a system, built once (bounded: the base system and a few reformed ones)."""
    key = id(tax_benefit_system)
    if key not in _CATALOGS:
        if len(_CATALOGS) >= 4:
            _CATALOGS.pop(next(iter(_CATALOGS)))
        _CATALOGS[key] = Catalog(tax_benefit_system)
    return _CATALOGS[key]

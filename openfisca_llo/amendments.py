"""Amendments as data: a YAML or JSON file of parameter changes becomes an OpenFisca reform, without Python.

Format::

    naam: stap_voortgezet
    omschrijving: Het STAP-budget loopt na 2023 door met dezelfde regels.
    bronnen:                       # the proposal this amendment models (registered sources)
      - {bron: kst-30012-158, paragraaf: "2"}
    wijzigingen:                   # parameter path -> {date: value}; null ends a value
      stap.budget_beschikbaar:
        2024-01-01: true

Every change is checked before a reform is built: the parameter must exist (the message lists close
names), a date must be a real ISO date, a value must have the type of the parameter's current values.
Reformed systems are cached by the amendment's content, so a repeated amendment costs no rebuild.
"""

from __future__ import annotations

import datetime
import difflib
import hashlib
import json
from pathlib import Path

import yaml
from openfisca_core.parameters import Parameter
from openfisca_core.periods import instant
from openfisca_core.reforms import Reform

from openfisca_llo.checks import leaf_parameters
from openfisca_llo.citations import CitationError, citation_from_mapping
from openfisca_llo.parameter_paths import parameter_at_path


class AmendmentError(ValueError):
    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{path}: {message}" for path, message in errors.items()))


def load_amendment_file(path: str | Path) -> dict:
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as error:
        raise AmendmentError({str(path): f"geen geldige YAML/JSON: {error}"}) from error
    if isinstance(data, dict):
        data.setdefault("naam", path.stem)
        changes = data.get("wijzigingen")
        if isinstance(changes, dict):  # YAML reads 2024-01-01 as a date: keep dates as ISO strings, as in JSON
            data["wijzigingen"] = {
                name: {str(date): value for date, value in values.items()} if isinstance(values, dict) else values
                for name, values in changes.items()
            }
    return data


def _value_kind(parameter: Parameter) -> type | None:
    for value in parameter.values_list:
        if value.value is not None:
            return bool if isinstance(value.value, bool) else float
    return None


def validate_amendment(tax_benefit_system, amendment) -> dict:
    """The amendment with dates as strings and values checked; raise AmendmentError naming each problem."""
    if not isinstance(amendment, dict):
        raise AmendmentError({"": "verwacht een object met 'naam', 'bronnen' en 'wijzigingen'"})
    errors: dict[str, str] = {}
    unknown_keys = set(amendment) - {"naam", "omschrijving", "bronnen", "wijzigingen", "status"}
    for key in sorted(unknown_keys):
        errors[key] = "onbekend veld; toegestaan: naam, omschrijving, status, bronnen, wijzigingen"
    for index, citation in enumerate(amendment.get("bronnen") or []):
        try:
            citation_from_mapping(citation)
        except CitationError as error:
            errors[f"bronnen/{index}"] = str(error)
    if not amendment.get("bronnen"):
        errors["bronnen"] = "verplicht: de bron van het voorstel, bijvoorbeeld [{bron: kst-30012-158, paragraaf: '2'}]"
    changes = amendment.get("wijzigingen")
    if not isinstance(changes, dict) or not changes:
        errors["wijzigingen"] = "verplicht: een object {parameter: {datum: waarde}}"
        raise AmendmentError(errors)
    parameters = {p.name: p for p in leaf_parameters(tax_benefit_system.parameters)}
    normalised: dict[str, dict[str, object]] = {}
    for name, values in changes.items():
        path = f"wijzigingen/{name}"
        parameter = parameters.get(name)
        if parameter is None:
            close = difflib.get_close_matches(name, parameters, n=3)
            errors[path] = "onbekende parameter" + (f"; bedoelde u {close}?" if close else "; zie GET /parameters")
            continue
        if not isinstance(values, dict) or not values:
            errors[path] = "verwacht een object {datum: waarde}, bijvoorbeeld {'2024-01-01': 1000}"
            continue
        kind = _value_kind(parameter)
        normalised[name] = {}
        for date, value in values.items():
            date_str = date.isoformat() if isinstance(date, datetime.date) else str(date)
            try:
                datetime.date.fromisoformat(date_str)
            except ValueError:
                errors[f"{path}/{date_str}"] = "geen bestaande datum; verwacht JJJJ-MM-DD"
                continue
            if value is not None:
                if kind is bool and not isinstance(value, bool):
                    errors[f"{path}/{date_str}"] = f"verwacht true of false (zoals de parameter), kreeg {value!r}"
                    continue
                if kind is float and (isinstance(value, bool) or not isinstance(value, (int, float))):
                    errors[f"{path}/{date_str}"] = f"verwacht een getal (zoals de parameter), kreeg {value!r}"
                    continue
            normalised[name][date_str] = value
    if errors:
        raise AmendmentError(errors)
    return {**amendment, "wijzigingen": normalised}


def apply_changes(parameters, changes: dict[str, dict[str, object]], metadata: dict | None = None):
    """Apply dated changes to a (copied) parameter tree: each value holds from its date to the next change.

    The new dated values carry ``metadata`` (the amendment's citations), so an explanation under the reform
    cites the proposal, not the law it replaces.
    """
    for name, values in changes.items():
        node = parameter_at_path(parameters, name)
        dates = sorted(values)
        for index, start in enumerate(dates):
            stop = None
            if index + 1 < len(dates):
                stop = instant(dates[index + 1]).offset(-1, "day")
            node.update(start=instant(start), stop=stop, value=values[start])
            for value_at_instant in node.values_list:
                if value_at_instant.instant_str == start and metadata:
                    value_at_instant.metadata = dict(metadata)
    return parameters


def amendment_reform_class(amendment: dict):
    """A Reform class for an amendment; it is checked against the baseline it is applied to."""

    class AmendmentReform(Reform):
        name = amendment.get("omschrijving") or amendment["naam"]

        def apply(self):
            validated = validate_amendment(self.baseline, amendment)
            metadata = {"bronnen": validated["bronnen"], "verificatie": "officieel", "amendement": validated["naam"]}
            self.modify_parameters(
                modifier_function=lambda parameters: apply_changes(parameters, validated["wijzigingen"], metadata)
            )

    AmendmentReform.__name__ = f"Amendement_{amendment['naam']}"
    AmendmentReform.__doc__ = amendment.get("omschrijving", "")
    AmendmentReform.amendment = amendment
    return AmendmentReform


_CACHE: dict[tuple[int, str], object] = {}


def amendment_key(amendment: dict) -> str:
    return hashlib.sha256(json.dumps(amendment, sort_keys=True, default=str).encode()).hexdigest()


def reformed_system(tax_benefit_system, amendment: dict):
    """The baseline with the amendment applied; cached by content, so a repeated amendment is not rebuilt."""
    validated = validate_amendment(tax_benefit_system, amendment)
    key = (id(tax_benefit_system), amendment_key(validated))
    if key not in _CACHE:
        _CACHE[key] = amendment_reform_class(validated)(tax_benefit_system)
    return _CACHE[key]

"""The calculator's form, generated from a scheme's input variables, and the situation it describes.

Each input variable becomes one labelled field (its label, unit and default); what a person typed is read with
the Dutch readers of ``formatting`` and a field that cannot be read gets a Dutch message of its own. An empty
field is left out of the situation, so the variable keeps its default value, which the form states.
"""

from __future__ import annotations

import dataclasses
import datetime
import math

from openfisca_core.indexed_enums import Enum

from openfisca_llo import formatting
from openfisca_llo.formatting import InputError
from openfisca_llo.overzicht import expand_on_date, period_on

PERSON_ID = "aanvrager"
GROUP_ID = "werkgever"
DATE_FIELD = "datum"


@dataclasses.dataclass
class Field:
    name: str
    label: str
    kind: str  # bool | money | int | float | date | enum | text
    entity: str  # plural
    unit: str | None
    help: str
    default: str
    options: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    raw: str = ""
    error: str = ""

    @property
    def unit_text(self) -> str:
        return {"currency-EUR": "EUR", "month": "maanden", "year": "jaren", "day": "dagen", "/1": "fractie (0-1)"}.get(self.unit or "", self.unit or "")


def _kind(variable) -> str:
    if variable.value_type == Enum:
        return "enum"
    if variable.value_type is bool:
        return "bool"
    if variable.value_type is datetime.date:
        return "date"
    if variable.value_type is float:
        return "money" if getattr(variable, "unit", None) == "currency-EUR" else "float"
    if variable.value_type is int:
        return "int"
    return "text"


def _default_text(variable, kind: str) -> str:
    default = variable.default_value
    if kind == "enum":
        return default.value
    if kind == "date":
        return "leeg (geen datum)" if str(default) == "1970-01-01" else formatting.date(default)
    return formatting.value(default, getattr(variable, "unit", None))


def fields_for(tax_benefit_system, inputs: list[str]) -> list[Field]:
    fields = []
    for name in inputs:
        variable = tax_benefit_system.variables[name]
        kind = _kind(variable)
        options = [(item.name, item.value) for item in variable.possible_values] if kind == "enum" else []
        fields.append(Field(
            name=name, label=variable.label or name, kind=kind, entity=variable.entity.plural,
            unit=getattr(variable, "unit", None), help=" ".join((variable.documentation or "").split()),
            default=_default_text(variable, kind), options=options,
        ))
    return fields


def read_value(field: Field, raw: str):
    """The typed text as a value for OpenFisca; InputError (Dutch) when it cannot be read."""
    if field.kind == "bool":
        if raw not in ("ja", "nee"):
            raise InputError("Kies ja of nee.")
        return raw == "ja"
    if field.kind == "money":
        amount = formatting.parse_amount(raw)
        if amount < 0:
            raise InputError("Een bedrag kan niet negatief zijn.")
        return amount
    if field.kind == "int":
        number = formatting.parse_integer(raw)
        if number < 0:
            raise InputError("Een aantal kan niet negatief zijn.")
        return number
    if field.kind == "float":
        number = formatting.parse_amount(raw, cents=False)
        if not math.isfinite(number):
            raise InputError("Geef een eindig getal.")
        return number
    if field.kind == "date":
        return formatting.parse_date(raw).isoformat()
    if field.kind == "enum":
        allowed = [name for name, _ in field.options]
        if raw not in allowed:
            raise InputError("Kies een van de mogelijkheden in de lijst.")
        return raw
    return raw


@dataclasses.dataclass
class FormResult:
    fields: list[Field]
    date: datetime.date | None
    date_raw: str
    date_error: str
    values: dict[str, object]  # variable -> value (only the fields that were filled in)

    @property
    def valid(self) -> bool:
        return self.date is not None and not self.date_error and not any(f.error for f in self.fields)

    @property
    def errors(self) -> list[tuple[str, str, str]]:
        found = [(DATE_FIELD, "Datum", self.date_error)] if self.date_error else []
        return found + [(f.name, f.label, f.error) for f in self.fields if f.error]


def read_form(tax_benefit_system, inputs: list[str], args, default_date: datetime.date) -> FormResult:
    fields = fields_for(tax_benefit_system, inputs)
    values = {}
    for field in fields:
        field.raw = (args.get(field.name) or "").strip()
        if not field.raw:
            continue
        try:
            values[field.name] = read_value(field, field.raw)
        except InputError as error:
            field.error = str(error)
    date_raw = (args.get(DATE_FIELD) or "").strip()
    date, date_error = default_date, ""
    if date_raw:
        try:
            date = formatting.parse_date(date_raw)
        except InputError as error:
            date, date_error = None, str(error)
    else:
        date_raw = formatting.date(default_date)
    return FormResult(fields, date, date_raw, date_error, values)


def situation(tax_benefit_system, scheme, values: dict, date: datetime.date, outputs: list[str]) -> dict:
    """The situation of one applicant (and, for an employer's scheme, the employer with the applicant as employee)
    on ``date``: the inputs on the periods containing the date, the outputs asked on the scheme's period."""
    people = {PERSON_ID: {}}
    groups = {GROUP_ID: {}}
    for name, value in values.items():
        entity = tax_benefit_system.variables[name].entity
        (people[PERSON_ID] if entity.is_person else groups[GROUP_ID])[name] = value
    data = {"personen": people}
    group_plural = scheme.entiteit if scheme.entiteit != "personen" else None
    if group_plural:
        groups[GROUP_ID]["werknemers"] = [PERSON_ID]
        data[group_plural] = groups
    data = expand_on_date(tax_benefit_system, data, date)
    period = period_on(scheme, date)
    for name in outputs:
        variable = tax_benefit_system.variables[name]
        target = data["personen"][PERSON_ID] if variable.entity.is_person else data[variable.entity.plural][GROUP_ID]
        target[name] = {period: None}
    return data


def instance_of(tax_benefit_system, name: str) -> str:
    return PERSON_ID if tax_benefit_system.variables[name].entity.is_person else GROUP_ID

"""The API contract: OpenFisca's generated OpenAPI document completed with what this API really answers.

The additions are data (``openapi.yaml`` beside this module): the extension endpoints and their bodies, the
error body, corrected core schemas (DAY periods, null values, parameter ids as text) and the conventions
(units, null = onbekend, Enum order, versions). Here only what depends on the loaded rules: each variable's
value schema in the situation (nullable; dates as ``format: date``; its unit and Enum order described).
"""

from __future__ import annotations

import copy
import datetime
from functools import cache
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import Path

import yaml
from openfisca_core.indexed_enums import Enum

CONTRACT_FILE = Path(__file__).with_name("openapi.yaml")
_JSON_TYPES = {bool: "boolean", int: "integer", float: "number", str: "string", datetime.date: "string"}


@cache
def contract_data() -> dict:
    return yaml.safe_load(CONTRACT_FILE.read_text(encoding="utf-8"))


def contract_version() -> str:
    return str(contract_data()["contractversie"])


def country_package_version() -> str:
    try:
        return package_version("openfisca-llo")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0+onbekend"


def variable_value_schema(variable) -> dict:
    """The JSON value of one variable in a situation: its type, null (asked for / onbekend), unit, Enum order."""
    if variable.value_type == Enum:
        names = [item.name for item in variable.possible_values]
        schema = {"type": "string", "enum": [*names, None]}
        description = "Enum, in de volgorde van de code: " + ", ".join(names)
    else:
        schema = {"type": _JSON_TYPES.get(variable.value_type, "string")}
        if variable.value_type is datetime.date:
            schema["format"] = "date"
        description = f"eenheid: {variable.unit}" if getattr(variable, "unit", None) else ""
    schema["nullable"] = True
    schema["description"] = "; ".join(filter(None, [
        description, "null in een verzoek: bereken deze waarde; null in een antwoord: onbekend"]))
    return schema


def contract_spec(core_spec: dict, tax_benefit_system) -> dict:
    """The /spec document: OpenFisca's own, completed by ``openapi.yaml`` and the rules' value schemas."""
    data = contract_data()
    spec = copy.deepcopy(core_spec)
    spec["info"].update(data["info"])
    spec["info"]["version"] = country_package_version()
    schemas = spec["components"]["schemas"]
    schemas.update(copy.deepcopy(data["components"]["schemas"]))
    for entity in tax_benefit_system.entities:
        properties = schemas.get(entity.key.title(), {}).get("properties", {})
        for name, prop in properties.items():
            if name in tax_benefit_system.variables:
                prop["additionalProperties"] = variable_value_schema(tax_benefit_system.variables[name])
    trace = schemas["Trace"]["properties"]["trace"]["additionalProperties"]["properties"]
    trace["parameters"]["additionalProperties"] = {"$ref": "#/components/schemas/Value"}
    spec["paths"].update(copy.deepcopy(data["paths"]))
    error_content = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for operations in spec["paths"].values():
        for operation in operations.values():
            responses = operation["responses"]
            for status, error in data["errors"].items():
                responses.setdefault(status, dict(error))["content"] = error_content
    return spec

"""Read a situation (the JSON of OpenFisca's /calculate), check every field, and build a simulation fast.

OpenFisca's own SimulationBuilder looks up each instance with ``list.index`` (quadratic in the number of
persons) and answers several malformed inputs with an exception that the web API turns into HTTP 500. This
module checks the whole situation first and reports each problem with its path and the allowed values, then
builds the simulation with one vectorised ``set_input`` per variable and period.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import math
import re
from collections import defaultdict
from decimal import Decimal

import numpy as np
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import DateUnit
from openfisca_core.simulations import SimulationBuilder

from openfisca_llo import formatting, periodes
from openfisca_llo.dates import MAX_YEAR, MIN_YEAR, DateError, parse_iso_date
from openfisca_llo.geld import MAXIMUM_BEDRAG, is_money
from openfisca_llo.inputs import show
from openfisca_llo.limits import MAX_CELLS, MAX_PERSONS, check

MAX_ABS_NUMBER = 1e12
DEFAULT_MAX_PERSONS = MAX_PERSONS.default
MAX_REPORTED_ERRORS = 50
RESERVED_PREFIX = "_"  # ids of the groups the builder makes for persons in no group; refused in input
# A period as written in a situation: 2023, 2023-05, 2023-05-15, or with a unit (year:2023-08); no ISO weeks.
_PERIOD_KEY = re.compile(r"(?:(?:day|month|year):)?[0-9]{4}(?:-[0-9]{2}){0,2}(?::[0-9]{1,3})?")


def _short(path: str, limit: int = 120) -> str:
    return path if len(path) <= limit else path[:limit] + "…"


class SituationError(ValueError):
    """A situation that cannot be computed; ``errors`` maps a path to a message naming what is allowed.

    At most ``MAX_REPORTED_ERRORS`` are kept and long paths are cut, so an answer never echoes a whole input.
    """

    def __init__(self, errors: dict[str, str], status: int = 400) -> None:
        if len(errors) > MAX_REPORTED_ERRORS:
            rest = len(errors) - MAX_REPORTED_ERRORS
            errors = dict(list(errors.items())[:MAX_REPORTED_ERRORS])
            errors["…"] = f"en nog {rest} fout(en)"
        errors = {_short(path): message for path, message in errors.items()}
        self.errors = errors
        self.status = status
        super().__init__("; ".join(f"{path}: {message}" for path, message in errors.items()))


@dataclasses.dataclass
class ParsedSituation:
    ids: dict[str, list[str]]  # entity plural -> instance ids
    memberships: dict[str, tuple[list[str], list[str]]]  # group plural -> (group id per person, role per person)
    inputs: dict[tuple[str, str], dict[int, object]]  # (variable, period) -> {instance index: value}
    requested: list[tuple[str, str, str, str, str]]  # (entity plural, instance id, variable, period, key as given)


def _period_error(variable, key: str) -> str | None:
    if len(key) > 40:  # never a period; and a long key must not sit in the cache below
        return f"{show(key)} is geen geldige periode"
    return _period_key_error(variable.definition_period, key)


@functools.lru_cache(maxsize=4096)  # a situation repeats the same few period keys for every person
def _period_key_error(unit, key: str) -> str | None:
    if unit == DateUnit.ETERNITY:
        if key != "ETERNITY":
            return f"{show(key)} past niet bij deze variabele, die altijd geldt: gebruik de sleutel 'ETERNITY'"
        return None
    examples = {DateUnit.DAY: "2023-05-15", DateUnit.MONTH: "2023-05", DateUnit.YEAR: "2023"}
    unit_nl = {DateUnit.DAY: "dag", DateUnit.MONTH: "maand", DateUnit.YEAR: "jaar"}.get(unit, str(unit))
    wrong = f"{show(key)} is geen geldige periode; verwacht een {unit_nl} zoals '{examples.get(unit, '2023')}'"
    if not _PERIOD_KEY.fullmatch(key):
        return wrong
    try:
        parsed = periodes.period(key)
    except Exception:
        return wrong
    if not MIN_YEAR <= parsed.start.year <= MAX_YEAR:
        return f"periode '{key}' valt buiten het ondersteunde bereik {MIN_YEAR}-{MAX_YEAR}"
    if parsed.unit != unit or parsed.size != 1:
        return (
            f"periode '{key}' past niet bij deze variabele (definitieperiode {unit_nl}); "
            f"geef één {unit_nl}, bijvoorbeeld '{examples.get(unit, '2023')}'"
        )
    return None


def _check_value(variable, value) -> tuple[object, str | None]:
    """The value to store, or an error message naming what is allowed."""
    value_type = variable.value_type
    if value_type is bool:
        if isinstance(value, bool):
            return value, None
        return None, f"verwacht true of false, kreeg {json_type(value)}"
    if value_type in (int, float):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return None, f"verwacht een getal, kreeg {json_type(value)}"
        if not math.isfinite(value) or abs(value) > MAX_ABS_NUMBER:
            return None, "getal buiten het toegestane bereik (-1.000.000.000.000 tot 1.000.000.000.000)"
        if value_type is int and value != int(value):
            return None, "verwacht een geheel getal"
        if value_type is int and value > np.iinfo(variable.dtype).max:
            largest = formatting.number(int(np.iinfo(variable.dtype).max))
            return None, f"getal te groot voor deze variabele; ten hoogste {largest}"
        if value < 0:  # no input of these rules is negative: amounts, counts, months, years, levels
            unit = getattr(variable, "unit", None)
            return None, f"verwacht 0 of meer{f' ({unit})' if unit else ''}, kreeg {value}"
        if is_money(variable):
            return _check_money(value)
        return value, None
    if value_type == Enum:
        allowed = [item.name for item in variable.possible_values]
        if not isinstance(value, str) or value not in allowed:
            return None, f"onbekende waarde {show(value)}; toegestaan: {', '.join(allowed)}"
        return value, None
    if value_type is datetime.date:
        if not isinstance(value, str):
            return None, f"verwacht een datum als tekst JJJJ-MM-DD, kreeg {json_type(value)}"
        try:
            return parse_iso_date(value), None
        except DateError as error:
            return None, str(error)
    if value_type is str:
        if not isinstance(value, str):
            return None, f"verwacht tekst, kreeg {json_type(value)}"
        return value, None
    return value, None


def _check_money(value) -> tuple[object, str | None]:
    """Money in whole cents up to MAXIMUM_BEDRAG: the range in which results are exact to the cent (geld.py)."""
    if value > MAXIMUM_BEDRAG:
        return None, f"bedrag buiten het toegestane bereik (0 tot en met {MAXIMUM_BEDRAG:.0e} euro)"
    if Decimal(repr(value)).as_tuple().exponent < -2:  # repr is the shortest text that reads back as this number
        return None, f"bedrag in hele centen (ten hoogste 2 decimalen), kreeg {value}"
    return value, None


def json_type(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "een boolean"
    if isinstance(value, (int, float)):
        return "een getal"
    if isinstance(value, str):
        return f"tekst {show(value)}"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "een object"
    return type(value).__name__


def _checked_persons(tax_benefit_system, situation, max_persons: int) -> dict:
    """The persons of a situation whose top-level keys are all entities (SituationError otherwise)."""
    errors: dict[str, str] = {}
    if not isinstance(situation, dict):
        raise SituationError({"": f"verwacht een object met entiteiten, kreeg {json_type(situation)}"})
    entities = {entity.plural: entity for entity in tax_benefit_system.entities}
    person_entity = tax_benefit_system.person_entity
    for key in situation:
        if key == "axes":
            errors[key] = "assen (axes) worden niet ondersteund; geef de personen expliciet of gebruik openfisca-llo budget"
        elif key not in entities:
            errors[_short(str(key))] = f"onbekende entiteit; toegestaan: {', '.join(sorted(entities))}"
    persons = situation.get(person_entity.plural)
    if not isinstance(persons, dict) or not persons:
        errors[person_entity.plural] = "verplicht: een object met ten minste één persoon, bijvoorbeeld {\"anna\": {}}"
    if errors:
        raise SituationError(errors)
    if len(persons) > max_persons:
        raise SituationError(
            {person_entity.plural: f"{len(persons)} personen; ten hoogste {max_persons} per verzoek "
                                   f"(instelbaar met {MAX_PERSONS.name})"}, status=413
        )
    return persons


class _SituationReader:
    """Reads the instances of a situation, collecting every error with its path (the order of the input)."""

    def __init__(self, tax_benefit_system, person_ids: list[str]) -> None:
        self.variables = tax_benefit_system.variables
        self.person_index = {person_id: index for index, person_id in enumerate(person_ids)}
        self.errors: dict[str, str] = {}
        self.inputs: dict[tuple[str, str], dict[int, object]] = defaultdict(dict)
        self.requested: list[tuple[str, str, str, str, str]] = []

    def read_instance(self, entity, instance_id: str, index: int, instance, path: str) -> None:
        """The variables of one person or group: values to set, and those asked for (null)."""
        if not isinstance(instance, dict):
            self.errors[path] = f"verwacht een object, kreeg {json_type(instance)}"
            return
        role_keys = {role.plural or role.key for role in getattr(entity, "roles", [])} | {
            role.key for role in getattr(entity, "roles", [])
        }
        for name, periods in instance.items():
            field = f"{path}/{name}"
            if name in role_keys:
                continue
            variable = self.variables.get(name)
            if variable is None:
                self.errors[field] = "onbekende variabele; zie GET /variables"
            elif variable.entity.key != entity.key:
                self.errors[field] = f"variabele hoort bij entiteit '{variable.entity.plural}', niet bij '{entity.plural}'"
            elif not isinstance(periods, dict):
                self.errors[field] = (
                    f"verwacht een object {{periode: waarde}}, kreeg {json_type(periods)}; "
                    f"definitieperiode van deze variabele: {variable.definition_period}"
                )
            else:
                self._read_values(entity, instance_id, index, variable, periods, field)

    def _read_values(self, entity, instance_id: str, index: int, variable, periods: dict, field: str) -> None:
        for period_key, value in periods.items():
            period_field = f"{field}/{period_key}"
            message = _period_error(variable, str(period_key))
            if message:
                self.errors[period_field] = message
                continue
            period_str = str(period_key)
            if variable.definition_period == DateUnit.ETERNITY:
                # OpenFisca cannot look up a formula at the ETERNITY instant: use the date its formula starts.
                period_str = min(variable.formulas) if (value is None and variable.formulas) else "ETERNITY"
            if value is None:
                self.requested.append((entity.plural, instance_id, variable.name, period_str, str(period_key)))
                continue
            checked, message = _check_value(variable, value)
            if message:
                self.errors[period_field] = message
                continue
            self.inputs[(variable.name, period_str)][index] = checked

    def read_groups(self, plural: str, entity, groups) -> tuple[list[str], tuple[list, list]] | None:
        """The groups of one group entity: their ids and each person's group and role. A person in no group gets
        a group of its own (id ``_<plural>_<person>``) in the first role."""
        groups = {} if groups is None else groups
        if not isinstance(groups, dict):
            self.errors[plural] = f"verwacht een object met {plural}, kreeg {json_type(groups)}"
            return None
        group_of = [None] * len(self.person_index)
        role_of = [None] * len(self.person_index)
        group_ids = []
        roles = {role.plural or role.key: role for role in entity.roles} | {role.key: role for role in entity.roles}
        for group_id, group in groups.items():
            group_id = str(group_id)
            group_ids.append(group_id)
            path = f"{plural}/{group_id}"
            if group_id.startswith(RESERVED_PREFIX):
                self.errors[path] = f"een id die met '{RESERVED_PREFIX}' begint is voorbehouden aan het model; kies een andere id"
                continue
            if isinstance(group, dict):
                self._read_members(plural, roles, group_id, group, path, group_of, role_of)
            self.read_instance(entity, group_id, len(group_ids) - 1, group, path)
        self._check_not_empty(plural, entity, group_ids, group_of)
        default_role = entity.flattened_roles[0].key if entity.flattened_roles else None
        for person_id, position in self.person_index.items():
            if group_of[position] is None:
                group_id = f"_{plural}_{person_id}"
                group_ids.append(group_id)
                group_of[position] = group_id
                role_of[position] = default_role
        return group_ids, (group_of, role_of)

    def _read_members(self, plural: str, roles: dict, group_id: str, group: dict, path: str,
                      group_of: list, role_of: list) -> None:
        """The persons a group names in each role: known persons, in one group each, at most the role's maximum."""
        for role_name, role in roles.items():
            members = group.get(role_name)
            if members is None:
                continue
            members = members if isinstance(members, list) else [members]
            if role.max is not None and len(members) > role.max:
                self.errors[f"{path}/{role_name}"] = f"ten hoogste {role.max} persoon/personen in deze rol"
            for member in members:
                if not isinstance(member, str):
                    self.errors[f"{path}/{role_name}"] = f"verwacht de id van een persoon (tekst), kreeg {json_type(member)}"
                    continue
                if member not in self.person_index:
                    known = ", ".join(show(p) for p in list(self.person_index)[:10])
                    self.errors[f"{path}/{role_name}"] = f"onbekende persoon {show(member)}; personen: {known}"
                    continue
                position = self.person_index[member]
                if group_of[position] is not None:
                    self.errors[f"{path}/{role_name}"] = (
                        f"persoon {show(member)} staat al in {plural} {show(group_of[position])}")
                    continue
                group_of[position] = group_id
                role_of[position] = role.key

    def _check_not_empty(self, plural: str, entity, group_ids: list[str], group_of: list) -> None:
        members_of = set(g for g in group_of if g is not None)
        for group_id in group_ids:
            if group_id not in members_of and not group_id.startswith(RESERVED_PREFIX):
                roles_text = ", ".join(sorted({role.plural or role.key for role in entity.roles}))
                self.errors.setdefault(f"{plural}/{group_id}", f"een {entity.key} zonder leden kan niet worden berekend; "
                                                                f"geef ten minste één persoon in een rol ({roles_text})")


def parse_situation(tax_benefit_system, situation, max_persons: int = DEFAULT_MAX_PERSONS) -> ParsedSituation:
    """Check a whole situation and read it; SituationError with every problem (path -> message) otherwise."""
    persons = _checked_persons(tax_benefit_system, situation, max_persons)
    person_entity = tax_benefit_system.person_entity
    ids = {person_entity.plural: [str(key) for key in persons]}
    memberships: dict[str, tuple[list[str], list[str]]] = {}
    reader = _SituationReader(tax_benefit_system, ids[person_entity.plural])
    for person_id, index in reader.person_index.items():
        reader.read_instance(person_entity, person_id, index, persons[person_id], f"{person_entity.plural}/{person_id}")
    for entity in tax_benefit_system.entities:
        if entity.is_person:
            continue
        groups = reader.read_groups(entity.plural, entity, situation.get(entity.plural))
        if groups is not None:
            ids[entity.plural], memberships[entity.plural] = groups
    if reader.errors:
        raise SituationError(reader.errors)
    variables = tax_benefit_system.variables
    cells = sum(
        len(ids[variables[name].entity.plural])
        for name, period in set(reader.inputs) | {(name, period) for _, _, name, period, _ in reader.requested}
    )
    check(MAX_CELLS, "situatie", cells)
    return ParsedSituation(ids=ids, memberships=memberships, inputs=dict(reader.inputs), requested=reader.requested)


def _input_array(variable, count: int, values: dict[int, object]):
    index = np.fromiter(values.keys(), dtype=np.int64, count=len(values))
    if variable.value_type == Enum:
        array = np.full(count, variable.default_value.name, dtype=object)
        array[index] = list(values.values())
        return variable.possible_values.encode(array.astype(str))
    if variable.value_type is datetime.date:
        array = np.full(count, np.datetime64(variable.default_value, "D"), dtype="datetime64[D]")
        array[index] = np.array(list(values.values()), dtype="datetime64[D]")
        return array
    array = np.full(count, variable.default_value, dtype=variable.dtype)
    array[index] = np.array(list(values.values()), dtype=variable.dtype)
    return array


def build_parsed(tax_benefit_system, parsed: ParsedSituation):
    builder = SimulationBuilder()
    builder.create_entities(tax_benefit_system)
    person_entity = tax_benefit_system.person_entity
    builder.declare_person_entity(person_entity.key, parsed.ids[person_entity.plural])
    for entity in tax_benefit_system.entities:
        if entity.is_person:
            continue
        population = builder.declare_entity(entity.key, parsed.ids[entity.plural])
        group_of, role_of = parsed.memberships[entity.plural]
        position = {group_id: i for i, group_id in enumerate(parsed.ids[entity.plural])}
        # join_with_persons sorts by id; integer positions keep the declared order (ids restored below).
        population.ids = np.arange(len(parsed.ids[entity.plural]))
        builder.join_with_persons(population, np.array([position[g] for g in group_of]), np.array(role_of))
    simulation = builder.build(tax_benefit_system)
    for entity in tax_benefit_system.entities:
        simulation.get_population(entity.plural).ids = np.array(parsed.ids[entity.plural])
    for (name, period_str), values in parsed.inputs.items():
        variable = tax_benefit_system.variables[name]
        count = len(parsed.ids[variable.entity.plural])
        simulation.set_input(name, periodes.period(period_str), _input_array(variable, count, values))
    return simulation


def build_simulation(tax_benefit_system, situation, max_persons: int = DEFAULT_MAX_PERSONS):
    return build_parsed(tax_benefit_system, parse_situation(tax_benefit_system, situation, max_persons))

"""The schemes a population budget costs, and how one scheme's applications are evaluated under one system.

The schemes come from their one declaration (``openfisca_llo.regelingen``: each scheme's ``kosten``). Each costed
scheme (:class:`Regeling`) names its OpenFisca variables: the amount, the refusal reason, the inputs taken
from an application table, the subsidieplafond parameter and how an oversubscribed plafond is allocated. An
application table (:class:`Aanvragen`) holds one row per application (a person, an onderneming or a
samenwerkingsverband) with its date, weight and inputs; for an onderneming also its participating persons
(``leden``). Evaluation runs one simulation per distinct period (application day, year or month), each over
whole arrays; then the global step (:mod:`openfisca_llo.toewijzing`) allocates the plafond and the law's own
formula confirms each allocation (the 'already granted' input set to what was granted before).

A NaN amount, or the reason ``onbekend``, is *onbekend* (the model lacks a figure): counted apart, never as
spending.
"""

from __future__ import annotations

import dataclasses

import numpy as np
from openfisca_core.indexed_enums import EnumArray
from openfisca_core.periods import DateUnit
from openfisca_core.simulations import SimulationBuilder

from openfisca_llo import regelingen
from openfisca_llo.parameter_paths import parameter_at_path
from openfisca_llo.toewijzing import first_come_first_served, lottery_numbers, plafond_groups

#: One costed item: a declared ``Kostenpost`` completed with its scheme's entity, amount, reason and right.
Regeling = regelingen.Kostenpost


_ENTITEIT = {"personen": "persoon", "ondernemingen": "onderneming", "samenwerkingsverbanden": "samenwerkingsverband"}


def _costed(regeling: regelingen.Regeling, post: regelingen.Kostenpost) -> Regeling:
    """One costed item: the budget's own data (``post``) with the scheme's entity, amount, reason and right."""
    return dataclasses.replace(
        post, naam=post.naam or regeling.key, entiteit=_ENTITEIT[regeling.entiteit],
        bedrag=post.bedrag or regeling.bedrag, grond=regeling.reden, recht=regeling.recht,
    )


#: What a budget costs: each declared scheme's ``kosten`` (openfisca_llo.regelingen), in the declaration's order.
REGELINGEN: tuple[Regeling, ...] = tuple(
    _costed(regeling, post) for regeling in regelingen.REGELINGEN for post in regeling.kosten
)

#: Instruments the model has but a budget does not cost, with the reason (named in every output, never 0): the
#: declared schemes without ``kosten`` (their ``niet_begroot``) and parts of a scheme outside a budget's year.
NIET_DOORGEREKEND = {
    **{regeling.key: regeling.niet_begroot for regeling in regelingen.REGELINGEN if not regeling.kosten},
    "levenlanglerenkrediet_terugbetaling": "De terugbetaling van het Levenlanglerenkrediet (aflossing over 15 jaar) "
                                           "valt buiten het jaar van de lening; niet doorgerekend.",
    "scholingsaftrek_belastinguitgave": "De belastinguitgave van de scholingsaftrek vraagt het tarief van de "
                                        "aftrekpost, dat niet is gemodelleerd; alleen het aftrekvolume.",
}

BY_NAME = {r.naam: r for r in REGELINGEN}


# ---- application tables -----------------------------------------------------------------------------------------


@dataclasses.dataclass
class Aanvragen:
    """One row per application of one scheme: the global id, weight, date, order within the day, inputs and
    grouping codes (for winners and losers); ``leden`` are member-person inputs, ``lid_van`` the row each member
    belongs to."""

    regeling: str
    id: np.ndarray  # int64, global and stable (person row number or employer number)
    gewicht: np.ndarray
    datum: np.ndarray  # datetime64[D]
    volgorde: np.ndarray  # float64
    invoer: dict[str, np.ndarray]
    groepen: dict[str, np.ndarray]  # indeling -> int codes
    leden: dict[str, np.ndarray] = dataclasses.field(default_factory=dict)
    lid_van: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.id)

    def take(self, rows: np.ndarray) -> Aanvragen:
        leden, lid_van = {}, None
        if self.lid_van is not None:
            keep = np.isin(self.lid_van, rows)
            remap = np.full(len(self), -1, dtype=np.int64)
            remap[rows] = np.arange(len(rows))
            lid_van = remap[self.lid_van[keep]]
            leden = {k: v[keep] for k, v in self.leden.items()}
        return Aanvragen(self.regeling, self.id[rows], self.gewicht[rows], self.datum[rows], self.volgorde[rows],
                         {k: v[rows] for k, v in self.invoer.items()}, {k: v[rows] for k, v in self.groepen.items()},
                         leden, lid_van)


def concat(tables: list[Aanvragen]) -> Aanvragen:
    first = tables[0]
    lid_van = None
    if first.lid_van is not None:
        offsets = np.cumsum([0] + [len(t) for t in tables[:-1]])
        lid_van = np.concatenate([t.lid_van + o for t, o in zip(tables, offsets, strict=True)])
    return Aanvragen(
        first.regeling,
        np.concatenate([t.id for t in tables]), np.concatenate([t.gewicht for t in tables]),
        np.concatenate([t.datum for t in tables]), np.concatenate([t.volgorde for t in tables]),
        {k: np.concatenate([t.invoer[k] for t in tables]) for k in first.invoer},
        {k: np.concatenate([t.groepen[k] for t in tables]) for k in first.groepen},
        {k: np.concatenate([t.leden[k] for t in tables]) for k in first.leden}, lid_van,
    )


# ---- simulations ------------------------------------------------------------------------------------------------


def _declare_alone(builder, entity, ids):
    group = builder.declare_entity(entity.key, ids)
    group.members_entity_id = ids
    roles = entity.flattened_roles
    group.members_role = np.array(roles, dtype=object)[np.zeros(len(ids), dtype=np.int8)] if roles else np.int16(0)


def person_simulation(tax_benefit_system, count: int):
    """``count`` persons, each alone in a group of every group entity (built without sorting)."""
    builder = SimulationBuilder()
    builder.create_entities(tax_benefit_system)
    ids = np.arange(count)
    builder.declare_person_entity(tax_benefit_system.person_entity.key, ids)
    for entity in tax_benefit_system.entities:
        if not entity.is_person:
            _declare_alone(builder, entity, ids)
    return builder.build(tax_benefit_system)


def group_simulation(tax_benefit_system, entity_key: str, member_of: np.ndarray, groups: int):
    """``groups`` applicants of entity ``entity_key``; person ``i`` is a member of group ``member_of[i]`` (in the
    entity's first role); every person is alone in a group of each other group entity."""
    builder = SimulationBuilder()
    builder.create_entities(tax_benefit_system)
    persons = np.arange(len(member_of))
    builder.declare_person_entity(tax_benefit_system.person_entity.key, persons)
    for entity in tax_benefit_system.entities:
        if entity.is_person:
            continue
        if entity.key != entity_key:
            _declare_alone(builder, entity, persons)
            continue
        group = builder.declare_entity(entity.key, np.arange(groups))
        group.members_entity_id = np.asarray(member_of, dtype=np.int64)
        group.members_role = np.array(entity.flattened_roles, dtype=object)[np.zeros(len(persons), dtype=np.int8)]
    return builder.build(tax_benefit_system)


def _period_for(variable, day: np.datetime64, month: int | None = None) -> str:
    unit = variable.definition_period
    if unit == DateUnit.ETERNITY:
        return "ETERNITY"
    if unit == DateUnit.YEAR:
        return str(day)[:4]
    if unit == DateUnit.MONTH:
        return str(day)[:7] if month is None else f"{str(day)[:4]}-{month:02d}"
    return str(day)


def _set(simulation, tax_benefit_system, name: str, values, day, month=None) -> None:
    variable = tax_benefit_system.variables.get(name)
    if variable is None:
        return  # a variable this system does not have (a reform may remove or add variables)
    if variable.value_type.__name__ == "Enum" and not isinstance(values, EnumArray):
        values = EnumArray(np.asarray(values, dtype=np.int16), variable.possible_values)
    simulation.set_input(name, _period_for(variable, day, month), values)


def _simulation(tax_benefit_system, regeling: Regeling, table: Aanvragen, rows: np.ndarray, period_day,
                reeds: np.ndarray | None, month: int | None = None):
    if regeling.entiteit == "persoon":
        simulation = person_simulation(tax_benefit_system, len(rows))
    else:
        if table.lid_van is not None:
            member = np.isin(table.lid_van, rows)
            remap = np.full(len(table), -1, dtype=np.int64)
            remap[rows] = np.arange(len(rows))
            member_of = remap[table.lid_van[member]]
            order = np.argsort(member_of, kind="stable")
            member_rows = np.flatnonzero(member)[order]
            member_of = member_of[order]
        else:
            member_rows, member_of = None, np.arange(len(rows))
        simulation = group_simulation(tax_benefit_system, regeling.entiteit, member_of, len(rows))
        if member_rows is not None:
            for name in regeling.leden_invoer:
                _set(simulation, tax_benefit_system, name, table.leden[name][member_rows], period_day, month)
    for name, values in table.invoer.items():
        _set(simulation, tax_benefit_system, name, values[rows], period_day, month)
    if regeling.reeds:
        _set(simulation, tax_benefit_system, regeling.reeds, np.zeros(len(rows)) if reeds is None else reeds,
             period_day, month)
    return simulation


def _reason_codes(simulation, regeling: Regeling, period: str) -> np.ndarray:
    if not regeling.grond:
        return None
    return np.asarray(simulation.calculate(regeling.grond, period)).astype(np.int16)


def _amount(simulation, tax_benefit_system, regeling: Regeling, period: str) -> np.ndarray:
    if regeling.bedrag is None:
        return np.asarray(simulation.calculate(regeling.recht, period), dtype=np.float64)  # 1 per participant
    amount = np.asarray(simulation.calculate(regeling.bedrag, period), dtype=np.float64)
    return amount


#: Reasons that say the model lacks a figure (the project's 'onbekend'; the Levenlanglerenkrediet's older name).
ONBEKEND_REDENEN = ("onbekend", "geen_geverifieerd_bedrag")


def onbekend_codes(tax_benefit_system, regeling: Regeling) -> list[int]:
    if not regeling.grond or regeling.grond not in tax_benefit_system.variables:
        return []
    values = tax_benefit_system.variables[regeling.grond].possible_values
    return [values[name].index for name in ONBEKEND_REDENEN if name in values.__members__]


@dataclasses.dataclass
class Uitkomst:
    """Per application: the amount asked (no plafond), the amount finally granted (NaN: onbekend), the interest
    accrued in the year (loans), whether the plafond refused it, and its plafond group."""

    gevraagd: np.ndarray
    toegekend: np.ndarray
    rente: np.ndarray
    door_plafond: np.ndarray
    groep: np.ndarray
    plafond: np.ndarray
    onbekend: np.ndarray
    afwijkingen: int


def _by_period(keys: np.ndarray):
    distinct, inverse = np.unique(keys, return_inverse=True)
    order = np.argsort(inverse, kind="stable")
    bounds = np.r_[0, np.cumsum(np.bincount(inverse, minlength=len(distinct)))]
    for k, key in enumerate(distinct):
        yield key, order[bounds[k]:bounds[k + 1]]


def first_pass(tax_benefit_system, regeling: Regeling, table: Aanvragen, rows=None, reeds=None):
    """Amount, interest and onbekend flag of each application (``rows``; all if None), with the 'already
    granted' input at 0 or at ``reeds``."""
    rows = np.arange(len(table)) if rows is None else rows
    amount = np.zeros(len(rows))
    interest = np.zeros(len(rows))
    unknown = np.zeros(len(rows), dtype=bool)
    codes = onbekend_codes(tax_benefit_system, regeling)
    if regeling.periode == "maanden":
        months = (table.datum[rows].astype("datetime64[M]").astype(int) % 12) + 1
        for month in range(1, 13):  # twelve simulations a year, over every borrower of that month
            active = np.flatnonzero(months <= month)
            for day, part in _by_period(table.datum[rows][active].astype("datetime64[Y]")):
                local = active[part]
                first = np.datetime64(f"{str(day)[:4]}-{month:02d}-01")
                simulation = _simulation(tax_benefit_system, regeling, table, rows[local], first, None, month)
                period = str(first)[:7]
                value = _amount(simulation, tax_benefit_system, regeling, period)
                reason = _reason_codes(simulation, regeling, period)
                if codes and reason is not None:
                    value = np.where(np.isin(reason, codes), np.nan, value)
                amount[local] += value
                if regeling.rente and regeling.rente in tax_benefit_system.variables:
                    rate = np.asarray(simulation.calculate(regeling.rente, period), dtype=np.float64)
                    interest[local] += value * rate / 100 * (12 - month) / 12
        unknown = np.isnan(amount)
        return amount, interest, unknown
    keys = table.datum[rows]
    if regeling.periode == "jaar":
        keys = keys.astype("datetime64[Y]").astype("datetime64[D]")
    for day, part in _by_period(keys):  # one simulation per application day (or year)
        simulation = _simulation(tax_benefit_system, regeling, table, rows[part], day,
                                 None if reeds is None else reeds[part])
        period = str(day)[:4] if regeling.periode == "jaar" else str(day)
        value = _amount(simulation, tax_benefit_system, regeling, period)
        reason = _reason_codes(simulation, regeling, period)
        if codes and reason is not None:
            value = np.where(np.isin(reason, codes), np.nan, value)
        amount[part] = value
    unknown = np.isnan(amount)
    return amount, interest, unknown


def evaluate(tax_benefit_system, regeling: Regeling, table: Aanvragen, lottery_seed: int) -> Uitkomst:
    """Every application of ``table`` under ``tax_benefit_system``, the plafond allocated and checked by the law."""
    n = len(table)
    if n == 0 or (regeling.bedrag and regeling.bedrag not in tax_benefit_system.variables):
        empty = np.zeros(n)
        return Uitkomst(empty, empty, empty, np.zeros(n, dtype=bool), np.full(n, -1, dtype=np.int64),
                        np.full(n, np.nan), np.zeros(n, dtype=bool), 0)
    requested, interest, unknown = first_pass(tax_benefit_system, regeling, table)
    granted = requested.copy()
    refused = np.zeros(n, dtype=bool)
    group = np.full(n, -1, dtype=np.int64)
    plafond = np.full(n, np.nan)
    disagreements = 0
    if regeling.plafond:
        group, plafond = plafond_groups(parameter_at_path(tax_benefit_system.parameters, regeling.plafond), table.datum,
                                        parameter_at_path(tax_benefit_system.parameters, regeling.tijdvak)
                                        if regeling.tijdvak else None)
        if regeling.toewijzing == "loting":
            years = table.datum.astype("datetime64[Y]").astype(int) + 1970
            numbers = np.empty(n)
            for year in np.unique(years):
                mask = years == year
                numbers[mask] = lottery_numbers(lottery_seed, int(year), table.id[mask])
            keys = [numbers]
        else:
            keys = [table.datum.astype(np.int64), table.volgorde]
        ok, before = first_come_first_served(group, keys, requested, table.gewicht, plafond)
        capped = np.flatnonzero(~np.isnan(plafond) & (np.nan_to_num(requested) > 0))
        if len(capped) and regeling.reeds:
            reeds = before[capped] + (table.gewicht[capped] - 1) * np.nan_to_num(requested[capped])
            law, _, law_unknown = first_pass(tax_benefit_system, regeling, table, capped, reeds)
            disagreements = int(np.count_nonzero((np.nan_to_num(law) > 0) != ok[capped]))
            granted[capped] = law
            unknown[capped] |= law_unknown
        elif len(capped):
            granted[capped] = np.where(ok[capped], requested[capped], 0.0)
        refused = (np.nan_to_num(requested) > 0) & ~(np.nan_to_num(granted) > 0) & ~unknown
    return Uitkomst(requested, granted, interest, refused, group, plafond, unknown, disagreements)

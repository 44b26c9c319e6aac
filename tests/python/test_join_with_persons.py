"""situations._join_with_persons sets what openfisca-core's SimulationBuilder.join_with_persons sets (members'
group and role), for the example situations and for a group without members."""

import json
from pathlib import Path

import numpy as np
import pytest
from openfisca_core.simulations import SimulationBuilder

from openfisca_llo import CountryTaxBenefitSystem, situations
from openfisca_llo.situations import SituationError, build_parsed, parse_situation

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"
TBS = CountryTaxBenefitSystem()


def core_join(population, positions, role_keys):
    SimulationBuilder().join_with_persons(population, positions, np.array(role_keys))


def same_membership(ours, theirs) -> None:
    assert np.array_equal(ours.members_entity_id, theirs.members_entity_id)
    assert ours.members_role.dtype == theirs.members_role.dtype
    assert list(ours.members_role) == list(theirs.members_role)


def parsed_examples():
    for path in sorted(EXAMPLES.glob("*.json")):
        body = json.loads(path.read_text(encoding="utf-8"))
        try:
            yield path.name, parse_situation(TBS, body.get("situatie", body))
        except SituationError:
            continue  # a situation for a reform's variables


@pytest.mark.parametrize(("name", "parsed"), list(parsed_examples()), ids=[n for n, _ in parsed_examples()])
def test_examples_join_as_core_joins(name, parsed, monkeypatch):
    ours = build_parsed(TBS, parsed)
    monkeypatch.setattr(situations, "_join_with_persons", core_join)
    theirs = build_parsed(TBS, parsed)
    for entity in TBS.entities:
        if not entity.is_person:
            same_membership(ours.populations[entity.key], theirs.populations[entity.key])


def test_a_group_without_members_and_two_roles():
    entity = next(e for e in TBS.entities if not e.is_person and len(e.flattened_roles) > 0)
    keys = [role.key for role in entity.flattened_roles]
    positions = np.array([2, 0, 2])  # group 1 has no member: core ranks the positions used (0, 2) as 0, 1
    roles = [keys[-1], keys[0], keys[0]]
    populations = []
    for join in (situations._join_with_persons, core_join):
        builder = SimulationBuilder()
        builder.create_entities(TBS)
        population = builder.declare_entity(entity.key, ["a", "b", "c"])
        population.ids = np.arange(3)
        join(population, positions, roles)
        populations.append(population)
    same_membership(*populations)
    assert list(populations[0].members_entity_id) == [1, 0, 1]

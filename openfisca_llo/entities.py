"""Entities of openfisca-llo: who a rule applies to."""

from openfisca_core.entities import build_entity

Persoon = build_entity(
    key="persoon",
    plural="personen",
    label="Persoon (natuurlijk persoon)",
    doc="Een natuurlijk persoon: aanvrager van het STAP-budget, deelnemer aan ontwikkeladvies, "
    "student met levenlanglerenkrediet, of werknemer van een onderneming.",
    is_person=True,
)

entities = [Persoon]

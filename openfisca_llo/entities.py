"""Entities of openfisca-llo: who a rule applies to.

Besides persons there are two applicants of their own: the *onderneming* (an employer applying for SLIM or
the SLIM scholingssubsidie, with its employees as members) and the *samenwerkingsverband* (a partnership
applying under the SLIM chapter for samenwerkingsverbanden, with a person as contactpersoon). A person who
is put in no onderneming or samenwerkingsverband gets one of each of their own when that group entity is
absent from the situation (OpenFisca's SimulationBuilder then creates one group per person, in the group's
first role), so person-level rules such as the STAP-budget work without either group in the input.

Limitation of OpenFisca-core 46: once a situation lists ondernemingen (or samenwerkingsverbanden), place
every person in one. For a person left out, the builder adds a group of their own but sizes the input
arrays by the listed groups only: the listed groups' inputs are repeated into the added groups
(numpy.tile), or the situation fails with a length error.
"""

from openfisca_core.entities import build_entity

Persoon = build_entity(
    key="persoon",
    plural="personen",
    label="Persoon (natuurlijk persoon)",
    doc="Een natuurlijk persoon: aanvrager van het STAP-budget, deelnemer aan ontwikkeladvies, "
    "student met levenlanglerenkrediet, of werknemer van een onderneming.",
    is_person=True,
)

Onderneming = build_entity(
    key="onderneming",
    plural="ondernemingen",
    label="Onderneming (werkgever)",
    doc="Een onderneming als aanvrager van SLIM-subsidie (individuele mkb-onderneming of grootbedrijf in de "
    "landbouw-, horeca- of recreatiesector) of van de SLIM scholingssubsidie (werkgever of gastouderbureau). "
    "Haar werknemers zijn leden met de rol 'werknemer'. Grootteklasse, sector en kosten zijn invoer of "
    "formules op het niveau van de onderneming; de periode is de aanvraagdatum (DAY).",
    roles=[
        {
            "key": "werknemer",
            "plural": "werknemers",
            "label": "Werknemer",
            "doc": "Een persoon in dienst van de onderneming (bij de scholingssubsidie: mogelijk deelnemer aan de scholing).",
        },
    ],
)

Samenwerkingsverband = build_entity(
    key="samenwerkingsverband",
    plural="samenwerkingsverbanden",
    label="Samenwerkingsverband (SLIM)",
    doc="Een samenwerkingsverband dat als eigen aanvrager SLIM-subsidie aanvraagt (hoofdstuk 3 van de "
    "oorspronkelijke regeling, sinds Stcrt. 2025, 7276 paragraaf 2.3). De partners zijn ondernemingen en "
    "organisaties; hun aantal is invoer. Leden van deze entiteit zijn personen: de contactpersoon en "
    "eventuele andere betrokkenen.",
    roles=[
        {
            "key": "contactpersoon",
            "label": "Contactpersoon",
            "max": 1,
            "doc": "De persoon die de aanvraag namens het samenwerkingsverband indient of contactpersoon is.",
        },
        {
            "key": "betrokkene",
            "plural": "betrokkenen",
            "label": "Betrokkene",
            "doc": "Een andere persoon die bij het samenwerkingsverband hoort.",
        },
    ],
)

entities = [Persoon, Onderneming, Samenwerkingsverband]

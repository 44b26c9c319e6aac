import numpy as np
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import YEAR
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.entities import Persoon
from openfisca_llo.reasons import first_reason, grondslag


class ScholingsaftrekAfwijzingsgrond(Enum):
    geen = "Geen: er is een aftrek van scholingsuitgaven"
    niet_gemodelleerd_voor_2013 = "Vóór 2013 golden andere regels voor de scholingsaftrek; die zijn niet gemodelleerd"
    afgeschaft = "De aftrek van scholingsuitgaven is vanaf 1 januari 2022 afgeschaft (opgevolgd door het STAP-budget)"
    studiefinanciering = "Recht op studiefinanciering voor de opleiding (vanaf studiejaar 2015/2016)"
    niet_boven_drempel = "De scholingsuitgaven komen niet boven de drempel"


_g = ScholingsaftrekAfwijzingsgrond
grondslag(
    ScholingsaftrekAfwijzingsgrond,
    {
        _g.niet_gemodelleerd_voor_2013: [cite("BWBR0011353", artikel="6.30", lid="1")],
        _g.afgeschaft: [
            cite("kst-35306-3", paragraaf="1"),
            cite("web-rijksfinancien-belastingplan-2023-scholingsaftrek"),
        ],
        _g.studiefinanciering: [cite("BWBR0011353", artikel="6.28", lid="1", onderdeel="a")],
        _g.niet_boven_drempel: [cite("BWBR0011353", artikel="6.30", lid="1")],
    },
)


class scholingsaftrek_afwijzingsgrond(Variable):
    value_type = Enum
    possible_values = ScholingsaftrekAfwijzingsgrond
    default_value = ScholingsaftrekAfwijzingsgrond.geen
    entity = Persoon
    definition_period = YEAR
    label = "Reden waarom er in dit kalenderjaar geen aftrek van scholingsuitgaven is (eerste die geldt)"
    reference = [
        cite("BWBR0011353", artikel="6.30", lid="1"),
        cite("BWBR0011353", artikel="6.28", lid="1", onderdeel="a"),
        cite("kst-35306-3", paragraaf="1"),
        cite("web-rijksfinancien-belastingplan-2023-scholingsaftrek"),
    ]

    def formula(persoon, period, parameters):
        """Gronden in deze volgorde: afgeschaft (vanaf 2022), regels vóór 2013, studiefinanciering, drempel.

        Looptijd hangt alleen van het jaar af (parameters scholingsaftrek.afgeschaft en .regels_gemodelleerd).
        Daarna de uitsluiting bij recht op studiefinanciering (vanaf 2015) en de drempel van art. 6.30 lid 1.
        Niet gemodelleerd: de regels vóór 2013.
        """
        grond = ScholingsaftrekAfwijzingsgrond
        p = parameters(period).scholingsaftrek
        n = persoon.count
        if p.afgeschaft:
            return np.full(n, grond.afgeschaft)
        if not p.regels_gemodelleerd:
            return np.full(n, grond.niet_gemodelleerd_voor_2013)

        uitsluiting = persoon("scholingsaftrek_recht_op_studiefinanciering", period) * p.uitsluiting_bij_studiefinanciering
        art6_30_lid1_drempel = persoon("scholingsuitgaven", period) > p.drempel
        return first_reason(
            default=grond.geen,
            pairs=[
                (grond.studiefinanciering, uitsluiting),
                (grond.niet_boven_drempel, np.logical_not(art6_30_lid1_drempel)),
            ],
        )

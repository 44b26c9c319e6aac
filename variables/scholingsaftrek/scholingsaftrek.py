import numpy as np
from openfisca_core.periods import YEAR
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.entities import Persoon


class scholingsaftrek(Variable):
    value_type = float
    entity = Persoon
    definition_period = YEAR
    label = "Aftrek van scholingsuitgaven (persoonsgebonden aftrek) in dit kalenderjaar"
    reference = [cite("BWBR0011353", artikel="6.30", lid="1"), cite("BWBR0011353", artikel="6.30", lid="2")]
    unit = "currency-EUR"
    documentation = (
        "Het bedrag van de aftrek, niet het belastingvoordeel: dat hangt af van het tarief en wordt niet berekend. "
        "De aftrek geldt per belastingplichtige; uitgaven die op de partner drukken, tellen mee bij wie de opleiding volgt."
    )

    def formula(persoon, period, parameters):
        """Art. 6.30 lid 1: scholingsuitgaven boven de drempel (EUR 250), buiten de standaardstudieperiode ten hoogste
        EUR 15.000; 0 met de reden in scholingsaftrek_afwijzingsgrond.

        Niet gemodelleerd: kalenderjaren met uitgaven deels binnen en deels buiten de standaardstudieperiode
        (de invoer geldt voor het hele jaar); de beperking bij een prestatiebeurs (art. 6.28 lid 2-4, tekst vóór 2015);
        de regels vóór 2013.
        """
        grond = persoon("scholingsaftrek_afwijzingsgrond", period)
        toegekend = grond == grond.possible_values.geen
        if not toegekend.any():
            return np.zeros(persoon.count)
        p = parameters(period).scholingsaftrek
        art6_30_lid1_boven_drempel = np.maximum(persoon("scholingsuitgaven", period) - p.drempel, 0)
        art6_30_lid2_binnen = persoon("scholingsuitgaven_binnen_standaardstudieperiode", period)
        aftrek = np.where(
            art6_30_lid2_binnen,
            art6_30_lid1_boven_drempel,
            np.minimum(art6_30_lid1_boven_drempel, p.maximum_buiten_standaardstudieperiode),
        )
        return np.where(toegekend, aftrek, 0)

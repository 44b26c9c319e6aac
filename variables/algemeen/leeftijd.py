import numpy as np
from openfisca_core.periods import DAY
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.dates import add_years, period_date
from openfisca_llo.entities import Persoon


class leeftijd(Variable):
    value_type = int
    entity = Persoon
    definition_period = DAY
    label = "Leeftijd in hele jaren op deze dag"
    reference = [cite("BWBR0045419", artikel="5", lid="2")]

    def formula(persoon, period, parameters):
        """Hele jaren tussen geboortedatum en deze dag; op de verjaardag zelf telt het nieuwe jaar.

        Niet gemodelleerd: wie op 29 februari is geboren, wordt in het model in een gewoon jaar op
        28 februari een jaar ouder (geen wettelijke regel gevonden).
        """
        dag = period_date(period)
        geboren = persoon("geboortedatum", period)
        jaren = dag.astype("datetime64[Y]").astype(int) - geboren.astype("datetime64[Y]").astype(int)
        nog_niet_jarig = add_years(geboren, jaren) > dag
        return np.where(nog_niet_jarig, jaren - 1, jaren)

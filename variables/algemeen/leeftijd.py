from openfisca_core.periods import DAY
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.dates import month_index_and_day, whole_years
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
        maand, dag = month_index_and_day(persoon("geboortedatum", period))
        return whole_years(maand, dag, period.start.date)

from openfisca_core.periods import DAY
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.entities import Persoon


class stap_eigen_bijdrage(Variable):
    value_type = float
    entity = Persoon
    definition_period = DAY
    label = "Deel van de scholingskosten dat de aanvrager zelf betaalt"
    reference = [cite("kst-30012-142", paragraaf="STAP-budget")]
    unit = "currency-EUR"

    def formula(persoon, period, parameters):
        """Scholingskosten min STAP-budget: een eigen bijdrage is enkel vereist boven EUR 1.000 (Kamerbrief),
        of voor alle kosten als de aanvraag wordt afgewezen."""
        return persoon("stap_scholingskosten", period) - persoon("stap_budget", period)

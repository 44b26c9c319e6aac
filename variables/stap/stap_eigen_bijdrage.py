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
        """Scholingskosten min de bijdrage van een derde en min het STAP-budget: een eigen bijdrage is enkel vereist
        boven EUR 1.000 (Kamerbrief), of voor alle niet door een derde betaalde kosten als de aanvraag wordt
        afgewezen; NaN als het STAP-budget onbekend is."""
        return persoon("stap_subsidiabele_kosten", period) - persoon("stap_budget", period)

from openfisca_core.periods import DAY
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.entities import Persoon


class stap_recht(Variable):
    value_type = bool
    entity = Persoon
    definition_period = DAY
    label = "Een aanvraag STAP-budget op deze aanvraagdatum wordt toegewezen"
    reference = [cite("BWBR0045419", artikel="12", lid="1"), cite("BWBR0045419", artikel="5")]

    def formula(persoon, period, parameters):
        """Recht als geen enkele afwijzingsgrond geldt (zie stap_afwijzingsgrond)."""
        grond = persoon("stap_afwijzingsgrond", period)
        return grond == grond.possible_values.geen

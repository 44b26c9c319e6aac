from datetime import date

from openfisca_core.periods import ETERNITY
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.entities import Persoon


class geboortedatum(Variable):
    value_type = date
    entity = Persoon
    definition_period = ETERNITY
    label = "Geboortedatum"
    reference = [
        cite("BWBR0002221", artikel="7a", lid="1"),
        cite("BWBR0045419", artikel="5", lid="2"),
    ]
    documentation = (
        "Invoer. Bepaalt de leeftijd op een datum en de dag waarop iemand de AOW-leeftijd bereikt "
        "(art. 7a AOW), waaraan de leeftijdsgrenzen van het STAP-budget zijn gekoppeld."
    )

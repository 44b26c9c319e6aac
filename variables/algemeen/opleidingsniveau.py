from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import ETERNITY
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.entities import Persoon


class Opleidingsniveau(Enum):
    geen = "Geen diploma of alleen basisonderwijs"
    vmbo = "Vmbo"
    mbo_1 = "Mbo niveau 1 (entreeopleiding)"
    mbo_2 = "Mbo niveau 2 (basisberoepsopleiding)"
    mbo_3 = "Mbo niveau 3"
    mbo_4 = "Mbo niveau 4"
    havo = "Havo"
    vwo = "Vwo"
    hbo = "Hbo (associate degree, bachelor of master)"
    wo = "Wo (bachelor of master)"


class opleidingsniveau(Variable):
    value_type = Enum
    possible_values = Opleidingsniveau
    default_value = Opleidingsniveau.geen
    entity = Persoon
    definition_period = ETERNITY
    label = "Hoogst afgeronde opleiding"
    reference = [cite("stcrt-2022-8302", artikel="1")]
    documentation = (
        "Invoer. Het STAP-ontwikkeladvies is voor wie 'maximaal MBO-2 als opleidingsniveau heeft' (art. 1). "
        "Het model telt geen, vmbo, mbo-1 en mbo-2 als maximaal MBO-2."
    )

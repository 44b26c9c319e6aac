from openfisca_core.periods import DAY
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.entities import Persoon


class ontvangt_studiefinanciering(Variable):
    value_type = bool
    entity = Persoon
    definition_period = DAY
    label = "Ontvangt op deze dag studiefinanciering (Wet studiefinanciering 2000)"
    reference = [cite("BWBR0045419", onderwerp="uitsluiting bij studiefinanciering, lerarenbeurs of tegemoetkoming")]
    documentation = "Invoer. Wie studiefinanciering ontvangt, krijgt geen STAP-budget (uitsluitingsgrond, secundair gezien)."

from openfisca_core.periods import DAY
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.entities import Persoon


class ontvangt_lerarenbeurs(Variable):
    value_type = bool
    entity = Persoon
    definition_period = DAY
    label = "Ontvangt op deze dag een lerarenbeurs"
    reference = [cite("BWBR0045419", onderwerp="uitsluiting bij studiefinanciering, lerarenbeurs of tegemoetkoming")]
    documentation = "Invoer. Wie een lerarenbeurs ontvangt, krijgt geen STAP-budget (uitsluitingsgrond, secundair gezien)."

"""Invoer voor de Subsidieregeling praktijkleren, per student of medewerker die werkend leert.

De werkgever (erkend leerbedrijf) vraagt aan; het model rekent per student (entiteit Persoon) per studiejaar. De
periode is een jaar dat begint in de eerste maand van het studiejaar, bijvoorbeeld year:2021-08 voor het mbo-schooljaar
2021-2022 (1 augustus tot en met 31 juli) en year:2021-09 voor het hbo-studiejaar.
"""

from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import YEAR
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.entities import Persoon

RVO = cite("web-rvo-praktijkleren")
BRIEF_2022 = cite("doc-2022-0000194169", paragraaf="2. Beleidslijn Bedrijven in ontwikkeling")


class PraktijklerenLeerweg(Enum):
    geen = "Geen opleiding"
    mbo_bbl = "Mbo, beroepsbegeleidende leerweg (bbl)"
    mbo_bol = "Mbo, beroepsopleidende leerweg (bol)"
    hbo_duaal_of_deeltijd = "Hbo, werkend leren in een duale of deeltijdse opleiding"
    overig = "Andere categorie van de regeling (vmbo, praktijkonderwijs, vso, promovendus of toio; niet gemodelleerd)"


class praktijkleren_leerweg(Variable):
    value_type = Enum
    possible_values = PraktijklerenLeerweg
    default_value = PraktijklerenLeerweg.geen
    entity = Persoon
    definition_period = YEAR
    label = "Leerweg van de student of medewerker die in dit studiejaar in de praktijk wordt begeleid"
    reference = [RVO, BRIEF_2022]
    documentation = (
        "Invoer. Volgens de Kamerbrief van 23 september 2022: een bbl-opleiding in het mbo (alle sectoren) of een "
        "werkend-lerentraject in een duale of deeltijdse hbo-opleiding."
    )


class praktijkleren_hbo_sector_subsidiabel(Variable):
    value_type = bool
    entity = Persoon
    definition_period = YEAR
    label = "De duale of deeltijdse hbo-opleiding valt in de sector Techniek, Zorg & Welzijn of Landbouw & Natuurlijke omgeving"
    reference = [RVO, BRIEF_2022]
    documentation = "Invoer. Alleen voor hbo; de sectoren volgens de Kamerbrief van 23 september 2022."


class praktijkleren_bedrag_voor_maximum(Variable):
    value_type = float
    entity = Persoon
    definition_period = YEAR
    label = "Tegemoetkoming voor deze praktijkleerplaats vóór toepassing van het maximum"
    reference = [RVO, BRIEF_2022]
    unit = "currency-EUR"
    documentation = (
        "Invoer. Het bedrag dat RVO voor de plaats vaststelt uit het budget van de onderwijscategorie en de begeleide "
        "weken; die verdeling is niet geverifieerd en niet gemodelleerd. Het model past alleen het maximum toe."
    )

import numpy as np
from openfisca_core.periods import DAY
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.entities import Persoon


class stap_subsidiabele_kosten(Variable):
    value_type = float
    entity = Persoon
    definition_period = DAY
    label = "Scholingskosten die na de bijdrage van een derde voor het STAP-budget overblijven"
    reference = [
        cite("BWBR0045419", artikel="1"),
        cite("kst-30012-142", paragraaf="STAP-budget"),
        cite("web-schoevers-stap-voorwaarden"),
    ]
    unit = "currency-EUR"

    def formula(persoon, period, parameters):
        """Scholingskosten min de bijdrage van een derde, niet minder dan 0.

        Art. 1 definieert de bijdrage van een derde als geld dat de aanvrager voor de scholing 'aanwendt of behoort
        aan te wenden'; het STAP-budget is 'aanvullend op private middelen' en komt niet in de plaats daarvan
        (kst-30012-142, paragraaf STAP-budget); een werkgeversbijdrage 'mag niet overlappen met het STAP-budget'
        (schoevers.nl, secundair). Het artikel van de regeling dat de aftrek regelt, is niet gelezen.
        """
        kosten = persoon("stap_scholingskosten", period)
        return np.maximum(kosten - persoon("stap_bijdrage_derde", period), 0)

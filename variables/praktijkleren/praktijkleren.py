"""Subsidieregeling praktijkleren (OCW), per student of medewerker per studiejaar."""

import numpy as np
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import YEAR
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.entities import Persoon
from openfisca_llo.reasons import first_reason, grondslag

RVO = cite("web-rvo-praktijkleren")
BRIEF_2022 = cite("doc-2022-0000194169", paragraaf="2. Beleidslijn Bedrijven in ontwikkeling")


class PraktijklerenAfwijzingsgrond(Enum):
    geen = "Geen: de praktijkleerplaats komt in aanmerking"
    buiten_gemodelleerde_periode = "Alleen de studiejaren 2021-2022 en 2022-2023 zijn gemodelleerd"
    geen_werkend_leren = "Geen bbl-opleiding in het mbo en geen duale of deeltijdse hbo-opleiding"
    categorie_niet_gemodelleerd = "Deze categorie van de regeling (vmbo, praktijkonderwijs, vso, promovendus, toio) is niet gemodelleerd"
    hbo_sector_niet_subsidiabel = "De hbo-opleiding valt niet in Techniek, Zorg & Welzijn of Landbouw & Natuurlijke omgeving"


_g = PraktijklerenAfwijzingsgrond
grondslag(
    PraktijklerenAfwijzingsgrond,
    {
        _g.buiten_gemodelleerde_periode: [cite("web-rvo-praktijkleren")],
        _g.geen_werkend_leren: [cite("web-rvo-praktijkleren")],
        _g.categorie_niet_gemodelleerd: [cite("web-rvo-praktijkleren")],
        _g.hbo_sector_niet_subsidiabel: [cite("web-rvo-praktijkleren")],
    },
)


class praktijkleren_afwijzingsgrond(Variable):
    value_type = Enum
    possible_values = PraktijklerenAfwijzingsgrond
    default_value = PraktijklerenAfwijzingsgrond.geen
    entity = Persoon
    definition_period = YEAR
    label = "Reden waarom er voor deze student in dit studiejaar geen tegemoetkoming praktijkleren is (eerste die geldt)"
    reference = [RVO, BRIEF_2022]

    def formula(persoon, period, parameters):
        """Gemodelleerde studiejaren, dan de leerweg (mbo-bbl; hbo duaal of deeltijd) en voor hbo de sector,
        volgens de Kamerbrief van 23 september 2022 (via de RVO-pagina waarnaar die verwijst).

        Niet gemodelleerd: de categorieën vmbo, praktijkonderwijs, vso, promovendi en toio's; de eisen aan het
        erkende leerbedrijf en aan de praktijkovereenkomst; het aantal begeleide weken.
        """
        grond = PraktijklerenAfwijzingsgrond
        n = persoon.count
        if not parameters(period).praktijkleren.gemodelleerd:
            return np.full(n, grond.buiten_gemodelleerde_periode)
        leerweg = persoon("praktijkleren_leerweg", period)
        waarden = leerweg.possible_values
        hbo = leerweg == waarden.hbo_duaal_of_deeltijd
        return first_reason(
            default=grond.geen,
            pairs=[
                (grond.categorie_niet_gemodelleerd, leerweg == waarden.overig),
                (grond.geen_werkend_leren, np.logical_not((leerweg == waarden.mbo_bbl) + hbo)),
                (grond.hbo_sector_niet_subsidiabel, hbo * np.logical_not(persoon("praktijkleren_hbo_sector_subsidiabel", period))),
            ],
        )


class praktijkleren_maximum(Variable):
    value_type = float
    entity = Persoon
    definition_period = YEAR
    label = "Maximale tegemoetkoming praktijkleren voor deze student in dit studiejaar"
    reference = [RVO, BRIEF_2022]
    unit = "currency-EUR"

    def formula(persoon, period, parameters):
        """EUR 2.700 per medewerker of student per jaar als de plaats in aanmerking komt, anders 0."""
        grond = persoon("praktijkleren_afwijzingsgrond", period)
        toegekend = grond == grond.possible_values.geen
        if not toegekend.any():
            return np.zeros(persoon.count)
        return np.where(toegekend, parameters(period).praktijkleren.maximum_per_student_per_jaar, 0)


class praktijkleren_tegemoetkoming(Variable):
    value_type = float
    entity = Persoon
    definition_period = YEAR
    label = "Tegemoetkoming praktijkleren aan de werkgever voor de begeleiding van deze student in dit studiejaar"
    reference = [RVO, BRIEF_2022]
    unit = "currency-EUR"

    def formula(persoon, period, parameters):
        """Het bedrag vóór het maximum (invoer), ten hoogste EUR 2.700; 0 met de reden in praktijkleren_afwijzingsgrond."""
        return np.minimum(persoon("praktijkleren_bedrag_voor_maximum", period), persoon("praktijkleren_maximum", period))

import numpy as np
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import DAY
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.entities import Onderneming


class SlimAanvragerCategorie(Enum):
    mkb = "Individuele mkb-onderneming (klein of middelgroot)"
    grootbedrijf_in_sector = "Grootbedrijf in de landbouw-, horeca- of recreatiesector"
    grootbedrijf_overig = "Grootbedrijf buiten die sectoren: geen aanvrager onder de SLIM-regeling"


class slim_aanvrager_categorie(Variable):
    value_type = Enum
    possible_values = SlimAanvragerCategorie
    default_value = SlimAanvragerCategorie.mkb
    entity = Onderneming
    definition_period = DAY
    label = "Als welk soort aanvrager een onderneming onder de SLIM-regeling valt"
    reference = [
        cite("stcrt-2019-70088", hoofdstuk="2", onderwerp="individuele mkb-ondernemingen"),
        cite("stcrt-2019-70088", hoofdstuk="4", onderwerp="grootbedrijven in landbouw, horeca en recreatie"),
    ]

    def formula_2020_01_01(onderneming, period, parameters):
        """Vanaf de inwerkingtreding van de SLIM-regeling (1-1-2020). Klein of middelgroot: mkb (hoofdstuk 2, sinds Stcrt. 2025, 7276 paragraaf 2.2); groot in landbouw,
        horeca of recreatie: grootbedrijf (hoofdstuk 4); andere grote ondernemingen vallen buiten de regeling."""
        grootte = onderneming("onderneming_grootteklasse", period)
        sector = onderneming("onderneming_sector", period)
        is_groot = grootte == grootte.possible_values.groot
        in_sector = sector != sector.possible_values.overig
        return np.select(
            [np.logical_not(is_groot), in_sector],
            [SlimAanvragerCategorie.mkb, SlimAanvragerCategorie.grootbedrijf_in_sector],
            default=SlimAanvragerCategorie.grootbedrijf_overig,
        )

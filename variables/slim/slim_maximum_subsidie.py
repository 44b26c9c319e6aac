import numpy as np
from openfisca_core.periods import DAY
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.entities import Onderneming


class slim_maximum_subsidie(Variable):
    value_type = float
    entity = Onderneming
    definition_period = DAY
    label = "Maximale SLIM-subsidie per aanvraag voor deze onderneming"
    reference = [
        cite("stcrt-2019-70088", onderwerp="maximale subsidie"),
        cite("stcrt-2019-70088", onderwerp="maximale subsidie landbouwbedrijven"),
    ]
    unit = "currency-EUR"

    def formula_2020_01_01(onderneming, period, parameters):
        """Vanaf de inwerkingtreding van de SLIM-regeling (1-1-2020). Landbouwbedrijf EUR 20.000 'in alle gevallen'; anders mkb EUR 24.999 en grootbedrijf EUR 200.000
        (secundair). Niet gemodelleerd: de-minimissteun die de onderneming elders al ontving."""
        p = parameters(period).slim.maximum_subsidie
        sector = onderneming("onderneming_sector", period)
        categorie = onderneming("slim_aanvrager_categorie", period)
        return np.select(
            [
                sector == sector.possible_values.landbouw,
                categorie == categorie.possible_values.mkb,
                categorie == categorie.possible_values.grootbedrijf_in_sector,
            ],
            [p.landbouwbedrijf, p.mkb, p.grootbedrijf],
            default=0.0,
        )

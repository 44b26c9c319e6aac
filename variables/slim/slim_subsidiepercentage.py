import numpy as np
from openfisca_core.periods import DAY
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.entities import Onderneming


class slim_subsidiepercentage(Variable):
    value_type = float
    entity = Onderneming
    definition_period = DAY
    label = "SLIM-subsidie als deel van de subsidiabele kosten voor deze onderneming"
    reference = [
        cite("stcrt-2019-70088", onderwerp="hoogte van de subsidie"),
        cite("stcrt-2024-41822", onderwerp="hoogte van de subsidie"),
    ]
    unit = "/1"

    def formula_2020_01_01(onderneming, period, parameters):
        """Vanaf de inwerkingtreding van de SLIM-regeling (1-1-2020). Klein 80% (vanaf de verlenging, in het model 1-1-2025, 60%), middelgroot 60%, grootbedrijf in
        landbouw, horeca of recreatie 60%; 0 voor een grootbedrijf buiten die sectoren. Alle percentages
        alleen secundair gelezen; het artikel (waarschijnlijk 12) is niet gezien."""
        p = parameters(period).slim.percentage
        grootte = onderneming("onderneming_grootteklasse", period)
        categorie = onderneming("slim_aanvrager_categorie", period)
        return np.select(
            [
                grootte == grootte.possible_values.klein,
                grootte == grootte.possible_values.middelgroot,
                categorie == categorie.possible_values.grootbedrijf_in_sector,
            ],
            [p.klein, p.middelgroot, p.grootbedrijf],
            default=0.0,
        )

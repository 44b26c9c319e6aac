import numpy as np
from openfisca_core.periods import DAY
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.entities import Onderneming


class slim_recht(Variable):
    value_type = bool
    entity = Onderneming
    definition_period = DAY
    label = "Een SLIM-aanvraag van deze onderneming op deze aanvraagdatum wordt toegewezen"
    reference = [cite("stcrt-2021-22240", artikel="I", onderdeel="C")]

    def formula(onderneming, period, parameters):
        """Recht als geen enkele afwijzingsgrond geldt (zie slim_afwijzingsgrond)."""
        grond = onderneming("slim_afwijzingsgrond", period)
        return grond == grond.possible_values.geen


class slim_subsidie_zonder_maximum(Variable):
    value_type = float
    entity = Onderneming
    definition_period = DAY
    label = "Subsidiabele kosten maal het SLIM-percentage, vóór toetsing aan het maximum"
    reference = [cite("stcrt-2019-70088", onderwerp="hoogte van de subsidie")]
    unit = "currency-EUR"

    def formula(onderneming, period, parameters):
        """Kosten x percentage (slim_subsidiepercentage)."""
        return onderneming("slim_subsidiabele_kosten", period) * onderneming("slim_subsidiepercentage", period)


class slim_afgetopt(Variable):
    value_type = bool
    entity = Onderneming
    definition_period = DAY
    label = "De toegewezen SLIM-subsidie is afgetopt op het maximum per aanvraag (geen afwijzing)"
    reference = [cite("stcrt-2019-70088", onderwerp="maximale subsidie")]

    def formula(onderneming, period, parameters):
        """Waar als de aanvraag wordt toegewezen en kosten x percentage boven het maximum uitkomt."""
        return onderneming("slim_recht", period) * (
            onderneming("slim_subsidie_zonder_maximum", period) > onderneming("slim_maximum_subsidie", period)
        )


class slim_subsidie(Variable):
    value_type = float
    entity = Onderneming
    definition_period = DAY
    label = "SLIM-subsidie voor de aanvraag van deze onderneming op deze aanvraagdatum"
    reference = [
        cite("stcrt-2019-70088", onderwerp="hoogte van de subsidie"),
        cite("stcrt-2019-70088", onderwerp="maximale subsidie"),
    ]
    unit = "currency-EUR"

    def formula(onderneming, period, parameters):
        """Kosten x percentage, ten hoogste het maximum (mkb EUR 24.999, landbouw EUR 20.000, grootbedrijf
        EUR 200.000); 0 bij een afwijzing, met de reden in slim_afwijzingsgrond; NaN (JSON null) als die reden
        'onbekend' is: niet te bepalen, geen 0 en geen toekenning."""
        bedrag = np.minimum(
            onderneming("slim_subsidie_zonder_maximum", period), onderneming("slim_maximum_subsidie", period)
        )
        grond = onderneming("slim_afwijzingsgrond", period)
        onbekend = grond == grond.possible_values.onbekend
        return np.where(onderneming("slim_recht", period), bedrag, np.where(onbekend, np.nan, 0))


class slim_eigen_bijdrage(Variable):
    value_type = float
    entity = Onderneming
    definition_period = DAY
    label = "Deel van de subsidiabele kosten dat de onderneming zelf draagt"
    reference = [cite("stcrt-2019-70088", onderwerp="hoogte van de subsidie")]
    unit = "currency-EUR"

    def formula(onderneming, period, parameters):
        """Subsidiabele kosten min SLIM-subsidie (alle kosten bij een afwijzing; NaN als de subsidie onbekend is)."""
        return onderneming("slim_subsidiabele_kosten", period) - onderneming("slim_subsidie", period)

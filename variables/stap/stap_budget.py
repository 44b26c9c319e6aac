import numpy as np
from openfisca_core.periods import DAY
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.entities import Persoon
from openfisca_llo.optional_parameters import amount_or_nan


class stap_budget(Variable):
    value_type = float
    entity = Persoon
    definition_period = DAY
    label = "STAP-budget (subsidie) voor de aanvraag op deze aanvraagdatum"
    reference = [cite("kst-30012-142", paragraaf="STAP-budget"), cite("web-uwv-stap-informatie")]
    unit = "currency-EUR"

    def formula_2022_01_01(persoon, period, parameters):
        """100% van de scholingskosten (inclusief btw) na aftrek van een bijdrage van een derde (art. 1), ten hoogste
        het maximum per kalenderjaar (EUR 1.000).

        Alleen als de aanvraag wordt toegewezen (stap_recht); anders 0 met de reden in stap_afwijzingsgrond, of NaN
        (onbekend) waar een benodigd gegeven, zoals het plafond van het tijdvak, niet bekend is.
        """
        kosten = persoon("stap_subsidiabele_kosten", period)
        maximum = parameters(period).stap.maximum_per_kalenderjaar
        bedrag = np.where(persoon("stap_recht", period), np.minimum(kosten, maximum), 0)
        return amount_or_nan(persoon("stap_afwijzingsgrond", period), bedrag)

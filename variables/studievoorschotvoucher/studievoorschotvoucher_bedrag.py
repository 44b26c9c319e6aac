import numpy as np
from openfisca_core.periods import DAY
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.entities import Persoon


class studievoorschotvoucher_bedrag(Variable):
    value_type = float
    entity = Persoon
    definition_period = DAY
    label = "Bedrag van de voucher studievoorschot dat op deze dag kan worden ingezet"
    reference = [cite("kst-30012-92", paragraaf="Bijlage 1, G.3")]
    unit = "currency-EUR"
    documentation = (
        "Beleid volgens een Kamerbrief (status 'beleid'), geen wettekst. Eén voucher per persoon; of de voucher al is "
        "gebruikt, is geen invoer."
    )

    def formula(persoon, period, parameters):
        """EUR 2.000 als de voucher op deze dag kan worden ingezet (studievoorschotvoucher_afwijzingsgrond 'geen')."""
        p = parameters(period).studievoorschotvoucher
        if not p.van_toepassing:
            return np.zeros(persoon.count)
        grond = persoon("studievoorschotvoucher_afwijzingsgrond", period)
        return np.where(grond == grond.possible_values.geen, p.bedrag, 0)

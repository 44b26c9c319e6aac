import numpy as np
from openfisca_core.errors import ParameterNotFoundError
from openfisca_core.periods import DAY
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.dates import add_months, period_date
from openfisca_llo.entities import Persoon
from openfisca_llo.errors import OutsideModelledPeriodError


def aow_age_in_months(parameters, year: int) -> int:
    try:
        return int(parameters(f"{year}-01-01").algemeen.aow_leeftijd)
    except ParameterNotFoundError as error:
        raise OutsideModelledPeriodError(
            "algemeen.aow_leeftijd", f"{year}", "de AOW-leeftijd is in het model bekend voor 2018 tot en met 2031"
        ) from error


class aow_leeftijd_bereikt(Variable):
    value_type = bool
    entity = Persoon
    definition_period = DAY
    label = "Heeft op deze dag de AOW-leeftijd (pensioengerechtigde leeftijd) bereikt"
    reference = [cite("BWBR0002221", artikel="7a", lid="1")]

    def formula(persoon, period, parameters):
        """Art. 7a lid 1 AOW: de pensioengerechtigde leeftijd hangt af van het kalenderjaar waarin men haar bereikt.

        Bereikt op dag D als de geboortedatum plus de AOW-leeftijd van het jaar van D uiterlijk op D valt, of als
        de geboortedatum plus de AOW-leeftijd van het vorige jaar nog in dat vorige jaar (of eerder) viel.
        Niet gemodelleerd: AOW-leeftijden vóór 2018; voor dagen in 2018 telt alleen het jaar 2018.
        """
        dag = period_date(period)
        jaar = period.start.year
        geboren = persoon("geboortedatum", period)
        dit_jaar = add_months(geboren, aow_age_in_months(parameters, jaar))
        bereikt = dit_jaar <= dag
        if jaar - 1 >= 2018:
            vorig_jaar = add_months(geboren, aow_age_in_months(parameters, jaar - 1))
            bereikt = bereikt + (vorig_jaar < np.datetime64(f"{jaar}-01-01"))
        return bereikt

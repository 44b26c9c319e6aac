import datetime

import numpy as np
from openfisca_core.errors import ParameterNotFoundError
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import DAY
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.dates import month_index_and_day, reached_after_months
from openfisca_llo.entities import Persoon
from openfisca_llo.errors import OutsideModelledPeriodError
from openfisca_llo.optional_parameters import record_unknown

FIRST_KNOWN_YEAR = 2018


def aow_age_in_months(parameters, year: int) -> int | None:
    """AOW-leeftijd for a calendar year, or None where the model holds no value."""
    try:
        value = parameters(f"{year}-01-01").algemeen.aow_leeftijd
    except (ParameterNotFoundError, KeyError, AttributeError):
        return None
    return None if value is None else int(value)


def last_known_aow_age(parameters, year: int) -> tuple[int, int]:
    for known_year in range(year, FIRST_KNOWN_YEAR - 1, -1):
        age = aow_age_in_months(parameters, known_year)
        if age is not None:
            return known_year, age
    raise OutsideModelledPeriodError(
        "algemeen.aow_leeftijd", str(year), f"de AOW-leeftijd is in het model bekend vanaf {FIRST_KNOWN_YEAR}"
    )


class AowLeeftijdStatus(Enum):
    niet_bereikt = "De AOW-leeftijd is op deze dag niet bereikt"
    bereikt = "De AOW-leeftijd is op deze dag bereikt"
    onbekend = "Niet te bepalen: de AOW-leeftijd van dit jaar is niet vastgesteld en deze persoon zit er mogelijk boven"


class aow_leeftijd_status(Variable):
    value_type = Enum
    possible_values = AowLeeftijdStatus
    default_value = AowLeeftijdStatus.niet_bereikt
    entity = Persoon
    definition_period = DAY
    label = "Of de AOW-leeftijd op deze dag is bereikt, niet is bereikt, of niet te bepalen is"
    reference = [cite("BWBR0002221", artikel="7a", lid="1"), cite("BWBR0002221", artikel="7a", lid="2")]

    def formula(persoon, period, parameters):
        """Art. 7a lid 1 AOW: de pensioengerechtigde leeftijd hangt af van het kalenderjaar waarin men haar bereikt.

        Bereikt op dag D als de geboortedatum plus de AOW-leeftijd van het jaar van D uiterlijk op D valt, of als
        de geboortedatum plus de AOW-leeftijd van het vorige jaar nog in dat vorige jaar (of eerder) viel.
        Na het laatste jaar met een vastgestelde leeftijd: de leeftijd stijgt nooit minder (art. 7a lid 2: een
        verhoging van 0 of 3 maanden per jaar), dus wie jonger is dan de laatst vastgestelde leeftijd heeft haar
        niet bereikt, en wie haar vóór het einde van dat jaar bereikte, heeft haar bereikt; voor wie daartussen
        valt, is het 'onbekend' (de parameter algemeen.aow_leeftijd heeft dat jaar geen waarde).
        Niet gemodelleerd: AOW-leeftijden vóór 2018; voor dagen in 2018 telt alleen het jaar 2018.
        """
        status = AowLeeftijdStatus
        dag = period.start.date
        jaar = dag.year
        geboren_maand, geboren_dag = month_index_and_day(persoon("geboortedatum", period))
        leeftijd_jaar = aow_age_in_months(parameters, jaar)
        if leeftijd_jaar is None:
            known_year, ondergrens = last_known_aow_age(parameters, jaar)
            # wie de AOW-leeftijd uiterlijk op 31 december van het laatst bekende jaar bereikte, heeft haar bereikt
            al_bereikt = reached_after_months(geboren_maand, geboren_dag, ondergrens, datetime.date(known_year, 12, 31))
            vorige = aow_age_in_months(parameters, known_year - 1)
            if vorige is not None:
                al_bereikt = al_bereikt | (geboren_maand + vorige < (known_year - 1970) * 12)
            misschien = reached_after_months(geboren_maand, geboren_dag, ondergrens, dag) & np.logical_not(al_bereikt)
            if misschien.any():
                record_unknown(parameters, f"{jaar}-01-01", "algemeen.aow_leeftijd")
            return np.select([al_bereikt, misschien], [status.bereikt, status.onbekend], default=status.niet_bereikt)
        bereikt = reached_after_months(geboren_maand, geboren_dag, leeftijd_jaar, dag)
        leeftijd_vorig_jaar = aow_age_in_months(parameters, jaar - 1)
        if leeftijd_vorig_jaar is not None:
            # bereikt in het vorige jaar (of eerder): de maand van geboorte + leeftijd ligt vóór januari van dit jaar
            bereikt = bereikt | (geboren_maand + leeftijd_vorig_jaar < (jaar - 1970) * 12)
        return np.where(bereikt, status.bereikt, status.niet_bereikt)


class aow_leeftijd_bereikt(Variable):
    value_type = bool
    entity = Persoon
    definition_period = DAY
    label = "Heeft op deze dag de AOW-leeftijd (pensioengerechtigde leeftijd) bereikt"
    reference = [cite("BWBR0002221", artikel="7a", lid="1"), cite("BWBR0002221", artikel="7a", lid="2")]

    def formula(persoon, period, parameters):
        """Ja als aow_leeftijd_status 'bereikt' is. Is die voor iemand 'onbekend' (na het laatste jaar met een
        vastgestelde AOW-leeftijd), dan geeft het model een foutmelding die de parameter noemt, nooit 'nee': een
        regeling die met 'onbekend' kan rekenen, leest aow_leeftijd_status.
        """
        status = persoon("aow_leeftijd_status", period)
        onbekend = status == AowLeeftijdStatus.onbekend
        if onbekend.any():
            known_year, ondergrens = last_known_aow_age(parameters, period.start.date.year)
            raise OutsideModelledPeriodError(
                "algemeen.aow_leeftijd",
                str(period.start.date.year),
                f"de AOW-leeftijd is vastgesteld tot en met {known_year}; voor wie op {period.start.date} "
                f"{ondergrens // 12} jaar en {ondergrens % 12} maanden of ouder is, is niet te zeggen of zij "
                "bereikt is",
            )
        return status == AowLeeftijdStatus.bereikt

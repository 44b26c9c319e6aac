"""Terugbetaling van het levenlanglerenkrediet (WSF 2000 par. 6.2, art. 6.18-6.19a, en par. 6.1 via art. 6.19 lid 1).

Niet gemodelleerd: het termijnbedrag. De wet geeft de formule (annuïteit over de aflosfase, art. 6.9; draagkracht
12% van het inkomen boven een draagkrachtvrije voet van 84% of 120% van het wettelijk minimumloon, art. 6.19 lid 2
onder c-e en 6.10; minimaal EUR 545 per jaar, art. 6.19 lid 2 onder b), maar de bedragen van het minimumloon per
jaar en de rekenregels van art. 6.9 zijn niet geverifieerd. Daarom berekent het model geen termijnbedrag en geen
draagkracht; het geeft alleen de data van de aflosfase en het rentepercentage.
"""

from datetime import date

import numpy as np
from openfisca_core.errors import ParameterNotFoundError
from openfisca_core.periods import ETERNITY, MONTH
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.dates import add_months, add_years, period_date
from openfisca_llo.entities import Persoon


def terugbetaling_waarde(parameters, instant: str, naam: str) -> float:
    try:
        return float(getattr(parameters(instant).levenlanglerenkrediet.terugbetaling, naam))
    except ParameterNotFoundError:
        return np.nan


class levenlanglerenkrediet_begin_terugbetaling(Variable):
    value_type = date
    entity = Persoon
    definition_period = ETERNITY
    label = "Begin van de terugbetalingsperiode: 1 januari van het jaar na de laatste maand met levenlanglerenkrediet"
    reference = [
        cite("BWBR0011453", artikel="6.19", lid="1"),
        cite("BWBR0011453", artikel="6.5", lid="1"),
        cite("web-rijksoverheid-levenlanglerenkrediet"),
    ]

    def formula(persoon, period, parameters):
        """Art. 6.5 lid 1 (via art. 6.19 lid 1): de terugbetaling begint op 1 januari van het kalenderjaar na het jaar
        waarin de studiefinanciering (het krediet) is geëindigd. Art. 6.6 (aanloopfase van 2 jaar) is uitgesloten."""
        einde = persoon("levenlanglerenkrediet_einddatum", period)
        jaar = einde.astype("datetime64[Y]")
        return (jaar + 1).astype("datetime64[D]")


class levenlanglerenkrediet_einde_aflosfase(Variable):
    value_type = date
    entity = Persoon
    definition_period = ETERNITY
    label = "Laatste dag van de aflosfase van 15 kalenderjaren (31 december)"
    reference = [cite("BWBR0011453", artikel="6.19", lid="2", onderdeel="a"), cite("BWBR0011453", artikel="6.16")]

    def formula(persoon, period, parameters):
        """Art. 6.19 lid 2 onder a met art. 6.7 lid 1: aflosfase van 15 kalenderjaren vanaf het begin van de
        terugbetaling; wat daarna over is, vervalt (art. 6.16). De duur wordt gelezen op de begindatum; vóór de
        eerste waarde (2017) heeft het model geen duur en valt het einde een dag vóór het begin (geen aflosfase)."""
        begin = persoon("levenlanglerenkrediet_begin_terugbetaling", period)
        begindagen, positie = np.unique(begin.astype("datetime64[D]"), return_inverse=True)
        per_dag = np.array([terugbetaling_waarde(parameters, str(d), "aflosfase_jaren") for d in begindagen])
        jaren = per_dag[positie] if len(begindagen) else np.zeros(0)
        return add_years(begin, np.nan_to_num(jaren).astype(int)) - np.timedelta64(1, "D")


class levenlanglerenkrediet_in_aflosfase(Variable):
    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "Deze maand valt in de aflosfase van het levenlanglerenkrediet"
    reference = [cite("BWBR0011453", artikel="6.19", lid="2", onderdeel="a")]

    def formula(persoon, period, parameters):
        """Van 1 januari na het einde van het krediet tot en met 31 december vijftien jaar later."""
        dag = period_date(period)
        begin = persoon("levenlanglerenkrediet_begin_terugbetaling", period)
        einde = persoon("levenlanglerenkrediet_einde_aflosfase", period)
        return (begin <= dag) * (dag <= einde)


class levenlanglerenkrediet_aflossing_opgeschort(Variable):
    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "De aflossing is deze maand opgeschort (eerste 4 maanden van de terugbetalingsperiode)"
    reference = [cite("BWBR0011453", artikel="6.19a")]

    def formula(persoon, period, parameters):
        """Art. 6.19a: de terugbetaling is de eerste 4 maanden van de terugbetalingsperiode opgeschort."""
        dag = period_date(period)
        begin = persoon("levenlanglerenkrediet_begin_terugbetaling", period)
        maanden = terugbetaling_waarde(parameters, period.start, "opschorting_maanden")
        return (begin <= dag) * (dag < add_months(begin, int(np.nan_to_num(maanden))))


def rente_referentiejaar(persoon, period, parameters) -> np.ndarray:
    """Kalenderjaar waarvan het rentepercentage in deze maand geldt (art. 6.4 lid 3).

    Vóór de terugbetaling: het jaar van deze maand. Tijdens de terugbetaling staat het percentage telkens 5 jaar vast;
    het model leest dat als het percentage van het eerste kalenderjaar van elk blok van 5 jaar vanaf het begin van
    de terugbetaling (de wet noemt het beginjaar niet met zoveel woorden).
    """
    jaar = period.start.year
    begin_jaar = persoon("levenlanglerenkrediet_begin_terugbetaling", period).astype("datetime64[Y]").astype(int) + 1970
    vast = terugbetaling_waarde(parameters, period.start, "rente_vaste_periode_jaren")
    vast = int(vast) if not np.isnan(vast) else 1
    blok_begin = begin_jaar + ((jaar - begin_jaar) // vast) * vast
    return np.where(jaar < begin_jaar, jaar, blok_begin)


def rente_voor_jaren(parameters, jaren: np.ndarray) -> np.ndarray:
    """The rate of each year; one parameter lookup per distinct year, then an array index (no loop over persons)."""
    unieke_jaren, positie = np.unique(jaren, return_inverse=True)
    percentages = np.array(
        [terugbetaling_waarde(parameters, f"{int(j)}-01-01", "rentepercentage") for j in unieke_jaren], dtype=float
    )
    return percentages[positie] if len(unieke_jaren) else np.zeros(0)


class levenlanglerenkrediet_rentepercentage(Variable):
    value_type = float
    entity = Persoon
    definition_period = MONTH
    label = "Rentepercentage dat deze maand op het levenlanglerenkrediet geldt (NaN zonder geverifieerd percentage)"
    reference = [
        cite("BWBR0011453", artikel="6.3"),
        cite("BWBR0011453", artikel="6.4", lid="3"),
        cite("web-duo-levenlanglerenkrediet"),
    ]
    unit = "percent"

    def formula(persoon, period, parameters):
        """Art. 6.3 (jaarlijks percentage) en 6.4 lid 3 (vóór de terugbetaling per kalenderjaar, daarna 5 jaar vast).

        Voor jaren zonder geverifieerd percentage (2017-2021, 2027 en later) is de uitkomst NaN; zie
        levenlanglerenkrediet_rentepercentage_bekend.
        """
        return rente_voor_jaren(parameters, rente_referentiejaar(persoon, period, parameters))


class levenlanglerenkrediet_rentepercentage_bekend(Variable):
    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "Het model heeft een geverifieerd rentepercentage voor deze maand"
    reference = [cite("BWBR0011453", artikel="6.3")]

    def formula(persoon, period, parameters):
        """Waar als levenlanglerenkrediet_rentepercentage een getal is (niet NaN)."""
        return np.logical_not(np.isnan(persoon("levenlanglerenkrediet_rentepercentage", period)))

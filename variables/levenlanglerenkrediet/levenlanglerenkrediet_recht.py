"""Levenlanglerenkrediet: studiejaar, maximumleeftijd, afwijzingsgrond en recht (WSF 2000, BWBR0011453).

Periode MONTH: de kalendermaand waarvoor het krediet wordt gevraagd; de toestand op de eerste dag van die maand
is beslissend (art. 1.2). Parameters die per studiejaar gelden (in werking, verhoging van de maximumleeftijd,
collegegeld en lesgeld) worden gelezen op de eerste dag van het studiejaar van de opleiding: 1 augustus voor
beroepsonderwijs, 1 september voor hoger onderwijs (art. 1.1 'studiejaar').
"""

from datetime import date

import numpy as np
from openfisca_core.errors import ParameterNotFoundError
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.context import invoer_grondslag
from openfisca_llo.dates import studiejaar_begin
from openfisca_llo.entities import Persoon
from openfisca_llo.optional_parameters import record_unknown
from openfisca_llo.reasons import first_reason, grondslag

BEROEPSONDERWIJS = ("mbo_bol", "mbo_bbl")
VOLTIJD_OF_DUAAL_HO = ("hbo_voltijd", "hbo_duaal", "wo_voltijd", "wo_duaal")
KREDIETWAARDIG = ("mbo_bol", "hbo_voltijd", "hbo_deeltijd", "hbo_duaal", "wo_voltijd", "wo_deeltijd", "wo_duaal")


def llk_waarde(parameters, instant, naam: str) -> float:
    """Waarde van parameter levenlanglerenkrediet.<naam> op ``instant``; NaN waar geen (geverifieerde) waarde is."""
    if isinstance(instant, date):
        instant = instant.isoformat()
    try:
        node = parameters(instant).levenlanglerenkrediet
        for deel in naam.split("."):
            node = getattr(node, deel)
        return float(node)
    except ParameterNotFoundError:
        return np.nan


def is_soort(soort, namen) -> np.ndarray:
    return np.isin(soort.decode_to_str(), namen)


def per_studiejaar(persoon, period, parameters, naam: str) -> np.ndarray:
    """Parameter op het begin van het studiejaar van ieders opleiding: mbo 1 augustus, anders 1 september."""
    soort = persoon("levenlanglerenkrediet_onderwijssoort", period)
    mbo = llk_waarde(parameters, studiejaar_begin(period, beroepsonderwijs=True), naam)
    ho = llk_waarde(parameters, studiejaar_begin(period, beroepsonderwijs=False), naam)
    return np.where(is_soort(soort, BEROEPSONDERWIJS), mbo, ho)


class levenlanglerenkrediet_studiejaar_begin(Variable):
    value_type = date
    entity = Persoon
    definition_period = MONTH
    label = "Eerste dag van het studiejaar waarin deze maand valt (1 augustus mbo, 1 september hbo/wo)"
    reference = [cite("BWBR0011453", artikel="1.1")]

    def formula(persoon, period, parameters):
        """Art. 1.1 'studiejaar': hoger onderwijs 1 september - 31 augustus, beroepsonderwijs 1 augustus - 31 juli."""
        soort = persoon("levenlanglerenkrediet_onderwijssoort", period)
        mbo = np.datetime64(studiejaar_begin(period, beroepsonderwijs=True), "D")
        ho = np.datetime64(studiejaar_begin(period, beroepsonderwijs=False), "D")
        return np.where(is_soort(soort, BEROEPSONDERWIJS), mbo, ho)


class levenlanglerenkrediet_maximumleeftijd(Variable):
    value_type = float
    entity = Persoon
    definition_period = MONTH
    label = "Maximumleeftijd voor het levenlanglerenkrediet in deze maand (leeg als het krediet nog niet bestond)"
    reference = [
        cite("BWBR0011453", artikel="2.3a", lid="4"),
        cite("BWBR0011453", artikel="2.3a", lid="5"),
        cite("web-rijksoverheid-levenlanglerenkrediet"),
    ]
    unit = "year"

    def formula(persoon, period, parameters):
        """Art. 2.3a lid 4 (op de eerste dag van de maand, art. 1.2) plus de verhoging van lid 5-6 voor het studiejaar.

        Zo: 55 tot juni 2021, 56 vanaf juli 2021, 57 vanaf studiejaar 2024-2025 (mbo augustus 2024, hbo/wo september
        2024). Zie de toelichting van de parameters voor de conflicten met DUO.
        """
        basis = llk_waarde(parameters, period.start, "maximumleeftijd")
        return basis + per_studiejaar(persoon, period, parameters, "verhoging_maximumleeftijd")


class levenlanglerenkrediet_maximumleeftijd_bereikt(Variable):
    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "Heeft op de eerste dag van de maand de maximumleeftijd voor het levenlanglerenkrediet bereikt"
    reference = [cite("BWBR0011453", artikel="2.3a", lid="4"), cite("BWBR0011453", artikel="1.2")]

    def formula(persoon, period, parameters):
        """Art. 2.3a lid 4-6 met art. 1.2: de leeftijd op de eerste dag van de maand is ten minste de maximumleeftijd
        van het studiejaar (behoud bij ononderbroken krediet, lid 3, toetst levenlanglerenkrediet_afwijzingsgrond)."""
        return persoon("leeftijd", period.first_day) >= persoon("levenlanglerenkrediet_maximumleeftijd", period)


def leeftijdsconflict(persoon, period, parameters) -> np.ndarray:
    """Waar: de wettekst en DUO geven deze maand een andere maximumleeftijd en de leeftijd op de eerste dag valt
    ertussen, zodat de ene lezing afwijst en de andere niet (zonder ononderbroken krediet, art. 2.3a lid 3)."""
    verhoging = per_studiejaar(persoon, period, parameters, "verhoging_maximumleeftijd")
    wet = llk_waarde(parameters, period.start, "maximumleeftijd") + verhoging
    duo = per_studiejaar(persoon, period, parameters, "maximumleeftijd_volgens_duo") + verhoging
    leeftijd = persoon("leeftijd", period.first_day)
    tussen = (leeftijd >= np.fmin(wet, duo)) * (leeftijd < np.fmax(wet, duo))
    return tussen * np.logical_not(persoon("levenlanglerenkrediet_zonder_onderbreking", period))


class levenlanglerenkrediet_maximumleeftijd_onbekend(Variable):
    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "De bronnen geven deze maand een andere maximumleeftijd en de persoon valt ertussen (wettekst 55, DUO 56)"
    reference = [
        cite("BWBR0011453", artikel="2.3a", lid="4"),
        cite("web-duo-levenlanglerenkrediet"),
        cite("kst-30012-92", paragraaf="3.1, Verhogen leeftijdsgrens levenlanglerenkrediet"),
    ]

    def formula(persoon, period, parameters):
        """De geconsolideerde tekst geeft 56 vanaf 8 juni 2021, DUO vanaf studiejaar 2020-2021; de wijzigingswet
        (en of zij terugwerkt) is niet gevonden. Waar de lezingen verschillen is de leeftijdstoets onbekend."""
        return leeftijdsconflict(persoon, period, parameters)


class LevenlanglerenkredietAfwijzingsgrond(Enum):
    geen = "Geen: voldoet aan de voorwaarden; het maximum is berekend"
    regeling_niet_in_werking = (
        "Het levenlanglerenkrediet bestond in dit studiejaar nog niet (mbo vanaf 1 augustus 2017, hbo/wo vanaf 1 september 2017)"
    )
    onderwijssoort = "Geen mbo-bol, hbo of wo (bijvoorbeeld mbo-bbl)"
    opleiding_niet_erkend = "Geen erkende opleiding in Nederland"
    nationaliteit = "Voldoet niet aan de nationaliteitseis (art. 2.2)"
    aanspraak_studiefinanciering = "Heeft (nog) aanspraak op reguliere studiefinanciering (art. 3.16b lid 2 onder a)"
    maximumleeftijd_bereikt = "Heeft op de eerste dag van de maand de maximumleeftijd bereikt (art. 2.3a)"
    mbo_jonger_dan_30 = "Mbo-student jonger dan 30 jaar (art. 2.3a lid 1)"
    voltijd_ho_jonger_dan_30_zonder_diploma = (
        "Voltijds of duaal hbo/wo, jonger dan 30, zonder hbo-bachelor of wo-bachelor plus wo-master (art. 3.16b lid 2 onder b)"
    )
    geen_eigen_kosten = "Het les- of collegegeld wordt geheel door een ander betaald (art. 3.16b lid 2 onder c)"
    onbekend = (
        "Niet te bepalen: geen geverifieerd wettelijk collegegeld of lesgeld voor dit studiejaar "
        "(levenlanglerenkrediet.wettelijk_collegegeld, .lesgeld_mbo), of de wettekst (55) en DUO (56) geven een "
        "andere maximumleeftijd (levenlanglerenkrediet.maximumleeftijd, .maximumleeftijd_volgens_duo)"
    )


_g = LevenlanglerenkredietAfwijzingsgrond
grondslag(
    LevenlanglerenkredietAfwijzingsgrond,
    {
        _g.regeling_niet_in_werking: [cite("web-duo-levenlanglerenkrediet"), cite("kst-30012-92", paragraaf="Bijlage, G.1 Levenlanglerenkrediet")],
        _g.onderwijssoort: [cite("BWBR0011453", artikel="3.16b"), cite("web-duo-levenlanglerenkrediet")],
        _g.opleiding_niet_erkend: [cite("BWBR0011453", artikel="3.16b"), cite("web-duo-levenlanglerenkrediet")],
        _g.nationaliteit: [cite("BWBR0011453", artikel="2.2", lid="1")],
        _g.aanspraak_studiefinanciering: [cite("BWBR0011453", artikel="3.16b", lid="2")],
        _g.maximumleeftijd_bereikt: [cite("BWBR0011453", artikel="2.3a", lid="4"), cite("BWBR0011453", artikel="2.3a", lid="5")],
        _g.mbo_jonger_dan_30: [cite("BWBR0011453", artikel="2.3a", lid="1")],
        _g.voltijd_ho_jonger_dan_30_zonder_diploma: [cite("BWBR0011453", artikel="3.16b", lid="2")],
        _g.geen_eigen_kosten: [cite("BWBR0011453", artikel="3.16b", lid="2")],
        _g.onbekend: [cite("BWBR0011453", artikel="3.16d", lid="1"), cite("BWBR0024005", artikel="3a")],
    },
)


class levenlanglerenkrediet_afwijzingsgrond(Variable):
    value_type = Enum
    possible_values = LevenlanglerenkredietAfwijzingsgrond
    default_value = LevenlanglerenkredietAfwijzingsgrond.geen
    entity = Persoon
    definition_period = MONTH
    label = "Reden waarom voor deze maand geen levenlanglerenkrediet (of geen bedrag) wordt berekend (eerste die geldt)"
    reference = [
        cite("BWBR0011453", artikel="2.3a"),
        cite("BWBR0011453", artikel="3.16b", lid="2"),
        cite("BWBR0011453", artikel="2.2", lid="1"),
        cite("BWBR0011453", artikel="1.2"),
        cite("web-duo-levenlanglerenkrediet"),
        cite("kst-30012-92", paragraaf="Bijlage, G.1 Levenlanglerenkrediet"),
    ]

    def formula(persoon, period, parameters):
        """Volgorde: looptijd, opleiding, nationaliteit, studiefinanciering, leeftijd, kosten, bedrag bekend.

        Art. 2.3a lid 1-4 (leeftijd op de eerste dag van de maand, art. 1.2; lid 3: behoud bij ononderbroken
        krediet), art. 3.16b lid 2 onder a-c, art. 2.2 lid 1 en de onderwijssoort (mbo-bol, hbo, wo). De laatste
        grond, 'onbekend', is geen wettelijke afwijzing: het model heeft voor dat studiejaar geen geverifieerd
        collegegeld of lesgeld, dus het maximum is niet te bepalen (NaN). Niet gemodelleerd: weigering wegens terugbetalingsrisico (art. 3.16b lid 3), de duur van het
        krediet (art. 3.16c) en het verbod op krediet over een periode vóór de aanvraag (art. 3.21 lid 4).
        """
        return afwijzingsgrond(persoon, period, parameters, LevenlanglerenkredietAfwijzingsgrond)


def afwijzingsgrond(persoon, period, parameters, grond):
    """The first refusal reason, as an item of the reason Enum ``grond`` (a reform may pass its own copy)."""
    soort = persoon("levenlanglerenkrediet_onderwijssoort", period)
    nationaliteit = persoon("levenlanglerenkrediet_nationaliteit", period)
    leeftijd = persoon("leeftijd", period.first_day)

    in_werking = per_studiejaar(persoon, period, parameters, "in_werking") == 1
    kredietwaardig = is_soort(soort, KREDIETWAARDIG)
    mbo = is_soort(soort, BEROEPSONDERWIJS)
    voltijd_ho = is_soort(soort, VOLTIJD_OF_DUAAL_HO)
    nationaliteit_ok = nationaliteit != nationaliteit.possible_values.overig

    leeftijd_onbekend = persoon("levenlanglerenkrediet_maximumleeftijd_onbekend", period)
    maximumleeftijd_bereikt = (
        persoon("levenlanglerenkrediet_maximumleeftijd_bereikt", period)
        * np.logical_not(persoon("levenlanglerenkrediet_zonder_onderbreking", period))
        * np.logical_not(leeftijd_onbekend)
    )
    mbo_te_jong = mbo * (leeftijd < llk_waarde(parameters, period.start, "minimumleeftijd_mbo"))
    ho_zonder_diploma = (
        voltijd_ho
        * (leeftijd < llk_waarde(parameters, period.start, "leeftijd_diploma_eis_voltijd_ho"))
        * np.logical_not(persoon("levenlanglerenkrediet_ho_diploma_behaald", period))
    )
    eigen_kosten = persoon("levenlanglerenkrediet_verschuldigd_les_of_collegegeld", period) - persoon(
        "levenlanglerenkrediet_betaald_door_derde", period
    )
    wettelijk_maximum_bekend = np.logical_not(np.isnan(jaarbedrag_les_of_collegegeld(persoon, period, parameters)))

    return first_reason(
        default=grond.geen,
        pairs=[
            (grond.regeling_niet_in_werking, np.logical_not(in_werking)),
            (grond.onderwijssoort, np.logical_not(kredietwaardig)),
            (grond.opleiding_niet_erkend, np.logical_not(persoon("levenlanglerenkrediet_opleiding_erkend", period))),
            (grond.nationaliteit, np.logical_not(nationaliteit_ok)),
            (grond.aanspraak_studiefinanciering, persoon("levenlanglerenkrediet_aanspraak_reguliere_studiefinanciering", period)),
            (grond.maximumleeftijd_bereikt, maximumleeftijd_bereikt),
            (grond.mbo_jonger_dan_30, mbo_te_jong),
            (grond.voltijd_ho_jonger_dan_30_zonder_diploma, ho_zonder_diploma),
            (grond.geen_eigen_kosten, eigen_kosten <= 0),
            (grond.onbekend, leeftijd_onbekend + np.logical_not(wettelijk_maximum_bekend)),
        ],
    )


def jaarbedrag_les_of_collegegeld(persoon, period, parameters) -> np.ndarray:
    """Wettelijk collegegeld (ho) of lesgeld (mbo) van het studiejaar van deze maand; NaN zonder geverifieerd bedrag."""
    soort = persoon("levenlanglerenkrediet_onderwijssoort", period)
    begin_mbo = studiejaar_begin(period, beroepsonderwijs=True)
    begin_ho = studiejaar_begin(period, beroepsonderwijs=False)
    lesgeld = llk_waarde(parameters, begin_mbo, "lesgeld_mbo")
    collegegeld = llk_waarde(parameters, begin_ho, "wettelijk_collegegeld")
    beroepsonderwijs = is_soort(soort, BEROEPSONDERWIJS)
    # een leeg bedrag alleen als ontbrekend gegeven vastleggen (voor de uitleg) als iemand het nodig heeft
    if np.isnan(lesgeld) and beroepsonderwijs.any():
        record_unknown(parameters, _iso(begin_mbo), "levenlanglerenkrediet.lesgeld_mbo")
    if np.isnan(collegegeld) and np.logical_not(beroepsonderwijs).any():
        record_unknown(parameters, _iso(begin_ho), "levenlanglerenkrediet.wettelijk_collegegeld")
    return np.where(beroepsonderwijs, lesgeld, collegegeld)


def _iso(instant) -> str:
    return instant.isoformat() if isinstance(instant, date) else str(instant)


class levenlanglerenkrediet_recht(Variable):
    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "Voldoet in deze maand aan de voorwaarden voor levenlanglerenkrediet"
    reference = [cite("BWBR0011453", artikel="3.16b"), cite("BWBR0011453", artikel="2.3a")]

    def formula(persoon, period, parameters):
        """Geen wettelijke afwijzingsgrond. Ook waar alleen het bedrag onbekend is (geen geverifieerd collegegeld of
        lesgeld) voldoet de persoon aan de voorwaarden; het maximum is dan niet te bepalen (NaN). Waar de
        maximumleeftijd onbekend is (wettekst en DUO verschillen), is ook het recht niet te bepalen: onwaar."""
        grond = persoon("levenlanglerenkrediet_afwijzingsgrond", period)
        waarden = grond.possible_values
        alleen_bedrag_onbekend = (grond == waarden.onbekend) * np.logical_not(
            persoon("levenlanglerenkrediet_maximumleeftijd_onbekend", period)
        )
        return (grond == waarden.geen) + alleen_bedrag_onbekend


class levenlanglerenkrediet_wettelijk_maximum(Variable):
    value_type = float
    entity = Persoon
    definition_period = MONTH
    label = "Wettelijk maximum per studiejaar: 5 x wettelijk collegegeld (hbo/wo) of 5 x lesgeld (mbo); leeg (NaN) zonder geverifieerd bedrag"
    reference = [
        cite("BWBR0011453", artikel="3.16d", lid="1"),
        cite("BWBR0024005", artikel="3a"),
        cite("BWBR0011400", artikel="3a", lid="1"),
    ]
    unit = "currency-EUR"

    def formula(persoon, period, parameters):
        """Art. 3.16d lid 1 onder a en b: 5 x een twaalfde per maand, dus 5 x het jaarbedrag per studiejaar.

        Het jaarbedrag geldt voor het studiejaar van deze maand. Zonder geverifieerd bedrag is de uitkomst NaN (niet
        te bepalen, JSON null; nooit 0) en geeft levenlanglerenkrediet_afwijzingsgrond 'onbekend' (of een eerdere
        grond).
        """
        veelvoud = llk_waarde(parameters, period.start, "maximum_veelvoud_les_of_collegegeld")
        return veelvoud * jaarbedrag_les_of_collegegeld(persoon, period, parameters)


class levenlanglerenkrediet_maximum_per_studiejaar(Variable):
    value_type = float
    entity = Persoon
    definition_period = MONTH
    label = "Maximaal levenlanglerenkrediet voor het studiejaar van deze maand"
    reference = [
        cite("BWBR0011453", artikel="3.16d", lid="1"),
        cite("BWBR0011453", artikel="3.16b", lid="2", onderdeel="c"),
        cite("web-rijksoverheid-levenlanglerenkrediet"),
    ]
    unit = "currency-EUR"

    def formula(persoon, period, parameters):
        """Het verschuldigde les- of collegegeld min wat een derde betaalt (art. 3.16b lid 2 onder c), ten hoogste
        het wettelijk maximum (art. 3.16d lid 1). 0 bij een afwijzingsgrond; NaN (niet te bepalen) bij 'onbekend'."""
        eigen_kosten = persoon("levenlanglerenkrediet_verschuldigd_les_of_collegegeld", period) - persoon(
            "levenlanglerenkrediet_betaald_door_derde", period
        )
        bedrag = np.minimum(np.maximum(eigen_kosten, 0), persoon("levenlanglerenkrediet_wettelijk_maximum", period))
        grond = persoon("levenlanglerenkrediet_afwijzingsgrond", period)
        waarden = grond.possible_values
        return np.where(grond == waarden.geen, bedrag, np.where(grond == waarden.onbekend, np.nan, 0))


class levenlanglerenkrediet_maximum_per_maand(Variable):
    value_type = float
    entity = Persoon
    definition_period = MONTH
    label = "Maximaal levenlanglerenkrediet voor deze maand (een twaalfde van het maximum per studiejaar)"
    reference = [cite("BWBR0011453", artikel="3.16d", lid="1")]
    unit = "currency-EUR"

    def formula(persoon, period, parameters):
        """Art. 3.16d lid 1: per maand ten hoogste een twaalfde. Niet gemodelleerd: een hoger maandbedrag bij
        ministeriële regeling (lid 2) en de pro-rata-regel voor modules onder 60 EC (art. 3.16f); geen afronding."""
        return persoon("levenlanglerenkrediet_maximum_per_studiejaar", period) / 12


# Shared inputs as the levenlanglerenkrediet uses them: the age on the first day of the month (WSF 2000 art. 2.3a
# with art. 1.2), not the STAP-budget's age rule.
invoer_grondslag(
    ("levenlanglerenkrediet_afwijzingsgrond", "levenlanglerenkrediet_maximumleeftijd_bereikt"),
    {
        "leeftijd": [cite("BWBR0011453", artikel="2.3a"), cite("BWBR0011453", artikel="1.2")],
        "geboortedatum": [cite("BWBR0011453", artikel="2.3a")],
    },
)

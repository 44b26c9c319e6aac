import numpy as np
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import DAY
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.context import invoer_grondslag
from openfisca_llo.entities import Persoon
from openfisca_llo.optional_parameters import ONBEKEND, known_value
from openfisca_llo.reasons import first_reason, grondslag

UVB_2023 = cite("web-uvb-ontwikkeladvies-praktisch-opgeleiden")


class StapOntwikkeladviesAfwijzingsgrond(Enum):
    geen = "Geen: kan als deelnemer worden aangemeld"
    buiten_aanmeldperiode = "Op deze dag kon niemand worden aangemeld (2022: 1-4 t/m 15-12; 2023: 2-10 t/m 18-12)"
    opleidingsniveau_te_hoog = "Hoger opleidingsniveau dan MBO-2"
    te_jong = "Jonger dan 18 jaar op de dag van aanmelding"
    aow_leeftijd_bereikt = "De AOW-leeftijd is op de dag van aanmelding bereikt"
    geen_band_met_arbeidsmarkt = "Geen band met de Nederlandse arbeidsmarkt (minder dan 6 maanden verzekerd in de referteperiode)"
    onbekend = "Niet te bepalen: een voorwaarde (leeftijd, AOW-grens of band met de arbeidsmarkt in de regeling van 2023) is niet bekend"


_g = StapOntwikkeladviesAfwijzingsgrond
grondslag(
    StapOntwikkeladviesAfwijzingsgrond,
    {
        _g.buiten_aanmeldperiode: [cite("stcrt-2022-8302", onderwerp="aanmeldperiode en aanvraagtijdvak"), UVB_2023],
        _g.opleidingsniveau_te_hoog: [cite("stcrt-2022-8302", artikel="1"), cite("kst-30012-158", paragraaf="2")],
        _g.te_jong: [cite("stcrt-2022-8302", artikel="1")],
        _g.aow_leeftijd_bereikt: [cite("stcrt-2022-8302", artikel="1"), cite("BWBR0002221", artikel="7a", lid="1")],
        _g.geen_band_met_arbeidsmarkt: [cite("stcrt-2022-8302", artikel="1")],
        _g.onbekend: [UVB_2023],
    },
)


class stap_ontwikkeladvies_afwijzingsgrond(Variable):
    value_type = Enum
    possible_values = StapOntwikkeladviesAfwijzingsgrond
    default_value = StapOntwikkeladviesAfwijzingsgrond.geen
    entity = Persoon
    definition_period = DAY
    label = "Reden waarom iemand op deze dag niet als deelnemer voor een ontwikkeladvies kan worden aangemeld (eerste die geldt)"
    reference = [cite("stcrt-2022-8302", artikel="1"), cite("kst-30012-158", paragraaf="2"), UVB_2023]

    def formula(persoon, period, parameters):
        """Aanmeldperiode, dan de deelnemer: maximaal MBO-2 (art. 1 Stcrt. 2022, 8302; voor 2022 en 2023 ook
        Kamerstuk 30012, nr. 158, paragraaf 2: 'voor mensen met een opleidingsniveau van maximaal MBO-2'), 18 jaar of
        ouder, de AOW-leeftijd niet bereikt op de dag van aanmelding, band met de Nederlandse arbeidsmarkt.

        Voor de regeling van 2023 zijn leeftijd, AOW-grens en band met de arbeidsmarkt niet gelezen: wie niet al op
        opleidingsniveau wordt afgewezen, krijgt 'onbekend'. Niet gemodelleerd: het bedrag per advies en de eisen aan
        de loopbaanadviseur (de aanvrager is de loopbaanadviseur, niet de deelnemer).
        """
        grond = StapOntwikkeladviesAfwijzingsgrond
        n = persoon.count
        if not parameters(period).stap_ontwikkeladvies.aanmelding_open:
            return np.full(n, grond.buiten_aanmeldperiode)
        niveau = persoon("opleidingsniveau", period)
        soort = niveau.possible_values
        art1_maximaal_mbo2 = np.isin(niveau, [soort.geen.index, soort.vmbo.index, soort.mbo_1.index, soort.mbo_2.index])

        nee = np.zeros(n, dtype=bool)
        minimumleeftijd = known_value(parameters, period, "stap_ontwikkeladvies.minimumleeftijd")
        onder_aow = known_value(parameters, period, "stap_ontwikkeladvies.alleen_onder_aow_leeftijd")
        maanden = known_value(parameters, period, "stap_ontwikkeladvies.minimum_maanden_verzekerd")
        art1_te_jong = nee if minimumleeftijd is None else persoon("leeftijd", period) < minimumleeftijd
        aow = persoon("aow_leeftijd_status", period) if onder_aow else None
        art1_aow = nee if aow is None else aow == aow.possible_values.bereikt
        aow_onbekend = nee if aow is None else aow == aow.possible_values[ONBEKEND]
        art1_geen_band = (
            nee if maanden is None else persoon("stap_maanden_verzekerd_referteperiode", period) < maanden
        )
        onbekend = np.full(n, minimumleeftijd is None or onder_aow is None or maanden is None) + aow_onbekend
        return first_reason(
            default=grond.geen,
            pairs=[
                (grond.opleidingsniveau_te_hoog, np.logical_not(art1_maximaal_mbo2)),
                (grond.te_jong, art1_te_jong),
                (grond.aow_leeftijd_bereikt, art1_aow),
                (grond.geen_band_met_arbeidsmarkt, art1_geen_band),
                (grond.onbekend, onbekend),
            ],
        )


class stap_ontwikkeladvies_recht(Variable):
    value_type = bool
    entity = Persoon
    definition_period = DAY
    label = "Kan op deze dag als deelnemer voor een ontwikkeladvies worden aangemeld"
    reference = [cite("stcrt-2022-8302", artikel="1"), cite("kst-30012-158", paragraaf="2")]

    def formula(persoon, period, parameters):
        """Ja als geen afwijzingsgrond geldt (stap_ontwikkeladvies_afwijzingsgrond 'geen'); 'onbekend' is geen ja."""
        grond = persoon("stap_ontwikkeladvies_afwijzingsgrond", period)
        return grond == grond.possible_values.geen


# Shared inputs as the ontwikkeladvies uses them: artikel 1 ('deelnemer').
invoer_grondslag(
    ("stap_ontwikkeladvies_afwijzingsgrond",),
    {
        "leeftijd": [cite("stcrt-2022-8302", artikel="1")],
        "geboortedatum": [cite("stcrt-2022-8302", artikel="1")],
        "aow_leeftijd_status": [cite("stcrt-2022-8302", artikel="1"), cite("BWBR0002221", artikel="7a", lid="1")],
    },
)

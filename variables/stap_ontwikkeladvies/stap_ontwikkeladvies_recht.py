import numpy as np
from openfisca_core.periods import DAY
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.context import invoer_grondslag
from openfisca_llo.entities import Persoon
from openfisca_llo.optional_parameters import value_or_none


class stap_ontwikkeladvies_recht(Variable):
    value_type = bool
    entity = Persoon
    definition_period = DAY
    label = "Kan op deze dag als deelnemer voor een STAP-ontwikkeladvies worden aangemeld"
    reference = [cite("stcrt-2022-8302", artikel="1")]

    def formula(persoon, period, parameters):
        """Art. 1 (deelnemer): band met de Nederlandse arbeidsmarkt, 18 jaar of ouder, de AOW-leeftijd op de dag
        van aanmelding nog niet bereikt, en maximaal MBO-2 als opleidingsniveau; aanmelding in de aanmeldperiode.

        De band met de arbeidsmarkt volgt het model van het STAP-budget (6 maanden verzekerd in de referteperiode).
        Niet gemodelleerd: het bedrag per advies en het minimumtarief van de loopbaanadviseur (niet gevonden);
        de aanvrager is de loopbaanadviseur, niet de deelnemer; ontwikkeladviezen in 2023 (Kamerstuk 30012, nr. 158,
        paragraaf 2 noemt ze, de openstelling is niet gevonden): vanaf 16 december 2022 geeft het model 'nee'.
        """
        p = parameters(period)
        if not value_or_none(p.stap_ontwikkeladvies, "aanmelding_open"):
            return np.zeros(persoon.count, dtype=bool)
        niveau = persoon("opleidingsniveau", period)
        soort = niveau.possible_values
        maximaal_mbo2 = np.isin(niveau, [soort.geen.index, soort.vmbo.index, soort.mbo_1.index, soort.mbo_2.index])
        band = persoon("stap_maanden_verzekerd_referteperiode", period) >= p.stap.minimum_maanden_verzekerd
        leeftijd = persoon("leeftijd", period) >= p.stap_ontwikkeladvies.minimumleeftijd
        return maximaal_mbo2 * band * leeftijd * np.logical_not(persoon("aow_leeftijd_bereikt", period))

# Shared inputs as the ontwikkeladvies uses them: artikel 1 ('deelnemer').
invoer_grondslag(
    ("stap_ontwikkeladvies_recht",),
    {
        "leeftijd": [cite("stcrt-2022-8302", artikel="1")],
        "geboortedatum": [cite("stcrt-2022-8302", artikel="1")],
        "aow_leeftijd_bereikt": [cite("stcrt-2022-8302", artikel="1"), cite("BWBR0002221", artikel="7a", lid="1")],
    },
)

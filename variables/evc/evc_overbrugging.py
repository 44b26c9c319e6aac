"""Tijdelijke overbruggingsregeling EVC-procedures STAP (Stcrt. 2022, 32789); de periode is de startdag van de EVC-procedure."""

import numpy as np
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import DAY
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.context import invoer_grondslag
from openfisca_llo.entities import Persoon
from openfisca_llo.optional_parameters import flag_on_dates
from openfisca_llo.reasons import grondslag


class EvcOverbruggingAfwijzingsgrond(Enum):
    geen = "Geen: de EVC-procedure valt onder de overbruggingsregeling"
    start_buiten_periode = "De EVC-procedure start niet van 1 juni 2022 tot en met 31 mei 2023"
    afronding_buiten_periode = "De EVC-procedure is niet uiterlijk 31 mei 2023 afgerond"
    te_jong = "Jonger dan 18 jaar op de startdag"
    aow_leeftijd_bereikt = "De AOW-leeftijd is op de startdag bereikt"
    geen_band_met_arbeidsmarkt = "Minder dan 6 maanden verzekerd voor de volksverzekeringen in de referteperiode"
    geen_kosten = "Geen kosten van de EVC-procedure"


class evc_overbrugging_afwijzingsgrond(Variable):
    value_type = Enum
    possible_values = EvcOverbruggingAfwijzingsgrond
    default_value = EvcOverbruggingAfwijzingsgrond.geen
    entity = Persoon
    definition_period = DAY
    label = "Reden waarom een EVC-procedure die op deze dag start niet onder de overbruggingsregeling valt (eerste die geldt)"
    reference = [
        cite("stcrt-2022-32789", artikel="1"),
        cite("stcrt-2022-32789", onderwerp="subsidiabele EVC-procedures gestart en afgerond van 1 juni 2022 tot en met 31 mei 2023"),
    ]

    def formula(persoon, period, parameters):
        """Periode (start en afronding 1-6-2022 tot en met 31-5-2023), dan art. 1 'deelnemer' op de startdag
        (18 jaar, AOW-leeftijd niet bereikt, 6 maanden verzekerd), dan de kosten.

        Niet gemodelleerd: de eisen aan de EVC-aanbieder (register Nationaal Kenniscentrum EVC), het aanvraagtijdvak
        en de intrekking van de regeling in mei 2023 (Staatscourant niet geïdentificeerd).
        """
        grond = EvcOverbruggingAfwijzingsgrond
        p = parameters(period).evc_overbrugging
        n = persoon.count
        if not p.procedure_periode:
            return np.full(n, grond.start_buiten_periode)

        afgerond = persoon("evc_afgerond_op", period)
        afronding_binnen = flag_on_dates(parameters, "evc_overbrugging.procedure_periode", afgerond)
        art1_leeftijd = persoon("leeftijd", period) >= p.minimumleeftijd
        art1_aow = persoon("aow_leeftijd_bereikt", period)
        art1_verzekerd = persoon("evc_maanden_verzekerd_referteperiode", period) >= p.minimum_maanden_verzekerd
        kosten = persoon("evc_kosten", period)
        return np.select(
            [
                np.logical_not(afronding_binnen),
                np.logical_not(art1_leeftijd),
                art1_aow,
                np.logical_not(art1_verzekerd),
                kosten <= 0,
            ],
            [
                grond.afronding_buiten_periode,
                grond.te_jong,
                grond.aow_leeftijd_bereikt,
                grond.geen_band_met_arbeidsmarkt,
                grond.geen_kosten,
            ],
            default=grond.geen,
        )


class evc_overbrugging_subsidie(Variable):
    value_type = float
    entity = Persoon
    definition_period = DAY
    label = "Subsidie volgens de Tijdelijke overbruggingsregeling EVC-procedures STAP voor een EVC-procedure die op deze dag start"
    reference = [cite("stcrt-2022-32789", onderwerp="hoogte subsidie per EVC-procedure")]
    unit = "currency-EUR"
    documentation = (
        "De aanspraak zoals de regeling haar omschreef: de kosten, ten hoogste EUR 1.000. De regeling werd in mei 2023 "
        "ingetrokken vóór het aanvraagtijdvak opende (secundair); dezelfde procedures vielen daarna onder de "
        "Tijdelijke subsidieregeling EVC-procedures (evc_subsidieregeling_subsidie)."
    )

    def formula(persoon, period, parameters):
        """Kosten van de EVC-procedure, ten hoogste EUR 1.000; 0 met de reden in evc_overbrugging_afwijzingsgrond."""
        grond = persoon("evc_overbrugging_afwijzingsgrond", period)
        toegekend = grond == grond.possible_values.geen
        if not toegekend.any():
            return np.zeros(persoon.count)
        maximum = parameters(period).evc_overbrugging.maximum_per_procedure
        return np.where(toegekend, np.minimum(persoon("evc_kosten", period), maximum), 0)


_g = EvcOverbruggingAfwijzingsgrond
grondslag(
    EvcOverbruggingAfwijzingsgrond,
    {
        _g.start_buiten_periode: [cite("stcrt-2022-32789", onderwerp="subsidiabele EVC-procedures gestart en afgerond van 1 juni 2022 tot en met 31 mei 2023")],
        _g.afronding_buiten_periode: [cite("stcrt-2022-32789", onderwerp="subsidiabele EVC-procedures gestart en afgerond van 1 juni 2022 tot en met 31 mei 2023")],
        _g.te_jong: [cite("stcrt-2022-32789", artikel="1")],
        _g.aow_leeftijd_bereikt: [cite("stcrt-2022-32789", artikel="1")],
        _g.geen_band_met_arbeidsmarkt: [cite("stcrt-2022-32789", artikel="1")],
        _g.geen_kosten: [cite("stcrt-2022-32789", onderwerp="subsidiabele EVC-procedures gestart en afgerond van 1 juni 2022 tot en met 31 mei 2023")],
    },
)

# Shared inputs as the overbruggingsregeling uses them: artikel 1 ('deelnemer').
invoer_grondslag(
    ("evc_overbrugging_afwijzingsgrond",),
    {
        "leeftijd": [cite("stcrt-2022-32789", artikel="1")],
        "geboortedatum": [cite("stcrt-2022-32789", artikel="1")],
        "aow_leeftijd_bereikt": [cite("stcrt-2022-32789", artikel="1"), cite("BWBR0002221", artikel="7a", lid="1")],
    },
)

"""Tijdelijke overbruggingsregeling EVC-procedures STAP (Stcrt. 2022, 32789); de periode is de startdag van de EVC-procedure."""

import numpy as np
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import DAY
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.context import invoer_grondslag
from openfisca_llo.entities import Persoon
from openfisca_llo.optional_parameters import ONBEKEND, amount_or_nan, flag_on_dates
from openfisca_llo.reasons import first_reason, grondslag


class EvcOverbruggingAfwijzingsgrond(Enum):
    geen = "Geen: de EVC-procedure valt onder de overbruggingsregeling"
    start_buiten_periode = "De EVC-procedure start niet van 1 juni 2022 tot en met 31 mei 2023"
    regeling_ingetrokken = (
        "De regeling is in mei 2023 ingetrokken voordat een aanvraag kon worden ingediend; dezelfde procedures vallen "
        "onder de Tijdelijke subsidieregeling EVC-procedures (aanvragen 1-11-2023 t/m 29-2-2024)"
    )
    afronding_buiten_periode = "De EVC-procedure is niet uiterlijk 31 mei 2023 afgerond"
    te_jong = "Jonger dan 18 jaar op de startdag"
    aow_leeftijd_bereikt = "De AOW-leeftijd is op de startdag bereikt"
    geen_band_met_arbeidsmarkt = "Minder dan 6 maanden verzekerd voor de volksverzekeringen in de referteperiode"
    geen_kosten = "Geen kosten van de EVC-procedure"
    onbekend = "Niet te bepalen: de AOW-leeftijd van het jaar van de startdag is niet vastgesteld"


_g = EvcOverbruggingAfwijzingsgrond
grondslag(
    EvcOverbruggingAfwijzingsgrond,
    {
        _g.regeling_ingetrokken: [cite("web-sdpwerkt-intrekking-evc-overbrugging"), cite("stcrt-2022-32789", onderwerp="aanvraagtijdvak voor afgeronde EVC-procedures")],
        _g.start_buiten_periode: [cite("stcrt-2022-32789", onderwerp="subsidiabele EVC-procedures gestart en afgerond van 1 juni 2022 tot en met 31 mei 2023")],
        _g.afronding_buiten_periode: [cite("stcrt-2022-32789", onderwerp="subsidiabele EVC-procedures gestart en afgerond van 1 juni 2022 tot en met 31 mei 2023")],
        _g.te_jong: [cite("stcrt-2022-32789", artikel="1")],
        _g.aow_leeftijd_bereikt: [cite("stcrt-2022-32789", artikel="1")],
        _g.geen_band_met_arbeidsmarkt: [cite("stcrt-2022-32789", artikel="1")],
        _g.onbekend: [cite("BWBR0002221", artikel="7a", lid="2")],
        _g.geen_kosten: [cite("stcrt-2022-32789", onderwerp="subsidiabele EVC-procedures gestart en afgerond van 1 juni 2022 tot en met 31 mei 2023")],
    },
)


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
        cite("web-sdpwerkt-intrekking-evc-overbrugging"),
    ]

    def formula(persoon, period, parameters):
        """Periode (start 1-6-2022 tot en met 31-5-2023), dan de intrekking: de regeling is in mei 2023 ingetrokken
        voordat een aanvraag kon worden ingediend (parameter evc_overbrugging.aanvraag_mogelijk), zodat er onder deze
        regeling nooit subsidie is verleend. Alleen als een amendement die parameter op 'true' zet, toetst het model
        de regeling zoals bedoeld: afronding in de periode, art. 1 'deelnemer' op de startdag (18 jaar, AOW-leeftijd
        niet bereikt, 6 maanden verzekerd), dan de kosten.

        Wat wel gold: de Tijdelijke subsidieregeling EVC-procedures (evc_subsidieregeling_subsidie).
        Niet gemodelleerd: de eisen aan de EVC-aanbieder (register Nationaal Kenniscentrum EVC); de Staatscourant van
        de intrekking is niet geïdentificeerd.
        """
        grond = EvcOverbruggingAfwijzingsgrond
        p = parameters(period).evc_overbrugging
        n = persoon.count
        if not p.procedure_periode:
            return np.full(n, grond.start_buiten_periode)
        if not p.aanvraag_mogelijk:
            return np.full(n, grond.regeling_ingetrokken)

        afgerond = persoon("evc_afgerond_op", period)
        afronding_binnen = flag_on_dates(parameters, "evc_overbrugging.procedure_periode", afgerond)
        art1_leeftijd = persoon("leeftijd", period) >= p.minimumleeftijd
        aow = persoon("aow_leeftijd_status", period)
        art1_aow = aow == aow.possible_values.bereikt
        art1_verzekerd = persoon("evc_maanden_verzekerd_referteperiode", period) >= p.minimum_maanden_verzekerd
        kosten = persoon("evc_kosten", period)
        return first_reason(
            default=grond.geen,
            pairs=[
                (grond.afronding_buiten_periode, np.logical_not(afronding_binnen)),
                (grond.te_jong, np.logical_not(art1_leeftijd)),
                (grond.aow_leeftijd_bereikt, art1_aow),
                (grond.geen_band_met_arbeidsmarkt, np.logical_not(art1_verzekerd)),
                (grond.geen_kosten, kosten <= 0),
                (grond.onbekend, aow == aow.possible_values[ONBEKEND]),
            ],
        )


class evc_overbrugging_subsidie(Variable):
    value_type = float
    entity = Persoon
    definition_period = DAY
    label = "Subsidie volgens de Tijdelijke overbruggingsregeling EVC-procedures STAP voor een EVC-procedure die op deze dag start"
    reference = [cite("stcrt-2022-32789", onderwerp="hoogte subsidie per EVC-procedure")]
    unit = "currency-EUR"
    documentation = (
        "Altijd 0: de regeling werd in mei 2023 ingetrokken vóór een aanvraag kon worden ingediend (secundair); "
        "dezelfde procedures vielen daarna onder de Tijdelijke subsidieregeling EVC-procedures "
        "(evc_subsidieregeling_subsidie). Met een amendement dat evc_overbrugging.aanvraag_mogelijk op 'true' zet: "
        "de kosten, ten hoogste EUR 1.000, zoals de regeling het bedoelde."
    )

    def formula(persoon, period, parameters):
        """Kosten van de EVC-procedure, ten hoogste EUR 1.000; 0 met de reden in evc_overbrugging_afwijzingsgrond."""
        grond = persoon("evc_overbrugging_afwijzingsgrond", period)
        toegekend = grond == grond.possible_values.geen
        if not toegekend.any():
            return amount_or_nan(grond, np.zeros(persoon.count))
        maximum = parameters(period).evc_overbrugging.maximum_per_procedure
        return amount_or_nan(grond, np.where(toegekend, np.minimum(persoon("evc_kosten", period), maximum), 0))


# Shared inputs as the overbruggingsregeling uses them: artikel 1 ('deelnemer').
invoer_grondslag(
    ("evc_overbrugging_afwijzingsgrond",),
    {
        "leeftijd": [cite("stcrt-2022-32789", artikel="1")],
        "geboortedatum": [cite("stcrt-2022-32789", artikel="1")],
        "aow_leeftijd_status": [cite("stcrt-2022-32789", artikel="1"), cite("BWBR0002221", artikel="7a", lid="1")],
    },
)

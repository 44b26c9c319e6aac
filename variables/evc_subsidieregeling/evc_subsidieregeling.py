"""Tijdelijke subsidieregeling EVC-procedures (opvolger van de overbruggingsregeling); de periode is de aanvraagdatum."""

import numpy as np
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import DAY
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.entities import Persoon
from openfisca_llo.optional_parameters import flag_on_dates
from openfisca_llo.reasons import first_reason, grondslag

UVB = cite("web-uvb-tijdelijke-subsidieregeling-evc-procedures")


class EvcSubsidieregelingAfwijzingsgrond(Enum):
    geen = "Geen: de aanvraag voldoet"
    voor_aanvraagperiode = "Vóór 1 november 2023 konden geen aanvragen worden ingediend"
    na_aanvraagperiode = "Na 29 februari 2024 konden geen aanvragen meer worden ingediend"
    procedure_buiten_periode = "De EVC-procedure is niet van 1 juni 2022 tot en met 29 februari 2024 gestart en afgerond"
    geen_kosten = "Geen kosten van de EVC-procedure"


_g = EvcSubsidieregelingAfwijzingsgrond
grondslag(
    EvcSubsidieregelingAfwijzingsgrond,
    {
        _g.voor_aanvraagperiode: [cite("web-uvb-tijdelijke-subsidieregeling-evc-procedures")],
        _g.na_aanvraagperiode: [cite("web-uvb-tijdelijke-subsidieregeling-evc-procedures")],
        _g.procedure_buiten_periode: [cite("web-uvb-tijdelijke-subsidieregeling-evc-procedures")],
        _g.geen_kosten: [cite("web-uvb-tijdelijke-subsidieregeling-evc-procedures")],
    },
)


class evc_subsidieregeling_afwijzingsgrond(Variable):
    value_type = Enum
    possible_values = EvcSubsidieregelingAfwijzingsgrond
    default_value = EvcSubsidieregelingAfwijzingsgrond.geen
    entity = Persoon
    definition_period = DAY
    label = "Reden waarom een aanvraag onder de Tijdelijke subsidieregeling EVC-procedures op deze datum wordt afgewezen"
    reference = [UVB]

    def formula(persoon, period, parameters):
        """Aanvraagperiode (vanaf 1-11-2023, tot en met 29-2-2024), dan start en afronding van de procedure in de periode
        1-6-2022 tot en met 29-2-2024 (uitvoeringsinformatie Uitvoering Van Beleid SZW), dan de kosten.

        Niet gemodelleerd: de eisen aan deelnemer en EVC-aanbieder (de regelingstekst is niet gezien), het maximum
        aantal procedures per aanbieder en het subsidieplafond.
        """
        grond = EvcSubsidieregelingAfwijzingsgrond
        p = parameters(period).evc_subsidieregeling
        n = persoon.count
        if p.aanvraagperiode_verstreken:
            return np.full(n, grond.na_aanvraagperiode)
        if not p.aanvraagperiode_open:
            return np.full(n, grond.voor_aanvraagperiode)
        pad = "evc_subsidieregeling.procedure_periode"
        start_binnen = flag_on_dates(parameters, pad, persoon("evc_startdatum", period))
        afronding_binnen = flag_on_dates(parameters, pad, persoon("evc_afgerond_op", period))
        return first_reason(
            default=grond.geen,
            pairs=[
                (grond.procedure_buiten_periode, np.logical_not(start_binnen * afronding_binnen)),
                (grond.geen_kosten, persoon("evc_kosten", period) <= 0),
            ],
        )


class evc_subsidieregeling_subsidie(Variable):
    value_type = float
    entity = Persoon
    definition_period = DAY
    label = "Tegemoetkoming in de kosten van een EVC-procedure, aangevraagd op deze datum"
    reference = [UVB]
    unit = "currency-EUR"

    def formula(persoon, period, parameters):
        """Kosten van de EVC-procedure, ten hoogste EUR 1.000; 0 met de reden in evc_subsidieregeling_afwijzingsgrond."""
        grond = persoon("evc_subsidieregeling_afwijzingsgrond", period)
        toegekend = grond == grond.possible_values.geen
        if not toegekend.any():
            return np.zeros(persoon.count)
        maximum = parameters(period).evc_subsidieregeling.maximum_per_procedure
        return np.where(toegekend, np.minimum(persoon("evc_kosten", period), maximum), 0)

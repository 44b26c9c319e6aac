"""Subsidie voor omscholing naar ICT- en techniek-kansrijke beroepen (titel 3.20 Regeling nationale EZK- en
LNV-subsidies, Stcrt. 2021, 35043), per werknemer, op de aanvraagdatum (openstellingen 2021 en 2022)."""

import numpy as np
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import DAY
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.dates import add_months, from_yyyymmdd, period_date
from openfisca_llo.entities import Persoon
from openfisca_llo.optional_parameters import amount_or_nan, known_value
from openfisca_llo.reasons import first_reason, grondslag

RVO = cite("web-rvo-omscholing-ict-techniek-voorwaarden")
EERSTE_OPENSTELLING = np.datetime64("2021-09-01")  # parameter aanvraagperiode_open: eerste dag 'true' (nlsi.nl)
HOOGTE = cite("stcrt-2021-35043", onderwerp="hoogte subsidie per omscholingstraject (titel 3.20)")


class OmscholingAfwijzingsgrond(Enum):
    geen = "Geen: de aanvraag voldoet"
    voor_aanvraagperiode = "Vóór 1 september 2021 konden geen aanvragen worden ingediend"
    buiten_aanvraagperiode = "Buiten een aanvraagperiode (2021: 1 september t/m 1 december; 2022: 26 september t/m 1 december; na 2022 geen)"
    geen_kansrijk_beroep = "Het nieuwe beroep staat niet op de lijst met ICT- en techniek-kansrijke beroepen"
    al_werkzaam_in_beroepssegment = "De werknemer werkte vóór 1 juli 2021 al in het beroepssegment"
    recent_voortgezet_onderwijs = "De werknemer volgde in de twee jaar vóór de aanvraag voortgezet onderwijs"
    minder_dan_helft_werktijd = "Het nieuwe beroep beslaat minder dan de helft van de werktijd"
    opleiding_te_vroeg_gestart = "De opleiding is vóór 30 augustus 2021 gestart"
    opleiding_start_te_laat = "De opleiding start later dan drie maanden na de aanvraag"
    kosten_onder_minimum = "De kosten van het omscholingstraject zijn lager dan EUR 7.500"
    onbekend = "Niet te bepalen: of de aanvraagperiode op deze dag open was, is niet bekend"


_g = OmscholingAfwijzingsgrond
grondslag(
    OmscholingAfwijzingsgrond,
    {
        _g.voor_aanvraagperiode: [cite("stcrt-2021-35043", onderwerp="openstelling 2021 in de Regeling openstelling EZK- en LNV-subsidies 2021")],
        _g.buiten_aanvraagperiode: [
            cite("stcrt-2021-35043", onderwerp="openstelling 2021 in de Regeling openstelling EZK- en LNV-subsidies 2021"),
            cite("web-techniekpact-omscholing-2022"),
            cite("web-rendement-omscholing-2022"),
        ],
        _g.onbekend: [cite("web-techniekpact-omscholing-2022")],
        _g.geen_kansrijk_beroep: [cite("web-rvo-omscholing-ict-techniek-voorwaarden")],
        _g.al_werkzaam_in_beroepssegment: [cite("web-rvo-omscholing-ict-techniek-voorwaarden")],
        _g.recent_voortgezet_onderwijs: [cite("web-rvo-omscholing-ict-techniek-voorwaarden")],
        _g.minder_dan_helft_werktijd: [cite("web-rvo-omscholing-ict-techniek-voorwaarden")],
        _g.opleiding_te_vroeg_gestart: [cite("web-rvo-omscholing-ict-techniek-voorwaarden")],
        _g.opleiding_start_te_laat: [cite("web-rvo-omscholing-ict-techniek-voorwaarden")],
        _g.kosten_onder_minimum: [cite("stcrt-2021-35043", onderwerp="hoogte subsidie per omscholingstraject (titel 3.20)"), cite("web-rvo-omscholing-ict-techniek-voorwaarden")],
    },
)


class omscholing_ict_techniek_afwijzingsgrond(Variable):
    value_type = Enum
    possible_values = OmscholingAfwijzingsgrond
    default_value = OmscholingAfwijzingsgrond.geen
    entity = Persoon
    definition_period = DAY
    label = "Reden waarom een aanvraag voor omscholing naar een ICT- of techniek-kansrijk beroep wordt afgewezen (eerste die geldt)"
    reference = [
        RVO,
        HOOGTE,
        cite("stcrt-2021-35043", onderwerp="openstelling 2021 in de Regeling openstelling EZK- en LNV-subsidies 2021"),
        cite("web-randstad-subsidie-werkgevers"),
    ]

    def formula(persoon, period, parameters):
        """Aanvraagperiode (2021 of 2022), dan de voorwaarden van RVO: kansrijk beroep, omscholing (niet vóór 1 juli
        van het jaar van de openstelling in het segment, geen voortgezet onderwijs in twee jaar, ten minste de helft
        van de werktijd), start van de opleiding (2021: op of na 30-8-2021; 2022: op of na 1-7-2022; uiterlijk drie
        maanden na de aanvraag) en de minimale kosten (EUR 7.500). De periode van 2022 liep tot en met 1-12-2022
        (rendement.nl, secundair). Waar de parameter geen waarde heeft (null, bijvoorbeeld via een amendement), is de
        uitkomst 'onbekend', tenzij een bekende voorwaarde al afwijst.

        Niet gemodelleerd: het maximum van zes trajecten per werkgever, het subsidieplafond, de eisen aan opleider en
        praktijkbegeleider en aan de arbeidsovereenkomst.
        """
        grond = OmscholingAfwijzingsgrond
        n = persoon.count
        open_ = known_value(parameters, period, "omscholing_ict_techniek.aanvraagperiode_open")
        if open_ is not None and not open_:
            eerste_opening = period_date(period) < EERSTE_OPENSTELLING
            return np.full(n, grond.voor_aanvraagperiode if eerste_opening else grond.buiten_aanvraagperiode)
        p = parameters(period).omscholing_ict_techniek

        start = persoon("omscholing_startdatum_opleiding", period)
        start_toegestaan = start >= from_yyyymmdd(p.vroegste_startdatum_opleiding)
        uiterlijke_start = add_months(period_date(period), p.maximale_maanden_tot_start_opleiding)
        return first_reason(
            default=grond.geen,
            pairs=[
                (grond.geen_kansrijk_beroep, np.logical_not(persoon("omscholing_naar_kansrijk_beroep", period))),
                (grond.al_werkzaam_in_beroepssegment, persoon("omscholing_eerder_werkzaam_in_beroepssegment", period)),
                (grond.recent_voortgezet_onderwijs, persoon("omscholing_voortgezet_onderwijs_laatste_twee_jaar", period)),
                (grond.minder_dan_helft_werktijd, np.logical_not(persoon("omscholing_minstens_helft_werktijd_nieuw_beroep", period))),
                (grond.opleiding_te_vroeg_gestart, np.logical_not(start_toegestaan)),
                (grond.opleiding_start_te_laat, start > uiterlijke_start),
                (grond.kosten_onder_minimum, persoon("omscholing_kosten_traject", period) < p.minimum_kosten_omscholingstraject),
                (grond.onbekend, np.full(n, open_ is None)),
            ],
        )


class omscholing_ict_techniek_subsidie(Variable):
    value_type = float
    entity = Persoon
    definition_period = DAY
    label = "Subsidie aan de werkgever voor het omscholingstraject van deze werknemer, aangevraagd op deze datum"
    reference = [HOOGTE]
    unit = "currency-EUR"

    def formula(persoon, period, parameters):
        """Vast bedrag van EUR 3.750 per omscholingstraject; 0 met de reden in omscholing_ict_techniek_afwijzingsgrond,
        NaN als die reden 'onbekend' is."""
        grond = persoon("omscholing_ict_techniek_afwijzingsgrond", period)
        toegekend = grond == grond.possible_values.geen
        if not toegekend.any():
            return amount_or_nan(grond, np.zeros(persoon.count))
        bedrag = np.where(toegekend, parameters(period).omscholing_ict_techniek.bedrag_per_omscholingstraject, 0)
        return amount_or_nan(grond, bedrag)


class omscholing_ict_techniek_cofinanciering_werkgever(Variable):
    value_type = float
    entity = Persoon
    definition_period = DAY
    label = "Deel van de kosten van het omscholingstraject dat de werkgever zelf (of via een O&O-fonds) draagt"
    reference = [HOOGTE]
    unit = "currency-EUR"

    def formula(persoon, period, parameters):
        """Kosten min subsidie; bij toekenning ten minste 50% van de kosten (kosten ten minste EUR 7.500)."""
        return persoon("omscholing_kosten_traject", period) - persoon("omscholing_ict_techniek_subsidie", period)

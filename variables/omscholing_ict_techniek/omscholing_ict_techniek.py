"""Subsidie voor omscholing naar ICT- en techniek-kansrijke beroepen (titel 3.20 Regeling nationale EZK- en
LNV-subsidies, Stcrt. 2021, 35043), per werknemer, op de aanvraagdatum (openstelling 2021)."""

import numpy as np
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import DAY
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.dates import add_months, period_date
from openfisca_llo.entities import Persoon
from openfisca_llo.optional_parameters import flag_on_dates
from openfisca_llo.reasons import grondslag

RVO = cite("web-rvo-omscholing-ict-techniek-voorwaarden")
HOOGTE = cite("stcrt-2021-35043", onderwerp="hoogte subsidie per omscholingstraject (titel 3.20)")


class OmscholingAfwijzingsgrond(Enum):
    geen = "Geen: de aanvraag voldoet"
    voor_aanvraagperiode = "Vóór 1 september 2021 konden geen aanvragen worden ingediend"
    na_aanvraagperiode_2021 = "Na de aanvraagperiode van 2021 (tot en met 1 december 2021); latere openstellingen zijn niet gemodelleerd"
    geen_kansrijk_beroep = "Het nieuwe beroep staat niet op de lijst met ICT- en techniek-kansrijke beroepen"
    al_werkzaam_in_beroepssegment = "De werknemer werkte vóór 1 juli 2021 al in het beroepssegment"
    recent_voortgezet_onderwijs = "De werknemer volgde in de twee jaar vóór de aanvraag voortgezet onderwijs"
    minder_dan_helft_werktijd = "Het nieuwe beroep beslaat minder dan de helft van de werktijd"
    opleiding_te_vroeg_gestart = "De opleiding is vóór 30 augustus 2021 gestart"
    opleiding_start_te_laat = "De opleiding start later dan drie maanden na de aanvraag"
    kosten_onder_minimum = "De kosten van het omscholingstraject zijn lager dan EUR 7.500"


class omscholing_ict_techniek_afwijzingsgrond(Variable):
    value_type = Enum
    possible_values = OmscholingAfwijzingsgrond
    default_value = OmscholingAfwijzingsgrond.geen
    entity = Persoon
    definition_period = DAY
    label = "Reden waarom een aanvraag voor omscholing naar een ICT- of techniek-kansrijk beroep wordt afgewezen (eerste die geldt)"
    reference = [RVO, HOOGTE, cite("stcrt-2021-35043", onderwerp="openstelling 2021 in de Regeling openstelling EZK- en LNV-subsidies 2021")]

    def formula(persoon, period, parameters):
        """Aanvraagperiode 2021, dan de voorwaarden van RVO (2021): kansrijk beroep, omscholing (niet vóór 1-7-2021 in
        het segment, geen voortgezet onderwijs in twee jaar, ten minste de helft van de werktijd), start van de
        opleiding (op of na 30-8-2021, uiterlijk drie maanden na de aanvraag) en de minimale kosten (EUR 7.500).

        Niet gemodelleerd: de openstelling van 2022, het maximum van zes trajecten per werkgever, het subsidieplafond,
        de eisen aan opleider en praktijkbegeleider en aan de arbeidsovereenkomst.
        """
        grond = OmscholingAfwijzingsgrond
        p = parameters(period).omscholing_ict_techniek
        n = persoon.count
        if p.aanvraagperiode_2021_verstreken:
            return np.full(n, grond.na_aanvraagperiode_2021)
        if not p.aanvraagperiode_open:
            return np.full(n, grond.voor_aanvraagperiode)

        start = persoon("omscholing_startdatum_opleiding", period)
        start_toegestaan = flag_on_dates(parameters, "omscholing_ict_techniek.opleiding_mag_starten", start)
        uiterlijke_start = add_months(period_date(period), p.maximale_maanden_tot_start_opleiding)
        return np.select(
            [
                np.logical_not(persoon("omscholing_naar_kansrijk_beroep", period)),
                persoon("omscholing_eerder_werkzaam_in_beroepssegment", period),
                persoon("omscholing_voortgezet_onderwijs_laatste_twee_jaar", period),
                np.logical_not(persoon("omscholing_minstens_helft_werktijd_nieuw_beroep", period)),
                np.logical_not(start_toegestaan),
                start > uiterlijke_start,
                persoon("omscholing_kosten_traject", period) < p.minimum_kosten_omscholingstraject,
            ],
            [
                grond.geen_kansrijk_beroep,
                grond.al_werkzaam_in_beroepssegment,
                grond.recent_voortgezet_onderwijs,
                grond.minder_dan_helft_werktijd,
                grond.opleiding_te_vroeg_gestart,
                grond.opleiding_start_te_laat,
                grond.kosten_onder_minimum,
            ],
            default=grond.geen,
        )


class omscholing_ict_techniek_subsidie(Variable):
    value_type = float
    entity = Persoon
    definition_period = DAY
    label = "Subsidie aan de werkgever voor het omscholingstraject van deze werknemer, aangevraagd op deze datum"
    reference = [HOOGTE]
    unit = "currency-EUR"

    def formula(persoon, period, parameters):
        """Vast bedrag van EUR 3.750 per omscholingstraject; 0 met de reden in omscholing_ict_techniek_afwijzingsgrond."""
        grond = persoon("omscholing_ict_techniek_afwijzingsgrond", period)
        toegekend = grond == grond.possible_values.geen
        if not toegekend.any():
            return np.zeros(persoon.count)
        return np.where(toegekend, parameters(period).omscholing_ict_techniek.bedrag_per_omscholingstraject, 0)


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


_g = OmscholingAfwijzingsgrond
grondslag(
    OmscholingAfwijzingsgrond,
    {
        _g.voor_aanvraagperiode: [cite("stcrt-2021-35043", onderwerp="openstelling 2021 in de Regeling openstelling EZK- en LNV-subsidies 2021")],
        _g.na_aanvraagperiode_2021: [cite("stcrt-2021-35043", onderwerp="openstelling 2021 in de Regeling openstelling EZK- en LNV-subsidies 2021")],
        _g.geen_kansrijk_beroep: [cite("web-rvo-omscholing-ict-techniek-voorwaarden")],
        _g.al_werkzaam_in_beroepssegment: [cite("web-rvo-omscholing-ict-techniek-voorwaarden")],
        _g.recent_voortgezet_onderwijs: [cite("web-rvo-omscholing-ict-techniek-voorwaarden")],
        _g.minder_dan_helft_werktijd: [cite("web-rvo-omscholing-ict-techniek-voorwaarden")],
        _g.opleiding_te_vroeg_gestart: [cite("web-rvo-omscholing-ict-techniek-voorwaarden")],
        _g.opleiding_start_te_laat: [cite("web-rvo-omscholing-ict-techniek-voorwaarden")],
        _g.kosten_onder_minimum: [cite("stcrt-2021-35043", onderwerp="hoogte subsidie per omscholingstraject (titel 3.20)"), cite("web-rvo-omscholing-ict-techniek-voorwaarden")],
    },
)

"""SLIM-subsidie voor een samenwerkingsverband (oorspronkelijk hoofdstuk 3, sinds Stcrt. 2025, 7276 paragraaf 2.3)."""

import numpy as np
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import DAY
from openfisca_core.variables import Variable
from openfisca_llo.variables.slim.slim_afwijzingsgrond import subsidieplafond, tijdvak_open

from openfisca_llo.citations import cite
from openfisca_llo.entities import Samenwerkingsverband
from openfisca_llo.reasons import first_reason, grondslag


class SlimSamenwerkingsverbandAfwijzingsgrond(Enum):
    geen = "Geen: de aanvraag voldoet"
    regeling_niet_in_werking = "De SLIM-regeling gold niet op deze datum (in werking 1-1-2020, verlengd tot 1-1-2030)"
    te_weinig_partners = "Minder dan twee deelnemende mkb-ondernemingen: geen samenwerkingsverband"
    buiten_aanvraagtijdvak = "De aanvraagdatum valt buiten een aanvraagtijdvak voor samenwerkingsverbanden"
    onder_minimum_kosten = "De subsidiabele kosten zijn lager dan het minimum (EUR 5.000, vanaf de wijziging van 2021 EUR 210.000)"
    budget_bereikt = "Het subsidieplafond van dit aanvraagtijdvak voor samenwerkingsverbanden zou worden overschreden"
    onbekend = (
        "Niet te bepalen: het aanvraagtijdvak of het subsidieplafond voor samenwerkingsverbanden is op deze datum "
        "niet bekend (slim.aanvraagtijdvak, slim.subsidieplafond)"
    )


_g = SlimSamenwerkingsverbandAfwijzingsgrond
grondslag(
    SlimSamenwerkingsverbandAfwijzingsgrond,
    {
        _g.regeling_niet_in_werking: [cite("BWBR0043015", opschrift="Geldend van 01-01-2020; [Regeling vervalt per 01-01-2025.]"), cite("web-wiedijk-verlenging-slim")],
        _g.te_weinig_partners: [cite("stcrt-2019-70088", artikel="1"), cite("stcrt-2025-7276", artikel="I", onderdeel="C")],
        _g.buiten_aanvraagtijdvak: [cite("BWBR0043015", artikel="5", onderdeel="b")],
        _g.onder_minimum_kosten: [cite("stcrt-2021-22240", artikel="I", onderdeel="B")],
        _g.budget_bereikt: [cite("BWBR0043015", artikel="6"), cite("stcrt-2022-13075", artikel="I", onderdeel="B")],
        _g.onbekend: [cite("BWBR0043015", artikel="5", onderdeel="b"), cite("BWBR0043015", artikel="6")],
    },
)


class slim_samenwerkingsverband_subsidiepercentage(Variable):
    value_type = float
    entity = Samenwerkingsverband
    definition_period = DAY
    label = "SLIM-subsidie als deel van de subsidiabele kosten voor een samenwerkingsverband"
    reference = [cite("stcrt-2019-70088", onderwerp="hoogte van de subsidie")]
    unit = "/1"

    def formula_2020_01_01(samenwerkingsverband, period, parameters):
        """Vanaf de inwerkingtreding van de SLIM-regeling (1-1-2020). 60% (40% verplichte cofinanciering; secundair)."""
        return np.full(samenwerkingsverband.count, parameters(period).slim.percentage.samenwerkingsverband)


class slim_samenwerkingsverband_afwijzingsgrond(Variable):
    value_type = Enum
    possible_values = SlimSamenwerkingsverbandAfwijzingsgrond
    default_value = SlimSamenwerkingsverbandAfwijzingsgrond.geen
    entity = Samenwerkingsverband
    definition_period = DAY
    label = "Reden waarom een SLIM-aanvraag van dit samenwerkingsverband wordt afgewezen (eerste die geldt)"
    reference = [
        cite("BWBR0043015", opschrift="Geldend van 01-01-2020; [Regeling vervalt per 01-01-2025.]"), cite("web-wiedijk-verlenging-slim"),
        cite("stcrt-2019-70088", artikel="1"),
        cite("stcrt-2025-7276", artikel="I", onderdeel="C"),
        cite("BWBR0043015", artikel="5", onderdeel="b"),
        cite("BWBR0043015", artikel="6"),
        cite("stcrt-2021-22240", artikel="I", onderdeel="B"),
        cite("stcrt-2022-13075", artikel="I", onderdeel="A"),
    ]

    def formula(samenwerkingsverband, period, parameters):
        """Looptijd; ten minste twee partners (definitie in art. 1, aantal secundair); tijdvak voor
        samenwerkingsverbanden; minimum kosten (EUR 210.000 sinds Stcrt. 2021, 22240 onderdeel B, in het model vanaf
        1-5-2021); dan 'onbekend' als het tijdvak of het plafond niet bekend is (null); dan het subsidieplafond van
        het aanvraagtijdvak (artikel 6 van de oorspronkelijke regeling). Een onbekend tijdvak of plafond geeft nooit
        een toekenning. Niet gemodelleerd: een maximum per partner (EUR 200.000, alleen secundair gezien en niet
        eenduidig), loting bij overtekening (vanaf juni 2022 volgorde van binnenkomst, rijksoverheid.nl)."""
        grond = SlimSamenwerkingsverbandAfwijzingsgrond
        p = parameters(period).slim
        n = samenwerkingsverband.count
        if not p.regeling_in_werking:
            return np.full(n, grond.regeling_niet_in_werking)

        art1_partners = samenwerkingsverband("samenwerkingsverband_aantal_partners", period) >= p.minimum_aantal_partners
        tijdvak = tijdvak_open(parameters, period, "samenwerkingsverband_en_grootbedrijf_open")
        kosten = samenwerkingsverband("slim_samenwerkingsverband_subsidiabele_kosten", period)
        onder_minimum = kosten < p.minimum_subsidiabele_kosten.samenwerkingsverband

        plafond = subsidieplafond(parameters, period, "samenwerkingsverband")
        onbekend = np.isnan(tijdvak) or np.isnan(plafond)
        bedrag = np.minimum(
            kosten * samenwerkingsverband("slim_samenwerkingsverband_subsidiepercentage", period),
            p.maximum_subsidie.samenwerkingsverband,
        )
        reeds = samenwerkingsverband("slim_samenwerkingsverband_reeds_verleend_in_aanvraagtijdvak", period)
        plafond_overschreden = reeds + bedrag > plafond

        return first_reason(
            default=grond.geen,
            pairs=[
                (grond.te_weinig_partners, np.logical_not(art1_partners)),
                (grond.buiten_aanvraagtijdvak, np.full(n, tijdvak == 0)),
                (grond.onder_minimum_kosten, onder_minimum),
                (grond.onbekend, np.full(n, onbekend)),
                (grond.budget_bereikt, plafond_overschreden),
            ],
        )


class slim_samenwerkingsverband_recht(Variable):
    value_type = bool
    entity = Samenwerkingsverband
    definition_period = DAY
    label = "Een SLIM-aanvraag van dit samenwerkingsverband op deze aanvraagdatum wordt toegewezen"
    reference = [cite("stcrt-2021-22240", artikel="I", onderdeel="C")]

    def formula(samenwerkingsverband, period, parameters):
        """Recht als geen enkele afwijzingsgrond geldt."""
        grond = samenwerkingsverband("slim_samenwerkingsverband_afwijzingsgrond", period)
        return grond == grond.possible_values.geen


class slim_samenwerkingsverband_subsidie_zonder_maximum(Variable):
    value_type = float
    entity = Samenwerkingsverband
    definition_period = DAY
    label = "Subsidiabele kosten van het samenwerkingsverband maal 60%, vóór toetsing aan het maximum"
    reference = [cite("stcrt-2019-70088", onderwerp="hoogte van de subsidie")]
    unit = "currency-EUR"

    def formula(samenwerkingsverband, period, parameters):
        """Kosten x percentage."""
        return samenwerkingsverband("slim_samenwerkingsverband_subsidiabele_kosten", period) * samenwerkingsverband(
            "slim_samenwerkingsverband_subsidiepercentage", period
        )


class slim_samenwerkingsverband_afgetopt(Variable):
    value_type = bool
    entity = Samenwerkingsverband
    definition_period = DAY
    label = "De toegewezen subsidie van het samenwerkingsverband is afgetopt op EUR 500.000 (geen afwijzing)"
    reference = [cite("stcrt-2019-70088", onderwerp="maximale subsidie samenwerkingsverband")]

    def formula_2020_01_01(samenwerkingsverband, period, parameters):
        """Vanaf de inwerkingtreding van de SLIM-regeling (1-1-2020). Waar als de aanvraag wordt toegewezen en kosten x 60% boven het maximum uitkomt."""
        maximum = parameters(period).slim.maximum_subsidie.samenwerkingsverband
        return samenwerkingsverband("slim_samenwerkingsverband_recht", period) * (
            samenwerkingsverband("slim_samenwerkingsverband_subsidie_zonder_maximum", period) > maximum
        )


class slim_samenwerkingsverband_subsidie(Variable):
    value_type = float
    entity = Samenwerkingsverband
    definition_period = DAY
    label = "SLIM-subsidie voor de aanvraag van dit samenwerkingsverband op deze aanvraagdatum"
    reference = [
        cite("stcrt-2019-70088", onderwerp="hoogte van de subsidie"),
        cite("stcrt-2019-70088", onderwerp="maximale subsidie samenwerkingsverband"),
    ]
    unit = "currency-EUR"

    def formula_2020_01_01(samenwerkingsverband, period, parameters):
        """Vanaf de inwerkingtreding van de SLIM-regeling (1-1-2020). 60% van de kosten, ten hoogste EUR 500.000 per
        aanvraag; 0 bij een afwijzing; NaN (JSON null) als de afwijzingsgrond 'onbekend' is."""
        maximum = parameters(period).slim.maximum_subsidie.samenwerkingsverband
        bedrag = np.minimum(samenwerkingsverband("slim_samenwerkingsverband_subsidie_zonder_maximum", period), maximum)
        grond = samenwerkingsverband("slim_samenwerkingsverband_afwijzingsgrond", period)
        onbekend = grond == grond.possible_values.onbekend
        return np.where(
            samenwerkingsverband("slim_samenwerkingsverband_recht", period), bedrag, np.where(onbekend, np.nan, 0)
        )


class slim_samenwerkingsverband_eigen_bijdrage(Variable):
    value_type = float
    entity = Samenwerkingsverband
    definition_period = DAY
    label = "Deel van de subsidiabele kosten dat het samenwerkingsverband zelf draagt (cofinanciering)"
    reference = [cite("stcrt-2019-70088", onderwerp="hoogte van de subsidie")]
    unit = "currency-EUR"

    def formula(samenwerkingsverband, period, parameters):
        """Subsidiabele kosten min subsidie (alle kosten bij een afwijzing)."""
        return samenwerkingsverband("slim_samenwerkingsverband_subsidiabele_kosten", period) - samenwerkingsverband(
            "slim_samenwerkingsverband_subsidie", period
        )

import numpy as np
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import DAY
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.entities import Onderneming
from openfisca_llo.optional_parameters import value_or_none
from openfisca_llo.reasons import grondslag


class SlimAfwijzingsgrond(Enum):
    geen = "Geen: de aanvraag voldoet"
    regeling_niet_in_werking = "De SLIM-regeling gold niet op deze datum (in werking 1-1-2020, verlengd tot 1-1-2030)"
    geen_subsidiabele_aanvrager = "Grote onderneming buiten de landbouw, horeca en recreatie: geen aanvrager onder de SLIM-regeling"
    grootbedrijf_hoofdstuk_vervallen = "Het hoofdstuk voor grootbedrijven is met de verlenging vervallen (in het model per 1-1-2025)"
    buiten_aanvraagtijdvak = "De aanvraagdatum valt buiten een aanvraagtijdvak voor deze categorie aanvrager"
    onder_minimum_kosten = "De subsidiabele kosten zijn lager dan het minimum"
    budget_bereikt = "Het jaarbudget van deze categorie aanvrager zou worden overschreden"


def tijdvak_open(parameters, period, name):
    """True/False uit slim.aanvraagtijdvak, of True waar de data van het tijdvak niet bekend zijn (null)."""
    open_ = value_or_none(parameters(period).slim.aanvraagtijdvak, name)
    return True if open_ is None else bool(open_)


def budget(parameters, period, name):
    """Jaarbudget van een categorie, of +oneindig waar het model geen bedrag heeft (null)."""
    bedrag = value_or_none(parameters(period).slim.budget_per_jaar, name)
    return np.inf if bedrag is None else float(bedrag)


class slim_afwijzingsgrond(Variable):
    value_type = Enum
    possible_values = SlimAfwijzingsgrond
    default_value = SlimAfwijzingsgrond.geen
    entity = Onderneming
    definition_period = DAY
    label = "Reden waarom een SLIM-aanvraag van deze onderneming op deze aanvraagdatum wordt afgewezen (eerste die geldt)"
    reference = [
        cite("BWBR0043015", opschrift="Geldend van 01-01-2020; [Regeling vervalt per 01-01-2025.]"), cite("web-wiedijk-verlenging-slim"),
        cite("stcrt-2019-70088", hoofdstuk="4", onderwerp="grootbedrijven in landbouw, horeca en recreatie"),
        cite("stcrt-2024-41822", artikel="I", onderdeel="A"),
        cite("BWBR0043015", onderwerp="aanvraagtijdvakken en subsidieplafonds"),
        cite("stcrt-2019-70088", onderwerp="minimum subsidiabele kosten"),
        cite("stcrt-2021-22240", artikel="I", onderdeel="C"),
        cite("kst-30012-142", paragraaf="SLIM"),
    ]

    def formula(onderneming, period, parameters):
        """Afwijzingsgronden in deze volgorde: looptijd, soort aanvrager, tijdvak, minimum kosten, budget.

        Sinds Stcrt. 2021, 22240 onderdeel C zijn de weigeringsgronden dwingend ('wordt geweigerd').
        Tijdvak per categorie (mkb; samenwerkingsverband en grootbedrijf); waar de data onbekend zijn (null)
        wordt het tijdvak niet getoetst. Minimum EUR 5.000 subsidiabele kosten. Budget: al verleend in het
        kalenderjaar plus deze subsidie mag het jaarbudget van de categorie (kst-30012-142) niet overschrijden;
        vanaf 2023 heeft het model geen budget en toetst het niet.
        Niet gemodelleerd: loting bij overtekening, de-minimisverklaring, eenmaal per tijdvak aanvragen,
        weigering zolang een eerdere subsidie niet is vastgesteld (wijziging 2023).
        """
        grond = SlimAfwijzingsgrond
        p = parameters(period).slim
        n = onderneming.count
        if not p.regeling_in_werking:
            return np.full(n, grond.regeling_niet_in_werking)

        categorie = onderneming("slim_aanvrager_categorie", period)
        is_mkb = categorie == categorie.possible_values.mkb
        is_grootbedrijf = categorie == categorie.possible_values.grootbedrijf_in_sector
        hoofdstuk_grootbedrijf_vervallen = is_grootbedrijf * np.logical_not(p.grootbedrijf_hoofdstuk_geldt)

        tijdvak = np.where(
            is_mkb,
            tijdvak_open(parameters, period, "mkb_open"),
            tijdvak_open(parameters, period, "samenwerkingsverband_en_grootbedrijf_open"),
        )
        kosten = onderneming("slim_subsidiabele_kosten", period)
        onder_minimum = kosten < p.minimum_subsidiabele_kosten.mkb_en_grootbedrijf

        bedrag = np.minimum(
            kosten * onderneming("slim_subsidiepercentage", period),
            onderneming("slim_maximum_subsidie", period),
        )
        jaarbudget = np.where(
            is_mkb,
            budget(parameters, period, "individuele_mkb"),
            budget(parameters, period, "grootbedrijven"),
        )
        budget_overschreden = onderneming("slim_reeds_verleend_in_kalenderjaar", period) + bedrag > jaarbudget

        return np.select(
            [
                np.logical_not(is_mkb + is_grootbedrijf),
                hoofdstuk_grootbedrijf_vervallen,
                np.logical_not(tijdvak),
                onder_minimum,
                budget_overschreden,
            ],
            [
                grond.geen_subsidiabele_aanvrager,
                grond.grootbedrijf_hoofdstuk_vervallen,
                grond.buiten_aanvraagtijdvak,
                grond.onder_minimum_kosten,
                grond.budget_bereikt,
            ],
            default=grond.geen,
        )


_g = SlimAfwijzingsgrond
grondslag(
    SlimAfwijzingsgrond,
    {
        _g.regeling_niet_in_werking: [cite("BWBR0043015", opschrift="Geldend van 01-01-2020; [Regeling vervalt per 01-01-2025.]"), cite("web-wiedijk-verlenging-slim")],
        _g.geen_subsidiabele_aanvrager: [cite("stcrt-2019-70088", hoofdstuk="4", onderwerp="grootbedrijven in landbouw, horeca en recreatie")],
        _g.grootbedrijf_hoofdstuk_vervallen: [cite("stcrt-2024-41822", artikel="I", onderdeel="A")],
        _g.buiten_aanvraagtijdvak: [cite("BWBR0043015", onderwerp="aanvraagtijdvakken en subsidieplafonds")],
        _g.onder_minimum_kosten: [cite("stcrt-2019-70088", onderwerp="minimum subsidiabele kosten")],
        _g.budget_bereikt: [cite("BWBR0043015", onderwerp="aanvraagtijdvakken en subsidieplafonds"), cite("kst-30012-142", paragraaf="SLIM")],
    },
)

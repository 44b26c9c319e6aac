import numpy as np
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import DAY
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.entities import Onderneming
from openfisca_llo.optional_parameters import value_or_none
from openfisca_llo.reasons import first_reason, grondslag


class SlimAfwijzingsgrond(Enum):
    geen = "Geen: de aanvraag voldoet"
    regeling_niet_in_werking = "De SLIM-regeling gold niet op deze datum (in werking 1-1-2020, verlengd tot 1-1-2030)"
    geen_subsidiabele_aanvrager = "Grote onderneming buiten de landbouw, horeca en recreatie: geen aanvrager onder de SLIM-regeling"
    grootbedrijf_hoofdstuk_vervallen = "Het hoofdstuk voor grootbedrijven is met de verlenging vervallen (in het model per 1-1-2025)"
    buiten_aanvraagtijdvak = "De aanvraagdatum valt buiten een aanvraagtijdvak voor deze categorie aanvrager"
    onder_minimum_kosten = "De subsidiabele kosten zijn lager dan het minimum"
    budget_bereikt = "Het subsidieplafond van dit aanvraagtijdvak voor deze categorie aanvrager zou worden overschreden"
    onbekend = (
        "Niet te bepalen: het aanvraagtijdvak of het subsidieplafond voor deze categorie aanvrager is op deze datum "
        "niet bekend (slim.aanvraagtijdvak, slim.subsidieplafond)"
    )


_g = SlimAfwijzingsgrond
grondslag(
    SlimAfwijzingsgrond,
    {
        _g.regeling_niet_in_werking: [cite("BWBR0043015", opschrift="Geldend van 01-01-2020; [Regeling vervalt per 01-01-2025.]"), cite("web-wiedijk-verlenging-slim")],
        _g.geen_subsidiabele_aanvrager: [cite("stcrt-2019-70088", hoofdstuk="4", onderwerp="grootbedrijven in landbouw, horeca en recreatie")],
        _g.grootbedrijf_hoofdstuk_vervallen: [cite("stcrt-2024-41822", artikel="I", onderdeel="A")],
        _g.buiten_aanvraagtijdvak: [cite("BWBR0043015", artikel="5")],
        _g.onder_minimum_kosten: [cite("BWBR0043015", artikel="4", lid="2"), cite("stcrt-2021-22240", artikel="I", onderdeel="B")],
        _g.budget_bereikt: [cite("BWBR0043015", artikel="6"), cite("stcrt-2022-13075", artikel="I", onderdeel="B")],
        _g.onbekend: [cite("BWBR0043015", artikel="5"), cite("BWBR0043015", artikel="6")],
    },
)


def tijdvak_open(parameters, period, name) -> float:
    """1.0 (open) of 0.0 (dicht) uit slim.aanvraagtijdvak, of NaN waar de data van het tijdvak niet bekend zijn (null).

    Een onbekend tijdvak is nooit open: het model geeft dan 'onbekend'."""
    open_ = value_or_none(parameters(period).slim.aanvraagtijdvak, name)
    return np.nan if open_ is None else float(bool(open_))


def subsidieplafond(parameters, period, name) -> float:
    """Subsidieplafond van het lopende aanvraagtijdvak (slim.subsidieplafond), of NaN waar het niet bekend is (null).

    Een onbekend plafond is nooit onbeperkt: het model geeft dan 'onbekend'."""
    bedrag = value_or_none(parameters(period).slim.subsidieplafond, name)
    return np.nan if bedrag is None else float(bedrag)


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
        cite("BWBR0043015", artikel="5"),
        cite("BWBR0043015", artikel="6"),
        cite("BWBR0043015", artikel="4", lid="2"),
        cite("stcrt-2021-22240", artikel="I", onderdeel="B"),
        cite("stcrt-2021-22240", artikel="I", onderdeel="C"),
        cite("stcrt-2022-13075", artikel="I", onderdeel="B"),
    ]

    def formula(onderneming, period, parameters):
        """Afwijzingsgronden in deze volgorde: looptijd, soort aanvrager, tijdvak, minimum kosten, dan 'onbekend'
        (tijdvak of plafond niet bekend), dan het subsidieplafond van het tijdvak.

        Sinds Stcrt. 2021, 22240 onderdeel C zijn de weigeringsgronden dwingend ('wordt geweigerd').
        Tijdvak per categorie (mkb; samenwerkingsverband en grootbedrijf); minimum EUR 5.000 subsidiabele kosten
        (artikel 4, tweede lid, sinds 10-3-2025 artikel 2.4; het bedrag alleen secundair gezien).
        Plafond per aanvraagtijdvak (artikel 6 van de oorspronkelijke regeling): al verleend in het tijdvak plus
        deze subsidie mag het plafond van de categorie niet overschrijden. Een onbekend tijdvak of plafond (null)
        geeft 'onbekend', nooit een toekenning; een weigering op bekende gronden gaat voor.
        Niet gemodelleerd: loting bij overtekening (het model toetst de aanvraag in de volgorde die de invoer
        slim_reeds_verleend_in_aanvraagtijdvak aangeeft; bron alleen secundair: tophrdesk.nl, pnoconsultants.com).
        Niet gemodelleerd: eenmaal per aanvraagtijdvak aanvragen (alleen secundair gezien, tophrdesk.nl; het artikel
        is niet gelezen). Niet gemodelleerd: de de-minimistoets (de verklaring is een bijlage bij de aanvraag,
        artikel 1 'de-minimisverklaring'; het plafond van Verordening (EU) 1407/2013 en 2023/2831 hangt af van steun
        die het model niet kent). Niet gemodelleerd: de weigering zolang een eerdere subsidie voor activiteit a of c
        niet is vastgesteld (wijziging per 1 september 2023, alleen secundair gezien: uitvoeringvanbeleidszw.nl).
        Niet gemodelleerd: praktijkleerplaatsen (activiteit d tot de verlenging: EUR 2.700 per plaats, ten hoogste
        40 weken, vrijgesteld van het minimum van EUR 5.000; alleen secundair gezien, nlsi.nl en
        uitvoeringvanbeleidszw.nl; het artikel over de hoogte is niet gelezen).
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
        plafond = np.where(
            is_mkb,
            subsidieplafond(parameters, period, "mkb"),
            subsidieplafond(parameters, period, "grootbedrijf"),
        )
        onbekend = np.isnan(tijdvak) + np.isnan(plafond)
        plafond_overschreden = onderneming("slim_reeds_verleend_in_aanvraagtijdvak", period) + bedrag > plafond

        return first_reason(
            default=grond.geen,
            pairs=[
                (grond.geen_subsidiabele_aanvrager, np.logical_not(is_mkb + is_grootbedrijf)),
                (grond.grootbedrijf_hoofdstuk_vervallen, hoofdstuk_grootbedrijf_vervallen),
                (grond.buiten_aanvraagtijdvak, tijdvak == 0),
                (grond.onder_minimum_kosten, onder_minimum),
                (grond.onbekend, onbekend),
                (grond.budget_bereikt, plafond_overschreden),
            ],
        )

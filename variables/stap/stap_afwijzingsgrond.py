import numpy as np
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import DAY
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.context import invoer_grondslag
from openfisca_llo.entities import Persoon
from openfisca_llo.optional_parameters import ONBEKEND, known_value
from openfisca_llo.reasons import first_reason, grondslag


class StapAfwijzingsgrond(Enum):
    geen = "Geen: de aanvraag voldoet"
    regeling_niet_in_werking = "De Subsidieregeling STAP-budget gold niet op deze datum (in werking 1-1-2022, vervalt 1-1-2027)"
    regeling_beeindigd = "Sinds 1 januari 2024 is er geen budget en geen aanvraagtijdvak meer"
    buiten_aanvraagtijdvak = "De aanvraagdatum valt buiten een aanvraagtijdvak"
    te_jong = "Jonger dan 18 jaar op de aanvraagdatum"
    aow_leeftijd_bereikt = "De AOW-leeftijd is op de aanvraagdatum bereikt"
    geen_band_met_arbeidsmarkt = "Minder dan 6 maanden verzekerd voor de volksverzekeringen in de referteperiode"
    studiefinanciering = "Ontvangt studiefinanciering, een lerarenbeurs of een tegemoetkoming schoolkosten"
    eerder_toegekend_dit_kalenderjaar = "Al een STAP-budget verleend in dit kalenderjaar"
    scholing_niet_subsidiabel = "De scholing staat niet in het scholingsregister of is (vanaf 18 september 2023) niet door OCW erkend"
    geen_scholingskosten = "Geen subsidiabele scholingskosten"
    kosten_volledig_door_derde = "De scholingskosten worden volledig door een derde (werkgever, O&O-fonds) betaald"
    onbekend = "Niet te bepalen: een benodigd gegeven (het subsidieplafond van het tijdvak of de AOW-leeftijd) is niet bekend"
    subsidieplafond_bereikt = "Het subsidieplafond van het aanvraagtijdvak zou worden overschreden"


_g = StapAfwijzingsgrond
grondslag(
    StapAfwijzingsgrond,
    {
        _g.regeling_niet_in_werking: [cite("BWBR0045419", opschrift="[Regeling vervalt per 01-01-2027.]"), cite("web-sdpwerkt-intrekking-evc-overbrugging")],
        _g.regeling_beeindigd: [cite("kst-30012-158", paragraaf="2")],
        _g.buiten_aanvraagtijdvak: [cite("BWBR0045419", artikel="9")],
        _g.te_jong: [cite("BWBR0045419", artikel="5", lid="2")],
        _g.aow_leeftijd_bereikt: [cite("BWBR0045419", artikel="5", lid="2"), cite("BWBR0002221", artikel="7a", lid="1")],
        _g.geen_band_met_arbeidsmarkt: [cite("BWBR0045419", artikel="5", lid="2")],
        _g.studiefinanciering: [cite("BWBR0045419", onderwerp="uitsluiting bij studiefinanciering, lerarenbeurs of tegemoetkoming")],
        _g.eerder_toegekend_dit_kalenderjaar: [cite("web-uwv-stap-informatie")],
        _g.scholing_niet_subsidiabel: [cite("BWBR0045419", artikel="5", lid="1"), cite("stcrt-2023-20707", artikel="I", onderdeel="A")],
        _g.geen_scholingskosten: [cite("BWBR0045419", artikel="1")],
        _g.kosten_volledig_door_derde: [cite("BWBR0045419", artikel="1"), cite("web-schoevers-stap-voorwaarden")],
        _g.onbekend: [cite("BWBR0045419", onderwerp="subsidieplafond per aanvraagtijdvak"), cite("BWBR0002221", artikel="7a", lid="2")],
        _g.subsidieplafond_bereikt: [
            cite("BWBR0045419", onderwerp="subsidieplafond per aanvraagtijdvak"),
            cite("BWBR0045419", artikel="10"),
        ],
    },
)


def subsidieplafond(parameters, period):
    """Plafond van het lopende tijdvak, of None waar geen geverifieerd bedrag bekend is (dan: onbekend)."""
    plafond = known_value(parameters, period, "stap.subsidieplafond_per_tijdvak")
    return None if plafond is None else float(plafond)


class stap_afwijzingsgrond(Variable):
    value_type = Enum
    possible_values = StapAfwijzingsgrond
    default_value = StapAfwijzingsgrond.geen
    entity = Persoon
    definition_period = DAY
    label = "Reden waarom een aanvraag STAP-budget op deze aanvraagdatum wordt afgewezen (eerste die geldt)"
    reference = [
        cite("BWBR0045419", artikel="12", lid="1"),
        cite("BWBR0045419", artikel="5"),
        cite("BWBR0045419", artikel="9"),
        cite("BWBR0045419", artikel="10"),
        cite("kst-30012-158", paragraaf="2"),
    ]
    documentation = (
        "Niet gemodelleerd: (1) de start van de scholing ten vroegste vier weken na de aanvraag en uiterlijk drie "
        "maanden na het einde van het aanvraagtijdvak (alleen op secundaire bronnen gezien: stap-budget.nl, fontys.nl, "
        "executivefinance.nl naar UWV; het artikel is niet gelezen en de startdatum is geen invoer); (2) de eis dat "
        "de scholing 'marktconform geprijsd en arbeidsmarktgericht' is (art. 5 lid 1, 5 en 6, ingevoegd bij Stcrt. "
        "2022, 28947 en vervallen per 18 september 2023 bij Stcrt. 2023, 20707): een oordeel over de opleiding dat "
        "geen invoer is, en zonder invoer zou 'onbekend' als 'ja' tellen; (3) het verbod op geschenken, voordelen en "
        "reis- of verblijfskosten (art. 4 lid 3, Stcrt. 2022, 28947): idem; (4) ten hoogste 300 toekenningen per "
        "opleiding vanaf 28 februari 2023 (alleen een nieuwsbericht gezien, nhnieuws.nl februari 2023; het artikel "
        "niet gevonden); (5) de vaststelling na afloop: afgerond bij diploma of certificaat, of ten minste 80% "
        "aanwezigheid (art. 14, alleen secundair geciteerd); het model berekent de verlening, niet de vaststelling."
    )

    def formula(persoon, period, parameters):
        """Afwijzingsgronden in deze volgorde: looptijd, tijdvak, persoon, scholing, plafond.

        Looptijd en tijdvak hangen alleen van de datum af (parameters stap.regeling_in_werking,
        stap.budget_beschikbaar en stap.aanvraagtijdvak.open). Daarna art. 5 lid 2 (18 jaar, AOW-leeftijd, 6 maanden verzekerd),
        de uitsluiting bij studiefinanciering, eenmaal per kalenderjaar, art. 5 lid 1 (scholingsregister)
        en vanaf 18 september 2023 alleen OCW-erkende scholing (Stcrt. 2023, 20707), kosten die een derde
        volledig betaalt (art. 1, bijdrage van een derde), en tot slot het subsidieplafond van het tijdvak (art. 9
        en 10: volgorde van ontvangst). Is dat plafond niet bekend, of de AOW-leeftijd van het jaar niet
        vastgesteld voor iemand die er mogelijk boven zit, dan is de uitkomst 'onbekend' (nooit 'onbeperkt'),
        tenzij een eerdere grond al afwijst.
        """
        grond = StapAfwijzingsgrond
        p = parameters(period).stap
        n = persoon.count
        if not p.regeling_in_werking:
            return np.full(n, grond.regeling_niet_in_werking)
        if not p.budget_beschikbaar:
            return np.full(n, grond.regeling_beeindigd)
        if not p.aanvraagtijdvak.open:
            return np.full(n, grond.buiten_aanvraagtijdvak)

        art5_lid2_leeftijd = persoon("leeftijd", period) >= p.minimumleeftijd
        aow = persoon("aow_leeftijd_status", period)
        art5_lid2_aow = aow == aow.possible_values.bereikt
        art5_lid2_verzekerd = persoon("stap_maanden_verzekerd_referteperiode", period) >= p.minimum_maanden_verzekerd
        uitsluiting = (
            persoon("ontvangt_studiefinanciering", period)
            + persoon("ontvangt_lerarenbeurs", period)
            + persoon("ontvangt_tegemoetkoming_schoolkosten", period)
        )
        eerder = persoon("stap_eerder_toegekend_in_kalenderjaar", period)
        art5_lid1_register = persoon("stap_scholing_in_scholingsregister", period)
        ocw_erkend = persoon("stap_scholing_ocw_erkend", period) + np.logical_not(p.alleen_ocw_erkende_scholing)
        kosten = persoon("stap_scholingskosten", period)
        subsidiabel = persoon("stap_subsidiabele_kosten", period)

        plafond = subsidieplafond(parameters, period)
        onbekend = np.full(n, plafond is None) + (aow == aow.possible_values[ONBEKEND])
        if plafond is None:
            plafond_overschreden = np.zeros(n, dtype=bool)
        else:
            bedrag = np.minimum(subsidiabel, p.maximum_per_kalenderjaar)
            plafond_overschreden = persoon("stap_reeds_verleend_in_tijdvak", period) + bedrag > plafond

        return first_reason(
            default=grond.geen,
            pairs=[
                (grond.te_jong, np.logical_not(art5_lid2_leeftijd)),
                (grond.aow_leeftijd_bereikt, art5_lid2_aow),
                (grond.geen_band_met_arbeidsmarkt, np.logical_not(art5_lid2_verzekerd)),
                (grond.studiefinanciering, uitsluiting),
                (grond.eerder_toegekend_dit_kalenderjaar, eerder),
                (grond.scholing_niet_subsidiabel, np.logical_not(art5_lid1_register * ocw_erkend)),
                (grond.geen_scholingskosten, kosten <= 0),
                (grond.kosten_volledig_door_derde, subsidiabel <= 0),
                (grond.onbekend, onbekend),
                (grond.subsidieplafond_bereikt, plafond_overschreden),
            ],
        )


# Shared inputs as the STAP-budget uses them (explanations cite these, not the inputs' general rule).
invoer_grondslag(
    ("stap_afwijzingsgrond",),
    {
        "leeftijd": [cite("BWBR0045419", artikel="5", lid="2")],
        "geboortedatum": [cite("BWBR0045419", artikel="5", lid="2")],
        "aow_leeftijd_status": [cite("BWBR0045419", artikel="5", lid="2"), cite("BWBR0002221", artikel="7a", lid="1")],
    },
)

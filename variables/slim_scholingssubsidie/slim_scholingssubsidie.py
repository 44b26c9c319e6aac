"""SLIM scholingssubsidie: scholing in erkende sectorale Ontwikkelpaden (Stcrt. 2025, 7276), vanaf 10 maart 2025."""

import numpy as np
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import DAY
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.dates import from_yyyymmdd, period_date
from openfisca_llo.entities import Onderneming, Persoon
from openfisca_llo.optional_parameters import optional_child, per_enum_item, value_or_none
from openfisca_llo.reasons import first_reason, grondslag


class ScholingssubsidieAfwijzingsgrond(Enum):
    geen = "Geen: de aanvraag voldoet"
    regeling_niet_in_werking = "De SLIM scholingssubsidie kon op deze datum niet worden aangevraagd (vanaf 10 maart 2025)"
    buiten_aanvraagtijdvak = "De aanvraagdatum valt buiten een aanvraagtijdvak van de scholingssubsidie"
    aanvrager_niet_toegelaten = "Deze soort aanvrager is op deze datum niet toegelaten (collectieven: openstelling niet in een officiële tekst gevonden)"
    sector_niet_maatschappelijk_cruciaal = "Het Ontwikkelpad hoort niet bij een maatschappelijk cruciale sector"
    ontwikkelpad_niet_erkend = "De scholing hoort niet bij een erkend Ontwikkelpad"
    niet_nlqf_ingeschaald = "De scholing is niet NLQF-ingeschaald (en valt niet, of na 30 april 2026 niet meer, onder de aanloopfase met beoordeelbaar dossier)"
    nlqf_niveau_niet_subsidiabel = "NLQF-niveau boven het hoogste subsidiabele niveau (8)"
    ingekocht_of_gestart_te_vroeg = "De scholing is vóór 28 februari 2025 ingekocht of gestart"
    start_niet_binnen_13_weken = "De scholing start niet binnen 13 weken na de aanvraag"
    kosten_doorberekend_aan_deelnemer = "Er worden kosten in rekening gebracht bij een deelnemer"
    geen_scholingskosten = "Geen subsidiabele scholingskosten"
    budget_bereikt = "Het budget van de scholingssubsidie tot en met 2027 zou worden overschreden"
    onbekend = (
        "Niet te bepalen: het aanvraagtijdvak, de toelating van deze soort aanvrager of het budget is op deze datum "
        "niet bekend (slim_scholingssubsidie.aanvraagtijdvak_open, .aanvrager_toegelaten, .budget_tot_en_met_2027)"
    )


_g = ScholingssubsidieAfwijzingsgrond
grondslag(
    ScholingssubsidieAfwijzingsgrond,
    {
        _g.regeling_niet_in_werking: [cite("web-rijksoverheid-slim-scholingssubsidie-start"), cite("stcrt-2025-7276", onderwerp="aanvraagtijdvakken scholingssubsidie")],
        _g.buiten_aanvraagtijdvak: [cite("stcrt-2025-7276", onderwerp="aanvraagtijdvakken scholingssubsidie")],
        _g.aanvrager_niet_toegelaten: [cite("stcrt-2025-7276", onderwerp="aanvragers scholingssubsidie")],
        _g.sector_niet_maatschappelijk_cruciaal: [cite("kst-30012-158", paragraaf="1")],
        _g.ontwikkelpad_niet_erkend: [cite("kst-30012-158", paragraaf="1")],
        _g.niet_nlqf_ingeschaald: [cite("kst-30012-158", paragraaf="1", onderwerp="Aanloopfase NLQF-inschaling")],
        _g.nlqf_niveau_niet_subsidiabel: [cite("stcrt-2025-7276", onderwerp="hoogte subsidie scholing in ontwikkelpaden")],
        _g.ingekocht_of_gestart_te_vroeg: [cite("stcrt-2025-7276", onderwerp="voorwaarden start van de scholing")],
        _g.start_niet_binnen_13_weken: [cite("stcrt-2025-7276", onderwerp="voorwaarden start van de scholing")],
        _g.kosten_doorberekend_aan_deelnemer: [cite("stcrt-2025-7276", onderwerp="geen kosten voor de deelnemer")],
        _g.geen_scholingskosten: [cite("stcrt-2025-7276", onderwerp="subsidiabele kosten scholing")],
        _g.budget_bereikt: [cite("web-rijksoverheid-slim-scholingssubsidie-start"), cite("kst-30012-158", paragraaf="1")],
        _g.onbekend: [cite("stcrt-2025-7276", onderwerp="aanvraagtijdvakken scholingssubsidie"), cite("kst-30012-158", paragraaf="1")],
    },
)


def per_soort_of_nan(node, enum_array) -> np.ndarray:
    """Per Enum item 1.0 / 0.0 uit een node met een boolean kind per item, NaN waar dat kind leeg (null) is.

    Een leeg kind wordt alleen als ontbrekend gegeven vastgelegd (voor de uitleg) als een aanvrager van die soort
    voorkomt."""
    items = list(enum_array.possible_values)
    waarden = [optional_child(node, item.name) for item in items]
    table = np.array([np.nan if w is None else float(bool(w)) for w in waarden])
    aanwezig = np.unique(np.asarray(enum_array))
    for index in aanwezig:
        if waarden[index] is None:
            value_or_none(node, items[index].name)  # legt het ontbrekende gegeven vast in de uitleg
    return table[np.asarray(enum_array)]


class slim_scholingssubsidie_kosten(Variable):
    value_type = float
    entity = Onderneming
    definition_period = DAY
    label = "Subsidiabele scholingskosten van de aanvraag: som over de deelnemende werknemers"
    reference = [cite("stcrt-2025-7276", onderwerp="subsidiabele kosten scholing")]
    unit = "currency-EUR"

    def formula(onderneming, period, parameters):
        """Som van slim_scholing_kosten_deelnemer over de werknemers van de onderneming."""
        return onderneming.sum(onderneming.members("slim_scholing_kosten_deelnemer", period))


class slim_scholingssubsidie_nlqf_niveau(Variable):
    value_type = int
    entity = Onderneming
    definition_period = DAY
    label = "NLQF-niveau waarmee het model de scholingssubsidie toetst en berekent (0 = geen)"
    reference = [
        cite("kst-30012-158", paragraaf="1", onderwerp="Aanloopfase NLQF-inschaling"),
        cite("stcrt-2025-7276", onderwerp="hoogte subsidie scholing in ontwikkelpaden"),
    ]

    def formula_2025_03_10(onderneming, period, parameters):
        """Vanaf de openstelling van de scholingssubsidie (10-3-2025). Het ingeschaalde niveau; voor niet-ingeschaalde scholing met een door NCP NLQF bevestigd beoordeelbaar
        dossier, zolang de aanloopfase loopt (tot 1 mei 2026, kst-30012-158), het niveau van de
        inschalingsaanvraag (modelaanname); anders 0."""
        p = parameters(period).slim_scholingssubsidie
        ingeschaald = onderneming("slim_scholing_nlqf_niveau", period)
        aanloopfase = onderneming("slim_scholing_beoordeelbaar_dossier", period) * bool(
            p.non_formele_scholing_met_beoordeelbaar_dossier
        )
        aangevraagd = onderneming("slim_scholing_nlqf_niveau_inschalingsaanvraag", period)
        return np.where(ingeschaald > 0, ingeschaald, np.where(aanloopfase, aangevraagd, 0))


class slim_scholingssubsidie_percentage(Variable):
    value_type = float
    entity = Onderneming
    definition_period = DAY
    label = "SLIM scholingssubsidie als deel van de scholingskosten, naar NLQF-niveau"
    reference = [cite("stcrt-2025-7276", onderwerp="hoogte subsidie scholing in ontwikkelpaden")]
    unit = "/1"

    def formula_2025_03_10(onderneming, period, parameters):
        """Vanaf de openstelling van de scholingssubsidie (10-3-2025). NLQF 1-3: 90%; NLQF 4 tot en met 8: 40%
        ('40% vanaf niveau 4', secundair: het artikel in Stcrt. 2025, 7276 is niet gelezen); niveau 0: 0. Niet als
        recht gecodeerd: het plan uit kst-30012-158 (10% cofinanciering bij NLQF 1-2, 50% vanaf NLQF 3)."""
        p = parameters(period).slim_scholingssubsidie
        niveau = onderneming("slim_scholingssubsidie_nlqf_niveau", period)
        return np.select(
            [niveau < 1, niveau <= 3, niveau <= p.hoogste_subsidiabele_nlqf_niveau],
            [0.0, p.percentage_nlqf_1_tot_en_met_3, p.percentage_vanaf_nlqf_4],
            default=0.0,
        )


class slim_scholingssubsidie_afwijzingsgrond(Variable):
    value_type = Enum
    possible_values = ScholingssubsidieAfwijzingsgrond
    default_value = ScholingssubsidieAfwijzingsgrond.geen
    entity = Onderneming
    definition_period = DAY
    label = "Reden waarom een aanvraag SLIM scholingssubsidie op deze aanvraagdatum wordt afgewezen (eerste die geldt)"
    reference = [
        cite("web-rijksoverheid-slim-scholingssubsidie-start"),
        cite("stcrt-2025-7276", onderwerp="aanvraagtijdvakken scholingssubsidie"),
        cite("stcrt-2025-7276", onderwerp="aanvragers scholingssubsidie"),
        cite("kst-30012-158", paragraaf="1"),
        cite("kst-30012-158", paragraaf="1", onderwerp="Aanloopfase NLQF-inschaling"),
        cite("stcrt-2025-7276", onderwerp="hoogte subsidie scholing in ontwikkelpaden"),
        cite("stcrt-2025-7276", onderwerp="voorwaarden start van de scholing"),
        cite("stcrt-2025-7276", onderwerp="geen kosten voor de deelnemer"),
    ]

    def formula(onderneming, period, parameters):
        """Afwijzingsgronden in deze volgorde: looptijd, tijdvak, aanvrager, Ontwikkelpad (sector, erkenning),
        NLQF (inschaling of aanloopfase, niveau), inkoop- en startdatum, kosten voor deelnemers, kosten, dan
        'onbekend' (tijdvak, toelating van de aanvrager of budget niet bekend), dan het budget.

        De artikelen van de scholingssubsidie in Stcrt. 2025, 7276 zijn niet gelezen; de voorwaarden volgen
        rijksoverheid.nl (3 maart 2025), de Kamerbrief kst-30012-158 en secundaire bronnen (cooster.nl,
        subvice.nl). Een onbekend tijdvak (vanaf 2026), een onbekende toelating (collectieven vanaf september
        2025) of een onbekend budget (vanaf 2028) geeft 'onbekend', nooit een toekenning; een weigering op een
        bekende grond gaat voor. Start binnen 13 weken: startdatum ten hoogste aanvraagdatum + 91 dagen; een
        start vóór de aanvraag mag, als hij niet vóór 28 februari 2025 ligt.
        Niet gemodelleerd: praktijkgerichtheid (werken en leren). Niet gemodelleerd: het bedrag per opleiding dat
        met het Ontwikkelpad wordt gepubliceerd (de scholingspakketten zijn niet gelezen; het model rekent met de
        opgegeven kosten). Niet gemodelleerd: plafonds per aanvraagtijdvak (niet gevonden). Niet gemodelleerd: de
        datum 'subsidiabel vanaf' uit het scholingspakket (2026). Niet gemodelleerd: de voorwaarden voor sectorale
        of collectieve aanvragers (O&O-fondsen, werkgevers- en werknemersorganisaties met arbeidsmarktregio's of
        provincies): de bepaling is niet gelezen; het model geeft voor hen tot september 2025 een weigering en
        daarna 'onbekend'.
        """
        grond = ScholingssubsidieAfwijzingsgrond
        p = parameters(period).slim_scholingssubsidie
        n = onderneming.count
        if not p.regeling_in_werking:
            return np.full(n, grond.regeling_niet_in_werking)
        tijdvak = value_or_none(p, "aanvraagtijdvak_open")
        if tijdvak is not None and not tijdvak:
            return np.full(n, grond.buiten_aanvraagtijdvak)

        soort = onderneming("slim_scholing_aanvrager_soort", period)
        toegelaten = per_soort_of_nan(p.aanvrager_toegelaten, soort)
        sector = onderneming("slim_scholing_ontwikkelpad_sector", period)
        cruciaal = per_enum_item(p.maatschappelijk_cruciale_sector, sector)
        erkend = onderneming("slim_scholing_ontwikkelpad_erkend", period)
        niveau = onderneming("slim_scholingssubsidie_nlqf_niveau", period)

        peildatum = from_yyyymmdd(p.vroegste_aankoop_en_startdatum)
        aankoop = onderneming("slim_scholing_aankoopdatum", period)
        start = onderneming("slim_scholing_startdatum", period)
        te_vroeg = (aankoop < peildatum) + (start < peildatum)
        uiterste_start = period_date(period) + np.timedelta64(7 * int(p.start_binnen_weken_na_aanvraag), "D")
        te_laat = start > uiterste_start

        doorberekend = onderneming.any(onderneming.members("slim_scholing_kosten_doorberekend", period))
        kosten = onderneming("slim_scholingssubsidie_kosten", period)
        bedrag = kosten * onderneming("slim_scholingssubsidie_percentage", period)
        budget = value_or_none(p, "budget_tot_en_met_2027")
        onbekend = np.isnan(toegelaten) | (tijdvak is None) | (budget is None)
        budget_overschreden = (
            np.zeros(n, dtype=bool)
            if budget is None
            else onderneming("slim_scholingssubsidie_reeds_verleend", period) + bedrag > budget
        )

        return first_reason(
            default=grond.geen,
            pairs=[
                (grond.aanvrager_niet_toegelaten, toegelaten == 0),
                (grond.sector_niet_maatschappelijk_cruciaal, np.logical_not(cruciaal)),
                (grond.ontwikkelpad_niet_erkend, np.logical_not(erkend)),
                (grond.niet_nlqf_ingeschaald, niveau < 1),
                (grond.nlqf_niveau_niet_subsidiabel, niveau > p.hoogste_subsidiabele_nlqf_niveau),
                (grond.ingekocht_of_gestart_te_vroeg, te_vroeg),
                (grond.start_niet_binnen_13_weken, te_laat),
                (grond.kosten_doorberekend_aan_deelnemer, doorberekend),
                (grond.geen_scholingskosten, kosten <= 0),
                (grond.onbekend, onbekend),
                (grond.budget_bereikt, budget_overschreden),
            ],
        )


def nul_of_onbekend(onderneming, period) -> np.ndarray:
    """0 bij een afwijzing, NaN waar de afwijzingsgrond 'onbekend' is (niet te bepalen, geen 0)."""
    grond = onderneming("slim_scholingssubsidie_afwijzingsgrond", period)
    return np.where(grond == grond.possible_values.onbekend, np.nan, 0)


class slim_scholingssubsidie_recht(Variable):
    value_type = bool
    entity = Onderneming
    definition_period = DAY
    label = "Een aanvraag SLIM scholingssubsidie van deze onderneming op deze aanvraagdatum wordt toegewezen"
    reference = [cite("stcrt-2025-7276", onderwerp="subsidie voor scholing in sectorale ontwikkelpaden")]

    def formula(onderneming, period, parameters):
        """Recht als geen enkele afwijzingsgrond geldt (zie slim_scholingssubsidie_afwijzingsgrond)."""
        grond = onderneming("slim_scholingssubsidie_afwijzingsgrond", period)
        return grond == grond.possible_values.geen


class slim_scholingssubsidie(Variable):
    value_type = float
    entity = Onderneming
    definition_period = DAY
    label = "SLIM scholingssubsidie voor de aanvraag van deze onderneming op deze aanvraagdatum"
    reference = [cite("stcrt-2025-7276", onderwerp="hoogte subsidie scholing in ontwikkelpaden")]
    unit = "currency-EUR"

    def formula(onderneming, period, parameters):
        """Scholingskosten x percentage (90% bij NLQF 1-3, 40% bij NLQF 4-8); 0 bij een afwijzing; NaN (JSON null)
        als de afwijzingsgrond 'onbekend' is.
        Niet gemodelleerd: een maximum per opleiding of per persoon (het bedrag per opleiding staat in het
        Ontwikkelpad; geen maximum in een bron gevonden)."""
        bedrag = onderneming("slim_scholingssubsidie_kosten", period) * onderneming(
            "slim_scholingssubsidie_percentage", period
        )
        return np.where(onderneming("slim_scholingssubsidie_recht", period), bedrag, nul_of_onbekend(onderneming, period))


class slim_scholingssubsidie_eigen_bijdrage(Variable):
    value_type = float
    entity = Onderneming
    definition_period = DAY
    label = "Deel van de scholingskosten dat de werkgever zelf draagt (cofinanciering; de deelnemer betaalt niets)"
    reference = [
        cite("stcrt-2025-7276", onderwerp="hoogte subsidie scholing in ontwikkelpaden"),
        cite("web-rijksoverheid-slim-scholingssubsidie-consultatie"),
    ]
    unit = "currency-EUR"

    def formula(onderneming, period, parameters):
        """Scholingskosten min scholingssubsidie (alle kosten bij een afwijzing)."""
        return onderneming("slim_scholingssubsidie_kosten", period) - onderneming("slim_scholingssubsidie", period)


class slim_scholingssubsidie_deelnemer(Variable):
    value_type = float
    entity = Persoon
    definition_period = DAY
    label = "Deel van de SLIM scholingssubsidie van de werkgever dat op de scholing van deze werknemer betrekking heeft"
    reference = [cite("stcrt-2025-7276", onderwerp="hoogte subsidie scholing in ontwikkelpaden")]
    unit = "currency-EUR"

    def formula(persoon, period, parameters):
        """Eigen scholingskosten x het percentage van de aanvraag van de werkgever, als die wordt toegewezen; NaN als
        de aanvraag 'onbekend' is."""
        recht = persoon.onderneming("slim_scholingssubsidie_recht", period)
        percentage = persoon.onderneming("slim_scholingssubsidie_percentage", period)
        grond = persoon.onderneming("slim_scholingssubsidie_afwijzingsgrond", period)
        onbekend = grond == ScholingssubsidieAfwijzingsgrond.onbekend
        return np.where(recht, persoon("slim_scholing_kosten_deelnemer", period) * percentage, np.where(onbekend, np.nan, 0))

"""STAP-compartiment 'leerrechten' voor mensen met maximaal een mbo-4-diploma: aangekondigd, nooit ingevoerd.

Rijksoverheid.nl, 24 december 2022 ('Internetconsultatie wijziging subsidieregeling STAP-budget'): 500 miljoen euro
over vier jaar, 125 miljoen euro per jaar, voor om- en bijscholing van 'mensen met maximaal een MBO 4-diploma', als
'apart onderdeel van het STAP-budget' dat alleen deze groep kan gebruiken; invoering beoogd 'medio 2023'. De
Kamerbrief van 23 september 2022 (Kamerstukken II 2022/23, 30012; nummer niet geverifieerd, dus niet geciteerd)
kondigde het compartiment aan voor 2023 tot en met 2026. Er is nooit een wijzigingsregeling verschenen en STAP had
vanaf 2024 geen budget meer (kst-30012-158, paragraaf 2).

Wat de variant doet: in 2023-2026 krijgt wie tot de doelgroep hoort en alleen wordt afgewezen omdat het
subsidieplafond van het tijdvak is bereikt, toch het STAP-budget (dezelfde EUR 1.000, dezelfde voorwaarden) uit het
compartiment, zolang de verleningen uit het compartiment in dat kalenderjaar (invoer) plus deze aanvraag niet boven
EUR 125 mln komen; anders de eigen afwijzingsgrond 'subsidieplafond_en_leerrechtenbudget_bereikt'. Wie niet tot de
doelgroep hoort, houdt 'subsidieplafond_bereikt'. In 2024-2026 verandert er niets zolang STAP geen budget en geen
tijdvakken heeft; samen met ``stap_voortgezet`` heeft STAP dan geen plafond, dus ook dan geen verschil.

Modelkeuzes en wat niet is gemodelleerd (geen bron): de doelgroep 'maximaal een mbo-4-diploma' leest het model als
'geen hbo- of wo-diploma' (havo en vwo tellen mee, NLQF-niveau 4 zoals mbo-4); de volgorde waarin algemeen budget
en compartiment worden aangesproken (hier: eerst het tijdvak, dan het compartiment); een plafond of deel van het
compartiment per tijdvak; het deel van EUR 125 mln dat naar uitvoeringskosten gaat (het model toetst aan het hele
bedrag); een ander maximum of andere voorwaarden voor de doelgroep (geen bron noemt die).
"""


import numpy as np
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import DAY
from openfisca_core.reforms import Reform
from openfisca_core.variables import Variable
from openfisca_llo.reforms._parameters import attach_parameters, parameters_folder
from openfisca_llo.reforms._redenen import reform_reason_enum
from openfisca_llo.variables.stap.stap_afwijzingsgrond import StapAfwijzingsgrond
from openfisca_llo.variables.stap.stap_afwijzingsgrond import stap_afwijzingsgrond as _basis

from openfisca_llo.citations import cite
from openfisca_llo.entities import Persoon
from openfisca_llo.reasons import first_reason

PARAMETERS_DIR = parameters_folder(__file__)
BRON = cite("web-rijksoverheid-stap-leerrechten-consultatie")

AfwijzingsgrondLeerrechten = reform_reason_enum(
    StapAfwijzingsgrond,
    "StapAfwijzingsgrondLeerrechten",
    extra={
        "subsidieplafond_en_leerrechtenbudget_bereikt": (
            "Het subsidieplafond van het tijdvak is bereikt en het leerrechtencompartiment (EUR 125 mln per jaar) zou worden overschreden",
            [BRON, cite("BWBR0045419", artikel="9")],
        )
    },
)


def add_parameters(parameters):
    attach_parameters(parameters, "stap.leerrechten", PARAMETERS_DIR)
    return parameters


class stap_leerrechten_doelgroep(Variable):
    value_type = bool
    entity = Persoon
    definition_period = DAY
    label = "Hoort bij de doelgroep van het leerrechtencompartiment: maximaal een mbo-4-diploma (geen hbo of wo)"
    reference = [BRON]

    def formula(persoon, period, parameters):
        """'Mensen met maximaal een MBO 4-diploma' (rijksoverheid.nl, 24-12-2022). Modelkeuze: de hoogst afgeronde
        opleiding is geen hbo of wo; havo en vwo (NLQF 4, zoals mbo-4) tellen mee."""
        niveau = persoon("opleidingsniveau", period)
        soort = niveau.possible_values
        return np.logical_not(np.isin(niveau, [soort.hbo.index, soort.wo.index]))


class stap_leerrechten_reeds_verleend_in_jaar(Variable):
    value_type = float
    entity = Persoon
    definition_period = DAY
    label = "Bedrag dat in dit kalenderjaar al uit het leerrechtencompartiment is verleend vóór deze aanvraag"
    reference = [BRON]
    unit = "currency-EUR"
    documentation = "Invoer. Getoetst aan het budget van het compartiment (EUR 125 mln per jaar)."


class stap_afwijzingsgrond_zonder_leerrechten(Variable):
    value_type = Enum
    possible_values = StapAfwijzingsgrond
    default_value = StapAfwijzingsgrond.geen
    entity = Persoon
    definition_period = DAY
    label = "Reden waarom de aanvraag STAP-budget zonder leerrechtencompartiment zou worden afgewezen (geldend model)"
    reference = list(_basis.reference)
    formula = _basis.formula  # de formule van het geldende model, ongewijzigd


class stap_leerrechten_uit_compartiment(Variable):
    value_type = bool
    entity = Persoon
    definition_period = DAY
    label = "Het STAP-budget wordt verleend uit het leerrechtencompartiment (het plafond van het tijdvak is bereikt)"
    reference = [BRON, cite("BWBR0045419", artikel="9"), cite("BWBR0045419", artikel="10")]

    def formula(persoon, period, parameters):
        """Compartiment actief (2023-2026), doelgroep, alleen afgewezen wegens het plafond van het tijdvak, en de
        verleningen uit het compartiment dit jaar plus min(kosten, EUR 1.000) ten hoogste EUR 125 mln."""
        p = parameters(period).stap
        if not p.leerrechten.compartiment_actief:
            return np.zeros(persoon.count, dtype=bool)
        grond = persoon("stap_afwijzingsgrond_zonder_leerrechten", period)
        alleen_plafond = grond == grond.possible_values.subsidieplafond_bereikt
        bedrag = np.minimum(persoon("stap_subsidiabele_kosten", period), p.maximum_per_kalenderjaar).astype(np.float64)
        # float64: bedragen rond EUR 125 mln liggen in float32 (de opslag van OpenFisca) 8 euro uit elkaar
        reeds = persoon("stap_leerrechten_reeds_verleend_in_jaar", period).astype(np.float64)
        past = reeds + bedrag <= p.leerrechten.budget_per_jaar
        return alleen_plafond * persoon("stap_leerrechten_doelgroep", period) * past


class stap_afwijzingsgrond(Variable):
    value_type = Enum
    possible_values = AfwijzingsgrondLeerrechten
    default_value = AfwijzingsgrondLeerrechten.geen
    entity = Persoon
    definition_period = DAY
    label = _basis.label + " (variant: met leerrechtencompartiment)"
    reference = [BRON, *_basis.reference]

    def formula(persoon, period, parameters):
        """De reden van het geldende model; bij 'subsidieplafond_bereikt' in 2023-2026 voor de doelgroep: geen
        (verleend uit het compartiment) of 'subsidieplafond_en_leerrechtenbudget_bereikt'."""
        grond = AfwijzingsgrondLeerrechten
        basis = persoon("stap_afwijzingsgrond_zonder_leerrechten", period)
        leden = np.array(list(grond), dtype=object)
        uitkomst = leden[np.asarray(basis)]  # zelfde volgorde: de index van het geldende model past
        if not parameters(period).stap.leerrechten.compartiment_actief:
            return uitkomst
        plafond = basis == basis.possible_values.subsidieplafond_bereikt
        doelgroep = plafond * persoon("stap_leerrechten_doelgroep", period)
        uit_compartiment = persoon("stap_leerrechten_uit_compartiment", period)
        return first_reason(
            default=uitkomst,
            pairs=[
                (grond.geen, uit_compartiment),
                (grond.subsidieplafond_en_leerrechtenbudget_bereikt, doelgroep),
            ],
        )


class StapLeerrechtenMbo4(Reform):
    name = "STAP-compartiment leerrechten (EUR 125 mln per jaar, 2023-2026) voor maximaal mbo-4, zoals aangekondigd"

    def apply(self):
        self.modify_parameters(modifier_function=add_parameters)
        for variable in (
            stap_leerrechten_doelgroep,
            stap_leerrechten_reeds_verleend_in_jaar,
            stap_afwijzingsgrond_zonder_leerrechten,
            stap_leerrechten_uit_compartiment,
        ):
            self.update_variable(variable)  # update: idempotent when stacked
        self.update_variable(stap_afwijzingsgrond)

"""Variables of the leerrekening reform (period: calendar year)."""

import numpy as np
from openfisca_core.periods import DAY, YEAR
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.entities import Persoon
from openfisca_llo.optional_parameters import amount_or_nan

CPF = cite("web-centre-inffo-cpf-alimentation", paragraaf="22-1-1")
CPF_LAAG = cite("web-centre-inffo-cpf-alimentation", paragraaf="22-1-3")
KST_92 = cite("kst-30012-92", paragraaf="3.1 Eigen regie stimuleren")


class leerrekening_minstens_halftijds_gewerkt(Variable):
    value_type = bool
    entity = Persoon
    definition_period = YEAR
    label = "Heeft in dit jaar ten minste de helft van de voltijdse arbeidsduur gewerkt"
    reference = [CPF]
    documentation = "Invoer. Voorwaarde voor de volle jaarlijkse storting (CPF, art. R6323-1 Code du travail)."


class leerrekening_scholingskosten(Variable):
    value_type = float
    entity = Persoon
    definition_period = YEAR
    label = "Scholingskosten die de persoon dit jaar met de leerrekening wil betalen"
    reference = [KST_92]
    unit = "currency-EUR"
    documentation = "Invoer."


class leerrekening_laag_opgeleid(Variable):
    value_type = bool
    entity = Persoon
    definition_period = YEAR
    label = "Heeft geen opleiding op NLQF-niveau 3 of hoger afgerond (geen diploma, vmbo, mbo-1 of mbo-2)"
    reference = [CPF_LAAG]

    def formula(persoon, period, parameters):
        """CPF: hogere storting zonder diploma op niveau 3; in het model: hoogste opleiding onder mbo-3."""
        niveau = persoon("opleidingsniveau", period)
        soort = niveau.possible_values
        return np.isin(niveau, [soort.geen.index, soort.vmbo.index, soort.mbo_1.index, soort.mbo_2.index])


class leerrekening_storting_zonder_plafond(Variable):
    value_type = float
    entity = Persoon
    definition_period = YEAR
    label = "Jaarlijkse storting waarop de persoon recht heeft, vóór toepassing van het plafond"
    reference = [CPF, CPF_LAAG]
    unit = "currency-EUR"

    def formula(persoon, period, parameters):
        """EUR 500 (laagopgeleid EUR 800) bij ten minste halftijds werk, van 18 jaar tot de AOW-leeftijd op 1 januari.

        Niet gemodelleerd: de evenredige storting onder halftijds werk.
        """
        p = parameters(period).leerrekening
        if not p.actief:
            return np.zeros(persoon.count)
        dag = period.first_day
        leeftijd_ok = (persoon("leeftijd", dag) >= p.minimumleeftijd) * np.logical_not(persoon("aow_leeftijd_bereikt", dag))
        bedrag = np.where(persoon("leerrekening_laag_opgeleid", period), p.storting_per_jaar_laag_opgeleid, p.storting_per_jaar)
        return np.where(leeftijd_ok * persoon("leerrekening_minstens_halftijds_gewerkt", period), bedrag, 0)


def _plafond(persoon, period, parameters):
    p = parameters(period).leerrekening
    return np.where(persoon("leerrekening_laag_opgeleid", period), p.plafond_saldo_laag_opgeleid, p.plafond_saldo)


class leerrekening_saldo_begin(Variable):
    value_type = float
    entity = Persoon
    definition_period = YEAR
    label = "Saldo van de leerrekening op 1 januari"
    reference = [CPF]
    unit = "currency-EUR"

    def formula(persoon, period, parameters):
        """Het saldo opgebouwd sinds het eerste jaar van de leerrekening: per jaar de storting (aangevuld tot
        het plafond) min de besteding. Een lus over de jaren, niet over personen."""
        jaren = []
        jaar = period.last_year
        while parameters(jaar).leerrekening.actief:
            jaren.insert(0, jaar)
            jaar = jaar.last_year
        saldo = np.zeros(persoon.count)
        for jaar in jaren:
            storting = np.minimum(
                persoon("leerrekening_storting_zonder_plafond", jaar),
                np.maximum(_plafond(persoon, jaar, parameters) - saldo, 0),
            )
            besteding = np.minimum(persoon("leerrekening_scholingskosten", jaar), saldo + storting)
            saldo = saldo + storting - besteding
        return saldo


class leerrekening_storting(Variable):
    value_type = float
    entity = Persoon
    definition_period = YEAR
    label = "Storting op de leerrekening in dit jaar (tot het plafond)"
    reference = [CPF, CPF_LAAG]
    unit = "currency-EUR"

    def formula(persoon, period, parameters):
        """De storting waarop recht bestaat, ten hoogste de ruimte tot het plafond (EUR 5.000; laagopgeleid EUR 8.000)."""
        if not parameters(period).leerrekening.actief:
            return np.zeros(persoon.count)
        ruimte = np.maximum(_plafond(persoon, period, parameters) - persoon("leerrekening_saldo_begin", period), 0)
        return np.minimum(persoon("leerrekening_storting_zonder_plafond", period), ruimte)


class leerrekening_besteding(Variable):
    value_type = float
    entity = Persoon
    definition_period = YEAR
    label = "Uit de leerrekening betaalde scholingskosten in dit jaar"
    reference = [KST_92]
    unit = "currency-EUR"

    def formula(persoon, period, parameters):
        """De gevraagde scholingskosten, ten hoogste het beschikbare saldo (begin plus storting van dit jaar)."""
        beschikbaar = persoon("leerrekening_saldo_begin", period) + persoon("leerrekening_storting", period)
        return np.minimum(persoon("leerrekening_scholingskosten", period), beschikbaar)


class leerrekening_saldo(Variable):
    value_type = float
    entity = Persoon
    definition_period = YEAR
    label = "Saldo van de leerrekening op 31 december"
    reference = [CPF]
    unit = "currency-EUR"

    def formula(persoon, period, parameters):
        """Beginsaldo plus storting min besteding."""
        return (
            persoon("leerrekening_saldo_begin", period)
            + persoon("leerrekening_storting", period)
            - persoon("leerrekening_besteding", period)
        )


class stap_budget(Variable):
    value_type = float
    entity = Persoon
    definition_period = DAY
    label = "STAP-budget (subsidie) voor de aanvraag op deze aanvraagdatum"
    reference = [cite("kst-30012-142", paragraaf="STAP-budget"), KST_92]
    unit = "currency-EUR"

    def formula_2022_01_01(persoon, period, parameters):
        """Als in de wet; maar 0 zolang een leerrekening bestaat die het STAP-budget vervangt (variant)."""
        p = parameters(period)
        if p.leerrekening.actief and p.leerrekening.vervangt_stap:
            return np.zeros(persoon.count)
        kosten = persoon("stap_subsidiabele_kosten", period)
        bedrag = np.where(persoon("stap_recht", period), np.minimum(kosten, p.stap.maximum_per_kalenderjaar), 0)
        return amount_or_nan(persoon("stap_afwijzingsgrond", period), bedrag)


NEW_VARIABLES = [
    leerrekening_minstens_halftijds_gewerkt,
    leerrekening_scholingskosten,
    leerrekening_laag_opgeleid,
    leerrekening_storting_zonder_plafond,
    leerrekening_saldo_begin,
    leerrekening_storting,
    leerrekening_besteding,
    leerrekening_saldo,
]

"""Kenmerken van een onderneming; de periode is de aanvraagdatum (DAY)."""

import numpy as np
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import DAY
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.entities import Onderneming


class onderneming_werkzame_personen(Variable):
    value_type = float  # jaarwerkeenheden (AWU) kunnen een breuk zijn, bijvoorbeeld 49,5
    entity = Onderneming
    definition_period = DAY
    label = "Aantal werkzame personen van de onderneming (jaarwerkeenheden), zoals voor de mkb-definitie berekend"
    reference = [cite("32003H0361", artikel="2"), cite("stcrt-2024-41822", artikel="I", onderdeel="A")]
    unit = "count"
    documentation = (
        "Invoer. Tot de verlenging gemeten over het laatst afgesloten boekjaar, daarna volgens de artikelen 3 tot en "
        "met 6 van de bijlage bij Aanbeveling 2003/361/EG (partner- en verbonden ondernemingen meegeteld). Die "
        "berekening is niet gemodelleerd: geef het uitkomende aantal op."
    )


class onderneming_jaaromzet(Variable):
    value_type = float
    entity = Onderneming
    definition_period = DAY
    label = "Jaaromzet van de onderneming"
    reference = [cite("32003H0361", artikel="2")]
    unit = "currency-EUR"
    documentation = (
        "Invoer. Geef jaaromzet én balanstotaal op: de mkb-definitie vraagt dat één van beide binnen het maximum "
        "blijft, dus een niet opgegeven (0) balanstotaal telt als 'binnen het maximum'. Bedragen zijn float32: boven "
        "EUR 16,8 mln is de kleinste stap meer dan EUR 1 (rond EUR 43 mln EUR 4), dus een grens wordt daar op die "
        "stap nauwkeurig getoetst."
    )


class onderneming_balanstotaal(Variable):
    value_type = float
    entity = Onderneming
    definition_period = DAY
    label = "Jaarlijks balanstotaal van de onderneming"
    reference = [cite("32003H0361", artikel="2")]
    unit = "currency-EUR"
    documentation = "Invoer. Zie onderneming_jaaromzet: geef beide op."


class Sector(Enum):
    landbouw = "Landbouw"
    horeca = "Horeca"
    recreatie = "Recreatie"
    overig = "Een andere sector"


class onderneming_sector(Variable):
    value_type = Enum
    possible_values = Sector
    default_value = Sector.overig
    entity = Onderneming
    definition_period = DAY
    label = "Sector van de onderneming voor de SLIM-regeling (landbouw, horeca, recreatie of overig)"
    reference = [cite("stcrt-2019-70088", artikel="1")]
    documentation = (
        "Invoer. De sector bepaalt of een grootbedrijf onder de SLIM-regeling valt (oorspronkelijk hoofdstuk 4) en of "
        "het maximum voor landbouwbedrijven geldt."
    )


class Grootteklasse(Enum):
    klein = "Kleine onderneming (inclusief micro-onderneming)"
    middelgroot = "Middelgrote onderneming"
    groot = "Grote onderneming (geen mkb)"


class onderneming_grootteklasse(Variable):
    value_type = Enum
    possible_values = Grootteklasse
    default_value = Grootteklasse.klein
    entity = Onderneming
    definition_period = DAY
    label = "Grootteklasse van de onderneming volgens de mkb-definitie van de EU"
    reference = [
        cite("32003H0361", artikel="2", lid="1"),
        cite("32003H0361", artikel="2", lid="2"),
        cite("stcrt-2021-22240", artikel="I"),
    ]

    def formula(onderneming, period, parameters):
        """Bijlage bij Aanbeveling 2003/361/EG, artikel 2 (drempels alleen secundair gelezen).

        Lid 2: klein bij minder dan 50 werkzame personen en jaaromzet of balanstotaal ten hoogste EUR 10 mln.
        Lid 1: middelgroot als niet klein, minder dan 250 personen en jaaromzet ten hoogste EUR 50 mln of
        balanstotaal ten hoogste EUR 43 mln. Anders groot.
        Niet gemodelleerd: partner- en verbonden ondernemingen (art. 3-6 van de bijlage) en de regel dat een
        drempel pas na twee opeenvolgende boekjaren telt (art. 4 lid 2).
        """
        p = parameters(period).algemeen.mkb_definitie
        personen = onderneming("onderneming_werkzame_personen", period)
        omzet = onderneming("onderneming_jaaromzet", period)
        balans = onderneming("onderneming_balanstotaal", period)
        art2_lid2_klein = (personen < p.klein_werkzame_personen_minder_dan) * (
            (omzet <= p.klein_jaaromzet_of_balanstotaal_maximum) + (balans <= p.klein_jaaromzet_of_balanstotaal_maximum)
        )
        art2_lid1_mkb = (personen < p.middelgroot_werkzame_personen_minder_dan) * (
            (omzet <= p.middelgroot_jaaromzet_maximum) + (balans <= p.middelgroot_balanstotaal_maximum)
        )
        return np.select(
            [art2_lid2_klein, art2_lid1_mkb],
            [Grootteklasse.klein, Grootteklasse.middelgroot],
            default=Grootteklasse.groot,
        )

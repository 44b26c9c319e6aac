"""Levenlanglerenkrediet tot de AOW-leeftijd: de optie die Kamerstuk 30012, nr. 92 bespreekt en afwijst.

Kamerstuk 30012, nr. 92 (27 september 2018), paragraaf 3.1, 'Verhogen leeftijdsgrens levenlanglerenkrediet': de
leeftijdsgrens gaat stapsgewijs mee met de AOW-leeftijd (zo is art. 2.3a lid 4-6 WSF 2000 geworden), maar 'Het
gelijktrekken van de leeftijdsgrens met de AOW-leeftijd is niet wenselijk. Het levenlanglerenkrediet is een lening
en er moet een reële termijn zijn om die lening terug te betalen tijdens het werkzame leven.' Deze variant rekent
die afgewezen optie door: wie op de eerste dag van de kredietmaand (art. 1.2) de AOW-leeftijd (art. 7a AOW, zie
``aow_leeftijd_bereikt``) heeft bereikt, komt niet (meer) in aanmerking; wie jonger is wel, ook boven 56 of 57.

Ingang: vanaf studiejaar 2020-2021 (1 augustus 2020 mbo, 1 september 2020 hbo/wo), het studiejaar waarin volgens de
brief de verhoging in werking zou treden; daarvoor de grens uit de wet (55). Behoud bij ononderbroken krediet
(art. 2.3a lid 3) blijft gelden, ook na de AOW-leeftijd.

Niet gemodelleerd: de gevolgen voor de terugbetaling (aflossen na de AOW-leeftijd, de reden van de afwijzing in de
brief); AOW-leeftijden vóór 2018 of na 2031 (het model kent ze niet: dan een foutmelding voor wie oud genoeg is).
"""

from pathlib import Path

import numpy as np
from openfisca_core.indexed_enums import Enum
from openfisca_core.parameters import ParameterNode
from openfisca_core.periods import MONTH
from openfisca_core.reforms import Reform
from openfisca_core.variables import Variable
from openfisca_llo.reforms._redenen import reform_reason_enum
from openfisca_llo.variables.algemeen.aow_leeftijd_bereikt import aow_age_in_months
from openfisca_llo.variables.levenlanglerenkrediet.levenlanglerenkrediet_recht import (
    LevenlanglerenkredietAfwijzingsgrond,
    afwijzingsgrond,
    leeftijdsconflict,
    llk_waarde,
    per_studiejaar,
)
from openfisca_llo.variables.levenlanglerenkrediet.levenlanglerenkrediet_recht import (
    levenlanglerenkrediet_afwijzingsgrond as _basis_afwijzingsgrond,
)
from openfisca_llo.variables.levenlanglerenkrediet.levenlanglerenkrediet_recht import (
    levenlanglerenkrediet_maximumleeftijd as _basis_maximumleeftijd,
)

from openfisca_llo.citations import cite
from openfisca_llo.entities import Persoon

PARAMETERS_DIR = Path(__file__).parent / "parameters"
KST_92 = cite("kst-30012-92", paragraaf="3.1, Verhogen leeftijdsgrens levenlanglerenkrediet")
AOW = cite("BWBR0002221", artikel="7a", lid="1")

# The reasons of the law, under their own name: 'maximumleeftijd_bereikt' rests on the proposal and art. 7a AOW.
AfwijzingsgrondAow = reform_reason_enum(
    LevenlanglerenkredietAfwijzingsgrond,
    "LevenlanglerenkredietAfwijzingsgrondAowVariant",
    grounds={"maximumleeftijd_bereikt": [KST_92, AOW, cite("BWBR0011453", artikel="2.3a", lid="3")]},
)


def add_parameters(parameters):
    node = parameters.children["levenlanglerenkrediet"]
    if "variant_aow" not in node.children:
        node.add_child("variant_aow", ParameterNode("levenlanglerenkrediet.variant_aow", directory_path=str(PARAMETERS_DIR)))
    return parameters


def aow_grens_geldt(persoon, period, parameters) -> np.ndarray:
    """Per persoon: geldt in het studiejaar van zijn opleiding de AOW-leeftijd als maximumleeftijd?"""
    return per_studiejaar(persoon, period, parameters, "variant_aow.maximumleeftijd_is_aow_leeftijd") == 1


class levenlanglerenkrediet_maximumleeftijd(Variable):
    value_type = float
    entity = Persoon
    definition_period = MONTH
    label = "Maximumleeftijd voor het levenlanglerenkrediet in deze maand (variant: de AOW-leeftijd van dit kalenderjaar, in jaren)"
    reference = [KST_92, AOW, *_basis_maximumleeftijd.reference]
    unit = "year"

    def formula(persoon, period, parameters):
        """Variant kst-30012-92: vanaf studiejaar 2020-2021 de AOW-leeftijd (art. 7a lid 1 AOW) van het kalenderjaar
        van de eerste dag van de maand, in jaren (66 jaar en 10 maanden = 66 + 10/12); daarvóór als in de wet (55).
        Ter informatie: de toets zelf gebruikt aow_leeftijd_bereikt, dat het geboortejaar meeweegt."""
        basis = llk_waarde(parameters, period.start, "maximumleeftijd") + per_studiejaar(
            persoon, period, parameters, "verhoging_maximumleeftijd"
        )
        maanden = aow_age_in_months(parameters, period.start.year)
        aow_jaren = np.nan if maanden is None else maanden / 12
        return np.where(aow_grens_geldt(persoon, period, parameters), aow_jaren, basis)


class levenlanglerenkrediet_maximumleeftijd_bereikt(Variable):
    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "Heeft op de eerste dag van de maand de maximumleeftijd bereikt (variant: de AOW-leeftijd)"
    reference = [KST_92, AOW, cite("BWBR0011453", artikel="2.3a", lid="4"), cite("BWBR0011453", artikel="1.2")]

    def formula(persoon, period, parameters):
        """Vanaf studiejaar 2020-2021: de AOW-leeftijd is op de eerste dag van de maand bereikt (aow_leeftijd_bereikt,
        art. 1.2 WSF 2000); daarvóór: leeftijd op die dag ten minste de maximumleeftijd uit de wet."""
        dag = period.first_day
        aow_grens = aow_grens_geldt(persoon, period, parameters)
        wet = persoon("leeftijd", dag) >= persoon("levenlanglerenkrediet_maximumleeftijd", period)
        if not aow_grens.any():  # niet vragen naar de AOW-leeftijd waar het model haar niet kent (vóór 2018)
            return wet
        return np.where(aow_grens, persoon("aow_leeftijd_bereikt", dag), wet)


class levenlanglerenkrediet_maximumleeftijd_onbekend(Variable):
    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "De bronnen geven deze maand een andere maximumleeftijd (variant: niet waar de AOW-leeftijd geldt)"
    reference = [KST_92, AOW]

    def formula(persoon, period, parameters):
        """Waar de variant de AOW-leeftijd als grens neemt (vanaf studiejaar 2020-2021) speelt het verschil tussen
        wettekst (55) en DUO (56) niet; daarvóór als in het geldende model."""
        return np.where(aow_grens_geldt(persoon, period, parameters), False, leeftijdsconflict(persoon, period, parameters))


class levenlanglerenkrediet_afwijzingsgrond(Variable):
    value_type = Enum
    possible_values = AfwijzingsgrondAow
    default_value = AfwijzingsgrondAow.geen
    entity = Persoon
    definition_period = MONTH
    label = _basis_afwijzingsgrond.label + " (variant: maximumleeftijd is de AOW-leeftijd)"
    reference = [KST_92, *_basis_afwijzingsgrond.reference]

    def formula(persoon, period, parameters):
        """Dezelfde toets als het geldende model (levenlanglerenkrediet_afwijzingsgrond); de leeftijdstoets komt uit de
        vervangen levenlanglerenkrediet_maximumleeftijd_bereikt (de AOW-leeftijd, variant kst-30012-92), behalve bij
        ononderbroken krediet (art. 2.3a lid 3). Eigen Enum, zodat 'maximumleeftijd_bereikt' het voorstel citeert."""
        return afwijzingsgrond(persoon, period, parameters, AfwijzingsgrondAow)


class LlkLeeftijdGelijkAanAow(Reform):
    name = "Levenlanglerenkrediet tot de AOW-leeftijd (afgewezen optie uit kst-30012-92, par. 3.1), vanaf studiejaar 2020-2021"

    def apply(self):
        self.modify_parameters(modifier_function=add_parameters)
        self.update_variable(levenlanglerenkrediet_maximumleeftijd)
        self.update_variable(levenlanglerenkrediet_maximumleeftijd_bereikt)  # update: idempotent when stacked
        self.update_variable(levenlanglerenkrediet_maximumleeftijd_onbekend)
        self.update_variable(levenlanglerenkrediet_afwijzingsgrond)

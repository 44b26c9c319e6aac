"""SLIM scholingssubsidie volgens het plan van november 2024 (Kamerstuk 30012, nr. 158, paragraaf 1).

De Kamerbrief 'Slim investeren in leven lang ontwikkelen' (22 november 2024), onder 'Gedifferentieerde
cofinanciering': 'Daarom vragen we bij de scholing op NLQF1 of 2-niveau 10% cofinanciering; bij NLQF3-niveau of
hoger wordt 50% cofinanciering gevraagd.' Omdat de scholing voor de deelnemer gratis moet zijn, betaalt de
subsidie de rest: 90% bij NLQF 1-2 en 50% bij NLQF 3 en hoger (ook 4 tot en met 8: de brief noemt geen
bovengrens). Het model van de geopende regeling (Stcrt. 2025, 7276, secundair) rekent 90% bij NLQF 1-3 en 40%
vanaf NLQF 4 (tot en met 8).

Waarom Python en geen amendement als data: in het geldende model ligt de grens tussen het hoge en het lage
percentage vast in de formule (na niveau 3); het plan legt haar na niveau 2. Die grens wordt hier een parameter.

Geldt vanaf de openstelling (10 maart 2025), zoals de rest van de scholingssubsidie; alle andere voorwaarden
(Ontwikkelpad, sector, aanloopfase, data, budget) blijven die van het model.

Niet gemodelleerd: een bedrag per opleiding of een maximum per deelnemer (niet in de brief), en of NLQF 5-8 in het
plan werkelijk subsidiabel zouden zijn naast de Ontwikkelpaden (de brief zegt alleen 'of hoger').
"""

from pathlib import Path

import numpy as np
from openfisca_core.parameters import ParameterNode
from openfisca_core.periods import DAY, instant
from openfisca_core.reforms import Reform
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.entities import Onderneming

PARAMETERS_DIR = Path(__file__).parent / "parameters"
BRON = {"bron": "kst-30012-158", "paragraaf": "1, Gedifferentieerde cofinanciering"}
KST_158 = cite(BRON["bron"], paragraaf=BRON["paragraaf"])
HOOGSTE_NLQF_NIVEAU = 8


def add_plan_parameters(parameters):
    node = parameters.children["slim_scholingssubsidie"]
    if "plan_2024" not in node.children:  # once, also when reforms are stacked
        node.add_child("plan_2024", ParameterNode("slim_scholingssubsidie.plan_2024", directory_path=str(PARAMETERS_DIR)))
    hoogste = node.children["hoogste_subsidiabele_nlqf_niveau"]
    hoogste.update(start=instant("2025-03-10"), value=HOOGSTE_NLQF_NIVEAU)
    for value_at_instant in hoogste.values_list:
        if value_at_instant.instant_str == "2025-03-10":
            value_at_instant.metadata = {
                "bronnen": [BRON],
                "verificatie": "officieel",
                "toelichting": "Plan 2024: 50% cofinanciering 'bij NLQF3-niveau of hoger', dus alle niveaus tot en met 8.",
            }
    return parameters


class slim_scholingssubsidie_percentage(Variable):
    value_type = float
    entity = Onderneming
    definition_period = DAY
    label = "SLIM scholingssubsidie als deel van de scholingskosten, naar NLQF-niveau (plan november 2024)"
    reference = [KST_158]
    unit = "/1"

    def formula_2025_03_10(onderneming, period, parameters):
        """Plan kst-30012-158: subsidie = 1 - cofinanciering; NLQF 1-2: 1 - 10% = 90%; NLQF 3 en hoger:
        1 - 50% = 50%; niveau 0 of boven het hoogste subsidiabele niveau (8): 0."""
        p = parameters(period).slim_scholingssubsidie
        plan = p.plan_2024
        niveau = onderneming("slim_scholingssubsidie_nlqf_niveau", period)
        return np.select(
            [niveau < 1, niveau <= plan.hoogste_nlqf_niveau_lage_cofinanciering, niveau <= p.hoogste_subsidiabele_nlqf_niveau],
            [0.0, 1 - plan.cofinanciering_lage_niveaus, 1 - plan.cofinanciering_hogere_niveaus],
            default=0.0,
        )


class SlimScholingssubsidiePlan2024(Reform):
    name = "SLIM scholingssubsidie volgens het plan van kst-30012-158: 90% bij NLQF 1-2, 50% bij NLQF 3 en hoger"

    def apply(self):
        self.modify_parameters(modifier_function=add_plan_parameters)
        self.update_variable(slim_scholingssubsidie_percentage)

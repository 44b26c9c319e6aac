"""Individuele leerrekening: a yearly deposit on a personal learning account, spent on training.

Variants with figures from a cited real scheme (France's compte personnel de formation), since Dutch
proposals (Regeerakkoord 2017 as quoted in Kamerstuk 30012, nr. 92; the EU Council Recommendation of
16 June 2022, CELEX 32022H0627(03)) give no amounts:

* ``leerrekening_cpf`` (this package) — EUR 500 a year up to EUR 5,000; EUR 800 up to EUR 8,000 for people
  without a qualification at NLQF level 3; beside the STAP-budget.
* ``leerrekening_cpf_vervangt_stap`` — the same, replacing the STAP-budget while the account exists.

Niet gemodelleerd: the CPF's pro-rata deposit below half-time work (its reference basis is not verified),
top-ups by employers, and the co-payment (reste à charge).
"""

from openfisca_core.periods import instant
from openfisca_core.reforms import Reform
from openfisca_llo.reforms._parameters import attach_parameters, parameters_folder
from openfisca_llo.reforms.leerrekening_cpf import variables

PARAMETERS_DIR = parameters_folder(__file__)


def add_leerrekening_parameters(parameters, overrides: dict | None = None):
    node = attach_parameters(parameters, "leerrekening", PARAMETERS_DIR)
    for name, (start, value) in (overrides or {}).items():
        parameter = node.children[name]
        parameter.update(start=instant(start), value=value)
        for value_at_instant in parameter.values_list:
            if not value_at_instant.metadata.get("bronnen"):
                value_at_instant.metadata = dict(parameter.metadata)
    return parameters


class LeerrekeningCpf(Reform):
    name = "Leerrekening naar het Franse CPF (EUR 500/5.000; EUR 800/8.000 voor laagopgeleiden), naast STAP"

    def apply(self):
        self.modify_parameters(modifier_function=add_leerrekening_parameters)
        for variable in variables.NEW_VARIABLES:
            self.update_variable(variable)
        self.update_variable(variables.stap_budget)

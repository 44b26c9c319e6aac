"""Individuele leerrekening naar het Franse CPF, ter vervanging van het STAP-budget vanaf 2027.

The account, its figures and its variables are those of ``leerrekening_cpf`` (see its docstring for the sources);
only ``leerrekening.vervangt_stap`` becomes true from 1 January 2027, so the STAP-budget is no longer granted
while the account exists.
"""

from openfisca_core.reforms import Reform
from openfisca_llo.reforms.leerrekening_cpf import add_leerrekening_parameters, variables


class LeerrekeningCpfVervangtStap(Reform):
    name = "Leerrekening naar het Franse CPF, ter vervanging van het STAP-budget"

    def apply(self):
        self.modify_parameters(
            modifier_function=lambda p: add_leerrekening_parameters(p, {"vervangt_stap": ("2027-01-01", True)})
        )
        for variable in variables.NEW_VARIABLES:
            self.update_variable(variable)
        self.update_variable(variables.stap_budget)

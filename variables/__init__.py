"""Package data: the variables of openfisca-llo (shipped inside the installed package as openfisca_llo.variables)."""

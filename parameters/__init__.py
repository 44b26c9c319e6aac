"""Package data: the parameters of openfisca-llo (shipped inside the installed package as openfisca_llo.parameters)."""

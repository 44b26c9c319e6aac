"""Package data: the reforms of openfisca-llo (shipped inside the installed package as openfisca_llo.reforms)."""

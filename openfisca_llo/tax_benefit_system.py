"""The openfisca-llo tax-benefit system: entities, variables and parameters."""

from pathlib import Path

from openfisca_core.parameters import ParameterNode
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from openfisca_llo import entities
from openfisca_llo import parameters as _parameters_package
from openfisca_llo import variables as _variables_package
from openfisca_llo.documentatie import annoteer
from openfisca_llo.geld import GeldVariabelen

PARAMETERS_DIR = Path(_parameters_package.__file__).parent
VARIABLES_DIR = Path(_variables_package.__file__).parent
# The folder that holds parameters/, variables/ and reforms/: the repository root in a checkout, the package folder
# when installed. Paths below it are the repository's own paths, so "Edit" links point to the real files.
RULES_ROOT = PARAMETERS_DIR.parent


class CountryTaxBenefitSystem(TaxBenefitSystem):
    """Dutch leven-lang-ontwikkelen (LLO) rules: STAP, SLIM, Levenlanglerenkrediet."""

    def __init__(self) -> None:
        super().__init__(entities.entities)
        self.variables = GeldVariabelen()  # float64, int64, money to the cent (also in every reform)
        self.add_variables_from_directory(str(VARIABLES_DIR))
        self.parameters = load_parameter_tree(PARAMETERS_DIR)
        annoteer(self.parameters)

    def get_package_metadata(self) -> dict[str, str]:
        """OpenFisca's package metadata, with ``location`` the folder of the rule folders, so the "Edit" (source)
        links of /variable and /parameter read ``<Repository URL>/blob/<version>/parameters/...`` and
        ``.../variables/...`` as in this repository. The repository URL is set once, in pyproject.toml."""
        metadata = super().get_package_metadata()
        if self.baseline is None:
            metadata["location"] = str(RULES_ROOT)
        return metadata


def load_parameter_tree(directory: Path) -> ParameterNode:
    """Parameters from each instrument folder (skipping Python package files such as __pycache__)."""
    root = ParameterNode("", data={})
    for child in sorted(directory.iterdir()):
        if child.is_dir() and not child.name.startswith(("_", ".")):
            root.add_child(child.name, ParameterNode(child.name, directory_path=str(child)))
    return root

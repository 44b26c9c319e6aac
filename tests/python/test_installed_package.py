"""The package as pip installs it: rule folders ship inside openfisca_llo and the system loads from there."""

import os
from pathlib import Path

import openfisca_llo
from openfisca_llo import tax_benefit_system as tbs_module


def test_rule_folders_are_subpackages_of_openfisca_llo():
    assert tbs_module.PARAMETERS_DIR.is_dir()
    assert tbs_module.VARIABLES_DIR.is_dir()
    assert any(tbs_module.PARAMETERS_DIR.rglob("*.yaml"))
    assert any(tbs_module.VARIABLES_DIR.rglob("*.py"))


def test_registry_ships_with_the_package():
    assert (Path(openfisca_llo.__file__).parent / "sources.yaml").is_file()


def test_no_python_cache_folder_becomes_a_parameter(tax_benefit_system):
    names = [p.name for p in tax_benefit_system.parameters.get_descendants()]
    assert not [n for n in names if "__" in n]


def test_installed_copy_is_used_when_not_editable():
    """Under `make test` the package is installed non-editable: its files live in site-packages."""
    if os.environ.get("OPENFISCA_LLO_EXPECT_INSTALLED") != "1":
        return
    assert "site-packages" in str(Path(openfisca_llo.__file__))
    assert "site-packages" in str(tbs_module.PARAMETERS_DIR)

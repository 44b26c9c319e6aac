"""The package as pip installs it: rule folders ship inside openfisca_llo and the system loads from there."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

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


REPOSITORY = Path(__file__).resolve().parents[2]


def test_installed_copy_is_used_when_not_editable():
    """Under `make test` the package is installed non-editable: its files live in site-packages."""
    if os.environ.get("OPENFISCA_LLO_EXPECT_INSTALLED") != "1":
        pytest.skip("only under `make test`, which installs the package non-editable")
    assert "site-packages" in str(Path(openfisca_llo.__file__))
    assert "site-packages" in str(tbs_module.PARAMETERS_DIR)


def test_every_rule_file_ships_with_the_installed_package():
    """Each YAML and Python file under the rule folders is inside the installed package (setup.py lists them)."""
    if os.environ.get("OPENFISCA_LLO_EXPECT_INSTALLED") != "1":
        pytest.skip("only under `make test`, which installs the package non-editable")
    installed = Path(openfisca_llo.__file__).parent
    for folder in ("parameters", "variables", "reforms"):
        for source in (REPOSITORY / folder).rglob("*"):
            if source.suffix in (".yaml", ".py") and "__pycache__" not in source.parts:
                assert (installed / folder / source.relative_to(REPOSITORY / folder)).is_file(), source


def test_import_in_a_shell_started_in_the_repository_root():
    """`import openfisca_llo` in the repository root loads the source folders (the README's Python example)."""
    script = (
        "import openfisca_llo, openfisca_llo.reforms\n"
        "from openfisca_llo import CountryTaxBenefitSystem\n"
        "system = CountryTaxBenefitSystem()\n"
        "print(openfisca_llo.reforms.__file__, 'stap_budget' in system.variables)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPOSITORY, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    reforms_file, has_stap = result.stdout.split()
    assert Path(reforms_file).resolve() == REPOSITORY / "reforms" / "__init__.py"
    assert has_stap == "True"


def test_building_the_package_prints_no_setuptools_warning(tmp_path):
    """`pip install .` is quiet: every folder that ships is declared (setup.py), the licence is an SPDX string."""
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(tmp_path), str(REPOSITORY)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "Warning" not in result.stderr and "would be ignored" not in result.stderr, result.stderr

"""Every scheme is declared once (openfisca_llo.regelingen), and every rule folder and reason variable is declared."""

import inspect
from pathlib import Path

from openfisca_llo.checks import leaf_parameters
from openfisca_llo.citations import load_registry, parameter_citations, variable_citations
from openfisca_llo.regelingen import MAPPEN, REGELINGEN
from openfisca_llo.tax_benefit_system import PARAMETERS_DIR, VARIABLES_DIR

TESTS = Path(__file__).resolve().parents[1]


def _folders(directory: Path) -> set[str]:
    return {p.name for p in directory.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))}


def test_every_rule_folder_has_a_title():
    undeclared = (_folders(PARAMETERS_DIR) | _folders(VARIABLES_DIR)) - set(MAPPEN)
    assert not undeclared, f"declare these folders in openfisca_llo/regelingen.py (MAPPEN): {sorted(undeclared)}"


def test_every_declared_folder_exists():
    assert set(MAPPEN) <= _folders(PARAMETERS_DIR) | _folders(VARIABLES_DIR)


def test_every_reason_variable_belongs_to_one_scheme(tax_benefit_system):
    reasons = {name for name in tax_benefit_system.variables if name.endswith("_afwijzingsgrond")}
    declared = [regeling.reden for regeling in REGELINGEN if regeling.reden]
    assert len(declared) == len(set(declared))
    assert reasons - set(declared) == set(), "declare these reason variables in openfisca_llo/regelingen.py"
    assert set(declared) <= reasons


def test_each_scheme_is_declared_once_with_its_folders(tax_benefit_system):
    keys = [regeling.key for regeling in REGELINGEN]
    assert len(keys) == len(set(keys))
    for regeling in REGELINGEN:
        assert regeling.map in _folders(PARAMETERS_DIR), regeling.key
        assert regeling.map in _folders(VARIABLES_DIR), regeling.key
        assert (TESTS / regeling.map).is_dir(), regeling.key
        assert regeling.map in MAPPEN
        assert regeling.entiteit in {e.plural for e in tax_benefit_system.entities}, regeling.key
        main = [name for name in (regeling.bedrag, regeling.reden, regeling.recht) if name]
        assert main, regeling.key
        for name in main:
            assert tax_benefit_system.variables[name].entity.plural == regeling.entiteit, (regeling.key, name)


def test_each_scheme_cites_its_regulation(tax_benefit_system):
    """The regulation of a scheme is a registered source that its variables or its parameters cite."""
    registry = load_registry()
    parameters = list(leaf_parameters(tax_benefit_system.parameters))
    for regeling in REGELINGEN:
        assert regeling.bron in registry, regeling.key
        cited = {
            c.source.id
            for name in (regeling.bedrag, regeling.reden, regeling.recht) if name
            for c in variable_citations(tax_benefit_system.variables[name])
        }
        for parameter in parameters:
            if parameter.name.split(".")[0] == regeling.map:
                cited |= {c.source.id for v in parameter.values_list for c in parameter_citations(v.metadata)}
                cited |= {c.source.id for c in parameter_citations(parameter.metadata)}
        assert regeling.bron in cited, regeling.key


def test_parameters_and_variables_share_one_folder_layout():
    """Each rule folder exists in parameters/ and in variables/, so a scheme's reference page shows both (no page
    with parameters only and another with variables only)."""
    assert _folders(PARAMETERS_DIR) == _folders(VARIABLES_DIR)


def test_each_scheme_defines_its_variables_in_its_folder(tax_benefit_system):
    for regeling in REGELINGEN:
        for name in (regeling.bedrag, regeling.reden, regeling.recht):
            if name:
                source = Path(inspect.getsourcefile(type(tax_benefit_system.variables[name])))
                assert source.parent == VARIABLES_DIR / regeling.map, (regeling.key, name, source)

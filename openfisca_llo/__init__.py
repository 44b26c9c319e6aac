"""openfisca-llo: Dutch lifelong-learning (leven lang ontwikkelen) law as an OpenFisca country package."""

from pathlib import Path

# In a source checkout the rule folders (parameters/, variables/, reforms/) sit beside this folder at the
# repository root; installed, they are inside it (see setup.py). Let `import openfisca_llo.parameters` find
# them in both layouts, so a Python shell started in the repository root works as the README shows.
_HERE = Path(__file__).resolve().parent
if not (_HERE / "parameters").is_dir() and (_HERE.parent / "parameters" / "__init__.py").is_file():
    __path__.append(str(_HERE.parent))

from openfisca_llo.tax_benefit_system import CountryTaxBenefitSystem  # noqa: E402

__all__ = ["CountryTaxBenefitSystem"]

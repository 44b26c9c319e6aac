"""openfisca-llo: Dutch lifelong-learning (leven lang ontwikkelen) law as an OpenFisca country package."""

from openfisca_llo.tax_benefit_system import CountryTaxBenefitSystem

__all__ = ["CountryTaxBenefitSystem"]

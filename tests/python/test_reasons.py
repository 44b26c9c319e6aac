"""Each item of a reason Enum has its own legal ground registered, so an explanation can cite it."""

from openfisca_core.indexed_enums import Enum

from openfisca_llo.reasons import reason_citations


def test_every_refusal_reason_has_its_own_citation(tax_benefit_system):
    missing = []
    for name, variable in tax_benefit_system.variables.items():
        if name.endswith("_afwijzingsgrond") and variable.value_type == Enum:
            for item in variable.possible_values:
                if item.name != "geen" and not reason_citations(variable.possible_values, item.name):
                    missing.append(f"{name}.{item.name}")
    assert missing == []

"""Reason Enums for reforms: a copy of a baseline reason Enum under its own name, with extra or re-grounded items.

The legal ground of each reason is registered per Enum class name (``openfisca_llo.reasons``); a reform that
changes why a reason applies needs its own class, so that an explanation under the reform cites the proposal
while the law in force keeps its own citations.
"""

from openfisca_core.indexed_enums import Enum

from openfisca_llo.reasons import grondslag, reason_citations


def reform_reason_enum(base, name: str, extra: dict | None = None, grounds: dict | None = None):
    """``base``'s items (same order, so 'geen' stays first) plus ``extra`` {item: (label, [urls])};
    ``grounds`` {item: [urls]} replaces the citations of existing items; the rest keep ``base``'s citations."""
    extra = extra or {}
    grounds = grounds or {}
    members = [(item.name, item.value) for item in base] + [(key, label) for key, (label, _) in extra.items()]
    enum_class = Enum(name, members)
    mapping = {}
    for item in enum_class:
        if item.name in extra:
            mapping[item] = extra[item.name][1]
        elif item.name in grounds:
            mapping[item] = grounds[item.name]
        elif item.name != "geen":
            mapping[item] = [citation.url for citation in reason_citations(base, item.name) or []]
    grondslag(enum_class, mapping)
    enum_class.basis = base  # the items of ``base`` are returned as the law's formula returns them
    return enum_class

"""Parameters that are left empty (null) where no verified figure exists."""

from openfisca_core.errors import ParameterNotFoundError


def value_or_none(node, name: str):
    """The value of child `name` of a parameter node at an instant, or None where it is null."""
    try:
        return getattr(node, name)
    except ParameterNotFoundError:
        return None

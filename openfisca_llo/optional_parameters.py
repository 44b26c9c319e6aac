"""Parameters that may have no value: left empty (null) where no verified figure exists, or asked on a date
before their first value."""

import numpy as np
from openfisca_core.errors import ParameterNotFoundError


def value_or_none(node, name: str):
    """The value of child `name` of a parameter node at an instant, or None where it is null."""
    try:
        return getattr(node, name)
    except ParameterNotFoundError:
        return None


def flag_on_dates(parameters, path: str, dates) -> np.ndarray:
    """The value of the dated boolean parameter at ``path`` on each date; one lookup per distinct date.

    A date before the parameter's first value (such as the default date 1970-01-01 of an input left empty) counts
    as False.
    """
    dates = np.asarray(dates, dtype="datetime64[D]")
    distinct, inverse = np.unique(dates, return_inverse=True)
    values = []
    for day in distinct:
        try:
            node = parameters(str(day))
            for key in path.split("."):
                node = node[key]
            values.append(bool(node))
        except ParameterNotFoundError:
            values.append(False)
    return np.asarray(values, dtype=bool)[inverse]


def per_enum_item(node, enum_array) -> np.ndarray:
    """``node[enum_array]`` for a parameter node with one child per Enum item, as one lookup per item and an
    array index (OpenFisca's vectorial indexing loops over every element in Python)."""
    items = list(enum_array.possible_values)
    table = np.array([getattr(node, item.name) for item in items])
    return table[np.asarray(enum_array)]

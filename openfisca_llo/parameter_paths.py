"""Parameters by their dotted path (``stap.maximum_per_kalenderjaar``): the node, and the dated value in force."""

from __future__ import annotations

from openfisca_core.parameters import Parameter


def parameter_at_path(parameters, path: str):
    """The parameter (or node) at ``path`` in a parameter tree; KeyError naming the path when it does not exist."""
    node = parameters
    for part in path.split("."):
        children = getattr(node, "children", None)
        if children is None or part not in children:
            raise KeyError(path)
        node = children[part]
    return node


def value_in_force(parameter, instant: str):
    """The dated value (``ParameterAtInstant``) of ``parameter`` in force on ``instant`` (ISO date), or None
    before its first value; a node has no dated values (None)."""
    if not isinstance(parameter, Parameter):
        return None
    for value_at_instant in parameter.values_list:  # most recent first
        if value_at_instant.instant_str <= instant:
            return value_at_instant
    return None

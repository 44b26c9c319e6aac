"""Names, groups and anchors: which page (top-level folder) documents an item, and the label it gets there."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

from openfisca_core.parameters import Parameter, ParameterScale

from openfisca_llo.regelingen import MAPPEN

GROUP_TITLES = MAPPEN  # the title of each top-level folder, declared with the schemes
ROOT_GROUP = "overig"  # parameters or variables that are not in a folder


def group_title(folder: str) -> str:
    if folder in GROUP_TITLES:
        return GROUP_TITLES[folder]
    if folder == ROOT_GROUP:
        return "Overig"
    return folder.replace("_", " ").capitalize()


def anchor(kind: str, name: str) -> str:
    """Sphinx label of a documented item: kind is param, var, bron, hervorming or groep."""
    return f"{kind}-" + re.sub(r"[^a-z0-9._-]+", "-", name.lower()).strip("-")


def html_id(label: str) -> str:
    """The HTML id that Sphinx gives a label (docutils' make_id)."""
    from docutils.nodes import make_id

    return make_id(label)


def parameter_group(name: str) -> str:
    return name.split(".")[0] if "." in name else ROOT_GROUP


def variables_dir() -> Path:
    from openfisca_llo.tax_benefit_system import VARIABLES_DIR

    return VARIABLES_DIR.resolve()


def reforms_dir() -> Path:
    from openfisca_llo import reforms

    return Path(reforms.__file__).resolve().parent


def variable_file(variable) -> Path | None:
    return class_file(type(variable))


def class_file(variable_class) -> Path | None:
    try:
        return Path(inspect.getsourcefile(variable_class)).resolve()
    except (TypeError, OSError):
        return None


def variable_group(variable) -> str:
    return class_group(type(variable))


def class_group(variable_class) -> str:
    """The folder under ``variables/`` that defines a variable class (a scheme's folder, or the root group)."""
    path = class_file(variable_class)
    if path is None:
        return ROOT_GROUP
    try:
        parts = path.relative_to(variables_dir()).parts
    except ValueError:
        return ROOT_GROUP
    return parts[0] if len(parts) > 1 else ROOT_GROUP


def documented_parameters(parameters):
    """Every parameter to document: the leaves (as the citation check counts them) and scales (brackets)."""
    for node in parameters.get_descendants():
        if isinstance(node, (Parameter, ParameterScale)):
            yield node

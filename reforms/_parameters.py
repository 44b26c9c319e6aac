"""How a reform attaches its own parameter folder (``reforms/<key>/parameters/``) to the parameter tree."""

from pathlib import Path

from openfisca_core.parameters import ParameterNode

from openfisca_llo.parameter_paths import parameter_at_path


def attach_parameters(parameters, path: str, directory: Path):
    """Add the YAML files in ``directory`` as the node ``path`` (e.g. ``stap.leerrechten``); once, so reforms
    that share a folder can be stacked. Returns the node."""
    parent_path, _, name = path.rpartition(".")
    parent = parameter_at_path(parameters, parent_path) if parent_path else parameters
    if name not in parent.children:
        parent.add_child(name, ParameterNode(path, directory_path=str(directory)))
    return parent.children[name]


def parameters_folder(module_file: str) -> Path:
    """The ``parameters/`` folder beside a reform's ``__init__.py``."""
    return Path(module_file).parent / "parameters"

"""The reforms in the ``reforms/`` folder: each Python module with Reform classes, and each YAML file."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import yaml

from openfisca_llo.docgen.analysis import root_name
from openfisca_llo.docgen.names import reforms_dir


@dataclasses.dataclass
class Reform:
    name: str
    file: str
    kind: str  # python | yaml
    description: str
    classes: list[tuple[str, str]]
    text: str


def _leading_comments(text: str) -> str:
    lines = []
    for line in text.splitlines():
        if line.startswith("#"):
            lines.append(line.lstrip("#").strip())
        elif line.strip():
            break
    return "\n".join(lines)


def _is_reform_class(node) -> bool:
    return isinstance(node, ast.ClassDef) and any(
        (root_name(b) or "").endswith("Reform") or (isinstance(b, ast.Attribute) and b.attr.endswith("Reform"))
        for b in node.bases
    )


def _python_reform(path: Path, name: str, file: str, text: str) -> Reform | None:
    """A module's Reform classes with their docstrings, and the module's (or its package's) docstring."""
    tree = ast.parse(text)
    classes = [(node.name, ast.get_docstring(node) or "") for node in tree.body if _is_reform_class(node)]
    if not classes:  # helpers and variables of a reform package, or the package's own __init__
        return None
    doc = ast.get_docstring(tree) or ""
    init = path.parent / "__init__.py"
    if not doc and init.is_file() and init != path:
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
    return Reform(name, file, "python", doc, classes, text)


def _yaml_reform(name: str, file: str, text: str) -> Reform:
    """A YAML reform, described by its first description key or else by its leading comments."""
    data = yaml.safe_load(text)
    description = ""
    if isinstance(data, dict):
        for key in ("beschrijving", "omschrijving", "description", "titel", "label"):
            if isinstance(data.get(key), str):
                description = data[key]
                break
    return Reform(name, file, "yaml", description or _leading_comments(text), [], text)


def collect_reforms(directory: Path | None = None) -> list[Reform]:
    """Every reform in the reforms folder: a Python module (its docstring and Reform classes) or a YAML file."""
    directory = Path(directory or reforms_dir())
    reforms = []
    for path in sorted(directory.rglob("*")):
        relative = path.relative_to(directory)
        package_init = path.name == "__init__.py" and len(relative.parts) > 1  # a reform package: its docstring
        if not path.is_file() or "__pycache__" in path.parts or (path.name.startswith(("_", ".")) and not package_init):
            continue
        if "parameters" in relative.parts[:-1]:  # a reform package's own parameter files are not reforms
            continue
        name = (relative.parent if package_init else relative.with_suffix("")).as_posix().replace("/", ".")
        file = f"reforms/{relative.as_posix()}"
        if path.suffix == ".py":
            reform = _python_reform(path, name, file, path.read_text(encoding="utf-8"))
            if reform is not None:
                reforms.append(reform)
        elif path.suffix in (".yaml", ".yml"):
            reforms.append(_yaml_reform(name, file, path.read_text(encoding="utf-8")))
    return reforms

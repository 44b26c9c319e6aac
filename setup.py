"""Which packages setuptools ships (the rest of the metadata is in pyproject.toml).

The rule folders live at the repository root (parameters/, variables/, reforms/) so a drafter finds them at
once; they ship inside the installed package as openfisca_llo.parameters, .variables and .reforms. Every
sub-folder is declared as a package of its own, so setuptools ships its files without warnings and a new
folder needs no edit here.
"""

from pathlib import Path

from setuptools import find_namespace_packages, setup

RULE_FOLDERS = {
    "parameters": "openfisca_llo.parameters",
    "variables": "openfisca_llo.variables",
    "reforms": "openfisca_llo.reforms",
}


def rule_packages() -> list[str]:
    """The dotted name of each rule folder and of every folder below it."""
    names = []
    for folder, package in RULE_FOLDERS.items():
        root = Path(folder)
        for path in sorted([root, *root.rglob("*")]):
            if path.is_dir() and "__pycache__" not in path.parts:
                names.append(".".join([package, *path.relative_to(root).parts]))
    return names


setup(
    packages=[*find_namespace_packages(include=["openfisca_llo", "openfisca_llo.*"], exclude=["*__pycache__*"]),
              *rule_packages()],
    package_dir={"openfisca_llo": "openfisca_llo", **{package: folder for folder, package in RULE_FOLDERS.items()}},
)

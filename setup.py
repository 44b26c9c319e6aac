"""Which packages setuptools ships (the rest of the metadata is in pyproject.toml).

The rule folders live at the repository root (parameters/, variables/, reforms/) so a drafter finds them at
once; they ship inside the installed package as openfisca_llo.parameters, .variables and .reforms. Every
sub-folder is declared as a package of its own, so setuptools ships its files without warnings and a new
folder needs no edit here.
"""

from pathlib import Path

from setuptools import setup

RULE_FOLDERS = {
    "parameters": "openfisca_llo.parameters",
    "variables": "openfisca_llo.variables",
    "reforms": "openfisca_llo.reforms",
}
# openfisca_llo itself: every folder is a package too (the werkbank's templates/ and static/ hold no Python, and
# setuptools warns about data folders that are not declared)
PACKAGE_FOLDERS = {"openfisca_llo": "openfisca_llo", **RULE_FOLDERS}


def rule_packages() -> list[str]:
    """The dotted name of each package folder and of every folder below it."""
    names = []
    for folder, package in PACKAGE_FOLDERS.items():
        root = Path(folder)
        for path in sorted([root, *root.rglob("*")]):
            if path.is_dir() and "__pycache__" not in path.parts:
                names.append(".".join([package, *path.relative_to(root).parts]))
    return names


setup(
    packages=rule_packages(),
    package_dir={"openfisca_llo": "openfisca_llo", **{package: folder for folder, package in RULE_FOLDERS.items()}},
)

"""Optional packages (the extras of pyproject.toml), imported only where a command needs them.

The core install (rules, API, CLI) needs none of them. A command that does is told, in Dutch, which extra to
install: ``pip install 'openfisca-llo[grafiek]'`` (matplotlib: the budget chart), ``[parquet]`` (pyarrow:
Parquet files) or ``[dask]`` (dask.distributed: ``budget --rekenwijze dask``). ``pip install '.[dev]'`` (what
``make test`` installs) brings all three.
"""

from __future__ import annotations

import importlib

# module -> (extra, package on PyPI, what needs it)
EXTRAS = {
    "matplotlib": ("grafiek", "matplotlib", "de grafiek van een begroting (budget.png)"),
    "pyarrow": ("parquet", "pyarrow", "een Parquet-bestand"),
    "dask.distributed": ("dask", "dask[distributed]", "de rekenwijze dask"),
}


class MissingExtra(ValueError):
    """An optional package is not installed; the message names the extra that installs it."""

    def __init__(self, module: str) -> None:
        extra, package, purpose = EXTRAS[module.split(".")[0] if module not in EXTRAS else module]
        self.extra = extra
        super().__init__(f"{purpose} vraagt het optionele pakket {package}: pip install 'openfisca-llo[{extra}]'")


def require(module: str, extra_of: str | None = None):
    """``importlib.import_module(module)``, or ``MissingExtra`` naming the extra (of ``extra_of`` when given)."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtra(extra_of or module) from None

"""Reforms: proposed or imagined changes, runnable beside the law in force.

One shape: a reform is a sub-package ``reforms/<key>/`` whose ``__init__.py`` defines one ``Reform`` class (its
own parameters, if any, in ``reforms/<key>/parameters/``, attached with ``_parameters.attach_parameters``); an
amendment as data is a YAML file ``amendementen/<key>.yaml``. Both are found here, so adding a reform needs no
list. ``REFORMS`` maps each key to its class; YAML tests and the OpenFisca CLI refer to a reform as
``openfisca_llo.reforms.<key>``.
"""

import importlib
import pkgutil
from pathlib import Path

from openfisca_core.reforms import Reform

from openfisca_llo.amendments import amendment_reform_class, load_amendment_file

AMENDMENTS_DIR = Path(__file__).parent / "amendementen"


def _reform_class(key: str) -> type[Reform]:
    """The one Reform class that the package ``reforms/<key>/`` defines."""
    module = importlib.import_module(f"{__name__}.{key}")
    classes = [
        value for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, Reform) and value.__module__ == module.__name__
    ]
    if len(classes) != 1:
        raise ImportError(f"reforms/{key}/__init__.py moet precies één Reform-klasse definiëren, niet {len(classes)}")
    return classes[0]


REFORMS: dict[str, type[Reform]] = {}
for _info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name):
    if _info.ispkg and not _info.name.startswith("_"):
        REFORMS[_info.name] = _reform_class(_info.name)
for _path in sorted(AMENDMENTS_DIR.glob("*.yaml")):
    if _path.stem in REFORMS:
        raise ImportError(f"{_path.name}: de naam {_path.stem!r} is al een hervorming in reforms/{_path.stem}/")
    REFORMS[_path.stem] = amendment_reform_class(load_amendment_file(_path))


def descriptions() -> dict[str, dict]:
    """Each reform by key: its one-line name, whether it is Python or an amendment as data, its documentation
    (GET /reforms and ``openfisca-llo hervormingen``)."""
    return {
        key: {
            "omschrijving": reform.name or key,
            "soort": "amendement" if hasattr(reform, "amendment") else "python",
            "documentatie": (reform.__doc__ or "").strip(),
        }
        for key, reform in REFORMS.items()
    }


# openfisca_llo.reforms.<key> is the reform class (OpenFisca's apply_reform and YAML tests read this attribute);
# set after the imports above, which bind each sub-package under the same name.
globals().update(REFORMS)

"""Reforms: proposed or imagined changes, runnable beside the law in force.

Python reforms live in sub-packages; amendments as data are YAML files in ``amendementen/`` and become
reform classes here, named after their file. ``REFORMS`` maps a name to its class; YAML tests and the
OpenFisca CLI refer to them as ``openfisca_llo.reforms.<name>``.
"""

from pathlib import Path

from openfisca_llo.reforms.leerrekening import LeerrekeningCpf, LeerrekeningCpfVervangtStap
from openfisca_llo.reforms.llk_aow.hervorming import LlkLeeftijdGelijkAanAow
from openfisca_llo.reforms.slim_cofinanciering.hervorming import SlimScholingssubsidiePlan2024
from openfisca_llo.reforms.stap_leerrechten.hervorming import StapLeerrechtenMbo4

from openfisca_llo.amendments import amendment_reform_class, load_amendment_file

AMENDMENTS_DIR = Path(__file__).parent / "amendementen"

REFORMS = {
    "leerrekening_cpf": LeerrekeningCpf,
    "leerrekening_cpf_vervangt_stap": LeerrekeningCpfVervangtStap,
    "llk_leeftijd_gelijk_aan_aow": LlkLeeftijdGelijkAanAow,
    "slim_scholingssubsidie_plan_2024": SlimScholingssubsidiePlan2024,
    "stap_leerrechten_mbo4": StapLeerrechtenMbo4,
}

for _path in sorted(AMENDMENTS_DIR.glob("*.yaml")):
    REFORMS[_path.stem] = amendment_reform_class(load_amendment_file(_path))
    globals()[_path.stem] = REFORMS[_path.stem]

leerrekening_cpf = LeerrekeningCpf
leerrekening_cpf_vervangt_stap = LeerrekeningCpfVervangtStap
llk_leeftijd_gelijk_aan_aow = LlkLeeftijdGelijkAanAow
slim_scholingssubsidie_plan_2024 = SlimScholingssubsidiePlan2024
stap_leerrechten_mbo4 = StapLeerrechtenMbo4

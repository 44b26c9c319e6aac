"""Heavy optional packages are extras (pyproject.toml): the core install works without them, and a command that
needs one says which extra to install (openfisca_llo/extras.py)."""

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from openfisca_llo import population as pop
from openfisca_llo.budget import SyntheticSource, compute_budget, write_outputs
from openfisca_llo.cli import main

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("matplotlib", "pyarrow", "dask")


def block(monkeypatch, *modules):
    """Make ``import module`` fail as if the package were not installed."""
    for name in modules:
        monkeypatch.setitem(sys.modules, name, None)


def test_the_core_dependencies_leave_out_the_heavy_packages_and_dev_brings_them():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    core = " ".join(project["dependencies"])
    assert not [name for name in HEAVY if name in core]
    extras = project["optional-dependencies"]
    assert extras["grafiek"] == ["matplotlib>=3.7"] and extras["parquet"] == ["pyarrow>=14"]
    assert any(r.startswith("dask[distributed]") for r in extras["dask"])
    dev = " ".join(extras["dev"])
    assert all(name in dev for name in HEAVY)  # `make test` installs '.[dev]'


def test_importing_the_package_and_its_interfaces_loads_no_heavy_package():
    script = ("import sys, openfisca_llo, openfisca_llo.cli, openfisca_llo.budget, openfisca_llo.population, "
              "openfisca_llo.web\nprint(sorted(m for m in sys.modules if m.split('.')[0] in "
              f"{HEAVY!r}))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd="/")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_budget_without_matplotlib_writes_the_tables_and_names_the_extra(monkeypatch, tmp_path):
    report = compute_budget(SyntheticSource(200, seed=1), [], [2023], schemes=["stap_budget"])
    block(monkeypatch, "matplotlib", "matplotlib.pyplot")
    notes = []
    paths = write_outputs(report, tmp_path, notes=notes)
    assert "grafiek" not in paths and not (tmp_path / "budget.png").exists()
    assert (tmp_path / "budget.csv").is_file()
    assert notes == ["geen budget.png: de grafiek van een begroting (budget.png) vraagt het optionele pakket "
                     "matplotlib: pip install 'openfisca-llo[grafiek]'"]


def test_populatie_parquet_without_pyarrow_is_a_fout_naming_the_extra(monkeypatch, tmp_path, capsys):
    block(monkeypatch, "pyarrow", "pyarrow.parquet")
    assert main(["populatie", "--aantal", "10", "--uitvoer", str(tmp_path / "p.parquet")]) == 2
    err = capsys.readouterr().err
    assert err == ("Fout: een Parquet-bestand vraagt het optionele pakket pyarrow: "
                   "pip install 'openfisca-llo[parquet]'\n")
    with pytest.raises(ValueError, match=r"openfisca-llo\[parquet\]"):
        pop.load(tmp_path / "p.parquet")


def test_the_dask_engine_without_dask_is_a_fout_naming_the_extra(monkeypatch, capsys):
    block(monkeypatch, "dask", "dask.distributed")
    assert main(["budget", "--synthetisch", "10", "--jaar", "2023", "--rekenwijze", "dask", "--stil",
                 "--regeling", "stap_budget"]) == 2
    err = capsys.readouterr().err
    assert err.endswith("Fout: de rekenwijze dask vraagt het optionele pakket dask[distributed]: "
                        "pip install 'openfisca-llo[dask]'\n")

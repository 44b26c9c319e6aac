"""Scale benchmark of population budgets: the law in force plus one reform on 10^5, 10^6 (and 10^7) persons.

A script, not a test: it prints figures. Run from the repository root after `pip install .`:

    .venv/bin/python bench/population.py                        # 10^5 and 10^6 persons, a few minutes
    .venv/bin/python bench/population.py --sizes 100000 10000000
    .venv/bin/python bench/population.py --reform leerrekening_cpf --year 2029 --csv

Each size runs in a fresh process (so peak memory is per size): generate a synthetic population in memory,
then `compute_budget` for one year with STAP applications (first-come-first-served per tijdvak) and one year
with the leerrekening (all persons), law and reform. With `--all-variables` it also computes every person-level
variable with a formula once for all persons (DAY variables on 1 July, MONTH variables in July, YEAR variables
for the year) under the reform. `--csv` adds writing and reading the population as CSV (and Parquet if pyarrow
is installed). Printed: seconds, persons/s and peak resident memory (ru_maxrss).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def all_person_variables(system, population, year: int) -> int:
    """Every person-level variable with a formula, once for all persons; returns how many were computed."""
    import numpy as np
    from openfisca_core.periods import DateUnit

    from openfisca_llo.budget import _set_persons, person_simulation

    simulation = person_simulation(system, len(population))
    _set_persons(simulation, system, population, slice(None))
    for y in range(2027, year + 1):
        if "leerrekening_minstens_halftijds_gewerkt" in system.variables:
            simulation.set_input("leerrekening_minstens_halftijds_gewerkt", str(y), population.halftijds_gewerkt)
    periods = {DateUnit.DAY: f"{year}-07-01", DateUnit.MONTH: f"{year}-07", DateUnit.YEAR: str(year)}
    done = 0
    for name, variable in sorted(system.variables.items()):
        if variable.entity.key != "persoon" or not variable.formulas:
            continue
        period = periods.get(variable.definition_period)
        if period is None:  # ETERNITY formulas: computed at their first formula date
            period = min(variable.formulas)
        np.asarray(simulation.calculate(name, period))
        done += 1
    return done


def one_size(size: int, reform_name: str, stap_year: int, year: int, seed: int, all_variables: bool,
             csv: bool) -> dict:
    figures: dict = {"size": size}
    started = time.perf_counter()
    from openfisca_llo import CountryTaxBenefitSystem
    from openfisca_llo.budget import compute_budget
    from openfisca_llo.compare import resolve_reform
    from openfisca_llo.population import generate, load, save

    baseline = CountryTaxBenefitSystem()
    reform = resolve_reform(baseline, reform=reform_name)
    figures["load_system_s"] = time.perf_counter() - started

    t = time.perf_counter()
    population = generate(size, seed, stap_year=stap_year)
    figures["generate_s"] = time.perf_counter() - t
    figures["applicants"] = int(len(population.applicants(stap_year)))

    if csv:
        with tempfile.TemporaryDirectory() as folder:
            t = time.perf_counter()
            save(population, os.path.join(folder, "p.csv"))
            figures["csv_write_s"] = time.perf_counter() - t
            t = time.perf_counter()
            load(os.path.join(folder, "p.csv"))
            figures["csv_read_s"] = time.perf_counter() - t
            try:
                import pyarrow  # noqa: F401

                t = time.perf_counter()
                save(population, os.path.join(folder, "p.parquet"))
                load(os.path.join(folder, "p.parquet"))
                figures["parquet_write_read_s"] = time.perf_counter() - t
            except ImportError:
                pass

    t = time.perf_counter()
    report = compute_budget(baseline, reform, reform_name, population, [stap_year, year])
    figures["budget_s"] = time.perf_counter() - t
    figures["disagreements"] = report.disagreements
    figures["totals"] = {f"{r['jaar']} {r['instrument']} {r['scenario']}": round(r["kosten_eur"] / 1e6, 1)
                         for r in report.totals if r["kosten_eur"]}
    if all_variables:
        t = time.perf_counter()
        figures["variables"] = all_person_variables(reform, population, year)
        figures["all_variables_s"] = time.perf_counter() - t
    figures["peak_mib"] = peak_mib()
    return figures


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000],
                        help="population sizes (default 100000 1000000; add 10000000 for the 10^7 run)")
    parser.add_argument("--reform", default="leerrekening_cpf", help="reform beside the law (default leerrekening_cpf)")
    parser.add_argument("--stap-year", type=int, default=2023, help="year of the STAP applications (default 2023)")
    parser.add_argument("--year", type=int, default=2029, help="leerrekening year (default 2029, the third year)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--all-variables", action="store_true", help="also every person variable once")
    parser.add_argument("--csv", action="store_true", help="also time CSV (and Parquet) write and read")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: run one size in this process
    opts = parser.parse_args(argv)
    if opts.one:
        figures = one_size(opts.one, opts.reform, opts.stap_year, opts.year, opts.seed, opts.all_variables, opts.csv)
        print(json.dumps(figures))
        return 0
    print(f"cores: {os.cpu_count()}; reform {opts.reform}; STAP year {opts.stap_year}, leerrekening year {opts.year}")
    rows = []
    for size in opts.sizes:
        command = [sys.executable, __file__, "--one", str(size), "--reform", opts.reform, "--stap-year",
                   str(opts.stap_year), "--year", str(opts.year), "--seed", str(opts.seed)]
        command += ["--all-variables"] * opts.all_variables + ["--csv"] * opts.csv
        started = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, cwd=tempfile.gettempdir())
        if result.returncode != 0:
            print(f"{size:>11,}: FAILED\n{result.stderr[-3000:]}")
            return 1
        figures = json.loads(result.stdout.strip().splitlines()[-1])
        figures["process_s"] = time.perf_counter() - started
        rows.append(figures)
        work = figures["budget_s"] + figures.get("all_variables_s", 0.0)
        extra = "".join(f", {k} {figures[k]:.1f} s" for k in ("csv_write_s", "csv_read_s", "parquet_write_read_s",
                                                              "all_variables_s") if k in figures)
        print(f"{size:>11,} persons: generate {figures['generate_s']:.1f} s, budget (law + reform, 2 years) "
              f"{figures['budget_s']:.1f} s = {size / figures['budget_s']:,.0f} persons/s{extra}; "
              f"peak {figures['peak_mib']:,.0f} MiB; {figures['applicants']:,} STAP rows; "
              f"allocation/law disagreements {figures['disagreements']}", flush=True)
        if "variables" in figures:
            print(f"{'':>11}  all {figures['variables']} person variables once: {figures['all_variables_s']:.1f} s "
                  f"({size / work:,.0f} persons/s over budget + variables)")
    print("\n| persons | budget s | persons/s | peak MiB |")
    print("|---:|---:|---:|---:|")
    for f in rows:
        print(f"| {f['size']:,} | {f['budget_s']:.1f} | {f['size'] / f['budget_s']:,.0f} | {f['peak_mib']:,.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Scale benchmark of population budgets (a script that prints figures, not a test).

Run from the repository root after `pip install '.[dask]'`:

    .venv/bin/python bench/budget.py                       # both parts below (several minutes)
    .venv/bin/python bench/budget.py --part nl             # only part 1
    .venv/bin/python bench/budget.py --part varianten --variant-persons 1000000

Part 1 (``nl``): a synthetic population the size of the Netherlands (default 1.8 x 10^7 persons, generated chunk by
chunk, plus the synthetic employer applications), every scheme, the law and one reform (default
``stap_leerrechten_mbo4``), one year (default 2023), in-process. Printed: the time of the chunk phase, then per
scheme the time (law and reform) and the peak resident memory of the process so far, and the totals. Target:
under 60 s and under 2 GiB on a 2-core machine.

Part 2 (``varianten``): 10 amendment variants (the STAP maximum per year from EUR 1.100 to EUR 2.000) on 10^6
persons: in-process, then a Dask local cluster of 1 and of 2 worker processes. Printed: seconds each, and whether
the three give the same totals.

Each measurement runs in a fresh Python process, so the peak memory (ru_maxrss) is its own.
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


def nl(size: int, chunk: int, reform: str, year: int) -> dict:
    from openfisca_llo.budget import (
        WET,
        SyntheticSource,
        Variant,
        assemble,
        build_system,
        chunk_task,
        employer_task,
        scheme_task,
    )
    from openfisca_llo.kostenposten import BY_NAME, REGELINGEN, concat

    figures: dict = {"size": size, "chunk": chunk, "reform": reform, "year": year, "schemes": {}}
    started = time.perf_counter()
    variants = (WET, Variant(reform, reform))
    for variant in variants:
        build_system(variant)
    figures["systems_s"] = time.perf_counter() - started
    source = SyntheticSource(size, seed=1, chunk=chunk)
    names = tuple(r.naam for r in REGELINGEN)
    t = time.perf_counter()
    chunks, tables = [], {name: [] for name in names}
    for k in source.chunks(year):
        result = chunk_task(source, year, k, variants, names)
        for name, table in result.tables.items():
            tables[name].append(table)
        result.tables = {}
        chunks.append(result)
    for name in names:
        if BY_NAME[name].bron == "werkgevers":
            tables[name].append(employer_task(source, year, name))
    joined = {name: concat(parts) for name, parts in tables.items()}
    figures["chunks_s"] = time.perf_counter() - t
    figures["chunks_peak_mib"] = peak_mib()
    outcomes = {}
    for name, table in joined.items():
        t = time.perf_counter()
        for variant in variants:
            outcomes[(name, variant.naam)] = scheme_task(name, variant, table, 20200302)
        figures["schemes"][name] = {"applications": len(table), "s": time.perf_counter() - t, "peak_mib": peak_mib()}
    t = time.perf_counter()
    report = assemble(source, variants, [year], chunks, joined, outcomes, 20200302, "proces")
    figures["assemble_s"] = time.perf_counter() - t
    figures["total_s"] = time.perf_counter() - started
    figures["peak_mib"] = peak_mib()
    figures["weighted_persons"] = report.weighted_persons
    figures["totals"] = {f"{r['regeling']} {r['variant']}": [r["ontvangers"], r["kosten_eur"], r["onbekend"]]
                         for r in report.totals if r["kosten_eur"] is not None or r["ontvangers"]}
    return figures


def variants_run(persons: int, engine: str, workers: int, year: int) -> dict:
    from openfisca_llo.budget import SyntheticSource, Variant, compute_budget

    amendments = [{"naam": f"stap_max_{amount}", "status": "scenario",
                   "bronnen": [{"bron": "kst-30012-142", "paragraaf": "STAP-budget"}],
                   "wijzigingen": {"stap.maximum_per_kalenderjaar": {"2022-01-01": amount}}}
                  for amount in range(1_100, 2_001, 100)]
    variants = [Variant.from_amendment(a) for a in amendments]
    started = time.perf_counter()
    report = compute_budget(SyntheticSource(persons, seed=1, chunk=250_000), variants, [year], engine=engine,
                            workers=workers)
    seconds = time.perf_counter() - started
    totals = sorted((r["regeling"], r["variant"], r["kosten_eur"]) for r in report.totals if r["kosten_eur"] is not None)
    stap = {r["variant"]: round(r["kosten_eur"] / 1e6, 1) for r in report.totals
            if r["regeling"] == "stap_budget"}
    return {"engine": engine, "workers": workers, "s": seconds, "peak_mib": peak_mib(), "totals": totals, "stap": stap}


def _child(arguments: list[str]) -> dict:
    command = [sys.executable, os.path.abspath(__file__), *arguments]
    result = subprocess.run(command, capture_output=True, text=True, cwd=tempfile.gettempdir())
    if result.returncode != 0:
        raise SystemExit(f"FAILED: {' '.join(arguments)}\n{result.stderr[-4000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--part", choices=["nl", "varianten", "alles"], default="alles")
    parser.add_argument("--persons", type=int, default=18_000_000, help="part 1: persons (default 1.8 x 10^7)")
    parser.add_argument("--chunk", type=int, default=250_000, help="part 1: persons per chunk (default 250000)")
    parser.add_argument("--reform", default="stap_leerrechten_mbo4", help="part 1: the reform beside the law")
    parser.add_argument("--year", type=int, default=2023)
    parser.add_argument("--variant-persons", type=int, default=1_000_000, help="part 2: persons (default 10^6)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    opts = parser.parse_args(argv)
    if opts.child == "nl":
        print(json.dumps(nl(opts.persons, opts.chunk, opts.reform, opts.year)))
        return 0
    if opts.child and opts.child.startswith("varianten"):
        _, engine, workers = opts.child.split(":")
        print(json.dumps(variants_run(opts.variant_persons, engine, int(workers), opts.year)))
        return 0
    print(f"cores: {os.cpu_count()}; load average {os.getloadavg()[0]:.1f} (other sessions share the cores)")
    if opts.part in ("nl", "alles"):
        f = _child(["--child", "nl", "--persons", str(opts.persons), "--chunk", str(opts.chunk), "--reform",
                    opts.reform, "--year", str(opts.year)])
        print(f"\n## Part 1: {f['size']:,} persons (chunks of {f['chunk']:,}; weighted {f['weighted_persons']:,.0f}), "
              f"law + {f['reform']}, {f['year']}, every scheme, in-process")
        print(f"tax-benefit systems {f['systems_s']:.1f} s; chunk phase (generate, keep applications) "
              f"{f['chunks_s']:.1f} s, peak {f['chunks_peak_mib']:,.0f} MiB")
        print("| scheme | applications | s (law + reform) | peak MiB so far |")
        print("|---|---:|---:|---:|")
        for name, s in f["schemes"].items():
            print(f"| {name} | {s['applications']:,} | {s['s']:.1f} | {s['peak_mib']:,.0f} |")
        print(f"assemble {f['assemble_s']:.1f} s; TOTAL {f['total_s']:.1f} s (target < 60 s), "
              f"peak {f['peak_mib']:,.0f} MiB = {f['peak_mib'] / 1024:.2f} GiB (target < 2 GiB)")
        print("| scheme, variant | recipients | cost EUR mln | onbekend |")
        print("|---|---:|---:|---:|")
        for key, (recipients, cost, unknown) in f["totals"].items():
            cost_text = "-" if cost is None else f"{cost / 1e6:,.1f}"
            print(f"| {key} | {recipients:,.0f} | {cost_text} | {unknown or 0:,.0f} |")
    if opts.part in ("varianten", "alles"):
        runs = []
        for engine, workers in (("proces", 1), ("dask", 1), ("dask", 2)):
            runs.append(_child(["--child", f"varianten:{engine}:{workers}", "--variant-persons",
                                str(opts.variant_persons), "--year", str(opts.year)]))
        print(f"\n## Part 2: 10 amendment variants + the law on {opts.variant_persons:,} persons, {opts.year}, every scheme")
        print("| engine | workers | s | peak MiB (driver) | same totals as in-process |")
        print("|---|---:|---:|---:|---|")
        for run in runs:
            print(f"| {run['engine']} | {run['workers']} | {run['s']:.1f} | {run['peak_mib']:,.0f} | "
                  f"{run['totals'] == runs[0]['totals']} |")
        print("STAP cost per variant (EUR mln):", runs[0]["stap"])
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Time the mutation measure (`openfisca-llo mutatietoets`): a script, not a test.

Prints wall-clock and CPU seconds of each phase (loading the cases and tracing which case reads which parameter and
formula; building the mutants; running them) for the full run and for one scheme, with the counts. Run from the
repository root: ``.venv/bin/python bench/mutatietoets.py [--regeling NAAM]``.
"""

import argparse
import resource
import time
from pathlib import Path

from openfisca_llo import mutatietoets


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def timed(label: str, schemes: set[str] | None) -> None:
    wall, processor = time.perf_counter(), cpu()
    mutants, trace, cases, systems = mutatietoets.build(Path("tests"), schemes=schemes)
    built_wall, built_cpu = time.perf_counter() - wall, cpu() - processor
    mutatietoets.run(mutants, systems)
    total_wall, total_cpu = time.perf_counter() - wall, cpu() - processor
    runs = sum(len(m.cases) for m in mutants)
    caught = sum(m.caught_by is not None for m in mutants)
    print(f"{label}: {len(mutants)} mutaties ({caught} gevangen) over {len(cases)} gevallen; "
          f"laden + traceren {built_wall:.1f} s (cpu {built_cpu:.1f} s), totaal {total_wall:.1f} s (cpu {total_cpu:.1f} s); "
          f"ten hoogste {runs} gevalruns geselecteerd")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--regeling", default="scholingsaftrek", help="regeling voor de deelmeting (standaard scholingsaftrek)")
    args = parser.parse_args()
    timed("volledig", None)
    timed(f"alleen {args.regeling}", {args.regeling})


if __name__ == "__main__":
    main()

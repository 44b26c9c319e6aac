"""The cost of the worst request each endpoint accepts under the default limits, and the limit that stops a
larger one.

    .venv/bin/python bench/limits.py            # all endpoints, each in a fresh process (peak RSS per request)
    .venv/bin/python bench/limits.py calculate  # one

Per endpoint it prints the request, the wall time, the peak resident memory of the process (the app loaded
plus the request), and the answer to the same request one step over the limit (a JSON 413 naming it).
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time

from openfisca_llo import limits

SOURCE = [{"bron": "kst-30012-158", "paragraaf": "2"}]


def _persons(count: int, days: int, variable: str = "stap_budget") -> dict:
    """``count`` persons, person i asking ``variable`` on day i mod ``days`` (distinct periods: ``days``)."""
    start = 738_000  # an ordinal in 2021
    import datetime

    dates = [datetime.date.fromordinal(start + d).isoformat() for d in range(days)]
    return {"personen": {f"p{i}": {"geboortedatum": {"ETERNITY": "1985-06-01"},
                                   variable: {dates[i % days]: None}} for i in range(count)}}


def _one_person_many_days(days: int) -> dict:
    import datetime

    start = 738_000
    return {"personen": {"p": {"stap_budget": {datetime.date.fromordinal(start + d).isoformat(): None
                                               for d in range(days)}}}}


def _explain_body(persons: int, days: int) -> dict:
    import datetime

    dates = [datetime.date.fromordinal(738_000 + d).isoformat() for d in range(days)]
    return {"personen": {f"p{i}": {"stap_budget": {d: None for d in dates}} for i in range(persons)}}


def _amendment(dates: int) -> dict:
    import datetime

    first = datetime.date(1901, 1, 1)
    values = {(first + datetime.timedelta(days=30 * d)).isoformat(): 1000 + d for d in range(dates)}
    return {"situatie": {"personen": {"a": {"stap_budget": {"2023-05-15": None}}}},
            "amendement": {"naam": "bench", "bronnen": SOURCE, "wijzigingen": {"stap.maximum_per_kalenderjaar": values}}}


def cases():
    """(name, path, worst accepted body, body one step over, the limit that stops it)."""
    cells = limits.MAX_CELLS.default
    explain_cells = limits.MAX_EXPLAIN_CELLS.default
    explain = limits.MAX_EXPLAIN.default
    persons_for_explain = explain_cells // explain
    overzicht = limits.MAX_OVERZICHT.default
    persons = limits.MAX_PERSONS.default
    days = cells // persons - 1  # each person also gives geboortedatum (ETERNITY): one more variable-period
    return {
        "calculate": ("/calculate", _persons(persons, days), _persons(persons, days + 1), limits.MAX_CELLS),
        "trace": ("/trace", _explain_body(persons_for_explain, explain), _explain_body(persons_for_explain + 1, explain),
                  limits.MAX_EXPLAIN_CELLS),
        "explain": ("/explain", _explain_body(persons_for_explain, explain), _one_person_many_days(explain + 1),
                    limits.MAX_EXPLAIN),
        "compare": ("/compare", {"situatie": _explain_body(persons_for_explain, explain), **{
            k: v for k, v in _amendment(limits.MAX_AMENDMENT_VALUES.default).items() if k != "situatie"}},
            _amendment(limits.MAX_AMENDMENT_VALUES.default + 1), limits.MAX_AMENDMENT_VALUES),
        "overzicht": ("/overzicht", {"situatie": {"personen": {f"p{i}": {"geboortedatum": "1985-06-01"}
                                                            for i in range(overzicht)}}, "datum": "2023-05-15"},
                      {"situatie": {"personen": {f"p{i}": {} for i in range(overzicht + 1)}}, "datum": "2023-05-15"},
                      limits.MAX_OVERZICHT),
    }


def _rss(field: str) -> float:
    """Resident memory in MB from /proc/self/status: VmRSS now, VmHWM the peak since the last reset."""
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) / 1024


def run_one(name: str) -> dict:
    from openfisca_llo.web import create_app

    path, body, over, limit = cases()[name]
    client = create_app().test_client()
    client.get("/spec")
    loaded = _rss("VmRSS")
    with open("/proc/self/clear_refs", "w") as handle:  # reset the peak (VmHWM) to the current RSS (Linux)
        handle.write("5")
    raw = json.dumps(body).encode()
    started = time.perf_counter()
    response = client.post(path, data=raw, content_type="application/json")
    elapsed = time.perf_counter() - started
    peak = _rss("VmHWM")
    refused = client.post(path, data=json.dumps(over).encode(), content_type="application/json")
    return {
        "endpoint": path, "status": response.status_code, "body_mb": round(len(raw) / 1e6, 2),
        "answer_mb": round(len(response.get_data()) / 1e6, 2), "seconds": round(elapsed, 2),
        "rss_loaded_mb": round(loaded), "rss_peak_mb": round(peak),
        "over_limit_status": refused.status_code, "over_limit_error": refused.get_json().get("error"),
        "limit": f"{limit.name}={limit.default}",
    }


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "--one":
        print(json.dumps(run_one(argv[1]), ensure_ascii=False))
        return 0
    names = argv or list(cases())
    print(f"{'endpoint':<11} {'status':>6} {'body MB':>8} {'answer MB':>9} {'s':>7} {'RSS app MB':>10} "
          f"{'RSS peak MB':>11}  over the limit")
    for name in names:
        output = subprocess.run([sys.executable, __file__, "--one", name], capture_output=True, text=True, check=False)
        if output.returncode != 0:
            print(f"{name}: failed\n{output.stderr[-2000:]}")
            continue
        r = json.loads(output.stdout.strip().splitlines()[-1])
        print(f"{r['endpoint']:<11} {r['status']:>6} {r['body_mb']:>8} {r['answer_mb']:>9} {r['seconds']:>7} "
              f"{r['rss_loaded_mb']:>10} {r['rss_peak_mb']:>11}  {r['over_limit_status']} {r['limit']}: "
              f"{r['over_limit_error']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

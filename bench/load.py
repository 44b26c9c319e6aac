"""Load benchmark of the openfisca-llo web API beside openfisca-country-template.

A script, not a test: it prints figures. Run from the repository root:

    .venv/bin/python bench/load.py            # defaults: about 20 s of load, under a minute in all
    .venv/bin/python bench/load.py --help     # flags: requests, concurrency, timeouts, skipping the template

Network: only 127.0.0.1 servers this script starts itself; it stops them (their process group) on exit.
Every loop is bounded in count and in time.
"""

from __future__ import annotations

import argparse
import copy
import http.client
import json
import multiprocessing
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "stap_anna.json"
DEFAULT_TEMPLATE_VENV = ROOT / "bench" / ".template-venv"
TEMPLATE_PACKAGES = ["openfisca-country-template", "openfisca-core[web-api]>=46,<47"]

HOST = "127.0.0.1"
CORES = os.cpu_count() or 1


# --------------------------------------------------------------------------------------------- situations

def llo_situation() -> dict:
    with open(EXAMPLE, encoding="utf-8") as handle:
        return json.load(handle)


def llo_situation_many(count: int) -> dict:
    person = next(iter(llo_situation()["personen"].values()))
    return {"personen": {f"persoon_{i}": copy.deepcopy(person) for i in range(count)}}


def template_person() -> dict:
    return {"salary": {"2023-01": 3000}, "income_tax": {"2023-01": None}}


def template_situation() -> dict:
    return {"persons": {"anna": template_person()}, "households": {"huishouden": {"adults": ["anna"]}}}


def template_situation_many(count: int) -> dict:
    return {
        "persons": {f"person_{i}": template_person() for i in range(count)},
        "households": {f"household_{i}": {"adults": [f"person_{i}"]} for i in range(count)},
    }


# ------------------------------------------------------------------------------------------------ servers

class ServerError(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Server:
    """A server process in its own process group; `stop` ends that group (the master and its workers)."""

    def __init__(self, name: str, command: list[str], port: int, start_timeout: float) -> None:
        self.name = name
        self.command = command
        self.port = port
        self.start_timeout = start_timeout
        self.process: subprocess.Popen | None = None
        self.log = tempfile.NamedTemporaryFile(prefix=f"bench-{name}-", suffix=".log", delete=False)
        self.startup_seconds: float | None = None
        self.keep_log = False  # kept (and named in the error) when the server fails to start

    def start(self) -> float:
        if not Path(self.command[0]).exists():
            raise ServerError(f"{self.name}: executable not found: {self.command[0]}")
        started = time.perf_counter()
        self.process = subprocess.Popen(
            self.command, cwd=tempfile.gettempdir(), stdin=subprocess.DEVNULL, stdout=self.log,
            stderr=subprocess.STDOUT, start_new_session=True,
        )
        deadline = started + self.start_timeout
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                self.keep_log = True
                raise ServerError(f"{self.name}: server exited with code {self.process.returncode} before "
                                  f"answering /spec.\n{self.log_tail()}")
            try:
                connection = http.client.HTTPConnection(HOST, self.port, timeout=2)
                connection.request("GET", "/spec")
                response = connection.getresponse()
                response.read()
                connection.close()
                if response.status == 200:
                    self.startup_seconds = time.perf_counter() - started
                    return self.startup_seconds
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.05)
        self.keep_log = True
        raise ServerError(f"{self.name}: /spec did not answer 200 within {self.start_timeout:.0f} s.\n"
                          f"{self.log_tail()}")

    def log_tail(self, lines: int = 15) -> str:
        try:
            text = Path(self.log.name).read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return ""
        return "  server log (" + self.log.name + "):\n" + "\n".join("    " + line for line in text[-lines:])

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
                try:
                    os.killpg(process.pid, sig)
                except ProcessLookupError:
                    break
                try:
                    process.wait(timeout=wait)
                    break
                except subprocess.TimeoutExpired:
                    continue
        self.log.close()
        if not self.keep_log:
            Path(self.log.name).unlink(missing_ok=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


# ------------------------------------------------------------------------------------------------ clients

def post(port: int, path: str, body: bytes, timeout: float) -> tuple[int, bytes, float]:
    """One request on a fresh connection; returns status, body and seconds."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        started = time.perf_counter()
        connection.request("POST", path, body=body, headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        data = response.read()
        return response.status, data, time.perf_counter() - started
    finally:
        connection.close()


def _client_thread(port, path, body, count, deadline, timeout, latencies, errors, reconnects):
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    headers = {"Content-Type": "application/json", "Connection": "keep-alive"}
    try:
        for _ in range(count):
            if time.perf_counter() >= deadline:
                break
            started = time.perf_counter()
            try:
                connection.request("POST", path, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.will_close:  # the server refused keep-alive; http.client reopens next time
                    reconnects.append(1)
                if response.status != 200:
                    errors.append(response.status)
                    continue
            except (OSError, http.client.HTTPException) as error:
                errors.append(type(error).__name__)
                connection.close()
                connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
                continue
            latencies.append(time.perf_counter() - started)
    finally:
        connection.close()


def _client_process(args):
    """One client process running `threads` keep-alive connections; returns its latencies and CPU time."""
    port, path, body, counts, deadline_in, timeout, start_at = args
    latencies, errors, reconnects = [], [], []
    # wall-clock barrier so every process starts together; bounded by a short sleep
    time.sleep(max(0.0, min(5.0, start_at - time.time())))
    deadline = time.perf_counter() + deadline_in
    cpu = time.process_time()
    began = time.monotonic()  # CLOCK_MONOTONIC: comparable across processes on one machine
    threads = [threading.Thread(target=_client_thread,
                                args=(port, path, body, n, deadline, timeout, latencies, errors, reconnects))
               for n in counts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors, len(reconnects), time.process_time() - cpu, began, time.monotonic()


def split(total: int, parts: int) -> list[int]:
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(q / 100 * len(sorted_values) + 0.5) - 1))
    return sorted_values[index]


def run_load(pool, port: int, path: str, body: bytes, opts) -> dict:
    """`opts.requests` requests over processes × threads connections, bounded by `opts.max_seconds`."""
    concurrency = opts.processes * opts.threads
    per_connection = split(opts.requests, concurrency)
    jobs = []
    start_at = time.time() + 0.5
    for p in range(opts.processes):
        counts = per_connection[p * opts.threads:(p + 1) * opts.threads]
        jobs.append((port, path, body, counts, opts.max_seconds, opts.request_timeout, start_at))
    limit = opts.max_seconds + opts.request_timeout + 30
    try:
        results = pool.map_async(_client_process, jobs).get(timeout=limit)
    except multiprocessing.TimeoutError as error:
        raise ServerError(f"load run on {path} did not finish within {limit:.0f} s") from error
    wall = max(r[5] for r in results) - min(r[4] for r in results)
    latencies = sorted(x for r in results for x in r[0])
    errors = [e for r in results for e in r[1]]
    reconnects = sum(r[2] for r in results)
    client_cpu = sum(r[3] for r in results)
    return {"ok": len(latencies), "errors": errors, "reconnects": reconnects, "wall": wall,
            "rps": len(latencies) / wall if wall > 0 else float("nan"),
            "p50": percentile(latencies, 50) * 1000, "p99": percentile(latencies, 99) * 1000,
            "client_cpu": client_cpu}


def warm_up(port: int, path: str, body: bytes, count: int, timeout: float) -> None:
    for _ in range(count):
        status, data, _ = post(port, path, body, timeout)
        if status != 200:
            raise ServerError(f"warm-up {path} answered {status}: {data[:300]!r}")


# ------------------------------------------------------------------------------------------ the benchmark

def print_load(label: str, result: dict, opts) -> None:
    busy = result["client_cpu"] / (result["wall"] * CORES) * 100 if result["wall"] else float("nan")
    errors = f", {len(result['errors'])} errors {sorted(set(map(str, result['errors'])))}" if result["errors"] else ""
    print(f"  {label}: {result['ok']} ok in {result['wall']:.1f} s -> {result['rps']:.1f} req/s, "
          f"p50 {result['p50']:.1f} ms, p99 {result['p99']:.1f} ms{errors}")
    print(f"    client: {opts.processes} processes x {opts.threads} threads, {result['client_cpu']:.1f} CPU-s "
          f"= {busy:.0f}% of {CORES} cores; connections reopened {result['reconnects']} times "
          f"(sync workers close after each response; gevent workers keep the connection alive)")


def timed_big(port: int, path: str, body: bytes, timeout: float, label: str) -> float | None:
    """Seconds for one big request, None if it took longer than `timeout`."""
    try:
        status, data, seconds = post(port, path, body, timeout)
    except TimeoutError:
        print(f"  {label}: > {timeout:.0f} s (timed out)")
        return None
    if status != 200:
        raise ServerError(f"{label} answered {status}: {data[:300]!r}")
    print(f"  {label}: {seconds:.2f} s ({len(data) / 1e6:.1f} MB answer)")
    return seconds


def bench_llo(pool, opts, figures: dict) -> None:
    executable = str(Path(sys.executable).parent / "openfisca-llo")
    port = free_port()
    print(f"openfisca-llo: {executable} serve --host {HOST} --port {port} --workers 2")
    with Server("openfisca-llo", [executable, "serve", "--host", HOST, "--port", str(port), "--workers", "2"],
                port, opts.start_timeout) as server:
        figures["startup"] = server.start()
        print(f"  start-up (process start until /spec 200): {figures['startup']:.2f} s")
        one = json.dumps(llo_situation()).encode()
        status, data, _ = post(port, "/calculate", one, opts.request_timeout)
        answer = json.loads(data) if status == 200 else {}
        budget = answer.get("personen", {}).get("anna", {}).get("stap_budget", {}).get("2023-05-15")
        if budget != 1000:
            raise ServerError(f"openfisca-llo /calculate gave {status} {data[:300]!r}, expected stap_budget 1000")
        for path in ("/calculate", "/explain"):
            warm_up(port, path, one, opts.warm_up, opts.request_timeout)
        figures["calculate"] = run_load(pool, port, "/calculate", one, opts)
        print_load("single-person /calculate", figures["calculate"], opts)
        figures["explain"] = run_load(pool, port, "/explain", one, opts)
        print_load("single-person /explain", figures["explain"], opts)
        many = json.dumps(llo_situation_many(opts.persons)).encode()
        figures["big_calculate"] = timed_big(port, "/calculate", many, opts.big_timeout,
                                             f"{opts.persons}-person /calculate")
        figures["big_explain"] = timed_big(port, "/explain", many, opts.big_timeout,
                                           f"{opts.persons}-person /explain")


def template_venv(opts) -> Path:
    venv = Path(opts.template_venv)
    python = venv / "bin" / "python"
    check = [str(python), "-c", "import openfisca_country_template, openfisca_web_api, gunicorn"]
    if python.exists() and subprocess.run(check, capture_output=True, timeout=120).returncode == 0:
        return venv
    if opts.no_install:
        raise ServerError(f"no usable template venv at {venv} and --no-install given")
    print(f"  creating {venv} and installing {' '.join(TEMPLATE_PACKAGES)} (cached for later runs)")
    shutil.rmtree(venv, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    result = subprocess.run([str(python), "-m", "pip", "install", "-q", *TEMPLATE_PACKAGES],
                            capture_output=True, text=True, timeout=900)
    if result.returncode != 0 or subprocess.run(check, capture_output=True, timeout=120).returncode != 0:
        raise ServerError(f"installing the template failed:\n{result.stderr[-2000:]}")
    return venv


def bench_template(pool, opts, figures: dict) -> None:
    venv = template_venv(opts)
    executable = str(venv / "bin" / "openfisca")
    port = free_port()
    command = [executable, "serve", "--country-package", "openfisca_country_template",
               "--bind", f"{HOST}:{port}", "--workers", "2"]
    print(f"country-template: {' '.join(command)}")
    with Server("country-template", command, port, opts.start_timeout) as server:
        figures["startup"] = server.start()
        print(f"  start-up (process start until /spec 200): {figures['startup']:.2f} s")
        one = json.dumps(template_situation()).encode()
        status, data, _ = post(port, "/calculate", one, opts.request_timeout)
        answer = json.loads(data) if status == 200 else {}
        if answer.get("persons", {}).get("anna", {}).get("income_tax", {}).get("2023-01") is None:
            raise ServerError(f"country-template /calculate gave {status} {data[:300]!r}, expected income_tax")
        warm_up(port, "/calculate", one, opts.warm_up, opts.request_timeout)
        figures["calculate"] = run_load(pool, port, "/calculate", one, opts)
        print_load("single-person /calculate", figures["calculate"], opts)
        many = json.dumps(template_situation_many(opts.persons)).encode()
        figures["big_calculate"] = timed_big(port, "/calculate", many, opts.template_big_timeout,
                                             f"{opts.persons}-person /calculate")


# -------------------------------------------------------------------------------------------------- table

def fmt_seconds(value, timeout=None) -> str:
    if value is None:
        return f">{timeout:.0f} s" if timeout else "n/a"
    return f"{value:.2f} s"


def get(figures, *keys):
    for key in keys:
        if not isinstance(figures, dict) or key not in figures:
            return None
        figures = figures[key]
    return figures


def load_average() -> str:
    try:
        return "/".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def print_table(llo: dict, template: dict, opts) -> bool:
    def load(figures, key, field, unit):
        value = get(figures, key, field)
        return "n/a" if value is None else f"{value:.1f}{unit}"

    big_timeout_llo, big_timeout_tpl = opts.big_timeout, opts.template_big_timeout
    rows = [
        ("start-up (until /spec 200)", fmt_seconds(get(llo, "startup")), fmt_seconds(get(template, "startup"))),
        ("1-person /calculate req/s", load(llo, "calculate", "rps", ""), load(template, "calculate", "rps", "")),
        ("1-person /calculate p50", load(llo, "calculate", "p50", " ms"), load(template, "calculate", "p50", " ms")),
        ("1-person /calculate p99", load(llo, "calculate", "p99", " ms"), load(template, "calculate", "p99", " ms")),
        ("1-person /explain req/s", load(llo, "explain", "rps", ""), "-"),
        ("1-person /explain p50", load(llo, "explain", "p50", " ms"), "-"),
        ("1-person /explain p99", load(llo, "explain", "p99", " ms"), "-"),
        (f"{opts.persons}-person /calculate",
         fmt_seconds(get(llo, "big_calculate"), big_timeout_llo if "big_calculate" in llo else None),
         fmt_seconds(get(template, "big_calculate"), big_timeout_tpl if "big_calculate" in template else None)),
        (f"{opts.persons}-person /explain",
         fmt_seconds(get(llo, "big_explain"), big_timeout_llo if "big_explain" in llo else None), "-"),
    ]

    llo_rps, tpl_rps = get(llo, "calculate", "rps"), get(template, "calculate", "rps")
    explain_p99, startup = get(llo, "explain", "p99"), get(llo, "startup")

    def verdict(ok):
        return "n/a" if ok is None else ("PASS" if ok else "FAIL")

    targets = [
        ("1-person /calculate req/s >= 1/2 template's",
         verdict(None if llo_rps is None or tpl_rps is None else llo_rps >= tpl_rps / 2),
         "n/a" if llo_rps is None or tpl_rps is None else f"{llo_rps:.1f} vs {tpl_rps / 2:.1f} needed"),
        ("1-person /explain p99 < 50 ms", verdict(None if explain_p99 is None else explain_p99 < 50),
         "n/a" if explain_p99 is None else f"{explain_p99:.1f} ms"),
        ("openfisca-llo start-up < 5 s", verdict(None if startup is None else startup < 5),
         "n/a" if startup is None else f"{startup:.2f} s"),
    ]
    widths = [max(len(r[i]) for r in rows + targets + [("metric", "openfisca-llo", "country-template")])
              for i in range(3)]

    def line(cells):
        right = " | ".join(c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True))
        print("| " + cells[0].ljust(widths[0]) + " | " + right + " |")

    def rule():
        print("|" + "|".join("-" * (w + 2) for w in widths) + "|")

    print()
    line(("metric", "openfisca-llo", "country-template"))
    rule()
    for row in rows:
        line(row)
    print()
    line(("target", "result", "measured"))
    rule()
    for row in targets:
        line(row)
    print()
    print(f"Machine: {CORES} cores shared by the client processes and the 2 server workers; "
          f"{opts.processes}x{opts.threads} concurrent connections, {opts.requests} requests per load run.")
    print(f"Load average before the run {opts.load_before}, after {load_average()} "
          f"(above 0 before means other work competed for the cores).")
    return all(t[1] == "PASS" for t in targets)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=5000, help="requests per load run (default 5000)")
    parser.add_argument("--processes", type=int, default=2, help="client processes (default 2)")
    parser.add_argument("--threads", type=int, default=4, help="keep-alive connections per process (default 4)")
    parser.add_argument("--max-seconds", type=float, default=30, help="time cap per load run (default 30)")
    parser.add_argument("--warm-up", type=int, default=20, help="unmeasured requests per endpoint (default 20)")
    parser.add_argument("--persons", type=int, default=10_000, help="persons in the big request (default 10000)")
    parser.add_argument("--request-timeout", type=float, default=30, help="seconds per small request (default 30)")
    parser.add_argument("--big-timeout", type=float, default=120, help="seconds for llo's big requests (default 120)")
    parser.add_argument("--template-big-timeout", type=float, default=60,
                        help="seconds for the template's big /calculate (default 60)")
    parser.add_argument("--start-timeout", type=float, default=60, help="seconds to wait for /spec (default 60)")
    parser.add_argument("--template-venv", default=str(DEFAULT_TEMPLATE_VENV),
                        help="venv with openfisca-country-template (created and cached if missing)")
    parser.add_argument("--no-install", action="store_true", help="never pip install the template")
    parser.add_argument("--skip-template", action="store_true", help="benchmark openfisca-llo only")
    opts = parser.parse_args(argv)
    if min(opts.requests, opts.processes, opts.threads) < 1:
        parser.error("--requests, --processes and --threads must be at least 1")
    return opts


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def main(argv=None) -> int:
    opts = parse_args(argv)
    opts.load_before = load_average()
    llo: dict = {}
    template: dict = {}
    failed = False
    # SIGTERM -> KeyboardInterrupt, so the `with Server` blocks stop the servers
    signal.signal(signal.SIGTERM, _interrupt)
    context = multiprocessing.get_context("spawn")
    with context.Pool(opts.processes) as pool:
        for name, bench, figures in (("openfisca-llo", bench_llo, llo), ("country-template", bench_template, template)):
            if name == "country-template" and opts.skip_template:
                continue
            try:
                bench(pool, opts, figures)
            except (ServerError, subprocess.SubprocessError, OSError) as error:
                failed = True
                print(f"\nERROR ({name}): {error}\n", file=sys.stderr)
            print()
    passed = print_table(llo, template, opts)
    return 0 if passed and not failed else 1


if __name__ == "__main__":
    sys.exit(main())

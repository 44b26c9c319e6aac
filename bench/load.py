"""Load benchmark of the openfisca-llo web API beside openfisca-country-template, in interleaved rounds.

A script, not a test: it prints figures. Run from the repository root:

    .venv/bin/python bench/load.py            # defaults: 5 rounds of 1500 requests per run, a few minutes
    .venv/bin/python bench/load.py --help     # flags: rounds, requests, template worker classes, a baseline build

Every server stays up for the whole run; each round loads llo /calculate, the template's /calculate (sync and/or
gevent workers) and llo /explain with the same number of requests over the same connections, one after the other
(reversed every other round), so a ratio is taken between runs of the same round and the median of the per-round
ratios is reported: a machine shared with other work still gives a fair comparison.

Network: only 127.0.0.1 servers this script starts itself; it stops them (their process group) on exit.
Every loop is bounded in count and in time.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import http.client
import json
import multiprocessing
import os
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

    def cpu_seconds(self) -> float:
        """User + system CPU seconds of every process in the server's process group (the master and its workers),
        from /proc: a per-request cost that other work on the machine does not inflate the way it does wall time."""
        if self.process is None:
            return float("nan")
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except OSError:
                continue  # the process ended meanwhile
            if int(fields[2]) == self.process.pid:  # fields[2] is the process group (field 5 of stat)
                total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
        return total / ticks

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


def run_load(pool, port: int, path: str, body: bytes, opts, server: Server | None = None) -> dict:
    """`opts.requests` requests over processes × threads connections, bounded by `opts.max_seconds`; with
    ``server``, also its CPU milliseconds per answered request."""
    concurrency = opts.processes * opts.threads
    per_connection = split(opts.requests, concurrency)
    jobs = []
    start_at = time.time() + 0.5
    for p in range(opts.processes):
        counts = per_connection[p * opts.threads:(p + 1) * opts.threads]
        jobs.append((port, path, body, counts, opts.max_seconds, opts.request_timeout, start_at))
    limit = opts.max_seconds + opts.request_timeout + 30
    cpu_before = server.cpu_seconds() if server is not None else float("nan")
    try:
        results = pool.map_async(_client_process, jobs).get(timeout=limit)
    except multiprocessing.TimeoutError as error:
        raise ServerError(f"load run on {path} did not finish within {limit:.0f} s") from error
    wall = max(r[5] for r in results) - min(r[4] for r in results)
    latencies = sorted(x for r in results for x in r[0])
    errors = [e for r in results for e in r[1]]
    reconnects = sum(r[2] for r in results)
    client_cpu = sum(r[3] for r in results)
    server_cpu = (server.cpu_seconds() - cpu_before) if server is not None else float("nan")
    return {"server_cpu_ms": server_cpu * 1000 / len(latencies) if latencies else float("nan"),"ok": len(latencies), "errors": errors, "reconnects": reconnects, "wall": wall,
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
    print(f"    {label}: {result['ok']} ok in {result['wall']:.1f} s -> {result['rps']:.1f} req/s, "
          f"p50 {result['p50']:.1f} ms, p99 {result['p99']:.1f} ms; server {result['server_cpu_ms']:.2f} CPU-ms "
          f"per request; client {result['client_cpu']:.1f} CPU-s "
          f"({busy:.0f}% of {CORES} cores), reconnects {result['reconnects']}{errors}")


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


class Target:
    """One server under load: a name, its port, the request body and the check of its first answer."""

    def __init__(self, name: str, server: Server, body: bytes, big_body: bytes, big_timeout: float) -> None:
        self.name, self.server, self.body = name, server, body
        self.big_body, self.big_timeout = big_body, big_timeout


def llo_server(opts, executable: str | None = None, name: str = "openfisca-llo") -> Server:
    executable = executable or str(Path(sys.executable).parent / "openfisca-llo")
    port = free_port()
    command = [executable, "serve", "--host", HOST, "--port", str(port), "--workers", str(opts.server_workers)]
    print(f"{name}: {' '.join(command)}  (gevent workers, keep-alive 5 s)")
    return Server(name, command, port, opts.start_timeout)


def check_llo(port: int, opts) -> None:
    one = json.dumps(llo_situation()).encode()
    status, data, _ = post(port, "/calculate", one, opts.request_timeout)
    answer = json.loads(data) if status == 200 else {}
    budget = answer.get("personen", {}).get("anna", {}).get("stap_budget", {}).get("2023-05-15")
    if budget != 1000:
        raise ServerError(f"openfisca-llo /calculate gave {status} {data[:300]!r}, expected stap_budget 1000")
    for path in ("/calculate", "/explain"):
        warm_up(port, path, one, opts.warm_up, opts.request_timeout)


def template_venv(opts, worker_classes) -> Path:
    venv = Path(opts.template_venv)
    python = venv / "bin" / "python"
    modules = ["openfisca_country_template", "openfisca_web_api", "gunicorn"]
    packages = list(TEMPLATE_PACKAGES)
    if "gevent" in worker_classes:
        modules.append("gevent")
        packages.append("gevent")
    check = [str(python), "-c", "import " + ", ".join(modules)]
    if python.exists() and subprocess.run(check, capture_output=True, timeout=120).returncode == 0:
        return venv
    if opts.no_install:
        raise ServerError(f"no usable template venv at {venv} (needs {', '.join(modules)}) and --no-install given")
    print(f"  installing {' '.join(packages)} in {venv} (cached for later runs)")
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    result = subprocess.run([str(python), "-m", "pip", "install", "-q", *packages],
                            capture_output=True, text=True, timeout=900)
    if result.returncode != 0 or subprocess.run(check, capture_output=True, timeout=120).returncode != 0:
        raise ServerError(f"installing the template failed:\n{result.stderr[-2000:]}")
    return venv


def template_server(opts, venv: Path, worker_class: str) -> Server:
    executable = str(venv / "bin" / "openfisca")
    port = free_port()
    command = [executable, "serve", "--country-package", "openfisca_country_template",
               "--bind", f"{HOST}:{port}", "--workers", str(opts.server_workers)]
    if worker_class == "gevent":  # gunicorn options pass through `openfisca serve`
        command += ["--worker-class", "gevent", "--keep-alive", "5"]
    how = ("gevent workers, keep-alive 5 s: the same as openfisca-llo" if worker_class == "gevent"
           else "its default sync workers: the connection is closed after each response")
    print(f"country-template ({worker_class}): {' '.join(command)}  ({how})")
    return Server(f"country-template-{worker_class}", command, port, opts.start_timeout)


def check_template(port: int, opts) -> None:
    one = json.dumps(template_situation()).encode()
    status, data, _ = post(port, "/calculate", one, opts.request_timeout)
    answer = json.loads(data) if status == 200 else {}
    if answer.get("persons", {}).get("anna", {}).get("income_tax", {}).get("2023-01") is None:
        raise ServerError(f"country-template /calculate gave {status} {data[:300]!r}, expected income_tax")
    warm_up(port, "/calculate", one, opts.warm_up, opts.request_timeout)


def median(values):
    values = sorted(v for v in values if v == v)
    if not values:
        return float("nan")
    middle = len(values) // 2
    return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2


def interleaved(pool, runs: list[tuple[str, Server, str, bytes]], opts) -> dict[str, list[dict]]:
    """``opts.rounds`` rounds; each round runs every (label, server, path, body) once with the same load, in turn
    (A B C, then C B A in the next round, so no run always follows the same one). Returns label -> per-round results."""
    results: dict[str, list[dict]] = {label: [] for label, _, _, _ in runs}
    for index in range(opts.rounds):
        order = runs if index % 2 == 0 else list(reversed(runs))
        print(f"  round {index + 1}/{opts.rounds} (load average {load_average()}):")
        for label, server, path, body in order:
            result = run_load(pool, server.port, path, body, opts, server)
            results[label].append(result)
            print_load(label, result, opts)
    return results


def ratios(results: dict[str, list[dict]], over: str, under: str, field: str = "rps") -> list[float]:
    """Per round: ``over``'s figure divided by ``under``'s figure (both from the same round)."""
    return [a[field] / b[field] if b[field] else float("nan") for a, b in zip(results[over], results[under], strict=True)]


# -------------------------------------------------------------------------------------------------- table

def load_average() -> str:
    try:
        return "/".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def print_rounds(results: dict[str, list[dict]]) -> None:
    labels = list(results)
    print()
    print("| round | " + " | ".join(f"{label} req/s" for label in labels) + " |")
    print("|---:|" + "---:|" * len(labels))
    for index in range(len(next(iter(results.values())))):
        print(f"| {index + 1} | " + " | ".join(f"{results[label][index]['rps']:.1f}" for label in labels) + " |")
    print("| median | " + " | ".join(f"{median(r['rps'] for r in results[label]):.1f}" for label in labels) + " |")
    print("| median p50 ms | " + " | ".join(f"{median(r['p50'] for r in results[label]):.1f}" for label in labels) + " |")
    print("| median p99 ms | " + " | ".join(f"{median(r['p99'] for r in results[label]):.1f}" for label in labels) + " |")
    print("| median server CPU-ms per request | "
          + " | ".join(f"{median(r['server_cpu_ms'] for r in results[label]):.2f}" for label in labels) + " |")


def rounds_text(values: list[float]) -> str:
    return f"{median(values):.2f}x (rounds: {', '.join(f'{x:.2f}' for x in values)})"


def verdict(ok) -> str:
    return "n/a" if ok is None else ("PASS" if ok else "FAIL")


def print_targets(results: dict[str, list[dict]], figures: dict, opts) -> bool:
    """The issue's targets, each on the median of the per-round ratios (a ratio of two runs of the same round)."""
    rows = []
    if "llo /explain" in results:
        per_round = ratios(results, "llo /calculate", "llo /explain")  # time per request: explain / calculate
        value = median(per_round)
        rows.append(("1-person /explain time <= 1.5x /calculate's (req/s ratio)", verdict(value <= 1.5),
                     f"{value:.2f}x (rounds: {', '.join(f'{x:.2f}' for x in per_round)})"))
        rows.append(("  same, on p50 latency (for information)", "-",
                     rounds_text(ratios(results, "llo /explain", "llo /calculate", "p50"))))
        rows.append(("  same, on server CPU per request (for information)", "-",
                     rounds_text(ratios(results, "llo /explain", "llo /calculate", "server_cpu_ms"))))
        p99 = median(r["p99"] for r in results["llo /explain"])
        rows.append(("1-person /explain p99 < 50 ms (median of rounds)", verdict(p99 < 50), f"{p99:.1f} ms"))
    for label in results:
        if label.startswith("template"):
            per_round = ratios(results, "llo /calculate", label)
            value = median(per_round)
            rows.append((f"1-person /calculate req/s >= {label}'s", verdict(value >= 1.0),
                         f"{value:.2f}x (rounds: {', '.join(f'{x:.2f}' for x in per_round)})"))
            rows.append(("  same, template's server CPU per request / llo's (for information)", "-",
                         rounds_text(ratios(results, label, "llo /calculate", "server_cpu_ms"))))
    for path in ("/calculate", "/explain"):
        if f"baseline {path}" in results and f"llo {path}" in results:
            rows.append((f"  llo {path} req/s / baseline's (for information)", "-",
                         rounds_text(ratios(results, f"llo {path}", f"baseline {path}"))))
            rows.append((f"  baseline {path} server CPU / llo's (for information)", "-",
                         rounds_text(ratios(results, f"baseline {path}", f"llo {path}", "server_cpu_ms"))))
    if "baseline /explain" in results:
        rows.append(("  baseline /explain time / its /calculate's (for information)", "-",
                     rounds_text(ratios(results, "baseline /calculate", "baseline /explain"))))
        rows.append(("  same, on server CPU per request (for information)", "-",
                     rounds_text(ratios(results, "baseline /explain", "baseline /calculate", "server_cpu_ms"))))
    startup = figures.get("startup")
    rows.append(("openfisca-llo start-up < 5 s", verdict(None if startup is None else startup < 5),
                 "n/a" if startup is None else f"{startup:.2f} s"))
    width = [max(len(r[i]) for r in rows + [("target", "result", "measured")]) for i in range(3)]
    print()
    print("| " + " | ".join(c.ljust(w) for c, w in zip(("target", "result", "measured"), width, strict=True)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in width) + "|")
    for row in rows:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(row, width, strict=True)) + " |")
    print()
    print(f"Machine: {CORES} cores shared by the client processes and the servers ({opts.server_workers} workers each); "
          f"{opts.processes}x{opts.threads} concurrent keep-alive connections, {opts.requests} requests (at most "
          f"{opts.max_seconds:.0f} s) per run, {opts.rounds} interleaved rounds.")
    print(f"Load average before the run {opts.load_before}, after {load_average()} "
          f"(above 0 before means other work competed for the cores).")
    return all(row[1] in ("PASS", "-") for row in rows)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds (default 5)")
    parser.add_argument("--requests", type=int, default=1500, help="requests per run (default 1500)")
    parser.add_argument("--processes", type=int, default=2, help="client processes (default 2)")
    parser.add_argument("--threads", type=int, default=4, help="keep-alive connections per process (default 4)")
    parser.add_argument("--max-seconds", type=float, default=10, help="time cap per run (default 10)")
    parser.add_argument("--server-workers", type=int, default=2, help="workers per server (default 2)")
    parser.add_argument("--warm-up", type=int, default=20, help="unmeasured requests per endpoint (default 20)")
    parser.add_argument("--persons", type=int, default=10_000,
                        help="persons in the big request (default 10000; 0 skips the big requests)")
    parser.add_argument("--request-timeout", type=float, default=30, help="seconds per small request (default 30)")
    parser.add_argument("--big-timeout", type=float, default=120, help="seconds for llo's big requests (default 120)")
    parser.add_argument("--template-big-timeout", type=float, default=60,
                        help="seconds for the template's big /calculate (default 60)")
    parser.add_argument("--start-timeout", type=float, default=60, help="seconds to wait for /spec (default 60)")
    parser.add_argument("--template-venv", default=str(DEFAULT_TEMPLATE_VENV),
                        help="venv with openfisca-country-template (created and cached if missing)")
    parser.add_argument("--template-workers", default="sync,gevent",
                        help="the template's worker classes to compare with, comma-separated: sync (its default, "
                             "a new connection per request) and/or gevent (keep-alive, as openfisca-llo); "
                             "default both")
    parser.add_argument("--baseline", metavar="EXECUTABLE",
                        help="another openfisca-llo executable (e.g. a venv built from main) served beside this one "
                             "and loaded in the same rounds: before/after figures from one run")
    parser.add_argument("--no-install", action="store_true", help="never pip install the template")
    parser.add_argument("--skip-template", action="store_true", help="benchmark openfisca-llo only")
    parser.add_argument("--skip-explain", action="store_true", help="leave /explain out of the rounds")
    opts = parser.parse_args(argv)
    if min(opts.requests, opts.processes, opts.threads, opts.rounds, opts.server_workers) < 1:
        parser.error("--requests, --processes, --threads, --rounds and --server-workers must be at least 1")
    opts.template_workers = [w.strip() for w in opts.template_workers.split(",") if w.strip()]
    if not opts.template_workers or set(opts.template_workers) - {"sync", "gevent"}:
        parser.error("--template-workers: sync, gevent or sync,gevent")
    return opts


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def main(argv=None) -> int:
    opts = parse_args(argv)
    opts.load_before = load_average()
    figures: dict = {}
    # SIGTERM -> KeyboardInterrupt, so the ExitStack stops the servers
    signal.signal(signal.SIGTERM, _interrupt)
    context = multiprocessing.get_context("spawn")
    with context.Pool(opts.processes) as pool, contextlib.ExitStack() as stack:
        try:
            llo = stack.enter_context(llo_server(opts))
            figures["startup"] = llo.start()
            print(f"  start-up (process start until /spec 200): {figures['startup']:.2f} s")
            check_llo(llo.port, opts)
            one = json.dumps(llo_situation()).encode()
            runs = [("llo /calculate", llo, "/calculate", one)]
            templates = []
            if not opts.skip_template:
                venv = template_venv(opts, opts.template_workers)
                body = json.dumps(template_situation()).encode()
                for worker_class in opts.template_workers:
                    server = stack.enter_context(template_server(opts, venv, worker_class))
                    print(f"  start-up: {server.start():.2f} s")
                    check_template(server.port, opts)
                    runs.append((f"template {worker_class} /calculate", server, "/calculate", body))
                    templates.append(server)
            if not opts.skip_explain:
                runs.append(("llo /explain", llo, "/explain", one))
            if opts.baseline:  # another build of openfisca-llo (say, before a change), in the same rounds
                base = stack.enter_context(llo_server(opts, opts.baseline, "baseline"))
                print(f"  start-up: {base.start():.2f} s")
                check_llo(base.port, opts)
                runs.append(("baseline /calculate", base, "/calculate", one))
                if not opts.skip_explain:
                    runs.append(("baseline /explain", base, "/explain", one))
            print()
            results = interleaved(pool, runs, opts)
            print_rounds(results)
            if opts.persons:
                print()
                many = json.dumps(llo_situation_many(opts.persons)).encode()
                for path in ("/calculate", "/explain"):
                    timed_big(llo.port, path, many, opts.big_timeout, f"llo {opts.persons}-person {path}")
                many = json.dumps(template_situation_many(opts.persons)).encode()
                for server in templates:
                    timed_big(server.port, "/calculate", many, opts.template_big_timeout,
                              f"{server.name} {opts.persons}-person /calculate")
        except (ServerError, subprocess.SubprocessError, OSError) as error:
            print(f"\nERROR: {error}\n", file=sys.stderr)
            return 1
    passed = print_targets(results, figures, opts)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())

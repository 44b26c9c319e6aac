"""The Dask engine of a population budget (``openfisca-llo budget --rekenwijze dask``): the same two phases as the
in-process engine, as tasks on a ``dask.distributed`` cluster.

* phase 1: one task per (year, chunk) — read or generate the chunk, keep its applications, sum the leerrekening;
  the employer applications of a year are a task of their own;
* phase 2: one task per (scheme, variant) — every application of the scheme (all chunks, all years, joined in
  chunk order) under that variant, with the plafond allocated, the lottery drawn and the law's check.

The workers build the tax-benefit systems themselves (once per process) from the variant's reform name and
amendment text; only applications and small sums travel. With ``scheduler`` None a local cluster is started
(``workers`` processes with one thread each, or threads in this process) and closed afterwards. Dask is optional: ``pip install
'openfisca-llo[dask]'``.
"""

from __future__ import annotations

from openfisca_llo.budget import BudgetError, chunk_task, employer_task, scheme_task
from openfisca_llo.extras import require
from openfisca_llo.kostenposten import BY_NAME, concat


def _client(scheduler: str | None, workers: int, processes: bool = True):
    distributed = require("dask.distributed")  # MissingExtra names the extra: pip install 'openfisca-llo[dask]'
    Client, LocalCluster = distributed.Client, distributed.LocalCluster
    if scheduler:
        try:
            return Client(scheduler, timeout="20s"), None
        except OSError:
            raise BudgetError(f"--cluster {scheduler}: geen Dask-scheduler bereikbaar binnen 20 s "
                              "(draait de scheduler, klopt het adres tcp://host:poort?)") from None
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes, dashboard_address=None,
                           memory_limit="auto" if processes else 0)
    return Client(cluster), cluster


def run_phases_dask(source, variants, years, schemes, lottery_seed, scheduler, workers, progress, processes=True):
    """Both phases on a cluster; ``processes`` False: a local cluster of threads in this process (tests)."""
    client, cluster = _client(scheduler, workers, processes)
    try:
        chunk_keys = [(year, k) for year in years for k in source.chunks(year)]
        chunk_futures = [client.submit(chunk_task, source, year, k, variants, schemes, pure=False)
                         for year, k in chunk_keys]
        employer_futures = {(name, year): client.submit(employer_task, source, year, name, pure=False)
                            for year in years for name in schemes if BY_NAME[name].bron == "werkgevers"}
        chunks = []
        tables: dict[str, list] = {name: [] for name in schemes}
        for future in chunk_futures:  # in chunk order, so the join is the same as in-process
            result = future.result()
            for name, table in result.tables.items():
                tables[name].append((result.year, 0, result.k, table))
            result.tables = {}
            chunks.append(result)
            progress.step(f"personen {result.year} deel {result.k + 1}")
        for (name, year), future in employer_futures.items():
            tables[name].append((year, 1, 0, future.result()))
        joined = {}
        for name, parts in tables.items():
            if parts:
                # the in-process engine appends, per year, the chunks and then the employer table
                parts.sort(key=lambda part: part[:3])
                joined[name] = concat([part[3] for part in parts])
        progress.step(count=(len(schemes) - len(joined)) * len(variants))  # schemes without applications
        scattered = {name: client.scatter(table) for name, table in joined.items()}
        futures = {(name, variant.naam): client.submit(scheme_task, name, variant, scattered[name], lottery_seed,
                                                       pure=False)
                   for name in joined for variant in variants}
        outcomes = {}
        for key, future in futures.items():
            outcomes[key] = future.result()
            progress.step(f"{key[0]} {key[1]}")
        return chunks, joined, outcomes
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

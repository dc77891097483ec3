"""The one module that imports Dask: open a cluster, extract partitions of documents on it.

`--workers N` starts a local cluster of N worker *processes* with one thread each (Kiwi is
single-threaded, and the GIL would serialise threads anyway), on loopback, without the dashboard.
Each worker process builds the Korean pipeline once (`get_kiwi` is cached per process) and reuses
it for every partition it gets. `--scheduler tcp://HOST:PORT` uses a running cluster instead; its
workers need the same sagwan installed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import dask.bag as db
from distributed import Client, LocalCluster, as_completed

from sagwan.errors import ConfigError
from sagwan.model import Failure, RawDocument
from sagwan.parallel.batch import Result, extract_batch

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 30


@contextmanager
def dask_client(*, workers: int | None = None, scheduler: str | None = None) -> Iterator[Client]:
    """A client of a new local cluster (`workers` processes) or of the running cluster at `scheduler`."""
    if scheduler is not None:
        _quiet_dask()
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT_S)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {scheduler} ({exc}); check the address "
                              "(tcp://HOST:PORT) and that the scheduler is running") from None
        with client:
            yield client
        return
    log.info("starting a local Dask cluster of %d worker process(es)", workers)
    _quiet_dask()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        yield client


def worker_slots(client: Client) -> int:
    """How many partitions the cluster extracts at once (worker threads)."""
    return sum(client.nthreads().values()) or 1


def _quiet_dask() -> None:
    """Distributed logs each start and stop at INFO; show them only when debugging (sagwan -vv)."""
    if logging.getLogger().getEffectiveLevel() > logging.DEBUG:
        logging.getLogger("distributed").setLevel(logging.WARNING)


def extract_on_cluster(client: Client, raws: list[RawDocument],
                       partition_size: int) -> Iterator[tuple[int, list[Result]]]:
    """(partition number, results) as each partition completes, in whatever order they do."""
    bag = db.from_sequence(raws, partition_size=partition_size)
    parts = bag.map_partitions(extract_batch).to_delayed()
    futures = client.compute(parts)
    index = {f.key: i for i, f in enumerate(futures)}
    for future in as_completed(futures):
        i = index[future.key]
        try:
            results = future.result()
        except Exception as exc:  # a worker died (out of memory, killed): its documents fail, the run goes on
            chunk = raws[i * partition_size:(i + 1) * partition_size]
            reason = f"worker failed ({type(exc).__name__}: {exc}); try again with fewer --workers or smaller files"
            log.error("partition %d failed: %s", i, reason)
            results = [Failure(raw.source, reason) for raw in chunk]
        future.release()
        yield i, list(results)

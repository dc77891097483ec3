"""The one module that imports Dask: open a cluster, extract partitions of documents on it.

`--workers N` starts a local cluster of N worker *processes* with one thread each (Kiwi is
single-threaded, and the GIL would serialise threads anyway), on loopback, without the dashboard.
Each worker process builds the Korean pipeline once (`get_kiwi` is cached per process) and reuses
it for every partition it gets; `warm_workers` has them build it as soon as the cluster is up.
`--scheduler tcp://HOST:PORT` uses a running cluster instead; its workers need the same sagwan
installed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from distributed import Client, Future, LocalCluster, as_completed, fire_and_forget

from sagwan.errors import ConfigError
from sagwan.model import Failure, RawDocument
from sagwan.parallel.work import Batch, extract_batch, warm_up

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 30
# Partitions on the cluster at once, per worker thread: enough that a worker never waits for the
# client to hand it the next one, few enough that a huge corpus streams through memory.
IN_FLIGHT_PER_SLOT = 3


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
    # The scheduler serves HTTP even without a dashboard, on port 8787 unless told otherwise: any free
    # port, so that a second run at the same time does not warn that 8787 is taken.
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        yield client


def worker_slots(client: Client) -> int:
    """How many partitions the cluster extracts at once (worker threads)."""
    return sum(client.nthreads().values()) or 1


def warm_workers(client: Client) -> None:
    """Have each worker build its pipeline now, in its task thread, while this process reads the documents.

    Without it the first partition each worker gets would do it, only once the documents are read
    and cut. A warm-up that fails costs nothing: the worker's first partition tries again and
    records the reason per document.
    """
    for address in client.nthreads():
        fire_and_forget(client.submit(warm_up, workers=[address], allow_other_workers=False, pure=False))


def _quiet_dask() -> None:
    """Distributed logs each start and stop at INFO; show them only when debugging (sagwan -vv)."""
    if logging.getLogger().getEffectiveLevel() > logging.DEBUG:
        logging.getLogger("distributed").setLevel(logging.WARNING)


def extract_on_cluster(client: Client, partitions: Iterable[list[RawDocument]],
                       task: Callable[[list[RawDocument]], Batch] = extract_batch) -> Iterator[tuple[int, Batch]]:
    """(partition number, `task`'s results) as each partition completes, in whatever order they do.

    Partitions go to the cluster a few at a time (IN_FLIGHT_PER_SLOT per worker thread); the next one
    is sent as soon as one comes back, before its results are handed on, so workers never idle
    while this process writes.
    """
    todo = enumerate(partitions)
    sent: dict[str, tuple[int, list[RawDocument]]] = {}
    done = as_completed()

    def send_next() -> None:
        for i, chunk in todo:
            future: Future = client.submit(task, chunk, pure=False)
            sent[future.key] = (i, chunk)
            done.add(future)
            return

    for _ in range(IN_FLIGHT_PER_SLOT * worker_slots(client)):
        send_next()
    for future in done:
        i, chunk = sent.pop(future.key)
        try:
            results = future.result()
        except Exception as exc:  # a worker died (out of memory, killed): its documents fail, the run goes on
            reason = f"worker failed ({type(exc).__name__}: {exc}); try again with fewer --workers or smaller files"
            log.error("partition %d failed: %s", i, reason)
            results = [Failure(raw.source, reason) for raw in chunk]
        future.release()
        send_next()
        yield i, results

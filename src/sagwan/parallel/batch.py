"""Extract documents in batches, in this process or on Dask workers, and hand the results to a sink.

The client process reads the inputs (cheap), skips documents the store already holds from the
current coder, and cuts the rest into partitions; extraction (costly) runs per partition, in
process or on a Dask cluster (see `sagwan.parallel.dask`), whose workers build their pipelines
(Kiwi: about 2 s each) as soon as it is up. Partitions shrink toward the end of the work, so the
workers finish together. Results come back as partitions complete, in any order: the store's merge
does not depend on arrival order, so the chronicle is the same as a single-process run. One process
writes: the client, one partition at a time.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING

from sagwan.errors import ConfigError
from sagwan.ingest import DEFAULT_MAX_BYTES, read_sources
from sagwan.ingest.sources import _expand  # the reader's own expansion, so sources are named the same way
from sagwan.model import Failure, RawDocument
from sagwan.parallel.records import ShardWriter, read_shard, shard_kind
from sagwan.parallel.work import Batch, extract_batch, extract_encoded, extract_prepared

if TYPE_CHECKING:
    from sagwan.store.api import IngestSummary, Store

log = logging.getLogger(__name__)

DEFAULT_PARTITION_SIZE = 16     # documents a worker extracts per task (~1 s): big enough to hide scheduling cost
TASKS_PER_WORKER = 4            # partitions shrink as the work left runs out, so workers finish together
Progress = Callable[[int, int], None]
# Extracts a list of documents partition by partition: (partition number, results) as each completes.
RunPartitions = Callable[[list[RawDocument]], Iterator[tuple[int, Batch]]]


@dataclass
class Inputs:
    """What the inputs name: shards of records to store as they are, documents to extract, and failures."""

    shards: list[tuple[str, str]] = field(default_factory=list)   # (path, "jsonl" | "parquet")
    documents: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)


def split_inputs(paths: Iterable[str | os.PathLike]) -> Inputs:
    """Expand files, folders and globs; tell record shards from documents by their content."""
    inputs = Inputs()
    for item in _expand([os.fspath(p) for p in paths]):
        if isinstance(item, Failure):
            inputs.failures.append(item)
        elif (kind := shard_kind(item) if item != "-" else None) is not None:
            inputs.shards.append((item, kind))
        else:
            inputs.documents.append(item)
    return inputs


def ingest_paths(paths: Iterable[str | os.PathLike], *, db_url: str | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES, workers: int | None = None, scheduler: str | None = None,
                 out: str | os.PathLike | None = None, out_format: str = "jsonl",
                 partition_size: int | None = None, progress: Progress | None = None,
                 gazetteer: str | os.PathLike | Iterable[str | os.PathLike] | None = None) -> IngestSummary:
    """`sagwan ingest`: store documents and record shards in the database at `db_url`, or write shards to `out`.

    With `workers` (a local Dask cluster of that many processes) or `scheduler` (tcp://host:port of a
    running one) extraction runs in parallel; without either it runs in this process. Shards among the
    inputs are stored as they are (with `out`, copied into the new shards). `partition_size` documents go
    to a worker at a time (default: up to DEFAULT_PARTITION_SIZE, fewer toward the end; see `partition_sizes`).
    `gazetteer` names user actor dictionaries (local workers get them too; a running cluster's workers
    need SAGWAN_GAZETTEER set to the same files).
    """
    from sagwan import gazetteer as gaz

    with gaz.using(gazetteer):
        return _ingest_paths(paths, db_url=db_url, max_bytes=max_bytes, workers=workers, scheduler=scheduler,
                             out=out, out_format=out_format, partition_size=partition_size, progress=progress)


def _ingest_paths(paths: Iterable[str | os.PathLike], *, db_url: str | None, max_bytes: int, workers: int | None,
                  scheduler: str | None, out: str | os.PathLike | None, out_format: str,
                  partition_size: int | None, progress: Progress | None) -> IngestSummary:
    if workers is not None and scheduler is not None:
        raise ConfigError("give --workers (a local cluster) or --scheduler (an existing one), not both")
    if out is not None and db_url is not None:
        raise ConfigError("--out writes shards instead of a database: give --out or --db, not both")
    if workers is not None and workers < 1:
        raise ConfigError(f"--workers {workers}: give 1 or more worker processes")
    if partition_size is not None and partition_size < 1:
        raise ConfigError(f"partition size {partition_size}: give 1 or more documents")
    # the store (SQLAlchemy, ~0.15 s to import) only where it is used: not on workers, which import this module
    from sagwan.store.api import IngestSummary, open_store

    inputs = split_inputs(paths)
    if out is not None:
        writer = ShardWriter(out, out_format)
        with extractor(workers, scheduler, partition_size, needed=bool(inputs.documents),
                       task=extract_encoded if out_format == "jsonl" else extract_batch) as run:
            return _to_shards(inputs, writer, max_bytes, run, partition_size, progress)
    with open_store(db_url) as store:
        summary = IngestSummary()
        for failure in inputs.failures:
            _fail(store, summary, failure)
        for path, kind in inputs.shards:
            log.info("storing the records of shard %s", path)
            _merge(summary, store.add_records(read_shard(path, kind)))
        if inputs.documents:
            if workers is None and scheduler is None:
                _merge(summary, store.ingest(inputs.documents, max_bytes=max_bytes, progress=progress))
            else:
                _extract_into_store(store, summary, inputs.documents, max_bytes, workers, scheduler,
                                    partition_size, progress)
    return summary


def _extract_into_store(store: Store, summary: IngestSummary, documents: list[str], max_bytes: int,
                        workers: int | None, scheduler: str | None, partition_size: int | None,
                        progress: Progress | None) -> None:
    current = _current_ids(store)
    todo: list[RawDocument] = []
    for raw in read_sources(documents, max_bytes=max_bytes):
        if isinstance(raw, Failure):
            _fail(store, summary, raw)
        elif raw.id in current:
            summary.unchanged += 1
        else:
            todo.append(raw)
    counter = _Counter(len(todo), progress)
    # the cluster opens only once there is something to extract: a re-run that changes nothing starts none
    with extractor(workers, scheduler, partition_size, needed=bool(todo), task=extract_prepared) as run:
        for _index, results in run(todo):
            # one batch per partition, written by this process only (SQLite allows one writer)
            _merge(summary, store.add_records(results))
            counter.add(len(results))


def _to_shards(inputs: Inputs, writer: ShardWriter, max_bytes: int, run: RunPartitions, partition_size: int | None,
               progress: Progress | None) -> IngestSummary:
    from sagwan.store.api import IngestSummary

    for failure in inputs.failures:
        writer.fail(failure)
    raws: list[RawDocument] = []
    for raw in read_sources(inputs.documents, max_bytes=max_bytes) if inputs.documents else ():
        (writer.fail(raw) if isinstance(raw, Failure) else raws.append(raw))
    index = 0
    for path, kind in inputs.shards:  # records given as input travel on unchanged
        for chunk in _chunks(read_shard(path, kind), partition_size or DEFAULT_PARTITION_SIZE):
            writer.write(index, chunk)
            index += 1
    counter = _Counter(len(raws), progress)
    for i, results in run(raws):
        writer.write(index + i, results)
        counter.add(len(results))
    summary = IngestSummary(documents=writer.n_records, events=writer.n_events, quotes=writer.n_quotes,
                            failures=writer.close(), not_coded=writer.not_coded)
    log.info("wrote %d record(s) in %d shard(s) to %s", writer.n_records, len(writer.files), writer.folder)
    return summary


@contextmanager
def extractor(workers: int | None, scheduler: str | None, partition_size: int | None,
              needed: bool = True, task: Callable[[list[RawDocument]], Batch] = extract_batch,
              ) -> Iterator[RunPartitions]:
    """Where partitions get extracted (by `task`): in this process, or on a Dask cluster opened now.

    The cluster is opened, and each worker starts building its pipeline, as soon as this is entered, so
    that with `--out` it overlaps reading the documents. `needed=False` (nothing to extract) opens no
    cluster at all. `extract_encoded` has the workers send JSON Lines (`EncodedRecords`), and
    `extract_prepared` records with their quotes segmented, instead of plain records.
    """
    if (workers is None and scheduler is None) or not needed:
        yield lambda raws: _in_process(raws, partition_size or DEFAULT_PARTITION_SIZE, task)
        return
    from sagwan.parallel.dask import dask_client, extract_on_cluster, warm_workers, worker_slots

    with dask_client(workers=workers, scheduler=scheduler) as client:
        warm_workers(client)

        def run(raws: list[RawDocument]) -> Iterator[tuple[int, Batch]]:
            sizes = partition_sizes(len(raws), worker_slots(client), partition_size)
            log.info("%d document(s) in %d partition(s) of at most %d", len(raws), len(sizes), max(sizes, default=0))
            return extract_on_cluster(client, _cut(raws, sizes), task)

        yield run


def _in_process(raws: list[RawDocument], size: int,
                task: Callable[[list[RawDocument]], Batch]) -> Iterator[tuple[int, Batch]]:
    for i, chunk in enumerate(_chunks(raws, size)):
        yield i, task(chunk)


def partition_sizes(n_documents: int, slots: int, partition_size: int | None = None) -> list[int]:
    """How many documents go in each partition, in input order.

    Given a `partition_size`, all partitions have it (the last one what is left). Otherwise each
    takes 1/(TASKS_PER_WORKER x slots) of the documents still left, at most DEFAULT_PARTITION_SIZE:
    full partitions while there is plenty of work, ever smaller ones toward the end, so that the
    last ones take a fraction of a second and no worker waits long for another to finish.
    """
    sizes: list[int] = []
    left = n_documents
    while left > 0:
        size = partition_size or max(1, min(DEFAULT_PARTITION_SIZE, -(-left // (TASKS_PER_WORKER * max(slots, 1)))))
        sizes.append(min(size, left))
        left -= sizes[-1]
    return sizes


def _cut(items: list, sizes: list[int]) -> Iterator[list]:
    start = 0
    for size in sizes:
        yield items[start:start + size]
        start += size


def _current_ids(store: Store) -> set[str]:
    """Ids of documents already stored by the coder of their language: their extraction would change nothing."""
    from sqlalchemy import select

    from sagwan.extract.registry import coder_for
    from sagwan.store.schema import documents

    with store.engine.connect() as conn:
        rows = conn.execute(select(documents.c.id, documents.c.coder, documents.c.language))
        return {doc_id for doc_id, coder, language in rows if coder == coder_for(language)}


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _fail(store: Store, summary: IngestSummary, failure: Failure) -> None:
    log.warning("failed: %s", failure)
    summary.failures.append(failure)
    store.record_failure(failure.source, failure.reason)


def _merge(into: IngestSummary, part: IngestSummary) -> None:
    into.documents += part.documents
    into.unchanged += part.unchanged
    into.events += part.events
    into.quotes += part.quotes
    into.failures += part.failures
    into.not_coded += part.not_coded


class _Counter:
    def __init__(self, total: int, progress: Progress | None):
        self.total, self.done, self.progress = total, 0, progress
        if progress is not None:
            progress(0, total)

    def add(self, n: int) -> None:
        self.done += n
        if self.progress is not None:
            self.progress(self.done, self.total)


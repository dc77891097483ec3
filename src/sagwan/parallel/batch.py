"""Extract documents in batches, in this process or on Dask workers, and hand the results to a sink.

The client process reads the inputs (cheap), skips documents the store already holds from the
current coder, and cuts the rest into partitions; extraction (costly) runs per partition, in
process or on a Dask cluster (see `sagwan.parallel.dask`). Results come back as partitions
complete, in any order: the store's merge does not depend on arrival order, so the chronicle is the
same as a single-process run. One process writes: the client, one partition at a time.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from sagwan._version import CODER
from sagwan.errors import ConfigError, ExtractionError, InputError
from sagwan.ingest import DEFAULT_MAX_BYTES, read_sources
from sagwan.ingest.sources import _expand  # the reader's own expansion, so sources are named the same way
from sagwan.model import Failure, RawDocument
from sagwan.parallel.records import ShardWriter, read_shard, shard_kind
from sagwan.store.api import IngestSummary, Store, open_store

log = logging.getLogger(__name__)

DEFAULT_PARTITION_SIZE = 16     # documents a worker extracts per task: big enough to hide scheduling cost
TASKS_PER_WORKER = 4            # small corpora get smaller partitions, so no worker idles at the end
WAVE_PARTITIONS = 256           # partitions held in memory at once, so a huge corpus streams
Progress = Callable[[int, int], None]
Result = dict[str, Any] | Failure


def extract_batch(raws: Iterable[RawDocument]) -> list[Result]:
    """Extract each document; one that fails becomes a Failure with its reason. Runs on workers too."""
    from sagwan.extract.pipeline import extract_document

    out: list[Result] = []
    for raw in raws:
        try:
            out.append(extract_document(raw).to_record())
        except InputError as exc:  # clean() found no article text
            out.append(Failure(exc.source, exc.reason))
        except ExtractionError as exc:
            out.append(Failure(raw.source, str(exc).split(": ", 1)[-1]))
        except Exception as exc:  # one bad document must not stop a batch
            log.exception("unexpected error on %s", raw.source)
            out.append(Failure(raw.source, f"unexpected error ({type(exc).__name__}: {exc}); "
                                           "please report it with this file"))
    return out


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
                 partition_size: int | None = None, progress: Progress | None = None) -> IngestSummary:
    """`sagwan ingest`: store documents and record shards in the database at `db_url`, or write shards to `out`.

    With `workers` (a local Dask cluster of that many processes) or `scheduler` (tcp://host:port of a
    running one) extraction runs in parallel; without either it runs in this process. Shards among the
    inputs are stored as they are (with `out`, copied into the new shards). `partition_size` documents go
    to a worker at a time (default: up to DEFAULT_PARTITION_SIZE, fewer for small corpora).
    """
    if workers is not None and scheduler is not None:
        raise ConfigError("give --workers (a local cluster) or --scheduler (an existing one), not both")
    if out is not None and db_url is not None:
        raise ConfigError("--out writes shards instead of a database: give --out or --db, not both")
    if workers is not None and workers < 1:
        raise ConfigError(f"--workers {workers}: give 1 or more worker processes")
    if partition_size is not None and partition_size < 1:
        raise ConfigError(f"partition size {partition_size}: give 1 or more documents")
    inputs = split_inputs(paths)
    if out is not None:
        return _to_shards(inputs, ShardWriter(out, out_format), max_bytes, workers, scheduler, partition_size,
                          progress)
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
    for _index, results in run_partitions(todo, workers, scheduler, partition_size):
        # one batch per partition, written by this process only (SQLite allows one writer)
        _merge(summary, store.add_records(results))
        counter.add(len(results))


def _to_shards(inputs: Inputs, writer: ShardWriter, max_bytes: int, workers: int | None, scheduler: str | None,
               partition_size: int | None, progress: Progress | None) -> IngestSummary:
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
    for i, results in run_partitions(raws, workers, scheduler, partition_size):
        writer.write(index + i, results)
        counter.add(len(results))
    summary = IngestSummary(documents=writer.n_records, events=writer.n_events, quotes=writer.n_quotes,
                            failures=writer.close())
    log.info("wrote %d record(s) in %d shard(s) to %s", writer.n_records, len(writer.files), writer.folder)
    return summary


def run_partitions(raws: list[RawDocument], workers: int | None, scheduler: str | None,
                   partition_size: int | None) -> Iterator[tuple[int, list[Result]]]:
    """(partition number, results) for each partition as it completes; numbers follow the input order."""
    if not raws:
        return
    if workers is None and scheduler is None:
        for i, chunk in enumerate(_chunks(raws, partition_size or DEFAULT_PARTITION_SIZE)):
            yield i, extract_batch(chunk)
        return
    from sagwan.parallel.dask import dask_client, extract_on_cluster, worker_slots

    with dask_client(workers=workers, scheduler=scheduler) as client:
        size = partition_size or auto_partition_size(len(raws), worker_slots(client))
        log.info("%d document(s) in partitions of %d", len(raws), size)
        wave = size * WAVE_PARTITIONS
        for start in range(0, len(raws), wave):
            first = start // size
            for i, results in extract_on_cluster(client, raws[start:start + wave], size):
                yield first + i, results


def auto_partition_size(n_documents: int, slots: int) -> int:
    """At least TASKS_PER_WORKER partitions per worker slot, at most DEFAULT_PARTITION_SIZE documents each."""
    return max(1, min(DEFAULT_PARTITION_SIZE, -(-n_documents // (TASKS_PER_WORKER * max(slots, 1)))))


def _current_ids(store: Store) -> set[str]:
    """Ids of documents already stored by this coder: their extraction would change nothing."""
    from sqlalchemy import select

    from sagwan.store.schema import documents

    with store.engine.connect() as conn:
        return set(conn.execute(select(documents.c.id).where(documents.c.coder == CODER)).scalars())


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


class _Counter:
    def __init__(self, total: int, progress: Progress | None):
        self.total, self.done, self.progress = total, 0, progress
        if progress is not None:
            progress(0, total)

    def add(self, n: int) -> None:
        self.done += n
        if self.progress is not None:
            self.progress(self.done, self.total)


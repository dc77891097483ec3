"""The Store: open a database, put documents in, ask the chronicle questions.

    with open_store("chronicle.db") as store:
        store.ingest(["news/"])
        store.events(dyad=("PRK", "RUS"), exclude_status="hypothetical")
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.exc import DataError, IntegrityError, SQLAlchemyError

from sagwan._version import CODER
from sagwan.errors import ExtractionError, InputError, StoreError
from sagwan.ingest import DEFAULT_MAX_BYTES, read_sources
from sagwan.model import Failure
from sagwan.store import engine as db
from sagwan.store import queries, writer
from sagwan.store.schema import documents

log = logging.getLogger(__name__)


@dataclass
class IngestSummary:
    """What one ingest did. `documents` counts new or replaced documents; events and quotes are theirs."""

    documents: int = 0
    unchanged: int = 0
    events: int = 0
    quotes: int = 0
    failures: list[Failure] = field(default_factory=list)
    # documents stored without coding (no bundle for their language): (source, language or "")
    not_coded: list[tuple[str, str]] = field(default_factory=list)

    def not_coded_counts(self) -> dict[str, int]:
        """Language -> how many documents in it were kept without coding."""
        counts: dict[str, int] = {}
        for _source, language in self.not_coded:
            counts[language] = counts.get(language, 0) + 1
        return dict(sorted(counts.items()))


@dataclass
class Prepared:
    """A record with its quotes already segmented for search: done where the record was made (a Dask
    worker, which has Kiwi loaded), so that the one writer only writes."""

    record: dict[str, Any]
    segmented: list[str]


def prepare(record: dict[str, Any]) -> Prepared:
    return Prepared(record, writer.segment_quotes(record))


class Store:
    """A sagwan database (SQLite file or PostgreSQL), migrated to the newest schema on open."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.revision = db.upgrade(engine)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    # -- writing ---------------------------------------------------------------------------------------

    def ingest(self, paths: str | os.PathLike | Iterable[str | os.PathLike], *,
               progress: Callable[[int, int], None] | None = None,
               max_bytes: int = DEFAULT_MAX_BYTES,
               gazetteer: str | os.PathLike | Iterable[str | os.PathLike] | None = None) -> IngestSummary:
        """Extract and store files, directories, globs or "-"; one transaction per document.

        Runs the same stages as `sagwan.extract_paths`, but skips the (costly) extraction of documents
        whose bytes are already stored by the current coder: re-ingesting a corpus only reads it.
        `gazetteer` names user actor dictionaries to use on top of the shipped gazetteer.
        """
        from sagwan import gazetteer as gaz

        with gaz.using(gazetteer):
            return self._ingest(paths, progress, max_bytes)

    def _ingest(self, paths, progress, max_bytes: int) -> IngestSummary:
        if isinstance(paths, str | os.PathLike):
            paths = [paths]
        summary = IngestSummary()
        raws = list(read_sources([os.fspath(p) for p in paths], max_bytes=max_bytes))
        for done, raw in enumerate(raws, 1):
            if isinstance(raw, Failure):
                self._failed(summary, raw)
            elif self._is_current(raw.id):
                summary.unchanged += 1
            else:
                record = self._extract(raw, summary)
                if record is not None:
                    self._add(record, summary)
            if progress is not None:
                progress(done, len(raws))
        return summary

    def add_records(self, records: Iterable[dict[str, Any] | Prepared | Failure]) -> IngestSummary:
        """Store already-extracted `sagwan/1` records (Failures among them are recorded)."""
        summary = IngestSummary()
        for rec in records:
            if isinstance(rec, Failure):
                self._failed(summary, rec)
            elif isinstance(rec, Prepared):
                self._add(rec.record, summary, rec.segmented)
            else:
                self._add(rec, summary)
        return summary

    def record_failure(self, source: str, reason: str) -> None:
        """Remember that a source could not be read or analysed (the latest reason per source)."""
        with self._write() as conn:
            writer.record_failure(conn, source, reason, CODER)

    def _extract(self, raw, summary: IngestSummary) -> dict[str, Any] | None:
        from sagwan.extract.pipeline import extract_document  # only ingest needs the pipeline

        try:
            return extract_document(raw).to_record()
        except InputError as exc:
            self._failed(summary, Failure(exc.source, exc.reason))
        except ExtractionError as exc:
            self._failed(summary, Failure(raw.source, str(exc).split(": ", 1)[-1]))
        except Exception as exc:  # one bad document must not stop a batch
            log.exception("unexpected error on %s", raw.source)
            self._failed(summary, Failure(raw.source, f"unexpected error ({type(exc).__name__}: {exc}); "
                                                      "please report it with this file"))
        return None

    def _is_current(self, doc_id: str) -> bool:
        """Stored by the coder its language has today (a document kept uncoded is coded once a bundle
        for its language is installed)."""
        from sagwan.extract.registry import coder_for

        with self._read() as conn:
            row = conn.execute(select(documents.c.coder, documents.c.language).where(documents.c.id == doc_id)).first()
        return row is not None and row[0] == coder_for(row[1])

    def _add(self, rec: dict[str, Any], summary: IngestSummary, presegmented: list[str] | None = None) -> None:
        source = rec.get("doc", {}).get("source", "?") if isinstance(rec, dict) else "?"
        try:
            writer.check_record(rec)
            digest = writer.content_hash(rec)
            with self._read() as conn:
                known = writer.is_stored(conn, rec, digest)
            # segmenting quotes takes Kiwi: not for a record the store already has, and not inside the write
            segmented = presegmented
            if segmented is None and not known:
                segmented = writer.segment_quotes(rec)
            with self._write() as conn:
                status = writer.write_record(conn, rec, segmented, digest)
        except StoreError as exc:  # the record itself is malformed: nothing was written
            self._failed(summary, Failure(source, str(exc)))
            return
        except (IntegrityError, DataError) as exc:
            reason = f"record rejected by the database ({str(exc.orig).splitlines()[0]}); check its ids and offsets"
            self._failed(summary, Failure(source, reason))
            return
        if status == "unchanged":
            summary.unchanged += 1
        else:
            summary.documents += 1
            if rec.get("not_coded"):
                summary.not_coded.append((source, rec["not_coded"].get("language") or ""))
            summary.events += len(rec.get("events", []))
            summary.quotes += len(rec.get("quotes", []))

    def _failed(self, summary: IngestSummary, failure: Failure) -> None:
        log.warning("failed: %s", failure)
        summary.failures.append(failure)
        self.record_failure(failure.source, failure.reason)

    # -- reading ---------------------------------------------------------------------------------------

    def events(self, *, actor: str | None = None, dyad: Sequence[str] | None = None,
               type: str | Iterable[str] | None = None, status: str | Iterable[str] | None = None,
               exclude_status: str | Iterable[str] | None = None, date_from: str | None = None,
               date_to: str | None = None, attributed_to: str | None = None,
               limit: int | None = None, mentions: bool = True) -> list[dict[str, Any]]:
        """Chronicle events, oldest first (undated last), each with its parties, reports and attributions;
        `mentions=False` leaves out the sentences (for counting and scoring over large stores)."""
        with self._read() as conn:
            return queries.find_events(conn, actor=actor, dyad=dyad, type=type, status=status,
                                       exclude_status=exclude_status, date_from=date_from, date_to=date_to,
                                       attributed_to=attributed_to, limit=limit, mentions=mentions)

    def dyad_links(self, a: str, b: str, *, exclude_status: str | Iterable[str] = (),
                   attributed_to: str | None = None) -> list[dict[str, Any]] | None:
        """The events linking two countries, lean (type, date, status, score and direction flags; see
        `queries.find_dyad_links`), by event id. None when a or b is an actor that counts for another
        country (a person, an agency): its dyad is read from `events(dyad=...)` instead."""
        with self._read() as conn:
            if not queries.count_as_themselves(conn, (a, b)):
                return None
            return queries.find_dyad_links(conn, a, b, exclude_status=exclude_status, attributed_to=attributed_to)

    def quotes(self, *, speaker: str | None = None, text: str | None = None,
               limit: int | None = None) -> list[dict[str, Any]]:
        """Quotes by speaker (actor id or surface form) and/or matching every content morpheme of `text`."""
        with self._read() as conn:
            return queries.find_quotes(conn, speaker=speaker, text=text, limit=limit)

    def actors(self, *, kind: str | None = None, name: str | None = None,
               limit: int | None = None) -> list[dict[str, Any]]:
        """Canonical actors with their aliases and counts of mentions and documents, most mentioned first."""
        with self._read() as conn:
            return queries.find_actors(conn, kind=kind, name=name, limit=limit)

    def document(self, doc_id: str) -> dict[str, Any] | None:
        with self._read() as conn:
            return queries.get_document(conn, doc_id)

    def summary(self) -> dict[str, Any]:
        with self._read() as conn:
            return queries.summarise(conn)

    # -- human review (store/review.py) ---------------------------------------------------------------

    def review(self, target: str, target_id: str, action: str, *, reason: str,
               changes: dict[str, Any] | None = None, reviewer: str | None = None) -> dict[str, Any]:
        """Record an analyst's verdict on an event or a quote ('wrong', 'correct' with `changes`, 'restore')
        and apply it at once; the original stays as coded. Returns the stored review."""
        from sagwan.store import review as rv
        with self._write() as conn:
            return rv.add_review(conn, target, target_id, action, reason=reason, changes=changes, reviewer=reviewer)

    def reviews(self, target_id: str | None = None) -> list[dict[str, Any]]:
        """Every review, oldest first, with the item it applies to now (`applies_to`, `attached`)."""
        from sagwan.store import review as rv
        with self._read() as conn:
            return rv.list_reviews(conn, target_id)

    def export_reviews(self) -> list[str]:
        """The review layer as JSON Lines (one string per review)."""
        from sagwan.store import review as rv
        with self._read() as conn:
            return list(rv.to_jsonl(conn))

    def import_reviews(self, lines: Iterable[str], source: str = "<input>") -> tuple[int, int]:
        """Append the reviews of JSON Lines written by `export_reviews`; returns (added, already there)."""
        from sagwan.store import review as rv
        with self._write() as conn:
            return rv.from_jsonl(conn, lines, source)

    # -- plumbing --------------------------------------------------------------------------------------

    def _read(self):
        return _Guard(self.engine.connect(), self.url)

    def _write(self):
        return _Guard(db.begin_write(self.engine), self.url)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class _Guard:
    """Turns database errors that are not about one record (locked, gone, full) into a StoreError."""

    def __init__(self, cm, where: str):
        self._cm, self._where = cm, where

    def __enter__(self):
        try:
            return self._cm.__enter__()
        except SQLAlchemyError as exc:
            raise StoreError(f"{self._where}: {str(exc).splitlines()[0]}") from exc

    def __exit__(self, exc_type, exc, tb):
        try:
            self._cm.__exit__(exc_type, exc, tb)
        except SQLAlchemyError as err:
            raise StoreError(f"{self._where}: {str(err).splitlines()[0]}") from err
        if isinstance(exc, SQLAlchemyError) and not isinstance(exc, IntegrityError | DataError):
            raise StoreError(f"{self._where}: {str(exc).splitlines()[0]}; check that the database is reachable "
                             "and not locked by another program") from exc
        return False


def open_store(url: str | None = None) -> Store:
    """Open (and migrate) the store at `url`: a file path, sqlite:///..., postgresql://...; None -> $SAGWAN_DB or
    ./sagwan.db."""
    return Store(db.create(url))

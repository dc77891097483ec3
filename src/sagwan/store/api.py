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
from sagwan.errors import ConfigError, ExtractionError, InputError, StoreError, TimeLimitError
from sagwan.ingest import DEFAULT_MAX_BYTES, read_sources
from sagwan.model import Failure
from sagwan.record_shape import record_problem
from sagwan.store import engine as db
from sagwan.store import paging, queries, writer
from sagwan.store.filters import EventFilter, make_resolver
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

    def _count(self, rec: dict[str, Any], status: str, summary: IngestSummary) -> None:
        if status == "unchanged":
            summary.unchanged += 1
        else:
            summary.documents += 1
            if rec.get("not_coded"):
                summary.not_coded.append((rec["doc"].get("source", "?"), rec["not_coded"].get("language") or ""))
            summary.events += len(rec.get("events", []))
            summary.quotes += len(rec.get("quotes", []))

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
            log.error("unexpected error on %s (%s: %s)", raw.source, type(exc).__name__, exc)
            log.debug("details", exc_info=True)
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

    def add_record(self, rec: dict[str, Any] | Prepared, summary: IngestSummary,
                   also: Callable[[Any, str], None] | None = None) -> str | None:
        """Store one record, counting it in `summary`; returns "new", "replaced", "unchanged", or None when it
        was refused (the failure is recorded). `also(conn, status)` runs inside the record's own write
        transaction, so whatever it writes (the watcher's item state) is committed with the record or not
        at all."""
        if isinstance(rec, Prepared):
            return self._add(rec.record, summary, rec.segmented, also=also)
        return self._add(rec, summary, also=also)

    def _add(self, rec: dict[str, Any], summary: IngestSummary, presegmented: list[str] | None = None,
             also: Callable[[Any, str], None] | None = None) -> str | None:
        source = rec.get("doc", {}).get("source", "?") if isinstance(rec, dict) else "?"
        try:
            writer.check_record(rec)
            # what would fail half-way through the write (an event without "type")
            if problem := record_problem(rec, offsets=False):
                raise StoreError(f"malformed sagwan/1 record: {problem}")
            digest = writer.content_hash(rec)
            with self._read() as conn:
                known = writer.is_stored(conn, rec, digest)
            # segmenting quotes takes Kiwi: not for a record the store already has, and not inside the write
            segmented = presegmented
            if segmented is None and not known:
                segmented = writer.segment_quotes(rec)
            with self._write() as conn:
                status = writer.write_record(conn, rec, segmented, digest)
                if also is not None:
                    also(conn, status)
        except StoreError as exc:  # the record itself is malformed: nothing was written
            self._failed(summary, Failure(source, str(exc)))
            return None
        except (IntegrityError, DataError) as exc:
            reason = f"record rejected by the database ({str(exc.orig).splitlines()[0]}); check its ids and offsets"
            self._failed(summary, Failure(source, reason))
            return None
        self._count(rec, status, summary)
        return status

    def _failed(self, summary: IngestSummary, failure: Failure) -> None:
        log.warning("failed: %s", failure)
        summary.failures.append(failure)
        self.record_failure(failure.source, failure.reason)

    # -- reading ---------------------------------------------------------------------------------------

    def events(self, *, actor: str | None = None, dyad: Sequence[str] | None = None,
               type: str | Iterable[str] | None = None, status: str | Iterable[str] | None = None,
               exclude_status: str | Iterable[str] | None = None, date_from: str | None = None,
               date_to: str | None = None, attributed_to: str | None = None,
               limit: int | None = None, mentions: bool = True, filter: EventFilter | None = None,
               offset: int = 0, ids: Iterable[str] | None = None) -> list[dict[str, Any]]:
        """Chronicle events, oldest first (undated last), each with its parties, reports, attributions and
        its date rule (`date_precision`, `placed_date`, `placed_from`); `mentions=False` leaves out the
        sentences (for counting and scoring over large stores); `ids` keeps only the events with these ids
        (what the watcher's alert rules look at).

        `filter` (an `EventFilter` from `sagwan.store.filters.make_filter`) is what commands and the API
        pass; the keyword filters are the older, raw form (every status unless asked)."""
        if filter is not None and any(v is not None for v in (actor, dyad, type, status, exclude_status,
                                                               date_from, date_to, attributed_to)):
            raise ConfigError("give either filter= or the keyword filters, not both")
        with self._read() as conn:
            return queries.find_events(conn, actor=actor, dyad=dyad, type=type, status=status,
                                       exclude_status=exclude_status, date_from=date_from, date_to=date_to,
                                       attributed_to=attributed_to, limit=limit, mentions=mentions,
                                       filter=filter, offset=offset, ids=ids)

    def count_events(self, filter: EventFilter) -> int:
        """How many events `events(filter=filter)` lists (no limit, no offset)."""
        with self._read() as conn:
            return queries.count_events(conn, filter)

    def resolve_actor(self, text: str, param: str = "actor") -> str:
        """The one actor id `text` names (an id in any case, a name or alias the store or the gazetteer
        knows), else a FilterError naming `param` with the closest ids. Pass it to `make_filter`."""
        def candidates(value: str) -> list[str]:
            with self._read() as conn:
                return queries.actor_candidates(conn, value)

        def known() -> list[str]:
            with self._read() as conn:
                return queries.actor_ids(conn)

        return make_resolver(candidates, known)(text, param)

    def event_page(self, filter: EventFilter, *, limit: int, offset: int = 0,
                   after: tuple[str | None, str] | None = None, words: Iterable[str] = ()) -> dict[str, Any]:
        """{"total", "items", "after"}: one page of `events(filter=filter)`, in the same order, keeping the
        events where every one of `words` is found; `after` continues from a previous page's "after"."""
        with self._read() as conn:
            return paging.find_event_page(conn, filter, limit=limit, offset=offset, after=after, words=words)

    def placed_events(self, filter: EventFilter) -> list[dict[str, Any]]:
        """Every event of the filter without parties or sentences (id, placing date, type, mode, status,
        score, quad): what a timeline of the whole store needs."""
        with self._read() as conn:
            return paging.placed_events(conn, filter)

    def dyad_links(self, a: str, b: str, *, exclude_status: str | Iterable[str] = (),
                   attributed_to: str | None = None, filter: EventFilter | None = None) -> list[dict[str, Any]]:
        """The events linking a and b (actor ids or countries: a country stands for its officials), lean
        (type, date, status, score and direction flags; see `queries.find_dyad_links`), by event id."""
        with self._read() as conn:
            return queries.find_dyad_links(conn, a, b, exclude_status=exclude_status, attributed_to=attributed_to,
                                           filter=filter)

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

    def alerts(self, *, since: str | None = None, round_id: int | None = None,
               limit: int | None = None) -> list[dict[str, Any]]:
        """Alerts raised by `sagwan watch` (new events matching a watch rule), oldest first; `since` is an
        ISO 8601 UTC time or date."""
        with self._read() as conn:
            return queries.find_alerts(conn, since=since, round_id=round_id, limit=limit)

    def last_round(self) -> dict[str, Any] | None:
        """The newest finished `sagwan watch` round, or None when the watcher never ran here."""
        with self._read() as conn:
            return queries.last_round(conn)

    def quote(self, doc_id: str, local_id: str) -> dict[str, Any] | None:
        """One quote (document id and its id in the record: q1, q2 ...), or None."""
        with self._read() as conn:
            return queries.get_quote(conn, doc_id, local_id)

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
        if isinstance(exc, SQLAlchemyError) and db.past_deadline():
            raise TimeLimitError("the request took longer than its time limit and was stopped; "
                                 "narrow it (a dyad, a date range, a smaller limit)") from exc
        if isinstance(exc, SQLAlchemyError) and not isinstance(exc, IntegrityError | DataError):
            raise StoreError(f"{self._where}: {str(exc).splitlines()[0]}; check that the database is reachable "
                             "and not locked by another program") from exc
        return False


def open_store(url: str | None = None) -> Store:
    """Open (and migrate) the store at `url`: a file path, sqlite:///..., postgresql://...; None -> $SAGWAN_DB or
    ./sagwan.db."""
    return Store(db.create(url))


def open_existing_store(url: str | None = None) -> Store:
    """Open a store that must already exist (for reading): a missing SQLite file is a StoreError naming
    the path, and nothing is created. None -> $SAGWAN_DB or ./sagwan.db."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    shown = url or os.environ.get("SAGWAN_DB") or db.DEFAULT_DB
    try:
        parsed = make_url(db.resolve_url(url))
    except ArgumentError:
        return open_store(url)      # says what is wrong with the URL
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        from pathlib import Path

        if not Path(parsed.database).is_file():
            raise StoreError(f"{shown}: no such database (nothing was created); build one with "
                             f"`sagwan ingest PATH --db {shown}` or point --db at an existing one")
    return open_store(url)

"""Rounds: read the listings that are due, fetch the articles they list, store what is new or changed.

A round
1. opens (or resumes the round a killed run left open);
2. asks each due listing for what changed (conditional GET) and saves its validators together with
   the articles it lists, as pending items;
3. fetches each source's pending articles (at most `max_items` a round; the rest wait), skips those
   whose page or clean text did not change, extracts the others through the same cleaning and
   extraction as files (in this process or on Dask workers), and stores each with its item state in
   one transaction: an updated article replaces its earlier version's rows;
4. raises the alerts of the round's new events and closes.
`Watcher.stop()` (the CLI calls it on SIGINT/SIGTERM) ends a round after the document in hand; the
round stays open and the next run finishes it.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import datetime
from itertools import islice
from typing import Any

from sagwan.errors import InputError
from sagwan.ingest.identity import doc_id, looks_like_html
from sagwan.model import Failure, RawDocument
from sagwan.store.engine import begin_write
from sagwan.watch import alerts, state
from sagwan.watch.config import Source, WatchConfig
from sagwan.watch.fetch import LISTING_TYPES, PAGE_TYPES, Fetched, Fetcher, text_of
from sagwan.watch.listings import parse_listing
from sagwan.watch.urls import canonical_url, page_canonical

log = logging.getLogger(__name__)

LANGUAGE_HINT = "_watch_language"     # travels in RawDocument.meta to the extraction task, which removes it
CLUSTER_BATCH = 32                    # articles fetched before a batch goes to the Dask workers
Progress = Callable[[int, int], None]


@dataclass
class RoundSummary:
    """What one round did (the counts of the part this run did, when it resumed a killed round)."""

    round: int
    resumed: bool = False
    listings: int = 0            # listings asked
    not_modified: int = 0        # of which answered 304
    not_due: int = 0             # listings whose interval (or backoff) had not passed
    new_items: int = 0           # articles listed for the first time
    fetched: int = 0             # article pages fetched
    stored: int = 0              # new documents
    updated: int = 0             # documents that replaced an earlier version
    unchanged: int = 0           # articles asked for again that had not changed
    duplicates: int = 0          # articles reached by another address already stored
    failed: int = 0
    waiting: int = 0             # pending articles left for later rounds (over max_items)
    alerts: int = 0
    requests: int = 0            # HTTP requests sent, robots.txt included
    stopped: bool = False        # stopped by a signal: the round stays open
    notes: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    def line(self) -> str:
        parts = [f"round {self.round}{' (resumed)' if self.resumed else ''}:",
                 f"{self.listings} listing(s) read ({self.not_modified} not modified, {self.not_due} not due),",
                 f"{self.new_items} new article(s) listed, {self.fetched} fetched, {self.stored} stored,",
                 f"{self.updated} updated, {self.unchanged} unchanged, {self.duplicates} duplicate(s),",
                 f"{self.failed} failed, {self.alerts} alert(s), {self.requests} request(s)"]
        if self.waiting:
            parts.append(f"; {self.waiting} article(s) wait for the next round")
        if self.stopped:
            parts.append("; stopped before the end (the next run resumes it)")
        return " ".join(parts)

    def counts(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if k not in ("notes", "failures")}


def content_hash(record: dict[str, Any]) -> str:
    """What makes two versions of an article the same: its clean title, date and text."""
    doc = record["doc"]
    key = "\0".join(str(doc.get(k) or "") for k in ("title", "published", "text"))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def extract_pages(raws: list[RawDocument]) -> list[dict[str, Any] | Failure]:
    """Clean, analyse and extract fetched pages (as `sagwan ingest` does files). Runs on Dask workers too.

    A source's `language` fills in the language only where detection found none: a page in another
    language than its source usually says so itself."""
    from sagwan.clean import clean
    from sagwan.extract.pipeline import annotate

    out: list[dict[str, Any] | Failure] = []
    for raw in raws:
        hint = raw.meta.pop(LANGUAGE_HINT, None)
        try:
            doc = clean(raw)
            if hint and doc.language != hint:
                log.info("%s: language detected %s, source says %s", raw.source, doc.language, hint)
                doc.language = doc.language or hint
            out.append(annotate(doc).to_record())
        except InputError as exc:
            out.append(Failure(exc.source, exc.reason))
        except Exception as exc:  # one bad page must not stop a round
            log.exception("extraction failed for %s", raw.source)
            out.append(Failure(raw.source, f"extraction failed ({type(exc).__name__}: {exc})"))
    return out


@dataclass
class _Page:
    item: dict[str, Any]
    source: Source
    canonical: str
    body_hash: str
    etag: str | None
    last_modified: str | None


class Watcher:
    """Runs rounds over a watch list into a store. `stop()` may be called from a signal handler or a thread."""

    def __init__(self, store: Any, config: WatchConfig, *, workers: int | None = None, scheduler: str | None = None,
                 all_sources: bool = False, progress: Progress | None = None):
        self.store, self.config = store, config
        self.workers, self.scheduler = workers, scheduler
        self.all_sources = all_sources
        self.progress = progress
        self._stop = threading.Event()

    # -- control -------------------------------------------------------------------------------------------

    def stop(self) -> None:
        self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def _sleep(self, seconds: float) -> None:
        self._stop.wait(seconds)

    def seconds_to_next(self) -> float:
        """How long until a listing is due or, when articles are waiting, until the next round may take them."""
        when = state.now()
        waits = []
        with self.store.engine.connect() as conn:
            for src in self.sources:
                row = state.source_row(conn, src.url)
                if state.count_pending(conn, src.url, fresh=True):   # waiting for a place, not after failing
                    waits.append(src.settings.rate or 1.0)
                elif row is None or not row["next_fetch_at"]:
                    waits.append(0.0)
                else:
                    due = datetime.fromisoformat(row["next_fetch_at"])
                    waits.append(max(0.0, (due - when).total_seconds()))
        return min(waits, default=self.config.settings.interval)

    @property
    def sources(self) -> list[Source]:
        return [s for s in self.config.sources if s.enabled]

    def run_forever(self, on_round: Callable[[RoundSummary], None] | None = None) -> None:
        """Rounds until stopped, each when a listing is due (or articles wait)."""
        while not self.stopping:
            summary = self.run_round()
            if on_round is not None:
                on_round(summary)
            if self.stopping:
                break
            wait = max(1.0, self.seconds_to_next())
            log.info("next round in %.0f s", wait)
            self._stop.wait(wait)

    # -- a round -------------------------------------------------------------------------------------------

    def run_round(self) -> RoundSummary:
        with begin_write(self.store.engine) as conn:
            round_id, resumed = state.open_round(conn, state.now())
        summary = RoundSummary(round=round_id, resumed=resumed)
        log.info("round %d %s", round_id, "resumed" if resumed else "started")
        with Fetcher(self.config.settings, sleep=self._sleep, stopping=lambda: self.stopping) as fetcher:
            for src in self.sources:
                if self.stopping:
                    break
                self._read_listing(fetcher, src, summary)
            if not self.stopping:
                self._fetch_articles(fetcher, round_id, summary)
            summary.requests = fetcher.requests
        if self.stopping:
            summary.stopped = True
            log.info("round %d stopped; the next run resumes it", round_id)
            return summary
        when = state.now()
        summary.alerts = len(alerts.raise_alerts(self.store, round_id, self.config.rules, when))
        alerts.flush_log(self.store, self.config.alert_log)
        with begin_write(self.store.engine) as conn:
            state.close_round(conn, round_id, state.now(), summary.counts())
        log.info("%s", summary.line())
        return summary

    def _fail(self, summary: RoundSummary, source: str, reason: str) -> None:
        log.info("failed: %s: %s", source, reason)   # info: the round's summary lists every failure
        summary.failed += 1
        summary.failures.append(Failure(source, reason))
        self.store.record_failure(source, reason)

    def _read_listing(self, fetcher: Fetcher, src: Source, summary: RoundSummary) -> None:
        with self.store.engine.connect() as conn:
            row = state.source_row(conn, src.url)
        when = state.now()
        if not self.all_sources and not state.is_due(row, when):
            summary.not_due += 1
            return
        summary.listings += 1
        etag, modified = (row["etag"], row["last_modified"]) if row else (None, None)
        try:
            fetched = fetcher.get(src.url, etag=etag, last_modified=modified, accept=LISTING_TYPES,
                                  settings=src.settings)
            listing = None
            if not fetched.not_modified:
                text = text_of(fetched)[0] if src.kind == "urls" else None
                try:
                    listing = parse_listing(src.kind, fetched.body, text, src.url, src.settings.max_listed,
                                            fetched.headers.get("content-type"))
                except InputError:
                    raise
                except Exception as exc:  # a parser's own failure on odd input: one listing must not stop a round
                    log.debug("parsing %s failed", src.url, exc_info=True)
                    raise InputError(src.url, f"could not be parsed ({type(exc).__name__}: {exc})") from exc
        except InputError as exc:   # FetchError too
            with begin_write(self.store.engine) as conn:
                wait = state.listing_failed(conn, src.url, src.kind, when=when, interval=src.settings.interval,
                                            reason=exc.reason, status=getattr(exc, "status", None),
                                            retry_after=getattr(exc, "retry_after", None))
            self._fail(summary, src.url, f"{exc.reason} (asked again in {wait:.0f} s)")
            return
        if listing is not None and listing.note:
            summary.notes.append(f"{src.url}: {listing.note}")
            log.info("%s: %s", src.url, listing.note)   # info: the round's summary shows the notes
        with begin_write(self.store.engine) as conn:
            summary.new_items += state.listing_read(
                conn, src.url, src.kind, when=when, interval=src.settings.interval, status=fetched.status,
                etag=fetched.etag, last_modified=fetched.last_modified,
                items=listing.items if listing is not None else None, revisit=src.settings.revisit,
                note=listing.note if listing is not None else None)
        if fetched.not_modified:
            summary.not_modified += 1

    def _fetch_articles(self, fetcher: Fetcher, round_id: int, summary: RoundSummary) -> None:
        from sagwan.parallel.batch import extractor

        work: list[tuple[Source, dict[str, Any]]] = []
        with self.store.engine.connect() as conn:
            for src in self.sources:
                pending = state.pending_items(conn, src.url, src.settings.max_items)
                work += [(src, item) for item in pending]
                summary.waiting += state.count_pending(conn, src.url) - len(pending)
        cluster = self.workers is not None or self.scheduler is not None
        done = 0
        if self.progress is not None:
            self.progress(0, len(work))
        with extractor(self.workers, self.scheduler, None, needed=bool(work), task=extract_pages) as run:
            for batch in _chunks(iter(work), CLUSTER_BATCH if cluster else 1):
                pages: dict[str, _Page] = {}
                raws = []
                for (src, item), answer in zip(batch, self._download(fetcher, batch, cluster), strict=False):
                    raw = self._prepare(src, item, answer, summary, pages)
                    if raw is not None:
                        raws.append(raw)
                for _, results in run(raws) if raws else ():
                    for result in results:
                        self._store_result(result, pages, round_id, summary)
                done += len(batch)
                if self.progress is not None:
                    self.progress(done, len(work))
                if self.stopping:
                    summary.waiting += len(work) - done
                    return

    def _download(self, fetcher: Fetcher, batch: list[tuple[Source, dict[str, Any]]],
                  at_once: bool) -> Iterator[tuple[Fetched, str, str | None] | InputError]:
        """Each article's answer (with its decoded text) or the error, in batch order; none once stopping.

        With `at_once` (a cluster extracts, so fetching is what a round waits for) several pages are
        fetched together, from different hosts at the same time; the fetcher keeps one host's requests
        `rate` seconds apart whatever the threads do."""

        def one(job: tuple[Source, dict[str, Any]]) -> tuple[Fetched, str, str | None] | InputError | None:
            src, item = job
            if self.stopping:
                return None
            stored = item["document_id"] is not None
            try:
                fetched = fetcher.get(item["url"], etag=item["etag"] if stored else None,
                                      last_modified=item["last_modified"] if stored else None, accept=PAGE_TYPES,
                                      settings=src.settings)
                if fetched.not_modified or (stored and _digest(fetched.body) == item["body_hash"]):
                    return fetched, "", None
                return (fetched, *text_of(fetched))
            except InputError as exc:
                return exc

        if at_once and self.config.settings.fetchers > 1:
            with ThreadPoolExecutor(self.config.settings.fetchers, thread_name_prefix="sagwan-fetch") as pool:
                answers = list(pool.map(one, batch))
        else:
            answers = map(one, batch)
        for answer in answers:
            if answer is None:
                return
            yield answer

    def _prepare(self, src: Source, item: dict[str, Any], answer: tuple[Fetched, str, str | None] | InputError,
                 summary: RoundSummary, pages: dict[str, _Page]) -> RawDocument | None:
        """Book-keeping for one answer (in the round's thread): the raw document to extract, or None."""
        when = state.now()
        if isinstance(answer, InputError):
            self._item_failed(src, item, answer.reason, summary)
            return None
        fetched, text, note = answer
        summary.fetched += 1
        body_hash = _digest(fetched.body) if not fetched.not_modified else None
        if fetched.not_modified or (item["document_id"] is not None and body_hash == item["body_hash"]):
            with begin_write(self.store.engine) as conn:
                state.item_unchanged(conn, item["url"], when=when, etag=fetched.etag,
                                     last_modified=fetched.last_modified)
            summary.unchanged += 1
            return None
        if note:
            log.warning("%s: %s", fetched.url, note)
        html = fetched.content_type != "text/plain" and (fetched.content_type != "" or looks_like_html(text))
        canonical = page_canonical(text, fetched.url) if html else canonical_url(fetched.url)
        with self.store.engine.connect() as conn:
            twin = state.same_canonical(conn, canonical, item["url"])
        if twin is not None or canonical in pages:
            with begin_write(self.store.engine) as conn:
                state.item_unchanged(conn, item["url"], when=when, canonical=canonical)
            summary.duplicates += 1
            return None
        pages[canonical] = _Page(item, src, canonical, body_hash, fetched.etag, fetched.last_modified)
        meta: dict[str, Any] = {"watch_listing": src.url}
        if src.outlet:
            meta["outlet"] = src.outlet
        if src.language:
            meta[LANGUAGE_HINT] = src.language
        if note:
            meta["charset_note"] = note
        return RawDocument(id=doc_id(fetched.body), source=canonical, body=text, format="html" if html else "text",
                           url=canonical, meta=meta)

    def _item_failed(self, src: Source, item: dict[str, Any], reason: str, summary: RoundSummary) -> None:
        with begin_write(self.store.engine) as conn:
            errors = state.item_failed(conn, item["url"], when=state.now(), reason=reason,
                                       max_errors=src.settings.max_errors)
        if errors >= src.settings.max_errors:
            reason += f" ({errors} failures in a row: not asked again until its listing changes)"
        self._fail(summary, item["url"], reason)

    def _store_result(self, result: dict[str, Any] | Failure, pages: dict[str, _Page], round_id: int,
                      summary: RoundSummary) -> None:
        from sagwan.store.api import IngestSummary

        page = pages.get(result.source if isinstance(result, Failure) else result["doc"]["source"])
        if page is None:  # cannot happen: every result comes from a page of this batch
            log.error("a result for an unknown page: %s", result)
            return
        item, when = page.item, state.now()
        if isinstance(result, Failure):
            self._item_failed(page.source, item, result.reason, summary)
            return
        digest = content_hash(result)
        if digest == item["content_hash"]:
            with begin_write(self.store.engine) as conn:
                state.item_unchanged(conn, item["url"], when=when, etag=page.etag, last_modified=page.last_modified,
                                     body_hash=page.body_hash, canonical=page.canonical)
            summary.unchanged += 1
            return
        with self.store.engine.connect() as conn:
            replaced = state.document_happenings(conn, page.canonical)

        def mark(conn, _status: str) -> None:
            state.item_stored(conn, item["url"], when=when, round_id=round_id, canonical=page.canonical,
                              document_id=result["doc"]["id"], body_hash=page.body_hash, content_hash=digest,
                              etag=page.etag, last_modified=page.last_modified, replaced_keys=replaced)

        ingest = IngestSummary()
        status = self.store.add_record(result, ingest, also=mark)
        if status is None:
            failure = ingest.failures[0]
            with begin_write(self.store.engine) as conn:
                state.item_failed(conn, item["url"], when=when, reason=failure.reason,
                                  max_errors=page.source.settings.max_errors)
            summary.failed += 1
            summary.failures.append(failure)
        elif status == "replaced":
            summary.updated += 1
        elif status == "new":
            summary.stored += 1
        else:
            summary.unchanged += 1


def _digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def _chunks(items: Iterator, size: int) -> Iterator[list]:
    while chunk := list(islice(items, size)):
        yield chunk


def run_once(store: Any, config: WatchConfig, **options: Any) -> RoundSummary:
    """One round (what `sagwan watch --once` does, for cron)."""
    return Watcher(store, config, **options).run_round()

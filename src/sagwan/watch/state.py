"""The watcher's state in the store (tables watch_sources, watch_items, watch_rounds; see store/schema.py).

A listing's validators are saved in the same transaction as the articles it listed (as pending
items), and an article's new state in the same transaction as its document: a run killed anywhere
loses no listed article and, restarted, fetches nothing it had already stored.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from sagwan.store.schema import document_events, documents, watch_items, watch_rounds, watch_sources
from sagwan.watch.listings import Item

MAX_BACKOFF_S = 24 * 3600.0


def now() -> datetime:
    return datetime.now(UTC)


def stamp(when: datetime) -> str:
    return when.astimezone(UTC).isoformat(timespec="milliseconds")


def later(when: datetime, seconds: float) -> str:
    return stamp(when + timedelta(seconds=seconds))


# -- sources -----------------------------------------------------------------------------------------------


def source_row(conn: Connection, url: str) -> dict[str, Any] | None:
    row = conn.execute(select(watch_sources).where(watch_sources.c.url == url)).mappings().first()
    return dict(row) if row else None


def is_due(row: dict[str, Any] | None, when: datetime) -> bool:
    return row is None or not row["next_fetch_at"] or row["next_fetch_at"] <= stamp(when)


def _put_source(conn: Connection, url: str, kind: str, values: dict[str, Any]) -> None:
    if conn.execute(select(watch_sources.c.url).where(watch_sources.c.url == url)).first():
        conn.execute(update(watch_sources).where(watch_sources.c.url == url).values(kind=kind, **values))
    else:
        conn.execute(insert(watch_sources).values(url=url, kind=kind, **{"errors": 0, **values}))


def listing_read(conn: Connection, url: str, kind: str, *, when: datetime, interval: float, status: int,
                 etag: str | None, last_modified: str | None, items: Iterable[Item] | None, revisit: bool,
                 note: str | None = None) -> int:
    """Save a listing's answer (a 304 when `items` is None) and its articles; returns how many are new."""
    values = {"last_fetch_at": stamp(when), "last_status": status, "last_ok_at": stamp(when), "errors": 0,
              "last_error": note, "next_fetch_at": later(when, interval)}
    if items is not None:  # a 304 keeps the validators it had
        values |= {"etag": etag, "last_modified": last_modified}
    _put_source(conn, url, kind, values)
    if items is None:
        if revisit:  # nothing new listed, but the stored articles are to be asked for again
            conn.execute(update(watch_items).where(watch_items.c.source_url == url,
                                                   watch_items.c.document_id.is_not(None)).values(pending=True))
        return 0
    return _list_items(conn, url, list(items), when, revisit)


def _list_items(conn: Connection, source_url: str, items: list[Item], when: datetime, revisit: bool) -> int:
    known = {}
    urls = [i.url for i in items]
    for start in range(0, len(urls), 500):
        for r in conn.execute(select(watch_items.c.url, watch_items.c.listed_updated, watch_items.c.pending)
                              .where(watch_items.c.url.in_(urls[start:start + 500]))):
            known[r.url] = r
    new = []
    for seq, item in enumerate(items):
        row = known.get(item.url)
        if row is None:
            new.append({"url": item.url, "source_url": source_url, "seq": seq, "listed_updated": item.updated,
                        "pending": True, "first_seen_at": stamp(when), "errors": 0})
            continue
        changed = item.updated is not None and item.updated != row.listed_updated
        values: dict[str, Any] = {"seq": seq, "listed_updated": item.updated or row.listed_updated}
        if changed or revisit:
            values |= {"pending": True, "errors": 0}
        conn.execute(update(watch_items).where(watch_items.c.url == item.url).values(**values))
    if new:
        conn.execute(insert(watch_items), new)
    return len(new)


def listing_failed(conn: Connection, url: str, kind: str, *, when: datetime, interval: float, reason: str,
                   status: int | None, retry_after: float | None) -> float:
    """Record a failed listing fetch; returns the seconds until it is asked again (the backoff)."""
    row = source_row(conn, url)
    errors = (row["errors"] if row else 0) + 1
    wait = min(max(interval, 60.0) * 2 ** (errors - 1), MAX_BACKOFF_S)
    if retry_after is not None:
        wait = max(wait, retry_after)
    _put_source(conn, url, kind, {"last_fetch_at": stamp(when), "last_status": status, "last_error": reason,
                                  "errors": errors, "next_fetch_at": later(when, wait)})
    return wait


def sources_status(conn: Connection) -> list[dict[str, Any]]:
    """Every listing the watcher has asked, with its articles' counts (what `sagwan watch status` shows)."""
    counts: dict[str, dict[str, int]] = {}
    q = (select(watch_items.c.source_url, watch_items.c.pending, watch_items.c.document_id.is_not(None),
                func.count()).group_by(watch_items.c.source_url, watch_items.c.pending,
                                       watch_items.c.document_id.is_not(None)))
    for source_url, pending, has_document, n in conn.execute(q):
        c = counts.setdefault(source_url, {"articles": 0, "pending": 0, "stored": 0})
        c["articles"] += n
        c["pending"] += n if pending else 0
        c["stored"] += n if has_document else 0
    rows = conn.execute(select(watch_sources).order_by(watch_sources.c.url)).mappings()
    return [{**dict(r), **counts.get(r["url"], {"articles": 0, "pending": 0, "stored": 0})} for r in rows]


# -- items -------------------------------------------------------------------------------------------------


def pending_items(conn: Connection, source_url: str, limit: int) -> list[dict[str, Any]]:
    q = (select(watch_items).where(watch_items.c.source_url == source_url, watch_items.c.pending.is_(True))
         .order_by(watch_items.c.seq, watch_items.c.url).limit(limit))
    return [dict(r) for r in conn.execute(q).mappings()]


def count_pending(conn: Connection, source_url: str, fresh: bool = False) -> int:
    """Articles of a listing waiting to be fetched; `fresh`: only those that have not failed yet."""
    q = (select(func.count()).select_from(watch_items)
         .where(watch_items.c.source_url == source_url, watch_items.c.pending.is_(True)))
    if fresh:
        q = q.where(watch_items.c.errors == 0)
    return conn.execute(q).scalar_one()


def same_canonical(conn: Connection, canonical: str, url: str) -> dict[str, Any] | None:
    """Another item already stored under the same canonical URL (the same article reached another way)."""
    row = conn.execute(select(watch_items).where(watch_items.c.canonical == canonical, watch_items.c.url != url,
                                                 watch_items.c.document_id.is_not(None)).limit(1)).mappings().first()
    return dict(row) if row else None


def item_unchanged(conn: Connection, url: str, *, when: datetime, etag: str | None = None,
                   last_modified: str | None = None, body_hash: str | None = None,
                   canonical: str | None = None) -> None:
    values: dict[str, Any] = {"pending": False, "fetched_at": stamp(when), "errors": 0, "last_error": None}
    for key, value in (("etag", etag), ("last_modified", last_modified), ("body_hash", body_hash),
                       ("canonical", canonical)):
        if value is not None:
            values[key] = value
    conn.execute(update(watch_items).where(watch_items.c.url == url).values(**values))


def item_failed(conn: Connection, url: str, *, when: datetime, reason: str, max_errors: int) -> int:
    errors = (conn.execute(select(watch_items.c.errors).where(watch_items.c.url == url)).scalar() or 0) + 1
    conn.execute(update(watch_items).where(watch_items.c.url == url).values(
        errors=errors, last_error=reason, fetched_at=stamp(when), pending=errors < max_errors))
    return errors


def item_stored(conn: Connection, url: str, *, when: datetime, round_id: int, canonical: str, document_id: str,
                body_hash: str, content_hash: str, etag: str | None, last_modified: str | None,
                replaced_keys: list[str]) -> None:
    conn.execute(update(watch_items).where(watch_items.c.url == url).values(
        pending=False, canonical=canonical, document_id=document_id, body_hash=body_hash, content_hash=content_hash,
        etag=etag, last_modified=last_modified, fetched_at=stamp(when), stored_round=round_id,
        replaced_keys=json.dumps(sorted(replaced_keys)) if replaced_keys else None, errors=0, last_error=None))


# -- happenings (what an alert is about) ---------------------------------------------------------------------


def happening(merge_key: str, date_lo: str | None, date_hi: str | None, event_id: str) -> str:
    """What a happening is known by whatever event id its merge gives it: the type and dyad key and its dates
    (reports with compatible dates merge); an undated event only by its id."""
    return f"{merge_key}|{date_lo}|{date_hi}" if date_lo else f"{merge_key}|undated|{event_id}"


def document_happenings(conn: Connection, source: str) -> list[str]:
    """The happenings the stored document at `source` reports (before a new version replaces it)."""
    de = document_events
    q = (select(de.c.merge_key, de.c.date_lo, de.c.date_hi, de.c.event_id)
         .join(documents, documents.c.id == de.c.document_id).where(documents.c.source == source))
    return [happening(k, lo, hi, e or "") for k, lo, hi, e in conn.execute(q)]


# -- rounds ------------------------------------------------------------------------------------------------


def open_round(conn: Connection, when: datetime) -> tuple[int, bool]:
    """(round id, resumed): the round a killed or stopped run left open, else a new one."""
    open_id = conn.execute(select(watch_rounds.c.id).where(watch_rounds.c.finished_at.is_(None))
                           .order_by(watch_rounds.c.id).limit(1)).scalar()
    if open_id is not None:
        return open_id, True
    result = conn.execute(insert(watch_rounds).values(started_at=stamp(when)))
    return result.inserted_primary_key[0], False


def close_round(conn: Connection, round_id: int, when: datetime, summary: dict[str, Any]) -> None:
    conn.execute(update(watch_rounds).where(watch_rounds.c.id == round_id).values(
        finished_at=stamp(when), summary=json.dumps(summary, sort_keys=True)))


def round_items(conn: Connection, round_id: int) -> list[dict[str, Any]]:
    q = select(watch_items.c.document_id, watch_items.c.replaced_keys).where(watch_items.c.stored_round == round_id)
    return [dict(r) for r in conn.execute(q).mappings()]


def last_round(conn: Connection) -> dict[str, Any] | None:
    row = conn.execute(select(watch_rounds).where(watch_rounds.c.finished_at.is_not(None))
                       .order_by(watch_rounds.c.id.desc()).limit(1)).mappings().first()
    return dict(row) if row else None

"""Pages of the chronicle, counts and lean reads for the API: the database filters, orders, counts and
limits, so a request reads one page and one count however large the store (bench/api.py).

Uses the filter clauses of `queries.find_events` (`sagwan.store.filters`), so a page lists what
`store.events(filter=...)` lists, in the same order.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, and_, exists, func, or_, select

from sagwan.store.filters import EventFilter
from sagwan.store.queries import _with_details, filter_clauses
from sagwan.store.schema import document_events, documents, event_actors, event_mentions, events


def _has_word(word: str):
    """Events whose type, mode, status, date, parties, trigger words, sentence, title or source contain
    `word` (case-insensitive): the dashboard's search, done by the database."""
    pattern = "%" + word.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"

    def has(col):
        return func.lower(col).like(pattern, escape="\\")

    ea, m, d = event_actors, event_mentions, documents
    sentence = func.substr(d.c.text, m.c.sentence_start + 1, m.c.sentence_end - m.c.sentence_start)
    return or_(has(events.c.type), has(events.c.mode), has(events.c.status), has(events.c.date),
               exists(select(ea.c.event_id).where(ea.c.event_id == events.c.id,
                                                  or_(has(ea.c.actor_id), has(ea.c.country)))),
               exists(select(m.c.event_id).join(d, d.c.id == m.c.document_id).where(
                   m.c.event_id == events.c.id, or_(has(m.c.text), has(d.c.title), has(d.c.source), has(sentence)))),
               exists(select(document_events.c.event_id).where(document_events.c.event_id == events.c.id,
                                                               has(document_events.c.attributed_to))))


def find_event_page(conn: Connection, filter: EventFilter, *, limit: int, offset: int = 0,
                    after: tuple[str | None, str] | None = None, words: Iterable[str] = ()) -> dict[str, Any]:
    """One page of chronicle events in chronological order (undated last), with the `total` that match.

    `after` is a keyset cursor: the (date_lo, id) of the last event of the previous page; the page
    then starts after it, however deep, at the cost of one index range. `offset` skips rows the plain
    way. Dated and undated events are read by two queries, each in the order of an index (date_lo,
    then id), so that the first page of a million events does not sort them all."""
    where = [*filter_clauses(filter), *(_has_word(w) for w in words)]
    total = conn.execute(select(func.count()).select_from(events).where(*where)).scalar_one()
    dated = [events.c.date_lo.is_not(None)]
    undated = [events.c.date_lo.is_(None)]
    if after is not None:
        lo, last = after
        if lo is None:
            dated = None
            undated.append(events.c.id > last)
        else:
            dated += [events.c.date_lo >= lo, ~and_(events.c.date_lo == lo, events.c.id <= last)]
    rows: list[dict[str, Any]] = []
    skip = offset
    if dated is not None:
        q = select(events).where(*where, *dated).order_by(events.c.date_lo, events.c.id).limit(limit).offset(skip)
        rows = [dict(r) for r in conn.execute(q).mappings()]
        if skip and not rows:   # the offset reaches past the dated events: skip the rest among the undated
            n_dated = conn.execute(select(func.count()).select_from(events).where(*where, *dated)).scalar_one()
            skip = max(0, skip - n_dated)
        else:
            skip = 0
    if len(rows) < limit:
        q = (select(events).where(*where, *undated).order_by(events.c.id)
             .limit(limit - len(rows)).offset(skip))
        rows += [dict(r) for r in conn.execute(q).mappings()]
    last_row = rows[-1] if rows else None
    more = last_row is not None and (offset + len(rows) < total if after is None else len(rows) == limit)
    return {"total": total, "items": _with_details(conn, rows),
            "after": (last_row["date_lo"], last_row["id"]) if more and last_row else None}


def placed_events(conn: Connection, filter: EventFilter) -> list[dict[str, Any]]:
    """Every selected event, lean (id, the date that places it, type, mode, status, score, quad), without
    parties or sentences: what a timeline of the whole store counts."""
    where = filter_clauses(filter)
    q = select(events.c.id, events.c.date, events.c.first_reported_at, events.c.type, events.c.mode,
               events.c.status, events.c.score, events.c.quad).where(*where).order_by(events.c.id)
    return [{"id": eid, "date": date or reported, "type": type_, "mode": mode, "status": status, "score": score,
             "quad": quad} for eid, date, reported, type_, mode, status, score, quad in conn.execute(q)]


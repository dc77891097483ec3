"""Cross-document merge: reports of one happening in several documents become one chronicle event.

Two document events merge when they have
- the same type and the same dyad: the sets of countries on the source and on the target side
  (for CONSULT the dyad is unordered: every party of a meeting, on either side, in one set), and
- compatible dates: one date's interval contains the other's (2023-10 contains 2023-10-24; the same
  day contains itself). Two dates that only overlap, or do not meet, are different events;
- different documents: within a document the extractor has already merged what belongs together.
An undated event never merges across documents: with no date there is no evidence it is the same
happening, and a wrong merge hides a report while a missed one only repeats it.

Grouping is deterministic and does not depend on the order documents arrived in: members are taken
most precise date first, and each joins the first group whose every member is compatible with it.
The merge is recomputed for every (type, dyad) key a document touches, inside that document's
transaction, and chronicle ids are a hash of the key and the first report, so re-running changes nothing.
"""

from __future__ import annotations

import calendar
import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlparse

from sqlalchemy import Connection, delete, insert, select, update

from sagwan.model import STATUSES
from sagwan.store.schema import document_events, documents, event_actors, event_mentions, events

UNORDERED_TYPES = frozenset({"CONSULT"})


def merge_key(type_: str, source_countries: Iterable[str], target_countries: Iterable[str]) -> str:
    """The (type, dyad) key: 'TYPE|SRC,SRC>TGT' or, for unordered types, 'TYPE|A,B'."""
    src, tgt = sorted(set(source_countries)), sorted(set(target_countries))
    if type_ in UNORDERED_TYPES:
        return f"{type_}|{','.join(sorted(set(src) | set(tgt)))}"
    return f"{type_}|{','.join(src)}>{','.join(tgt)}"


def date_interval(date: str | None, date_end: str | None = None) -> tuple[str, str] | None:
    """First and last day (YYYY-MM-DD) a date of any precision can mean; None when undated or unreadable."""
    if not date:
        return None
    lo = _bounds(date)
    hi = _bounds(date_end) if date_end else lo
    if lo is None or hi is None:
        return None
    return lo[0], max(lo[1], hi[1])


def _bounds(value: str) -> tuple[str, str] | None:
    parts = value.split("-")
    try:
        if len(parts) == 1:
            return f"{int(parts[0]):04d}-01-01", f"{int(parts[0]):04d}-12-31"
        year, month = int(parts[0]), int(parts[1])
        if len(parts) == 2:
            last = calendar.monthrange(year, month)[1]
            return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"
        return value[:10], value[:10]
    except (ValueError, calendar.IllegalMonthError):
        return None


@dataclass
class _Member:
    document_id: str
    local_id: str
    seq: int
    published: str | None
    outlet: str
    type: str
    mode: str | None
    status: str
    score: float | None
    quad: str | None
    date: str | None
    date_end: str | None
    interval: tuple[str, str] | None
    roles: list[tuple[str, str, str]]   # (actor id, source|target, country)

    @property
    def report_order(self) -> tuple:
        return (self.published is None, self.published or "", self.document_id, self.seq)

    @property
    def width(self) -> int:
        if self.interval is None:
            return 1 << 30
        lo, hi = self.interval
        return (int(hi[:4]) - int(lo[:4])) * 400 + (int(hi[5:7]) - int(lo[5:7])) * 31 + int(hi[8:]) - int(lo[8:])


def _contains(a: tuple[str, str], b: tuple[str, str]) -> bool:
    return a[0] <= b[0] and b[1] <= a[1]


def compatible(a: _Member, b: _Member) -> bool:
    if a.document_id == b.document_id or a.interval is None or b.interval is None:
        return False
    return _contains(a.interval, b.interval) or _contains(b.interval, a.interval)


def group(members: list[_Member]) -> list[list[_Member]]:
    """Members grouped into chronicle events (see the module docstring)."""
    groups: list[list[_Member]] = []
    for m in sorted(members, key=lambda m: (m.width, m.interval or ("", ""), m.report_order, m.local_id)):
        for g in groups:
            if all(compatible(m, other) for other in g):
                g.append(m)
                break
        else:
            groups.append([m])
    return groups


def _outlet(outlet: str | None, url: str | None, document_id: str) -> str:
    """Who published it: the outlet named in the record, else the URL's host, else the document itself."""
    if outlet:
        return outlet.strip().lower()
    if url and urlparse(url).netloc:
        return urlparse(url).netloc.lower().removeprefix("www.")
    return f"document:{document_id}"


def _most_common(values: Iterable, order: Iterable | None = None):
    """The most frequent non-null value; ties go to the earliest in `order` (or first seen)."""
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    rank = {v: i for i, v in enumerate(order)} if order is not None else {}
    seen = list(counts)
    return max(seen, key=lambda v: (counts[v], -rank.get(v, len(rank) + seen.index(v))))


def _load_members(conn: Connection, key: str) -> list[_Member]:
    rows = conn.execute(
        select(document_events, documents.c.published, documents.c.outlet, documents.c.url)
        .join(documents, documents.c.id == document_events.c.document_id)
        .where(document_events.c.merge_key == key)
    ).mappings().all()
    members = []
    for r in rows:
        countries = json.loads(r["countries"])
        roles = [(a, "source", countries.get(a, a)) for a in json.loads(r["source_ids"])]
        roles += [(a, "target", countries.get(a, a)) for a in json.loads(r["target_ids"])]
        members.append(_Member(
            r["document_id"], r["local_id"], r["seq"], r["published"], _outlet(r["outlet"], r["url"], r["document_id"]),
            r["type"], r["mode"], r["status"], r["score"], r["quad"], r["date"], r["date_end"],
            date_interval(r["date"], r["date_end"]), roles))
    return members


def remerge(conn: Connection, keys: Iterable[str], coder: str) -> int:
    """Recompute the chronicle events of the given (type, dyad) keys; returns how many there are now."""
    total = 0
    for key in sorted(set(keys)):
        conn.execute(delete(events).where(events.c.merge_key == key))
        for members in group(_load_members(conn, key)):
            _write_event(conn, key, members, coder)
            total += 1
    return total


def _write_event(conn: Connection, key: str, members: list[_Member], coder: str) -> None:
    by_report = sorted(members, key=lambda m: m.report_order)
    first = by_report[0]
    precise = min(members, key=lambda m: (m.width, m.report_order))
    event_id = hashlib.sha256(f"{key}|{first.document_id}|{first.local_id}".encode()).hexdigest()[:16]
    conn.execute(insert(events).values(
        id=event_id, type=first.type, merge_key=key,
        mode=_most_common(m.mode for m in by_report),
        date=precise.date, date_end=precise.date_end,
        date_lo=precise.interval[0] if precise.interval else None,
        date_hi=precise.interval[1] if precise.interval else None,
        status=_most_common((m.status for m in by_report), order=STATUSES) or first.status,
        score=_most_common(m.score for m in by_report),
        quad=_most_common(m.quad for m in by_report),
        n_documents=len({m.document_id for m in members}),
        n_outlets=len({m.outlet for m in members}),
        first_reported_at=first.published, first_document_id=first.document_id, coder=coder,
    ))
    seen: set[tuple[str, str]] = set()
    rows = []
    for m in by_report:
        for actor_id, role, country in m.roles:
            if (actor_id, role) not in seen:
                seen.add((actor_id, role))
                rows.append({"event_id": event_id, "actor_id": actor_id, "role": role, "country": country})
    if rows:
        conn.execute(insert(event_actors), rows)
    for m in members:
        conn.execute(update(document_events).where(document_events.c.document_id == m.document_id,
                                                   document_events.c.local_id == m.local_id).values(event_id=event_id))
        conn.execute(update(event_mentions).where(event_mentions.c.document_id == m.document_id,
                                                  event_mentions.c.local_event_id == m.local_id)
                     .values(event_id=event_id))

"""Cross-document merge: reports of one happening in several documents become one chronicle event.

The rule is the one the extractor applies within a document (sagwan.extract.core.merge: one date
interval, one list of unordered types), made strict across documents:

Two document events merge when they have
- the same type and the same dyad: the sets of countries on the source and on the target side
  (for CONSULT the dyad is unordered: every party of a meeting, on either side, in one set), and
- compatible dates: one date's interval contains the other's (2023-10 contains 2023-10-24; the same
  day contains itself). Two dates that only overlap, or do not meet, are different events;
- different documents: within a document the extractor has already merged what belongs together.
An undated event never merges across documents: with no date there is no evidence it is the same
happening, and a wrong merge hides a report while a missed one only repeats it -- except between
copies: two documents of one copy group (store/copies.py: near-identical texts) report the same
events, so their reports of one key merge whatever their dates, the k-th report of a key in one
copy with the k-th in the other. A copy with no outlet of its own counts as the group's outlet, so
`n_outlets` does not grow with re-posts while `n_documents` counts every document.

Grouping is deterministic and does not depend on the order documents arrived in: members are taken
most precise date first, and each joins the first group whose every member is compatible with it.
The merge is recomputed inside the document's transaction for the reports a document adds or
removes and for every report whose dates chain to theirs (see `_component`); events whose reports
and values come out the same are left as they are. Chronicle ids are a hash of the key and the
first report, so the result does not depend on what was stored before, and re-running changes nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlparse

from sqlalchemy import Connection, and_, bindparam, delete, insert, or_, select, tuple_, update

# the one rule, shared with the extractor; date_interval and merge_key are re-exported for the store's modules
from sagwan.extract.core.merge import date_interval as date_interval
from sagwan.extract.core.merge import merge_key as merge_key
from sagwan.extract.core.merge import nested
from sagwan.model import STATUSES
from sagwan.store.schema import (
    document_events,
    document_fingerprints,
    documents,
    event_actors,
    event_mentions,
    event_pairs,
    events,
)


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
    event_id: str | None = None          # the chronicle event it is in now
    cluster: str | None = None           # copy group of its document (store/copies.py), if fingerprinted
    rank: int = 0                        # its place among its document's reports of this key

    @property
    def report_order(self) -> tuple:
        return (self.published is None, self.published or "", self.document_id, self.seq)

    @property
    def width(self) -> int:
        if self.interval is None:
            return 1 << 30
        lo, hi = self.interval
        return (int(hi[:4]) - int(lo[:4])) * 400 + (int(hi[5:7]) - int(lo[5:7])) * 31 + int(hi[8:]) - int(lo[8:])


def copies(a: _Member, b: _Member) -> bool:
    return a.cluster is not None and a.cluster == b.cluster and a.document_id != b.document_id


def compatible(a: _Member, b: _Member) -> bool:
    """Reports of two documents that are copies of one text, or whose dates nest (the core's rule,
    extract/core/merge.py)."""
    return a.document_id != b.document_id and (copies(a, b) or nested(a.interval, b.interval))


def group(members: list[_Member]) -> list[list[_Member]]:
    """Members grouped into chronicle events (see the module docstring). The k-th reports of a key in
    the documents of one copy group form a bundle first; bundles and single reports then join the
    first group whose every member is compatible with each of theirs, most precise date first."""
    _rank(members)
    bundles: dict[tuple, list[_Member]] = {}
    for m in members:
        bundles.setdefault((m.cluster, m.rank) if m.cluster else (m.document_id, m.local_id), []).append(m)
    order = sorted(bundles.values(), key=lambda b: min(_sort_key(m) for m in b))
    groups: list[list[_Member]] = []
    for bundle in order:
        for g in groups:
            if all(compatible(m, other) for m in bundle for other in g):
                g.extend(bundle)
                break
        else:
            groups.append(list(bundle))
    return groups


def _sort_key(m: _Member) -> tuple:
    return m.width, m.interval or ("", ""), m.report_order, m.local_id


def _rank(members: list[_Member]) -> None:
    by_doc: dict[str, list[_Member]] = {}
    for m in members:
        by_doc.setdefault(m.document_id, []).append(m)
    for ms in by_doc.values():
        for i, m in enumerate(sorted(ms, key=lambda m: m.seq)):
            m.rank = i


def _outlet(outlet: str | None, url: str | None, document_id: str, cluster: str | None = None) -> str:
    """Who published it: the outlet named in the record, else the URL's host, else the copy group
    (copies of one text with no outlet named are one source), else the document itself."""
    if outlet:
        return outlet.strip().lower()
    if url and urlparse(url).netloc:
        return urlparse(url).netloc.lower().removeprefix("www.")
    return f"copies:{cluster}" if cluster else f"document:{document_id}"


def _most_common(values: Iterable, order: Iterable | None = None):
    """The most frequent non-null value; ties go to the earliest in `order` (or first seen)."""
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    rank = {v: i for i, v in enumerate(order)} if order is not None else {}
    seen = list(counts)
    return max(seen, key=lambda v: (counts[v], -rank.get(v, len(rank) + seen.index(v))))


@dataclass(frozen=True)
class Touched:
    """A report the merge must account for: one just written, or one just deleted (with the event it was in)."""

    key: str
    interval: tuple[str, str] | None
    document_id: str
    local_id: str
    event_id: str | None = None


def stored_interval(date_lo: str | None, date_hi: str | None) -> tuple[str, str] | None:
    """The interval kept in date_lo / date_hi columns; None for an undated report."""
    return (date_lo, date_hi) if date_lo and date_hi else None


def _member(r) -> _Member:
    countries = json.loads(r["countries"])
    roles = [(a, "source", countries.get(a, a)) for a in json.loads(r["source_ids"])]
    roles += [(a, "target", countries.get(a, a)) for a in json.loads(r["target_ids"])]
    cluster = r["cluster"]
    return _Member(
        r["document_id"], r["local_id"], r["seq"], r["published"],
        _outlet(r["outlet"], r["url"], r["document_id"], cluster),
        r["type"], r["mode"], r["status"], r["score"], r["quad"], r["date"], r["date_end"],
        stored_interval(r["date_lo"], r["date_hi"]), roles, r["event_id"], cluster)


def _members_query(key: str):
    fp = document_fingerprints
    return (select(document_events, documents.c.published, documents.c.outlet, documents.c.url, fp.c.cluster)
            .join(documents, documents.c.id == document_events.c.document_id)
            .outerjoin(fp, fp.c.document_id == document_events.c.document_id)
            .where(document_events.c.merge_key == key))


def _spans(intervals: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Overlapping intervals joined into disjoint spans, in order."""
    out: list[tuple[str, str]] = []
    for lo, hi in sorted(intervals):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(hi, out[-1][1]))
        else:
            out.append((lo, hi))
    return out


def _component(conn: Connection, key: str, spans: list[tuple[str, str]], reports: set[tuple[str, str]],
               clusters: set[str], event_ids: set[str]) -> list[_Member]:
    """The reports of `key` that chain to the given ones: by dates, overlap by overlap, by copy
    group, and by the events they are in now.

    Reports can only share an event when one's dates contain the other's or they are copies, so
    reports outside this closure keep their events: a new report re-merges its neighbourhood, not
    the key's whole history."""
    de, fp = document_events, document_fingerprints
    while True:
        near = [and_(de.c.date_lo.is_not(None), de.c.date_lo <= hi, de.c.date_hi >= lo) for lo, hi in spans]
        if reports:
            near.append(tuple_(de.c.document_id, de.c.local_id).in_(sorted(reports)))
        if clusters:
            near.append(fp.c.cluster.in_(sorted(clusters)))
        if event_ids:
            near.append(de.c.event_id.in_(sorted(event_ids)))
        if not near:
            return []
        rows = conn.execute(_members_query(key).where(or_(*near))).mappings().all()
        grown = _spans([*spans, *((r["date_lo"], r["date_hi"]) for r in rows if r["date_lo"])])
        more_clusters = clusters | {r["cluster"] for r in rows if r["cluster"]}
        more_events = event_ids | {r["event_id"] for r in rows if r["event_id"]}
        if grown == spans and more_clusters == clusters and more_events == event_ids:
            return [_member(r) for r in rows]
        spans, clusters, event_ids = grown, more_clusters, more_events


def remerge(conn: Connection, touched: Iterable[Touched], coder: str,
            on_rebuilt: Callable[[Connection, list[str]], None] | None = None) -> int:
    """Bring the chronicle up to date with the touched reports; returns how many events were (re)written."""
    by_key: dict[str, list[Touched]] = {}
    for t in touched:
        by_key.setdefault(t.key, []).append(t)
    return sum(_remerge_key(conn, key, by_key[key], coder, on_rebuilt) for key in sorted(by_key))


def _remerge_key(conn: Connection, key: str, touched: list[Touched], coder: str,
                 on_rebuilt: Callable[[Connection, list[str]], None] | None) -> int:
    spans = _spans(t.interval for t in touched if t.interval is not None)
    fp = document_fingerprints
    docs = sorted({t.document_id for t in touched})
    clusters = {r[0] for r in conn.execute(select(fp.c.cluster).where(fp.c.document_id.in_(docs)))} if docs else set()
    members = _component(conn, key, spans, {(t.document_id, t.local_id) for t in touched}, clusters,
                         {t.event_id for t in touched if t.event_id})
    old_ids = {m.event_id for m in members if m.event_id} | {t.event_id for t in touched if t.event_id}
    built = [_build_event(key, g, coder) for g in group(members)]
    stored = _stored_events(conn, old_ids)
    unchanged = {b.id for b in built if stored.get(b.id) == (b.row, b.actors)}
    gone = sorted(old_ids - unchanged)
    for i in range(0, len(gone), _CHUNK):
        conn.execute(delete(events).where(events.c.id.in_(gone[i:i + _CHUNK])))
    fresh = [b for b in built if b.id not in unchanged]
    if fresh:
        conn.execute(insert(events), [b.row for b in fresh])
        for table, rows in ((event_actors, [a for b in fresh for a in b.actors]),
                            (event_pairs, [p for b in fresh for p in b.pairs])):
            if rows:
                conn.execute(insert(table), rows)
    moved = [{"d": m.document_id, "l": m.local_id, "e": b.id} for b in built for m in b.members
             if m.event_id != b.id or b.id not in unchanged]
    if moved:
        conn.execute(_POINT_REPORT, moved)
        conn.execute(_POINT_MENTIONS, moved)
    if fresh and on_rebuilt is not None:   # e.g. the analysts' corrections, applied again (store/review.py)
        on_rebuilt(conn, [b.id for b in fresh])
    return len(fresh)


_CHUNK = 500
_POINT_REPORT = (update(document_events).where(document_events.c.document_id == bindparam("d"),
                                               document_events.c.local_id == bindparam("l"))
                 .values(event_id=bindparam("e")))
_POINT_MENTIONS = (update(event_mentions).where(event_mentions.c.document_id == bindparam("d"),
                                                event_mentions.c.local_event_id == bindparam("l"))
                   .values(event_id=bindparam("e")))


def _stored_events(conn: Connection, ids: set[str]) -> dict[str, tuple[dict, list[dict]]]:
    """id -> (events row, its event_actors rows sorted) for the ids that exist."""
    out: dict[str, tuple[dict, list[dict]]] = {}
    wanted = sorted(ids)
    for i in range(0, len(wanted), _CHUNK):
        chunk = wanted[i:i + _CHUNK]
        rows = {r["id"]: dict(r) for r in conn.execute(select(events).where(events.c.id.in_(chunk))).mappings()}
        parties: dict[str, list[dict]] = {eid: [] for eid in rows}
        for r in conn.execute(select(event_actors).where(event_actors.c.event_id.in_(chunk))).mappings():
            parties[r["event_id"]].append(dict(r))
        for eid, row in rows.items():
            out[eid] = (row, sorted(parties[eid], key=_actor_order))
    return out


def _actor_order(row: dict) -> tuple:
    return row["actor_id"], row["role"]


@dataclass
class _Built:
    id: str
    row: dict
    actors: list[dict]
    pairs: list[dict]
    members: list[_Member]


def _build_event(key: str, members: list[_Member], coder: str) -> _Built:
    """The chronicle event a group of reports makes: its row, its parties and its dyads."""
    by_report = sorted(members, key=lambda m: m.report_order)
    first = by_report[0]
    precise = min(members, key=lambda m: (m.width, m.report_order))
    event_id = hashlib.sha256(f"{key}|{first.document_id}|{first.local_id}".encode()).hexdigest()[:16]
    row = {
        "id": event_id, "type": first.type, "mode": _most_common(m.mode for m in by_report), "merge_key": key,
        "date": precise.date, "date_end": precise.date_end,
        "date_lo": precise.interval[0] if precise.interval else None,
        "date_hi": precise.interval[1] if precise.interval else None,
        "status": _most_common((m.status for m in by_report), order=STATUSES) or first.status,
        "score": _most_common(m.score for m in by_report),
        "quad": _most_common(m.quad for m in by_report),
        "n_documents": len({m.document_id for m in members}),
        "n_outlets": len({m.outlet for m in members}),
        "first_reported_at": first.published, "first_document_id": first.document_id, "coder": coder,
        "review": None,
    }
    parties: dict[tuple[str, str], str] = {}
    for m in by_report:
        for actor_id, role, country in m.roles:
            parties.setdefault((actor_id, role), country)
    actors = sorted(({"event_id": event_id, "actor_id": a, "role": role, "country": c}
                     for (a, role), c in parties.items()), key=_actor_order)
    pairs = pair_rows(row, [(a, role, c) for (a, role), c in parties.items()])
    return _Built(event_id, row, actors, pairs, members)


def pair_rows(event: dict, parties: Iterable[tuple[str, str, str]]) -> list[dict]:
    """The event_pairs rows of an event (its events row) from its (actor id, role, country) parties.

    A party is named by its actor id and by its country, so a dyad of two countries finds the events
    of their officials too. Pairs: every source with every target, and, when there is no target,
    every two sources (a meeting or joint act whose parties all stand on the source side)."""
    src: set[str] = set()
    tgt: set[str] = set()
    for actor_id, role, country in parties:
        (src if role == "source" else tgt).update((actor_id, country))
    candidates = {tuple(sorted((s, t))) for s in src for t in tgt if s != t}
    if not tgt:
        candidates |= {tuple(sorted((s, t))) for s in src for t in src if s != t}
    facts = {"event_id": event["id"], "type": event["type"], "mode": event.get("mode"),
             "placed": event.get("date") or event.get("first_reported_at"), "status": event["status"],
             "score": event.get("score"), "quad": event.get("quad")}
    return [{"a": a, "b": b, "a_acts": a in src and b in tgt, "b_acts": b in src and a in tgt,
             "joint": not tgt and a in src and b in src, **facts} for a, b in sorted(candidates)]

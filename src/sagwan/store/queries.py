"""Read the store: chronicle events, quotes, actors, documents, counts. Plain dicts out, same on every backend.

Every query has a total order (ties broken by ids), so SQLite and PostgreSQL give the same answers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, and_, case, distinct, exists, func, or_, select

from sagwan.errors import ConfigError
from sagwan.model import UNATTRIBUTED
from sagwan.store.filters import RECIPROCAL_TYPES, EventFilter, date_precision, placed_from, placing_date
from sagwan.store.merge import date_interval
from sagwan.store.schema import (
    actor_aliases,
    actor_mentions,
    actors,
    document_events,
    documents,
    event_actors,
    event_mentions,
    event_pairs,
    events,
    failures,
    quotes,
)
from sagwan.store.search import match_clause

_CHUNK = 500


def _as_list(value: str | Iterable[str] | None) -> list[str] | None:
    if value is None:
        return None
    return [value] if isinstance(value, str) else list(value)


def _bound(value: str | None, which: int, name: str) -> str | None:
    if value is None:
        return None
    interval = date_interval(value)
    if interval is None:
        raise ConfigError(f"{name}={value!r}: give a date as YYYY, YYYY-MM or YYYY-MM-DD")
    return interval[which]


def _takes_part(actor: str, event_id=events.c.id):
    """An EXISTS clause: `actor` (an actor id, or a country every actor of it counts for) is in the event."""
    ea = event_actors
    return exists(select(ea.c.event_id).where(ea.c.event_id == event_id,
                                              or_(ea.c.actor_id == actor, ea.c.country == actor)))


def _pair_ids(a: str, b: str):
    """Ids of the events that link a and b (in either direction, or side by side with no target),
    read from one range of the event_pairs index."""
    lo, hi = sorted((a, b))
    return select(event_pairs.c.event_id).where(event_pairs.c.a == lo, event_pairs.c.b == hi)


def _attribution_clause(attributed_to: str, event_id=events.c.id):
    """Events some document attributes to `attributed_to`; "none": events no document attributes to anyone."""
    de = document_events
    if attributed_to == UNATTRIBUTED:
        return ~exists(select(de.c.event_id).where(de.c.event_id == event_id, de.c.attributed_to.is_not(None)))
    return exists(select(de.c.event_id).where(de.c.event_id == event_id, de.c.attributed_to == attributed_to))


_CHRONOLOGICAL = (events.c.date_lo.is_(None), events.c.date_lo, events.c.id)   # undated last


def find_events(conn: Connection, *, actor: str | None = None, dyad: Sequence[str] | None = None,
                type: str | Iterable[str] | None = None, status: str | Iterable[str] | None = None,
                exclude_status: str | Iterable[str] | None = None, date_from: str | None = None,
                date_to: str | None = None, attributed_to: str | None = None,
                limit: int | None = None, mentions: bool = True, filter: EventFilter | None = None,
                offset: int = 0) -> list[dict[str, Any]]:
    """Events, oldest first. With `filter` (see `sagwan.store.filters`) the other keyword filters must be
    left out; without it they are read as they always were (every status unless asked)."""
    if filter is not None:
        q = select(events).where(*filter_clauses(filter))
    else:
        q = _legacy_query(actor, dyad, type, status, exclude_status, date_from, date_to, attributed_to)
    q = q.order_by(*_CHRONOLOGICAL)
    if limit is not None:
        q = q.limit(limit)
    if offset:
        q = q.offset(offset)
    rows = [dict(r) for r in conn.execute(q).mappings()]
    return _with_details(conn, rows, mentions)


def count_events(conn: Connection, filter: EventFilter) -> int:
    """How many events `find_events(filter=filter)` lists without a limit."""
    return conn.execute(select(func.count()).select_from(events).where(*filter_clauses(filter))).scalar_one()


def _legacy_query(actor, dyad, type, status, exclude_status, date_from, date_to, attributed_to):
    q = select(events)
    if actor:
        q = q.where(_takes_part(actor))
    if dyad:
        if len(dyad) != 2:
            raise ConfigError(f"dyad={dyad!r}: give two actor ids or countries, e.g. ('PRK', 'RUS')")
        q = q.where(events.c.id.in_(_pair_ids(*dyad)))
    if types := _as_list(type):
        q = q.where(events.c.type.in_([t.upper() for t in types]))
    if statuses := _as_list(status):
        q = q.where(events.c.status.in_(statuses))
    if excluded := _as_list(exclude_status):
        q = q.where(events.c.status.not_in(excluded))
    if (lo := _bound(date_from, 0, "date_from")) is not None:
        q = q.where(events.c.date_hi >= lo)
    if (hi := _bound(date_to, 1, "date_to")) is not None:
        q = q.where(events.c.date_lo <= hi)
    if attributed_to:
        q = q.where(_attribution_clause(attributed_to))
    return q


def _placed_within(placed, lo: str, hi: str):
    """The placing date (YYYY, YYYY-MM or YYYY-MM-DD) can fall between lo and hi: as `filters.date_bounds`."""
    n = func.length(placed)
    first = case((n == 4, placed + "-01-01"), (n == 7, placed + "-01"), else_=placed)
    last = case((n == 4, placed + "-12-31"), (n == 7, placed + "-31"), else_=placed)
    return and_(placed.is_not(None), last >= lo, first <= hi)


def _linked_ids(a: str, b: str):
    """Ids of the events in the a-b dyad by the rule of `filters` (one acts on the other, or both act
    together in a reciprocal type), from one range of the event_pairs index."""
    p = event_pairs
    lo, hi = sorted((a, b))
    return select(p.c.event_id).where(p.c.a == lo, p.c.b == hi,
                                      or_(p.c.a_acts, p.c.b_acts, and_(p.c.joint, p.c.type.in_(RECIPROCAL_TYPES))))


def filter_clauses(f: EventFilter, table=None) -> list:
    """WHERE clauses for an EventFilter over `events` (default) or `event_pairs` (which carries the type,
    status and placing date of each event). `EventFilter.matches` is the same test in Python."""
    if table is None or table is events:
        event_id, type_col, status_col = events.c.id, events.c.type, events.c.status
        placed = func.coalesce(events.c.date, events.c.first_reported_at)
        dated = events.c.date.is_not(None)
    else:
        event_id, type_col, status_col, placed = table.c.event_id, table.c.type, table.c.status, table.c.placed
        dated = exists(select(events.c.id).where(events.c.id == table.c.event_id, events.c.date.is_not(None)))
    out = []
    if f.ids:
        out.append(event_id.in_(list(f.ids)))
    if f.types:
        out.append(type_col.in_(list(f.types)))
    if not f.all_statuses:
        out.append(status_col.in_(list(f.statuses)))
    if f.actors:
        out.append(or_(*(_takes_part(a, event_id) for a in f.actors)))
    if f.dyad:
        out.append(event_id.in_(_linked_ids(*f.dyad)))
    if not f.report_dates:
        out.append(dated)
    if (window := f.window) is not None:
        out.append(_placed_within(placed, *window))
    if f.attributed_to:
        out.append(_attribution_clause(f.attributed_to, event_id))
    return out


def actor_candidates(conn: Connection, text: str) -> list[str]:
    """Stored actor ids that `text` names: the id or the name in any case, or a surface form seen."""
    folded = text.lower()
    q = select(actors.c.id).where(or_(func.lower(actors.c.id) == folded, func.lower(actors.c.name) == folded))
    found = [i for (i,) in conn.execute(q.order_by(actors.c.id))]
    q = select(actor_aliases.c.actor_id).where(func.lower(actor_aliases.c.alias) == folded).distinct()
    found += [i for (i,) in conn.execute(q.order_by(actor_aliases.c.actor_id)) if i not in found]
    if text in found:
        return [text]
    return found


def actor_ids(conn: Connection) -> list[str]:
    return [i for (i,) in conn.execute(select(actors.c.id).order_by(actors.c.id))]


def find_dyad_links(conn: Connection, a: str, b: str, *, exclude_status: Iterable[str] = (),
                    attributed_to: str | None = None, filter: EventFilter | None = None) -> list[dict[str, Any]]:
    """The events linking a and b, lean, from the event_pairs table alone: id, type, mode, status,
    score, quad, `date` (the date that places the event: its own, else its first report's), and which
    way it links them: `a_to_b` (a on the source side, b on the target side), `b_to_a`, or `joint`
    (both on the source side of an event with no target). No parties, reports or sentences are read:
    this is what counting a dyad over millions of events needs (`sagwan dyad`). Ordered by id."""
    if a == b:
        raise ConfigError(f"a dyad needs two different actors, got {a} twice")
    p = event_pairs
    q = (select(p.c.event_id, p.c.type, p.c.mode, p.c.placed, p.c.status, p.c.score, p.c.quad,
                p.c.a_acts, p.c.b_acts, p.c.joint).where(p.c.a == min(a, b), p.c.b == max(a, b)))
    if filter is not None:   # the dyad is a-b already; the rest of the filter as find_events reads it
        q = q.where(*filter_clauses(filter.but(dyad=None), event_pairs))
    if excluded := _as_list(exclude_status):
        q = q.where(p.c.status.not_in(excluded))
    if attributed_to:
        q = q.where(_attribution_clause(attributed_to, p.c.event_id))
    flipped = a > b
    return [{"id": eid, "type": type_, "mode": mode, "date": placed, "status": status, "score": score, "quad": quad,
             "a_to_b": bool(b_acts if flipped else a_acts), "b_to_a": bool(a_acts if flipped else b_acts),
             "joint": bool(joint)}
            for eid, type_, mode, placed, status, score, quad, a_acts, b_acts, joint
            in conn.execute(q.order_by(p.c.event_id))]


def count_as_themselves(conn: Connection, ids: Iterable[str]) -> bool:
    """True when no id is a stored actor that counts for some other country: each is its own side."""
    q = select(actors.c.id).where(actors.c.id.in_(list(ids)), actors.c.country.is_not(None),
                                  actors.c.country != actors.c.id)
    return conn.execute(q.limit(1)).first() is None


def _with_details(conn: Connection, rows: list[dict[str, Any]], with_mentions: bool = True) -> list[dict[str, Any]]:
    ids = [r["id"] for r in rows]
    parties: dict[str, list] = defaultdict(list)
    attributions: dict[str, set] = defaultdict(set)
    mentions: dict[str, list] = defaultdict(list)
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i:i + _CHUNK]
        for p in conn.execute(select(event_actors).where(event_actors.c.event_id.in_(chunk))).mappings():
            parties[p["event_id"]].append(p)
        for a in conn.execute(select(document_events.c.event_id, document_events.c.attributed_to)
                              .where(document_events.c.event_id.in_(chunk),
                                     document_events.c.attributed_to.is_not(None))):
            attributions[a[0]].add(a[1])
        if not with_mentions:
            continue   # counting and scoring need the parties, not the sentences
        m = event_mentions
        # the sentence itself, cut out by the database (offsets count characters on both backends)
        sentence = func.substr(documents.c.text, m.c.sentence_start + 1, m.c.sentence_end - m.c.sentence_start)
        q = (select(m.c.event_id, m.c.document_id, documents.c.source, documents.c.title, documents.c.published,
                    documents.c.outlet, documents.c.url, m.c.start, m.c.end, m.c.text, m.c.sentence_start,
                    m.c.sentence_end, sentence.label("sentence"), m.c.status, m.c.attributed_to)
             .join(documents, documents.c.id == m.c.document_id).where(m.c.event_id.in_(chunk))
             .order_by(documents.c.published.is_(None), documents.c.published, m.c.document_id, m.c.start, m.c.id))
        for r in conn.execute(q).mappings():
            mention = dict(r)
            mentions[mention.pop("event_id")].append(mention)
    out = []
    for r in rows:
        ps = parties[r["id"]]
        out.append({
            "id": r["id"], "type": r["type"], "mode": r["mode"],
            "source": sorted(p["actor_id"] for p in ps if p["role"] == "source"),
            "target": sorted(p["actor_id"] for p in ps if p["role"] == "target"),
            "source_countries": sorted({p["country"] for p in ps if p["role"] == "source"}),
            "target_countries": sorted({p["country"] for p in ps if p["role"] == "target"}),
            "date": r["date"], "date_precision": date_precision(r["date"]), "date_end": r["date_end"],
            "placed_date": placing_date({"date": r["date"], "first_reported": r["first_reported_at"]}),
            "placed_from": placed_from({"date": r["date"], "first_reported": r["first_reported_at"]}),
            "status": r["status"], "score": r["score"],
            "quad": r["quad"], "n_documents": r["n_documents"], "n_outlets": r["n_outlets"],
            "first_reported": r["first_reported_at"], "first_document": r["first_document_id"],
            "attributed_to": sorted(attributions[r["id"]]), "coder": r["coder"],
            "mentions": mentions[r["id"]],
        })
    return out


def find_quotes(conn: Connection, *, speaker: str | None = None, text: str | None = None,
                limit: int | None = None) -> list[dict[str, Any]]:
    q = (select(quotes.c.document_id, quotes.c.local_id.label("id"), quotes.c.speaker, quotes.c.speaker_text,
                quotes.c.text, quotes.c.start, quotes.c.end, quotes.c.kind, quotes.c.cue, quotes.c.date, quotes.c.via,
                quotes.c.coder, documents.c.source, documents.c.title, documents.c.published)
         .join(documents, documents.c.id == quotes.c.document_id))
    if speaker:
        q = q.where(or_(quotes.c.speaker == speaker, quotes.c.speaker_text == speaker))
    if text:
        clause = match_clause(conn.dialect.name, text)
        if clause is None:
            return []
        q = q.where(clause)
    q = q.order_by(documents.c.published.is_(None), documents.c.published, quotes.c.document_id, quotes.c.start,
                   quotes.c.id)
    if limit is not None:
        q = q.limit(limit)
    return [dict(r) for r in conn.execute(q).mappings()]


def find_actors(conn: Connection, *, kind: str | None = None, name: str | None = None,
                limit: int | None = None) -> list[dict[str, Any]]:
    counts = (select(actor_mentions.c.actor_id, func.count().label("n_mentions"),
                     func.count(distinct(actor_mentions.c.document_id)).label("n_documents"))
              .group_by(actor_mentions.c.actor_id).subquery())
    n_mentions = func.coalesce(counts.c.n_mentions, 0)
    q = (select(actors.c.id, actors.c.name, actors.c.kind, actors.c.country, actors.c.role, actors.c.affiliation,
                actors.c.wikidata, n_mentions.label("n_mentions"),
                func.coalesce(counts.c.n_documents, 0).label("n_documents"))
         .outerjoin(counts, counts.c.actor_id == actors.c.id))
    if kind:
        q = q.where(actors.c.kind == kind)
    if name:
        q = q.where(or_(actors.c.name.icontains(name, autoescape=True), actors.c.id.icontains(name, autoescape=True),
                        exists(select(actor_aliases.c.actor_id).where(
                            actor_aliases.c.actor_id == actors.c.id,
                            actor_aliases.c.alias.icontains(name, autoescape=True)))))
    q = q.order_by(n_mentions.desc(), actors.c.id)
    if limit is not None:
        q = q.limit(limit)
    rows = [dict(r) for r in conn.execute(q).mappings()]
    ids = [r["id"] for r in rows]
    aliases: dict[str, set] = defaultdict(set)
    for i in range(0, len(ids), _CHUNK):
        for a, alias in conn.execute(select(actor_aliases.c.actor_id, actor_aliases.c.alias)
                                     .where(actor_aliases.c.actor_id.in_(ids[i:i + _CHUNK]))):
            aliases[a].add(alias)
    for r in rows:
        r["aliases"] = sorted(aliases[r["id"]])
    return rows


def get_quote(conn: Connection, doc_id: str, local_id: str) -> dict[str, Any] | None:
    """One quote with its document's title, outlet, date, source and URL."""
    q = (select(quotes.c.document_id, quotes.c.local_id.label("id"), quotes.c.speaker, quotes.c.speaker_text,
                quotes.c.text, quotes.c.start, quotes.c.end, quotes.c.kind, quotes.c.cue, quotes.c.date, quotes.c.via,
                quotes.c.coder, documents.c.source, documents.c.title, documents.c.published, documents.c.outlet,
                documents.c.url)
         .join(documents, documents.c.id == quotes.c.document_id)
         .where(quotes.c.document_id == doc_id, quotes.c.local_id == local_id))
    row = conn.execute(q).mappings().first()
    return dict(row) if row else None


def get_document(conn: Connection, doc_id: str) -> dict[str, Any] | None:
    cols = [documents.c[k] for k in ("id", "source", "title", "published", "language", "text", "outlet", "url")]
    row = conn.execute(select(*cols).where(documents.c.id == doc_id)).mappings().first()
    return dict(row) if row else None


def summarise(conn: Connection) -> dict[str, Any]:
    def n(table) -> int:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()

    def by(column) -> dict[str, int]:
        return {k: v for k, v in conn.execute(select(column, func.count()).group_by(column).order_by(column))}

    return {
        "documents": n(documents), "actors": n(actors), "actor_mentions": n(actor_mentions), "quotes": n(quotes),
        "events": n(events), "document_events": n(document_events), "event_mentions": n(event_mentions),
        "failures": n(failures), "by_type": by(events.c.type), "by_status": by(events.c.status),
        "coders": sorted(c for (c,) in conn.execute(select(documents.c.coder).distinct())),
    }

"""Write one `sagwan/1` record: its document, actors, quotes and events, then re-merge the chronicle.

The caller runs `write_record` inside one transaction per document, so a crash leaves either the
whole document or none of it. A record whose document id and content are already stored changes
nothing; a new version of a document at the same source replaces the old one's rows.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from sagwan.errors import StoreError
from sagwan.model import ACTOR_KINDS
from sagwan.store.copies import register as register_copy
from sagwan.store.merge import Touched, date_interval, merge_key, remerge, stored_interval
from sagwan.store.review import apply_event_reviews, apply_quote_reviews
from sagwan.store.schema import (
    actor_aliases,
    actor_mentions,
    actors,
    document_events,
    documents,
    event_mentions,
    failures,
    quotes,
)
from sagwan.store.search import segment

DOC_CORE = ("id", "source", "title", "published", "language", "text", "outlet", "url")
_STATE_ID = re.compile(r"^[A-Z]{3}$")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def content_hash(rec: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(rec, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


def check_record(rec: Any) -> None:
    """Refuse what is not a sagwan/1 record before anything is written."""
    if not isinstance(rec, dict) or not isinstance(rec.get("doc"), dict):
        raise StoreError(f"not a sagwan/1 record (no 'doc' object): {str(rec)[:80]!r}")
    doc = rec["doc"]
    for key in ("id", "source", "text"):
        if not isinstance(doc.get(key), str) or (key != "text" and not doc[key]):
            raise StoreError(f"record {doc.get('id') or doc.get('source') or '?'}: doc.{key} missing or not a string")
    for section in ("actors", "quotes", "events"):
        if not isinstance(rec.get(section, []), list):
            raise StoreError(f"record {doc['id']}: {section} must be a list")


def stored_state(conn: Connection, doc_id: str) -> tuple[str, str] | None:
    """(content_hash, coder) of a stored document, or None."""
    row = conn.execute(select(documents.c.content_hash, documents.c.coder).where(documents.c.id == doc_id)).first()
    return (row[0], row[1]) if row else None


def is_stored(conn: Connection, rec: dict[str, Any], digest: str) -> bool:
    """True when this very record (same document id, same `content_hash`) is already stored."""
    state = stored_state(conn, rec["doc"]["id"])
    return state is not None and state[0] == digest


def delete_documents(conn: Connection, where) -> tuple[int, list[Touched]]:
    """Delete documents (cascading to their rows); returns how many, and their reports for the re-merge."""
    ids = [r[0] for r in conn.execute(select(documents.c.id).where(where))]
    if not ids:
        return 0, []
    de = document_events
    gone = [Touched(r.merge_key, stored_interval(r.date_lo, r.date_hi), r.document_id, r.local_id, r.event_id)
            for r in conn.execute(select(de.c.merge_key, de.c.date_lo, de.c.date_hi, de.c.document_id, de.c.local_id,
                                         de.c.event_id).where(de.c.document_id.in_(ids)))]
    conn.execute(delete(documents).where(documents.c.id.in_(ids)))
    return len(ids), gone


def segment_quotes(rec: dict[str, Any]) -> list[str]:
    """The search form of each quote. Done before the write transaction: Kiwi may take seconds to load."""
    language = (rec.get("doc") or {}).get("language")
    return [segment(q.get("text") or "", language) for q in rec.get("quotes", [])]


def write_record(conn: Connection, rec: dict[str, Any], segmented: list[str] | None = None,
                 digest: str | None = None) -> str:
    """Store one record; returns 'unchanged', 'new' or 'replaced'. Call inside a transaction.
    `digest` is `content_hash(rec)` when the caller has it already."""
    check_record(rec)
    doc = rec["doc"]
    digest = digest or content_hash(rec)
    if is_stored(conn, rec, digest):
        return "unchanged"
    coder = rec.get("coder") or "unknown"
    n_old, gone = delete_documents(conn, (documents.c.id == doc["id"]) | (documents.c.source == doc["source"]))
    conn.execute(insert(documents).values(
        **{k: doc.get(k) for k in DOC_CORE},
        meta=json.dumps({k: v for k, v in doc.items() if k not in DOC_CORE}, ensure_ascii=False, sort_keys=True),
        coder=coder, content_hash=digest, ingested_at=now(),
    ))
    countries = _write_actors(conn, rec, coder)
    _write_quotes(conn, rec, coder, segmented if segmented is not None else segment_quotes(rec))
    added = _write_events(conn, rec, countries, coder)
    relabelled = register_copy(conn, doc["id"], doc.get("text") or "")   # near-copies merge (store/copies.py)
    remerge(conn, gone + added + relabelled, coder, on_rebuilt=apply_event_reviews)
    apply_quote_reviews(conn, doc["id"])
    conn.execute(delete(failures).where(failures.c.source == doc["source"]))
    return "replaced" if n_old else "new"


def _referenced_ids(rec: dict[str, Any]) -> set[str]:
    ids: set[str] = set()
    for e in rec.get("events", []):
        ids.update(e.get("source") or [])
        ids.update(e.get("target") or [])
        if e.get("attributed_to"):
            ids.add(e["attributed_to"])
    return ids


def _stub(actor_id: str) -> dict[str, Any]:
    """An actor named only by id in an event: kind guessed from the id's shape (USA -> state, person:x -> person)."""
    prefix = actor_id.split(":", 1)[0] if ":" in actor_id else ""
    kind = {"person": "person", "org": "organization", "group": "group", "loc": "location"}.get(prefix)
    if kind is None:
        kind = "state" if _STATE_ID.match(actor_id) else "group"
    return {"id": actor_id, "name": actor_id, "kind": kind, "country": actor_id if kind == "state" else None}


def _write_actors(conn: Connection, rec: dict[str, Any], coder: str) -> dict[str, str]:
    """Upsert the record's actors (first non-null value of each field wins); returns id -> dyad country."""
    doc_id = rec["doc"]["id"]
    given = {a["id"]: a for a in rec.get("actors", []) if a.get("id")}
    wanted = dict(given)
    for actor_id in _referenced_ids(rec) - set(given):
        wanted[actor_id] = _stub(actor_id)
    stored = {r.id: r for r in conn.execute(select(actors).where(actors.c.id.in_(list(wanted))))} if wanted else {}
    fields = ("name", "kind", "country", "role", "affiliation", "wikidata")
    for actor_id, a in wanted.items():
        kind = a.get("kind") if a.get("kind") in ACTOR_KINDS else "group"
        values = {f: a.get(f) for f in fields} | {"kind": kind, "name": a.get("name") or actor_id}
        row = stored.get(actor_id)
        if row is None:
            conn.execute(insert(actors).values(id=actor_id, first_document_id=doc_id, coder=coder, **values))
        elif actor_id in given:
            fill = {f: values[f] for f in ("country", "role", "affiliation", "wikidata")
                    if getattr(row, f) is None and values[f] is not None}
            if row.name == actor_id and values["name"] != actor_id:  # a stub learns its real name
                fill |= {"name": values["name"], "kind": kind}
            if fill:
                conn.execute(update(actors).where(actors.c.id == actor_id).values(**fill))
    aliases = {(a_id, name) for a_id, a in given.items() for name in (a.get("names") or [])}
    aliases |= {(a_id, m["text"]) for a_id, a in given.items() for m in (a.get("mentions") or []) if m.get("text")}
    if aliases:
        conn.execute(insert(actor_aliases), [{"actor_id": a, "alias": n, "document_id": doc_id, "coder": coder}
                                             for a, n in sorted(aliases)])
    mentions = [{"document_id": doc_id, "actor_id": a_id, "start": m["start"], "end": m["end"], "text": m["text"],
                 "coder": coder} for a_id, a in given.items() for m in (a.get("mentions") or [])]
    if mentions:
        conn.execute(insert(actor_mentions), mentions)
    known = {r.id: r.country for r in conn.execute(
        select(actors.c.id, actors.c.country).where(actors.c.id.in_(list(wanted))))} if wanted else {}
    # the record's word first, then the store's; a state (or an actor of unknown country) counts as itself
    return {a: given.get(a, {}).get("country") or known.get(a) or a for a in wanted}


def _write_quotes(conn: Connection, rec: dict[str, Any], coder: str, segmented: list[str]) -> None:
    rows = []
    for i, (q, seg) in enumerate(zip(rec.get("quotes", []), segmented, strict=True)):
        rows.append({
            "document_id": rec["doc"]["id"], "local_id": q.get("id") or f"q{i + 1}",
            "speaker": q.get("speaker"), "speaker_text": q.get("speaker_text"), "text": q.get("text") or "",
            "start": q["start"], "end": q["end"], "kind": q.get("kind") or "direct", "cue": q.get("cue"),
            "date": q.get("date"), "via": q.get("via"), "segmented": seg, "coder": coder,
        })
    if rows:
        conn.execute(insert(quotes), rows)


def _write_events(conn: Connection, rec: dict[str, Any], countries: dict[str, str], coder: str) -> list[Touched]:
    doc_id = rec["doc"]["id"]
    reports, mentions, added = [], [], []
    for seq, e in enumerate(rec.get("events", [])):
        local_id = e.get("id") or f"e{seq + 1}"
        src, tgt = list(e.get("source") or []), list(e.get("target") or [])
        key = merge_key(e["type"], (countries[a] for a in src), (countries[a] for a in tgt))
        interval = date_interval(e.get("date"), e.get("date_end"))
        added.append(Touched(key, interval, doc_id, local_id))
        status = e.get("status") or "occurred"
        reports.append({
            "document_id": doc_id, "local_id": local_id, "type": e["type"], "mode": e.get("mode"),
            "source_ids": json.dumps(src), "target_ids": json.dumps(tgt),
            "countries": json.dumps({a: countries[a] for a in src + tgt}, sort_keys=True), "merge_key": key,
            "date": e.get("date"), "date_end": e.get("date_end"),
            "date_lo": interval[0] if interval else None, "date_hi": interval[1] if interval else None,
            "location": e.get("location"), "status": status, "attributed_to": e.get("attributed_to"),
            "score": e.get("score"), "quad": e.get("quad"), "seq": seq, "coder": coder,
        })
        mentions += [{
            "document_id": doc_id, "local_event_id": local_id, "status": status,
            "attributed_to": e.get("attributed_to"), "start": m["start"], "end": m["end"], "text": m.get("text") or "",
            "sentence_start": m.get("sentence_start", m["start"]), "sentence_end": m.get("sentence_end", m["end"]),
            "date": e.get("date"), "coder": coder,
        } for m in e.get("mentions") or []]
    if reports:   # one statement per table: executemany, not a round trip per row
        conn.execute(insert(document_events), reports)
    if mentions:
        conn.execute(insert(event_mentions), mentions)
    return added


def record_failure(conn: Connection, source: str, reason: str, coder: str) -> None:
    """Remember the latest failure of a source (one row per source, so re-runs do not pile up)."""
    conn.execute(delete(failures).where(failures.c.source == source))
    conn.execute(insert(failures).values(source=source, reason=reason, at=now(), coder=coder))


def count(conn: Connection, table) -> int:
    return conn.execute(select(func.count()).select_from(table)).scalar_one()

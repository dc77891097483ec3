"""Write `sagwan/1` records: their documents, actors, quotes and events, then re-merge the chronicle.

The caller runs `write_records` (a batch) or `write_record` (one) inside one transaction, so a crash
leaves either the whole batch or none of it, never part of a document. A record whose document id
and content are already stored changes nothing; a new version of a document at the same source
replaces the old one's rows.
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
from sagwan.store.bulk import insert_many
from sagwan.store.merge import Touched, date_interval, merge_key, remerge, stored_interval
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
    return [segment(q.get("text") or "") for q in rec.get("quotes", [])]


def write_record(conn: Connection, rec: dict[str, Any], segmented: list[str] | None = None,
                 digest: str | None = None) -> str:
    """Store one record; returns 'unchanged', 'new' or 'replaced'. Call inside a transaction.
    `digest` is `content_hash(rec)` when the caller has it already."""
    return write_records(conn, [(rec, segmented, digest)])[0]


Item = tuple[dict[str, Any], list[str] | None, str | None]   # (record, segmented quotes or None, digest or None)


def batchable(items: list[Item]) -> bool:
    """True when the records can go into one `write_records` call: no two share a document id or a
    source (the later would replace the earlier) and all come from one coder (the merge stamps it)."""
    ids = [rec["doc"]["id"] for rec, _, _ in items]
    sources = [rec["doc"]["source"] for rec, _, _ in items]
    coders = {rec.get("coder") or "unknown" for rec, _, _ in items}
    return len(set(ids)) == len(ids) and len(set(sources)) == len(sources) and len(coders) <= 1


def write_records(conn: Connection, items: list[Item]) -> list[str]:
    """Store several records in one go, each statement once for all of them (executemany), and re-merge
    the chronicle once for everything they touch; returns 'unchanged', 'new' or 'replaced' per record.
    Call inside one transaction: the batch is stored whole or not at all. The records must be
    `batchable`; the result is the one writing them one by one in order gives."""
    for rec, _, _ in items:
        check_record(rec)
    if not batchable(items):
        raise StoreError("a batch holds two records of one document or source, or of two coders; "
                         "write them one at a time")
    digests = [digest or content_hash(rec) for rec, _, digest in items]
    stored = _stored_hashes(conn, [rec["doc"]["id"] for rec, _, _ in items])
    statuses = ["unchanged" if stored.get(rec["doc"]["id"]) == d else "" for (rec, _, _), d in zip(items, digests,
                                                                                                  strict=True)]
    todo = [(rec, seg, d, i) for i, ((rec, seg, _), d) in enumerate(zip(items, digests, strict=True))
            if not statuses[i]]
    if not todo:
        return statuses
    coder = todo[0][0].get("coder") or "unknown"
    ids = [rec["doc"]["id"] for rec, *_ in todo]
    sources = [rec["doc"]["source"] for rec, *_ in todo]
    old = _old_documents(conn, ids, sources)
    gone: list[Touched] = []
    for i in range(0, len(old), _CHUNK):
        gone += delete_documents(conn, documents.c.id.in_([doc_id for doc_id, _ in old[i:i + _CHUNK]]))[1]
    replaced_ids = {doc_id for doc_id, _ in old}
    replaced_sources = {source for _, source in old}
    conn.execute(insert(documents), [{
        **{k: rec["doc"].get(k) for k in DOC_CORE},
        "meta": json.dumps({k: v for k, v in rec["doc"].items() if k not in DOC_CORE}, ensure_ascii=False,
                           sort_keys=True),
        "coder": coder, "content_hash": digest, "ingested_at": now()} for rec, _, digest, _ in todo])
    recs = [rec for rec, *_ in todo]
    countries = _write_actors(conn, recs, coder)
    _write_quotes(conn, [(rec, seg if seg is not None else segment_quotes(rec)) for rec, seg, _, _ in todo], coder)
    added = _write_events(conn, recs, countries, coder)
    remerge(conn, gone + added, coder)
    for i in range(0, len(sources), _CHUNK):
        conn.execute(delete(failures).where(failures.c.source.in_(sources[i:i + _CHUNK])))
    for rec, _, _, i in todo:
        doc = rec["doc"]
        statuses[i] = "replaced" if doc["id"] in replaced_ids or doc["source"] in replaced_sources else "new"
    return statuses


_CHUNK = 500   # ids per IN (...) list


def _stored_hashes(conn: Connection, ids: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for i in range(0, len(ids), _CHUNK):
        out.update(conn.execute(select(documents.c.id, documents.c.content_hash)
                                .where(documents.c.id.in_(ids[i:i + _CHUNK]))).all())
    return out


def _old_documents(conn: Connection, ids: list[str], sources: list[str]) -> list[tuple[str, str]]:
    """(id, source) of the stored documents the records replace: same id, or same source."""
    found: dict[str, str] = {}
    for i in range(0, max(len(ids), len(sources)), _CHUNK):
        where = documents.c.id.in_(ids[i:i + _CHUNK]) | documents.c.source.in_(sources[i:i + _CHUNK])
        found.update(conn.execute(select(documents.c.id, documents.c.source).where(where)).all())
    return sorted(found.items())


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


_ACTOR_FIELDS = ("name", "kind", "country", "role", "affiliation", "wikidata")


def _write_actors(conn: Connection, recs: list[dict[str, Any]], coder: str) -> list[dict[str, str]]:
    """Upsert the records' actors, in record order (first non-null value of each field wins); returns,
    per record, actor id -> dyad country. The stored actors are read once and written once for the batch."""
    wanted_of = []
    for rec in recs:
        given = {a["id"]: a for a in rec.get("actors", []) if a.get("id")}
        wanted_of.append((given, {**{a: _stub(a) for a in _referenced_ids(rec) - set(given)}, **given}))
    every = sorted({a for _, wanted in wanted_of for a in wanted})
    state: dict[str, dict[str, Any]] = {}
    for i in range(0, len(every), _CHUNK):
        for r in conn.execute(select(actors.c.id, *(actors.c[f] for f in _ACTOR_FIELDS))
                              .where(actors.c.id.in_(every[i:i + _CHUNK]))).mappings():
            state[r["id"]] = dict(r)
    new: dict[str, dict[str, Any]] = {}
    fills: dict[str, dict[str, Any]] = {}
    aliases, mentions, countries = [], [], []
    for rec, (given, wanted) in zip(recs, wanted_of, strict=True):
        doc_id = rec["doc"]["id"]
        for actor_id, a in wanted.items():
            kind = a.get("kind") if a.get("kind") in ACTOR_KINDS else "group"
            values = {f: a.get(f) for f in _ACTOR_FIELDS} | {"kind": kind, "name": a.get("name") or actor_id}
            row = state.get(actor_id)
            if row is None:
                state[actor_id] = new[actor_id] = {"id": actor_id, "first_document_id": doc_id, "coder": coder,
                                                   **values}
            elif actor_id in given:
                fill = {f: values[f] for f in ("country", "role", "affiliation", "wikidata")
                        if row[f] is None and values[f] is not None}
                if row["name"] == actor_id and values["name"] != actor_id:  # a stub learns its real name
                    fill |= {"name": values["name"], "kind": kind}
                if fill:
                    row.update(fill)
                    if actor_id not in new:
                        fills.setdefault(actor_id, {}).update(fill)
        names = {(a_id, name) for a_id, a in given.items() for name in (a.get("names") or [])}
        names |= {(a_id, m["text"]) for a_id, a in given.items() for m in (a.get("mentions") or []) if m.get("text")}
        aliases += [{"actor_id": a, "alias": n, "document_id": doc_id, "coder": coder} for a, n in sorted(names)]
        mentions += [{"document_id": doc_id, "actor_id": a_id, "start": m["start"], "end": m["end"], "text": m["text"],
                      "coder": coder} for a_id, a in given.items() for m in (a.get("mentions") or [])]
        # the record's word first, then the store's; a state (or an actor of unknown country) counts as itself
        countries.append({a: given.get(a, {}).get("country") or state[a]["country"] or a for a in wanted})
    if new:
        conn.execute(insert(actors), list(new.values()))
    for actor_id, fill in fills.items():
        conn.execute(update(actors).where(actors.c.id == actor_id).values(**fill))
    if aliases:
        insert_many(conn, actor_aliases, aliases)
    if mentions:
        insert_many(conn, actor_mentions, mentions)
    return countries


def _write_quotes(conn: Connection, recs: list[tuple[dict[str, Any], list[str]]], coder: str) -> None:
    rows = []
    for rec, segmented in recs:
        for i, (q, seg) in enumerate(zip(rec.get("quotes", []), segmented, strict=True)):
            rows.append({
                "document_id": rec["doc"]["id"], "local_id": q.get("id") or f"q{i + 1}",
                "speaker": q.get("speaker"), "speaker_text": q.get("speaker_text"), "text": q.get("text") or "",
                "start": q["start"], "end": q["end"], "kind": q.get("kind") or "direct", "cue": q.get("cue"),
                "date": q.get("date"), "via": q.get("via"), "segmented": seg, "coder": coder,
            })
    if rows:
        insert_many(conn, quotes, rows)


def _write_events(conn: Connection, recs: list[dict[str, Any]], countries_of: list[dict[str, str]],
                  coder: str) -> list[Touched]:
    reports, mentions, added = [], [], []
    for rec, countries in zip(recs, countries_of, strict=True):
        doc_id = rec["doc"]["id"]
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
                "attributed_to": e.get("attributed_to"), "start": m["start"], "end": m["end"],
                "text": m.get("text") or "", "sentence_start": m.get("sentence_start", m["start"]),
                "sentence_end": m.get("sentence_end", m["end"]), "date": e.get("date"), "coder": coder,
            } for m in e.get("mentions") or []]
    if reports:   # one statement per table for the whole batch: executemany, not a round trip per row
        insert_many(conn, document_events, reports)
    if mentions:
        insert_many(conn, event_mentions, mentions)
    return added


def record_failure(conn: Connection, source: str, reason: str, coder: str) -> None:
    """Remember the latest failure of a source (one row per source, so re-runs do not pile up)."""
    conn.execute(delete(failures).where(failures.c.source == source))
    conn.execute(insert(failures).values(source=source, reason=reason, at=now(), coder=coder))


def count(conn: Connection, table) -> int:
    return conn.execute(select(func.count()).select_from(table)).scalar_one()

"""Human review: an analyst's verdicts, kept apart from what the coder made and applied over it.

A review is a row of the append-only `reviews` table: who, when, why, what it changes and the values
it found. It is never updated or deleted; a later review wins over an earlier one field by field, and
`restore` takes back a `wrong`. The coded rows stay as the coder made them in `document_events` and
`quotes`; only the chronicle (`events`, `event_actors`, `event_pairs`) and the `review` column of a
quote carry the corrected values, so every query, export, chart and triangle reads them.

A review is anchored to text, not only to an id: an event review names the document and the span of
the sentence it was read from, a quote review the document and the quote's span. When documents are
ingested again or re-coded and the merge rebuilds an event, the review finds it again through its
anchor (falling back to the event id), and the merge re-applies it (`apply_event_reviews`); quotes
are re-applied when their document is written (`apply_quote_reviews`). A review whose anchor no
longer exists (its document was replaced by different text) stays in the table, listed as detached.
"""

from __future__ import annotations

import getpass
import json
import os
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, and_, delete, insert, or_, select, update

from sagwan.errors import ConfigError
from sagwan.model import PLOVER_TYPES, STATUSES
from sagwan.scores import score_table
from sagwan.store.schema import actors, event_actors, event_mentions, event_pairs, events, quotes, reviews

ACTIONS = ("wrong", "correct", "restore")
TARGETS = ("event", "quote")
EVENT_FIELDS = ("type", "status", "date", "date_end", "source", "target")
QUOTE_FIELDS = ("speaker",)
FORMAT = "sagwan-review/1"


def reviewer_name() -> str:
    """Who is reviewing: $SAGWAN_REVIEWER, else the login name."""
    return os.environ.get("SAGWAN_REVIEWER") or getpass.getuser()


def check_changes(target: str, action: str, changes: dict[str, Any]) -> dict[str, Any]:
    """The changes, validated; a ConfigError lists what is accepted."""
    from sagwan.store.merge import date_interval

    if target not in TARGETS:
        raise ConfigError(f"review target {target!r}: choose one of {', '.join(TARGETS)}")
    if action not in ACTIONS:
        raise ConfigError(f"review action {action!r}: choose one of {', '.join(ACTIONS)}")
    allowed = EVENT_FIELDS if target == "event" else QUOTE_FIELDS
    if action != "correct":
        if changes:
            raise ConfigError(f"a {action!r} review changes no field; use 'correct' to change {', '.join(allowed)}")
        return {}
    if not changes:
        raise ConfigError(f"a correction must change at least one of: {', '.join(allowed)}")
    out: dict[str, Any] = {}
    for field, value in changes.items():
        if field not in allowed:
            raise ConfigError(f"cannot correct {field!r} of a {target}; choose among {', '.join(allowed)}")
        if field == "type":
            value = str(value).upper()
            if value not in PLOVER_TYPES:
                raise ConfigError(f"type {value!r}: choose one of {', '.join(PLOVER_TYPES)}")
        elif field == "status" and value not in STATUSES:
            raise ConfigError(f"status {value!r}: choose one of {', '.join(STATUSES)}")
        elif field in ("date", "date_end") and value is not None and date_interval(value) is None:
            raise ConfigError(f"{field} {value!r}: give YYYY, YYYY-MM or YYYY-MM-DD")
        elif field in ("source", "target"):
            value = [value] if isinstance(value, str) else list(value or [])
        out[field] = value
    return out


def add_review(conn: Connection, target: str, target_id: str, action: str, *, reason: str,
               changes: dict[str, Any] | None = None, reviewer: str | None = None, at: str | None = None) -> dict:
    """Record one review and apply it; returns the stored review. Call inside a transaction."""
    changes = check_changes(target, action, dict(changes or {}))
    if not (reason or "").strip():
        raise ConfigError("a review needs a reason (--reason): say why, for whoever reads the chronicle next")
    if target == "event":
        row = conn.execute(select(events).where(events.c.id == target_id)).mappings().first()
        if row is None:
            raise ConfigError(f"no event {target_id!r}; list them with `sagwan events`")
        anchor = conn.execute(select(event_mentions.c.document_id, event_mentions.c.sentence_start,
                                     event_mentions.c.sentence_end)
                              .where(event_mentions.c.event_id == target_id)
                              .order_by(event_mentions.c.document_id, event_mentions.c.sentence_start)).first()
        if anchor is None:
            raise ConfigError(f"event {target_id!r} has no sentence to anchor a review to")
        original = _event_values(conn, dict(row))
        if "source" in changes or "target" in changes:
            _check_actors(conn, changes.get("source", []) + changes.get("target", []))
    else:
        doc_id, _, local_id = target_id.partition(":")
        q = conn.execute(select(quotes).where(quotes.c.document_id == doc_id, quotes.c.local_id == local_id)
                         ).mappings().first()
        if q is None:
            raise ConfigError(f"no quote {target_id!r}; give it as DOCUMENT_ID:QUOTE_ID (see `sagwan quotes`)")
        anchor = (doc_id, q["start"], q["end"])
        original = {"speaker": q["speaker"], "text": q["text"]}
        if "speaker" in changes and changes["speaker"]:
            _check_actors(conn, [changes["speaker"]])
    stored = {"target": target, "target_id": target_id, "document_id": anchor[0], "anchor_start": anchor[1],
              "anchor_end": anchor[2], "action": action, "changes": json.dumps(changes, ensure_ascii=False),
              "original": json.dumps(original, ensure_ascii=False), "reason": reason.strip(),
              "reviewer": reviewer or reviewer_name(), "at": at or datetime.now(UTC).isoformat(timespec="seconds")}
    review_id = conn.execute(insert(reviews).values(**stored)).inserted_primary_key[0]
    if target == "event":
        apply_event_reviews(conn, [target_id])
    else:
        apply_quote_reviews(conn, anchor[0])
    return {"id": review_id, **stored, "changes": changes, "original": original}


def _check_actors(conn: Connection, ids: list[str]) -> None:
    known = {r[0] for r in conn.execute(select(actors.c.id).where(actors.c.id.in_(ids)))}
    if missing := [a for a in ids if a not in known]:
        raise ConfigError(f"unknown actor id(s) {', '.join(missing)}; find ids with `sagwan actors --name ...`")


def _event_values(conn: Connection, row: dict) -> dict[str, Any]:
    parties = conn.execute(select(event_actors.c.actor_id, event_actors.c.role)
                           .where(event_actors.c.event_id == row["id"]).order_by(event_actors.c.actor_id)).all()
    return {"type": row["type"], "status": row["status"], "date": row["date"], "date_end": row["date_end"],
            "source": [a for a, r in parties if r == "source"], "target": [a for a, r in parties if r == "target"]}


def _resolve(conn: Connection, review: dict) -> str | None:
    """The chronicle event a review belongs to now: the event holding a mention in its anchor
    sentence (the one it was made on, when several), else the event it was made on, else None."""
    m = event_mentions
    held = sorted({r[0] for r in conn.execute(select(m.c.event_id).where(
        m.c.document_id == review["document_id"], m.c.sentence_start == review["anchor_start"],
        m.c.sentence_end == review["anchor_end"], m.c.event_id.is_not(None)))})
    if held:
        return review["target_id"] if review["target_id"] in held else held[0]
    exists_now = conn.execute(select(events.c.id).where(events.c.id == review["target_id"])).first()
    return review["target_id"] if exists_now else None


def _verdict(rs: Iterable) -> tuple[str | None, dict[str, Any]]:
    """The state (wrong | corrected | None) and the corrected fields that a run of reviews, in order,
    leaves: corrections add up field by field, `wrong` and `restore` toggle the verdict."""
    wrong, changes = False, {}
    for r in rs:
        if r["action"] == "wrong":
            wrong = True
        elif r["action"] == "restore":
            wrong = False
        else:
            changes.update(json.loads(r["changes"]))
    return ("wrong" if wrong else "corrected" if changes else None), changes


def apply_event_reviews(conn: Connection, event_ids: Iterable[str]) -> int:
    """Apply the event reviews that belong to these events; returns how many events they changed."""
    ids = sorted(set(event_ids))
    if not ids or conn.execute(select(reviews.c.id).where(reviews.c.target == "event").limit(1)).first() is None:
        return 0
    m = event_mentions
    anchors = {(r[0], r[1], r[2]) for r in conn.execute(select(m.c.document_id, m.c.sentence_start,
                                                               m.c.sentence_end).where(m.c.event_id.in_(ids)))}
    docs = sorted({a[0] for a in anchors})
    candidates = conn.execute(select(reviews).where(reviews.c.target == "event", or_(
        reviews.c.target_id.in_(ids), reviews.c.document_id.in_(docs))).order_by(reviews.c.id)).mappings().all()
    by_event: dict[str, list[dict]] = {}
    for r in candidates:
        if r["target_id"] in ids or (r["document_id"], r["anchor_start"], r["anchor_end"]) in anchors:
            event_id = _resolve(conn, dict(r))
            if event_id in ids:
                by_event.setdefault(event_id, []).append(dict(r))
    for event_id, rs in by_event.items():
        _apply(conn, event_id, rs)
    return len(by_event)


def _apply(conn: Connection, event_id: str, rs: list[dict]) -> None:
    from sagwan.store.merge import date_interval, pair_rows

    row = dict(conn.execute(select(events).where(events.c.id == event_id)).mappings().one())
    values = _event_values(conn, row)
    state, changes = _verdict(rs)
    values.update(changes)
    interval = date_interval(values["date"], values["date_end"])
    new = {"type": values["type"], "status": values["status"], "date": values["date"],
           "date_end": values["date_end"], "date_lo": interval[0] if interval else None,
           "date_hi": interval[1] if interval else None, "review": state}
    if values["type"] != row["type"]:   # a corrected type carries its own score and quad class
        table = score_table()
        new |= {"score": table.score(values["type"], row["mode"]), "quad": table.quad(values["type"])}
    conn.execute(update(events).where(events.c.id == event_id).values(**new))
    row.update(new)
    parties = [(a, "source") for a in values["source"]] + [(a, "target") for a in values["target"]]
    country = {r[0]: r[1] for r in conn.execute(select(actors.c.id, actors.c.country)
                                                .where(actors.c.id.in_([a for a, _ in parties])))}
    conn.execute(delete(event_actors).where(event_actors.c.event_id == event_id))
    if parties:
        conn.execute(insert(event_actors), [{"event_id": event_id, "actor_id": a, "role": role,
                                             "country": country.get(a) or a} for a, role in parties])
    conn.execute(delete(event_pairs).where(event_pairs.c.event_id == event_id))
    if state != "wrong":   # a wrong event links no dyad: no count, chart or triangle sees it
        pairs = pair_rows(row, [(a, role, country.get(a) or a) for a, role in parties])
        if pairs:
            conn.execute(insert(event_pairs), pairs)


def apply_quote_reviews(conn: Connection, document_id: str) -> int:
    """Apply the quote reviews anchored in one document to its quotes as stored now."""
    rs = conn.execute(select(reviews).where(reviews.c.target == "quote", reviews.c.document_id == document_id)
                      .order_by(reviews.c.id)).mappings().all()
    by_span: dict[tuple[int, int], list] = {}
    for r in rs:
        by_span.setdefault((r["anchor_start"], r["anchor_end"]), []).append(r)
    for (start, end), items in by_span.items():
        where = and_(quotes.c.document_id == document_id, quotes.c.start == start, quotes.c.end == end)
        state, changes = _verdict(items)
        conn.execute(update(quotes).where(where).values(review=state, **changes))
    return len(by_span)


def list_reviews(conn: Connection, target_id: str | None = None) -> list[dict[str, Any]]:
    """Every review in order, with `attached`: whether its anchor still finds the item."""
    q = select(reviews).order_by(reviews.c.id)
    if target_id:
        q = q.where(reviews.c.target_id == target_id)
    out = []
    for r in conn.execute(q).mappings():
        r = dict(r)
        if r["target"] == "event":
            now_id = _resolve(conn, r)
        else:
            now_id = conn.execute(select(quotes.c.local_id).where(
                quotes.c.document_id == r["document_id"], quotes.c.start == r["anchor_start"],
                quotes.c.end == r["anchor_end"])).scalar()
            now_id = f"{r['document_id']}:{now_id}" if now_id else None
        out.append({**r, "changes": json.loads(r["changes"]), "original": json.loads(r["original"]),
                    "applies_to": now_id, "attached": now_id is not None})
    return out


def to_jsonl(conn: Connection) -> Iterable[str]:
    """The review layer as JSON Lines, one review per line, oldest first."""
    for r in list_reviews(conn):
        keep = {k: r[k] for k in ("target", "target_id", "document_id", "anchor_start", "anchor_end", "action",
                                  "changes", "original", "reason", "reviewer", "at")}
        yield json.dumps({"format": FORMAT, **keep}, ensure_ascii=False, sort_keys=True)


def from_jsonl(conn: Connection, lines: Iterable[str], source: str = "<input>") -> tuple[int, int]:
    """Append reviews read from JSON Lines (as `to_jsonl` writes them); returns (added, already there).
    Nothing is written when a line is bad: the error names the line."""
    rows = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
            if r.get("format") != FORMAT:
                raise ValueError(f"not a {FORMAT} line")
            changes = check_changes(r["target"], r["action"], r.get("changes") or {})
            row = {k: r[k] for k in ("target", "target_id", "document_id", "anchor_start", "anchor_end", "action",
                                     "reason", "reviewer", "at")}
            if not str(row["reason"]).strip():
                raise ValueError("reason is empty")
            row["changes"] = json.dumps(changes, ensure_ascii=False)
            row["original"] = json.dumps(r.get("original") or {}, ensure_ascii=False)
        except (ValueError, KeyError, TypeError, ConfigError) as exc:
            raise ConfigError(f"{source}, line {n}: {exc}; nothing was imported") from None
        rows.append(row)
    added = kept = 0
    for row in rows:
        same = conn.execute(select(reviews.c.id).where(*(reviews.c[k] == row[k] for k in (
            "target_id", "action", "changes", "reason", "reviewer", "at")))).first()
        if same:
            kept += 1
            continue
        conn.execute(insert(reviews).values(**row))
        added += 1
    reapply_all(conn)
    return added, kept


def reapply_all(conn: Connection) -> None:
    """Apply every review (after an import)."""
    items = list_reviews(conn)
    apply_event_reviews(conn, [r["applies_to"] for r in items if r["target"] == "event" and r["applies_to"]])
    for doc in sorted({r["document_id"] for r in items if r["target"] == "quote"}):
        apply_quote_reviews(conn, doc)

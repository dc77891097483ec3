"""Alerts: the new chronicle events of a round that match a watch rule, kept in the store and appended to a
JSON Lines log (one `sagwan-alert/1` object a line).

An event is new in a round when every document reporting it was stored by that round, and the
happening (type, dyad, dates) was not reported by an earlier version of an updated article nor
alerted before: an event that only gained one more report is not news, and an article corrected
in place does not raise its alerts again. Alerts are written to the store in one transaction,
then to the log; a run killed in between writes the missing lines on its next start (the log is
read first, so no line is written twice).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, update

from sagwan.store.engine import begin_write
from sagwan.store.schema import document_events, events, watch_alerts
from sagwan.watch import state
from sagwan.watch.config import Rule

log = logging.getLogger(__name__)

ALERT_SCHEMA = "sagwan-alert/1"
_CHUNK = 500


def _parties(ev: dict[str, Any], side: str) -> set[str]:
    return set(ev.get(side) or []) | set(ev.get(f"{side}_countries") or [])


def matches(rule: Rule, ev: dict[str, Any]) -> bool:
    """Whether a chronicle event (as `Store.events` gives it) meets every condition of the rule."""
    src, tgt = _parties(ev, "source"), _parties(ev, "target")
    if rule.dyad:
        a, b = rule.dyad
        linked = (a in src and b in tgt) or (b in src and a in tgt) or (not tgt and a in src and b in src)
        if not linked:
            return False
    if rule.actor and not (set(rule.actor) & (src | tgt)):
        return False
    if rule.type and ev.get("type") not in rule.type:
        return False
    if rule.quad and ev.get("quad") not in rule.quad:
        return False
    return not (rule.status and ev.get("status") not in rule.status)


def _new_events(conn, round_id: int) -> dict[str, str]:
    """event id -> happening, for the events new in the round (see the module docstring)."""
    items = state.round_items(conn, round_id)
    docs = {i["document_id"] for i in items if i["document_id"]}
    known = {k for i in items if i["replaced_keys"] for k in json.loads(i["replaced_keys"])}
    if not docs:
        return {}
    de = document_events
    candidates: set[str] = set()
    doc_list = sorted(docs)
    for start in range(0, len(doc_list), _CHUNK):
        candidates |= set(conn.execute(select(de.c.event_id).where(de.c.document_id.in_(doc_list[start:start + _CHUNK]),
                                                                    de.c.event_id.is_not(None))).scalars())
    out: dict[str, str] = {}
    ids = sorted(candidates)
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        reporters: dict[str, set[str]] = {}
        for event_id, doc in conn.execute(select(de.c.event_id, de.c.document_id).where(de.c.event_id.in_(chunk))):
            reporters.setdefault(event_id, set()).add(doc)
        for row in conn.execute(select(events.c.id, events.c.merge_key, events.c.date_lo, events.c.date_hi)
                                .where(events.c.id.in_(chunk))):
            key = state.happening(row.merge_key, row.date_lo, row.date_hi, row.id)
            if reporters.get(row.id, set()) <= docs and key not in known:
                out[row.id] = key
    if out:
        alerted = set()
        keys = sorted(out.values())
        for start in range(0, len(keys), _CHUNK):
            alerted |= set(conn.execute(select(watch_alerts.c.happening)
                                        .where(watch_alerts.c.happening.in_(keys[start:start + _CHUNK]))).scalars())
        out = {e: k for e, k in out.items() if k not in alerted}
    return out


def _alert(ev: dict[str, Any], rules: list[str], round_id: int, at: str) -> dict[str, Any]:
    reports = []
    for m in ev.get("mentions") or []:
        if not any(r["document"] == m["document_id"] for r in reports):
            reports.append({"document": m["document_id"], "source": m.get("source"), "title": m.get("title"),
                            "published": m.get("published"), "text": m.get("text"),
                            "sentence": [m.get("sentence_start"), m.get("sentence_end")]})
    keep = ("id", "type", "mode", "date", "date_end", "status", "score", "quad", "source", "target",
            "source_countries", "target_countries", "attributed_to", "n_documents", "n_outlets")
    return {"schema": ALERT_SCHEMA, "round": round_id, "at": at, "rules": rules,
            "event": {k: ev.get(k) for k in keep}, "reports": reports}


def raise_alerts(store: Any, round_id: int, rules: Iterable[Rule], when: datetime) -> list[dict[str, Any]]:
    """Find the round's new events that match a rule and record one alert for each (not yet logged)."""
    rules = list(rules)
    if not rules:
        return []
    with store.engine.connect() as conn:
        new = _new_events(conn, round_id)
    if not new:
        return []
    at = state.stamp(when)
    found = []
    for ev in store.events(ids=sorted(new)):
        names = [r.name for r in rules if matches(r, ev)]
        if names:
            found.append((new[ev["id"]], ev, names))
    rows = []
    with begin_write(store.engine) as conn:
        for key, ev, names in found:
            alert = _alert(ev, names, round_id, at)
            result = conn.execute(insert(watch_alerts).values(
                round_id=round_id, event_id=ev["id"], happening=key, rules=json.dumps(names), at=at,
                logged=False, alert="{}"))
            alert = {"id": result.inserted_primary_key[0], **alert}
            conn.execute(update(watch_alerts).where(watch_alerts.c.id == alert["id"])
                         .values(alert=json.dumps(alert, ensure_ascii=False, sort_keys=True)))
            rows.append(alert)
    return rows


def _logged_ids(path: Path) -> set[int]:
    ids = set()
    if not path.exists():
        return ids
    with path.open(encoding="utf-8", errors="replace") as fh:
        for line in fh:
            try:
                obj = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(obj, dict) and isinstance(obj.get("id"), int):
                ids.add(obj["id"])
    return ids


def flush_log(store: Any, path: Path) -> int:
    """Append the alerts not yet in the log to it; returns how many lines were written."""
    with store.engine.connect() as conn:
        pending = conn.execute(select(watch_alerts.c.id, watch_alerts.c.alert).where(watch_alerts.c.logged.is_(False))
                               .order_by(watch_alerts.c.id)).all()
    if not pending:
        return 0
    already = _logged_ids(path)
    lines = [alert + "\n" for alert_id, alert in pending if alert_id not in already]
    if lines:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            fh.writelines(lines)
            fh.flush()
    with begin_write(store.engine) as conn:
        conn.execute(update(watch_alerts).where(watch_alerts.c.id.in_([p[0] for p in pending])).values(logged=True))
    log.info("%d alert(s) appended to %s", len(lines), path)
    return len(lines)


def list_alerts(store: Any, *, since: str | None = None, round_id: int | None = None, rule: str | None = None,
                limit: int | None = None) -> list[dict[str, Any]]:
    """Alerts in the store, oldest first: `since` an ISO time (or date), `round_id` one round, `rule` one rule."""
    rows = store.alerts(since=since, round_id=round_id, limit=None if rule else limit)
    if rule:
        rows = [r for r in rows if rule in r.get("rules", [])]
    return rows[:limit] if limit is not None else rows

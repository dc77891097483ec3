"""The shape of a `sagwan/1` record, checked where records come in from outside (shards, files).

`record_problem(rec)` names the first thing that is wrong ("events[2]: no \"type\"") or returns
None. It checks what the store relies on (types, required keys, offsets inside doc.text), not what
an extractor would have concluded: a well-formed record with odd content is stored as it is.
"""

from __future__ import annotations

from typing import Any

from sagwan.model import PLOVER_TYPES, STATUSES

_OPTIONAL_TEXT = {
    "doc": ("title", "published", "language", "outlet", "url"),
    "actors": ("name", "kind", "country", "role", "affiliation", "wikidata"),
    "quotes": ("id", "speaker", "speaker_text", "text", "kind", "cue", "date", "via"),
    "events": ("id", "mode", "date", "date_end", "location", "status", "attributed_to", "quad"),
}


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean", int: "a number",
            float: "a number", type(None): "null"}.get(type(value), type(value).__name__)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _span(item: dict[str, Any], where: str, length: int | None, keys: tuple[str, str] = ("start", "end"),
          required: bool = True) -> str | None:
    lo, hi = (item.get(k) for k in keys)
    if lo is None and hi is None and not required:
        return None
    for key, value in zip(keys, (lo, hi), strict=True):
        if value is None:
            return f"{where}: no \"{key}\""
        if not _is_int(value):
            return f"{where}.{key} is {_kind(value)}, not an offset"
    if length is not None and not 0 <= lo <= hi <= length:
        return f"{where}: {keys[0]} {lo}..{keys[1]} {hi} is outside doc.text (0..{length})"
    return None


def _texts(item: dict[str, Any], section: str, where: str) -> str | None:
    for key in _OPTIONAL_TEXT[section]:
        if item.get(key) is not None and not isinstance(item[key], str):
            return f"{where}.{key} is {_kind(item[key])}, not a string"
    return None


def _ids(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, list):
        return f"{where} is {_kind(value)}, not a list of actor ids"
    bad = next((v for v in value if not isinstance(v, str) or not v), None)
    return f"{where} holds {_kind(bad)}, not an actor id" if bad is not None or "" in value else None


def _mentions(item: dict[str, Any], where: str, length: int | None, sentence: bool = False) -> str | None:
    mentions = item.get("mentions")
    if mentions is None:
        return None
    if not isinstance(mentions, list):
        return f"{where}.mentions is {_kind(mentions)}, not a list"
    for j, m in enumerate(mentions):
        at = f"{where}.mentions[{j}]"
        if not isinstance(m, dict):
            return f"{at} is {_kind(m)}, not an object"
        if m.get("text") is not None and not isinstance(m["text"], str):
            return f"{at}.text is {_kind(m['text'])}, not a string"
        problem = _span(m, at, length) or (sentence and _span(m, at, length, ("sentence_start", "sentence_end"),
                                                               required=False))
        if problem:
            return problem
    return None


def _actor(a: dict[str, Any], where: str, length: int | None) -> str | None:
    if not isinstance(a.get("id"), str) or not a["id"]:
        return f"{where}: no \"id\" (a string)"
    names = a.get("names")
    if names is not None and (not isinstance(names, list) or not all(isinstance(n, str) for n in names)):
        return f"{where}.names is not a list of strings"
    return _texts(a, "actors", where) or _mentions(a, where, length)


def _quote(q: dict[str, Any], where: str, length: int | None) -> str | None:
    return _span(q, where, length) or _texts(q, "quotes", where)


def _event(e: dict[str, Any], where: str, length: int | None) -> str | None:
    if e.get("type") is None:
        return f"{where}: no \"type\""
    if e["type"] not in PLOVER_TYPES:
        return f"{where}.type {str(e['type'])[:40]!r} is not a PLOVER type ({', '.join(PLOVER_TYPES)})"
    problem = (_ids(e.get("source"), f"{where}.source") or _ids(e.get("target"), f"{where}.target")
               or _texts(e, "events", where))
    if problem:
        return problem
    if e.get("status") is not None and e["status"] not in STATUSES:
        return f"{where}.status {e['status'][:40]!r} is not one of {', '.join(STATUSES)}"
    if e.get("score") is not None and (isinstance(e["score"], bool) or not isinstance(e["score"], int | float)):
        return f"{where}.score is {_kind(e['score'])}, not a number"
    return _mentions(e, where, length, sentence=True)


_CHECKS = {"actors": _actor, "quotes": _quote, "events": _event}


def record_problem(rec: Any, offsets: bool = True) -> str | None:
    """What is wrong with a record that claims to be `sagwan/1`, or None when the store can take it.

    `offsets=False` checks that offsets are integers but not that they fall inside doc.text (the
    store's own Python API takes such records, as it always has; a shard read from disk is held to
    the whole contract)."""
    if not isinstance(rec, dict):
        return f"the record is {_kind(rec)}, not an object"
    doc = rec.get("doc")
    if not isinstance(doc, dict):
        return "no \"doc\" object"
    for key in ("id", "source", "text"):
        if not isinstance(doc.get(key), str) or (key != "text" and not doc[key]):
            return f"doc.{key} missing or not a string"
    problem = _texts(doc, "doc", "doc")
    if problem:
        return problem
    if rec.get("coder") is not None and not isinstance(rec["coder"], str):
        return f"coder is {_kind(rec['coder'])}, not a string"
    length = len(doc["text"]) if offsets else None
    for section, check in _CHECKS.items():
        items = rec.get(section, [])
        if not isinstance(items, list):
            return f"{section} is {_kind(items)}, not a list"
        for i, item in enumerate(items):
            where = f"{section}[{i}]"
            problem = f"{where} is {_kind(item)}, not an object" if not isinstance(item, dict) else check(
                item, where, length)
            if problem:
                return problem
    return None

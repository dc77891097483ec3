"""JSON Lines input: one document per line, an object with `text` or `html` and optional `title`,
`published` (or `date`), `url`, and metadata such as `outlet`/`site`, `author`.

Each line is its own document: source "path#L<n>", id the hash of that line. A broken line is a
Failure naming the file and line; the other lines still come out.
"""

from __future__ import annotations

import json
import logging
import math
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

from sagwan.ingest.identity import doc_id, looks_like_html
from sagwan.ingest.names import has_surrogates, without_surrogates
from sagwan.model import Failure, RawDocument

log = logging.getLogger(__name__)

_FIELDS = {"text", "html", "title", "published", "date", "url"}
_RESERVED = {"id", "source", "language"}  # the Document's own fields; not copied from the input


_TEXT_FIELDS = ("text", "html", "title", "published", "date", "url")


def _nfc(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    # "\ud800" in JSON is a lone surrogate, which no file or database can hold: U+FFFD, same offsets
    return unicodedata.normalize("NFC", without_surrogates(value.strip()))


def _scalar(value: Any) -> bool:
    """A metadata value worth keeping: a string, a bool or a finite number (1e999 parses as infinity)."""
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, str | int | bool) and value != ""


def _meta(obj: dict[str, Any]) -> dict[str, Any]:
    meta = {without_surrogates(k): (_nfc(v) if isinstance(v, str) else v) for k, v in obj.items()
            if k not in _FIELDS | _RESERVED and _scalar(v)}
    if "outlet" not in meta:
        site = meta.get("site") or meta.get("site_name")
        if site:
            meta["outlet"] = site
    return meta


def _document(obj: dict[str, Any], line: str, source: str) -> RawDocument | Failure:
    wrong = {k: _json_type(obj[k]) for k in _TEXT_FIELDS if obj.get(k) is not None and not isinstance(obj[k], str)}
    if wrong.keys() & {"text", "html"}:
        named = "; ".join(f"\"{k}\" is a JSON {t}" for k, t in wrong.items() if k in ("text", "html"))
        return Failure(source, f"{named}, not a string; give the article as a string")
    for key, kind in wrong.items():
        log.warning("%s: field \"%s\" is a JSON %s, not a string; ignored", source, key, kind)
    if any(isinstance(obj.get(k), str) and has_surrogates(obj[k]) for k in ("text", "html")):
        log.warning("%s: the text holds a lone surrogate escape (\\ud800-\\udfff, no character); read as U+FFFD",
                    source)
    text, html = _nfc(obj.get("text")), _nfc(obj.get("html"))
    if text is None and html is None:
        return Failure(source, "has no \"text\" or \"html\" field with content")
    body = text if text is not None else html
    fmt = "html" if text is None or looks_like_html(text) else "text"
    return RawDocument(id=doc_id(line.encode("utf-8")), source=source, body=body, format=fmt,
                       title=_nfc(obj.get("title")), published=_nfc(obj.get("published") or obj.get("date")),
                       url=_nfc(obj.get("url")), meta=_meta(obj))


def _json_type(value: Any) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean", int: "number", float: "number",
            type(None): "null"}.get(type(value), type(value).__name__)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def parse_line(line: str) -> Any:
    """One JSON value; ValueError with a reason for anything that is not plain JSON (NaN, Infinity, nesting
    too deep to read, a number with thousands of digits)."""
    try:
        return json.loads(line, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise ValueError("nested too deeply to read (arrays or objects inside each other thousands of times)") from None
    except ValueError as exc:  # Python refuses integers of more than 4,300 digits
        reason = "a number with too many digits" if "digits" in str(exc) else str(exc)
        raise ValueError(f"not usable JSON ({reason})") from None


def json_lines(lines: Iterable[str], source: str) -> Iterator[tuple[str, str, Any] | Failure]:
    """(where, line, parsed object) for each non-blank line, or a Failure naming the line."""
    for number, line in enumerate(lines, start=1):
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        where = f"{source}#L{number}"
        try:
            yield where, line, parse_line(line)
        except ValueError as exc:
            yield Failure(where, f"{exc}; fix or remove this line")


def read_jsonl(text: str, source: str) -> Iterator[RawDocument | Failure]:
    """One RawDocument (or Failure) per non-blank line of a JSON Lines text."""
    # split on "\n" only: JSON strings may hold U+2028, which str.splitlines() would break on
    for item in json_lines(text.split("\n"), source):
        if isinstance(item, Failure):
            yield item
            continue
        where, line, obj = item
        if not isinstance(obj, dict):
            yield Failure(where, f"a JSON {_json_type(obj)}, not an object with a \"text\" or \"html\" field")
            continue
        yield _document(obj, line, where)

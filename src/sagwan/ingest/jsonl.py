"""JSON Lines input: one document per line, an object with `text` or `html` and optional `title`,
`published` (or `date`), `url`, and metadata such as `outlet`/`site`, `author`.

Each line is its own document: source "path#L<n>", id the hash of that line. A broken line is a
Failure naming the file and line; the other lines still come out.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

from sagwan.ingest.identity import doc_id, looks_like_html
from sagwan.model import Failure, RawDocument

_FIELDS = {"text", "html", "title", "published", "date", "url"}
_RESERVED = {"id", "source", "language"}  # the Document's own fields; not copied from the input


def _nfc(value: Any) -> str | None:
    return unicodedata.normalize("NFC", value.strip()) if isinstance(value, str) and value.strip() else None


def _meta(obj: dict[str, Any]) -> dict[str, Any]:
    meta = {k: (_nfc(v) if isinstance(v, str) else v) for k, v in obj.items()
            if k not in _FIELDS | _RESERVED and isinstance(v, str | int | float | bool) and v != ""}
    if "outlet" not in meta:
        site = meta.get("site") or meta.get("site_name")
        if site:
            meta["outlet"] = site
    return meta


def _document(obj: dict[str, Any], line: str, source: str) -> RawDocument | Failure:
    text, html = _nfc(obj.get("text")), _nfc(obj.get("html"))
    if text is None and html is None:
        return Failure(source, "has no \"text\" or \"html\" field with content")
    body = text if text is not None else html
    fmt = "html" if text is None or looks_like_html(text) else "text"
    return RawDocument(id=doc_id(line.encode("utf-8")), source=source, body=body, format=fmt,
                       title=_nfc(obj.get("title")), published=_nfc(obj.get("published") or obj.get("date")),
                       url=_nfc(obj.get("url")), meta=_meta(obj))


def json_lines(lines: Iterable[str], source: str) -> Iterator[tuple[str, str, Any] | Failure]:
    """(where, line, parsed object) for each non-blank line, or a Failure naming the line."""
    for number, line in enumerate(lines, start=1):
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        where = f"{source}#L{number}"
        try:
            yield where, line, json.loads(line)
        except json.JSONDecodeError as exc:
            yield Failure(where, f"not valid JSON ({exc.msg} at column {exc.colno}); fix or remove this line")


def read_jsonl(text: str, source: str) -> Iterator[RawDocument | Failure]:
    """One RawDocument (or Failure) per non-blank line of a JSON Lines text."""
    # split on "\n" only: JSON strings may hold U+2028, which str.splitlines() would break on
    for item in json_lines(text.split("\n"), source):
        if isinstance(item, Failure):
            yield item
            continue
        where, line, obj = item
        if not isinstance(obj, dict):
            yield Failure(where, f"a JSON {type(obj).__name__}, not an object with a \"text\" or \"html\" field")
            continue
        yield _document(obj, line, where)

"""Expand inputs (files, directories, globs, "-" for stdin) and read them into RawDocuments.

Formats: plain text, HTML (by extension or by its opening `<html`/`<!doctype`), JSON Lines (.jsonl,
or sniffed on stdin). Each bad input gives one Failure naming it and the reason; the rest go on.
"""

from __future__ import annotations

import glob
import json
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sagwan.errors import InputError
from sagwan.ingest.decode import decode
from sagwan.ingest.identity import doc_id, looks_like_html
from sagwan.ingest.jsonl import read_jsonl
from sagwan.model import Failure, RawDocument

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
STDIN = "-"

_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_JSONL_SUFFIXES = {".jsonl", ".ndjson"}
_GLOB_CHARS = set("*?[")
_RAW_FIELDS = {"title", "published", "url", "format"}


def read_text(text: str, source: str = "<text>", **meta: Any) -> RawDocument:
    """A RawDocument from a string already in memory.

    `title`, `published`, `url` and `format` ("text" or "html"; sniffed when not given) fill the
    RawDocument's fields; any other keyword goes to its `meta` (e.g. outlet="…").
    """
    fields = {k: meta.pop(k) for k in list(meta) if k in _RAW_FIELDS}
    fields.setdefault("format", "html" if looks_like_html(text) else "text")
    body = unicodedata.normalize("NFC", text)
    title = fields.pop("title", None)
    title = unicodedata.normalize("NFC", title) if isinstance(title, str) else title
    return RawDocument(id=doc_id(text.encode("utf-8")), source=source, body=body, title=title,
                       meta={k: v for k, v in meta.items() if v is not None}, **fields)


def _expand(paths: Iterable[str]) -> Iterator[str | Failure]:
    """Every file named by the inputs, in a stable order; a Failure for an input that names none."""
    for p in paths:
        if p == STDIN:
            yield p
            continue
        path = Path(p)
        if path.is_dir():
            files = _files_under(path)
            yield from files or [Failure(p, "directory has no files")]
        elif not path.exists() and _GLOB_CHARS & set(p):
            matches = sorted(glob.glob(p, recursive=True))
            if not matches:
                yield Failure(p, "no file matches this pattern")
            for match in matches:
                yield from (_files_under(Path(match)) if Path(match).is_dir() else [match])
        else:
            yield p


def _files_under(folder: Path) -> list[str]:
    """Files below a folder, recursively, skipping hidden ones (.git, .DS_Store)."""
    return [str(f) for f in sorted(folder.rglob("*"))
            if f.is_file() and not any(part.startswith(".") for part in f.relative_to(folder).parts)]


def _read_bytes(source: str, max_bytes: int) -> bytes:
    too_big = f"larger than the limit of {max_bytes} bytes (raise it with --max-bytes)"
    if source == STDIN:
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError("<stdin>", too_big)
        return data
    path = Path(source)
    try:
        if path.stat().st_size > max_bytes:
            raise InputError(source, too_big)
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(source, "no such file") from None
    except PermissionError:
        raise InputError(source, "cannot be read (permission denied)") from None
    except IsADirectoryError:
        raise InputError(source, "is a directory") from None
    except OSError as exc:
        raise InputError(source, f"cannot be read ({exc.strerror or exc})") from None


def _format(source: str, text: str) -> str:
    suffix = Path(source).suffix.lower() if source != STDIN else ""
    if suffix in _JSONL_SUFFIXES:
        return "jsonl"
    if suffix in _HTML_SUFFIXES or looks_like_html(text):
        return "html"
    if source == STDIN and _looks_like_jsonl(text):
        return "jsonl"
    return "text"


def _looks_like_jsonl(text: str) -> bool:
    first = text.lstrip().split("\n", 1)[0].strip()
    if not first.startswith("{"):
        return False
    try:
        obj = json.loads(first)
    except json.JSONDecodeError:
        return False
    return isinstance(obj, dict) and ("text" in obj or "html" in obj)


def _read_one(source: str, max_bytes: int) -> Iterator[RawDocument | Failure]:
    data = _read_bytes(source, max_bytes)
    name = "<stdin>" if source == STDIN else source
    if not data.strip():
        raise InputError(name, "empty")
    text = decode(data, name)
    if not text.strip():
        raise InputError(name, "empty")
    fmt = _format(source, text)
    if fmt == "jsonl":
        yield from read_jsonl(text, name)
    else:
        yield RawDocument(id=doc_id(data), source=name, body=text, format=fmt)


def read_sources(paths: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawDocument | Failure]:
    """Yield a RawDocument for each readable document, a Failure for each that is not."""
    for source in _expand(paths):
        if isinstance(source, Failure):
            yield source
            continue
        try:
            yield from _read_one(source, max_bytes)
        except InputError as exc:
            yield Failure(exc.source, exc.reason)

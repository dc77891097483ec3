"""Expand inputs and read them into RawDocuments (minimal first version: UTF-8 text files)."""

from __future__ import annotations

import hashlib
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from sagwan.errors import InputError
from sagwan.model import Failure, RawDocument

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def doc_id(data: bytes) -> str:
    """Same source bytes, same id."""
    return hashlib.sha256(data).hexdigest()[:16]


def read_text(text: str, source: str = "<text>", **meta) -> RawDocument:
    """A RawDocument from a string already in memory."""
    body = unicodedata.normalize("NFC", text)
    return RawDocument(id=doc_id(text.encode("utf-8")), source=source, body=body, **meta)


def _expand(paths: Iterable[str]) -> Iterator[str]:
    for p in paths:
        if p == "-":
            yield p
            continue
        path = Path(p)
        if path.is_dir():
            yield from (str(f) for f in sorted(path.rglob("*")) if f.is_file())
        elif any(c in p for c in "*?["):
            matches = sorted(str(f) for f in Path().glob(p) if f.is_file())
            yield from matches or [p]
        else:
            yield p


def _read_one(source: str, max_bytes: int) -> RawDocument:
    if source == "-":
        data = sys.stdin.buffer.read()
    else:
        path = Path(source)
        if not path.exists():
            raise InputError(source, "no such file")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(source, f"cannot be read ({exc.strerror})") from None
    if len(data) > max_bytes:
        raise InputError(source, f"larger than the limit of {max_bytes} bytes (raise it with --max-bytes)")
    if not data.strip():
        raise InputError(source, "empty")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(source, "not UTF-8 text") from None
    body = unicodedata.normalize("NFC", text)
    return RawDocument(id=doc_id(data), source=source, body=body)


def read_sources(paths: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawDocument | Failure]:
    """Yield a RawDocument for each readable document, a Failure for each that is not."""
    for source in _expand(paths):
        try:
            yield _read_one(source, max_bytes)
        except InputError as exc:
            yield Failure(exc.source, exc.reason)

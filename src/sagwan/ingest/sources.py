"""Expand inputs (files, directories, globs, "-" for stdin) and read them into RawDocuments.

Formats: plain text, HTML (by extension or by its opening `<html`/`<!doctype`), JSON Lines (.jsonl,
or sniffed on stdin). Each bad input gives one Failure naming it and the reason; the rest go on.
"""

from __future__ import annotations

import logging
import os
import stat
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sagwan.errors import InputError
from sagwan.ingest.decode import decode
from sagwan.ingest.identity import doc_id, looks_like_html
from sagwan.ingest.jsonl import parse_line, read_jsonl
from sagwan.ingest.names import display_name, without_surrogates
from sagwan.model import Failure, RawDocument

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
STDIN = "-"

_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_JSONL_SUFFIXES = {".jsonl", ".ndjson"}
_GLOB_CHARS = set("*?[")
_NAMED_HIDDEN = 20               # hidden entries a folder's log line names
_RAW_FIELDS = {"title", "published", "url", "format"}


def read_text(text: str, source: str = "<text>", **meta: Any) -> RawDocument:
    """A RawDocument from a string already in memory.

    `title`, `published`, `url` and `format` ("text" or "html"; sniffed when not given) fill the
    RawDocument's fields; any other keyword goes to its `meta` (e.g. outlet="…").
    """
    fields = {k: meta.pop(k) for k in list(meta) if k in _RAW_FIELDS}
    fields.setdefault("format", "html" if looks_like_html(text) else "text")
    body = unicodedata.normalize("NFC", without_surrogates(text))
    title = fields.pop("title", None)
    title = unicodedata.normalize("NFC", title) if isinstance(title, str) else title
    return RawDocument(id=doc_id(text.encode("utf-8")), source=source, body=body, title=title,
                       meta={k: v for k, v in meta.items() if v is not None}, **fields)


def _expand(paths: Iterable[str]) -> Iterator[str | Failure]:
    """Every file named by the inputs, in a stable order; a Failure for an input that names none, and
    for each entry of a folder or glob that is not a regular file (FIFO, socket, device, broken link)."""
    for p in paths:
        if p == STDIN:
            yield p
            continue
        path = Path(p)
        if path.is_dir():
            files = list(_files_under(path))
            yield from files or [Failure(display_name(p), "directory has no files")]
        elif not os.path.lexists(p) and _GLOB_CHARS & set(p):
            matches = _glob(p)
            if not matches:
                yield Failure(display_name(p), "no file matches this pattern")
            seen: set[str] = set()  # "d/**" names a folder and its subfolders: each file once
            walked: list[Path] = []
            for match in matches:
                if Path(match).is_dir():
                    if any(w in Path(match).parents for w in walked):
                        continue
                    walked.append(Path(match))
                for item in _files_under(Path(match)) if Path(match).is_dir() else _regular_or_failure(match):
                    key = item if isinstance(item, str) else item.source
                    if key not in seen:
                        seen.add(key)
                        yield item
        elif os.path.lexists(p):
            yield from _regular_or_failure(p)  # a FIFO named directly would block the reader forever
        else:
            yield p


def _glob(pattern: str) -> list[str]:
    """The matches of a glob. "**" never descends into a symbolic link to a folder (pathlib's rule), so
    a link loop under it cannot run away, and each folder is walked once."""
    parts = Path(pattern).parts
    fixed = next((i for i, part in enumerate(parts) if _GLOB_CHARS & set(part)), len(parts))
    anchor = Path(*parts[:fixed]) if fixed else Path(".")
    rest = str(Path(*parts[fixed:])) if fixed < len(parts) else ""
    if not rest or not anchor.is_dir():
        return []
    # pathlib's "**" yields the folders themselves; their files come from _files_under
    return sorted({str(m) for m in anchor.glob(rest)
                   if not any(part.startswith(".") for part in m.relative_to(anchor).parts)})


def _regular_or_failure(path: str) -> list[str | Failure]:
    problem = _not_regular(path)
    return [Failure(display_name(path), problem)] if problem else [path]


def _not_regular(path: str) -> str | None:
    """Why `path` (a folder entry) cannot be read as a document, or None for a regular file."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "a broken symbolic link (its target does not exist); skipped"
    except OSError as exc:
        return f"cannot be examined ({exc.strerror or exc}); skipped"
    if stat.S_ISREG(mode):
        return None
    return f"{_kind(mode)}, not a regular file; skipped"


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a directory"
    return "not a regular file"


def _files_under(folder: Path) -> Iterator[str | Failure]:
    """Files below a folder, recursively, in name order. Hidden entries (.git, .DS_Store) are skipped
    quietly (logged at -v); symbolic links to folders are not followed (a link loop cannot run away)
    and each is named in the log; an entry that is no regular file becomes a Failure naming it."""
    hidden: list[str] = []
    for root, dirs, names in os.walk(folder, followlinks=False):
        hidden += [os.path.join(root, n) for n in sorted(dirs + names) if n.startswith(".")]
        kept_dirs = []
        for d in sorted(d for d in dirs if not d.startswith(".")):
            if os.path.islink(os.path.join(root, d)):
                log.warning("%s: a symbolic link to a folder, not followed; give its target to read it",
                            display_name(os.path.join(root, d)))
            else:
                kept_dirs.append(d)
        dirs[:] = kept_dirs
        for name in sorted(n for n in names if not n.startswith(".")):
            yield from _regular_or_failure(os.path.join(root, name))
    if hidden:
        shown = ", ".join(display_name(h) for h in hidden[:_NAMED_HIDDEN])
        shown += " …" if len(hidden) > _NAMED_HIDDEN else ""
        log.info("%s: skipped %d hidden entr%s (names starting with '.'): %s", display_name(str(folder)), len(hidden),
                 "y" if len(hidden) == 1 else "ies", shown)


def _read_bytes(source: str, max_bytes: int) -> bytes:
    name = "<stdin>" if source == STDIN else display_name(source)
    too_big = f"larger than the limit of {max_bytes} bytes (raise it with --max-bytes)"
    if source == STDIN:
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError(name, too_big)
        return data
    path = Path(source)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            # opening a FIFO would block until a writer comes; a device may never end
            what = "is a directory" if stat.S_ISDIR(info.st_mode) else f"is {_kind(info.st_mode)}, not a regular file"
            raise InputError(name, what)
        if info.st_size > max_bytes:
            raise InputError(name, too_big)
        return path.read_bytes()
    except FileNotFoundError:
        reason = "a broken symbolic link (its target does not exist)" if os.path.islink(source) else "no such file"
        raise InputError(name, reason) from None
    except PermissionError:
        raise InputError(name, "cannot be read (permission denied)") from None
    except IsADirectoryError:
        raise InputError(name, "is a directory") from None
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror or exc})") from None


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
        obj = parse_line(first)
    except ValueError:
        return False
    return isinstance(obj, dict) and ("text" in obj or "html" in obj)


def _read_one(source: str, max_bytes: int) -> Iterator[RawDocument | Failure]:
    data = _read_bytes(source, max_bytes)
    name = "<stdin>" if source == STDIN else display_name(source)
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

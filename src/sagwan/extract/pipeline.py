"""The whole extraction, in stage order: ingest -> clean -> analyse -> extract.

This is the public door (`sagwan.extract`, `sagwan.extract_paths`); the CLI only wraps it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sagwan.clean import clean
from sagwan.errors import ExtractionError, InputError
from sagwan.ingest import DEFAULT_MAX_BYTES, read_sources, read_text
from sagwan.model import Document, Failure, RawDocument

log = logging.getLogger(__name__)


def annotate(doc: Document) -> Document:
    """Run the language's analyser and the extractors over a clean document, in place."""
    if doc.language == "ko" and doc.text:
        from sagwan.analyse.ko import analyse
        from sagwan.extract.ko import extract_all

        analyse(doc)
        extract_all(doc)
    elif doc.language == "en" and doc.text:
        from sagwan.analyse.en import analyse as analyse_en
        from sagwan.extract.en import extract_all as extract_all_en

        analyse_en(doc)
        extract_all_en(doc)
    return doc


def extract_document(raw: RawDocument) -> Document:
    """Clean, analyse and extract one raw document."""
    doc = clean(raw)
    try:
        return annotate(doc)
    except Exception as exc:  # one bad document must not stop a batch: callers record it
        log.exception("extraction failed for %s", raw.source)
        raise ExtractionError(f"{raw.source}: extraction failed ({type(exc).__name__}: {exc})") from exc


def extract(text_or_path: str | Path, *, published: str | None = None, title: str | None = None,
            source: str | None = None) -> dict[str, Any]:
    """Extract one document, given as a path or as the text itself; returns its `sagwan/1` record."""
    if isinstance(text_or_path, Path) or (len(str(text_or_path)) < 4096 and "\n" not in str(text_or_path)
                                          and Path(str(text_or_path)).is_file()):
        results = list(extract_paths([str(text_or_path)]))
        if isinstance(results[0], Failure):
            raise InputError(results[0].source, results[0].reason)
        return results[0]
    raw = read_text(str(text_or_path), source=source or "<text>", title=title, published=published)
    return extract_document(raw).to_record()


def extract_paths(paths: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[dict[str, Any] | Failure]:
    """Yield a `sagwan/1` record per document, or a Failure naming the source and the reason."""
    for raw in read_sources(paths, max_bytes=max_bytes):
        if isinstance(raw, Failure):
            yield raw
            continue
        try:
            yield extract_document(raw).to_record()
        except InputError as exc:  # clean() found no article text (e.g. an HTML page with no main text)
            yield Failure(exc.source, exc.reason)
        except ExtractionError as exc:
            yield Failure(raw.source, str(exc).split(": ", 1)[-1])

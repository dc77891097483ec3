"""The whole extraction, in stage order: ingest -> clean -> analyse -> extract.

This is the public door (`sagwan.extract`, `sagwan.extract_paths`); the CLI only wraps it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sagwan import gazetteer as gaz
from sagwan.clean import clean
from sagwan.errors import ExtractionError, InputError
from sagwan.extract import registry
from sagwan.ingest import DEFAULT_MAX_BYTES, read_sources, read_text
from sagwan.model import Document, Failure, RawDocument

log = logging.getLogger(__name__)

# user actor dictionaries (JSON Lines in the gazetteer's shape): one path, several, or None for none
Dictionaries = str | Path | Iterable[str | Path] | None


def annotate(doc: Document) -> Document:
    """Run the bundle of the document's language (analyser, then extractors) over a clean document,
    in place. A language with no bundle is not coded: the document says so (`doc.not_coded`, the
    record's `not_coded`) and keeps its text, so that it can be stored and coded later."""
    bundle = registry.bundle_for(doc.language)
    if bundle is None:
        doc.not_coded = registry.not_coded_reason(doc.language)
        log.info("%s: not coded: %s", doc.source, doc.not_coded)
        return doc
    doc.coder, doc.coders = registry.coder_for(doc.language), bundle.coders
    if doc.text:
        bundle.analyse(doc)
        bundle.extract(doc)
    return doc


def not_coded(record: dict[str, Any]) -> str | None:
    """The language of a record that was not coded ("" when unknown), or None for a coded one."""
    info = record.get("not_coded")
    if not info:
        return None
    return info.get("language") or ""


def warm_up(languages: Iterable[str] | None = None) -> None:
    """Load now what coding a document takes (the cleaner, each bundle's analyser and lexicons, about
    2 s for Korean), by coding each bundle's invented sample sentence."""
    for language in registry.languages() if languages is None else languages:
        bundle = registry.bundle_for(language)
        if bundle is not None and bundle.sample:
            extract_document(RawDocument(id=f"warm-up-{language}", source="<warm-up>", body=bundle.sample))


def extract_document(raw: RawDocument) -> Document:
    """Clean, analyse and extract one raw document."""
    doc = clean(raw)
    try:
        return annotate(doc)
    except Exception as exc:  # one bad document must not stop a batch: callers record it
        log.exception("extraction failed for %s", raw.source)
        raise ExtractionError(f"{raw.source}: extraction failed ({type(exc).__name__}: {exc})") from exc


def extract(text_or_path: str | Path, *, published: str | None = None, title: str | None = None,
            source: str | None = None, gazetteer: Dictionaries = None) -> dict[str, Any]:
    """Extract one document, given as a path or as the text itself; returns its `sagwan/1` record.
    `gazetteer` names user actor dictionaries to use on top of the shipped gazetteer."""
    with gaz.using(gazetteer):
        return _extract_one(text_or_path, published=published, title=title, source=source)


def _extract_one(text_or_path: str | Path, *, published: str | None, title: str | None,
                 source: str | None) -> dict[str, Any]:
    if isinstance(text_or_path, Path) or (len(str(text_or_path)) < 4096 and "\n" not in str(text_or_path)
                                          and Path(str(text_or_path)).is_file()):
        results = list(extract_paths([str(text_or_path)]))
        if isinstance(results[0], Failure):
            raise InputError(results[0].source, results[0].reason)
        return results[0]
    raw = read_text(str(text_or_path), source=source or "<text>", title=title, published=published)
    return extract_document(raw).to_record()


def extract_paths(paths: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES,
                  gazetteer: Dictionaries = None) -> Iterator[dict[str, Any] | Failure]:
    """Yield a `sagwan/1` record per document, or a Failure naming the source and the reason.
    `gazetteer` names user actor dictionaries to use on top of the shipped gazetteer."""
    with gaz.using(gazetteer):
        yield from _extract_paths(paths, max_bytes)


def _extract_paths(paths: Iterable[str], max_bytes: int) -> Iterator[dict[str, Any] | Failure]:
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

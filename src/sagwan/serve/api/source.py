"""Opening the store for reading, and the small searches the store itself does not offer."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sagwan.errors import ConfigError

DEFAULT_DB = "sagwan.db"


def open_existing(db: str | None) -> Any:
    """Open a store that must already exist: read-only commands never create an empty database."""
    url = db or os.environ.get("SAGWAN_DB") or DEFAULT_DB
    if "://" not in url and not Path(url).is_file():
        raise ConfigError(f"{url}: no such database; build one with `sagwan ingest PATH --db {url}` "
                          "or point --db at an existing one")
    from sagwan.store import open_store

    return open_store(url)


def _haystack(event: dict[str, Any]) -> str:
    parts = [event.get("type") or "", event.get("mode") or "", event.get("status") or "", event.get("date") or ""]
    for key in ("source", "target", "source_countries", "target_countries", "attributed_to"):
        value = event.get(key) or []
        parts.extend([value] if isinstance(value, str) else value)
    for m in event.get("mentions") or []:
        parts.extend(str(m.get(k) or "") for k in ("text", "sentence", "title", "source"))
    return " ".join(parts).casefold()


def search_events(events: Iterable[dict[str, Any]], q: str | None = None, ids: Iterable[str] | None = None,
                  limit: int | None = None) -> list[dict[str, Any]]:
    """Events whose type, actors, status, date, trigger words, sentence or source contain every word of `q`."""
    wanted = set(ids) if ids is not None else None
    words = (q or "").casefold().split()
    out = []
    for ev in events:
        if wanted is not None and str(ev.get("id")) not in wanted:
            continue
        if words:
            hay = _haystack(ev)
            if not all(w in hay for w in words):
                continue
        out.append(ev)
        if limit is not None and len(out) >= limit:
            break
    return out

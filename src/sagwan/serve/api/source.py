"""Opening the store for reading."""

from __future__ import annotations

import os
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

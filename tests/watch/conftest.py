"""Watcher fixtures: a local news site on 127.0.0.1 (see _site.py for its articles and watch lists)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _site import Site  # noqa: E402


def _store_fixtures():
    """The store tests' fixtures (the PostgreSQL server), loaded under another name than `conftest`."""
    import importlib.util

    path = Path(__file__).parents[1] / "store" / "conftest.py"
    spec = importlib.util.spec_from_file_location("_store_conftest", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


pg_server = _store_fixtures().pg_server


@pytest.fixture
def site():
    with Site() as s:
        yield s

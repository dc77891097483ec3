"""Watcher fixtures: a local news site on 127.0.0.1 (see _site.py for its articles and watch lists)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _site import Site  # noqa: E402


@pytest.fixture
def site():
    with Site() as s:
        yield s

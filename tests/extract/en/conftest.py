from __future__ import annotations

import pytest

from sagwan import extract


@pytest.fixture
def code():
    """Extract an English text published on Friday 2023-10-27; returns the record."""
    def run(text: str, published: str = "2023-10-27") -> dict:
        return extract(text, published=published, title="Test article", source="t.txt")
    return run

from __future__ import annotations

from pathlib import Path

import pytest

from sagwan.clean import clean
from sagwan.ingest import read_sources
from sagwan.model import Document

PAGES = Path(__file__).parent / "pages"


@pytest.fixture
def page():
    """The clean Document of one of the example pages written for these tests."""

    def _page(name: str) -> Document:
        [raw] = read_sources([str(PAGES / name)])
        return clean(raw)

    return _page

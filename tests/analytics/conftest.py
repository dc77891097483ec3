"""Hand-made events for the analytics tests (invented; no real article)."""

from __future__ import annotations

import itertools

import pytest

_ids = itertools.count(1)


def ev(type_, src, tgt=(), date="2024-02-10", *, status="occurred", score=None, mode=None, attributed_to=(),
       first_reported=None, eid=None):
    """One event dict in the store's shape, states as their own countries."""
    return {
        "id": eid or f"ev{next(_ids)}", "type": type_, "mode": mode, "source": list(src), "target": list(tgt),
        "source_countries": list(src), "target_countries": list(tgt), "date": date, "date_end": None,
        "status": status, "score": score, "quad": None, "attributed_to": list(attributed_to),
        "first_reported": first_reported, "n_documents": 1, "n_outlets": 1, "mentions": [],
    }


@pytest.fixture
def make_event():
    return ev

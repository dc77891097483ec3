"""Scores and quad classes of stored events: the coder's, or the table's where the coder left none.

The table itself lives in `sagwan.scores` (the coder stamps events with it too).
"""

from __future__ import annotations

from typing import Any

from sagwan.scores import QUADS, ScoreTable, score_table

__all__ = ["QUADS", "ScoreTable", "event_quad", "event_score", "score_table", "with_scores"]


def event_score(event: dict[str, Any]) -> float | None:
    """The stored score, or the table's score for the event's type (and mode)."""
    if event.get("score") is not None:
        return float(event["score"])
    return score_table().score(event.get("type"), event.get("mode"))


def event_quad(event: dict[str, Any]) -> str | None:
    """The stored quad class if it is one of QUADS, else the table's quad for the type."""
    quad = event.get("quad")
    if quad in QUADS:
        return quad
    return score_table().quad(event.get("type"))


def with_scores(event: dict[str, Any]) -> dict[str, Any]:
    """A copy of the event with `score` and `quad` filled from the table where the coder left them
    empty; `score_from` says which ("coder", "table" or None when neither knows the type)."""
    out = dict(event)
    out["score_from"] = "coder" if event.get("score") is not None else None
    out["score"] = event_score(event)
    if out["score_from"] is None and out["score"] is not None:
        out["score_from"] = "table"
    out["quad"] = event_quad(event)
    return out

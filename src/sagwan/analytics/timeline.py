"""The timeline: how many events each period holds, by quad class (all actors together)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sagwan.analytics.periods import check_period, event_date, period_of, period_range
from sagwan.analytics.scores import QUADS, event_quad
from sagwan.analytics.selection import DEFAULT_EXCLUDED_STATUSES, select_events

UNKNOWN_QUAD = "unscored"


def event_timeline(events: Iterable[dict[str, Any]], *, by: str = "month",
                   exclude_status: Iterable[str] = DEFAULT_EXCLUDED_STATUSES,
                   attributed_to: str | None = None) -> dict[str, Any]:
    """{by, periods, counts: {quad: [n per period]}, event_ids: {period: [ids]}, unplaced: [ids]}."""
    check_period(by)
    placed: dict[str, list[dict[str, Any]]] = {}
    unplaced = []
    for ev in select_events(events, exclude_status=exclude_status, attributed_to=attributed_to):
        period = period_of(event_date(ev), by)
        if period is None:
            unplaced.append(str(ev["id"]))
        else:
            placed.setdefault(period, []).append(ev)
    periods = period_range(sorted(placed), by)
    classes = [*QUADS, UNKNOWN_QUAD]
    counts = {q: [sum(1 for ev in placed.get(p, []) if (event_quad(ev) or UNKNOWN_QUAD) == q) for p in periods]
              for q in classes}
    if not any(counts[UNKNOWN_QUAD]):
        del counts[UNKNOWN_QUAD]
    return {"by": by, "periods": periods, "counts": counts,
            "event_ids": {p: [str(ev["id"]) for ev in placed.get(p, [])] for p in periods},
            "unplaced": sorted(unplaced)}

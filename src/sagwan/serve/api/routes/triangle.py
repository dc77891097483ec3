"""/api/triangle: the strategic triangle of three actors, window by window."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import JSONResponse

from sagwan.analytics import stored_triangle_series
from sagwan.analytics.memory import DEFAULT_WEIGHTING
from sagwan.analytics.triangles import DEFAULT_MIN_EVENTS, DEFAULT_NEUTRAL_BAND
from sagwan.serve.api import params as p
from sagwan.serve.api.routes import router
from sagwan.serve.api.routes._store import store_of

triangle_router = router("analytics")


@triangle_router.get("/triangle")
def triangle(request: Request, a: p.ActorId, b: p.ActorId, c: p.ActorId, by: p.By = "quarter",
             level: p.Level = "state", memory: p.Memory = None, weighting: p.Weighting = DEFAULT_WEIGHTING,
             neutral_band: Annotated[float, Query(ge=0, le=p.MAX_NEUTRAL_BAND)] = DEFAULT_NEUTRAL_BAND,
             min_events: Annotated[int, Query(ge=1, le=p.MAX_MIN_EVENTS)] = DEFAULT_MIN_EVENTS,
             type: p.Several = None, status: p.Several = None, exclude_status: p.Excluded = None,
             all_statuses: p.AllStatuses = False, attributed_to: p.Attributed = None, date_from: p.DateFrom = None,
             date_to: p.DateTo = None, report_dates: p.ReportDates = True, ids: p.Ids = True) -> JSONResponse:
    """Strategic-triangle type, roles and ties per window (method: docs/triangles.md)."""
    f = p.event_filter(request, type=type, status=status, exclude_status=exclude_status, all_statuses=all_statuses,
                       date_from=date_from, date_to=date_to, attributed_to=attributed_to, report_dates=report_dates)
    members = [p.actor_id(request, x, name) for x, name in ((a, "a"), (b, "b"), (c, "c"))]
    series = stored_triangle_series(store_of(request), *members, by=by, level=level, memory=memory,
                                    weighting=weighting, neutral_band=neutral_band, min_events=min_events,
                                    filter=f, ids=ids)
    return JSONResponse(series.to_dict())

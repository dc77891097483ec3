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
             exclude_status: p.Excluded = None, attributed_to: p.Attributed = None, date_from: p.DateFrom = None,
             date_to: p.DateTo = None, ids: p.Ids = True) -> JSONResponse:
    """Strategic-triangle type, roles and ties per window (method: docs/triangles.md)."""
    series = stored_triangle_series(store_of(request), a, b, c, date_from=date_from, date_to=date_to, by=by,
                                    level=level, memory=memory, weighting=weighting, neutral_band=neutral_band,
                                    min_events=min_events, exclude_status=p.excluded_statuses(exclude_status),
                                    attributed_to=attributed_to, ids=ids)
    return JSONResponse(series.to_dict())

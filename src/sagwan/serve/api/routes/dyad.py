"""/api/dyad: what two actors did to each other, period by period."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import JSONResponse

from sagwan.analytics import stored_dyad_series
from sagwan.analytics.memory import DEFAULT_WEIGHTING
from sagwan.serve.api import params as p
from sagwan.serve.api.routes import router
from sagwan.serve.api.routes._store import store_of

dyad_router = router("analytics")


@dyad_router.get("/dyad")
def dyad(request: Request, a: p.ActorId, b: p.ActorId, by: p.By = "quarter", level: p.Level = "state",
         memory: p.Memory = None, weighting: p.Weighting = DEFAULT_WEIGHTING, type: p.Several = None,
         status: p.Several = None, exclude_status: p.Excluded = None, all_statuses: p.AllStatuses = False,
         attributed_to: p.Attributed = None, date_from: p.DateFrom = None, date_to: p.DateTo = None,
         report_dates: p.ReportDates = True, ids: p.Ids = True) -> JSONResponse:
    """Events between a and b per period, in each direction and both together: exactly the events
    `/api/events?dyad=a-b` lists with the same filters."""
    f = p.event_filter(request, type=type, status=status, exclude_status=exclude_status, all_statuses=all_statuses,
                       date_from=date_from, date_to=date_to, attributed_to=attributed_to, report_dates=report_dates)
    series = stored_dyad_series(store_of(request), p.actor_id(request, a, "a"), p.actor_id(request, b, "b"), by=by,
                                level=level, memory=memory, weighting=weighting, filter=f, ids=ids)
    return JSONResponse(series.to_dict())

"""/api/timeline: how many events each period holds, by quad class."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import JSONResponse

from sagwan.analytics import event_timeline, stored_links
from sagwan.serve.api import params as p
from sagwan.serve.api.routes import router
from sagwan.serve.api.routes._store import store_of

timeline_router = router("analytics")


@timeline_router.get("/timeline")
def timeline(request: Request, by: p.By = "month", dyad: p.Dyad = None, level: p.Level = "state",
             actor: p.Several = None, type: p.Several = None, status: p.Several = None,
             exclude_status: p.Excluded = None, all_statuses: p.AllStatuses = False, attributed_to: p.Attributed = None,
             date_from: p.DateFrom = None, date_to: p.DateTo = None, report_dates: p.ReportDates = True,
             ids: p.Ids = True) -> JSONResponse:
    """Events per period by quad class, with the ids of each period's events; `dyad=A-B` counts the
    events between A and B only (read from the dyad index)."""
    store = store_of(request)
    f = p.event_filter(request, actor=actor, dyad=dyad, type=type, status=status, exclude_status=exclude_status,
                       all_statuses=all_statuses, date_from=date_from, date_to=date_to, attributed_to=attributed_to,
                       report_dates=report_dates)
    if f.dyad is not None:
        rows = [ev for ev, _ in stored_links(store, *f.dyad, level=level, filter=f.but(dyad=None))]
    else:   # lean rows, filtered by the database: no parties or sentences for counting
        rows = store.placed_events(f)
    result = event_timeline(rows, by=by, exclude_status=(), attributed_to=None)
    if not ids:
        result["event_ids"], result["unplaced"] = {}, []
    return JSONResponse(result)

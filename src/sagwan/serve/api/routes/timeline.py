"""/api/timeline: how many events each period holds, by quad class."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import JSONResponse

from sagwan.analytics import event_timeline, stored_links, within
from sagwan.serve.api import params as p
from sagwan.serve.api.routes import router
from sagwan.serve.api.routes._store import store_of

timeline_router = router("analytics")


@timeline_router.get("/timeline")
def timeline(request: Request, by: p.By = "month", dyad: p.Dyad = None, level: p.Level = "state",
             exclude_status: p.Excluded = None, attributed_to: p.Attributed = None, date_from: p.DateFrom = None,
             date_to: p.DateTo = None, ids: p.Ids = True) -> JSONResponse:
    """Events per period by quad class, with the ids of each period's events; `dyad=A-B` counts the
    events between A and B only (read from the dyad index)."""
    store = store_of(request)
    excluded = p.excluded_statuses(exclude_status)
    pair = p.dyad(dyad)
    if pair is not None:
        rows = [ev for ev, _ in stored_links(store, *pair, level=level, exclude_status=excluded,
                                              attributed_to=attributed_to, date_from=date_from, date_to=date_to)]
    else:   # lean rows, filtered by the database: no parties or sentences for counting
        rows = within(store.placed_events(exclude_status=excluded, attributed_to=attributed_to), date_from, date_to)
    result = event_timeline(rows, by=by, exclude_status=(), attributed_to=None)
    if not ids:
        result["event_ids"], result["unplaced"] = {}, []
    return JSONResponse(result)

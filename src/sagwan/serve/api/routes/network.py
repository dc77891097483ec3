"""/api/network: who acts on whom, how often, how cooperatively."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import JSONResponse

from sagwan.analytics import actor_network, linked_network, network_json, stored_links
from sagwan.serve.api import params as p
from sagwan.serve.api.routes import router
from sagwan.serve.api.routes._store import store_of

network_router = router("analytics")


@network_router.get("/network")
def network(request: Request, level: p.Level = "state", dyad: p.Dyad = None, actor: p.Several = None,
            type: p.Several = None, min_events: Annotated[int, Query(ge=1, le=p.MAX_MIN_EVENTS)] = 1,
            status: p.Several = None, exclude_status: p.Excluded = None, all_statuses: p.AllStatuses = False,
            attributed_to: p.Attributed = None, date_from: p.DateFrom = None, date_to: p.DateTo = None,
            report_dates: p.ReportDates = True, ids: p.Ids = True) -> JSONResponse:
    """The directed actor network: nodes and edges with counts and mean scores; `dyad=A-B` gives the
    A→B and B→A edges alone (read from the dyad index). Over a large store, the whole network may take
    longer than the request's time limit: narrow it with `dyad`, `actor` or dates."""
    store = store_of(request)
    f = p.event_filter(request, actor=actor, dyad=dyad, type=type, status=status, exclude_status=exclude_status,
                       all_statuses=all_statuses, date_from=date_from, date_to=date_to, attributed_to=attributed_to,
                       report_dates=report_dates)
    if f.dyad is not None:
        graph = linked_network(stored_links(store, *f.dyad, level=level, filter=f.but(dyad=None)),
                               min_events=min_events)
    else:
        graph = actor_network(store.events(filter=f, mentions=False), level=level, min_events=min_events,
                              exclude_status=(), attributed_to=None)
    result = network_json(graph)
    if not ids:
        for edge in result["edges"]:
            edge["event_ids"] = []
    return JSONResponse(result)

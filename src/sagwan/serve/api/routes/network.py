"""/api/network: who acts on whom, how often, how cooperatively."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import JSONResponse

from sagwan.analytics import actor_network, linked_network, network_json, stored_links, within
from sagwan.serve.api import params as p
from sagwan.serve.api.routes import router
from sagwan.serve.api.routes._store import store_of

network_router = router("analytics")


@network_router.get("/network")
def network(request: Request, level: p.Level = "state", dyad: p.Dyad = None,
            min_events: Annotated[int, Query(ge=1, le=p.MAX_MIN_EVENTS)] = 1,
            exclude_status: p.Excluded = None, attributed_to: p.Attributed = None, date_from: p.DateFrom = None,
            date_to: p.DateTo = None, ids: p.Ids = True) -> JSONResponse:
    """The directed actor network: nodes and edges with counts and mean scores; `dyad=A-B` gives the
    A→B and B→A edges alone (read from the dyad index). Over a large store, the whole network may take
    longer than the request's time limit: narrow it with `dyad` or dates."""
    store = store_of(request)
    excluded = p.excluded_statuses(exclude_status)
    pair = p.dyad(dyad)
    if pair is not None:
        links = stored_links(store, *pair, level=level, exclude_status=excluded, attributed_to=attributed_to,
                             date_from=date_from, date_to=date_to)
        graph = linked_network(links, min_events=min_events)
    else:
        graph = actor_network(within(store.events(mentions=False), date_from, date_to), level=level,
                              min_events=min_events, exclude_status=excluded, attributed_to=attributed_to)
    result = network_json(graph)
    if not ids:
        for edge in result["edges"]:
            edge["event_ids"] = []
    return JSONResponse(result)

"""/api/alerts: what `sagwan watch` flagged — new events matching a watch rule."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query, Request

from sagwan.serve.api import params as p
from sagwan.serve.api.routes import router
from sagwan.serve.api.routes._store import store_of

alerts_router = router("store")


Since = Annotated[str | None, Query(max_length=40, description="ISO 8601 UTC time or date; default: the start "
                                                                   "of the last `sagwan watch` round")]


@alerts_router.get("/alerts")
def alerts(request: Request, since: Since = None, limit: p.Limit = 200) -> dict[str, Any]:
    """New events matching a watch rule, raised since `since`."""
    store = store_of(request)
    if not hasattr(store, "alerts"):   # a store without the watcher's tables
        return {"since": since, "last_round": None, "alerts": []}
    last = store.last_round()
    since = since or (last["started_at"] if last else None)
    return {"since": since, "last_round": last, "alerts": store.alerts(since=since, limit=limit)}

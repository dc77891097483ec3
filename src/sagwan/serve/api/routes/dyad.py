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
         memory: p.Memory = None, weighting: p.Weighting = DEFAULT_WEIGHTING, exclude_status: p.Excluded = None,
         attributed_to: p.Attributed = None, date_from: p.DateFrom = None, date_to: p.DateTo = None,
         ids: p.Ids = True) -> JSONResponse:
    """Events between a and b per period, in each direction and both together."""
    series = stored_dyad_series(store_of(request), a, b, date_from=date_from, date_to=date_to, by=by, level=level,
                                memory=memory, weighting=weighting,
                                exclude_status=p.excluded_statuses(exclude_status), attributed_to=attributed_to,
                                ids=ids)
    return JSONResponse(series.to_dict())

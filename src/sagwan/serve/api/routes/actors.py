"""/api/actors: who appears in the chronicle."""

from __future__ import annotations

from typing import Any

from fastapi import Request

from sagwan.serve.api import params as p
from sagwan.serve.api.routes import router
from sagwan.serve.api.routes._store import store_of

actors_router = router("store")


@actors_router.get("/actors")
def actors(request: Request, limit: p.Limit = p.MAX_LIMIT) -> list[dict[str, Any]]:
    """Actors, most mentioned first."""
    return store_of(request).actors(limit=limit)

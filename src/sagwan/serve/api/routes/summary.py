"""/api/summary: what the store holds."""

from __future__ import annotations

from typing import Any

from fastapi import Request

from sagwan.serve.api.routes import router
from sagwan.serve.api.routes._store import store_of

summary_router = router("store")


@summary_router.get("/summary")
def summary(request: Request) -> dict[str, Any]:
    """Counts of documents, events, quotes and actors in the store."""
    return store_of(request).summary()

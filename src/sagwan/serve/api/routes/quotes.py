"""/api/quotes: what was said, by whom."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query, Request

from sagwan.serve.api import params as p
from sagwan.serve.api.routes import router
from sagwan.serve.api.routes._store import store_of

quotes_router = router("store")


@quotes_router.get("/quotes")
def quotes(request: Request, q: p.Search = None,
           speaker: Annotated[str | None, Query(max_length=p.MAX_ID_LENGTH)] = None,
           limit: p.Limit = 200) -> list[dict[str, Any]]:
    """Quotes, searched by speaker id and by words in what was said."""
    p.words(q)
    return store_of(request).quotes(speaker=speaker, text=q or None, limit=limit)

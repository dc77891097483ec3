"""/api/events: the chronicle, a page at a time, filtered and counted by the database."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query, Request

from sagwan.analytics.scores import with_scores
from sagwan.serve.api import params as p
from sagwan.serve.api.routes import router
from sagwan.serve.api.routes._store import store_of

events_router = router("store")


@events_router.api_route("/events", methods=["GET"])
def events(request: Request, q: p.Search = None,
           id: Annotated[str | None, Query(max_length=p.MAX_IDS * 40, description=(
               f"comma-separated event ids (at most {p.MAX_IDS})"))] = None,
           actor: Annotated[str | None, Query(max_length=p.MAX_ID_LENGTH)] = None, dyad: p.Dyad = None,
           type: Annotated[str | None, Query(max_length=400, description="comma-separated PLOVER types")] = None,
           status: Annotated[str | None, Query(max_length=200, description="comma-separated statuses")] = None,
           exclude_status: Annotated[str | None, Query(max_length=200, description=(
               "comma-separated statuses to leave out (none by default: the chronicle lists every status)"))] = None,
           date_from: p.DateFrom = None, date_to: p.DateTo = None, attributed_to: p.Attributed = None,
           limit: p.Limit = 200, offset: p.Offset = 0, cursor: p.Cursor = None) -> dict[str, Any]:
    """Events with their mentions (sentence offsets, document, source), oldest first, undated last.

    `total` counts every event that matches; `next` is a cursor for the page after this one (pass it
    as `cursor`), null on the last page. `q` searches type, actors, status, date, trigger words,
    sentences and source titles (every word must match)."""
    after = p.decode_cursor(cursor)
    if after is not None and offset:
        raise p.invalid("offset", offset, "give either offset or cursor, not both")
    ids = p.split_list(id, "id") if id is not None else None
    page = store_of(request).event_page(
        limit=limit, offset=offset, after=after, actor=actor, dyad=p.dyad(dyad), type=p.types(type) or None,
        status=p.statuses(status) or None, exclude_status=p.statuses(exclude_status) or None,
        date_from=date_from, date_to=date_to, attributed_to=attributed_to, ids=ids, words=p.words(q))
    return {"total": page["total"], "limit": limit, "offset": offset, "next": p.encode_cursor(page["after"]),
            "items": [with_scores(ev) for ev in page["items"]]}

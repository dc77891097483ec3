"""/api/events: the chronicle, a page at a time, filtered and counted by the database."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query, Request

from sagwan.analytics.scores import with_scores
from sagwan.serve.api import params as p
from sagwan.serve.api.routes import router
from sagwan.serve.api.routes._store import store_of

events_router = router("store")


@events_router.get("/events")
def events(request: Request, q: p.Search = None,
           id: Annotated[list[str] | None, Query(description=(
               f"event ids, repeated or comma-separated (at most {p.MAX_IDS})"))] = None,
           actor: p.Several = None, dyad: p.Dyad = None, type: p.Several = None, status: p.Several = None,
           exclude_status: p.Excluded = None, all_statuses: p.AllStatuses = False, date_from: p.DateFrom = None,
           date_to: p.DateTo = None, attributed_to: p.Attributed = None, report_dates: p.ReportDates = True,
           limit: p.Limit = 200, offset: p.Offset = 0, cursor: p.Cursor = None) -> dict[str, Any]:
    """Events with their mentions (sentence offsets, document, source), oldest first, undated last.

    The filters read as the CLI's (`sagwan events --help`; the rules: `sagwan.store.filters`), with the
    same default: alleged, expected, hypothetical and denied events are left out unless asked for.
    `total` counts every event that matches; `next` is a cursor for the page after this one (pass it
    as `cursor`), null on the last page. `q` searches type, actors, status, date, trigger words,
    sentences and source titles (every word must match)."""
    after = p.decode_cursor(cursor)
    if after is not None and offset:
        raise p.invalid("offset", offset, "give either offset or cursor, not both")
    f = p.event_filter(request, actor=actor, dyad=dyad, type=type, status=status, exclude_status=exclude_status,
                       all_statuses=all_statuses, date_from=date_from, date_to=date_to, attributed_to=attributed_to,
                       report_dates=report_dates, ids=id)
    page = store_of(request).event_page(f, limit=limit, offset=offset, after=after, words=p.words(q))
    return {"total": page["total"], "limit": limit, "offset": offset, "next": p.encode_cursor(page["after"]),
            "filter": f.to_dict(), "items": [with_scores(ev) for ev in page["items"]]}

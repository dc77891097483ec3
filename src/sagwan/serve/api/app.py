"""The FastAPI application: a read-only JSON API under /api/ and the dashboard at /.

Every route is a GET; nothing here writes to the store. The analytics routes run the same pure
functions as the CLI and the report (`sagwan.analytics`), so all three show the same numbers.
"""

from __future__ import annotations

import logging
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from sagwan._version import __version__
from sagwan.analytics import (
    DEFAULT_EXCLUDED_STATUSES,
    PERIODS,
    actor_network,
    event_timeline,
    network_json,
    stored_dyad_series,
    triangle_series,
    within,
)
from sagwan.analytics.memory import DEFAULT_WEIGHTING
from sagwan.analytics.scores import with_scores
from sagwan.analytics.triangles import DEFAULT_MIN_EVENTS, DEFAULT_NEUTRAL_BAND
from sagwan.errors import ConfigError, SagwanError, StoreError
from sagwan.serve.api.source import search_events
from sagwan.serve.web.assets import ECHARTS, HANGUL_FONT, STATIC_DIR, font_face, render

log = logging.getLogger(__name__)

# Scripts only from this server; inline styles are allowed because the chart library sets them.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")

By = Annotated[str, Query(description=f"period: one of {', '.join(PERIODS)}")]
Level = Annotated[str, Query(description="state (actors mapped to their country) or actor (actor ids)")]
Excluded = Annotated[str | None, Query(
    description="comma-separated statuses to leave out; empty keeps all; default "
                + ",".join(DEFAULT_EXCLUDED_STATUSES))]
DateFrom = Annotated[str | None, Query(description="only events from this date (YYYY, YYYY-MM or YYYY-MM-DD)")]
DateTo = Annotated[str | None, Query(description="only events up to this date")]
Attributed = Annotated[str | None, Query(
    description="keep only events asserted by this actor id; 'none' = the article's own voice")]
Memory = Annotated[int | None, Query(ge=1, description="periods of evidence behind each tie, ending with the "
                                                       "period itself (default: one year of periods)")]
Weighting = Annotated[str, Query(description="linear (newer events weigh more) or equal")]


def _excluded(value: str | None) -> tuple[str, ...]:
    if value is None:
        return DEFAULT_EXCLUDED_STATUSES
    return tuple(s.strip() for s in value.split(",") if s.strip())


def create_app(store: Any, review: bool = False) -> FastAPI:
    """The app over an open store (anything with the store's read methods); `review=True` adds the
    review routes (serve/api/review.py), for `sagwan serve --review` on loopback only."""
    app = FastAPI(title="sagwan", version=__version__, docs_url="/api/docs", redoc_url=None,
                  description="Read-only access to the sagwan chronicle: events, quotes, actors, documents, "
                              "dyad series, strategic triangles and the actor network.")
    app.state.store = store

    @app.exception_handler(ConfigError)
    async def _bad_request(_: Request, exc: ConfigError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(StoreError)
    async def _store_failed(_: Request, exc: StoreError) -> JSONResponse:
        log.error("store error: %s", exc)
        return JSONResponse({"detail": str(exc)}, status_code=503)

    @app.exception_handler(SagwanError)
    async def _other(_: Request, exc: SagwanError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.middleware("http")
    async def _headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    if review:
        from sagwan.serve.api.review import include_review
        include_review(app, store)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def dashboard() -> str:
        return render("dashboard.html", echarts=ECHARTS, version=__version__,
                      font_css=font_face(f"/static/{HANGUL_FONT}"),
                      review_token=getattr(app.state, "review_token", None))

    @app.get("/api/summary", tags=["store"])
    def summary() -> dict[str, Any]:
        """Counts of documents, events, quotes and actors in the store."""
        return store.summary()

    @app.get("/api/events", tags=["store"])
    def events(q: str | None = None, id: Annotated[str | None, Query(description="comma-separated ids")] = None,
               actor: str | None = None, type: str | None = None, status: str | None = None,
               date_from: str | None = None, date_to: str | None = None, attributed_to: str | None = None,
               limit: Annotated[int, Query(ge=1, le=5000)] = 200) -> list[dict[str, Any]]:
        """Events with their mentions (sentence offsets, document, source); `q` searches type, actors,
        status, date, trigger words and source titles (every word must match)."""
        rows = store.events(actor=actor, type=type, status=status, date_from=date_from, date_to=date_to,
                            attributed_to=attributed_to)
        ids = [x for x in id.split(",") if x] if id else None
        return [with_scores(ev) for ev in search_events(rows, q=q, ids=ids, limit=limit)]

    @app.get("/api/quotes", tags=["store"])
    def quotes(q: str | None = None, speaker: str | None = None,
               limit: Annotated[int, Query(ge=1, le=5000)] = 200) -> list[dict[str, Any]]:
        """Quotes, searched by speaker id and by words in what was said."""
        return store.quotes(speaker=speaker, text=q or None, limit=limit)

    @app.get("/api/actors", tags=["store"])
    def actors() -> list[dict[str, Any]]:
        """Every actor in the store."""
        return store.actors()

    @app.get("/api/documents/{doc_id}", tags=["store"])
    def document(doc_id: str) -> dict[str, Any]:
        """One document with its full clean text (every offset indexes it)."""
        doc = store.document(doc_id)
        if not doc:
            raise HTTPException(404, f"no document {doc_id}")
        return doc

    @app.get("/api/timeline", tags=["analytics"])
    def timeline(by: By = "month", exclude_status: Excluded = None, attributed_to: Attributed = None,
                 date_from: DateFrom = None, date_to: DateTo = None) -> dict[str, Any]:
        """Events per period by quad class, with the ids of each period's events."""
        events = within(store.events(), date_from, date_to)
        return event_timeline(events, by=by, exclude_status=_excluded(exclude_status), attributed_to=attributed_to)

    @app.get("/api/dyad", tags=["analytics"])
    def dyad(a: str, b: str, by: By = "quarter", level: Level = "state", memory: Memory = None,
             weighting: Weighting = DEFAULT_WEIGHTING, exclude_status: Excluded = None,
             attributed_to: Attributed = None, date_from: DateFrom = None, date_to: DateTo = None) -> dict[str, Any]:
        """Events between a and b per period, in each direction and both together."""
        series = stored_dyad_series(store, a, b, date_from=date_from, date_to=date_to, by=by, level=level,
                                    memory=memory, weighting=weighting, exclude_status=_excluded(exclude_status),
                                    attributed_to=attributed_to)
        return series.to_dict()

    @app.get("/api/triangle", tags=["analytics"])
    def triangle(a: str, b: str, c: str, by: By = "quarter", level: Level = "state", memory: Memory = None,
                 weighting: Weighting = DEFAULT_WEIGHTING,
                 neutral_band: Annotated[float, Query(ge=0)] = DEFAULT_NEUTRAL_BAND,
                 min_events: Annotated[int, Query(ge=1)] = DEFAULT_MIN_EVENTS,
                 exclude_status: Excluded = None, attributed_to: Attributed = None, date_from: DateFrom = None,
                 date_to: DateTo = None) -> dict[str, Any]:
        """Strategic-triangle type, roles and ties per window (method: docs/triangles.md)."""
        events = within(store.events(), date_from, date_to)
        series = triangle_series(events, a, b, c, by=by, level=level, memory=memory, weighting=weighting,
                                 neutral_band=neutral_band,
                                 min_events=min_events, exclude_status=_excluded(exclude_status),
                                 attributed_to=attributed_to)
        return series.to_dict()

    @app.get("/api/network", tags=["analytics"])
    def network(level: Level = "state", min_events: Annotated[int, Query(ge=1)] = 1,
                exclude_status: Excluded = None, attributed_to: Attributed = None, date_from: DateFrom = None,
                date_to: DateTo = None) -> dict[str, Any]:
        """The directed actor network: nodes and edges with counts and mean scores."""
        graph = actor_network(within(store.events(), date_from, date_to), level=level, min_events=min_events,
                              exclude_status=_excluded(exclude_status), attributed_to=attributed_to)
        return network_json(graph)

    return app

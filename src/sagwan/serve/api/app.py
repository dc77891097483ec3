"""The FastAPI application: a read-only JSON API under /api/, the dashboard at /, the docs at /docs.

Every route is a GET (HEAD too); nothing here writes to the store. The analytics routes run the same
functions as the CLI and the report (`sagwan.analytics`), so all three show the same numbers. Each
resource has its router in `routes/`; what guards every request (Host allow-list, time limit,
headers) is in `guards`, what bounds every parameter in `params`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from sagwan._version import __version__
from sagwan.errors import ConfigError, SagwanError, StoreError, TimeLimitError
from sagwan.serve.api.guards import CSP, DEFAULT_TIME_LIMIT, Guards, allowed_hosts
from sagwan.serve.api.params import API_NAMES
from sagwan.serve.api.routes.actors import actors_router
from sagwan.serve.api.routes.alerts import alerts_router
from sagwan.serve.api.routes.documents import documents_router
from sagwan.serve.api.routes.dyad import dyad_router
from sagwan.serve.api.routes.events import events_router
from sagwan.serve.api.routes.network import network_router
from sagwan.serve.api.routes.pages import pages_router
from sagwan.serve.api.routes.quotes import quotes_router
from sagwan.serve.api.routes.summary import summary_router
from sagwan.serve.api.routes.timeline import timeline_router
from sagwan.serve.api.routes.triangle import triangle_router
from sagwan.serve.web.assets import STATIC_DIR
from sagwan.store.filters import FilterError

__all__ = ["CSP", "create_app"]

log = logging.getLogger(__name__)

ROUTERS = (summary_router, events_router, quotes_router, actors_router, documents_router, timeline_router,
           dyad_router, triangle_router, network_router, alerts_router, pages_router)


def _validation_message(errors: Iterable[dict[str, Any]]) -> str:
    """One readable line for the dashboard and for people: 'limit: Input should be ≤ 5000 (got 6000)'."""
    parts = []
    for e in errors:
        where = ".".join(str(x) for x in e.get("loc", ())[1:]) or "request"
        parts.append(f"{where}: {e.get('msg')} (got {e.get('input')!r})")
    return "; ".join(parts)


def create_app(store: Any, *, hosts: Iterable[str] | None = None, listen: str | None = None,
               time_limit: float = DEFAULT_TIME_LIMIT, review: bool = False) -> FastAPI:
    """The app over an open store (anything with the store's read methods); `review=True` adds the
    review routes (serve/api/review.py), for `sagwan serve --review` on loopback only.

    Requests are answered only for the Host names in `hosts` (default: the loopback names, plus
    `listen`, the address the server listens on; any name when that is 0.0.0.0 or ::). `time_limit`
    bounds each request's database work in seconds."""
    app = FastAPI(title="sagwan", version=__version__, docs_url=None, redoc_url=None,
                  description="Read-only access to the sagwan chronicle: events, quotes, actors, documents, "
                              "dyad series, strategic triangles and the actor network. Every parameter is "
                              "bounded; an unknown parameter or a value out of bounds is answered 422.")
    app.state.store = store

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        return JSONResponse({"detail": _validation_message(errors),
                             "errors": [{k: e.get(k) for k in ("type", "loc", "msg", "input", "ctx")} for e in errors]},
                            status_code=422)

    @app.exception_handler(FilterError)
    async def _bad_filter(_: Request, exc: FilterError) -> JSONResponse:
        name = API_NAMES.get(exc.param, exc.param)
        return JSONResponse({"detail": exc.render(name), "errors": [{
            "type": "value_error", "loc": ["query", name], "msg": exc.detail(), "input": exc.value,
            "ctx": {"valid": list(exc.valid)}}]}, status_code=422)

    @app.exception_handler(ConfigError)
    async def _bad_value(_: Request, exc: ConfigError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422)

    @app.exception_handler(TimeLimitError)
    async def _too_long(_: Request, exc: TimeLimitError) -> JSONResponse:
        log.warning("request stopped at its time limit: %s", exc)
        return JSONResponse({"detail": str(exc)}, status_code=503)

    @app.exception_handler(StoreError)
    async def _store_failed(_: Request, exc: StoreError) -> JSONResponse:
        log.error("store error: %s", exc)
        return JSONResponse({"detail": str(exc)}, status_code=503)

    @app.exception_handler(SagwanError)
    async def _other(_: Request, exc: SagwanError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    if review:
        from sagwan.serve.api.review import include_review

        include_review(app, store)
    for router in ROUTERS:
        app.include_router(router)
    app.add_middleware(Guards, hosts=allowed_hosts(listen, hosts or ()), time_limit=time_limit)
    return app

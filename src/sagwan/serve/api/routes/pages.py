"""The dashboard at / and the interactive API docs at /docs and /api/docs (Swagger UI, vendored)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from sagwan._version import __version__
from sagwan.serve.web.assets import ECHARTS, SWAGGER_UI, render

# pages take any query string: the dashboard may keep its state there
pages_router = APIRouter(include_in_schema=False)


@pages_router.get("/", response_class=HTMLResponse)
def dashboard() -> str:
    return render("dashboard.html", echarts=ECHARTS, version=__version__)


@pages_router.get("/docs", response_class=HTMLResponse)
@pages_router.get("/api/docs", response_class=HTMLResponse)
def docs() -> str:
    # no inline script: the page loads Swagger UI and its start-up file from /static, as the CSP demands
    return render("docs.html", swagger=SWAGGER_UI, version=__version__)

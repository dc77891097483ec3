"""The dashboard at / and the interactive API docs at /docs and /api/docs (Swagger UI, vendored)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from sagwan._version import __version__
from sagwan.serve.web.assets import ECHARTS, HANGUL_FONT, SWAGGER_UI, font_face, render

# pages take any query string: the dashboard may keep its state there
pages_router = APIRouter(include_in_schema=False)


@pages_router.get("/", response_class=HTMLResponse)
def dashboard(request: Request) -> str:
    # the review token is there only when the app was made with review=True (sagwan serve --review)
    return render("dashboard.html", echarts=ECHARTS, version=__version__,
                  font_css=font_face(f"/static/{HANGUL_FONT}"),
                  review_token=getattr(request.app.state, "review_token", None))


@pages_router.get("/docs", response_class=HTMLResponse)
@pages_router.get("/api/docs", response_class=HTMLResponse)
def docs() -> str:
    # no inline script: the page loads Swagger UI and its start-up file from /static, as the CSP demands
    return render("docs.html", swagger=SWAGGER_UI, version=__version__)

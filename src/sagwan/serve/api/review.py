"""The review routes of the dashboard: only with `sagwan serve --review`, only on loopback, and
every write carries the CSRF token the server printed into the page it served.

The token is made when the server starts and lives only in its memory; a request without it (or
with another), or whose Origin is not this server, is refused with 403 before anything is written.
A cross-site page can make the analyst's browser send a POST, but cannot read the token from the
dashboard, so it cannot forge a review. Writes go through `Store.review`, the same append-only layer
as `sagwan review`.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Any
from urllib.parse import urlparse

from fastapi import APIRouter, FastAPI, HTTPException, Request
from pydantic import BaseModel, Field

LOOPBACK = ("127.0.0.1", "localhost", "::1")
TOKEN_HEADER = "X-CSRF-Token"


class ReviewIn(BaseModel):
    target: str = Field(description="event | quote")
    id: str = Field(description="event id, or DOCUMENT_ID:QUOTE_ID")
    action: str = Field(description="wrong | correct | restore")
    reason: str = Field(min_length=1, description="why, kept with the review")
    changes: dict[str, Any] = Field(default_factory=dict,
                                    description="for 'correct': type, status, date, date_end, source, target, speaker")
    reviewer: str | None = Field(default=None, description="who reviews (default: the server's user)")


def include_review(app: FastAPI, store: Any) -> str:
    """Add the review routes to `app`; returns the CSRF token the dashboard page must carry."""
    token = secrets.token_urlsafe(32)
    app.state.review_token = token
    router = APIRouter(prefix="/api", tags=["review"])

    def guard(request: Request) -> None:
        given = request.headers.get(TOKEN_HEADER, "")
        if not hmac.compare_digest(given, token):
            raise HTTPException(403, f"missing or wrong {TOKEN_HEADER}: reload the dashboard page")
        origin = request.headers.get("origin")
        if origin and urlparse(origin).hostname not in LOOPBACK:
            raise HTTPException(403, f"origin {origin} may not write reviews")
        client = request.client.host if request.client else ""
        if client not in LOOPBACK and client != "testclient":
            raise HTTPException(403, "reviews are written from this machine only")

    @router.post("/review")
    def add_review(body: ReviewIn, request: Request) -> dict[str, Any]:
        """Record a review (append-only) and apply it; returns the stored review."""
        guard(request)
        return store.review(body.target, body.id, body.action, reason=body.reason, changes=body.changes,
                            reviewer=body.reviewer)

    @router.get("/reviews")
    def reviews(item: str | None = None) -> list[dict[str, Any]]:
        """Every review, oldest first, with what it applies to now."""
        return store.reviews(item)

    app.include_router(router)
    return token

"""What stands between a request and the store: the Host allow-list, HEAD, the time limit, the headers.

Plain ASGI middleware (no BaseHTTPMiddleware): each is a few lines on the request's scope.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable

from sagwan.store.engine import DEADLINE

# Scripts and styles only from this server; inline styles are allowed because the chart library sets them.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
           (b"referrer-policy", b"no-referrer")]
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
WILDCARD_ADDRESSES = ("0.0.0.0", "::", "")
DEFAULT_TIME_LIMIT = 10.0   # seconds of database work per request


def allowed_hosts(listen: str | None = None, extra: Iterable[str] = ()) -> frozenset[str] | None:
    """The Host names a request may carry: the loopback names, plus the address the server listens on
    when it is not loopback. None (any host) only when it listens on every address (0.0.0.0, ::),
    where the names it is reached by cannot be known."""
    if listen is not None and listen in WILDCARD_ADDRESSES:
        return None
    names = {*LOOPBACK_NAMES, *extra}
    if listen:
        names.add(listen)
    return frozenset(n.lower().strip("[]") for n in names)


def _host_name(raw: str) -> str:
    """The name part of a Host header: 'localhost:8000' -> 'localhost', '[::1]:8000' -> '::1'."""
    raw = raw.strip().lower()
    if raw.startswith("["):
        return raw[1:raw.find("]")] if "]" in raw else raw
    return raw.rsplit(":", 1)[0] if raw.count(":") == 1 else raw


async def _plain(send, status: int, message: str) -> None:
    body = json.dumps({"detail": message}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            *HEADERS]})
    await send({"type": "http.response.body", "body": body})


class Guards:
    """Host check (against DNS rebinding: a page on another site whose name resolves to 127.0.0.1 must
    not read the dashboard), HEAD served as GET without a body, the security headers on every answer,
    and the request's deadline, which the store's connections obey (see `sagwan.store.engine.DEADLINE`)."""

    def __init__(self, app, hosts: frozenset[str] | None, time_limit: float):
        self.app, self.hosts, self.time_limit = app, hosts, time_limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.hosts is not None:
            host = next((v.decode("latin-1") for k, v in scope.get("headers", []) if k == b"host"), "")
            if _host_name(host) not in self.hosts:
                await _plain(send, 400, f"host {host!r} is not served here; use one of: {', '.join(sorted(self.hosts))}"
                                        " (start `sagwan serve --host NAME` to serve another name)")
                return
        head = scope["method"] == "HEAD"
        if head:
            scope = dict(scope, method="GET")

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in HEADERS if k not in present]
                message = dict(message, headers=[*message.get("headers", []), *extra])
            elif head and message["type"] == "http.response.body":
                message = dict(message, body=b"")
            await send(message)

        token = DEADLINE.set(time.monotonic() + self.time_limit)
        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            DEADLINE.reset(token)

"""A small news site on 127.0.0.1 for the watcher's tests: feeds and article pages written here, with
invented lesser officials, and the misbehaviours the watcher must survive (errors, slowness, loops, size).

Routes are set per test; every request is logged with its headers so tests can check what was sent.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape


@dataclass
class Route:
    body: bytes = b""
    ctype: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    validators: bool = True      # send ETag and Last-Modified, answer 304 to a matching conditional GET
    delay: float = 0.0           # seconds before answering
    drip: float = 0.0            # seconds between chunks of 1 KB (a slow answer)
    repeat: int = 1              # serve `body` this many times (a big answer without holding it in memory)
    length: bool = True          # send Content-Length (else the answer ends when the connection closes)
    fail_first: int = 0          # answer the first N requests with 503 and `fail_headers` instead
    fail_headers: dict[str, str] = field(default_factory=dict)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # quiet
        pass

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        site: Site = self.server.site  # type: ignore[attr-defined]
        site.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
        route = site.routes.get(self.path)
        if route is None:
            self._send(404, b"not found", "text/plain", {})
            return
        if route.delay:
            time.sleep(route.delay)
        if route.fail_first > 0:
            route.fail_first -= 1
            self._send(503, b"busy", "text/plain", route.fail_headers)
            return
        headers = dict(route.headers)
        if route.validators and route.status == 200:
            tag = '"' + hashlib.sha1(route.body).hexdigest()[:12] + '"'
            headers.setdefault("ETag", tag)
            headers.setdefault("Last-Modified", formatdate(site.modified.get(self.path, 1_700_000_000), usegmt=True))
            if self.headers.get("If-None-Match") == headers["ETag"]:
                self._send(304, b"", None, {"ETag": headers["ETag"]})
                return
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._send(route.status, route.body, route.ctype, headers, route.repeat, route.drip, route.length)

    def _send(self, status, body, ctype, headers, repeat=1, drip=0.0, length=True) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for k, v in headers.items():
            self.send_header(k, v)
        if drip or not length:
            self.send_header("Connection", "close")
            self.close_connection = True
        else:
            self.send_header("Content-Length", str(len(body) * repeat))
        self.end_headers()
        if drip:
            for i in range(0, len(body), 1024):
                self.wfile.write(body[i:i + 1024])
                self.wfile.flush()
                time.sleep(drip)
            self.close_connection = True
            return
        for _ in range(repeat):
            self.wfile.write(body)


class Site:
    """`with Site() as site:` serves `site.routes` at `site.url`."""

    def __init__(self):
        self.routes: dict[str, Route] = {"/robots.txt": Route(b"User-agent: *\nAllow: /\n", "text/plain")}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.modified: dict[str, int] = {}
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.site = self  # type: ignore[attr-defined]
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> Site:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def set(self, path: str, body: str | bytes = b"", **options) -> str:
        self.routes[path] = Route(body.encode("utf-8") if isinstance(body, str) else body, **options)
        return self.url + path

    def asked(self, path: str) -> list[dict[str, str]]:
        """The headers of every request for `path`, in order."""
        return [h for p, h in self.requests if p == path]


def article(title: str, published: str, paragraphs: list[str], canonical: str | None = None) -> str:
    """An article page in the usual news-site shape."""
    head = f'<link rel="canonical" href="{escape(canonical)}">' if canonical else ""
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (f'<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>{escape(title)}</title>{head}'
            f'<meta property="article:published_time" content="{published}"></head><body>'
            f'<nav><a href="/">홈</a> <a href="/politics">정치</a></nav>'
            f'<article><h1>{escape(title)}</h1>{body}</article><footer>ⓒ 가상일보</footer></body></html>')


def rss(site_url: str, entries: list[tuple[str, str, str]], title: str = "가상일보 정치") -> str:
    """An RSS 2.0 feed of (path, title, updated RFC 822 date) entries."""
    items = "".join(f"<item><title>{escape(t)}</title><link>{site_url}{p}</link><pubDate>{d}</pubDate>"
                    f"<guid>{site_url}{p}</guid></item>" for p, t, d in entries)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
            f"<link>{site_url}/</link><description>test</description>{items}</channel></rss>")

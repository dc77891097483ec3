"""A small news site on 127.0.0.1 for the watcher's tests: feeds and article pages written here, with
invented lesser officials, and the misbehaviours the watcher must survive (errors, slowness, loops, size).

Routes are set per test; every request is logged with its headers so tests can check what was sent.
"""

from __future__ import annotations

import contextlib
import hashlib
import sys
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

from sagwan.watch.config import parse_config


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
        site.times.append((self.headers.get("Host", ""), time.monotonic()))
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


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """A client that closes a kept-alive connection (as the watcher does after an answer it does not
        read to the end) is no error worth a traceback."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class Site:
    """`with Site() as site:` serves `site.routes` at `site.url`."""

    def __init__(self):
        self.routes: dict[str, Route] = {"/robots.txt": Route(b"User-agent: *\nAllow: /\n", "text/plain")}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.times: list[tuple[str, float]] = []   # (Host header, when) of each request
        self.modified: dict[str, int] = {}
        self._server = _Server(("127.0.0.1", 0), _Handler)
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


# -- the articles and watch lists the tests use (invented; the states are real) --------------------------

DATE = "Mon, 04 Mar 2024 10:00:00 GMT"
LATER = "Wed, 06 Mar 2024 09:00:00 GMT"

ARTICLES = {
    "/news/prk-rus-talks": ("북한, 러시아와 군사 협력 강화 합의", "2024-03-05", [
        "북한과 러시아는 4일 평양에서 외무장관 회담을 열고 군사 협력을 강화하기로 합의했다.",
        "마동철 북한 외무성 부국장은 \"두 나라의 관계는 새로운 단계에 들어섰다\"고 말했다.",
    ]),
    "/news/usa-prk-missile": ("미국, 북한 미사일 발사 규탄", "2024-04-11", [
        "미국 국무부는 10일 북한의 탄도미사일 발사를 강력히 규탄했다.",
        "국무부의 에반 톨먼 부차관보는 \"북한은 도발을 멈추고 대화에 나와야 한다\"고 밝혔다.",
    ]),
    "/news/chn-aid": ("중국, 대북 식량 지원 발표", "2024-05-20", [
        "중국 정부는 19일 북한에 쌀 10만 톤을 지원하겠다고 발표했다.",
        "중국 상무부의 류샤오펑 국장은 \"인도적 차원의 지원\"이라고 설명했다.",
    ]),
    "/news/kor-jpn": ("한일 외교차관 회담", "2024-06-02", [
        "한국과 일본은 1일 서울에서 외교차관 회담을 열었다.",
        "박서진 외교부 국장은 \"양국이 긴밀히 공조하기로 했다\"고 전했다.",
    ]),
}


def page(path: str) -> str:
    title, published, paragraphs = ARTICLES[path]
    return article(title, published, paragraphs)


def publish(site: Site, paths: list[str], feed: str = "/rss.xml", date: str = DATE) -> str:
    """Serve the articles and a feed listing them; returns the feed's URL."""
    for p in paths:
        site.set(p, page(p))
    return site.set(feed, rss(site.url, [(p, ARTICLES[p][0], date) for p in paths]), ctype="application/rss+xml")


def watch_list(tmp_path: Path, sources: list[dict], rules: list[dict] | None = None, **settings):
    """A watch list with settings that keep tests fast (no waiting between requests, short timeouts)."""
    base = {"rate": 0, "backoff": 0.01, "timeout": 2, "retries": 1, "alert_log": str(tmp_path / "alerts.jsonl")}
    return parse_config({"watch": base | settings, "source": sources, "rule": rules or []}, tmp_path / "watch.toml")

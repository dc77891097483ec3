"""Polite HTTP: what the watcher sends to the sites it reads, and what it refuses to read back.

Every request
- carries the configured User-Agent and, when the URL was fetched before, If-None-Match /
  If-Modified-Since (a 304 answer costs the site nothing);
- is allowed by the host's robots.txt (fetched once per host and round; RFC 9309: a 4xx robots.txt
  allows everything, an unreachable one allows nothing for now) and waits out the per-host rate
  limit (or the robots.txt Crawl-delay, when longer);
- follows at most `max_redirects` redirects, each checked against robots.txt, and never a loop;
- is retried after a 429, a 5xx, a timeout or a dropped connection, at most `retries` times, after
  the Retry-After the site gave or else an exponential backoff; a Retry-After longer than `max_wait`
  ends the attempt with a FetchError saying when to come back;
- stops reading at `max_bytes` (after decompression) and after `timeout` seconds in all, however
  slowly the bytes trickle in;
- must answer with a content type the caller accepts.
Bodies are decoded by `decode_body`: the declared charset when the bytes fit it, else what the
bytes are (UTF-8, CP949/EUC-KR, detection), never silently garbled.
"""

from __future__ import annotations

import email.utils
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin
from urllib.robotparser import RobotFileParser

import httpx

from sagwan.errors import FetchError, InputError
from sagwan.ingest.decode import decode
from sagwan.watch.config import Settings
from sagwan.watch.urls import host_of

log = logging.getLogger(__name__)

PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
LISTING_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
                 "text/xml", "application/feed+json", "text/plain", "text/html", "application/octet-stream")
REDIRECTS = (301, 302, 303, 307, 308)
RETRIED = (429, 500, 502, 503, 504)
ROBOTS_MAX_BYTES = 500_000
# single-byte charsets decode any bytes at all: a declaration of one proves nothing about the text
_ANY_BYTES = {"iso-8859-1", "latin-1", "latin1", "windows-1252", "cp1252", "us-ascii", "ascii"}


@dataclass
class Fetched:
    url: str                       # where the answer came from (after redirects)
    status: int
    body: bytes = b""
    content_type: str = ""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds a Retry-After header asks for (a number of seconds or an HTTP date); None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def decode_body(data: bytes, charset: str | None, where: str) -> tuple[str, str | None]:
    """(text, a note when the declared charset did not fit). UTF-8 that is valid wins over a single-byte
    declaration (any bytes "fit" those); otherwise a declared charset is used when the bytes decode
    under it, and the bytes speak for themselves when they do not (or when it names no known codec)."""
    declared = (charset or "").strip().strip("\"'").lower() or None
    if declared is None or declared in _ANY_BYTES:
        try:
            text = data.decode("utf-8-sig")
            return decode(text.encode("utf-8"), where), None
        except UnicodeDecodeError:
            pass
    if declared is not None:
        try:
            return decode(data.decode(declared).encode("utf-8"), where), None
        except (LookupError, UnicodeDecodeError):
            pass
    text = decode(data, where)
    note = f"declared charset {declared!r} does not fit the bytes; read by their content" if declared else None
    return text, note


class Fetcher:
    """One HTTP client for a round: connection reuse, robots.txt and rate limits shared by every source, and
safe to use from several threads (httpx's client is; the per-host state here is locked)."""

    def __init__(self, settings: Settings, *, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic, stopping: Callable[[], bool] = lambda: False):
        self.settings = settings
        self._sleep, self._clock, self._stopping = sleep, clock, stopping
        self._last_request: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | bool] = {}
        self._robots_problem: dict[str, str] = {}   # host -> why its robots.txt could not be read
        timeout = httpx.Timeout(settings.timeout)
        self.client = httpx.Client(headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
                                   timeout=timeout, follow_redirects=False, trust_env=False,
                                   proxy=settings.proxy or None)
        self.requests = 0                 # requests sent (counted under the host's lock)
        self._locks: dict[tuple[str, str], threading.Lock] = {}
        self._locks_lock = threading.Lock()

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- politeness --------------------------------------------------------------------------------------

    def _lock(self, kind: str, host: str) -> threading.Lock:
        with self._locks_lock:
            return self._locks.setdefault((kind, host), threading.Lock())

    def _wait_turn(self, host: str) -> None:
        """Wait until `host` may be asked again. Threads fetching from one host queue here, so the rate
        limit holds however many fetch at once; requests to different hosts do not wait for each other."""
        delay = self.settings.rate
        robots = self._robots.get(host)
        if isinstance(robots, RobotFileParser):
            crawl = robots.crawl_delay(self._agent())
            if crawl:
                delay = max(delay, float(crawl))
        with self._lock("turn", host):
            last = self._last_request.get(host)
            if last is not None:
                wait = last + delay - self._clock()
                if wait > 0:
                    self._sleep(wait)
            self._last_request[host] = self._clock()
            with self._locks_lock:
                self.requests += 1

    def _agent(self) -> str:
        return self.settings.user_agent.split("/", 1)[0].split()[0] or "sagwan"

    def allowed(self, url: str) -> bool:
        """Whether the host's robots.txt lets our user agent fetch `url` (read once per host)."""
        host = host_of(url)
        with self._lock("robots", host):   # one thread reads a host's robots.txt; the others wait for it
            if host not in self._robots:
                self._robots[host] = self._read_robots(host)
        robots = self._robots[host]
        if isinstance(robots, bool):
            return robots
        return robots.can_fetch(self._agent(), url)

    def _read_robots(self, host: str) -> RobotFileParser | bool:
        url = host + "/robots.txt"
        for _ in range(self.settings.max_redirects + 1):
            self._wait_turn(host_of(url))
            try:
                with self.client.stream("GET", url) as r:
                    if r.status_code in REDIRECTS and r.headers.get("location"):
                        url = urljoin(url, r.headers["location"])
                        continue
                    if 400 <= r.status_code < 500:
                        return True        # no robots.txt: everything is allowed
                    if r.status_code >= 300:
                        self._robots_problem[host] = f"answered HTTP {r.status_code}"
                        log.warning("%s: HTTP %d; fetching nothing from %s for now", url, r.status_code, host)
                        return False
                    body = self._read(r, url, ROBOTS_MAX_BYTES, time.monotonic())
            except (httpx.HTTPError, FetchError) as exc:
                self._robots_problem[host] = f"could not be read ({type(exc).__name__})"
                log.warning("%s: unreachable (%s); fetching nothing from %s for now", url, exc, host)
                return False
            parser = RobotFileParser(url)
            parser.parse(body.decode("utf-8", errors="replace").splitlines())
            return parser
        self._robots_problem[host] = "redirects too often"
        return False

    # -- fetching ----------------------------------------------------------------------------------------

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            accept: tuple[str, ...] = PAGE_TYPES, settings: Settings | None = None) -> Fetched:
        """GET `url` politely (see the module docstring); FetchError naming the URL and the reason."""
        s = settings or self.settings
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        seen = [url]
        while True:
            if not self.allowed(url):
                why = self._robots_problem.get(host_of(url))
                raise FetchError(url, f"robots.txt {why}: nothing is fetched from this site until the next round"
                                 if why else "robots.txt of the site disallows it for our user agent; not fetched")
            answer = self._get_once(url, headers, accept, s)
            if isinstance(answer, Fetched):
                return answer
            target = urljoin(url, answer)
            if not target.startswith(("http://", "https://")):
                raise FetchError(seen[0], f"redirected to {target!r}, not a web address; not followed")
            if target in seen:
                raise FetchError(seen[0], f"redirect loop ({' -> '.join(seen + [target])}); not followed")
            if len(seen) > s.max_redirects:
                raise FetchError(seen[0], f"more than {s.max_redirects} redirects; not followed further")
            seen.append(target)
            url = target

    def _get_once(self, url: str, headers: dict[str, str], accept: tuple[str, ...], s: Settings) -> Fetched | str:
        """The answer, or the Location of a redirect."""
        attempt = 0
        while True:
            self._wait_turn(host_of(url))
            wait: float | None = None
            try:
                with self.client.stream("GET", url, headers=headers, timeout=httpx.Timeout(s.timeout)) as r:
                    status = r.status_code
                    if status in REDIRECTS:
                        location = r.headers.get("location")
                        if not location:
                            raise FetchError(url, f"HTTP {status} redirect without a Location header")
                        return location
                    if status == 304:
                        return Fetched(url=str(r.url), status=304, etag=r.headers.get("etag"),
                                       last_modified=r.headers.get("last-modified"))
                    if status in RETRIED:
                        asked = retry_after(r.headers.get("retry-after"))
                        if asked is not None and asked > s.max_wait:
                            raise FetchError(url, f"HTTP {status}; the site asks us to wait {asked:.0f} s",
                                             retry_after=asked, status=status)
                        wait, reason = (asked if asked is not None else s.backoff * 2 ** attempt), f"HTTP {status}"
                        problem = FetchError(url, f"HTTP {status} after {attempt + 1} tries", retry_after=asked,
                                             status=status)
                    elif status >= 400:
                        raise FetchError(url, f"HTTP {status} {r.reason_phrase}".rstrip(), status=status)
                    elif status != 200:
                        raise FetchError(url, f"HTTP {status}: not an answer with a document", status=status)
                    else:
                        return self._accept(r, url, accept, s)
            except httpx.TimeoutException:
                wait, reason = s.backoff * 2 ** attempt, "timed out"
                problem = FetchError(url, f"timed out after {s.timeout:g} s ({attempt + 1} tries)")
            except httpx.TransportError as exc:
                wait, reason = s.backoff * 2 ** attempt, type(exc).__name__
                problem = FetchError(url, f"connection failed ({type(exc).__name__}: {exc}; {attempt + 1} tries)")
            except httpx.HTTPError as exc:  # malformed answers (bad headers, broken gzip)
                raise FetchError(url, f"unreadable answer ({type(exc).__name__}: {exc})") from None
            if attempt >= s.retries or self._stopping():
                raise problem
            attempt += 1
            log.info("%s: %s; trying again in %.1f s", url, reason, wait)
            self._sleep(wait)

    def _accept(self, r: httpx.Response, url: str, accept: tuple[str, ...], s: Settings) -> Fetched:
        ctype = r.headers.get("content-type", "")
        mime = ctype.split(";", 1)[0].strip().lower()
        if mime and mime not in accept:
            raise FetchError(url, f"content type {mime!r} is not one read here ({', '.join(accept)})")
        length = r.headers.get("content-length")
        if length and length.isdigit() and int(length) > s.max_bytes:
            raise FetchError(url, f"{int(length)} bytes, over the limit of {s.max_bytes} (raise max_bytes)")
        body = self._read(r, url, s.max_bytes, time.monotonic(), s.timeout)
        charset = None
        for part in ctype.split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset":
                charset = value.strip().strip("\"'") or None
        return Fetched(url=str(r.url), status=200, body=body, content_type=mime, charset=charset,
                       etag=r.headers.get("etag"), last_modified=r.headers.get("last-modified"),
                       headers=dict(r.headers))

    def _read(self, r: httpx.Response, url: str, max_bytes: int, started: float, total: float | None = None) -> bytes:
        total = self.settings.timeout if total is None else total
        chunks, size = [], 0
        for chunk in r.iter_bytes():
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(url, f"larger than the limit of {max_bytes} bytes (raise max_bytes); not read")
            if time.monotonic() - started > total:
                raise FetchError(url, f"answer still arriving after {total:g} s; given up")
            chunks.append(chunk)
        return b"".join(chunks)


def text_of(fetched: Fetched) -> tuple[str, str | None]:
    """The decoded body of an answer and a note when its declared charset was wrong; InputError when binary."""
    try:
        return decode_body(fetched.body, fetched.charset, fetched.url)
    except InputError as exc:
        raise FetchError(fetched.url, exc.reason) from None

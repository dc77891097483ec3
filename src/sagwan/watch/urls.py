"""Canonical article URLs: one article reached by several addresses is one item and one document.

Lower-case scheme and host, no default port, no fragment, no tracking parameters (utm_*, fbclid, …),
the other query parameters sorted. A page's own `<link rel="canonical">` is believed only when it
stays on the same site: a canonical link pointing elsewhere is more often a mistake (or a syndication
partner) than the truth.
"""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

_TRACKING = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|from|ref_src)$", re.I)
_CANONICAL = re.compile(r"<link\b[^>]*\brel\s*=\s*[\"']?canonical[\"']?[^>]*>", re.I)
_HREF = re.compile(r"\bhref\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.I)
_HEAD_CHARS = 100_000


def canonical_url(url: str) -> str:
    """The address an article is known by (see the module docstring)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port is None or (scheme, port) in (("http", 80), ("https", 443)) else f"{host}:{port}"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k))
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))


def host_of(url: str) -> str:
    """scheme://host[:port] of a URL: the unit of politeness (robots.txt, rate limit)."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{(parts.netloc or '').lower()}"


def _site(host: str) -> str:
    labels = host.split(".")
    return ".".join(labels[-2:]) if len(labels) > 2 else host


def page_canonical(page: str, fetched_url: str) -> str:
    """The canonical URL a page names in its head, when it stays on the same site; else the fetched URL's."""
    found = _CANONICAL.search(page[:_HEAD_CHARS])
    if found:
        href = _HREF.search(found.group(0))
        value = next((g for g in href.groups() if g), None) if href else None
        if value:
            target = urljoin(fetched_url, html.unescape(value.strip()))
            same = _site(urlsplit(target).hostname or "") == _site(urlsplit(fetched_url).hostname or "")
            if target.startswith(("http://", "https://")) and same:
                return canonical_url(target)
    return canonical_url(fetched_url)

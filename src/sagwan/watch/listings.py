"""Listings: what a feed (RSS/Atom, through feedparser), a news sitemap or a plain URL list says is there.

Each gives at most `max_listed` items, newest first: a feed longer than that is cut after its
max_listed-th entry before it is parsed (feeds list the newest first, and parsing thousands of
entries costs seconds), a sitemap is sorted by its dates first. Malformed XML that still yields
entries gives those entries (feedparser reads what it can) and a note; one that yields none is an
InputError naming the URL.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from urllib.parse import urljoin

from sagwan.errors import InputError
from sagwan.watch.urls import canonical_url

log = logging.getLogger(__name__)

_ENTRY_END = re.compile(rb"</(?:[\w-]+:)?(?:item|entry)\s*>", re.I)
_ROOT = re.compile(rb"<(?:[\w-]+:)?(rss|feed|rdf:RDF|RDF)\b", re.I)
_CLOSING = {b"rss": b"</channel></rss>", b"feed": b"</feed>", b"rdf:rdf": b"</rdf:RDF>", b"rdf": b"</RDF>"}


@dataclass(frozen=True)
class Item:
    url: str                  # canonical
    link: str                 # as listed
    title: str | None = None
    updated: str | None = None


@dataclass
class Listing:
    items: list[Item]
    total: int                # entries the listing had (when known), before the cut
    note: str | None = None   # something worth telling: cut, malformed but read


def _cut_feed(data: bytes, max_listed: int) -> tuple[bytes, bool]:
    """The feed up to its max_listed-th entry, closed again; (data, False) when it is not longer."""
    ends = _ENTRY_END.finditer(data)
    for n, m in enumerate(ends, 1):
        if n == max_listed:
            if next(ends, None) is None:
                return data, False
            root = _ROOT.search(data[:4096])
            closing = _CLOSING.get(root.group(1).lower(), b"") if root else b""
            return data[:m.end()] + closing, True
    return data, False


def _http(url: str | None, base: str) -> str | None:
    if not url:
        return None
    full = urljoin(base, url.strip())
    return full if full.startswith(("http://", "https://")) else None


def _unique(items: list[Item], max_listed: int) -> list[Item]:
    seen, out = set(), []
    for item in items:
        if item.url not in seen:
            seen.add(item.url)
            out.append(item)
    return out[:max_listed]


def parse_feed(data: bytes, url: str, max_listed: int, content_type: str | None = None) -> Listing:
    import feedparser

    total = len(_ENTRY_END.findall(data))
    data, cut = _cut_feed(data, max_listed)
    # the content type the site gave: without one feedparser flags every feed as suspicious
    headers = {"content-location": url, "content-type": content_type or "application/xml"}
    parsed = feedparser.parse(data, response_headers=headers)
    items = []
    for entry in parsed.entries:
        link = _http(entry.get("link"), url)
        if link is None:
            continue
        # dict.get, not the entry's: feedparser warns when "updated" is read but only "published" is there
        updated = dict.get(entry, "updated") or dict.get(entry, "published")
        items.append(Item(url=canonical_url(link), link=link, title=entry.get("title"), updated=updated))
    note = f"{total} entries; read the first {max_listed}" if cut else None
    if not items and not parsed.bozo and not parsed.get("version"):
        raise InputError(url, "not an RSS or Atom feed (no feed element in it)")
    if parsed.bozo:
        problem = str(parsed.get("bozo_exception") or "malformed XML").splitlines()[0]
        if not items:
            raise InputError(url, f"not a feed that can be read ({problem})")
        note = "; ".join(filter(None, [note, f"malformed XML ({problem}); read {len(items)} entries"]))
    return Listing(items=_unique(items, max_listed), total=max(total, len(items)), note=note)


def parse_sitemap(data: bytes, url: str, max_listed: int) -> Listing:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(url, f"not a sitemap that can be read ({exc})") from None
    if root is None:
        raise InputError(url, "not a sitemap that can be read (no XML in it)")
    if etree.QName(root).localname == "sitemapindex":
        raise InputError(url, "a sitemap index, not a sitemap; watch the news sitemaps it lists instead")
    items = []
    for node in root:
        if not isinstance(node.tag, str) or etree.QName(node).localname != "url":
            continue
        fields = {}
        for child in node.iter():
            if isinstance(child.tag, str) and child.text and child.text.strip():
                fields.setdefault(etree.QName(child).localname, child.text.strip())
        link = _http(fields.get("loc"), url)
        if link:
            updated = fields.get("publication_date") or fields.get("lastmod")
            items.append(Item(url=canonical_url(link), link=link, title=fields.get("title"), updated=updated))
    if not items and len(root) and etree.QName(root).localname != "urlset":
        raise InputError(url, f"not a sitemap (its root element is <{etree.QName(root).localname}>)")
    items.sort(key=lambda i: i.updated or "", reverse=True)   # newest first; undated last
    note = f"{len(items)} entries; read the newest {max_listed}" if len(items) > max_listed else None
    return Listing(items=_unique(items, max_listed), total=len(items), note=note)


def parse_url_list(text: str, url: str, max_listed: int) -> Listing:
    items = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        link = line.split()[0]
        if link.startswith(("http://", "https://")):   # whole addresses only: a stray word is not a page
            items.append(Item(url=canonical_url(link), link=link))
    note = f"{len(items)} URLs; read the first {max_listed}" if len(items) > max_listed else None
    return Listing(items=_unique(items, max_listed), total=len(items), note=note)


def parse_listing(kind: str, data: bytes, text: str | None, url: str, max_listed: int,
                  content_type: str | None = None) -> Listing:
    if not data.strip():
        raise InputError(url, "empty answer: no listing in it")
    if kind == "sitemap":
        return parse_sitemap(data, url, max_listed)
    if kind == "urls":
        return parse_url_list(text if text is not None else data.decode("utf-8", errors="replace"), url, max_listed)
    return parse_feed(data, url, max_listed, content_type)

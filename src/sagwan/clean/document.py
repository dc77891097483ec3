"""RawDocument -> Document: clean body text, title, publication date, language and source metadata.

Precedence: what the input gives (JSON Lines `title`, `published`, `outlet`) wins over what the HTML
page's metadata says, which wins over what the text's own furniture says (a repeated title line,
a dateline, a byline).
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from sagwan.clean.bylines import author_names
from sagwan.clean.datelines import normalise_date
from sagwan.clean.html import extract_html
from sagwan.clean.language import detect_language
from sagwan.clean.text import clean_text, collapse
from sagwan.errors import InputError
from sagwan.model import Document, RawDocument

log = logging.getLogger(__name__)


def _domain(url: str | None) -> str | None:
    host = urlsplit(url).hostname if url and "//" in url else None
    return host.removeprefix("www.") if host else None


def _outlet(meta: dict, url: str | None) -> str | None:
    """Who published it. An agency byline beats the hosting site: a wire story carried by three sites
    is one outlet's report, which is what the store's count of distinct outlets per event needs."""
    found = [meta.pop(key, None) for key in ("byline_outlet", "copyright_outlet")]
    for value in (meta.get("outlet"), found[0], meta.get("site_name"), found[1]):
        if value:
            return str(value)
    return _domain(url)


def clean(raw: RawDocument) -> Document:
    """The clean Document of a RawDocument; raises InputError when no article text is left."""
    meta = dict(raw.meta)
    title, published, url = raw.title, None, raw.url
    if raw.published:
        published = normalise_date(raw.published)
        if published is None:
            log.warning("%s: given publication date %r is not a date; looking in the text", raw.source,
                        raw.published)
    if raw.format == "html":
        try:
            page = extract_html(raw.body, url=raw.url)
        except Exception as exc:  # lxml/trafilatura on malformed markup: one bad page must not stop a batch
            log.debug("HTML extraction failed for %s", raw.source, exc_info=True)
            raise InputError(raw.source, f"HTML could not be parsed ({type(exc).__name__})") from exc
        if not page.text.strip():
            raise InputError(raw.source, "no article text found in this HTML page (is it an index or empty page?)")
        for key, value in page.meta.items():
            meta.setdefault(key, value)
        if page.meta.get("author") and meta.get("author") == page.meta["author"]:
            # trafilatura's author may be the whole byline line ("홍길동 베이징 특파원; 입력")
            meta["author"] = ", ".join(author_names(meta["author"])) or meta.pop("author")
        url = url or page.meta.get("url")
        title = title or page.title
        published = published or normalise_date(page.published)
        body = clean_text(page.text, title=title, guess_title=title is None)
    else:
        body = clean_text(raw.body, title=title, guess_title=title is None)
    if not body.text:
        raise InputError(raw.source, "no article text left after removing page furniture (menus, links, footers)")
    for key, value in body.meta.items():
        meta.setdefault(key, value)
    if url:
        meta["url"] = url
    outlet = _outlet(meta, url)
    if outlet:
        meta["outlet"] = outlet
    return Document(id=raw.id, source=raw.source, text=body.text, title=collapse(title or body.title or "") or None,
                    published=published or body.published, language=detect_language(body.text), meta=meta)

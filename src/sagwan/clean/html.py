"""HTML pages: main text and metadata through trafilatura; the date through htmldate (which trafilatura
calls with original_date=True, so the first-published date wins over the modified one).

trafilatura and htmldate are imported on first use: they take about two seconds to load, and plain
text never needs them.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " : ")
_MAX_SITE_NAME = 40


def _site_from_title_tag(html: str, title: str | None) -> str | None:
    """"Headline | Site" in <title>, when the page names its site nowhere else."""
    m = _TITLE_TAG.search(html[:20000])
    if not (m and title):
        return None
    import html as entities

    full = " ".join(entities.unescape(m.group(1)).split())
    for sep in _TITLE_SEPARATORS:
        head, found, tail = full.rpartition(sep)
        if found and head.strip() == title.strip() and 0 < len(tail.strip()) <= _MAX_SITE_NAME:
            return tail.strip()
    return None


@dataclass
class HtmlExtract:
    text: str                    # main text, one paragraph per line; still to be filtered for furniture
    title: str | None = None
    published: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


def extract_html(html: str, url: str | None = None) -> HtmlExtract:
    """The article in an HTML page. `text` is empty when trafilatura finds no main text."""
    import trafilatura

    found = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                        include_tables=True, include_images=False)
    if found is None:
        return HtmlExtract(text="")
    published = found.date
    if not published:
        import htmldate

        published = htmldate.find_date(html, original_date=True, url=url)
    meta = {}
    title = (found.title or "").strip() or None
    site = found.sitename or _site_from_title_tag(html, title)
    for key, value in (("site_name", site), ("author", found.author), ("url", found.url or url)):
        if value and str(value).strip():
            meta[key] = str(value).strip()
    return HtmlExtract(text=found.text or "", title=title,
                       published=published, meta=meta)

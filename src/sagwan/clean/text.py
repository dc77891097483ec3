"""Scraped text -> article body: page furniture, title, dateline and byline leave the body.

Works line by line (a line is a paragraph). A line leaves the body only when a rule matches it
whole (furniture.tsv, datelines.json, bylines.tsv), never for being short: "1990년 수교했다."
stays. What the dropped lines say (title, date, byline, outlet) is kept as metadata.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from sagwan.clean.bylines import Byline, match_byline_line, strip_byline_prefix
from sagwan.clean.datelines import DatedItem, parse_dateline, publication_date
from sagwan.clean.furniture import furniture

log = logging.getLogger(__name__)

_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
# Ends like a sentence: a full stop (or ?!…) or the Korean final ending 다, then closing quotes/brackets.
_SENTENCE_END = re.compile(r"(?:[.!?。…]|다)[\"”’'」』)\]]*$")
# Headlines do not end in a full stop, even when they end in 다 ("…방문했다").
_FULL_STOP = re.compile(r"[.!?。][\"”’'」』)\]]*$")
_WORD = re.compile(r"\w")
_META_SEPARATORS = re.compile(r"\s*[|｜•▪]\s*")
_HEADER_LINES = 6                # a page's title is among its first few kept lines
_MAX_TITLE = 200
_MAX_REST = 30                   # what a cut phrase leaves of a footer line ("한빛일보"), not a paragraph
_MAX_LIST = 12                   # headline-shaped lines dropped after a "관련기사"-like heading
_PREFIX_PARAGRAPHS = 3           # a byline prefix opens one of the first paragraphs (after a lede)


@dataclass
class CleanText:
    text: str                    # one paragraph per line
    title: str | None = None
    published: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


def collapse(line: str) -> str:
    """A line with invisible characters removed and every run of spaces made one space."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", line)).strip()


def _same(a: str, b: str) -> bool:
    return collapse(a).casefold() == collapse(b).casefold()


def is_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line))


@dataclass
class _Found:
    dates: list[DatedItem] = field(default_factory=list)
    bylines: list[Byline] = field(default_factory=list)
    copyright_outlets: list[str] = field(default_factory=list)

    def meta_line(self, line: str) -> bool:
        """Record and report a line that is only dates and bylines ("홍길동 기자 | 입력 2023.10.27")."""
        rest, byline = strip_byline_prefix(line, whole=True)
        if byline and (not rest or parse_dateline(rest)):
            # "(서울=한빛통신) 홍길동 기자 =" alone, or followed by the date only
            self.bylines.append(byline)
            self.dates.extend(parse_dateline(rest) or [])
            return True
        for segments in ([line], [s for s in _META_SEPARATORS.split(line) if s]):
            dates: list[DatedItem] = []
            bylines: list[Byline] = []
            for segment in segments:
                if items := parse_dateline(segment):
                    dates.extend(items)
                elif byline := match_byline_line(segment):
                    bylines.append(byline)
                elif not furniture().match(segment):
                    break
            else:
                if dates or bylines:
                    self.dates.extend(dates)
                    self.bylines.extend(bylines)
                    return True
        return False


def _drop_furniture(lines: list[str], found: _Found) -> tuple[list[str], set[int]]:
    """The lines that are not furniture, and the indices (in that list) of those a dateline or byline follows."""
    rules = furniture()
    kept: list[str] = []
    meta_after: set[int] = set()
    in_list = 0                  # >0 while skipping the headlines listed under a heading
    for line in lines:
        hit = rules.match(line)
        if hit is None:
            line, cut = rules.strip(line)
            found.copyright_outlets += [h.outlet for h in cut if h.outlet and h.family == "copyright"]
            if cut and (not _WORD.search(line) or (len(line) <= _MAX_REST and not is_sentence(line))):
                continue  # furniture phrases and what is left of a footer line (the outlet's name)
            hit = rules.match(line) if cut else None
        if hit:
            if hit.outlet and hit.family == "copyright":
                found.copyright_outlets.append(hit.outlet)
            if hit.kind == "tail" and kept:
                log.debug("comment thread starts at %r: rest dropped", line)
                break
            in_list = _MAX_LIST if hit.kind == "heading" else in_list
            continue
        if found.meta_line(line):
            if kept:
                meta_after.add(len(kept) - 1)
            continue
        if in_list and not is_sentence(line):
            in_list -= 1
            continue
        in_list = 0
        kept.append(line)
    return kept, meta_after


def _take_title(lines: list[str], known: str | None, guess: bool, meta_after: set[int]) -> tuple[list[str], str | None]:
    """Remove the title from the top of the body; return the body and the title."""
    head = lines[:_HEADER_LINES]
    if known:
        return [ln for i, ln in enumerate(lines) if not (i < _HEADER_LINES and _same(ln, known))], known
    if not guess:
        return lines, None
    for i, line in enumerate(head):
        if len(line) <= _MAX_TITLE and any(_same(line, other) for other in head[i + 1:]):
            # a title repeated at the top (scraped pages show it as page title and as headline)
            return [ln for j, ln in enumerate(lines) if not (j < _HEADER_LINES and _same(ln, line))], line
    # the line a dateline or byline follows, when only headline-shaped lines (site name, kicker) stand above it
    dated = min((i for i in meta_after if i < _HEADER_LINES), default=None)
    if (dated is not None and dated + 1 < len(lines) and len(lines[dated]) <= _MAX_TITLE
            and not _FULL_STOP.search(lines[dated]) and not any(is_sentence(line) for line in lines[:dated])):
        return lines[dated + 1:], lines[dated]
    # else a first line shaped like a headline
    if len(lines) >= 2 and len(lines[0]) <= _MAX_TITLE and not is_sentence(lines[0]):
        return lines[1:], lines[0]
    return lines, None


def _strip_prefix(lines: list[str], found: _Found) -> list[str]:
    for i, line in enumerate(lines[:_PREFIX_PARAGRAPHS]):
        rest, byline = strip_byline_prefix(line)
        if byline:
            found.bylines.append(byline)
            return [*lines[:i], rest, *lines[i + 1:]]
    return lines


def _meta(found: _Found) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    if found.bylines:
        meta["byline"] = " | ".join(dict.fromkeys(b.text for b in found.bylines))
    authors = list(dict.fromkeys(a for b in found.bylines for a in b.authors))
    if authors:
        meta["author"] = ", ".join(authors)
    emails = list(dict.fromkeys(b.email for b in found.bylines if b.email))
    if emails:
        meta["email"] = ", ".join(emails)
    # an outlet named by the byline or the dateline ("한빛일보 | 2024.05.17"), then by the copyright line
    outlets = [b.outlet for b in found.bylines if b.outlet] + [d.value for d in found.dates if d.kind == "outlet"]
    if outlets:
        meta["byline_outlet"] = outlets[0]
    if found.copyright_outlets:
        meta["copyright_outlet"] = found.copyright_outlets[0]
    updated = [d.value for d in found.dates if d.kind == "updated"]
    if updated:
        meta["updated"] = updated[0]
    return meta


def clean_text(text: str, title: str | None = None, guess_title: bool = True) -> CleanText:
    """The article body of a scraped text, with what its furniture said as metadata.

    `title` is a title already known (given, or from the HTML page): lines repeating it at the top
    leave the body. Without it, and with `guess_title`, a line repeated at the top, or a first line
    shaped like a headline, becomes the title.
    """
    found = _Found()
    lines = [line for line in map(collapse, text.splitlines()) if line]
    lines, meta_after = _drop_furniture(lines, found)
    lines, title = _take_title(lines, title, guess_title, meta_after)
    lines = [ln for ln in _strip_prefix(lines, found) if ln]
    return CleanText(text="\n".join(lines), title=title, published=publication_date(found.dates),
                     meta=_meta(found))

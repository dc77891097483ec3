"""Bylines: who wrote the article and for which outlet (rules in resources/clean/bylines.tsv).

A byline line leaves the body; a byline prefix ("(서울=연합뉴스) 홍길동 기자 = ") is cut from the start
of the first paragraph. What they name goes to the document's metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from sagwan.clean._data import read_tsv

_MAX_BYLINE = 120                # a byline line is never longer: longer lines are prose


@dataclass
class Byline:
    text: str                    # the byline as written
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    city: str | None = None
    email: str | None = None


_NAME_SPLIT = re.compile(r"\s*(?:[·,&]|\band\b)\s*")


def _byline(m: re.Match[str]) -> Byline:
    g = {k: (v.strip() if v else None) for k, v in m.groupdict().items()}
    authors = [a for a in _NAME_SPLIT.split(g["author"]) if a] if g.get("author") else []
    return Byline(text=m.group(0).strip(" =-–—/"), authors=authors, outlet=g.get("outlet"),
                  city=g.get("city"), email=g.get("email"))


@cache
def _rules() -> tuple[list[re.Pattern[str]], list[re.Pattern[str]]]:
    prefixes, lines = [], []
    for kind, pattern, _note in read_tsv("bylines.tsv"):
        {"prefix": prefixes, "line": lines}[kind].append(re.compile(pattern))
    return prefixes, lines


def match_byline_line(line: str) -> Byline | None:
    """The byline a whole (collapsed, trimmed) line is, or None."""
    if len(line) > _MAX_BYLINE:
        return None
    for rx in _rules()[1]:
        m = rx.fullmatch(line)
        if m and any(m.groupdict().values()):
            return _byline(m)
    return None


def strip_byline_prefix(paragraph: str, whole: bool = False) -> tuple[str, Byline | None]:
    """The paragraph without a leading byline, and that byline (None when there was none).

    With `whole`, a byline that is the entire paragraph counts too (the rest is then "").
    """
    for rx in _rules()[0]:
        m = rx.match(paragraph)
        if m and (whole or m.end() < len(paragraph)) and any(m.groupdict().values()):
            return paragraph[m.end():].lstrip(), _byline(m)
    return paragraph, None


_LIST_SPLIT = re.compile(r"\s*[;|]\s*")


def author_names(text: str) -> list[str]:
    """Names in an author field that may hold a whole byline ("홍길동 베이징 특파원; 입력")."""
    from sagwan.clean.datelines import is_label

    names: list[str] = []
    for part in _LIST_SPLIT.split(text.strip()):
        if not part or is_label(part):
            continue
        byline = match_byline_line(part)
        names.extend(byline.authors if byline else [part])
    return list(dict.fromkeys(names))

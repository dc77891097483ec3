"""Datelines: a line that only says when the article was published or updated (rules in datelines.json).

"입력 2023.10.27 06:00 수정 2023.10.28", "• Published10월 27, 2023", "Oct 27, 2023" are datelines;
a sentence that contains a date is not. The publication date is the first "published" (입력) date,
then the first unlabelled one; an "updated" (수정) date is used only when nothing else is given.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from sagwan.clean._data import read_json

_MAX_DATELINE = 160              # longer lines are prose, whatever dates they contain


@dataclass(frozen=True)
class DatedItem:
    kind: str                    # published | updated | plain | outlet
    value: str                   # YYYY-MM-DD, or the outlet's name


class _Grammar:
    def __init__(self, data: dict):
        self.published = re.compile("|".join(f"(?:{p})" for p in data["published_labels"]))
        self.updated = re.compile("|".join(f"(?:{p})" for p in data["updated_labels"]))
        self.dates = [re.compile(p) for p in data["dates"]]
        self.fillers = [re.compile(p) for p in data["fillers"]]
        self.outlets = [re.compile(p) for p in data["outlets"]]
        self.months: dict[str, int] = data["months"]
        self.space = re.compile(r"\s+")

    def to_date(self, m: re.Match[str]) -> str | None:
        g = m.groupdict()
        month = int(g["m"]) if g.get("m") else self.months.get((g.get("mon") or "").lower())
        if not month:
            return None
        year = int(g["y"])
        year += 2000 if year < 100 else 0   # a portal's two-digit year ("25.09.04") is this century's
        try:
            return dt.date(year, month, int(g["d"])).isoformat()
        except ValueError:
            return None


@cache
def _grammar() -> _Grammar:
    return _Grammar(read_json("datelines.json"))


def parse_dateline(line: str) -> list[DatedItem] | None:
    """The dates (and outlet) of a line made only of dateline pieces, or None when it is anything else."""
    if len(line) > _MAX_DATELINE:
        return None
    g = _grammar()
    items: list[DatedItem] = []
    pending = "plain"
    pos = 0
    while pos < len(line):
        space = g.space.match(line, pos)
        if space:
            pos = space.end()
            continue
        if m := g.updated.match(line, pos):
            pending, pos = "updated", m.end()
            continue
        if m := g.published.match(line, pos):
            pending, pos = "published", m.end()
            continue
        for rx in g.dates:
            m = rx.match(line, pos)
            if m and (date := g.to_date(m)):
                items.append(DatedItem(pending, date))
                pending, pos = "plain", m.end()
                break
        else:
            for rx in g.fillers:
                m = rx.match(line, pos)
                if m and m.end() > pos:
                    pos = m.end()
                    break
            else:
                m = next((m for rx in g.outlets if (m := rx.match(line, pos))), None)
                if m is None:
                    return None
                items.append(DatedItem("outlet", m.group("outlet").strip()))
                pos = m.end()
    return items if any(item.kind != "outlet" for item in items) else None


def publication_date(items: list[DatedItem]) -> str | None:
    """The publication date among a page's dateline items (입력 before unlabelled before 수정)."""
    for kind in ("published", "plain", "updated"):
        for item in items:
            if item.kind == kind:
                return item.value
    return None


def normalise_date(value: object) -> str | None:
    """A given publication date ("2023-10-27T06:00:00+09:00", "2023년 10월 27일", ...) as YYYY-MM-DD."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    g = _grammar()
    for rx in g.dates:
        for m in rx.finditer(text):
            if date := g.to_date(m):
                return date
    return None


def is_label(text: str) -> bool:
    """Whether a text is only a dateline label ("입력", "Updated") or a dateline."""
    g = _grammar()
    text = text.strip(" :：")
    return bool(g.published.fullmatch(text) or g.updated.fullmatch(text) or parse_dateline(text))

"""Calendar periods (month, quarter, half, year) and where an event's date puts it.

An event is placed by the start of its date. A date is only placed in a period it fits in whole:
"2023" fits a year but no month, quarter or half; "2023-10" fits every period. An event whose date
is too coarse for the chosen period is *unplaced*: the analytics report it, never guess a period.
An event with no date of its own is placed by the day it was first reported (its first document's
publication date), which is when the news knew of it.
"""

from __future__ import annotations

import re
from typing import Any

from sagwan.errors import ConfigError

PERIODS = ("month", "quarter", "half", "year")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def check_period(by: str) -> str:
    if by not in PERIODS:
        raise ConfigError(f"unknown period {by!r}: use one of {', '.join(PERIODS)}")
    return by


def period_of(date: str | None, by: str) -> str | None:
    """The label of the period `date` falls in ("2023-10", "2023-Q4", "2023-H2", "2023"), or None."""
    check_period(by)
    m = _DATE.match(date or "")
    if not m:
        return None
    year, month = m.group(1), m.group(2)
    if by == "year":
        return year
    if month is None:
        return None                       # year-only precision: placed only by year
    mo = int(month)
    if not 1 <= mo <= 12:
        return None
    if by == "month":
        return f"{year}-{mo:02d}"
    if by == "quarter":
        return f"{year}-Q{(mo - 1) // 3 + 1}"
    return f"{year}-H{1 if mo <= 6 else 2}"


def event_date(event: dict[str, Any]) -> str | None:
    """The date that places an event: its own date, else the day it was first reported."""
    return event.get("date") or event.get("first_reported") or event.get("first_reported_at") or None


def period_index(label: str, by: str) -> int:
    """A period's position on one integer axis, so that consecutive periods differ by 1."""
    year = int(label[:4])
    if by == "year":
        return year
    if by == "month":
        return year * 12 + int(label[5:7]) - 1
    if by == "quarter":
        return year * 4 + int(label[6]) - 1
    return year * 2 + int(label[6]) - 1


def period_label(index: int, by: str) -> str:
    """The label at a position of `period_index`'s axis."""
    if by == "year":
        return str(index)
    if by == "month":
        return f"{index // 12}-{index % 12 + 1:02d}"
    if by == "quarter":
        return f"{index // 4}-Q{index % 4 + 1}"
    return f"{index // 2}-H{index % 2 + 1}"


def period_range(labels: list[str], by: str) -> list[str]:
    """Every period from the earliest to the latest label, gaps filled, in order."""
    if not labels:
        return []
    idx = [period_index(label, by) for label in labels]
    return [period_label(i, by) for i in range(min(idx), max(idx) + 1)]


def period_start(label: str, by: str) -> str:
    """The first day of a period, as YYYY-MM-DD (for chart axes)."""
    year = label[:4]
    if by == "year":
        return f"{year}-01-01"
    if by == "month":
        return f"{label}-01"
    n = int(label[6])
    month = (n - 1) * 3 + 1 if by == "quarter" else (n - 1) * 6 + 1
    return f"{year}-{month:02d}-01"

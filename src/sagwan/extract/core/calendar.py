"""The calendar arithmetic of date resolution, for every language.

A language's date patterns say what its words mean ("the Tuesday before", "three years ago", "the
18th", "last week", "from X to Y"); these functions turn that into calendar points at the precision
the text gave, counted from the publication date or from the date the text named last (`Context`).
A point is (year, month or None, day or None); `fmt` writes it as YYYY, YYYY-MM or YYYY-MM-DD.

Rules shared by every language (the bundle's docstring says how its words map onto them):
- a weekday with no week given is the latest one on or before publication; "before" the latest one
  strictly before; "after" the next one strictly after; a named week (-1, 0, 1) takes that
  calendar week, Monday first;
- N units back (`back`) keeps the unit's precision: 3 years ago is a year, 2 months ago a month;
- a span back (`span_back`) runs from N units back to the publication date, at the unit's precision;
- a date without a year (`year_for`) takes the publication year, or the year before when that would
  put it more than `grace` after publication (news looks back); "before" strictly back, "after"
  strictly forward.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

# (year, month or None, day or None): a calendar point at the precision the text gave.
When = tuple[int, int | None, int | None]
# week shifts of the named weeks: previous, this, next
WEEK_SHIFTS = {"previous_week": -1, "this_week": 0, "next_week": 1}


@dataclass
class Context:
    """The publication date and what the text has named so far (what "that day", "that year",
    "the same month" and a bare day refer back to)."""

    published: date | None
    last_day: date | None = None
    last_month: tuple[int, int] | None = None    # the month last *named*
    last_year: int | None = None

    def saw(self, when: When, *, named_month: bool = False) -> None:
        year, month, day = when
        self.last_year = year
        if day is not None and month is not None:
            self.last_day = date(year, month, day)
        if named_month and month is not None:
            self.last_month = (year, month)


def fmt(when: When | None) -> str | None:
    if when is None:
        return None
    year, month, day = when
    if month is None:
        return f"{year:04d}"
    return f"{year:04d}-{month:02d}" if day is None else f"{year:04d}-{month:02d}-{day:02d}"


def point(day: date) -> When:
    return (day.year, day.month, day.day)


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def valid_day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def ymd(year: int, month: int | None, day: int | None) -> When | None:
    """The point, or None when the month or the day does not exist."""
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and (month is None or valid_day(year, month, day) is None):
        return None
    return (year, month, day)


def year_for(month: int, day: int | None, pub: date, how: str | None, grace: timedelta) -> int:
    """The year of a year-less month (and day): looking back by default, forward with how="after"."""
    if how == "after":
        passed = (month, day) < (pub.month, pub.day) if day else month < pub.month
        return pub.year + 1 if passed else pub.year
    # 29 February in a common year: compare with the 28th; ymd then finds the right leap year or drops it.
    first = valid_day(pub.year, month, day or 1) or date(pub.year, month, 28)
    limit = pub if how == "before" else pub + grace
    return pub.year - 1 if first > limit else pub.year


def weekday(pub: date, target: int, how: str | None) -> date:
    """The day of weekday `target` (Monday 0) meant relative to publication (see the module docstring);
    `how` is None, "before", "after" or a WEEK_SHIFTS key."""
    if how in WEEK_SHIFTS:
        return monday_of(pub) + timedelta(days=7 * WEEK_SHIFTS[how] + target)
    if how == "after":
        return pub + timedelta(days=(target - pub.weekday()) % 7 or 7)
    back = (pub.weekday() - target) % 7
    return pub - timedelta(days=back or (7 if how == "before" else 0))


def week(pub: date, shift: int) -> tuple[When, When]:
    """Monday .. Sunday of the calendar week `shift` weeks from publication's."""
    monday = monday_of(pub) + timedelta(days=7 * shift)
    return point(monday), point(monday + timedelta(days=6))


def back(pub: date, n: int, unit: str) -> When:
    """The publication date moved N units (day, week, month, year) back, at the unit's precision."""
    if unit == "year":
        return (pub.year - n, None, None)
    if unit == "month":
        return (*add_months(pub.year, pub.month, -n), None)
    return point(pub - timedelta(days=n * (7 if unit == "week" else 1)))


def at_precision(pub: date, unit: str) -> When:
    return (pub.year, None, None) if unit == "year" else (pub.year, pub.month, None) if unit == "month" else point(pub)


def span_back(pub: date, n: int, unit: str) -> tuple[When, When]:
    """From N units back to the publication date ("in the past two years"), at the unit's precision."""
    return back(pub, n, unit), at_precision(pub, unit)


def day_in_months_around(pub: date, day: int, how: str | None, grace: timedelta) -> tuple[int, int] | None:
    """(year, month) of a bare day of the month counted from publication: looking back (or up to
    `grace` ahead), or forward with how="after", strictly back with how="before"; None when no month
    near publication has that day."""
    step = 1 if how == "after" else -1
    limit = pub if how == "before" else pub + grace
    year, month = pub.year, pub.month
    for _ in range(4):   # at most a few months away, for the 31st
        found = valid_day(year, month, day)
        if found and (found >= pub if how == "after" else found <= limit):
            return year, month
        year, month = add_months(year, month, step)
    return None

"""One merge rule: when two reports tell of one happening, within a document and across documents.

Two reports are of one happening when they have
- the same type, and the same reality class (see policy.REALITY: what happened, what may happen and
  what is said not to have happened are different happenings);
- the same dyad: the countries on the source and on the target side. For the unordered types
  (model.UNORDERED_TYPES: a meeting) either side may be named first; for the mutual types
  (model.MUTUAL_TYPES) "X and Y agreed" (both sources) and "X agreed with Y" are one happening;
- nested dates: one date's interval (`date_interval`) contains the other's (2023-10 contains
  2023-10-24; a day contains itself). Dates that only overlap, or do not meet, are two happenings.

Within a document (`merge_reports`) a report may leave a side unnamed (the sentence after a meeting
names only the visitor), and a date taken from the report rather than the happening (a weak date)
does not keep reports apart. Across documents (`sagwan.store.merge`) both sides must match exactly
(`merge_key`) and an undated report never merges: with no date there is no evidence it is the same
happening, and a wrong merge hides a report while a missed one only repeats it.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable
from typing import Any, Protocol

from sagwan.extract.core.policy import REALITY
from sagwan.model import MUTUAL_TYPES, UNORDERED_TYPES, TimeExpr

Interval = tuple[str, str]


def date_interval(date: str | None, date_end: str | None = None) -> Interval | None:
    """First and last day (YYYY-MM-DD) a date of any precision can mean; None when undated or unreadable."""
    if not date:
        return None
    lo = _bounds(date)
    hi = _bounds(date_end) if date_end else lo
    if lo is None or hi is None:
        return None
    return lo[0], max(lo[1], hi[1])


def _bounds(value: str) -> Interval | None:
    parts = value.split("-")
    try:
        if len(parts) == 1:
            return f"{int(parts[0]):04d}-01-01", f"{int(parts[0]):04d}-12-31"
        year, month = int(parts[0]), int(parts[1])
        if len(parts) == 2:
            last = calendar.monthrange(year, month)[1]
            return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"
        return value[:10], value[:10]
    except (ValueError, calendar.IllegalMonthError):
        return None


def contains(a: Interval, b: Interval) -> bool:
    return a[0] <= b[0] and b[1] <= a[1]


def nested(a: Interval | None, b: Interval | None) -> bool:
    """One interval inside the other (False when either is unknown)."""
    return a is not None and b is not None and (contains(a, b) or contains(b, a))


def merge_key(type_: str, source_countries: Iterable[str], target_countries: Iterable[str]) -> str:
    """The (type, dyad) key of a report across documents: 'TYPE|SRC,SRC>TGT' or, unordered, 'TYPE|A,B'."""
    src, tgt = sorted(set(source_countries)), sorted(set(target_countries))
    if type_ in UNORDERED_TYPES:
        return f"{type_}|{','.join(sorted(set(src) | set(tgt)))}"
    return f"{type_}|{','.join(src)}>{','.join(tgt)}"


# ---- within a document -------------------------------------------------------------------------

class Report(Protocol):
    """What the within-document merge reads of a language's draft event."""

    type: str
    status: str
    source: list[str]
    target: list[str]
    date: TimeExpr | None
    attributed_to: str | None
    mentions: list[Any]


Dyad = tuple[set[str], set[str]]


def dyads_fit(type_: str, a: Dyad, b: Dyad) -> bool:
    """Same countries on each side, a side left unnamed by one report, or (see the module docstring)
    the same parties told the other way round (unordered) or all as sources (mutual)."""
    def fits(x: Dyad, y: Dyad) -> bool:
        return (x[0] == y[0] or not x[0] or not y[0]) and (x[1] == y[1] or not x[1] or not y[1])

    unordered = type_ in UNORDERED_TYPES
    grouped = type_ in MUTUAL_TYPES and (not a[1] or not b[1]) and (a[0] | a[1]) == (b[0] | b[1])
    if not (fits(a, b) or unordered and fits(a, (b[1], b[0])) or unordered and (a[0] | a[1]) == (b[0] | b[1])
            or grouped):
        return False
    return bool(a[0] or a[1]) and bool(b[0] or b[1])


def weak(d: TimeExpr | None) -> bool:
    """A date taken from the report, not from the happening (a language reader marks it with start < 0)."""
    return d is not None and d.start < 0


def dates_fit(a: TimeExpr | None, b: TimeExpr | None) -> bool:
    """Nested dates; undated reports go together (a dated and an undated report of the same kind may be
    two happenings, so they stay apart). A weak date counts as undated here."""
    if a is None or b is None:
        return (a is None or weak(a)) and (b is None or weak(b))
    if weak(a) and weak(b):
        return True
    ia, ib = date_interval(a.value), date_interval(b.value)
    if ia is None or ib is None:   # not a calendar date: nested when one spelling extends the other
        return a.value.startswith(b.value) or b.value.startswith(a.value)
    return nested(ia, ib)


def better_date(a: TimeExpr | None, b: TimeExpr | None) -> TimeExpr | None:
    """The happening's own date over a report's date; the more precise; of report dates, the earliest."""
    if a is None or b is None:
        return a or b
    if weak(a) != weak(b):
        return b if weak(a) else a
    if weak(a):
        return a if a.value <= b.value else b
    return b if len(b.value) > len(a.value) else a


def same_happening(a: Report, b: Report, country: Callable[[str], str | None]) -> bool:
    if a.type != b.type or REALITY[a.status] != REALITY[b.status]:
        return False
    da = ({country(x) for x in a.source} - {None}, {country(x) for x in a.target} - {None})
    db = ({country(x) for x in b.source} - {None}, {country(x) for x in b.target} - {None})
    return dyads_fit(a.type, da, db) and dates_fit(a.date, b.date)


def merge_reports(reports: list[Report], country: Callable[[str], str | None]) -> list[Report]:
    """One report per happening, in the order the happenings were first told; each later report of a
    happening lends its mentions, a side the first left unnamed, a better date and its attribution."""
    out: list[Report] = []
    for d in reports:
        same = next((e for e in reversed(out) if same_happening(e, d, country)), None)
        if same is None:
            out.append(d)
            continue
        same.mentions.extend(d.mentions)
        if not same.target and d.target:
            same.target = d.target
        if not same.source and d.source:
            same.source = d.source
        same.date = better_date(same.date, d.date)
        same.attributed_to = same.attributed_to or d.attributed_to
    return out

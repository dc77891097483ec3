"""Korean (and English) date expressions, resolved against the article's publication date.

`find_dates(text, published)` scans the text once per rule, keeps the longest expression at each place,
then resolves the expressions in text order, because 이날, 다음날, 그해 and a bare 18일 refer back to the
date named before them. `value` keeps the precision the text gives: YYYY, YYYY-MM or YYYY-MM-DD.

Choices (the issue leaves them open):
- A date without a year (10월 18일, 9월) takes the publication year, or the year before when that would put
  it more than `future_grace_days` (resources/ko/dates.json) after publication: news looks back.
  지난 10월 looks strictly back, 오는 10월 strictly forward.
- A bare 18일 takes the month last *named* (10월 18일부터 20일까지); with none, the publication month
  (the month before, if the 18th is still to come). 지난 18일 / 오는 18일 always count from publication.
- Weekdays: 화요일 is the latest Tuesday on or before publication; 지난 화요일 the latest strictly before;
  오는/다음 화요일 the next one after. 지난주/이번 주/다음 주 화요일 take that calendar week (Monday first).
- Spans (지난 2년간, 최근 3개월 동안, 지난주, 2018~2019년, A부터 B까지) give value and value_end at the
  unit's precision: 지난 2년간 in 2023-10-27 is 2021 .. 2023; 지난주 is its Monday .. Sunday.
- 이날/당일 with nothing before them is the publication date; 다음날/전날 then count from it too.
  그해/같은 해/당시/이듬해 need a date before them, else they are skipped.
- Without a publication date only what the text itself fixes is kept (absolute dates and what refers back to them).
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Callable
from datetime import date, timedelta
from functools import lru_cache

from sagwan.extract.core import calendar
from sagwan.extract.core.calendar import When
from sagwan.extract.ko import _datewords as w
from sagwan.model import TimeExpr

log = logging.getLogger(__name__)

_MONTH = rf"{w.NSTART}(?P<m>\d{{1,2}})(?:\s*{w.RANGE}\s*(?P<m2>\d{{1,2}}))?\s*월(?!드)"
_DAY = rf"(?P<d>\d{{1,2}})(?:\s*{w.RANGE}\s*(?P<d2>\d{{1,2}}))?\s*일{w.NOT_IL_WORD}"
_YEAR = (rf"(?:{w.NSTART}(?P<y>\d{{4}})\s*년(?!대){w.NOT_QUANTITY}"
         rf"|{w.WSTART}(?P<yw>{w.YEAR_WORDS}{w.WEND}|{w.SHORT_YEAR_RE}))")
_EN = rf"(?<![A-Za-z])(?P<mon>{w.alt(w.ENGLISH_MONTHS)})(?![a-z])\.?"
_PREFIX = rf"(?:{w.WSTART}(?P<pre>{w.alt(w.MONTH_PREFIXES)})\s*)?"

# Order breaks ties between matches of the same extent: earlier rules win.
_RULES: list[tuple[str, str]] = [
    ("iso", r"(?<![\d.\-/])(?P<y>\d{4})(?P<sep>[./-])\s?(?P<m>\d{1,2})(?P=sep)\s?(?P<d>\d{1,2})(?!\d|\.\d)"),
    ("us_order", rf"{w.NSTART}(?P<m>\d{{1,2}})\s*월\s*(?P<d>\d{{1,2}})\s*,\s*(?P<y>\d{{4}})(?!\d)"),
    ("english", rf"{_EN}\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{{4}}))?(?!\d)"),
    ("english", rf"{w.NSTART}(?<![A-Za-z])(?P<d>\d{{1,2}})\s+{_EN},?\s+(?P<y>\d{{4}})(?!\d)"),
    ("english", rf"{_EN},?\s+(?P<y>\d{{4}})(?!\d)"),
    ("year_range", rf"{w.NSTART}(?P<y>\d{{4}})\s*(?:년\s*)?{w.RANGE}\s*(?P<y2>\d{{4}})\s*년(?!대){w.MODIFIER}"),
    ("decade", rf"{w.NSTART}(?P<y>\d{{3}}0)\s*년대{w.MODIFIER}"),
    ("year", rf"{_YEAR}(?:\s*{_MONTH}(?:\s*{_DAY})?)?{w.MODIFIER}"),
    ("month", rf"{_PREFIX}{_MONTH}(?:\s*{_DAY})?{w.MODIFIER}"),
    ("month_word", rf"{w.WSTART}(?P<mw>{w.alt([*w.WORDS['deictic_months'], *w.WORDS['anaphoric_months']])})"
                   rf"{w.WEND}(?:\s*{_DAY})?{w.MODIFIER}"),
    ("span", rf"{w.WSTART}(?P<span>{w.alt(w.WORDS['span_prefixes'])})\s*{w.COUNT}"
             rf"(?:\s*(?P<suffix>{w.alt(w.WORDS['span_suffixes'])}))?{w.WEND}"),
    ("ago", rf"{w.COUNT}\s*(?P<ago>{w.alt(w.WORDS['ago_suffixes'])}){w.WEND}"),
    ("weekday", rf"{w.WSTART}(?:(?P<wp>{w.alt(w.WORDS['weekday_prefixes'])})\s*)?"
                rf"(?P<wd>[{''.join(w.WEEKDAYS)}])요일"),
    ("week", rf"{w.WSTART}(?P<wk>{w.alt(w.WORDS['deictic_weeks'])}){w.WEND}"),
    ("day_word", rf"{w.WSTART}(?P<dw>{w.alt([*w.WORDS['deictic_days'], *w.WORDS['anaphoric_days']])}){w.WEND}"),
    ("day", rf"{_PREFIX}(?<![\d.,A-Za-z]){_DAY}{w.NOT_QUANTITY}"),
]
_COMPILED = [(priority, kind, re.compile(pattern)) for priority, (kind, pattern) in enumerate(_RULES)]

# Between two dates that make one span (2018년부터 2019년에 걸쳐, 10월 18일~20일), and what may close it.
_JOIN = re.compile(rf"\s*(?:(?P<from>부터|에서)|{w.RANGE})\s*")
_CLOSE = re.compile(r"\s*(?:까지|에\s*걸쳐|사이)")


# the calendar arithmetic is the core's (extract/core/calendar.py); the Korean words are here and in _datewords
_Context = calendar.Context
_fmt = calendar.fmt
_point = calendar.point
_ymd = calendar.ymd


def _year_for(month: int, day: int | None, pub: date, how: str | None) -> int:
    """The year of a year-less month (and day): looking back by default, forward after 오는."""
    return calendar.year_for(month, day, pub, how, w.GRACE)


def _month_day(m: re.Match, ctx: _Context, year: int | None, how: str | None) -> tuple[When, When | None] | None:
    """Month (range) and optional day (range) after an optional year; `how` is before/after for 지난/오는."""
    month, day = int(m["m"]), int(m["d"]) if m["d"] else None
    if year is None:
        if ctx.published is None or not 1 <= month <= 12:
            return None
        year = _year_for(month, day, ctx.published, how)
    start = _ymd(year, month, day)
    if start is None:
        return None
    end = None
    if m["m2"]:
        end = _ymd(year, int(m["m2"]), None)
    elif m["d2"]:
        end = _ymd(year, month, int(m["d2"]))
    if (m["m2"] or m["d2"]) and (end is None or end <= start):
        return None
    ctx.saw(end or start, named_month=True)
    return start, end


def _year(m: re.Match, ctx: _Context) -> tuple[When, When | None] | None:
    if m["y"]:
        year = int(m["y"])
    else:
        word = w.key(m["yw"])
        if word in w.ANAPHORIC_YEARS:
            if ctx.last_year is None:
                return None
            year = ctx.last_year + w.ANAPHORIC_YEARS[word]
        elif ctx.published is None:
            return None
        else:
            year = ctx.published.year + w.DEICTIC_YEARS[word]
    if not 1000 <= year <= 2199:
        return None
    if m["m"]:
        return _month_day(m, ctx, year, None)
    ctx.saw((year, None, None))
    return (year, None, None), None


def _month(m: re.Match, ctx: _Context) -> tuple[When, When | None] | None:
    return _month_day(m, ctx, None, w.MONTH_PREFIXES.get(m["pre"] or ""))


def _month_word(m: re.Match, ctx: _Context) -> tuple[When, When | None] | None:
    word = w.key(m["mw"])
    if word in w.ANAPHORIC_MONTHS:
        if ctx.last_month is None:
            return None
        year, month = ctx.last_month
    elif ctx.published is None:
        return None
    else:
        year, month = calendar.add_months(ctx.published.year, ctx.published.month, w.DEICTIC_MONTHS[word])
    ctx.saw((year, month, None), named_month=True)
    if not m["d"]:
        return (year, month, None), None
    return _days_in(year, month, m, ctx)


def _days_in(year: int, month: int, m: re.Match, ctx: _Context) -> tuple[When, When | None] | None:
    start = _ymd(year, month, int(m["d"]))
    end = _ymd(year, month, int(m["d2"])) if m["d2"] else None
    if start is None or (m["d2"] and (end is None or end <= start)):
        return None
    ctx.saw(end or start)
    return start, end


def _day(m: re.Match, ctx: _Context) -> tuple[When, When | None] | None:
    """A bare 18일: in the month last named, else in the publication month (looking back; forward after 오는)."""
    how = w.MONTH_PREFIXES.get(m["pre"] or "")
    day = int(m["d"])
    if how is None and ctx.last_month is not None:
        found = _days_in(*ctx.last_month, m, ctx)
        if found is not None:   # else (30일 after 2월) it cannot be that month: fall back to publication
            return found
    pub = ctx.published
    if pub is None or not 1 <= day <= 31:
        return None
    month_of = calendar.day_in_months_around(pub, day, how, w.GRACE)
    return _days_in(*month_of, m, ctx) if month_of else None


def _weekday(m: re.Match, ctx: _Context) -> tuple[When, When | None] | None:
    pub = ctx.published
    if pub is None:
        return None
    day = calendar.weekday(pub, w.WEEKDAYS[m["wd"]], w.WEEKDAY_PREFIXES.get(w.key(m["wp"] or "")))
    ctx.saw(_point(day))
    return _point(day), None


def _week(m: re.Match, ctx: _Context) -> tuple[When, When | None] | None:
    if ctx.published is None:
        return None
    return calendar.week(ctx.published, w.DEICTIC_WEEKS[w.key(m["wk"])])


def _day_word(m: re.Match, ctx: _Context) -> tuple[When, When | None] | None:
    word = w.key(m["dw"])
    if word in w.ANAPHORIC_DAYS:
        base, offset = ctx.last_day or ctx.published, w.ANAPHORIC_DAYS[word]
    else:
        base, offset = ctx.published, w.DEICTIC_DAYS[word]
    if base is None:
        return None
    day = base + timedelta(days=offset)
    ctx.saw(_point(day))
    return _point(day), None


def _ago(m: re.Match, ctx: _Context) -> tuple[When, When | None] | None:
    if ctx.published is None:
        return None
    n, unit = w.count_of(m)
    when = calendar.back(ctx.published, n, unit)
    ctx.saw(when)
    return when, None


def _span(m: re.Match, ctx: _Context) -> tuple[When, When | None] | None:
    if ctx.published is None:
        return None
    n, unit = w.count_of(m)
    return calendar.span_back(ctx.published, n, unit)


def _absolute(m: re.Match, ctx: _Context) -> tuple[When, When | None] | None:
    """ISO-like, US-order (10월 27, 2023) and English dates."""
    month = w.ENGLISH_MONTHS[m["mon"]] if "mon" in m.re.groupindex else int(m["m"])
    day = int(m["d"]) if "d" in m.re.groupindex and m["d"] else None
    if m["y"]:
        when = _ymd(int(m["y"]), month, day)
    elif ctx.published is None:
        return None
    else:
        when = _ymd(_year_for(month, day, ctx.published, None), month, day)
    if when is not None:
        ctx.saw(when, named_month=True)
    return (when, None) if when else None


def _years(m: re.Match, ctx: _Context) -> tuple[When, When | None] | None:
    first = int(m["y"])
    last = int(m["y2"]) if "y2" in m.re.groupindex else first + 9
    return ((first, None, None), (last, None, None)) if first < last else None


_RESOLVE: dict[str, Callable[[re.Match, _Context], tuple[When, When | None] | None]] = {
    "iso": _absolute, "us_order": _absolute, "english": _absolute, "year_range": _years, "decade": _years,
    "year": _year, "month": _month, "month_word": _month_word, "span": _span, "ago": _ago,
    "weekday": _weekday, "week": _week, "day_word": _day_word, "day": _day,
}


def _matches(text: str) -> list[re.Match]:
    """Every rule's matches, keeping the earliest then longest where they overlap."""
    found = []
    for priority, kind, pattern in _COMPILED:
        for m in pattern.finditer(text):
            # 지난 3일 is "on the 3rd"; only 지난 3일간 / 동안 is a span of days.
            if kind == "span" and m["unit"] == "일" and not m["suffix"]:
                continue
            found.append((m.start(), -m.end(), priority, kind, m))
    found.sort(key=lambda item: item[:3])
    kept, end = [], 0
    for start, neg_end, _, kind, m in found:
        if start >= end:
            kept.append((kind, m))
            end = -neg_end
    return kept


def _join_spans(text: str, exprs: list[TimeExpr]) -> list[TimeExpr]:
    """2018년부터 2019년에 걸쳐, 10월 18일부터 20일까지, 10월 18일~20일: one span from two dates."""
    out: list[TimeExpr] = []
    for expr in exprs:
        prev = out[-1] if out else None
        join = _JOIN.fullmatch(text, prev.end, expr.start) if prev else None
        if prev and join and prev.value_end is None and expr.value_end is None:
            close = _CLOSE.match(text, expr.end)
            width = min(len(prev.value), len(expr.value))
            if (close or join["from"] != "에서") and prev.value[:width] < expr.value[:width]:
                end = close.end() if close else expr.end
                out[-1] = TimeExpr(prev.start, end, text[prev.start:end], prev.value, expr.value)
                continue
        out.append(expr)
    return out


def _scan(text: str, published: date | None) -> list[TimeExpr]:
    ctx = _Context(published)
    exprs = []
    for kind, m in _matches(text):
        resolved = _RESOLVE[kind](m, ctx)
        if resolved is None:
            log.debug("date expression %r left unresolved", m.group())
            continue
        value, value_end = resolved
        exprs.append(TimeExpr(m.start(), m.end(), m.group(), _fmt(value), _fmt(value_end)))
    return _join_spans(text, exprs)


@lru_cache(maxsize=512)
def parse_published(published: str | None) -> date | None:
    """The publication date from "2023-10-27", "2023-10-27T09:00:00Z", "2023년 10월 27일", "October 27, 2023"."""
    if not published:
        return None
    for expr in _scan(published, None):
        if len(expr.value) == 10:
            return date.fromisoformat(expr.value)
    log.debug("publication date %r not understood; relative dates will be skipped", published)
    return None


def find_dates(text: str, published: str | None) -> list[TimeExpr]:
    """Date expressions in `text`, sorted by start, resolved against `published` (an ISO date, or None)."""
    return _scan(text, parse_published(published))


def date_for_span(dates: list[TimeExpr], start: int, end: int) -> TimeExpr | None:
    """The first date expression that starts inside [start, end) (a sentence or clause); `dates` sorted by start."""
    i = bisect.bisect_left([d.start for d in dates], start)
    return dates[i] if i < len(dates) and dates[i].start < end else None

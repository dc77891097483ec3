"""English date expressions resolved against the publication date, precision kept.

The surface patterns are English (month names, "last week", "on the 19th", "two years ago"); the
calendar arithmetic below them (`_weekday_before`, `_shift_months`, ...) knows no language and is kept
in separate functions, ready to move to the core's calendar when it lands.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache

from sagwan.extract.en import lexicon
from sagwan.model import TimeExpr


# ---- calendar arithmetic (language-neutral) ---------------------------------------------------
def _weekday_before(ref: date, weekday: int, direction: int = 0) -> date:
    """The weekday nearest `ref` on or before it (direction 0 or -1), or the next one after it (+1)."""
    if direction > 0:
        return ref + timedelta(days=(weekday - ref.weekday() - 1) % 7 + 1)
    return ref - timedelta(days=(ref.weekday() - weekday) % 7)


def _shift_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _month_year(ref: date, month: int) -> int:
    """The year of a month named without one: the publication's year, or the one before for a month
    more than two months after publication (news reports the recent past and the near future)."""
    return ref.year - 1 if month > ref.month + 2 else ref.year


def _day_month(ref: date, day: int) -> tuple[int, int]:
    """"on the 19th": this month, or last month for a day after the publication's day."""
    if day > ref.day:
        return _shift_months(ref.year, ref.month, -1)
    return ref.year, ref.month


def _valid(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


# ---- English surface patterns -------------------------------------------------------------------
# a bare year is a date only after one of these ("in 2019", "since 2018"), not as a number of things
_YEAR_PREPOSITIONS = ("in", "since", "during", "until", "by", "of", "early", "late", "mid", "from", "before", "after")


def _ci(word: str) -> str:
    """A word with its first letter in either case ("[Ll]ast"): cheaper than matching the whole text
    case-insensitively, and news writes month and weekday names capitalised."""
    return f"[{word[0].upper()}{word[0].lower()}]{word[1:]}" if word[0].isalpha() else word


def _alts(words) -> str:
    return "|".join(_ci(w) for w in sorted(words, key=len, reverse=True))


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    words = lexicon.dates()
    mon = "|".join(sorted((w.capitalize() for w in words["months"]), key=len, reverse=True))
    wd = "|".join(w.capitalize() for w in words["weekdays"])
    num = _alts(k for k in words["numbers"] if words["numbers"][k])
    day = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
    rel = _alts(["last", "next", "this", "coming", "past"])
    return tuple(re.compile(p) for p in (
        rf"\b(?:{_alts(['from', 'between'])})\s+(?P<y1>(?:19|20)\d{{2}})\s+(?:to|and|until|through)\s+"
        r"(?P<y2>(?:19|20)\d{2})\b",
        r"\b(?P<y>(?:19|20)\d{2})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b",
        rf"\b(?P<mon>{mon})\.?\s+{day},?\s+(?P<y>(?:19|20)\d{{2}})\b",
        rf"\b{day}\s+(?P<mon>{mon})\.?,?\s+(?P<y>(?:19|20)\d{{2}})\b",
        rf"\b(?P<mon>{mon})\.?\s+{day}\b(?!\s*(?:,\s*)?\d)",
        rf"\b{day}\s+(?P<mon>{mon})\b\.?",
        rf"\b(?P<mon>{mon})\.?\s+(?P<y>(?:19|20)\d{{2}})\b",
        rf"\b(?:(?P<rel>{rel})\s+)?(?P<wd>{wd})\b",
        rf"\b(?P<rd>{_alts(['today', 'yesterday', 'tomorrow'])})\b",
        rf"\b(?:(?:{_alts(['earlier', 'later'])})\s+)?(?P<rel>{rel})\s+(?P<unit>week|month|year)\b",
        rf"\b(?P<n>\d+|{num})\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>ago|earlier|before|later)\b",
        r"\b[Oo]n\s+the\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)\b",
        rf"\b(?:{_alts(['in', 'since', 'during', 'until', 'by', 'early', 'late', 'mid'])})-?\s*(?P<mon>{mon})\b"
        r"(?!\.?\s+\d)",
        rf"\b(?:{_alts(_YEAR_PREPOSITIONS)})-?\s+(?P<y>(?:19|20)\d{{2}})\b(?!-)",
    ))


@cache
def _anchors() -> tuple[tuple[str, ...], ...]:
    """For each pattern, substrings one of which its every match holds (empty: always run it)."""
    words = lexicon.dates()
    months = tuple({w.capitalize()[:3] for w in words["months"]})
    weekdays = ("day",)
    units = ("week", "month", "year")
    digits = tuple("0123456789")
    return (("from", "From", "between", "Between"), ("-",), months, months, months, months, months, weekdays,
            ("today", "Today", "yesterday", "Yesterday", "tomorrow", "Tomorrow"), units,
            (" ago", " earlier", " before", " later"), ("the",), months, digits)


def _month(name: str) -> int:
    return lexicon.dates()["months"][name.lower().rstrip(".")]


def _count(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return lexicon.dates()["numbers"].get(word.lower())


def _value(m: re.Match[str], ref: date | None) -> tuple[str, str | None] | None:
    g = m.groupdict()
    if g.get("y1"):
        return g["y1"], g["y2"]
    if g.get("y") and g.get("m"):
        y, mo, d = int(g["y"]), int(g["m"]), int(g["d"])
        return (f"{y:04d}-{mo:02d}-{d:02d}", None) if _valid(y, mo, d) else None
    if g.get("mon"):
        mo = _month(g["mon"])
        if g.get("d"):
            d = int(g["d"])
            if g.get("y"):
                y = int(g["y"])
            elif ref is not None:
                y = _month_year(ref, mo)
            else:
                return None
            return (f"{y:04d}-{mo:02d}-{d:02d}", None) if _valid(y, mo, d) else None
        if g.get("y"):
            return f"{int(g['y']):04d}-{mo:02d}", None
        return (f"{_month_year(ref, mo):04d}-{mo:02d}", None) if ref else None
    if g.get("y"):
        return g["y"], None
    if ref is None:
        return None
    if g.get("wd"):
        wd = lexicon.dates()["weekdays"][g["wd"].lower()]
        rel = (g.get("rel") or "").lower()
        d = _weekday_before(ref, wd, 1 if rel in ("next", "coming") else 0)
        if rel == "last" and d == ref:
            d -= timedelta(days=7)
        return d.isoformat(), None
    if g.get("rd"):
        return (ref + timedelta(days=lexicon.dates()["relative_days"][g["rd"].lower()])).isoformat(), None
    if g.get("unit") and g.get("rel"):
        step = lexicon.dates()["relative_units"][g["rel"].lower()]
        unit = g["unit"].lower()
        if unit == "year":
            return str(ref.year + step), None
        if unit == "month":
            y, mo = _shift_months(ref.year, ref.month, step)
            return f"{y:04d}-{mo:02d}", None
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=step)
        return monday.isoformat(), (monday + timedelta(days=6)).isoformat()
    if g.get("unit") and g.get("n"):
        n = _count(g["n"])
        if n is None:
            return None
        sign = 1 if g["dir"].lower() == "later" else -1
        unit = g["unit"].lower()
        if unit == "year":
            return str(ref.year + sign * n), None
        if unit == "month":
            y, mo = _shift_months(ref.year, ref.month, sign * n)
            return f"{y:04d}-{mo:02d}", None
        days = n * (7 if unit == "week" else 1)
        return (ref + timedelta(days=sign * days)).isoformat(), None
    if g.get("d"):
        y, mo = _day_month(ref, int(g["d"]))
        d = int(g["d"])
        return (f"{y:04d}-{mo:02d}-{d:02d}", None) if _valid(y, mo, d) else None
    return None


def find_dates(text: str, published: str | None) -> list[TimeExpr]:
    """Every date expression of the text, earliest first; overlapping matches keep the first pattern's."""
    ref = None
    if published and len(published) >= 10:
        try:
            ref = date.fromisoformat(published[:10])
        except ValueError:
            ref = None
    taken: list[tuple[int, int]] = []
    out: list[TimeExpr] = []
    for pat, anchors in zip(_patterns(), _anchors(), strict=True):
        if anchors and not any(a in text for a in anchors):
            continue                  # a substring test is far cheaper than a regular expression scan
        for m in pat.finditer(text):
            s, e = m.span()
            if any(s < b and a < e for a, b in taken):
                continue
            if m.group() == "May" and m.start() > 0 and text[m.start() - 2:m.start()].strip() in ("", "."):
                continue              # the modal verb opening a sentence
            got = _value(m, ref)
            if got is None:
                continue
            taken.append((s, e))
            out.append(TimeExpr(s, e, m.group(), got[0], got[1]))
    out.sort(key=lambda t: t.start)
    return out

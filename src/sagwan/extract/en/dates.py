"""English date expressions resolved against the publication date, precision kept.

The surface patterns are English (month names, "last week", "on the 19th", "two years ago"); the
calendar arithmetic is the core's (`sagwan.extract.core.calendar`), shared with every language.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache

from sagwan.extract.core import calendar as cal
from sagwan.extract.en import lexicon
from sagwan.model import TimeExpr

# how far after publication a year-less date may still fall in the publication's year ("on Dec. 3"
# in a story of Oct. 27 is this year's); a bare day of the month ("on the 19th") never lies ahead
_GRACE = timedelta(days=61)


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


# patterns that hold a month name (2-6, 12) or a weekday (7) are tried only around one: finding the
# names is one cheap scan, where each pattern's own scan of the whole text is not
_WINDOWED = {2: "month", 3: "month", 4: "month", 5: "month", 6: "month", 12: "month", 7: "weekday"}
_NAME_SCANS = {"month": (re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*"), 16, 30),
               "weekday": (re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"), 10, 12)}


def _windows(text: str) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = {}
    for name, (scan, before, after) in _NAME_SCANS.items():
        spans: list[tuple[int, int]] = []
        for m in scan.finditer(text):
            lo, hi = max(0, m.start() - before), min(len(text), m.end() + after)
            if spans and lo <= spans[-1][1]:
                spans[-1] = (spans[-1][0], hi)
            else:
                spans.append((lo, hi))
        out[name] = spans
    return out


def _matches(pat: re.Pattern[str], text: str, spans: list[tuple[int, int]] | None):
    if spans is None:
        yield from pat.finditer(text)
        return
    for lo, hi in spans:
        yield from pat.finditer(text, lo, hi)


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
        return (f"{y:04d}-{mo:02d}-{d:02d}", None) if cal.valid_day(y, mo, d) is not None else None
    if g.get("mon"):
        mo = _month(g["mon"])
        if g.get("d"):
            d = int(g["d"])
            if g.get("y"):
                y = int(g["y"])
            elif ref is not None:
                y = cal.year_for(mo, d, ref, None, _GRACE)
            else:
                return None
            return (f"{y:04d}-{mo:02d}-{d:02d}", None) if cal.valid_day(y, mo, d) is not None else None
        if g.get("y"):
            return f"{int(g['y']):04d}-{mo:02d}", None
        return (f"{cal.year_for(mo, None, ref, None, _GRACE):04d}-{mo:02d}", None) if ref else None
    if g.get("y"):
        return g["y"], None
    if ref is None:
        return None
    if g.get("wd"):
        wd = lexicon.dates()["weekdays"][g["wd"].lower()]
        rel = (g.get("rel") or "").lower()
        how = "after" if rel in ("next", "coming") else "before" if rel == "last" else None
        return cal.weekday(ref, wd, how).isoformat(), None
    if g.get("rd"):
        return (ref + timedelta(days=lexicon.dates()["relative_days"][g["rd"].lower()])).isoformat(), None
    if g.get("unit") and g.get("rel"):
        step = lexicon.dates()["relative_units"][g["rel"].lower()]
        unit = g["unit"].lower()
        if unit == "year":
            return str(ref.year + step), None
        if unit == "month":
            y, mo = cal.add_months(ref.year, ref.month, step)
            return f"{y:04d}-{mo:02d}", None
        first, last = cal.week(ref, step)
        return cal.fmt(first), cal.fmt(last)
    if g.get("unit") and g.get("n"):
        n = _count(g["n"])
        if n is None:
            return None
        sign = 1 if g["dir"].lower() == "later" else -1
        return cal.fmt(cal.back(ref, -sign * n, g["unit"].lower())), None
    if g.get("d"):
        d = int(g["d"])
        found = cal.day_in_months_around(ref, d, None, timedelta(0))
        return (f"{found[0]:04d}-{found[1]:02d}-{d:02d}", None) if found else None
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
    spans = _windows(text)
    for n, (pat, anchors) in enumerate(zip(_patterns(), _anchors(), strict=True)):
        if anchors and not any(a in text for a in anchors):
            continue                  # a substring test is far cheaper than a regular expression scan
        for m in _matches(pat, text, spans.get(_WINDOWED.get(n))):
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

"""Word lists and regular-expression pieces for `dates.py` (the calendar arithmetic is extract/core/calendar.py).

The words themselves live in resources/ko/dates.json; this module only turns them into regex alternations
(longest first, so 지난주 wins over 지난) and the lookarounds that keep dates out of other words.
"""

from __future__ import annotations

import re
from datetime import timedelta

from sagwan import data

WORDS: dict = data.read_json("ko/dates.json")

GRACE = timedelta(days=WORDS["future_grace_days"])


def alt(words, *, regex: bool = False) -> str:
    """A non-capturing alternation, longest first; a space in a word also matches no space or several."""
    parts = sorted(words, key=len, reverse=True)
    if not regex:
        parts = [r"\s*".join(re.escape(piece) for piece in word.split(" ")) for word in parts]
    return "(?:" + "|".join(parts) + ")"


def key(word: str) -> str:
    """How a matched word is looked up in a WORDS table: spacing removed ("다음  날" -> "다음날")."""
    return re.sub(r"\s+", "", word)


def table(name: str) -> dict:
    return {key(word): value for word, value in WORDS[name].items()}


# Hangul before a date word means the word is the tail of another word (세월요일, 대한 달).
WSTART = r"(?<![가-힣])"
# A digit, decimal point or thousands comma before a number means it is the tail of another number (1,000일).
NSTART = r"(?<![\d.,])"
PARTICLES = alt(WORDS["particles"])
# After a date word: end of text, a non-Hangul character, or a particle (9월에, 이날부터) -- not 오늘날, 그제서야.
WEND = rf"(?=$|[^가-힣]|{PARTICLES})"
# After N년 / N일: not a length of time (3일간, 30일 동안, 1000년 이상; 3일 전 is read by the "ago" rule).
NOT_QUANTITY = rf"(?!{alt(WORDS['quantity_glued'])}|\s*{alt(WORDS['quantity_words'])}{WEND})"
NOT_IL_WORD = rf"(?!{alt(WORDS['not_a_day_after_il'], regex=True)})"
RANGE = "[" + re.escape("".join(WORDS["range_marks"])) + "]"
MODIFIER = rf"(?:\s*(?P<mod>{alt(WORDS['modifiers'])}){WEND})?"

WEEKDAYS = WORDS["weekdays"]
WEEKDAY_PREFIXES = table("weekday_prefixes")
DEICTIC_DAYS, ANAPHORIC_DAYS = table("deictic_days"), table("anaphoric_days")
DEICTIC_WEEKS = table("deictic_weeks")
DEICTIC_MONTHS, ANAPHORIC_MONTHS = table("deictic_months"), table("anaphoric_months")
DEICTIC_YEARS, ANAPHORIC_YEARS = table("deictic_years"), table("anaphoric_years")
MONTH_PREFIXES = table("month_prefixes")
NUMBER_UNITS, NATIVE_UNITS = WORDS["number_units"], WORDS["native_units"]
NATIVE_NUMBERS, DAY_COUNTS = WORDS["native_numbers"], table("day_counts")
ENGLISH_MONTHS = WORDS["english_months"]

SHORT_YEAR = WORDS["short_this_year"]
YEAR_WORDS = alt([w for w in [*WORDS["deictic_years"], *WORDS["anaphoric_years"]] if w != SHORT_YEAR])
# 올 alone is also a verb form (올 수 있다): only 올 9월, 올 들어, 올 초 ... are dates.
SHORT_YEAR_RE = (rf"{re.escape(SHORT_YEAR)}(?=\s*(?:\d{{1,2}}\s*월|"
                 rf"{alt(WORDS['short_this_year_followers'])}{WEND}))")

# "3년", "두 달", "사흘": a count of days, weeks, months or years (for 3년 전, 지난 2년간).
COUNT = (rf"(?:{NSTART}(?P<n>\d{{1,3}})\s*(?P<unit>{alt(NUMBER_UNITS)})"
         rf"|{WSTART}(?P<native>{alt(NATIVE_NUMBERS)})\s*(?P<native_unit>{alt(NATIVE_UNITS)})"
         rf"|{WSTART}(?P<days>{alt(WORDS['day_counts'])}))\s*여?")


def count_of(m: re.Match) -> tuple[int, str]:
    """(N, unit) from a COUNT match; unit is day, week, month or year."""
    if m["n"]:
        return int(m["n"]), NUMBER_UNITS[m["unit"]]
    if m["native"]:
        return NATIVE_NUMBERS[m["native"]], NATIVE_UNITS[key(m["native_unit"])]
    return DAY_COUNTS[key(m["days"])], "day"

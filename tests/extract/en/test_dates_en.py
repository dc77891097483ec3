"""English dates against the publication date (Friday 2023-10-27), precision kept."""

from __future__ import annotations

import pytest

from sagwan.extract.en.dates import find_dates

CASES = [
    ("They met on Thursday.", "Thursday", "2023-10-26", None),
    ("They met on Friday.", "Friday", "2023-10-27", None),
    ("They will meet next Tuesday.", "next Tuesday", "2023-10-31", None),
    ("Talks were held Oct. 13.", "Oct. 13", "2023-10-13", None),
    ("It was signed on Oct. 3, 2022.", "Oct. 3, 2022", "2022-10-03", None),
    ("It was signed on 27 October 2021.", "27 October 2021", "2021-10-27", None),
    ("It happened last week.", "last week", "2023-10-16", "2023-10-22"),
    ("It happened earlier this month.", "earlier this month", "2023-10", None),
    ("It happened on the 19th.", "on the 19th", "2023-10-19", None),
    ("It happened on the 30th.", "on the 30th", "2023-09-30", None),
    ("It happened two years ago.", "two years ago", "2021", None),
    ("It happened three days ago.", "three days ago", "2023-10-24", None),
    ("It ran from 2018 to 2019.", "from 2018 to 2019", "2018", "2019"),
    ("It happened in March.", "in March", "2023-03", None),
    ("It will happen in December.", "in December", "2023-12", None),
    ("It happened last year.", "last year", "2022", None),
    ("It happened yesterday.", "yesterday", "2023-10-26", None),
    ("In May 2020 they agreed.", "May 2020", "2020-05", None),
    ("It was 2023-09-13.", "2023-09-13", "2023-09-13", None),
]


@pytest.mark.parametrize(("text", "surface", "value", "value_end"), CASES)
def test_dates_resolve_against_publication(text, surface, value, value_end):
    got = find_dates(text, "2023-10-27")
    assert [(d.text, d.value, d.value_end) for d in got] == [(surface, value, value_end)]
    assert text[got[0].start:got[0].end] == surface


def test_the_modal_may_and_plain_numbers_are_not_dates():
    assert find_dates("He may visit with 2019 troops.", "2023-10-27") == []


def test_relative_dates_need_a_publication_date():
    assert find_dates("They met on Thursday.", None) == []
    assert [d.value for d in find_dates("They met on Oct. 3, 2022.", None)] == ["2022-10-03"]


def test_a_month_well_after_publication_is_last_year():
    assert [d.value for d in find_dates("It happened in November.", "2023-02-10")] == ["2022-11"]

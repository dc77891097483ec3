"""Korean date expressions (sagwan.extract.ko.dates): pure rules over text, no analyser needed.

Sentences are invented for these tests. FRIDAY (2023-10-27) is the usual publication date.
"""

from __future__ import annotations

import pytest

from sagwan.extract.ko.dates import date_for_span, find_dates, parse_published
from sagwan.model import TimeExpr

FRIDAY = "2023-10-27"
JANUARY = "2024-01-05"


def found(text: str, published: str | None = FRIDAY) -> list[tuple[str, str, str | None]]:
    exprs = find_dates(text, published)
    for expr in exprs:
        assert text[expr.start:expr.end] == expr.text
    assert [e.start for e in exprs] == sorted(e.start for e in exprs)
    return [(e.text, e.value, e.value_end) for e in exprs]


def values(text: str, published: str | None = FRIDAY) -> list[str]:
    return [value for _, value, _ in found(text, published)]


# --- absolute and partial dates -------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("양국은 2023년 10월 18일 공동성명을 냈다.", [("2023년 10월 18일", "2023-10-18", None)]),
    ("조약은 2001년10월3일 발효됐다.", [("2001년10월3일", "2001-10-03", None)]),
    ("회의록(2022.03.05)을 보면", [("2022.03.05", "2022-03-05", None)]),
    ("발표일 2022-03-05 기준", [("2022-03-05", "2022-03-05", None)]),
    ("문서 날짜는 2022/3/5이다.", [("2022/3/5", "2022-03-05", None)]),
    ("2022. 3. 5. 서울에서", [("2022. 3. 5", "2022-03-05", None)]),
    ("가나 대사는 10월 18일 입국했다.", [("10월 18일", "2023-10-18", None)]),
    ("협상단은 9월 2일 떠났다.", [("9월 2일", "2023-09-02", None)]),
    ("외무부는 9월에 보고서를 냈다.", [("9월", "2023-09", None)]),
    ("9월의 회동과 9월 회동", [("9월", "2023-09", None), ("9월", "2023-09", None)]),
    ("9월에 간행된 논문", [("9월", "2023-09", None)]),
    ("두 정상은 2019년에는 만나지 않았다.", [("2019년", "2019", None)]),
    ("2019년의 합의는 깨졌다.", [("2019년", "2019", None)]),
    ("1991년 말 연방이 무너졌다.", [("1991년 말", "1991", None)]),
    ("1991년 초와 1991년 중반", [("1991년 초", "1991", None), ("1991년 중반", "1991", None)]),
    ("2005년 3월 양국이 수교했다.", [("2005년 3월", "2005-03", None)]),
    ("Published10월 27, 2023 편집", [("10월 27, 2023", "2023-10-27", None)]),
    ("dated Oct. 27, 2023 and", [("Oct. 27, 2023", "2023-10-27", None)]),
    ("dated October 27, 2023.", [("October 27, 2023", "2023-10-27", None)]),
    ("on 27 October 2023 in", [("27 October 2023", "2023-10-27", None)]),
    ("since March 2020,", [("March 2020", "2020-03", None)]),
])
def test_absolute_and_partial_dates(text, expected):
    assert found(text) == expected


def test_month_day_after_publication_is_read_as_last_year():
    assert values("정상회담은 12월 28일 열렸고 12월에 결렬됐다.", JANUARY) == ["2023-12-28", "2023-12"]


def test_month_day_a_few_days_ahead_stays_in_the_publication_year():
    assert values("1월 10일 회의가 예정돼 있다.", JANUARY) == ["2024-01-10"]
    assert values("11월 2일 방한한다.") == ["2023-11-02"]


def test_oneun_looks_forward_and_jinan_looks_back():
    assert values("오는 2월 1일 개막한다.", JANUARY) == ["2024-02-01"]
    assert values("지난 12월 결렬됐다.", JANUARY) == ["2023-12"]
    assert values("지난 3일 열린 회의", FRIDAY) == ["2023-10-03"]
    assert values("지난 10일 서명했다.", JANUARY) == ["2023-12-10"]


def test_bare_day_takes_the_month_last_named_else_the_publication_month():
    assert values("대표단은 18일 도착했다.") == ["2023-10-18"]
    assert values("2019년 6월 1일 회담이 열렸고 7일에도 만났다.") == ["2019-06-01", "2019-06-07"]
    assert values("대표단은 28일 도착했다.", "2023-10-05") == ["2023-09-28"]


def test_glued_machine_translation():
    assert found("연구소 분석가9월에 밝혔다.") == [("9월", "2023-09", None)]


# --- weekdays -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("외교부는 화요일 성명을 냈다.", "2023-10-24"),
    ("대변인은 금요일 말했다.", "2023-10-27"),
    ("일요일에 발사했다.", "2023-10-22"),
    ("지난 금요일 만났다.", "2023-10-20"),
    ("지난주 화요일 만났다.", "2023-10-17"),
    ("이번 주 월요일 만났다.", "2023-10-23"),
    ("다음 주 수요일 만난다.", "2023-11-01"),
    ("오는 금요일 만난다.", "2023-11-03"),
])
def test_weekdays(text, value):
    assert values(text) == [value]


def test_weekday_word_must_be_whole():
    assert found("세월요일이 지나") == []


# --- relative words -------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("어제 회담이 열렸다.", [("어제", "2023-10-26", None)]),
    ("그저께와 그제", [("그저께", "2023-10-25", None), ("그제", "2023-10-25", None)]),
    ("오늘 발표했다. 금일 공개", [("오늘", "2023-10-27", None), ("금일", "2023-10-27", None)]),
    ("지난주 회담", [("지난주", "2023-10-16", "2023-10-22")]),
    ("이번 주에 방문", [("이번 주", "2023-10-23", "2023-10-29")]),
    ("지난달 발표", [("지난달", "2023-09", None)]),
    ("이번 달과 이달", [("이번 달", "2023-10", None), ("이달", "2023-10", None)]),
    ("이달 18일 회동", [("이달 18일", "2023-10-18", None)]),
    ("작년과 지난해", [("작년", "2022", None), ("지난해", "2022", None)]),
    ("지난해 10월 5일 합의", [("지난해 10월 5일", "2022-10-05", None)]),
    ("올해와 금년", [("올해", "2023", None), ("금년", "2023", None)]),
    ("올 9월 회담과 올 들어", [("올 9월", "2023-09", None), ("올", "2023", None)]),
    ("내년 상반기", [("내년 상반기", "2024", None)]),
    ("3일 전 발표", [("3일 전", "2023-10-24", None)]),
    ("2주 전 발표", [("2주 전", "2023-10-13", None)]),
    ("6개월 전 발표", [("6개월 전", "2023-04", None)]),
    # "7년 만에" (for the first time in seven years) dates the happening now, not seven years ago
    ("5년 전과 7년 만에", [("5년 전", "2018", None)]),
    ("사흘 전, 한 달 전", [("사흘 전", "2023-10-24", None), ("한 달 전", "2023-09", None)]),
])
def test_relative_words(text, expected):
    assert found(text) == expected


def test_ol_as_a_verb_is_not_a_year():
    assert found("그가 올 수도 있다.") == []


def test_next_day_chain():
    text = "특사는 10월 18일 도착했다. 다음날 회담했고, 다음날 떠났다."
    assert values(text) == ["2023-10-18", "2023-10-19", "2023-10-20"]


def test_same_day_and_day_before_refer_to_the_date_last_named():
    text = "외무장관은 9월 12일 방문했다. 이날 양측은 합의했다. 전날에는 만찬이 있었다. 이튿날 귀국했다."
    assert values(text) == ["2023-09-12", "2023-09-12", "2023-09-11", "2023-09-12"]


def test_same_day_without_antecedent_is_the_publication_date():
    assert values("이날 외교부는 항의했다.") == ["2023-10-27"]


def test_that_year_takes_the_year_last_named():
    text = "정상들은 2018년 처음 만났다. 그해 10월 다시 만났고, 당시 분위기는 좋았다. 이듬해 결렬됐다."
    assert values(text) == ["2018", "2018-10", "2018", "2019"]


def test_that_year_without_antecedent_is_skipped():
    assert found("당시 대사관은 침묵했다.") == []


# --- spans ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("지난 2년간 제재가 이어졌다.", [("지난 2년간", "2021", "2023")]),
    ("지난 3개월간 교역이 줄었다.", [("지난 3개월간", "2023-07", "2023-10")]),
    ("최근 2년 동안 늘었다.", [("최근 2년 동안", "2021", "2023")]),
    ("지난 3일간 협상했다.", [("지난 3일간", "2023-10-24", "2023-10-27")]),
    ("2018년부터 2019년에 걸쳐 회담했다.", [("2018년부터 2019년에 걸쳐", "2018", "2019")]),
    ("2018∼2019년 협상", [("2018∼2019년", "2018", "2019")]),
    ("2018-2019년 협상", [("2018-2019년", "2018", "2019")]),
    ("1990년대 말 위기", [("1990년대 말", "1990", "1999")]),
    ("회의는 10월 18일부터 20일까지 열렸다.", [("10월 18일부터 20일까지", "2023-10-18", "2023-10-20")]),
    ("회의는 10월 18~20일 열렸다.", [("10월 18~20일", "2023-10-18", "2023-10-20")]),
])
def test_spans(text, expected):
    assert found(text) == expected


def test_span_then_next_day_counts_from_its_end():
    assert values("회의는 10월 18일부터 20일까지 열렸다. 다음날 폐막식") == ["2023-10-18", "2023-10-21"]


# --- things that are not dates --------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "3개국 정상이 모였다.",
    "1,000개의 포탄을 보냈다.",
    "27세의 지도자",
    "정상회담은 2회 열렸다.",
    "6자 회담이 재개됐다.",
    "제2자금원으로 알려졌다.",
    "오전 6시에 발사했다.",
    "일본과 일부 국가는 일대에서 일방적으로",
    "월드컵 예선",
    "30일간 체류했다. 3일째 협상",
    "천 년 동안, 1000년 이상",
    "오늘날의 국제질서",
    "그제서야 알았다.",
    "지난 주말에 만났다.",
])
def test_not_dates(text):
    assert found(text) == []


# --- without a publication date -------------------------------------------------------------------

def test_without_publication_date_only_what_the_text_fixes():
    text = "2023년 10월 18일 회담. 다음날 또 만났다. 어제, 10월 5일, 화요일, 지난해, 지난 2년간."
    assert found(text, None) == [("2023년 10월 18일", "2023-10-18", None), ("다음날", "2023-10-19", None)]


@pytest.mark.parametrize("published", ["2023-10-27", "2023-10-27T09:30:00+09:00", "2023년 10월 27일",
                                       "October 27, 2023"])
def test_publication_date_forms(published):
    assert str(parse_published(published)) == "2023-10-27"
    assert values("어제", published) == ["2023-10-26"]


def test_unreadable_publication_date_skips_relative_dates():
    assert parse_published("last week") is None
    assert found("어제 2019년", "last week") == [("2019년", "2019", None)]


# --- date_for_span --------------------------------------------------------------------------------

def test_date_for_span_gives_the_first_date_starting_inside():
    text = "첫 문장이다. 대사는 화요일 도착했고 10월 18일 떠났다. 마지막 문장."
    dates = find_dates(text, FRIDAY)
    second = text.index("대사는")
    third = text.index("마지막")
    assert date_for_span(dates, second, third).value == "2023-10-24"
    assert date_for_span(dates, 0, second) is None
    assert date_for_span(dates, third, len(text)) is None
    assert date_for_span([], 0, 10) is None
    assert isinstance(date_for_span(dates, 0, len(text)), TimeExpr)

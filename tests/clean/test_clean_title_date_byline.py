"""Title, dateline and byline leave the body and become metadata; given values win."""

from __future__ import annotations

import json

import pytest

from sagwan.clean import clean
from sagwan.clean.bylines import match_byline_line, strip_byline_prefix
from sagwan.clean.datelines import normalise_date, parse_dateline, publication_date
from sagwan.ingest import read_sources, read_text

TITLE = "태국, 캄보디아와 국경 협상 재개"
P1 = "태국 외교부는 캄보디아와 국경 협상을 재개한다고 밝혔다."
P2 = "협상은 방콕에서 열린다."


def _clean(text: str, **kw):
    return clean(read_text(text, source="t.txt", **kw))


# --- title ---------------------------------------------------------------------------------------

def test_a_title_repeated_at_the_top_after_a_nav_word_becomes_the_title_once():
    doc = _clean(f"Close\n\n{TITLE}\n\n{TITLE}\n{P1}\n{P2}")
    assert doc.title == TITLE
    assert doc.text == f"{P1}\n{P2}"


def test_a_headline_shaped_first_line_becomes_the_title():
    doc = _clean(f"{TITLE}\n{P1}\n{P2}")
    assert (doc.title, doc.text) == (TITLE, f"{P1}\n{P2}")


def test_a_first_line_that_is_a_sentence_is_body_not_title():
    doc = _clean(f"{P1}\n{P2}")
    assert doc.title is None and doc.text == f"{P1}\n{P2}"


def test_a_single_line_is_never_taken_as_the_title():
    doc = _clean(TITLE)
    assert doc.title is None and doc.text == TITLE


def test_a_given_title_wins_and_its_repetition_leaves_the_body():
    doc = _clean(f"{TITLE}\n{TITLE}\n{P1}", title="주어진 제목")
    assert doc.title == "주어진 제목"
    assert doc.text == f"{TITLE}\n{TITLE}\n{P1}"      # not the given title: the text's lines stay
    doc = _clean(f"{TITLE}\n{P1}", title=TITLE)
    assert (doc.title, doc.text) == (TITLE, P1)


# --- dateline ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "date"), [
    ("Published 10월 27, 2023", "2023-10-27"),
    ("  • Published10월 27, 2023", "2023-10-27"),
    ("입력 2023.10.27 06:00", "2023-10-27"),
    ("입력 2023.10.27 06:00 수정 2023.10.28 07:10", "2023-10-27"),
    ("수정 2023.10.28 07:10 | 입력 2023.10.27 06:00", "2023-10-27"),
    ("2023-10-27", "2023-10-27"),
    ("2023년 10월 27일", "2023-10-27"),
    ("2023년 10월 27일 (금) 오후 3:20", "2023-10-27"),
    ("Oct 27, 2023", "2023-10-27"),
    ("October 27, 2023 at 6:00 a.m. EDT", "2023-10-27"),
    ("27 October 2023", "2023-10-27"),
    ("기사입력 2024-02-01 09:00:00", "2024-02-01"),
    ("Updated: Nov. 2, 2023 | Published: Nov. 1, 2023", "2023-11-01"),
    ("2024.03.05 14:22 송고", "2024-03-05"),
    ("송고시간2024-03-05 14:22", "2024-03-05"),
    ("기사등록 2024/03/05 14:22:10 최종수정 2024/03/06 09:01:00", "2024-03-05"),
    ("입력 2024.03.05 (14:22) 수정 2024.03.05 (15:40)", "2024-03-05"),
    ("2024년 3월 5일 14시 22분", "2024-03-05"),
    ("24.03.05 14:22 | 최종 업데이트 24.03.06 09:01", "2024-03-05"),
])
def test_a_dateline_becomes_published_and_leaves_the_body(line, date):
    doc = _clean(f"{TITLE}\n{line}\n{P1}\n{P2}")
    assert doc.published == date
    assert doc.text == f"{P1}\n{P2}"


@pytest.mark.parametrize("line", [
    "2023년 10월 27일 태국은 국경을 열었다.", "On Oct 27, 2023 the talks began.", "2024년", "10월 27일",
    "Published works were banned.", "2023-13-45",
])
def test_a_line_with_a_date_in_prose_is_not_a_dateline(line):
    assert parse_dateline(line) is None


def test_an_updated_date_alone_is_used_only_for_lack_of_another():
    items = parse_dateline("수정 2023.10.28")
    assert publication_date(items) == "2023-10-28"
    assert publication_date(items + parse_dateline("2023.10.20")) == "2023-10-20"


def test_given_dates_are_normalised():
    assert normalise_date("2023-10-27T06:00:00+09:00") == "2023-10-27"
    assert normalise_date("Fri, 27 Oct 2023 06:00:00 GMT") == "2023-10-27"
    assert normalise_date("2023년 10월 27일") == "2023-10-27"
    assert normalise_date("soon") is None


def test_given_title_and_published_in_json_lines_win(tmp_path):
    text = f"{TITLE}\n{TITLE}\n입력 2024.01.01 06:00\n{P1}"
    path = tmp_path / "b.jsonl"
    path.write_text(json.dumps({"text": text, "title": "다른 제목", "published": "2024-01-02T08:00:00Z"},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    [raw] = read_sources([str(path)])
    doc = clean(raw)
    assert (doc.title, doc.published) == ("다른 제목", "2024-01-02")
    assert "입력" not in doc.text


def test_an_unusable_given_date_falls_back_to_the_text():
    doc = _clean(f"{TITLE}\n입력 2024.01.01\n{P1}", published="어제")
    assert doc.published == "2024-01-01"


# --- byline --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "author", "email"), [
    ("홍길동 기자", "홍길동", None),
    ("홍길동 기자 hong@example.com", "홍길동", "hong@example.com"),
    ("/김철수·이영희 특파원", "김철수, 이영희", None),
    ("기자 이메일: reporter@example.com", None, "reporter@example.com"),
    ("By Jane Doe", "Jane Doe", None),
    ("By Jane Doe and John Roe", "Jane Doe, John Roe", None),
])
def test_a_byline_line_becomes_metadata_and_leaves_the_body(line, author, email):
    doc = _clean(f"{TITLE}\n{line}\n{P1}\n{P2}")
    assert doc.text == f"{P1}\n{P2}"
    assert doc.meta.get("author") == author
    assert doc.meta.get("email") == email
    assert doc.meta["byline"]


@pytest.mark.parametrize(("first", "rest", "outlet"), [
    (f"(방콕=한빛통신) 홍길동 특파원 = {P1}", P1, "한빛통신"),
    (f"[서울=동해뉴스] {P1}", P1, "동해뉴스"),
    (f"홍길동 기자 = {P1}", P1, None),
    ("BANGKOK (Example Wire) - Thailand reopened talks.", "Thailand reopened talks.", "Example Wire"),
])
def test_a_byline_prefix_is_cut_from_the_first_paragraph(first, rest, outlet):
    doc = _clean(f"{TITLE}\n{first}\n{P2}")
    assert doc.text == f"{rest}\n{P2}"
    assert doc.meta.get("outlet") == outlet


def test_a_byline_and_dateline_on_one_line():
    doc = _clean(f"{TITLE}\n홍길동 기자 | 입력 2024.02.01 09:00\n{P1}")
    assert (doc.text, doc.published, doc.meta["author"]) == (P1, "2024-02-01", "홍길동")


def test_prose_is_not_a_byline():
    assert match_byline_line("By the end of the year, prices rose.") is None
    assert match_byline_line("홍길동 기자는 현장을 취재했다.") is None
    assert strip_byline_prefix("태국은 (방콕=한빛통신) 이라고 썼다.")[1] is None


def test_the_given_outlet_wins_over_the_byline():
    doc = _clean(f"{TITLE}\n(방콕=한빛통신) 홍길동 기자 = {P1}", outlet="동해일보")
    assert doc.meta["outlet"] == "동해일보"


# --- lines that mix outlet, date, section and byline ----------------------------------------------

def test_a_sentence_shaped_first_line_followed_by_a_dateline_is_the_title():
    headline = "태국 총리 “국경 협상 서두르겠다”고 밝혔다"
    doc = _clean(f"{headline}\n2024년 3월 1일\n{P1}\n{P2}")
    assert (doc.title, doc.published, doc.text) == (headline, "2024-03-01", f"{P1}\n{P2}")


@pytest.mark.parametrize(("line", "outlet"), [
    ("한빛일보 2024.05.17", "한빛일보"),
    ("2024-05-17 08:30 | 한빛일보", "한빛일보"),
    ("KNB 뉴스 | 2024년 5월 17일 오후 9시", "KNB 뉴스"),
    ("Example Daily News | May 17, 2024", "Example Daily News"),
])
def test_an_outlet_named_in_the_dateline_is_the_outlet(line, outlet):
    doc = _clean(f"{TITLE}\n{line}\n{P1}")
    assert (doc.text, doc.published, doc.meta["outlet"]) == (P1, "2024-05-17", outlet)


def test_a_section_name_in_the_dateline_is_dropped_with_it():
    doc = _clean(f"{TITLE}\n2024-05-17 09:15 | 국제면\n{P1}")
    assert (doc.text, doc.published) == (P1, "2024-05-17")


@pytest.mark.parametrize("line", ["(방콕=한빛통신) 홍길동 특파원 =",
                                  "(방콕=한빛통신) 홍길동 특파원 = 2024.05.17 07:30"])
def test_an_agency_byline_on_its_own_line(line):
    doc = _clean(f"{TITLE}\n{line}\n{P1}")
    assert (doc.text, doc.meta["outlet"], doc.meta["author"]) == (P1, "한빛통신", "홍길동")


@pytest.mark.parametrize(("line", "author"), [
    ("홍길동 방콕 특파원", "홍길동"),
    ("한빛일보 홍길동 기자", "홍길동"),
    ("(방콕발 종합) 홍길동 기자", "홍길동"),
])
def test_correspondent_bylines(line, author):
    doc = _clean(f"{TITLE}\n{line}\n{P1}")
    assert (doc.text, doc.meta["author"]) == (P1, author)
    assert doc.meta.get("outlet") in (None, "한빛일보")


def test_broadcast_script_labels_leave_the_body():
    doc = _clean(f"{TITLE}\n[앵커]\n{P1}\n[기자]\n{P2}")
    assert doc.text == f"{P1}\n{P2}"


def test_header_lines_above_a_dated_headline_leave_the_body():
    doc = _clean(f"동남아 시사 포털\n[단독]\n{TITLE}\n입력 2024.03.01 09:00\n{P1}\n{P2}")
    assert (doc.title, doc.published, doc.text) == (TITLE, "2024-03-01", f"{P1}\n{P2}")


def test_a_dateline_after_the_first_paragraph_does_not_make_it_a_title():
    doc = _clean(f"{P1}\n2024.03.01\n{P2}")
    assert (doc.title, doc.text) == (None, f"{P1}\n{P2}")

"""Each furniture family, in Korean and English, on small pages written for these tests.

A rule drops a line only when it matches the whole line; short body lines and sentences that merely
contain a furniture word stay.
"""

from __future__ import annotations

import pytest

from sagwan.clean import clean
from sagwan.clean.furniture import furniture
from sagwan.ingest import read_text

BODY_KO = ["필리핀과 베트남은 해양 협력 각서에 서명했다.", "양국은 해경 핫라인을 열기로 했다."]
BODY_EN = ["Vietnam and the Philippines signed a maritime cooperation memorandum.", "The deal covers coast guards."]


def _body(lines: list[str], title: str = "제목") -> list[str]:
    return clean(read_text("\n".join(lines), source="t.txt", title=title)).text.splitlines()


FURNITURE = {
    "nav": ["Close", "Menu", "닫기", "메뉴", "검색", "전체메뉴 닫기", "Skip to content", "홈 > 국제 > 아시아",
            "본문 바로가기"],
    "related": ["READ  캄보디아, 새 총리 선출 |", "Read more: Thailand holds election", "관련기사",
                "[관련기사] 라오스 철도 개통", "관련 기사: 미얀마 정세 불안", "함께 보면 좋은 기사", "많이 본 뉴스",
                "Related articles", "See also: ASEAN summit", "You may also like"],
    "share": ["이 기사를 공유합니다 | 페이스북 | 엑스 | 이메일",
              "공유하기", "인쇄", "Share", "Print", "카카오톡 공유", "공유 | 인쇄 | 스크랩", "Share Tweet Email",
              "페이스북 트위터 카카오톡 링크복사", "가 가", "글자크기 설정", "댓글 0"],
    "comment": ["Leave a Reply", "댓글 남기기", "이메일 주소는 공개되지 않습니다. 필수 필드는 *로 표시됩니다",
                "필수 필드는 *로 표시됩니다", "Post Comment", "Your email address will not be published.",
                "Required fields are marked *", "Cancel reply", "이름 *", "Website"],
    "copyright": ["무단 전재 및 재배포 금지", "<저작권자(c) 한빛통신, 무단 전재-재배포 금지>",
                  "Copyright © 2024 Example Daily",
                  "ⓒ 동해일보", "© 2023 Example News. All rights reserved.", "All Rights Reserved."],
    "subscribe": ["Subscribe", "구독하기", "Sign up for our morning newsletter", "네이버에서 한빛통신을 구독하세요!",
                  "뉴스레터 구독 신청하기"],
    "photo": ["[사진=한빛통신]", "사진 제공=외교부", "Photo: Example Wire", "(Photo by Jane Doe/AFP)",
              "그래픽=김한빛 기자",
              "김철수/AP 연합뉴스", "▲ 28일 한빛시 상공에서 폭발하는 무인기 (사진=한빛통신)",
              "[한빛통신 자료사진] 가상국 외무장관", "[사진] 청사 전경. 한빛일보DB",
              "[외교부 제공] 13일 촬영된 위성사진.",
              "[가상시=AP/한빛통신] 한 대통령이 22일 발언하고 있다. 2025.11.23.", "한빛일보DB",
              "(서울=한빛통신) 홍길동 기자 = hong@hanbit.example"],
    "signoff": ["한빛방송 뉴스 홍길동입니다.", "뉴욕에서 HBS 뉴스 홍길동입니다", "지금까지 국제부 홍길동 기자였습니다",
                "영상편집: 김한빛", "촬영기자:이한빛", "서울에서 홍길동 특파원이 보도합니다"],
    "prompt": ["당신의 의견을 남겨주세요", "이 기사 어떠셨나요?", "'당신의 제보가 뉴스가 됩니다'"],
    "ad": ["Advertisement", "광고", "AD"],
}


@pytest.mark.parametrize(("family", "line"), [(f, ln) for f, lines in FURNITURE.items() for ln in lines])
def test_a_furniture_line_between_paragraphs_leaves_the_body(family, line):
    body = BODY_KO if any("\uac00" <= c <= "\ud7a3" for c in line) else BODY_EN
    assert _body([body[0], line, body[1]]) == body
    assert furniture().match(line) is not None


GENUINE = [
    "회담은 끝났다.", "It rained.", "He declined.", "메뉴에는 냉면이 올랐다.", "검색 결과는 공개되지 않았다.",
    "닫기 어려운 협상이었다.", "Close aides said so.", "Share prices fell 3%.", "Print media were banned.",
    "Read the statement in full.", "Related to this, Hanoi protested.", "관련 기사에 따르면 협상은 결렬됐다.",
    "인쇄 매체 기자들이 현장을 찾았다.", "저작권 분쟁은 계속됐다.", "Copyright law was amended in March.",
    "사진 촬영은 허용되지 않았다.", "By then, talks had failed.", "구독자 수는 두 배로 늘었다.",
    "2019년 협정이 만료됐다.", "광고 규제가 강화됐다.", "3월 4일", "정부 입장입니다.", "외교부 발표입니다.",
    "취재진은 현장에 도착했다.",
]


@pytest.mark.parametrize("line", GENUINE)
def test_a_genuine_short_line_stays(line):
    lines = [BODY_KO[0], line, BODY_KO[1]]
    assert _body(lines) == lines


def test_a_wire_lede_is_no_photo_caption():
    # a caption ends with the date of the shot; the article's first paragraph, with the same bracket, does not
    assert furniture().match("[서울=한빛통신] 홍길동 기자 = 정상들이 22일 공동선언을 채택했다.") is None
    assert furniture().match("[가상시=한빛통신] 정상들이 손을 맞잡고 있다. 2025.11.23.") is not None


def test_headlines_under_a_list_heading_go_but_the_next_sentence_stays():
    lines = [BODY_KO[0], "관련기사", "라오스, 철도 개통 1주년", "▶ 미얀마 군정 선거 연기", BODY_KO[1]]
    assert _body(lines) == BODY_KO


def test_a_comment_thread_header_drops_the_comments_after_it():
    lines = [*BODY_EN, "2 thoughts on “Maritime deal”", "Great reporting, thank you.", "Agree with the above."]
    assert _body(lines) == BODY_EN
    ko = [*BODY_KO, "댓글 3개", "좋은 기사 감사합니다."]
    assert _body(ko) == BODY_KO


def test_a_comment_count_in_the_header_does_not_cut_the_article():
    lines = ["댓글 0", *BODY_KO]
    assert _body(lines) == BODY_KO


def test_only_furniture_is_an_input_error():
    from sagwan.errors import InputError

    with pytest.raises(InputError, match="no article text left"):
        clean(read_text("Close\nShare\nLeave a Reply\n무단 전재 및 재배포 금지\n", source="chrome.txt"))


def test_whitespace_is_collapsed_and_blank_lines_removed():
    text = "\n\n  필리핀은\u00a0 발표했다.  \n\n\n\t베트남은\u200b 환영했다.\n"
    assert clean(read_text(text, title="t")).text == "필리핀은 발표했다.\n베트남은 환영했다."


def test_the_rules_are_data_with_a_note_for_each():
    from sagwan.clean._data import read_tsv

    rows = read_tsv("furniture.tsv")
    assert len(rows) > 20
    assert all(len(r) == 4 and r[3].strip() for r in rows)
    assert {r[0] for r in rows} >= {"nav", "related", "share", "comment", "copyright", "subscribe", "photo"}


def test_the_copyright_holder_is_the_outlet_when_nothing_better_names_one():
    doc = clean(read_text("\n".join([*BODY_KO, "ⓒ 동해일보"]), title="t"))
    assert doc.meta["outlet"] == "동해일보"
    assert "copyright_outlet" not in doc.meta        # working keys do not reach the record


def test_byline_rules_are_data_with_a_note_for_each():
    from sagwan.clean._data import read_tsv

    rows = read_tsv("bylines.tsv")
    assert {r[0] for r in rows} == {"prefix", "line"}
    assert all(len(r) == 3 and r[2].strip() for r in rows)


# A furniture phrase on a line that also holds article text: the phrase goes, the text stays.
PHRASES = [
    ("필리핀과 베트남은 해양 협력 각서에 서명했다. 양국은 핫라인을 열기로 했다. 무단 전재 및 재배포 금지",
     "필리핀과 베트남은 해양 협력 각서에 서명했다. 양국은 핫라인을 열기로 했다."),
    ("양국은 핫라인을 열기로 했다. <ⓒ동해일보 무단전재-재배포 금지>", "양국은 핫라인을 열기로 했다."),
    ("양국은 핫라인을 열기로 했다. 무단복제 및 배포 금지.", "양국은 핫라인을 열기로 했다."),
    ("양국은 핫라인을 열기로 했다. [로이터=뉴시스]", "양국은 핫라인을 열기로 했다."),
    ("양국은 핫라인을 열기로 했다. (사진=외교부 제공)", "양국은 핫라인을 열기로 했다."),
    ("양국은 핫라인을 열기로 했다고 밝혔다. 김동해 특파원 kim.dh@example.org", "양국은 핫라인을 열기로 했다고 밝혔다."),
]


@pytest.mark.parametrize(("line", "kept"), PHRASES)
def test_a_furniture_phrase_is_cut_from_a_line_of_text(line, kept):
    assert _body([line, BODY_KO[1]]) == [kept, BODY_KO[1]]


@pytest.mark.parametrize("line", [
    "정부는 재배포 금지 조항을 두었다.", "양측은 무단 전재를 금지하는 협정에 서명했다.",
    "문의는 press@example.org 로 하면 된다고 밝혔다.", "AFP=연합뉴스 보도에 따르면 회담이 열렸다.",
    "사진 촬영은 허용되지 않았다.", "▲ 표시는 증가를 뜻한다.",
])
def test_a_sentence_that_only_mentions_furniture_words_stays(line):
    assert line in _body([BODY_KO[0], line, BODY_KO[1]])


@pytest.mark.parametrize("line", [
    "홍길동 기자 기사모아보기", "이 기자의 다른 기사 보기", "관련기사 더보기", "[연관뉴스]", "무단전재 및 재배포금지",
    "<한빛일보 무단 전재 및 재배포, AI 학습 및 활용 금지>", "▲ 회담장에 들어서는 두 장관. (사진=외교부 제공)",
])
def test_portal_furniture_lines_leave_the_body(line):
    assert _body([BODY_KO[0], line, BODY_KO[1]]) == BODY_KO

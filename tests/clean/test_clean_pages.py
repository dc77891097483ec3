"""Whole scraped pages (written for these tests, Korean and English): what stays, what goes, what is kept aside."""

from __future__ import annotations


def test_wordpress_page_in_korean(page):
    doc = page("ko_wordpress.txt")
    assert doc.title == "몽골, 한국과 희토류 공급망 협력 확대 합의"
    assert doc.published == "2024-03-05"
    assert doc.language == "ko"
    assert doc.text.splitlines() == [
        "몽골 정부는 한국과 희토류 공급망 협력을 넓히기로 합의했다고 화요일 밝혔다.",
        "양국 산업부 차관은 울란바토르에서 만나 공동 탐사 사업을 논의했다.",
        "몽골 측은 “자원 개발에서 한국 기업의 기술력이 필요하다”고 말했다.",
        "1990년 수교했다.",
        "한국 측 대표단은 다음 달 후속 회의를 열 예정이다.",
    ]


def test_korean_newspaper_page_with_agency_byline(page):
    doc = page("ko_newspaper.txt")
    assert doc.title == "한·일 외교장관, 도쿄서 셔틀외교 복원 논의"
    assert doc.published == "2024-02-14"          # 입력, not 수정
    assert doc.meta["updated"] == "2024-02-15"
    assert doc.meta["outlet"] == "한빛통신"
    assert doc.meta["author"] == "김한빛"
    assert doc.meta["email"] == "hanbit@example.com"
    assert "(도쿄=한빛통신) 김한빛 특파원" in doc.meta["byline"]
    assert doc.text.splitlines() == [
        "한국과 일본 외교장관이 14일 도쿄에서 회담하고 정상 간 셔틀외교를 이어가기로 했다.",
        "양측은 경제안보 대화를 정례화하는 방안도 검토했다.",
        "회담은 약 90분간 진행됐다.",
    ]


def test_english_news_page(page):
    doc = page("en_news.txt")
    assert doc.title == "Australia and the Philippines hold first joint sail"
    assert doc.published == "2023-11-25"
    assert doc.language == "en"
    assert doc.meta["author"] == "Jane Doe"
    assert doc.meta["outlet"] == "Example Wire"
    assert doc.text.splitlines() == [
        "Australia and the Philippines held their first joint naval patrol in the South China Sea on Saturday, "
        "officials said.",
        "The two-day sail involved two warships and surveillance aircraft.",
        "Related to this, Manila said more drills were planned.",
        "It ended Sunday.",
    ]


def test_every_page_has_one_paragraph_per_line_and_no_blank_lines(page):
    for name in ("ko_wordpress.txt", "ko_newspaper.txt", "en_news.txt", "ko_article.html"):
        text = page(name).text
        assert "\n\n" not in text and text == text.strip()
        assert all(line == line.strip() and "  " not in line for line in text.splitlines())


def test_the_record_carries_the_metadata_in_doc(page):
    rec = page("ko_newspaper.txt").to_record()
    assert rec["doc"]["outlet"] == "한빛통신" and rec["doc"]["byline"]


def test_portal_and_wire_furniture_leaves_the_body(page):
    """기사승인, a caption with its wire credit, an inline photo credit, a reporter's e-mail glued to the last
    paragraph, 기사모아보기, a 무단전재 footer variant and a related-article list all go; the article stays."""
    doc = page("ko_portal.txt")
    assert doc.title == "라오스·캄보디아, 메콩강 수자원 공동위원회 재가동 합의"
    assert doc.published == "2024-06-12"
    assert doc.text.splitlines() == [
        "라오스와 캄보디아가 12일 비엔티안에서 외교장관 회담을 열고 "
        "메콩강 수자원 공동위원회를 다시 가동하기로 합의했다.",
        "두 장관은 하류 지역의 가뭄 대책을 함께 마련하기로 했다고 밝혔다.",
        "캄보디아 외교장관은 \"댐 방류 정보를 제때 나누는 것이 핵심\"이라고 말했다.",
    ]

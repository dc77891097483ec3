"""HTML pages go through trafilatura (main text, title, site) and htmldate (first-published date);
the "READ …" inserts that trafilatura keeps are removed by the furniture rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from sagwan.clean import clean
from sagwan.clean.html import extract_html
from sagwan.errors import InputError
from sagwan.ingest import read_text

PAGE = (Path(__file__).parent / "pages" / "ko_article.html").read_text(encoding="utf-8")


def test_trafilatura_alone_keeps_the_read_insert():
    # the reason the furniture filter runs on HTML too; if trafilatura ever drops it, this says so
    assert "READ" in extract_html(PAGE).text


def test_html_page_is_cleaned(page):
    doc = page("ko_article.html")
    assert doc.title == "필리핀, 남중국해 순찰 강화 발표"
    assert doc.published == "2024-04-02"          # published_time, not modified_time
    assert doc.language == "ko"
    assert doc.meta["site_name"] == "동해일보"
    assert doc.meta["outlet"] == "동해일보"
    assert doc.meta["url"] == "https://www.donghae-ilbo.example/2024/04/02/philippines-patrol/"
    assert doc.meta["author"] == "박서연"
    lines = doc.text.splitlines()
    assert lines[0].startswith("필리핀 정부는 남중국해")          # byline prefix cut
    assert "순찰은 이달 중순 시작된다." in lines                 # a short body line stays
    for furniture in ("READ", "베트남, 어업 협정", "Close", "Leave a Reply", "이메일 주소는", "Post Comment",
                      "최근 글", "태국 총리", "Copyright", "Published"):
        assert furniture not in doc.text, furniture
    assert not {"홈", "국제", "정치"} & set(lines)                  # the menu


def test_html_without_main_text_is_an_input_error():
    raw = read_text("<html><head><title>x</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
                    source="empty.html")
    with pytest.raises(InputError, match="empty.html: no article text"):
        clean(raw)


def test_the_url_domain_is_the_outlet_when_nothing_else_names_one():
    html = ("<html><body><article><p>The foreign ministers met in Jakarta on Monday and agreed to hold "
            "regular talks on maritime security, officials from both sides said after the meeting.</p>"
            "<p>They will meet again next year in Hanoi to review progress on the agreement.</p>"
            "</article></body></html>")
    doc = clean(read_text(html, source="x.html", url="https://www.example-news.test/world/1"))
    assert doc.meta["outlet"] == "example-news.test"
    assert doc.meta["url"] == "https://www.example-news.test/world/1"


def test_site_name_from_the_title_tag_and_author_from_a_byline():
    html = ("<html><head><title>Thai and Cambodian ministers meet | Example Times</title>"
            '<meta property="og:title" content="Thai and Cambodian ministers meet">'
            '<meta name="author" content="홍길동 방콕 특파원; 입력"></head><body><article>'
            "<h1>Thai and Cambodian ministers meet</h1>"
            "<p>The foreign ministers of Thailand and Cambodia met in Bangkok on Monday to discuss the border, "
            "officials from both governments said after the talks ended.</p>"
            "<p>They agreed to set up a joint committee that will report back within six months.</p>"
            "</article></body></html>")
    doc = clean(read_text(html, source="t.html"))
    assert doc.title == "Thai and Cambodian ministers meet"
    assert doc.meta["site_name"] == doc.meta["outlet"] == "Example Times"
    assert doc.meta["author"] == "홍길동"
    assert doc.language == "en"

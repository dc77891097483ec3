from __future__ import annotations

import json
import re

import pytest

from sagwan.errors import ConfigError
from sagwan.serve.web.report import (
    ReportOptions,
    _json_for_script,
    build_report,
    parse_pairs,
    report_context,
    sentence_parts,
    write_report,
)


@pytest.fixture
def html(fake_store):
    return build_report(fake_store, ReportOptions(by="year", min_events=1))


def test_report_is_self_contained(html):
    assert not re.search(r'<(script|link)[^>]+(src|href)="(?!data:)', html)     # nothing loaded from anywhere
    assert "echarts" in html and "SagwanCharts" in html
    assert 'id="report-data"' in html


def test_report_sections_and_evidence(html):
    for anchor in ("timeline-section", "dyads-section", "triangle-section", "network-section", "evidence-section"):
        assert f'id="{anchor}"' in html
    # the evidence row shows the sentence with the trigger in bold, and its source
    assert "북한 외무상이 3월 12일 모스크바를 <b class=\"trigger\">방문해</b> 러시아 외무장관과 회담했다." in html
    assert 'id="ev-PRK-RUS-e-visit"' in html and "Test Daily" in html
    # the triangle for the year: RUS is the pivot of a romantic triangle
    assert "romantic triangle: pivot RUS" in html


def test_untrusted_text_is_escaped(html):
    assert "밀가루 지원 &lt;b&gt;속보&lt;/b&gt;" in html and "<b>속보</b>" not in html
    payload = _json_for_script({"x": "</script><script>alert(1)</script>&"})
    assert "<" not in payload and ">" not in payload and "&" not in payload
    assert json.loads(payload) == {"x": "</script><script>alert(1)</script>&"}


def test_report_types_follow_the_options(fake_store):
    ctx = report_context(fake_store.events(), fake_store, ReportOptions(by="quarter"))
    assert [w["type"] for w in ctx["triangle"]["windows"]] == ["marriage", "marriage", "romantic"]
    assert ctx["triangle"]["memory"] == 4 and ctx["memory"] == 4
    ctx = report_context(fake_store.events(), fake_store, ReportOptions(by="quarter", memory=1))
    assert [w["type"] for w in ctx["triangle"]["windows"]] == ["marriage", "incomplete", "incomplete"]
    assert [d["key"] for d in ctx["dyads"]] == ["PRK-RUS", "PRK-CHN", "CHN-RUS"]
    ctx = report_context(fake_store.events(), fake_store, ReportOptions(dyads=[("PRK", "RUS")], triangle=None))
    assert [d["key"] for d in ctx["dyads"]] == ["PRK-RUS"] and ctx["triangle"] is None


def test_sentence_parts_guards_offsets():
    text = "가나다. 라마바사."
    parts = sentence_parts(text, {"start": 5, "end": 7, "sentence_start": 5, "sentence_end": 10})
    assert parts == ("", "라마", "바사.")
    assert sentence_parts(text, {"start": 1, "end": 2, "sentence_start": 5, "sentence_end": 99}) is None
    assert sentence_parts(None, {"sentence": "통째로"}) == ("통째로", "", "")


def test_write_report_is_atomic_and_names_the_problem(fake_store, tmp_path):
    out = write_report(fake_store, tmp_path / "r.html")
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")
    with pytest.raises(ConfigError, match="cannot write the report"):
        write_report(fake_store, tmp_path / "missing" / "r.html")
    assert not list(tmp_path.glob("**/*.tmp"))


def test_parse_pairs():
    assert parse_pairs(["PRK,RUS", "CHN-RUS", "org:un,person:kim-jong-un"]) == [
        ("PRK", "RUS"), ("CHN", "RUS"), ("org:un", "person:kim-jong-un")]
    with pytest.raises(ConfigError, match="two different"):
        parse_pairs(["PRK"])


def test_summary_and_years_shown(fake_store):
    html = build_report(fake_store)
    assert "Articles published <b>2024-03-13</b> to <b>2024-08-09</b>" in html
    assert 'id="glance"' in html and "2024: <b>3</b> (+6.1)" in html      # PRK–RUS: 3 events in 2024
    assert "latest quarter with events, 2024-Q3: <b>romantic triangle: pivot RUS</b>" in html


def test_an_outlier_date_does_not_stretch_the_charts(fake_store):
    # an article recalls an old treaty: one event dated decades before the news
    old = dict(fake_store.events()[0], id="e-old", date="1961-07-11")
    fake_store._events.append(old)
    ctx = report_context(fake_store.events(), fake_store, ReportOptions())
    span = ctx["span"]
    assert (span.reason, span.first, span.last, span.outside, span.outside_from) == (
        "publication", 2024, 2024, 1, "1961-07-11")
    prk_rus = ctx["dyads"][0]
    assert prk_rus["series"]["periods"] == ["2024-Q1", "2024-Q2"] and prk_rus["outside"] == 1
    assert ctx["timeline"]["periods"][0] == "2024-03"
    assert "1961" not in json.dumps([n for n in ctx["network"]["edges"]])
    html = build_report(fake_store)
    assert "Charts and tables show <b>2024–2024</b>" in html and "1961-07-11" in html
    # dates the reader chose are kept as they are
    chosen = report_context(fake_store.events(), fake_store, ReportOptions(date_from="1960"))
    assert chosen["span"].reason == "options" and chosen["dyads"][0]["series"]["periods"][0] == "1961-Q3"

"""Who said what, through the public door `sagwan.extract`: direct quotes, reported clauses,
'X에 따르면', 'X가 … 말한 바에 의하면', outlets that carried the words, and when they were said.

Names are invented (checked against the gazetteer); PUBLISHED (conftest) is Friday 2024-03-15.
"""

from __future__ import annotations

import pytest

from sagwan import gazetteer

INVENTED_NAMES = ("탕웨이린", "사토 겐지", "사토", "알렉산드르 보로딘", "필립 로랑", "로랑", "에밀리 로스",
                  "헨리 오스굿", "오스굿", "마크 요르단")

SAID = "중국 외교부 탕웨이린 대변인은 “우리는 한반도의 평화를 지지한다”라고 말했다."
REVEALED = "일본 외무성 사토 겐지 대변인은 “북한의 행동은 용납할 수 없다”라고 밝혔다."
STRESSED = "러시아 대사관 알렉산드르 보로딘 참사관은 “양국 관계는 최고 수준”이라고 강조했다."
SPEAKER_AFTER = "“제재는 계속될 것”이라고 필립 로랑 주한 프랑스 대사는 말했다."
SPEAKER_AFTER_GO = "“대화의 문은 열려 있다”고 에밀리 로스 일본 외무상은 말했다."
TWO_SPEAKERS = ("일본 외무성 사토 겐지 대변인은 “중국의 훈련은 위협적”이라고 말했다. "
                "중국 외교부 탕웨이린 대변인은 “일본의 주장은 근거가 없다”라고 반박했다.")
INDIRECT_DAGO = "미국은 북한이 미사일 시험을 중단해야 한다고 말했다."
INDIRECT_RAGO = "일본 정부는 그 조치가 국제법 위반이라고 밝혔다."
DAMYEO = "중국은 한반도 긴장이 높아지고 있다며 관련국의 자제를 당부했다."
OUTLET_REPORTED = "조선중앙통신은 새 미사일이 성공적으로 시험됐다고 보도했다."
INDIRECT_SPEAKER_AFTER = "북한이 러시아에 무기를 보냈다고 미국은 밝혔다."
ACCORDING_TO = "로이터에 따르면 러시아는 북한에 정제유를 추가로 보냈다."
SAID_BY = "필립 로랑 대사가 기자들에게 말한 바에 의하면 프랑스는 평양에 연락사무소를 열 계획이다."
VIA_OUTLET = ("김정은 국무위원장은 군수공장을 시찰했다. "
              "조선중앙통신에 따르면 김 위원장은 무기 생산을 늘려야 한다고 강조했다.")
CONTINUED = ("필립 로랑 주한 프랑스 대사는 수요일 서울에서 “프랑스는 한반도 비핵화를 지지한다”라고 말했다.\n\n"
             "“우리는 모든 당사국과 대화할 준비가 돼 있다.”")
SURNAME_SPEAKER = "헨리 오스굿 씨는 북한 경제를 연구한다. 오스굿은 “제재가 효과를 내고 있다”라고 말했다."
SURNAME_IS_STATE = "마크 요르단 연구원은 중동 정세를 분석했다. 요르단은 “긴장이 높아지고 있다”라고 말했다."
DATED_WEEKDAY = "필립 로랑 주한 프랑스 대사는 수요일 “러시아는 2019년 약속을 어겼다”라고 말했다."
DATED_JINAN = "필립 로랑 주한 프랑스 대사는 지난 11일 “북한은 대화에 나서야 한다”라고 말했다."
DIRECT_RAMYEO = "일본 외무성 사토 겐지 대변인은 “중국의 훈련은 위협적”이라며 자제를 촉구했다."
INDIRECT_WITH_ADVERBIALS = ("중국 외교부 탕웨이린 대변인은 목요일 정례 브리핑에서 "
                            "중국이 어떤 무기도 제공하지 않았다고 말했다.")
DATED_REPORT = "교도통신의 13일 보도에 따르면 중국은 북한에 비료를 보냈다."
ADDED = "탕웨이린 대변인은 이어 “중국은 책임 있는 대국”이라고 덧붙였다."
EMPHASIS = "한국 정부는 도발에 ‘단호히’ 대응하겠다고 밝혔다."
NO_SPEECH = "러시아는 화요일 우크라이나를 공격했다."

ALL_SENTENCES = [v for k, v in dict(globals()).items() if k.isupper() and isinstance(v, str)]


def only(r, kind: str | None = None) -> dict:
    qs = [q for q in r.quotes if kind is None or q["kind"] == kind]
    assert len(qs) == 1, f"expected one {kind or ''} quote{r.short()}"
    return qs[0]


def speaker_name(r, q) -> str | None:
    a = r.actor(q["speaker"]) if q["speaker"] else None
    return a["name"] if a else None


def test_invented_names_are_not_in_the_gazetteer():
    known = gazetteer.aliases()
    assert [n for n in INVENTED_NAMES if n in known or n.replace(" ", "") in known] == []


# ---- direct quotes ---------------------------------------------------------------------------

def test_direct_quote_said_by_the_named_spokesperson(ko):
    r = ko(SAID)
    q = only(r)
    assert (q["kind"], q["cue"], q["text"]) == ("direct", "말했다", "우리는 한반도의 평화를 지지한다")
    assert speaker_name(r, q) == "탕웨이린"
    assert q["speaker_text"] == "탕웨이린"


def test_direct_quote_with_balkhyeotda(ko):
    r = ko(REVEALED)
    q = only(r)
    assert (q["kind"], q["cue"], q["text"]) == ("direct", "밝혔다", "북한의 행동은 용납할 수 없다")
    assert speaker_name(r, q) == "사토 겐지"


def test_direct_quote_with_gangjohaetda_is_the_person_not_the_embassy(ko):
    r = ko(STRESSED)
    q = only(r)
    assert (q["cue"], q["text"]) == ("강조했다", "양국 관계는 최고 수준")
    assert r.actor(q["speaker"])["kind"] == "person"
    assert speaker_name(r, q) == "알렉산드르 보로딘"


def test_speaker_after_the_quote_irago(ko):
    r = ko(SPEAKER_AFTER)
    q = only(r)
    assert (q["kind"], q["text"], q["cue"]) == ("direct", "제재는 계속될 것", "말했다")
    assert speaker_name(r, q) == "필립 로랑"


def test_speaker_after_the_quote_go(ko):
    r = ko(SPEAKER_AFTER_GO)
    q = only(r)
    assert q["text"] == "대화의 문은 열려 있다"
    assert speaker_name(r, q) == "에밀리 로스"


def test_direct_quote_with_ramyeo(ko):
    """'“…”이라며 …를 촉구했다': the words in the marks are a direct quote, without the marks."""
    r = ko(DIRECT_RAMYEO)
    q = only(r)
    assert (q["kind"], q["text"]) == ("direct", "중국의 훈련은 위협적"), r.short()
    assert speaker_name(r, q) == "사토 겐지"


def test_direct_quote_with_deotbutyeotda(ko):
    r = ko(ADDED)
    q = only(r)
    assert (q["kind"], q["cue"], q["text"]) == ("direct", "덧붙였다", "중국은 책임 있는 대국")
    assert speaker_name(r, q) == "탕웨이린"


def test_two_sentences_two_speakers(ko):
    r = ko(TWO_SPEAKERS)
    got = [(speaker_name(r, q), q["text"], q["cue"]) for q in r.quotes]
    assert got == [("사토 겐지", "중국의 훈련은 위협적", "말했다"),
                   ("탕웨이린", "일본의 주장은 근거가 없다", "반박했다")], r.short()


def test_quoted_paragraph_without_a_cue_continues_the_previous_speaker(ko):
    r = ko(CONTINUED)
    assert len(r.quotes) == 2, r.short()
    first, second = r.quotes
    assert second["text"] == "우리는 모든 당사국과 대화할 준비가 돼 있다"
    assert second["kind"] == "direct"
    assert second["speaker"] == first["speaker"]
    assert speaker_name(r, second) == "필립 로랑"


def test_bare_western_surname_is_the_speaker(ko):
    r = ko(SURNAME_SPEAKER)
    q = only(r)
    assert (q["speaker"], q["speaker_text"]) == ("person:헨리-오스굿", "오스굿")


def test_surname_that_is_a_country_name_speaks_as_the_person(ko):
    r = ko(SURNAME_IS_STATE)
    q = only(r)
    assert q["speaker_text"] == "요르단"
    assert q["speaker"] != "JOR", r.short()
    assert r.actor(q["speaker"])["kind"] == "person", r.short()


def test_single_quotes_around_a_word_are_emphasis_not_speech(ko):
    r = ko(EMPHASIS)
    assert [q for q in r.quotes if q["kind"] == "direct"] == [], r.short()
    q = only(r, "indirect")
    assert q["speaker"] == "KOR"
    assert "단호히" in q["text"]


def test_sentence_without_speech_has_no_quote(ko):
    assert ko(NO_SPEECH).quotes == []


# ---- reported speech -------------------------------------------------------------------------

def test_indirect_dago_malhaetda(ko):
    r = ko(INDIRECT_DAGO)
    q = only(r)
    assert (q["kind"], q["speaker"], q["speaker_text"]) == ("indirect", "USA", "미국")
    assert q["text"] == "북한이 미사일 시험을 중단해야 한다"


def test_indirect_cue_is_the_whole_speech_verb(ko):
    """The cue of '…다고 말했다' is 말했다, as for a direct quote (spec: 말했다, 밝혔다, 에 따르면)."""
    r = ko(INDIRECT_DAGO)
    assert only(r)["cue"] == "말했다", r.short()


def test_indirect_rago_balkhyeotda(ko):
    r = ko(INDIRECT_RAGO)
    q = only(r)
    assert q["kind"] == "indirect"
    assert r.country(q["speaker"]) == "JPN"
    assert q["text"].startswith("그 조치가 국제법 위반")


def test_indirect_damyeo(ko):
    r = ko(DAMYEO)
    q = only(r)
    assert (q["kind"], q["speaker"]) == ("indirect", "CHN")
    assert q["text"] == "한반도 긴장이 높아지고 있다"


def test_indirect_clause_starts_after_the_time_and_place_of_the_saying(ko):
    r = ko(INDIRECT_WITH_ADVERBIALS)
    q = only(r)
    assert speaker_name(r, q) == "탕웨이린"
    assert q["text"] == "중국이 어떤 무기도 제공하지 않았다"
    assert q["date"] == "2024-03-14"


def test_outlet_reporting_is_the_speaker(ko):
    r = ko(OUTLET_REPORTED)
    q = only(r)
    assert (q["speaker"], q["kind"]) == ("org:kcna", "indirect")
    assert q["text"] == "새 미사일이 성공적으로 시험됐다"


def test_indirect_speaker_after_the_reported_clause(ko):
    """'북한이 … 보냈다고 미국은 밝혔다': the US says it; North Korea is the subject of what was said."""
    r = ko(INDIRECT_SPEAKER_AFTER)
    q = only(r)
    assert q["speaker"] == "USA", r.short()
    assert q["text"] == "북한이 러시아에 무기를 보냈다", r.short()


# ---- attribution phrases ---------------------------------------------------------------------

def test_according_to_an_outlet(ko):
    r = ko(ACCORDING_TO)
    q = only(r)
    assert (q["speaker"], q["kind"], q["cue"]) == ("org:reuters", "indirect", "에 따르면")
    assert q["text"] == "러시아는 북한에 정제유를 추가로 보냈다"


def test_according_to_a_dated_report_of_an_outlet(ko):
    """'<outlet>의 13일 보도에 따르면 …': the outlet is the source, the report's day the date."""
    r = ko(DATED_REPORT)
    q = only(r)
    assert r.actor(q["speaker"])["kind"] == "organization"
    assert q["speaker_text"] == "교도통신"
    assert (q["cue"], q["date"]) == ("에 따르면", "2024-03-13")
    assert q["text"] == "중국은 북한에 비료를 보냈다"


def test_what_someone_said_according_to_ba_e_uihamyeon(ko):
    r = ko(SAID_BY)
    q = only(r)
    assert speaker_name(r, q) == "필립 로랑"
    assert q["kind"] == "indirect"
    assert "의하면" in q["cue"]
    assert q["text"] == "프랑스는 평양에 연락사무소를 열 계획이다"


def test_leader_quoted_via_a_news_agency(ko):
    """'조선중앙통신에 따르면 김 위원장은 …라고 강조했다': Kim speaks, KCNA carried it."""
    r = ko(VIA_OUTLET)
    q = only(r)
    assert (q["speaker"], q["via"]) == ("person:kim-jong-un", "org:kcna")
    assert q["speaker_text"] == "김"
    assert q["text"] == "무기 생산을 늘려야 한다"


# ---- when it was said ------------------------------------------------------------------------

def test_quote_date_is_the_weekday_of_its_sentence_not_a_year_inside_the_quote(ko):
    r = ko(DATED_WEEKDAY)
    assert only(r)["date"] == "2024-03-13"


def test_quote_date_from_jinan_day(ko):
    r = ko(DATED_JINAN)
    assert only(r)["date"] == "2024-03-11"


def test_continued_quote_shares_the_date_of_the_occasion(ko):
    r = ko(CONTINUED)
    assert [q["date"] for q in r.quotes] == ["2024-03-13", "2024-03-13"], r.short()


def test_undated_quote_has_no_date(ko):
    assert only(ko(SAID))["date"] is None


# ---- offsets ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ALL_SENTENCES, ids=range(len(ALL_SENTENCES)))
def test_quote_offsets_point_at_the_words(ko, text):
    r = ko(text)
    for q in r.quotes:
        assert r.text[q["start"]:q["end"]] == q["text"], q
        assert q["kind"] in ("direct", "indirect")
        if q["speaker"] is not None:
            assert r.actor(q["speaker"]) is not None, q
        if q["speaker_text"] is not None and q["speaker"] is not None:
            a = r.actor(q["speaker"])
            assert q["speaker_text"] in a["names"], (q, a["names"])

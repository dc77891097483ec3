"""Actors in Korean news, through the public door `sagwan.extract`.

Known states, capitals, organisations and leaders come from the gazetteer; everybody else (envoys,
spokespeople, analysts, professors, people named with 씨) must be found by the general mechanism:
a name next to a title or role noun, with the country read from the phrase around it. All personal
names below are invented for these tests and are checked to be absent from the gazetteer.
"""

from __future__ import annotations

import pytest

from sagwan import gazetteer

INVENTED_NAMES = (
    "그레이스 하틀리", "하틀리", "안드레이 콜레스닉", "콜레스닉", "필립 로랑", "로랑", "탕웨이린",
    "줄리아 펜윅", "펜윅", "토머스 웨일런", "웨일런", "헨리 오스굿", "오스굿", "박정우", "마크 요르단",
    "케빈 워싱턴", "알렉산드르 보로딘", "보로딘", "에밀리 로스", "천위안차오", "브라이트워터 연구소",
    "브라이트워터",
)

STATES = "북한은 미국의 요구를 일축했다."
CAPITALS = "평양과 워싱턴은 서로를 비난했고 크렘린은 침묵했다."
UNSC = "유엔 안보리는 금요일 긴급회의를 열었다."
KCNA = "조선중앙통신은 새 미사일이 성공적으로 시험됐다고 보도했다."
REUTERS = "로이터는 중국이 러시아산 원유 수입을 늘렸다고 보도했다."
REUTERS_AGENCY = "로이터 통신은 중국이 원유 수입을 늘렸다고 보도했다."
XI = "시진핑 국가주석은 월요일 연설했다. 시 주석은 평화를 강조했다."
ENVOY_IN_SEOUL = "그레이스 하틀리 주한 미국 대사는 기자회견에서 양국 동맹을 강조했다."
ENVOY_IN_PYONGYANG = "안드레이 콜레스닉 주북 러시아 대사는 평양에서 기자회견을 열었다."
WEEKDAY_BEFORE_PRESS = "필립 로랑 주한 프랑스 대사는 화요일 기자회견에서 “프랑스는 대화를 지지한다”라고 말했다."
SPOKESPERSON = "중국 외교부 탕웨이린 대변인은 정례 브리핑에서 답했다."
THINK_TANK = "랜드 연구소 줄리아 펜윅 선임연구위원은 제재의 효과가 제한적이라고 분석했다."
PROFESSOR = "미국 국무부에서 20년간 근무한 토머스 웨일런 교수는 북한의 의도를 의심했다."
FOREIGN_MINISTER = "천위안차오 중국 외교부장은 기자들에게 입장을 밝혔다."
NAME_STATE_TITLE = "에밀리 로스 일본 외무상은 다음 달 서울을 찾는다."
WESTERN_SSI = "헨리 오스굿 씨는 북한 경제를 연구한다. 오스굿은 “제재가 효과를 내고 있다”라고 말했다."
KOREAN_SSI = "탈북민 박정우 씨는 서울에서 산다. 박 씨는 “고향이 그립다”고 말했다."
SURNAME_IS_STATE = "마크 요르단 연구원은 중동 정세를 분석했다. 요르단은 “긴장이 높아지고 있다”라고 말했다."
SURNAME_IS_CAPITAL = "케빈 워싱턴 교수는 동북아 안보를 연구해 왔다. 워싱턴은 “동맹이 굳건하다”라고 말했다."
EMBASSY = "러시아 대사관은 성명을 냈다."
INSTITUTE = "브라이트워터 연구소는 새 보고서를 냈다."
EMBASSY_OFFICIAL = "러시아 대사관 알렉산드르 보로딘 참사관은 “양국 관계는 최고 수준”이라고 강조했다."
MINISTRY = "러시아 외무부는 서방의 제재를 비난했다."
MINISTRY_WITH_STATE = "“대화의 문은 열려 있다”고 미국 국무부 대변인은 말했다."
NO_ACTOR = "양국 관계의 앞날은 여전히 불투명하다."

ALL_SENTENCES = [v for k, v in dict(globals()).items() if k.isupper() and isinstance(v, str) and k != "INVENTED_NAMES"]


def test_invented_names_are_not_in_the_gazetteer():
    known = gazetteer.aliases()
    assert [n for n in INVENTED_NAMES if n in known or n.replace(" ", "") in known] == []


# ---- gazetteer actors ------------------------------------------------------------------------

def test_states_by_their_korean_names(ko):
    r = ko(STATES)
    prk, usa = r.actor_at("북한"), r.actor_at("미국")
    assert prk is not None and usa is not None, r.short()
    assert (prk["id"], prk["kind"], prk["country"]) == ("PRK", "state", "PRK")
    assert (usa["id"], usa["kind"], usa["country"]) == ("USA", "state", "USA")
    assert prk["mentions"] == [{"start": 0, "end": 2, "text": "북한"}]


def test_capitals_and_seats_of_government_stand_for_their_state(ko):
    r = ko(CAPITALS)
    got = {s: (r.actor_at(s) or {}).get("id") for s in ("평양", "워싱턴", "크렘린")}
    assert got == {"평양": "PRK", "워싱턴": "USA", "크렘린": "RUS"}, r.short()
    assert all(r.actor(i)["kind"] == "state" for i in ("PRK", "USA", "RUS"))


def test_un_security_council_is_an_international_organisation(ko):
    r = ko(UNSC)
    a = r.actor_at("유엔 안보리")
    assert a is not None, r.short()
    assert (a["id"], a["kind"], a["country"]) == ("org:unsc", "organization", None)
    assert a["mentions"][0]["text"] == "유엔 안보리"


def test_state_news_agency_is_an_organisation_of_its_state(ko):
    r = ko(KCNA)
    a = r.actor_at("조선중앙통신")
    assert a is not None, r.short()
    assert (a["id"], a["kind"], a["country"]) == ("org:kcna", "organization", "PRK")


def test_foreign_outlet_by_its_short_name(ko):
    r = ko(REUTERS)
    a = r.actor_at("로이터")
    assert a is not None, r.short()
    assert (a["id"], a["kind"]) == ("org:reuters", "organization")


def test_outlet_with_agency_head_noun_is_the_known_outlet(ko):
    """'로이터 통신' is Reuters itself, not a new organisation named after it."""
    r = ko(REUTERS_AGENCY)
    a = r.actor_at("로이터")
    assert a is not None and a["id"] == "org:reuters", r.short()


def test_gazetteer_leader_with_title_and_later_short_reference(ko):
    r = ko(XI)
    xi = r.actor("person:xi-jinping")
    assert xi is not None, r.short()
    assert (xi["kind"], xi["country"]) == ("person", "CHN")
    short_at = XI.index("시 주석")
    assert [(m["start"], m["text"]) for m in xi["mentions"]] == [(0, "시진핑"), (short_at, "시")]


def test_gazetteer_leader_role_follows_the_title_used_in_the_text(ko):
    """국가주석 is the state presidency; the party post (총서기) is not named in the sentence."""
    r = ko(XI)
    assert r.actor("person:xi-jinping")["role"] == "president", r.short()


# ---- people found by name + title ------------------------------------------------------------

def test_envoy_posted_in_seoul_belongs_to_the_sending_state(ko):
    """'주한 미국 대사': the US ambassador in Seoul is American, not Korean."""
    r = ko(ENVOY_IN_SEOUL)
    p = r.person_named("그레이스 하틀리")
    assert p is not None, r.short()
    assert p["role"] == "ambassador"
    assert (p["country"], p["affiliation"]) == ("USA", "USA")
    assert "KOR" not in r.ids()


def test_envoy_posted_in_pyongyang_belongs_to_the_sending_state(ko):
    r = ko(ENVOY_IN_PYONGYANG)
    p = r.person_named("안드레이 콜레스닉")
    assert p is not None, r.short()
    assert (p["id"], p["role"], p["country"]) == ("person:안드레이-콜레스닉", "ambassador", "RUS"), r.short()


def test_a_weekday_before_a_press_conference_is_not_a_person(ko):
    """'화요일 기자회견': 기자 here is part of 기자회견, and 화요일 is a day."""
    r = ko(WEEKDAY_BEFORE_PRESS)
    assert r.actor_at("화요일") is None, r.short()
    assert [a["name"] for a in r.actors if a["kind"] == "person"] == ["필립 로랑"]


def test_ministry_spokesperson_takes_the_country_of_the_ministry(ko):
    """'<state> 외교부 <name> 대변인'."""
    r = ko(SPOKESPERSON)
    p = r.person_named("탕웨이린")
    assert p is not None, r.short()
    assert p["role"] == "spokesperson"
    assert r.country(p["affiliation"]) == "CHN"
    assert p["country"] == "CHN", r.short()


def test_think_tank_fellow_takes_the_country_of_the_think_tank(ko):
    """'<think tank> <name> 선임연구위원'."""
    r = ko(THINK_TANK)
    p = r.person_named("줄리아 펜윅")
    assert p is not None, r.short()
    assert (p["role"], p["affiliation"]) == ("senior research fellow", "org:rand")
    assert p["country"] == "USA", r.short()


def test_professor_affiliation_from_a_relative_clause(ko):
    """'미국 국무부에서 20년간 근무한 <name> 교수': the relative clause says whom he worked for."""
    r = ko(PROFESSOR)
    p = r.person_named("토머스 웨일런")
    assert p is not None, r.short()
    assert p["role"] == "professor"
    assert r.country(p["affiliation"]) == "USA", r.short()
    assert p["country"] == "USA", r.short()


def test_name_state_title_gives_the_state(ko):
    """'<name> 일본 외무상': a foreign minister of Japan."""
    r = ko(NAME_STATE_TITLE)
    p = r.person_named("에밀리 로스")
    assert p is not None, r.short()
    assert (p["role"], p["country"]) == ("foreign minister", "JPN"), r.short()


def test_foreign_minister_title_is_not_read_as_the_ministry(ko):
    """'외교부장' is the Chinese foreign minister's title, not '외교부' + '장'."""
    r = ko(FOREIGN_MINISTER)
    p = r.person_named("천위안차오")
    assert p is not None, r.short()
    assert (p["role"], p["country"]) == ("foreign minister", "CHN"), r.short()


def test_embassy_official_takes_the_country_of_the_embassy(ko):
    r = ko(EMBASSY_OFFICIAL)
    p = r.person_named("알렉산드르 보로딘")
    assert p is not None, r.short()
    assert p["role"] == "counsellor"
    assert p["country"] == "RUS", r.short()
    embassy = r.actor_at("러시아 대사관")
    assert embassy is not None and embassy["kind"] == "organization", r.short()


# ---- coreference -----------------------------------------------------------------------------

def test_western_name_with_ssi_then_bare_surname(ko):
    r = ko(WESTERN_SSI)
    p = r.person_named("헨리 오스굿")
    assert p is not None, r.short()
    assert p["id"] == "person:헨리-오스굿"
    later = WESTERN_SSI.index("오스굿은")
    assert [(m["start"], m["text"]) for m in p["mentions"]] == [(0, "헨리 오스굿"), (later, "오스굿")]
    assert len([a for a in r.actors if a["kind"] == "person"]) == 1


def test_korean_name_with_ssi_then_surname_with_ssi(ko):
    r = ko(KOREAN_SSI)
    p = r.person_named("박정우")
    assert p is not None, r.short()
    later = KOREAN_SSI.index("박 씨")
    assert (later, "박") in [(m["start"], m["text"]) for m in p["mentions"]]
    assert len([a for a in r.actors if a["kind"] == "person"]) == 1


def test_person_whose_surname_is_a_country_name(ko):
    """'마크 요르단 연구원' is a researcher; '요르단은 “…”라고 말했다' is that researcher speaking,
    and Jordan the state is not in the text at all."""
    r = ko(SURNAME_IS_STATE)
    p = r.person_named("마크 요르단")
    assert p is not None, r.short()
    assert p["role"] == "researcher"
    later = SURNAME_IS_STATE.index("요르단은")
    assert (later, "요르단") in [(m["start"], m["text"]) for m in p["mentions"]], r.short()
    assert "JOR" not in r.ids(), r.short()
    assert [a for a in r.actors if a["kind"] == "organization"] == [], r.short()


def test_person_whose_surname_is_a_capital(ko):
    r = ko(SURNAME_IS_CAPITAL)
    p = r.person_named("케빈 워싱턴")
    assert p is not None, r.short()
    later = SURNAME_IS_CAPITAL.index("워싱턴은")
    assert (later, "워싱턴") in [(m["start"], m["text"]) for m in p["mentions"]], r.short()
    assert "USA" not in r.ids(), r.short()


# ---- organisations by head noun --------------------------------------------------------------

def test_embassy_by_head_noun_belongs_to_its_state(ko):
    r = ko(EMBASSY)
    a = r.actor_at("러시아 대사관")
    assert a is not None, r.short()
    assert (a["kind"], a["country"]) == ("organization", "RUS")
    assert a["mentions"][0]["text"] == "러시아 대사관"


def test_institute_by_head_noun(ko):
    r = ko(INSTITUTE)
    a = r.actor_at("브라이트워터 연구소")
    assert a is not None, r.short()
    assert a["kind"] == "organization"
    assert a["mentions"] == [{"start": 0, "end": len("브라이트워터 연구소"), "text": "브라이트워터 연구소"}]


def test_ministry_of_a_named_state_belongs_to_that_state(ko):
    r = ko(MINISTRY)
    a = r.actor_at("러시아 외무부")
    assert a is not None, r.short()
    assert (a["kind"], a["country"]) == ("organization", "RUS")


def test_state_department_named_with_its_state_is_american(ko):
    """'미국 국무부' is the US State Department (an organisation of the USA)."""
    r = ko(MINISTRY_WITH_STATE)
    a = r.actor_at("미국")
    assert a is not None, r.short()
    assert r.country(a["id"]) == "USA", r.short()


def test_common_words_name_no_actor(ko):
    assert ko(NO_ACTOR).actors == []


# ---- offsets ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ALL_SENTENCES, ids=range(len(ALL_SENTENCES)))
def test_every_mention_points_at_its_text(ko, text):
    r = ko(text)
    for a in r.actors:
        assert a["mentions"], a
        for m in a["mentions"]:
            assert r.text[m["start"]:m["end"]] == m["text"], (a["id"], m)
            assert m["text"] in a["names"], (a["id"], m)
        assert a["kind"] in ("state", "organization", "person", "group", "location")


@pytest.mark.parametrize(("text", "name"), [
    ("그레이엄 오스틴 상무장관은 새 수출 규정을 발표했다.", "그레이엄 오스틴"),
    ("로버트 헤일우드 재무장관은 제재 대상을 늘렸다.", "로버트 헤일우드"),
    ("그레이엄 헤일우드 부총리는 회의를 주재했다.", "그레이엄 헤일우드"),
])
def test_a_portfolio_ministers_name_before_the_title_is_a_person(ko, text, name):
    r = ko(text)
    assert r.person_named(name) is not None, r.short()

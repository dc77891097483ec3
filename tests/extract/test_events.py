"""PLOVER events from Korean sentences, through the public door `sagwan.extract`: one sentence per
lexicon family, each status, attribution, compound actors, nominal events, one event per happening.

Sources and targets are compared as countries (a state is its own country), as the dyad analyses read
them. Sentences are invented; PUBLISHED (conftest) is Friday 2024-03-15, so 화요일 is 2024-03-12.
"""

from __future__ import annotations

import pytest

from sagwan.model import PLOVER_TYPES, STATUSES

VISIT = "러시아 외무장관은 화요일 평양을 방문했다."
MEET = "한국 외교장관은 수요일 서울에서 일본 외교장관과 회담했다."
PHONE = "한국 대통령은 목요일 일본 총리와 전화 통화했다."
BANGBUK = "푸틴 대통령은 지난해 6월 방북했다."
AGREED = "북한과 러시아는 군사 협력을 확대하기로 합의했다."
PROMISED = "일본은 우크라이나에 추가 지원을 약속했다."
ACCEPTED = "러시아는 북한의 초청을 수락했다."
AID_MILITARY = "러시아는 북한에 전투기를 제공했다."
AID_HUMANITARIAN = "한국은 우크라이나에 식량을 보냈다."
COOPERATION = "북한과 러시아는 군사 협력을 강화하고 있다."
CONDEMNED_LAUNCH = "미국은 북한의 미사일 발사를 비난했다."
DENOUNCED = "한국 정부는 북한의 도발을 강력히 규탄했다."
ACCUSED_IN_CLAUSE = "북한 외무성은 미국이 한반도 긴장을 고조시키고 있다고 비난했다."
REJECTED = "북한은 미국의 대화 제의를 거부했다."
URGED = "유엔 안보리는 북한에 핵 개발 중단을 촉구했다."
WARNED = "중국은 일본에 대해 엄중히 경고했다."
SANCTIONED = "미국은 러시아에 대한 제재를 강화했다."
LAUNCHED = "북한은 일요일 동해상으로 탄도미사일을 발사했다."
DRILLED = "러시아는 극동 지역에서 대규모 군사 훈련을 실시했다."
ATTACKED = "러시아는 화요일 우크라이나를 공격했다."
WITHDREW = "러시아는 우크라이나 국경에서 병력을 철수했다."
RELEASED = "북한은 억류하던 한국인 선교사를 석방했다."
SUPPORTED = "러시아는 중국을 지지했다."
WELCOMED = "일본은 한국의 결정을 환영했다."
SUPPORT_REPORTED = "일본은 한국을 지지한다고 밝혔다."
INTENDED_REPORTED = "에밀리 로스 일본 외무상은 다음 달 한국을 방문하겠다고 말했다."
INTENDED_QUOTED = "에밀리 로스 일본 외무상은 “일본은 다음 달 한국을 방문하겠다”고 말했다."
PLANNED = "한국 대통령은 다음 주 일본을 방문할 예정이다."
EXPECTED_FORECAST = "전문가들은 북한이 조만간 탄도미사일을 발사할 것으로 전망했다."
EXPECTED_BY_STATE = "일본은 미국과 중국이 다음 달 회담할 것으로 기대했다."
ALLEGED_SEEMS = "북한은 러시아에 포탄을 제공한 것으로 보인다."
ALLEGED_ASSESSED = "미국은 북한이 러시아에 무기를 제공했다고 평가했다."
PROPOSED_NOUN = "한국 정부는 북한에 군사회담을 제안했다."
PROPOSED_CLAUSE = "한국 정부는 북한과 판문점에서 회담하자고 제안했다."
DENIED = "중국은 러시아에 무기를 제공하지 않았다."
HYPOTHETICAL_MYEON = "북한이 일본을 공격하면 미국은 즉각 대응할 것이다."
HYPOTHETICAL_GYEONGU = "러시아가 우크라이나를 다시 공격할 경우 서방은 제재를 강화할 것이다."
IN_QUOTE = "필립 로랑 주한 프랑스 대사는 “북한이 러시아에 포탄을 보냈다”고 말했다."
ACCORDING_TO = "조선중앙통신에 따르면 북한은 수요일 신형 탄도미사일을 발사했다."
TRILATERAL_ABBR = "한미일 외교장관은 화요일 북한의 탄도미사일 발사를 규탄했다."
THREE_CAPITALS = "워싱턴, 서울, 도쿄는 금요일 공동성명에서 북한의 탄도미사일 발사를 한목소리로 비난했다."
NOMINAL_SUMMIT = "지난해 9월 열린 북한과 러시아의 정상회담 이후 양국 교역이 크게 늘었다."
NOMINAL_SUMMIT_HELD = "북한과 러시아의 정상회담이 지난해 9월 열렸다."
NOMINAL_VISIT = "러시아 외무장관의 평양 방문은 이틀 동안 이어졌다."
SUMMIT_HELD = "북한과 러시아는 수요일 평양에서 정상회담을 열었다."
SAME_SUMMIT = ("북한과 러시아는 수요일 평양에서 정상회담을 했다. "
               "북한과 러시아가 수요일 정상회담을 한 것은 5년 만이다.")
TWO_SUMMITS = ("북한과 러시아는 2019년 4월 블라디보스토크에서 정상회담을 했다. "
               "북한과 러시아는 2023년 9월 보스토치니에서 다시 정상회담을 했다.")
COMMENTARY = "양국 관계의 앞날은 여전히 불투명하다."
COMMENTARY_SAID = "전문가들은 한반도 정세가 복잡하다고 말했다."

ALL_SENTENCES = [v for k, v in dict(globals()).items() if k.isupper() and isinstance(v, str)]


def dyad(r, e) -> tuple[set, set]:
    return r.countries(e["source"]), r.countries(e["target"])


def parties(r, e) -> set:
    """Both sides of a symmetric event (a meeting may put both in source, or one in each)."""
    return r.countries(e["source"]) | r.countries(e["target"])


# ---- CONSULT ---------------------------------------------------------------------------------

def test_visit_to_a_capital(ko):
    r = ko(VISIT)
    e = r.event("CONSULT")
    assert (e["mode"], dyad(r, e)) == ("visit", ({"RUS"}, {"PRK"}))
    assert (e["date"], e["status"], e["attributed_to"]) == ("2024-03-12", "occurred", None)


def test_meeting_with_a_partner(ko):
    r = ko(MEET)
    e = r.event("CONSULT")
    assert parties(r, e) == {"KOR", "JPN"}
    assert r.countries(e["source"]) == {"KOR"}
    assert e["date"] == "2024-03-13"


def test_phone_call(ko):
    r = ko(PHONE)
    e = r.event("CONSULT")
    assert (e["mode"], parties(r, e), e["date"]) == ("phone", {"KOR", "JPN"}, "2024-03-14")


def test_bangbuk_is_a_visit_to_north_korea(ko):
    r = ko(BANGBUK)
    e = r.event("CONSULT")
    assert (e["mode"], dyad(r, e), e["date"]) == ("visit", ({"RUS"}, {"PRK"}), "2023-06")


def test_summit_held_with_yeolda(ko):
    r = ko(SUMMIT_HELD)
    e = r.event("CONSULT")
    assert (parties(r, e), e["date"]) == ({"PRK", "RUS"}, "2024-03-13")


# ---- AGREE -----------------------------------------------------------------------------------

def test_agreement_between_two_states(ko):
    r = ko(AGREED)
    e = r.event("AGREE")
    assert parties(r, e) == {"PRK", "RUS"}
    assert e["mentions"][0]["text"].startswith("합의")


def test_promise_to_a_recipient(ko):
    r = ko(PROMISED)
    e = r.event("AGREE")
    assert dyad(r, e) == ({"JPN"}, {"UKR"})


def test_accepting_an_invitation_is_agreeing_with_the_host(ko):
    r = ko(ACCEPTED)
    e = r.event("AGREE")
    assert dyad(r, e) == ({"RUS"}, {"PRK"})


# ---- AID / COOPERATE -------------------------------------------------------------------------

def test_military_aid(ko):
    r = ko(AID_MILITARY)
    e = r.event("AID")
    assert (e["mode"], dyad(r, e), e["status"]) == ("military", ({"RUS"}, {"PRK"}), "occurred")


def test_humanitarian_aid(ko):
    r = ko(AID_HUMANITARIAN)
    e = r.event("AID")
    assert (e["mode"], dyad(r, e)) == ("humanitarian", ({"KOR"}, {"UKR"}))


def test_ongoing_cooperation(ko):
    r = ko(COOPERATION)
    e = r.event("COOPERATE")
    assert (parties(r, e), e["status"]) == ({"PRK", "RUS"}, "occurred")


# ---- ACCUSE / REJECT / REQUEST / THREATEN / SANCTION -----------------------------------------

def test_condemning_a_states_launch(ko):
    r = ko(CONDEMNED_LAUNCH)
    e = r.event("ACCUSE")
    assert dyad(r, e) == ({"USA"}, {"PRK"})


def test_a_condemned_launch_is_not_aimed_at_the_one_who_condemns(ko):
    """'미국은 북한의 미사일 발사를 비난했다': the launch is North Korea's and has no US target."""
    r = ko(CONDEMNED_LAUNCH)
    for e in r.events_of("MOBILIZE"):
        assert r.countries(e["source"]) == {"PRK"}
        assert "USA" not in r.countries(e["target"]), r.short()


def test_denouncing_a_states_provocation(ko):
    r = ko(DENOUNCED)
    e = r.event("ACCUSE")
    assert dyad(r, e) == ({"KOR"}, {"PRK"}), r.short()


def test_accusation_told_in_a_reported_clause(ko):
    """The ministry accuses the US; the US is only the subject of what it is accused of."""
    r = ko(ACCUSED_IN_CLAUSE)
    e = r.event("ACCUSE")
    assert dyad(r, e) == ({"PRK"}, {"USA"}), r.short()


def test_rejecting_a_states_offer(ko):
    r = ko(REJECTED)
    e = r.event("REJECT")
    assert dyad(r, e) == ({"PRK"}, {"USA"}), r.short()


def test_urging_a_state(ko):
    r = ko(URGED)
    e = r.event("REQUEST")
    assert (e["source"], e["target"]) == (["org:unsc"], ["PRK"])


def test_warning_about_a_state(ko):
    r = ko(WARNED)
    e = r.event("THREATEN")
    assert dyad(r, e) == ({"CHN"}, {"JPN"}), r.short()


def test_tightening_sanctions_on_a_state(ko):
    r = ko(SANCTIONED)
    e = r.event("SANCTION")
    assert dyad(r, e) == ({"USA"}, {"RUS"})


# ---- MOBILIZE / ASSAULT / RETREAT ------------------------------------------------------------

def test_missile_launch(ko):
    r = ko(LAUNCHED)
    e = r.event("MOBILIZE")
    assert (e["mode"], r.countries(e["source"]), e["date"]) == ("weapons", {"PRK"}, "2024-03-10")


def test_military_drill(ko):
    r = ko(DRILLED)
    e = r.event("MOBILIZE")
    assert (e["mode"], r.countries(e["source"])) == ("troops", {"RUS"})


def test_attack_in_the_articles_own_voice(ko):
    r = ko(ATTACKED)
    e = r.event("ASSAULT")
    assert dyad(r, e) == ({"RUS"}, {"UKR"})
    assert (e["date"], e["status"], e["attributed_to"]) == ("2024-03-12", "occurred", None)


def test_withdrawal(ko):
    r = ko(WITHDREW)
    e = r.event("RETREAT")
    assert (e["mode"], r.countries(e["source"])) == ("withdraw", {"RUS"})


def test_release(ko):
    r = ko(RELEASED)
    e = r.event("RETREAT")
    assert (e["mode"], r.countries(e["source"])) == ("release", {"PRK"})


# ---- SUPPORT ---------------------------------------------------------------------------------

def test_support_for_a_state(ko):
    r = ko(SUPPORTED)
    e = r.event("SUPPORT")
    assert dyad(r, e) == ({"RUS"}, {"CHN"})


def test_welcoming_a_states_decision(ko):
    r = ko(WELCOMED)
    e = r.event("SUPPORT")
    assert dyad(r, e) == ({"JPN"}, {"KOR"}), r.short()


def test_support_stated_in_a_reported_clause_whose_subject_is_the_speaker(ko):
    """'일본은 한국을 지지한다고 밝혔다': Japan supports Korea, on its own word."""
    r = ko(SUPPORT_REPORTED)
    e = r.event("SUPPORT")
    assert dyad(r, e) == ({"JPN"}, {"KOR"})
    assert e["attributed_to"] == "JPN"


# ---- status ----------------------------------------------------------------------------------

def test_intended_in_a_reported_clause(ko):
    """'<minister>은 … 방문하겠다고 말했다': the subject of the visit is the speaker."""
    r = ko(INTENDED_REPORTED)
    e = r.event("CONSULT")
    assert (e["mode"], e["status"]) == ("visit", "intended")
    assert r.countries(e["target"]) == {"KOR"}
    assert r.actor(e["attributed_to"])["name"] == "에밀리 로스"


def test_intended_in_a_direct_quote(ko):
    r = ko(INTENDED_QUOTED)
    e = r.event("CONSULT")
    assert (e["mode"], e["status"], dyad(r, e)) == ("visit", "intended", ({"JPN"}, {"KOR"}))
    assert r.actor(e["attributed_to"])["name"] == "에밀리 로스"
    assert e["date"] == "2024-04"


def test_planned(ko):
    r = ko(PLANNED)
    e = r.event("CONSULT")
    assert (e["status"], dyad(r, e)) == ("planned", ({"KOR"}, {"JPN"}))


def test_expected_by_forecast(ko):
    r = ko(EXPECTED_FORECAST)
    e = r.event("MOBILIZE")
    assert (e["status"], r.countries(e["source"])) == ("expected", {"PRK"})


def test_expected_meeting(ko):
    r = ko(EXPECTED_BY_STATE)
    e = r.event("CONSULT")
    assert (e["status"], parties(r, e), e["date"]) == ("expected", {"USA", "CHN"}, "2024-04")


def test_expected_event_is_attributed_to_who_expects_it(ko):
    """Spec: an event told as what X expects carries attributed_to = X."""
    r = ko(EXPECTED_BY_STATE)
    assert r.event("CONSULT")["attributed_to"] == "JPN", r.short()


def test_alleged_by_geot_euro_boinda(ko):
    r = ko(ALLEGED_SEEMS)
    e = r.event("AID")
    assert (e["status"], e["mode"], dyad(r, e)) == ("alleged", "military", ({"PRK"}, {"RUS"}))
    assert e["attributed_to"] is None


def test_alleged_by_an_assessment_is_attributed_to_the_assessor(ko):
    r = ko(ALLEGED_ASSESSED)
    e = r.event("AID")
    assert (e["status"], e["attributed_to"], dyad(r, e)) == ("alleged", "USA", ({"PRK"}, {"RUS"}))


def test_proposed_talks_as_a_noun(ko):
    r = ko(PROPOSED_NOUN)
    e = r.event("CONSULT")
    assert (e["status"], dyad(r, e)) == ("proposed", ({"KOR"}, {"PRK"})), r.short()


def test_proposed_talks_as_a_clause(ko):
    r = ko(PROPOSED_CLAUSE)
    e = r.event("CONSULT")
    assert e["status"] == "proposed"
    assert parties(r, e) == {"KOR", "PRK"}, r.short()


def test_denied(ko):
    r = ko(DENIED)
    e = r.event("AID")
    assert (e["status"], dyad(r, e)) == ("denied", ({"CHN"}, {"RUS"}))


def test_hypothetical_with_myeon(ko):
    r = ko(HYPOTHETICAL_MYEON)
    e = r.event("ASSAULT")
    assert (e["status"], dyad(r, e)) == ("hypothetical", ({"PRK"}, {"JPN"}))


def test_hypothetical_with_l_gyeongu(ko):
    r = ko(HYPOTHETICAL_GYEONGU)
    e = r.event("ASSAULT")
    assert (e["status"], dyad(r, e)) == ("hypothetical", ({"RUS"}, {"UKR"}))


# ---- attribution -----------------------------------------------------------------------------

def test_event_inside_a_quote_is_attributed_to_the_speaker(ko):
    r = ko(IN_QUOTE)
    e = r.event("AID")
    assert dyad(r, e) == ({"PRK"}, {"RUS"})
    assert e["attributed_to"] == r.quotes[0]["speaker"]
    assert r.actor(e["attributed_to"])["name"] == "필립 로랑"


def test_event_after_according_to_is_attributed_to_the_source(ko):
    r = ko(ACCORDING_TO)
    e = r.event("MOBILIZE")
    assert (e["attributed_to"], r.countries(e["source"]), e["date"]) == ("org:kcna", {"PRK"}, "2024-03-13")


# ---- compound actors -------------------------------------------------------------------------

def test_trilateral_abbreviation_names_three_sources(ko):
    """'한미일 외교장관은 …': the foreign ministers of Korea, the US and Japan."""
    r = ko(TRILATERAL_ABBR)
    e = r.event("ACCUSE")
    assert dyad(r, e) == ({"KOR", "USA", "JPN"}, {"PRK"}), r.short()


def test_three_capitals_are_three_sources(ko):
    r = ko(THREE_CAPITALS)
    e = r.event("ACCUSE")
    assert r.countries(e["source"]) == {"USA", "KOR", "JPN"}
    assert len(e["source"]) == 3


def test_three_capitals_condemn_the_state_whose_launch_it_was(ko):
    r = ko(THREE_CAPITALS)
    e = r.event("ACCUSE")
    assert r.countries(e["target"]) == {"PRK"}, r.short()


# ---- nominal events --------------------------------------------------------------------------

def test_nominal_summit_x_and_y_genitive(ko):
    """'북한과 러시아의 정상회담 이후 …': the summit is an event even as a noun."""
    r = ko(NOMINAL_SUMMIT)
    e = r.event("CONSULT")
    assert parties(r, e) == {"PRK", "RUS"}
    assert e["date"] == "2023-09", r.short()


def test_nominal_summit_that_was_held(ko):
    r = ko(NOMINAL_SUMMIT_HELD)
    e = r.event("CONSULT")
    assert parties(r, e) == {"PRK", "RUS"}
    assert e["date"] == "2023-09", r.short()


def test_nominal_visit_x_genitive_place(ko):
    r = ko(NOMINAL_VISIT)
    e = r.event("CONSULT")
    assert (e["mode"], dyad(r, e)) == ("visit", ({"RUS"}, {"PRK"}))


# ---- one event per happening -----------------------------------------------------------------

def test_two_sentences_about_one_summit_are_one_event(ko):
    r = ko(SAME_SUMMIT)
    e = r.event("CONSULT")
    assert len(e["mentions"]) == 2
    assert e["date"] == "2024-03-13"
    first_end = r.text.index("다.") + 2
    assert e["mentions"][0]["sentence_end"] <= first_end <= e["mentions"][1]["sentence_start"] + 1


def test_summits_in_different_years_are_two_events(ko):
    r = ko(TWO_SUMMITS)
    found = r.events_of("CONSULT")
    assert sorted(e["date"] for e in found) == ["2019-04", "2023-09"]
    assert all(parties(r, e) == {"PRK", "RUS"} and len(e["mentions"]) == 1 for e in found)


def test_commentary_has_no_event(ko):
    assert ko(COMMENTARY).events == []


def test_reported_commentary_has_no_event(ko):
    assert ko(COMMENTARY_SAID).events == []


# ---- offsets and vocabulary ------------------------------------------------------------------

@pytest.mark.parametrize("text", ALL_SENTENCES, ids=range(len(ALL_SENTENCES)))
def test_event_mentions_point_at_their_trigger_and_sentence(ko, text):
    r = ko(text)
    for e in r.events:
        assert e["type"] in PLOVER_TYPES and e["status"] in STATUSES
        # every party is an actor of the record, or a state given by its ISO code ('방북' -> PRK)
        assert all(r.actor(x) is not None or r.country(x) == x for x in e["source"] + e["target"]), e
        assert e["mentions"], e
        for m in e["mentions"]:
            assert r.text[m["start"]:m["end"]] == m["text"], m
            assert m["sentence_start"] <= m["start"] < m["end"] <= m["sentence_end"], m
            assert r.text[m["sentence_start"]:m["sentence_end"]].strip(), m


# ---- dates carried over a told occasion -------------------------------------------------------

CARRIED = ("한국 외교장관은 화요일 하노이에 도착했다. 장관은 현지 교민 대표들과 간담회를 열었다. "
           "한국 외교장관은 이어 베트남 외교장관과 해양 협력 협정에 서명했다.")


def test_an_undated_event_takes_the_day_named_a_few_sentences_back(ko):
    r = ko(CARRIED)
    assert r.event("AGREE")["date"] == "2024-03-12", r.short()


# ---- possibilities, fears, forecasts, hopes -----------------------------------------------------

@pytest.mark.parametrize(("text", "etype", "status"), [
    ("러시아가 북한에 위성 기술을 이전할 가능성이 있다.", "AID", "hypothetical"),
    ("중국이 베트남에 어선을 더 보낼 우려가 있다.", "AID", "hypothetical"),
    ("전문가들은 중국이 대만 주변에서 또 훈련을 벌일 것으로 내다봤다.", "MOBILIZE", "expected"),
    ("한국 정부는 북한 대표단의 조속한 방한을 바란다고 밝혔다.", "CONSULT", "proposed"),
])
def test_a_possibility_a_fear_a_forecast_or_a_hope_never_occurred(ko, text, etype, status):
    r = ko(text)
    assert r.event(etype)["status"] == status, r.short()


# ---- lexicon breadth: strikes, seizures, economic measures -------------------------------------

@pytest.mark.parametrize(("text", "etype", "source", "target"), [
    ("이스라엘군은 화요일 레바논 남부를 공습했다.", "ASSAULT", "ISR", "LBN"),
    ("러시아군은 우크라이나 정유시설을 타격했다.", "ASSAULT", "RUS", "UKR"),
    ("이란은 영국 유조선을 나포했다.", "COERCE", "IRN", "GBR"),
    ("미국은 중국산 전기차에 고율 관세를 부과했다.", "SANCTION", "USA", "CHN"),
    ("중국은 일본 대사를 초치했다.", "ACCUSE", "CHN", "JPN"),
])
def test_strikes_seizures_and_measures_are_coded(ko, text, etype, source, target):
    r = ko(text)
    e = r.event(etype)
    assert (r.countries(e["source"]), target in r.countries(e["target"])) == ({source}, True), r.short()


def test_heading_towards_a_state_is_a_direction_not_a_visit(ko):
    r = ko("이란은 이스라엘을 향해 무인기를 발사했다.")
    assert r.events_of("CONSULT") == [], r.short()
    assert r.countries(r.event("MOBILIZE")["source"]) == {"IRN"}


def test_an_export_control_is_one_sanction_not_an_export(ko):
    r = ko("미국은 중국에 대한 반도체 수출 통제를 강화했다.")
    assert r.events_of("AID") == [], r.short()
    assert dyad(r, r.event("SANCTION")) == ({"USA"}, {"CHN"})


def test_a_feared_transfer_is_no_accusation(ko):
    r = ko("러시아가 북한에 위성 기술을 넘길 우려가 있다.")
    assert r.events_of("ACCUSE") == [], r.short()
    assert r.event("AID")["status"] == "hypothetical"

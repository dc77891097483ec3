"""English events: frames, voice, nominal events, status, dates and attribution (published Friday 2023-10-27)."""

from __future__ import annotations


def _events(rec: dict) -> list[tuple]:
    return [(e["type"], tuple(e["source"]), tuple(e["target"]), e["date"], e["status"]) for e in rec["events"]]


def test_meeting_with_titles_names_and_a_weekday(code):
    rec = code("Ruritanian Foreign Minister Anton Belvik met Russia's Foreign Minister Sergei Lavrov in Moscow "
               "on Thursday.")
    ev = rec["events"]
    assert len(ev) == 1
    assert ev[0]["type"] == "CONSULT"
    assert ev[0]["source"] == ["person:anton-belvik"]
    assert ev[0]["target"] == ["person:sergey-lavrov"]
    assert ev[0]["date"] == "2023-10-26"
    m = ev[0]["mentions"][0]
    assert rec["doc"]["text"][m["start"]:m["end"]] == "met"


def test_passive_voice_swaps_source_and_target(code):
    rec = code("A Ukrainian border post was attacked by Russia on Tuesday.")
    assert _events(rec) == [("ASSAULT", ("RUS",), ("UKR",), "2023-10-24", "occurred")]


def test_nominal_events_take_their_possessor_demonym_or_the_light_verbs_subject(code):
    assert _events(code("Russia's invasion of Ukraine began in February 2022.")) == [
        ("ASSAULT", ("RUS",), ("UKR",), "2022-02", "occurred")]
    assert _events(code("Japan imposed sanctions on Russia on Monday.")) == [
        ("SANCTION", ("JPN",), ("RUS",), "2023-10-23", "occurred")]
    assert _events(code("The European Union lifted sanctions on Syria two years ago.")) == [
        ("CONCEDE", ("org:eu",), ("SYR",), "2021", "occurred")]


def test_possessive_pronoun_leaves_a_nominal_event_without_a_source(code):
    rec = code("The United States criticized North Korea over its missile launches.")
    assert _events(rec) == [("ACCUSE", ("USA",), ("PRK",), None, "occurred")]


def test_status_from_modals_frames_and_denials(code):
    assert _events(code("China will host Vietnam next week."))[0][4] == "planned"
    assert _events(code("India could supply wheat to Nepal."))[0][4] == "hypothetical"
    assert _events(code("China denied supplying weapons to Russia."))[0][:3] == ("AID", ("CHN",), ("RUS",))
    assert _events(code("China denied supplying weapons to Russia."))[0][4] == "denied"
    assert _events(code("Laos is expected to sign an accord with Thailand."))[0][4] == "expected"
    assert _events(code("Poland vowed to support Ukraine."))[0][:2] == ("AGREE", ("POL",))


def test_a_date_after_publication_makes_a_plain_event_planned(code):
    assert _events(code("Chile and Peru hold talks on Nov. 20."))[0][3:] == ("2023-11-20", "planned")


def test_events_in_speech_are_attributed_with_the_speakers_stance(code):
    rec = code('Tomas Brennik, an analyst at the Caspian Policy Institute, said North Korea allegedly shipped '
               'shells to Russia.\n'
               '"Russia will send engineers to North Korea," Brennik said.')
    ev = rec["events"]
    assert [(e["type"], e["source"], e["target"], e["status"], e["attributed_to"]) for e in ev] == [
        ("AID", ["PRK"], ["RUS"], "alleged", "person:tomas-brennik")]


def test_one_event_per_happening_across_sentences(code):
    rec = code("Mongolia and Kazakhstan held talks in Astana on Wednesday.\n"
               "The talks between Mongolia and Kazakhstan covered trade.")
    ev = rec["events"]
    assert len(ev) == 1
    assert len(ev[0]["mentions"]) == 2
    assert ev[0]["date"] == "2023-10-25"


def test_no_event_without_actors_and_no_meeting_with_oneself(code):
    assert code("The talks were held in a hotel on Monday.")["events"] == []
    assert code("Russia's foreign minister met Russia's defense minister.")["events"] == []


def test_coordinated_verbs_share_their_subject(code):
    rec = code("Chile, Peru and Bolivia condemned Venezuela's arrest of a journalist and urged Venezuela to free him.")
    got = {(e["type"], tuple(e["source"]), tuple(e["target"])) for e in rec["events"]}
    assert ("REQUEST", ("CHL", "PER", "BOL"), ("VEN",)) in got


def test_an_accusation_makes_what_it_alleges_alleged(code):
    rec = code("Washington has accused Minsk of supplying fuel to Moscow.")
    aid = [e for e in rec["events"] if e["type"] == "AID"]
    assert [(e["source"], e["target"], e["status"]) for e in aid] == [(["BLR"], ["RUS"], "alleged")]


def test_a_visit_for_talks_with_someone_is_a_meeting_with_them(code):
    rec = code("Deputy Premier Ivo Marek arrived in Zagreb on Monday for talks with Croatian officials.")
    types = {(e["type"], tuple(e["source"]), tuple(e["target"])) for e in rec["events"]}
    assert ("CONSULT", ("person:ivo-marek",), ("HRV",)) in types


def test_a_participle_describing_a_noun_is_not_a_clause(code):
    assert code("Vietnam's coast guard, launched in 1998, patrols the Gulf of Tonkin.")["events"] == []


def test_a_quantity_between_the_preposition_and_the_target_keeps_the_target(code):
    rec = code("Canada and France carried out strikes on more than a dozen Syrian bases on Monday.")
    assert _events(rec) == [("ASSAULT", ("CAN", "FRA"), ("SYR",), "2023-10-23", "occurred")]
    rec = code("Norway imposed sanctions on dozens of Iranian firms on Monday.")
    assert _events(rec) == [("SANCTION", ("NOR",), ("IRN",), "2023-10-23", "occurred")]


def test_the_houthi_adjective_names_the_group_as_a_target(code):
    rec = code("Canada carried out strikes on Houthi positions on Monday.")
    assert _events(rec) == [("ASSAULT", ("CAN",), ("group:houthis",), "2023-10-23", "occurred")]

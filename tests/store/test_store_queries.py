"""The query API on both backends, over a small invented chronicle; and both backends give the same answers."""

from __future__ import annotations

import pytest
from _store_records import sample_corpus

from sagwan.errors import ConfigError
from sagwan.store import open_store


@pytest.fixture
def chronicle(store):
    summary = store.add_records(sample_corpus())
    assert summary.documents == 3 and not summary.failures
    return store


def test_reports_of_one_transfer_merge_and_keep_who_asserted_it(chronicle):
    [aid] = chronicle.events(type="AID")
    assert aid["n_documents"] == 2 and aid["date"] == "2024-03-09"
    assert aid["attributed_to"] == ["USA"]
    assert {(m["document_id"], m["status"], m["attributed_to"]) for m in aid["mentions"]} == {
        ("doc-a", "alleged", "USA"), ("doc-c", "occurred", None)}
    assert aid["source"] == ["RUS"] and aid["target"] == ["PRK"] and aid["mode"] == "military"


def test_dyad_matches_either_direction_and_meetings_without_target(chronicle):
    types = [e["type"] for e in chronicle.events(dyad=("PRK", "RUS"))]
    assert sorted(types) == ["AGREE", "AID"]
    assert [e["type"] for e in chronicle.events(dyad=("RUS", "PRK"))] == types
    assert [e["type"] for e in chronicle.events(dyad=("CHN", "RUS"))] == ["ACCUSE"]


def test_event_filters(chronicle):
    assert {e["type"] for e in chronicle.events(actor="USA")} == {"SANCTION"}
    assert {e["type"] for e in chronicle.events(actor="PRK")} == {"AID", "AGREE", "ACCUSE", "SANCTION", "THREATEN"}
    assert [e["type"] for e in chronicle.events(status="intended")] == ["THREATEN"]
    assert "THREATEN" not in {e["type"] for e in chronicle.events(exclude_status=["intended"])}
    assert [e["type"] for e in chronicle.events(attributed_to="USA")] == ["AID"]
    assert [e["type"] for e in chronicle.events(date_from="2024-03-12")] == ["SANCTION"]
    assert [e["type"] for e in chronicle.events(date_to="2024-03-10")] == ["AID"]
    assert {e["type"] for e in chronicle.events(date_from="2024-03-11", date_to="2024-03-11")} == {"AGREE", "ACCUSE"}
    assert len(chronicle.events(limit=2)) == 2
    with pytest.raises(ConfigError):
        chronicle.events(date_from="yesterday")


def test_events_come_oldest_first_with_undated_last(chronicle):
    dates = [e["date"] for e in chronicle.events()]
    assert dates[-1] is None
    assert dates[:-1] == sorted(dates[:-1])


def test_quote_search_finds_korean_words_whatever_particle_follows(chronicle):
    hits = chronicle.quotes(text="미사일")  # stored as 미사일을 and 미사일
    assert [(q["document_id"], q["id"]) for q in hits] == [("doc-a", "q1"), ("doc-c", "q1")]
    assert [q["document_id"] for q in chronicle.quotes(text="발사하는")] == ["doc-a"]  # 발사할 -> 발사
    assert chronicle.quotes(text="미사일 제재") == []  # every morpheme must be there
    assert chronicle.quotes(text="을") == []
    assert [q["document_id"] for q in chronicle.quotes(speaker="person:test-minister")] == ["doc-a"]
    assert [q["document_id"] for q in chronicle.quotes(speaker="일본 총리")] == ["doc-c"]


def test_actors_with_counts_and_aliases(chronicle):
    actors = chronicle.actors()
    prk = next(a for a in actors if a["id"] == "PRK")
    assert (prk["n_mentions"], prk["n_documents"], prk["aliases"]) == (3, 3, ["북한"])
    assert actors[0]["id"] == "PRK"  # most mentioned first
    assert [a["id"] for a in chronicle.actors(kind="person")] == ["person:test-minister"]
    assert [a["id"] for a in chronicle.actors(name="외무")] == ["person:test-minister"]
    assert [a["id"] for a in chronicle.actors(name="russ")] == ["RUS"]


def test_document_and_summary(chronicle):
    doc = chronicle.document("doc-c")
    assert doc["url"] == "https://news.example.org/c" and doc["outlet"] == "Outlet C"
    assert doc["text"].startswith("미국은")
    assert chronicle.document("nope") is None
    s = chronicle.summary()
    assert (s["documents"], s["quotes"], s["events"], s["event_mentions"]) == (3, 2, 5, 6)
    assert s["by_type"] == {"ACCUSE": 1, "AGREE": 1, "AID": 1, "SANCTION": 1, "THREATEN": 1}


@pytest.mark.postgres
def test_sqlite_and_postgresql_give_the_same_answers(pg_server, tmp_path):
    answers = []
    for url in (str(tmp_path / "a.db"), pg_server.new_database()):
        with open_store(url) as s:
            s.add_records(sample_corpus())
            answers.append({
                "events": s.events(), "dyad": s.events(dyad=("PRK", "RUS")),
                "dated": s.events(date_from="2024-03-10", exclude_status="alleged"),
                "quotes": s.quotes(), "search": s.quotes(text="미사일을"), "actors": s.actors(),
                "named": s.actors(name="북"), "summary": s.summary(), "doc": s.document("doc-a"),
            })
    assert answers[0] == answers[1]

"""Cross-document merge, idempotency and replacement, on both backends (hand-made records)."""

from __future__ import annotations

from _store_records import MEETING_TEXT, event, meeting_report, record, state

from sagwan.store.merge import date_interval, merge_key


def test_two_outlets_reporting_one_meeting_give_one_event_with_two_sources(store):
    store.add_records([meeting_report("m1", "Outlet A", "2024-05-02", "2024-05-02"),
                       meeting_report("m2", "Outlet B", "2024-05-02", "2024-05-03")])
    [ev] = store.events()
    assert (ev["type"], ev["n_documents"], ev["n_outlets"]) == ("CONSULT", 2, 2)
    assert ev["first_document"] == "m1" and ev["first_reported"] == "2024-05-02"
    assert [m["document_id"] for m in ev["mentions"]] == ["m1", "m2"]
    assert {m["text"] for m in ev["mentions"]} == {MEETING_TEXT[18:21]}


def test_same_outlet_twice_counts_two_documents_but_one_outlet(store):
    store.add_records([meeting_report("m1", "Outlet A", "2024-05-02", "2024-05-02"),
                       meeting_report("m2", "outlet a", "2024-05-02", "2024-05-03")])
    [ev] = store.events()
    assert (ev["n_documents"], ev["n_outlets"]) == (2, 1)


def test_a_coarse_date_merges_with_a_day_inside_it_but_two_days_do_not(store):
    store.add_records([meeting_report("d1", "A", "2024-05-02", "2024-05-02"),
                       meeting_report("d2", "B", "2024-05-03", "2024-05-03"),
                       meeting_report("m", "C", "2024-05", "2024-05-04")])
    evs = store.events()
    assert len(evs) == 2
    assert sorted(e["n_documents"] for e in evs) == [1, 2]
    merged = next(e for e in evs if e["n_documents"] == 2)
    assert merged["date"] == "2024-05-02"  # the most precise date wins
    assert {m["document_id"] for m in merged["mentions"]} == {"d1", "m"}


def test_undated_events_never_merge_across_documents(store):
    store.add_records([meeting_report("u1", "A", None, "2024-05-02"), meeting_report("u2", "B", None, "2024-05-02")])
    assert [e["n_documents"] for e in store.events()] == [1, 1]


def test_two_events_of_one_document_stay_apart(store):
    rec = record("one", text=MEETING_TEXT, actors=[state("KOR", "한국", 0), state("JPN", "일본", 3)],
                 events=[event("e1", "CONSULT", ["KOR"], ["JPN"], "2024-05-02"),
                         event("e2", "CONSULT", ["KOR"], ["JPN"], "2024-05-02")])
    store.add_records([rec])
    assert len(store.events()) == 2


def test_consult_dyad_is_unordered_but_accuse_is_not(store):
    text = "한국과 일본"
    actors = [state("KOR", "한국", 0), state("JPN", "일본", 3)]
    store.add_records([
        record("a", text=text, actors=actors, events=[event("e1", "CONSULT", ["KOR"], ["JPN"], "2024-05-02"),
                                                      event("e2", "ACCUSE", ["KOR"], ["JPN"], "2024-05-02")]),
        record("b", text=text, actors=actors, events=[event("e1", "CONSULT", ["JPN"], ["KOR"], "2024-05-02"),
                                                      event("e2", "ACCUSE", ["JPN"], ["KOR"], "2024-05-02")]),
        record("c", text=text, actors=actors, events=[event("e1", "CONSULT", ["JPN", "KOR"], [], "2024-05-02")]),
    ])
    consult = store.events(type="CONSULT")
    assert len(consult) == 1 and consult[0]["n_documents"] == 3
    assert len(store.events(type="ACCUSE")) == 2


def test_persons_count_for_their_country_in_the_dyad(store):
    minister = {"id": "person:test-envoy", "name": "Test Envoy", "kind": "person", "country": "KOR", "role": "envoy",
                "affiliation": "KOR", "wikidata": None, "names": ["특사"],
                "mentions": [{"start": 0, "end": 2, "text": "특사"}]}
    store.add_records([
        record("p", text="특사가 일본", actors=[minister, state("JPN", "일본", 4)],
               events=[event("e1", "CONSULT", ["person:test-envoy"], ["JPN"], "2024-05-02")]),
        record("s", text=MEETING_TEXT, actors=[state("KOR", "한국", 0), state("JPN", "일본", 3)],
               events=[event("e1", "CONSULT", ["KOR"], ["JPN"], "2024-05-02")]),
    ])
    [ev] = store.events()
    assert ev["n_documents"] == 2
    assert set(ev["source"]) | set(ev["target"]) == {"person:test-envoy", "KOR", "JPN"}
    assert store.events(actor="KOR") == [ev]  # a country finds its people's events


def test_adding_the_same_records_again_changes_nothing(store):
    recs = [meeting_report("m1", "A", "2024-05-02", "2024-05-02"),
            meeting_report("m2", "B", "2024-05-02", "2024-05-03")]
    first = store.add_records(recs)
    before = (store.summary(), store.events())
    again = store.add_records(recs)
    assert (first.documents, again.documents, again.unchanged) == (2, 0, 2)
    assert (store.summary(), store.events()) == before


def test_a_changed_document_at_the_same_source_replaces_its_rows(store):
    store.add_records([meeting_report("m1", "A", "2024-05-02", "2024-05-02"),
                       meeting_report("m2", "B", "2024-05-02", "2024-05-03")])
    changed = record("m2-v2", source="m2.txt", text="다른 기사", published="2024-05-03", outlet="B",
                     actors=[state("USA", "미국", 0)], events=[])
    summary = store.add_records([changed])
    assert summary.documents == 1
    assert store.document("m2") is None and store.document("m2-v2")["text"] == "다른 기사"
    [ev] = store.events()
    assert ev["n_documents"] == 1 and [m["document_id"] for m in ev["mentions"]] == ["m1"]
    assert store.summary()["documents"] == 2


def test_the_first_report_leaving_keeps_the_event_with_the_other(store):
    store.add_records([meeting_report("m1", "A", "2024-05-02", "2024-05-02"),
                       meeting_report("m2", "B", "2024-05-02", "2024-05-03")])
    store.add_records([record("m1-v2", source="m1.txt", text="무관한 기사", outlet="A")])
    [ev] = store.events()
    assert ev["first_document"] == "m2" and ev["n_documents"] == 1


def test_merge_ids_do_not_depend_on_the_order_documents_arrive(db_url, tmp_path):
    from sagwan.store import open_store

    recs = [meeting_report(f"m{i}", f"O{i}", d, f"2024-05-0{i + 2}")
            for i, d in enumerate(["2024-05-02", "2024-05", "2024-05-02", "2024-05-03"])]
    with open_store(db_url) as s:
        s.add_records(recs)
        forward = s.events()
    with open_store(str(tmp_path / "reverse.db")) as s:
        s.add_records(reversed(recs))
        assert s.events() == forward


def test_a_malformed_record_is_a_failure_and_writes_nothing(store):
    bad = record("bad", text="북한", actors=[state("PRK", "북한", 0)],
                 events=[event("e1", "ASSAULT", ["NOPE-UNKNOWN"], [], "2024-01-01")])
    bad["events"][0]["mentions"][0]["start"] = None  # an offset the database refuses
    summary = store.add_records([bad, {"doc": {"source": "x.txt"}}])
    assert summary.documents == 0 and len(summary.failures) == 2
    counts = store.summary()
    assert counts["documents"] == 0 and counts["actors"] == 0 and counts["failures"] == 2


def test_failures_are_one_row_per_source_and_go_when_it_succeeds(store):
    store.record_failure("m1.txt", "not UTF-8 text")
    store.record_failure("m1.txt", "not UTF-8 text")
    assert store.summary()["failures"] == 1
    store.add_records([meeting_report("m1", "A", "2024-05-02", "2024-05-02")])
    assert store.summary()["failures"] == 0


def test_date_intervals_and_merge_keys():
    assert date_interval("2024-02") == ("2024-02-01", "2024-02-29")
    assert date_interval("2023") == ("2023-01-01", "2023-12-31")
    assert date_interval("2023-10-24", "2023-11") == ("2023-10-24", "2023-11-30")
    assert date_interval(None) is None and date_interval("soon") is None
    assert merge_key("CONSULT", ["KOR"], ["JPN"]) == merge_key("CONSULT", ["JPN", "KOR"], [])
    assert merge_key("ACCUSE", ["KOR"], ["JPN"]) != merge_key("ACCUSE", ["JPN"], ["KOR"])

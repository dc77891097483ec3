"""One happening reported in Korean and in English is one chronicle event with both documents and
both languages (both extractors run for real; the texts are written for this test)."""

from __future__ import annotations

import json

from sagwan import extract

KOREAN = "몽골 외교장관은 24일 울란바토르에서 카자흐스탄 외교장관과 회담했다.\n양측은 교역 확대 방안을 논의했다."
ENGLISH = ("Mongolia's foreign minister held talks with his Kazakh counterpart in Ulaanbaatar on Tuesday.\n"
           "The two discussed trade.")
OTHER_DAY = "Mongolia's foreign minister met his Kazakh counterpart in Astana on Oct. 3."


def test_an_english_and_a_korean_report_of_one_meeting_are_one_event(store):
    ko = extract(KOREAN, published="2023-10-27", title="몽골-카자흐 외교장관 회담", source="ko.txt")
    en = extract(ENGLISH, published="2023-10-27", title="Mongolia, Kazakhstan hold talks", source="en.txt")
    assert (ko["doc"]["language"], en["doc"]["language"]) == ("ko", "en")
    store.add_records([ko, en])
    [ev] = store.events()
    assert ev["type"] == "CONSULT"
    assert ev["date"] == "2023-10-24"
    assert ev["n_documents"] == 2
    assert ev["languages"] == ["en", "ko"]
    assert {m["document_id"] for m in ev["mentions"]} == {ko["doc"]["id"], en["doc"]["id"]}


def test_a_meeting_on_another_day_stays_another_event(store):
    ko = extract(KOREAN, published="2023-10-27", title="몽골-카자흐 외교장관 회담", source="ko.txt")
    en = extract(OTHER_DAY, published="2023-10-27", title="Talks in Astana", source="en2.txt")
    store.add_records([ko, en])
    evs = store.events()
    assert sorted(e["languages"] for e in evs) == [["en"], ["ko"]]


def test_events_filter_by_language_in_the_api_and_the_command(store, db_url):
    from click.testing import CliRunner

    from sagwan.serve.cli import cli

    ko = extract(KOREAN, published="2023-10-27", title="몽골-카자흐 외교장관 회담", source="ko.txt")
    en = extract(OTHER_DAY, published="2023-10-27", title="Talks in Astana", source="en2.txt")
    store.add_records([ko, en])
    from sagwan.store.filters import make_filter

    def reported_in(language):
        return [e["languages"] for e in store.events(filter=make_filter(language=language, all_statuses=True))]

    assert reported_in("en") == [["en"]] and reported_in("ko") == [["ko"]]
    assert store.count_events(make_filter(language="en", all_statuses=True)) == 1
    out = CliRunner().invoke(cli, ["events", "--language", "en", "--db", db_url, "--format", "jsonl"])
    assert out.exit_code == 0, out.output
    assert [json.loads(line)["languages"] for line in out.output.splitlines()] == [["en"]]
    bad = CliRunner().invoke(cli, ["events", "--language", "fr", "--db", db_url])
    assert bad.exit_code == 2
    assert "en" in bad.output and "ko" in bad.output and "fr" in bad.output

"""English quotes: direct, continued, indirect, according to, via the outlet."""

from __future__ import annotations


def _quotes(rec: dict) -> list[tuple]:
    return [(q["kind"], q["speaker"], q["text"], q["via"]) for q in rec["quotes"]]


def test_direct_quote_after_and_before_the_speaker_and_a_continued_paragraph(code):
    rec = code('"We will not bow to pressure," said Dana Holt, a spokesperson for the Harbor Coalition.\n'
               '"Our position is clear and it will not change," she said.\n'
               'Holt said: "The talks are over."\n'
               '"There is nothing more to discuss with them at all."')
    got = _quotes(rec)
    assert got[0] == ("direct", "person:dana-holt", "We will not bow to pressure", None)
    assert got[1][1] == "person:dana-holt"
    assert got[2] == ("direct", "person:dana-holt", "The talks are over.", None)
    assert got[3][1:3] == ("person:dana-holt", "There is nothing more to discuss with them at all.")
    text = rec["doc"]["text"]
    for q in rec["quotes"]:
        assert text[q["start"]:q["end"]] == q["text"]


def test_indirect_speech_told_reporters_and_via_the_outlet(code):
    rec = code("Foreign Minister Anton Belvik told reporters that Moscow would send a delegation.\n"
               "Deputy Premier Jo Myong Son said the harvest had improved, KCNA reported.\n"
               "Defense Minister Park Ji-ho told Yonhap on Thursday that the drills would go ahead.")
    got = _quotes(rec)
    assert got[0] == ("indirect", "person:anton-belvik", "Moscow would send a delegation", None)
    assert got[1] == ("indirect", "person:jo-myong-son", "the harvest had improved", "org:kcna")
    assert got[2][:3] == ("indirect", "person:park-ji-ho", "the drills would go ahead")
    assert got[2][3] == "org:yonhap"
    assert rec["quotes"][2]["date"] == "2023-10-26"


def test_according_to_and_clause_first_reports(code):
    rec = code("According to the Korean Central News Agency, the plant resumed work.\n"
               "The two sides signed a memorandum, the State Department said.")
    got = _quotes(rec)
    assert got[0][:3] == ("indirect", "org:kcna", "the plant resumed work")
    assert got[1][:3] == ("indirect", "org:state-department", "The two sides signed a memorandum")


def test_scare_quotes_are_not_quotes(code):
    rec = code('Seoul called the plan a "provocation" and moved on.')
    assert rec["quotes"] == []


def test_a_states_office_speaks_for_it_and_a_name_opening_a_sentence_is_a_speaker(code):
    rec = code("Chile and Peru signed a fisheries accord on Friday, Peru's foreign ministry said.\n"
               "Sung Ji-won, a professor at Hanbit University, said the accord was overdue. "
               '"It took ten years to get here," she said.')
    got = _quotes(rec)
    assert got[0][:3] == ("indirect", "PER", "Chile and Peru signed a fisheries accord on Friday")
    assert got[1][:3] == ("indirect", "person:sung-ji-won", "the accord was overdue")
    assert got[2][:2] == ("direct", "person:sung-ji-won")


def test_an_unnamed_official_speaks_for_the_office_named_beside_the_title(code):
    rec = code("A senior Foreign Office official, speaking on condition of anonymity, said London had no "
               "intention of expelling Qatar's diplomats.\n"
               '"We value the relationship," the official said.')
    got = _quotes(rec)
    assert [q[:2] for q in got] == [("indirect", "org:gbr-fcdo"), ("direct", "org:gbr-fcdo")]
    [ev] = rec["events"]
    assert (ev["type"], ev["status"], ev["attributed_to"]) == ("SANCTION", "denied", "org:gbr-fcdo")


def test_warned_that_is_speech_not_a_threat(code):
    rec = code("Pyongyang warned that it would take countermeasures.")
    assert rec["events"] == []
    assert [q[:2] for q in _quotes(rec)] == [("indirect", "PRK")]

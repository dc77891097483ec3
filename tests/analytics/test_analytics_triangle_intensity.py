"""Triangle intensity (tie shares, changes, asymmetry) and the quotes beside each window."""

from __future__ import annotations

from sagwan.analytics.triangle_quotes import quotes_by_window
from sagwan.analytics.triangles import triangle_series


def test_a_dense_tie_and_a_thin_one_differ_in_weight_change_and_asymmetry(make_event):
    events = [make_event("COOPERATE", ["AAA"], ["BBB"], "2024-02-10") for _ in range(27)]
    events += [make_event("CONSULT", ["AAA"], ["CCC"], "2024-02-11") for _ in range(7)]
    events += [make_event("AID", ["BBB"], ["CCC"], "2024-02-12") for _ in range(7)]
    events += [make_event("AID", ["BBB"], ["CCC"], "2024-05-12") for _ in range(3)]
    tri = triangle_series(events, "AAA", "BBB", "CCC", by="quarter")
    q1, q2 = tri.windows
    ties = {t.label: t for t in q1.ties}
    assert (ties["AAA-BBB"].n_memory, ties["AAA-CCC"].n_memory) == (27, 7)
    assert ties["AAA-BBB"].share == round(27 / 41, 3) and ties["AAA-CCC"].share == round(7 / 41, 3)
    assert q1.asymmetry == round(1 - 7 / 27, 3) and q1.dominant == "AAA-BBB"
    assert ties["AAA-BBB"].change_events is None                      # the first window has nothing before it
    later = {t.label: t for t in q2.ties}
    assert later["BBB-CCC"].change_events == 3 and later["AAA-BBB"].change_events == 0
    balanced = triangle_series([make_event("AID", [a], [b], "2024-02-10") for a, b in
                                (("AAA", "BBB"), ("AAA", "CCC"), ("BBB", "CCC"))], "AAA", "BBB", "CCC")
    assert balanced.windows[0].asymmetry == 0 and balanced.windows[0].dominant is None


def test_quotes_beside_a_window_name_two_or_more_members():
    names = {"AAA": ["알파국", "Alphaland"], "BBB": ["베타국", "베"], "CCC": ["감마국"]}
    quotes = [
        {"id": "q1", "text": "알파국은 베타국과의 관계를 이용해 감마국을 압박한다", "date": "2024-02-01",
         "speaker": "person:x"},
        {"id": "q2", "text": "알파국의 경제가 어렵다", "date": "2024-02-02"},                 # one member only
        {"id": "q3", "text": "Alphaland and 감마국 talked", "date": None, "published": "2024-03-30"},
        {"id": "q4", "text": "베테랑 알파국 외교관이 말했다", "date": "2024-02-03"},       # 베 alone names nobody
        {"id": "q5", "text": "알파국과 베타국", "date": "2024-07-01"},                     # another quarter
    ]
    found = quotes_by_window(quotes, names, ["2024-Q1"], "quarter", roles={"person:x": "analyst"})
    assert [q["quote_id"] for q in found["2024-Q1"]] == ["q1", "q3"]
    assert found["2024-Q1"][0]["names"] == ["AAA", "BBB", "CCC"] and found["2024-Q1"][0]["role"] == "analyst"

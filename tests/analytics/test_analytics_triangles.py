from __future__ import annotations

import pytest

from sagwan.analytics.triangles import classify, describe, tie_sign, triangle_series
from sagwan.errors import ConfigError

M = ("AAA", "BBB", "CCC")


def _events(make_event, ties, date="2024-02-10", n=2):
    """n events per tie: ties maps "AB" -> type."""
    out = []
    for pair, kind in ties.items():
        a, b = {"A": "AAA", "B": "BBB", "C": "CCC"}[pair[0]], {"A": "AAA", "B": "BBB", "C": "CCC"}[pair[1]]
        out += [make_event(kind, [a], [b], date) for _ in range(n)]
    return out


@pytest.mark.parametrize(("ties", "kind", "roles"), [
    ({"AB": "AID", "AC": "CONSULT", "BC": "COOPERATE"}, "menage", {"AAA": "friend", "BBB": "friend", "CCC": "friend"}),
    ({"AB": "AID", "AC": "AID", "BC": "SANCTION"}, "romantic", {"AAA": "pivot", "BBB": "wing", "CCC": "wing"}),
    ({"AB": "COOPERATE", "AC": "THREATEN", "BC": "ASSAULT"}, "marriage",
     {"AAA": "partner", "BBB": "partner", "CCC": "outcast"}),
    ({"AB": "ASSAULT", "AC": "REJECT", "BC": "SANCTION"}, "unit_veto", {"AAA": "foe", "BBB": "foe", "CCC": "foe"}),
])
def test_the_four_types_and_their_roles(make_event, ties, kind, roles):
    w = triangle_series(_events(make_event, ties), *M).windows[0]
    assert (w.type, w.roles, w.weak) == (kind, roles, False)


def test_pivot_is_the_member_on_both_positive_ties(make_event):
    w = triangle_series(_events(make_event, {"AB": "REJECT", "AC": "AID", "BC": "CONSULT"}), *M).windows[0]
    assert w.type == "romantic" and w.roles["CCC"] == "pivot"
    assert describe(w) == "romantic triangle: pivot CCC"


def test_neutral_wing_tie_makes_a_weak_romantic_triangle(make_event):
    # REJECT (-2) and CONSULT (+2.5) between the wings: mean +0.25, inside the neutral band
    events = _events(make_event, {"AB": "AID", "AC": "AID"})
    events += [make_event("REJECT", ["BBB"], ["CCC"]), make_event("CONSULT", ["BBB"], ["CCC"])]
    w = triangle_series(events, *M).windows[0]
    assert (w.type, w.weak, w.signs) == ("romantic", True, "++0")


def test_too_few_events_make_the_window_incomplete(make_event):
    events = _events(make_event, {"AB": "AID", "AC": "AID"}) + [make_event("SANCTION", ["BBB"], ["CCC"])]
    w = triangle_series(events, *M).windows[0]
    assert (w.type, w.roles, w.signs) == ("incomplete", {}, "++?")
    assert triangle_series(events, *M, min_events=1).windows[0].type == "romantic"


def test_series_over_windows_and_transitions(make_event):
    q1 = _events(make_event, {"AB": "AID", "AC": "AID", "BC": "SANCTION"}, "2024-01-15")
    q3 = _events(make_event, {"AB": "AID", "AC": "SANCTION", "BC": "SANCTION"}, "2024-08-15")
    s = triangle_series(q1 + q3, *M, by="quarter")
    assert [w.period for w in s.windows] == ["2024-Q1", "2024-Q2", "2024-Q3"]
    assert [w.type for w in s.windows] == ["romantic", "incomplete", "marriage"]
    assert [(t["from"], t["to"]) for t in s.transitions] == [("romantic", "incomplete"), ("incomplete", "marriage")]
    assert [w.type for w in triangle_series(q1 + q3, *M, by="year").windows] == ["romantic"]
    assert s.transitions[1]["to_label"] == "stable marriage: outcast CCC"
    d = s.to_dict()
    assert d["windows"][0]["name"] == "romantic triangle" and d["windows"][2]["signs"] == "+--"


def test_unaligned_and_sign_thresholds():
    assert tie_sign(0.5, 3) == "0" and tie_sign(1.0, 3) == "+" and tie_sign(-1.0, 3) == "-"
    assert tie_sign(5.0, 1) == "?" and tie_sign(0.5, 3, neutral_band=0.2) == "+"
    signs = {frozenset(p): s for p, s in ((("AAA", "BBB"), "-"), (("AAA", "CCC"), "0"), (("BBB", "CCC"), "0"))}
    assert classify(M, signs)[0] == "unaligned"


def test_directed_means_show_asymmetry(make_event):
    events = [make_event("AID", ["AAA"], ["BBB"]), make_event("REJECT", ["BBB"], ["AAA"])]
    tie = triangle_series(events, *M, min_events=1).windows[0].ties[0]
    assert tie.directed_mean == {"AAA>BBB": 10.0, "BBB>AAA": -2.0}


def test_three_distinct_members_required():
    with pytest.raises(ConfigError, match="three different"):
        triangle_series([], "AAA", "BBB", "AAA")

from __future__ import annotations

import pytest

from sagwan.analytics.dyads import dyad_series
from sagwan.analytics.memory import age_weight, resolve_memory
from sagwan.analytics.triangles import (
    DEFAULT_MIN_EVENTS,
    caveat,
    classify,
    describe,
    if_friendly,
    tie_sign,
    triangle_series,
)
from sagwan.errors import ConfigError

M = ("AAA", "BBB", "CCC")
IDS = {"A": "AAA", "B": "BBB", "C": "CCC"}


def _events(make_event, ties, date="2024-02-10", n=2):
    """n events per tie: ties maps "AB" -> type."""
    out = []
    for pair, kind in ties.items():
        out += [make_event(kind, [IDS[pair[0]]], [IDS[pair[1]]], date) for _ in range(n)]
    return out


def _signs(ab, ac, bc):
    return {frozenset(("AAA", "BBB")): ab, frozenset(("AAA", "CCC")): ac, frozenset(("BBB", "CCC")): bc}


@pytest.mark.parametrize(("ties", "kind", "roles"), [
    ({"AB": "AID", "AC": "CONSULT", "BC": "COOPERATE"}, "menage", {"AAA": "friend", "BBB": "friend", "CCC": "friend"}),
    ({"AB": "AID", "AC": "AID", "BC": "SANCTION"}, "romantic", {"AAA": "pivot", "BBB": "wing", "CCC": "wing"}),
    ({"AB": "COOPERATE", "AC": "THREATEN", "BC": "ASSAULT"}, "marriage",
     {"AAA": "partner", "BBB": "partner", "CCC": "outcast"}),
    ({"AB": "ASSAULT", "AC": "REJECT", "BC": "SANCTION"}, "unit_veto", {"AAA": "foe", "BBB": "foe", "CCC": "foe"}),
])
def test_the_four_types_and_their_roles(make_event, ties, kind, roles):
    w = triangle_series(_events(make_event, ties), *M).windows[0]
    assert (w.type, w.roles, w.weak, w.provisional) == (kind, roles, False, False)


def test_pivot_is_the_member_on_both_positive_ties(make_event):
    w = triangle_series(_events(make_event, {"AB": "REJECT", "AC": "AID", "BC": "CONSULT"}), *M).windows[0]
    assert w.type == "romantic" and w.roles["CCC"] == "pivot"
    assert describe(w) == "romantic triangle: pivot CCC" and caveat(w) == ""


def test_neutral_wing_tie_makes_a_weak_romantic_triangle(make_event):
    # REJECT (-2) and CONSULT (+2.5) between the wings: mean +0.25, inside the neutral band
    events = _events(make_event, {"AB": "AID", "AC": "AID"})
    events += [make_event("REJECT", ["BBB"], ["CCC"]), make_event("CONSULT", ["BBB"], ["CCC"])]
    w = triangle_series(events, *M).windows[0]
    assert (w.type, w.weak, w.signs, w.provisional) == ("romantic", True, "++0", False)


def test_defaults():
    assert [resolve_memory(None, by) for by in ("month", "quarter", "half", "year")] == [12, 4, 2, 1]
    assert resolve_memory(3, "quarter") == 3 and DEFAULT_MIN_EVENTS == 1
    s = triangle_series([], *M)
    assert (s.by, s.memory, s.weighting, s.min_events, s.neutral_band) == ("quarter", 4, "linear", 1, 1.0)
    assert triangle_series([], *M, by="month").memory == 12 and triangle_series([], *M, by="year").memory == 1
    assert [age_weight(k, 4) for k in range(5)] == [1.0, 0.75, 0.5, 0.25, 0.0]
    assert [age_weight(k, 4, "equal") for k in (0, 3, 4)] == [1.0, 1.0, 0.0]
    with pytest.raises(ConfigError, match="memory must be between 1 and"):
        triangle_series([], *M, memory=0)
    with pytest.raises(ConfigError, match="unknown weighting"):
        triangle_series([], *M, weighting="exponential")


def test_memory_carries_a_tie_across_quarters(make_event):
    q1 = _events(make_event, {"AB": "AID", "AC": "CONSULT", "BC": "COOPERATE"}, "2024-01-15")
    q2 = _events(make_event, {"AB": "AID"}, "2024-05-15")          # news only on A–B this quarter
    w = triangle_series(q1 + q2, *M).windows[1]
    assert (w.period, w.memory_from, w.type, w.signs) == ("2024-Q2", "2023-Q3", "menage", "+++")
    ac = w.ties[1]
    assert (ac.n_events, ac.n_memory, ac.periods) == (0, 2, ["2024-Q1"])
    # the same quarter read alone knows only A–B: nothing to say about the triangle
    alone = triangle_series(q1 + q2, *M, memory=1).windows[1]
    assert (alone.type, alone.signs) == ("incomplete", "+??")
    assert caveat(alone) == "only AAA-BBB known in the memory window"


def test_evidence_expires_after_memory_periods(make_event):
    events = _events(make_event, {"BC": "COOPERATE"}, "2023-02-10")
    for date in ("2023-02-10", "2023-05-10", "2023-08-10", "2023-11-10", "2024-02-10"):
        events += _events(make_event, {"AB": "AID", "AC": "AID"}, date)
    s = triangle_series(events, *M)
    by_period = {w.period: w for w in s.windows}
    assert by_period["2023-Q4"].type == "menage" and by_period["2023-Q4"].ties[2].periods == ["2023-Q1"]
    expired = by_period["2024-Q1"]                  # 2023-Q1 is 4 quarters back: out of the memory
    assert expired.ties[2].sign == "?" and expired.ties[2].n_memory == 0
    assert (expired.type, expired.weak, expired.provisional, expired.unknown) == ("romantic", True, True, ["BBB-CCC"])
    assert expired.if_friendly == "ménage à trois"
    assert describe(expired) == "romantic triangle (weak, provisional): pivot AAA"
    assert triangle_series(events, *M, memory=5).windows[-1].type == "menage"


def test_linear_decay_lets_newer_evidence_outweigh_older(make_event):
    old = [make_event("SANCTION", ["AAA"], ["BBB"], "2023-04-10", score=-6.0) for _ in range(2)]
    new = [make_event("AID", ["AAA"], ["BBB"], "2024-01-10", score=6.0)]
    # weights 0.25 (three quarters old) and 1: (-12*0.25 + 6) / 1.5 = +2; equal weights: -6/3 = -2
    assert triangle_series(old + new, *M).windows[-1].ties[0].mean == pytest.approx(2.0)
    assert triangle_series(old + new, *M, weighting="equal").windows[-1].ties[0].mean == pytest.approx(-2.0)


def test_min_events_counts_the_whole_memory(make_event):
    events = _events(make_event, {"AB": "AID", "AC": "AID"}, "2024-01-10")
    events += [make_event("SANCTION", ["BBB"], ["CCC"], "2023-11-10")]
    assert triangle_series(events, *M).windows[-1].signs == "++-"
    strict = triangle_series(events, *M, min_events=2).windows[-1]
    assert (strict.signs, strict.type, strict.provisional) == ("++?", "romantic", True)


def test_one_unknown_tie_is_read_as_no_amity_shown():
    assert classify(M, _signs("+", "+", "?")) == ("romantic", True, {"AAA": "pivot", "BBB": "wing", "CCC": "wing"})
    assert if_friendly(M, _signs("+", "+", "?")) == "ménage à trois"
    assert classify(M, _signs("+", "-", "?"))[:2] == ("marriage", True)
    assert if_friendly(M, _signs("+", "-", "?")) == "romantic triangle: pivot BBB"
    # silence never makes hostility: two hostile ties and a silent one are not a unit veto
    assert classify(M, _signs("-", "-", "?")) == ("unaligned", False, {})
    assert if_friendly(M, _signs("-", "-", "?")) == "stable marriage: outcast AAA"
    assert classify(M, _signs("+", "?", "?")) == ("incomplete", False, {})
    assert if_friendly(M, _signs("+", "?", "?")) is None


def test_only_periods_with_data_are_reported_and_transitions(make_event):
    q1 = _events(make_event, {"AB": "AID", "AC": "AID", "BC": "SANCTION"}, "2024-01-15")
    q3 = _events(make_event, {"AB": "AID", "AC": "SANCTION", "BC": "SANCTION"}, "2024-08-15")
    s = triangle_series(q1 + q3, *M, memory=1)
    assert [w.period for w in s.windows] == ["2024-Q1", "2024-Q3"] and s.quiet == ["2024-Q2"]
    assert [w.type for w in s.windows] == ["romantic", "marriage"]
    assert [(t["from"], t["to"]) for t in s.transitions] == [("romantic", "marriage")]
    assert s.transitions[0]["to_label"] == "stable marriage: outcast CCC"
    assert [w.type for w in triangle_series(q1 + q3, *M, by="year").windows] == ["romantic"]
    d = s.to_dict()
    assert d["windows"][0]["name"] == "romantic triangle" and d["windows"][1]["signs"] == "+--"
    assert d["memory"] == 1 and d["windows"][1]["label"] == "stable marriage"


def test_unaligned_and_sign_thresholds():
    assert tie_sign(0.5, 3) == "0" and tie_sign(1.0, 3) == "+" and tie_sign(-1.0, 3) == "-"
    assert tie_sign(5.0, 1) == "+" and tie_sign(5.0, 1, min_events=2) == "?"
    assert tie_sign(0.5, 3, neutral_band=0.2) == "+" and tie_sign(None, 0) == "?"
    assert classify(M, _signs("-", "0", "0"))[0] == "unaligned"


def test_directed_means_show_asymmetry(make_event):
    events = [make_event("AID", ["AAA"], ["BBB"]), make_event("REJECT", ["BBB"], ["AAA"])]
    tie = triangle_series(events, *M).windows[0].ties[0]
    assert tie.directed_mean == {"AAA>BBB": 10.0, "BBB>AAA": -2.0}


def test_dyad_trailing_mean_is_the_tie(make_event):
    events = [make_event("SANCTION", ["AAA"], ["BBB"], "2023-04-10"), make_event("AID", ["BBB"], ["AAA"], "2023-12-01"),
              make_event("CONSULT", ["AAA"], ["CCC"], "2024-02-01")]
    tri = triangle_series(events, *M)
    dyad = dyad_series(events, "AAA", "BBB")
    shared = [w for w in tri.windows if dyad.row(w.period, "both") is not None]
    assert [w.period for w in shared] == ["2023-Q2", "2023-Q4"]
    assert [dyad.row(w.period, "both").memory_mean for w in shared] == [w.ties[0].mean for w in shared]
    assert dyad.row("2023-Q3", "both").memory_mean == -6.0          # a quiet quarter keeps the past year's value
    # 2024-Q1 has no A–B event of its own, yet its A–B tie still reads the past year
    assert tri.windows[-1].ties[0].mean == pytest.approx((-6 * 0.25 + 10 * 0.75) / 1.0)


def test_three_distinct_members_required():
    with pytest.raises(ConfigError, match="three different"):
        triangle_series([], "AAA", "BBB", "AAA")

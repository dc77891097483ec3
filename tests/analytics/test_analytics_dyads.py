from __future__ import annotations

import pytest

from sagwan.analytics.dyads import dyad_series, series_table
from sagwan.errors import ConfigError


def test_directions_counts_and_scores(make_event):
    events = [
        make_event("AID", ["AAA"], ["BBB"], "2024-01-05", eid="aid"),            # +10, A>B
        make_event("REJECT", ["BBB"], ["AAA"], "2024-02-20", eid="rej"),         # -2, B>A
        make_event("CONSULT", ["AAA", "BBB"], [], "2024-03-01", eid="meet"),     # +2.5, mutual
        make_event("THREATEN", ["AAA"], ["CCC"], "2024-03-02", eid="other"),     # not this dyad
    ]
    s = dyad_series(events, "AAA", "BBB", by="quarter")
    assert s.periods == ["2024-Q1"]
    ab, ba, both = s.row("2024-Q1", "AAA>BBB"), s.row("2024-Q1", "BBB>AAA"), s.row("2024-Q1", "both")
    assert sorted(ab.event_ids) == ["aid", "meet"] and ab.score_sum == pytest.approx(12.5)
    assert sorted(ba.event_ids) == ["meet", "rej"] and ba.score_mean == pytest.approx(0.25)
    # "both" counts the mutual meeting once
    assert both.n_events == 3 and both.score_sum == pytest.approx(10.5)
    assert both.by_quad == {"material-cooperation": 1, "verbal-conflict": 1, "verbal-cooperation": 1}
    assert both.by_type == {"AID": 1, "REJECT": 1, "CONSULT": 1}


def test_months_are_filled_and_year_only_dates_are_unplaced(make_event):
    events = [make_event("AID", ["AAA"], ["BBB"], "2024-01-05"), make_event("AID", ["AAA"], ["BBB"], "2024-03"),
              make_event("SANCTION", ["BBB"], ["AAA"], "2024", eid="yearonly")]
    s = dyad_series(events, "AAA", "BBB", by="month")
    assert s.periods == ["2024-01", "2024-02", "2024-03"]
    assert s.row("2024-02", "both").n_events == 0 and s.row("2024-02", "both").score_mean is None
    assert s.unplaced == ["yearonly"]
    by_year = dyad_series(events, "AAA", "BBB", by="year")
    assert by_year.unplaced == [] and by_year.row("2024", "both").n_events == 3


def test_undated_event_placed_by_first_report(make_event):
    e = make_event("CONSULT", ["AAA"], ["BBB"], None, first_reported="2024-05-02")
    assert dyad_series([e], "AAA", "BBB", by="quarter").periods == ["2024-Q2"]


def test_status_filter_default_and_override(make_event):
    events = [make_event("AID", ["AAA"], ["BBB"], eid="real"),
              make_event("AID", ["AAA"], ["BBB"], status="alleged", eid="claimed")]
    assert dyad_series(events, "AAA", "BBB").rows[-1].event_ids == ["real"]
    assert sorted(dyad_series(events, "AAA", "BBB", exclude_status=()).rows[-1].event_ids) == ["claimed", "real"]


def test_actor_level_reads_actor_ids(make_event):
    e = make_event("CONSULT", ["person:x"], ["person:y"])
    e["source_countries"], e["target_countries"] = ["AAA"], ["BBB"]
    assert dyad_series([e], "person:x", "person:y", level="actor").rows[-1].n_events == 1
    # at state level a side is its actors and their countries: both dyads hold the meeting
    assert dyad_series([e], "person:x", "person:y").rows[-1].n_events == 1
    assert dyad_series([e], "AAA", "BBB").rows[-1].n_events == 1
    assert dyad_series([e], "AAA", "BBB", level="actor").rows == []


def test_same_actor_twice_is_an_error(make_event):
    with pytest.raises(ConfigError, match="two different"):
        dyad_series([], "AAA", "AAA")


def test_series_table_flat_rows(make_event):
    rows = series_table(dyad_series([make_event("AID", ["AAA"], ["BBB"])], "AAA", "BBB"))
    assert [r["direction"] for r in rows] == ["AAA>BBB", "BBB>AAA", "both"]
    assert rows[0]["types"] == "AID:1" and rows[0]["material-cooperation"] == 1 and rows[1]["events"] == 0

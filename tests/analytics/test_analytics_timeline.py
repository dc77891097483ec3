from __future__ import annotations

from sagwan.analytics.timeline import event_timeline


def test_counts_by_quad_per_month_and_unplaced(make_event):
    events = [make_event("AID", ["AAA"], ["BBB"], "2024-01-03", eid="a"),
              make_event("THREATEN", ["BBB"], ["AAA"], "2024-03", eid="t"),
              make_event("CONSULT", ["AAA"], ["BBB"], "2024", eid="y"),
              make_event("ASSAULT", ["AAA"], ["BBB"], "2024-03-02", status="hypothetical", eid="h"),
              make_event("SPYING", ["AAA"], ["BBB"], "2024-02-02", eid="x")]
    t = event_timeline(events)
    assert t["periods"] == ["2024-01", "2024-02", "2024-03"]
    assert t["counts"]["material-cooperation"] == [1, 0, 0]
    assert t["counts"]["verbal-conflict"] == [0, 0, 1]
    assert t["counts"]["material-conflict"] == [0, 0, 0]          # the hypothetical assault is left out
    assert t["counts"]["unscored"] == [0, 1, 0]                    # a type the table does not know
    assert t["event_ids"]["2024-03"] == ["t"] and t["unplaced"] == ["y"]
    assert "unscored" not in event_timeline(events[:2])["counts"]

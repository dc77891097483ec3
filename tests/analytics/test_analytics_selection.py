from __future__ import annotations

import pytest

from sagwan.analytics.periods import period_of, period_range, period_start
from sagwan.analytics.scores import event_quad, event_score, score_table
from sagwan.analytics.selection import directed_pairs, select_events
from sagwan.errors import ConfigError


@pytest.mark.parametrize(("date", "by", "expected"), [
    ("2024-02-10", "month", "2024-02"), ("2024-02-10", "quarter", "2024-Q1"), ("2024-08", "quarter", "2024-Q3"),
    ("2024-07-01", "half", "2024-H2"), ("2024-06", "half", "2024-H1"), ("2024-11-30", "year", "2024"),
    ("2024", "year", "2024"), ("2024", "quarter", None), ("2024", "month", None), (None, "year", None),
])
def test_period_of_places_by_start_and_never_guesses(date, by, expected):
    assert period_of(date, by) == expected


def test_period_of_rejects_unknown_period():
    with pytest.raises(ConfigError, match="quarter"):
        period_of("2024-01-01", "week")


def test_period_range_fills_gaps_across_years():
    assert period_range(["2023-Q4", "2024-Q2"], "quarter") == ["2023-Q4", "2024-Q1", "2024-Q2"]
    assert period_range(["2024-11", "2025-01"], "month") == ["2024-11", "2024-12", "2025-01"]
    assert period_start("2024-Q3", "quarter") == "2024-07-01"
    assert period_start("2024-H2", "half") == "2024-07-01"


def test_scores_from_table_with_mode_and_stored_score_wins(make_event):
    assert event_score(make_event("CONSULT", ["AAA"])) == 2.5
    assert event_score(make_event("CONSULT", ["AAA"], mode="visit")) == 4.0
    assert event_score(make_event("AID", ["AAA"], score=3.0)) == 3.0
    assert event_score(make_event("ACCUSE", ["AAA"])) < 0          # the manual's sign typo is not followed
    assert event_quad(make_event("SANCTION", ["AAA"])) == "material-conflict"
    assert event_quad(make_event("AGREE", ["AAA"])) == "verbal-cooperation"
    assert score_table().version.startswith("scores.tsv@")


def test_every_plover_type_has_a_score_and_a_quad():
    from sagwan.model import PLOVER_TYPES

    table = score_table()
    assert all(table.score(t) is not None and table.quad(t) for t in PLOVER_TYPES)


def test_status_and_attribution_filters(make_event):
    events = [make_event("AID", ["AAA"], ["BBB"], status=s, eid=s) for s in ("occurred", "alleged", "planned")]
    events.append(make_event("AID", ["AAA"], ["BBB"], attributed_to=["CCC"], eid="said-by-ccc"))
    assert [e["id"] for e in select_events(events)] == ["occurred", "planned", "said-by-ccc"]
    assert len(select_events(events, exclude_status=())) == 4
    assert [e["id"] for e in select_events(events, attributed_to="CCC")] == ["said-by-ccc"]
    assert "said-by-ccc" not in [e["id"] for e in select_events(events, attributed_to="none")]
    with pytest.raises(ConfigError, match="occurred"):
        select_events(events, exclude_status=["rumoured"])


def test_directed_pairs_mutual_meeting_and_joint_action(make_event):
    assert directed_pairs(make_event("CONSULT", ["AAA", "BBB"])) == {("AAA", "BBB"), ("BBB", "AAA")}
    assert directed_pairs(make_event("COOPERATE", ["AAA", "BBB"])) == {("AAA", "BBB"), ("BBB", "AAA")}
    # voting together against an unnamed draft is not a conflict between the two voters
    assert directed_pairs(make_event("REJECT", ["AAA", "BBB"])) == set()
    # two actors acting together on a third are not linked to each other
    assert directed_pairs(make_event("ACCUSE", ["AAA", "BBB"], ["CCC"])) == {("AAA", "CCC"), ("BBB", "CCC")}


def test_within_keeps_overlapping_dates(make_event):
    from sagwan.analytics.selection import within

    events = [make_event("AID", ["AAA"], ["BBB"], d, eid=str(d)) for d in ("2019", "2019-05", "2019-07-02", "2020-01")]
    events.append(make_event("AID", ["AAA"], ["BBB"], None, first_reported="2019-08-01", eid="undated"))
    events.append(make_event("AID", ["AAA"], ["BBB"], None, eid="nothing"))
    assert [e["id"] for e in within(events, "2019-06", "2019-12-31")] == ["2019", "2019-07-02", "undated"]
    assert len(within(events)) == 6
    assert [e["id"] for e in within(events, date_to="2019-05")] == ["2019", "2019-05"]
    with pytest.raises(ConfigError, match="YYYY"):
        within(events, "last year")

"""One filter for every command: what `make_filter` accepts and refuses, and that every count of the
analytics is the length of the list `store.events(filter=...)` gives for the same filter."""

from __future__ import annotations

import itertools

import pytest
from _store_records import event, random_reports, record, sample_corpus, state

from sagwan.analytics import stored_dyad_series, triangle_series
from sagwan.model import STATUSES
from sagwan.store import open_store
from sagwan.store.filters import (
    DEFAULT_EXCLUDED_STATUSES,
    EventFilter,
    FilterError,
    date_precision,
    make_filter,
    parse_date,
    split_values,
)

ENVOY = {"id": "person:test-envoy", "name": "Test Envoy", "kind": "person", "country": "PRK", "role": "envoy",
         "affiliation": "PRK", "wikidata": None, "names": ["가상특사"],
         "mentions": [{"start": 0, "end": 4, "text": "가상특사"}]}


def _extra() -> list[dict]:
    text = "가상특사는 러시아와 중국을 만났다."
    return [record("x1", text=text, published="2024-05-20",
                   actors=[ENVOY, state("RUS", "러시아", 6), state("CHN", "중국", 11), state("PRK", "북한", 0)],
                   events=[event("e1", "CONSULT", ["person:test-envoy"], ["RUS", "CHN"], "2024-05-19"),
                           event("e2", "ACCUSE", ["PRK", "RUS"], [], "2024-05-18"),
                           event("e3", "COOPERATE", ["PRK", "RUS", "CHN"], [], "2024-04"),
                           event("e4", "THREATEN", ["RUS"], ["PRK"], "2024-05-17", attributed_to="USA",
                                 status="alleged"),
                           event("e5", "AID", ["RUS"], ["person:test-envoy"], None, attributed_to="CHN"),
                           event("e6", "AGREE", ["RUS"], ["PRK"], None, status="hypothetical")])]


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def filled(request, tmp_path_factory):
    """One store per backend for the whole module: the tests only read it."""
    if request.param == "sqlite":
        url = str(tmp_path_factory.mktemp("filters") / "chronicle.db")
    else:
        url = request.getfixturevalue("pg_server").new_database()
    with open_store(url) as s:
        s.add_records([*sample_corpus(), *random_reports(seed=33, n=40), *_extra()])
        yield s


# -- the grammar ------------------------------------------------------------------------------------------

def test_repeated_and_comma_separated_values_are_one_grammar():
    assert split_values(["AGREE,consult", " AID ", "AGREE"]) == ["AGREE", "consult", "AID"]
    assert make_filter(type=["agree,CONSULT"]).types == make_filter(type=["AGREE", "consult"]).types == \
        ("AGREE", "CONSULT")


def test_the_default_statuses_and_how_to_change_them():
    assert make_filter().excluded_statuses == DEFAULT_EXCLUDED_STATUSES == EventFilter().excluded_statuses
    assert make_filter(all_statuses=True).statuses == STATUSES
    assert make_filter(status="occurred,intended").statuses == ("occurred", "intended")
    both = make_filter(exclude_status="alleged,expected")
    assert "alleged" not in both.statuses and "expected" not in both.statuses and "denied" in both.statuses
    assert make_filter(status="alleged").statuses == ("alleged",)   # asked for: the default does not apply


@pytest.mark.parametrize("kwargs, param, named", [
    (dict(type="FOO"), "type", "AGREE"),
    (dict(status="happened"), "status", "occurred"),
    (dict(exclude_status="alleged,sometimes"), "exclude_status", "hypothetical"),
    (dict(status="occurred", exclude_status="occurred"), "status", "occurred"),
    (dict(date_from="2024-13"), "from", "YYYY-MM"),
    (dict(date_to="2024-02-30"), "to", "YYYY-MM-DD"),
    (dict(date_from="24"), "from", "YYYY"),
    (dict(date_from="2025", date_to="2024"), "to", "2025"),
    (dict(dyad="PRK-RUSS"), "dyad", "RUS"),
    (dict(dyad="PRK"), "dyad", "PRK-RUS"),
    (dict(dyad="PRK-PRK"), "dyad", "PRK-RUS"),
    (dict(actor="Nowhereland"), "actor", ""),
])
def test_bad_values_are_refused_with_the_valid_ones(kwargs, param, named):
    with pytest.raises(FilterError) as err:
        make_filter(**kwargs)
    assert err.value.param == param and named in str(err.value)


def test_actors_are_resolved_through_ids_case_and_the_gazetteer():
    assert make_filter(dyad="prk-rus").dyad == ("PRK", "RUS")
    assert make_filter(dyad="person:kim-jong-un-RUS").dyad == ("person:kim-jong-un", "RUS")
    assert make_filter(actor="김정은").actors == ("person:kim-jong-un",)
    assert make_filter(actor="North Korea,러시아").actors == ("PRK", "RUS")
    assert make_filter(attributed_to="none").attributed_to == "none"


def test_the_store_resolves_the_actors_it_found(filled):
    f = make_filter(actor="가상특사", dyad="PERSON:TEST-ENVOY-rus", resolve=filled.resolve_actor)
    assert f.actors == ("person:test-envoy",) and f.dyad == ("person:test-envoy", "RUS")
    with pytest.raises(FilterError, match="person:test-envoy"):
        make_filter(actor="person:test-envoi", resolve=filled.resolve_actor)


def test_dates_and_their_precision():
    assert parse_date("2024-02-29") == "2024-02-29"
    with pytest.raises(FilterError):
        parse_date("2023-02-29")
    assert [date_precision(d) for d in ("2024", "2024-05", "2024-05-06", None)] == ["year", "month", "day", None]


# -- every event says how it is dated ---------------------------------------------------------------------

def test_every_event_carries_its_date_rule(filled):
    evs = filled.events()
    assert evs
    for ev in evs:
        assert ev["date_precision"] == date_precision(ev["date"])
        assert ev["placed_from"] == ("text" if ev["date"] else "report")
        assert ev["placed_date"] == (ev["date"] or ev["first_reported"])
    assert {ev["placed_from"] for ev in evs} == {"text", "report"}


def test_the_sql_filter_and_the_python_test_agree(filled):
    every = filled.events()
    filters = [make_filter(), make_filter(all_statuses=True, date_from="2024-05", date_to="2024-05"),
               make_filter(dyad="PRK-RUS", all_statuses=True), make_filter(dyad="RUS-PRK", report_dates=False),
               make_filter(actor="PRK", type="CONSULT,AGREE"), make_filter(attributed_to="none", date_from="2024"),
               make_filter(dyad="person:test-envoy-RUS", all_statuses=True, resolve=filled.resolve_actor),
               make_filter(date_to="2024-04-30")]
    for f in filters:
        listed = [e["id"] for e in filled.events(filter=f)]
        assert listed == [e["id"] for e in every if f.matches(e)], f
        assert filled.count_events(f) == len(listed)


def test_no_report_dates_leaves_out_the_undated(filled):
    f = make_filter(all_statuses=True)
    dated = filled.events(filter=f.but(report_dates=False))
    assert dated and all(e["date"] for e in dated)
    assert len(dated) < len(filled.events(filter=f))


# -- count == list ----------------------------------------------------------------------------------------

DYAD_CASES = [("PRK", "RUS", {}), ("RUS", "PRK", dict(all_statuses=True)),
              ("PRK", "RUS", dict(date_from="2024", date_to="2024", all_statuses=True)),
              ("PRK", "RUS", dict(date_from="2024-05", report_dates=False)),
              ("KOR", "JPN", dict(type="CONSULT,AGREE")), ("person:test-envoy", "RUS", dict(all_statuses=True)),
              ("PRK", "RUS", dict(attributed_to="USA", all_statuses=True)), ("CHN", "USA", dict(status="planned"))]


@pytest.mark.parametrize("a, b, kwargs", DYAD_CASES, ids=[f"{a}-{b}-{k}" for a, b, k in DYAD_CASES])
@pytest.mark.parametrize("by", ["year", "quarter", "month"])
def test_a_dyad_counts_exactly_the_events_its_filter_lists(filled, a, b, kwargs, by):
    f = make_filter(**kwargs, resolve=filled.resolve_actor)
    series = stored_dyad_series(filled, a, b, filter=f, by=by)
    listed = sorted(e["id"] for e in filled.events(filter=f.but(dyad=(a, b))))
    counted = sum(r.n_events for r in series.rows if r.direction == "both") + len(series.unplaced)
    assert counted == len(listed)
    assert series.event_ids() == listed


def test_the_count_equals_list_cases_are_not_empty(filled):
    sizes = [len(filled.events(filter=make_filter(**k, resolve=filled.resolve_actor).but(dyad=(a, b))))
             for a, b, k in DYAD_CASES[:3]]
    assert all(sizes), sizes


def test_a_triangle_window_counts_exactly_the_events_of_its_ties(filled):
    f = make_filter(all_statuses=True)
    members = ("PRK", "RUS", "CHN")
    tri = triangle_series(filled.events(filter=f), *members, by="month", exclude_status=())
    assert tri.windows
    for w in tri.windows:
        for t in w.ties:
            assert t.n_events == len(t.period_event_ids)
            listed = {e["id"] for e in filled.events(filter=f.but(dyad=t.pair))
                      if e["placed_date"][:7] == w.period}
            assert set(t.period_event_ids) == listed, (w.period, t.label)
    seen = set(itertools.chain.from_iterable(t.period_event_ids for w in tri.windows for t in w.ties))
    in_pairs = set().union(*({e["id"] for e in filled.events(filter=f.but(dyad=p))}
                             for p in itertools.combinations(members, 2)))
    assert seen | set(tri.unplaced) == in_pairs

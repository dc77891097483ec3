"""`stored_dyad_series` (the store's dyad index, what `sagwan dyad` runs) answers exactly what
`dyad_series` over every event of the store answers, whatever the options."""

from __future__ import annotations

import itertools

import pytest
from _store_records import event, random_reports, record, sample_corpus, state

from sagwan.analytics import dyad_series, stored_dyad_series, within

ENVOY = {"id": "person:test-envoy", "name": "Test Envoy", "kind": "person", "country": "PRK", "role": "envoy",
         "affiliation": "PRK", "wikidata": None, "names": ["특사"],
         "mentions": [{"start": 0, "end": 2, "text": "특사"}]}


def _extra() -> list[dict]:
    """Events the random reports lack: an official, joint acts with and without a reciprocal type,
    attributions, and three parties at once."""
    text = "특사는 러시아와 중국을 만났다."
    return [record("x1", text=text, published="2024-05-20",
                   actors=[ENVOY, state("RUS", "러시아", 4), state("CHN", "중국", 9)],
                   events=[event("e1", "CONSULT", ["person:test-envoy"], ["RUS", "CHN"], "2024-05-19"),
                           event("e2", "ACCUSE", ["PRK", "RUS"], [], "2024-05-18"),
                           event("e3", "COOPERATE", ["PRK", "RUS", "CHN"], [], "2024-04"),
                           event("e4", "THREATEN", ["RUS"], ["PRK"], "2024-05-17", attributed_to="USA",
                                 status="alleged"),
                           event("e5", "AID", ["RUS"], ["person:test-envoy"], None, attributed_to="CHN")])]


@pytest.fixture
def filled(store):
    store.add_records([*sample_corpus(), *random_reports(seed=21, n=30), *_extra()])
    return store


CASES = [
    dict(a="PRK", b="RUS"), dict(a="RUS", b="PRK", by="month"), dict(a="KOR", b="JPN", by="year"),
    dict(a="PRK", b="RUS", exclude_status=()), dict(a="PRK", b="RUS", attributed_to="USA", exclude_status=()),
    dict(a="PRK", b="RUS", attributed_to="none"), dict(a="CHN", b="USA", date_from="2024-05", date_to="2024-05-20"),
    dict(a="person:test-envoy", b="RUS"), dict(a="person:test-envoy", b="RUS", level="actor"),
    dict(a="PRK", b="CHN", level="actor", by="half"), dict(a="PRK", b="NOR"),
]


@pytest.mark.parametrize("case", CASES, ids=[",".join(f"{k}={v}" for k, v in c.items()) for c in CASES])
def test_the_stored_series_is_the_series_of_all_events(filled, case):
    case = dict(case)
    a, b = case.pop("a"), case.pop("b")
    bounds = case.pop("date_from", None), case.pop("date_to", None)
    expected = dyad_series(within(filled.events(), *bounds), a, b, **case)
    got = stored_dyad_series(filled, a, b, date_from=bounds[0], date_to=bounds[1], **case)
    assert got == expected


def test_the_cases_are_not_empty(filled):
    """The comparison above means something only if the series have events in them."""
    sizes = {f"{c['a']}-{c['b']}": sum(r.n_events for r in stored_dyad_series(filled, c["a"], c["b"]).rows
                                       if r.direction == "both") for c in CASES[:3]}
    assert all(n > 0 for n in sizes.values()), sizes


def test_the_index_holds_dyads_of_states_and_of_officials(filled):
    assert filled.dyad_links("PRK", "RUS")
    envoy = {e["type"] for e in filled.dyad_links("person:test-envoy", "RUS", exclude_status=())}
    assert envoy == {"CONSULT", "AID"}      # the envoy meets Russia; Russia aids the envoy
    links = filled.dyad_links("RUS", "PRK", exclude_status=())
    flags = {(e["type"], e["a_to_b"], e["b_to_a"], e["joint"]) for e in links}
    assert ("THREATEN", True, False, False) in flags and ("ACCUSE", False, False, True) in flags


def test_a_reciprocal_joint_act_links_both_ways_and_another_none(filled):
    series = stored_dyad_series(filled, "PRK", "RUS", by="month", exclude_status=())
    may = {r.direction: r.by_type for r in series.rows if r.period == "2024-04"}
    assert may["PRK>RUS"].get("COOPERATE") == 1 and may["RUS>PRK"].get("COOPERATE") == 1
    both = list(itertools.chain.from_iterable(r.event_ids for r in series.rows if r.direction == "both"))
    accusations = [e["id"] for e in filled.events(dyad=("PRK", "RUS")) if e["type"] == "ACCUSE" and not e["target"]]
    assert accusations and not set(accusations) & set(both)

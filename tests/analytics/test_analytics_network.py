from __future__ import annotations

import networkx as nx
import pytest

from sagwan.analytics.network import actor_network, network_json, write_graphml
from sagwan.errors import ConfigError


def _events(make_event):
    return [make_event("AID", ["AAA"], ["BBB"], eid="a1"), make_event("REJECT", ["AAA"], ["BBB"], eid="a2"),
            make_event("CONSULT", ["BBB", "CCC"], [], eid="m1"),
            make_event("SANCTION", ["AAA"], ["DDD"], status="alleged", eid="x")]


def test_edges_counts_and_means(make_event):
    g = actor_network(_events(make_event), label=str.lower)
    assert set(g.edges) == {("AAA", "BBB"), ("BBB", "CCC"), ("CCC", "BBB")}
    ab = g.edges["AAA", "BBB"]
    assert ab["count"] == 2 and ab["mean_score"] == pytest.approx(4.0) and ab["verbal-conflict"] == 1
    assert g.nodes["BBB"]["n_events"] == 3 and g.nodes["BBB"]["label"] == "bbb"
    assert "DDD" not in g   # the alleged sanction is left out by default
    assert ("AAA", "DDD") in actor_network(_events(make_event), exclude_status=()).edges


def test_min_events_drops_thin_edges(make_event):
    g = actor_network(_events(make_event), min_events=2)
    assert list(g.edges) == [("AAA", "BBB")] and "CCC" not in g
    with pytest.raises(ConfigError):
        actor_network([], min_events=0)


def test_json_and_graphml_round_trip(make_event, tmp_path):
    g = actor_network(_events(make_event))
    data = network_json(g)
    assert [n["id"] for n in data["nodes"]] == ["AAA", "BBB", "CCC"]
    assert data["edges"][0]["source"] == "AAA" and data["edges"][0]["event_ids"] == ["a1", "a2"]
    path = write_graphml(g, tmp_path / "net.graphml")
    back = nx.read_graphml(path)
    assert back.edges["AAA", "BBB"]["count"] == 2 and back.edges["AAA", "BBB"]["event_ids"] == "a1 a2"
    assert not list(tmp_path.glob("*.tmp"))


def test_graphml_to_missing_folder_is_a_clear_error(make_event, tmp_path):
    with pytest.raises(ConfigError, match="cannot write"):
        write_graphml(actor_network(_events(make_event)), tmp_path / "no" / "net.graphml")

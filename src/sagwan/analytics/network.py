"""The actor network: who acts on whom, how often, and how cooperatively.

Nodes are actors (states by default); a directed edge X→Y gathers every event that links X to Y
(see `selection.directed_pairs`), with its count, its counts by quad class and the mean
cooperation–conflict score. Exports: JSON for the web (nodes/edges lists) and GraphML.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sagwan.analytics.scores import QUADS, event_quad, event_score
from sagwan.analytics.selection import DEFAULT_EXCLUDED_STATUSES, directed_pairs, select_events
from sagwan.errors import ConfigError
from sagwan.files import write_atomically

if TYPE_CHECKING:   # networkx is imported when a network is built: the other analytics commands start faster
    import networkx as nx


def default_label(actor_id: str) -> str:
    """The gazetteer's display name, or the id itself."""
    from sagwan import gazetteer

    entry = gazetteer.get(actor_id)
    return entry.name if entry else actor_id


def actor_network(events: Iterable[dict[str, Any]], *, level: str = "state",
                  exclude_status: Iterable[str] = DEFAULT_EXCLUDED_STATUSES, attributed_to: str | None = None,
                  label: Callable[[str], str] = default_label, min_events: int = 1) -> nx.DiGraph:
    """A directed graph of actors; edges with fewer than `min_events` events are left out."""
    if min_events < 1:
        raise ConfigError("the minimum number of events per edge must be at least 1")
    import networkx as nx

    graph = nx.DiGraph()
    for ev in select_events(events, exclude_status=exclude_status, attributed_to=attributed_to):
        _add_event(graph, ev, directed_pairs(ev, level))
    return _finish(graph, label, min_events)


def linked_network(linked: Iterable[tuple[dict[str, Any], list[str]]], *,
                   label: Callable[[str], str] = default_label, min_events: int = 1) -> nx.DiGraph:
    """The network of one dyad's events, already selected, from (event, directions "A>B") pairs
    (`analytics.dyads.stored_links`): its two edges, A→B and B→A, as `actor_network` counts them."""
    if min_events < 1:
        raise ConfigError("the minimum number of events per edge must be at least 1")
    import networkx as nx

    graph = nx.DiGraph()
    for ev, dirs in linked:
        _add_event(graph, ev, {tuple(d.split(">", 1)) for d in dirs})
    return _finish(graph, label, min_events)


def _add_event(graph: nx.DiGraph, ev: dict[str, Any], pairs: Iterable[tuple[str, str]]) -> None:
    score = event_score(ev)
    quad = event_quad(ev)
    for x, y in pairs:
        if not graph.has_edge(x, y):
            graph.add_edge(x, y, count=0, score_sum=0.0, n_scored=0, event_ids=[],
                           **dict.fromkeys(QUADS, 0))
        data = graph.edges[x, y]
        data["count"] += 1
        data["event_ids"].append(str(ev["id"]))
        if quad:
            data[quad] += 1
        if score is not None:
            data["score_sum"] += score
            data["n_scored"] += 1


def _finish(graph: nx.DiGraph, label: Callable[[str], str], min_events: int) -> nx.DiGraph:
    weak = [(x, y) for x, y, n in graph.edges(data="count") if n < min_events]
    graph.remove_edges_from(weak)
    graph.remove_nodes_from([n for n in list(graph.nodes) if graph.degree(n) == 0])
    for _, _, data in graph.edges(data=True):
        data["mean_score"] = round(data["score_sum"] / data["n_scored"], 4) if data["n_scored"] else None
        data["score_sum"] = round(data["score_sum"], 4)
    for node in graph.nodes:
        events_of = {e for *_, ids in graph.in_edges(node, data="event_ids") for e in ids}
        events_of |= {e for *_, ids in graph.out_edges(node, data="event_ids") for e in ids}
        graph.nodes[node]["label"] = label(node)
        graph.nodes[node]["n_events"] = len(events_of)
    return graph


def network_json(graph: nx.DiGraph) -> dict[str, Any]:
    """Node-link JSON: {"directed": true, "multigraph": false, "graph": {}, "nodes": [{id, label, n_events}],
    "edges": [{source, target, count, mean_score, quads..., event_ids}]} (networkx's node_link_graph reads
    it with edges="edges")."""
    nodes = [{"id": n, **d} for n, d in sorted(graph.nodes(data=True))]
    edges = [{"source": x, "target": y, **d} for x, y, d in sorted(graph.edges(data=True), key=lambda e: e[:2])]
    return {"directed": graph.is_directed(), "multigraph": graph.is_multigraph(), "graph": dict(graph.graph),
            "nodes": nodes, "edges": edges}


def _flat_graph(graph: nx.DiGraph) -> nx.DiGraph:
    """A copy whose attributes GraphML and GEXF can hold: lists become space-separated strings, missing
    scores are left out."""
    import networkx as nx

    out = nx.DiGraph()
    for n, d in graph.nodes(data=True):
        out.add_node(n, **{k: v for k, v in d.items() if v is not None})
    for x, y, d in graph.edges(data=True):
        attrs = {k: (" ".join(v) if isinstance(v, list) else v) for k, v in d.items() if v is not None}
        out.add_edge(x, y, **attrs)
    return out


def write_graphml(graph: nx.DiGraph, path: str | Path) -> Path:
    """Write GraphML, atomically."""
    import networkx as nx

    out = _flat_graph(graph)
    return write_atomically(path, lambda tmp: nx.write_graphml(out, tmp), "GraphML file")


def write_gexf(graph: nx.DiGraph, path: str | Path) -> Path:
    """Write GEXF (Gephi's format), atomically; edge weights are the event counts."""
    import networkx as nx

    out = _flat_graph(graph)
    for _, _, d in out.edges(data=True):
        d["weight"] = d.get("count", 1)
    return write_atomically(path, lambda tmp: nx.write_gexf(out, tmp), "GEXF file")

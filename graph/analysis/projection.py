"""The money-flow projection: the directed graph in which loops are money loops.

Only relations whose money flows source -> target (``RELATIONS[r].money_flows``)
enter it, and only edges whose status is not ``denied`` or ``superseded``.
Several relations between the same pair (Nvidia invests in, holds a stake in
and backstops CoreWeave) become one hop that carries all of them, so a loop is
a sequence of organizations and each hop lists its edges.

Examples
--------
>>> from graph.model import Edge, Evidence
>>> ev = Evidence(article_id="a", start=0, end=1)
>>> g = money_flow_graph([
...     Edge(source="a", relation="invests_in", target="b", evidence=[ev]),
...     Edge(source="b", relation="partners_with", target="a", evidence=[ev]),
... ])
>>> sorted(g.edges()), g["a"]["b"]["amount_usd"] is None
([('a', 'b')], True)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from graph.relations import RELATIONS
from graph.statuses import NON_FLOW_STATUSES

if TYPE_CHECKING:
    import networkx as nx


__all__ = ["money_flow_graph", "flow_graph", "FlowGraph", "flow_edges", "hop_amount"]


def flow_edges(
    edges: Iterable[Any],
    *,
    relations: Iterable[str] | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    as_of: dt.date | None = None,
) -> list[Any]:
    """The edges that carry money, filtered.

    ``edges`` are :class:`graph.model.Edge` s or anything with their headline
    attributes (:class:`graph.analysis.flows.FlowEdge`).

    ``relations`` keeps only those relations. ``since``/``until`` drop edges
    dated outside the window (undated edges stay: nothing says they are
    outside). ``as_of`` keeps only edges dated on or before that day (undated
    edges are dropped: nothing says they existed by then).
    """
    wanted = set(relations) if relations else None
    out = []
    for edge in edges:
        if not RELATIONS[edge.relation].money_flows or edge.status in NON_FLOW_STATUSES:
            continue
        if wanted is not None and edge.relation not in wanted:
            continue
        if edge.date is not None:
            if since is not None and edge.date < since:
                continue
            if until is not None and edge.date > until:
                continue
        if as_of is not None and (edge.date is None or edge.date > as_of):
            continue
        out.append(edge)
    return out


def hop_amount(edges: Iterable[Any]) -> float | None:
    """The money a hop carries: the largest known amount of its edges."""
    amounts = [e.amount_usd for e in edges if e.amount_usd is not None]
    return max(amounts) if amounts else None


class FlowGraph:
    """The money-flow projection in plain dicts, as the loop report uses it (no networkx).

    ``adj[u][v]`` is the hop's data (``edges``, ``amount_usd``), every node is a
    key of ``adj``, and ``names[u]`` is its display name. It answers the few
    questions :func:`graph.analysis.search.bounded_simple_cycles` and
    :mod:`graph.analysis.cycles` ask of a directed graph.
    """

    def __init__(self) -> None:
        self.adj: dict[str, dict[str, dict[str, Any]]] = {}
        self.names: dict[str, str] = {}

    def is_directed(self) -> bool:
        return True

    def __contains__(self, node: object) -> bool:
        return node in self.adj

    def __iter__(self) -> Iterator[str]:
        return iter(self.adj)

    def __len__(self) -> int:
        return len(self.adj)

    def __getitem__(self, node: str) -> dict[str, dict[str, Any]]:
        return self.adj[node]

    def has_edge(self, u: str, v: str) -> bool:
        return v in self.adj.get(u, {})

    def subgraph(self, nodes: Iterable[str]) -> FlowGraph:
        """The graph induced by ``nodes`` (hop data shared, not copied)."""
        keep = set(nodes) & self.adj.keys()
        sub = FlowGraph()
        for u in self.adj:
            if u in keep:
                sub.adj[u] = {v: data for v, data in self.adj[u].items() if v in keep}
                sub.names[u] = self.names[u]
        return sub


def flow_graph(edges: Iterable[Any], **filters: Any) -> FlowGraph:
    """The :class:`FlowGraph` of the money-flow edges (filters as :func:`flow_edges`).

    >>> from types import SimpleNamespace as E
    >>> row = dict(source_name=None, target_name=None, status="announced", date=None)
    >>> g = flow_graph([E(source="a", relation="invests_in", target="b", amount_usd=2.0, **row),
    ...                 E(source="a", relation="lends_to", target="b", amount_usd=5.0, **row),
    ...                 E(source="b", relation="partners_with", target="a", amount_usd=None,
    ...                   **row)])
    >>> g.adj["a"]["b"]["amount_usd"], len(g.adj["a"]["b"]["edges"]), g.adj["b"], g.names["a"]
    (5.0, 2, {}, 'a')
    """
    graph = FlowGraph()
    adj, names = graph.adj, graph.names
    for edge in flow_edges(edges, **filters):
        source, target = edge.source, edge.target
        if source not in adj:
            adj[source] = {}
            names[source] = edge.source_name or source
        if target not in adj:
            adj[target] = {}
            names[target] = edge.target_name or target
        hop = adj[source].get(target)
        if hop is None:
            adj[source][target] = {"edges": [edge]}
        else:
            hop["edges"].append(edge)
    for successors in adj.values():
        for data in successors.values():
            data["amount_usd"] = hop_amount(data["edges"])
    return graph


def money_flow_graph(edges: Iterable[Any], **filters: Any) -> nx.DiGraph:
    """A ``networkx.DiGraph`` of the money-flow edges (filters as :func:`flow_edges`).

    Each graph edge has ``edges`` (the dealgraph edges of that hop) and
    ``amount_usd`` (:func:`hop_amount`); each node has ``name``. The same
    projection as :func:`flow_graph`.
    """
    import networkx as nx

    plain = flow_graph(edges, **filters)
    graph = nx.DiGraph()
    graph.add_nodes_from((node, {"name": name}) for node, name in plain.names.items())
    graph.add_edges_from(
        (u, v, data) for u, successors in plain.adj.items() for v, data in successors.items()
    )
    return graph

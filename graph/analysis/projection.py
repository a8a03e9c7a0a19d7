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
from collections.abc import Iterable
from typing import TYPE_CHECKING

from graph.model import NON_FLOW_STATUSES, RELATIONS, Edge

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["money_flow_graph", "flow_edges", "hop_amount"]


def flow_edges(
    edges: Iterable[Edge],
    *,
    relations: Iterable[str] | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    as_of: dt.date | None = None,
) -> list[Edge]:
    """The edges that carry money, filtered.

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


def hop_amount(edges: Iterable[Edge]) -> float | None:
    """The money a hop carries: the largest known amount of its edges."""
    amounts = [e.amount_usd for e in edges if e.amount_usd is not None]
    return max(amounts) if amounts else None


def money_flow_graph(edges: Iterable[Edge], **filters: object) -> nx.DiGraph:
    """A ``networkx.DiGraph`` of the money-flow edges (filters as :func:`flow_edges`).

    Each graph edge has ``edges`` (the dealgraph edges of that hop) and
    ``amount_usd`` (:func:`hop_amount`); each node has ``name``.
    """
    import networkx as nx

    graph = nx.DiGraph()
    for edge in flow_edges(edges, **filters):  # type: ignore[arg-type]
        for node, name in ((edge.source, edge.source_name), (edge.target, edge.target_name)):
            if node not in graph:
                graph.add_node(node, name=name or node)
        if graph.has_edge(edge.source, edge.target):
            graph[edge.source][edge.target]["edges"].append(edge)
        else:
            graph.add_edge(edge.source, edge.target, edges=[edge])
    for _, _, data in graph.edges(data=True):
        data["amount_usd"] = hop_amount(data["edges"])
    return graph

"""Find and rank the circular-financing loops of the money-flow graph.

A loop is a simple directed cycle of the projection (:mod:`.projection`) with
at most ``max_length`` hops, reported once whatever node it is entered at, and
written starting at its smallest organization id.

Ranking: by **bottleneck**, the smallest known hop amount on the loop (the
money that can go all the way round), largest first; loops with no known
amount come last. Ties go to the larger **total** (sum of known hop
amounts), then to the shorter loop, then by the names.

Examples
--------
>>> from graph.model import Edge, Evidence
>>> def e(s, r, t, usd=None):
...     ev = Evidence(article_id="a", start=0, end=1, amount_usd=usd, qualifier="exact")
...     return Edge(source=s, relation=r, target=t, evidence=[ev])
>>> loops = find_cycles([
...     e("nv", "invests_in", "oa", 1e11), e("oa", "buys_compute_from", "or", 3e11),
...     e("or", "buys_chips_from", "nv"), e("oa", "buys_chips_from", "nv")])
>>> [c.nodes for c in loops]
[['nv', 'oa', 'or'], ['nv', 'oa']]
>>> loops[0].bottleneck_usd, loops[0].total_usd
(100000000000.0, 400000000000.0)
"""

from __future__ import annotations

import datetime as dt
import heapq
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from graph.analysis import DEFAULT_MAX_LENGTH
from graph.analysis.projection import FlowGraph, flow_graph
from graph.analysis.search import ProgressCallback, bounded_simple_cycles, strongly_connected
from graph.records import edge_record

if TYPE_CHECKING:
    from graph.model import Edge

__all__ = [
    "Cycle",
    "Hop",
    "find_cycles",
    "enumerate_cycles",
    "attach_evidence",
    "DEFAULT_MAX_LENGTH",
]


@dataclass
class Hop:
    """One step of a loop: every money-flow edge from ``source`` to ``target``.

    The edges are :class:`graph.model.Edge` s, or the report's
    :class:`graph.analysis.flows.FlowEdge` s.
    """

    source: str
    target: str
    edges: list[Any]
    amount_usd: float | None


@dataclass
class Cycle:
    """A loop: ``nodes`` in order (the last hop returns to the first node)."""

    nodes: list[str]
    names: list[str]
    hops: list[Hop] = field(default_factory=list)

    @property
    def length(self) -> int:
        return len(self.nodes)

    @property
    def bottleneck_usd(self) -> float | None:
        known = [h.amount_usd for h in self.hops if h.amount_usd is not None]
        return min(known) if known else None

    @property
    def total_usd(self) -> float | None:
        known = [h.amount_usd for h in self.hops if h.amount_usd is not None]
        return sum(known) if known else None

    @property
    def closed_on(self) -> dt.date | None:
        """When the loop closed: the latest of its hops' first dates (None if one is undated)."""
        dates = [min((e.date for e in h.edges if e.date), default=None) for h in self.hops]
        if not dates or any(d is None for d in dates):
            return None
        return max(d for d in dates if d is not None)

    def rank_key(self) -> tuple[Any, ...]:
        bottleneck, total = self.bottleneck_usd, self.total_usd
        return (
            bottleneck is None,
            -(bottleneck or 0.0),
            -(total or 0.0),
            self.length,
            [n.lower() for n in self.names],
        )

    def to_dict(self, edge_dicts: dict[Any, dict[str, Any]] | None = None) -> dict[str, Any]:
        """The JSON shape of ``dealgraph cycles --format json``.

        ``edge_dicts`` (edge key -> its JSON shape) is a cache to share between
        loops: an edge on many loops is turned into JSON once.
        """
        cache = {} if edge_dicts is None else edge_dicts
        edges = []
        for hop in self.hops:
            for edge in hop.edges:
                shape = cache.get(edge.key)
                if shape is None:
                    shape = cache[edge.key] = edge_record(edge)
                edges.append(shape)
        return {**self._head(), "edges": edges}

    def _head(self) -> dict[str, Any]:
        """The JSON shape's fields before ``edges`` (its last)."""
        return {
            "nodes": self.names,
            "ids": self.nodes,
            "length": self.length,
            "bottleneck_usd": self.bottleneck_usd,
            "total_usd": self.total_usd,
        }

    def to_json(self, edge_texts: dict[Any, str]) -> str:
        """:meth:`to_dict` encoded as ``json.dumps(..., ensure_ascii=False)`` would, the same text.

        ``edge_texts`` (edge key -> its encoded JSON shape) is shared between
        loops: an edge on many loops is encoded once.
        """
        encoded = []
        for hop in self.hops:
            for edge in hop.edges:
                text = edge_texts.get(edge.key)
                if text is None:
                    text = edge_texts[edge.key] = _dumps(edge_record(edge))
                encoded.append(text)
        head = _dumps(self._head())
        return f'{head[:-1]}, "edges": [{", ".join(encoded)}]}}'


#: ``json.dumps(..., ensure_ascii=False, default=str)``, its encoder made once (not per call)
_dumps = json.JSONEncoder(ensure_ascii=False, default=str).encode


def enumerate_cycles(
    graph: Any, max_length: int, *, progress: ProgressCallback | None = None
) -> Iterator[list[str]]:
    """Every simple cycle of ``graph`` with at most ``max_length`` nodes, once each.

    The same cycles as ``networkx.simple_cycles(graph, length_bound=max_length)``,
    found by :func:`graph.analysis.search.bounded_simple_cycles`;
    ``progress(done, total)`` is called after each start node.
    """
    yield from bounded_simple_cycles(graph, max_length, progress=progress)


def find_cycles(
    edges: Iterable[Any],
    *,
    max_length: int = DEFAULT_MAX_LENGTH,
    through: str | None = None,
    relations: Iterable[str] | None = None,
    min_usd: float | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    as_of: dt.date | None = None,
    limit: int | None = None,
    enumerator: Callable[[Any, int], Iterable[list[str]]] | None = None,
    progress: ProgressCallback | None = None,
) -> list[Cycle]:
    """The loops of the money-flow graph of ``edges``, ranked (see the module doc).

    ``edges`` are :class:`graph.model.Edge` s or anything with their headline
    attributes (:class:`graph.analysis.flows.FlowEdge`); the hops hold them.
    ``through`` keeps loops through that organization id; ``min_usd`` keeps
    loops whose bottleneck is at least that much; ``limit`` keeps the best N
    without holding every loop; the other filters are those of
    :func:`graph.analysis.projection.flow_edges`. ``enumerator(graph,
    max_length)`` replaces the search (e.g. loops found by Cypher);
    ``progress(done, total)`` follows the built-in search start node by start node.
    """
    if max_length < 2:
        raise ValueError(f"max_length must be at least 2, not {max_length}")
    graph = flow_graph(edges, relations=relations, since=since, until=until, as_of=as_of)
    if through is not None:
        if through not in graph:
            return []
        graph = _component_of(graph, through)

    def candidates() -> Iterator[Cycle]:
        found = (
            enumerator(graph, max_length)
            if enumerator is not None
            else enumerate_cycles(graph, max_length, progress=progress)
        )
        for nodes in found:
            if enumerator is not None and not _closed_in(graph, nodes):
                continue  # found elsewhere, but this filtered graph does not hold it
            if through is not None and through not in nodes:
                continue
            cycle = _make_cycle(graph, nodes)
            if min_usd is not None and (cycle.bottleneck_usd or 0.0) < min_usd:
                continue
            yield cycle

    if limit is not None:
        return heapq.nsmallest(limit, candidates(), key=Cycle.rank_key)
    return sorted(candidates(), key=Cycle.rank_key)


def attach_evidence(
    found: list[Cycle], evidence_of: Callable[[set[Any]], dict[Any, list[Any]]]
) -> None:
    """Give the edges on the hops of ``found`` their full evidence, read once.

    The search needs only the edges' headlines (see
    :meth:`graph.store.base.Store.edge_headlines`); ``evidence_of(keys)`` (a
    store's :meth:`~graph.store.base.Store.evidence_of`) reads the quotes of
    the loops that are shown, not of the whole graph. Headlines do not change:
    they never depend on the quotes.
    """
    keys = {edge.key for cycle in found for hop in cycle.hops for edge in hop.edges}
    full = evidence_of(keys) if keys else {}
    edges: dict[Any, Edge] = {}
    for cycle in found:
        for hop in cycle.hops:
            for n, edge in enumerate(hop.edges):
                if edge.key not in full:
                    continue
                if edge.key not in edges:
                    from graph.model import Edge

                    # the deals again, with their sources and quotes
                    edges[edge.key] = Edge.of_evidence(
                        edge.source,
                        edge.relation,
                        edge.target,
                        full[edge.key],
                        source_name=edge.source_name,
                        target_name=edge.target_name,
                    )
                hop.edges[n] = edges[edge.key]


def _closed_in(graph: Any, nodes: list[str]) -> bool:
    pairs = zip(nodes, nodes[1:] + nodes[:1], strict=True)
    return all(graph.has_edge(a, b) for a, b in pairs)


def _component_of(graph: FlowGraph, node: str) -> FlowGraph:
    for component in strongly_connected(graph.adj):
        if node in component:
            return graph.subgraph(component)  # type: ignore[arg-type]
    return graph.subgraph([node])


def _make_cycle(graph: FlowGraph, nodes: list[str]) -> Cycle:
    first = nodes.index(min(nodes))
    nodes = nodes[first:] + nodes[:first]
    hops = []
    for source, target in zip(nodes, nodes[1:] + nodes[:1], strict=True):
        data = graph[source][target]
        hops.append(Hop(source, target, list(data["edges"]), data["amount_usd"]))
    names = [graph.names.get(n, n) for n in nodes]
    return Cycle(nodes=nodes, names=names, hops=hops)

"""Bounded simple-cycle enumeration whose cost follows the answer, not the graph.

:func:`bounded_simple_cycles` returns exactly the cycles
``networkx.simple_cycles(G, length_bound=k)`` returns (each once, in some
rotation), but much faster on sparse graphs with few short cycles:

1. Self-loops are reported as length-1 cycles, as networkx does, then dropped.
2. Only nodes of non-trivial strongly connected components can lie on a
   cycle; the others are dropped, and so are the edges between components.
3. The remaining nodes get integer ranks (each component contiguous, hubs
   first), and the adjacency becomes plain sets of ints.
4. For each start node ``s`` in rank order, a reverse breadth-first search
   from ``s`` measures how far the nearby nodes are from ``s`` (at most
   ``radius`` hops). A depth-first search from ``s`` then never enters a node
   whose distance back to ``s`` exceeds the hops the bound leaves; near the
   end of the path it only follows edges into that measured ball. Every cycle
   is found once, from its lowest-ranked node, because ``s`` is deleted from
   the graph once its search is done.

Both searches are iterative, so long bounds do not meet Python's recursion
limit, and memory is proportional to the graph plus one ball.

Examples
--------
>>> import networkx as nx
>>> G = nx.DiGraph([("a", "b"), ("b", "a"), ("b", "c"), ("c", "a"), ("c", "c")])
>>> sorted(sorted(c) for c in bounded_simple_cycles(G, 3))
[['a', 'b'], ['a', 'b', 'c'], ['c']]
>>> sorted(sorted(c) for c in bounded_simple_cycles(G, 2))
[['a', 'b'], ['c']]
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from typing import Any

__all__ = ["bounded_simple_cycles", "strongly_connected", "ProgressCallback"]

#: called as ``progress(done, total)`` after each start node's search
ProgressCallback = Callable[[int, int], None]


def bounded_simple_cycles(
    G: Any,
    length_bound: int,
    *,
    progress: ProgressCallback | None = None,
) -> Iterator[list[Any]]:
    """Every simple directed cycle of ``G`` with at most ``length_bound`` nodes, once.

    Parameters
    ----------
    G : networkx.DiGraph or graph.analysis.projection.FlowGraph
        The graph (anything directed with an ``adj`` mapping of every node to
        its successors); parallel edges of a multigraph count once.
    length_bound : int
        The most nodes a cycle may have (``0`` gives nothing, ``1`` only self-loops).
    progress : callable, optional
        Called as ``progress(done, total)`` after each start node's search
        (``total`` is the number of nodes on some cycle of length at least 2).

    Raises
    ------
    ValueError
        When ``length_bound`` is negative, as networkx does.

    Examples
    --------
    >>> import networkx as nx
    >>> ring = nx.DiGraph([(0, 1), (1, 2), (2, 3), (3, 0), (1, 0)])
    >>> sorted(sorted(c) for c in bounded_simple_cycles(ring, 4))
    [[0, 1], [0, 1, 2, 3]]
    >>> list(bounded_simple_cycles(ring, 1))
    []
    """
    if not G.is_directed():
        import networkx as nx

        raise nx.NetworkXNotImplemented("not implemented for undirected type")
    if length_bound < 0:
        raise ValueError(f"length bound must be non-negative, not {length_bound}")
    if length_bound == 0:
        return
    yield from ([v] for v, nbrs in G.adj.items() if v in nbrs)
    if length_bound == 1:
        return
    labels, succ, pred = _compact(G)
    total = len(labels)
    radius = _radius(length_bound)
    for s in range(total):
        if succ[s] and pred[s]:
            yield from _cycles_from(s, succ, pred, length_bound, radius, labels)
        for p in pred[s]:
            succ[p].discard(s)
        for w in succ[s]:
            pred[w].discard(s)
        succ[s] = pred[s] = _EMPTY
        if progress is not None:
            progress(s + 1, total)


_EMPTY: set[int] = set()


def _radius(length_bound: int) -> int:
    """How far the reverse search from each start node looks (tuned on bench/cycles.py graphs)."""
    return max(1, length_bound // 2)


def strongly_connected(adj: Any) -> list[list[Hashable]]:
    """The strongly connected components of ``adj`` (node -> its successors, every node a key).

    Tarjan's algorithm, iterative (no recursion limit), in plain Python.

    >>> sorted(sorted(c) for c in strongly_connected({1: [2], 2: [1, 3], 3: []}))
    [[1, 2], [3]]
    """
    index: dict[Hashable, int] = {}
    low: dict[Hashable, int] = {}
    stack: list[Hashable] = []
    on_stack: set[Hashable] = set()
    components: list[list[Hashable]] = []
    for root in adj:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(adj[root]))]
        while work:
            v, successors = work[-1]
            for w in successors:
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(adj[w])))
                    break
                if w in on_stack and index[w] < low[v]:
                    low[v] = index[w]
            else:
                work.pop()
                if work:
                    u = work[-1][0]
                    if low[v] < low[u]:
                        low[u] = low[v]
                if low[v] == index[v]:
                    component = []
                    while True:
                        w = stack.pop()
                        on_stack.discard(w)
                        component.append(w)
                        if w == v:
                            break
                    components.append(component)
    return components


def _compact(G: Any) -> tuple[list[Hashable], list[set[int]], list[set[int]]]:
    """Labels and integer adjacency of the nodes on cycles of length >= 2.

    Nodes of trivial strongly connected components are dropped, and so are
    self-loops and edges between components. Each component gets contiguous
    ranks, most connected nodes first: searching from the hubs first and then
    deleting them leaves a much smaller graph for every later start node.
    """
    adj = G.adj
    degree = {u: len(nbrs) for u, nbrs in adj.items()}  # out- plus in-degree
    for nbrs in adj.values():
        for v in nbrs:
            degree[v] += 1
    labels: list[Hashable] = []
    component_of: dict[Hashable, int] = {}
    for number, component in enumerate(strongly_connected(adj)):
        if len(component) < 2:
            continue
        for v in component:
            component_of[v] = number
        labels.extend(sorted(component, key=degree.__getitem__, reverse=True))
    rank = {v: i for i, v in enumerate(labels)}
    succ: list[set[int]] = []
    pred: list[set[int]] = [set() for _ in labels]
    for i, u in enumerate(labels):
        cu = component_of[u]
        out = {rank[v] for v in adj[u] if v != u and component_of.get(v) == cu}
        succ.append(out)
        for j in out:
            pred[j].add(i)
    return labels, succ, pred


def _cycles_from(
    s: int,
    succ: list[set[int]],
    pred: list[set[int]],
    bound: int,
    radius: int,
    labels: list[Hashable],
) -> Iterator[list[Hashable]]:
    """The cycles through ``s`` (the graph holds only nodes ranked after ``s``), labelled."""
    # Reverse breadth-first search: dist[v] is the hop count from v back to s
    # (when <= radius), and into[v] lists v's successors x with dist[x] < radius,
    # nearest first (x == s, at distance 0, first).
    dist = {s: 0}
    into: dict[int, list[int]] = {}
    frontier = [s]
    for d in range(1, radius + 1):
        reached = []
        for x in frontier:
            for p in pred[x]:
                entries = into.get(p)
                if entries is None:
                    into[p] = [x]
                else:
                    entries.append(x)
                if p not in dist:
                    dist[p] = d
                    reached.append(p)
        if not reached:
            break
        frontier = reached
    yield from _depth_first(s, succ, dist, into, bound, radius, labels)


def _depth_first(
    s: int,
    succ: list[set[int]],
    dist: dict[int, int],
    into: dict[int, list[int]],
    bound: int,
    radius: int,
    labels: list[Hashable],
) -> Iterator[list[Hashable]]:
    """Paths from ``s`` that can still return within ``bound`` nodes; yield the closed ones.

    ``slack`` is the largest distance back to ``s`` the next node may have
    (the hops the bound leaves after it). While it is below ``radius`` the
    candidates come from ``into`` (nearest first, so the first one too far
    ends the level); otherwise from the full successor sets.
    """
    path = [s]
    on_path = {s}
    stack: list[tuple[Iterator[int], int]] = [(iter(succ[s]), bound - 1)]
    while stack:
        candidates, slack = stack[-1]
        for x in candidates:
            if x == s:
                yield [labels[v] for v in path]
                continue
            if x in on_path:
                continue
            d = dist.get(x)
            if d is None:
                if slack <= radius:
                    continue
            elif d > slack:
                if slack < radius:  # ordered by distance: no nearer candidate follows
                    stack.pop()
                    on_path.discard(path.pop())
                    break
                continue
            if slack == 1:  # then d == 1: x is the last node and closes the loop
                cycle = [labels[v] for v in path]
                cycle.append(labels[x])
                yield cycle
                continue
            path.append(x)
            on_path.add(x)
            slack -= 1
            stack.append((iter(into.get(x, ()) if slack < radius else succ[x]), slack))
            break
        else:
            stack.pop()
            on_path.discard(path.pop())

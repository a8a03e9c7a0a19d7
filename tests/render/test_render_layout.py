"""The large-graph layout: deterministic, spread out, and neighbours end up close."""

from __future__ import annotations

import math
import random

from graph.render.layout import spread_layout


def ring_of_clusters(clusters: int = 12, size: int = 25) -> tuple[list[str], list[tuple[str, str]]]:
    rng = random.Random(3)
    nodes = [f"c{c}n{i}" for c in range(clusters) for i in range(size)]
    edges = []
    for c in range(clusters):
        members = [f"c{c}n{i}" for i in range(size)]
        edges += [(a, b) for a in members for b in members if a < b and rng.random() < 0.3]
        edges.append((f"c{c}n0", f"c{(c + 1) % clusters}n0"))
    return nodes, edges


def test_same_seed_same_layout():
    nodes, edges = ring_of_clusters()
    assert spread_layout(nodes, edges, seed=4) == spread_layout(nodes, edges, seed=4)
    assert spread_layout(nodes, edges, seed=4) != spread_layout(nodes, edges, seed=5)


def test_clusters_stay_together_and_nodes_do_not_pile_up():
    nodes, edges = ring_of_clusters()
    pos = spread_layout(nodes, edges, spacing=60.0)
    assert set(pos) == set(nodes)

    def dist(a: str, b: str) -> float:
        return math.dist(pos[a], pos[b])

    inside = [dist(a, b) for a, b in edges if a.split("n")[0] == b.split("n")[0]]
    rng = random.Random(1)
    across = [dist(*rng.sample(nodes, 2)) for _ in range(2000)]
    assert sum(inside) / len(inside) < 0.5 * sum(across) / len(across)
    nearest = sorted(min(dist(a, b) for b in nodes if b != a) for a in nodes[:100])
    assert nearest[len(nearest) // 2] > 5.0  # the typical node has room for its dot


def test_isolated_nodes_self_loops_and_duplicates_are_fine():
    pos = spread_layout(["a", "b", "c", "lonely"], [("a", "b"), ("b", "a"), ("c", "c"), ("a", "b")])
    assert set(pos) == {"a", "b", "c", "lonely"}
    assert all(math.isfinite(v) for xy in pos.values() for v in xy)
    assert spread_layout(["solo"], []) == {"solo": (0.0, 0.0)}

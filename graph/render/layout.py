"""Node positions for large maps, computed in Python so the browser runs no physics.

vis-network's physics needs minutes to settle a graph of a few thousand nodes
in a browser, and networkx's ``spring_layout`` is quadratic in memory or time
past a few hundred nodes. :func:`spread_layout` is the grid variant of
Fruchterman and Reingold ("Graph drawing by force-directed placement", 1991):
nodes repel only the neighbours within a cut-off radius (found with a k-d
tree), edges pull their ends together, a weak gravity keeps components close,
and the step shrinks each round. It lays out 5,000 nodes and 20,000 edges in
about a second.

Examples
--------
>>> pos = spread_layout(["a", "b", "c"], [("a", "b"), ("b", "c")], seed=1)
>>> sorted(pos), all(isinstance(v, float) for xy in pos.values() for v in xy)
(['a', 'b', 'c'], True)
>>> spread_layout([], [])
{}
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Sequence
from typing import Any

__all__ = ["spread_layout"]


def spread_layout(
    nodes: Sequence[Hashable],
    edges: Iterable[tuple[Hashable, Hashable]],
    *,
    seed: int = 0,
    iterations: int = 50,
    spacing: float = 60.0,
) -> dict[Hashable, tuple[float, float]]:
    """Positions (x, y) for ``nodes``, about ``spacing`` apart where edges allow.

    ``edges`` are (u, v) pairs of node ids; their direction, duplicates and
    self-loops do not matter. The result is deterministic for a given ``seed``.
    """
    import numpy as np
    from scipy.spatial import cKDTree

    n = len(nodes)
    if n == 0:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    pairs = {
        (min(index[u], index[v]), max(index[u], index[v]))
        for u, v in edges
        if u in index and v in index and u != v
    }
    ends = np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)
    u, v = ends[:, 0], ends[:, 1]

    k = 1.0  # ideal edge length; scaled to ``spacing`` at the end
    side = math.sqrt(n) * k
    rng = np.random.default_rng(seed)
    pos = rng.uniform(0.0, side, size=(n, 2))
    step = side / 8
    cooling = (0.02) ** (1 / max(iterations, 1))
    radius = 1.5 * k
    gravity = 1.0
    for _ in range(iterations):
        disp = _far_push(pos, k)
        close = cKDTree(pos).query_pairs(radius, output_type="ndarray")
        if len(close):
            delta = pos[close[:, 0]] - pos[close[:, 1]]
            dist2 = np.maximum((delta**2).sum(axis=1), 1e-6)
            push = delta * (k * k / dist2)[:, None]
            disp += _sum_at(close[:, 0], push, n) - _sum_at(close[:, 1], push, n)
        if len(u):
            delta = pos[u] - pos[v]
            pull = delta / k
            disp += _sum_at(v, pull, n) - _sum_at(u, pull, n)
        disp -= gravity * (pos - pos.mean(axis=0))
        length = np.maximum(np.hypot(disp[:, 0], disp[:, 1]), 1e-9)
        pos += disp * (np.minimum(length, step) / length)[:, None]
        step *= cooling
    pos = (pos - pos.mean(axis=0)) * spacing
    return {node: (float(pos[i, 0]), float(pos[i, 1])) for i, node in enumerate(nodes)}


def _far_push(pos: Any, k: float, cells: int = 10) -> Any:
    """Repulsion from every other node, approximated by the centres of grid cells.

    Forces from a cell closer than one cell width are softened: the exact
    short-range push comes from the k-d tree pairs.
    """
    import numpy as np

    lo = pos.min(axis=0)
    span = np.maximum(pos.max(axis=0) - lo, 1e-9)
    cell = np.minimum((((pos - lo) / span) * cells).astype(np.int64), cells - 1)
    ids = cell[:, 0] * cells + cell[:, 1]
    mass = np.bincount(ids, minlength=cells * cells).astype(float)
    full = mass > 0
    centre = (
        np.stack(
            [
                np.bincount(ids, weights=pos[:, 0], minlength=cells * cells)[full],
                np.bincount(ids, weights=pos[:, 1], minlength=cells * cells)[full],
            ],
            axis=1,
        )
        / mass[full][:, None]
    )
    width2 = float((span / cells).max()) ** 2
    dist2 = (pos[:, :1] - centre[:, 0]) ** 2 + (pos[:, 1:] - centre[:, 1]) ** 2
    weight = (k * k) * mass[full] / np.maximum(dist2, width2)
    # sum over cells of weight * (pos - centre), without an (n, cells, 2) array
    return pos * weight.sum(axis=1)[:, None] - weight @ centre


def _sum_at(where: Any, values: Any, n: int) -> Any:
    """Row sums of ``values`` grouped by ``where`` into an (n, 2) array."""
    import numpy as np

    return np.stack(
        [
            np.bincount(where, weights=values[:, 0], minlength=n),
            np.bincount(where, weights=values[:, 1], minlength=n),
        ],
        axis=1,
    )

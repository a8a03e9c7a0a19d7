"""The organization table of ``dealgraph orgs``: edges, money in and out, loops, circularity.

>>> from graph.model import Edge, Evidence, Organization
>>> ev = [Evidence(article_id="a", amount_usd=5.0, qualifier="exact")]
>>> orgs = [Organization(id="nv", name="Nvidia", sector="chips"),
...         Organization(id="oa", name="OpenAI", sector="ai_lab")]
>>> edges = [Edge(source="nv", relation="invests_in", target="oa", evidence=ev),
...          Edge(source="oa", relation="buys_chips_from", target="nv", evidence=ev)]
>>> rows = organization_rows(edges, orgs, circularity=True)
>>> [(r["name"], r["usd_in"], r["loops"], r["circularity"]) for r in rows]
[('Nvidia', 5.0, 1, 1.0), ('OpenAI', 5.0, 1, 1.0)]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from graph.analysis import DEFAULT_MAX_LENGTH

if TYPE_CHECKING:
    from graph.model import Edge, Organization

__all__ = ["organization_rows", "SORT_KEYS"]

#: ``dealgraph orgs --sort`` choices: the key each orders the rows by
SORT_KEYS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "name": lambda r: r["name"].casefold(),
    "in": lambda r: -r["usd_in"],
    "out": lambda r: -r["usd_out"],
    "loops": lambda r: (-r["loops"], r["name"].casefold()),
    "edges": lambda r: -(r["edges_in"] + r["edges_out"]),
    "circularity": lambda r: (r["circularity"] is None, -(r["circularity"] or 0), r["name"]),
}


def organization_rows(
    edges: Sequence[Edge],
    organizations: Sequence[Organization],
    *,
    max_length: int = DEFAULT_MAX_LENGTH,
    scope: str = "all",
    circularity: bool = False,
) -> list[dict[str, Any]]:
    """One row per organization in ``scope``, in store order.

    Each row has ``id``, ``name``, ``kind``, ``sector``, ``proposed``, the
    edges out and in, the known money out and in (money-flow edges only) and
    the loops of at most ``max_length`` hops it is on. With ``circularity``:
    ``circularity`` (the share of known inflow that comes back round),
    ``circular_usd`` and ``circular_loops`` (the loops behind it, as names).
    """
    from graph.analysis.cycles import find_cycles
    from graph.analysis.projection import flow_edges
    from graph.scope import organizations_in_scope

    stats: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"edges_out": 0, "edges_in": 0, "usd_out": 0.0, "usd_in": 0.0, "loops": 0}
    )
    for e in edges:
        stats[e.source]["edges_out"] += 1
        stats[e.target]["edges_in"] += 1
    for e in flow_edges(edges):
        stats[e.source]["usd_out"] += e.amount_usd or 0.0
        stats[e.target]["usd_in"] += e.amount_usd or 0.0
    for cycle in find_cycles(edges, max_length=max_length):
        for node in cycle.nodes:
            stats[node]["loops"] += 1
    wanted = organizations_in_scope(edges, organizations, scope)
    rows = [
        {
            "id": org.id,
            "name": org.name,
            "kind": org.kind,
            "sector": org.sector,
            "proposed": org.proposed,
            **stats[org.id],
        }
        for org in organizations
        if org.id in wanted
    ]
    if circularity:
        _add_circularity(rows, edges, max_length=max_length)
    return rows


def _add_circularity(rows: list[dict[str, Any]], edges: Sequence[Edge], *, max_length: int) -> None:
    from graph.analysis.exposure import circularity

    found = circularity(edges, max_length=max_length)
    for row in rows:
        c = found.get(row["id"])
        row["circularity"] = c.share if c else None
        row["circular_usd"] = c.circular_usd if c else 0.0
        row["circular_loops"] = [" → ".join(x.names + x.names[:1]) for x in c.loops] if c else []

"""Scope: which organizations and edges belong to the AI capital web.

An organization is *in the AI web* when its gazetteer ``sector`` is one of
:data:`AI_SECTORS` (labs, chip and server makers, neoclouds, hyperscalers,
data-centre developers, networking and power suppliers). Funds, banks and
investors are in through their deals with those, not by themselves, so a
fund's trades in unrelated stocks stay out.

The scopes (:data:`SCOPES`), as sets of edges:

* ``web`` (default): edges that touch an AI-web organization, and every edge
  on a money loop;
* ``ai``: edges that touch an AI-web organization (a loop is kept only when
  every hop does);
* ``loops``: edges on a money loop;
* ``all``: every edge.

An organization is in a scope when one of its edges is (or, for ``web``,
``ai`` and ``all``, when it is itself in the AI web, or ``all``).

>>> from graph.model import Edge, Evidence, Organization
>>> orgs = [Organization(id="nv", name="Nvidia", sector="chips"),
...         Organization(id="ark", name="ARK", sector="fund"),
...         Organization(id="abt", name="Abbott", sector="healthcare")]
>>> ev = [Evidence(article_id="a")]
>>> edges = [Edge(source="ark", relation="holds_stake", target="nv", evidence=ev),
...          Edge(source="ark", relation="holds_stake", target="abt", evidence=ev)]
>>> [e.target for e in edges_in_scope(edges, orgs, "web")]
['nv']
>>> len(edges_in_scope(edges, orgs, "all"))
2
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the CLI reads SCOPES for its --help without loading the model
    from graph.model import Edge, Organization

__all__ = [
    "AI_SECTORS",
    "SCOPES",
    "DEFAULT_SCOPE",
    "ai_organizations",
    "edges_in_scope",
    "organizations_in_scope",
    "loops_in_scope",
    "loop_edge_keys",
]

#: gazetteer sectors whose organizations are in the AI capital web
AI_SECTORS = frozenset(
    {"ai_lab", "chips", "neocloud", "hyperscaler", "data_centers", "servers", "networking", "power"}
)

#: scope name -> what it keeps (the ``--scope`` choices and their help)
SCOPES: dict[str, str] = {
    "web": "edges touching an AI-sector organization, and every loop",
    "ai": "edges touching an AI-sector organization",
    "loops": "edges on a loop",
    "all": "everything",
}
DEFAULT_SCOPE = "web"


def ai_organizations(organizations: Iterable[Organization]) -> set[str]:
    """Ids of the organizations whose sector is in :data:`AI_SECTORS`."""
    return {o.id for o in organizations if o.sector in AI_SECTORS}


def edges_in_scope(
    edges: Iterable[Edge],
    organizations: Iterable[Organization],
    scope: str,
    *,
    on_loops: set[tuple[str, str, str]] | None = None,
) -> list[Edge]:
    """The ``edges`` in ``scope``; ``on_loops`` are the keys of edges on a loop.

    ``on_loops`` defaults to the edges of every loop of at most 6 hops in
    ``edges`` (:func:`graph.analysis.cycles.find_cycles`).
    """
    edges = list(edges)
    if scope == "all":
        return edges
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}; use one of {', '.join(SCOPES)}")
    ai = ai_organizations(organizations)
    if scope in ("web", "loops") and on_loops is None:
        on_loops = loop_edge_keys(edges)
    out = []
    for edge in edges:
        touches_ai = edge.source in ai or edge.target in ai
        on_loop = on_loops is not None and edge.key in on_loops
        if (
            (scope == "ai" and touches_ai)
            or (scope == "loops" and on_loop)
            or (scope == "web" and (touches_ai or on_loop))
        ):
            out.append(edge)
    return out


def organizations_in_scope(
    edges: Iterable[Edge], organizations: Iterable[Organization], scope: str
) -> set[str]:
    """Ids of the organizations in ``scope`` (module doc): those of its edges, and more."""
    organizations = list(organizations)
    if scope == "all":
        return {o.id for o in organizations}
    kept = edges_in_scope(edges, organizations, scope)
    ids = {n for e in kept for n in (e.source, e.target)}
    if scope in ("web", "ai"):
        ids |= ai_organizations(organizations)
    return ids


def loops_in_scope(loops: Iterable[Any], organizations: Iterable[Organization], scope: str) -> list:
    """The loops of ``scope``: for ``ai`` those whose every hop touches the AI web; else all."""
    loops = list(loops)
    if scope != "ai":
        return loops
    ai = ai_organizations(organizations)
    return [c for c in loops if all(e.source in ai or e.target in ai for e in _edges(c))]


def loop_edge_keys(edges: Iterable[Edge], max_length: int = 6) -> set[tuple[str, str, str]]:
    """Keys of the edges on a money loop of at most ``max_length`` hops."""
    from graph.analysis.cycles import find_cycles

    return {
        edge.key
        for cycle in find_cycles(list(edges), max_length=max_length)
        for edge in _edges(cycle)
    }


def _edges(cycle: Any) -> list[Edge]:
    return [edge for hop in cycle.hops for edge in hop.edges]

"""Who is exposed to whom, and how circular each organization's income is.

Exposure
--------
Every money-flow edge leaves one party holding something the other party's
failure would destroy. :data:`EXPOSED_END` says which end that is (the
``exposure`` of each relation in ``graph/relations.yaml``):

* **backlog** (``buys_compute_from``, ``buys_chips_from``, ``buys_power_from``,
  ``capacity_backstop``): the *target* (the seller, the provider) is owed the
  contract by the source (the buyer, the guarantor). Oracle's ~US$300B cloud
  contract with OpenAI is Oracle's backlog at risk if OpenAI fails.
* **equity** (``invests_in``, ``holds_stake``, ``acquires``): the *source*
  holds equity in the target; ``warrant_for`` (grantor -> holder) gives the
  *target* warrants on the source's equity.
* **loan** (``lends_to``): the *source* (the lender) is owed by the borrower.

``exposure(edges, org)`` lists, for one organization, each such claim it
holds: the counterparty whose failure would cost it, the relation, the
amount (``None`` when no article gives one), qualifier, status and the
evidence. Only money-flow edges count (``partners_with`` and ``sells_stake``
carry no claim; ``denied`` and ``superseded`` edges are ignored).

Circularity
-----------
The circularity of an organization O is the share of O's known money inflow
that comes back round to it: the inflow on hops ``X -> O`` that close some loop
through O of at most ``max_length`` hops, divided by all of O's known inflow.
Hops are those of the money-flow projection (:mod:`.projection`): several
relations between one pair form one hop whose amount is the largest known
amount among them. A hop with no known amount counts in neither the
numerator nor the denominator (it can neither dilute nor inflate the share),
but the loops it closes are still listed. ``share`` is ``None`` when O has
no known inflow at all.

Examples
--------
``a`` gets 4 back from ``b`` (which it paid 10), 6 from ``c`` (no loop) and an
unknown amount from ``d``; ``b`` gets all its inflow (10) from ``a``, which it
pays back:

>>> from graph.model import RELATIONS, Edge, Evidence
>>> def e(s, r, t, usd=None):
...     ev = Evidence(article_id="x", amount_usd=usd, qualifier="exact" if usd else None)
...     return Edge(source=s, relation=r, target=t, evidence=[ev])
>>> graph = [e("a", "invests_in", "b", 10), e("b", "buys_compute_from", "a", 4),
...          e("c", "buys_chips_from", "a", 6), e("d", "buys_power_from", "a")]
>>> c = circularity(graph)
>>> c["a"].share, c["a"].inflow_usd, c["a"].circular_usd, [x.nodes for x in c["a"].loops]
(0.4, 10.0, 4.0, [['a', 'b']])
>>> c["b"].share, c["c"].share
(1.0, None)
>>> [(x.counterparty, x.kind, x.amount_usd) for x in exposure(graph, "a")]
[('b', 'equity', 10.0), ('c', 'backlog', 6.0), ('b', 'backlog', 4.0), ('d', 'backlog', None)]
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal, cast

from graph.analysis.cycles import DEFAULT_MAX_LENGTH, Cycle, find_cycles
from graph.analysis.projection import flow_edges, money_flow_graph
from graph.model import RELATIONS, Edge, Evidence

__all__ = [
    "EXPOSED_END",
    "EXPOSURE_KIND",
    "Exposure",
    "Circularity",
    "exposure",
    "exposure_links",
    "total_known",
    "circularity",
]

#: For each money-flow relation, the end of the edge that loses if the other end fails
#: (``exposure.end`` in graph/relations.yaml).
EXPOSED_END: dict[str, Literal["source", "target"]] = {
    name: "source" if rel.exposed_end == "source" else "target"
    for name, rel in RELATIONS.items()
    if rel.money_flows
}

#: What the exposed party holds: contracted sales, equity, or a loan (``exposure.kind``).
EXPOSURE_KIND: dict[str, Literal["backlog", "equity", "loan"]] = {
    name: cast(Literal["backlog", "equity", "loan"], rel.exposure_kind)
    for name, rel in RELATIONS.items()
    if rel.money_flows
}


@dataclass
class Exposure:
    """One claim an organization holds on a ``counterparty`` (lost if it fails)."""

    counterparty: str
    relation: str
    amount_usd: float | None
    qualifier: str | None
    status: str
    evidence: list[Evidence]
    counterparty_name: str = ""
    kind: str = ""
    date: dt.date | None = None
    edge: Edge | None = field(default=None, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``dealgraph exposure --format json``."""
        return {
            "counterparty": self.counterparty_name or self.counterparty,
            "counterparty_id": self.counterparty,
            "relation": self.relation,
            "kind": self.kind,
            "amount_usd": self.amount_usd,
            "qualifier": self.qualifier,
            "status": self.status,
            "date": self.date.isoformat() if self.date else None,
            "evidence": [ev.model_dump(mode="json", exclude_none=True) for ev in self.evidence],
        }


@dataclass
class Circularity:
    """How much of an organization's known inflow comes back round to it."""

    share: float | None
    inflow_usd: float
    circular_usd: float
    loops: list[Cycle]


def exposure_links(
    edges: Iterable[Edge], *, as_of: dt.date | None = None
) -> Iterator[tuple[str, str, Edge]]:
    """``(exposed, counterparty, edge)`` for every money-flow edge (see the module doc)."""
    for edge in flow_edges(edges, as_of=as_of):
        if edge.source == edge.target:
            continue
        if EXPOSED_END[edge.relation] == "target":
            yield edge.target, edge.source, edge
        else:
            yield edge.source, edge.target, edge


def exposure(edges: Iterable[Edge], org_id: str, *, as_of: dt.date | None = None) -> list[Exposure]:
    """The claims ``org_id`` holds on its counterparties, largest known amount first.

    ``as_of`` keeps only edges dated by then (see
    :func:`graph.analysis.projection.flow_edges`). Unknown amounts come last.
    """
    out = []
    for exposed, counterparty, edge in exposure_links(edges, as_of=as_of):
        if exposed != org_id:
            continue
        name = edge.source_name if counterparty == edge.source else edge.target_name
        out.append(
            Exposure(
                counterparty=counterparty,
                relation=edge.relation,
                amount_usd=edge.amount_usd,
                qualifier=edge.qualifier,
                status=edge.status,
                # the quotes that state the headline amount first
                evidence=sorted(edge.evidence, key=lambda ev: ev.amount_usd != edge.amount_usd),
                counterparty_name=name or counterparty,
                kind=EXPOSURE_KIND[edge.relation],
                date=edge.date,
                edge=edge,
            )
        )
    out.sort(key=lambda x: (x.amount_usd is None, -(x.amount_usd or 0.0), x.counterparty))
    return out


def total_known(exposures: Iterable[Exposure]) -> float:
    """The known money at risk: per counterparty and kind, the largest known amount, summed.

    One stake is often stated twice (an investment and the stake it became),
    so amounts of the same kind on the same counterparty are not added.
    """
    largest: dict[tuple[str, str], float] = {}
    for x in exposures:
        if x.amount_usd is not None:
            key = (x.counterparty, x.kind)
            largest[key] = max(largest.get(key, 0.0), x.amount_usd)
    return sum(largest.values())


def circularity(
    edges: Iterable[Edge],
    *,
    max_length: int = DEFAULT_MAX_LENGTH,
    as_of: dt.date | None = None,
) -> dict[str, Circularity]:
    """The circularity of every organization of the money-flow graph (module doc).

    Organizations with no money coming in have ``share`` ``None`` and no loops.
    """
    edges = list(edges)
    graph = money_flow_graph(edges, as_of=as_of)
    loops_of: dict[str, list[Cycle]] = defaultdict(list)
    closing: dict[str, set[str]] = defaultdict(set)  # org -> predecessors on a loop
    for cycle in find_cycles(edges, max_length=max_length, as_of=as_of):
        for i, node in enumerate(cycle.nodes):
            loops_of[node].append(cycle)
            closing[node].add(cycle.nodes[i - 1])
    result = {}
    for node in graph.nodes:
        inflow = circular = 0.0
        known = False
        for pred in graph.predecessors(node):
            amount = graph[pred][node]["amount_usd"]
            if amount is None:
                continue
            known = True
            inflow += amount
            if pred in closing[node]:
                circular += amount
        result[node] = Circularity(
            share=circular / inflow if known and inflow > 0 else None,
            inflow_usd=inflow,
            circular_usd=circular,
            loops=loops_of[node],
        )
    return result

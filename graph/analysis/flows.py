"""The loop report's own reads: light edges for the search, full evidence for the loops shown.

``dealgraph cycles`` reads the store twice. First :func:`read_flow_edges`:
every edge as a :class:`FlowEdge` carrying only its key, names, amount,
date and status, from the few evidence fields those depend on
(:meth:`graph.store.base.Store.flow_rows`); no pydantic model is built. The
search (:func:`graph.analysis.cycles.find_cycles`) runs on them. Then, for
the loops that are printed only, :func:`attach_records` gives their edges
every headline field, their deals and their evidence as the JSON shapes of
``--format json`` (:meth:`graph.store.base.Store.evidence_records`), or
:func:`graph.analysis.cycles.attach_evidence` gives them the model objects
for the table.

Examples
--------
>>> from graph.store.sqlite import SQLiteStore
>>> from graph.model import Edge, Evidence
>>> store = SQLiteStore(":memory:")
>>> ev = Evidence(article_id="a1", quote="A lends B $2 billion", end=20, amount_usd=2e9)
>>> _ = store.write(None, [Edge(source="a", relation="lends_to", target="b", evidence=[ev])], [])
>>> (edge,) = read_flow_edges(store)
>>> edge.key, edge.amount_usd, edge.evidence
(('a', 'lends_to', 'b'), 2000000000.0, [])
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from graph.deals import edge_headline, flow_headline, plain_deals

__all__ = ["FlowEdge", "read_flow_edges", "attach_records"]

Key = tuple[str, str, str]


@dataclass(eq=False, slots=True)
class FlowEdge:
    """An edge with the attributes of :class:`graph.model.Edge` the loop report reads.

    Until :func:`attach_records` runs, only ``amount_usd``, ``date`` and
    ``status`` of the headline are set and ``deals``/``evidence`` are empty;
    afterwards every headline field is set, and ``deals``/``evidence`` hold
    their JSON shapes (``model_dump(mode="json")``).
    """

    source: str
    relation: str
    target: str
    source_name: str | None = None
    target_name: str | None = None
    amount_usd: float | None = None
    date: dt.date | None = None
    status: str = "announced"
    amount_text: str | None = None
    qualifier: str | None = None
    currency: str | None = None
    amount: float | None = None
    quantity: float | None = None
    unit: str | None = None
    date_inferred: bool = False
    confidence: float = 1.0
    deals: list[Any] = field(default_factory=list)
    evidence: list[Any] = field(default_factory=list)

    @property
    def key(self) -> Key:
        return (self.source, self.relation, self.target)


def read_flow_edges(store: Any) -> list[FlowEdge]:
    """Every stored edge as a :class:`FlowEdge`, ordered as ``store.edges()``."""
    names = store.organization_names()
    edges: list[FlowEdge] = []
    rows = store.flow_rows()
    start = 0
    for n in range(1, len(rows) + 1):
        if n < len(rows) and rows[n][:3] == rows[start][:3]:
            continue
        source, relation, target = rows[start][:3]
        amount_usd, date, status = flow_headline(rows[start:n])
        edges.append(
            FlowEdge(
                source,
                relation,
                target,
                names.get(source, source),
                names.get(target, target),
                amount_usd,
                date,
                status,
            )
        )
        start = n
    return edges


def attach_records(
    found: Iterable[Any], evidence_records: Callable[[set[Key]], dict[Key, list[dict[str, Any]]]]
) -> None:
    """Complete the edges on the hops of ``found`` (loops) from their evidence, read once.

    ``evidence_records(keys)`` is a store's
    :meth:`~graph.store.base.Store.evidence_records`. Each edge gets every
    headline field, its deals and its evidence as JSON shapes, the same as
    :meth:`graph.model.Edge.model_dump` of the edge the store's ``edges()``
    gives (the search's three fields do not change: they never depend on
    the quotes).
    """
    loops = list(found)
    edges = {edge.key: edge for cycle in loops for hop in cycle.hops for edge in hop.edges}
    records = evidence_records(set(edges)) if edges else {}
    day = dt.date.fromisoformat
    for key, rows in records.items():
        edge = edges[key]
        evidence = []
        for row in rows:
            item = SimpleNamespace(**row)
            if item.date is not None:
                item.date = day(item.date)
            if item.closed is not None:
                item.closed = day(item.closed)
            evidence.append(item)
        deals = plain_deals(evidence)
        for name, value in edge_headline(deals).items():
            setattr(edge, name, value)
        edge.deals = [deal.to_json() for deal in deals]
        edge.evidence = rows  # as stored: every key of the model, as graph.records shapes it

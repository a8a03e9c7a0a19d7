"""Deal statuses and the edge fields derived from deals, as plain constants.

Kept apart from :mod:`graph.model` (which re-exports them) so the deal rules
(:mod:`graph.deals`) and the loop report can run without loading pydantic.
"""

from __future__ import annotations

__all__ = ["STATUS_ORDER", "NON_FLOW_STATUSES", "HEADLINE_FIELDS"]

#: Most advanced first. The edge's status is the first of these any evidence gives.
STATUS_ORDER: tuple[str, ...] = (
    "completed",
    "announced",
    "reported",
    "in_talks",
    "proposed",
    "superseded",
    "denied",
)

#: Statuses that keep an edge out of the money-flow projection.
NON_FLOW_STATUSES = frozenset({"denied", "superseded"})

#: the edge fields derived from its deals (:func:`graph.deals.edge_headline`)
HEADLINE_FIELDS: tuple[str, ...] = (
    "amount_usd",
    "amount_text",
    "qualifier",
    "currency",
    "amount",
    "quantity",
    "unit",
    "date",
    "date_inferred",
    "status",
    "confidence",
)

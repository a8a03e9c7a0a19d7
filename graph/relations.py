"""The relation table: what each typed edge means, its Neo4j type, and where money flows.

Kept apart from :mod:`graph.model` so the CLI can list relations without
loading pydantic.

>>> RELATIONS["warrant_for"].neo4j_type, money_flows("partners_with")
('WARRANT_FOR', False)
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["RELATIONS", "Relation", "money_flows", "MONEY_RELATIONS"]


@dataclass(frozen=True)
class Relation:
    """What a relation means: its Neo4j type, direction and whether money flows."""

    name: str
    neo4j_type: str
    source_role: str
    target_role: str
    money_flows: bool
    label: str


RELATIONS: dict[str, Relation] = {
    r.name: r
    for r in (
        Relation("invests_in", "INVESTS_IN", "investor", "investee", True, "invests in"),
        Relation("holds_stake", "HOLDS_STAKE", "holder", "company", True, "holds a stake in"),
        Relation("warrant_for", "WARRANT_FOR", "grantor", "holder", True, "grants warrants to"),
        Relation(
            "buys_compute_from", "BUYS_COMPUTE_FROM", "buyer", "provider", True, "buys compute from"
        ),
        Relation("buys_chips_from", "BUYS_CHIPS_FROM", "buyer", "maker", True, "buys chips from"),
        Relation(
            "capacity_backstop",
            "CAPACITY_BACKSTOP",
            "guarantor",
            "provider",
            True,
            "backstops capacity of",
        ),
        Relation("lends_to", "LENDS_TO", "lender", "borrower", True, "lends to"),
        Relation("acquires", "ACQUIRES", "acquirer", "target", True, "acquires"),
        Relation("sells_stake", "SELLS_STAKE", "seller", "company", False, "sells shares of"),
        Relation(
            "buys_power_from", "BUYS_POWER_FROM", "buyer", "supplier", True, "buys power from"
        ),
        Relation("partners_with", "PARTNERS_WITH", "partner", "partner", False, "partners with"),
    )
}


def money_flows(relation: str) -> bool:
    """True when money or value flows source -> target for ``relation``."""
    return RELATIONS[relation].money_flows


#: the relations whose money flows source -> target, in table order
MONEY_RELATIONS: tuple[str, ...] = tuple(r for r, rel in RELATIONS.items() if rel.money_flows)

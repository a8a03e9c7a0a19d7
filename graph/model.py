"""The data model: organizations, articles, typed edges and their evidence.

An :class:`Edge` is one (source, relation, target) triple. Everything an
article says about it is an :class:`Evidence` row: the exact quote, its
offsets, and the amount, quantity, date and status *that quote* states.
Evidence from many articles accumulates on one edge; the edge's headline
fields are derived from its evidence by one rule (:func:`headline`):

* ``amount_usd``: the largest definite amount (qualifier ``exact``, ``about``,
  ``over`` or ``range``), else the largest ``up_to`` amount, else none;
  ``qualifier``, ``amount_text``, ``currency`` and ``amount`` come from the
  same evidence.
* ``quantity`` and ``unit``: from the evidence that gave the amount when it has
  a quantity, else from the first evidence (in article order) with one.
* ``date``: the earliest date any evidence gives (when the deal was first
  reported); ``date_inferred`` from that evidence.
* ``status``: the most advanced status any evidence gives, in the order of
  :data:`STATUS_ORDER` (a denial only wins when nothing else is said).
* ``confidence``: the highest of the evidence.

Examples
--------
>>> ev = Evidence(article_id="a1", quote="X invests $5 billion in Y", start=0, end=25,
...               amount_usd=5e9, qualifier="exact")
>>> edge = Edge(source="x", relation="invests_in", target="y", evidence=[ev])
>>> edge.amount_usd, edge.status
(5000000000.0, 'announced')
>>> RELATIONS["warrant_for"].neo4j_type
'WARRANT_FOR'
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from graph.relations import RELATIONS, Relation, money_flows

__all__ = [
    "RELATIONS",
    "STATUS_ORDER",
    "Relation",
    "Organization",
    "Article",
    "Evidence",
    "Edge",
    "headline",
    "money_flows",
]

RelationName = Literal[
    "invests_in",
    "holds_stake",
    "warrant_for",
    "buys_compute_from",
    "buys_chips_from",
    "capacity_backstop",
    "lends_to",
    "acquires",
    "sells_stake",
    "buys_power_from",
    "partners_with",
]
Qualifier = Literal["exact", "about", "up_to", "over", "range"]
Status = Literal[
    "announced", "completed", "proposed", "in_talks", "reported", "denied", "superseded"
]
OrgKind = Literal["company", "fund", "person", "government", "joint_venture"]
Unit = Literal["shares", "percent", "GW", "MW", "chips", "GPUs"]

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


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Organization(_Model):
    """A company, fund, person, government or joint venture the articles name."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="slug, e.g. 'nvidia'")
    name: str = Field(min_length=1, description="canonical English display name")
    kind: OrgKind = "company"
    aliases: dict[Literal["en", "zh-Hant", "zh-Hans"], list[str]] = Field(default_factory=dict)
    tickers: list[str] = Field(default_factory=list)
    people: list[str] = Field(
        default_factory=list, description="people who act for it (Cathie Wood, 木頭姐)"
    )
    sector: str | None = None
    proposed: bool = Field(
        default=False, description="found in text but not in the gazetteer (lower confidence)"
    )


class Article(_Model):
    """One news article; ``body`` is the NFKC-normalised text quotes refer to."""

    id: str = Field(description="content hash of the normalised title and body")
    title: str = ""
    body: str
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    lang: str | None = None
    source: str | None = Field(default=None, description="where it was read: 'file:line'")


class Evidence(_Model):
    """One quoted statement that supports an edge, with what that quote states."""

    kind: Literal["extracted", "curated"] = "extracted"
    article_id: str
    article_title: str | None = None
    outlet: str | None = None
    url: str | None = None
    locator: str | None = Field(default=None, description="file:row for curated evidence")
    quote: str = ""
    start: int = 0
    end: int = 0
    extractor: str | None = None
    amount_usd: float | None = None
    amount_text: str | None = None
    qualifier: Qualifier | None = None
    currency: str | None = None
    amount: float | None = Field(default=None, description="original amount when not USD")
    quantity: float | None = None
    unit: str | None = None
    date: dt.date | None = None
    date_inferred: bool = False
    status: Status = "announced"
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    note: str | None = None

    @model_validator(mode="after")
    def _offsets(self) -> Evidence:
        if self.end < self.start:
            raise ValueError(f"evidence end {self.end} is before start {self.start}")
        return self

    @property
    def key(self) -> tuple[str, int, int]:
        """Identity of this evidence on its edge (same article and span = same evidence)."""
        return (self.article_id, self.start, self.end)


class Edge(_Model):
    """One (source, relation, target) edge; headline fields follow :func:`headline`."""

    source: str
    relation: RelationName
    target: str
    source_name: str | None = None
    target_name: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)
    amount_usd: float | None = None
    amount_text: str | None = None
    qualifier: Qualifier | None = None
    currency: str | None = None
    amount: float | None = None
    quantity: float | None = None
    unit: str | None = None
    date: dt.date | None = None
    date_inferred: bool = False
    status: Status = "announced"
    confidence: float = 1.0

    @model_validator(mode="after")
    def _derive(self) -> Edge:
        if self.evidence:
            for name, value in headline(self.evidence).items():
                object.__setattr__(self, name, value)
        return self

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source, self.relation, self.target)

    def merged(self, other: Edge) -> Edge:
        """This edge with ``other``'s evidence added (same key; duplicates dropped)."""
        if other.key != self.key:
            raise ValueError(f"cannot merge {other.key} into {self.key}")
        seen = {e.key for e in self.evidence}
        evidence = self.evidence + [e for e in other.evidence if e.key not in seen]
        return self.model_copy(update={"evidence": evidence}).rebuilt()

    def rebuilt(self) -> Edge:
        """A copy with the headline fields derived again from the evidence."""
        return Edge.model_validate(self.model_dump(exclude=set(_HEADLINE_FIELDS)))


_HEADLINE_FIELDS = (
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


def headline(evidence: list[Evidence]) -> dict[str, object]:
    """The headline fields of an edge, derived from its evidence (rule in the module doc)."""
    out: dict[str, object] = {name: None for name in _HEADLINE_FIELDS}
    definite = [e for e in evidence if e.amount_usd is not None and e.qualifier != "up_to"]
    upper = [e for e in evidence if e.amount_usd is not None and e.qualifier == "up_to"]
    chosen = max(definite or upper, key=lambda e: e.amount_usd or 0.0, default=None)
    if chosen is not None:
        out.update(
            amount_usd=chosen.amount_usd,
            amount_text=chosen.amount_text,
            qualifier=chosen.qualifier,
            currency=chosen.currency,
            amount=chosen.amount,
        )
    with_quantity = [e for e in evidence if e.quantity is not None]
    source = chosen if chosen is not None and chosen.quantity is not None else None
    source = source or (with_quantity[0] if with_quantity else None)
    if source is not None:
        out.update(quantity=source.quantity, unit=source.unit)
    dated = [e for e in evidence if e.date is not None]
    if dated:
        first = min(dated, key=lambda e: e.date or dt.date.max)
        out.update(date=first.date, date_inferred=first.date_inferred)
    else:
        out["date_inferred"] = False
    statuses = {e.status for e in evidence}
    out["status"] = next(s for s in STATUS_ORDER if s in statuses)
    out["confidence"] = max(e.confidence for e in evidence)
    return out

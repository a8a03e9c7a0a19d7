"""The store contract: what every backend (SQLite, Neo4j) must do, identically.

A store holds organizations, articles and evidence. Edges are not stored as
such: an edge is the (source, relation, target) key of its evidence rows, and
its headline fields are derived by :func:`graph.model.headline`. This keeps
loads idempotent (evidence is keyed by edge, article and span) and lets
evidence from many articles accumulate on one edge.

Writes go through :meth:`Store.write`, one transaction per call: an article
with its edges and the organizations they name either lands whole or not at
all. Writing the same article twice changes nothing.
"""

from __future__ import annotations

import abc
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:  # the model (pydantic) loads only where it is used: reads stay light
    from graph.model import Article, Edge, Evidence, Organization

__all__ = ["Store", "WriteResult", "Counts", "PROVENANCE_FIELDS", "FlowRow", "FLOW_FIELDS"]

Key = tuple[str, str, str]

#: Evidence fields that only say where a statement was read (its text and source).
#: :func:`graph.model.headline` never reads them, so analyses that need an edge's
#: headline but not its quotes (the loop search) may read evidence without them.
PROVENANCE_FIELDS: tuple[str, ...] = (
    "quote",
    "article_title",
    "outlet",
    "url",
    "locator",
    "note",
    "extractor",
)


class FlowRow(NamedTuple):
    """One evidence row as the money-flow projection reads it (:meth:`Store.flow_rows`).

    The edge's key, the evidence's identity on it, and the fields its deals'
    amount, date and status depend on (:func:`graph.deals.flow_headline`).
    """

    source: str
    relation: str
    target: str
    article_id: str
    start: int
    end: int
    deal_id: str | None
    amount_usd: float | None
    qualifier: str | None
    date: dt.date | None
    status: str
    superseded_by: str | None
    in_totals: bool


#: the evidence fields of a :class:`FlowRow` (after its edge key)
FLOW_FIELDS: tuple[str, ...] = FlowRow._fields[3:]


@dataclass
class WriteResult:
    """What one :meth:`Store.write` changed."""

    article_new: bool = False
    edges_added: int = 0
    edges_updated: int = 0
    evidence_added: int = 0

    def __iadd__(self, other: WriteResult) -> WriteResult:
        self.article_new = self.article_new or other.article_new
        self.edges_added += other.edges_added
        self.edges_updated += other.edges_updated
        self.evidence_added += other.evidence_added
        return self


@dataclass(frozen=True)
class Counts:
    organizations: int
    articles: int
    edges: int
    evidence: int

    def as_dict(self) -> dict[str, int]:
        return {
            "organizations": self.organizations,
            "articles": self.articles,
            "edges": self.edges,
            "evidence": self.evidence,
        }


class Store(abc.ABC):
    """One backend of the deal graph. Use as a context manager."""

    #: short name shown to users ("sqlite", "neo4j")
    name: str = "store"
    #: articles a load hands to :meth:`write_many` at once
    articles_per_write: int = 64

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -----------------------------------------------------------
    @abc.abstractmethod
    def write(
        self,
        article: Article | None,
        edges: Iterable[Edge],
        organizations: Iterable[Organization],
    ) -> WriteResult:
        """Store an article (or none, for curated rows), its edges and their organizations.

        One transaction: all of it lands or none does. Idempotent: evidence
        already stored (same edge, article and span) is not added again, and an
        organization already stored keeps its stored fields unless the new one
        is not ``proposed`` and the stored one is.
        """

    def write_many(
        self,
        items: Iterable[tuple[Article | None, Iterable[Edge], Iterable[Organization]]],
        *,
        batch_size: int = 2000,
        progress: Callable[[int], None] | None = None,
    ) -> list[WriteResult]:
        """:meth:`write` for many (article, edges, organizations) items, in order.

        Each item is still atomic. Stores may batch several items per
        transaction (Neo4j does, about ``batch_size`` evidence rows each);
        ``progress`` is called with the number of items each step stored.
        """
        results = []
        for article, edges, organizations in items:
            results.append(self.write(article, edges, organizations))
            if progress is not None:
                progress(1)
        return results

    @abc.abstractmethod
    def has_article(self, article_id: str) -> bool:
        """True when the article is already stored."""

    @abc.abstractmethod
    def reset(self) -> None:
        """Remove everything."""

    # -- reading -----------------------------------------------------------
    @abc.abstractmethod
    def organizations(self) -> list[Organization]:
        """Every stored organization, ordered by id."""

    @abc.abstractmethod
    def articles(self) -> list[Article]:
        """Every stored article, ordered by id."""

    @abc.abstractmethod
    def edges(self) -> list[Edge]:
        """Every edge with all its evidence, ordered by (source, relation, target).

        Evidence on an edge is ordered by (article_id, start, end);
        ``source_name`` and ``target_name`` are filled in.
        """

    def edge_headlines(self) -> list[Edge]:
        """Every edge as :meth:`edges` gives it, its evidence without :data:`PROVENANCE_FIELDS`.

        Headline fields (amount, date, status...) are the same as in
        :meth:`edges`; quotes are empty. Stores override it to read less.
        """
        blank = dict.fromkeys(PROVENANCE_FIELDS)
        blank["quote"] = ""
        return [
            edge.model_copy(
                update={"evidence": [ev.model_copy(update=blank) for ev in edge.evidence]}
            )
            for edge in self.edges()
        ]

    def evidence_of(
        self, keys: Iterable[tuple[str, str, str]]
    ) -> dict[tuple[str, str, str], list[Evidence]]:
        """The evidence of the edges of ``keys`` (source, relation, target), in full.

        Each list is ordered as in :meth:`edges`; keys not stored are left out.
        Stores override it to read only those edges.
        """
        wanted = set(keys)
        return {edge.key: edge.evidence for edge in self.edges() if edge.key in wanted}

    def flow_rows(self) -> list[FlowRow]:
        """Every evidence row, only the fields the money-flow projection reads.

        Ordered as :meth:`edges` orders edges and their evidence; the values are
        those of :meth:`edges`. The loop report reads these instead of whole
        edges, and the full evidence only of the loops it prints. Stores
        override it to read less.
        """
        return [
            FlowRow(*edge.key, *(getattr(ev, name) for name in FLOW_FIELDS))
            for edge in self.edges()
            for ev in edge.evidence
        ]

    def organization_names(self) -> dict[str, str]:
        """Every stored organization's display name, by id."""
        return {org.id: org.name for org in self.organizations()}

    def evidence_records(self, keys: Iterable[Key]) -> dict[Key, list[dict[str, Any]]]:
        """:meth:`evidence_of` as JSON-ready dicts: ``Evidence.model_dump(mode="json")``.

        Stores override it to skip building the models (the loop report's
        ``--format json`` turns these into its output directly).
        """
        return {
            key: [ev.model_dump(mode="json") for ev in evidence]
            for key, evidence in self.evidence_of(keys).items()
        }

    @abc.abstractmethod
    def counts(self) -> Counts:
        """How many organizations, articles, edges and evidence rows are stored."""

    def close(self) -> None:  # noqa: B027 - optional hook, most stores need it
        """Release connections."""

    def is_empty(self) -> bool:
        return self.counts().evidence == 0 and self.counts().articles == 0

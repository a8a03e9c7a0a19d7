"""The Neo4j write path: a chunk of articles in one statement, no read-backs.

:class:`ChunkWriter` plans one chunk of (article, edges, organizations) items
per transaction. What it must know about the stored graph it learns from
index seeks by id, never by reading stored evidence back, except for the one
case that needs it (below):

* organizations and articles: which ids exist (``UNWIND $ids ... MATCH {id}``);
* edges: which (source, relation, target) exist and the ids of their evidence,
  by a typed match ``(s {id})-[r:TYPE]->(t {id})`` per relation type present;
* only for a stored edge that gains new evidence, that edge's stored evidence
  is read, because its headline (:func:`graph.model.headline`) depends on all
  of it; the headline is computed over the evidence ordered as
  :meth:`Neo4jStore.edges` reads it, so both give the same.

Into an empty store (``fresh``) it reads nothing at all: it remembers what it
planned itself (ids, and the evidence of each edge it wrote, for the headline
of an edge that grows in a later chunk), so a chunk is planned in Python
without a transaction (:meth:`ChunkWriter.plan`) and the store plans the next
chunk while the server writes this one.

Writes: one statement per chunk (:data:`_CHUNK`, unit subqueries over
``UNWIND`` lists) creates the new organizations, updates upgraded ones,
creates the articles and the new relationships, each with its headline and
its evidence lists (:func:`schema.evidence_lists`). A stored relationship
that gains evidence gets the new entries appended on the server
(``coalesce(r.evidenceIds, []) + ...``, never read and rewritten), its
headline set with ``+=`` (absent fields removed by nulls), one statement per
relation type (:data:`schema.APPEND_EDGE`).

Properties come from the model's fields by one mapping (:func:`schema.camel`
via :func:`schema.to_props` and :func:`schema.edge_props`), so new fields of
the model flow through without a change here.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.model import RELATIONS, Article, Edge, Evidence, Organization
from graph.store import neo4j_schema as schema
from graph.store.base import WriteResult

__all__ = ["ChunkWriter", "Plan", "Stream", "Aborted"]

Item = tuple[Article | None, list[Edge], list[Organization]]
Key = tuple[str, str, str]
Pair = tuple[str, Evidence]  # an evidence row and its id

_EXISTING_ORGS = (
    "UNWIND $ids AS id MATCH (n:Organization {id: id}) RETURN id, n.proposed AS proposed"
)
_EXISTING_ARTICLES = "UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN id"
_TYPES = {name: rel.neo4j_type for name, rel in RELATIONS.items()}

#: everything a chunk creates, in one statement: a unit subquery per kind, the
#: relationships one per relation type (its type written from the fixed table)
_CHUNK = "\n".join(
    [
        "CALL () { UNWIND $newOrgs AS row CREATE (n:Organization) SET n = row }",
        "CALL () { UNWIND $upgradedOrgs AS row MATCH (n:Organization {id: row.id}) SET n = row }",
        "CALL () { UNWIND $articles AS row CREATE (a:Article) SET a = row }",
        *(
            f"CALL () {{ UNWIND $created.{name} AS row "  # cypher: fixed RELATIONS
            "MATCH (s:Organization {id: row.source}) MATCH (t:Organization {id: row.target}) "
            f"CREATE (s)-[r:{neo4j_type}]->(t) SET r = row.props }}"  # cypher: fixed RELATIONS
            for name, neo4j_type in _TYPES.items()
        ),
    ]
)


@dataclass
class ChunkWriter:
    """Plans and writes chunks for one :meth:`Neo4jStore.write_many` call.

    ``fresh`` says the store held no deal graph when the call began: then
    anything not written by this writer is known not to exist, nothing is
    read, and chunks are planned with :meth:`plan`, outside any transaction.
    Otherwise each chunk is planned inside its transaction (:meth:`__call__`),
    from what that transaction reads.
    """

    fresh: bool = False
    orgs: dict[str, bool] = field(default_factory=dict)  # written: id -> proposed
    articles: set[str] = field(default_factory=set)
    keys: dict[Key, set[str]] = field(default_factory=dict)  # written: edge -> evidence ids
    #: fresh only: the evidence written per edge, for the headline of an edge that grows
    evidence: dict[Key, list[Evidence]] = field(default_factory=dict)

    _pending: Plan | None = None

    def plan(self, chunk: Sequence[Item]) -> Plan:
        """The writes of ``chunk`` into a store that was empty (``fresh``), read from nothing.

        The plan counts as written from here on: the next chunk is planned as
        if this one had landed. If it does not, the load stops with the
        error, and this writer is not used again.
        """
        if not self.fresh:
            raise ValueError("a chunk is planned without a transaction only into an empty store")
        plan = Plan(self, chunk, None)
        plan.remember()
        return plan

    def __call__(self, tx: Any, chunk: Sequence[Item]) -> list[WriteResult]:
        """Plan and write ``chunk`` in the transaction ``tx``; one result per item, in order.

        The driver may run this again after a transient error; what it wrote
        is remembered only once :meth:`committed` says the transaction landed.
        """
        plan = Plan(self, chunk, tx)
        plan.run(tx)
        self._pending = plan
        return plan.results

    def committed(self) -> None:
        """Remember what the last chunk wrote (call after its transaction committed)."""
        if self._pending is not None:
            self._pending.remember()
            self._pending = None


class Plan:
    """What one chunk finds stored, decides and writes: :attr:`results` and :meth:`run`."""

    def __init__(self, writer: ChunkWriter, chunk: Sequence[Item], tx: Any) -> None:
        self.writer, self.chunk = writer, chunk
        org_ids: set[str] = set()
        article_ids: set[str] = set()
        keys: set[Key] = set()
        for article, edges, organizations in chunk:
            if article is not None:
                article_ids.add(article.id)
            org_ids.update(o.id for o in organizations)
            for edge in edges:
                org_ids.update((edge.source, edge.target))
                keys.add(edge.key)
        self.stored_orgs = self._stored_orgs(tx, org_ids)
        self.known_orgs = set(self.stored_orgs)
        self.stored_articles = self._stored_articles(tx, article_ids)
        self.stored_ids = self._stored_keys(tx, keys)  # key -> its stored evidence ids
        self.org_rows: dict[str, dict[str, Any]] = {}
        self.article_rows: list[dict[str, Any]] = []
        self.new_evidence: dict[Key, list[Pair]] = {}
        #: one result per item of the chunk, in order
        self.results = self._decide()
        #: the statements and their parameters, in order
        self.statements = self._statements(tx)

    def run(self, tx: Any) -> None:
        """Run the chunk's writes in ``tx`` (again, if the driver retries the transaction)."""
        for statement, params in self.statements:
            tx.run(statement, params).consume()

    # -- what is stored (index seeks only) ---------------------------------
    def _stored_orgs(self, tx: Any, ids: set[str]) -> dict[str, bool]:
        w = self.writer
        if w.fresh:
            return {i: w.orgs[i] for i in ids if i in w.orgs}
        rows = tx.run(_EXISTING_ORGS, ids=sorted(ids))
        return {r["id"]: bool(r["proposed"]) for r in rows}

    def _stored_articles(self, tx: Any, ids: set[str]) -> set[str]:
        if self.writer.fresh:
            return ids & self.writer.articles
        return {r["id"] for r in tx.run(_EXISTING_ARTICLES, ids=sorted(ids))}

    def _stored_keys(self, tx: Any, keys: set[Key]) -> dict[Key, set[str]]:
        w = self.writer
        if w.fresh:  # the writer knows every edge stored
            return {key: w.keys[key] for key in keys if key in w.keys}
        out: dict[Key, set[str]] = {}
        for relation, rows in _by_type(keys).items():
            for r in tx.run(schema.EDGE_EVIDENCE_IDS[relation], rows=rows):
                out[(r["s"], relation, r["t"])] = set(r["ids"] or ())
        return out

    # -- deciding, item by item, exactly as one write per item would -------
    def _decide(self) -> list[WriteResult]:
        results = []
        seen: dict[Key, set[str]] = {k: set(ids) for k, ids in self.stored_ids.items()}
        for article, edges, organizations in self.chunk:
            result = WriteResult()
            if article is not None and article.id not in self.stored_articles:
                self.stored_articles.add(article.id)
                self.article_rows.append(schema.article_props(article))
                result.article_new = True
            stored_orgs = self.stored_orgs
            for org in organizations:
                stored = stored_orgs.get(org.id)
                if stored is None or (stored and not org.proposed):
                    stored_orgs[org.id] = org.proposed
                    self.org_rows[org.id] = schema.organization_props(org)
            for edge in edges:
                for org_id, name in (
                    (edge.source, edge.source_name),
                    (edge.target, edge.target_name),
                ):
                    if org_id not in stored_orgs:  # named by an edge only: a plain entry
                        stored_orgs[org_id] = False
                        org = Organization(id=org_id, name=name or org_id)
                        self.org_rows[org_id] = schema.organization_props(org)
            for edge in edges:
                key = edge.key
                ids = seen.setdefault(key, set())
                existed = bool(ids)
                added = 0
                for ev in edge.evidence:
                    ev_id = schema.evidence_id(*key, ev)  # hashed once, kept with the row
                    if ev_id not in ids:
                        ids.add(ev_id)
                        self.new_evidence.setdefault(key, []).append((ev_id, ev))
                        added += 1
                result.evidence_added += added
                if added:
                    if existed:
                        result.edges_updated += 1
                    else:
                        result.edges_added += 1
            results.append(result)
        return results

    # -- writing -----------------------------------------------------------
    def _statements(self, tx: Any) -> list[tuple[str, dict[str, Any]]]:
        new_orgs = [row for i, row in self.org_rows.items() if i not in self.known_orgs]
        upgraded = [row for i, row in self.org_rows.items() if i in self.known_orgs]
        grown = [key for key in self.new_evidence if key in self.stored_ids]
        stored = self._stored_evidence(tx, grown)
        created: dict[str, list[dict[str, Any]]] = {name: [] for name in _TYPES}
        appended: dict[str, list[dict[str, Any]]] = {}
        for key, pairs in self.new_evidence.items():
            source, relation, target = key
            if key in self.stored_ids:
                every = sorted(stored.get(key, []) + [ev for _, ev in pairs], key=_evidence_key)
                props = schema.edge_props(relation, every, [], nulls=True)
                props.pop("evidenceIds")
                props.pop("evidenceCount")  # both follow the appended lists on the server
                appended.setdefault(relation, []).append(
                    {
                        "source": source,
                        "target": target,
                        "props": props,
                        "lists": schema.evidence_lists(pairs),
                    }
                )
            else:
                if len(pairs) > 1:
                    pairs.sort(key=lambda pair: pair[1].key)  # as edges() reads them back
                props = schema.edge_props(relation, [ev for _, ev in pairs], [])
                props.update(schema.evidence_lists(pairs))
                props["evidenceCount"] = len(pairs)
                created[relation].append({"source": source, "target": target, "props": props})
        statements: list[tuple[str, dict[str, Any]]] = []
        if new_orgs or upgraded or self.article_rows or any(created.values()):
            params = {
                "newOrgs": new_orgs,
                "upgradedOrgs": upgraded,
                "articles": self.article_rows,
                "created": created,
            }
            statements.append((_CHUNK, params))
        for relation, rows in appended.items():
            statements.append((schema.APPEND_EDGE[relation], {"rows": rows}))
        return statements

    def remember(self) -> None:
        """Add what this chunk writes to its writer's memory (once it counts as written)."""
        w = self.writer
        w.orgs.update(self.stored_orgs)
        w.articles.update(self.stored_articles)
        for key, pairs in self.new_evidence.items():
            w.keys.setdefault(key, set()).update(i for i, _ in pairs)
            if w.fresh:
                w.evidence.setdefault(key, []).extend(ev for _, ev in pairs)

    def _stored_evidence(self, tx: Any, keys: list[Key]) -> dict[Key, list[Evidence]]:
        """The stored evidence of ``keys`` (edges that grow: their headline needs it)."""
        if self.writer.fresh:  # what this writer wrote is all there is
            return {key: list(self.writer.evidence[key]) for key in keys}
        out: dict[Key, list[Evidence]] = {}
        for relation, rows in _by_type(keys).items():
            for r in tx.run(schema.EDGE_EVIDENCE[relation], rows=rows):
                out[(r["s"], relation, r["t"])] = [
                    schema.evidence_from(text, quote)
                    for text, quote in zip(r["json"] or (), r["quotes"] or (), strict=True)
                ]
        return out


class Aborted(Exception):
    """The planning of a streamed transaction failed: the transaction is rolled back."""


class Stream:
    """One transaction whose plans arrive while it runs (a fresh load's chunk, in parts).

    The planning thread :meth:`add` s plans and :meth:`close` s the stream;
    the thread that runs the transaction calls :meth:`run`, which writes each
    plan as it comes and returns once the stream is closed. A retried
    transaction runs every plan again from the first. ``close(abort=True)``
    makes :meth:`run` raise :class:`Aborted`, so nothing of it is committed.
    """

    def __init__(self) -> None:
        self.plans: list[Plan] = []
        self._state = threading.Condition()
        self._closed = self._aborted = False

    def add(self, plan: Plan) -> None:
        with self._state:
            self.plans.append(plan)
            self._state.notify()

    def close(self, *, abort: bool = False) -> None:
        with self._state:
            self._closed, self._aborted = True, abort
            self._state.notify()

    def run(self, tx: Any) -> None:
        done = 0
        while True:
            with self._state:
                while done == len(self.plans) and not self._closed:
                    self._state.wait()
                if self._aborted:
                    raise Aborted("the load stopped while this transaction was being written")
                if done == len(self.plans):
                    return
                plan = self.plans[done]
            plan.run(tx)
            done += 1

    @property
    def results(self) -> list[WriteResult]:
        return [result for plan in self.plans for result in plan.results]


def _evidence_key(ev: Evidence) -> tuple[str, int, int]:
    return ev.key


def _by_type(keys: Any) -> dict[str, list[dict[str, str]]]:
    """Edge keys as ``{s, t}`` rows per relation, for the typed statements."""
    by_type: dict[str, list[dict[str, str]]] = {}
    for source, relation, target in sorted(keys):
        by_type.setdefault(relation, []).append({"s": source, "t": target})
    return by_type

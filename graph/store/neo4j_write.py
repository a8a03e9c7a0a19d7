"""The Neo4j write path: chunks of articles in a few bulk statements, no read-backs.

:class:`ChunkWriter` writes one chunk of (article, edges, organizations) items
per transaction. What it must know about the stored graph it learns from
index seeks by id, never by reading stored evidence back, except for the one
case that needs it (below); on a load into an empty store it reads nothing at
all, because it remembers what it wrote itself (ids only):

* organizations and articles: which ids exist (``UNWIND $ids ... MATCH {id}``);
* edges: which (source, relation, target) exist and the ids of their evidence,
  by a typed match ``(s {id})-[r:TYPE]->(t {id})`` per relation type present;
* only for a stored edge that gains new evidence, that edge's stored evidence
  is read, because its headline (:func:`graph.model.headline`) depends on all
  of it.

Writes, each one ``UNWIND $rows`` statement (relationships one per relation
type): new organizations, upgraded ones, articles, the ``FROM`` links of
evidence stored before its article, evidence nodes (created together with their
``FROM`` link, one article lookup per article), new relationships (``CREATE``)
and grown ones (evidence ids appended on the server:
``r.evidenceIds = r.evidenceIds + row.ids``, headline properties set with
``+=``, absent ones removed by nulls).

Properties come from the model's fields by one mapping (:func:`schema.camel`
via :func:`schema.to_props` and :func:`schema.edge_props`), so new fields of
the model flow through without a change here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.model import Article, Edge, Evidence, Organization
from graph.store import neo4j_schema as schema
from graph.store.base import WriteResult

__all__ = ["ChunkWriter"]

Item = tuple[Article | None, list[Edge], list[Organization]]
Key = tuple[str, str, str]

_EXISTING_ORGS = (
    "UNWIND $ids AS id MATCH (n:Organization {id: id}) RETURN id, n.proposed AS proposed"
)
_EXISTING_ARTICLES = "UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN id"
_STORED_EVIDENCE = "UNWIND $ids AS id MATCH (e:Evidence {id: id}) RETURN properties(e) AS p"
_NEW_ORGS = "UNWIND $rows AS row CREATE (n:Organization) SET n = row"
_UPGRADED_ORGS = "UNWIND $rows AS row MATCH (n:Organization {id: row.id}) SET n = row"
_NEW_ARTICLES = "UNWIND $rows AS row CREATE (a:Article) SET a = row"
_LINK_EARLIER_EVIDENCE = (  # evidence stored before its article (curated rows)
    "UNWIND $ids AS id MATCH (a:Article {id: id}) MATCH (e:Evidence {articleId: id}) "
    "MERGE (e)-[:FROM]->(a)"
)
_EVIDENCE_WITH_ARTICLE = (
    "UNWIND $rows AS row MATCH (a:Article {id: row.article}) "
    "UNWIND row.evidence AS p CREATE (e:Evidence)-[:FROM]->(a) SET e = p"
)
_EVIDENCE_ALONE = "UNWIND $rows AS p CREATE (e:Evidence) SET e = p"


@dataclass
class ChunkWriter:
    """Writes chunks for one :meth:`Neo4jStore.write_many` call.

    ``fresh`` says the store held no evidence when the call began: then
    anything not written by this writer is known not to exist, and nothing is
    read. The sets of ids it wrote are all it keeps between chunks.
    """

    fresh: bool = False
    orgs: dict[str, bool] = field(default_factory=dict)  # written: id -> proposed
    articles: set[str] = field(default_factory=set)
    keys: set[Key] = field(default_factory=set)
    evidence_articles: set[str] = field(default_factory=set)

    _pending: _Plan | None = None

    def __call__(self, tx: Any, chunk: Sequence[Item]) -> list[WriteResult]:
        """Write ``chunk`` in the transaction ``tx``; one result per item, in order.

        The driver may run this again after a transient error; what it wrote
        is remembered only once :meth:`committed` says the transaction landed.
        """
        plan = _Plan(self, tx, chunk)
        results = plan.decide()
        plan.write()
        self._pending = plan
        return results

    def committed(self) -> None:
        """Remember what the last chunk wrote (call after its transaction committed)."""
        if self._pending is not None:
            self._pending.remember()
            self._pending = None


class _Plan:
    """What one chunk finds stored, decides and writes."""

    def __init__(self, writer: ChunkWriter, tx: Any, chunk: Sequence[Item]) -> None:
        self.writer, self.tx, self.chunk = writer, tx, chunk
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
                article_ids.update(ev.article_id for ev in edge.evidence)
        self.stored_orgs = self._stored_orgs(org_ids)
        self.known_orgs = set(self.stored_orgs)
        self.stored_articles = self._stored_articles(article_ids)
        self.stored_ids = self._stored_keys(keys)  # key -> its stored evidence ids
        self.org_rows: dict[str, dict[str, Any]] = {}
        self.article_rows: list[dict[str, Any]] = []
        self.new_evidence: dict[Key, list[Evidence]] = {}

    # -- what is stored (index seeks only) ---------------------------------
    def _stored_orgs(self, ids: set[str]) -> dict[str, bool]:
        w = self.writer
        if w.fresh:
            return {i: w.orgs[i] for i in ids if i in w.orgs}
        rows = self.tx.run(_EXISTING_ORGS, ids=sorted(ids))
        return {r["id"]: bool(r["proposed"]) for r in rows}

    def _stored_articles(self, ids: set[str]) -> set[str]:
        if self.writer.fresh:
            return ids & self.writer.articles
        return {r["id"] for r in self.tx.run(_EXISTING_ARTICLES, ids=sorted(ids))}

    def _stored_keys(self, keys: set[Key]) -> dict[Key, set[str]]:
        w = self.writer
        if w.fresh:
            keys = keys & w.keys  # the others are known not to exist
        by_type: dict[str, list[dict[str, str]]] = {}
        for source, relation, target in sorted(keys):
            by_type.setdefault(relation, []).append({"s": source, "t": target})
        out: dict[Key, set[str]] = {}
        for relation, rows in by_type.items():
            for r in self.tx.run(schema.EDGE_EVIDENCE_IDS[relation], rows=rows):
                out[(r["s"], relation, r["t"])] = set(r["ids"] or ())
        return out

    # -- deciding, item by item, exactly as one write per item would -------
    def decide(self) -> list[WriteResult]:
        results = []
        seen: dict[Key, set[str]] = {k: set(ids) for k, ids in self.stored_ids.items()}
        for article, edges, organizations in self.chunk:
            result = WriteResult()
            if article is not None and article.id not in self.stored_articles:
                self.stored_articles.add(article.id)
                self.article_rows.append(schema.article_props(article))
                result.article_new = True
            known = {org.id: org for org in organizations}
            for edge in edges:
                for org_id, name in (
                    (edge.source, edge.source_name),
                    (edge.target, edge.target_name),
                ):
                    known.setdefault(org_id, Organization(id=org_id, name=name or org_id))
            for org in known.values():
                stored = self.stored_orgs.get(org.id)
                if stored is None or (stored and not org.proposed):
                    self.stored_orgs[org.id] = org.proposed
                    self.org_rows[org.id] = schema.organization_props(org)
            for edge in edges:
                ids = seen.setdefault(edge.key, set())
                existed = bool(ids)
                added = 0
                for ev in edge.evidence:
                    ev_id = schema.evidence_id(*edge.key, ev)
                    if ev_id not in ids:
                        ids.add(ev_id)
                        self.new_evidence.setdefault(edge.key, []).append(ev)
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
    def write(self) -> None:
        tx, w = self.tx, self.writer
        new_orgs = [row for i, row in self.org_rows.items() if i not in self.known_orgs]
        upgraded = [row for i, row in self.org_rows.items() if i in self.known_orgs]
        if new_orgs:
            tx.run(_NEW_ORGS, rows=new_orgs).consume()
        if upgraded:
            tx.run(_UPGRADED_ORGS, rows=upgraded).consume()
        if self.article_rows:
            tx.run(_NEW_ARTICLES, rows=self.article_rows).consume()
            new_ids = [row["id"] for row in self.article_rows]
            earlier = new_ids if not w.fresh else [i for i in new_ids if i in w.evidence_articles]
            if earlier:
                tx.run(_LINK_EARLIER_EVIDENCE, ids=earlier).consume()
        by_article: dict[str, list[dict[str, Any]]] = {}
        alone: list[dict[str, Any]] = []
        for key, evidence in self.new_evidence.items():
            for ev in evidence:
                props = schema.evidence_props(key, ev)
                if ev.article_id in self.stored_articles:
                    by_article.setdefault(ev.article_id, []).append(props)
                else:
                    alone.append(props)
        if by_article:
            rows = [{"article": a, "evidence": ps} for a, ps in by_article.items()]
            tx.run(_EVIDENCE_WITH_ARTICLE, rows=rows).consume()
        if alone:
            tx.run(_EVIDENCE_ALONE, rows=alone).consume()
        self._write_relationships()

    def remember(self) -> None:
        """Add what this chunk wrote to its writer's memory (after the commit)."""
        w = self.writer
        w.orgs.update(self.stored_orgs)
        w.articles.update(self.stored_articles)
        w.keys.update(self.new_evidence)
        w.evidence_articles.update(
            ev.article_id for evidence in self.new_evidence.values() for ev in evidence
        )

    def _write_relationships(self) -> None:
        grown = [key for key in self.new_evidence if key in self.stored_ids]
        stored = self._stored_evidence(grown)
        created: dict[str, list[dict[str, Any]]] = {}
        appended: dict[str, list[dict[str, Any]]] = {}
        for key, new in sorted(self.new_evidence.items()):
            source, relation, target = key
            new = sorted(new, key=lambda e: e.key)
            ids = [schema.evidence_id(source, relation, target, ev) for ev in new]
            if key in self.stored_ids:
                props = schema.edge_props(relation, stored.get(key, []) + new, ids, nulls=True)
                props.pop("evidenceIds")
                props.pop("evidenceCount")  # both follow the appended list on the server
                row = {"source": source, "target": target, "props": props, "ids": ids}
                appended.setdefault(relation, []).append(row)
            else:
                props = schema.edge_props(relation, new, ids)
                created.setdefault(relation, []).append(
                    {"source": source, "target": target, "props": props}
                )
        for relation, rows in created.items():
            self.tx.run(schema.CREATE_EDGE[relation], rows=rows).consume()
        for relation, rows in appended.items():
            self.tx.run(schema.APPEND_EDGE[relation], rows=rows).consume()

    def _stored_evidence(self, keys: list[Key]) -> dict[Key, list[Evidence]]:
        """The stored evidence of ``keys`` (edges that grow: their headline needs it)."""
        ids = sorted(i for key in keys for i in self.stored_ids[key])
        out: dict[Key, list[Evidence]] = {}
        if not ids:
            return out
        for r in self.tx.run(_STORED_EVIDENCE, ids=ids):
            props = r["p"]
            key = (props["source"], props["relation"], props["target"])
            out.setdefault(key, []).append(schema.evidence_from(props))
        return out

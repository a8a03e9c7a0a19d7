"""The Neo4j store: the same graph as the embedded store, in a Neo4j server.

The graph model and every statement are in :mod:`graph.store.neo4j_schema`.
Writes are batched ``UNWIND $rows`` statements with parameters only; each
:meth:`Neo4jStore.write` is one transaction, and :meth:`Neo4jStore.write_many`
writes many articles in chunks, one transaction per chunk, each article whole
or not at all. Evidence nodes have stable ids (edge, article and span), so a
load that stopped half way (even with the server killed) is completed by
running it again, without duplicates.

Connection settings come from the arguments or from ``NEO4J_URI``,
``NEO4J_USER``, ``NEO4J_PASSWORD`` and ``NEO4J_DATABASE``. Importing this
module is cheap: the driver is imported when a store is opened.

Example (needs a server; ``make neo4j`` starts one)::

    with Neo4jStore("bolt://127.0.0.1:7687") as store:
        store.write(article, edges, organizations)
        print(store.counts())
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from graph.errors import ConnectionError, StoreError
from graph.model import RELATIONS, Article, Edge, Evidence, Organization
from graph.store import neo4j_schema as schema
from graph.store.base import PROVENANCE_FIELDS, Counts, Store, WriteResult

__all__ = ["Neo4jStore", "connection_error", "DEFAULT_URI"]

DEFAULT_URI = "bolt://127.0.0.1:7687"
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
HOW_TO_START = "start one with `make neo4j` or `docker compose up -d`"

Item = tuple[Article | None, Iterable[Edge], Iterable[Organization]]
Key = tuple[str, str, str]


class Neo4jStore(Store):
    """The deal graph in a Neo4j server (5.x), through the official driver."""

    name = "neo4j"

    def __init__(
        self,
        uri: str | None = None,
        user: str | None = None,
        password: str | None = None,
        database: str | None = None,
    ) -> None:
        import neo4j

        # the driver logs each retry as a warning; keep that off a user's terminal
        # unless the application configured logging itself
        logging.getLogger("neo4j").addHandler(logging.NullHandler())
        self.uri = uri or os.environ.get("NEO4J_URI") or DEFAULT_URI
        scheme = self.uri.split("://", 1)[0] if "://" in self.uri else ""
        if scheme not in BOLT_SCHEMES:
            raise ConnectionError(
                f"invalid Neo4j URI {self.uri!r}: use bolt://HOST:7687 or neo4j://HOST:7687 "
                "(+s or +ssc for TLS)"
            )
        self.user = user or os.environ.get("NEO4J_USER") or None
        password = password or os.environ.get("NEO4J_PASSWORD") or None
        self.database = database or os.environ.get("NEO4J_DATABASE") or None
        auth = (self.user or "neo4j", password or "") if (self.user or password) else None
        self._schema_ready = False
        try:
            self._driver = neo4j.GraphDatabase.driver(
                self.uri,
                auth=auth,
                max_transaction_retry_time=5.0,
                connection_timeout=10.0,
                notifications_min_severity="OFF",  # our statements are fixed and reviewed
            )
        except (ValueError, neo4j.exceptions.ConfigurationError) as exc:
            raise ConnectionError(
                f"invalid Neo4j URI {self.uri!r} ({exc}); use e.g. bolt://127.0.0.1:7687"
            ) from exc
        try:
            with self._errors("connecting"):
                self._driver.verify_connectivity()
                with self._session(read=True) as session:
                    session.run("RETURN 1").consume()
        except BaseException:
            self._driver.close()
            raise

    # -- plumbing ----------------------------------------------------------
    @contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        try:
            yield
        except Exception as exc:  # driver errors only; ours pass through
            if isinstance(exc, StoreError):
                raise
            error = connection_error(exc, self.uri, self.user, self.database, action)
            if error is None:
                raise
            raise error from exc

    def _session(self, read: bool = False) -> Any:
        import neo4j

        mode = neo4j.READ_ACCESS if read else neo4j.WRITE_ACCESS
        return self._driver.session(database=self.database, default_access_mode=mode)

    def _read(self, query: str, **params: Any) -> list[Any]:
        with self._errors("reading"), self._session(read=True) as session:
            return list(session.execute_read(lambda tx: list(tx.run(query, params))))

    def _ensure_schema(self) -> None:
        if self._schema_ready:
            return
        with self._errors("creating constraints"), self._session() as session:
            for statement in schema.SCHEMA:
                session.run(statement).consume()
        self._schema_ready = True

    # -- writing -----------------------------------------------------------
    def write(
        self,
        article: Article | None,
        edges: Iterable[Edge],
        organizations: Iterable[Organization],
    ) -> WriteResult:
        return self.write_many([(article, edges, organizations)])[0]

    def write_many(
        self,
        items: Iterable[Item],
        *,
        batch_size: int = 2000,
        progress: Callable[[int], None] | None = None,
    ) -> list[WriteResult]:
        """Write many (article, edges, organizations) items, batched.

        Items are grouped into chunks of about ``batch_size`` edges; each chunk
        is one transaction, so every article lands whole or not at all.
        ``progress`` is called with the number of items each chunk committed.
        Returns one :class:`WriteResult` per item, in order.
        """
        self._ensure_schema()
        results: list[WriteResult] = []
        for chunk in _chunks(items, batch_size):
            with self._errors("writing"), self._session() as session:
                results.extend(session.execute_write(_write_chunk, chunk))
            if progress is not None:
                progress(len(chunk))
        return results

    def has_article(self, article_id: str) -> bool:
        rows = self._read("MATCH (a:Article {id: $id}) RETURN count(a) AS n", id=article_id)
        return bool(rows[0]["n"])

    def reset(self) -> None:
        with self._errors("deleting everything"), self._session() as session:
            session.run(
                "MATCH (n) WHERE n:Organization OR n:Article OR n:Evidence "
                "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
            ).consume()

    # -- reading -----------------------------------------------------------
    def organizations(self) -> list[Organization]:
        rows = self._read("MATCH (n:Organization) RETURN properties(n) AS p")
        return sorted((schema.organization_from(r["p"]) for r in rows), key=lambda o: o.id)

    def articles(self) -> list[Article]:
        rows = self._read("MATCH (n:Article) RETURN properties(n) AS p")
        return sorted((schema.article_from(r["p"]) for r in rows), key=lambda a: a.id)

    def edges(self) -> list[Edge]:
        return self._edges(self._read("MATCH (e:Evidence) RETURN properties(e) AS p"))

    def edge_headlines(self) -> list[Edge]:
        # the server leaves the quotes and titles out: a map projection nulls them
        dropped = ", ".join(f"{schema.camel(name)}: null" for name in PROVENANCE_FIELDS)
        return self._edges(self._read(f"MATCH (e:Evidence) RETURN e {{.*, {dropped}}} AS p"))

    def evidence_of(self, keys: Iterable[Key]) -> dict[Key, list[Evidence]]:
        rows = self._read(
            # from each edge's relationship to its evidence by the unique id index
            "UNWIND $keys AS k "
            "MATCH (:Organization {id: k[0]})-[r]->(:Organization {id: k[2]}) "
            "WHERE r.relation = k[1] "
            "UNWIND r.evidenceIds AS id MATCH (e:Evidence {id: id}) "
            "RETURN properties(e) AS p",
            keys=[list(key) for key in sorted(set(keys))],
        )
        out: dict[Key, list[Evidence]] = {}
        for row in rows:
            props = row["p"]
            key = (props["source"], props["relation"], props["target"])
            out.setdefault(key, []).append(schema.evidence_from(props))
        return {key: sorted(evidence, key=lambda e: e.key) for key, evidence in out.items()}

    def _edges(self, rows: list[Any]) -> list[Edge]:
        """Edges from ``Evidence`` property maps (rows with ``p``), ordered as :meth:`edges`."""
        names = {
            r["id"]: r["name"]
            for r in self._read("MATCH (n:Organization) RETURN n.id AS id, n.name AS name")
        }
        grouped: dict[Key, list[Evidence]] = {}
        for row in rows:
            props = row["p"]
            key = (props["source"], props["relation"], props["target"])
            grouped.setdefault(key, []).append(schema.evidence_from(props))
        return [
            Edge(
                source=source,
                relation=relation,  # type: ignore[arg-type]
                target=target,
                source_name=names.get(source, source),
                target_name=names.get(target, target),
                evidence=sorted(grouped[(source, relation, target)], key=lambda e: e.key),
            )
            for source, relation, target in sorted(grouped)
        ]

    def counts(self) -> Counts:
        row = self._read(
            "CALL () { MATCH (n:Organization) RETURN count(n) AS organizations } "
            "CALL () { MATCH (n:Article) RETURN count(n) AS articles } "
            "CALL () { MATCH (n:Evidence) RETURN count(n) AS evidence } "
            "CALL () { MATCH (n:Evidence) WITH DISTINCT n.source AS s, n.relation AS r, "
            "n.target AS t RETURN count(*) AS edges } "
            "RETURN organizations, articles, evidence, edges"
        )[0]
        return Counts(row["organizations"], row["articles"], row["edges"], row["evidence"])

    @property
    def driver(self) -> Any:
        """The underlying ``neo4j.Driver`` (for Cypher of your own)."""
        return self._driver

    def close(self) -> None:
        self._driver.close()


def connection_error(
    exc: BaseException, uri: str, user: str | None, database: str | None, action: str
) -> StoreError | None:
    """The one-line :class:`StoreError` for a driver exception (None: not a driver error)."""
    from neo4j import exceptions as ex

    if isinstance(exc, ex.AuthError):
        return ConnectionError(
            f"Neo4j at {uri} refused the credentials of user {user or 'neo4j'!r}: "
            "set --neo4j-user/--neo4j-password (or NEO4J_USER/NEO4J_PASSWORD)"
        )
    if isinstance(exc, ex.ServiceUnavailable | ex.SessionExpired | ex.IncompleteCommit):
        if action == "connecting":
            return ConnectionError(
                f"cannot reach Neo4j at {uri}: is the server running? {HOW_TO_START}"
            )
        return ConnectionError(
            f"lost the connection to Neo4j at {uri} while {action}; the unfinished "
            "transaction was rolled back: restart the server and run the command again "
            "(what is stored already is skipped)"
        )
    if isinstance(exc, ex.Neo4jError):
        code = exc.code or ""
        if code.endswith("DatabaseNotFound"):
            return ConnectionError(
                f"Neo4j at {uri} has no database {database!r}: create it or leave "
                "--neo4j-database/NEO4J_DATABASE unset to use the default database"
            )
        message = (exc.message or str(exc)).strip().splitlines()[0][:300]
        return StoreError(f"Neo4j at {uri} failed while {action}: {message} ({code})")
    if isinstance(exc, ex.DriverError):
        return ConnectionError(f"Neo4j driver error at {uri} while {action}: {exc}")
    return None


def _chunks(items: Iterable[Item], batch_size: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    size = 0
    for article, edges, organizations in items:
        edges, organizations = list(edges), list(organizations)
        if article is not None:
            schema.check_id("article", article.id)
        for org in organizations:
            schema.check_id("organization", org.id)
        for edge in edges:
            schema.check_id("organization", edge.source)
            schema.check_id("organization", edge.target)
            for ev in edge.evidence:
                schema.check_id("evidence article", ev.article_id)
        chunk.append((article, edges, organizations))
        size += 1 + sum(len(e.evidence) for e in edges)
        if size >= batch_size:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _write_chunk(tx: Any, chunk: Sequence[Item]) -> list[WriteResult]:
    """Write one chunk of items in the transaction ``tx``; see :meth:`Store.write`.

    Reads what is stored for the chunk's organizations, edges and articles,
    works out in Python what each item adds (in order, exactly as item-by-item
    writes would), then writes it with one ``UNWIND`` statement per kind.
    """
    org_ids: set[str] = set()
    keys: set[Key] = set()
    article_ids: set[str] = set()
    for article, edges, organizations in chunk:
        if article is not None:
            article_ids.add(article.id)
        org_ids.update(o.id for o in organizations)
        for edge in edges:
            org_ids.update((edge.source, edge.target))
            keys.add(edge.key)
    stored_orgs: dict[str, bool] = {
        r["id"]: bool(r["proposed"])
        for r in tx.run(
            "UNWIND $ids AS id MATCH (n:Organization {id: id}) RETURN id, n.proposed AS proposed",
            ids=sorted(org_ids),
        )
    }
    stored_articles = {
        r["id"]
        for r in tx.run(
            "UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN id", ids=sorted(article_ids)
        )
    }
    evidence: dict[Key, dict[tuple[str, int, int], Evidence]] = {}
    for r in tx.run(
        # an edge's evidence hangs off its relationship (evidenceIds): no extra index to keep
        "UNWIND $keys AS k "
        "MATCH (:Organization {id: k[0]})-[r]->(:Organization {id: k[2]}) WHERE type(r) = k[1] "
        "UNWIND r.evidenceIds AS id MATCH (e:Evidence {id: id}) "
        "RETURN properties(e) AS p",
        keys=[[s, RELATIONS[r].neo4j_type, t] for s, r, t in sorted(keys)],
    ):
        props = r["p"]
        ev = schema.evidence_from(props)
        key = (props["source"], props["relation"], props["target"])
        evidence.setdefault(key, {})[ev.key] = ev
    stored_keys = set(evidence)  # their relationships exist; the others are created
    known_orgs = set(stored_orgs)

    results: list[WriteResult] = []
    org_rows: dict[str, dict[str, Any]] = {}
    article_rows: list[dict[str, Any]] = []
    evidence_rows: list[dict[str, Any]] = []
    touched: set[Key] = set()
    for article, edges, organizations in chunk:
        result = WriteResult()
        if article is not None and article.id not in stored_articles:
            stored_articles.add(article.id)
            article_rows.append(schema.article_props(article))
            result.article_new = True
        known = {org.id: org for org in organizations}
        for edge in edges:
            for org_id, name in ((edge.source, edge.source_name), (edge.target, edge.target_name)):
                known.setdefault(org_id, Organization(id=org_id, name=name or org_id))
        for org in known.values():
            if org.id not in stored_orgs or (stored_orgs[org.id] and not org.proposed):
                stored_orgs[org.id] = org.proposed
                org_rows[org.id] = schema.organization_props(org)
        for edge in edges:
            current = evidence.setdefault(edge.key, {})
            existed = bool(current)
            added = 0
            for ev in edge.evidence:
                if ev.key not in current:
                    current[ev.key] = ev
                    evidence_rows.append(schema.evidence_props(edge.key, ev))
                    added += 1
            result.evidence_added += added
            if added:
                touched.add(edge.key)
                if existed:
                    result.edges_updated += 1
                else:
                    result.edges_added += 1
        results.append(result)

    new_orgs = [row for org_id, row in org_rows.items() if org_id not in known_orgs]
    if new_orgs:
        tx.run("UNWIND $rows AS row CREATE (n:Organization) SET n = row", rows=new_orgs).consume()
    upgraded = [row for org_id, row in org_rows.items() if org_id in known_orgs]
    if upgraded:
        tx.run(
            "UNWIND $rows AS row MATCH (n:Organization {id: row.id}) SET n = row", rows=upgraded
        ).consume()
    if article_rows:
        tx.run("UNWIND $rows AS row CREATE (a:Article) SET a = row", rows=article_rows).consume()
    if article_rows:  # evidence stored before its article (curated rows)
        tx.run(
            "UNWIND $ids AS id MATCH (a:Article {id: id}) MATCH (e:Evidence {articleId: id}) "
            "MERGE (e)-[:FROM]->(a)",
            ids=[row["id"] for row in article_rows],
        ).consume()
    if evidence_rows:
        tx.run(
            # new in this transaction (read above); the unique constraint guards races
            "UNWIND $rows AS row CREATE (e:Evidence) SET e = row "
            "WITH e CALL (e) { MATCH (a:Article {id: e.articleId}) CREATE (e)-[:FROM]->(a) }",
            rows=evidence_rows,
        ).consume()
    by_statement: dict[str, list[dict[str, Any]]] = {}
    for key in sorted(touched):
        source, relation, target = key
        items = sorted(evidence[key].values(), key=lambda e: e.key)
        ids = [schema.evidence_id(source, relation, target, ev) for ev in items]
        statement = (schema.MERGE_EDGE if key in stored_keys else schema.CREATE_EDGE)[relation]
        by_statement.setdefault(statement, []).append(
            {"source": source, "target": target, "props": schema.edge_props(relation, items, ids)}
        )
    for statement, rows in by_statement.items():
        tx.run(statement, rows=rows).consume()
    return results

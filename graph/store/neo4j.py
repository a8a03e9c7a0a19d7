"""The Neo4j store: the same graph as the embedded store, in a Neo4j server.

The graph model and every statement are in :mod:`graph.store.neo4j_schema`.
Writes are batched ``UNWIND $rows`` statements with parameters only; each
:meth:`Neo4jStore.write` is one transaction, and :meth:`Neo4jStore.write_many`
writes many articles in chunks, one transaction per chunk, each article whole
or not at all. Evidence rows have stable ids (edge, article and span), kept
on their edge's relationship, so a load that stopped half way (even with the
server killed) is completed by running it again, without duplicates.

Connection settings come from the arguments or from ``NEO4J_URI``,
``NEO4J_USER``, ``NEO4J_PASSWORD`` and ``NEO4J_DATABASE``. Importing this
module is cheap: the driver is imported when a store is opened.

Example (needs a server; ``make neo4j`` starts one)::

    with Neo4jStore("bolt://127.0.0.1:7687") as store:
        store.write(article, edges, organizations)
        print(store.counts())
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import logging
import os
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import closing, contextmanager
from typing import TYPE_CHECKING, Any

from graph.errors import ConnectionError, StoreError
from graph.model import Article, Edge, Evidence, Organization
from graph.store import neo4j_schema as schema
from graph.store.base import FLOW_FIELDS, Counts, FlowRow, Store, WriteResult

if TYPE_CHECKING:
    from graph.store.neo4j_write import ChunkWriter, Stream

__all__ = ["Neo4jStore", "connection_error", "DEFAULT_URI"]

DEFAULT_URI = "bolt://127.0.0.1:7687"
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
#: parts a fresh load's chunk is planned in, each written as soon as it is planned
PARTS = 5
HOW_TO_START = "start one with `make neo4j` or `docker compose up -d`"

Item = tuple[Article | None, Iterable[Edge], Iterable[Organization]]
ListItem = tuple[Article | None, list[Edge], list[Organization]]
Key = tuple[str, str, str]


class Neo4jStore(Store):
    """The deal graph in a Neo4j server (5.x), through the official driver."""

    name = "neo4j"
    #: evidence rows per transaction: 50k was the fastest of 10k, 20k and 50k for a
    #: fresh load of 100k edges (and of 5k, 10k, 50k for 20k edges), with the planning
    #: overlapped (README, "Performance"). The launcher's 2 GB heap holds it
    BATCH_SIZE = 50_000
    #: articles a load hands over at once (about five evidence rows each)
    articles_per_write = BATCH_SIZE // 5

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
        batch_size: int = BATCH_SIZE,
        progress: Callable[[int], None] | None = None,
    ) -> list[WriteResult]:
        """Write many (article, edges, organizations) items, batched.

        Items are grouped into chunks of about ``batch_size`` edges; each chunk
        is one transaction, so every article lands whole or not at all.
        ``progress`` is called with the number of items each chunk committed.
        Returns one :class:`WriteResult` per item, in order.
        """
        from graph.store.neo4j_write import ChunkWriter

        self._ensure_schema()
        # into an empty store nothing needs looking up: the writer knows what it wrote
        writer = ChunkWriter(fresh=self._holds_nothing())
        results: list[WriteResult] = []
        if writer.fresh:
            # closed at once if the caller's progress raises: its worker thread ends with it
            with closing(self._streamed(writer, _chunks(items, batch_size))) as streams:
                for stream in streams:
                    results.extend(stream.results)
                    if progress is not None:
                        progress(sum(len(plan.chunk) for plan in stream.plans))
            return results
        for chunk in _chunks(items, batch_size):
            with self._errors("writing"), self._session() as session:
                results.extend(session.execute_write(writer, chunk))
            writer.committed()
            if progress is not None:
                progress(len(chunk))
        return results

    def _streamed(
        self, writer: ChunkWriter, chunks: Iterator[list[ListItem]]
    ) -> Generator[Stream, None, None]:
        """Write a fresh load's chunks, one transaction each, planning while the server writes.

        Planning is Python and writing is the server's work, so on two cores
        they overlap: each chunk is planned in :data:`PARTS` parts, and a
        worker thread writes each part in the chunk's transaction as soon as
        it is planned, while this thread plans the next part. Yields each
        chunk's :class:`~graph.store.neo4j_write.Stream` once it committed.
        The first error stops the load: the transaction being planned is
        rolled back, those handed over before it are yielded when they commit.
        """
        from concurrent.futures import Future, ThreadPoolExecutor

        from graph.store.neo4j_write import Stream

        def commit(stream: Stream) -> None:
            with self._errors("writing"), self._session() as session:
                session.execute_write(stream.run)

        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="dealgraph-neo4j") as pool:
            flight: list[tuple[Future[None], Stream]] = []  # in order; the last may be open
            stream: Stream | None = None
            try:
                for chunk in chunks:
                    while len(flight) > 1 or (flight and flight[0][0].done()):
                        future, landed = flight.pop(0)  # at most one committing, one planned
                        future.result()
                        yield landed
                    stream = Stream()
                    flight.append((pool.submit(commit, stream), stream))
                    step = -(-len(chunk) // PARTS)
                    with _collector_paused():
                        for start in range(0, len(chunk), step):
                            stream.add(writer.plan(chunk[start : start + step]))
                    stream.close()
                    stream = None
            except BaseException as exc:
                if stream is not None:
                    stream.close(abort=True)
                    flight.pop()
                if not isinstance(exc, GeneratorExit):  # a closed generator yields no more
                    for future, landed in flight:  # what was handed over before still counts
                        if future.exception() is None:
                            yield landed
                raise
            for future, landed in flight:
                future.result()
                yield landed

    def _holds_nothing(self) -> bool:
        """True when no node of the deal graph is stored (one label scan stops at the first)."""
        return not self._read("MATCH (n) WHERE n:Organization OR n:Article RETURN 1 AS x LIMIT 1")

    def has_article(self, article_id: str) -> bool:
        rows = self._read("MATCH (a:Article {id: $id}) RETURN count(a) AS n", id=article_id)
        return bool(rows[0]["n"])

    def reset(self) -> None:
        with self._errors("deleting everything"), self._session() as session:
            session.run(  # Evidence: the nodes 0.1.0 wrote
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
        return self._edges(self._read(_EDGES))

    def edge_headlines(self) -> list[Edge]:
        return self._edges(self._read(_EDGES_WITHOUT_QUOTES))

    def flow_rows(self) -> list[FlowRow]:
        # the projection's fields from each relationship's evidence JSON, without the models
        defaults = {name: Evidence.model_fields[name].default for name in FLOW_FIELDS}
        loads, day = json.loads, dt.date.fromisoformat
        out = []
        for r in self._read(_EDGES_WITHOUT_QUOTES):
            for text in r["json"]:
                data = {**defaults, **loads(text)}  # the JSON leaves defaults out
                if data["date"] is not None:
                    data["date"] = day(data["date"])
                out.append(FlowRow(r["s"], r["rel"], r["t"], *(data[n] for n in FLOW_FIELDS)))
        out.sort(key=lambda row: row[:6])
        return out

    def organization_names(self) -> dict[str, str]:
        rows = self._read("MATCH (n:Organization) RETURN n.id AS id, n.name AS name")
        return {r["id"]: r["name"] for r in rows}

    def evidence_of(self, keys: Iterable[Key]) -> dict[Key, list[Evidence]]:
        wanted: dict[str, list[dict[str, str]]] = {}
        for source, relation, target in sorted(set(keys)):
            wanted.setdefault(relation, []).append({"s": source, "t": target})
        out: dict[Key, list[Evidence]] = {}
        for relation, rows in wanted.items():
            # typed, from the two organizations' id seeks
            for r in self._read(schema.EDGE_EVIDENCE[relation], rows=rows):
                out[(r["s"], relation, r["t"])] = sorted(
                    _evidence(r["json"], r["quotes"]), key=lambda e: e.key
                )
        return out

    def _edges(self, rows: list[Any]) -> list[Edge]:
        """Edges from relationship rows (``s, sn, rel, t, tn, json, quotes``), sorted by key."""
        edges = [
            Edge.of_evidence(
                r["s"],
                r["rel"],
                r["t"],
                sorted(_evidence(r["json"], r["quotes"]), key=lambda e: e.key),
                source_name=r["sn"],
                target_name=r["tn"],
            )
            for r in rows
        ]
        return sorted(edges, key=lambda e: e.key)

    def counts(self) -> Counts:
        row = self._read(
            "CALL () { MATCH (n:Organization) RETURN count(n) AS organizations } "
            "CALL () { MATCH (n:Article) RETURN count(n) AS articles } "
            "CALL () { MATCH (:Organization)-[r]->(:Organization) "
            "WHERE r.evidenceIds IS NOT NULL "
            "RETURN count(r) AS edges, coalesce(sum(size(r.evidenceIds)), 0) AS evidence } "
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


#: every edge: its organizations, relation and evidence lists
_EDGES = (
    "MATCH (s:Organization)-[r]->(t:Organization) WHERE r.evidenceJson IS NOT NULL "
    "RETURN s.id AS s, s.name AS sn, r.relation AS rel, t.id AS t, t.name AS tn, "
    "r.evidenceJson AS json, r.evidenceQuotes AS quotes"
)
#: the same without the quotes (the headline never reads them)
_EDGES_WITHOUT_QUOTES = (
    "MATCH (s:Organization)-[r]->(t:Organization) WHERE r.evidenceJson IS NOT NULL "
    "RETURN s.id AS s, s.name AS sn, r.relation AS rel, t.id AS t, t.name AS tn, "
    "r.evidenceJson AS json, null AS quotes"
)


def _evidence(texts: list[str], quotes: list[str] | None) -> list[Evidence]:
    """Evidence from a relationship's lists (``quotes`` None: without provenance)."""
    if quotes is None:
        return [schema.evidence_from(text, None) for text in texts]
    return [schema.evidence_from(t, q) for t, q in zip(texts, quotes, strict=True)]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a chunk is planned (resumed after it).

    Planning allocates a few dicts and lists per row that all stay alive until
    the chunk is written, so each collection it triggers finds nothing to free
    but walks everything alive, the caller's items included: 35-45% of the
    planning's time for 20k edges. Nothing planned forms reference cycles, so
    reference counting frees it all; collection resumes after the chunk.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _chunks(items: Iterable[Item], batch_size: int) -> Iterator[list[ListItem]]:
    chunk: list[ListItem] = []
    size = 0
    check = schema.check_id
    for article, edges, organizations in items:
        edge_list, org_list = list(edges), list(organizations)
        if article is not None:
            check("article", article.id)
        for org in org_list:
            check("organization", org.id)
        for edge in edge_list:
            check("organization", edge.source)
            check("organization", edge.target)
            for ev in edge.evidence:
                check("evidence article", ev.article_id)
            size += len(edge.evidence)
        chunk.append((article, edge_list, org_list))
        size += 1
        if size >= batch_size:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk

"""The embedded store: one SQLite file (stdlib ``sqlite3``, WAL) in a workspace.

Three tables: ``organizations``, ``articles`` and ``evidence``. An edge is the
``(source, relation, target)`` of its evidence rows; evidence is unique per
edge, article and span, so writing the same article twice changes nothing.
Each :meth:`SQLiteStore.write` is one ``BEGIN IMMEDIATE`` transaction, so a
load killed at any point leaves whole articles or none.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.errors import StoreError
from graph.store.base import FLOW_FIELDS, PROVENANCE_FIELDS, Counts, FlowRow, Store, WriteResult

if TYPE_CHECKING:  # loaded where used: the loop report reads without pydantic
    from graph.model import Article, Edge, Evidence, Organization

__all__ = ["SQLiteStore"]

Key = tuple[str, str, str]

SCHEMA = """
CREATE TABLE IF NOT EXISTS organizations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    proposed INTEGER NOT NULL DEFAULT 0,
    data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    title TEXT,
    outlet TEXT,
    source TEXT,
    data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS evidence (
    rowid INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    relation TEXT NOT NULL,
    target TEXT NOT NULL,
    article_id TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    data TEXT NOT NULL,
    UNIQUE (source, relation, target, article_id, start, "end")
);
CREATE INDEX IF NOT EXISTS evidence_edge ON evidence (source, relation, target);
"""

#: the fields of :class:`graph.model.Evidence`, in its order: a stored row with exactly
#: these keys is already what ``model_dump(mode="json")`` gives (rows written by an older
#: model are validated instead)
EVIDENCE_FIELDS: tuple[str, ...] = (
    "kind",
    "article_id",
    "article_title",
    "outlet",
    "url",
    "locator",
    "quote",
    "start",
    "end",
    "extractor",
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
    "note",
    "deal_id",
    "title",
    "closed",
    "superseded_by",
    "amount_min",
    "amount_max",
    "in_totals",
    "sources",
)

_ORDER = 'ORDER BY source, relation, target, article_id, start, "end"'


class SQLiteStore(Store):
    """The embedded default store.

    >>> from graph.model import Evidence, Edge, Organization
    >>> store = SQLiteStore(":memory:")
    >>> ev = Evidence(article_id="a1", quote="A invests in B", start=0, end=14)
    >>> result = store.write(None, [Edge(source="a", relation="invests_in", target="b",
    ...                                   evidence=[ev])],
    ...                      [Organization(id="a", name="A"), Organization(id="b", name="B")])
    >>> result.edges_added, store.write(None, [Edge(source="a", relation="invests_in",
    ...     target="b", evidence=[ev])], []).edges_added
    (1, 0)
    """

    name = "sqlite"

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        folder = Path(self.path).parent
        self.read_only = (
            self.path != ":memory:" and Path(self.path).exists() and not os.access(folder, os.W_OK)
        )
        try:
            if self.read_only:  # still readable on a read-only disk or folder
                uri = f"{Path(self.path).resolve().as_uri()}?mode=ro&immutable=1"
                self._db = sqlite3.connect(uri, uri=True, isolation_level=None)
                return
            self._db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            if self.path != ":memory:":
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(SCHEMA)
        except sqlite3.Error as exc:
            raise StoreError(
                f"{self.path}: cannot open the store ({exc}); check the workspace is a "
                "writable folder, or run `dealgraph reset` to start afresh"
            ) from exc

    # -- writing -----------------------------------------------------------
    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        if self.read_only:
            raise StoreError(
                f"{self.path}: the workspace is read-only; nothing was stored. Make it "
                "writable, or load into another --workspace"
            )
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise self._error("cannot start a write", exc) from exc
        try:
            yield self._db
            self._db.execute("COMMIT")
        except BaseException as exc:
            if self._db.in_transaction:  # SQLite may have rolled back already
                self._db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise self._error("cannot save", exc) from exc
            raise

    def _error(self, what: str, exc: sqlite3.Error) -> StoreError:
        hint = "check free disk space and that the workspace is writable"
        return StoreError(f"{self.path}: {what} ({exc}); {hint}; nothing of it was stored")

    def write(
        self,
        article: Article | None,
        edges: Iterable[Edge],
        organizations: Iterable[Organization],
    ) -> WriteResult:
        from graph.model import Organization

        result = WriteResult()
        edges = list(edges)
        with self._transaction() as db:
            try:
                if article is not None:
                    cur = db.execute(
                        "INSERT OR IGNORE INTO articles (id, title, outlet, source, data) "
                        "VALUES (?, ?, ?, ?, ?)",
                        (
                            article.id,
                            article.title,
                            article.outlet,
                            article.source,
                            article.model_dump_json(),
                        ),
                    )
                    result.article_new = cur.rowcount > 0
                known = {org.id: org for org in organizations}
                for edge in edges:
                    for org_id, name in (
                        (edge.source, edge.source_name),
                        (edge.target, edge.target_name),
                    ):
                        known.setdefault(org_id, Organization(id=org_id, name=name or org_id))
                for org in known.values():
                    self._put_organization(db, org)
                for edge in edges:
                    self._put_edge(db, edge, result)
            except sqlite3.Error as exc:
                raise self._error("cannot write", exc) from exc
        return result

    @staticmethod
    def _put_organization(db: sqlite3.Connection, org: Organization) -> None:
        db.execute(
            "INSERT INTO organizations (id, name, proposed, data) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET name = excluded.name, data = excluded.data, "
            "proposed = excluded.proposed "
            "WHERE organizations.proposed = 1 AND excluded.proposed = 0",
            (org.id, org.name, int(org.proposed), org.model_dump_json()),
        )

    @staticmethod
    def _put_edge(db: sqlite3.Connection, edge: Edge, result: WriteResult) -> None:
        existed = (
            db.execute(
                "SELECT 1 FROM evidence WHERE source = ? AND relation = ? AND target = ? LIMIT 1",
                edge.key,
            ).fetchone()
            is not None
        )
        added = 0
        for ev in edge.evidence:
            cur = db.execute(
                "INSERT OR IGNORE INTO evidence "
                '(source, relation, target, article_id, start, "end", data) '
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (*edge.key, ev.article_id, ev.start, ev.end, ev.model_dump_json()),
            )
            added += cur.rowcount
        result.evidence_added += added
        if added and existed:
            result.edges_updated += 1
        elif added:
            result.edges_added += 1

    def has_article(self, article_id: str) -> bool:
        row = self._db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def reset(self) -> None:
        with self._transaction() as db:
            for table in ("evidence", "articles", "organizations"):
                db.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names

    # -- reading -----------------------------------------------------------
    def organizations(self) -> list[Organization]:
        from graph.model import Organization

        rows = self._db.execute("SELECT data FROM organizations ORDER BY id")
        return [Organization.model_validate_json(data) for (data,) in rows]

    def articles(self) -> list[Article]:
        from graph.model import Article

        rows = self._db.execute("SELECT data FROM articles ORDER BY id")
        return [Article.model_validate_json(data) for (data,) in rows]

    def edges(self) -> list[Edge]:
        return self._edges(
            self._db.execute(
                "SELECT source, relation, target, data FROM evidence "
                'ORDER BY source, relation, target, article_id, start, "end"'
            )
        )

    def edge_headlines(self) -> list[Edge]:
        # SQLite drops the quotes and titles before Python parses a byte of them
        paths = ", ".join(f"'$.{name}'" for name in PROVENANCE_FIELDS)  # fixed names
        return self._edges(
            self._db.execute(
                f"SELECT source, relation, target, json_remove(data, {paths}) "  # noqa: S608
                'FROM evidence ORDER BY source, relation, target, article_id, start, "end"'
            )
        )

    def flow_rows(self) -> list[FlowRow]:
        # the columns of the rule for amount, date and status; SQLite reads them out of the
        # JSON, Python never parses the rest
        fields = ", ".join(f"json_extract(data, '$.{name}')" for name in FLOW_FIELDS[3:])
        rows = self._db.execute(
            f'SELECT source, relation, target, article_id, start, "end", {fields} '  # noqa: S608
            f"FROM evidence {_ORDER}"  # fixed field names
        )
        day = dt.date.fromisoformat
        return [
            FlowRow(
                source,
                relation,
                target,
                article_id,
                start,
                end,
                deal_id,
                None if usd is None else float(usd),
                qualifier,
                None if date is None else day(date),
                status or "announced",
                superseded_by,
                in_totals is None or bool(in_totals),
            )
            for (
                source,
                relation,
                target,
                article_id,
                start,
                end,
                deal_id,
                usd,
                qualifier,
                date,
                status,
                superseded_by,
                in_totals,
            ) in rows
        ]

    def organization_names(self) -> dict[str, str]:
        return dict(self._db.execute("SELECT id, name FROM organizations"))

    def evidence_of(self, keys: Iterable[Key]) -> dict[Key, list[Evidence]]:
        from graph.model import Evidence

        out: dict[Key, list[Evidence]] = {}
        for source, relation, target, data in self._rows_of(keys):
            out.setdefault((source, relation, target), []).append(
                Evidence.model_validate_json(data)
            )
        return out

    def evidence_records(self, keys: Iterable[Key]) -> dict[Key, list[dict[str, Any]]]:
        out: dict[Key, list[dict[str, Any]]] = {}
        loads = json.loads
        for source, relation, target, data in self._rows_of(keys):
            record = loads(data)
            if tuple(record) != EVIDENCE_FIELDS:  # written by another version of the model
                from graph.model import Evidence

                record = Evidence.model_validate_json(data).model_dump(mode="json")
            out.setdefault((source, relation, target), []).append(record)
        return out

    def _rows_of(self, keys: Iterable[Key]) -> list[tuple[str, str, str, str]]:
        """The evidence rows (key and JSON) of the edges of ``keys``, ordered as :meth:`edges`."""
        with self._db:  # one read snapshot; the temporary table lives on this connection only
            self._db.execute(
                "CREATE TEMP TABLE IF NOT EXISTS wanted (source TEXT, relation TEXT, target TEXT)"
            )
            self._db.execute("DELETE FROM wanted")
            self._db.executemany("INSERT INTO wanted VALUES (?, ?, ?)", sorted(set(keys)))
            rows = self._db.execute(
                "SELECT e.source, e.relation, e.target, e.data FROM wanted w "
                "JOIN evidence e ON e.source = w.source AND e.relation = w.relation "
                "AND e.target = w.target "
                'ORDER BY e.source, e.relation, e.target, e.article_id, e.start, e."end"'
            ).fetchall()
            self._db.execute("DELETE FROM wanted")
        return rows

    def _edges(self, rows: Iterable[tuple[str, str, str, str]]) -> list[Edge]:
        """Edges from evidence rows ordered by edge, article and span."""
        from graph.model import Edge, Evidence

        names = dict(self._db.execute("SELECT id, name FROM organizations"))
        edges: list[Edge] = []
        key: tuple[str, str, str] | None = None
        bucket: list[Evidence] = []

        def flush() -> None:
            if key is not None:
                source, relation, target = key
                edges.append(
                    Edge.of_evidence(
                        source,
                        relation,
                        target,
                        bucket,
                        source_name=names.get(source, source),
                        target_name=names.get(target, target),
                    )
                )

        for source, relation, target, data in rows:
            if (source, relation, target) != key:
                flush()
                key, bucket = (source, relation, target), []
            bucket.append(Evidence.model_validate_json(data))
        flush()
        return edges

    def counts(self) -> Counts:
        one = self._db.execute
        return Counts(
            organizations=one("SELECT count(*) FROM organizations").fetchone()[0],
            articles=one("SELECT count(*) FROM articles").fetchone()[0],
            edges=one(
                "SELECT count(*) FROM (SELECT DISTINCT source, relation, target FROM evidence)"
            ).fetchone()[0],
            evidence=one("SELECT count(*) FROM evidence").fetchone()[0],
        )

    def close(self) -> None:
        self._db.close()

"""Run a user's Cypher on the Neo4j store: read-only unless asked, bounded in time and rows.

Read-only mode (the default) refuses a query before it runs when

* the text (comments and string literals removed) holds ``LOAD CSV``,
  ``CALL { ... } IN TRANSACTIONS``, an administration command (users, roles,
  privileges, databases, servers, aliases), ``USE system`` or a ``dbms.*``
  procedure;
* ``EXPLAIN`` of it reports a query type other than ``r`` (read only), or its
  plan loads CSV, commits in batches or calls a ``dbms.*`` procedure;

and then runs it in a READ transaction with a timeout, fetching at most
``limit`` rows. ``write=True`` skips the checks and runs it in an
auto-commit transaction (so ``CALL { ... } IN TRANSACTIONS`` works too).

The user's text is sent as it is; values travel only as parameters.

>>> check_text("MATCH (n) RETURN n // LOAD CSV in a comment is fine")
>>> check_text("LOAD CSV FROM 'file:///x.csv' AS row RETURN row")
Traceback (most recent call last):
...
graph.errors.QueryError: LOAD CSV: refused in read-only mode; add --write if you mean it
>>> parse_param("name=}) DETACH DELETE n //"), parse_param('ids=["a", "b"]')
(('name', '}) DETACH DELETE n //'), ('ids', ['a', 'b']))
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

from graph.errors import QueryError, StoreError

__all__ = ["QueryResult", "run_cypher", "check_text", "parse_param", "plain"]

_COMMENTS_AND_STRINGS = re.compile(
    r"//[^\n]*|/\*.*?\*/|'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`", re.DOTALL
)
_ADMIN_OBJECTS = (
    r"(?:CURRENT\s+)?USERS?|ROLES?|PRIVILEGES?|(?:COMPOSITE\s+|STANDARD\s+|HOME\s+|DEFAULT\s+)?"
    r"DATABASES?|SERVERS?|ALIAS(?:ES)?|(?:ALL\s+)?(?:ROLE\s+)?PRIVILEGES?"
)
_REFUSED = (
    (re.compile(r"\bLOAD\s+CSV\b", re.I), "LOAD CSV"),
    (
        re.compile(r"\bIN\s+(?:\d+\s+)?(?:CONCURRENT\s+)?TRANSACTIONS\b", re.I),
        "CALL { ... } IN TRANSACTIONS",
    ),
    (
        re.compile(
            rf"\b(?:CREATE|DROP|ALTER|RENAME|SHOW|START|STOP|ENABLE|DEALLOCATE|REALLOCATE)\s+(?:OR\s+REPLACE\s+)?(?:{_ADMIN_OBJECTS})\b",
            re.I,
        ),
        "administration commands",
    ),
    (re.compile(r"^\s*(?:GRANT|DENY|REVOKE)\b", re.I | re.M), "administration commands"),
    (re.compile(r"\bTERMINATE\s+TRANSACTIONS?\b", re.I), "administration commands"),
    (re.compile(r"\bUSE\s+system\b", re.I), "the system database"),
    (re.compile(r"\bdbms\s*\.", re.I), "dbms.* procedures"),
)
_PLAN_REFUSED = {
    "LoadCSV": "LOAD CSV",
    "TransactionForeach": "CALL { ... } IN TRANSACTIONS",
    "TransactionApply": "CALL { ... } IN TRANSACTIONS",
}
_QUERY_TYPES = {"w": "writes", "rw": "writes", "s": "changes the schema"}
_EXPLAIN = "EXPLAIN "
_POSITION = re.compile(r"\(line (\d+), column (\d+) \(offset: (\d+)\)\)")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass
class QueryResult:
    """What a query returned: column names, plain rows, and whether rows were cut off."""

    columns: list[str]
    rows: list[list[Any]]
    truncated: bool = False
    counters: dict[str, int] = field(default_factory=dict)


def parse_param(text: str) -> tuple[str, Any]:
    """``name=value``: the value parsed as JSON when it parses, else kept as a string."""
    name, sep, raw = text.partition("=")
    name = name.strip()
    if not sep or not _NAME.match(name):
        raise QueryError(
            f"--param {text!r}: write it as NAME=VALUE with NAME a Cypher parameter name, "
            "e.g. --param company=nvidia"
        )
    try:
        value = json.loads(raw)
    except ValueError:
        value = raw
    return name, value


def check_text(text: str) -> None:
    """Refuse what read-only mode never runs, judged on the text (see the module doc)."""
    code = _COMMENTS_AND_STRINGS.sub(" ", text)
    for pattern, what in _REFUSED:
        if pattern.search(code):
            raise QueryError(_refused(what))


def _refused(what: str) -> str:
    return f"{what}: refused in read-only mode; add --write if you mean it"


def _check_plan(plan: dict[str, Any] | None) -> None:
    stack = [plan] if plan else []
    while stack:
        op = stack.pop()
        kind = str(op.get("operatorType", "")).split("@")[0]
        if kind in _PLAN_REFUSED:
            raise QueryError(_refused(_PLAN_REFUSED[kind]))
        details = str(op.get("args", {}).get("Details", ""))
        if "ProcedureCall" in kind and re.search(r"\bdbms\.", details, re.I):
            raise QueryError(_refused("dbms.* procedures"))
        stack.extend(op.get("children", []))


def run_cypher(
    store: Any,
    text: str,
    params: dict[str, Any] | None = None,
    *,
    write: bool = False,
    timeout: float | None = 30.0,
    limit: int | None = 1000,
) -> QueryResult:
    """Run ``text`` on a :class:`graph.store.neo4j.Neo4jStore`; see the module doc."""
    import neo4j

    from graph.store.neo4j import connection_error

    params = params or {}
    try:
        with store.driver.session(
            database=store.database,
            default_access_mode=neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS,
        ) as session:
            if write:
                result = session.run(neo4j.Query(text, timeout=timeout), params)
                return _collect(result, limit)
            check_text(text)
            probe = re.sub(r"^\s*PROFILE\b", "", text, flags=re.I)
            explain = _EXPLAIN + probe  # the user's own query, asked for its plan only
            try:
                summary = session.run(explain, params).consume()
            except neo4j.exceptions.Neo4jError as exc:
                shift = len(_EXPLAIN) + len(text) - len(probe)
                refused = _query_error(exc, timeout, shift=shift)
                if refused is None:
                    raise
                raise refused from exc

            if summary.query_type != "r":
                does = _QUERY_TYPES.get(summary.query_type or "", "is not read-only")
                raise QueryError(
                    f"the query {does} (query type {summary.query_type!r}); it was not run: "
                    "add --write if you mean it"
                )
            _check_plan(summary.plan)

            @neo4j.unit_of_work(timeout=timeout)
            def work(tx: Any) -> QueryResult:
                return _collect(tx.run(text, params), limit)

            return session.execute_read(work)
    except QueryError:
        raise
    except Exception as exc:
        error: StoreError | None = _query_error(exc, timeout) or connection_error(
            exc, store.uri, store.user, store.database, "running the query"
        )
        if error is None:
            raise
        raise error from exc


def _collect(result: Any, limit: int | None) -> QueryResult:
    columns = list(result.keys())
    rows: list[list[Any]] = []
    truncated = False
    for record in result:
        if limit is not None and len(rows) >= limit:
            truncated = True
            break
        rows.append([plain(value) for value in record.values()])
    summary = result.consume()
    counters = {
        name: value
        for name, value in vars(summary.counters).items()
        if isinstance(value, int)
        and not isinstance(value, bool)
        and value
        and not name.startswith("_")
    }
    return QueryResult(columns, rows, truncated, counters)


def _query_error(exc: BaseException, timeout: float | None, *, shift: int = 0) -> QueryError | None:
    """The one-line :class:`QueryError` for a Neo4j error; ``shift``: characters we prefixed."""
    from neo4j import exceptions as ex

    if not isinstance(exc, ex.Neo4jError) or isinstance(exc, ex.AuthError):
        return None
    code = exc.code or ""
    message = (exc.message or str(exc)).strip().splitlines()[0] if (exc.message or str(exc)) else ""
    where = _POSITION.search(message)
    position = ""
    if where:
        line, column, offset = (int(g) for g in where.groups())
        column -= shift if line == 1 else 0
        position = f" (line {line}, column {column}, offset {offset - shift})"
        message = message[: where.start()].rstrip() + message[where.end() :]
    if ": expected" in message:  # Neo4j lists every token it expected: keep the gist
        message = message.split(": expected")[0]
    message = message.rstrip() + position
    if len(message) > 240:
        message = message[:237] + "..."
    if "TransactionTimedOut" in code or "TransactionTimedOutClientConfiguration" in code:
        return QueryError(
            f"the query ran longer than {timeout:g}s and was stopped; start it at one "
            "organization, bound its paths, or raise --timeout"
        )
    if code.endswith("SyntaxError"):
        return QueryError(f"Cypher syntax error: {message}; fix the query and run it again")
    if code.endswith("ParameterMissing"):
        return QueryError(f"{message}; pass it with --param NAME=VALUE")
    if ".ClientError." in code:
        return QueryError(f"Neo4j refused the query: {message}")
    return None


def plain(value: Any) -> Any:
    """A JSON-friendly copy of a value the driver returned (nodes, paths, dates...)."""
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return {"_labels": sorted(value.labels), **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, Relationship):
        return {"_type": value.type, **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, Path):
        steps = zip(value.nodes, value.relationships, strict=False)  # one more node than rels
        return [plain(part) for pair in steps for part in pair] + [plain(value.end_node)]
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):  # neo4j.time types
        return value.iso_format()
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    return value

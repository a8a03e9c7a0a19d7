"""``dealgraph query``: ask the Neo4j store a question in Cypher, read-only by default."""

from __future__ import annotations

import csv
import json
import re
import sys
from typing import Any

import click

from graph.cli.common import StoreSpec, emit_json, format_option, store_options
from graph.errors import UsageError

__all__ = ["query"]


@click.command(name="query")
@click.argument("cypher")
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A query parameter ($NAME); VALUE is parsed as JSON when it parses, else a string.",
)
@click.option("--write", is_flag=True, help="Allow a query that writes (off: read-only).")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=30.0,
    show_default=True,
    metavar="SECONDS",
    help="Stop the query after this long.",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=1000,
    show_default=True,
    metavar="N",
    help="Fetch at most N rows (and say when more were cut off).",
)
@store_options
@format_option("table", "json", "csv")
def query(
    cypher: str,
    params: tuple[str, ...],
    write: bool,
    timeout: float,
    limit: int,
    store_spec: StoreSpec,
    fmt: str,
) -> None:
    """Run a Cypher query on the Neo4j store and print its rows.

    Read-only unless --write: the query is checked with EXPLAIN first and
    refused if it would write, change the schema, load CSV, commit in batches,
    run administration commands or call dbms.* procedures; it then runs in a
    read transaction. Pass values as parameters, never inside the text.

    \b
    Example:
        export NEO4J_URI=bolt://127.0.0.1:7687
        dealgraph query "MATCH (a)-[r:INVESTS_IN]->(b) RETURN a.name, b.name, r.amountUsd"
        dealgraph query "MATCH (o {id: \\$id})-[r]->(p) RETURN type(r), p.name" -p id=nvidia
        dealgraph query "MATCH (n) RETURN count(n) AS n" --format json
        dealgraph query "MATCH (o {id: \\$id}) SET o.note = \\$note" -p id=amd -p note=ok --write
    """
    from graph.store.neo4j_query import parse_param

    if not store_spec.neo4j_uri:
        raise UsageError(
            "dealgraph query runs Cypher on a Neo4j store: add --neo4j URI (or set NEO4J_URI); "
            "start a local server with `make neo4j`"
        )
    values = dict(parse_param(p) for p in params)
    from graph.report import print_table, stderr_console

    with store_spec.open() as ws:
        result = ws.query(cypher, values, write=write, timeout=timeout, limit=limit)
    if fmt == "json":
        emit_json([dict(zip(result.columns, row, strict=True)) for row in result.rows])
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([_cell(v) for v in row] for row in result.rows)
    else:
        rows = (
            [_human(v, c) for v, c in zip(row, result.columns, strict=True)] for row in result.rows
        )
        print_table(None, result.columns, rows)
    notes = []
    if result.truncated:
        notes.append(f"showing the first {limit} rows; more were cut off (raise --limit)")
    if result.counters:
        notes.append(", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in result.counters.items()))
    for note in notes:
        stderr_console().print(note, markup=False, highlight=False)


def _cell(value: Any) -> Any:
    """A CSV cell: nested values as compact JSON, whole floats as integers, the rest as is."""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e18:
        return int(value)
    return "" if value is None else value


def _human(value: Any, column: str) -> Any:
    """A table cell: amounts in a column named like ``amountUsd`` (or ``美元``) as ``$100B``,
    other numbers with thousands separators (``160,000,000``), maps and lists in Cypher's
    notation with their numbers formatted the same way (a map's keys name its amounts),
    the rest as :func:`_cell`.

    >>> _human(100000000000.0, "r.amountUsd"), _human(1.6e8, "r.quantity"), _human(0.25, "x")
    ('$100B', '160,000,000', '0.25')
    >>> _human(6.3e9, "金額(美元)"), _human([1e11, 6.3e9], "collect(r.amountUsd)")
    ('$6.3B', '[$100B, $6.3B]')
    >>> _human({"amountUsd": 1e11, "quantity": 2428e4, "status": "announced"}, "r")
    '{amountUsd: $100B, quantity: 24,280,000, status: announced}'
    """
    from graph.report import format_usd

    if isinstance(value, dict):
        inner = ", ".join(f"{k}: {_nested(v, str(k))}" for k, v in value.items())
        return "{" + inner + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_nested(v, column) for v in value) + "]"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return _cell(value)
    if _USD_COLUMN.search(column):
        return format_usd(float(value))
    if isinstance(value, int) or value.is_integer():
        return f"{int(value):,}"
    return f"{value:,.6g}"


def _nested(value: Any, column: str) -> str:
    """A value inside a map or list, as :func:`_human` shows it (``null`` for nothing)."""
    return "null" if value is None else str(_human(value, column))


#: a column (or map key) whose numbers are US dollars
_USD_COLUMN = re.compile(r"usd|美元", re.IGNORECASE)

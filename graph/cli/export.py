"""``dealgraph export``: the graph as GraphML, GEXF (Gephi, yEd), CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

import click

from graph.cli.common import StoreSpec, UserError, open_store, require_data, store_options

__all__ = ["export", "to_networkx", "csv_rows"]


def to_networkx(organizations: list[Any], edges: list[Any]) -> Any:
    """A ``MultiDiGraph`` with one graph edge per dealgraph edge, attributes flattened.

    GraphML and GEXF have no null: missing values are left out.
    """
    import networkx as nx

    graph = nx.MultiDiGraph()
    for org in organizations:
        attrs = {
            "label": org.name,
            "kind": org.kind,
            "sector": org.sector,
            "proposed": org.proposed,
        }
        graph.add_node(org.id, **{k: v for k, v in attrs.items() if v is not None})
    for edge in edges:
        first = edge.evidence[0] if edge.evidence else None
        attrs = {
            "relation": edge.relation,
            "label": edge.relation,
            "amount_usd": edge.amount_usd,
            "qualifier": edge.qualifier,
            "quantity": edge.quantity,
            "unit": edge.unit,
            "date": edge.date.isoformat() if edge.date else None,
            "status": edge.status,
            "evidence_count": len(edge.evidence),
            "quote": first.quote if first else None,
            "article": first.article_title if first else None,
            "weight": edge.amount_usd or 1.0,
        }
        graph.add_edge(
            edge.source,
            edge.target,
            key=edge.relation,
            **{k: v for k, v in attrs.items() if v is not None},
        )
    return graph


def csv_rows(edges: list[Any]) -> list[dict[str, Any]]:
    """One row per evidence: the curated columns, then the evidence columns.

    Loading the file gives back the same evidence (so the same deals and
    headlines): each row keeps its evidence's article id, span, quote and
    locator, and its own amount, date and status.
    """
    from loaders.curated import COLUMNS, EVIDENCE_COLUMNS

    rows = []
    for edge in edges:
        for ev in edge.evidence:
            values = ev.model_dump()
            values["sources"] = " | ".join(ev.sources)
            row: dict[str, Any] = {}
            for column in (*COLUMNS, *EVIDENCE_COLUMNS):
                if column in ("source", "target"):
                    value = getattr(edge, f"{column}_name") or getattr(edge, column)
                elif column == "relation":
                    value = edge.relation
                else:
                    value = values[column]
                row[column] = _cell(value)
            rows.append(row)
    return rows


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float | int):
        return _num(value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(value)


@click.command(name="export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["graphml", "gexf", "csv", "json", "neo4j-import"]),
    default="graphml",
    show_default=True,
    help="graphml (yEd, Gephi), gexf (Gephi), csv (spreadsheets; loads back), json, "
    "neo4j-import (a folder of CSVs for `neo4j-admin database import full`).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="File to write (default: standard output); a folder for neo4j-import.",
)
@store_options
def export(fmt: str, output: Path | None, store_spec: StoreSpec) -> None:
    """Write the whole graph for other tools: Gephi, yEd, spreadsheets, scripts.

    The CSV has the columns of a curated deal list (deal_id, title, source,
    relation, target, date, ..., sources, note), one row per quote, then the
    columns that keep each quote's article and span: export -> `dealgraph
    load` gives back the same edges, deals and evidence.

    \b
    Example:
        dealgraph export --format graphml -o deals.graphml
        dealgraph export --format gexf -o deals.gexf
        dealgraph export --format csv -o deals.csv
        dealgraph export --format json | jq '.edges | length'
        dealgraph export --format neo4j-import -o import/

    neo4j-import writes node and relationship CSVs with header files and
    prints the `neo4j-admin database import full` command that builds a Neo4j
    database from them (the fastest way in for millions of edges).
    """
    if fmt == "neo4j-import":
        _export_neo4j_import(output, store_spec)
        return
    if output is not None and output.is_dir():
        raise UserError(
            f"{output} is a folder: give a file name to write, e.g. {output}/deals.{fmt}"
        )
    with open_store(store_spec) as store:
        require_data(store, spec=store_spec)
        organizations, edges = store.organizations(), store.edges()
    if fmt in ("graphml", "gexf"):
        import networkx as nx

        graph = to_networkx(organizations, edges)
        buffer = io.BytesIO()
        (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(graph, buffer)
        data = buffer.getvalue()
    elif fmt == "csv":
        text = io.StringIO()
        from loaders.curated import COLUMNS, EVIDENCE_COLUMNS

        columns = (*COLUMNS, *EVIDENCE_COLUMNS)
        writer = csv.DictWriter(text, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(csv_rows(edges))
        data = text.getvalue().encode("utf-8")
    else:
        from graph.cli.browse import edge_record

        document = {
            "organizations": [o.model_dump(mode="json") for o in organizations],
            "edges": [edge_record(e) for e in edges],
        }
        data = (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        output.write_bytes(data)
        click.echo(
            f"wrote {len(edges)} edges between {len(organizations)} organizations to {output}",
            err=True,
        )


def _export_neo4j_import(output: Path | None, store_spec: StoreSpec) -> None:
    """Write the import files into the folder ``output`` and print the command."""
    import shlex

    from graph.store.neo4j_import import import_command, write_import_files

    if output is None:
        raise UserError("--format neo4j-import writes several files: give a folder with -o DIR")
    if output.exists() and not output.is_dir():
        raise UserError(f"{output} is a file: give a folder for the import files with -o DIR")
    with open_store(store_spec) as store:
        require_data(store, spec=store_spec)
        organizations, articles, edges = store.organizations(), store.articles(), store.edges()
    write_import_files(output, organizations, articles, edges)
    click.echo(
        f"wrote {len(edges)} edges between {len(organizations)} organizations, "
        f"{len(articles)} articles, to {output}/; import them with the server stopped:",
        err=True,
    )
    click.echo(shlex.join(import_command(output)))

"""``dealgraph export``: the graph as GraphML, GEXF, CSV, JSON, or Neo4j import files."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import click

from graph.cli.common import StoreSpec, store_options
from graph.errors import UsageError
from graph.export import FORMATS

__all__ = ["export"]


@click.command(name="export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice([*FORMATS, "neo4j-import"]),
    default="graphml",
    show_default=True,
    help=", ".join(f"{name} ({what})" for name, what in FORMATS.items())
    + ", neo4j-import (a folder of CSVs for `neo4j-admin database import full`).",
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
        if output is None:
            raise UsageError(
                "--format neo4j-import writes several files: give a folder with -o DIR"
            )
        with store_spec.open() as ws:
            command = ws.export_neo4j_import(output)
            counts = ws.counts()
        click.echo(
            f"wrote {counts.edges} edges between {counts.organizations} organizations, "
            f"{counts.articles} articles, to {output}/; import them with the server stopped:",
            err=True,
        )
        click.echo(shlex.join(command))
        return
    if output is not None and output.is_dir():
        raise UsageError(
            f"{output} is a folder: give a file name to write, e.g. {output}/deals.{fmt}"
        )
    with store_spec.open() as ws:
        data = ws.export(fmt)
        counts = ws.counts()
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        output.write_bytes(data)
        click.echo(
            f"wrote {counts.edges} edges between {counts.organizations} organizations to {output}",
            err=True,
        )

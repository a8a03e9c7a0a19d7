"""``dealgraph edges`` and ``dealgraph orgs``: look at what the store holds."""

from __future__ import annotations

from typing import Any

import click

from graph.analysis import DEFAULT_MAX_LENGTH
from graph.cli.common import StoreSpec, emit_json, format_option, scope_option, store_options
from graph.orgtable import SORT_KEYS
from graph.relations import RELATIONS

__all__ = ["edges", "orgs"]


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _deals(edge: Any, every: bool) -> str:
    """The deals cell: their number, and each deal when there are several (or with --evidence)."""
    from graph.report import format_deal

    if len(edge.deals) <= 1 and not every:
        return str(len(edge.deals))
    return "\n".join(format_deal(d) for d in edge.deals)


@click.command(name="edges")
@click.option(
    "--relation",
    "relations",
    multiple=True,
    type=click.Choice(sorted(RELATIONS)),
    help="Only this relation (repeatable).",
)
@click.option("--org", "org", metavar="ORG", help="Only edges from or to this organization.")
@click.option("--min-usd", type=float, metavar="X", help="Only edges of at least X US dollars.")
@click.option("--evidence", "show_evidence", is_flag=True, help="Show every quote, not the first.")
@store_options
@format_option("table", "json", "jsonl")
def edges(
    relations: tuple[str, ...],
    org: str | None,
    min_usd: float | None,
    show_evidence: bool,
    store_spec: StoreSpec,
    fmt: str,
) -> None:
    """List the typed edges with their amounts, their deals and the quotes that state them.

    An edge's amount is the sum of its current deals (neither superseded nor
    denied, and in totals); its date the earliest of theirs. The deals column
    lists each deal when an edge has several. The JSON records follow
    graph/schema/edge.schema.json, as every command's edges do.

    \b
    Example:
        dealgraph edges
        dealgraph edges --org Nvidia --relation invests_in
        dealgraph edges --min-usd 1e9 --format json | jq '.[].target_name'
    """
    from graph.records import edge_record
    from graph.report import format_quantity, format_usd, print_table

    with store_spec.open() as ws:
        ws.require_data()
        selected = ws.edges(relations=relations, org=org, min_usd=min_usd)
    if fmt == "jsonl":
        emit_json((edge_record(e) for e in selected), lines=True)
        return
    if fmt == "json":
        emit_json([edge_record(e) for e in selected])
        return
    rows = []
    for e in selected:
        if show_evidence:
            evidence = "\n".join(
                f"“{ev.quote}”\n  " + " · ".join(filter(None, (ev.outlet, ev.article_title)))
                for ev in e.evidence
            )
        else:
            first = e.evidence[0].quote if e.evidence else ""
            evidence = f"“{_shorten(first, 22)}”" if first else ""
            if len(e.evidence) > 1:
                evidence += f" +{len(e.evidence) - 1}"
        rows.append(
            (
                e.source_name,
                e.relation,
                e.target_name,
                format_usd(e.amount_usd, e.qualifier),
                format_quantity(e.quantity, e.unit),
                e.date or "",
                e.status,
                _deals(e, show_evidence),
                evidence,
            )
        )
    columns = ["source", "relation", "target", "amount", "quantity", "date", "status", "deals"]
    print_table(f"{len(selected)} edges", [*columns, "evidence"], rows)


@click.command(name="orgs")
@click.option(
    "--sort",
    "sort_by",
    type=click.Choice(sorted(SORT_KEYS)),
    default="loops",
    show_default=True,
    help="Order of the rows.",
)
@click.option(
    "--max-length", default=DEFAULT_MAX_LENGTH, show_default=True, help="Longest loop counted."
)
@scope_option
@store_options
@format_option("table", "json")
def orgs(sort_by: str, max_length: int, scope: str, store_spec: StoreSpec, fmt: str) -> None:
    """List the organizations with their edges, money in and out, and loops.

    --scope (default web) lists the AI-sector organizations and those with an
    edge to one or on a loop; --scope all lists every stored organization.

    \b
    Example:
        dealgraph orgs
        dealgraph orgs --sort in --format json
        dealgraph orgs --sort circularity
        dealgraph orgs --scope all
    """
    from graph.report import format_usd, print_circularity, print_table

    with store_spec.open() as ws:
        rows = ws.organization_table(sort=sort_by, max_length=max_length, scope=scope)
    if fmt == "json":
        emit_json(rows)
        return
    if sort_by == "circularity":
        print_circularity(rows)
        return
    print_table(
        f"{len(rows)} organizations",
        ["name", "kind", "edges out", "edges in", "money out", "money in", "loops"],
        [
            (
                r["name"] + (" (proposed)" if r["proposed"] else ""),
                r["kind"],
                r["edges_out"],
                r["edges_in"],
                format_usd(r["usd_out"] or None),
                format_usd(r["usd_in"] or None),
                r["loops"],
            )
            for r in rows
        ],
        justify=dict.fromkeys(("edges out", "edges in", "money out", "money in", "loops"), "right"),
    )

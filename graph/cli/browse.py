"""``dealgraph edges`` and ``dealgraph orgs``: look at what the store holds."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import click

from graph.cli.common import (
    StoreSpec,
    emit_json,
    format_deal,
    format_option,
    format_quantity,
    format_usd,
    open_store,
    print_table,
    require_data,
    resolve_org,
    scope_option,
    store_options,
)
from graph.relations import RELATIONS

__all__ = ["edges", "orgs", "edge_record"]


def edge_record(edge: Any) -> dict[str, Any]:
    """The JSON shape of one edge (the same as ``dealgraph extract``)."""
    return {
        "source": edge.source,
        "source_name": edge.source_name,
        "relation": edge.relation,
        "target": edge.target,
        "target_name": edge.target_name,
        "amount_usd": edge.amount_usd,
        "amount_text": edge.amount_text,
        "qualifier": edge.qualifier,
        "currency": edge.currency,
        "amount": edge.amount,
        "quantity": edge.quantity,
        "unit": edge.unit,
        "date": edge.date.isoformat() if edge.date else None,
        "status": edge.status,
        "confidence": edge.confidence,
        "deals": [deal.model_dump(mode="json") for deal in edge.deals],
        "evidence": [ev.model_dump(mode="json") for ev in edge.evidence],
    }


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _quantity(edge: Any) -> str:
    return format_quantity(edge.quantity, edge.unit)


def _deals(edge: Any, every: bool) -> str:
    """The deals cell: their number, and each deal when there are several (or with --evidence)."""
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
    lists each deal when an edge has several.

    \b
    Example:
        dealgraph edges
        dealgraph edges --org Nvidia --relation invests_in
        dealgraph edges --min-usd 1e9 --format json | jq '.[].target_name'
    """
    with open_store(store_spec) as store:
        require_data(store, spec=store_spec)
        org_id = resolve_org(org, store.organizations()).id if org else None
        selected = [
            e
            for e in store.edges()
            if (not relations or e.relation in relations)
            and (org_id is None or org_id in (e.source, e.target))
            and (min_usd is None or (e.amount_usd or 0) >= min_usd)
        ]
    if fmt == "json":
        emit_json([edge_record(e) for e in selected])
        return
    if fmt == "jsonl":
        emit_json((edge_record(e) for e in selected), lines=True)
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
                _quantity(e),
                e.date or "",
                e.status,
                _deals(e, show_evidence),
                evidence,
            )
        )
    print_table(
        f"{len(selected)} edges",
        [
            "source",
            "relation",
            "target",
            "amount",
            "quantity",
            "date",
            "status",
            "deals",
            "evidence",
        ],
        rows,
    )


def _org_rows(store: Any, max_length: int) -> list[dict[str, Any]]:
    from graph.analysis.cycles import find_cycles
    from graph.analysis.projection import flow_edges

    all_edges = store.edges()
    stats: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"edges_out": 0, "edges_in": 0, "usd_out": 0.0, "usd_in": 0.0, "loops": 0}
    )
    for e in all_edges:
        stats[e.source]["edges_out"] += 1
        stats[e.target]["edges_in"] += 1
    for e in flow_edges(all_edges):
        stats[e.source]["usd_out"] += e.amount_usd or 0.0
        stats[e.target]["usd_in"] += e.amount_usd or 0.0
    for cycle in find_cycles(all_edges, max_length=max_length):
        for node in cycle.nodes:
            stats[node]["loops"] += 1
    rows = []
    for org in store.organizations():
        s = stats[org.id]
        rows.append(
            {
                "id": org.id,
                "name": org.name,
                "kind": org.kind,
                "sector": org.sector,
                "proposed": org.proposed,
                **s,
            }
        )
    return rows


SORT_KEYS = {
    "name": lambda r: r["name"].casefold(),
    "in": lambda r: -r["usd_in"],
    "out": lambda r: -r["usd_out"],
    "loops": lambda r: (-r["loops"], r["name"].casefold()),
    "edges": lambda r: -(r["edges_in"] + r["edges_out"]),
    "circularity": lambda r: (r["circularity"] is None, -(r["circularity"] or 0), r["name"]),
}


@click.command(name="orgs")
@click.option(
    "--sort",
    "sort_by",
    type=click.Choice(sorted(SORT_KEYS)),
    default="loops",
    show_default=True,
    help="Order of the rows.",
)
@click.option("--max-length", default=6, show_default=True, help="Longest loop counted.")
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
    from graph.scope import organizations_in_scope

    with open_store(store_spec) as store:
        require_data(store, spec=store_spec)
        rows = _org_rows(store, max_length)
        wanted = organizations_in_scope(store.edges(), store.organizations(), scope)
        rows = [r for r in rows if r["id"] in wanted]
        if sort_by == "circularity":  # the share of money in that comes back round
            from graph.cli.stress import add_circularity, print_circularity

            add_circularity(rows, store.edges(), max_length=max_length)
        rows = sorted(rows, key=SORT_KEYS[sort_by])
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
        justify={
            "edges out": "right",
            "edges in": "right",
            "money out": "right",
            "money in": "right",
            "loops": "right",
        },
    )

"""``dealgraph cycles``: the ranked circular-financing report."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from graph.cli.common import (
    StoreSpec,
    UserError,
    emit_json,
    format_deal,
    format_option,
    format_quantity,
    format_usd,
    open_store,
    require_data,
    resolve_org,
    scope_option,
    stderr_console,
    stdout_console,
    store_options,
    stream_json_array,
)
from graph.relations import RELATIONS

__all__ = ["cycles", "print_report", "search_progress"]


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date; write it as YYYY-MM-DD") from None


def date_option(name: str, help_text: str) -> Any:
    return click.option(name, callback=_date, metavar="YYYY-MM-DD", help=help_text)


def print_report(found: list[Any], *, header: str) -> None:
    """Print loops for people: each hop with amount, status and the quotes behind it."""
    from rich.markup import escape

    console = stdout_console()
    console.print(f"[bold]{escape(header)}[/bold]")
    for n, cycle in enumerate(found, 1):
        path = " → ".join(cycle.names + cycle.names[:1])
        money = []
        if cycle.bottleneck_usd is not None:
            money.append(f"bottleneck {format_usd(cycle.bottleneck_usd)}")
            money.append(f"total {format_usd(cycle.total_usd)}")
        money.append(f"{cycle.length} hops")
        console.print()
        console.print(f"[bold cyan]{n}. {escape(path)}[/bold cyan]  [dim]{' · '.join(money)}[/dim]")
        for hop in cycle.hops:
            for edge in hop.edges:
                facts = [
                    format_usd(edge.amount_usd, edge.qualifier),
                    format_quantity(edge.quantity, edge.unit),
                    edge.date.isoformat() if edge.date else "",
                    edge.status,
                ]
                line = (
                    f"   {escape(edge.source_name or edge.source)} "
                    f"[yellow]─{edge.relation}→[/yellow] "
                    f"{escape(edge.target_name or edge.target)}  "
                    f"[green]{escape('  '.join(f for f in facts if f))}[/green]"
                )
                console.print(line)
                if len(edge.deals) > 1:  # the deals behind the hop's amount
                    for deal in edge.deals:
                        console.print(f"      [magenta]deal[/magenta] {escape(format_deal(deal))}")
                for ev in edge.evidence:
                    where = " · ".join(
                        x for x in (ev.outlet, ev.article_title or ev.locator or ev.article_id) if x
                    )
                    console.print(
                        f"      “{escape(ev.quote)}”\n         [dim]{escape(where)}[/dim]",
                        highlight=False,
                    )


@contextmanager
def search_progress(*, enabled: bool = True) -> Iterator[Callable[[int, int], None] | None]:
    """A progress callback drawing a bar on stderr, when stderr is a terminal."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress

    with Progress(console=stderr_console(), transient=True) as bar:
        task = bar.add_task("searching for loops", total=None)

        def advance(done: int, total: int) -> None:
            if done == total or done % 256 == 0:
                bar.update(task, completed=done, total=total)

        yield advance


@click.command(name="cycles")
@click.option("--max-length", default=6, show_default=True, help="Longest loop, in hops.")
@click.option("--through", metavar="ORG", help="Only loops through this organization.")
@click.option(
    "--relation",
    "relations",
    multiple=True,
    type=click.Choice(sorted(r for r, rel in RELATIONS.items() if rel.money_flows)),
    help="Only edges of this relation (repeatable).",
)
@click.option("--min-usd", type=float, metavar="X", help="Only loops whose bottleneck is >= X.")
@date_option("--since", "Ignore edges dated before this day.")
@date_option("--until", "Ignore edges dated after this day.")
@date_option("--as-of", "The graph as it stood that day: only edges dated by then.")
@click.option("--limit", type=click.IntRange(min=1), metavar="N", help="Only the top N loops.")
@click.option(
    "--timeline",
    is_flag=True,
    help="Order the loops by the day they closed (their last hop's date), with the articles "
    "that date it.",
)
@click.option(
    "--engine",
    type=click.Choice(["networkx", "cypher"]),
    default="networkx",
    show_default=True,
    help="Find the loops in Python, or in Cypher on the Neo4j server (needs --neo4j).",
)
@scope_option
@store_options
@format_option("table", "json")
def cycles(
    max_length: int,
    through: str | None,
    relations: tuple[str, ...],
    min_usd: float | None,
    since: dt.date | None,
    until: dt.date | None,
    as_of: dt.date | None,
    limit: int | None,
    timeline: bool,
    engine: str,
    scope: str,
    store_spec: StoreSpec,
    fmt: str,
) -> None:
    """Find the circular-financing loops and rank them by the money that goes round.

    A loop is a simple directed cycle of money flows (investments, stakes,
    warrants, compute, chip, power and capacity purchases, loans,
    acquisitions) of at most --max-length hops. Loops are ranked by their
    bottleneck, the smallest known amount on them, then by their total.
    Every hop shows its amount, status, its deals and the quotes that state
    them. With --since/--until (undated edges kept) or --as-of (undated edges
    dropped) a line says how many edges were undated; the JSON is then
    {"loops": [...], "time": {...}}.

    \b
    Example:
        dealgraph cycles
        dealgraph cycles --through Oracle --max-length 4
        dealgraph cycles --relation invests_in --relation buys_chips_from
        dealgraph cycles --min-usd 1e9 --format json | jq '.[0].nodes'
        dealgraph cycles --timeline --as-of 2025-10-31
        dealgraph cycles --scope ai
    """
    from graph.analysis.cycles import attach_evidence, find_cycles
    from graph.analysis.flows import attach_records, read_flow_edges
    from graph.analysis.projection import flow_edges
    from graph.analysis.window import check_window, window_report

    check_window(since, until)
    if max_length < 2:
        raise UserError("--max-length must be at least 2")
    if engine == "cypher" and not store_spec.neo4j_uri:
        raise UserError("--engine cypher needs a Neo4j store: add --neo4j URI (or set NEO4J_URI)")
    with open_store(store_spec) as store:
        require_data(store, spec=store_spec)
        through_id = resolve_org(through, store.organizations()).id if through else None
        enumerator = None
        if engine == "cypher":
            from graph.analysis.cypher_cycles import find_cycles_cypher

            loops = find_cycles_cypher(
                store, max_length=max_length, through=through_id, relations=relations or None
            )
            enumerator = lambda graph, k: loops  # noqa: E731
        edges = read_flow_edges(store)  # amounts, dates, statuses: the quotes come below
        organizations = store.organizations() if scope == "ai" else []
        window = window_report(
            flow_edges(edges, relations=relations or None), since=since, until=until, as_of=as_of
        )
        with search_progress(enabled=enumerator is None) as progress:
            found = find_cycles(
                edges,
                max_length=max_length,
                through=through_id,
                relations=relations or None,
                min_usd=min_usd,
                since=since,
                until=until,
                as_of=as_of,
                limit=None if scope == "ai" else limit,
                enumerator=enumerator,
                progress=progress,
            )
        if scope == "ai":
            from graph.scope import loops_in_scope

            found = loops_in_scope(found, organizations, scope)[:limit]
        if fmt == "json" and not timeline:  # for the loops shown only
            attach_records(found, store.evidence_records)
        else:
            attach_evidence(found, store.evidence_of)
    if timeline:
        from graph.cli.stress import show_timeline

        show_timeline(found, fmt, window)
        return
    if fmt == "json":
        if window is None:
            texts: dict[Any, str] = {}  # an edge on many loops is encoded once
            stream_json_array((c.to_json(texts) for c in found), encoded=True)
        else:
            shapes: dict[Any, dict[str, Any]] = {}  # an edge on many loops is turned once
            records = [c.to_dict(shapes) for c in found]
            emit_json({"loops": records, "time": window.to_dict()})
        return
    noun = "loop" if len(found) == 1 else "loops"
    header = f"{len(found)} {noun} of at most {max_length} hops in {store_spec.label}"
    if through:
        header += f" through {through}"
    print_report(found, header=header)
    if window is not None:
        stdout_console().print(f"\n[dim]{window.line()}[/dim]", highlight=False)

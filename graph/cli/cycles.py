"""``dealgraph cycles``: the ranked circular-financing report."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click

from graph.cli.common import (
    StoreSpec,
    emit_json,
    format_option,
    loop_filter_options,
    scope_option,
    store_options,
    stream_json_array,
)

if TYPE_CHECKING:
    from graph.api import LoopFilters

__all__ = ["cycles", "search_progress"]


@contextmanager
def search_progress(*, enabled: bool = True) -> Iterator[Callable[[int, int], None] | None]:
    """A progress callback drawing a bar on stderr, when stderr is a terminal."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress

    from graph.report import stderr_console

    with Progress(console=stderr_console(), transient=True) as bar:
        task = bar.add_task("searching for loops", total=None)

        def advance(done: int, total: int) -> None:
            if done == total or done % 256 == 0:
                bar.update(task, completed=done, total=total)

        yield advance


@click.command(name="cycles")
@loop_filter_options()
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
    filters: LoopFilters,
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
    from graph.report import print_loops, print_timeline, print_window

    filters.check()
    with store_spec.open() as ws, search_progress(enabled=engine == "networkx") as progress:
        shapes_only = fmt == "json" and not timeline  # JSON shapes straight from the store
        report = ws.loops(
            filters, scope=scope, engine=engine, progress=progress, records=shapes_only
        )
    window = report.window
    if timeline:
        events = report.timeline()
        if fmt == "json":
            loops = [event.to_dict() for event in events]
            emit_json(loops if window is None else {"loops": loops, "time": window.to_dict()})
        else:
            print_timeline(events)
            print_window(window)
        return
    if fmt == "json":
        if window is None:
            texts: dict[Any, str] = {}  # an edge on many loops is encoded once
            stream_json_array((c.to_json(texts) for c in report.loops), encoded=True)
        else:
            shapes: dict[Any, dict[str, Any]] = {}  # an edge on many loops is turned once
            records = [c.to_dict(shapes) for c in report.loops]
            emit_json({"loops": records, "time": window.to_dict()})
        return
    noun = "loop" if len(report) == 1 else "loops"
    header = f"{len(report)} {noun} of at most {filters.max_length} hops in {store_spec.label}"
    if filters.through:
        header += f" through {filters.through}"
    print_loops(report.loops, header=header)
    if window is not None:
        print()
        print_window(window)

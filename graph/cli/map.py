"""``dealgraph map``: an interactive HTML map of the deal graph and its loops."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from graph.cli.common import (
    StoreSpec,
    emit_json,
    format_option,
    loop_filter_options,
    scope_option,
    store_options,
)
from graph.errors import UsageError
from graph.languages import LANGUAGES
from graph.mapping import DEFAULT_LOOPS, DEFAULT_SIZE

if TYPE_CHECKING:
    from graph.api import LoopFilters

__all__ = ["map_cmd"]

DEFAULT_OUTPUT = "dealgraph-map.html"


@click.command(name="map")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_OUTPUT,
    show_default=True,
    help="The HTML file to write.",
)
@click.option("--focus", metavar="ORG", help="Open centred on this organization (name, alias, id).")
@click.option("--cycles-only", is_flag=True, help="Draw only the organizations and edges on loops.")
@loop_filter_options(
    every_relation=True,
    limit=DEFAULT_LOOPS,
    min_usd_help="Drop edges of known amount below X, and loops whose bottleneck is below X.",
    since_verb="Drop",
)
@click.option(
    "--large/--no-large",
    default=None,
    help="Force large-graph mode (layout computed here, no physics) on or off; "
    "default: on past 300 organizations or 1,500 edges.",
)
@click.option(
    "--stress",
    metavar="ORG",
    help="Colour organizations by what they would lose if ORG failed (DebtRank).",
)
@scope_option
@click.option("--title", help="Title of the page and its pictures.")
@click.option(
    "--subtitle", help="Line under the title (default: what the map shows: hops, dates, scope)."
)
@click.option(
    "--labels",
    type=click.Choice(LANGUAGES),
    default="en",
    show_default=True,
    help="Label organizations in English, Traditional or Simplified Chinese "
    "(the page has a toggle too).",
)
@click.option(
    "--loop",
    "story",
    type=click.IntRange(min=1),
    metavar="N",
    help="Open on the story of loop N (its rank in the list): its hops left to right.",
)
@click.option(
    "--png",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also save a PNG picture (2x) with title, legend and sources, drawn by the page "
    "in headless Chromium (needs Playwright); with --loop, the story view.",
)
@click.option(
    "--svg",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also save an SVG drawing of the map (needs Playwright, like --png).",
)
@click.option(
    "--size",
    default=f"{DEFAULT_SIZE[0]}x{DEFAULT_SIZE[1]}",
    show_default=True,
    metavar="WxH",
    help="Window the pictures are drawn in, in CSS pixels (the PNG is twice as large).",
)
@store_options
@format_option("table", "json")
def map_cmd(
    output: Path,
    focus: str | None,
    cycles_only: bool,
    filters: LoopFilters,
    large: bool | None,
    stress: str | None,
    title: str | None,
    scope: str,
    subtitle: str | None,
    labels: str,
    story: int | None,
    png: Path | None,
    svg: Path | None,
    size: str,
    store_spec: StoreSpec,
    fmt: str,
) -> None:
    """Draw the deal graph as one interactive HTML file that works offline.

    Organizations are sized by the money flowing through them and coloured
    by sector; edges are coloured by relation and as wide as their amount.
    --scope (default web) leaves out passing mentions: edges that neither
    touch an AI-sector organization nor lie on a loop.
    The page lists the loops ranked as `dealgraph cycles` ranks them:
    choose one to light it up. Filter by relation, amount and date, search
    for an organization, and click an edge for the quotes behind it.

    \b
    Example:
        dealgraph map -o loops.html
        dealgraph map --focus OpenAI --cycles-only
        dealgraph map --through Oracle --max-length 4 -o oracle.html
        dealgraph map --as-of 2025-09-30 --relation invests_in --relation buys_chips_from
        dealgraph map --stress CoreWeave -o stress.html
        dealgraph map --scope all -o everything.html
        dealgraph map --labels zh-Hant --title "AI 資金循環" --png loops.png --svg loops.svg
        dealgraph map --loop 1 --png loop1.png
        dealgraph map --format json | jq .loops

    The page keeps its filters in the URL hash (a link opens the same view),
    has a time slider by month (an edge appears with its first dated evidence
    that was not denied; undated edges are kept unless unticked) and saves
    PNG and SVG pictures.
    """
    viewport = _size(size)
    filters.check()
    with store_spec.open() as ws:
        drawn = ws.map(
            output,
            filters=filters,
            focus=focus,
            cycles_only=cycles_only,
            large=large,
            stress=stress,
            scope=scope,
            title=title,
            subtitle=subtitle,
            labels=labels,
            story=story,
            png=png,
            svg=svg,
            size=viewport,
        )
    if fmt == "json":
        emit_json(drawn.to_dict())
        return
    mode = " (large-graph mode)" if drawn.large else ""
    click.echo(
        f"Wrote {drawn.path}: {drawn.organizations} organizations, {drawn.edges} edges, "
        f"{drawn.loops} loops{mode}"
    )
    if drawn.window is not None:
        click.echo(drawn.window.line())
    for kind, picture in drawn.pictures.items():
        dims = f"{picture['width']}x{picture['height']}"
        click.echo(f"Wrote {picture['path']}: {kind.upper()}, {dims}")


def _size(text: str) -> tuple[int, int]:
    """``1600x1000`` -> (1600, 1000), or a usage error naming the fix."""
    width, sep, height = text.lower().partition("x")
    if sep and width.isdigit() and height.isdigit():
        w, h = int(width), int(height)
        if 200 <= w <= 8000 and 200 <= h <= 8000:
            return w, h
    raise UsageError(f"--size {text}: write WIDTHxHEIGHT in pixels, each 200-8000, e.g. 1600x1000")

"""``dealgraph map``: an interactive HTML map of the deal graph and its loops."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from graph.cli.common import (
    StoreSpec,
    UserError,
    emit_json,
    format_option,
    handle_errors,
    open_store,
    require_data,
    resolve_org,
    scope_option,
    store_options,
)
from graph.cli.cycles import date_option
from graph.languages import LANGUAGES
from graph.relations import RELATIONS

if TYPE_CHECKING:
    from graph.model import Edge

__all__ = ["map_cmd", "select_edges"]

DEFAULT_OUTPUT = "dealgraph-map.html"
DEFAULT_LIMIT = 500


def select_edges(
    edges: Iterable[Edge],
    *,
    relations: Iterable[str] | None = None,
    min_usd: float | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    as_of: dt.date | None = None,
) -> list[Edge]:
    """The edges a map draws, with the filters of ``dealgraph cycles``.

    Unlike the money-flow projection, edges that carry no money (partnerships,
    share sales, denied deals) stay: the map shows them dashed. ``min_usd``
    drops edges whose known amount is smaller (edges without one stay);
    ``since``/``until`` keep undated edges, ``as_of`` drops them.
    """
    wanted = set(relations) if relations else None
    out = []
    for edge in edges:
        if wanted is not None and edge.relation not in wanted:
            continue
        if min_usd is not None and edge.amount_usd is not None and edge.amount_usd < min_usd:
            continue
        if edge.date is not None and (
            (since is not None and edge.date < since) or (until is not None and edge.date > until)
        ):
            continue
        if as_of is not None and (edge.date is None or edge.date > as_of):
            continue
        out.append(edge)
    return out


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
@click.option("--max-length", default=6, show_default=True, help="Longest loop, in hops.")
@click.option("--through", metavar="ORG", help="List only loops through this organization.")
@click.option(
    "--relation",
    "relations",
    multiple=True,
    type=click.Choice(sorted(RELATIONS)),
    help="Only edges of this relation (repeatable).",
)
@click.option(
    "--min-usd",
    type=float,
    metavar="X",
    help="Drop edges of known amount below X, and loops whose bottleneck is below X.",
)
@date_option("--since", "Drop edges dated before this day.")
@date_option("--until", "Drop edges dated after this day.")
@date_option("--as-of", "The graph as it stood that day: only edges dated by then.")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=DEFAULT_LIMIT,
    show_default=True,
    metavar="N",
    help="List the top N loops.",
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
    default="1600x1000",
    show_default=True,
    metavar="WxH",
    help="Window the pictures are drawn in, in CSS pixels (the PNG is twice as large).",
)
@store_options
@format_option("table", "json")
@handle_errors
def map_cmd(
    output: Path,
    focus: str | None,
    cycles_only: bool,
    max_length: int,
    through: str | None,
    relations: tuple[str, ...],
    min_usd: float | None,
    since: dt.date | None,
    until: dt.date | None,
    as_of: dt.date | None,
    limit: int,
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
    from graph.analysis.cycles import find_cycles
    from graph.analysis.window import check_window, window_report
    from graph.render.html import is_large, render_map, write_map
    from graph.render.payload import cycle_edges, edge_id
    from graph.scope import edges_in_scope, loops_in_scope

    check_window(since, until)
    if max_length < 2:
        raise UserError("--max-length must be at least 2")
    viewport = _size(size)
    with open_store(store_spec) as store:
        require_data(store, spec=store_spec)
        organizations = store.organizations()
        all_edges = store.edges()
    window = window_report(
        select_edges(all_edges, relations=relations, min_usd=min_usd),
        since=since,
        until=until,
        as_of=as_of,
    )
    through_id = resolve_org(through, organizations).id if through else None
    selected = select_edges(
        all_edges, relations=relations, min_usd=min_usd, since=since, until=until, as_of=as_of
    )
    if scope in ("web", "loops"):  # which edges lie on a loop, before the scope cuts any
        on_loops = {e.key for e in cycle_edges(find_cycles(selected, max_length=max_length))}
        selected = edges_in_scope(selected, organizations, scope, on_loops=on_loops)
    else:
        selected = edges_in_scope(selected, organizations, scope)
    loops = find_cycles(
        selected, max_length=max_length, through=through_id, min_usd=min_usd, limit=None
    )
    loops = loops_in_scope(loops, organizations, scope)[:limit]
    drawn = cycle_edges(loops) if cycles_only else selected
    ids = {edge_id(e): e for e in [*drawn, *cycle_edges(loops)]}
    nodes = {n for e in ids.values() for n in (e.source, e.target)}

    focus_id = None
    if focus:
        focus_id = resolve_org(focus, organizations).id
        if focus_id not in nodes:
            raise UserError(
                f"--focus {focus}: no drawn edge touches it on this map; "
                "drop --cycles-only or loosen the filters"
            )
    losses = _stress(all_edges, stress, organizations, as_of) if stress else None
    if large is None:
        large = is_large(len(nodes), len(ids))
    if story is not None and story > len(loops):
        raise UserError(
            f"--loop {story}: this map lists {len(loops)} loop{'s' if len(loops) != 1 else ''}; "
            "see them with `dealgraph cycles`"
        )
    html = render_map(
        drawn,
        loops,
        title=title or "dealgraph: who pays whom",
        subtitle=subtitle
        if subtitle is not None
        else _subtitle(len(loops), max_length, through, as_of, stress),
        labels=labels,
        story=story,
        focus=focus_id,
        stress=losses,
        large=large,
        organizations=organizations,
    )
    try:
        path = write_map(output, html)
    except OSError as exc:
        raise UserError(
            f"{output}: cannot write the map ({exc.strerror}); choose another -o"
        ) from exc
    pictures = {}
    if png is not None or svg is not None:
        from graph.render.browser import draw_pictures

        pictures = draw_pictures(path, png=png, svg=svg, width=viewport[0], height=viewport[1])
    summary = {
        "path": str(path.resolve()),
        "organizations": len(nodes),
        "edges": len(ids),
        "loops": len(loops),
        "large": large,
        "focus": focus_id,
        "scope": scope,
        "stress": stress,
        "bytes": path.stat().st_size,
        "time": window.to_dict() if window else None,
        "labels": labels,
        "loop": story,
        "pictures": pictures,
    }
    if fmt == "json":
        emit_json(summary)
        return
    mode = " (large-graph mode)" if large else ""
    click.echo(
        f"Wrote {path}: {len(nodes)} organizations, {len(ids)} edges, {len(loops)} loops{mode}"
    )
    if window is not None:
        click.echo(window.line())
    for kind, picture in pictures.items():
        dims = f"{picture['width']}x{picture['height']}"
        click.echo(f"Wrote {picture['path']}: {kind.upper()}, {dims}")


def _stress(
    edges: list[Edge], org: str, organizations: list[Any], as_of: dt.date | None
) -> dict[str, float]:
    try:
        from graph.analysis.debtrank import stress_test
    except ImportError:
        raise UserError("--stress needs the DebtRank module, which this install lacks") from None
    org_id = resolve_org(org, organizations).id
    return dict(stress_test(edges, org_id, as_of=as_of).losses)


def _subtitle(
    loops: int, max_length: int, through: str | None, as_of: dt.date | None, stress: str | None
) -> str:
    """What the map shows, in words (never where the data lives)."""
    parts = [f"{loops} loop{'s' if loops != 1 else ''} of at most {max_length} hops"]
    if through:
        parts.append(f"through {through}")
    if as_of:
        parts.append(f"as of {as_of.isoformat()}")
    if stress:
        parts.append(f"losses if {stress} fails")
    return " · ".join(parts)


def _size(text: str) -> tuple[int, int]:
    """``1600x1000`` -> (1600, 1000), or a usage error naming the fix."""
    width, sep, height = text.lower().partition("x")
    if sep and width.isdigit() and height.isdigit():
        w, h = int(width), int(height)
        if 200 <= w <= 8000 and 200 <= h <= 8000:
            return w, h
    raise UserError(f"--size {text}: write WIDTHxHEIGHT in pixels, each 200-8000, e.g. 1600x1000")

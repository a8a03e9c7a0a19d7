"""Draw the deal graph as a map: which edges and loops it shows, then the HTML and pictures.

:func:`draw_map` is what ``dealgraph map`` and :meth:`graph.api.Workspace.map`
run; :mod:`graph.render` turns the selection into the page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.errors import UsageError

if TYPE_CHECKING:
    from graph.analysis.window import WindowReport
    from graph.api import LoopFilters, Workspace
    from graph.model import Edge

__all__ = ["DrawnMap", "select_edges", "draw_map", "DEFAULT_LOOPS", "DEFAULT_SIZE"]

#: loops a map lists unless told otherwise
DEFAULT_LOOPS = 500

#: the window pictures are drawn in, in CSS pixels (the PNG is twice as large)
DEFAULT_SIZE = (1600, 1000)


@dataclass
class DrawnMap:
    """What :func:`draw_map` wrote: the page, what it holds, and any pictures."""

    path: Path
    organizations: int
    edges: int
    loops: int
    large: bool
    focus: str | None
    scope: str
    stress: str | None
    bytes: int
    window: WindowReport | None
    labels: str
    loop: int | None
    pictures: dict[str, dict[str, Any]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``dealgraph map --format json``."""
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["path"] = str(self.path.resolve())
        del data["window"]
        data["time"] = self.window.to_dict() if self.window else None
        return data


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


def draw_map(
    ws: Workspace,
    output: Path,
    *,
    filters: LoopFilters | None = None,
    focus: str | None = None,
    cycles_only: bool = False,
    large: bool | None = None,
    stress: str | None = None,
    scope: str = "web",
    title: str | None = None,
    subtitle: str | None = None,
    labels: str = "en",
    story: int | None = None,
    png: Path | None = None,
    svg: Path | None = None,
    size: tuple[int, int] = DEFAULT_SIZE,
) -> DrawnMap:
    """Write the map of ``ws`` to ``output``; returns what it drew.

    ``filters`` (default: loops of at most 6 hops, the best :data:`DEFAULT_LOOPS`)
    choose the edges and loops; their ``min_usd`` also drops edges of smaller
    known amount. ``focus`` opens centred on an organization, ``cycles_only``
    draws only loops, ``stress`` colours by what each would lose if that
    organization failed, ``story`` opens on loop N; ``png``/``svg`` also
    save pictures drawn in headless Chromium in a window of ``size``.
    """
    from graph.analysis.cycles import find_cycles
    from graph.analysis.window import window_report
    from graph.api import LoopFilters
    from graph.render.html import is_large, render_map, write_map
    from graph.render.payload import cycle_edges, edge_id
    from graph.scope import edges_in_scope, loops_in_scope

    filters = filters or LoopFilters(limit=DEFAULT_LOOPS)
    filters.check()
    ws.require_data()
    organizations = ws.organizations()
    all_edges = ws.all_edges()
    relations, min_usd = filters.relations, filters.min_usd
    since, until, as_of = filters.since, filters.until, filters.as_of
    max_length, through = filters.max_length, filters.through
    window = window_report(
        select_edges(all_edges, relations=relations, min_usd=min_usd),
        since=since,
        until=until,
        as_of=as_of,
    )
    through_id = ws.organization(through).id if through else None
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
    loops = loops_in_scope(loops, organizations, scope)[: filters.limit]
    drawn = cycle_edges(loops) if cycles_only else selected
    ids = {edge_id(e): e for e in [*drawn, *cycle_edges(loops)]}
    nodes = {n for e in ids.values() for n in (e.source, e.target)}

    focus_id = None
    if focus:
        focus_id = ws.organization(focus).id
        if focus_id not in nodes:
            raise UsageError(
                f"--focus {focus}: no drawn edge touches it on this map; "
                "drop --cycles-only or loosen the filters"
            )
    losses = None
    if stress:
        losses = dict(ws.stress(stress, as_of=as_of).result.losses)
    if large is None:
        large = is_large(len(nodes), len(ids))
    if story is not None and story > len(loops):
        raise UsageError(
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
        raise UsageError(
            f"{output}: cannot write the map ({exc.strerror}); choose another -o"
        ) from exc
    pictures = {}
    if png is not None or svg is not None:
        from graph.render.browser import draw_pictures

        pictures = draw_pictures(path, png=png, svg=svg, width=size[0], height=size[1])
    return DrawnMap(
        path=path,
        organizations=len(nodes),
        edges=len(ids),
        loops=len(loops),
        large=large,
        focus=focus_id,
        scope=scope,
        stress=stress,
        bytes=path.stat().st_size,
        window=window,
        labels=labels,
        loop=story,
        pictures=pictures,
    )


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

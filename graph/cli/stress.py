"""``dealgraph exposure`` and ``dealgraph stress``: who is hurt if one party fails.

Also the pieces other commands show from the same analysis:
:func:`show_timeline` (``dealgraph cycles --timeline``) and
:func:`add_circularity` (``dealgraph orgs --sort circularity``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from graph.cli.common import (
    StoreSpec,
    emit_json,
    format_option,
    format_usd,
    open_store,
    print_table,
    require_data,
    resolve_org,
    stdout_console,
    store_options,
)
from graph.cli.cycles import date_option

__all__ = [
    "exposure",
    "stress",
    "show_timeline",
    "add_circularity",
    "print_circularity",
    "print_stress",
]

DEFAULT_MAX_ROUNDS = 100


def _esc(text: object) -> str:
    from rich.markup import escape

    return escape("" if text is None else str(text))


def _where(ev: Any) -> str:
    where = ev.article_title or ev.locator or ev.article_id
    return f"{where} ({ev.outlet})" if ev.outlet else where


@click.command(name="exposure")
@click.argument("org", metavar="ORG")
@date_option("--as-of", "The graph as it stood that day: only edges dated by then.")
@store_options
@format_option("table", "json")
def exposure(org: str, as_of: dt.date | None, store_spec: StoreSpec, fmt: str) -> None:
    """What ORG stands to lose if each counterparty fails: its backlog and claims.

    Backlog: contracts a counterparty owes ORG (it buys compute, chips, power
    or backstops capacity from ORG). Equity: ORG's investments and stakes in
    it, or warrants it granted ORG. Loans: what ORG lent it. Largest known
    amount first; each row shows the quote that states it.

    \b
    Example:
        dealgraph exposure Oracle
        dealgraph exposure CoreWeave --as-of 2025-10-01
        dealgraph exposure Nvidia --format json | jq '.exposures[].amount_usd'
    """
    from graph.analysis.exposure import exposure as find_exposure
    from graph.analysis.exposure import total_known

    with open_store(store_spec) as store:
        require_data(store, spec=store_spec)
        target = resolve_org(org, store.organizations())
        edges = store.edges()
        rows = find_exposure(edges, target.id, as_of=as_of)
    window = _window(edges, as_of)
    known = total_known(rows)
    if fmt == "json":
        emit_json(
            {
                "organization": target.name,
                "id": target.id,
                "as_of": as_of.isoformat() if as_of else None,
                "total_known_usd": known,
                "exposures": [x.to_dict() for x in rows],
                "time": window.to_dict() if window else None,
            }
        )
        return
    claims = "1 claim" if len(rows) == 1 else f"{len(rows)} claims"
    title = f"{target.name}: {claims} on counterparties, {format_usd(known) or '$0'} known"
    if as_of:
        title += f" (as of {as_of.isoformat()})"
    table_rows = []
    for x in rows:
        first = x.evidence[0] if x.evidence else None
        quote = f"“{first.quote}” — {_where(first)}" if first is not None else ""
        if len(x.evidence) > 1:
            quote += f" +{len(x.evidence) - 1} more"
        table_rows.append(
            [
                _esc(x.counterparty_name),
                x.kind,
                x.relation,
                format_usd(x.amount_usd, x.qualifier) or "unknown",
                x.status,
                x.date.isoformat() if x.date else "",
                _esc(quote),
            ]
        )
    print_table(
        _esc(title),
        ["counterparty", "kind", "relation", "amount", "status", "date", "evidence"],
        table_rows,
        justify={"amount": "right"},
    )
    if window is not None:
        stdout_console().print(window.line(), highlight=False)


def _window(edges: list[Any], as_of: dt.date | None) -> Any:
    """What ``--as-of`` did with the undated money-flow edges (None without it)."""
    from graph.analysis.projection import flow_edges
    from graph.analysis.window import window_report

    return window_report(flow_edges(edges), as_of=as_of)


@click.command(name="stress")
@click.argument("org", metavar="ORG")
@click.option(
    "--haircut",
    type=click.FloatRange(0.0, 1.0, min_open=True),
    default=1.0,
    show_default=True,
    help="Share of ORG's value lost at the start (1.0: it defaults outright).",
)
@date_option("--as-of", "The graph as it stood that day: only edges dated by then.")
@click.option(
    "--max-rounds",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_ROUNDS,
    show_default=True,
    help="Stop propagating after N rounds.",
)
@click.option("--limit", type=click.IntRange(min=1), metavar="N", help="Only the N most hurt.")
@store_options
@format_option("table", "json")
def stress(
    org: str,
    haircut: float,
    as_of: dt.date | None,
    max_rounds: int,
    limit: int | None,
    store_spec: StoreSpec,
    fmt: str,
) -> None:
    """If ORG fails, who loses how much? DebtRank through the money-flow graph.

    ORG's default hurts those it owes (its suppliers' backlog) and those who
    hold its equity or lent to it; their distress spreads on in rounds, each
    party passing it on once (Battiston et al. 2012, "DebtRank: Too Central to
    Fail?"). Each row gives the relative loss (share of the party's capacity),
    the loss in US dollars, the round it was first hit and the exposures that
    hit it. The footnotes state how missing amounts and capacities were set.

    \b
    Example:
        dealgraph stress OpenAI
        dealgraph stress OpenAI --haircut 0.3 --as-of 2025-10-31
        dealgraph stress CoreWeave --format json | jq '.organizations[1]'
    """
    from graph.analysis.debtrank import stress_test

    with open_store(store_spec) as store:
        require_data(store, spec=store_spec)
        target = resolve_org(org, store.organizations())
        edges = store.edges()
        result = stress_test(edges, target.id, haircut=haircut, as_of=as_of, max_rounds=max_rounds)
    result.names[target.id] = target.name
    window = _window(edges, as_of)
    if fmt == "json":
        data = result.to_dict()
        if limit is not None:
            data["organizations"] = data["organizations"][: limit + 1]
        data["time"] = window.to_dict() if window else None
        emit_json(data)
        return
    print_stress(result, limit=limit)
    if window is not None:
        stdout_console().print(window.line(), highlight=False)


def print_stress(result: Any, *, limit: int | None = None) -> None:
    """Print a stress result for people: a ranked table, then the footnotes."""
    names = result.names
    shocked = result.shocked
    hurt = result.ranking()[:limit] if limit else result.ranking()
    rows = [
        [
            "",
            _esc(f"{names.get(shocked, shocked)} (shocked)"),
            f"{result.losses.get(shocked, 0.0):.0%}",
            format_usd(result.loss_usd(shocked)),
            "0",
            format_usd(result.capacity.get(shocked, 0.0)),
            "",
        ]
    ]
    for n, org_id in enumerate(hurt, 1):
        channels = [
            f"{names.get(hit.source, hit.source)} "
            + " + ".join(
                f"{'≈' if c.imputed else ''}{format_usd(c.amount_usd)} {'/'.join(c.relations)}"
                + (f" ({len(c.deals)} deals)" if len(c.deals) > 1 else "")
                for c in hit.claims
            )
            + f" ×{hit.impact:.2f}"
            for hit in result.hits.get(org_id, [])
        ]
        rows.append(
            [
                str(n),
                _esc(names.get(org_id, org_id)),
                f"{result.losses[org_id]:.1%}",
                format_usd(result.loss_usd(org_id)),
                str(result.rounds.get(org_id, "")),
                format_usd(result.capacity.get(org_id, 0.0)),
                _esc("\n".join(channels)),
            ]
        )
    count = len(result.ranking())
    title = (
        f"If {names.get(shocked, shocked)} loses {result.haircut:.0%}: "
        f"{count} organization{'' if count == 1 else 's'} hurt, DebtRank R = {result.debtrank:.3f}"
    )
    if result.as_of:
        title += f" (as of {result.as_of.isoformat()})"
    print_table(
        _esc(title),
        ["#", "organization", "loss", "loss USD", "round", "E", "hit through (exposure × impact)"],
        rows,
        justify={"#": "right", "loss": "right", "loss USD": "right", "round": "right"},
    )
    console = stdout_console()
    console.print(
        "loss: share of capacity E lost; loss USD = loss × E; ≈ an imputed amount; "
        "R: the share of the graph's value lost beyond the initial shock.",
        highlight=False,
    )
    for note in result.notes:
        console.print(f"note: {_esc(note)}", highlight=False)


def show_timeline(found: list[Any], fmt: str, window: Any = None) -> None:
    """``dealgraph cycles --timeline``: when each loop closed, from which articles.

    ``window`` (a :class:`graph.analysis.window.WindowReport`) adds the line,
    or the JSON field ``time``, on undated edges.
    """
    from graph.analysis.timeline import timeline

    events = timeline(found)
    if fmt == "json":
        loops = [event.to_dict() for event in events]
        emit_json(loops if window is None else {"loops": loops, "time": window.to_dict()})
        return
    rows = []
    for event in events:
        names = event.cycle.names
        if event.closed_on is not None:
            when = event.closed_on.isoformat()
        elif event.not_before is not None:
            when = f"not before {event.not_before.isoformat()}"
        else:
            when = "undated"
        bound = event.not_before
        closing = event.closing_hops or [h for h in event.hops if bound and h.date == bound]
        dated_by = {
            _where(ev) + (" (year inferred)" if ev.date_inferred else ""): None
            for hop in closing
            for ev in hop.dating
        }
        undated = [f"{h.source_name} → {h.target_name}" for h in event.undated_hops]
        rows.append(
            [
                when,
                _esc(" → ".join(names + names[:1])),
                _esc(
                    "\n".join(
                        f"{h.source_name} → {h.target_name} ({'/'.join(h.relations)})"
                        for h in closing
                    )
                ),
                _esc("\n".join(dated_by)),
                _esc("\n".join(undated)),
            ]
        )
    dated = sum(1 for e in events if e.closed_on is not None)
    print_table(
        f"{len(events)} loops by the day they closed ({dated} fully dated)",
        ["closed on", "loop", "last hop", "dated by", "undated hops"],
        rows,
    )
    if window is not None:
        stdout_console().print(window.line(), highlight=False)


def add_circularity(
    rows: list[dict[str, Any]], edges: list[Any], *, max_length: int
) -> list[dict[str, Any]]:
    """Add ``circularity``, ``circular_usd`` and ``circular_loops`` to ``dealgraph orgs`` rows.

    ``circular_loops`` lists the loops behind the share, best ranked first,
    as organization names.
    """
    from graph.analysis.exposure import circularity

    found = circularity(edges, max_length=max_length)
    for row in rows:
        c = found.get(row["id"])
        row["circularity"] = c.share if c else None
        row["circular_usd"] = c.circular_usd if c else 0.0
        row["circular_loops"] = [" → ".join(x.names + x.names[:1]) for x in c.loops] if c else []
    return rows


def print_circularity(rows: list[dict[str, Any]], *, loops_shown: int = 3) -> None:
    """The ``dealgraph orgs --sort circularity`` table: share, money and loops behind it."""
    table_rows = []
    for r in rows:
        loops = r["circular_loops"]
        shown = loops[:loops_shown] + (
            [f"+{len(loops) - loops_shown} more"] if len(loops) > loops_shown else []
        )
        table_rows.append(
            [
                _esc(r["name"] + (" (proposed)" if r["proposed"] else "")),
                format_usd(r["usd_in"] or None),
                "" if r["circularity"] is None else f"{r['circularity']:.0%}",
                format_usd(r["circular_usd"] or None),
                _esc("\n".join(shown)),
            ]
        )
    print_table(
        f"{len(rows)} organizations by circularity: the share of known money in that comes back",
        ["name", "money in", "circularity", "comes back", "loops behind it"],
        table_rows,
        justify={"money in": "right", "circularity": "right", "comes back": "right"},
    )
    stdout_console().print(
        "circularity: known inflow on hops that close a loop through the organization, "
        "divided by all its known inflow; hops without an amount count in neither.",
        highlight=False,
    )

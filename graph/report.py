"""How dealgraph shows its results to people: amounts, tables, loop reports.

Every command prints through these functions, and so can a notebook or a
script: they take the typed results of :mod:`graph.api` and print rich text
on standard output. Nothing here reads a store or computes a result.

>>> format_usd(6.3e9), format_usd(1e11, "up_to"), format_quantity(1.6e8, "shares")
('$6.3B', 'up to $100B', '160M shares')
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from graph.analysis.cycles import Cycle
    from graph.analysis.timeline import LoopClosing
    from graph.analysis.window import WindowReport
    from graph.api import ExposureReport

__all__ = [
    "format_usd",
    "format_quantity",
    "format_deal",
    "print_table",
    "stdout_console",
    "stderr_console",
    "print_loops",
    "print_timeline",
    "print_exposure",
    "print_stress",
    "print_circularity",
    "print_window",
]


def _esc(text: object) -> str:
    from rich.markup import escape

    return escape("" if text is None else str(text))


def _where(ev: Any) -> str:
    """Where a quote comes from: the article's title (or the curated row) and its outlet."""
    where = ev.article_title or ev.locator or ev.article_id
    return f"{where} ({ev.outlet})" if ev.outlet else where


def stdout_console() -> Any:
    from rich.console import Console

    return Console(soft_wrap=False)


def stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


def print_table(
    title: str | None,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    justify: dict[str, str] | None = None,
) -> None:
    """Print a rich table for people."""
    from rich.table import Table

    rows = [["" if v is None else str(v) for v in row] for row in rows]
    table = Table(title=title, title_justify="left", show_lines=False)
    for n, name in enumerate(columns):
        widest = max((len(r[n]) for r in rows), default=0)
        table.add_column(
            name,
            justify=(justify or {}).get(name, "left"),  # type: ignore[arg-type]
            overflow="fold",
            no_wrap=widest <= 18,  # short values (names, relations, amounts) keep one line
        )
    for row in rows:
        table.add_row(*row)
    stdout_console().print(table)


def format_usd(value: float | None, qualifier: str | None = None) -> str:
    """``$6.3B``, ``up to $100B``, ``~$300B``; empty when unknown.

    >>> format_usd(6.3e9, "exact"), format_usd(1e11, "up_to"), format_usd(3e11, "about")
    ('$6.3B', 'up to $100B', '~$300B')
    """
    from graph.numbers import compact

    if value is None:
        return ""
    text = "$" + compact(value)
    prefix = {"up_to": "up to ", "about": "~", "over": "over ", "range": "range "}.get(
        qualifier or "", ""
    )
    return prefix + text


def format_deal(deal: Any) -> str:
    """One line for a deal: name, amount, dates, status and what it counts for.

    >>> from graph.model import Deal
    >>> format_deal(Deal(id="loi", title="Letter of intent", amount_usd=1e11, qualifier="up_to",
    ...                  date="2025-09-22", status="superseded", superseded_by="round"))
    'Letter of intent: up to $100B · 2025-09-22 · superseded by round'
    >>> format_deal(Deal(id="sg", amount_usd=5e11, closed="2025-03-01", in_totals=False))
    'sg: $500B · undated · closed 2025-03-01 · announced · not in totals'
    """
    facts = [format_usd(deal.amount_usd, deal.qualifier)]
    if deal.amount_min is not None and deal.amount_max is not None:
        facts.append(f"{format_usd(deal.amount_min)}-{format_usd(deal.amount_max)}")
    facts.append(format_quantity(deal.quantity, deal.unit))
    facts.append(deal.date.isoformat() if deal.date else "undated")
    if deal.closed:
        facts.append(f"closed {deal.closed.isoformat()}")
    if deal.superseded_by:
        facts.append(f"superseded by {deal.superseded_by}")
    else:
        facts.append(deal.status)
    if not deal.in_totals:
        facts.append("not in totals")
    if deal.confidence < 1:
        facts.append(f"confidence {deal.confidence:g}")
    return f"{deal.title or deal.id}: " + " · ".join(f for f in facts if f)


def format_quantity(value: float | None, unit: str | None) -> str:
    """``160M shares``, ``6 GW``, ``24.28M shares``, ``6%``; empty when unknown.

    >>> format_quantity(1.6e8, "shares"), format_quantity(6, "GW"), format_quantity(6, "percent")
    ('160M shares', '6 GW', '6%')
    >>> format_quantity(24_280_000, "shares"), format_quantity(350_734, "shares")
    ('24.28M shares', '350,734 shares')
    """
    if value is None:
        return ""
    if unit == "percent":
        return f"{value:g}%"
    if abs(value) >= 1e9:
        text = f"{value / 1e9:.4g}B"
    elif abs(value) >= 1e6:
        text = f"{value / 1e6:.4g}M"
    elif abs(value) >= 1000:
        text = f"{value:,.0f}"
    else:
        text = f"{value:g}"
    return f"{text} {unit}" if unit else text


def print_loops(found: Sequence[Cycle], *, header: str) -> None:
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


def print_window(window: WindowReport | None) -> None:
    """The line on undated edges that ``--since``/``--until``/``--as-of`` left in or out."""
    if window is not None:
        stdout_console().print(window.line(), highlight=False)


def print_timeline(events: Sequence[LoopClosing]) -> None:
    """``dealgraph cycles --timeline``: when each loop closed, from which articles."""
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


def print_exposure(report: ExposureReport) -> None:
    """``dealgraph exposure``: what an organization stands to lose, claim by claim."""
    rows = report.exposures
    claims = "1 claim" if len(rows) == 1 else f"{len(rows)} claims"
    known = format_usd(report.total_known_usd) or "$0"
    title = f"{report.organization.name}: {claims} on counterparties, {known} known"
    if report.as_of:
        title += f" (as of {report.as_of.isoformat()})"
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
    print_window(report.window)


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

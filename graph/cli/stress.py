"""``dealgraph exposure`` and ``dealgraph stress``: who is hurt if one party fails."""

from __future__ import annotations

import datetime as dt

import click

from graph.analysis import DEFAULT_MAX_ROUNDS
from graph.cli.common import (
    AS_OF_HELP,
    StoreSpec,
    date_option,
    emit_json,
    format_option,
    store_options,
)

__all__ = ["exposure", "stress"]


@click.command(name="exposure")
@click.argument("org", metavar="ORG")
@date_option("--as-of", AS_OF_HELP)
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
    from graph.report import print_exposure

    with store_spec.open() as ws:
        report = ws.exposure(org, as_of=as_of)
    if fmt == "json":
        emit_json(report.to_dict())
    else:
        print_exposure(report)


@click.command(name="stress")
@click.argument("org", metavar="ORG")
@click.option(
    "--haircut",
    type=click.FloatRange(0.0, 1.0, min_open=True),
    default=1.0,
    show_default=True,
    help="Share of ORG's value lost at the start (1.0: it defaults outright).",
)
@date_option("--as-of", AS_OF_HELP)
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
    from graph.report import print_stress, print_window

    with store_spec.open() as ws:
        report = ws.stress(org, haircut=haircut, as_of=as_of, max_rounds=max_rounds)
    if fmt == "json":
        emit_json(report.to_dict(limit=limit))
        return
    print_stress(report.result, limit=limit)
    print_window(report.window)

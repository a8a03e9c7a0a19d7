"""``dealgraph extract`` and ``dealgraph eval``: articles in, edges out; and their score.

Both are pure: they read articles and print, and never touch a store.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from graph.cli.common import emit_json, format_option, paths_argument

__all__ = ["extract", "eval_cmd"]


@contextmanager
def _progress(paths: tuple[str, ...], label: str) -> Iterator[Any]:
    """A byte-based progress bar on stderr, only when stderr is a terminal."""
    if not sys.stderr.isatty() or paths == ("-",):
        yield None
        return
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    from graph.report import stderr_console
    from loaders.read import count_bytes

    total = count_bytes([p for p in paths if p != "-"])
    columns = (TextColumn(label), BarColumn(), DownloadColumn(), TimeRemainingColumn())
    with Progress(*columns, console=stderr_console(), transient=True) as bar:
        task = bar.add_task(label, total=total or None)
        yield lambda n: bar.advance(task, n)


class _Problems(list[str]):
    """Problems of the input, each echoed to stderr as one line when it happens."""

    def __call__(self, line: str) -> None:
        self.append(line)
        click.echo(line, err=True)


@click.command(name="extract")
@paths_argument
@format_option("jsonl", "json", "table")
def extract(paths: tuple[str, ...], fmt: str) -> None:
    """Extract the deals articles state, as typed edges with quotes (stores nothing).

    PATHS are files, folders, globs in quotes or - for standard input, in any
    format `dealgraph load` reads. Each edge is one (source, relation, target)
    with its headline amount, quantity, date and status, and one evidence per
    quote that states it (article, exact quote, offsets, the quote's own
    amount). Input that cannot be read is reported on stderr, one line each;
    the rest is still extracted (exit code 1 when anything was skipped).

    \b
    Example:
        dealgraph extract seeds/
        dealgraph extract news.jsonl --format table
        cat article.txt | dealgraph extract - --format json
    """
    from graph.api import extract as extract_paths
    from graph.records import edge_record

    skipped = _Problems()
    with _progress(paths, "extracting") as progress:
        edges = extract_paths(paths, on_problem=skipped, progress=progress)
    records = [edge_record(e) for e in edges]
    if fmt == "jsonl":
        emit_json(records, lines=True)
    elif fmt == "json":
        emit_json(records)
    else:
        _print_edges(edges)
    if skipped:
        sys.exit(1)


@click.command(name="eval")
@click.option(
    "--gold",
    required=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Gold file (JSON: articles, evidence rows with tier, source, relation, target).",
)
@click.argument("paths", nargs=-1, required=True)
@format_option("table", "json")
def eval_cmd(gold: str, paths: tuple[str, ...], fmt: str) -> None:
    """Score the extractor against a gold file: precision, recall, F1 and amounts.

    Extracts the articles of PATHS whose titles match the gold file's articles,
    and compares edges (source, relation, target) with the gold: recall per
    tier (core, extended, implied), precision (an extracted edge not in the
    gold counts against it; partners_with and implied edges do not count),
    F1, the same per relation, the share of gold amounts found within 1%, and
    every error by class: wrong direction, wrong relation, missed party,
    amount wrong (the edge with the gold amount is named when there is one),
    unknown organization (a party never recognised in its article), spurious
    edge, missed edge. Compare two runs' `errors_by_class` to see what a change
    fixed and what it broke. Exit code 0 when it ran.

    \b
    Example:
        dealgraph eval --gold tests/data/seed_gold.json seeds/
        dealgraph eval --gold gold.json news/ --format json
    """
    from graph.api import evaluate

    with _progress(paths, "evaluating") as progress:
        report = evaluate(gold, paths, on_problem=_Problems(), progress=progress)
    if fmt == "json":
        emit_json(report.as_dict())
        return
    _print_report(report)


def _print_report(report: Any) -> None:
    from graph.report import format_usd, print_table

    def pct(value: float | None) -> str:
        return "" if value is None else f"{value:.1%}"

    rows = [
        (tier, s.gold, s.found, pct(s.recall), pct(s.precision), pct(s.f1))
        for tier, s in report.tiers.items()
    ]
    print_table(
        f"Edges: precision {pct(report.precision)} "
        f"({report.true_positives} of {report.counted} counted edges in the gold); "
        f"amounts {report.amounts_found}/{report.amounts_total} within 1%; "
        f"{report.articles_matched} articles matched",
        ["tier", "gold", "found", "recall", "precision", "F1"],
        rows,
    )
    by_relation = [
        (rel, s.gold, s.found, s.false_positives, pct(s.recall), pct(s.precision), pct(s.f1))
        for rel, s in report.relations.items()
    ]
    columns = ["relation", "gold", "found", "false pos.", "recall", "precision", "F1"]
    print_table("By relation", columns, by_relation)
    counts = report.errors_by_class
    print_table(
        f"Errors by class ({sum(counts.values())})",
        ["class", "count"],
        [(kind.replace("_", " "), n) for kind, n in counts.items()],
    )
    if report.errors:
        print_table(
            "Errors",
            ["class", "article", "gold", "found", "quote"],
            [
                (
                    e["class"].replace("_", " "),
                    e["article"],
                    e["gold"] or "",
                    e["found"] or "",
                    _short(e["quote"] or ""),
                )
                for e in report.errors
            ],
        )
    if report.gold_unknown_names:
        click.echo(
            "gold names outside the gazetteer, scored as proposed names: "
            + "; ".join(report.gold_unknown_names),
            err=True,
        )
    if report.amount_misses:
        print_table(
            "Gold amounts not found",
            ["source", "relation", "target", "gold", "found", "quote"],
            [
                (
                    m["source"],
                    m["relation"],
                    m["target"],
                    format_usd(m["gold_amount_usd"]),
                    ", ".join(format_usd(x) for x in m["found"]),
                    _short(m["quote"]),
                )
                for m in report.amount_misses
            ],
        )
    if report.gold_articles_missing:
        click.echo(
            "gold articles not found among the input (match by title): "
            + "; ".join(report.gold_articles_missing),
            err=True,
        )


def _print_edges(edges: list[Any]) -> None:
    """A rich table of edges: who, what, how much, and the first quote."""
    from rich.table import Table

    from graph.report import format_quantity, format_usd, stdout_console

    table = Table(title=f"{len(edges)} edges", title_justify="left")
    table.add_column("source", overflow="fold")
    table.add_column("relation", no_wrap=True)
    table.add_column("target", overflow="fold")
    table.add_column("amount", justify="right", no_wrap=True)
    table.add_column("quantity", justify="right")
    table.add_column("status")
    table.add_column("quotes", justify="right")
    table.add_column("first quote", overflow="fold")
    for e in edges:
        table.add_row(
            e.source_name or e.source,
            e.relation,
            e.target_name or e.target,
            format_usd(e.amount_usd, e.qualifier),
            format_quantity(e.quantity, e.unit),
            e.status,
            str(len(e.evidence)),
            _short(e.evidence[0].quote, 40),
        )
    stdout_console().print(table)


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"

"""``dealgraph load`` and ``dealgraph reset``: fill and empty a store."""

from __future__ import annotations

import sys

import click

from graph.cli.common import StoreSpec, emit_json, format_option, paths_argument, store_options
from graph.cli.progress import read_progress

__all__ = ["load", "reset"]


@click.command(name="load")
@paths_argument
@click.option(
    "--add-unknown",
    is_flag=True,
    help="Add organizations of curated deal files that the gazetteer does not know.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="Processes extracting in parallel (default: 1 for small inputs, every core past 4 MB).",
)
@store_options
@format_option("table", "json")
def load(
    paths: tuple[str, ...],
    add_unknown: bool,
    jobs: int | None,
    store_spec: StoreSpec,
    fmt: str,
) -> None:
    """Read articles, extract their deals, and store them (idempotent).

    PATHS are files, folders (read recursively), globs in quotes, or - for
    standard input: the seed bundle, .txt/.md, .jsonl (title, body), .html,
    RSS/Atom feeds, and curated deal lists (.csv/.tsv, or .json/.jsonl of edges
    with source, relation, target; in a folder they load beside its articles).
    Each article is stored in one transaction, so an interrupted load can
    simply be run again; articles already stored are skipped. Unreadable
    input is reported one line each and the rest goes on (exit code 1 when
    anything was skipped).

    \b
    Example:
        dealgraph load seeds/
        dealgraph load 'news/**/*.jsonl' --workspace ~/deals
        cat articles.jsonl | dealgraph load -
        dealgraph load deals.csv --add-unknown
    """
    from graph.report import print_table, stderr_console

    console = stderr_console()
    with store_spec.open(create=True) as ws, read_progress(paths, "loading") as progress:
        summary = ws.load(
            paths,
            add_unknown=add_unknown,
            on_problem=lambda line: console.print(
                f"skipped: {line}", markup=False, highlight=False, soft_wrap=True
            ),  # one line per problem, even in a narrow terminal or a pipe
            progress=progress,
            jobs=jobs,
        )
        counts = ws.counts()
    data = summary.as_dict()
    data["store"] = {"location": store_spec.label, **counts.as_dict()}
    if fmt == "json":
        emit_json(data)
    else:
        rows = [
            ("articles read", summary.articles_read),
            ("  new", summary.articles_new),
            ("  already loaded", summary.articles_already_loaded),
            ("curated rows", summary.curated_rows),
            ("skipped", len(summary.skipped)),
            *((f"  {reason}", n) for reason, n in data["skipped_reasons"].items()),
            ("edges added", summary.edges_added),
            ("edges updated", summary.edges_updated),
            ("evidence added", summary.evidence_added),
            (
                "store now holds",
                f"{counts.edges} edges, {counts.organizations} organizations, "
                f"{counts.articles} articles",
            ),
        ]
        print_table(f"Loaded into {store_spec.label}", ["", "count"], rows)
    if summary.skipped:
        sys.exit(1)


@click.command(name="reset")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@store_options
def reset(yes: bool, store_spec: StoreSpec) -> None:
    """Remove every article, organization and edge from the store.

    \b
    Example:
        dealgraph reset --yes
        dealgraph reset --workspace ~/deals
    """
    if not yes and sys.stdin.isatty():
        click.confirm(f"Remove everything from {store_spec.label}?", abort=True)
    with store_spec.open() as ws:
        before = ws.reset()
    click.echo(
        f"reset {store_spec.label}: removed {before.edges} edges, "
        f"{before.organizations} organizations, {before.articles} articles"
    )

"""``dealgraph load`` and ``dealgraph reset``: fill and empty a store."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from graph.cli.common import (
    StoreSpec,
    emit_json,
    format_option,
    open_store,
    paths_argument,
    print_table,
    stderr_console,
    store_options,
)
from graph.cli.progress import ReadProgress, read_progress

__all__ = ["load", "reset", "LoadSummary", "load_paths"]

#: articles handed to the store at once, unless the store says otherwise
#: (``Store.articles_per_write``; SQLite still commits each on its own)
WRITE_BATCH = 64


@dataclass
class LoadSummary:
    """What one ``dealgraph load`` did."""

    articles_read: int = 0
    articles_new: int = 0
    articles_already_loaded: int = 0
    curated_rows: int = 0
    edges_added: int = 0
    edges_updated: int = 0
    evidence_added: int = 0
    skipped: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        reasons = Counter(_reason(line) for line in self.skipped)
        return {
            "articles_read": self.articles_read,
            "articles_new": self.articles_new,
            "articles_already_loaded": self.articles_already_loaded,
            "curated_rows": self.curated_rows,
            "edges_added": self.edges_added,
            "edges_updated": self.edges_updated,
            "evidence_added": self.evidence_added,
            "skipped": len(self.skipped),
            "skipped_reasons": dict(reasons),
            "problems": self.skipped,
        }


def _reason(line: str) -> str:
    return line.rsplit(": ", 1)[-1].split(";")[0].strip()


def _is_curated(path: str) -> bool:
    suffix = Path(path).suffix.lower()
    if suffix in {".csv", ".tsv"}:
        return True
    if suffix in {".json", ".jsonl", ".ndjson"} and Path(path).is_file():
        from loaders.read import sniff_jsonl_kind

        return sniff_jsonl_kind(path) == "edges"
    return False


_CURATED_SUFFIXES = {".csv", ".tsv", ".json", ".jsonl", ".ndjson"}


def _split_paths(paths: tuple[str, ...] | list[str], problem: Any) -> tuple[list[str], list[str]]:
    """(curated deal files, article inputs) of ``paths``; a folder gives both.

    Inside a folder (read recursively, hidden entries skipped) every .csv/.tsv,
    and every .json/.jsonl whose records are edges, is a curated list; the
    other files are articles.
    """
    import os

    from loaders.read import Problem, expand_paths

    curated: list[str] = []
    articles: list[str] = []
    for path in paths:
        if path == "-" or not os.path.isdir(path):
            (curated if path != "-" and _is_curated(path) else articles).append(path)
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                full = os.path.join(root, name)
                is_list = Path(name).suffix.lower() in _CURATED_SUFFIXES and os.path.isfile(full)
                if not name.startswith(".") and is_list and _is_curated(full):
                    curated.append(full)
        for item in expand_paths([path]):
            if isinstance(item, Problem):
                problem(item)
            elif item not in curated:
                articles.append(item)
    return curated, articles


def load_paths(
    store: Any,
    paths: tuple[str, ...] | list[str],
    *,
    add_unknown: bool = False,
    on_problem: Any = None,
    progress: ReadProgress | None = None,
    jobs: int | None = None,
) -> LoadSummary:
    """Read, extract and store every article (and curated deal file) of ``paths``.

    ``jobs`` processes extract in parallel (default: one for small inputs, every
    core past a few MB); the store is written from this process only.
    """
    from loaders.gazetteer import default_gazetteer
    from loaders.read import Problem, count_bytes, iter_articles

    summary = LoadSummary()
    gazetteer = default_gazetteer()

    def problem(item: object) -> None:
        summary.skipped.append(str(item))
        if on_problem is not None:
            on_problem(str(item))

    curated, articles = _split_paths(paths, problem)
    for path in curated:
        from loaders.curated import iter_curated

        for batch in iter_curated(path, gazetteer, add_unknown=add_unknown):
            if isinstance(batch, Problem):
                problem(batch)
                continue
            # one transaction per batch of 1,000 rows, not per row
            result = store.write(None, batch.edges, batch.organizations)
            summary.curated_rows += batch.rows
            summary.edges_added += result.edges_added
            summary.edges_updated += result.edges_updated
            summary.evidence_added += result.evidence_added
    if articles:
        from loaders.parallel import default_jobs, extract_stream

        stdin = sys.stdin.buffer if "-" in articles else None
        if jobs is None:
            jobs = default_jobs(count_bytes([p for p in articles if p != "-"]))

        def fresh() -> Iterator[Any]:
            """Articles not stored yet (problems pass through)."""
            callback = progress.reader_callback if progress else None
            for item in iter_articles(articles, stdin=stdin, progress=callback):
                if isinstance(item, Problem):
                    yield item
                    continue
                summary.articles_read += 1
                if store.has_article(item.id):
                    summary.articles_already_loaded += 1
                else:
                    yield item

        pending: list[Any] = []

        def flush() -> None:
            """Store the pending articles (Neo4j batches them; each stays atomic)."""
            for result in store.write_many(pending):
                if progress is not None:
                    progress.article()
                summary.articles_new += int(result.article_new)
                summary.edges_added += result.edges_added
                summary.edges_updated += result.edges_updated
                summary.evidence_added += result.evidence_added
            pending.clear()

        for done in extract_stream(fresh(), jobs=jobs):
            if isinstance(done, Problem):
                problem(done)
                continue
            pending.append(done)
            if len(pending) >= getattr(store, "articles_per_write", WRITE_BATCH):
                flush()
        flush()
    return summary


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
    console = stderr_console()
    with open_store(store_spec, create=True) as store, read_progress(paths, "loading") as progress:
        summary = load_paths(
            store,
            paths,
            add_unknown=add_unknown,
            on_problem=lambda line: console.print(
                f"skipped: {line}", markup=False, highlight=False, soft_wrap=True
            ),  # one line per problem, even in a narrow terminal or a pipe
            progress=progress,
            jobs=jobs,
        )
        counts = store.counts()
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
    with open_store(store_spec) as store:
        before = store.counts()
        store.reset()
    click.echo(
        f"reset {store_spec.label}: removed {before.edges} edges, "
        f"{before.organizations} organizations, {before.articles} articles"
    )

"""Fill a store from paths: articles are read, extracted and written; curated lists loaded.

:func:`load_paths` is what ``dealgraph load`` and :meth:`graph.api.Workspace.load`
run. Problems never stop a load: each is reported once and the rest goes on.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Protocol

if TYPE_CHECKING:
    from graph.store.base import Store

__all__ = ["LoadSummary", "LoadProgress", "load_paths", "WRITE_BATCH"]


class LoadProgress(Protocol):
    """What a load reports as it goes (see :class:`graph.cli.progress.ReadProgress`)."""

    @property
    def reader_callback(self) -> Callable[[int], None] | None:
        """Called with each chunk of bytes read (None: not followed)."""

    def article(self) -> None:
        """Called once per article stored."""


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


def _split_paths(
    paths: Sequence[str], problem: Callable[[Any], None]
) -> tuple[list[str], list[str]]:
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
    store: Store,
    paths: Sequence[str],
    *,
    add_unknown: bool = False,
    on_problem: Callable[[str], None] | None = None,
    progress: LoadProgress | None = None,
    jobs: int | None = None,
    stdin: BinaryIO | None = None,
) -> LoadSummary:
    """Read, extract and store every article (and curated deal file) of ``paths``.

    ``jobs`` processes extract in parallel (default: one for small inputs, every
    core past a few MB); the store is written from this process only. Each
    problem (an unreadable file, a bad row) goes to ``on_problem`` as one line
    and into the summary; the rest goes on. ``-`` in ``paths`` reads ``stdin``
    (default: the process's standard input).
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

        if stdin is None and "-" in articles:
            stdin = sys.stdin.buffer
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

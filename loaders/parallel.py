"""Extraction across processes, streaming, in input order.

:func:`extract_stream` turns a stream of articles (and reader problems, which
pass through untouched) into ``(article, edges, organizations)`` triples. With
``jobs > 1`` the articles go in chunks to a pool of worker processes, with at
most a few chunks in flight per worker, so memory stays flat however long the
input is, and the results come back in input order.

>>> from graph.model import Article
>>> art = Article(id="a1", title="", body="Microsoft invests $2 billion in Mistral AI.")
>>> [(a.id, [e.key for e in edges]) for a, edges, _ in extract_stream([art])]
[('a1', [('microsoft', 'invests_in', 'mistral')])]
"""

from __future__ import annotations

import itertools
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from graph.model import Article, Edge, Organization

__all__ = ["extract_stream", "default_jobs", "Extracted"]

Extracted = tuple[Article, list[Edge], list[Organization]]

#: below this many bytes of input, one process is faster than starting a pool
PARALLEL_FROM_BYTES = 4_000_000


def default_jobs(total_bytes: int) -> int:
    """How many processes to use for ``total_bytes`` of input (all cores past a few MB)."""
    if total_bytes < PARALLEL_FROM_BYTES:
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


#: how often a worker checks that the process that started it is still there (seconds)
PARENT_CHECK_S = 0.5


def _die_with_parent(parent: int) -> None:
    """Pool initializer: end this worker as soon as its parent process is gone.

    A parent killed with SIGKILL cannot stop its pool, and the workers' shared
    task pipe stays open while any of them lives, so they would wait for work
    forever. On Linux the kernel sends SIGKILL when the parent dies
    (``PR_SET_PDEATHSIG``); everywhere, a daemon thread exits the worker once
    it has been re-parented.
    """
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, int(signal.SIGKILL))  # 1 = PR_SET_PDEATHSIG
        except (OSError, AttributeError):  # no prctl here: the thread below still works
            pass
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_S)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _extract_one(article: Article) -> Extracted:
    from loaders.extract import extract_edges, organizations_for
    from loaders.gazetteer import default_gazetteer

    gazetteer = default_gazetteer()
    edges = extract_edges(article, gazetteer)
    return article, edges, organizations_for(edges, gazetteer)


def _extract_chunk(items: list[Any]) -> list[Any]:
    return [_extract_one(item) if isinstance(item, Article) else item for item in items]


def extract_stream(
    items: Iterable[Any], *, jobs: int = 1, chunk_size: int = 16, per_worker: int = 3
) -> Iterator[Any]:
    """Yield ``(article, edges, organizations)`` for each article of ``items``, in order.

    Anything in ``items`` that is not an :class:`Article` (a reader's problem)
    is yielded as it is, in its place.
    """
    if jobs <= 1:
        for item in items:
            yield _extract_one(item) if isinstance(item, Article) else item
        return
    source = iter(items)
    chunks = iter(lambda: list(itertools.islice(source, chunk_size)), [])
    pending: deque[Future[list[Any]]] = deque()
    pool = ProcessPoolExecutor(
        max_workers=jobs, initializer=_die_with_parent, initargs=(os.getpid(),)
    )
    with pool:
        for chunk in chunks:
            pending.append(pool.submit(_extract_chunk, chunk))
            if len(pending) >= jobs * per_worker:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()

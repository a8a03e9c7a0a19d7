"""Progress bars for long reads: bytes read, articles done, articles/s and an ETA.

Drawn on stderr, and only when stderr is a terminal, so pipes and logs stay clean.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

__all__ = ["ReadProgress", "read_progress"]


class ReadProgress:
    """What the reader and the command report: bytes read, and articles done."""

    def __init__(self, bar: Any = None, task: Any = None) -> None:
        self._bar, self._task, self.articles = bar, task, 0

    def bytes(self, n: int) -> None:
        """Called by the reader with each chunk of bytes it consumed."""
        if self._bar is not None:
            self._bar.advance(self._task, n)

    def article(self) -> None:
        """Called once per article done."""
        self.articles += 1
        if self._bar is not None and self.articles % 8 == 0:
            self._bar.update(self._task, articles=self.articles)

    @property
    def reader_callback(self) -> Any:
        """The ``progress`` argument of :func:`loaders.read.iter_articles` (None when off)."""
        return self.bytes if self._bar is not None else None


def _rate(task: Any) -> str:
    elapsed = task.elapsed or 0.0
    articles = task.fields.get("articles", 0)
    return f"{articles / elapsed:,.0f} articles/s" if elapsed > 0.5 else ""


@contextmanager
def read_progress(paths: Sequence[str], label: str) -> Iterator[ReadProgress]:
    """A progress bar over the bytes of ``paths`` (off for pipes and stdin)."""
    if not sys.stderr.isatty() or list(paths) == ["-"]:
        yield ReadProgress()
        return
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    from graph.report import stderr_console
    from loaders.read import count_bytes

    class RateColumn(ProgressColumn):
        def render(self, task: Any) -> Text:
            return Text(_rate(task), style="progress.data.speed")

    total = count_bytes([p for p in paths if p != "-"])
    columns = (
        TextColumn(label),
        BarColumn(),
        DownloadColumn(),
        TextColumn("{task.fields[articles]:,} articles"),
        RateColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=stderr_console(), transient=True) as bar:
        task = bar.add_task(label, total=total or None, articles=0)
        yield ReadProgress(bar, task)

"""Time windows: what ``--since``/``--until`` and ``--as-of`` did with undated edges.

Many edges carry no date (an article that never says when). A window cannot
place them, so every command that filters by time treats them the same way
and says so:

* ``--since``/``--until`` **keep** undated edges (nothing says they fall
  outside the window);
* ``--as-of`` **drops** them (nothing says they existed by then).

:func:`window_report` counts them, and :func:`check_window` refuses a window
that ends before it starts.

>>> import datetime as dt
>>> from graph.model import Edge, Evidence
>>> dated = Evidence(article_id="a", date="2025-01-05")
>>> edges = [Edge(source="a", relation="invests_in", target="b", evidence=[dated]),
...          Edge(source="b", relation="lends_to", target="c",
...               evidence=[Evidence(article_id="b")])]
>>> report = window_report(edges, as_of=dt.date(2025, 6, 1))
>>> report.undated, report.treatment, report.line()
(1, 'dropped', '1 of 2 edges is undated: dropped by --as-of (nothing says it existed by then).')
>>> window_report(edges) is None
True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from graph.errors import DealgraphError

if TYPE_CHECKING:
    from graph.model import Edge

__all__ = ["WindowReport", "window_report", "check_window", "InvertedWindowError"]


class InvertedWindowError(DealgraphError):
    """``--since`` after ``--until``: a usage error (exit code 2)."""

    exit_code = 2


def check_window(since: dt.date | None, until: dt.date | None) -> None:
    """Raise :class:`InvertedWindowError` when ``since`` is after ``until``.

    >>> check_window(dt.date(2025, 9, 1), dt.date(2025, 1, 1))
    Traceback (most recent call last):
    ...
    graph.analysis.window.InvertedWindowError: --since 2025-09-01 is after --until 2025-01-01: \
swap them (the window runs from --since to --until)
    """
    if since is not None and until is not None and since > until:
        raise InvertedWindowError(
            f"--since {since.isoformat()} is after --until {until.isoformat()}: swap them "
            "(the window runs from --since to --until)"
        )


@dataclass(frozen=True)
class WindowReport:
    """How many edges a time window saw, how many were undated and what became of them."""

    since: dt.date | None
    until: dt.date | None
    as_of: dt.date | None
    edges: int
    undated: int
    outside: int

    @property
    def treatment(self) -> str:
        """``dropped`` under ``--as-of``, else ``kept``."""
        return "dropped" if self.as_of is not None else "kept"

    def line(self) -> str:
        """One sentence for under a table."""
        one = self.undated == 1
        head = f"{self.undated} of {self.edges} edges {'is' if one else 'are'} undated"
        it = "it" if one else "they"
        if self.as_of is not None:
            how = f"dropped by --as-of (nothing says {it} existed by then)"
        else:
            how = f"kept by --since/--until (nothing says {it} fell outside the window)"
        text = f"{head}: {how}."
        if self.outside:
            text += f" {self.outside} dated edge{'' if self.outside == 1 else 's'} fell outside."
        return text

    def to_dict(self) -> dict[str, Any]:
        return {
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "edges": self.edges,
            "undated": self.undated,
            "undated_treatment": self.treatment,
            "dated_outside": self.outside,
        }


def window_report(
    edges: Iterable[Edge],
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    as_of: dt.date | None = None,
) -> WindowReport | None:
    """Count ``edges`` against the window (None when no time option is given)."""
    if since is None and until is None and as_of is None:
        return None
    total = undated = outside = 0
    for edge in edges:
        total += 1
        if edge.date is None:
            undated += 1
        elif (
            (since is not None and edge.date < since)
            or (until is not None and edge.date > until)
            or (as_of is not None and edge.date > as_of)
        ):
            outside += 1
    return WindowReport(since, until, as_of, total, undated, outside)

"""When each loop closed, and from which articles.

A hop's **date** is the earliest date that any evidence on any of its edges
gives (when the deal was first dated); the evidence giving that date is what
*dates* the hop. A loop **closed on** the latest of its hops' dates: the day
its last hop appeared (:attr:`graph.analysis.cycles.Cycle.closed_on`), and
the hops carrying that date are its **closing hops**. A loop with an undated
hop has no closing date (nothing says when it closed), only a lower bound:
it closed **not before** the latest date its dated hops give.

The timeline orders loops by closing date, oldest first; then the loops
with undated hops by their lower bound, then those with no date at all.
Loops on the same day keep their rank (:mod:`.cycles`).

Examples
--------
>>> import datetime as dt
>>> from graph.model import Edge, Evidence
>>> def e(s, r, t, day=None, article="a1"):
...     ev = Evidence(article_id=article, quote=f"{s} {r} {t}", date=day)
...     return Edge(source=s, relation=r, target=t, evidence=[ev])
>>> events = loop_timeline([
...     e("nv", "invests_in", "oa", dt.date(2025, 9, 22), "news-1"),
...     e("oa", "buys_chips_from", "nv", dt.date(2025, 9, 22), "news-1"),
...     e("oa", "buys_compute_from", "or", dt.date(2025, 9, 10), "news-2"),
...     e("or", "buys_chips_from", "nv", dt.date(2025, 11, 25), "news-3"),
...     e("oa", "buys_chips_from", "amd"), e("amd", "warrant_for", "oa", dt.date(2025, 10, 6))])
>>> for x in events:
...     print(x.closed_on, x.not_before, x.cycle.nodes, x.closing_articles())
2025-09-22 2025-09-22 ['nv', 'oa'] ['news-1']
2025-11-25 2025-11-25 ['nv', 'oa', 'or'] ['news-3']
None 2025-10-06 ['amd', 'oa'] []
>>> [(h.source, h.target) for h in events[-1].undated_hops]
[('oa', 'amd')]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from graph.analysis.cycles import Cycle, find_cycles
from graph.model import Edge, Evidence

__all__ = ["DatedHop", "LoopClosing", "timeline", "loop_timeline"]


@dataclass
class DatedHop:
    """One hop of a loop with its date and the evidence that dates it."""

    source: str
    target: str
    source_name: str
    target_name: str
    relations: list[str]
    amount_usd: float | None
    date: dt.date | None
    dating: list[Evidence]
    evidence: list[Evidence]

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "source_name": self.source_name,
            "target": self.target,
            "target_name": self.target_name,
            "relations": self.relations,
            "amount_usd": self.amount_usd,
            "date": self.date.isoformat() if self.date else None,
            "dated_by": [_article(ev) for ev in self.dating],
            "articles": sorted({ev.article_id for ev in self.evidence}),
        }


@dataclass
class LoopClosing:
    """A loop, the day it closed (``None`` when a hop is undated) and its dated hops."""

    cycle: Cycle
    closed_on: dt.date | None
    hops: list[DatedHop]

    @property
    def not_before(self) -> dt.date | None:
        """The latest date of its dated hops: the loop cannot have closed earlier."""
        return max((h.date for h in self.hops if h.date is not None), default=None)

    @property
    def closing_hops(self) -> list[DatedHop]:
        """The hops dated on the closing day (none when the loop is undated)."""
        if self.closed_on is None:
            return []
        return [h for h in self.hops if h.date == self.closed_on]

    @property
    def undated_hops(self) -> list[DatedHop]:
        return [h for h in self.hops if h.date is None]

    def closing_articles(self) -> list[str]:
        """Ids of the articles that date the closing hops."""
        return sorted({ev.article_id for h in self.closing_hops for ev in h.dating})

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``dealgraph cycles --timeline --format json``."""
        return {
            "closed_on": self.closed_on.isoformat() if self.closed_on else None,
            "not_before": self.not_before.isoformat() if self.not_before else None,
            "nodes": self.cycle.names,
            "ids": self.cycle.nodes,
            "length": self.cycle.length,
            "bottleneck_usd": self.cycle.bottleneck_usd,
            "closing_hops": [h.to_dict() for h in self.closing_hops],
            "undated_hops": [f"{h.source_name} -> {h.target_name}" for h in self.undated_hops],
            "hops": [h.to_dict() for h in self.hops],
        }


def timeline(cycles: Iterable[Cycle]) -> list[LoopClosing]:
    """``cycles`` (ranked, as :func:`find_cycles` returns them) ordered by closing date."""
    events = []
    for rank, cycle in enumerate(cycles):
        hops = [_dated_hop(hop.source, hop.target, hop.edges, hop.amount_usd) for hop in cycle.hops]
        dates = [h.date for h in hops]
        closed = None if not dates or None in dates else max(d for d in dates if d is not None)
        event = LoopClosing(cycle, closed, hops)
        bound = event.not_before
        group = 0 if closed is not None else 1 if bound is not None else 2
        events.append(((group, bound or dt.date.min, rank), event))
    events.sort(key=lambda item: item[0])
    return [event for _, event in events]


def loop_timeline(edges: Iterable[Edge], **filters: Any) -> list[LoopClosing]:
    """Find the loops of ``edges`` (``filters`` as :func:`find_cycles`) and order them by date."""
    return timeline(find_cycles(edges, **filters))


def _dated_hop(source: str, target: str, edges: list[Edge], amount: float | None) -> DatedHop:
    evidence = [ev for edge in edges for ev in edge.evidence]
    dates = [ev.date for ev in evidence if ev.date is not None]
    first = min(dates) if dates else None
    first_edge = edges[0] if edges else None
    return DatedHop(
        source=source,
        target=target,
        source_name=(first_edge.source_name if first_edge else None) or source,
        target_name=(first_edge.target_name if first_edge else None) or target,
        relations=[edge.relation for edge in edges],
        amount_usd=amount,
        date=first,
        dating=[ev for ev in evidence if first is not None and ev.date == first],
        evidence=evidence,
    )


def _article(ev: Evidence) -> dict[str, Any]:
    record = {
        "article_id": ev.article_id,
        "title": ev.article_title,
        "outlet": ev.outlet,
        "url": ev.url,
        "quote": ev.quote,
        "date": ev.date.isoformat() if ev.date else None,
        "date_inferred": ev.date_inferred,
    }
    return {k: v for k, v in record.items() if v is not None}

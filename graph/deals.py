"""Deals: how an edge's evidence groups into transactions, and how an edge sums them.

One edge (source, relation, target) may carry several deals: a letter of
intent later superseded, the round that replaced it, yearly tranches. The
rules, applied identically by every store (they run on the evidence a store
returns, in its order):

Grouping (:func:`group_evidence`)
    1. Evidence that names a ``deal_id`` (curated rows) belongs to that deal.
    2. Other evidence is grouped by article first: what one article (or one
       curated row) says about an edge is one deal.
    3. Such a group joins a deal that states the same USD amount on a date
       within :data:`SAME_DEAL_DAYS` days (or where either side is undated),
       named deals first; otherwise groups that share an amount merge.
    4. A group that states no amount joins the deal of the same date, else
       the edge's only deal; otherwise it stays a deal of its own.

A deal's facts (:func:`deal_from`) follow the evidence rule within it: the
largest definite amount (else the largest ``up to``), the earliest date and
close date, the highest confidence; its status is ``superseded`` when any
evidence says so or names what superseded it, else the most advanced status
of :data:`graph.model.STATUS_ORDER`. A deal is *current* unless superseded or
denied, and *counted* when current, ``in_totals`` and with an amount.

The edge (:func:`edge_headline`)
    ``amount_usd`` is the sum of the counted deals; ``qualifier`` the loosest
    of theirs (:data:`LOOSENESS`); ``amount_text``, ``currency`` and
    ``amount`` only when one deal is counted. ``date`` is the earliest date of
    a current deal, ``status`` the most advanced status of the current deals,
    ``confidence`` their highest, ``quantity``/``unit`` those of the earliest
    current deal that gives one. With no current deal the same rule runs over
    all deals (the edge is then superseded or denied, and out of the loops).

>>> from graph.model import Evidence
>>> loi = Evidence(article_id="r1", deal_id="loi", amount_usd=1e11, qualifier="up_to",
...                status="superseded", superseded_by="round", date="2025-09-22")
>>> rnd = Evidence(article_id="r2", deal_id="round", amount_usd=3e10, status="completed",
...                date="2026-02-01")
>>> deals = build_deals([loi, rnd])
>>> [(d.id, d.status, d.current) for d in deals]
[('loi', 'superseded', False), ('round', 'completed', True)]
>>> h = edge_headline(deals)
>>> h["amount_usd"], h["status"], str(h["date"])
(30000000000.0, 'completed', '2026-02-01')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from graph.statuses import HEADLINE_FIELDS, NON_FLOW_STATUSES, STATUS_ORDER

if TYPE_CHECKING:
    from graph.model import Deal, Evidence

__all__ = [
    "SAME_DEAL_DAYS",
    "LOOSENESS",
    "group_evidence",
    "deal_from",
    "build_deals",
    "edge_headline",
    "deal_fields",
    "plain_deals",
    "flow_headline",
    "DealFacts",
]

#: two reports of the same amount this many days apart (or less) are one deal
SAME_DEAL_DAYS = 31
#: a sum is as loose as its loosest part: exact < over < about < range < up_to
LOOSENESS: tuple[str, ...] = ("exact", "over", "about", "range", "up_to")


def group_evidence(evidence: Sequence[Evidence]) -> list[tuple[str, list[int]]]:
    """``(deal id, evidence indexes)`` per deal, in order of first evidence (rules above).

    Linear in the evidence: each group's amount and date are taken once, when
    it is formed, and looked up by value.
    """
    if len(evidence) == 1:  # most edges
        return [(evidence[0].deal_id or evidence[0].article_id, [0])]
    named: dict[str, list[int]] = {}
    by_article: dict[str, list[int]] = {}
    for n, ev in enumerate(evidence):
        if ev.deal_id:
            named.setdefault(ev.deal_id, []).append(n)
        else:
            by_article.setdefault(ev.article_id, []).append(n)
    groups: list[tuple[str, list[int]]] = []
    facts: list[tuple[float | None, dt.date | None]] = []
    by_amount: dict[float, list[int]] = {}
    by_date: dict[dt.date, int] = {}

    def add(deal_id: str, members: list[int]) -> None:
        amount, date = _facts(evidence, members)
        if amount is not None:
            by_amount.setdefault(_amount_key(amount), []).append(len(groups))
        if date is not None:
            by_date.setdefault(date, len(groups))
        groups.append((deal_id, list(members)))
        facts.append((amount, date))

    # in order of ids, not of the evidence: a deal's id must not depend on which
    # article a store happened to read first
    for deal_id, members in sorted(named.items()):
        add(deal_id, members)
    amountless = []
    for article_id, members in sorted(by_article.items()):
        mine = _facts(evidence, members)
        if mine[0] is None:
            amountless.append((article_id, members, mine[1]))
            continue
        candidates = by_amount.get(_amount_key(mine[0]), [])
        home = next((g for g in candidates if _same_deal(mine, facts[g])), None)
        if home is None:
            add(article_id, members)
        else:
            groups[home][1].extend(members)
    for article_id, members, date in amountless:
        found = by_date.get(date) if date is not None else None
        if found is None and len(groups) == 1:
            found = 0
        if found is None:
            add(article_id, members)
        else:
            groups[found][1].extend(members)
    return sorted(((deal_id, sorted(m)) for deal_id, m in groups), key=lambda g: g[1][0])


def build_deals(evidence: Sequence[Evidence]) -> list[Deal]:
    """The deals of one edge's evidence, by date (undated last), then id."""
    from graph.model import Deal

    # every value comes from validated evidence: no second validation (edges are read by the
    # thousand, and this runs for each); the fields and order of plain_deals, without its
    # intermediate objects
    deals = [
        Deal.model_construct(**deal_fields(deal_id, evidence, members))
        for deal_id, members in group_evidence(evidence)
    ]
    if len(deals) > 1:
        deals.sort(key=_deal_order)
    return deals


def plain_deals(evidence: Sequence[Any]) -> list[DealFacts]:
    """:func:`build_deals` as plain objects, for any evidence with the model's attributes.

    The same deals, field for field (:class:`DealFacts`), without pydantic:
    the loop report turns them into JSON directly.
    """
    deals = [
        DealFacts(**deal_fields(deal_id, evidence, members))
        for deal_id, members in group_evidence(evidence)
    ]
    return sorted(deals, key=_deal_order)


def _deal_order(d: Any) -> tuple[bool, dt.date, str]:
    """Deals by date (undated last), then id."""
    return (d.date is None, d.date or dt.date.min, d.id)


class DealFacts(SimpleNamespace):
    """A deal's fields (those of :class:`graph.model.Deal`, in its order) as a plain object."""

    @property
    def current(self) -> bool:
        """Neither superseded nor denied."""
        return self.status not in NON_FLOW_STATUSES

    def to_json(self) -> dict[str, Any]:
        """``Deal.model_dump(mode="json")`` of the same deal: every key, ``None`` when unknown."""
        return {
            name: value.isoformat() if isinstance(value, dt.date) else value
            for name, value in vars(self).items()
        }


def deal_from(deal_id: str, evidence: Sequence[Evidence], members: list[int]) -> Deal:
    """One deal's facts from its evidence (the evidence rule, in the module doc)."""
    from graph.model import Deal

    return Deal.model_construct(**deal_fields(deal_id, evidence, members))


def deal_fields(deal_id: str, evidence: Sequence[Any], members: list[int]) -> dict[str, Any]:
    """The fields of :func:`deal_from`'s deal, in the order of :class:`graph.model.Deal`."""
    items = [evidence[n] for n in members]
    chosen = _chosen(items)
    quantity = chosen if chosen is not None and chosen.quantity is not None else None
    quantity = quantity or next((e for e in items if e.quantity is not None), None)
    dated = [e for e in items if e.date is not None]
    first = min(dated, key=lambda e: e.date or dt.date.max) if dated else None
    closed = [e.closed for e in items if e.closed is not None]
    superseded_by = next((e.superseded_by for e in items if e.superseded_by), None)
    sources: list[str] = []
    for e in items:
        for url in (*e.sources, e.url):
            if url and url not in sources:
                sources.append(url)
    return dict(
        id=deal_id,
        title=next((e.title for e in items if e.title), None),
        amount_usd=chosen.amount_usd if chosen else None,
        amount_text=chosen.amount_text if chosen else None,
        qualifier=chosen.qualifier if chosen else None,
        currency=chosen.currency if chosen else None,
        amount=chosen.amount if chosen else None,
        amount_min=chosen.amount_min if chosen else None,
        amount_max=chosen.amount_max if chosen else None,
        quantity=quantity.quantity if quantity else None,
        unit=quantity.unit if quantity else None,
        date=first.date if first else None,
        date_inferred=first.date_inferred if first else False,
        closed=min(closed) if closed else None,
        status=_status(items, superseded_by),
        superseded_by=superseded_by,
        confidence=max(e.confidence for e in items),
        in_totals=all(e.in_totals for e in items),
        sources=sources,
        note=next((e.note for e in items if e.note), None),
        evidence=members,
    )


def flow_headline(evidence: Sequence[Any]) -> tuple[float | None, dt.date | None, str]:
    """``amount_usd``, ``date`` and ``status`` of :func:`edge_headline`, from few fields.

    The money-flow projection needs only these three; they depend only on each
    evidence row's ``article_id``, ``deal_id``, ``amount_usd``, ``qualifier``,
    ``date``, ``status``, ``superseded_by`` and ``in_totals``, so a store can
    read just those (:meth:`graph.store.base.Store.flow_rows`).

    >>> from types import SimpleNamespace as E
    >>> row = dict(deal_id=None, qualifier=None, superseded_by=None, in_totals=True)
    >>> flow_headline([E(article_id="a", amount_usd=5e9, date=dt.date(2025, 1, 2),
    ...                  status="completed", **row),
    ...                E(article_id="b", amount_usd=None, date=None, status="announced", **row)])
    (5000000000.0, datetime.date(2025, 1, 2), 'completed')
    """
    if len(evidence) == 1:  # most edges: one deal, the row's own facts
        (e,) = evidence
        superseded = e.superseded_by or e.status == "superseded"
        return (
            e.amount_usd if e.in_totals else None,
            e.date,
            "superseded" if superseded else e.status,
        )
    deals = []
    for deal_id, members in group_evidence(evidence):
        items = [evidence[n] for n in members]
        chosen = _chosen(items)
        dates = [e.date for e in items if e.date is not None]
        superseded_by = next((e.superseded_by for e in items if e.superseded_by), None)
        date = min(dates) if dates else None
        deals.append(
            (
                date is None,
                date or dt.date.min,
                deal_id,
                chosen.amount_usd if chosen else None,
                date,
                _status(items, superseded_by),
                all(e.in_totals for e in items),
            )
        )
    deals.sort(key=lambda d: d[:3])  # build_deals' order: sums add up in the same order
    current = [d for d in deals if d[5] not in NON_FLOW_STATUSES] or deals
    counted = [d[3] for d in current if d[6] and d[3] is not None]
    dated = [d[4] for d in current if d[4] is not None]
    statuses = {d[5] for d in current}
    return (
        sum(counted) if counted else None,
        min(dated) if dated else None,
        next(s for s in STATUS_ORDER if s in statuses),
    )


def edge_headline(deals: Sequence[Any]) -> dict[str, Any]:
    """The headline fields of an edge from its deals (rule in the module doc).

    ``deals`` are :class:`graph.model.Deal` s or :class:`DealFacts`.
    """
    out: dict[str, Any] = {name: None for name in HEADLINE_FIELDS}
    out["date_inferred"] = False
    if not deals:
        out.update(status="announced", confidence=1.0)
        return out
    current = [d for d in deals if d.current] or list(deals)
    counted = [d for d in current if d.in_totals and d.amount_usd is not None]
    if counted:
        out["amount_usd"] = sum(d.amount_usd or 0.0 for d in counted)
        qualifiers = {d.qualifier or "exact" for d in counted}
        out["qualifier"] = max(qualifiers, key=LOOSENESS.index)
        if len(counted) == 1:
            (one,) = counted
            out.update(amount_text=one.amount_text, currency=one.currency, amount=one.amount)
    by_date = sorted(current, key=lambda d: (d.date is None, d.date or dt.date.max))
    with_quantity = next((d for d in by_date if d.quantity is not None), None)
    if with_quantity is not None:
        out.update(quantity=with_quantity.quantity, unit=with_quantity.unit)
    if by_date[0].date is not None:
        out.update(date=by_date[0].date, date_inferred=by_date[0].date_inferred)
    statuses = {d.status for d in current}
    out["status"] = next(s for s in STATUS_ORDER if s in statuses)
    out["confidence"] = max(d.confidence for d in current)
    return out


# ----------------------------------------------------------------- helpers
def _chosen(items: Sequence[Any]) -> Any:
    """The evidence whose amount a deal states: the largest definite, else largest up to."""
    definite = [e for e in items if e.amount_usd is not None and e.qualifier != "up_to"]
    upper = [e for e in items if e.amount_usd is not None and e.qualifier == "up_to"]
    return max(definite or upper, key=lambda e: e.amount_usd or 0.0, default=None)


def _status(items: Sequence[Any], superseded_by: str | None) -> str:
    """``superseded`` when any evidence says so or names a replacement, else the most advanced."""
    statuses = {e.status for e in items}
    if superseded_by or "superseded" in statuses:
        return "superseded"
    return next(s for s in STATUS_ORDER if s in statuses)


def _facts(evidence: Sequence[Evidence], members: list[int]) -> tuple[float | None, dt.date | None]:
    """(an amount, the earliest date) a group states; the amount by the evidence rule."""
    items = [evidence[n] for n in members]
    definite = [e.amount_usd for e in items if e.amount_usd is not None and e.qualifier != "up_to"]
    upper = [e.amount_usd for e in items if e.amount_usd is not None and e.qualifier == "up_to"]
    amounts = definite or upper
    dates = [e.date for e in items if e.date is not None]
    return (max(amounts) if amounts else None, min(dates) if dates else None)


def _amount_key(amount: float) -> float:
    """Amounts equal to six significant digits are the same amount."""
    return float(f"{amount:.6g}")


def _same_deal(
    a: tuple[float | None, dt.date | None], b: tuple[float | None, dt.date | None]
) -> bool:
    """Same amount (the caller looked it up) and dates at most a month apart, or undated."""
    if a[1] is None or b[1] is None:
        return True
    return abs((a[1] - b[1]).days) <= SAME_DEAL_DAYS

"""Stress test: who is hurt, and how much, if one organization fails (DebtRank).

The model is DebtRank (Battiston, Puliga, Kaushik, Tasca and Caldarelli,
"DebtRank: Too Central to Fail?", *Scientific Reports* 2:541, 2012).

* ``A[i, j]`` is j's **exposure** to i: what j loses if i fails outright.
  It comes from the money-flow edges through :data:`.exposure.EXPOSED_END`:
  a buyer's failure costs its sellers the contracts it owes them
  (``buys_*``, ``capacity_backstop``), an investee's failure costs its
  investors, lenders and acquirers their claims (``invests_in``,
  ``holds_stake``, ``lends_to``, ``acquires``), a grantor's failure costs the
  holder its warrants (``warrant_for``).
* ``E[j]`` is j's **capacity** to absorb losses, ``W[i, j] = min(1, A[i, j] / E[j])``
  the impact of i on j, and ``v[j] = E[j] / sum(E)`` j's relative economic value.
* Every node has a distress ``h`` in [0, 1] (the share of ``E`` lost) and a
  state: Undistressed, Distressed or Inactive. At round 0 the shocked
  organization has ``h = haircut`` and is Distressed. At each round t,
  ``h[j](t) = min(1, h[j](t-1) + sum over Distressed i of W[i, j] * h[i](t-1))``;
  then every Distressed node becomes Inactive (it passes distress on once
  only, so loops cannot amplify it without end) and every Undistressed node
  with ``h > 0`` becomes Distressed. It stops when nothing is Distressed.
* ``R = sum(h[j](T) * v[j]) - sum(h[j](0) * v[j])``: the share of the
  graph's value lost beyond the initial shock (the DebtRank of the shock).

Choices made by :func:`stress_test`, since news articles carry neither every
amount nor balance sheets (each is also stated in ``StressResult.notes``):

* **Missing amounts**: an edge without an amount counts as the median known
  amount of its relation in the graph considered; a relation with no known
  amount uses the median of all known amounts; if no edge has an amount,
  every edge counts as 1 (equal weights).
* **One deal, two relations**: within one kind of claim (backlog, equity,
  loan) the exposure of a pair is its largest amount (Nvidia investing in
  and holding a stake in CoreWeave is one stake), known amounts before
  imputed ones; the kinds add up.
* **Capacity** ``E[j]``: all the money on j's hops in the graph, in and out
  (each hop counted once at its largest amount, imputed where unknown).
* ``loss_usd = h * E``: the money j stands to lose, in the same units.

Examples
--------
A chain: b sells 50 to a, c sells 30 to b, d sells 30 to c. If a fails,
b loses 50 of its 80 (0.625), c loses 30/60 of that (0.3125), d all of
its 30 times c's distress (0.3125):

>>> from graph.model import Edge, Evidence
>>> def e(s, r, t, usd):
...     ev = Evidence(article_id="x", amount_usd=usd, qualifier="exact")
...     return Edge(source=s, relation=r, target=t, evidence=[ev])
>>> result = stress_test([e("a", "buys_compute_from", "b", 50),
...     e("b", "buys_chips_from", "c", 30), e("c", "buys_power_from", "d", 30)], "a")
>>> result.losses, result.rounds
({'a': 1.0, 'b': 0.625, 'c': 0.3125, 'd': 0.3125}, {'a': 0, 'b': 1, 'c': 2, 'd': 3})
>>> round(result.debtrank, 4), result.loss_usd("b")
(0.3551, 50.0)
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.analysis import DEFAULT_MAX_ROUNDS
from graph.analysis.exposure import EXPOSURE_KIND, exposure_links
from graph.analysis.projection import flow_edges
from graph.model import RELATIONS, Edge

__all__ = [
    "DEFAULT_MAX_ROUNDS",
    "DebtRankRun",
    "Claim",
    "Link",
    "Hit",
    "StressResult",
    "debtrank",
    "stress_test",
]


@dataclass
class DebtRankRun:
    """The outcome of :func:`debtrank` on explicit exposures and capacities."""

    h: dict[str, float]
    rounds: dict[str, int]
    debtrank: float
    values: dict[str, float]
    rounds_run: int
    converged: bool
    #: (round t, distressed i, hit j, W[i, j], W[i, j] * h[i](t-1)) for every transmission
    trace: list[tuple[int, str, str, float, float]] = field(default_factory=list)


def debtrank(
    exposures: Mapping[tuple[str, str], float],
    capacity: Mapping[str, float],
    shock: Mapping[str, float],
    *,
    max_rounds: int = DEFAULT_MAX_ROUNDS,
) -> DebtRankRun:
    """Run DebtRank (module doc) on ``exposures[(i, j)]`` = j's exposure to i.

    ``capacity[j]`` is ``E[j]`` (a node with no positive capacity loses all
    it is exposed to: ``W = 1``); ``shock`` gives the initial distress of the
    failing nodes. Nodes are those of all three mappings.

    >>> run = debtrank({("a", "b"): 5.0}, {"a": 10.0, "b": 20.0}, {"a": 1.0})
    >>> run.h, run.rounds, round(run.debtrank, 4)
    ({'a': 1.0, 'b': 0.25}, {'a': 0, 'b': 1}, 0.1667)
    """
    if max_rounds < 1:
        raise ValueError(f"max_rounds must be at least 1, not {max_rounds}")
    for node, h0 in shock.items():
        if not 0.0 < h0 <= 1.0:
            raise ValueError(f"the shock on {node!r} must be in (0, 1], not {h0}")
    nodes = sorted(set(capacity) | set(shock) | {n for pair in exposures for n in pair})
    impact: dict[str, dict[str, float]] = defaultdict(dict)
    for (i, j), amount in exposures.items():
        if i == j or amount <= 0:
            continue
        e_j = capacity.get(j, 0.0)
        impact[i][j] = 1.0 if e_j <= 0 else min(1.0, amount / e_j)
    total = sum(max(capacity.get(n, 0.0), 0.0) for n in nodes)
    values = {
        n: (max(capacity.get(n, 0.0), 0.0) / total if total else 1.0 / len(nodes)) for n in nodes
    }

    h = {n: float(shock.get(n, 0.0)) for n in nodes}
    initial = dict(h)
    distressed = {n for n in nodes if h[n] > 0}
    inactive: set[str] = set()
    rounds = {n: 0 for n in sorted(distressed)}
    trace: list[tuple[int, str, str, float, float]] = []
    t = 0
    while distressed and t < max_rounds:
        t += 1
        new_h = dict(h)
        for i in sorted(distressed):
            for j, w in sorted(impact[i].items()):
                passed = w * h[i]
                if passed > 0:
                    trace.append((t, i, j, w, passed))
                    new_h[j] = min(1.0, new_h[j] + passed)
        inactive |= distressed
        distressed = {n for n in nodes if new_h[n] > 0 and n not in inactive}
        for n in sorted(distressed):
            rounds[n] = t
        h = new_h
    r = sum(h[n] * values[n] for n in nodes) - sum(initial[n] * values[n] for n in nodes)
    return DebtRankRun(h, rounds, r, values, t, not distressed, trace)


@dataclass
class Claim:
    """One kind of claim (backlog, equity, loan) within a link, at its largest amount."""

    kind: str
    amount_usd: float
    imputed: bool
    relations: list[str]
    deals: list[str] = field(default_factory=list)


@dataclass
class Link:
    """j's exposure to i, built from the edges between them (module doc)."""

    claims: list[Claim]
    edges: list[Edge] = field(default_factory=list, repr=False)

    @property
    def amount_usd(self) -> float:
        return sum(c.amount_usd for c in self.claims)


@dataclass
class Hit:
    """Distress passed from ``source`` to an organization in one round."""

    source: str
    round: int
    exposure_usd: float
    claims: list[Claim]
    impact: float
    passed: float

    @property
    def imputed(self) -> bool:
        """True when any part of the exposure is an imputed amount."""
        return any(c.imputed for c in self.claims)

    @property
    def relations(self) -> list[str]:
        return [r for c in self.claims for r in c.relations]


@dataclass
class StressResult:
    """What :func:`stress_test` found: relative losses, rounds, DebtRank, the choices made."""

    losses: dict[str, float]
    rounds: dict[str, int]
    debtrank: float
    notes: list[str]
    shocked: str = ""
    haircut: float = 1.0
    as_of: dt.date | None = None
    capacity: dict[str, float] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    hits: dict[str, list[Hit]] = field(default_factory=dict)
    converged: bool = True

    def loss_usd(self, org_id: str) -> float:
        """The money ``org_id`` stands to lose: its relative loss times its capacity."""
        return self.losses.get(org_id, 0.0) * self.capacity.get(org_id, 0.0)

    def ranking(self) -> list[str]:
        """The organizations hurt (not the shocked one), largest loss in USD first."""
        hurt = [n for n, h in self.losses.items() if h > 0 and n != self.shocked]
        return sorted(hurt, key=lambda n: (-self.loss_usd(n), -self.losses[n], n))

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``dealgraph stress --format json``."""
        rows = []
        for n in [self.shocked, *self.ranking()]:
            rows.append(
                {
                    "id": n,
                    "name": self.names.get(n, n),
                    "loss": self.losses.get(n, 0.0),
                    "loss_usd": self.loss_usd(n),
                    "round": self.rounds.get(n),
                    "capacity_usd": self.capacity.get(n, 0.0),
                    "hits": [
                        {
                            "from": self.names.get(hit.source, hit.source),
                            "from_id": hit.source,
                            "round": hit.round,
                            "exposure_usd": hit.exposure_usd,
                            "claims": [
                                {
                                    "kind": c.kind,
                                    "amount_usd": c.amount_usd,
                                    "imputed": c.imputed,
                                    "relations": c.relations,
                                    "deals": c.deals,
                                }
                                for c in hit.claims
                            ],
                            "impact": hit.impact,
                            "passed": hit.passed,
                        }
                        for hit in self.hits.get(n, [])
                    ],
                }
            )
        return {
            "organization": self.names.get(self.shocked, self.shocked),
            "id": self.shocked,
            "haircut": self.haircut,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "debtrank": self.debtrank,
            "converged": self.converged,
            "organizations": rows,
            "notes": self.notes,
        }


def stress_test(
    edges: Iterable[Edge],
    org_id: str,
    *,
    haircut: float = 1.0,
    as_of: dt.date | None = None,
    max_rounds: int = DEFAULT_MAX_ROUNDS,
) -> StressResult:
    """Propagate a loss of ``haircut`` (1.0 = outright default) of ``org_id`` (module doc).

    ``as_of`` keeps only edges dated by then; ``max_rounds`` bounds the rounds.
    """
    if not 0.0 < haircut <= 1.0:
        raise ValueError(f"haircut must be in (0, 1], not {haircut}")
    every = list(edges)
    names = {org_id: org_id}
    for edge in every:  # names from every edge: the shocked one may have none by ``as_of``
        names[edge.source] = edge.source_name or edge.source
        names[edge.target] = edge.target_name or edge.target
    edges = flow_edges(every, as_of=as_of)
    umbrellas = [e for e in edges if not e.in_totals]
    edges = [e for e in edges if e.in_totals]
    amounts, notes = _impute(edges)
    if umbrellas:
        notes.append(
            f"Out of totals: {len(umbrellas)} edge{'' if len(umbrellas) == 1 else 's'} whose "
            "deals are all kept out of sums (umbrellas such as a joint venture's headline) "
            "carry no exposure."
        )
    links = _links(edges, amounts)
    capacity = _capacity(edges, amounts)
    capacity.setdefault(org_id, 0.0)
    run = debtrank(
        {pair: link.amount_usd for pair, link in links.items()},
        capacity,
        {org_id: haircut},
        max_rounds=max_rounds,
    )
    hits: dict[str, list[Hit]] = defaultdict(list)
    for t, i, j, impact, passed in run.trace:
        link = links[(i, j)]
        hits[j].append(Hit(i, t, link.amount_usd, link.claims, impact, passed))
    for hit_list in hits.values():
        hit_list.sort(key=lambda hit: (hit.round, -hit.passed, hit.source))
    notes = [
        f"Shock: {names[org_id]} loses {haircut:.0%} of its value; each party hurt passes "
        f"distress on once (DebtRank, {run.rounds_run} round{'' if run.rounds_run == 1 else 's'}).",
        "Direction: a buyer's failure costs its sellers the contracts it owes them; an "
        "investee's failure costs its investors, lenders and acquirers; a grantor's, the "
        "holders of its warrants.",
        *notes,
        "Capacity E (no balance sheets here): all the money on a party's hops in this graph, "
        "in and out, imputed amounts included; impact = min(1, exposure / E); "
        "loss in USD = relative loss x E.",
    ]
    if as_of is not None:
        notes.append(
            f"As of {as_of.isoformat()}: {len(edges)} money-flow edges dated by then; "
            "undated edges are left out."
        )
    if not any(i == org_id for i, _ in links):
        notes.append(f"Nobody here is exposed to {names[org_id]}: nothing propagates.")
    if not run.converged:
        notes.append(f"Stopped after --max-rounds {max_rounds}: distress was still spreading.")
    return StressResult(
        losses=run.h,
        rounds=run.rounds,
        debtrank=run.debtrank,
        notes=notes,
        shocked=org_id,
        haircut=haircut,
        as_of=as_of,
        capacity=capacity,
        names=names,
        hits=dict(hits),
        converged=run.converged,
    )


def _impute(edges: list[Edge]) -> tuple[dict[int, tuple[float, bool]], list[str]]:
    """Each edge's amount (by ``id``), and whether it was imputed; a note on how."""
    known: dict[str, list[float]] = defaultdict(list)
    for edge in edges:
        if edge.amount_usd is not None:
            known[edge.relation].append(edge.amount_usd)
    everything = [a for values in known.values() for a in values]
    overall = statistics.median(everything) if everything else 1.0
    medians = {rel: statistics.median(values) for rel, values in known.items()}
    out: dict[int, tuple[float, bool]] = {}
    missing: dict[str, int] = defaultdict(int)
    for edge in edges:
        if edge.amount_usd is not None:
            out[id(edge)] = (edge.amount_usd, False)
        else:
            out[id(edge)] = (medians.get(edge.relation, overall), True)
            missing[edge.relation] += 1
    if not edges:
        return out, ["No money-flow edges here."]
    if not missing:
        return out, ["Every edge has an amount."]
    if not everything:
        return out, [
            f"No edge has an amount: each of the {len(edges)} counts as 1 (equal weights)."
        ]
    parts = [
        f"{rel} {_usd(medians[rel])}" if rel in medians else f"{rel} {_usd(overall)}*"
        for rel in sorted(missing)
    ]
    note = (
        f"Missing amounts: {sum(missing.values())} of {len(edges)} edges have none; each counts "
        f"as the median known amount of its relation ({', '.join(parts)})"
    )
    if any(rel not in medians for rel in missing):
        note += "; * no known amount for that relation: the median of all known amounts"
    return out, [note + "."]


def _links(
    edges: list[Edge], amounts: dict[int, tuple[float, bool]]
) -> dict[tuple[str, str], Link]:
    """``(i, j) -> Link``: j's exposure to i, largest amount per kind, kinds summed."""
    groups: dict[tuple[str, str], dict[str, list[Edge]]] = defaultdict(lambda: defaultdict(list))
    for exposed, counterparty, edge in exposure_links(edges):
        groups[(counterparty, exposed)][EXPOSURE_KIND[edge.relation]].append(edge)
    links = {}
    for pair, kinds in groups.items():
        claims = []
        for kind, kind_edges in kinds.items():
            amount, imputed = _largest(kind_edges, amounts)
            relations: list[str] = list(dict.fromkeys(e.relation for e in kind_edges))
            deals = [d.title or d.id for e in kind_edges for d in e.deals if d.counted]
            claims.append(Claim(kind, amount, imputed, relations, deals))
        links[pair] = Link(claims, [e for kind_edges in kinds.values() for e in kind_edges])
    return links


def _capacity(edges: list[Edge], amounts: dict[int, tuple[float, bool]]) -> dict[str, float]:
    """``E[j]``: the money on j's hops, in and out (each hop at its largest amount)."""
    hops: dict[tuple[str, str], list[Edge]] = defaultdict(list)
    for edge in edges:
        if edge.source != edge.target and RELATIONS[edge.relation].money_flows:
            hops[(edge.source, edge.target)].append(edge)
    capacity: dict[str, float] = defaultdict(float)
    for (source, target), hop_edges in hops.items():
        amount, _ = _largest(hop_edges, amounts)
        capacity[source] += amount
        capacity[target] += amount
    return dict(capacity)


def _largest(edges: list[Edge], amounts: dict[int, tuple[float, bool]]) -> tuple[float, bool]:
    """The largest known amount of ``edges``, else the largest imputed one."""
    known = [amounts[id(e)][0] for e in edges if not amounts[id(e)][1]]
    if known:
        return max(known), False
    return max(amounts[id(e)][0] for e in edges), True


def _usd(value: float) -> str:
    """``$6.3B``: a short amount for the notes."""
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(value) >= size:
            return f"${value / size:.3g}{suffix}"
    return f"${value:,.0f}"

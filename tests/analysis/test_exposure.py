"""Counterparty exposure and circularity on a hand-built graph with known answers.

The graph (amounts in US$ billions, ``?`` = no amount stated)::

    nv -invests_in 100-> oa        oa -buys_compute_from 300-> or
    or -buys_chips_from 40-> nv    oa -buys_chips_from ?-> nv
    cw -buys_chips_from 10-> nv    g  -buys_chips_from 50-> nv
    nv -holds_stake 3-> cw         nv -invests_in 1-> cw   (the same stake)
    nv -capacity_backstop 6-> cw   meta -buys_compute_from 14-> cw
    bank -lends_to 5-> cw          amd -warrant_for ?-> oa
    oa -buys_chips_from 20-> amd
    ark -sells_stake-> amd, nv -partners_with-> sm      (no money flows)
    x -invests_in 7-> oa, status denied                  (ignored)

Money-flow hops (a pair's hop carries its largest known amount):
nv->oa 100, oa->or 300, or->nv 40, oa->nv ?, cw->nv 10, g->nv 50,
nv->cw 6, meta->cw 14, bank->cw 5, amd->oa ?, oa->amd 20.
Loops: nv-oa-or, nv-oa, nv-cw, amd-oa.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.analysis.exposure import circularity, exposure, total_known
from graph.model import Edge, Evidence, Organization
from graph.store.base import Store
from graph.store.sqlite import SQLiteStore

B = 1e9


def e(source: str, relation: str, target: str, usd: float | None = None, **kw: object) -> Edge:
    quote = f"{source} {relation} {target}"
    ev = Evidence(
        article_id=f"art-{source}-{target}",
        article_title=f"{source} and {target}",
        outlet="Wire",
        quote=quote,
        start=0,
        end=len(quote),
        amount_usd=usd * B if usd is not None else None,
        qualifier="exact" if usd is not None else None,
        **kw,  # type: ignore[arg-type]
    )
    return Edge(source=source, relation=relation, target=target, evidence=[ev])  # type: ignore[arg-type]


GRAPH = [
    e("nv", "invests_in", "oa", 100),
    e("oa", "buys_compute_from", "or", 300),
    e("or", "buys_chips_from", "nv", 40),
    e("oa", "buys_chips_from", "nv"),
    e("cw", "buys_chips_from", "nv", 10),
    e("g", "buys_chips_from", "nv", 50),
    e("nv", "holds_stake", "cw", 3),
    e("nv", "invests_in", "cw", 1),
    e("nv", "capacity_backstop", "cw", 6),
    e("meta", "buys_compute_from", "cw", 14),
    e("bank", "lends_to", "cw", 5),
    e("amd", "warrant_for", "oa"),
    e("oa", "buys_chips_from", "amd", 20),
    e("ark", "sells_stake", "amd"),
    e("nv", "partners_with", "sm"),
    e("x", "invests_in", "oa", 7, status="denied"),
]


def claims(edges: list[Edge], org: str) -> list[tuple[str, str, str, float | None]]:
    return [
        (x.counterparty, x.kind, x.relation, x.amount_usd / B if x.amount_usd else None)
        for x in exposure(edges, org)
    ]


def check_exposure(edges: list[Edge]) -> None:
    # nv holds equity in oa (100) and cw (3 and 1: one stake); g, or, cw, oa owe it for chips.
    assert claims(edges, "nv") == [
        ("oa", "equity", "invests_in", 100),
        ("g", "backlog", "buys_chips_from", 50),
        ("or", "backlog", "buys_chips_from", 40),
        ("cw", "backlog", "buys_chips_from", 10),
        ("cw", "equity", "holds_stake", 3),
        ("cw", "equity", "invests_in", 1),
        ("oa", "backlog", "buys_chips_from", None),
    ]
    # cw is owed by meta (14) and nv's backstop (6); the bank's loan is the bank's claim
    assert claims(edges, "cw") == [
        ("meta", "backlog", "buys_compute_from", 14),
        ("nv", "backlog", "capacity_backstop", 6),
    ]
    assert claims(edges, "bank") == [("cw", "loan", "lends_to", 5)]
    # oa holds amd's warrants; the denied investment by x is no claim of anyone
    assert claims(edges, "oa") == [("amd", "equity", "warrant_for", None)]
    assert claims(edges, "x") == []
    # amd is owed 20 by oa; ark's sale of amd shares is no money flow
    assert claims(edges, "amd") == [("oa", "backlog", "buys_chips_from", 20)]
    assert claims(edges, "or") == [("oa", "backlog", "buys_compute_from", 300)]
    # the evidence that states each claim travels with it
    [orc] = exposure(edges, "or")
    assert [ev.quote for ev in orc.evidence] == ["oa buys_compute_from or"]


def check_circularity(edges: list[Edge]) -> None:
    c = circularity(edges)
    # nv: known inflow 40 (or) + 10 (cw) + 50 (g) = 100; or->nv and cw->nv close loops,
    # oa->nv closes one too but has no amount -> circular 50, share 0.5
    assert (c["nv"].inflow_usd, c["nv"].circular_usd) == (100 * B, 50 * B)
    assert c["nv"].share == pytest.approx(0.5)
    assert sorted(x.nodes for x in c["nv"].loops) == [
        ["cw", "nv"],
        ["nv", "oa"],
        ["nv", "oa", "or"],
    ]
    # oa: only nv->oa (100) is known and it closes loops -> 1.0; amd->oa unknown
    assert c["oa"].share == 1.0 and c["oa"].inflow_usd == 100 * B
    # cw: 6 (nv, on the loop) of 6 + 14 + 5 = 25 -> 0.24
    assert c["cw"].share == pytest.approx(6 / 25)
    assert c["or"].share == 1.0 and c["amd"].share == 1.0
    # no inflow at all: no share
    assert c["meta"].share is None and c["meta"].loops == []
    assert "x" not in c and "sm" not in c
    # with loops of at most 2 hops, or -> nv no longer closes one: nv has 10 of 100
    short = circularity(edges, max_length=2)
    assert short["nv"].share == pytest.approx(0.1)
    assert short["or"].share == 0.0 and short["or"].loops == []


def test_exposure_on_edges():
    check_exposure(GRAPH)


def test_circularity_on_edges():
    check_circularity(GRAPH)


def test_total_known_counts_one_stake_once():
    # nv: oa equity 100 + or backlog 40 + g backlog 50 + cw backlog 10 + cw equity max(3, 1)
    assert total_known(exposure(GRAPH, "nv")) == pytest.approx(203 * B)


def test_as_of_keeps_only_dated_deals():
    dated = [
        e("a", "invests_in", "b", 10, date=dt.date(2025, 1, 1)),
        e("b", "buys_chips_from", "a", 4, date=dt.date(2025, 6, 1)),
        e("c", "buys_chips_from", "a", 6),  # undated: not known to exist by any day
    ]
    assert circularity(dated)["a"].share == pytest.approx(0.4)
    early = circularity(dated, as_of=dt.date(2025, 3, 1))
    assert "a" in early and early["a"].share is None and early["b"].share == 0.0
    late = circularity(dated, as_of=dt.date(2025, 6, 1))
    assert late["a"].share == 1.0  # c's undated inflow is left out
    assert [x.counterparty for x in exposure(dated, "a", as_of=dt.date(2025, 3, 1))] == ["b"]
    assert [x.kind for x in exposure(dated, "a", as_of=dt.date(2025, 6, 1))] == [
        "equity",
        "backlog",
    ]


# -- the same answers from every store ---------------------------------------------
@pytest.fixture(params=["sqlite", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        backend: Store = SQLiteStore(tmp_path / "dealgraph.sqlite")
        yield backend
        backend.close()
    else:
        yield request.getfixturevalue("neo4j_store")


def stored(store: Store) -> list[Edge]:
    orgs = {n for edge in GRAPH for n in (edge.source, edge.target)}
    store.write(None, GRAPH, [Organization(id=n, name=n.upper()) for n in sorted(orgs)])
    return store.edges()


def test_exposure_from_store(store):
    edges = stored(store)
    check_exposure(edges)
    [orc] = exposure(edges, "or")
    assert orc.counterparty_name == "OA"


def test_circularity_from_store(store):
    edges = stored(store)
    check_circularity(edges)
    assert circularity(edges)["nv"].loops[0].names[0] in {"NV", "CW", "OA"}

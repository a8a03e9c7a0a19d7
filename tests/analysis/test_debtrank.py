"""DebtRank on small graphs, against values worked out by hand below.

Notation (graph/analysis/debtrank.py): ``A[i, j]`` is j's exposure to i,
``E[j]`` j's capacity, ``W[i, j] = min(1, A[i, j] / E[j])``, ``v[j] = E[j] / sum(E)``,
``h[j](t) = min(1, h[j](t-1) + sum over Distressed i of W[i, j] * h[i](t-1))``,
``R = sum(h(T) v) - sum(h(0) v)``.
"""

from __future__ import annotations

import datetime as dt

import pytest

from graph.analysis.debtrank import debtrank, stress_test
from graph.model import Edge, Evidence


def e(source: str, relation: str, target: str, usd: float | None = None, **kw: object) -> Edge:
    ev = Evidence(
        article_id="art",
        quote=f"{source} {relation} {target}",
        amount_usd=usd,
        qualifier="exact" if usd is not None else None,
        **kw,  # type: ignore[arg-type]
    )
    return Edge(source=source, relation=relation, target=target, evidence=[ev])  # type: ignore[arg-type]


def test_chain():
    # A[a,b] = 50, A[b,c] = 30; E = a 100, b 80, c 60; a defaults (h = 1).
    # round 1: h_b = min(1, 50/80 * 1)      = 0.625
    # round 2: h_c = min(1, 30/60 * 0.625)  = 0.3125
    # round 3: c passes to nobody; everyone is Inactive: stop.
    # v = E / 240; R = (80 * 0.625 + 60 * 0.3125) / 240 = (50 + 18.75) / 240 = 0.286458...
    run = debtrank({("a", "b"): 50, ("b", "c"): 30}, {"a": 100, "b": 80, "c": 60}, {"a": 1.0})
    assert run.h == pytest.approx({"a": 1.0, "b": 0.625, "c": 0.3125})
    assert run.rounds == {"a": 0, "b": 1, "c": 2}
    assert run.debtrank == pytest.approx(68.75 / 240)
    assert run.converged and run.rounds_run == 3


def test_triangle_passes_distress_once():
    # A[a,b] = 40, A[b,c] = 20, A[c,a] = 30; E = a 60, b 100, c 50; a loses half (h = 0.5).
    # W[a,b] = 0.4, W[b,c] = 0.4, W[c,a] = 0.5
    # round 1: h_b = 0.4 * 0.5  = 0.2
    # round 2: h_c = 0.4 * 0.2  = 0.08
    # round 3: h_a = 0.5 + 0.5 * 0.08 = 0.54, but a is Inactive: b is not hit again.
    # R = (60 * 0.54 + 100 * 0.2 + 50 * 0.08 - 60 * 0.5) / 210 = 26.4 / 210 = 0.125714...
    run = debtrank(
        {("a", "b"): 40, ("b", "c"): 20, ("c", "a"): 30},
        {"a": 60, "b": 100, "c": 50},
        {"a": 0.5},
    )
    assert run.h == pytest.approx({"a": 0.54, "b": 0.2, "c": 0.08})
    # every transmission: round, from, to, W, W * h(t-1)
    assert [(t, i, j, w, round(p, 6)) for t, i, j, w, p in run.trace] == [
        (1, "a", "b", 0.4, 0.2),
        (2, "b", "c", 0.4, 0.08),
        (3, "c", "a", 0.5, 0.04),
    ]
    assert run.rounds == {"a": 0, "b": 1, "c": 2}
    assert run.debtrank == pytest.approx(26.4 / 210)


def test_star_caps_impact_and_adds_parents():
    # hub h fails. A[h,l1] = 10 with E_l1 = 5: W = min(1, 2) = 1 -> h_l1 = 1 (capped)
    #              A[h,l2] = 5, E_l2 = 20 -> 0.25;  A[h,l3] = 3, E_l3 = 12 -> 0.25
    # round 2: A[l1,l4] = 8, E_l4 = 16 -> 0.5 * 1 = 0.5
    #          l5 is exposed to both l2 (4) and l3 (6), E_l5 = 20:
    #          h_l5 = 4/20 * 0.25 + 6/20 * 0.25 = 0.05 + 0.075 = 0.125
    # E: h 10, l1 5, l2 20, l3 12, l4 16, l5 20 -> total 83
    # R = (5 * 1 + 20 * 0.25 + 12 * 0.25 + 16 * 0.5 + 20 * 0.125) / 83 = 23.5 / 83
    exposures = {
        ("h", "l1"): 10,
        ("h", "l2"): 5,
        ("h", "l3"): 3,
        ("l1", "l4"): 8,
        ("l2", "l5"): 4,
        ("l3", "l5"): 6,
    }
    capacity = {"h": 10, "l1": 5, "l2": 20, "l3": 12, "l4": 16, "l5": 20}
    run = debtrank(exposures, capacity, {"h": 1.0})
    assert run.h == pytest.approx(
        {"h": 1.0, "l1": 1.0, "l2": 0.25, "l3": 0.25, "l4": 0.5, "l5": 0.125}
    )
    assert run.rounds == {"h": 0, "l1": 1, "l2": 1, "l3": 1, "l4": 2, "l5": 2}
    assert run.debtrank == pytest.approx(23.5 / 83)


def test_max_rounds_stops_early():
    run = debtrank(
        {("a", "b"): 1, ("b", "c"): 1}, {"a": 1, "b": 1, "c": 1}, {"a": 1.0}, max_rounds=1
    )
    assert run.h == {"a": 1.0, "b": 1.0, "c": 0.0}
    assert not run.converged


def test_bad_shock_is_refused():
    with pytest.raises(ValueError, match="shock"):
        debtrank({}, {"a": 1}, {"a": 1.5})
    with pytest.raises(ValueError, match="haircut"):
        stress_test([], "a", haircut=0)


# -- from edges ---------------------------------------------------------------
# x buys compute from y for 40, z buys compute from y for 10, w buys compute from
# y with no amount -> the median of the known buys_compute_from amounts,
# median(40, 10) = 25. x invests in q with no amount; no invests_in amount is
# known -> the median of all known amounts, also 25.
# Capacities (money on each party's hops, in and out):
#   E_x = 40 + 25 = 65, E_y = 40 + 10 + 25 = 75, E_z = 10, E_w = 25, E_q = 25; total 200
GRAPH = [
    e("x", "buys_compute_from", "y", 40),
    e("z", "buys_compute_from", "y", 10),
    e("w", "buys_compute_from", "y"),
    e("x", "invests_in", "q"),
]


def test_buyer_default_hurts_its_seller_not_its_investee():
    # x fails: y is owed 40 by x -> h_y = 40/75 = 0.5333; q is x's investee: not hurt.
    # R = 75 * (40/75) / 200 = 0.2; y's loss in USD = h_y * E_y = 40
    result = stress_test(GRAPH, "x")
    assert result.losses["y"] == pytest.approx(40 / 75)
    assert result.losses["q"] == 0 and result.losses["z"] == 0 and result.losses["w"] == 0
    assert result.rounds == {"x": 0, "y": 1}
    assert result.debtrank == pytest.approx(0.2)
    assert result.loss_usd("y") == pytest.approx(40)
    assert result.capacity == pytest.approx({"x": 65, "y": 75, "z": 10, "w": 25, "q": 25})
    assert result.ranking() == ["y"]
    [hit] = result.hits["y"]
    assert (hit.source, hit.exposure_usd, hit.imputed, hit.relations) == (
        "x",
        40,
        False,
        ["buys_compute_from"],
    )


def test_investee_default_hurts_investor_then_its_sellers():
    # q fails: x holds equity in q, imputed 25 -> h_x = 25/65 = 0.384615
    # round 2: x owes y 40 -> h_y = 40/75 * 25/65 = 0.205128
    result = stress_test(GRAPH, "q")
    assert result.losses["x"] == pytest.approx(25 / 65)
    assert result.losses["y"] == pytest.approx(40 / 75 * 25 / 65)
    assert result.rounds == {"q": 0, "x": 1, "y": 2}
    assert result.hits["x"][0].imputed
    # R = (65 * 25/65 + 75 * 40/75 * 25/65) / 200 = (25 + 15.3846) / 200
    assert result.debtrank == pytest.approx((25 + 40 * 25 / 65) / 200)
    assert any("median known amount" in n for n in result.notes)
    assert any("Capacity E" in n for n in result.notes)


def test_one_deal_under_two_relations_is_counted_once():
    # n invests 0.1 in c and holds a 3.3 stake in it: one equity claim of 3.3, not 3.4.
    # c also buys 5 of chips from n (backlog of n on c): n's exposure to c = 3.3 + 5 = 8.3
    # E_n = hop n->c (largest 3.3) + hop c->n (5) = 8.3 -> h_n = 1
    edges = [
        e("n", "invests_in", "c", 0.1),
        e("n", "holds_stake", "c", 3.3),
        e("c", "buys_chips_from", "n", 5),
    ]
    result = stress_test(edges, "c")
    [hit] = result.hits["n"]
    assert hit.exposure_usd == pytest.approx(8.3)
    assert set(hit.relations) == {"invests_in", "holds_stake", "buys_chips_from"}
    assert result.capacity["n"] == pytest.approx(8.3)
    assert result.losses["n"] == pytest.approx(1.0)


def test_haircut_and_as_of():
    # As of 2025-06-30 only the dated edge x -> y (40, 2025-01-10) exists:
    # E_y = 40, h_y = 0.5 * 40/40 = 0.5 with a haircut of 0.5.
    edges = [
        e("x", "buys_compute_from", "y", 40, date=dt.date(2025, 1, 10)),
        e("z", "buys_compute_from", "y", 60, date=dt.date(2025, 9, 1)),
    ]
    result = stress_test(edges, "x", haircut=0.5, as_of=dt.date(2025, 6, 30))
    assert result.losses == {"x": 0.5, "y": 0.5}
    assert any("As of 2025-06-30: 1 money-flow edges" in n for n in result.notes)
    # with both edges, E_y = 100: h_y = 0.5 * 40/100 = 0.2
    assert stress_test(edges, "x", haircut=0.5).losses["y"] == pytest.approx(0.2)


def test_no_amounts_at_all_means_equal_weights():
    # every edge counts 1: E_b = 2 (a->b, b->c), h_b = 1/2; E_c = 1, h_c = 1 * 0.5
    edges = [e("a", "buys_chips_from", "b"), e("b", "buys_power_from", "c")]
    result = stress_test(edges, "a")
    assert result.losses == {"a": 1.0, "b": 0.5, "c": 0.5}
    assert any("equal weights" in n for n in result.notes)


def test_org_without_edges():
    result = stress_test([e("a", "buys_chips_from", "b", 1)], "nobody")
    assert result.losses["nobody"] == 1.0 and result.debtrank == 0
    assert result.ranking() == []
    assert any("Nobody here is exposed to nobody" in n for n in result.notes)


def test_as_of_before_any_deal_keeps_the_names():
    edge = e("x", "buys_compute_from", "y", 40, date=dt.date(2025, 1, 10))
    edge = edge.model_copy(update={"source_name": "Xeno", "target_name": "Ymir"})
    result = stress_test([edge], "x", as_of=dt.date(2024, 12, 31))
    assert result.losses == {"x": 1.0} and result.ranking() == []
    assert result.names["x"] == "Xeno"
    assert "No money-flow edges here." in result.notes
    assert any(n.startswith("Shock: Xeno loses 100%") and "1 round)" in n for n in result.notes)

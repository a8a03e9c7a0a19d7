"""Loop search and ranking on hand-built graphs with known answers."""

from __future__ import annotations

import datetime as dt
import json
import random

import networkx as nx
import pytest

from graph.analysis.cycles import find_cycles
from graph.analysis.projection import flow_edges, money_flow_graph
from graph.model import Edge, Evidence


def e(s, r, t, usd=None, q="exact", date=None, status="announced"):
    ev = Evidence(
        article_id=f"{s}-{r}-{t}",
        start=0,
        end=1,
        amount_usd=usd,
        qualifier=q if usd else None,
        date=date,
        status=status,
    )
    return Edge(
        source=s, relation=r, target=t, source_name=s.upper(), target_name=t.upper(), evidence=[ev]
    )


WEB = [
    e("nvidia", "invests_in", "openai", 1e11, "up_to"),
    e("openai", "buys_compute_from", "oracle", 3e11, "about"),
    e("oracle", "buys_chips_from", "nvidia"),
    e("openai", "buys_chips_from", "nvidia"),
    e("amd", "warrant_for", "openai"),
    e("openai", "buys_chips_from", "amd"),
    e("nvidia", "capacity_backstop", "coreweave", 6.3e9),
    e("nvidia", "holds_stake", "coreweave", 3.3e9),
    e("coreweave", "buys_chips_from", "nvidia"),
    e("openai", "buys_compute_from", "coreweave", 6.5e9, "up_to"),
    e("openai", "buys_compute_from", "microsoft"),
    e("microsoft", "buys_compute_from", "coreweave"),
    e("meta", "buys_compute_from", "coreweave", 1.42e10, "up_to"),
    e("supermicro", "partners_with", "nvidia"),
    e("ark", "sells_stake", "amd", 334370),
]


def canon(nodes):
    i = nodes.index(min(nodes))
    return tuple(nodes[i:] + nodes[:i])


def test_the_loops_of_the_web_each_once():
    got = [tuple(c.nodes) for c in find_cycles(WEB)]
    assert len(got) == len(set(got))
    assert set(got) == {
        canon(["nvidia", "openai", "oracle"]),
        canon(["nvidia", "openai"]),
        canon(["amd", "openai"]),
        canon(["nvidia", "coreweave"]),
        canon(["nvidia", "openai", "coreweave"]),
        canon(["openai", "microsoft", "coreweave", "nvidia"]),
    }


def test_ranking_by_bottleneck_then_total_then_length():
    found = find_cycles(WEB)
    keys = [(c.bottleneck_usd, c.total_usd, c.length) for c in found]
    # Nvidia->OpenAI->Oracle: min(100B, 300B) = 100B, total 400B; Nvidia->OpenAI: 100B, 100B
    assert keys[0] == (1e11, 4e11, 3)
    assert keys[1] == (1e11, 1e11, 2)
    # unknown amounts do not lower a bottleneck: only Nvidia->OpenAI is known on this one
    assert (found[2].nodes, found[2].bottleneck_usd) == (
        ["coreweave", "nvidia", "openai", "microsoft"],
        1e11,
    )
    # OpenAI->CoreWeave (up to $6.5B) is the bottleneck here
    assert (found[3].nodes, found[3].bottleneck_usd) == (["coreweave", "nvidia", "openai"], 6.5e9)
    # the Nvidia->CoreWeave hop carries the largest of its backstop ($6.3B) and stake ($3.3B)
    assert (found[4].nodes, found[4].bottleneck_usd) == (["coreweave", "nvidia"], 6.3e9)
    # loops with no known amount come last
    assert found[-1].bottleneck_usd is None and found[-1].nodes == ["amd", "openai"]


def test_non_money_relations_and_denials_stay_out():
    edges = [e("a", "partners_with", "b"), e("b", "invests_in", "a"), e("a", "sells_stake", "b")]
    assert find_cycles(edges) == []
    denied = [e("a", "invests_in", "b", status="denied"), e("b", "invests_in", "a")]
    assert find_cycles(denied) == []
    assert (
        len(find_cycles([e("a", "invests_in", "b", status="reported"), e("b", "invests_in", "a")]))
        == 1
    )


def test_filters():
    assert {tuple(c.nodes) for c in find_cycles(WEB, through="oracle")} == {
        ("nvidia", "openai", "oracle")
    }
    assert find_cycles(WEB, through="meta") == []
    assert [c.nodes for c in find_cycles(WEB, min_usd=5e9)][:2] == [
        ["nvidia", "openai", "oracle"],
        ["nvidia", "openai"],
    ]
    assert all(c.bottleneck_usd >= 5e9 for c in find_cycles(WEB, min_usd=5e9))
    only = find_cycles(WEB, relations=["invests_in", "buys_chips_from"])
    assert {tuple(c.nodes) for c in only} == {("nvidia", "openai")}
    assert {len(c.nodes) for c in find_cycles(WEB, max_length=2)} == {2}
    assert [c.nodes for c in find_cycles(WEB, limit=2)] == [c.nodes for c in find_cycles(WEB)[:2]]


def test_dates():
    edges = [
        e("a", "invests_in", "b", date=dt.date(2025, 1, 5)),
        e("b", "buys_chips_from", "a", date=dt.date(2025, 9, 1)),
        e("b", "buys_compute_from", "c"),
        e("c", "buys_chips_from", "a", date=dt.date(2024, 3, 1)),
    ]
    assert len(find_cycles(edges)) == 2
    # undated edges stay in a since/until window; dated ones outside it go
    assert [c.nodes for c in find_cycles(edges, since=dt.date(2025, 1, 1))] == [["a", "b"]]
    assert len(find_cycles(edges, until=dt.date(2025, 6, 30))) == 1
    # as_of keeps only what was dated by then
    assert [c.nodes for c in find_cycles(edges, as_of=dt.date(2025, 12, 31))] == [["a", "b"]]
    assert find_cycles(edges, as_of=dt.date(2025, 6, 1)) == []
    (loop,) = find_cycles(edges, as_of=dt.date(2025, 12, 31))
    assert loop.closed_on == dt.date(2025, 9, 1)


def test_json_shape():
    (first,) = find_cycles(WEB, limit=1)
    data = first.to_dict()
    assert data["nodes"] == ["NVIDIA", "OPENAI", "ORACLE"]
    assert data["bottleneck_usd"] == 1e11
    assert [(x["source_name"], x["relation"], x["target_name"]) for x in data["edges"]] == [
        ("NVIDIA", "invests_in", "OPENAI"),
        ("OPENAI", "buys_compute_from", "ORACLE"),
        ("ORACLE", "buys_chips_from", "NVIDIA"),
    ]
    assert all(x["evidence"] for x in data["edges"])


def test_encoded_loops_are_the_text_of_their_json_shape():
    loops = find_cycles(WEB + [e("oracle", "lends_to", "openai", 2e9)])
    texts: dict = {}
    for loop in loops:  # edges on several loops come from the shared texts
        expected = json.dumps(loop.to_dict(), ensure_ascii=False, default=str)
        assert loop.to_json(texts) == expected
    assert len(texts) < sum(len(hop.edges) for loop in loops for hop in loop.hops)


def test_max_length_must_make_sense():
    with pytest.raises(ValueError, match="at least 2"):
        find_cycles(WEB, max_length=1)


@pytest.mark.parametrize("seed", range(5))
def test_same_loops_as_networkx_on_random_graphs(seed):
    rng = random.Random(seed)
    nodes = [f"n{i}" for i in range(12)]
    edges = [
        e(
            a,
            rng.choice(["invests_in", "lends_to", "buys_chips_from"]),
            b,
            rng.choice([None, 1e9, 5e9]),
        )
        for a in nodes
        for b in nodes
        if a != b and rng.random() < 0.2
    ]
    graph = money_flow_graph(edges)
    expected = {canon(c) for c in nx.simple_cycles(graph, length_bound=4)}
    assert {tuple(c.nodes) for c in find_cycles(edges, max_length=4)} == expected
    assert len(flow_edges(edges)) == len(edges)

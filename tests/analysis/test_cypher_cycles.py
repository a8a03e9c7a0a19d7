"""The Cypher loop engine returns exactly what networkx returns, on the real Neo4j."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from graph.analysis.cycles import find_cycles
from graph.analysis.cypher_cycles import find_cycles_cypher, normalise_cycle
from graph.analysis.projection import money_flow_graph
from graph.model import RELATIONS, Edge, Evidence
from graph.store.neo4j import Neo4jStore
from tests.conftest import SEEDS, run_cli

pytestmark = pytest.mark.neo4j

STATUSES = ["announced", "announced", "completed", "reported", "denied", "superseded"]


def random_edges(seed: int, nodes: int, edges: int) -> list[Edge]:
    """A random multigraph of every relation and status, self-loops included."""
    rng = random.Random(seed)
    out: dict[tuple[str, str, str], Edge] = {}
    for n in range(edges):
        source, target = rng.randrange(nodes), rng.randrange(nodes)
        if source == target and rng.random() < 0.8:
            continue
        relation = rng.choice(list(RELATIONS))
        ev = Evidence(article_id=f"a{n}", start=0, end=1, status=rng.choice(STATUSES))
        key = (f"n{source:03d}", relation, f"n{target:03d}")
        out[key] = Edge(source=key[0], relation=relation, target=key[2], evidence=[ev])  # type: ignore[arg-type]
    return list(out.values())


def networkx_cycles(edges: list[Edge], max_length: int, **filters: object) -> set[tuple[str, ...]]:
    graph = money_flow_graph(edges, **filters)
    return {tuple(normalise_cycle(c)) for c in nx.simple_cycles(graph, length_bound=max_length)}


@pytest.mark.parametrize(
    ("seed", "nodes", "edges", "max_length"),
    [(1, 8, 30, 4), (2, 15, 60, 5), (3, 25, 90, 6), (4, 40, 120, 6), (5, 12, 70, 3)],
)
def test_random_graphs_match_networkx(neo4j_store, seed, nodes, edges, max_length):
    graph_edges = random_edges(seed, nodes, edges)
    neo4j_store.write(None, graph_edges, [])
    expected = networkx_cycles(graph_edges, max_length)
    got = find_cycles_cypher(neo4j_store, max_length=max_length)
    assert len(got) == len(set(map(tuple, got)))  # each loop once
    assert set(map(tuple, got)) == expected
    assert expected, "the graph should have loops, or the test proves little"
    # the lead engine on the same store agrees too
    assert {
        tuple(c.nodes) for c in find_cycles(neo4j_store.edges(), max_length=max_length)
    } == expected

    # anchored at each organization on a loop: exactly the loops through it
    for node in sorted({n for c in expected for n in c})[:6]:
        through = find_cycles_cypher(neo4j_store, max_length=max_length, through=node)
        assert set(map(tuple, through)) == {c for c in expected if node in c}


def test_relation_filter_and_bounds(neo4j_store):
    graph_edges = random_edges(7, 12, 80)
    neo4j_store.write(None, graph_edges, [])
    relations = ["invests_in", "buys_chips_from", "partners_with"]
    got = find_cycles_cypher(neo4j_store, max_length=4, relations=relations)
    assert set(map(tuple, got)) == networkx_cycles(graph_edges, 4, relations=relations)
    assert find_cycles_cypher(neo4j_store, relations=["partners_with", "sells_stake"]) == []
    assert find_cycles_cypher(neo4j_store, through="nobody") == []
    with pytest.raises(ValueError, match="between 1 and 12"):
        find_cycles_cypher(neo4j_store, max_length=13)
    with pytest.raises(ValueError, match="unknown relation 'gifts_to'"):
        find_cycles_cypher(neo4j_store, relations=["gifts_to"])


def test_accepts_a_plain_driver(neo4j_store):
    graph_edges = random_edges(9, 10, 50)
    neo4j_store.write(None, graph_edges, [])
    via_driver = find_cycles_cypher(neo4j_store.driver, max_length=5)
    assert via_driver == find_cycles_cypher(neo4j_store, max_length=5)


@pytest.mark.slow
def test_seed_loops_match_networkx(neo4j_clean):
    loaded = run_cli("load", str(SEEDS), "--neo4j", neo4j_clean)
    assert loaded.returncode == 0, loaded.stderr
    with Neo4jStore(neo4j_clean) as store:
        edges = store.edges()
        expected = networkx_cycles(edges, 6)
        assert len(expected) >= 5, "the seeds hold several loops"
        got = find_cycles_cypher(store, max_length=6)
        assert set(map(tuple, got)) == expected
        for company in ("nvidia", "openai"):
            through = find_cycles_cypher(store, max_length=6, through=company)
            assert set(map(tuple, through)) == {c for c in expected if company in c}
    # and the CLI's Cypher engine gives the same report as networkx
    by_cypher = run_cli("cycles", "--engine", "cypher", "--format", "json", "--neo4j", neo4j_clean)
    by_networkx = run_cli("cycles", "--format", "json", "--neo4j", neo4j_clean)
    assert by_cypher.returncode == by_networkx.returncode == 0, by_cypher.stderr
    assert by_cypher.stdout == by_networkx.stdout

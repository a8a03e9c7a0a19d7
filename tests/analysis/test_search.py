"""The fast bounded cycle search returns exactly what networkx's reference returns."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Hashable, Iterable
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.analysis.search import bounded_simple_cycles
from tests.conftest import run_cli


def canonical(cycles: Iterable[list[Hashable]]) -> Counter[tuple[Hashable, ...]]:
    """Each cycle rotated to start at its smallest node, counted (so duplicates show)."""
    out: Counter[tuple[Hashable, ...]] = Counter()
    for cycle in cycles:
        first = cycle.index(min(cycle))  # type: ignore[type-var]
        out[tuple(cycle[first:] + cycle[:first])] += 1
    return out


def reference(graph: nx.DiGraph, bound: int) -> Counter[tuple[Hashable, ...]]:
    return canonical(nx.simple_cycles(graph, length_bound=bound))


@st.composite
def digraphs(draw: st.DrawFn) -> nx.DiGraph:
    """Random digraphs: sparse ones up to 16 nodes, dense ones smaller, maybe self-loops."""
    density = draw(st.sampled_from([0.05, 0.1, 0.2, 0.35, 0.6, 1.0]))
    most = 16 if density <= 0.2 else 10 if density <= 0.35 else 7
    n = draw(st.integers(min_value=0, max_value=most))
    graph = nx.DiGraph()
    graph.add_nodes_from(range(n))
    rng = draw(st.randoms(use_true_random=False))
    graph.add_edges_from((u, v) for u in range(n) for v in range(n) if rng.random() < density)
    loops = draw(st.lists(st.integers(min_value=0, max_value=max(n - 1, 0)), max_size=3))
    graph.add_edges_from((v, v) for v in loops if n)
    return graph


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graph=digraphs(), bound=st.integers(min_value=1, max_value=7))
def test_same_cycles_as_networkx(graph: nx.DiGraph, bound: int) -> None:
    found = canonical(bounded_simple_cycles(graph, bound))
    assert found == reference(graph, bound)
    assert all(count == 1 for count in found.values())


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(min_value=20, max_value=120),
    degree=st.floats(min_value=1.0, max_value=4.0),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
    bound=st.integers(min_value=2, max_value=6),
)
def test_same_cycles_on_larger_random_graphs(n: int, degree: float, seed: int, bound: int) -> None:
    graph = nx.gnm_random_graph(n, int(n * degree), seed=seed, directed=True)
    assert canonical(bounded_simple_cycles(graph, bound)) == reference(graph, bound)


@pytest.mark.parametrize("bound", [2, 3, 4, 5, 6])
def test_same_cycles_on_a_scale_free_graph(bound: int) -> None:
    graph = nx.DiGraph(nx.scale_free_graph(300, seed=11))  # hubs, reciprocal edges, self-loops
    assert canonical(bounded_simple_cycles(graph, bound)) == reference(graph, bound)


def test_labels_of_any_hashable_type() -> None:
    graph = nx.DiGraph([("nvidia", "openai"), ("openai", ("oracle", 1)), (("oracle", 1), "nvidia")])
    graph.add_edge("openai", "nvidia")
    assert sorted(sorted(map(str, c)) for c in bounded_simple_cycles(graph, 6)) == [
        ["('oracle', 1)", "nvidia", "openai"],
        ["nvidia", "openai"],
    ]


def test_multigraph_parallel_edges_count_once() -> None:
    graph = nx.MultiDiGraph([(0, 1), (0, 1), (1, 0), (1, 1), (1, 1)])
    assert canonical(bounded_simple_cycles(graph, 3)) == reference(graph, 3)


def test_bound_zero_and_negative() -> None:
    graph = nx.DiGraph([(0, 0), (0, 1), (1, 0)])
    assert list(bounded_simple_cycles(graph, 0)) == []
    assert list(bounded_simple_cycles(graph, 1)) == [[0]]
    with pytest.raises(ValueError, match="non-negative"):
        list(bounded_simple_cycles(graph, -1))


def test_undirected_graphs_are_refused() -> None:
    with pytest.raises(nx.NetworkXNotImplemented):
        list(bounded_simple_cycles(nx.Graph([(0, 1)]), 3))


def test_long_cycles_do_not_recurse() -> None:
    ring = nx.cycle_graph(5000, create_using=nx.DiGraph)
    assert [len(c) for c in bounded_simple_cycles(ring, 5000)] == [5000]
    assert list(bounded_simple_cycles(ring, 4999)) == []


def test_progress_reports_every_start_node() -> None:
    graph = nx.DiGraph([(0, 1), (1, 2), (2, 0), (2, 3), (3, 4)])  # 3 and 4 are on no cycle
    calls: list[tuple[int, int]] = []
    cycles = list(bounded_simple_cycles(graph, 3, progress=lambda d, t: calls.append((d, t))))
    assert len(cycles) == 1
    assert calls == [(1, 3), (2, 3), (3, 3)]


def test_acyclic_graph_gives_nothing() -> None:
    dag = nx.gnp_random_graph(400, 0.05, seed=3, directed=True)
    dag = nx.DiGraph((u, v) for u, v in dag.edges() if u < v)
    assert list(bounded_simple_cycles(dag, 6)) == []


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_cycles_command_shows_progress_on_a_terminal_only(tmp_path: Path) -> None:
    deals = tmp_path / "deals.csv"
    deals.write_text(
        "source,relation,target,amount_usd\n"
        "Nvidia,invests_in,OpenAI,1e11\nOpenAI,buys_compute_from,Oracle,3e11\n"
        "Oracle,buys_chips_from,Nvidia,4e10\n",
        encoding="utf-8",
    )
    workspace = tmp_path / "ws"
    assert run_cli("load", str(deals), workspace=workspace).returncode == 0
    piped = run_cli("cycles", "--format", "json", workspace=workspace)
    assert piped.returncode == 0 and piped.stderr == ""
    assert [c["ids"] for c in json.loads(piped.stdout)] == [["nvidia", "openai", "oracle"]]

    import pty

    main, terminal = pty.openpty()
    env = {**os.environ, "DEALGRAPH_HOME": str(workspace), "PYTHONIOENCODING": "utf-8"}
    env.pop("NEO4J_URI", None)
    child = subprocess.run(
        [sys.executable, "-m", "graph.cli", "cycles", "--limit", "5", "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=terminal,
        env=env,
        timeout=300,
        check=False,
    )
    os.close(terminal)
    shown = b""
    with contextlib.suppress(OSError):  # EIO once the terminal's other end is closed
        while chunk := os.read(main, 65536):
            shown += chunk
    os.close(main)
    assert child.returncode == 0
    assert json.loads(child.stdout) == json.loads(piped.stdout)
    assert b"searching for loops" in shown

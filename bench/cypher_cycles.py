"""Time loop enumeration in Cypher against networkx, on random graphs of growing size.

For each size (``--sizes`` edges; 5 edges per node) a random money-flow
multigraph is written into Neo4j (bare relationships with a status, written
directly: loading is not what is timed here), and every loop of at most
``--bounds`` hops is enumerated by:

* **networkx**: the default engine of ``dealgraph cycles``,
  :func:`graph.analysis.search.bounded_simple_cycles` on the networkx
  money-flow projection (:func:`graph.analysis.projection.money_flow_graph`),
  which returns the same loops as ``networkx.simple_cycles(G, length_bound=k)``
  (``bench/cycles.py`` checks that) much faster;
* **cypher**: :func:`graph.analysis.cypher_cycles.find_cycles_cypher`,
  unanchored, stopped by Neo4j after ``--cap`` seconds (shown as "> cap");
* **cypher --through**: the same anchored at the organization with the most
  money-flow relationships, and networkx's answer filtered to that node for
  comparison.

Every finished Cypher answer is checked against networkx (same loops); a
mismatch exits 1. The server is the embedded launcher of
``tests/neo4j_server`` started for this run, or ``--uri`` (its dealgraph data
is reset!).

Usage::

    .venv/bin/python bench/cypher_cycles.py
    .venv/bin/python bench/cypher_cycles.py --sizes 1000 10000 --bounds 4 6 --cap 30
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.analysis.cypher_cycles import find_cycles_cypher, normalise_cycle  # noqa: E402
from graph.analysis.projection import money_flow_graph  # noqa: E402
from graph.analysis.search import bounded_simple_cycles  # noqa: E402
from graph.errors import QueryError  # noqa: E402
from graph.model import RELATIONS, Edge, Evidence  # noqa: E402
from graph.store.neo4j import Neo4jStore  # noqa: E402
from graph.store.neo4j_schema import CREATE_EDGE, SCHEMA  # noqa: E402

__all__ = ["main", "random_graph"]

FLOW = [name for name, rel in RELATIONS.items() if rel.money_flows]


def random_graph(edges: int, seed: int = 42) -> list[Edge]:
    """``edges`` random money-flow edges between ``edges / 5`` organizations, no self-loops."""
    rng = random.Random(seed)
    nodes = max(edges // 5, 3)
    out: dict[tuple[str, str, str], Edge] = {}
    ev = Evidence(article_id="bench", start=0, end=1)
    while len(out) < edges:
        source, target = rng.sample(range(nodes), 2)
        relation = rng.choice(FLOW)
        key = (f"o{source:06d}", relation, f"o{target:06d}")
        if key not in out:
            out[key] = Edge(source=key[0], relation=relation, target=key[2], evidence=[ev])  # type: ignore[arg-type]
    return list(out.values())


def load(store: Neo4jStore, edges: list[Edge]) -> None:
    """Bare organizations and relationships (status only), straight into the graph."""
    store.reset()
    nodes = sorted({e.source for e in edges} | {e.target for e in edges})
    with store.driver.session(database=store.database) as session:
        for start in range(0, len(nodes), 20_000):
            rows = [{"id": n, "name": n} for n in nodes[start : start + 20_000]]
            session.run(
                "UNWIND $rows AS row CREATE (o:Organization) SET o = row", rows=rows
            ).consume()
        for statement in SCHEMA:
            session.run(statement).consume()
        by_relation: dict[str, list[dict[str, object]]] = {}
        for e in edges:
            row = {"source": e.source, "target": e.target, "props": {"status": e.status}}
            by_relation.setdefault(e.relation, []).append(row)
        for relation, rows in by_relation.items():
            for start in range(0, len(rows), 20_000):
                session.run(CREATE_EDGE[relation], rows=rows[start : start + 20_000]).consume()


def timed_cypher(store: Neo4jStore, bound: int, cap: float, through: str | None = None):
    started = time.perf_counter()
    try:
        cycles = find_cycles_cypher(store, max_length=bound, through=through, timeout=cap)
    except QueryError as exc:
        if "longer than" not in str(exc):
            raise
        return None, None
    return time.perf_counter() - started, {tuple(c) for c in cycles}


def fmt(seconds: float | None, cap: float) -> str:
    return f"> {cap:g} s" if seconds is None else f"{seconds:.2f} s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2_000, 10_000, 50_000])
    parser.add_argument("--bounds", type=int, nargs="+", default=[4, 6])
    parser.add_argument(
        "--cap", type=float, default=60.0, help="seconds before Neo4j stops a query"
    )
    parser.add_argument("--uri", help="an existing server (its dealgraph data is reset)")
    args = parser.parse_args(argv)

    launcher = None
    if args.uri is None:
        from tests.neo4j_fixture import start_launcher

        launcher = start_launcher(Path(tempfile.mkdtemp(prefix="dealgraph-bench-")) / "home")
    uri = args.uri or (launcher.uri if launcher else "")
    failed = False
    columns = ("edges", 7), ("k", 2), ("loops", 8), ("networkx", 10), ("cypher", 10)
    print(" ".join(f"{name:>{width}}" for name, width in columns), "  anchored  loops@")
    try:
        with Neo4jStore(uri) as store:
            for size in args.sizes:
                edges = random_graph(size)
                load(store, edges)
                graph = money_flow_graph(edges)
                hub = Counter(e.source for e in edges) + Counter(e.target for e in edges)
                anchor = hub.most_common(1)[0][0]
                for bound in args.bounds:
                    started = time.perf_counter()
                    expected = {
                        tuple(normalise_cycle(c)) for c in bounded_simple_cycles(graph, bound)
                    }
                    nx_s = time.perf_counter() - started
                    all_s, got = timed_cypher(store, bound, args.cap)
                    one_s, through = timed_cypher(store, bound, args.cap, through=anchor)
                    if got is not None and got != expected:
                        print(f"MISMATCH: {size} edges, bound {bound}", file=sys.stderr)
                        failed = True
                    if through is not None and through != {c for c in expected if anchor in c}:
                        print(f"MISMATCH (through): {size} edges, bound {bound}", file=sys.stderr)
                        failed = True
                    print(
                        f"{size:>7} {bound:>2} {len(expected):>8} {nx_s:>8.2f} s"
                        f" {fmt(all_s, args.cap):>10} {fmt(one_s, args.cap):>10}"
                        f" {len(through or ()):>7}",
                        flush=True,
                    )
    finally:
        if launcher is not None:
            launcher.stop()
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())

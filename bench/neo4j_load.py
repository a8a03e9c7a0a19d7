"""Load synthetic edges into Neo4j: the batched writer against one transaction per edge.

Builds ``--edges`` synthetic edges (default 100,000; five per article, one
quoted evidence row each, between ``--orgs`` organizations), then, in the same
run and on the same server:

* **batched**: :meth:`graph.store.neo4j.Neo4jStore.write_many`, the path
  ``dealgraph load --neo4j`` takes (``UNWIND $rows`` statements, one
  transaction per chunk of about ``--batch`` evidence rows), on all edges;
* **ceiling**: how fast this server creates bare nodes from the same evidence
  property maps with nothing else to do (an upper bound for any writer here);
* **naive**: one transaction per edge, each writing its two organizations,
  its evidence (linked to its article) and its relationship with single-row
  parameterised statements, on the first ``--naive-sample`` edges of a fresh
  id range (it is slow: the sample keeps the run short; its rate is edges per
  second over the sample, not extrapolated beyond that).

Both write the same graph model. Building the pydantic models is not timed;
everything the store does in Python is. The server is the embedded launcher of
``tests/neo4j_server`` started for this run (its data in a temporary folder),
or ``--uri`` for one you run yourself (its dealgraph data is reset!).

Usage::

    .venv/bin/python bench/neo4j_load.py                    # 100k edges
    .venv/bin/python bench/neo4j_load.py --edges 20000 --naive-sample 500
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.model import RELATIONS, Article, Edge, Evidence, Organization  # noqa: E402
from graph.store.neo4j import Neo4jStore  # noqa: E402
from graph.store.neo4j_schema import edge_props, evidence_props  # noqa: E402

__all__ = ["main", "synthetic_items"]

Item = tuple[Article, list[Edge], list[Organization]]


def synthetic_items(edges: int, orgs: int, *, seed: int = 7, prefix: str = "") -> list[Item]:
    """Articles of five edges each, with amounts, dates and a quote per edge."""
    rng = random.Random(seed)
    relations = list(RELATIONS)
    organizations = [
        Organization(id=f"{prefix}org-{i}", name=f"Organization {i}") for i in range(orgs)
    ]
    items: list[Item] = []
    for n in range(0, edges, 5):
        article = Article(id=f"{prefix}art-{n // 5:06d}", title=f"Article {n // 5}", body="...")
        batch = []
        for k in range(min(5, edges - n)):
            source, target = rng.sample(range(orgs), 2)
            quote = f"Organization {source} pays Organization {target} ${rng.randint(1, 900)}M"
            ev = Evidence(
                article_id=article.id,
                article_title=article.title,
                quote=quote,
                start=k * 100,
                end=k * 100 + len(quote),
                amount_usd=rng.randint(1, 900) * 1e6,
                amount_text=quote.rsplit(" ", 1)[-1],
                qualifier="exact",
                date=f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                extractor="bench/1",
            )
            batch.append(
                Edge(
                    source=f"{prefix}org-{source}",
                    relation=rng.choice(relations),  # type: ignore[arg-type]
                    target=f"{prefix}org-{target}",
                    evidence=[ev],
                )
            )
        used = sorted({e.source for e in batch} | {e.target for e in batch})
        items.append((article, batch, [organizations[int(u.rsplit("-", 1)[1])] for u in used]))
    return items


def naive_load(store: Neo4jStore, items: list[Item], limit: int) -> int:
    """One transaction per edge with single-row statements; returns the edges written."""
    written = 0
    with store.driver.session(database=store.database) as session:
        for article, edges, organizations in items:
            names = {o.id: o.name for o in organizations}
            session.execute_write(
                lambda tx, a=article: tx.run(
                    "MERGE (a:Article {id: $id}) SET a.title = $title, a.body = $body",
                    id=a.id,
                    title=a.title,
                    body=a.body,
                ).consume()
            )
            for edge in edges:
                if written >= limit:
                    return written
                session.execute_write(_naive_edge, edge, names)
                written += 1
    return written


def _naive_edge(tx: Any, edge: Edge, names: dict[str, str]) -> None:
    from graph.store.neo4j_schema import MERGE_EDGE

    for org_id in (edge.source, edge.target):
        tx.run("MERGE (o:Organization {id: $id}) SET o.name = $name", id=org_id, name=names[org_id])
    ids = []
    for ev in edge.evidence:
        props = evidence_props(edge.key, ev)
        ids.append(props["id"])
        tx.run(
            "MERGE (e:Evidence {id: $props.id}) SET e = $props WITH e "
            "MATCH (a:Article {id: $props.articleId}) MERGE (e)-[:FROM]->(a)",
            props=props,
        )
    row = {"source": edge.source, "target": edge.target}
    row["props"] = edge_props(edge.relation, edge.evidence, ids)  # type: ignore[assignment]
    tx.run(MERGE_EDGE[edge.relation], rows=[row])


def server_ceiling(store: Neo4jStore, items: list[Item], rows: int) -> float:
    """Nodes per second the server creates from the same evidence rows, with no other work.

    The upper bound any writer of this model can reach on this machine: one
    ``UNWIND ... CREATE`` per chunk of evidence property maps, no lookups, no
    relationships, no index but the label's.
    """
    props = [evidence_props(e.key, ev) for _, edges, _ in items for e in edges for ev in e.evidence]
    props = props[:rows]
    started = time.perf_counter()
    with store.driver.session(database=store.database) as session:
        for start in range(0, len(props), 5_000):
            chunk = props[start : start + 5_000]
            session.execute_write(
                lambda tx, c=chunk: tx.run(
                    "UNWIND $rows AS row CREATE (e:BenchCeiling) SET e = row", rows=c
                ).consume()
            )
    seconds = time.perf_counter() - started
    with store.driver.session(database=store.database) as session:
        session.run(
            "MATCH (n:BenchCeiling) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS"
        ).consume()
    return len(props) / seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edges", type=int, default=100_000)
    parser.add_argument("--orgs", type=int, default=5_000)
    parser.add_argument("--batch", type=int, default=5_000, help="evidence rows per transaction")
    parser.add_argument("--naive-sample", type=int, default=2_000)
    parser.add_argument("--uri", help="an existing server (its dealgraph data is reset)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    launcher = None
    if args.uri is None:
        from tests.neo4j_fixture import start_launcher

        home = Path(tempfile.mkdtemp(prefix="dealgraph-bench-")) / "home"
        started = time.perf_counter()
        launcher = start_launcher(home, pagecache_mb=512)
        print(f"launcher ready in {time.perf_counter() - started:.1f}s", file=sys.stderr)
    uri = args.uri or (launcher.uri if launcher else "")
    try:
        items = synthetic_items(args.edges, args.orgs)
        sample = synthetic_items(args.naive_sample, args.orgs, seed=8, prefix="naive-")
        with Neo4jStore(uri) as store:
            store.reset()
            store.write_many(synthetic_items(5_000, 500, seed=9, prefix="warm-"))  # JIT warm-up
            store.reset()

            started = time.perf_counter()
            store.write_many(items, batch_size=args.batch)
            batched_s = time.perf_counter() - started
            counts = store.counts()

            started = time.perf_counter()
            naive_edges = naive_load(store, sample, args.naive_sample)
            naive_s = time.perf_counter() - started
            ceiling = server_ceiling(store, items, min(args.edges, 50_000))
    finally:
        if launcher is not None:
            launcher.stop()

    figures = {
        "edges": args.edges,
        "stored": counts.as_dict(),
        "batched_seconds": round(batched_s, 2),
        "batched_edges_per_s": round(args.edges / batched_s),
        "naive_edges": naive_edges,
        "naive_seconds": round(naive_s, 2),
        "naive_edges_per_s": round(naive_edges / naive_s),
    }
    figures["speedup"] = round(figures["batched_edges_per_s"] / figures["naive_edges_per_s"], 1)
    figures["server_ceiling_nodes_per_s"] = round(ceiling)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(
            f"batched: {args.edges:,} edges in {batched_s:.1f}s = "
            f"{figures['batched_edges_per_s']:,} edges/s (batch {args.batch} rows)\n"
            f"naive:   {naive_edges:,} edges in {naive_s:.1f}s = "
            f"{figures['naive_edges_per_s']:,} edges/s (one transaction per edge)\n"
            f"speed-up: {figures['speedup']}x; stored {counts.as_dict()}\n"
            f"server ceiling: {figures['server_ceiling_nodes_per_s']:,} bare evidence nodes/s "
            "(the same property maps, created with nothing else to do)"
        )
    ok = counts.evidence == args.edges
    if not ok:
        print(
            f"error: stored {counts.evidence} evidence rows, expected {args.edges}", file=sys.stderr
        )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""Load synthetic edges into Neo4j: the project's write path next to a bare MERGE baseline.

Builds synthetic edges (five per article, one quoted evidence row each,
between ``--orgs`` organizations) at each size of ``--edges`` (default 20,000
and 100,000), then, in the same run and on the same server, ``--runs`` times
each (medians):

* **project**: :meth:`graph.store.neo4j.Neo4jStore.write_many`, the path
  ``dealgraph load --neo4j`` takes, into an empty store: organizations,
  articles, and the typed relationship with its headline and its evidence
  lists (ids, quotes, article ids, the rest as JSON);
* **reload**: the same items again into that store: nothing may change
  (counts, and every write result empty), timed as well;
* **evidence as nodes**: the layout the store had before, measured as the
  alternative: the same organizations, articles and relationships (headline
  and evidence ids), plus an ``Evidence`` node per quote (unique id, indexed
  ``articleId``) linked ``FROM`` its article, written as a fresh load at its
  best (the same chunks, one statement per chunk, no reads);
* **baseline**: after a reset, the bare ``UNWIND $rows MERGE (a:Organization
  {id}) MERGE (b:Organization {id}) MERGE (a)-[r:TYPE]->(b) SET r += row.props``
  (the same relationship properties, no articles, no evidence nodes) in
  batches of 10,000 rows, one statement per relation type.

``--batches`` also times the project's path at several chunk sizes (evidence
rows per transaction) on the smallest size, to choose the default. Building
the pydantic models is not timed; everything the store does in Python is. Each
project and baseline load starts with its statements compiled by the server
(:func:`warm_up`, after every schema change). The
server is the embedded launcher of ``tests/neo4j_server`` started for this run
(its data in a temporary folder), or ``--uri`` for one you run yourself (its
dealgraph data is reset!).

Usage::

    .venv/bin/python bench/neo4j_load.py                       # 20k and 100k, 3 runs
    .venv/bin/python bench/neo4j_load.py --edges 20000 --runs 1 --batches 2000 5000 10000
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.model import RELATIONS, Article, Edge, Evidence, Organization  # noqa: E402
from graph.store.neo4j import Neo4jStore  # noqa: E402
from graph.store.neo4j_schema import (  # noqa: E402
    article_props,
    edge_props,
    evidence_id,
    organization_props,
    to_props,
)

__all__ = ["main", "synthetic_items", "warm_up"]

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


BASELINE = """UNWIND $rows AS row
MERGE (a:Organization {id: row.source})
MERGE (b:Organization {id: row.target})
MERGE (a)-[r:REL_TYPE]->(b)
SET r += row.props"""


def baseline_load(store: Neo4jStore, items: list[Item], batch: int = 10_000) -> None:
    """The bare MERGE of each edge's two organizations and its relationship, batched."""
    rows: dict[str, list[dict[str, Any]]] = {}
    for _, edges, _ in items:
        for e in edges:
            ids = [evidence_id(*e.key, ev) for ev in e.evidence]
            rows.setdefault(e.relation, []).append(
                {
                    "source": e.source,
                    "target": e.target,
                    "props": edge_props(e.relation, e.evidence, ids),
                }
            )
    flat = [(relation, row) for relation, group in rows.items() for row in group]
    with store.driver.session(database=store.database) as session:
        for start in range(0, len(flat), batch):
            by_type: dict[str, list[dict[str, Any]]] = {}
            for relation, row in flat[start : start + batch]:
                by_type.setdefault(relation, []).append(row)

            def work(tx: Any, groups: dict[str, list[dict[str, Any]]] = by_type) -> None:
                for relation, group in groups.items():
                    statement = BASELINE.replace(  # cypher: fixed RELATIONS
                        "REL_TYPE", RELATIONS[relation].neo4j_type
                    )
                    tx.run(statement, rows=group).consume()

            session.execute_write(work)


_NODE_SCHEMA = (
    "CREATE CONSTRAINT bench_evidence_id IF NOT EXISTS FOR (n:Evidence) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX bench_evidence_article IF NOT EXISTS FOR (n:Evidence) ON (n.articleId)",
)
_NODE_SCHEMA_DROP = (
    "DROP CONSTRAINT bench_evidence_id IF EXISTS",
    "DROP INDEX bench_evidence_article IF EXISTS",
)
_NODES_CHUNK = "\n".join(  # cypher: fixed RELATIONS
    [
        "CALL () { UNWIND $orgs AS row CREATE (n:Organization) SET n = row }",
        "CALL () { UNWIND $articles AS row CREATE (a:Article) SET a = row }",
        "CALL () { UNWIND $evidence AS row MATCH (a:Article {id: row.article}) "
        "UNWIND row.rows AS p CREATE (e:Evidence)-[:FROM]->(a) SET e = p }",
        *(
            f"CALL () {{ UNWIND $created.{name} AS row "  # cypher: fixed RELATIONS
            "MATCH (s:Organization {id: row.source}) MATCH (t:Organization {id: row.target}) "
            f"CREATE (s)-[r:{rel.neo4j_type}]->(t) SET r = row.props }}"  # cypher: fixed
            for name, rel in RELATIONS.items()
        ),
    ]
)


def nodes_load(store: Neo4jStore, items: list[Item], batch: int) -> None:
    """The evidence-as-nodes layout as a fresh load: chunks of about ``batch`` evidence rows.

    Items are chunked as the store chunks them; nothing is read. (An edge
    stated again in a later chunk would get a second relationship: a handful
    among these random edges, for timing only.)
    """
    written: set[str] = set()
    with store.driver.session(database=store.database) as session:
        for statement in _NODE_SCHEMA:
            session.run(statement).consume()
        for start in range(0, len(items), max(1, batch // 5)):
            chunk = items[start : start + max(1, batch // 5)]
            orgs = []
            for _, _, organizations in chunk:
                for o in organizations:
                    if o.id not in written:
                        written.add(o.id)
                        orgs.append(organization_props(o))
            per_key: dict[tuple[str, str, str], list[Evidence]] = {}
            for _, edges, _ in chunk:
                for e in edges:
                    per_key.setdefault(e.key, []).extend(e.evidence)
            created: dict[str, list[dict[str, Any]]] = {name: [] for name in RELATIONS}
            by_article: dict[str, list[dict[str, Any]]] = {}
            for key, evidence in per_key.items():
                source, relation, target = key
                evidence.sort(key=lambda ev: ev.key)
                ids = [evidence_id(*key, ev) for ev in evidence]
                for ev_id, ev in zip(ids, evidence, strict=True):
                    props = to_props(ev)
                    props.update(id=ev_id, source=source, relation=relation, target=target)
                    by_article.setdefault(ev.article_id, []).append(props)
                row = {"source": source, "target": target}
                row["props"] = edge_props(relation, evidence, ids)
                created[relation].append(row)
            params = {
                "orgs": orgs,
                "articles": [article_props(a) for a, _, _ in chunk],
                "evidence": [{"article": a, "rows": rows} for a, rows in by_article.items()],
                "created": created,
            }
            session.execute_write(lambda tx, p=params: tx.run(_NODES_CHUNK, p).consume())


def _drop_node_schema(store: Neo4jStore) -> None:
    with store.driver.session(database=store.database) as session:
        for statement in _NODE_SCHEMA_DROP:
            session.run(statement).consume()


def warm_up(store: Neo4jStore, edges: int = 200) -> None:
    """Run both write paths once, untimed, and empty the store.

    Neo4j plans (compiles) a statement on its first run and again after any
    schema change, such as the evidence-as-nodes layout's constraint and index
    coming and going between the timed loads: measured, 1.0-1.6 s for the
    project's one statement per chunk and 0.6-0.7 s for the baseline's, which
    would fall on whichever load came next. Each timed load starts warm.
    """
    store.reset()
    store.write_many(synthetic_items(edges, max(10, edges // 10), seed=9, prefix="warm-"))
    store.reset()
    baseline_load(store, synthetic_items(edges, max(10, edges // 10), seed=9, prefix="warm-"))
    store.reset()


def _timed(action: Any) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def measure(store: Neo4jStore, edges: int, orgs: int, runs: int, batch: int) -> dict[str, Any]:
    """Project, reload and baseline at one size: medians of ``runs``."""
    items = synthetic_items(edges, orgs)
    project: list[float] = []
    reload: list[float] = []
    nodes: list[float] = []
    baseline: list[float] = []
    unchanged = nodes_complete = True
    for _ in range(runs):
        store.reset()
        project.append(_timed(lambda: store.write_many(items, batch_size=batch)))
        counts = store.counts()
        started = time.perf_counter()
        results = store.write_many(items, batch_size=batch)
        reload.append(time.perf_counter() - started)
        unchanged = (
            unchanged
            and store.counts() == counts
            and not any(
                r.article_new or r.edges_added or r.edges_updated or r.evidence_added
                for r in results
            )
        )
        store.reset()
        nodes.append(_timed(lambda: nodes_load(store, items, batch)))
        (row,) = store.driver.execute_query("MATCH (e:Evidence) RETURN count(e) AS n").records
        nodes_complete = nodes_complete and row["n"] == edges
        store.reset()
        _drop_node_schema(store)
        warm_up(store)  # the schema changed: both compile their statements again, untimed
        baseline.append(_timed(lambda: baseline_load(store, items)))
    p, r, n, b = (statistics.median(x) for x in (project, reload, nodes, baseline))
    return {
        "edges": edges,
        "stored": counts.as_dict(),
        "project_s": round(p, 2),
        "project_edges_per_s": round(edges / p),
        "reload_s": round(r, 2),
        "reload_unchanged": unchanged,
        "nodes_s": round(n, 2),
        "nodes_edges_per_s": round(edges / n),
        "nodes_vs_baseline": round(n / b, 2),
        "nodes_complete": nodes_complete,
        "baseline_s": round(b, 2),
        "baseline_edges_per_s": round(edges / b),
        "project_vs_baseline": round(p / b, 2),
        "complete": counts.evidence == edges,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edges", type=int, nargs="+", default=[20_000, 100_000])
    parser.add_argument("--orgs", type=int, default=5_000)
    parser.add_argument("--batch", type=int, default=None, help="evidence rows per transaction")
    parser.add_argument("--batches", type=int, nargs="*", default=[], help="chunk sizes to try")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pagecache", type=int, default=512, help="launcher page cache, MB")
    parser.add_argument("--uri", help="an existing server (its dealgraph data is reset!)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    import inspect

    default_batch = inspect.signature(Neo4jStore.write_many).parameters["batch_size"].default
    batch = args.batch or default_batch
    launcher = None
    if args.uri is None:
        from tests.neo4j_fixture import JVM_FLAGS, start_launcher

        home = Path(tempfile.mkdtemp(prefix="dealgraph-bench-")) / "home"
        started = time.perf_counter()
        launcher = start_launcher(home, pagecache_mb=args.pagecache)
        print(
            f"launcher ready in {time.perf_counter() - started:.1f}s "
            f"({' '.join(f for f in JVM_FLAGS if f.startswith('-X'))}, "
            f"page cache {args.pagecache} MB)",
            file=sys.stderr,
        )
    uri = args.uri or (launcher.uri if launcher else "")
    figures: dict[str, Any] = {"batch": batch, "runs": args.runs, "sizes": [], "batches": {}}
    try:
        with Neo4jStore(uri) as store:
            warm_up(store, 5_000)  # JIT
            for size in args.batches:
                items = synthetic_items(min(args.edges), args.orgs)
                times = []
                for _ in range(args.runs):
                    store.reset()
                    started = time.perf_counter()
                    store.write_many(items, batch_size=size)
                    times.append(time.perf_counter() - started)
                figures["batches"][size] = round(min(args.edges) / statistics.median(times))
                print(f"batch {size}: {figures['batches'][size]:,} edges/s", file=sys.stderr)
            for edges in args.edges:
                figures["sizes"].append(measure(store, edges, args.orgs, args.runs, batch))
                print(json.dumps(figures["sizes"][-1]), file=sys.stderr)
            store.reset()
    finally:
        if launcher is not None:
            launcher.stop()
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for size, rate in figures["batches"].items():
            print(f"batch {size:>6} evidence rows per transaction: {rate:,} edges/s")
        print(f"medians of {args.runs}; project batch {batch}, baseline batch 10,000")
        print(
            "| edges | project (evidence on the relationship) | evidence as nodes "
            "| baseline (bare MERGE) | project / baseline | nodes / baseline | reload |"
        )
        print("|---:|---:|---:|---:|---:|---:|---|")
        for f in figures["sizes"]:
            print(
                f"| {f['edges']:,} | {f['project_s']:.1f} s = {f['project_edges_per_s']:,}/s "
                f"| {f['nodes_s']:.1f} s = {f['nodes_edges_per_s']:,}/s "
                f"| {f['baseline_s']:.1f} s = {f['baseline_edges_per_s']:,}/s "
                f"| {f['project_vs_baseline']:.2f}x | {f['nodes_vs_baseline']:.2f}x "
                f"| {f['reload_s']:.1f} s, "
                f"{'nothing changed' if f['reload_unchanged'] else 'CHANGED'} |"
            )
    ok = all(
        f["complete"] and f["reload_unchanged"] and f["nodes_complete"] for f in figures["sizes"]
    )
    if not ok:
        print("error: a load was incomplete or a reload changed the store", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

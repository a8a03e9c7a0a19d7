"""What each consumer makes of one relation, as JSON: run in a fresh interpreter.

``python -m tests.relation_flow RELATION LEXICON_FILE WORKDIR [NEO4J_URI]``
extracts the sentence of :data:`SENTENCE` with the lexicon in ``LEXICON_FILE``,
adds a Broadcom -> OpenAI investment that closes a loop with the extracted
edge, and prints what the model, the loops, exposure, the stress test, the
map, the SQLite store and (given a URI) Neo4j make of them.
tests/test_relations.py runs it with ``DEALGRAPH_RELATIONS`` naming a file
that adds a relation: every table must have picked it up at import.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, get_args

#: a sentence stating that OpenAI licenses technology from Broadcom (the test's trigger words)
SENTENCE = "OpenAI licenses chip technology from Broadcom for $2 billion."


def report(relation: str, lexicon_file: str, workdir: str, neo4j_uri: str | None) -> dict[str, Any]:
    from graph.analysis.cycles import find_cycles
    from graph.analysis.debtrank import stress_test
    from graph.analysis.exposure import exposure
    from graph.model import RELATIONS, Edge, Evidence, RelationName
    from graph.render.payload import build_map_data
    from graph.store.neo4j_schema import FLOW_TYPES, MERGE_EDGE
    from graph.store.sqlite import SQLiteStore
    from loaders.extract import organizations_for
    from loaders.extract.lexicon import load_lexicon
    from loaders.extract.pipeline import extract_article
    from loaders.read import make_article

    article = make_article(title="Licence", body=SENTENCE, path="licence.txt")
    assert not isinstance(article, Exception)
    extracted = extract_article(article, lexicon=load_lexicon(Path(lexicon_file)))
    back = Edge(
        source="broadcom",
        relation="invests_in",
        target="openai",
        evidence=[Evidence(article_id="curated", amount_usd=1e9, qualifier="exact")],
    )
    edges = [*extracted, back]
    cycles = find_cycles(edges)
    data = build_map_data(edges, cycles)
    out: dict[str, Any] = {
        "model_names": list(get_args(RelationName)),
        "neo4j_type": RELATIONS[relation].neo4j_type,
        "extracted": [[e.source, e.relation, e.target, e.amount_usd] for e in extracted],
        "loops": [
            [c.nodes, [[e.relation for e in h.edges] for h in c.hops], c.bottleneck_usd]
            for c in cycles
        ],
        "exposure_of_broadcom": [
            [x.counterparty, x.relation, x.kind, x.amount_usd] for x in exposure(edges, "broadcom")
        ],
        "stress_loss_of_broadcom": stress_test(edges, "openai").loss_usd("broadcom"),
        "map_edge_colours": sorted({(e["color"]["color"]) for e in data.edges}),
        "map_legend": [[r["name"], r["colour"], r["label"]] for r in data.legend["relations"]],
        "merge_statement": MERGE_EDGE[relation],
        "flow_types": FLOW_TYPES.split("|"),
    }
    orgs = organizations_for(edges)
    with SQLiteStore(Path(workdir) / "dealgraph.sqlite") as store:
        store.write(article, extracted, orgs)
        store.write(None, [back], orgs)
        out["sqlite_edges"] = sorted([e.source, e.relation, e.target] for e in store.edges())
    if neo4j_uri:
        out["neo4j"] = _neo4j(neo4j_uri, article, extracted, back, orgs)
    return out


def _neo4j(uri: str, article: Any, extracted: list[Any], back: Any, orgs: list[Any]) -> Any:
    import os

    from graph.analysis.cypher_cycles import find_cycles_cypher
    from graph.store.neo4j import Neo4jStore

    password = (
        os.environ.get("NEO4J_PASSWORD") if os.environ.get("DEALGRAPH_TEST_NEO4J_URI") else None
    )
    store = Neo4jStore(
        uri, user=os.environ.get("NEO4J_USER") if password else None, password=password
    )
    try:
        store.write(article, extracted, orgs)
        store.write(None, [back], orgs)
        driver = store.driver
        records, _, _ = driver.execute_query(
            "MATCH (s:Organization)-[r]->(t:Organization) "
            "RETURN s.id AS s, type(r) AS type, t.id AS t"
        )
        return {
            "types": sorted([r["s"], r["type"], r["t"]] for r in records),
            "edges": sorted([e.source, e.relation, e.target] for e in store.edges()),
            "loops": find_cycles_cypher(store),
        }
    finally:
        store.close()


if __name__ == "__main__":
    args = sys.argv[1:]
    print(json.dumps(report(args[0], args[1], args[2], args[3] if len(args) > 3 else None)))

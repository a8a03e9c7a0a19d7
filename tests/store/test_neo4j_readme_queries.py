"""The README's five Cypher queries, run with ``dealgraph query`` on the seeds in the real Neo4j.

Each answer is checked against what the store's own API says, not against
numbers written here.
"""

from __future__ import annotations

import json
from collections import defaultdict

import pytest

from graph.analysis.cypher_cycles import find_cycles_cypher
from graph.model import RELATIONS
from graph.store.neo4j import Neo4jStore
from tests.conftest import SEED_BUNDLE, run_cli

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]

WHO_FUNDS_WHOM = """
MATCH (a:Organization)-[r:INVESTS_IN|HOLDS_STAKE|WARRANT_FOR|LENDS_TO|ACQUIRES]->(b:Organization)
RETURN a.name AS funder, type(r) AS how, b.name AS funded, r.amountUsd AS usd, r.status AS status
ORDER BY coalesce(r.amountUsd, 0) DESC, funder, funded
"""

LOOPS_THROUGH = """
MATCH (c:Organization {id: $company})
MATCH p = (c) ((a)-[r:INVESTS_IN|HOLDS_STAKE|WARRANT_FOR|BUYS_COMPUTE_FROM|BUYS_CHIPS_FROM|
                    CAPACITY_BACKSTOP|LENDS_TO|ACQUIRES|BUYS_POWER_FROM]->(b)
               WHERE NOT r.status IN ['denied', 'superseded']){1,6} (c)
WITH p, [n IN nodes(p)[1..] | n.id] AS ids
WHERE all(x IN ids WHERE single(y IN ids WHERE y = x))
UNWIND relationships(p) AS hop
RETURN [n IN nodes(p) | n.name] AS loop, [n IN nodes(p) | n.id] AS loopIds,
       startNode(hop).name AS from, type(hop) AS relation, endNode(hop).name AS to,
       hop.amountUsd AS usd, hop.evidenceQuotes AS quotes
ORDER BY size(loop), loop
"""

BIGGEST_COMMITMENTS = """
MATCH (a:Organization)-[r]->(b:Organization) WHERE r.amountUsd IS NOT NULL
RETURN a.name AS source, type(r) AS relation, b.name AS target, r.amountUsd AS usd,
       r.qualifier AS qualifier, r.amountText AS asWritten, r.date AS date
ORDER BY usd DESC LIMIT 10
"""

ARTICLES_BEHIND_AN_EDGE = """
MATCH (:Organization {id: $source})-[r]->(:Organization {id: $target})
UNWIND range(0, size(r.evidenceIds) - 1) AS i
OPTIONAL MATCH (a:Article {id: r.evidenceArticleIds[i]})
RETURN type(r) AS relation, a.title AS article, a.outlet AS outlet, r.evidenceQuotes[i] AS quote
ORDER BY relation, article, quote
"""

PARTNERS_BY_MONEY = """
MATCH (c:Organization {id: $company})-[r]-(p:Organization)
WITH p, r, startNode(r) = c AS outgoing
RETURN p.name AS partner,
       sum(CASE WHEN outgoing THEN coalesce(r.amountUsd, 0) ELSE 0 END) AS usdOut,
       sum(CASE WHEN outgoing THEN 0 ELSE coalesce(r.amountUsd, 0) END) AS usdIn,
       collect(DISTINCT CASE WHEN outgoing THEN type(r) ELSE '<- ' + type(r) END) AS relations
ORDER BY usdOut + usdIn DESC, partner
"""


@pytest.fixture(scope="module")
def seeded(neo4j_uri):
    from tests.neo4j_fixture import empty_database

    empty_database(neo4j_uri)
    loaded = run_cli("load", str(SEED_BUNDLE), "--neo4j", neo4j_uri)
    assert loaded.returncode == 0, loaded.stderr
    with Neo4jStore(neo4j_uri) as store:
        yield neo4j_uri, store.edges(), find_cycles_cypher(store, through="nvidia")


def ask(uri: str, cypher: str, **params: str) -> list[dict]:
    args = [f"--param={k}={v}" for k, v in params.items()]
    result = run_cli("query", cypher, *args, "--format", "json", "--neo4j", uri)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_who_funds_whom(seeded):
    uri, edges, _ = seeded
    rows = ask(uri, WHO_FUNDS_WHOM)
    relations = {"invests_in", "holds_stake", "warrant_for", "lends_to", "acquires"}
    expected = sorted(
        (e.source_name, e.target_name, e.amount_usd) for e in edges if e.relation in relations
    )
    assert sorted((r["funder"], r["funded"], r["usd"]) for r in rows) == expected
    amounts = [r["usd"] or 0 for r in rows]
    assert amounts == sorted(amounts, reverse=True) and rows


def test_loops_through_a_company_with_their_evidence(seeded):
    uri, edges, loops = seeded
    rows = ask(uri, LOOPS_THROUGH, company="nvidia")
    found = {tuple(sorted(r["loopIds"][:-1])) for r in rows}
    assert found == {tuple(sorted(loop)) for loop in loops} and len(found) >= 3
    quotes = {
        (e.source_name, RELATIONS[e.relation].neo4j_type, e.target_name): {
            ev.quote for ev in e.evidence
        }
        for e in edges
    }
    for row in rows:
        key = (row["from"], row["relation"], row["to"])
        assert set(row["quotes"]) == quotes[key]


def test_biggest_commitments(seeded):
    uri, edges, _ = seeded
    rows = ask(uri, BIGGEST_COMMITMENTS)
    amounts = sorted((e.amount_usd for e in edges if e.amount_usd is not None), reverse=True)
    assert [r["usd"] for r in rows] == amounts[:10]
    assert all(r["asWritten"] for r in rows)


def test_articles_behind_one_edge(seeded):
    uri, edges, _ = seeded
    edge = max((e for e in edges if e.amount_usd), key=lambda e: len(e.evidence))
    rows = ask(uri, ARTICLES_BEHIND_AN_EDGE, source=edge.source, target=edge.target)
    expected = {
        ev.quote
        for e in edges
        if (e.source, e.target) == (edge.source, edge.target)
        for ev in e.evidence
    }
    assert {r["quote"] for r in rows} == expected
    assert all(r["article"] for r in rows)  # every seed quote comes from a stored article


def test_partners_by_money_in_and_out(seeded):
    uri, edges, _ = seeded
    rows = ask(uri, PARTNERS_BY_MONEY, company="nvidia")
    out: dict[str, float] = defaultdict(float)
    into: dict[str, float] = defaultdict(float)
    for e in edges:
        if e.source == "nvidia" and e.target != "nvidia":
            out[e.target_name or e.target] += e.amount_usd or 0
        elif e.target == "nvidia" and e.source != "nvidia":
            into[e.source_name or e.source] += e.amount_usd or 0
    assert {r["partner"]: (r["usdOut"], r["usdIn"]) for r in rows} == {
        name: (out[name], into[name]) for name in set(out) | set(into)
    }

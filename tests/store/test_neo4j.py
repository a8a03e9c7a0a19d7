"""The Neo4j store beyond the shared contract: its graph model, bulk writes, errors, crashes."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time

import pytest

from graph.errors import ConnectionError
from graph.model import RELATIONS, Article, Edge, Evidence, Organization
from graph.store.base import WriteResult
from graph.store.neo4j import Neo4jStore
from graph.store.sqlite import SQLiteStore
from tests.neo4j_fixture import AUTH_PASSWORD, free_port, start_launcher

pytestmark = pytest.mark.neo4j

CAMEL = re.compile(r"^[a-z][a-zA-Z0-9]*$")


def ev(article_id: str, start: int, **kw: object) -> Evidence:
    return Evidence(article_id=article_id, quote=f"q{start}", start=start, end=start + 5, **kw)  # type: ignore[arg-type]


def edge(source: str, relation: str, target: str, *evidence: Evidence) -> Edge:
    return Edge(source=source, relation=relation, target=target, evidence=list(evidence))  # type: ignore[arg-type]


def cypher(store: Neo4jStore, query: str, **params: object) -> list[dict]:
    records, _, _ = store.driver.execute_query(query, params)
    return [record.data() for record in records]


def items_for_test() -> list[tuple[Article | None, list[Edge], list[Organization]]]:
    """Articles that overlap: repeated edges, a repeated article, an organization upgraded."""
    a1 = Article(id="a1", title="One", body="body one", published="2025-09-22")
    a2 = Article(id="a2", title="Two", body="body two")
    return [
        (
            a1,
            [edge("nv", "invests_in", "oa", ev("a1", 0, amount_usd=1e11, qualifier="up_to"))],
            [Organization(id="oa", name="OpenAI?", proposed=True)],
        ),
        (
            a2,
            [
                edge("nv", "invests_in", "oa", ev("a2", 3, amount_usd=5e9, qualifier="exact")),
                edge("oa", "buys_chips_from", "nv", ev("a2", 9, date="2025-10-01")),
            ],
            [Organization(id="oa", name="OpenAI", aliases={"zh-Hant": ["開放人工智慧"]})],
        ),
        (a1, [edge("nv", "invests_in", "oa", ev("a1", 0))], []),
        (None, [edge("oa", "buys_chips_from", "nv", ev("a3", 1, kind="curated"))], []),
        (Article(id="a3", body="late article"), [], []),
    ]


def test_write_many_is_item_by_item(neo4j_store, tmp_path):
    reference = SQLiteStore(tmp_path / "ref.sqlite")
    expected = [reference.write(*item) for item in items_for_test()]
    assert neo4j_store.write_many(items_for_test(), batch_size=2) == expected
    assert neo4j_store.edges() == reference.edges()
    assert neo4j_store.organizations() == reference.organizations()
    assert neo4j_store.articles() == reference.articles()
    assert neo4j_store.counts() == reference.counts()


def test_graph_model_follows_the_naming_conventions(neo4j_store):
    neo4j_store.write_many(items_for_test())
    labels = {
        row["label"]
        for row in cypher(neo4j_store, "MATCH (n) UNWIND labels(n) AS label RETURN DISTINCT label")
    }
    assert labels == {"Organization", "Article"}
    types = {
        row["t"] for row in cypher(neo4j_store, "MATCH ()-[r]->() RETURN DISTINCT type(r) AS t")
    }
    assert types == {"INVESTS_IN", "BUYS_CHIPS_FROM"}
    assert types <= {r.neo4j_type for r in RELATIONS.values()}
    keys = cypher(
        neo4j_store,
        "MATCH (n) UNWIND keys(n) AS k RETURN DISTINCT k UNION "
        "MATCH ()-[r]->() UNWIND keys(r) AS k RETURN DISTINCT k",
    )
    assert keys and all(CAMEL.match(row["k"]) for row in keys), keys
    constraints = cypher(neo4j_store, "SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type")
    unique = {
        (c["labelsOrTypes"][0], c["properties"][0]) for c in constraints if "UNIQUE" in c["type"]
    }
    assert {("Organization", "id"), ("Article", "id")} <= unique


def test_provenance_from_a_relationship_to_its_quotes_and_articles(neo4j_store):
    neo4j_store.write_many(items_for_test())
    rows = cypher(
        neo4j_store,
        "MATCH (:Organization {id: 'nv'})-[r:INVESTS_IN]->(:Organization {id: 'oa'}) "
        "UNWIND range(0, size(r.evidenceIds) - 1) AS i "
        "OPTIONAL MATCH (a:Article {id: r.evidenceArticleIds[i]}) "
        "RETURN r.evidenceQuotes[i] AS quote, r.evidenceJson[i] AS json, a.title AS title "
        "ORDER BY quote",
    )
    assert [(r["quote"], json.loads(r["json"])["amount_usd"], r["title"]) for r in rows] == [
        ("q0", 1e11, "One"),
        ("q3", 5e9, "Two"),
    ]
    # evidence written before its article (curated rows) reaches it once the article arrives
    rows = cypher(
        neo4j_store,
        "MATCH ()-[r:BUYS_CHIPS_FROM]->() UNWIND r.evidenceArticleIds AS id "
        "MATCH (a:Article {id: id}) RETURN a.id AS id, a.body AS body ORDER BY id",
    )
    assert rows == [{"id": "a2", "body": "body two"}, {"id": "a3", "body": "late article"}]


def test_relationship_headline_follows_the_evidence(neo4j_store):
    def headline_props() -> dict:
        (row,) = cypher(
            neo4j_store,
            "MATCH ()-[r:INVESTS_IN]->() RETURN r.amountUsd AS usd, r.qualifier AS q, "
            "r.evidenceCount AS n, r.date AS date, r.status AS status",
        )
        return row

    neo4j_store.write(
        None, [edge("x", "invests_in", "y", ev("b1", 0, amount_usd=1e11, qualifier="up_to"))], []
    )
    assert headline_props()["usd"] == 1e11 and headline_props()["q"] == "up_to"
    neo4j_store.write(
        None,
        [
            edge(
                "x",
                "invests_in",
                "y",
                ev("b2", 0, amount_usd=5e9, qualifier="exact", date="2025-01-02"),
            )
        ],
        [],
    )
    props = headline_props()
    (stored,) = neo4j_store.edges()
    assert (
        (props["usd"], props["q"], props["n"])
        == (stored.amount_usd, stored.qualifier, 2)
        == (1.05e11, "up_to", 2)  # two articles, two deals: summed
    )
    assert (
        cypher(neo4j_store, "MATCH ()-[r:INVESTS_IN]->() RETURN r.dealIds AS ids")
        == [{"ids": [d.id for d in stored.deals]}]
        and len(stored.deals) == 2
    )
    assert props["date"].to_native() == stored.date
    neo4j_store.write(None, [edge("x", "invests_in", "y", ev("b3", 0, status="completed"))], [])
    assert headline_props()["status"] == "completed" == neo4j_store.edges()[0].status


def test_reset_keeps_other_data_and_constraints(neo4j_store):
    neo4j_store.write_many(items_for_test())
    neo4j_store.driver.execute_query("CREATE (:Unrelated {name: 'keep me'})")
    neo4j_store.reset()
    assert neo4j_store.is_empty() and neo4j_store.counts().organizations == 0
    assert cypher(neo4j_store, "MATCH (n:Unrelated) RETURN n.name AS name") == [{"name": "keep me"}]
    names = {row["name"] for row in cypher(neo4j_store, "SHOW CONSTRAINTS YIELD name")}
    assert {"organization_id", "article_id"} <= names


def test_importing_the_module_does_not_load_the_driver():
    code = (
        "import sys, graph.store.neo4j, graph.analysis.cypher_cycles; print('neo4j' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_unreachable_server_says_how_to_start_one():
    uri = f"bolt://127.0.0.1:{free_port()}"
    with pytest.raises(ConnectionError, match=r"cannot reach Neo4j at .*make neo4j"):
        Neo4jStore(uri)


@pytest.mark.parametrize("uri", ["http://127.0.0.1:7474", "127.0.0.1:7687"])
def test_invalid_uri(uri):
    with pytest.raises(ConnectionError, match="invalid Neo4j URI"):
        Neo4jStore(uri)


def test_wrong_credentials_and_missing_database(neo4j_auth_uri):
    with pytest.raises(ConnectionError, match="refused the credentials.*NEO4J_PASSWORD"):
        Neo4jStore(neo4j_auth_uri, user="neo4j", password="not-the-password")
    with pytest.raises(ConnectionError, match="refused the credentials"):
        Neo4jStore(neo4j_auth_uri)
    with pytest.raises(ConnectionError, match="has no database 'nowhere'"):
        Neo4jStore(neo4j_auth_uri, user="neo4j", password=AUTH_PASSWORD, database="nowhere")
    with Neo4jStore(neo4j_auth_uri, user="neo4j", password=AUTH_PASSWORD) as store:
        assert store.counts().edges == 0


def bulk_items(
    articles: int, per_article: int
) -> list[tuple[Article, list[Edge], list[Organization]]]:
    relations = [r for r in RELATIONS if r != "partners_with"]
    items = []
    for n in range(articles):
        article = Article(id=f"art-{n:05d}", title=f"Article {n}", body="b" * 50)
        edges = [
            edge(
                f"org-{(n + k) % 40}",
                relations[(n * per_article + k) % len(relations)],
                f"org-{(n * 7 + k * 3 + 1) % 40}",
                ev(article.id, k * 10, amount_usd=float(n * 1000 + k)),
            )
            for k in range(per_article)
        ]
        items.append((article, edges, []))
    return items


@pytest.mark.slow
def test_server_killed_mid_load_then_rerun_completes_without_duplicates(tmp_path):
    items = bulk_items(120, 10)
    reference = SQLiteStore(tmp_path / "ref.sqlite")
    for item in items:
        reference.write(*item)
    port = free_port()
    launcher = start_launcher(tmp_path / "home", port)
    committed = []
    try:
        store = Neo4jStore(launcher.uri)

        def kill_after_three_chunks(n: int) -> None:
            committed.append(n)
            if len(committed) == 3:
                launcher.stop(kill=True)  # SIGKILL: no clean shutdown

        with pytest.raises(ConnectionError, match="run the command again|cannot reach"):
            store.write_many(items, batch_size=100, progress=kill_after_three_chunks)
        store.close()
        assert launcher.process.returncode == -9

        launcher = start_launcher(tmp_path / "home", port)
        with Neo4jStore(launcher.uri) as store:
            partial = store.counts()
            assert 0 < partial.articles < len(items)
            assert partial.evidence == 10 * partial.articles  # whole articles only
            store.write_many(items, batch_size=100)
            assert store.counts() == reference.counts()
            assert store.edges() == reference.edges()
            (row,) = cypher(
                store,
                "MATCH ()-[r]->() UNWIND r.evidenceIds AS id "
                "RETURN count(id) AS n, count(DISTINCT id) AS ids",
            )
            assert row["n"] == row["ids"] == reference.counts().evidence
            types = [r.neo4j_type for r in RELATIONS.values()]
            (row,) = cypher(
                store, "MATCH ()-[r]->() WHERE type(r) IN $types RETURN count(r) AS n", types=types
            )
            assert row["n"] == reference.counts().edges
    finally:
        launcher.stop()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("signum", "whole_group"),
    [(signal.SIGINT, True), (signal.SIGINT, False), (signal.SIGTERM, False)],
    ids=["ctrl-c", "SIGINT", "SIGTERM"],
)
def test_make_neo4j_stops_cleanly_on_ctrl_c(tmp_path, signum, whole_group) -> None:
    """`make neo4j` runs `python -m tests.neo4j_fixture`; stopping it must end with status 0.

    Ctrl-C sends SIGINT to the terminal's whole foreground group (the launcher's
    JVM too); ``kill -INT``/``kill`` send a signal to the Python process alone.
    """
    from tests.conftest import ROOT

    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.neo4j_fixture", "--port", str(port), "--home", str(tmp_path)]
        + ["--pagecache", "32"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    try:
        assert process.stdout is not None
        lines = []
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            lines.append(line)
            if "DEALGRAPH_NEO4J_READY" in line:
                break
        assert any("DEALGRAPH_NEO4J_READY" in line for line in lines), "".join(lines)
        if whole_group:
            os.killpg(process.pid, signum)
        else:
            process.send_signal(signum)
        rest, _ = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert process.returncode == 0, "".join(lines) + rest
    assert "DEALGRAPH_NEO4J_STOPPED" in rest  # the server shut down, it was not killed
    assert "Neo4j stopped" in rest
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0  # nothing listens any more


def test_relationships_after_chunked_and_resumed_loads_match_their_evidence(neo4j_store):
    from graph.store.neo4j_schema import EVIDENCE_LISTS, edge_props, evidence_id, evidence_lists
    from tests.store.test_contract import _busy_items

    items = _busy_items(40)
    neo4j_store.write_many(items[:20], batch_size=6)
    neo4j_store.write_many(items, batch_size=9)  # appends to stored relationships
    rows = cypher(
        neo4j_store,
        "MATCH (s:Organization)-[r]->(t:Organization) "
        "RETURN s.id AS s, t.id AS t, properties(r) AS p",
    )
    edges = {e.key: e for e in neo4j_store.edges()}
    assert len(rows) == len(edges) > 5
    for row in rows:
        props = dict(row["p"])
        key = (row["s"], props["relation"], row["t"])
        stored = edges[key].evidence
        want = edge_props(key[1], stored, [evidence_id(*key, e) for e in stored])
        want.update(evidence_lists([(evidence_id(*key, e), e) for e in stored]))
        # the lists are in the order of writing, entry by entry in step
        got = sorted(zip(*(props.pop(name) for name in EVIDENCE_LISTS), strict=True))
        assert got == sorted(zip(*(want.pop(name) for name in EVIDENCE_LISTS), strict=True))
        if "date" in props:
            props["date"] = props["date"].to_native()
        assert props == want, key


def test_an_error_while_planning_a_fresh_load_rolls_back_only_the_open_chunk(neo4j_store):
    import threading

    from graph.errors import StoreError

    items = bulk_items(60, 4)
    bad = Article(id="b" * 5000, body="an id too long for an index")
    items.insert(45, (bad, [], []))  # met while the fourth chunk of 15 articles is planned
    landed: list[int] = []
    with pytest.raises(StoreError, match="5000 bytes long"):
        neo4j_store.write_many(items, batch_size=15 * 5, progress=landed.append)
    counts = neo4j_store.counts()
    assert counts.articles == sum(landed) == 45  # three whole chunks, nothing of the fourth
    assert counts.evidence == 4 * counts.articles
    assert not [t for t in threading.enumerate() if t.name.startswith("dealgraph-neo4j")]
    assert neo4j_store.write_many(items[:45], batch_size=75) == [WriteResult()] * 45


def test_a_failure_in_the_middle_of_a_streamed_chunk_commits_none_of_it(neo4j_store, monkeypatch):
    import threading

    from graph.store import neo4j_write

    plan = neo4j_write.ChunkWriter.plan
    calls: list[int] = []

    def failing(self, chunk):  # the fourth chunk's third part (five parts a chunk)
        calls.append(len(chunk))
        if len(calls) == 18:
            raise RuntimeError("planning failed")
        return plan(self, chunk)

    monkeypatch.setattr(neo4j_write.ChunkWriter, "plan", failing)
    landed: list[int] = []
    with pytest.raises(RuntimeError, match="planning failed"):
        neo4j_store.write_many(bulk_items(90, 4), batch_size=75, progress=landed.append)
    counts = neo4j_store.counts()
    assert counts.articles == sum(landed) == 45  # the fourth chunk's two written parts rolled back
    assert counts.evidence == 4 * 45
    assert not [t for t in threading.enumerate() if t.name.startswith("dealgraph-neo4j")]


def test_a_progress_callback_that_raises_stops_a_fresh_load_cleanly(neo4j_store):
    import threading

    class Stop(Exception):
        pass

    def stop(n: int) -> None:
        raise Stop

    with pytest.raises(Stop):  # an unraisable error from the writer would fail here too
        neo4j_store.write_many(bulk_items(60, 4), batch_size=75, progress=stop)
    assert not [t for t in threading.enumerate() if t.name.startswith("dealgraph-neo4j")]
    assert neo4j_store.counts().articles % 15 == 0  # whole chunks only

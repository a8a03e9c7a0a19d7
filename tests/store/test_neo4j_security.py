"""Hostile text is data, never Cypher: fuzzing the Neo4j store and scanning the code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.analysis.cypher_cycles import find_cycles_cypher
from graph.errors import StoreError
from graph.model import Article, Edge, Evidence, Organization

ROOT = Path(__file__).resolve().parents[2]

HOSTILE = [
    "}) DETACH DELETE n //",
    "'}) MATCH (n) DETACH DELETE n RETURN 1 //",
    "O\"Brien 'Capital'",
    "Back\\slash \\\\ \\' \\\" \\u0041",
    "`backtick` $param {rows} [0]",
    "名字 with 中文, 輝達 and emoji 🚀",
    "line\nbreak\r\ttab\x00nul",
    "x" * 20_000,
]

# any text a user could put in an article (no lone surrogates: they are not text)
TEXT = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=60),
)
#: ids are indexed, and Neo4j indexes values of a few KB at most (see test below)
ID_TEXT = st.one_of(
    st.sampled_from([h for h in HOSTILE if len(h) < 1000]),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=60),
)


@pytest.mark.neo4j
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(name=TEXT, quote=TEXT, article_id=ID_TEXT, title=TEXT, alias=TEXT, note=TEXT)
def test_hostile_text_round_trips_as_data(neo4j_store, name, quote, article_id, title, alias, note):
    store = neo4j_store
    store.reset()
    sentinel = Organization(id="sentinel", name="Sentinel")
    store.write(None, [], [sentinel])

    org = Organization(id="acme", name=name or "x", aliases={"en": [alias]}, tickers=[alias])
    article = Article(id=article_id, title=title, body=quote, outlet=note, source=name)
    evidence = Evidence(
        article_id=article_id,
        article_title=title,
        quote=quote,
        start=0,
        end=len(quote),
        amount_text=name,
        note=note,
        extractor=alias,
    )
    edge = Edge(source="acme", relation="invests_in", target="sentinel", evidence=[evidence])
    result = store.write(article, [edge], [org])
    assert (result.article_new, result.edges_added, result.evidence_added) == (True, 1, 1)

    assert store.organizations() == [org, sentinel]
    assert store.articles() == [article]
    (stored,) = store.edges()
    assert stored.evidence == [evidence] and stored.source_name == org.name
    assert store.has_article(article_id)
    assert store.counts().as_dict() == {
        "organizations": 2,
        "articles": 1,
        "edges": 1,
        "evidence": 1,
    }
    records, _, _ = store.driver.execute_query(
        "MATCH (n) RETURN count(n) AS nodes, count{ MATCH ()-[]->() } AS rels"
    )
    # 2 organizations and the article; the evidence is on the one relationship
    assert (records[0]["nodes"], records[0]["rels"]) == (3, 1)
    # a hostile id given to the loop finder is a value too
    assert find_cycles_cypher(store, through=name) == []
    assert find_cycles_cypher(store, through="acme") == []
    # the same write again changes nothing
    assert store.write(article, [edge], [org]).evidence_added == 0
    assert store.counts().evidence == 1


@pytest.mark.neo4j
def test_an_id_too_long_to_index_is_refused_with_the_fix(neo4j_store):
    article = Article(id="x" * 5000, body="text")
    with pytest.raises(StoreError, match="5000 bytes long.*shorter id"):
        neo4j_store.write(article, [], [])
    assert neo4j_store.is_empty()


# -- no Cypher built from data ---------------------------------------------------------------

CYPHER = re.compile(
    r"\b(MATCH|MERGE|UNWIND|DETACH DELETE|RETURN|CREATE (CONSTRAINT|INDEX)|CALL \(|LOAD CSV)\b"
)
#: the marker that allows one reviewed line: text built only from constants or the fixed
#: relation table (graph.model.RELATIONS), never from input
ALLOW = "# cypher: fixed"


def _constant_text(node: ast.AST) -> str:
    """The literal text inside an expression (string constants and f-string parts)."""
    parts = []
    for child in ast.walk(node):
        if isinstance(child, ast.Constant) and isinstance(child.value, str):
            parts.append(child.value)
    return " ".join(parts)


def string_built_cypher(path: Path, root: Path = ROOT) -> list[str]:
    """Lines of ``path`` that build Cypher text at run time, without the allow marker."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source)):
        built = (
            isinstance(node, ast.JoinedStr)
            and any(isinstance(v, ast.FormattedValue) for v in node.values)
            or isinstance(node, ast.BinOp)
            and isinstance(node.op, ast.Add | ast.Mod)
            or isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"format", "replace", "join", "format_map"}
        )
        if not built or not CYPHER.search(_constant_text(node)):
            continue
        span = lines[node.lineno - 1 : (node.end_lineno or node.lineno)]
        if not any(ALLOW in line for line in span):
            found.append(
                f"{path.relative_to(root)}:{node.lineno}: {lines[node.lineno - 1].strip()}"
            )
    return sorted(set(found), key=lambda line: int(line.split(":")[1]))


def test_no_cypher_is_built_from_data():
    offenders = []
    for folder in ("graph", "loaders"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            offenders += string_built_cypher(path)
    assert not offenders, "Cypher built by string operations:\n" + "\n".join(offenders)


def test_the_scanner_catches_string_built_cypher(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        "def f(tx, name, rel):\n"
        "    tx.run(f\"MATCH (n {{name: '{name}'}}) RETURN n\")\n"
        "    tx.run('MERGE (a)-[:' + rel + ']->(b)')\n"
        "    tx.run('MATCH (n) WHERE n.x = %s RETURN n' % name)\n"
        "    tx.run('UNWIND {} AS x RETURN x'.format(name))\n"
        "    tx.run('MATCH (n) WHERE n.name = $name RETURN n', name=name)\n",
        encoding="utf-8",
    )
    found = string_built_cypher(bad, root=tmp_path)
    assert [line.split(":")[1] for line in found] == ["2", "3", "4", "5"]

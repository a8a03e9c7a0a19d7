"""``dealgraph query`` against the real Neo4j: read-only by default, values as data."""

from __future__ import annotations

import json

import neo4j
import pytest

from tests.conftest import run_cli
from tests.neo4j_fixture import AUTH_PASSWORD, _auth, free_port

pytestmark = pytest.mark.neo4j

HOSTILE = [
    "}) DETACH DELETE n //",
    'O\'Brien "Capital"',
    "back\\slash \\' \\\\",
    "輝達 Nvidia 🚀",
    "$name {rows} `x`",
]


def query(uri: str, *args: str):
    return run_cli("query", *args, "--neo4j", uri)


def node_count(uri: str) -> int:
    with neo4j.GraphDatabase.driver(uri, auth=_auth()) as driver:
        records, _, _ = driver.execute_query("MATCH (n) RETURN count(n) AS n")
        return int(records[0]["n"])


@pytest.fixture
def populated(neo4j_clean: str) -> str:
    with neo4j.GraphDatabase.driver(neo4j_clean, auth=_auth()) as driver:
        driver.execute_query(
            "UNWIND range(1, 5) AS i CREATE (:Organization {id: 'org' + i, name: 'Org ' + i})"
        )
    return neo4j_clean


@pytest.mark.parametrize(
    ("cypher", "reason"),
    [
        ("CREATE (n:Organization {id: 'new'}) RETURN n", "writes"),
        ("MATCH (n) DETACH DELETE n", "writes"),
        ("MATCH (n:Organization) SET n.name = 'x' RETURN n", "writes"),
        ("MERGE (n:Organization {id: 'org1'}) RETURN n", "writes"),
        ("CREATE INDEX org_name IF NOT EXISTS FOR (n:Organization) ON (n.name)", "schema"),
        ("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", "LOAD CSV"),
        ("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS RETURN 1", "IN TRANSACTIONS"),
        ("CALL dbms.components()", "dbms"),
        ("CALL dbms.setConfigValue('db.logs.query.enabled', 'OFF')", "dbms"),
        ("SHOW USERS", "administration"),
        ("CREATE USER mallory SET PASSWORD 'password123'", "administration"),
        ("GRANT ROLE admin TO mallory", "administration"),
        ("USE system MATCH (n) RETURN n", "system"),
        ("/* hidden */ MATCH (n) WITH n LIMIT 1 DELETE n", "writes"),
    ],
)
def test_refused_without_write_and_nothing_changes(populated, cypher, reason):
    before = node_count(populated)
    result = query(populated, cypher)
    assert result.returncode == 2, result.stdout
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("error: ") and reason in line and "--write" in line
    assert result.stdout == ""
    assert node_count(populated) == before == 5


def test_reads_run_and_format(populated):
    cypher = "MATCH (n:Organization) RETURN n.id AS id, n.name AS name ORDER BY id"
    table = query(populated, cypher)
    assert table.returncode == 0, table.stderr
    assert "org1" in table.stdout and "Org 5" in table.stdout
    as_json = json.loads(query(populated, cypher, "--format", "json").stdout)
    assert as_json[0] == {"id": "org1", "name": "Org 1"} and len(as_json) == 5
    as_csv = query(populated, cypher, "--format", "csv").stdout.splitlines()
    assert as_csv == ["id,name"] + [f"org{i},Org {i}" for i in range(1, 6)]
    limited = query(populated, cypher, "--limit", "2", "--format", "json")
    assert [r["id"] for r in json.loads(limited.stdout)] == ["org1", "org2"]
    assert "first 2 rows" in limited.stderr


def test_amounts_and_counts_print_as_people_read_them(populated):
    cypher = "RETURN 100000000000.0 AS amountUsd, 160000000.0 AS shares, 0.25 AS share"
    table = query(populated, cypher)
    assert table.returncode == 0, table.stderr
    assert "$100B" in table.stdout and "160,000,000" in table.stdout and "0.25" in table.stdout
    assert "100000000000.0" not in table.stdout
    as_csv = query(populated, cypher, "--format", "csv").stdout.splitlines()
    assert as_csv == ["amountUsd,shares,share", "100000000000,160000000,0.25"]
    as_json = json.loads(query(populated, cypher, "--format", "json").stdout)
    assert as_json == [{"amountUsd": 1e11, "shares": 1.6e8, "share": 0.25}]


def test_amounts_inside_maps_lists_and_chinese_columns_are_readable(populated):
    with neo4j.GraphDatabase.driver(populated, auth=_auth()) as driver:
        driver.execute_query(
            "MATCH (a:Organization {id: 'org1'}), (b:Organization {id: 'org2'}) "
            "CREATE (a)-[:INVESTS_IN {amountUsd: 100000000000.0, status: 'announced'}]->(b), "
            "(b)-[:INVESTS_IN {amountUsd: 6300000000.0, quantity: 24280000.0}]->(a)"
        )
    cypher = (
        "MATCH (a)-[r:INVESTS_IN]->(b) WITH r ORDER BY r.amountUsd DESC "
        "RETURN collect(r.amountUsd) AS amounts_usd, sum(r.amountUsd), "
        "sum(r.amountUsd) AS 金額美元, collect(properties(r))[0] AS deal, "
        "collect(r.quantity) AS 股數"
    )
    wide = {"COLUMNS": "200"}  # each cell on one line
    table = run_cli("query", cypher, "--neo4j", populated, env=wide)
    assert table.returncode == 0, table.stderr
    for shown in ("[$100B, $6.3B]", "$106B", "{amountUsd: $100B, status: announced}"):
        assert shown in table.stdout, (shown, table.stdout)
    assert "[24,280,000]" in table.stdout  # a list of counts: thousands separators
    assert "100000000000" not in table.stdout and "6300000000" not in table.stdout
    [row] = json.loads(query(populated, cypher, "--format", "json").stdout)
    assert row["amounts_usd"] == [1e11, 6.3e9] and row["金額美元"] == 1.063e11  # raw in JSON
    assert row["deal"] == {"amountUsd": 1e11, "status": "announced"}


def test_write_with_the_flag(populated):
    result = query(
        populated, "CREATE (n:Organization {id: $id}) RETURN n.id AS id", "-p", "id=new", "--write"
    )
    assert result.returncode == 0, result.stderr
    assert "nodes created: 1" in result.stderr
    assert node_count(populated) == 6


def test_hostile_values_round_trip_as_parameters(populated):
    for name in HOSTILE:
        created = query(
            populated,
            "CREATE (n:Organization {id: $id, name: $name}) RETURN n.name AS name",
            "--param",
            f"id={json.dumps('h-' + str(HOSTILE.index(name)))}",
            "--param",
            f"name={json.dumps(name)}",
            "--write",
            "--format",
            "json",
        )
        assert created.returncode == 0, created.stderr
        assert json.loads(created.stdout) == [{"name": name}]
    # read back through a plain (non-JSON) --param value as well
    read = query(
        populated,
        "MATCH (n:Organization {name: $name}) RETURN n.name AS name, n.id AS id",
        "--param",
        "name=}) DETACH DELETE n //",
        "--format",
        "json",
    )
    assert json.loads(read.stdout) == [{"name": "}) DETACH DELETE n //", "id": "h-0"}]
    assert node_count(populated) == 5 + len(HOSTILE)


def test_syntax_error_is_one_line_with_the_position(populated):
    result = query(populated, "MATCH (n RETURN n")
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("error: Cypher syntax error:") and "line 1, column" in line
    assert "fix the query" in line and len(line) < 400


def test_missing_parameter_and_bad_param_syntax(populated):
    missing = query(populated, "MATCH (n {id: $id}) RETURN n")
    assert missing.returncode == 2 and "--param" in missing.stderr
    bad = query(populated, "RETURN 1", "--param", "no-equals-sign")
    assert bad.returncode == 2 and "NAME=VALUE" in bad.stderr


def test_timeout(populated):
    result = query(
        populated,
        "UNWIND range(1, 2000000000) AS i WITH i WHERE i < 0 RETURN count(*)",
        "--timeout",
        "1",
    )
    assert result.returncode == 2
    assert "longer than 1s" in result.stderr and "--timeout" in result.stderr


def test_connection_problems_say_how_to_fix_them(neo4j_auth_uri):
    unreachable = run_cli("query", "RETURN 1", "--neo4j", f"bolt://127.0.0.1:{free_port()}")
    assert unreachable.returncode == 2
    assert "cannot reach Neo4j" in unreachable.stderr and "make neo4j" in unreachable.stderr
    wrong = run_cli(
        "query",
        "RETURN 1",
        "--neo4j",
        neo4j_auth_uri,
        "--neo4j-user",
        "neo4j",
        "--neo4j-password",
        "nope",
    )
    assert wrong.returncode == 2 and "NEO4J_PASSWORD" in wrong.stderr
    assert len(wrong.stderr.strip().splitlines()) == 1
    right = run_cli(
        "query",
        "RETURN 1 AS one",
        "--format",
        "json",
        env={"NEO4J_URI": neo4j_auth_uri, "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": AUTH_PASSWORD},
    )
    assert right.returncode == 0, right.stderr
    assert json.loads(right.stdout) == [{"one": 1}]


def test_needs_a_neo4j_store(tmp_path):
    result = run_cli("query", "RETURN 1", workspace=tmp_path / "ws")
    assert result.returncode == 2 and "--neo4j" in result.stderr

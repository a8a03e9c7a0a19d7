"""`dealgraph export --format neo4j-import` files, imported by the real neo4j-admin tool.

The import tool ships in the same Maven artifacts as the launcher
(``org.neo4j:neo4j-import-tool``, run through ``org.neo4j.cli.AdminTool``), so
the test runs the printed ``neo4j-admin database import full`` command on the
files, starts the launcher on the imported database and reads it back.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from graph.model import Organization
from graph.store.neo4j import Neo4jStore
from graph.store.sqlite import SQLiteStore
from tests.conftest import run_cli
from tests.neo4j_fixture import JVM_FLAGS, build_launcher, start_launcher

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]


def neo4j_admin(command: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    """Run a ``neo4j-admin ...`` command with the launcher's Neo4j jars, for ``home``."""
    assert command[0] == "neo4j-admin"
    folder = build_launcher()
    classpath = (
        f"{folder / 'target' / 'classes'}{os.pathsep}{folder / 'target' / 'dependency' / '*'}"
    )
    (home / "conf").mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    java = shutil.which("java") or "java"
    flags = [f for f in JVM_FLAGS if not f.startswith("-Xm")]
    return subprocess.run(
        [java, "-Xmx512m", *flags, "-cp", classpath, "org.neo4j.cli.AdminTool", *command[1:]],
        capture_output=True,
        text=True,
        env=env,
        cwd=home,  # its import.report lands there
        timeout=900,
    )


def _no_empty_aliases(org: Organization) -> Organization:
    return org.model_copy(update={"aliases": {k: v for k, v in org.aliases.items() if v}})


def test_exported_files_import_into_neo4j_as_the_same_graph_and_loops(
    seeded_workspace: Path, tmp_path: Path
):
    files = tmp_path / "import"
    exported = run_cli(
        "export", "--format", "neo4j-import", "-o", str(files), workspace=seeded_workspace
    )
    assert exported.returncode == 0, exported.stderr
    command = shlex.split(exported.stdout.strip())
    assert command[:4] == ["neo4j-admin", "database", "import", "full"]
    assert {p.name for p in files.glob("*_header.csv")} == {
        f"{stem}_header.csv" for stem in ("organizations", "articles", "relationships")
    }

    home = tmp_path / "home"
    imported = neo4j_admin(command, home)
    assert imported.returncode == 0, imported.stdout[-2000:] + imported.stderr[-2000:]
    assert "IMPORT DONE" in imported.stdout

    sqlite = SQLiteStore(seeded_workspace / "dealgraph.sqlite")
    launcher = start_launcher(home, timeout=600)  # a busy machine starts it slowly
    try:
        with Neo4jStore(launcher.uri) as neo:
            assert neo.counts() == sqlite.counts()
            # the importer stores no empty array: an empty alias list reads back as none
            assert neo.organizations() == [_no_empty_aliases(o) for o in sqlite.organizations()]
            assert neo.articles() == sqlite.articles()
            assert neo.edges() == sqlite.edges()
            # provenance is reachable by Cypher, as in a store loaded through the driver
            (row,) = neo.driver.execute_query(
                "MATCH ()-[r]->() WHERE r.evidenceIds IS NOT NULL "
                "UNWIND range(0, size(r.evidenceIds) - 1) AS i "
                "OPTIONAL MATCH (a:Article {id: r.evidenceArticleIds[i]}) "
                "RETURN count(DISTINCT r.evidenceIds[i]) AS ev, count(DISTINCT a) AS arts, "
                "count(r.evidenceQuotes[i]) AS quotes"
            ).records
            evidence = sqlite.counts().evidence
            assert row["ev"] == row["quotes"] == evidence and row["arts"] > 0
        env = {"NEO4J_URI": launcher.uri}
        from_neo = run_cli("cycles", "--format", "json", env=env)
        from_sqlite = run_cli("cycles", "--format", "json", workspace=seeded_workspace)
        assert from_neo.returncode == from_sqlite.returncode == 0, from_neo.stderr
        loops = json.loads(from_neo.stdout)
        assert len(loops) >= 6
        assert loops == json.loads(from_sqlite.stdout)
    finally:
        launcher.stop()
        sqlite.close()

"""Shared fixtures: real files in tmp_path, the seed bundle, the CLI as a user runs it."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_BUNDLE = next(SEEDS.glob("000_*.txt"))

# the real Neo4j server (a session fixture that builds and starts it)
pytest_plugins = ["tests.neo4j_fixture"] if importlib.util.find_spec("tests.neo4j_fixture") else []


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """An empty workspace folder for the embedded store."""
    return tmp_path / "ws"


def run_cli(
    *args: str, workspace: Path | None = None, input: str | None = None, env: dict | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``dealgraph`` in a subprocess, exactly as a user would."""
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    if "NEO4J_URI" not in (env or {}):
        full_env.pop("NEO4J_URI", None)  # the embedded store unless a test asks otherwise
    if workspace is not None:
        full_env["DEALGRAPH_HOME"] = str(workspace)
    return subprocess.run(
        [sys.executable, "-m", "graph.cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        input=input,
        env=full_env,
        cwd=ROOT,
        timeout=600,
    )


@pytest.fixture(scope="session")
def seeded_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seven seed articles (not the curated web beside them), loaded once per session."""
    ws = tmp_path_factory.mktemp("seeded") / "ws"
    result = run_cli("load", str(SEED_BUNDLE), workspace=ws)
    assert result.returncode == 0, result.stderr
    return ws

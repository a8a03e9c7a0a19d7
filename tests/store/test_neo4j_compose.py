"""docker-compose.yml: checked as YAML (CI has no Docker engine), and by Compose if present."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

COMPOSE = Path(__file__).resolve().parents[2] / "docker-compose.yml"


def test_compose_file_runs_the_official_neo4j():
    spec = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    neo4j = spec["services"]["neo4j"]
    assert neo4j["image"] == "neo4j:5.26-community"
    assert {p.rsplit(":", 2)[-1] for p in neo4j["ports"]} == {"7474", "7687"}
    assert neo4j["environment"]["NEO4J_AUTH"].startswith("neo4j/${NEO4J_PASSWORD:-")
    default = neo4j["environment"]["NEO4J_AUTH"].split(":-", 1)[1].rstrip("}")
    assert len(default) >= 8  # Neo4j refuses shorter passwords
    mounts = {v.split(":")[1] for v in neo4j["volumes"]}
    assert mounts == {"/data", "/logs"}
    assert set(spec["volumes"]) == {v.split(":")[0] for v in neo4j["volumes"]}
    check = " ".join(neo4j["healthcheck"]["test"])
    assert "cypher-shell" in check and "RETURN 1" in check


def _has_compose() -> bool:
    if shutil.which("docker") is None:
        return False
    probe = subprocess.run(["docker", "compose", "version"], capture_output=True, check=False)
    return probe.returncode == 0


@pytest.mark.skipif(not _has_compose(), reason="no Docker Compose here; the YAML is checked above")
def test_docker_compose_accepts_it():
    subprocess.run(["docker", "compose", "-f", str(COMPOSE), "config", "-q"], check=True)

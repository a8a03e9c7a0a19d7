"""A load killed with SIGKILL at random points, then run again, gives the clean graph."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph.store.sqlite import SQLiteStore
from tests.conftest import ROOT, SEED_BUNDLE, run_cli

pytestmark = pytest.mark.slow


def corpus(path: Path, copies: int) -> Path:
    """The seed articles, each in ``copies`` slightly different editions, as JSONL."""
    from graph.model import Article
    from loaders.read import iter_articles

    seeds = [a for a in iter_articles([str(SEED_BUNDLE)]) if isinstance(a, Article)]
    assert len(seeds) == 7
    with path.open("w", encoding="utf-8") as out:
        for i in range(copies):
            for a in seeds:
                row = {
                    "title": f"{a.title} ({i})",
                    "body": f"{a.body}\n第{i}版",
                    "outlet": a.outlet,
                }
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def snapshot(workspace: Path) -> tuple:
    store = SQLiteStore(workspace / "dealgraph.sqlite")
    try:
        return (store.counts(), store.edges(), store.organizations(), store.articles())
    finally:
        store.close()


def test_killed_loads_then_a_rerun_equal_a_clean_load(tmp_path):
    data = corpus(tmp_path / "news.jsonl", copies=12)
    clean = tmp_path / "clean"
    assert run_cli("load", str(data), workspace=clean).returncode == 0
    expected = snapshot(clean)

    killed = tmp_path / "killed"
    rng = random.Random(7)
    env = {**os.environ, "DEALGRAPH_HOME": str(killed)}
    env.pop("NEO4J_URI", None)
    kills = 0
    for _ in range(5):
        proc = subprocess.Popen(
            [sys.executable, "-m", "graph.cli", "load", str(data)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.8, 3.0))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
    assert kills >= 3, "the load finished before it could be killed: make the corpus bigger"
    partial = snapshot(killed)
    assert partial[0].articles <= expected[0].articles
    rerun = run_cli("load", str(data), workspace=killed)
    assert rerun.returncode == 0, rerun.stderr
    assert snapshot(killed) == expected

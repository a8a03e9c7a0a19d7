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


def stored_articles(workspace: Path) -> int:
    """How many articles the workspace holds now (read while a load writes)."""
    import sqlite3

    path = workspace / "dealgraph.sqlite"
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as db:
            return db.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:  # the schema may not be there yet
        return 0


def session_members(sid: int) -> list[int]:
    """Pids of the live processes in session ``sid`` (zombies excluded), from /proc."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # gone meanwhile
            continue
        # pid (comm) state ppid pgrp session ...: comm may hold spaces, so split after ')'
        state, _ppid, _pgrp, session = stat.rsplit(")", 1)[1].split()[:4]
        if int(session) == sid and state != "Z":
            members.append(int(entry.name))
    return members


def survivors(sid: int, *, wait_s: float = 10.0) -> list[int]:
    """The processes of session ``sid`` still alive after ``wait_s`` seconds at most."""
    deadline = time.monotonic() + wait_s
    while (alive := session_members(sid)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return alive


def test_killed_loads_then_a_rerun_equal_a_clean_load(tmp_path):
    data = corpus(tmp_path / "news.jsonl", copies=70)
    clean = tmp_path / "clean"
    assert run_cli("load", str(data), workspace=clean).returncode == 0
    expected = snapshot(clean)
    total = expected[0].articles

    killed = tmp_path / "killed"
    rng = random.Random(7)
    env = {**os.environ, "DEALGRAPH_HOME": str(killed)}
    env.pop("NEO4J_URI", None)
    kills = 0
    for jobs in ("1", "2", "1", "2"):
        # kill at a random point: once the store holds some more articles (they land in
        # bursts of one write batch, so the kill often falls in the middle of one)
        target = min(total - 1, stored_articles(killed) + rng.randint(1, 40))
        proc = subprocess.Popen(
            [sys.executable, "-m", "graph.cli", "load", str(data), "--jobs", jobs],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its workers share its session id: found after the kill
        )
        deadline = time.monotonic() + 300
        while proc.poll() is None and time.monotonic() < deadline:
            if stored_articles(killed) >= target:
                time.sleep(rng.uniform(0, 0.05))  # land anywhere, mid-article included
                workers = len(session_members(proc.pid)) - 1
                proc.send_signal(signal.SIGKILL)
                kills += 1
                if jobs == "2":  # else the check below could not fail
                    assert workers >= 2, f"the load had {workers} workers when it was killed"
                break
            time.sleep(0.01)
        proc.wait()
        left = survivors(proc.pid)
        assert not left, f"processes of the killed load (--jobs {jobs}) still alive: {left}"
    assert kills >= 3, "the load finished before it could be killed"
    partial = snapshot(killed)
    assert 0 < partial[0].articles < total
    rerun = run_cli("load", str(data), workspace=killed)
    assert rerun.returncode == 0, rerun.stderr
    assert snapshot(killed) == expected

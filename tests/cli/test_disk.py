"""A full disk or a read-only workspace: a clear error, and the store stays readable.

The disk is a real tmpfs mounted small (root only; skipped elsewhere, failed in CI).
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.test_kill import corpus
from tests.conftest import SEED_BUNDLE, run_cli

pytestmark = pytest.mark.slow


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=700k", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        if os.environ.get("CI"):
            pytest.fail(f"cannot mount a small tmpfs: {done.stderr.decode()}")
        pytest.skip("needs root to mount a small tmpfs")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_full_disk_is_a_clear_error_and_the_store_stays_readable(small_disk, tmp_path):
    ws = small_disk / "ws"
    first = run_cli("load", str(SEED_BUNDLE), workspace=ws)
    assert first.returncode == 0, first.stderr
    before = json.loads(run_cli("edges", "--format", "json", workspace=ws).stdout)
    big = corpus(tmp_path / "big.jsonl", copies=8)
    full = run_cli("load", str(big), workspace=ws)
    assert full.returncode == 2
    assert "Traceback" not in full.stderr
    assert "disk" in full.stderr and str(ws) in full.stderr
    after = run_cli("edges", "--format", "json", workspace=ws)
    assert after.returncode == 0, after.stderr
    kept = {(e["source"], e["relation"], e["target"]) for e in json.loads(after.stdout)}
    assert {(e["source"], e["relation"], e["target"]) for e in before} <= kept


def test_read_only_workspace(small_disk, tmp_path):
    ws = small_disk / "ws"
    news = tmp_path / "news.txt"
    news.write_text("Deal day\nMicrosoft invests $2 billion in Mistral AI.", encoding="utf-8")
    assert run_cli("load", str(SEED_BUNDLE), workspace=ws).returncode == 0
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    edges = run_cli("edges", "--format", "json", workspace=ws)
    assert edges.returncode == 0, edges.stderr
    assert json.loads(edges.stdout)
    cycles = run_cli("cycles", workspace=ws)
    assert cycles.returncode == 0, cycles.stderr
    load = run_cli("load", str(news), workspace=ws)
    assert load.returncode == 2, load.stderr
    assert "read-only" in load.stderr or "writable" in load.stderr
    assert "Traceback" not in load.stderr

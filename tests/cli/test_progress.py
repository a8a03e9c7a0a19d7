"""The load progress bar: on a terminal it shows articles and articles/s; in a pipe, nothing."""

from __future__ import annotations

import contextlib
import os
import pty
import subprocess
import sys
from types import SimpleNamespace

import pytest

from graph.cli.progress import _rate
from tests.cli.test_kill import corpus
from tests.conftest import ROOT, run_cli


def test_load_shows_progress_on_a_terminal_only(tmp_path):
    data = corpus(tmp_path / "news.jsonl", copies=4)
    piped = run_cli("load", str(data), "--format", "json", workspace=tmp_path / "a")
    assert piped.returncode == 0 and piped.stderr == ""

    main, terminal = pty.openpty()
    env = {**os.environ, "DEALGRAPH_HOME": str(tmp_path / "b"), "PYTHONIOENCODING": "utf-8"}
    env.pop("NEO4J_URI", None)
    child = subprocess.Popen(
        [sys.executable, "-m", "graph.cli", "load", str(data), "--format", "json"],
        stdout=subprocess.DEVNULL,
        stderr=terminal,
        env=env,
        cwd=ROOT,
    )
    os.close(terminal)
    shown = b""
    # read while the child runs: a full terminal buffer would otherwise block it
    with contextlib.suppress(OSError):  # EIO once the other end is closed
        while chunk := os.read(main, 65536):
            shown += chunk
    os.close(main)
    child.wait(timeout=300)
    assert child.returncode == 0
    # the rate column fills in after half a second, which a fast machine may never reach
    assert b"loading" in shown and b"kB" in shown and b"24 articles" in shown


@pytest.mark.parametrize(
    ("elapsed", "shown"), [(None, ""), (0.2, ""), (2.0, "12 articles/s"), (40.0, "1 articles/s")]
)
def test_the_rate_shows_once_half_a_second_has_passed(elapsed, shown):
    """rich's task (elapsed seconds and the fields the bar keeps), as the column reads it."""
    assert _rate(SimpleNamespace(elapsed=elapsed, fields={"articles": 24})) == shown

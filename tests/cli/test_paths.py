"""Named input paths: a path that does not exist is a usage error, not a skipped input."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli


@pytest.mark.parametrize("command", ["load", "extract"])
def test_a_missing_path_is_a_usage_error_and_nothing_is_read(
    command: str, workspace: Path, tmp_path: Path
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Nvidia invests $5 billion in Intel\nNvidia invests $5 billion in Intel.")
    missing = tmp_path / "no" / "such.txt"
    result = run_cli(command, str(article), str(missing), workspace=workspace)
    assert result.returncode == 2
    assert result.stderr.strip() == f"error: {missing}: no such file or directory; check the path"
    assert result.stdout == ""  # no table, no edges
    assert not workspace.exists()  # nothing was created or stored


def test_a_glob_that_matches_nothing_is_a_skipped_input(workspace: Path, tmp_path: Path) -> None:
    result = run_cli("load", str(tmp_path / "*.jsonl"), workspace=workspace)
    assert result.returncode == 1
    assert "nothing matches this pattern" in result.stderr

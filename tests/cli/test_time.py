"""Time windows say how many edges are undated and what became of them (real CLI, real files)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli

# three hops dated, two undated; the loop Nvidia -> OpenAI -> Oracle -> Nvidia has one undated hop
DEALS = """deal_id,source,relation,target,date,amount_usd
nv-oa,Nvidia,invests_in,OpenAI,2025-09-22,1e11
oa-orcl,OpenAI,buys_compute_from,Oracle,2025-09-10,3e11
orcl-nv,Oracle,buys_chips_from,Nvidia,,4e10
amd-oa,AMD,warrant_for,OpenAI,2025-10-06,
oa-amd,OpenAI,buys_chips_from,AMD,,
"""


@pytest.fixture(scope="module")
def dated_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("time")
    (folder / "deals.csv").write_text(DEALS, encoding="utf-8")
    ws = folder / "ws"
    result = run_cli("load", str(folder / "deals.csv"), workspace=ws)
    assert result.returncode == 0, result.stderr
    return ws


def cycles_json(ws: Path, *args: str) -> dict:
    result = run_cli("cycles", "--format", "json", *args, workspace=ws)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_since_keeps_undated_edges_and_says_so(dated_workspace: Path) -> None:
    document = cycles_json(dated_workspace, "--since", "2025-09-15")
    assert document["time"] == {
        "since": "2025-09-15",
        "until": None,
        "as_of": None,
        "edges": 5,
        "undated": 2,
        "undated_treatment": "kept",
        "dated_outside": 1,  # OpenAI -> Oracle, 2025-09-10
    }
    # the loop through OpenAI -> Oracle is gone; AMD's (both hops kept) stays
    assert [loop["ids"] for loop in document["loops"]] == [["amd", "openai"]]


def test_as_of_drops_undated_edges_and_says_so(dated_workspace: Path) -> None:
    document = cycles_json(dated_workspace, "--as-of", "2025-12-31")
    assert (document["time"]["undated"], document["time"]["undated_treatment"]) == (2, "dropped")
    assert document["loops"] == []  # every loop has an undated hop
    table = run_cli("cycles", "--as-of", "2025-12-31", workspace=dated_workspace)
    assert table.returncode == 0, table.stderr
    assert "2 of 5 edges are undated: dropped by --as-of" in " ".join(table.stdout.split())


def test_without_a_window_the_json_stays_a_list(dated_workspace: Path) -> None:
    result = run_cli("cycles", "--format", "json", workspace=dated_workspace)
    assert isinstance(json.loads(result.stdout), list) and "undated" not in result.stdout


def test_stress_and_map_report_the_window(dated_workspace: Path, tmp_path: Path) -> None:
    stress = run_cli(
        "stress", "OpenAI", "--as-of", "2025-12-31", "--format", "json", workspace=dated_workspace
    )
    assert stress.returncode == 0, stress.stderr
    assert json.loads(stress.stdout)["time"]["undated"] == 2
    drawn = run_cli(
        "map", "-o", str(tmp_path / "m.html"), "--until", "2025-09-30", workspace=dated_workspace
    )
    assert drawn.returncode == 0, drawn.stderr
    assert "2 of 5 edges are undated: kept by --since/--until" in drawn.stdout
    assert "1 dated edge fell outside" in drawn.stdout


@pytest.mark.parametrize("name", ["cycles", "map"])
def test_an_inverted_window_is_a_usage_error(
    dated_workspace: Path, tmp_path: Path, name: str
) -> None:
    command = [name] if name == "cycles" else [name, "-o", str(tmp_path / "never.html")]
    result = run_cli(
        *command, "--since", "2025-12-01", "--until", "2025-01-01", workspace=dated_workspace
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "error: --since 2025-12-01 is after --until 2025-01-01: swap them "
        "(the window runs from --since to --until)"
    )
    assert not (tmp_path / "never.html").exists()

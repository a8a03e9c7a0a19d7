"""--scope on map, cycles and orgs: the AI capital web without passing mentions (real CLI)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.scope import AI_SECTORS, SCOPES
from tests.conftest import run_cli

# an AI loop, a fund holding an AI company and an unrelated stock, and a loop of two
# organizations outside the AI sectors (media and fintech)
DEALS = """deal_id,source,relation,target,date,amount_usd
nv-oa,Nvidia,invests_in,OpenAI,2025-09-22,1e11
oa-nv,OpenAI,buys_chips_from,Nvidia,2025-09-22,
ark-nv,ARK Invest,holds_stake,Nvidia,2025-06-01,
ark-abt,ARK Invest,holds_stake,Abbott,2025-06-01,
dis-rh,Disney,invests_in,Robinhood,2025-03-01,1e9
rh-dis,Robinhood,buys_compute_from,Disney,2025-03-02,2e8
"""


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("scope")
    (folder / "deals.csv").write_text(DEALS, encoding="utf-8")
    workspace = folder / "ws"
    result = run_cli("load", str(folder), workspace=workspace)
    assert result.returncode == 0, result.stderr
    return workspace


def orgs(ws: Path, *args: str) -> set[str]:
    result = run_cli("orgs", "--format", "json", *args, workspace=ws)
    assert result.returncode == 0, result.stderr
    return {row["id"] for row in json.loads(result.stdout)}


def loops(ws: Path, *args: str) -> list[list[str]]:
    result = run_cli("cycles", "--format", "json", *args, workspace=ws)
    assert result.returncode == 0, result.stderr
    return sorted(sorted(loop["ids"]) for loop in json.loads(result.stdout))


def test_the_default_leaves_out_passing_mentions_only(ws: Path) -> None:
    assert orgs(ws) == {"nvidia", "openai", "ark-invest", "disney", "robinhood"}  # no Abbott
    assert orgs(ws, "--scope", "all") == orgs(ws) | {"abbott"}
    assert (
        loops(ws) == loops(ws, "--scope", "all") == [["disney", "robinhood"], ["nvidia", "openai"]]
    )


def test_ai_keeps_what_touches_an_ai_sector_organization(ws: Path) -> None:
    assert orgs(ws, "--scope", "ai") == {"nvidia", "openai", "ark-invest"}
    assert loops(ws, "--scope", "ai") == [["nvidia", "openai"]]
    assert loops(ws, "--scope", "ai", "--limit", "1") == [["nvidia", "openai"]]


def test_loops_keeps_only_what_lies_on_a_loop(ws: Path) -> None:
    assert orgs(ws, "--scope", "loops") == {"nvidia", "openai", "disney", "robinhood"}


@pytest.mark.parametrize(
    ("scope", "organizations", "edges"),
    [("web", 5, 5), ("ai", 3, 3), ("loops", 4, 4), ("all", 6, 6)],
)
def test_map_draws_the_scope(
    ws: Path, tmp_path: Path, scope: str, organizations: int, edges: int
) -> None:
    out = tmp_path / f"{scope}.html"
    result = run_cli("map", "-o", str(out), "--scope", scope, "--format", "json", workspace=ws)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert (summary["organizations"], summary["edges"], summary["scope"]) == (
        organizations,
        edges,
        scope,
    )
    assert ("Abbott" in out.read_text(encoding="utf-8")) == (scope == "all")


def test_one_option_everywhere(ws: Path) -> None:
    for command in ("map", "cycles", "orgs"):
        text = " ".join(run_cli(command, "--help").stdout.split())
        assert "--scope [" + "|".join(SCOPES) + "]" in text
        assert ", ".join(sorted(AI_SECTORS)) in text
    bad = run_cli("orgs", "--scope", "everything", workspace=ws)
    assert bad.returncode == 2 and "'everything' is not one of" in bad.stderr

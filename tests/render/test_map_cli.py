"""``dealgraph map`` as a user runs it, on a real workspace in tmp_path."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import main
from graph.render.html import remote_references
from tests.conftest import run_cli


def page_data(path: Path, block: str) -> object:
    html = path.read_text(encoding="utf-8")
    match = re.search(rf'<script type="application/json" id="{block}">(.*?)</script>', html, re.S)
    assert match
    return json.loads(match.group(1))


def test_map_writes_one_offline_file_and_says_what_it_drew(seed_like_workspace, tmp_path):
    out = tmp_path / "loops.html"
    result = run_cli("map", "-o", str(out), workspace=seed_like_workspace)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Wrote {out}: 8 organizations, 15 edges, 6 loops"
    assert remote_references(out.read_text(encoding="utf-8")) == []
    assert len(page_data(out, "dg-edges")) == 15


def test_json_summary_cycles_only_and_focus_by_alias(seed_like_workspace, tmp_path):
    out = tmp_path / "m.html"
    result = run_cli(
        "map",
        "-o",
        str(out),
        "--cycles-only",
        "--focus",
        "輝達",
        "--format",
        "json",
        workspace=seed_like_workspace,
    )
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["focus"] == "nvidia" and summary["loops"] == 6
    nodes = {n["id"] for n in page_data(out, "dg-nodes")}
    assert "softbank" not in nodes and "meta" not in nodes  # on no loop
    assert summary["organizations"] == len(nodes) == 6
    assert summary["edges"] == len(page_data(out, "dg-edges"))
    assert summary["path"] == str(out.resolve())


def test_filters_change_what_is_drawn(seed_like_workspace, tmp_path):
    out = tmp_path / "m.html"
    args = ["--relation", "invests_in", "--relation", "buys_chips_from", "--max-length", "2"]
    result = run_cli(
        "map", "-o", str(out), *args, "--format", "json", workspace=seed_like_workspace
    )
    assert result.returncode == 0, result.stderr
    edges = page_data(out, "dg-edges")
    assert {e["relation"] for e in edges} == {"invests_in", "buys_chips_from"}
    loops = page_data(out, "dg-data")["cycles"]
    assert [loop["ids"] for loop in loops] == [["nvidia", "openai"]]

    result = run_cli(
        "map",
        "-o",
        str(out),
        "--as-of",
        "2025-09-20",
        "--through",
        "CoreWeave",
        "--format",
        "json",
        workspace=seed_like_workspace,
    )
    assert result.returncode == 0, result.stderr
    edges = page_data(out, "dg-edges")
    assert all(e["date"] and e["date"] <= "2025-09-20" for e in edges)
    assert [loop["ids"] for loop in page_data(out, "dg-data")["cycles"]] == [
        ["coreweave", "nvidia"]
    ]


def test_min_usd_drops_small_edges_and_thin_loops(seed_like_workspace, tmp_path):
    out = tmp_path / "m.html"
    result = run_cli(
        "map",
        "-o",
        str(out),
        "--min-usd",
        "2e10",
        "--format",
        "json",
        workspace=seed_like_workspace,
    )
    assert result.returncode == 0, result.stderr
    amounts = [e["amount_usd"] for e in page_data(out, "dg-edges") if e["amount_usd"]]
    assert amounts and min(amounts) >= 2e10
    loops = page_data(out, "dg-data")["cycles"]
    assert loops and all(loop["bottleneck_usd"] >= 2e10 for loop in loops)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--focus", "Nvidiaa"], "no organization called 'Nvidiaa'"),
        (["--focus", "SoftBank", "--cycles-only"], "--focus SoftBank: no drawn edge touches it"),
        (["--max-length", "1"], "--max-length must be at least 2"),
        (["--since", "yesterday"], "'yesterday' is not a date"),
    ],
)
def test_user_errors_are_one_line(seed_like_workspace, tmp_path, args, message):
    result = run_cli("map", "-o", str(tmp_path / "m.html"), *args, workspace=seed_like_workspace)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "m.html").exists()


def test_unwritable_output_and_empty_store(seed_like_workspace, tmp_path):
    result = run_cli(
        "map", "-o", str(tmp_path / "no" / "such" / "m.html"), workspace=seed_like_workspace
    )
    assert result.returncode == 2 and "cannot write the map" in result.stderr
    result = run_cli("map", "-o", str(tmp_path / "m.html"), workspace=tmp_path / "empty")
    assert result.returncode == 1 and "dealgraph load seeds/" in result.stderr


def test_default_output_file(seed_like_workspace, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["map", "--workspace", str(seed_like_workspace)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "dealgraph-map.html").is_file()


def test_help_has_an_example():
    result = CliRunner().invoke(main, ["map", "-h"])
    assert result.exit_code == 0 and "Example:" in result.output


@pytest.mark.skipif(
    importlib.util.find_spec("graph.analysis.debtrank") is None, reason="no DebtRank module"
)
def test_stress_colours_by_loss(seed_like_workspace, tmp_path):
    out = tmp_path / "m.html"
    result = run_cli(
        "map",
        "-o",
        str(out),
        "--stress",
        "CoreWeave",
        "--format",
        "json",
        workspace=seed_like_workspace,
    )
    assert result.returncode == 0, result.stderr
    orgs = page_data(out, "dg-data")["orgs"]
    assert orgs["coreweave"]["loss"] == 1.0
    assert all(0.0 <= o["loss"] <= 1.0 for o in orgs.values())


@pytest.mark.neo4j
def test_the_same_map_from_neo4j(neo4j_store, neo4j_clean, seed_like_workspace, tmp_path):
    from tests.render.conftest import write_seed_like

    write_seed_like(neo4j_store)
    pages = {}
    for name, store_args in (
        ("sqlite", ["--workspace", str(seed_like_workspace)]),
        ("neo4j", ["--neo4j", neo4j_clean]),
    ):
        out = tmp_path / f"{name}.html"
        result = run_cli("map", "-o", str(out), "--format", "json", *store_args)
        assert result.returncode == 0, result.stderr
        summary = json.loads(result.stdout)
        assert (summary["organizations"], summary["edges"], summary["loops"]) == (8, 15, 6)
        pages[name] = (page_data(out, "dg-edges"), page_data(out, "dg-data")["cycles"])
    assert pages["neo4j"] == pages["sqlite"]


def test_titles_labels_and_no_internal_paths(seed_like_workspace, tmp_path):
    out = tmp_path / "m.html"
    result = run_cli(
        "map",
        "-o",
        str(out),
        "--labels",
        "zh-Hans",
        "--title",
        "AI 资金循环",
        workspace=seed_like_workspace,
    )
    assert result.returncode == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert str(seed_like_workspace) not in html and str(tmp_path) not in html
    meta = page_data(out, "dg-data")["meta"]  # type: ignore[index]
    assert meta["title"] == "AI 资金循环" and meta["labels"] == "zh-Hans"
    assert meta["subtitle"] == "6 loops of at most 6 hops"
    labels = {n["id"]: n["label"] for n in page_data(out, "dg-nodes")}  # type: ignore[union-attr]
    assert labels["nvidia"] == "英伟达" and labels["microsoft"] == "微软"
    assert labels["coreweave"] == "CoreWeave"

    result = run_cli("map", "--labels", "fr", workspace=seed_like_workspace)
    assert (
        result.returncode == 2 and "'fr' is not one of 'en', 'zh-Hant', 'zh-Hans'" in result.stderr
    )
    result = run_cli("map", "--size", "big", "--png", "x.png", workspace=seed_like_workspace)
    assert result.returncode == 2
    assert "error: --size big: write WIDTHxHEIGHT in pixels" in result.stderr

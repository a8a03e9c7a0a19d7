"""The main job through the CLI, as a user runs it: load the seeds, report the loops."""

from __future__ import annotations

import json

from tests.conftest import SEED_BUNDLE, SEEDS, run_cli

# the loops DESIGN.md names for the seed articles, by display name
DESIGN_LOOPS = [
    ["Nvidia", "OpenAI", "Oracle"],
    ["Nvidia", "OpenAI"],
    ["AMD", "OpenAI"],
    ["Nvidia", "CoreWeave"],
    ["Nvidia", "OpenAI", "CoreWeave"],
    ["OpenAI", "Microsoft", "CoreWeave", "Nvidia"],
]


def rotations(names):
    return {tuple(names[i:] + names[:i]) for i in range(len(names))}


def test_seed_report_lists_the_design_loops_with_evidence(seeded_workspace):
    result = run_cli("cycles", "--format", "json", workspace=seeded_workspace)
    assert result.returncode == 0, result.stderr
    loops = json.loads(result.stdout)
    found = {tuple(loop["nodes"]) for loop in loops}
    for expected in DESIGN_LOOPS:
        assert rotations(expected) & found, f"missing loop {' -> '.join(expected)}"
    for loop in loops:
        assert len(loop["nodes"]) == len(set(loop["nodes"])) <= 6
        hops = {(e["source"], e["target"]) for e in loop["edges"]}  # ids, as in `edges`
        ring = list(zip(loop["ids"], loop["ids"][1:] + loop["ids"][:1], strict=True))
        assert set(ring) == hops
        names = {(e["source_name"], e["target_name"]) for e in loop["edges"]}
        assert set(zip(loop["nodes"], loop["nodes"][1:] + loop["nodes"][:1], strict=True)) == names
        for edge in loop["edges"]:
            assert edge["evidence"], edge
            assert all(ev["quote"] and ev["article_id"] for ev in edge["evidence"])
    # each loop once, whatever node it is entered at
    canon = [
        frozenset(zip(lp["nodes"], lp["nodes"][1:] + lp["nodes"][:1], strict=True)) for lp in loops
    ]
    assert len(canon) == len(set(canon))
    # ranked by bottleneck, largest first, unknown last
    known = [lp["bottleneck_usd"] for lp in loops if lp["bottleneck_usd"] is not None]
    assert known == sorted(known, reverse=True)


def test_seed_report_for_people_shows_each_hop_and_its_quote(seeded_workspace):
    result = run_cli("cycles", "--through", "oracle", workspace=seeded_workspace)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Nvidia → OpenAI → Oracle → Nvidia" in out
    assert "─invests_in→" in out and "─buys_compute_from→" in out and "─buys_chips_from→" in out
    assert "矽谷101" in out  # the outlet of the quote
    assert "“" in out


def test_loading_twice_leaves_the_same_graph(tmp_path):
    ws = tmp_path / "ws"
    first = run_cli("load", str(SEEDS), "--format", "json", workspace=ws)
    assert first.returncode == 0, first.stderr
    second = run_cli("load", str(SEED_BUNDLE), "--format", "json", workspace=ws)
    assert second.returncode == 0, second.stderr
    a, b = json.loads(first.stdout), json.loads(second.stdout)
    assert a["articles_read"] == a["articles_new"] == 7
    assert b["articles_already_loaded"] == 7 and b["articles_new"] == 0
    assert b["edges_added"] == b["edges_updated"] == b["evidence_added"] == 0
    assert a["store"] == b["store"]
    assert a["store"]["edges"] > 20


def test_empty_workspace_says_how_to_fill_it(tmp_path):
    for command in (["cycles"], ["edges"], ["orgs"], ["export"]):
        result = run_cli(*command, workspace=tmp_path / "empty")
        assert result.returncode == 1
        assert "dealgraph load seeds/" in result.stderr
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "empty").exists()  # reading never creates a workspace


def test_unknown_organization_is_one_clear_line(seeded_workspace):
    result = run_cli("cycles", "--through", "Nvidiaa", workspace=seeded_workspace)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "Nvidia" in result.stderr and "Traceback" not in result.stderr


def test_filters_through_the_cli(seeded_workspace):
    def loops(*args):
        result = run_cli("cycles", "--format", "json", *args, workspace=seeded_workspace)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    everything = loops()
    amd = loops("--through", "AMD")
    assert amd and all("AMD" in lp["nodes"] for lp in amd)
    assert len(amd) < len(everything)
    two = loops("--max-length", "2")
    assert two and all(len(lp["nodes"]) == 2 for lp in two)
    rich = loops("--min-usd", "1e10")
    assert all(lp["bottleneck_usd"] >= 1e10 for lp in rich)
    assert loops("--limit", "3") == everything[:3]
    only = loops("--relation", "warrant_for", "--relation", "buys_chips_from")
    assert all(
        e["relation"] in {"warrant_for", "buys_chips_from"} for lp in only for e in lp["edges"]
    )


def test_bad_date_is_a_usage_error(seeded_workspace):
    result = run_cli("cycles", "--since", "last year", workspace=seeded_workspace)
    assert result.returncode == 2 and "YYYY-MM-DD" in result.stderr


def test_edges_and_orgs(seeded_workspace):
    result = run_cli("edges", "--org", "輝達", "--format", "json", workspace=seeded_workspace)
    assert result.returncode == 0, result.stderr
    edges = json.loads(result.stdout)
    assert edges and all("nvidia" in (e["source"], e["target"]) for e in edges)
    backstop = [e for e in edges if e["relation"] == "capacity_backstop"]
    assert backstop and abs(backstop[0]["amount_usd"] - 6.3e9) < 6.3e7
    orgs = json.loads(run_cli("orgs", "--format", "json", workspace=seeded_workspace).stdout)
    by_id = {o["id"]: o for o in orgs}
    assert by_id["openai"]["loops"] >= 5 and by_id["nvidia"]["loops"] >= 5
    table = run_cli("orgs", workspace=seeded_workspace)
    assert table.returncode == 0 and "OpenAI" in table.stdout


def test_limited_report_is_the_head_of_the_full_one_quotes_included(seeded_workspace):
    full = run_cli("cycles", "--format", "json", workspace=seeded_workspace)
    top = run_cli("cycles", "--format", "json", "--limit", "2", workspace=seeded_workspace)
    assert full.returncode == top.returncode == 0, top.stderr
    loops = json.loads(full.stdout)
    assert len(loops) > 2
    assert json.loads(top.stdout) == loops[:2]
    assert all(ev["quote"] for lp in loops[:2] for e in lp["edges"] for ev in e["evidence"])

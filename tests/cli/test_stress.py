"""``dealgraph stress``, ``exposure`` and ``orgs --sort circularity`` as a user runs them.

Hand-built workspace (US$ billions; ``?`` = no amount)::

    Xeno -buys_compute_from 40-> Ymir    Zeta -buys_compute_from 10-> Ymir
    Wolf -buys_compute_from ?-> Ymir     Xeno -invests_in ?-> Quill
    Ymir -buys_chips_from 8-> Xeno

Missing amounts: Wolf -> Ymir counts as median(40, 10) = 25 (its relation's
known amounts); Xeno -> Quill, with no known invests_in amount, as the median
of all known amounts, median(40, 10, 8) = 10.
Capacities: E_Xeno = 40 + 10 + 8 = 58, E_Ymir = 40 + 10 + 25 + 8 = 83.
If Xeno fails, Ymir loses 40/83 in round 1; Quill (its investee) nothing.
Ymir then passes 40/83 on to Xeno, which is already Inactive:
h_Xeno = min(1, 1 + 8/58 * 40/83) = 1.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.model import Edge, Evidence, Organization
from graph.store.sqlite import SQLiteStore
from tests.conftest import run_cli

B = 1e9
WIDE = {"COLUMNS": "220"}


def e(source: str, relation: str, target: str, usd: float | None = None) -> Edge:
    quote = f"{source.title()} {relation.replace('_', ' ')} {target.title()}"
    ev = Evidence(
        article_id=f"art-{source}",
        article_title=f"News about {source.title()}",
        outlet="Wire",
        quote=quote,
        start=0,
        end=len(quote),
        amount_usd=usd * B if usd is not None else None,
        qualifier="exact" if usd is not None else None,
    )
    return Edge(source=source, relation=relation, target=target, evidence=[ev])  # type: ignore[arg-type]


GRAPH = [
    e("xeno", "buys_compute_from", "ymir", 40),
    e("zeta", "buys_compute_from", "ymir", 10),
    e("wolf", "buys_compute_from", "ymir"),
    e("xeno", "invests_in", "quill"),
    e("ymir", "buys_chips_from", "xeno", 8),
]


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    folder = tmp_path / "ws"
    folder.mkdir()
    store = SQLiteStore(folder / "dealgraph.sqlite")
    ids = sorted({n for edge in GRAPH for n in (edge.source, edge.target)})
    store.write(None, GRAPH, [Organization(id=n, name=n.title()) for n in ids])
    store.close()
    return folder


def test_stress_json(ws: Path):
    result = run_cli("stress", "Xeno", "--format", "json", workspace=ws)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["organization"] == "Xeno" and data["haircut"] == 1.0
    rows = {r["id"]: r for r in data["organizations"]}
    assert [r["id"] for r in data["organizations"]] == ["xeno", "ymir"]
    assert rows["ymir"]["loss"] == pytest.approx(40 / 83)
    assert rows["ymir"]["loss_usd"] == pytest.approx(40 * B)
    assert rows["ymir"]["round"] == 1 and rows["xeno"]["round"] == 0
    assert rows["ymir"]["capacity_usd"] == pytest.approx(83 * B)
    [hit] = rows["ymir"]["hits"]
    assert hit["from"] == "Xeno" and hit["claims"][0]["relations"] == ["buys_compute_from"]
    # v = E / sum E: E = Xeno 58, Ymir 83, Zeta 10, Wolf 25, Quill 10 -> 186
    # R = 83 * 40/83 / 186 (Xeno's own h stays 1)
    assert data["debtrank"] == pytest.approx(40 / 186)
    assert any("Missing amounts: 2 of 5 edges" in n for n in data["notes"])


def test_stress_table_states_its_choices(ws: Path):
    result = run_cli("stress", "xeno", workspace=ws, env=WIDE)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "If Xeno loses 100%: 1 organization hurt, DebtRank R = 0.215" in out
    assert "Xeno $40B buys_compute_from ×0.48" in out
    assert "note: Missing amounts" in out and "invests_in $10B*" in out
    assert "note: Capacity E" in out and "note: Direction" in out
    assert "Quill" not in out.split("note:")[0]  # the investee is not hurt


def test_stress_of_the_investee_reaches_the_investor(ws: Path):
    # Quill loses half: round 1, Xeno loses its imputed 10 of 58 of that: 0.5 * 10/58
    # round 2: Ymir loses 40/83 of Xeno's distress: h_y = 0.5 * 10/58 * 40/83
    # round 3: Ymir's distress comes back to Xeno (Inactive, but its loss still grows):
    #          h_x = 0.5 * 10/58 + 8/58 * h_y
    result = run_cli("stress", "Quill", "--haircut", "0.5", "--format", "json", workspace=ws)
    rows = {r["id"]: r for r in json.loads(result.stdout)["organizations"]}
    h_y = 0.5 * 10 / 58 * 40 / 83
    assert rows["quill"]["loss"] == 0.5
    assert rows["ymir"]["loss"] == pytest.approx(h_y)
    assert rows["xeno"]["loss"] == pytest.approx(0.5 * 10 / 58 + 8 / 58 * h_y)
    assert rows["ymir"]["round"] == 2
    assert rows["xeno"]["hits"][0]["claims"][0]["imputed"] is True


def test_stress_as_of_and_limit(ws: Path):
    # nothing is dated: as of any day the graph is empty and nobody is hurt
    result = run_cli("stress", "Xeno", "--as-of", "2025-12-31", workspace=ws, env=WIDE)
    assert result.returncode == 0, result.stderr
    assert "0 organizations hurt" in result.stdout and "As of 2025-12-31" in result.stdout
    limited = run_cli("stress", "Quill", "--limit", "1", "--format", "json", workspace=ws)
    assert [r["id"] for r in json.loads(limited.stdout)["organizations"]] == ["quill", "xeno"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["stress", "Nobody"], "no organization called 'Nobody'"),
        (["stress", "Xeno", "--haircut", "1.5"], "--haircut"),
        (["stress", "Xeno", "--as-of", "yesterday"], "write it as YYYY-MM-DD"),
        (["exposure", "Nobody"], "no organization called 'Nobody'"),
    ],
)
def test_user_errors_are_one_clear_line(ws: Path, args: list[str], message: str):
    result = run_cli(*args, workspace=ws)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_empty_workspace(tmp_path: Path):
    result = run_cli("stress", "Xeno", workspace=tmp_path / "none")
    assert result.returncode == 1
    assert "dealgraph load" in result.stderr and "Traceback" not in result.stderr


def test_exposure(ws: Path):
    result = run_cli("exposure", "Ymir", "--format", "json", workspace=ws)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["total_known_usd"] == pytest.approx(50 * B)
    assert [(x["counterparty"], x["amount_usd"]) for x in data["exposures"]] == [
        ("Xeno", 40 * B),
        ("Zeta", 10 * B),
        ("Wolf", None),
    ]
    assert data["exposures"][0]["evidence"][0]["quote"] == "Xeno buys compute from Ymir"
    table = run_cli("exposure", "xeno", workspace=ws, env=WIDE)
    assert "Xeno: 2 claims on counterparties, $8B known" in table.stdout
    assert "“Ymir buys chips from Xeno” — News about Ymir (Wire)" in table.stdout
    assert "unknown" in table.stdout  # the investment in Quill has no amount


def test_orgs_by_circularity(ws: Path):
    # Xeno: inflow 8 from Ymir, on the loop Xeno -> Ymir -> Xeno: 100%
    # Ymir: inflow 40 (Xeno, on the loop) + 10 (Zeta) = 50 known: 80%
    result = run_cli("orgs", "--sort", "circularity", "--format", "json", workspace=ws)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [(r["name"], r["circularity"]) for r in rows][:2] == [("Xeno", 1.0), ("Ymir", 0.8)]
    assert rows[1]["circular_loops"] == ["Xeno → Ymir → Xeno"]
    table = run_cli("orgs", "--sort", "circularity", workspace=ws, env=WIDE)
    assert "80%" in table.stdout and "Xeno → Ymir → Xeno" in table.stdout


# -- on the seed articles ------------------------------------------------------------
def test_seed_stress_openai_hurts_oracle_and_coreweave(seeded_workspace: Path):
    result = run_cli("stress", "OpenAI", "--format", "json", workspace=seeded_workspace)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    rows = {r["id"]: r for r in data["organizations"]}
    ranked = [r["id"] for r in data["organizations"][1:]]  # by loss in USD, after OpenAI
    assert {"oracle", "coreweave"} <= set(ranked[:3]), ranked
    # and the amounts that make it so: OpenAI's own contracts, stated in the articles
    for org in ("oracle", "coreweave"):
        [direct] = [h for h in rows[org]["hits"] if h["from_id"] == "openai"]
        stated = [c for c in direct["claims"] if not c["imputed"]]
        assert stated and stated[0]["amount_usd"] >= 1e9, direct
    assert rows["oracle"]["loss"] > rows["coreweave"]["loss"] > 0
    table = run_cli("stress", "OpenAI", workspace=seeded_workspace, env=WIDE)
    assert "OpenAI $300B buys_compute_from" in table.stdout
    assert "note: Missing amounts" in table.stdout

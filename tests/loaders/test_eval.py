"""``dealgraph eval`` and :mod:`loaders.eval`: the seed scores, and the scoring rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import main
from graph.model import Article, Edge, Evidence
from loaders.eval import evaluate, load_gold, parse_gold

DATA = Path(__file__).resolve().parent.parent / "data"
GOLD = DATA / "seed_gold.json"
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def seed_report() -> dict:
    result = CliRunner().invoke(main, ["eval", "--gold", str(GOLD), str(SEEDS), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_seed_core_recall(seed_report: dict) -> None:
    core = seed_report["tiers"]["core"]
    assert core["recall"] >= 0.95, seed_report["misses"]


def test_seed_extended_recall(seed_report: dict) -> None:
    assert seed_report["tiers"]["extended"]["recall"] >= 0.8, seed_report["misses"]


def test_seed_precision(seed_report: dict) -> None:
    assert seed_report["precision"] >= 0.9, seed_report["false_positives"]


def test_seed_amounts_all_within_one_percent(seed_report: dict) -> None:
    assert seed_report["amounts_total"] >= 10
    assert seed_report["amounts_found"] == seed_report["amounts_total"], seed_report[
        "amount_misses"
    ]


def test_seed_articles_all_matched_by_title(seed_report: dict) -> None:
    assert seed_report["articles_matched"] == 7
    assert seed_report["gold_articles_missing"] == []


def test_table_output_names_misses_and_tiers() -> None:
    result = CliRunner().invoke(main, ["eval", "--gold", str(GOLD), str(SEEDS)])
    assert result.exit_code == 0, result.output
    for word in ("core", "extended", "implied", "By relation", "invests_in", "amounts"):
        assert word in result.stdout


def test_help_has_an_example() -> None:
    result = CliRunner().invoke(main, ["eval", "-h"])
    assert result.exit_code == 0
    assert "Example:" in result.stdout


def test_unknown_organization_in_gold_is_one_clear_line(tmp_path: Path) -> None:
    bad = tmp_path / "gold.json"
    row = {"tier": "core", "source": "Nobody Inc", "relation": "invests_in", "target": "OpenAI"}
    bad.write_text(json.dumps({"evidence": [{**row, "article": 1}]}), encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "--gold", str(bad), str(SEEDS)])
    assert result.exit_code != 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "Nobody Inc" in lines[0] and str(bad) in lines[0]


def test_broken_gold_json_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "gold.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(Exception, match="gold.json"):
        load_gold(bad)


# ------------------------------------------------------------------ scoring rules
def _gold(*rows: dict) -> dict:
    return {"articles": [{"n": 1, "title": "T"}], "evidence": [{"article": 1, **r} for r in rows]}


def _edge(source: str, relation: str, target: str, amount: float | None = None) -> Edge:
    ev = Evidence(article_id="a", quote="q", start=0, end=1, amount_usd=amount)
    return Edge(source=source, relation=relation, target=target, evidence=[ev])  # type: ignore[arg-type]


def _score(gold: dict, edges: list[Edge]):  # noqa: ANN202 - a Report
    article = Article(id="a", title="T", body="x")
    return evaluate(parse_gold(gold), [article], extract=lambda a, g: edges)


def test_precision_counts_extra_edges_but_not_partnerships_or_implied() -> None:
    gold = _gold(
        {"tier": "core", "source": "Nvidia", "relation": "invests_in", "target": "OpenAI"},
        {"tier": "implied", "source": "Meta", "relation": "buys_chips_from", "target": "Google"},
    )
    edges = [
        _edge("nvidia", "invests_in", "openai"),
        _edge("meta", "buys_chips_from", "alphabet"),  # implied: neither helps nor hurts
        _edge("amd", "partners_with", "openai"),  # partnerships aside
        _edge("oracle", "acquires", "amd"),  # a false positive
    ]
    report = _score(gold, edges)
    assert report.precision == 0.5
    assert report.tiers["core"].recall == 1.0
    assert report.tiers["implied"].recall == 1.0
    assert [f["relation"] for f in report.false_positives] == ["acquires"]


def test_misses_are_listed_by_name_with_their_tier() -> None:
    gold = _gold(
        {"tier": "core", "source": "Nvidia", "relation": "invests_in", "target": "OpenAI"},
        {
            "tier": "extended",
            "source": "Abbott",
            "relation": "acquires",
            "target": "Exact Sciences",
        },
    )
    report = _score(gold, [_edge("nvidia", "invests_in", "openai")])
    assert report.misses == [
        {"tier": "extended", "source": "Abbott", "relation": "acquires", "target": "Exact Sciences"}
    ]
    assert report.tiers["extended"].recall == 0.0


def test_amounts_must_be_within_one_percent_on_the_edge() -> None:
    row = {"tier": "core", "source": "Nvidia", "relation": "invests_in", "target": "OpenAI"}
    gold = _gold({**row, "amount_usd": 1e11})
    assert _score(gold, [_edge("nvidia", "invests_in", "openai", 1.005e11)]).amounts_found == 1
    report = _score(gold, [_edge("nvidia", "invests_in", "openai", 1.02e11)])
    assert report.amounts_found == 0 and report.amount_misses[0]["found"] == [1.02e11]


def test_articles_not_in_the_gold_are_not_scored() -> None:
    gold = _gold({"tier": "core", "source": "Nvidia", "relation": "invests_in", "target": "OpenAI"})
    other = Article(id="b", title="Another story", body="x")
    report = evaluate(
        parse_gold(gold), [other], extract=lambda a, g: [_edge("oracle", "acquires", "amd")]
    )
    assert report.articles_unmatched == ["Another story"]
    assert report.counted == 0 and report.gold_articles_missing == ["T"]

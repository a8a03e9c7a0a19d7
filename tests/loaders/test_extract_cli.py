"""``dealgraph extract``: pure, edges out as JSON lines, JSON or a table; bad input reported."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from graph.cli import main
from loaders.read import Problem, iter_articles

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
BUNDLE = next(SEEDS.glob("000_*.txt"))

EDGE_FIELDS = {
    "source",
    "source_name",
    "relation",
    "target",
    "target_name",
    "amount_usd",
    "qualifier",
    "quantity",
    "unit",
    "date",
    "status",
    "confidence",
    "evidence",
}
EVIDENCE_FIELDS = {"article_id", "article_title", "quote", "start", "end", "amount_usd", "quantity"}


def run(*args: str, stdin: str | None = None):  # noqa: ANN201 - click's Result
    return CliRunner().invoke(main, list(args), input=stdin)


def test_jsonl_has_one_edge_per_line_with_exact_quotes() -> None:
    result = run("extract", str(BUNDLE))
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) >= 25
    assert len({(r["source"], r["relation"], r["target"]) for r in rows}) == len(rows)
    bodies = {a.id: a.body for a in iter_articles([str(BUNDLE)]) if not isinstance(a, Problem)}
    for row in rows:
        assert row.keys() >= EDGE_FIELDS
        for ev in row["evidence"]:
            assert EVIDENCE_FIELDS | {"unit"} <= ev.keys()
            assert bodies[ev["article_id"]][ev["start"] : ev["end"]] == ev["quote"]


def test_json_is_a_list_and_evidence_accumulates_across_articles() -> None:
    result = run("extract", str(BUNDLE), "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    by_key = {(r["source"], r["relation"], r["target"]): r for r in rows}
    backstop = by_key[("nvidia", "capacity_backstop", "coreweave")]
    assert len({ev["article_id"] for ev in backstop["evidence"]}) >= 2
    assert backstop["amount_usd"] == 6.3e9


def test_table_for_people() -> None:
    result = run("extract", str(BUNDLE), "--format", "table")
    assert result.exit_code == 0
    assert "edges" in result.stdout and "invests_in" in result.stdout


def test_stdin_and_plain_text() -> None:
    result = run(
        "extract", "-", stdin="Deal\nAMD granted OpenAI warrants for 160 million shares.\n"
    )
    assert result.exit_code == 0, result.output
    (row,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert (row["source"], row["relation"], row["target"]) == ("amd", "warrant_for", "openai")
    assert (row["quantity"], row["unit"]) == (160e6, "shares")


def test_bad_input_is_one_line_each_and_the_rest_is_extracted(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Deal\nMicrosoft will invest $10 billion in OpenAI.\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    broken = tmp_path / "news.jsonl"
    broken.write_text(
        '{"title": "A", "body": "Nvidia invests $5 billion in Intel."}\n{oops\n', encoding="utf-8"
    )
    result = run("extract", str(tmp_path))
    assert result.exit_code == 1
    problems = result.stderr.strip().splitlines()
    assert len(problems) == 3, problems
    assert any(str(empty) in p for p in problems) and any(str(binary) in p for p in problems)
    assert any(f"{broken}:2:" in p for p in problems)
    keys = {
        tuple(json.loads(line)[k] for k in ("source", "target"))
        for line in result.stdout.splitlines()
    }
    assert keys == {("microsoft", "openai"), ("nvidia", "intel")}


def test_missing_path_is_reported() -> None:
    result = run("extract", "no/such/file.txt")
    assert result.exit_code != 0
    assert "no/such/file.txt" in result.output


def test_help_has_an_example() -> None:
    for flag in ("-h", "--help"):
        result = run("extract", flag)
        assert result.exit_code == 0
        assert "Example:" in result.stdout

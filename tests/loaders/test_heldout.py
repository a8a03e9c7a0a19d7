"""The held-out set: 36 unseen articles in three scripts, scored through ``dealgraph``.

``tests/data/heldout/articles.jsonl`` holds 12 English, 12 Traditional Chinese and 12
Simplified Chinese articles written apart from the extraction rules;
``tests/data/heldout/gold.json`` has the seed gold's shape plus a ``negatives`` list:
per article, triples that must not come out of it with a status outside their
``allowed_status`` (``*`` = any relation, either direction).

Each article is extracted on its own through ``dealgraph extract``, so one article the
extractor fails on costs recall instead of the whole run (and fails
:func:`test_every_article_extracts`). The articles that extract are then scored with
``dealgraph eval``, once for the whole set and once per language. The floors sit a
little below the figures measured when they were set; raise them as the extractor
improves. ``pytest -s`` prints the per-language table, the misses and the negatives
that were extracted.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from graph.cli import main
from graph.model import RELATIONS
from loaders.gazetteer import default_gazetteer
from loaders.normalize import detect_lang, normalize

HELDOUT = Path(__file__).resolve().parent.parent / "data" / "heldout"
ARTICLES = HELDOUT / "articles.jsonl"
GOLD = HELDOUT / "gold.json"
LANGS = ("en", "zh-Hant", "zh-Hans")
# A negative extracted with one of these statuses states a deal the article denies,
# only imagines, or does not make.
ASSERTED = {"announced", "completed"}

# Floors: measured value minus a small margin (see the module docstring).
FLOORS: dict[str, dict[str, float]] = {
    "all": {"core": 0.88, "extended": 0.65, "precision": 0.90, "amounts": 0.68},
    "en": {"core": 0.92, "extended": 0.64, "precision": 0.90},
    "zh-Hant": {"core": 0.88, "extended": 0.55, "precision": 0.90},
    "zh-Hans": {"core": 0.85, "extended": 0.64, "precision": 0.85},
}
# Negatives extracted with an asserted status when the floors were set, by
# (article, source, relation, target); each one is a bug to fix, then drop from here.
KNOWN_NEGATIVE_HITS: set[tuple[int, str, str, str]] = set()


def _lines() -> list[dict[str, Any]]:
    return [json.loads(line) for line in ARTICLES.read_text(encoding="utf-8").splitlines()]


def _gold() -> dict[str, Any]:
    return json.loads(GOLD.read_text(encoding="utf-8"))


@dataclass
class Run:
    """Per-article extraction of the held-out set, and what could not be extracted."""

    edges: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    failed: dict[int, str] = field(default_factory=dict)
    clean: Path | None = None


def _invoke(args: list[str]) -> Any:
    return CliRunner().invoke(main, args)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    where = tmp_path_factory.mktemp("heldout")
    out = Run()
    keep = []
    for n, line in enumerate(ARTICLES.read_text(encoding="utf-8").splitlines(), start=1):
        one = where / f"article_{n:02d}.jsonl"
        one.write_text(line + "\n", encoding="utf-8")
        result = _invoke(["extract", str(one), "--format", "jsonl"])
        if result.exit_code != 0:
            exc = result.exception
            why = f"{type(exc).__name__}: {exc}" if exc else result.output.strip()
            out.failed[n] = why
            continue
        out.edges[n] = [json.loads(x) for x in result.stdout.splitlines() if x.strip()]
        keep.append(line)
    out.clean = where / "extractable.jsonl"
    out.clean.write_text("".join(x + "\n" for x in keep), encoding="utf-8")
    return out


def _eval(gold: dict[str, Any], articles: Path, where: Path) -> dict[str, Any]:
    gold_file = where / "gold.json"
    gold_file.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    result = _invoke(["eval", "--gold", str(gold_file), str(articles), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def reports(run: Run, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """``dealgraph eval`` reports for the whole set ("all") and for each language."""
    gold, lines = _gold(), _lines()
    assert run.clean is not None
    out = {"all": _eval(gold, run.clean, tmp_path_factory.mktemp("eval_all"))}
    for lang in LANGS:
        mine = {n for n, a in enumerate(lines, start=1) if a["lang"] == lang}
        part = dict(gold)
        part["articles"] = [a for a in gold["articles"] if a["n"] in mine]
        part["evidence"] = [e for e in gold["evidence"] if e["article"] in mine]
        where = tmp_path_factory.mktemp(f"eval_{lang}")
        text = "".join(
            json.dumps(a, ensure_ascii=False) + "\n"
            for n, a in enumerate(lines, start=1)
            if n in mine and n not in run.failed
        )
        (where / "articles.jsonl").write_text(text, encoding="utf-8")
        out[lang] = _eval(part, where / "articles.jsonl", where)
    return out


# ------------------------------------------------------------------ the data itself


def test_articles_are_twelve_per_language_with_the_fields() -> None:
    lines = _lines()
    assert Counter(a["lang"] for a in lines) == {lang: 12 for lang in LANGS}
    assert len({a["title"] for a in lines}) == 36
    for n, a in enumerate(lines, start=1):
        assert set(a) == {"title", "body", "outlet", "published", "lang"}, n
        date.fromisoformat(a["published"])
        assert detect_lang(a["body"]) == a["lang"], (n, a["title"])


def test_gold_quotes_are_exact_substrings_of_the_normalised_body() -> None:
    bodies = [normalize(a["body"]) for a in _lines()]
    gold = _gold()
    assert [a["n"] for a in gold["articles"]] == list(range(1, 37))
    for i, row in enumerate(gold["evidence"], start=1):
        assert row["quote"], i
        assert row["quote"] in bodies[row["article"] - 1], (i, row["article"], row["quote"])


def test_gold_and_negatives_name_known_organizations_and_relations() -> None:
    gaz, gold, lines = default_gazetteer(), _gold(), _lines()
    for row in gold["evidence"] + gold["negatives"]:
        for name in (row["source"], row["target"]):
            assert gaz.resolve(name) is not None, name
        assert row["relation"] in RELATIONS or (row["relation"] == "*" and "tier" not in row)
    for a in gold["articles"]:
        assert a["title"] == lines[a["n"] - 1]["title"]
    asserted = {(r["article"], r["source"], r["relation"], r["target"]) for r in gold["evidence"]}
    for neg in gold["negatives"]:
        key = (neg["article"], neg["source"], neg["relation"], neg["target"])
        # a negative may only coincide with gold evidence of its own article when that
        # evidence carries a status the negative allows (a rumour may be 'reported')
        if key in asserted:
            statuses = {
                r["status"]
                for r in gold["evidence"]
                if (r["article"], r["source"], r["relation"], r["target"]) == key
            }
            assert statuses <= set(neg["allowed_status"]), key


def test_every_relation_is_covered_in_every_language() -> None:
    gold, lines = _gold(), _lines()
    seen = {(lines[r["article"] - 1]["lang"], r["relation"]) for r in gold["evidence"]}
    for relation in RELATIONS:
        covered = [lang for lang in LANGS if (lang, relation) in seen]
        assert len(covered) >= 2, (relation, covered)


# ---------------------------------------------------------------- the extractor


def test_every_article_extracts(run: Run) -> None:
    assert run.failed == {}


@pytest.mark.parametrize("scope", ["all", *LANGS])
def test_recall_and_precision_floors(reports: dict[str, dict[str, Any]], scope: str) -> None:
    report, floor = reports[scope], FLOORS[scope]
    assert report["tiers"]["core"]["recall"] >= floor["core"], report["misses"]
    assert report["tiers"]["extended"]["recall"] >= floor["extended"], report["misses"]
    assert report["precision"] >= floor["precision"], report["false_positives"]


def test_amount_accuracy_floor(reports: dict[str, dict[str, Any]]) -> None:
    report = reports["all"]
    assert report["amounts_total"] >= 40
    assert report["amount_accuracy"] >= FLOORS["all"]["amounts"], report["amount_misses"]


def _negative_hits(run: Run) -> list[tuple[dict[str, Any], str, str]]:
    """(negative, extracted relation, status) for each negative found in its article."""
    gaz = default_gazetteer()
    hits = []
    for neg in _gold()["negatives"]:
        source, target = gaz.resolve(neg["source"]), gaz.resolve(neg["target"])
        assert source is not None and target is not None
        pairs = {(source.id, target.id)}
        if neg["relation"] == "*":
            pairs.add((target.id, source.id))
        for edge in run.edges.get(neg["article"], []):
            if (edge["source"], edge["target"]) not in pairs:
                continue
            if neg["relation"] not in ("*", edge["relation"]):
                continue
            for ev in edge["evidence"]:
                status = ev.get("status") or edge["status"]
                if status not in neg["allowed_status"]:
                    hits.append((neg, edge["relation"], status))
    return hits


def test_no_new_negative_is_extracted_as_a_deal(run: Run) -> None:
    asserted = {
        (neg["article"], neg["source"], neg["relation"], neg["target"])
        for neg, _, status in _negative_hits(run)
        if status in ASSERTED
    }
    assert asserted <= KNOWN_NEGATIVE_HITS, sorted(asserted - KNOWN_NEGATIVE_HITS)


def test_no_negative_is_extracted_as_a_deal(run: Run) -> None:
    asserted = [(n["article"], n["source"], r, n["target"], s) for n, r, s in _negative_hits(run)]
    assert [h for h in asserted if h[4] in ASSERTED] == []


def test_print_the_table(run: Run, reports: dict[str, dict[str, Any]]) -> None:
    """Not an assertion: the figures, for ``pytest -s``."""
    print("\nheld-out set (dealgraph eval per language; recall by tier, precision, amounts)")
    print(f"{'scope':8} {'core':>12} {'extended':>12} {'implied':>12} {'precision':>10} amounts")
    for scope in ("all", *LANGS):
        r = reports[scope]
        cells = [
            f"{t['found']:>3}/{t['gold']:<3} {t['recall'] or 0:4.0%}"
            for t in (r["tiers"][k] for k in ("core", "extended", "implied"))
        ]
        amounts = f"{r['amounts_found']}/{r['amounts_total']}"
        print(f"{scope:8} {' '.join(cells)} {r['precision'] or 0:>10.1%} {amounts}")
    for n, why in run.failed.items():
        print(f"article {n} not extracted: {why}")
    for neg, relation, status in _negative_hits(run):
        print(
            f"negative extracted: article {neg['article']} {neg['source']} {relation} "
            f"{neg['target']} [{status}] ({neg['reason']})"
        )
    assert set(reports) == {"all", *LANGS}

"""The sealed evaluation sets: 60 unseen articles each, in three scripts, scored through
the CLI.

``tests/data/sealed_b/``, ``tests/data/sealed_c/``, ``tests/data/sealed_d/``,
``tests/data/sealed_e/``, ``tests/data/sealed_f/``, ``tests/data/sealed_g/``,
``tests/data/sealed_h/`` and ``tests/data/sealed_i/`` hold short
articles written, apart from the extraction rules, in the manner of wire services, CNBC,
trade press, 經濟日報, 工商時報, 鉅亨網, 中央社, Hong Kong papers, 财联社, 36氪, 华尔街见闻
and 第一财经 (20 English, 20 Traditional Chinese, 20 Simplified Chinese each; sealed_d,
sealed_e, sealed_f, sealed_g, sealed_h and sealed_i are modelled on real deals of 2020-2026, in
their own sentences), with the deal
shapes that are hard to read: funding
rounds with many investors, lender syndicates, bonds, vehicles and joint ventures,
warrants, compute, chip and power contracts, stake sales, acquisitions, talks and
denials, and sentences that look like deals but are not (analyst notes, capital-spending
budgets, licence-and-hire deals, buying a plant from a company, passing mentions). Each
has ``articles.jsonl``, ``gold.json`` (evidence rows by tier, negatives) and
``unlisted.json`` (deals of organizations the gazetteer does not know). They measure how
the extractor generalises; never tune rules on them, and never quote them in a rule or
a test.

The data tests check each set itself. The scoring tests run ``dealgraph eval`` and
``dealgraph extract`` as a user would, print a table (``pytest -s``), and hold the
extractor to floors just under what it measured when last measured, plus a ceiling on
the negatives it extracts as announced. Raise the floors when the extractor improves;
never lower them to make a change pass.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

import pytest

from graph.model import RELATIONS, Status, Unit
from loaders.eval import TIERS
from loaders.gazetteer import default_gazetteer
from loaders.normalize import detect_lang, normalize
from tests.conftest import ROOT, run_cli

LANGS = ("en", "zh-Hant", "zh-Hans")
PER_LANG = 20
ANNOUNCED = {"announced", "completed"}


@dataclass(frozen=True)
class Sealed:
    """One sealed set: where it is, its floors and its ceiling on negatives.

    ``floors`` sit just under the scores measured when the set was last measured (the
    table printed with -s). Keys: (language or "all", metric); F1 is strict, at the edge
    level, from the precision and the recall of core and extended gold edges together.
    ``ceiling``: negatives extracted as announced or completed when last measured; must
    not grow.
    """

    name: str
    floors: dict[tuple[str, str], float]
    ceiling: dict[str, int]

    @property
    def data(self) -> Path:
        return ROOT / "tests" / "data" / self.name

    @property
    def articles_path(self) -> Path:
        return self.data / "articles.jsonl"

    @property
    def gold_path(self) -> Path:
        return self.data / "gold.json"

    def articles(self) -> list[dict[str, Any]]:
        text = self.articles_path.read_text(encoding="utf-8")
        return [json.loads(line) for line in text.splitlines()]

    def gold(self) -> dict[str, Any]:
        return json.loads(self.gold_path.read_text(encoding="utf-8"))

    def unlisted(self) -> list[dict[str, Any]]:
        return json.loads((self.data / "unlisted.json").read_text(encoding="utf-8"))["deals"]


SETS = {
    s.name: s
    for s in (
        Sealed(
            "sealed_b",
            {
                ("all", "core_recall"): 0.66,  # 0.681
                ("all", "extended_recall"): 0.41,  # 0.431
                ("all", "precision"): 0.70,  # 0.722
                ("all", "f1"): 0.56,  # 0.584
                ("all", "amount_accuracy"): 0.64,  # 0.667
                ("en", "core_recall"): 0.66,  # 0.684
                ("en", "extended_recall"): 0.34,  # 0.368
                ("en", "precision"): 0.64,  # 0.667
                ("en", "f1"): 0.50,  # 0.528
                ("en", "amount_accuracy"): 0.68,  # 0.700
                ("zh-Hant", "core_recall"): 0.62,  # 0.643
                ("zh-Hant", "extended_recall"): 0.30,  # 0.326
                ("zh-Hant", "precision"): 0.74,  # 0.760
                ("zh-Hant", "f1"): 0.50,  # 0.524
                ("zh-Hant", "amount_accuracy"): 0.48,  # 0.500
                ("zh-Hans", "core_recall"): 0.73,  # 0.750
                ("zh-Hans", "extended_recall"): 0.57,  # 0.600
                ("zh-Hans", "precision"): 0.76,  # 0.771
                ("zh-Hans", "f1"): 0.67,  # 0.699
                ("zh-Hans", "amount_accuracy"): 0.74,  # 0.769
            },
            {"all": 2, "en": 0, "zh-Hant": 1, "zh-Hans": 1},
        ),
        Sealed(
            "sealed_c",
            {
                ("all", "core_recall"): 0.75,  # 0.778
                ("all", "extended_recall"): 0.41,  # 0.432
                ("all", "precision"): 0.76,  # 0.788
                ("all", "f1"): 0.62,  # 0.641
                ("all", "amount_accuracy"): 0.55,  # 0.577
                ("en", "core_recall"): 0.85,  # 0.875
                ("en", "extended_recall"): 0.38,  # 0.407
                ("en", "precision"): 0.69,  # 0.714
                ("en", "f1"): 0.59,  # 0.616
                ("en", "amount_accuracy"): 0.57,  # 0.600
                ("zh-Hant", "core_recall"): 0.66,  # 0.680
                ("zh-Hant", "extended_recall"): 0.36,  # 0.385
                ("zh-Hant", "precision"): 0.79,  # 0.818
                ("zh-Hant", "f1"): 0.60,  # 0.621
                ("zh-Hant", "amount_accuracy"): 0.48,  # 0.500
                ("zh-Hans", "core_recall"): 0.71,  # 0.733
                ("zh-Hans", "extended_recall"): 0.40,  # 0.421
                ("zh-Hans", "precision"): 0.85,  # 0.875
                ("zh-Hans", "f1"): 0.60,  # 0.625
                ("zh-Hans", "amount_accuracy"): 0.57,  # 0.600
            },
            {"all": 2, "en": 0, "zh-Hant": 1, "zh-Hans": 1},
        ),
        Sealed(
            "sealed_d",
            {
                ("all", "core_recall"): 0.64,  # 0.667
                ("all", "extended_recall"): 0.40,  # 0.424
                ("all", "precision"): 0.75,  # 0.776
                ("all", "f1"): 0.61,  # 0.637
                ("all", "amount_accuracy"): 0.42,  # 0.449
                ("en", "core_recall"): 0.64,  # 0.667
                ("en", "extended_recall"): 0.35,  # 0.372
                ("en", "precision"): 0.72,  # 0.740
                ("en", "f1"): 0.57,  # 0.597
                ("en", "amount_accuracy"): 0.42,  # 0.444
                ("zh-Hant", "core_recall"): 0.57,  # 0.591
                ("zh-Hant", "extended_recall"): 0.64,  # 0.667
                ("zh-Hant", "precision"): 0.76,  # 0.787
                ("zh-Hant", "f1"): 0.68,  # 0.705
                ("zh-Hant", "amount_accuracy"): 0.43,  # 0.450
                ("zh-Hans", "core_recall"): 0.67,  # 0.691
                ("zh-Hans", "extended_recall"): 0.18,  # 0.200
                ("zh-Hans", "precision"): 0.79,  # 0.816
                ("zh-Hans", "f1"): 0.58,  # 0.609
                ("zh-Hans", "amount_accuracy"): 0.43,  # 0.455
            },
            {"all": 2, "en": 1, "zh-Hant": 1, "zh-Hans": 0},
        ),
        Sealed(
            "sealed_e",
            {
                ("all", "core_recall"): 0.70,  # 0.728
                ("all", "extended_recall"): 0.60,  # 0.622
                ("all", "precision"): 0.79,  # 0.819
                ("all", "f1"): 0.73,  # 0.752
                ("all", "amount_accuracy"): 0.66,  # 0.683
                ("en", "core_recall"): 0.64,  # 0.667
                ("en", "extended_recall"): 0.43,  # 0.455
                ("en", "precision"): 0.76,  # 0.787
                ("en", "f1"): 0.65,  # 0.677
                ("en", "amount_accuracy"): 0.64,  # 0.667
                ("zh-Hant", "core_recall"): 0.63,  # 0.657
                ("zh-Hant", "extended_recall"): 0.83,  # 0.857
                ("zh-Hant", "precision"): 0.75,  # 0.778
                ("zh-Hant", "f1"): 0.72,  # 0.745
                ("zh-Hant", "amount_accuracy"): 0.65,  # 0.667
                ("zh-Hans", "core_recall"): 0.78,  # 0.806
                ("zh-Hans", "extended_recall"): 0.62,  # 0.636
                ("zh-Hans", "precision"): 0.88,  # 0.900
                ("zh-Hans", "f1"): 0.80,  # 0.828
                ("zh-Hans", "amount_accuracy"): 0.61,  # 0.625
            },
            {"all": 0, "en": 0, "zh-Hant": 0, "zh-Hans": 0},
        ),
        Sealed(
            "sealed_f",
            {
                ("all", "core_recall"): 0.66,  # 0.690
                ("all", "extended_recall"): 0.54,  # 0.569
                ("all", "precision"): 0.81,  # 0.840
                ("all", "f1"): 0.70,  # 0.725
                ("all", "amount_accuracy"): 0.69,  # 0.717
                ("en", "core_recall"): 0.70,  # 0.725
                ("en", "extended_recall"): 0.34,  # 0.364
                ("en", "precision"): 0.79,  # 0.818
                ("en", "f1"): 0.67,  # 0.690
                ("en", "amount_accuracy"): 0.72,  # 0.741
                ("zh-Hant", "core_recall"): 0.70,  # 0.727
                ("zh-Hant", "extended_recall"): 0.57,  # 0.600
                ("zh-Hant", "precision"): 0.91,  # 0.931
                ("zh-Hant", "f1"): 0.75,  # 0.772
                ("zh-Hant", "amount_accuracy"): 0.73,  # 0.750
                ("zh-Hans", "core_recall"): 0.60,  # 0.621
                ("zh-Hans", "extended_recall"): 0.75,  # 0.778
                ("zh-Hans", "precision"): 0.74,  # 0.763
                ("zh-Hans", "f1"): 0.69,  # 0.720
                ("zh-Hans", "amount_accuracy"): 0.57,  # 0.600
            },
            {"all": 2, "en": 0, "zh-Hant": 1, "zh-Hans": 1},
        ),
        Sealed(
            "sealed_g",
            {
                ("all", "core_recall"): 0.75,  # 0.777
                ("all", "extended_recall"): 0.62,  # 0.643
                ("all", "precision"): 0.83,  # 0.852
                ("all", "f1"): 0.76,  # 0.784
                ("all", "amount_accuracy"): 0.64,  # 0.667
                ("en", "core_recall"): 0.73,  # 0.750
                ("en", "extended_recall"): 0.32,  # 0.350
                ("en", "precision"): 0.74,  # 0.767
                ("en", "f1"): 0.65,  # 0.678
                ("en", "amount_accuracy"): 0.53,  # 0.556
                ("zh-Hant", "core_recall"): 0.60,  # 0.630
                ("zh-Hant", "extended_recall"): 0.64,  # 0.667
                ("zh-Hant", "precision"): 0.76,  # 0.786
                ("zh-Hant", "f1"): 0.68,  # 0.707
                ("zh-Hant", "amount_accuracy"): 0.70,  # 0.727
                ("zh-Hans", "core_recall"): 0.88,  # 0.903
                ("zh-Hans", "extended_recall"): 0.89,  # 0.917
                ("zh-Hans", "precision"): 0.95,  # 0.978
                ("zh-Hans", "f1"): 0.92,  # 0.942
                ("zh-Hans", "amount_accuracy"): 0.83,  # 0.857
            },
            {"all": 0, "en": 0, "zh-Hant": 0, "zh-Hans": 0},
        ),
        Sealed(
            "sealed_h",
            {
                ("all", "core_recall"): 0.54,  # 0.564
                ("all", "extended_recall"): 0.45,  # 0.475
                ("all", "precision"): 0.73,  # 0.756
                ("all", "f1"): 0.60,  # 0.628
                ("all", "amount_accuracy"): 0.42,  # 0.443
                ("en", "core_recall"): 0.52,  # 0.549
                ("en", "extended_recall"): 0.37,  # 0.390
                ("en", "precision"): 0.71,  # 0.740
                ("en", "f1"): 0.57,  # 0.590
                ("en", "amount_accuracy"): 0.30,  # 0.324
                ("zh-Hant", "core_recall"): 0.41,  # 0.433
                ("zh-Hant", "extended_recall"): 0.56,  # 0.583
                ("zh-Hant", "precision"): 0.74,  # 0.769
                ("zh-Hant", "f1"): 0.58,  # 0.606
                ("zh-Hant", "amount_accuracy"): 0.35,  # 0.375
                ("zh-Hans", "core_recall"): 0.60,  # 0.625
                ("zh-Hans", "extended_recall"): 0.53,  # 0.550
                ("zh-Hans", "precision"): 0.75,  # 0.779
                ("zh-Hans", "f1"): 0.66,  # 0.684
                ("zh-Hans", "amount_accuracy"): 0.58,  # 0.607
            },
            {"all": 5, "en": 0, "zh-Hant": 1, "zh-Hans": 4},
        ),
        Sealed(
            "sealed_i",
            {
                ("all", "core_recall"): 0.44,  # 0.462
                ("all", "extended_recall"): 0.35,  # 0.372
                ("all", "precision"): 0.63,  # 0.657
                ("all", "f1"): 0.49,  # 0.513
                ("all", "amount_accuracy"): 0.41,  # 0.439
                ("en", "core_recall"): 0.54,  # 0.565
                ("en", "extended_recall"): 0.26,  # 0.289
                ("en", "precision"): 0.65,  # 0.672
                ("en", "f1"): 0.50,  # 0.523
                ("en", "amount_accuracy"): 0.40,  # 0.429
                ("zh-Hant", "core_recall"): 0.19,  # 0.210
                ("zh-Hant", "extended_recall"): 0.42,  # 0.440
                ("zh-Hant", "precision"): 0.57,  # 0.590
                ("zh-Hant", "f1"): 0.41,  # 0.432
                ("zh-Hant", "amount_accuracy"): 0.31,  # 0.333
                ("zh-Hans", "core_recall"): 0.54,  # 0.562
                ("zh-Hans", "extended_recall"): 0.21,  # 0.233
                ("zh-Hans", "precision"): 0.66,  # 0.681
                ("zh-Hans", "f1"): 0.51,  # 0.532
                ("zh-Hans", "amount_accuracy"): 0.56,  # 0.583
            },
            {"all": 4, "en": 0, "zh-Hant": 4, "zh-Hans": 0},
        ),
    )
}
EACH = pytest.mark.parametrize("sealed", list(SETS.values()), ids=list(SETS))


# ------------------------------------------------------------------ the data itself
@EACH
def test_twenty_short_articles_in_each_language(sealed: Sealed) -> None:
    articles = sealed.articles()
    assert Counter(a["lang"] for a in articles) == {lang: PER_LANG for lang in LANGS}
    for n, art in enumerate(articles, start=1):
        assert set(art) == {"title", "body", "outlet", "published", "lang"}, n
        assert detect_lang(art["body"]) == art["lang"], n
        dt.date.fromisoformat(art["published"])
        body = normalize(art["body"])
        size = len(body.split()) if art["lang"] == "en" else len(body)
        low, high = (80, 250) if art["lang"] == "en" else (120, 400)
        assert low <= size <= high, (n, size)


@EACH
def test_gold_articles_are_the_jsonl_lines(sealed: Sealed) -> None:
    articles, gold = sealed.articles(), sealed.gold()
    assert [a["n"] for a in gold["articles"]] == list(range(1, len(articles) + 1))
    for entry, art in zip(gold["articles"], articles, strict=True):
        assert entry["title"] == normalize(art["title"])
        assert entry["outlet"] == art["outlet"]
    assert len({a["title"] for a in articles}) == len(articles), "titles must be unique"


@EACH
def test_every_quote_is_in_its_normalised_article(sealed: Sealed) -> None:
    bodies = [normalize(a["body"]) for a in sealed.articles()]
    rows = sealed.gold()["evidence"] + sealed.unlisted()
    missing = [r["article"] for r in rows if r["quote"] not in bodies[r["article"] - 1]]
    assert not missing, f"quotes not in articles {missing}"


@EACH
def test_gold_names_resolve_and_unlisted_deals_name_an_unknown(sealed: Sealed) -> None:
    gazetteer, gold = default_gazetteer(), sealed.gold()
    names = {r[k] for r in gold["evidence"] + gold["negatives"] for k in ("source", "target")}
    names |= set(gold["entities_seen"])
    unknown = sum(1 for n in names if gazetteer.resolve(n) is None)
    assert not unknown, f"{unknown} gold names are not in the gazetteer"
    known_pairs = [
        d["article"]
        for d in sealed.unlisted()
        if gazetteer.resolve(d["source"]) and gazetteer.resolve(d["target"])
    ]
    assert not known_pairs, f"deals of known organizations belong in gold.json: {known_pairs}"


@EACH
def test_gold_rows_are_well_formed(sealed: Sealed) -> None:
    gold = sealed.gold()
    for i, row in enumerate(gold["evidence"], start=1):
        assert row["relation"] in RELATIONS, i
        assert row["tier"] in TIERS, i
        assert row["status"] in get_args(Status), i
        assert row["unit"] is None or row["unit"] in get_args(Unit), i
        assert row["amount_usd"] is None or row["amount_usd"] > 0, i
        assert (row["quantity"] is None) == (row["unit"] is None), i
    for neg in gold["negatives"]:
        assert neg["relation"] in RELATIONS and neg["reason"]
    for deal in sealed.unlisted():
        assert deal["relation"] in RELATIONS


@EACH
def test_every_relation_every_language_and_negatives_are_covered(sealed: Sealed) -> None:
    articles, gold = sealed.articles(), sealed.gold()
    scored = [r for r in gold["evidence"] if r["tier"] != "implied"]
    for relation in RELATIONS:
        assert len({r["article"] for r in scored if r["relation"] == relation}) >= 3, relation
    langs_of = [articles[r["article"] - 1]["lang"] for r in gold["negatives"]]
    for lang in LANGS:
        assert langs_of.count(lang) >= 12, lang
        assert sum(articles[r["article"] - 1]["lang"] == lang for r in scored) >= 40, lang
    same_article_gold = {(r["article"], r["source"], r["relation"], r["target"]) for r in scored}
    contradicted = [n["article"] for n in gold["negatives"] if _neg_key(n) in same_article_gold]
    assert not contradicted, "a negative cannot also be core or extended gold in its article"


# ------------------------------------------------------------------ scoring through the CLI
class Measured(dict[str, Any]):
    """The fixture's results; its repr hides the articles from failure reports."""

    def __repr__(self) -> str:
        return f"<{self['sealed'].name} measurements>"


@pytest.fixture(scope="module", params=list(SETS.values()), ids=list(SETS))
def measured(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Measured:
    """Run eval on the whole set and on each language, and extract once for the negatives."""
    sealed: Sealed = request.param
    tmp = tmp_path_factory.mktemp(sealed.name)
    articles, gold = sealed.articles(), sealed.gold()
    reports = {"all": _eval(sealed.gold_path, sealed.articles_path)}
    for lang in LANGS:
        keep = {n for n, a in enumerate(articles, start=1) if a["lang"] == lang}
        part = tmp / f"{lang}.jsonl"
        part.write_text(
            "".join(
                json.dumps(a, ensure_ascii=False) + "\n" for a in articles if a["lang"] == lang
            ),
            encoding="utf-8",
        )
        part_gold = tmp / f"{lang}.gold.json"
        subset = {
            **gold,
            "articles": [a for a in gold["articles"] if a["n"] in keep],
            "evidence": [r for r in gold["evidence"] if r["article"] in keep],
            "negatives": [r for r in gold["negatives"] if r["article"] in keep],
        }
        part_gold.write_text(json.dumps(subset, ensure_ascii=False), encoding="utf-8")
        reports[lang] = _eval(part_gold, part)
    hits = _negatives_extracted(sealed, articles, gold)
    return Measured(sealed=sealed, reports=reports, negative_hits=hits, articles=articles)


@pytest.mark.slow
def test_scores_meet_the_floors(measured: Measured) -> None:
    reports = measured["reports"]
    sealed = measured["sealed"]
    print(_table(sealed, reports, measured["negative_hits"], measured["articles"]))
    for name, report in reports.items():
        assert report["articles_matched"] == (3 * PER_LANG if name == "all" else PER_LANG), name
        assert not report["articles_unmatched"] and not report["gold_articles_missing"], name
    below = []
    for (name, metric), floor in sealed.floors.items():
        value = _metric(reports[name], metric)
        if value is None or value < floor:
            below.append(f"{name} {metric}: {value} < {floor}")
    assert not below, below


@pytest.mark.slow
def test_negatives_extracted_as_announced_do_not_grow(measured: Measured) -> None:
    hits, articles = measured["negative_hits"], measured["articles"]
    counts = Counter(articles[h["article"] - 1]["lang"] for h in hits)
    counts["all"] = len(hits)
    ceiling = measured["sealed"].ceiling
    grown = {k: (counts[k], cap) for k, cap in ceiling.items() if counts[k] > cap}
    assert not grown, (grown, [(h["article"], h["relation"]) for h in hits])


# ------------------------------------------------------------------ helpers
def _eval(gold: Path, articles: Path) -> dict[str, Any]:
    done = run_cli("eval", "--gold", str(gold), str(articles), "--format", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _neg_key(row: dict[str, Any]) -> tuple[int, str, str, str]:
    return (row["article"], row["source"], row["relation"], row["target"])


def _negatives_extracted(
    sealed: Sealed, articles: list[dict[str, Any]], gold: dict[str, Any]
) -> list[dict]:
    """Negatives that some evidence from their own article states as announced/completed."""
    done = run_cli("extract", str(sealed.articles_path), "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    number = {normalize(a["title"]): n for n, a in enumerate(articles, start=1)}
    said: dict[tuple[int, str, str, str], set[str]] = defaultdict(set)
    for line in done.stdout.splitlines():
        edge = json.loads(line)
        for ev in edge["evidence"]:
            n = number.get(normalize(ev["article_title"] or ""))
            if n is not None:
                said[(n, edge["source"], edge["relation"], edge["target"])].add(ev["status"])
    gazetteer = default_gazetteer()
    hits = []
    for neg in gold["negatives"]:
        source, target = (gazetteer.resolve(neg[k]).id for k in ("source", "target"))  # type: ignore[union-attr]
        if said.get((neg["article"], source, neg["relation"], target), set()) & ANNOUNCED:
            hits.append(neg)
    return hits


def _metric(report: dict[str, Any], metric: str) -> float | None:
    if metric in ("precision", "amount_accuracy"):
        return report[metric]
    if metric == "f1":
        return _strict_f1(report)
    return report["tiers"][metric.removesuffix("_recall")]["recall"]


def _strict_f1(report: dict[str, Any]) -> float | None:
    """F1 of the precision and the recall of core and extended gold edges together."""
    tiers, p = report["tiers"], report["precision"]
    gold = tiers["core"]["gold"] + tiers["extended"]["gold"]
    if p is None or not gold:
        return None
    r = (tiers["core"]["found"] + tiers["extended"]["found"]) / gold
    return 2 * p * r / (p + r) if p + r else 0.0


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:5.2f}"


def _table(sealed: Sealed, reports: dict[str, Any], hits: list[dict], articles: list[dict]) -> str:
    """Scores only: no quote, title or name of the set appears in the output."""
    neg_total = Counter(articles[n["article"] - 1]["lang"] for n in sealed.gold()["negatives"])
    neg_hit = Counter(articles[h["article"] - 1]["lang"] for h in hits)
    lines = [
        "",
        f"{sealed.name}: dealgraph eval (R recall, P precision, F1), negatives as announced",
    ]
    lines.append(f"{'':9} core R  ext R    P     F1   amount  negatives")
    for name, rep in reports.items():
        tiers = rep["tiers"]
        negs = f"{len(hits) if name == 'all' else neg_hit[name]}/"
        negs += f"{sum(neg_total.values()) if name == 'all' else neg_total[name]}"
        lines.append(
            f"{name:9}{_fmt(tiers['core']['recall'])}  {_fmt(tiers['extended']['recall'])}  "
            f"{_fmt(rep['precision'])}  {_fmt(_strict_f1(rep))}  {_fmt(rep['amount_accuracy'])}"
            f"   {negs:>6}"
        )
    lines.append(f"{'relation':18} gold found  FP    P     R    F1")
    for relation, s in reports["all"]["relations"].items():
        lines.append(
            f"{relation:18} {s['gold']:4} {s['found']:5} {s['false_positives']:3} "
            f"{_fmt(s['precision'])} {_fmt(s['recall'])} {_fmt(s['f1'])}"
        )
    return "\n".join(lines)

"""Score the extractor against a gold file: precision, recall and F1, amounts, misses.

The gold file (``tests/data/seed_gold.json`` is the reviewed one for the seed
articles) lists evidence rows, each with a ``tier`` (core, extended,
implied), ``source``/``relation``/``target`` as organization names, the
``article`` number (1-based, matched to the articles read by title), the
gold ``quote`` and, when stated, ``amount_usd``. Scoring is at the edge
level, an edge being (source, relation, target) with names mapped to ids by
the gazetteer:

* **recall** per tier: the share of the tier's gold edges that were extracted;
* **precision**: extracted edges in the core or extended gold over all
  extracted edges, where ``partners_with`` edges, edges in the implied
  tier and ``denied`` edges the gold does not hold are left out (they neither
  help nor hurt: an article that denies a rumour is read right when its edge
  comes out denied);
* ``partners_with`` matches the gold in either direction;
* **F1** per tier from the tier's recall and that precision; per relation
  from the relation's own counts;
* **amount accuracy**: the gold amounts found, within 1%, on some evidence of
  the extracted edge;
* **errors by class**: each miss and false positive in one class (wrong
  direction, wrong relation, missed party, unknown organization, missed edge,
  spurious edge) and each wrong amount of a found edge, see
  :mod:`loaders.eval_errors`.

A gold name the gazetteer does not know is accepted when it is a name the
extractor can propose ("Acme Robotics Inc.", 宏圖科技公司): it is scored under the
proposed id and listed in ``gold_unknown_names``.

>>> gold = {"articles": [{"n": 1, "title": "T"}], "evidence": [
...     {"tier": "core", "source": "Microsoft", "relation": "invests_in", "target": "Anthropic",
...      "article": 1, "quote": "微軟向Anthropic投資", "amount_usd": 5e9}]}
>>> from graph.model import Article
>>> art = Article(id="a", title="T", body="微軟向Anthropic投資50億美元。AMD與Anthropic合作。")
>>> report = evaluate(parse_gold(gold), [art])
>>> report.tiers["core"].recall, report.precision, report.amounts_found, report.amounts_total
(1.0, 1.0, 1, 1)
>>> report.errors_by_class["spurious_edge"], report.errors_by_class["missed_edge"]
(0, 0)
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from graph.errors import LoaderError
from graph.model import RELATIONS, Article, Edge
from loaders.eval_errors import ERROR_CLASSES, EdgeError, amount_error, classify_errors
from loaders.gazetteer import Gazetteer, default_gazetteer

__all__ = ["GoldSet", "Report", "load_gold", "parse_gold", "evaluate", "TIERS"]

TIERS = ("core", "extended", "implied")
Key = tuple[str, str, str]


class _GoldArticle(BaseModel):
    model_config = ConfigDict(extra="ignore")
    n: int
    title: str
    outlet: str | None = None


class _GoldRow(BaseModel):
    model_config = ConfigDict(extra="ignore")
    tier: str = Field(pattern="^(core|extended|implied)$")
    source: str
    relation: str
    target: str
    article: int
    quote: str = ""
    amount_usd: float | None = None
    quantity: float | None = None
    unit: str | None = None


class _GoldFile(BaseModel):
    model_config = ConfigDict(extra="ignore")
    articles: list[_GoldArticle] = Field(default_factory=list)
    evidence: list[_GoldRow]


@dataclass
class GoldSet:
    """Gold evidence with names resolved to organization ids."""

    titles: dict[int, str]
    rows: list[tuple[Key, _GoldRow]]
    tier_of: dict[Key, str]
    names: dict[str, str]
    unknown: dict[str, str] = field(default_factory=dict)  # proposed id -> gold name

    @property
    def edges(self) -> dict[Key, str]:
        return self.tier_of


@dataclass
class Score:
    """Counts and ratios for one tier or relation."""

    gold: int = 0
    found: int = 0
    false_positives: int = 0
    precision: float | None = None

    @property
    def recall(self) -> float | None:
        return self.found / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None if p is None or r is None else 0.0
        return 2 * p * r / (p + r)

    def as_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "found": self.found,
            "false_positives": self.false_positives,
            "precision": _round(self.precision),
            "recall": _round(self.recall),
            "f1": _round(self.f1),
        }


@dataclass
class Report:
    """The outcome of :func:`evaluate`."""

    tiers: dict[str, Score] = field(default_factory=dict)
    relations: dict[str, Score] = field(default_factory=dict)
    precision: float | None = None
    counted: int = 0
    true_positives: int = 0
    amounts_found: int = 0
    amounts_total: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_positives: list[dict[str, Any]] = field(default_factory=list)
    amount_misses: list[dict[str, Any]] = field(default_factory=list)
    articles_matched: int = 0
    articles_unmatched: list[str] = field(default_factory=list)
    gold_articles_missing: list[str] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    false_positive_keys: list[Key] = field(default_factory=list, repr=False)
    gold_unknown_names: list[str] = field(default_factory=list)

    @property
    def errors_by_class(self) -> dict[str, int]:
        counts = dict.fromkeys(ERROR_CLASSES, 0)
        for error in self.errors:
            counts[error["class"]] += 1
        return counts

    @property
    def amount_accuracy(self) -> float | None:
        return self.amounts_found / self.amounts_total if self.amounts_total else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "precision": _round(self.precision),
            "extracted_edges_counted": self.counted,
            "true_positives": self.true_positives,
            "tiers": {k: v.as_dict() for k, v in self.tiers.items()},
            "relations": {k: v.as_dict() for k, v in self.relations.items()},
            "amount_accuracy": _round(self.amount_accuracy),
            "amounts_found": self.amounts_found,
            "amounts_total": self.amounts_total,
            "misses": self.misses,
            "false_positives": self.false_positives,
            "amount_misses": self.amount_misses,
            "articles_matched": self.articles_matched,
            "articles_unmatched": self.articles_unmatched,
            "gold_articles_missing": self.gold_articles_missing,
            "errors_by_class": self.errors_by_class,
            "errors": self.errors,
            "gold_unknown_names": self.gold_unknown_names,
        }


def load_gold(path: str | Path, gazetteer: Gazetteer | None = None) -> GoldSet:
    """Read a gold file; errors name the file and the row at fault."""
    where = Path(path)
    try:
        raw = json.loads(where.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LoaderError(f"{where}: gold file not found; check the path") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LoaderError(f"{where}: not a JSON gold file ({exc}); fix it") from None
    return parse_gold(raw, gazetteer, source=str(where))


def parse_gold(raw: Any, gazetteer: Gazetteer | None = None, *, source: str = "gold") -> GoldSet:
    """A :class:`GoldSet` from the parsed JSON of a gold file."""
    gazetteer = gazetteer or default_gazetteer()
    try:
        data = _GoldFile.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(x) for x in err["loc"])
        raise LoaderError(f"{source}: {loc}: {err['msg']}; fix the gold file") from None
    rows: list[tuple[Key, _GoldRow]] = []
    tier_of: dict[Key, str] = {}
    names: dict[str, str] = {}
    unknown: dict[str, str] = {}
    for i, row in enumerate(data.evidence, start=1):
        if row.relation not in RELATIONS:
            raise LoaderError(
                f"{source}: evidence #{i}: unknown relation {row.relation!r}; "
                f"use one of {', '.join(RELATIONS)}"
            )
        ids = []
        for name in (row.source, row.target):
            org_id = _gold_id(gazetteer, name)
            if org_id is None:
                raise LoaderError(
                    f"{source}: evidence #{i}: organization {name!r} is not in the gazetteer; "
                    "add it to seeds/organizations.yaml or fix the name"
                )
            if org_id not in gazetteer:
                unknown[org_id] = name
            ids.append(org_id)
            names[org_id] = name
        key = (ids[0], row.relation, ids[1])
        rows.append((key, row))
        old = tier_of.get(key)
        if old is None or TIERS.index(row.tier) < TIERS.index(old):
            tier_of[key] = row.tier
    titles = {a.n: a.title for a in data.articles}
    return GoldSet(titles, rows, tier_of, names, unknown)


def _gold_id(gazetteer: Gazetteer, name: str) -> str | None:
    """The id of a gold name: the gazetteer's, else the id the extractor would
    propose for the whole name, else None."""
    org = gazetteer.resolve(name)
    if org is not None:
        return org.id
    proposed = gazetteer.propose_unknown(name)
    if len(proposed) == 1 and (proposed[0].start, proposed[0].end) == (0, len(name)):
        return proposed[0].org_id
    return None


def evaluate(
    gold: GoldSet,
    articles: Iterable[Article],
    gazetteer: Gazetteer | None = None,
    *,
    extract: Callable[[Article, Gazetteer], list[Edge]] | None = None,
) -> Report:
    """Extract the articles that match the gold's titles and score the edges."""
    gazetteer = gazetteer or default_gazetteer()
    if extract is None:
        from loaders.extract import extract_edges

        extract = extract_edges
    by_title = {_title_key(t): n for n, t in gold.titles.items()}
    report = Report()
    from loaders.extract.names import article_mentions

    edges: dict[Key, list[tuple[int, Any]]] = {}
    seen: dict[int, set[str]] = {}
    for article in articles:
        n = by_title.get(_title_key(article.title)) if by_title else 0
        if n is None:
            report.articles_unmatched.append(article.title or article.id)
            continue
        mentions, _ = article_mentions(article.body, gazetteer)
        seen.setdefault(n, set()).update(m.org_id for m in mentions)
        for edge in extract(article, gazetteer):
            edges.setdefault(edge.key, []).extend((n, ev) for ev in edge.evidence)
    report.articles_matched = len(seen)
    report.gold_articles_missing = [t for n, t in sorted(gold.titles.items()) if n not in seen]
    report.gold_unknown_names = sorted(gold.unknown.values())
    _score(report, gold, edges, gazetteer)
    _classify(report, gold, _either_way(edges, gold), seen, gazetteer)
    return report


def _classify(
    report: Report,
    gold: GoldSet,
    edges: dict[Key, list[tuple[int, Any]]],
    seen: dict[int, set[str]],
    gaz: Gazetteer,
) -> None:
    """Fill ``report.errors``: every miss and false positive by class, and the
    wrong amounts of found edges."""
    gold_keys: dict[Key, set[int]] = {}
    for key, row in gold.rows:
        if gold.tier_of[key] != "implied":
            gold_keys.setdefault(key, set()).add(row.article)
    found = {k: {n for n, _ in found} for k, found in edges.items()}
    fps = report.false_positive_keys
    errors = classify_errors(gold_keys=gold_keys, found=found, false_positives=fps, seen=seen)
    for key, row in gold.rows:
        if row.amount_usd is None or row.tier == "implied" or key not in edges:
            continue
        amounts = [ev.amount_usd for _, ev in edges[key] if ev.amount_usd is not None]
        if any(abs(a - row.amount_usd) <= 0.01 * row.amount_usd for a in amounts):
            continue
        in_article = {
            k: [ev.amount_usd for n, ev in found if n == row.article and ev.amount_usd]
            for k, found in edges.items()
        }
        errors.append(amount_error(key, row.amount_usd, row.article, in_article))
    report.errors = [_error_record(e, edges, lambda org: _name(org, gold, gaz)) for e in errors]


def _name(org: str, gold: GoldSet, gaz: Gazetteer) -> str:
    return gold.names.get(org) or (gaz.organizations[org].name if org in gaz else org)


def _error_record(
    error: EdgeError, edges: dict[Key, list[tuple[int, Any]]], name: Callable[[str], str]
) -> dict[str, Any]:
    """One error as a JSON record: class, article, the gold and found edges by name,
    and the first quote of the found edge."""

    def show(key: Key | None) -> str | None:
        return None if key is None else f"{name(key[0])} {key[1]} {name(key[2])}"

    quote = None
    if error.found is not None and error.found in edges:
        quote = edges[error.found][0][1].quote
    return {
        "class": error.kind,
        "article": error.article,
        "gold": show(error.gold),
        "found": show(error.found),
        "quote": quote,
    }


def _score(
    report: Report, gold: GoldSet, edges: dict[Key, list[tuple[int, Any]]], gaz: Gazetteer
) -> None:
    def name(org: str) -> str:
        return _name(org, gold, gaz)

    edges = _either_way(edges, gold)
    counted = [
        k
        for k in edges
        if k[1] != "partners_with"
        and gold.tier_of.get(k) != "implied"
        and not (k not in gold.tier_of and _denied(edges[k]))
    ]
    tp = [k for k in counted if k in gold.tier_of]
    fp = [k for k in counted if k not in gold.tier_of]
    report.counted, report.true_positives = len(counted), len(tp)
    report.precision = len(tp) / len(counted) if counted else None
    for tier in TIERS:
        keys = [k for k, t in gold.tier_of.items() if t == tier]
        found = sum(1 for k in keys if k in edges)
        score = Score(gold=len(keys), found=found, false_positives=len(fp))
        score.precision = found / (found + len(fp)) if found + len(fp) else None
        report.tiers[tier] = score
    for relation in RELATIONS:
        keys = [k for k, t in gold.tier_of.items() if k[1] == relation and t != "implied"]
        mine = [k for k in counted if k[1] == relation]
        if not keys and not mine:
            continue
        score = Score(
            gold=len(keys),
            found=sum(1 for k in keys if k in edges),
            false_positives=sum(1 for k in mine if k not in gold.tier_of),
        )
        score.precision = (len(mine) - score.false_positives) / len(mine) if mine else None
        report.relations[relation] = score
    for key, tier in sorted(gold.tier_of.items(), key=lambda kv: (TIERS.index(kv[1]), kv[0])):
        if key not in edges and tier != "implied":
            report.misses.append(
                {"tier": tier, "source": name(key[0]), "relation": key[1], "target": name(key[2])}
            )
    for key in fp:
        n, ev = edges[key][0]
        report.false_positives.append(
            {
                "source": name(key[0]),
                "relation": key[1],
                "target": name(key[2]),
                "article": n,
                "quote": ev.quote,
            }
        )
        report.false_positive_keys.append(key)
    for key, row in gold.rows:
        if row.amount_usd is None or row.tier == "implied":
            continue
        report.amounts_total += 1
        amounts = [ev.amount_usd for _, ev in edges.get(key, []) if ev.amount_usd is not None]
        if any(abs(a - row.amount_usd) <= 0.01 * row.amount_usd for a in amounts):
            report.amounts_found += 1
        else:
            report.amount_misses.append(
                {
                    "source": row.source,
                    "relation": row.relation,
                    "target": row.target,
                    "article": row.article,
                    "gold_amount_usd": row.amount_usd,
                    "found": sorted(set(amounts)),
                    "quote": row.quote,
                }
            )


def _denied(found: list[tuple[int, Any]]) -> bool:
    """Whether every evidence of an edge says the article denies it: such an edge,
    when the gold does not hold it, is neither right nor wrong."""
    return all(ev.status == "denied" for _, ev in found)


def _either_way(
    edges: dict[Key, list[tuple[int, Any]]], gold: GoldSet
) -> dict[Key, list[tuple[int, Any]]]:
    """Partnerships are symmetric: an extracted ``partners_with`` matches the gold in
    either direction (it is filed under the gold's direction)."""
    out: dict[Key, list[tuple[int, Any]]] = {}
    for (a, relation, b), found in edges.items():
        key = (a, relation, b)
        swapped = (b, relation, a)
        if relation == "partners_with" and key not in gold.tier_of and swapped in gold.tier_of:
            key = swapped
        out.setdefault(key, []).extend(found)
    return out


def _title_key(title: str | None) -> str:
    from loaders.normalize import normalize

    return "".join(normalize(title or "").split()).casefold()


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)

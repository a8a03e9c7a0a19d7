"""Errors of an evaluation by class, so that a change shows what it fixed and what it broke.

Every missed gold edge and every extracted edge the gold does not hold (a false
positive) is put in exactly one class; a miss and a false positive of the same
article that are one mistake (the right parties the wrong way round) count once:

* ``wrong_direction``: the gold's (A, r, B) came out as (B, r, A);
* ``wrong_relation``: the gold's parties came out with another relation (either
  direction, ``partners_with`` included);
* ``unknown_organization``: a party of the missed edge was not recognised
  anywhere in its article (neither by the gazetteer nor as a proposed name);
* ``missed_party``: the deal came out (the same relation with the same target,
  or the same source) but without this party; when the edge that came out names
  a party the gold does not hold, that false positive is this same mistake;
* ``missed_edge``: any other miss;
* ``spurious_edge``: any other false positive;
* ``amount_wrong``: the edge came out but none of its evidence carries the
  gold amount (within 1%); ``elsewhere`` names the extracted edge of the article
  that carries it, when one does (the amount landed on the wrong deal).

>>> errors = classify_errors(
...     gold_keys={("nvidia", "invests_in", "openai"): {1}, ("amd", "warrant_for", "openai"): {1}},
...     found={("openai", "invests_in", "nvidia"): {1}, ("openai", "buys_chips_from", "amd"): {1}},
...     false_positives=[("openai", "invests_in", "nvidia"), ("openai", "buys_chips_from", "amd")],
...     seen={1: {"nvidia", "openai", "amd"}},
... )
>>> [(e.kind, e.gold, e.found) for e in errors]  # doctest: +NORMALIZE_WHITESPACE
[('wrong_direction', ('nvidia', 'invests_in', 'openai'), ('openai', 'invests_in', 'nvidia')),
 ('wrong_relation', ('amd', 'warrant_for', 'openai'), ('openai', 'buys_chips_from', 'amd'))]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

__all__ = ["ERROR_CLASSES", "EdgeError", "amount_error", "classify_errors"]

Key = tuple[str, str, str]

ERROR_CLASSES = (
    "wrong_direction",
    "wrong_relation",
    "missed_party",
    "amount_wrong",
    "unknown_organization",
    "spurious_edge",
    "missed_edge",
)


@dataclass(frozen=True)
class EdgeError:
    """One mistake: its class, the gold edge and the extracted edge it concerns."""

    kind: str
    article: int | None
    gold: Key | None = None
    found: Key | None = None


def classify_errors(
    *,
    gold_keys: Mapping[Key, set[int]],
    found: Mapping[Key, set[int]],
    false_positives: Iterable[Key],
    seen: Mapping[int, set[str]],
) -> list[EdgeError]:
    """Misses and false positives by class (see the module docstring).

    ``gold_keys`` maps each counted gold edge to the articles that state it,
    ``found`` every extracted edge (partnerships included) to the articles it
    came from, ``false_positives`` the counted extracted edges the gold lacks and
    ``seen`` each article to the organization ids recognised in it.
    """
    spare = {k: found.get(k, set()) for k in false_positives}
    out: list[EdgeError] = []
    for key, articles in gold_keys.items():
        if key in found:
            continue
        kind, other = _explain(key, articles, found, spare, seen, gold_keys)
        if other is not None and other in spare:
            del spare[other]
        out.append(EdgeError(kind, min(articles) if articles else None, key, other))
    for key, articles in spare.items():
        out.append(EdgeError("spurious_edge", min(articles) if articles else None, None, key))
    return out


def _explain(
    key: Key,
    articles: set[int],
    found: Mapping[Key, set[int]],
    spare: Mapping[Key, set[int]],
    seen: Mapping[int, set[str]],
    gold_keys: Mapping[Key, set[int]],
) -> tuple[str, Key | None]:
    """The class of one missed gold edge and the extracted edge it pairs with: a
    wrong direction or relation only with an edge the gold lacks."""
    source, relation, target = key
    if any(not any(org in seen.get(n, set()) for n in articles) for org in (source, target)):
        return "unknown_organization", None
    near = {k: a for k, a in found.items() if a & articles}
    wrong = sorted((k for k in near if k not in gold_keys), key=lambda k: (k not in spare, k))
    backwards = (target, relation, source)
    if backwards in wrong:
        return "wrong_direction", backwards
    for k in wrong:  # a false positive first
        if {k[0], k[2]} == {source, target} and k[1] != relation:
            return "wrong_relation", k
    for k in sorted(near, key=lambda k: (k not in spare, k)):
        if k[1] == relation and (k[0] == source) != (k[2] == target):
            return "missed_party", k if k in spare else None
    return "missed_edge", None


def amount_error(
    key: Key, amount: float, article: int, found: Mapping[Key, list[float]]
) -> EdgeError:
    """An ``amount_wrong`` error for ``key``; ``found`` is each extracted edge of the
    article to its amounts, so that the edge carrying the gold amount is named."""
    for other, amounts in found.items():
        if other != key and any(abs(a - amount) <= 0.01 * amount for a in amounts):
            return EdgeError("amount_wrong", article, key, other)
    return EdgeError("amount_wrong", article, key, None)

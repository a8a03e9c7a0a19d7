"""The lexicon's unions: the rewritten (fast) alternations find what the plain ones find."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from loaders.extract.lexicon import Union, _first_char_form, default_lexicon
from loaders.extract.parties import _fold
from loaders.extract.sentences import split_sentences
from loaders.read import Problem, iter_articles

ROOT = Path(__file__).resolve().parents[2]
UNIONS = ("triggers", "categories", "receive", "_all_cues", "anaphors")


def _texts() -> list[str]:
    paths = [str(ROOT / "seeds"), str(ROOT / "tests" / "data" / "articles")]
    paths += [str(ROOT / "tests" / "data" / "heldout" / "articles.jsonl")]
    return [a.body for a in iter_articles(paths) if not isinstance(a, Problem)]


def _found(union: Union, text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    return [(h.start(), h.end(), h.index) for h in union.finditer(text, start, end)]


@pytest.mark.parametrize("name", UNIONS)
def test_every_union_is_searched_in_its_fast_form(name: str) -> None:
    union = getattr(default_lexicon(), name)
    assert all(p is not r for p, r in zip(union.parts, union.reference, strict=True))


@pytest.mark.parametrize("name", UNIONS)
def test_fast_unions_agree_with_the_plain_alternations(name: str) -> None:
    union = getattr(default_lexicon(), name)
    plain = Union([p.pattern for p in union._each], union.reference)
    texts = _texts()
    assert len(texts) > 100
    hits = 0
    for body in texts:
        text = _fold(body)
        spans = [(0, len(text))]
        for s in split_sentences(body):
            spans += [(s.start, s.end), *s.clauses]
        for a, b in spans:
            found = _found(union, text, a, b)
            assert found == _found(plain, text, a, b), (name, text[a:b])
            hits += len(found)
            fast, slow = union.search(text, a, b), plain.search(text, a, b)
            assert (fast and (fast.span(), fast.index)) == (slow and (slow.span(), slow.index))
        for start, _, _ in _found(plain, text, 0, len(text)):
            for at in (start, start + 1):
                fast, slow = union.match(text, at), plain.match(text, at)
                assert (fast and fast.span()) == (slow and slow.span())
    assert hits > 200  # the smallest union (receive) finds 243 here


def test_leading_groups_and_look_behinds_are_rewritten_in_order() -> None:
    form = _first_char_form(["(?<!未)售出", "(?:售|卖)给", "(?:大)?单"])
    assert form == "(?:售(?:(?<!(?:未)售)出|给)|卖(?:给)|大(?:单)|单(?:))"
    pattern = re.compile(form)
    text = "未售出 售出 卖给 大单 单"
    assert [m.group() for m in pattern.finditer(text)] == ["售出", "卖给", "大单", "单"]


def test_english_words_keep_their_boundaries() -> None:
    form = _first_char_form(["(?:co-)?leads?", "backs"], english_words=True)
    assert form is not None
    pattern = re.compile(form)
    text = "co-leads, leads; misleads backs backstop co-lead"
    assert [m.group() for m in pattern.finditer(text)] == ["co-leads", "leads", "backs", "co-lead"]


@pytest.mark.parametrize("pattern", ["[ab]c", "a+b", "(?=x)y", "(a)b", "(?:a|b)*c", r"\dx"])
def test_patterns_that_cannot_be_rewritten_keep_the_plain_form(pattern: str) -> None:
    assert _first_char_form([pattern, "abc"]) is None


@pytest.mark.parametrize("name", UNIONS)
def test_every_hit_names_the_pattern_it_came_from(name: str) -> None:
    # a lazy pattern alone stops short of where the union's word boundary ends the match
    # ("spend [^.;]{0,30}?on" in "spend tens of billions of dollars on"): the hit still
    # names that pattern, never an unrelated one
    union = getattr(default_lexicon(), name)
    for body in _texts() + ["Anthropic will spend tens of billions of dollars on Google's TPUs."]:
        text = _fold(body)
        for hit in union.finditer(text, 0, len(text)):
            assert hit.index >= 0, (name, hit.group())
            assert union._each[hit.index].match(text, hit.start()) is not None, (name, hit.group())

"""Descriptions and pronouns as coreference (three scripts).

The articles are ``tests/data/articles/1(09|10|11)_descriptions_*.txt``: a description
with an adjective ("the Taiwanese chipmaker", "the French startup", 這家晶圓代工龍頭,
這家新創, 該公司) for a company the sentence before names, a sentence that names no
company but "the latter" and "the former" (後者/前者), and a party signed with in
one clause selling what the next clause buys (A與B簽約,採購...).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.model import Article, Edge
from loaders.extract import extract_edges
from loaders.read import iter_articles

CORPUS = Path(__file__).resolve().parent.parent / "data" / "articles"
NAMES = ["109_descriptions_en.txt", "110_descriptions_tw.txt", "111_descriptions_cn.txt"]


def _edges(name: str) -> dict[tuple[str, str, str], Edge]:
    (article,) = list(iter_articles([str(CORPUS / name)]))
    return {e.key: e for e in extract_edges(article)}  # type: ignore[arg-type]


@pytest.mark.parametrize("name", NAMES)
def test_a_description_of_the_company_named_before_is_that_company(name: str) -> None:
    edges = _edges(name)
    assert edges[("nvidia", "buys_chips_from", "tsmc")].amount_usd == pytest.approx(5e9)
    assert ("tsmc", "buys_chips_from", "nvidia") not in edges


@pytest.mark.parametrize("name", NAMES[1:])
def test_latter_and_former_in_a_sentence_that_names_no_one(name: str) -> None:
    edges = _edges(name)
    assert ("openai", "buys_compute_from", "softbank") in edges
    assert ("softbank", "buys_compute_from", "openai") not in edges


def test_the_latter_buys_from_the_former_in_english() -> None:
    edges = _edges(NAMES[0])
    assert edges[("coreweave", "buys_chips_from", "nvidia")].amount_usd == pytest.approx(6e9)
    assert ("asml", "invests_in", "mistral") in edges


def test_latter_or_former_never_stands_for_the_other_party() -> None:
    body = "Nvidia and CoreWeave work together. The former agreed to buy GPUs from the former."
    assert extract_edges(Article(id="a", title="", body=body)) == []


def test_a_source_familiar_with_the_order_is_no_deal() -> None:
    body = "Nvidia agreed to buy chips from TSMC, a person familiar with the order said."
    keys = {e.key for e in extract_edges(Article(id="a", title="", body=body))}
    assert keys == {("nvidia", "buys_chips_from", "tsmc")}

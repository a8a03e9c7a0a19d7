"""Warrants in active, passive and noun forms (three scripts).

The articles are ``tests/data/articles/11[2-4]_warrants_*.txt``: a holder that "was
granted"/"was issued" warrants to buy a company's shares (the company grants them),
獲得A授予的認股權證 (a warrant, not shares bought), and A授予B認股權證.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.model import Article, Edge
from loaders.extract import extract_edges
from loaders.read import iter_articles

CORPUS = Path(__file__).resolve().parent.parent / "data" / "articles"
NAMES = ["112_warrants_en.txt", "113_warrants_tw.txt", "114_warrants_cn.txt"]


def _edges(name: str) -> dict[tuple[str, str, str], Edge]:
    (article,) = list(iter_articles([str(CORPUS / name)]))
    return {e.key: e for e in extract_edges(article)}  # type: ignore[arg-type]


@pytest.mark.parametrize("name", NAMES)
def test_the_company_whose_shares_they_are_grants_the_warrants(name: str) -> None:
    edges = _edges(name)
    amd = edges[("amd", "warrant_for", "openai")]
    assert (amd.quantity, amd.unit) == (1.6e8, "shares")
    google = edges[("cipher-mining", "warrant_for", "alphabet")]
    assert (google.quantity, google.unit) == (2.4e7, "shares")


@pytest.mark.parametrize("name", NAMES)
def test_a_warrant_to_buy_shares_is_no_purchase_of_them(name: str) -> None:
    relations = {(k[0], k[1]) for k in _edges(name)}
    assert ("openai", "invests_in") not in relations
    assert ("openai", "holds_stake") not in relations
    assert ("alphabet", "invests_in") not in relations


def test_warrants_granted_by_a_named_party() -> None:
    body = "OpenAI was granted warrants by AMD for up to 160 million shares."
    keys = {e.key for e in extract_edges(Article(id="a", title="", body=body))}
    assert keys == {("amd", "warrant_for", "openai")}

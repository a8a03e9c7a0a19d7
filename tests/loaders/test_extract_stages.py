"""Talks, plans, letters of intent and denials keep their stage (three scripts).

The articles are ``tests/data/articles/10[3-5]_stages_*.txt``: an investor in talks
with a company that plans to invest (the company it talks with is the investee), a
round described by the valuation it could reach, a letter of intent or memorandum
before a purchase or investment, and a denied acquisition.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.model import Edge
from loaders.extract import extract_edges
from loaders.read import iter_articles

CORPUS = Path(__file__).resolve().parent.parent / "data" / "articles"
TALKS = ["103_stages_en.txt", "104_stages_tw.txt"]
ALL = [*TALKS, "105_stages_cn.txt"]


def _edges(name: str) -> dict[tuple[str, str, str], Edge]:
    (article,) = list(iter_articles([str(CORPUS / name)]))
    return {e.key: e for e in extract_edges(article)}  # type: ignore[arg-type]


@pytest.mark.parametrize("name", TALKS)
def test_talks_with_a_company_make_it_the_investee_in_talks(name: str) -> None:
    edges = _edges(name)
    deal = edges[("amazon", "invests_in", "anthropic")]
    assert deal.status == "in_talks" and deal.amount_usd == pytest.approx(5e9)


@pytest.mark.parametrize("name", TALKS)
def test_a_valuation_is_never_the_amount_invested(name: str) -> None:
    amounts = {ev.amount_usd for e in _edges(name).values() for ev in e.evidence}
    assert not amounts & {3.5e11, 1.4e10}
    assert _edges(name)[("softbank", "invests_in", "mistral")].amount_usd == pytest.approx(1e9)


@pytest.mark.parametrize("name", TALKS)
def test_a_letter_of_intent_is_proposed(name: str) -> None:
    deal = _edges(name)[("oracle", "buys_chips_from", "amd")]
    assert deal.status == "proposed" and deal.qualifier == "up_to"


@pytest.mark.parametrize("name", ALL)
def test_nothing_in_these_articles_is_announced_and_denials_stay_denied(name: str) -> None:
    edges = _edges(name)
    assert edges and all(e.status not in ("announced", "completed") for e in edges.values())
    denied = [e for e in edges.values() if e.relation == "acquires"]
    assert len(denied) == 1 and denied[0].status == "denied"


def test_a_memorandum_then_a_planned_investment_names_the_cosigner_as_investee() -> None:
    edges = _edges("105_stages_cn.txt")
    deal = edges[("alibaba", "invests_in", "moonshot-ai")]
    assert deal.status == "proposed" and deal.amount_usd == pytest.approx(1e9)
    assert ("moonshot-ai", "invests_in", "alibaba") not in edges
    assert edges[("tencent", "invests_in", "minimax")].status == "in_talks"

"""Funding rounds with many parties (three scripts).

The articles are ``tests/data/articles/10[6-8]_rounds_*.txt``: a lead joined by
co-investors ("led by A, joined by B and C", 由A領投,B跟投, 老股東追加投資), one amount
each investor puts in ("$1 billion apiece", 各投資10億美元, 分別投入...和...), and the
round named in the sentence before the investors ("xAI closed a round. Nvidia and AMD
each put in...").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.model import Edge
from loaders.extract import extract_edges
from loaders.read import iter_articles

CORPUS = Path(__file__).resolve().parent.parent / "data" / "articles"
NAMES = ["106_rounds_en.txt", "107_rounds_tw.txt", "108_rounds_cn.txt"]


def _edges(name: str) -> dict[tuple[str, str, str], Edge]:
    (article,) = list(iter_articles([str(CORPUS / name)]))
    return {e.key: e for e in extract_edges(article)}  # type: ignore[arg-type]


@pytest.mark.parametrize("name", NAMES)
def test_the_round_of_the_sentence_before_is_what_each_investor_pays_into(name: str) -> None:
    edges = _edges(name)
    for investor, usd in (("nvidia", 1e9), ("amd", 1e9), ("cisco", 5e8)):
        assert edges[(investor, "invests_in", "xai")].amount_usd == pytest.approx(usd)
    assert not [k for k in edges if k[0] == "xai" or (k[2] != "xai" and k[0] == "cisco")]


@pytest.mark.parametrize("name", NAMES[:2])
def test_joiners_and_followers_invest_but_only_the_round_has_its_total(name: str) -> None:
    edges = _edges(name)
    assert edges[("asml", "invests_in", "mistral")].amount_usd == pytest.approx(2e9)
    for joiner in ("nvidia", "microsoft"):
        assert edges[(joiner, "invests_in", "mistral")].amount_usd is None
    assert ("asml", "invests_in", "nvidia") not in edges


def test_a_joined_by_without_a_lead_names_no_investor() -> None:
    from graph.model import Article

    body = "Microsoft, joined by BlackRock, unveiled a fund for data centers."
    assert extract_edges(Article(id="a", title="", body=body)) == []


@pytest.mark.parametrize("name", NAMES[1:])
def test_a_lead_followers_and_an_existing_holder_adding_to_it(name: str) -> None:
    target = "minimax" if name.startswith("107") else "moonshot-ai"
    edges = _edges(name)
    for investor in ("alibaba", "tencent", "hongshan"):
        assert (investor, "invests_in", target) in edges


def test_respective_amounts_go_to_each_investor_in_order() -> None:
    edges = _edges("108_rounds_cn.txt")
    assert edges[("tencent", "invests_in", "zhipu")].amount_usd == pytest.approx(5e8)
    assert edges[("alibaba", "invests_in", "zhipu")].amount_usd == pytest.approx(3e8)

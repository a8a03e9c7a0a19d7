"""Investor lists as the press writes them (three scripts each).

The articles are ``tests/data/articles/129_*`` to ``133_*``: "investors including A, B
and C" and "joined by other investors such as D and E" (投資方包括, 跟投), "Other investors
who took part in the round included...", a round co-led by three funds with followers
and an existing holder adding to its stake (聯合領投, 跟投, 老股東繼續加碼), a strategic
investment whose amount is in its own clause and earlier backers ("has drawn money from",
獲得來自...的融資), and participants listed after a dash or counted among the backers
("were also among the backers", 也在投資方之列).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.model import Article
from loaders.extract import extract_edges
from loaders.read import iter_articles

CORPUS = Path(__file__).resolve().parent.parent / "data" / "articles"
SCRIPTS = ("en", "tw", "cn")


def _investors(stem: str, script: str, target: str) -> set[str]:
    (article,) = list(iter_articles([str(CORPUS / f"{stem}_{script}.txt")]))
    edges = extract_edges(article)  # type: ignore[arg-type]
    assert {e.target for e in edges if e.relation == "invests_in"} <= {target}
    return {e.source for e in edges if e.relation == "invests_in" and e.target == target}


CASES = {
    "129_investors_including": (
        "cohere",
        {"nvidia", "oracle", "salesforce-ventures", "cpp-investments", "amd", "cisco"},
    ),
    "130_late_stage": (
        "perplexity",
        {"accel", "nvidia", "amazon", "meta", "coatue", "tiger-global", "intel-capital"},
    ),
    "131_colead_follow": (
        "zhipu",
        {"hillhouse", "idg-capital", "legend-capital", "qiming", "shunwei", "meituan"},
    ),
    "132_strategic_amount": ("moonshot-ai", {"tencent", "alibaba", "meituan", "xiaomi"}),
    "133_state_funds": ("moore-threads", {"big-fund", "shenzhen-capital", "temasek", "gic"}),
}


@pytest.mark.parametrize("script", SCRIPTS)
@pytest.mark.parametrize("stem", sorted(CASES))
def test_every_listed_investor_invests_in_the_company_raising(stem: str, script: str) -> None:
    target, investors = CASES[stem]
    assert _investors(stem, script, target) == investors


@pytest.mark.parametrize(
    "body",
    [
        "Nvidia said it had invested in two startups: Mistral AI and Cohere.",
        "輝達表示，今年已投資兩家新創：Mistral AI與Cohere。",
        "英伟达表示，今年已投资两家初创公司——Mistral AI与Cohere。",
    ],
)
def test_the_objects_of_a_verb_after_a_colon_or_dash(body: str) -> None:
    edges = {e.key for e in extract_edges(Article(id="x", title="", body=body))}
    assert edges == {("nvidia", "invests_in", "mistral"), ("nvidia", "invests_in", "cohere")}


def test_a_holding_noun_before_a_colon_takes_no_list() -> None:
    body = "ARK Invest也對其他持股進行了調整：Cohere與Mistral AI。"
    assert not extract_edges(Article(id="x", title="", body=body))

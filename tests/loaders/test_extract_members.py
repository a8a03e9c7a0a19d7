"""Members of a loan named apart from it: "a credit facility led by A, joined by B and C",
a later sentence ("The loan was provided by A and B", "B also joined the facility", "Its
lenders include", "is among the lenders"), 由A主辦、B參貸/參與, 參貸銀行包括A、B, 參與了這筆貸款;
and the maker of the chips that secure a loan, who lends nothing (three scripts each).

The articles are ``tests/data/articles/158_*``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.model import Article
from loaders.extract import extract_edges
from loaders.read import iter_articles

CORPUS = Path(__file__).resolve().parent.parent / "data" / "articles"


def _edges(body: str, lang: str = "en") -> set[tuple[str, str, str]]:
    article = Article(id="a", title="", body=body, lang=lang)
    return {(e.source, e.relation, e.target) for e in extract_edges(article)}


@pytest.mark.parametrize("script", ["en", "tw", "cn"])
def test_syndicate_members_named_apart_from_the_loan(script: str) -> None:
    (article,) = list(iter_articles([str(CORPUS / f"158_syndicate_members_{script}.txt")]))
    assert isinstance(article, Article)
    edges = extract_edges(article)
    lenders = {(e.source, e.target) for e in edges if e.relation == "lends_to"}
    assert {
        ("morgan-stanley", "nebius"),
        ("barclays", "nebius"),
        ("deutsche-bank", "nebius"),
        ("mizuho", "terawulf"),
        ("smbc", "terawulf"),
        ("hsbc", "terawulf"),
        ("bnp-paribas", "terawulf"),
        ("macquarie", "applied-digital"),
    } <= lenders
    # a member belongs to its own loan, never to the one of the paragraph before
    assert not {(s, t) for s, t in lenders if s in ("mizuho", "smbc") and t != "terawulf"}
    assert not {e for e in edges if "nvidia" in (e.source, e.target)}  # the collateral's maker
    amounts = {(e.source, e.target): e.amount_usd for e in edges}
    assert amounts[("macquarie", "applied-digital")] == 7.5e8


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        ("Lambda got a $500 million loan from Macquarie, backed by its Nvidia GPUs.", "en"),
        ("Lambda向麥格理取得5億美元貸款,以輝達GPU作為抵押。", "zh-Hant"),
        ("Lambda从麦格理获得5亿美元贷款,以英伟达GPU作为抵押。", "zh-Hans"),
    ],
)
def test_a_loan_secured_by_chips_stands_and_their_maker_lends_nothing(body: str, lang: str) -> None:
    assert _edges(body, lang) == {("macquarie", "lends_to", "lambda")}


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        (
            "Crusoe secured a $2.5 billion credit facility. JPMorgan arranged the loan, "
            "while Mizuho and MUFG each committed $500 million.",
            "en",
        ),
        ("Crusoe取得25億美元聯貸。摩根大通負責安排,瑞穗與三菱日聯參貸。", "zh-Hant"),
        ("Crusoe获得25亿美元银团贷款。摩根大通负责安排,瑞穗和三菱日联参贷。", "zh-Hans"),
    ],
)
def test_a_bank_that_arranges_the_loan_is_no_borrower(body: str, lang: str) -> None:
    edges = _edges(body, lang)
    assert ("mizuho", "lends_to", "crusoe") in edges
    assert ("mufg", "lends_to", "crusoe") in edges
    assert not {e for e in edges if e[2] == "jpmorgan"}


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        # a creditor of someone else's failure, a lead of a round, a role word with no deal
        ("A court let creditors of the failed miner seize servers bought from Nvidia.", "en"),
        ("OpenAI raised $6.6 billion in a round led by Thrive Capital. Microsoft joined.", "en"),
        ("輝達的主要債權人並未公開。", "zh-Hant"),
        ("该笔融资由红杉中国牵头的基金认购,腾讯参与。", "zh-Hans"),
    ],
)
def test_member_words_stay_inside_their_constructions(body: str, lang: str) -> None:
    edges = _edges(body, lang)
    assert not {e for e in edges if e[1] == "lends_to"}

"""Deals stated inside a relative clause ("Graphcore, which SoftBank acquired last year, will
supply Meta", 被軟銀收購的Graphcore將向Meta供應), each lender's own share of a loan ("A, B and C
each provided $2 billion of the $6 billion loan", 各自提供20億美元), a business unit sold
(no goods sold: "sell its server business to Wistron", 將旗下伺服器業務出售給), an option on more
capacity taken up ("exercised its option for a further 200 MW", 行使…選擇權), lenders named
with what they are expected to provide ("with Pimco and Blue Owl expected to provide most of
the debt") and a loan extended to a borrower marked by 向 (向Lambda發放貸款), in three scripts.

The articles are ``tests/data/articles/173_*``.
"""

from __future__ import annotations

import pytest

from graph.model import Article, Edge
from loaders.extract import extract_edges
from loaders.read import iter_articles
from tests.loaders.extracted import CORPUS
from tests.loaders.extracted import found as _found


def _corpus_edges(stem: str, script: str) -> list[Edge]:
    (article,) = list(iter_articles([str(CORPUS / f"{stem}_{script}.txt")]))
    assert isinstance(article, Article)
    return extract_edges(article)


@pytest.mark.parametrize("script", ["en", "tw", "cn"])
def test_the_corpus_articles(script: str) -> None:
    edges = {
        (e.source, e.relation, e.target): e
        for e in _corpus_edges("173_relatives_and_shares", script)
    }
    assert ("softbank", "acquires", "graphcore") in edges
    assert ("softbank", "acquires", "meta") not in edges
    assert ("meta", "buys_chips_from", "graphcore") in edges
    for bank in ("jpmorgan", "mufg", "smbc"):
        assert edges[(bank, "lends_to", "lambda")].amount_usd == 2e9, bank
    assert edges[("microsoft", "buys_compute_from", "nebius")].quantity == 200
    assert not any(r == "buys_chips_from" and t in ("acer", "intel") for _, r, t in edges)
    if script != "cn":
        assert {("pimco", "lends_to", "crusoe"), ("blue-owl", "lends_to", "crusoe")} <= set(edges)


@pytest.mark.parametrize(
    "body",
    [
        "Graphcore, which SoftBank acquired last year, will supply chips to Meta.",
        "被軟銀收購的Graphcore將向Meta供應晶片。",
        "去年被软银收购的Graphcore将向Meta供应芯片。",
    ],
)
def test_the_head_of_a_relative_clause_is_what_was_acquired(body: str) -> None:
    found = _found(body)
    assert ("softbank", "acquires", "graphcore") in found
    assert ("softbank", "acquires", "meta") not in found
    assert ("meta", "buys_chips_from", "graphcore") in found


def test_a_company_bought_in_a_relative_clause_takes_that_clause_s_price() -> None:
    found = _found(
        "Ampere Computing, which SoftBank bought for $6.5 billion, will sell servers to Oracle."
    )
    assert found[("softbank", "acquires", "ampere")].amount_usd == 6.5e9
    assert found[("oracle", "buys_chips_from", "ampere")].amount_usd is None


def test_a_relative_clause_with_its_own_object_keeps_it() -> None:
    found = _found(
        "CoreWeave, which acquired Weights & Biases last year, will buy chips from Nvidia."
    )
    assert ("coreweave", "buys_chips_from", "nvidia") in found
    assert not any(r == "acquires" and t == "coreweave" for _, r, t in found)


@pytest.mark.parametrize(
    "body",
    [
        "JPMorgan, MUFG and SMBC each provided $2 billion of the $6 billion loan to CoreWeave.",
        "摩根大通、三菱日聯與三井住友各自提供20億美元,合計60億美元貸款給CoreWeave。",
        "摩根大通、三菱日联与三井住友各提供20亿美元,向CoreWeave发放合计60亿美元贷款。",
    ],
)
def test_each_lender_s_share_is_its_own_amount(body: str) -> None:
    found = _found(body)
    for bank in ("jpmorgan", "mufg", "smbc"):
        assert found[(bank, "lends_to", "coreweave")].amount_usd == 2e9, bank


@pytest.mark.parametrize(
    "body",
    ["摩根大通已向CoreWeave發放50億美元貸款。", "摩根大通向CoreWeave发放50亿美元贷款。"],
)
def test_a_loan_extended_to_a_borrower_marked_by_xiang(body: str) -> None:
    found = _found(body)
    assert ("jpmorgan", "lends_to", "coreweave") in found
    assert ("coreweave", "lends_to", "jpmorgan") not in found


def test_borrowing_from_a_bank_marked_by_xiang_still_borrows() -> None:
    found = _found("CoreWeave向摩根大通貸款50億美元。")
    assert ("jpmorgan", "lends_to", "coreweave") in found


@pytest.mark.parametrize(
    "body",
    [
        "Acer agreed to sell its server business to Wistron for $300 million.",
        "Intel sold its NAND unit to SK Hynix.",
        "宏碁將旗下伺服器業務出售給緯創。",
        "英特尔将旗下NAND业务出售给SK海力士。",
    ],
)
def test_a_business_unit_sold_is_no_sale_of_goods(body: str) -> None:
    assert not any(r.startswith("buys_") for _, r, _ in _found(body))


@pytest.mark.parametrize(
    "body", ["Acer will sell servers to Wistron.", "Acer will sell its servers to Wistron."]
)
def test_goods_sold_are_still_a_sale(body: str) -> None:
    assert ("wistron", "buys_chips_from", "acer") in _found(body)


def test_selling_a_stake_in_arm_is_not_a_unit() -> None:
    found = _found("Nvidia said it sold its entire stake in Arm Holdings during the quarter.")
    assert ("nvidia", "sells_stake", "arm") in found


@pytest.mark.parametrize(
    "body",
    [
        "Microsoft exercised its option for a further 200 MW of capacity from Nebius.",
        "Microsoft exercised an option to take another 200 MW from Nebius, the company said.",
        "微軟行使了向Nebius追加200兆瓦容量的選擇權。",
        "微软行使选择权,向Nebius追加租用200兆瓦算力。",
    ],
)
def test_an_option_on_more_capacity_taken_up(body: str) -> None:
    edge = _found(body)[("microsoft", "buys_compute_from", "nebius")]
    assert (edge.quantity, edge.unit) == (200, "MW")


def test_an_option_on_shares_is_no_compute() -> None:
    assert not _found("Nvidia exercised its option to buy more Intel shares.")


@pytest.mark.parametrize(
    "body",
    [
        "Crusoe hired Morgan Stanley to arrange the financing, with Pimco and Blue Owl"
        " expected to provide most of the debt.",
        "Crusoe聘請摩根士丹利安排融資,預計由Pimco與Blue Owl提供大部分債務。",
        "Crusoe聘请摩根士丹利安排融资,Pimco与Blue Owl预计将提供大部分债务。",
    ],
)
def test_lenders_expected_to_provide_the_debt(body: str) -> None:
    found = _found(body)
    assert {("pimco", "lends_to", "crusoe"), ("blue-owl", "lends_to", "crusoe")} <= set(found)
    assert ("pimco", "lends_to", "morgan-stanley") not in found


def test_with_a_partner_is_still_a_partner() -> None:
    found = _found("Crusoe signed a lease with Microsoft, with Oracle expected to join later.")
    assert ("oracle", "lends_to", "crusoe") not in found


@pytest.mark.parametrize(
    "body",
    [
        "Lambda closed a $1.5 billion loan from JPMorgan and Morgan Stanley.",
        "摩根大通與摩根士丹利為Lambda提供15億美元貸款。",
        "摩根大通和摩根士丹利等银行正牵头为Lambda安排总额约15亿美元的贷款。",
    ],
)
def test_lenders_named_together_each_carry_the_loan(body: str) -> None:
    found = _found(body)
    for bank in ("jpmorgan", "morgan-stanley"):
        assert found[(bank, "lends_to", "lambda")].amount_usd == 1.5e9, bank


def test_investors_named_together_do_not_each_carry_the_round() -> None:
    found = _found("Thrive Capital and Coatue invested $2 billion in Anysphere.")
    assert found[("thrive-capital", "invests_in", "anysphere")].amount_usd is None

"""A contract's value in the next sentence even when a party of the deal reports it ("The
contract is worth $17.4 billion, Nebius said"; "carries a contract value of"), a company
bought that is described after its name ("talks to buy Ampere Computing, a maker of server
chips"), shares bought back from a holder ("buy back $2 billion of its shares from
SoftBank", 向軟銀回購股份: the holder sells), a stake sold to a buyer ("sold its Innolux shares
to Foxconn", 將所持群創股份出售給鴻海: the seller sells Innolux, the buyer invests in it), shares
a company sells of its own ("sold $5 billion of shares to Nvidia"), a plant sold with its
equipment (廠房與部分設備: no deal) and 減持公司股份 (the company the article is about).

The articles are ``tests/data/articles/176_*``.
"""

from __future__ import annotations

import pytest

from graph.model import Article
from loaders.extract import extract_edges
from loaders.read import iter_articles
from tests.loaders.extracted import CORPUS
from tests.loaders.extracted import found as _found


@pytest.mark.parametrize("script", ["en", "tw", "cn"])
def test_the_corpus_articles(script: str) -> None:
    path = CORPUS / f"176_values_and_stake_sales_{script}.txt"
    (article,) = list(iter_articles([str(path)]))
    assert isinstance(article, Article)
    found = {(e.source, e.relation, e.target): e for e in extract_edges(article)}
    assert found[("microsoft", "buys_compute_from", "nebius")].amount_usd == 17.4e9
    assert ("softbank", "sells_stake", "intel") in found
    assert {("auo", "sells_stake", "innolux"), ("foxconn", "invests_in", "innolux")} <= set(found)
    assert not any(t == "foxconn" or s == "innolux" for s, _, t in found)


@pytest.mark.parametrize(
    "second",
    [
        "The contract is worth about $17.4 billion, Nebius said in a filing.",
        "The base term carries a contract value of about $17.4 billion.",
    ],
)
def test_the_value_of_the_deal_before(second: str) -> None:
    body = "Nebius will supply Microsoft with GPU capacity at its New Jersey site. " + second
    assert _found(body)[("microsoft", "buys_compute_from", "nebius")].amount_usd == 17.4e9


def test_another_company_s_figure_is_not_the_deal_s_value() -> None:
    found = _found(
        "Nebius will supply Microsoft with GPU capacity. The contract is worth about"
        " $17.4 billion, while Oracle's deal is worth $30 billion."
    )
    assert found[("microsoft", "buys_compute_from", "nebius")].amount_usd is None


def test_a_company_bought_described_after_its_name() -> None:
    found = _found(
        "SoftBank is in advanced talks to buy Ampere Computing, a maker of server chips,"
        " for $6.5 billion."
    )
    edge = found[("softbank", "acquires", "ampere")]
    assert (edge.amount_usd, edge.status) == (6.5e9, "in_talks")
    assert ("softbank", "buys_chips_from", "ampere") not in found


def test_chips_bought_from_a_described_maker_stay_a_purchase() -> None:
    found = _found("Meta will buy chips from Ampere Computing, a maker of server chips.")
    assert ("meta", "buys_chips_from", "ampere") in found


@pytest.mark.parametrize(
    "body",
    [
        "Intel also agreed to buy back $2 billion of its shares from SoftBank.",
        "英特爾同意向軟銀回購價值20億美元的股份。",
        "英特尔同意向软银回购价值20亿美元的股份。",
    ],
)
def test_shares_bought_back_from_a_holder(body: str) -> None:
    found = _found(body)
    assert found[("softbank", "sells_stake", "intel")].amount_usd == 2e9
    assert ("intel", "invests_in", "softbank") not in found


def test_a_buyback_with_no_holder_named_is_no_edge() -> None:
    assert not _found("Intel will buy back $2 billion of its shares.")


@pytest.mark.parametrize(
    "body",
    [
        "AUO sold its Innolux shares to Foxconn for $160 million.",
        "友達將所持群創股份以50億元出售給鴻海。",
        "友达将所持群创股份以50亿元出售给鸿海。",
    ],
)
def test_a_stake_sold_to_a_buyer(body: str) -> None:
    found = _found(body)
    assert {("auo", "sells_stake", "innolux"), ("foxconn", "invests_in", "innolux")} <= set(found)
    assert found[("auo", "sells_stake", "innolux")].amount_usd is not None
    assert ("auo", "sells_stake", "foxconn") not in found


def test_a_stake_in_a_company_sold_to_a_buyer() -> None:
    found = _found("AUO sold its stake in Innolux to Foxconn for $160 million.")
    assert found[("auo", "sells_stake", "innolux")].amount_usd == 1.6e8


@pytest.mark.parametrize(
    "body",
    ["Intel sold $5 billion of shares to Nvidia.", "Intel sold shares to Nvidia for $5 billion."],
)
def test_shares_a_company_sells_of_its_own(body: str) -> None:
    found = _found(body)
    assert found[("nvidia", "invests_in", "intel")].amount_usd == 5e9
    assert ("intel", "sells_stake", "nvidia") not in found


def test_shares_of_another_company_sold() -> None:
    found = _found("SoftBank sold shares of T-Mobile to Deutsche Telekom.")
    assert ("softbank", "sells_stake", "t-mobile") in found


@pytest.mark.parametrize(
    "body",
    [
        "友達將台中的廠房與部分設備以50億元出售給鴻海。",
        "友达将台中的厂房与部分设备以50亿元出售给鸿海。",
    ],
)
def test_a_plant_sold_with_its_equipment_is_no_deal(body: str) -> None:
    assert not _found(body)


@pytest.mark.parametrize(
    "body",
    [
        "寒武紀公告,大基金計劃通過集中競價方式減持公司股份不超過500萬股。",
        "寒武纪公告,大基金计划通过集中竞价方式减持公司股份不超过500万股。",
    ],
)
def test_a_holder_selling_shares_of_the_company_reporting(body: str) -> None:
    edge = _found(body)[("big-fund", "sells_stake", "cambricon")]
    assert (edge.quantity, edge.unit, edge.status) == (5e6, "shares", "proposed")


def test_selling_company_shares_with_no_company_before_is_no_edge() -> None:
    assert not _found("大基金計劃減持公司股份。")

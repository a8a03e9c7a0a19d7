"""Guarantees of a lease stated before ("Google will provide a financial backstop covering
the lease payments", "backstops $1.4 billion of those lease payments", 谷歌將為上述租約提供擔保:
the landlord of that lease is backstopped), a tenant's lease guarantee (為Fluidstack提供…的租賃
擔保: no compute deal), the fund of a company in an investor list (騰訊旗下基金、紅杉中國: both
invest, neither in the other) and a bank leading a loan it arranges (牽頭為X安排貸款: a loan, no
investment).

The articles are ``tests/data/articles/177_*``.
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
    path = CORPUS / f"177_lease_guarantees_fund_members_{script}.txt"
    (article,) = list(iter_articles([str(path)]))
    assert isinstance(article, Article)
    found = {(e.source, e.relation, e.target) for e in extract_edges(article)}
    backstopped = {t for s, r, t in found if s == "alphabet" and r == "capacity_backstop"}
    assert backstopped and backstopped <= {"terawulf", "cipher-mining"}
    assert not any(s == "alphabet" and r.startswith("buys_") for s, r, _ in found)
    if script != "en":
        assert {("tencent", "invests_in", "zhipu"), ("hongshan", "invests_in", "zhipu")} <= found
        assert ("jpmorgan", "invests_in", "zhipu") not in found


LEASE_EN = "Fluidstack will lease 200 MW at TeraWulf's Lake Mariner campus. "
LEASE_ZH = "Fluidstack將租用TeraWulf園區的200兆瓦容量。"


@pytest.mark.parametrize(
    "body",
    [
        LEASE_EN + "Google will provide a financial backstop covering the lease payments.",
        LEASE_EN + "Google backstops $3.2 billion of those lease payments.",
        LEASE_ZH + "谷歌將為上述租約提供32億美元擔保。",
        "Fluidstack将租用TeraWulf园区的200兆瓦容量。谷歌将为该租约提供32亿美元担保。",
        LEASE_ZH + "谷歌為Fluidstack提供32億美元的租賃擔保。",
    ],
)
def test_a_guarantee_of_the_lease_before_backstops_its_landlord(body: str) -> None:
    found = _found(body)
    assert ("alphabet", "capacity_backstop", "terawulf") in found
    assert not any(s == "alphabet" and r != "capacity_backstop" for s, r, _ in found)


def test_a_backstop_with_no_lease_before_names_no_landlord() -> None:
    assert not _found("Google will provide a financial backstop covering the lease payments.")


@pytest.mark.parametrize(
    "body", ["谷歌為Fluidstack提供32億美元的租賃擔保。", "谷歌為Fluidstack的租約提供32億美元擔保。"]
)
def test_a_tenant_s_lease_guaranteed_is_no_compute_deal(body: str) -> None:
    found = _found(body)
    assert found[("alphabet", "capacity_backstop", "fluidstack")].amount_usd == 3.2e9
    assert not any(r == "buys_compute_from" for _, r, _ in found)


@pytest.mark.parametrize(
    "body",
    [
        "智譜完成新一輪融資,本輪由騰訊旗下基金、紅杉中國共同領投。",
        "智谱完成新一轮融资,本轮由腾讯旗下的投资平台和红杉中国共同领投。",
    ],
)
def test_a_company_s_fund_in_an_investor_list(body: str) -> None:
    found = _found(body)
    assert {("tencent", "invests_in", "zhipu"), ("hongshan", "invests_in", "zhipu")} <= set(found)
    assert ("tencent", "invests_in", "hongshan") not in found


@pytest.mark.parametrize(
    "body",
    ["摩根大通牽頭為CoreWeave安排20億美元貸款。", "摩根大通牵头为CoreWeave安排20亿美元贷款。"],
)
def test_a_bank_leading_a_loan_invests_nothing(body: str) -> None:
    found = _found(body)
    assert found[("jpmorgan", "lends_to", "coreweave")].amount_usd == 2e9
    assert ("jpmorgan", "invests_in", "coreweave") not in found


@pytest.mark.parametrize(
    "body",
    [
        "軟銀對OpenAI的225億美元追加出資將在12月完成。",
        "软银对OpenAI的225亿美元追加出资预计年底前完成。",
        "SoftBank's $22.5 billion investment in OpenAI is expected to be completed in December.",
    ],
)
def test_a_deal_still_to_be_completed_is_announced(body: str) -> None:
    assert _found(body)[("softbank", "invests_in", "openai")].status == "announced"


@pytest.mark.parametrize(
    "body",
    [
        "软银已完成对OpenAI的225亿美元投资。",
        "軟銀完成對OpenAI的225億美元投資。",
        "SoftBank completed its $22.5 billion investment in OpenAI.",
    ],
)
def test_a_deal_done_is_completed(body: str) -> None:
    assert _found(body)[("softbank", "invests_in", "openai")].status == "completed"


def test_a_lease_named_as_a_noun_buys_nothing() -> None:
    found = _found(
        "Proceeds will pay for Applied Digital's Ellendale campus, where it hosts servers for"
        " CoreWeave under leases worth $7 billion."
    )
    assert found[("coreweave", "buys_compute_from", "applied-digital")].amount_usd == 7e9
    assert ("applied-digital", "buys_compute_from", "coreweave") not in found

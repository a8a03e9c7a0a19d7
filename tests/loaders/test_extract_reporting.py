"""Constructions of everyday market reporting (three scripts each).

The articles are ``tests/data/articles/145_*`` onwards: brokers' ratings, price targets,
advice to buy a stock and forecasts opening a sentence are no deals (a deal stated
beside them still is); a company that signs a loan with its banks (緯創與台新銀行、第一銀行
簽署聯貸案) borrows from them, and the banks named as participants (參貸) lend too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.model import Article, Edge
from loaders.extract import extract_edges
from loaders.read import iter_articles

CORPUS = Path(__file__).resolve().parent.parent / "data" / "articles"
SCRIPTS = ("en", "tw", "cn")


def _edges(stem: str, script: str) -> dict[tuple[str, str, str], Edge]:
    (article,) = list(iter_articles([str(CORPUS / f"{stem}_{script}.txt")]))
    return {e.key: e for e in extract_edges(article)}  # type: ignore[arg-type]


def _keys(body: str) -> set[tuple[str, str, str]]:
    return {e.key for e in extract_edges(Article(id="x", title="", body=body))}


@pytest.mark.parametrize(
    ("script", "deal"),
    [
        ("en", ("oracle", "buys_compute_from", "nebius")),
        ("tw", ("microsoft", "buys_compute_from", "coreweave")),
        ("cn", ("bytedance", "buys_chips_from", "cambricon")),
    ],
)
def test_ratings_targets_and_forecasts_are_no_deals(
    script: str, deal: tuple[str, str, str]
) -> None:
    edges = _edges("145_broker_ratings", script)
    assert {k for k in edges if k[1] != "partners_with"} == {deal}


@pytest.mark.parametrize(
    "body",
    [
        "Bank of America kept its buy rating on Broadcom.",
        "Citi said it would buy Nvidia shares on any dip.",
        "Jefferies upgraded AMD to buy from hold.",
        "花旗重申對鴻海的買進評級。",
        "摩根大通建议投资者买入英伟达股票。",
        "高盛预估，微软今年将向英伟达采购逾500亿美元的AI服务器。",
        "Goldman Sachs estimates that Meta will buy $40 billion of chips from Nvidia.",
    ],
)
def test_a_broker_view_gives_no_edge(body: str) -> None:
    assert {k for k in _keys(body) if k[1] != "partners_with"} == set()


def test_a_deal_beside_a_rating_in_another_sentence_is_kept() -> None:
    body = "JPMorgan upgraded AMD to overweight. OpenAI agreed to buy chips from AMD."
    assert ("openai", "buys_chips_from", "amd") in _keys(body)


@pytest.mark.parametrize(
    ("script", "borrowers"),
    [
        ("en", {"quanta", "wistron"}),
        ("tw", {"quanta", "wistron"}),
        ("cn", {"inspur", "foxconn-industrial-internet"}),
    ],
)
def test_participating_banks_and_a_loan_signed_with_banks(script: str, borrowers: set[str]) -> None:
    edges = _edges("146_participating_lenders", script)
    lends = {k for k in edges if k[1] == "lends_to"}
    assert {k[2] for k in lends} == borrowers
    assert all(k[0] not in borrowers for k in lends), "no borrower lends"
    assert len(lends) >= 5


@pytest.mark.parametrize(
    "body",
    [
        "緯創與台新銀行、第一銀行簽署新台幣80億元聯貸案。",
        "纬创与台新银行、第一银行签署新台币80亿元联贷案。",
    ],
)
def test_a_loan_signed_with_banks_is_borrowed_from_them(body: str) -> None:
    edges = {e.key: e for e in extract_edges(Article(id="x", title="", body=body))}
    assert set(edges) == {
        ("taishin-financial", "lends_to", "wistron"),
        ("first-financial", "lends_to", "wistron"),
    }
    edge = edges[("taishin-financial", "lends_to", "wistron")]
    assert edge.evidence[0].currency == "TWD"


def test_two_companies_signing_a_loan_is_not_a_loan_between_them() -> None:
    body = "鴻海與廣達簽署新台幣80億元聯貸案。"
    assert not {k for k in _keys(body) if k[1] == "lends_to"}


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        (
            "en",
            {
                ("nvidia", "holds_stake", "coreweave"),
                ("nvidia", "invests_in", "nscale"),
            },
        ),
        (
            "tw",
            {
                ("alibaba", "invests_in", "moonshot-ai"),
                ("nvidia", "invests_in", "nscale"),
                ("microsoft", "buys_compute_from", "nscale"),
                ("microsoft", "invests_in", "openai"),
            },
        ),
        (
            "cn",
            {
                ("tencent", "invests_in", "minimax"),
                ("alibaba", "invests_in", "moonshot-ai"),
                ("nvidia", "invests_in", "nscale"),
                ("microsoft", "buys_compute_from", "nscale"),
            },
        ),
    ],
)
def test_backers_named_in_passing(script: str, expected: set[tuple[str, str, str]]) -> None:
    edges = _edges("147_backers_in_passing", script)
    found = {k for k in edges if k[1] != "partners_with"}
    assert expected <= found
    assert not {k for k in found if k[0] == "nvidia" and k[1] != "invests_in"} - expected
    backed = edges[("nvidia", "invests_in", "nscale")]
    assert all(ev.amount_usd is None for ev in backed.evidence), "a description has no amount"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Microsoft signed a $14 billion deal to rent GPU capacity from Nvidia-backed Nscale.",
            {("microsoft", "buys_compute_from", "nscale"), ("nvidia", "invests_in", "nscale")},
        ),
        (
            "由英伟达入股的Nscale获得微软新订单。",
            {("microsoft", "buys_compute_from", "nscale"), ("nvidia", "invests_in", "nscale")},
        ),
        (
            "OpenAI, in which SoftBank holds an 11% stake, was valued at $500 billion.",
            {("softbank", "holds_stake", "openai")},
        ),
        (
            "CoreWeave, of which Nvidia owns about 7%, rose 4%.",
            {("nvidia", "holds_stake", "coreweave")},
        ),
    ],
)
def test_a_describer_is_no_party_of_the_main_deal(
    body: str, expected: set[tuple[str, str, str]]
) -> None:
    edges = {e.key: e for e in extract_edges(Article(id="x", title="", body=body))}
    assert {k for k in edges if k[1] != "partners_with"} == expected
    if ("softbank", "holds_stake", "openai") in edges:
        stake = edges[("softbank", "holds_stake", "openai")]
        assert stake.evidence[0].amount_usd is None, "a company's valuation is no stake's worth"
        assert stake.evidence[0].quantity == 11


def test_a_price_move_is_no_quantity() -> None:
    body = "晶片為微軟支持的OpenAI供應算力的輝達股價下跌1%。"
    edges = {e.key: e for e in extract_edges(Article(id="x", title="", body=body))}
    edge = edges[("microsoft", "invests_in", "openai")]
    assert edge.evidence[0].quantity is None


@pytest.mark.parametrize("script", SCRIPTS)
def test_shares_a_company_sells_to_an_investor(script: str) -> None:
    edges = _edges("148_shares_sold_to", script)
    found = {k for k in edges if k[1] != "partners_with"}
    assert ("nvidia", "invests_in", "intel") in found
    assert ("intel", "sells_stake", "nvidia") not in found, "the issuer sells nobody's stake"
    assert ("tencent", "acquires", "minimax") not in found, "existing shares are no takeover"
    assert [ev.amount_usd for ev in edges[("nvidia", "invests_in", "intel")].evidence] == [5e9]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Arm sold $1 billion of new shares to SoftBank.", ("softbank", "invests_in", "arm")),
        ("英特爾向輝達出售約4%股權。", ("nvidia", "invests_in", "intel")),
        ("腾讯收购了MiniMax部分老股。", ("tencent", "invests_in", "minimax")),
        ("SoftBank sold its entire stake in Nvidia.", ("softbank", "sells_stake", "nvidia")),
    ],
)
def test_who_sells_whose_shares(body: str, expected: tuple[str, str, str]) -> None:
    assert {k for k in _keys(body) if k[1] != "partners_with"} == {expected}

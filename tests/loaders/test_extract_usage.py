"""Shares a company issues or sells of its own to a named buyer ("will issue Nvidia $1 billion
of its stock", "issue new shares to", 向騰訊、阿里巴巴出售新股: the buyer invests; "issued OpenAI a
warrant" is no share sale); compute and chips a company uses ("trains its models on Nvidia's
chips", "runs them on Google Cloud"), but not a stock that "depends on demand" or "ran on
optimism"; working with a partner to deploy something (a partnership, no
purchase); a description that opens a sentence standing for the company the one before
described ("The startup committed to... The company will also...").

The articles are ``tests/data/articles/180_*``.
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
    path = CORPUS / f"180_issuers_and_usage_{script}.txt"
    (article,) = list(iter_articles([str(path)]))
    assert isinstance(article, Article)
    found = {(e.source, e.relation, e.target) for e in extract_edges(article)}
    assert not any(r == "sells_stake" for _, r, _ in found)
    if script == "en":
        assert ("nvidia", "invests_in", "nokia") in found
    else:
        assert {s for s, r, t in found if r == "invests_in" and t == "cambricon"} == {
            "tencent",
            "alibaba",
            "hongshan",
        }


@pytest.mark.parametrize(
    "body",
    [
        "Nokia will issue Nvidia $1 billion of its stock in a private placement.",
        "Nokia will sell Nvidia $1 billion of its stock in a private placement.",
        "Nokia will issue $1 billion of new shares to Nvidia.",
    ],
)
def test_shares_of_its_own_sold_to_a_buyer(body: str) -> None:
    found = _found(body)
    assert found[("nvidia", "invests_in", "nokia")].amount_usd == 1e9
    assert not any(r == "sells_stake" for _, r, _ in found)


def test_a_warrant_issued_is_no_share_sale() -> None:
    found = _found("AMD has issued OpenAI a warrant for up to 160 million AMD shares.")
    assert ("amd", "warrant_for", "openai") in found
    assert not any(r in ("sells_stake", "invests_in") for _, r, _ in found)


def test_shares_of_another_company_sold_stay_a_stake_sale() -> None:
    assert ("softbank", "sells_stake", "nvidia") in _found(
        "SoftBank sold Nvidia shares worth $5.8 billion."
    )


@pytest.mark.parametrize(
    ("body", "edge"),
    [
        (
            "OpenAI trains its models on Nvidia's Blackwell chips.",
            ("openai", "buys_chips_from", "nvidia"),
        ),
        ("OpenAI also runs them on Google Cloud.", ("openai", "buys_compute_from", "alphabet")),
    ],
)
def test_what_a_company_uses(body: str, edge: tuple[str, str, str]) -> None:
    assert edge in _found(body)


def test_a_stock_depending_on_demand_is_no_purchase() -> None:
    assert not _found("Nvidia's stock depends on demand from OpenAI.")


def test_working_with_a_partner_to_deploy_is_a_partnership() -> None:
    found = _found("Nvidia will work with Nokia to deploy AI-RAN gear.")
    assert ("nvidia", "partners_with", "nokia") in found
    assert not any(r.startswith("buys_") for _, r, _ in found)


def test_a_description_opening_a_sentence_keeps_its_company() -> None:
    found = _found(
        "Anthropic, the maker of Claude, raised money. The startup committed to buy $30 billion"
        " of computing capacity from Microsoft. The company will also run its models on Nvidia"
        " systems."
    )
    assert ("anthropic", "buys_chips_from", "nvidia") in found
    assert ("microsoft", "buys_chips_from", "nvidia") not in found


@pytest.mark.parametrize(
    "body",
    [
        "Nebius agreed to supply Microsoft with capacity. In exchange, Microsoft received"
        " warrants that would give it a 5% stake in Nebius if exercised.",
        "Microsoft received warrants from Nebius that would give it a 5% stake if exercised.",
    ],
)
def test_warrants_received_that_would_give_a_stake_if_exercised(body: str) -> None:
    found = _found(body)
    assert ("nebius", "warrant_for", "microsoft") in found
    assert found[("microsoft", "holds_stake", "nebius")].status == "proposed"


def test_a_real_condition_still_makes_a_deal_hypothetical() -> None:
    assert not _found("If Nebius sells the capacity, Microsoft will buy chips from Nvidia.")

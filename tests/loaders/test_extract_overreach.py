"""The words of the newer rules kept to their constructions: sentences where they must not
fire, or must not change what they meant (written against the rules of corpus articles
173-180)."""

from __future__ import annotations

import pytest

from tests.loaders.extracted import found


@pytest.mark.parametrize(
    "body",
    [
        "Nvidia shares ran on optimism after Oracle reported strong cloud bookings.",
        "Oracle issued new shares through JPMorgan and Morgan Stanley to raise $5 billion.",
        "Meta shares fell 3%, and JPMorgan lent $38 billion for the data centers.",
        "Microsoft declined to exercise its option for 500 MW of capacity from CoreWeave.",
        "Meta is the largest owner of Nvidia H100 chips.",
        "Supermicro, which xAI bought from last year, reported weaker sales.",
        "Meta is working with Morgan Stanley to raise $29 billion for its data center.",
    ],
)
def test_no_deal(body: str) -> None:
    assert not found(body)


def test_a_partner_named_after_a_list_is_everyone_s_partner() -> None:
    edges = found("微軟與谷歌、亞馬遜和甲骨文均宣布與輝達合作。")
    assert ("microsoft", "partners_with", "nvidia") in edges
    assert ("microsoft", "partners_with", "alphabet") not in edges


@pytest.mark.parametrize(
    "body", ["軟銀日前完成投資OpenAI 225億美元。", "輝達已在9月完成入股英特爾50億美元。"]
)
def test_a_deal_done_in_the_past_is_completed(body: str) -> None:
    assert {e.status for e in found(body).values()} == {"completed"}


def test_new_investors_joining_in_a_sentence_of_their_own() -> None:
    edges = found(
        "Anthropic raised $13 billion in a round led by Iconiq. GIC and ADIA are joining as new"
        " investors."
    )
    assert {("gic", "invests_in", "anthropic"), ("adia", "invests_in", "anthropic")} <= set(edges)


@pytest.mark.parametrize(
    ("body", "edge", "amount"),
    [
        (
            "Nvidia and Microsoft will invest $15 billion in Anthropic, each year adding about"
            " $1 billion more.",
            ("nvidia", "invests_in", "anthropic"),
            15e9,
        ),
        (
            "JPMorgan and MUFG lent $10 billion to Crusoe; each bank also lent $500 million to"
            " Lambda.",
            ("jpmorgan", "lends_to", "crusoe"),
            10e9,
        ),
    ],
)
def test_each_keeps_to_its_own_clause(body: str, edge: tuple[str, str, str], amount: float) -> None:
    assert found(body)[edge].amount_usd == amount


@pytest.mark.parametrize(
    ("body", "edge"),
    [
        ("騰訊將投資部分資金於月之暗面。", ("tencent", "invests_in", "moonshot-ai")),
        ("軟銀將投資子公司SB Energy 5億美元。", ("softbank", "invests_in", "sb-energy")),
    ],
)
def test_the_verb_invest_before_its_object_stays_a_verb(
    body: str, edge: tuple[str, str, str]
) -> None:
    assert edge in found(body)


def test_a_buyback_of_another_company_s_shares_names_no_seller_from_of() -> None:
    assert ("arm", "sells_stake", "softbank") not in found(
        "SoftBank will buy back shares of Arm from the Vision Fund."
    )


def test_a_company_depending_on_a_cloud_buys_from_it() -> None:
    edges = found("Anthropic also depends on Amazon's Trainium cloud under a long-standing deal.")
    assert ("anthropic", "buys_compute_from", "amazon") in edges


def test_a_company_s_fortunes_depending_on_others_buy_nothing() -> None:
    edges = found("Intel's turnaround depends on Apple and Nvidia buying chips from its foundry.")
    assert ("intel", "buys_chips_from", "nvidia") not in edges


@pytest.mark.parametrize(
    "body",
    ["Nvidia's stock ran on Oracle's results.", "CoreWeave shares ran on news from Microsoft."],
)
def test_a_share_price_running_on_news_buys_nothing(body: str) -> None:
    assert not found(body)


def test_a_service_running_on_a_company_s_cloud_buys_from_it() -> None:
    edges = found("Anthropic has been running on Amazon's Trainium chips since 2024.")
    assert ("anthropic", "buys_chips_from", "amazon") in edges or (
        "anthropic",
        "buys_compute_from",
        "amazon",
    ) in edges

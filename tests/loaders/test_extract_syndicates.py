"""Lenders, contributions, warrants, leasebacks, descriptions and amounts in the next
sentence (three scripts each).

The articles are ``tests/data/articles/11[5-9]_*``, ``12[0-8]_*`` and ``139_*`` to
``141_*``: a bank group whose members each commit a share of a loan ("Mizuho and
MUFG each committed $500 million", 瑞穗、三菱日聯分別提供5億美元), a supplier
that sells to a buyer (SK海力士將HBM賣給OpenAI), a supplier leasing back capacity
built on its own chips (租回), warrants and options in active, passive and noun
forms, descriptions of a kind ("這家新創", "the French startup"), plans and open
questions, money received (拿到, "received ... from"), servers that carry someone
else's chips (搭載), a stake sale whose proceeds come in the next sentence ("The
sale raised $5.83 billion", 此次出售套現...), makers as subjects and orders won.
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


def _usd(edge: Edge) -> list[float]:
    return [ev.amount_usd for ev in edge.evidence if ev.amount_usd is not None]


@pytest.mark.parametrize("script", SCRIPTS)
def test_each_bank_of_a_syndicate_lends_its_own_share(script: str) -> None:
    edges = _edges("115_syndicate_loan", script)
    shares = {"jpmorgan": 1e9, "mizuho": 5e8, "mufg": 5e8}
    for bank, usd in shares.items():
        assert _usd(edges[(bank, "lends_to", "crusoe")]) == [pytest.approx(usd)], bank
    assert {k for k in edges if k[1] != "partners_with"} == {
        (b, "lends_to", "crusoe") for b in shares
    }


def test_a_contribution_with_goods_or_a_recipient_is_no_share_of_the_loan() -> None:
    body = (
        "Crusoe secured a $2.5 billion loan from a group of banks. Dell provided $500 million"
        " of servers for the campus, and Nvidia committed $300 million to Lambda."
    )
    edges = {e.key for e in extract_edges(Article(id="x", title="", body=body))}
    assert ("dell", "lends_to", "crusoe") not in edges
    assert ("nvidia", "lends_to", "crusoe") not in edges


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_supplier_as_subject_sells_to_the_buyer(script: str) -> None:
    edges = _edges("116_memory_supply", script)
    assert ("openai", "buys_chips_from", "sk-hynix") in edges
    assert ("openai", "buys_chips_from", "samsung") in edges
    assert not [k for k in edges if k[0] in ("sk-hynix", "samsung")]


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_chip_maker_leasing_back_servers_backstops_the_cloud(script: str) -> None:
    edges = _edges("117_leaseback", script)
    assert _usd(edges[("nvidia", "capacity_backstop", "lambda")]) == [pytest.approx(1.5e9)]


@pytest.mark.parametrize("script", SCRIPTS)
def test_warrants_and_options_in_active_passive_and_noun_forms(script: str) -> None:
    edges = _edges("118_warrants_forms", script)
    granted = edges[("terawulf", "warrant_for", "alphabet")]
    assert [(ev.quantity, ev.unit) for ev in granted.evidence if ev.quantity] == [
        (pytest.approx(41e6), "shares")
    ]
    assert ("cipher-mining", "warrant_for", "fluidstack") in edges
    # what a warrant lets its holder buy is no purchase; a guaranteed lease no deal of its own
    assert not [k for k in edges if k[1] in ("invests_in", "buys_compute_from")]


def test_a_clause_opening_qi_means_the_subject_of_the_clause_before() -> None:
    body = "谷歌已獲得TeraWulf股票的認股權證,作為其為Fluidstack租約提供擔保的一部分。"
    edges = {e.key for e in extract_edges(Article(id="x", title="", body=body))}
    assert ("alphabet", "capacity_backstop", "fluidstack") in edges
    assert ("terawulf", "capacity_backstop", "fluidstack") not in edges


@pytest.mark.parametrize("script", SCRIPTS)
def test_descriptions_of_a_kind_and_a_gapped_second_investor(script: str) -> None:
    edges = _edges("119_coref_company", script)
    assert _usd(edges[("microsoft", "invests_in", "anthropic")]) == [pytest.approx(5e9)]
    assert _usd(edges[("nvidia", "invests_in", "anthropic")]) == [pytest.approx(10e9)]
    assert ("anthropic", "buys_compute_from", "microsoft") in edges
    assert ("microsoft", "invests_in", "nvidia") not in edges


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_plan_is_proposed_and_an_open_question_states_nothing(script: str) -> None:
    edges = _edges("120_plans_questions", script)
    assert edges[("softbank", "invests_in", "openai")].status == "proposed"
    assert not [k for k in edges if k[1] in ("lends_to", "invests_in") and k[0] != "softbank"]


@pytest.mark.parametrize("script", SCRIPTS)
def test_money_received_from_a_strategic_investor(script: str) -> None:
    edges = _edges("121_receive_money", script)
    native = [(ev.amount, ev.currency) for ev in edges[("asml", "invests_in", "mistral")].evidence]
    assert (pytest.approx(1.3e9), "EUR") in native
    assert ("nvidia", "invests_in", "mistral") in edges
    assert ("asml", "holds_stake", "mistral") in edges


@pytest.mark.parametrize("script", SCRIPTS)
def test_servers_carrying_chips_are_bought_from_the_server_maker(script: str) -> None:
    edges = _edges("122_servers_carry", script)
    assert _usd(edges[("xai", "buys_chips_from", "dell")]) == [pytest.approx(5e9)]
    assert ("xai", "buys_chips_from", "supermicro") not in edges


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_supplier_of_power_as_subject(script: str) -> None:
    edges = _edges("123_power_supply", script)
    power = edges[("amazon", "buys_power_from", "talen-energy")]
    assert [(ev.quantity, ev.unit) for ev in power.evidence if ev.quantity] == [(1.92, "GW")]
    assert ("microsoft", "buys_power_from", "constellation-energy") in edges


@pytest.mark.parametrize("script", SCRIPTS)
def test_the_proceeds_of_a_stake_sale_in_the_next_sentence(script: str) -> None:
    edges = _edges("124_stake_sale", script)
    assert _usd(edges[("softbank", "sells_stake", "nvidia")]) == [pytest.approx(5.83e9)]
    assert ("softbank", "invests_in", "nvidia") not in edges


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_warrant_in_return_for_a_commitment_and_questions_that_state_nothing(
    script: str,
) -> None:
    edges = _edges("126_warrant_questions", script)
    warrant = edges[("nebius", "warrant_for", "microsoft")]
    assert [(ev.quantity, ev.unit) for ev in warrant.evidence if ev.quantity] == [(2e7, "shares")]
    assert _usd(edges[("microsoft", "buys_compute_from", "nebius")]) == [pytest.approx(17.4e9)]
    assert ("nebius", "buys_compute_from", "microsoft") not in edges
    if script != "en":  # 據報導: as a report says
        assert warrant.status == "reported"


@pytest.mark.parametrize("script", SCRIPTS)
def test_the_platform_is_the_company_of_that_kind_named_before(script: str) -> None:
    edges = _edges("127_platform_conditions", script)
    assert ("hugging-face", "buys_compute_from", "alphabet") in edges
    for investor in ("nvidia", "amazon"):
        assert (investor, "invests_in", "hugging-face") in edges


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_plural_pronoun_is_the_list_that_reports_or_nobody(script: str) -> None:
    edges = _edges("128_plural_reported", script)
    for investor in ("thrive-capital", "lightspeed"):
        assert (investor, "invests_in", "reflection-ai") in edges
    assert edges[("nvidia", "invests_in", "reflection-ai")].status == "reported"
    assert {k[2] for k in edges if k[1] != "partners_with"} == {"reflection-ai"}


@pytest.mark.parametrize("script", SCRIPTS)
@pytest.mark.parametrize(
    ("stem", "wanted"),
    [
        # the maker as subject: "TSMC makes the chips for Broadcom", 為博通代工, 為Meta組裝
        ("139_makes_for", {("broadcom", "tsmc"), ("meta", "quanta")}),
        # an order won or landed: the one who gives it buys (接獲亞馬遜大單, "won an order from")
        ("140_orders_won", {("amazon", "wiwynn"), ("nvidia", "foxconn")}),
        # "The Taiwanese chipmaker", 這家台灣晶圓代工廠 said of a party named a sentence before
        ("141_description_later", {("apple", "tsmc"), ("apple", "broadcom")}),
    ],
)
def test_suppliers_as_subjects_orders_and_later_descriptions(
    stem: str, wanted: set[tuple[str, str]], script: str
) -> None:
    edges = _edges(stem, script)
    assert {(k[0], k[2]) for k in edges if k[1] == "buys_chips_from"} >= wanted
    assert not [k for k in edges if (k[2], k[0]) in wanted]  # never the other way round


@pytest.mark.parametrize(
    "body",
    [
        "CoreWeave said Microsoft accounted for 71% of its revenue last year.",
        "CoreWeave表示，去年來自微軟的收入占其總收入的71%。",
        "CoreWeave表示，去年来自微软的收入占其总收入的71%。",
    ],
)
def test_a_share_of_its_revenue_names_the_customer_and_no_quantity(body: str) -> None:
    (edge,) = extract_edges(Article(id="x", title="", body=body))
    assert edge.key == ("microsoft", "buys_compute_from", "coreweave")
    assert all(ev.quantity is None and ev.amount_usd is None for ev in edge.evidence)


@pytest.mark.parametrize(
    "body",
    [
        "Meta向CoreWeave下了一筆142億美元的算力訂單，這些算力採用輝達GB300晶片。",
        "Meta向CoreWeave下了一笔142亿美元的算力订单，这些算力采用英伟达GB300芯片。",
        "Meta placed a $14.2 billion order with CoreWeave; the capacity runs on Nvidia chips.",
    ],
)
def test_an_order_is_placed_with_the_cloud_not_the_maker_of_its_chips(body: str) -> None:
    edges = {e.key: e for e in extract_edges(Article(id="x", title="", body=body))}
    assert set(edges) == {("meta", "buys_compute_from", "coreweave")}
    assert _usd(edges[("meta", "buys_compute_from", "coreweave")]) == [pytest.approx(14.2e9)]

"""Members of a deal a sentence before names: "Lambda signed a $1.5 billion loan. The
facility carries a five-year term. It was led by A and B" (two sentences back when the one
between names no organization), "Mistral AI has raised $2.2 billion. The round was led by
ASML" (one party, a round referred to), "Crusoe, the startup building a campus for
OpenAI, said it had raised..." (an aside about the company), 正為OpenAI興建園區的Crusoe表示
(a modifier before it), "secured $9 billion of equity", "with GIC and ADIA joining as new
investors", 本次貸款由A牽頭 (this loan is the one before); each lead carries the amount the
sentence before gives. Equity financing raised (取得股權融資) is no stake bought, and a fund
named in a relative clause ("QTS, which Blackstone took private") lends nothing.

The articles are ``tests/data/articles/174_*``.
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
    path = CORPUS / f"174_deals_named_before_{script}.txt"
    (article,) = list(iter_articles([str(path)]))
    assert isinstance(article, Article)
    edges = {(e.source, e.relation, e.target): e for e in extract_edges(article)}
    for bank in ("jpmorgan", "morgan-stanley"):
        assert edges[(bank, "lends_to", "lambda")].amount_usd == 1.5e9
    for fund in ("mubadala", "founders-fund"):
        assert edges[(fund, "invests_in", "crusoe")].amount_usd == 1.4e9
    for fund in ("digitalbridge", "silver-lake", "gic", "adia"):
        assert (fund, "invests_in", "vantage") in edges
    assert not any(s == "vantage" or t == "openai" for s, _, t in edges)
    assert not any(s == "blackstone" and r == "lends_to" for s, r, _ in edges)


@pytest.mark.parametrize(
    "body",
    [
        "Lambda signed a $1.5 billion loan. The facility carries a five-year term."
        " It was led by JPMorgan and Morgan Stanley.",
        "Lambda已簽下一筆15億美元貸款。這筆貸款為期五年。本案由摩根大通與摩根士丹利主辦。",
        "Lambda已获得一笔15亿美元贷款。该笔贷款期限为五年。本次贷款由摩根大通和摩根士丹利牵头。",
    ],
)
def test_a_loan_two_sentences_back_when_the_one_between_names_no_one(body: str) -> None:
    found = _found(body)
    for bank in ("jpmorgan", "morgan-stanley"):
        assert found[(bank, "lends_to", "lambda")].amount_usd == 1.5e9, bank


def test_a_sentence_between_that_names_a_company_breaks_the_link() -> None:
    found = _found(
        "Lambda signed a $1.5 billion loan. Nvidia sells it GPUs."
        " It was led by JPMorgan and Morgan Stanley."
    )
    assert ("jpmorgan", "lends_to", "lambda") not in found


@pytest.mark.parametrize(
    "body",
    [
        "Mistral AI has raised $2.2 billion. The round was led by ASML.",
        "Mistral AI完成20億美元融資。本輪由ASML領投。",
        "Mistral AI完成20亿美元融资。本轮由ASML领投。",
    ],
)
def test_a_single_lead_of_a_round_raised_before(body: str) -> None:
    assert _found(body)[("asml", "invests_in", "mistral")].amount_usd in (2.2e9, 2e9)


@pytest.mark.parametrize(
    "body",
    [
        "Crusoe, the startup building the first Stargate campus for OpenAI in Texas, said it"
        " had raised $1.4 billion in a Series E round. The round was co-led by Mubadala and"
        " Founders Fund.",
        "正為OpenAI在德州興建首座園區的Crusoe表示,已完成14億美元E輪融資。本輪由穆巴達拉與"
        "Founders Fund共同領投。",
        "正为OpenAI在得州建设首个园区的Crusoe宣布,完成14亿美元E轮融资。本轮由穆巴达拉和"
        "Founders Fund联合领投。",
    ],
)
def test_a_company_described_before_its_round_still_opens_it(body: str) -> None:
    found = _found(body)
    for fund in ("mubadala", "founders-fund"):
        assert found[(fund, "invests_in", "crusoe")].amount_usd == 1.4e9
    assert not any(t == "openai" for _, _, t in found)


def test_a_possessive_name_is_no_modifier() -> None:
    found = _found("微軟的OpenAI持股價值逾千億美元。本輪由軟銀領投。")
    assert ("softbank", "invests_in", "microsoft") not in found


@pytest.mark.parametrize(
    "body",
    [
        "Vantage Data Centers has secured $9 billion of equity. The investment was led by"
        " DigitalBridge, with GIC and ADIA joining as new investors.",
        "Anysphere raised $900 million in a round led by Thrive Capital, with GIC and ADIA"
        " participating as well.",
    ],
)
def test_members_joining_as_new_investors(body: str) -> None:
    found = _found(body)
    assert {s for s, r, _ in found if r == "invests_in"} >= {"gic", "adia"}


def test_joining_as_an_adviser_is_no_investment() -> None:
    found = _found(
        "Anysphere raised $900 million in a round led by Thrive Capital,"
        " with Goldman joining as adviser."
    )
    assert not any(s == "goldman-sachs" for s, _, _ in found)


@pytest.mark.parametrize(
    "body",
    [
        "Vantage Data Centers為園區取得90億美元股權融資。",
        "Vantage Data Centers为园区获得90亿美元股权融资。",
    ],
)
def test_equity_financing_raised_is_no_stake_bought(body: str) -> None:
    assert not any(s == "vantage" for s, _, _ in _found("OpenAI獲軟銀投資。" + body))


def test_a_fund_in_a_relative_clause_lends_nothing() -> None:
    found = _found(
        "QTS Data Centers, which Blackstone took private in 2021, sold $1.75 billion of debt."
    )
    assert ("blackstone", "lends_to", "qts") not in found
    assert ("blackstone", "acquires", "qts") in found

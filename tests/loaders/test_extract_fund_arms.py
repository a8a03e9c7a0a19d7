"""A fund arm's name holding a trigger word ("Accel Investments", 阿里巴巴投資部門, 美團龍珠資本
合夥人): part of the name, not a verb, so the list around it stays one list of investors; a
modifier's own words ("由中國移動支持的基金") are the only ones it takes out of the sentence's
other deals; members joining a deal named before ("comes from A, B and C", "with C and D
also providing funds", "took part for the first time", 作為新投資人加入, 提供這筆信貸的銀行包括),
each lender carrying the loan's amount and a round's other members not.

The articles are ``tests/data/articles/178_*``.
"""

from __future__ import annotations

import pytest

from graph.model import Article, Edge
from loaders.extract import extract_edges
from loaders.read import iter_articles
from tests.loaders.extracted import CORPUS
from tests.loaders.extracted import found as _found


def _investors(found: dict[tuple[str, str, str], Edge], target: str) -> set[str]:
    return {s for s, r, t in found if r == "invests_in" and t == target}


@pytest.mark.parametrize("script", ["en", "tw", "cn"])
def test_the_corpus_articles(script: str) -> None:
    path = CORPUS / f"178_fund_arms_and_members_{script}.txt"
    (article,) = list(iter_articles([str(path)]))
    assert isinstance(article, Article)
    edges = extract_edges(article)
    found = {(e.source, e.relation, e.target): e for e in edges}
    for bank in ("jpmorgan", "citi", "barclays"):
        assert found[(bank, "lends_to", "lambda")].amount_usd == 1.5e9
    investees = {t for _, r, t in found if r == "invests_in"}
    assert investees <= {"anysphere", "zhipu", "moore-threads"}


@pytest.mark.parametrize(
    "body",
    [
        "Anysphere raised $900 million last week. Thrive Capital, Temasek, Accel Investments,"
        " Coatue and Andreessen Horowitz also invested.",
        "Anysphere raised $900 million last week. Thrive Capital, Coatue, Temasek Holdings and"
        " Fidelity Investments also invested.",
    ],
)
def test_a_fund_s_name_ending_in_a_trigger_word_stays_in_the_list(body: str) -> None:
    found = _found(body)
    assert {"thrive-capital", "temasek", "coatue"} <= _investors(found, "anysphere")
    assert _investors(found, "anysphere") == {s for s, r, _ in found if r == "invests_in"}


def test_a_headline_verb_in_title_case_is_still_a_verb() -> None:
    assert ("nvidia", "invests_in", "xai") in _found("Nvidia Invests $2 Billion in xAI")


@pytest.mark.parametrize(
    "body",
    [
        "智谱完成新一轮融资。本轮由腾讯领投,红杉中国、高瓴、阿里巴巴投资部门和IDG资本等作为新投资者加入。",
        "智谱完成新一轮融资。本轮由腾讯领投,红杉中国、美团龙珠资本合伙人和高瓴参投。",
    ],
)
def test_a_fund_arm_in_a_chinese_list(body: str) -> None:
    found = _found(body)
    assert {"tencent", "hongshan", "hillhouse"} <= _investors(found, "zhipu")
    assert not any(t not in ("zhipu",) for _, r, t in found if r == "invests_in")


def test_a_modifier_takes_only_its_own_words_out_of_the_other_deals() -> None:
    found = _found("摩爾線程過去的投資人包括紅杉中國與字節跳動,另有一檔由中國移動支持的基金參與。")
    assert {"hongshan", "bytedance", "china-mobile"} <= _investors(found, "moore-threads")


def test_a_modifier_still_keeps_its_company_out_of_the_sentence_s_deal() -> None:
    found = _found("英偉達入股的Nscale獲得微軟新訂單。")
    assert ("microsoft", "buys_compute_from", "nscale") in found
    assert ("microsoft", "buys_compute_from", "nvidia") not in found


@pytest.mark.parametrize(
    "body",
    [
        "Lambda arranged a $1.5 billion revolving credit facility with a group of banks. The"
        " credit line, which matures in 2030, comes from JPMorgan, Citigroup and Barclays.",
        "Lambda closed a $1.5 billion credit facility. The facility was led by JPMorgan, with"
        " Citigroup and Barclays also providing funds.",
        "Lambda宣布獲得一筆15億美元的循環信貸額度。參與這筆信貸的銀行包括摩根大通、花旗與巴克萊。",
        "Lambda宣布获得一笔15亿美元的循环信贷额度。提供这笔信贷的银行包括摩根大通、花旗和巴克莱。",
    ],
)
def test_lenders_of_a_loan_named_before_each_carry_it(body: str) -> None:
    found = _found(body)
    for bank in ("jpmorgan", "citi", "barclays"):
        assert found[(bank, "lends_to", "lambda")].amount_usd == 1.5e9, bank


def test_money_coming_from_a_company_with_no_deal_before_is_no_loan() -> None:
    assert not _found("Most of the money comes from Nvidia.")


def test_a_lender_providing_its_own_financing_keeps_its_amount() -> None:
    found = _found("Blue Owl is providing $3 billion of financing to Crusoe for a new site.")
    assert found[("blue-owl", "lends_to", "crusoe")].amount_usd == 3e9


@pytest.mark.parametrize(
    "body",
    [
        "Anysphere raised $900 million in a round led by Thrive Capital. Coatue took part for"
        " the first time.",
        "智譜完成新一輪融資,本輪由騰訊領投,紅杉中國與高瓴作為新投資人加入。",
        "智谱完成新一轮融资,本轮由腾讯领投,红杉中国与高瓴作为新的战略投资者加入。",
    ],
)
def test_new_members_of_a_round_carry_no_round_total(body: str) -> None:
    found = _found(body)
    members = _investors(found, "anysphere") | _investors(found, "zhipu")
    others = members - {"thrive-capital", "tencent"}
    assert others
    assert all(found[(s, "invests_in", t)].amount_usd is None for s, _, t in found if s in others)

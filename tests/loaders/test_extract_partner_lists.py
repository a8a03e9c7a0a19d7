"""A company described by its owner ("SB Energy, SoftBank's power unit, has raised...") or
named twice (智譜華章(智譜AI)完成融資) still opens its round; one company partnering with a list
("A與B、C和D宣布合作", "將與B、C及D共同成立", "partner with B, C and D"): a partnership with
each; founders of a venture who each put in half (各出資一半成立合資公司) invest in neither;
shareholders by role (現有股東包括, "remains X's majority owner", "turns A into a shareholder
of B").

The articles are ``tests/data/articles/179_*``.
"""

from __future__ import annotations

import pytest

from graph.model import Article, Edge
from loaders.extract import extract_edges
from loaders.read import iter_articles
from tests.loaders.extracted import CORPUS
from tests.loaders.extracted import found as _found


def _partners(found: dict[tuple[str, str, str], Edge], of: str) -> set[str]:
    return {
        ({s, t} - {of}).pop()
        for s, r, t in found
        if r == "partners_with" and of in (s, t) and s != t
    }


@pytest.mark.parametrize("script", ["en", "tw", "cn"])
def test_the_corpus_articles(script: str) -> None:
    path = CORPUS / f"179_partner_lists_owners_{script}.txt"
    (article,) = list(iter_articles([str(path)]))
    assert isinstance(article, Article)
    found = {(e.source, e.relation, e.target): e for e in extract_edges(article)}
    assert {"nvidia", "softbank", "tsmc"} <= _partners(found, "foxconn")
    assert not any(r == "invests_in" and t == "softbank" for _, r, t in found)


def test_a_company_described_by_its_owner_still_opens_its_round() -> None:
    found = _found(
        "SB Energy, SoftBank's power unit, has raised $800 million in a funding round."
        " Mubadala, GIC and Temasek also took part, SB Energy said."
    )
    assert {s for s, r, t in found if r == "invests_in" and t == "sb-energy"} == {
        "mubadala",
        "gic",
        "temasek",
    }


@pytest.mark.parametrize(
    "body",
    [
        "智譜華章(智譜AI)完成30億元融資。本輪由騰訊領投。",
        "智谱华章(智谱AI)完成30亿元融资。本轮由腾讯领投。",
    ],
)
def test_a_company_named_twice_still_opens_its_round(body: str) -> None:
    assert ("tencent", "invests_in", "zhipu") in _found(body)


@pytest.mark.parametrize(
    "body",
    [
        "鴻海與輝達、軟銀、台積電和廣達宣布,將在高雄合作建設AI超級電腦中心。",
        "鸿海将与英伟达、软银及台积电共同成立合资公司。",
        "Foxconn will partner with Nvidia, SoftBank and TSMC on the project.",
    ],
)
def test_a_partnership_with_each_member_of_a_list(body: str) -> None:
    found = _found(body)
    assert {"nvidia", "softbank", "tsmc"} <= _partners(found, "foxconn")
    assert not _partners(found, "nvidia") - {"foxconn"}


def test_founders_of_a_venture_invest_in_neither() -> None:
    found = _found("鴻海與軟銀宣布合作推出AI伺服器,並各出資一半成立合資公司。")
    assert _partners(found, "foxconn") == {"softbank"}
    assert not any(r == "invests_in" for _, r, _ in found)


def test_a_memorandum_to_invest_still_invests() -> None:
    found = _found("鴻海與軟銀簽署備忘錄,擬投資10億美元。")
    assert found[("foxconn", "invests_in", "softbank")].status == "proposed"


@pytest.mark.parametrize(
    ("body", "holders", "company"),
    [
        ("OpenAI現有股東包括微軟、軟銀及輝達。", {"microsoft", "softbank", "nvidia"}, "openai"),
        ("OpenAI现有股东包括微软、软银及英伟达。", {"microsoft", "softbank", "nvidia"}, "openai"),
        ("SoftBank remains Arm Holdings' majority owner.", {"softbank"}, "arm"),
        ("The deal also turns Nvidia into a shareholder of Intel.", {"nvidia"}, "intel"),
    ],
)
def test_shareholders_by_role(body: str, holders: set[str], company: str) -> None:
    found = _found(body)
    assert {s for s, r, t in found if r == "holds_stake" and t == company} == holders


def test_investing_into_a_company_is_no_role() -> None:
    assert ("nvidia", "invests_in", "intel") in _found("Nvidia will invest into Intel.")

"""Partnerships said as verbs ("will partner on", "agreed to partner to build", 合作興建 after
a pair named before, 攜手輝達打造, "set up a joint lab with", 成立聯合實驗室), a partnership in a
clause of its own after an investment of the same pair ("雙方將擴大合作"), one partnership
stated both ways, and shareholders named by role: "均為公司股東" (the company the article is
about), "股東名單中還包括", "亦是B與C的重要股東", "a shareholder of A and B".

The articles are ``tests/data/articles/175_*``.
"""

from __future__ import annotations

import pytest

from graph.model import Article, Edge
from loaders.extract import extract_edges
from loaders.read import iter_articles
from tests.loaders.extracted import CORPUS
from tests.loaders.extracted import found as _found


def _pairs(found: dict[tuple[str, str, str], Edge]) -> set[frozenset[str]]:
    return {frozenset((s, t)) for s, r, t in found if r == "partners_with"}


@pytest.mark.parametrize("script", ["en", "tw", "cn"])
def test_the_corpus_articles(script: str) -> None:
    path = CORPUS / f"175_partners_and_shareholders_{script}.txt"
    (article,) = list(iter_articles([str(path)]))
    assert isinstance(article, Article)
    edges = extract_edges(article)
    found = {(e.source, e.relation, e.target): e for e in edges}
    assert frozenset(("softbank", "intel")) in _pairs(found)
    assert ("softbank", "invests_in", "intel") in found
    assert ("tencent", "holds_stake", "zhipu") in found
    partnerships = [e for e in edges if e.relation == "partners_with"]
    assert len(partnerships) == len({frozenset((e.source, e.target)) for e in partnerships})


@pytest.mark.parametrize(
    ("body", "pair"),
    [
        (
            "Intel and SoftBank will partner on the production of memory chips.",
            ("intel", "softbank"),
        ),
        (
            "Samsung and OpenAI agreed to partner to build data centers in Korea.",
            ("samsung", "openai"),
        ),
        ("台積電與日月光宣布,將在高雄合作興建先進封裝廠。", ("tsmc", "ase")),
        ("鴻海宣布攜手輝達打造AI工廠。", ("foxconn", "nvidia")),
        ("鸿海宣布携手英伟达打造AI工厂。", ("foxconn", "nvidia")),
        ("Cambricon said it had set up a joint lab with Baidu.", ("cambricon", "baidu")),
        ("寒武紀公告稱,公司已與百度成立聯合實驗室。", ("cambricon", "baidu")),
        ("寒武纪公告称,公司已与百度共建联合实验室。", ("cambricon", "baidu")),
    ],
)
def test_partnerships_said_as_verbs(body: str, pair: tuple[str, str]) -> None:
    assert frozenset(pair) in _pairs(_found(body))


def test_a_partner_noun_is_no_verb() -> None:
    assert not _pairs(_found("Its partner on the project, Nvidia, did not comment."))


@pytest.mark.parametrize(
    "body",
    [
        "軟銀以30億美元認購英特爾新股,雙方將擴大在AI晶片上的合作。",
        "SoftBank bought $2 billion of Intel shares, and the two companies will deepen their"
        " partnership on AI chips.",
    ],
)
def test_a_partnership_in_its_own_clause_after_an_investment(body: str) -> None:
    found = _found(body)
    assert ("softbank", "invests_in", "intel") in found
    assert frozenset(("softbank", "intel")) in _pairs(found)


def test_a_cooperation_that_is_the_purchase_itself_stays_folded() -> None:
    found = _found("超微與OpenAI簽署合作協議,由OpenAI向超微採購6GW的GPU。")
    assert ("openai", "buys_chips_from", "amd") in found
    assert not _pairs(found)


@pytest.mark.parametrize(
    "body",
    [
        "寒武紀公告稱,擬定增募資40億元。阿里巴巴、騰訊、紅杉中國等均為公司股東。",
        "寒武纪发布公告称拟定增。阿里巴巴、腾讯、红杉中国等均为公司股东。",
    ],
)
def test_shareholders_of_the_company_the_article_is_about(body: str) -> None:
    found = _found(body)
    assert {s for s, r, t in found if r == "holds_stake" and t == "cambricon"} == {
        "alibaba",
        "tencent",
        "hongshan",
    }


def test_a_bare_company_with_nothing_before_names_no_one() -> None:
    assert not _found("阿里巴巴、騰訊等均為公司股東。")


@pytest.mark.parametrize(
    "body",
    [
        "月之暗面的股東名單中還包括阿里巴巴、騰訊和紅杉中國等機構。",
        "月之暗面的股东名单中还包括阿里巴巴、腾讯和红杉中国等机构。",
    ],
)
def test_a_list_of_shareholders(body: str) -> None:
    found = _found(body)
    assert {s for s, r, t in found if r == "holds_stake" and t == "moonshot-ai"} == {
        "alibaba",
        "tencent",
        "hongshan",
    }


@pytest.mark.parametrize(
    "body",
    [
        "騰訊亦是智譜與月之暗面的重要股東。",
        "腾讯也是智谱和月之暗面的主要股东。",
        "Tencent is also a major shareholder of Zhipu and Moonshot AI.",
    ],
)
def test_one_shareholder_of_two_companies(body: str) -> None:
    found = _found(body)
    assert {("tencent", "holds_stake", "zhipu"), ("tencent", "holds_stake", "moonshot-ai")} <= set(
        found
    )

"""Lead investors named by their role, followers, stakes in asides and stakes an investment
leaves, sites and new shares, takeovers, goods and their makers, lenders (three scripts
each).

The articles are ``tests/data/articles/149_*`` to ``157_*``: "X本輪融資的領投方是A", "Alibaba
was the lead investor in its round, with Tencent and Xiaomi following", "A led the round,
and B and C also invested", "Thrive, the lead investor in Anysphere"; investor lists whose
members carry their stake in parentheses (阿里巴巴(持股約13%)、高瓴(持股約7%)) and "counts A,
a person and SoftBank's Vision Fund among its investors"; a plant bought from a company
(no deal with it) beside equipment bought from a supplier, and a company selling a stake
of its own to a government (the buyer invests in the seller).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.model import Article
from loaders.extract import extract_edges
from loaders.read import iter_articles

CORPUS = Path(__file__).resolve().parent.parent / "data" / "articles"
SCRIPTS = ("en", "tw", "cn")


def _edges(stem: str, script: str) -> set[tuple[str, str, str]]:
    (article,) = list(iter_articles([str(CORPUS / f"{stem}_{script}.txt")]))
    assert isinstance(article, Article)
    return {(e.source, e.relation, e.target) for e in extract_edges(article)}


@pytest.mark.parametrize("script", SCRIPTS)
def test_lead_investors_by_role_and_followers(script: str) -> None:
    edges = _edges("149_lead_roles", script)
    investors = {(s, t) for s, r, t in edges if r == "invests_in"}
    assert investors == {
        ("alibaba", "baichuan"),
        ("tencent", "baichuan"),
        ("xiaomi", "baichuan"),
        ("a16z", "thinking-machines"),
        ("nvidia", "thinking-machines"),
        ("amd", "thinking-machines"),
        ("cisco", "thinking-machines"),
        ("thrive-capital", "anysphere"),
        ("accel", "anysphere"),
    }


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_stake_in_an_aside_belongs_to_the_listed_investor(script: str) -> None:
    (article,) = list(iter_articles([str(CORPUS / f"150_asides_{script}.txt")]))
    stakes = {
        (e.source, e.target): e.quantity
        for e in extract_edges(article)  # type: ignore[arg-type]
        if e.relation == "holds_stake"
    }
    assert stakes[("alibaba", "minimax")] == 13
    assert all(target in ("minimax", "perplexity") for _, target in stakes)
    if script != "en":  # "Hillhouse Capital (7%)" names no stake word
        assert stakes[("hillhouse", "minimax")] == 7
        assert stakes[("hongshan", "minimax")] == 4


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_plant_bought_is_no_deal_and_new_shares_sold_are_an_investment(script: str) -> None:
    edges = _edges("151_sites_and_new_shares", script)
    assert ("micron", "buys_chips_from", "asml") in edges
    assert not {e for e in edges if "auo" in (e[0], e[2])}
    assert ("us-government", "invests_in", "intel") in edges
    assert ("intel", "sells_stake", "us-government") not in edges


@pytest.mark.parametrize(
    "body",
    [
        "Perplexity counts Nvidia, Jeff Bezos and SoftBank's Vision Fund among its investors.",
        "Perplexity的投資人包括輝達、貝佐斯與軟銀願景基金。",
        "Perplexity的投资者包括英伟达、贝索斯和软银愿景基金。",
    ],
)
def test_a_possessive_unit_of_a_listed_investor_is_that_investor(body: str) -> None:
    edges = {(e.source, e.relation, e.target) for e in extract_edges(Article(id="a", body=body))}
    assert edges >= {
        ("nvidia", "invests_in", "perplexity"),
        ("softbank", "invests_in", "perplexity"),
    }
    assert not {e for e in edges if e[2] in ("nvidia", "softbank")}


STAKES = {
    "en": {
        ("nvidia", "nebius"): 4,
        ("nvidia", "xai"): 1,
        ("tencent", "minimax"): 9,
        ("alibaba", "minimax"): 13,
        ("tencent", "zhipu"): 9,
        ("softbank", "openai"): 11,
    },
    "tw": {
        ("tencent", "zhipu"): 5,
        ("alibaba", "moonshot-ai"): 40,
        ("hillhouse", "minimax"): 7,
        ("hongshan", "minimax"): 4,
    },
    "cn": {
        ("tencent", "zhipu"): 12,
        ("alibaba", "moonshot-ai"): 40,
        ("tencent", "minimax"): 9,
        ("alibaba", "minimax"): 13,
    },
}


@pytest.mark.parametrize("script", SCRIPTS)
def test_the_stake_an_investment_leaves_and_stakes_shared_out(script: str) -> None:
    """ "The purchase lifts its stake to about 4%", 增資完成後持股比例將升至40%, "own 9% and
    13% of MiniMax respectively", 分別持有7%與4%股權: each holder with its own share."""
    (article,) = list(iter_articles([str(CORPUS / f"152_resulting_stakes_{script}.txt")]))
    stakes = {
        (e.source, e.target): e.quantity
        for e in extract_edges(article)  # type: ignore[arg-type]
        if e.relation == "holds_stake"
    }
    assert stakes == STAKES[script]


@pytest.mark.parametrize("script", SCRIPTS)
def test_takeovers_as_the_press_writes_them(script: str) -> None:
    """A consortium buying a company from its owner (向麥格理收購Aligned), "its purchase of
    Juniper Networks", 對X的收購; buying a start-up's technology and hiring its
    chief is no takeover."""
    edges = _edges("153_takeovers", script)
    buyers = {s for s, r, t in edges if r == "acquires" and t == "aligned"}
    assert buyers == {"blackrock", "nvidia", "microsoft", "mgx"}
    assert ("hpe", "acquires", "juniper") in edges
    assert not {e for e in edges if "macquarie" in (e[0], e[2])}
    assert not {e for e in edges if e[1] == "acquires" and e[2] == "enfabrica"}


@pytest.mark.parametrize("script", SCRIPTS)
def test_the_maker_of_what_is_inside_the_goods_is_no_party(script: str) -> None:
    """ "rent capacity from Nebius, whose data centers run on Nvidia GPUs", 從Nebius租用的算力
    (the renter buys), "ships servers packed with Nvidia chips to xAI" (xAI buys from the
    server maker, not from Nvidia)."""
    edges = _edges("154_goods_and_makers", script)
    assert ("microsoft", "buys_compute_from", "nebius") in edges
    assert ("xai", "buys_chips_from", "supermicro") in edges
    assert not {e for e in edges if e[0] in ("microsoft", "xai") and e[2] == "nvidia"}
    assert not {e for e in edges if e[0] == "nebius" and e[2] == "microsoft"}


@pytest.mark.parametrize("script", SCRIPTS)
def test_lenders_as_written(script: str) -> None:
    """ "with JPMorgan and MUFG providing the construction loan" (建設貸款由A與B提供),
    financing a private-credit firm provides, and "to fund its OpenAI investment"
    (用於支應其對OpenAI的投資: the borrower invests, not its bank)."""
    edges = _edges("155_lenders_as_written", script)
    lenders = {(s, t) for s, r, t in edges if r == "lends_to"}
    assert {("jpmorgan", "vantage"), ("mufg", "vantage"), ("blue-owl", "crusoe")} <= lenders
    assert ("mizuho", "softbank") in lenders
    assert ("softbank", "invests_in", "openai") in edges
    assert not {e for e in edges if e[0] in ("mizuho", "jpmorgan") and e[1] == "invests_in"}


@pytest.mark.parametrize("script", SCRIPTS)
def test_co_leads_and_an_existing_holder_after_a_list(script: str) -> None:
    """ "with Fidelity and Lightspeed co-leading" (共同領投), and "投資方包括騰訊、啟明創投等,
    老股東五源資本追加投資": the holder invests in the company raising, not in the investors
    listed before it."""
    edges = _edges("156_round_members", script)
    investors = {(s, t) for s, r, t in edges if r == "invests_in"}
    assert investors == {
        ("iconiq", "anthropic"),
        ("fidelity", "anthropic"),
        ("lightspeed", "anthropic"),
        ("tencent", "stepfun"),
        ("qiming", "stepfun"),
        ("5y-capital", "stepfun"),
    }


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_contract_with_someone_is_read_by_the_supply_chain(script: str) -> None:
    """ "CoreWeave signed a lease with Microsoft", "Lambda signed an agreement with
    Microsoft to deploy AI infrastructure": the neocloud provides to the hyperscaler; a
    lease "for its campus" (將其園區出租給) is the site owner's."""
    edges = _edges("157_contracts_with", script)
    compute = {(s, t) for s, r, t in edges if r == "buys_compute_from"}
    assert compute == {
        ("microsoft", "coreweave"),
        ("microsoft", "lambda"),
        ("coreweave", "applied-digital"),
    }


@pytest.mark.parametrize(
    ("body", "present", "absent"),
    [
        (
            "Oracle raised $18 billion in bonds, with Nvidia buying chips from TSMC.",
            None,
            ("nvidia", "buys_chips_from", "oracle"),
        ),
        (
            "Microsoft is holding in Redmond a summit with OpenAI.",
            None,
            ("microsoft", "holds_stake", "openai"),
        ),
        (
            "Oracle shares jumped, giving it a holding company structure like Alphabet.",
            None,
            ("oracle", "holds_stake", "alphabet"),
        ),
        (
            "Nvidia invested $2 billion in xAI. The move brings its holding to the top of the list",
            ("nvidia", "invests_in", "xai"),
            ("nvidia", "holds_stake", "xai"),
        ),
        (
            "輝達投資xAI 20億美元。另外，微軟持股約27%。",
            ("nvidia", "invests_in", "xai"),
            ("microsoft", "holds_stake", "xai"),
        ),
        (
            "英伟达投资xAI 20亿美元。另外，微软持股约27%。",
            ("nvidia", "invests_in", "xai"),
            ("microsoft", "holds_stake", "xai"),
        ),
        (
            "Microsoft (which owns about 27% of OpenAI) signed a cloud deal with Oracle.",
            ("microsoft", "holds_stake", "openai"),
            None,
        ),
        ("台積電向應用材料購買工廠設備。", ("tsmc", "buys_chips_from", "applied-materials"), None),
        ("台积电向应用材料购买工厂设备。", ("tsmc", "buys_chips_from", "applied-materials"), None),
        ("軟銀對OpenAI達成增資協議。", ("softbank", "invests_in", "openai"), None),
        ("软银对OpenAI达成增资协议。", ("softbank", "invests_in", "openai"), None),
    ],
)
def test_the_new_rules_stay_inside_their_constructions(
    body: str, present: tuple[str, str, str] | None, absent: tuple[str, str, str] | None
) -> None:
    edges = {(e.source, e.relation, e.target) for e in extract_edges(Article(id="a", body=body))}
    assert present is None or present in edges
    assert absent is None or absent not in edges

"""Edges that must not come out: assets of a company, guarantees, collateral, analysts.

Each case pairs a trap with the deal that does hold in the same text, so a rule
that drops everything fails. The sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from graph.model import Article
from loaders.extract import extract_edges
from loaders.read import make_article

__all__: list[str] = []


def keys(body: str) -> set[tuple[str, str, str]]:
    made = make_article(title="t", body=body, path="test.txt")
    assert isinstance(made, Article)
    return {e.key for e in extract_edges(made) if e.relation != "partners_with"}


@pytest.mark.parametrize(
    ("body", "wanted", "unwanted"),
    [
        # buying a campus, plant or unit of X buys an asset, not X and not X's compute
        (
            "Lambda agreed to buy a data center campus in Ohio from Core Scientific. "
            "Lambda also rents GPU capacity from CoreWeave.",
            {("lambda", "buys_compute_from", "coreweave")},
            {
                ("lambda", "buys_compute_from", "core-scientific"),
                ("lambda", "acquires", "core-scientific"),
            },
        ),
        (
            "甲骨文宣布收購Crusoe位於德州的資料中心園區。"
            "CoreWeave另以90億美元收購Core Scientific。",
            {("coreweave", "acquires", "core-scientific")},
            {("oracle", "acquires", "crusoe")},
        ),
        # a guarantor of a loan is no lender; the bank that lends is
        (
            "Alphabet will guarantee a $3 billion loan to Fluidstack. "
            "Separately, JPMorgan lent $1 billion to Crusoe.",
            {("jpmorgan", "lends_to", "crusoe")},
            {("alphabet", "lends_to", "fluidstack")},
        ),
        (
            "微软为Nscale的一笔20亿美元贷款提供担保。摩根大通向Nebius提供10亿美元贷款。",
            {("jpmorgan", "lends_to", "nebius")},
            {("microsoft", "lends_to", "nscale")},
        ),
        # chips that secure a debt do not make their maker a lender or investor
        (
            "Lambda raised $1.5 billion of debt secured by Nvidia GPUs. "
            "Nvidia invested $500 million in Nscale.",
            {("nvidia", "invests_in", "nscale")},
            {("nvidia", "lends_to", "lambda"), ("nvidia", "invests_in", "lambda")},
        ),
        (
            "Crusoe取得一笔以英伟达芯片作为抵押的贷款。英伟达向Nscale投资5亿美元。",
            {("nvidia", "invests_in", "nscale")},
            {("crusoe", "lends_to", "nvidia"), ("nvidia", "lends_to", "crusoe")},
        ),
        # what analysts think someone should do is no deal
        (
            "高盛分析師表示，Meta應增加向超微採購晶片。微軟向輝達採購GB300晶片。",
            {("microsoft", "buys_chips_from", "nvidia")},
            {("meta", "buys_chips_from", "amd")},
        ),
        (
            "Analysts at Jefferies said Alphabet should buy more chips from Broadcom. "
            "Meta bought chips from AMD.",
            {("meta", "buys_chips_from", "amd")},
            {("alphabet", "buys_chips_from", "broadcom")},
        ),
    ],
)
def test_traps_give_no_edge(
    body: str, wanted: set[tuple[str, str, str]], unwanted: set[tuple[str, str, str]]
) -> None:
    found = keys(body)
    assert wanted <= found, sorted(found)
    assert not unwanted & found, sorted(found)


@pytest.mark.parametrize(
    ("body", "buyer", "aside"),
    [
        (
            "Oracle, which has invested in Crusoe, said it would buy chips from AMD.",
            "oracle",
            "crusoe",
        ),
        (
            "Meta, whose rival Alphabet makes TPUs, said it will buy chips from AMD.",
            "meta",
            "alphabet",
        ),
    ],
)
def test_a_pronoun_skips_the_relative_clause_before_it(body: str, buyer: str, aside: str) -> None:
    found = keys(body)
    assert (buyer, "buys_chips_from", "amd") in found, sorted(found)
    assert (aside, "buys_chips_from", "amd") not in found, sorted(found)


@pytest.mark.parametrize(
    ("body", "wanted", "unwanted"),
    [
        # 由A與B組成的財團: A and B are the buyers, neither buys the other
        (
            "由軟銀與MGX組成的財團同意收購Core Scientific。",
            {("softbank", "acquires", "core-scientific"), ("mgx", "acquires", "core-scientific")},
            {("softbank", "acquires", "mgx"), ("core-scientific", "acquires", "softbank")},
        ),
        # "acquired by a consortium including A and B": the members are the buyers
        (
            "Core Scientific is being acquired by a consortium including SoftBank and MGX.",
            {("softbank", "acquires", "core-scientific"), ("mgx", "acquires", "core-scientific")},
            {("core-scientific", "acquires", "softbank"), ("core-scientific", "acquires", "mgx")},
        ),
        # "A與B共同成立的C": the founders describe C, the actor
        (
            "OpenAI與甲骨文、軟銀共同成立的星際之門（Stargate）宣布向輝達採購晶片。",
            {("stargate", "buys_chips_from", "nvidia")},
            {("openai", "buys_chips_from", "nvidia"), ("softbank", "buys_chips_from", "nvidia")},
        ),
        # a name that only describes the next one is no party
        (
            "Nvidia rival AMD agreed to buy ZT Systems.",
            {("amd", "acquires", "zt-systems")},
            {("nvidia", "acquires", "zt-systems")},
        ),
        (
            "贝莱德旗下GIP与MGX组成的财团同意收购Aligned Data Centers。",
            {("gip", "acquires", "aligned"), ("mgx", "acquires", "aligned")},
            {("blackrock", "acquires", "mgx"), ("gip", "acquires", "mgx")},
        ),
    ],
)
def test_consortium_members_and_descriptors(
    body: str, wanted: set[tuple[str, str, str]], unwanted: set[tuple[str, str, str]]
) -> None:
    found = keys(body)
    assert wanted <= found, sorted(found)
    assert not unwanted & found, sorted(found)


@pytest.mark.parametrize(
    ("body", "wanted", "unwanted"),
    [
        # a name inside an aside ("which ...", "the ... backed by X") is not a party outside it
        (
            "Nebius, which counts Nvidia as a shareholder, signed a $3 billion deal with Meta.",
            {("meta", "buys_compute_from", "nebius")},
            {("meta", "buys_chips_from", "nvidia")},
        ),
        (
            "Lambda is buying GPUs from AMD, the chipmaker backed by Microsoft, for $1 billion.",
            {("lambda", "buys_chips_from", "amd")},
            {
                ("lambda", "buys_chips_from", "microsoft"),
                ("lambda", "buys_compute_from", "microsoft"),
            },
        ),
        (
            "CoreWeave, an investor in Core Scientific, said it would lease capacity to Microsoft.",
            {("microsoft", "buys_compute_from", "coreweave")},
            {("microsoft", "buys_compute_from", "core-scientific")},
        ),
        # debt tied to chips: the chip maker neither lends nor borrows
        (
            "Lambda took on $2 billion of debt tied to Nvidia chips. "
            "Blue Owl lent $1 billion to Crusoe.",
            {("blue-owl", "lends_to", "crusoe")},
            {("lambda", "lends_to", "nvidia"), ("nvidia", "lends_to", "lambda")},
        ),
        # licences, permissions and levies are policy, not deals
        (
            "The Commerce Department approved Nvidia's licence to sell chips to G42. "
            "Meta agreed to buy chips from Nvidia.",
            {("meta", "buys_chips_from", "nvidia")},
            {("g42", "buys_chips_from", "nvidia")},
        ),
        (
            "美國商務部向超微發放許可證，允許其向G42出售晶片。微軟向超微採購晶片。",
            {("microsoft", "buys_chips_from", "amd")},
            {("g42", "buys_chips_from", "amd")},
        ),
    ],
)
def test_asides_and_policy(
    body: str, wanted: set[tuple[str, str, str]], unwanted: set[tuple[str, str, str]]
) -> None:
    found = keys(body)
    assert wanted <= found, sorted(found)
    assert not unwanted & found, sorted(found)

"""Unknown organizations and the short names an article introduces."""

from __future__ import annotations

import pytest

from graph.model import Article
from loaders.extract import extract_edges, organizations_for
from loaders.extract.names import article_mentions
from loaders.gazetteer import default_gazetteer


def _edges(body: str) -> dict[tuple[str, str, str], float]:
    art = Article(id="t", title="", body=body)
    return {e.key: e.evidence[0].confidence for e in extract_edges(art)}


def test_unknown_organizations_give_edges_with_lower_confidence() -> None:
    body = "Quillon Robotics Inc. agreed to invest $40 million in Marrow Labs Inc., it said."
    art = Article(id="t", title="", body=body)
    edges = extract_edges(art)
    assert [e.key for e in edges] == [("quillon-robotics", "invests_in", "marrow-labs")]
    assert edges[0].evidence[0].confidence <= 0.6
    orgs = organizations_for(edges)
    assert [(o.name, o.proposed) for o in orgs] == [
        ("Quillon Robotics", True),
        ("Marrow Labs", True),
    ]


def test_chinese_unknown_organization_and_its_stem() -> None:
    body = "泓景集團與微軟簽署合作協議。泓景表示,將向輝達採購價值5億美元的晶片。"
    mentions, names = article_mentions(body, default_gazetteer())
    ids = [m.org_id for m in mentions if m.surface.startswith("泓景")]
    assert len(ids) == 2 and len(set(ids)) == 1 and ids[0] in names
    assert (ids[0], "buys_chips_from", "nvidia") in _edges(body)


def test_short_names_follow_the_full_name_only() -> None:
    gaz = default_gazetteer()
    body = (
        "Veltra said it would merge. Veltra Compute Corp. (“Veltra”) signed a lease with "
        "Microsoft; Veltra will host the GPUs. Global demand rose."
    )
    mentions, _ = article_mentions(body, gaz)
    shorts = [m.start for m in mentions if m.surface == "Veltra"]
    first_full = body.index("Veltra Compute")
    assert shorts and all(s > first_full for s in shorts)
    assert not any(m.surface == "Global" for m in mentions)


def test_a_descriptor_is_not_a_name() -> None:
    body = "谷歌已与核聚变初创公司Commonwealth Fusion Systems签署购电协议。"
    mentions, names = article_mentions(body, default_gazetteer())
    assert not names


@pytest.mark.parametrize(
    "body",
    [
        "Legal AI start-up Harvey raised $300 million in a round led by Thrive Capital, with "
        "Kleiner Perkins also participating.",
        "法律AI新創Harvey完成3億美元融資，由Thrive Capital領投，Kleiner Perkins跟投。",
        "法律AI初创公司Harvey完成3亿美元融资，由Thrive Capital领投，Kleiner Perkins跟投。",
    ],
)
def test_a_name_the_text_calls_a_start_up_is_proposed(body: str) -> None:
    gaz = default_gazetteer()
    assert gaz.resolve("Harvey") is None
    mentions, names = article_mentions(body, gaz)
    harvey = [m for m in mentions if m.surface == "Harvey"]
    assert len(harvey) == 1 and harvey[0].proposed and names[harvey[0].org_id] == "Harvey"
    edges = _edges(body)
    investors = {s for s, r, t in edges if r == "invests_in" and t == harvey[0].org_id}
    assert investors == {"thrive-capital", "kleiner-perkins"}
    assert all(conf <= 0.6 for key, conf in edges.items() if harvey[0].org_id in key)


def test_a_start_up_word_before_a_common_word_or_a_known_name_proposes_nothing() -> None:
    body = "The start-up The company said. AI start-up Anthropic and 新創OpenAI were named."
    mentions, names = article_mentions(body, default_gazetteer())
    assert not names
    assert {m.org_id for m in mentions} == {"anthropic", "openai"}

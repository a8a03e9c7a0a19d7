"""The model's empty defaults: one fresh list or dict per instance, however it is built."""

from __future__ import annotations

from graph.model import Deal, Edge, Evidence, Organization


def test_empty_defaults_are_not_shared_between_instances():
    built = [Evidence(article_id="a"), Evidence.model_construct(article_id="b")]
    for ev in built:
        ev.sources.append(ev.article_id)
    assert [ev.sources for ev in built] == [["a"], ["b"]]
    assert Evidence(article_id="c").sources == []
    assert Evidence.model_construct(article_id="d").sources == []

    deal = Deal.model_construct(id="d1")
    deal.evidence.append(0)
    assert Deal.model_construct(id="d2").evidence == [] and Deal(id="d3").evidence == []

    edge = Edge(source="x", relation="invests_in", target="y")
    edge.evidence.append(Evidence(article_id="a"))
    assert Edge(source="x", relation="invests_in", target="y").evidence == []

    org = Organization(id="o", name="O")
    org.aliases["en"] = ["Oh"]
    org.tickers.append("O")
    fresh = Organization(id="p", name="P")
    assert (fresh.aliases, fresh.tickers, fresh.people) == ({}, [], [])

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


def test_an_edge_of_stored_evidence_equals_the_validated_edge():
    evidence = [
        Evidence(article_id="a1", start=0, end=4, amount_usd=1e9, qualifier="about"),
        Evidence(article_id="a2", start=3, end=9, amount_usd=2e9, date="2025-01-02"),
        Evidence(article_id="a3", deal_id="loi", amount_usd=5e9, status="superseded"),
        Evidence(article_id="a4", start=1, end=2, quantity=3.0, unit="GW", status="completed"),
    ]
    for ev in ([], evidence[:1], evidence):
        names = {"source_name": "X", "target_name": "Y"}
        built = Edge.of_evidence("x", "lends_to", "y", list(ev), **names)
        validated = Edge(source="x", relation="lends_to", target="y", evidence=list(ev), **names)
        assert built == validated
        assert built.model_dump() == validated.model_dump()
    assert built.amount_usd == 3e9 and built.status == "completed" and len(built.deals) == 4


def test_model_construct_equals_pydantic_construct():
    """The fast ``model_construct`` gives what pydantic's gives: values, order, set fields."""
    from pydantic import BaseModel

    from graph.model import Deal, Edge, Evidence, Organization

    cases = [
        (Evidence, {"article_id": "a1", "quote": "q", "start": 3, "end": 9, "amount_usd": 2e9}),
        (Deal, {"id": "d1", "status": "completed", "evidence": [0, 2]}),
        (Edge, {"source": "x", "relation": "invests_in", "target": "y"}),
        (Organization, {"id": "x", "name": "X", "tickers": ["XX"]}),
    ]
    for cls, values in cases:
        fast = cls.model_construct(**values)
        slow = BaseModel.model_construct.__func__(cls, **values)  # type: ignore[attr-defined]
        assert fast == slow
        assert list(fast.__dict__) == list(slow.__dict__)
        assert fast.model_fields_set == slow.model_fields_set == set(values)
        assert fast.model_dump_json() == slow.model_dump_json()
    one, two = Evidence.model_construct(article_id="a"), Evidence.model_construct(article_id="a")
    assert one.sources == [] and one.sources is not two.sources  # mutable defaults are copies

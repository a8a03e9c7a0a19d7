"""The Neo4j relationship properties, computed without a server: the fast paths follow the rule."""

from __future__ import annotations

import random

import pytest

from graph.deals import edge_headline, plain_deals
from graph.store.neo4j_schema import camel, edge_props
from tests.analysis.test_flows import _evidence


def _by_the_rule(relation: str, evidence: list, ids: list[str], nulls: bool) -> dict:
    """The properties as the deal rule gives them (every edge through its deals)."""
    deals = plain_deals(evidence)
    props = {"relation": relation}
    for name, value in edge_headline(deals).items():
        if value is not None or nulls:
            props[camel(name)] = value
    props.update(dealIds=[d.id for d in deals], evidenceIds=ids, evidenceCount=len(ids))
    return props


@pytest.mark.parametrize("seed", range(400))
def test_the_headline_of_a_single_quote_follows_the_deal_rule(seed):
    rng = random.Random(seed)
    evidence = [_evidence(rng, rng.randint(1, 4), 10 * rng.randint(0, 5))]
    if seed % 7 == 0:  # in_totals, zero and negative zero amounts, unknown qualifiers
        evidence[0] = evidence[0].model_copy(update={"amount_usd": rng.choice([0.0, -0.0, 3.5])})
    for nulls in (False, True):
        got = edge_props("invests_in", evidence, ["id1"], nulls=nulls)
        want = _by_the_rule("invests_in", evidence, ["id1"], nulls)
        assert got == want
        assert [repr(v) for v in got.values()] == [repr(want[k]) for k in got]


def test_the_collector_paused_for_planning_comes_back_as_it_was():
    import gc

    from graph.store.neo4j import _collector_paused

    assert gc.isenabled()
    with pytest.raises(RuntimeError), _collector_paused():
        assert not gc.isenabled()
        raise RuntimeError("planning failed")
    assert gc.isenabled()  # resumed after an error too
    gc.disable()
    try:
        with _collector_paused():
            pass
        assert not gc.isenabled()  # a caller's own setting is kept
    finally:
        gc.enable()

"""The data a map draws, built from the seed-like graph read back from a real store."""

from __future__ import annotations

import math

from graph.analysis.cycles import find_cycles
from graph.model import Edge, Evidence
from graph.render.payload import (
    RELATION_COLOURS,
    build_map_data,
    cycle_edges,
    edge_id,
    short_amount,
)
from tests.render.conftest import EXPECTED_LOOPS, HOSTILE_QUOTE, HOSTILE_TITLE


def test_every_edge_and_organization_is_drawn_once(seed_like_edges, seed_like_orgs):
    data = build_map_data(seed_like_edges, [], organizations=seed_like_orgs)
    assert sorted(e["id"] for e in data.edges) == sorted(edge_id(e) for e in seed_like_edges)
    endpoints = {n for e in seed_like_edges for n in (e.source, e.target)}
    assert {n["id"] for n in data.nodes} == endpoints
    assert len(data.nodes) == len(endpoints)


def test_loops_keep_the_report_order_and_list_every_edge_of_their_hops(
    seed_like_edges, seed_like_orgs
):
    loops = find_cycles(seed_like_edges)
    assert {frozenset(c.nodes) for c in loops} == EXPECTED_LOOPS
    data = build_map_data(seed_like_edges, loops, organizations=seed_like_orgs)
    assert [c["ids"] for c in data.cycles] == [c.nodes for c in loops]
    assert [c["rank"] for c in data.cycles] == list(range(1, len(loops) + 1))
    drawn = {e["id"] for e in data.edges}
    for item, cycle in zip(data.cycles, loops, strict=True):
        expected = {edge_id(e) for hop in cycle.hops for e in hop.edges}
        assert set(item["edge_ids"]) == expected <= drawn
    # Nvidia -> CoreWeave carries two relations: both belong to the loop
    two = next(c for c in data.cycles if set(c["ids"]) == {"nvidia", "coreweave"})
    assert "nvidia|holds_stake|coreweave" in two["edge_ids"]
    assert "nvidia|capacity_backstop|coreweave" in two["edge_ids"]


def test_loop_edges_are_drawn_even_when_the_edge_list_lacks_them(seed_like_edges):
    loops = find_cycles(seed_like_edges)
    data = build_map_data([], loops)
    assert {e["id"] for e in data.edges} == {edge_id(e) for e in cycle_edges(loops)}


def test_nodes_grow_with_the_money_through_them(seed_like_edges, seed_like_orgs):
    data = build_map_data(seed_like_edges, [], organizations=seed_like_orgs)
    size = {n["id"]: n["size"] for n in data.nodes}
    money = {n: 0.0 for n in size}
    for e in seed_like_edges:
        if e.amount_usd is not None:
            money[e.source] += e.amount_usd
            money[e.target] += e.amount_usd
    ranked = sorted(size, key=lambda n: money[n])
    assert [size[n] for n in ranked] == sorted(size[n] for n in ranked)
    assert size["openai"] > size["amd"]  # $672B through OpenAI, no known amount through AMD


def test_edges_are_coloured_by_relation_sized_by_amount_and_labelled_short(
    seed_like_edges, seed_like_orgs
):
    data = build_map_data(seed_like_edges, [], organizations=seed_like_orgs)
    by_id = {e["id"]: e for e in data.edges}
    invest = by_id["nvidia|invests_in|openai"]
    assert invest["color"]["color"] == RELATION_COLOURS["invests_in"]
    assert invest["label"] == "≤$100B"
    assert by_id["openai|buys_compute_from|oracle"]["label"] == "~$300B"
    assert by_id["nvidia|capacity_backstop|coreweave"]["label"] == "$6.3B"
    assert by_id["amd|warrant_for|openai"]["label"] == "160M shares"
    assert by_id["openai|buys_chips_from|amd"]["label"] == "6 GW"
    assert by_id["nvidia|holds_stake|coreweave"]["label"] == "7%"
    assert invest["width"] > by_id["nvidia|capacity_backstop|coreweave"]["width"] > 1
    assert by_id["oracle|buys_chips_from|nvidia"]["width"] == 1
    assert by_id["microsoft|partners_with|openai"]["dashes"] is True
    assert by_id["softbank|sells_stake|nvidia"]["dashes"] is True
    assert invest["dashes"] is False


def test_parallel_and_opposite_edges_are_curved_apart(seed_like_edges):
    data = build_map_data(seed_like_edges, [])
    by_id = {e["id"]: e for e in data.edges}
    stake = by_id["nvidia|holds_stake|coreweave"]["smooth"]["roundness"]
    backstop = by_id["nvidia|capacity_backstop|coreweave"]["smooth"]["roundness"]
    assert stake != backstop
    assert "smooth" in by_id["coreweave|buys_chips_from|nvidia"]
    assert "smooth" not in by_id["meta|buys_compute_from|coreweave"]


def test_evidence_text_is_kept_verbatim_for_the_page_to_show_as_text(seed_like_edges):
    data = build_map_data(seed_like_edges, [])
    detail = data.details["meta|buys_compute_from|coreweave"]
    assert detail["evidence"][0]["quote"] == HOSTILE_QUOTE
    assert detail["evidence"][0]["article_title"] == HOSTILE_TITLE
    assert detail["evidence"][0]["url"] == "https://example.com/meta?a=<b>"
    assert detail["amount"] == "$14.2B" and detail["date"] == "2025-09-30"


def test_stress_colours_nodes_from_pale_to_dark_red(seed_like_edges):
    data = build_map_data(seed_like_edges, [], stress={"coreweave": 1.0, "nvidia": 0.5})
    fill = {n["id"]: n["color"]["background"] for n in data.nodes}
    assert fill["coreweave"] == "#a50f15"
    assert fill["openai"] == "#f3f0ee"
    assert fill["nvidia"] not in (fill["coreweave"], fill["openai"])
    assert data.orgs["nvidia"]["loss"] == 0.5
    assert data.legend["stress"] is not None


def test_organizations_are_searchable_by_alias_and_ticker(seed_like_edges, seed_like_orgs):
    data = build_map_data(seed_like_edges, [], organizations=seed_like_orgs)
    assert {"輝達", "NVDA", "Nvidia", "nvidia"} <= set(data.orgs["nvidia"]["search"])
    groups = {g["name"] for g in data.legend["groups"]}
    assert {"chips", "ai lab", "neocloud"} <= groups


def test_short_amounts():
    assert short_amount(1.42e10) == "$14.2B"
    assert short_amount(3e11, "about") == "~$300B"
    assert short_amount(1.2e12, "over") == ">$1.2T"
    assert short_amount(500.0) == "$500"
    assert short_amount(1.5, unit="GW") == "1.5 GW"
    assert short_amount(4.9, unit="percent") == "4.9%"


def test_an_edge_without_evidence_or_amount_still_draws():
    edge = Edge(source="a", relation="lends_to", target="b", evidence=[Evidence(article_id="x")])
    data = build_map_data([edge], [])
    assert data.edges[0]["label"] == "" and data.edges[0]["width"] == 1
    assert all(math.isfinite(n["size"]) for n in data.nodes)


def test_an_edge_with_several_deals_lists_them():
    loi = Evidence(
        kind="curated",
        article_id="curated:1",
        deal_id="loi",
        title="Letter of intent",
        amount_usd=1e11,
        qualifier="up_to",
        date="2025-09-22",
        superseded_by="round",
        sources=["https://example.com/loi"],
    )
    round_ = Evidence(
        kind="curated", article_id="curated:2", deal_id="round", amount_usd=3e10, date="2026-02-01"
    )
    edge = Edge(source="nvidia", relation="invests_in", target="openai", evidence=[loi, round_])
    data = build_map_data([edge], [])
    deals = data.details[edge_id(edge)]["deals"]
    assert [(d["id"], d["status"], d["counted"]) for d in deals] == [
        ("loi", "superseded", False),
        ("round", "announced", True),
    ]
    assert deals[0]["sources"] == ["https://example.com/loi"] and deals[0]["title"] == (
        "Letter of intent"
    )
    (item,) = data.edges
    assert "2 deals, 1 in the amount" in item["title"] and item["amount_usd"] == 3e10


def test_every_evidence_field_reaches_the_page(seed_like_edges):
    data = build_map_data(seed_like_edges, [])
    for edge in seed_like_edges:
        shown = data.details[edge_id(edge)]["evidence"]
        for ev, item in zip(edge.evidence, shown, strict=True):
            assert item.items() >= ev.model_dump(mode="json", exclude_none=True).items()
            assert item["amount_label"] == short_amount(ev.amount_usd, ev.qualifier)


def test_label_languages_are_the_gazetteer_alias_scripts():
    import typing

    from graph.languages import LANGUAGES
    from graph.model import Organization

    keys = typing.get_args(Organization.model_fields["aliases"].annotation)[0]
    assert set(typing.get_args(keys)) == set(LANGUAGES)

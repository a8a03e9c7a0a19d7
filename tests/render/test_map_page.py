"""The page's one state in a real Chromium: filters, loops, Clear, the URL hash, the story view.

Every expectation is computed independently in Python: the loops a filter
leaves are the loops :func:`find_cycles` finds in the filtered edges.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pytest

from graph.analysis.cycles import find_cycles
from graph.model import Edge, Evidence
from graph.render.html import render_map, write_map
from graph.render.payload import edge_id
from tests.render.conftest import ORGS

pytestmark = pytest.mark.browser

SECTORS = {o.id: o.sector or o.kind for o in ORGS}


def loop_keys(loops: Iterable) -> set[tuple[str, ...]]:
    """Loops by their nodes, rotated to start at the smallest id."""
    out = set()
    for nodes in loops:
        nodes = list(nodes)
        k = nodes.index(min(nodes))
        out.add(tuple(nodes[k:] + nodes[:k]))
    return out


def page_view(opened) -> tuple[set[str], set[tuple[str, ...]]]:
    view = opened.js("() => window.dealgraph.view()")
    ids = opened.js("() => window.dealgraph.data.cycles.map(c => c.ids)")
    return set(view["edges"]), loop_keys(ids[rank - 1] for rank in view["loops"])


def expected(edges: list[Edge], keep: Callable[[Edge], bool]) -> tuple[set[str], set]:
    kept = [e for e in edges if keep(e)]
    return {edge_id(e) for e in kept}, loop_keys(c.nodes for c in find_cycles(kept))


@pytest.fixture
def opened(open_map, tmp_path, seed_like_edges, seed_like_orgs):
    html = render_map(
        seed_like_edges,
        find_cycles(seed_like_edges),
        organizations=seed_like_orgs,
        title="Who pays whom",
        subtitle="a test graph",
    )
    return open_map(write_map(tmp_path / "map.html", html))


def visible_loop_rows(opened) -> int:
    return opened.page.locator("#dg-cycles li[data-loop]:visible").count()


def assert_counts(opened, edges: set[str], loops: set, everything: list[Edge]) -> None:
    """The count line, the loop list and its heading say what ``edges`` and ``loops`` are."""
    orgs = {n for e in everything if edge_id(e) in edges for n in (e.source, e.target)}
    every_org = {n for e in everything for n in (e.source, e.target)}
    total = len(find_cycles(everything))
    count = opened.page.inner_text("#dg-count")
    assert f"{len(orgs)} of {len(every_org)} organizations" in count, count
    assert f"{len(edges)} of {len(everything)} edges" in count, count
    assert f"{len(loops)} of {total} loops" in count, count
    assert visible_loop_rows(opened) == len(loops)
    assert f"({len(loops)} of {total}," in opened.page.inner_text("#dg-loop-count")


def test_loop_list_and_counts_follow_each_relation_filter(opened, seed_like_edges):
    labels = opened.js("() => window.dealgraph.data.legend.relations")
    for relation in labels:
        box = opened.page.get_by_label(f"{relation['label']} ({relation['count']})")
        box.uncheck()
        edges, loops = expected(seed_like_edges, lambda e, r=relation: e.relation != r["name"])
        assert page_view(opened) == (edges, loops), relation["name"]
        assert visible_loop_rows(opened) == len(loops)
        count = opened.page.inner_text("#dg-count")
        assert f"{len(edges)} of {len(seed_like_edges)} edges" in count
        assert f"{len(loops)} of 6 loops" in count
        box.check()
    assert visible_loop_rows(opened) == 6
    assert opened.errors == []


def test_amount_date_sector_and_loops_only_filters_rule_the_list_too(opened, seed_like_edges):
    page = opened.page
    page.fill("#dg-min", "10")
    edges, loops = expected(seed_like_edges, lambda e: e.amount_usd is None or e.amount_usd >= 10e9)
    assert page_view(opened) == (edges, loops)
    assert_counts(opened, edges, loops, seed_like_edges)
    page.get_by_label("keep edges without an amount").uncheck()
    edges, loops = expected(seed_like_edges, lambda e: (e.amount_usd or 0) >= 10e9)
    assert page_view(opened) == (edges, loops) and loops == set()
    assert_counts(opened, edges, loops, seed_like_edges)
    assert "No loop is left whole" in page.inner_text("#dg-cycles")
    page.get_by_label("keep edges without an amount").check()
    page.fill("#dg-min", "0")

    for since, until in (("2025-09-11", ""), ("", "2025-09-20"), ("2025-09-01", "2025-09-30")):
        page.fill("#dg-since", since)
        page.dispatch_event("#dg-since", "change")
        page.fill("#dg-until", until)
        page.dispatch_event("#dg-until", "change")
        edges, loops = expected(
            seed_like_edges,
            lambda e, a=since, b=until: (
                e.date is None
                or ((not a or e.date.isoformat() >= a) and (not b or e.date.isoformat() <= b))
            ),
        )
        assert page_view(opened) == (edges, loops), (since, until)
        assert_counts(opened, edges, loops, seed_like_edges)
    assert 0 < len(loops) < 6  # the dates took some loops away and left others
    for field in ("#dg-since", "#dg-until"):
        page.fill(field, "")
        page.dispatch_event(field, "change")

    page.locator("#dg-groups input[value=hyperscaler]").uncheck()
    edges, loops = expected(
        seed_like_edges,
        lambda e: "hyperscaler" not in (SECTORS[e.source], SECTORS[e.target]),
    )
    assert page_view(opened) == (edges, loops)
    assert len(loops) == 4
    assert_counts(opened, edges, loops, seed_like_edges)
    page.locator("#dg-groups input[value=hyperscaler]").check()

    page.get_by_label("only edges on a loop").check()
    on_loops = {edge_id(e) for c in find_cycles(seed_like_edges) for h in c.hops for e in h.edges}
    all_loops = loop_keys(c.nodes for c in find_cycles(seed_like_edges))
    assert page_view(opened) == (on_loops, all_loops)
    assert_counts(opened, on_loops, all_loops, seed_like_edges)
    assert opened.errors == []


def test_a_loop_hidden_by_a_filter_cannot_be_drawn_and_a_chosen_one_is_let_go(opened):
    page = opened.page
    page.locator("#dg-cycles li[data-loop] button").first.click()  # Nvidia → OpenAI → Oracle
    assert "Loop 1" in page.inner_text("#dg-panel")
    page.get_by_label("buys chips from (4)").uncheck()  # Oracle buys chips from Nvidia
    assert opened.js("() => window.dealgraph.state.cycle") is None
    assert opened.js("() => window.dealgraph.lit()") is None
    assert "Loop 1" not in page.inner_text("#dg-panel")
    assert opened.js("() => window.dealgraph.selectCycle(0)") is None  # hidden: refused
    lit_states = opened.js("() => window.dealgraph.edges.get().filter(e => !e.hidden).length")
    assert lit_states == len(page_view(opened)[0])


def test_clear_restores_the_initial_view(opened):
    page = opened.page
    js = opened.js

    def snapshot() -> dict:
        return {
            "hash": js("() => location.hash"),
            "view": js("() => window.dealgraph.view()"),
            "panel": page.inner_text("#dg-panel"),
            "count": page.inner_text("#dg-count"),
            "scale": round(js("() => window.dealgraph.network.getScale()"), 4),
            "position": {
                k: round(v, 1)
                for k, v in js("() => window.dealgraph.network.getViewPosition()").items()
            },
            "states": js("() => window.dealgraph.edges.get().map(e => e.dgState + e.hidden)"),
            "min": page.input_value("#dg-min"),
            "labels": page.input_value("#dg-labels"),
            "story": page.locator("#dg-story").is_visible(),
            "controls": js(
                """() => Array.from(document.querySelectorAll('#dg-controls input'))
                        .map(i => i.type === 'checkbox' ? i.checked : i.value)"""
            ),
        }

    initial = snapshot()
    page.locator("#dg-cycles li[data-loop] button").nth(1).click()
    page.fill("#dg-min", "50")
    page.select_option("#dg-labels", "zh-Hant")
    page.locator("#dg-story-open").click()
    assert page.locator("#dg-story").is_visible()
    page.locator("#dg-story-close").click()
    # the other filters too, leaving OpenAI on the map for the tooltip below
    page.get_by_label("keep edges without an amount").uncheck()
    page.locator("#dg-groups input[value=hyperscaler]").uncheck()
    page.fill("#dg-since", "2025-09-01")
    page.dispatch_event("#dg-since", "change")
    months = js("() => window.dealgraph.data.legend.months")
    page.locator("#dg-asof").fill(str(len(months) - 1))
    assert js("() => window.dealgraph.state.asOf") == months[-1]
    shown = js("() => window.dealgraph.view()")["edges"]
    assert "openai" in {org for e in shown for org in e.split("|")[::2]}
    js("() => window.dealgraph.network.moveTo({scale: 2.5, position: {x: 40, y: 40}})")
    # a tooltip on screen
    point = js(
        """() => { const n = window.dealgraph.network;
                   return n.canvasToDOM(n.getPositions(['openai']).openai); }"""
    )
    box = page.locator("#dg-network").bounding_box()
    page.mouse.move(box["x"] + point["x"] - 2, box["y"] + point["y"])
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    page.locator("div.vis-tooltip").wait_for(state="visible", timeout=5_000)
    assert snapshot() != initial

    page.click("#dg-clear")
    assert snapshot() == initial
    assert not page.locator("div.vis-tooltip").is_visible()
    page.get_by_label("only edges on a loop").check()  # with the filters above: an empty map
    assert snapshot() != initial
    page.click("#dg-clear")
    assert snapshot() == initial
    assert opened.errors == []


def test_the_url_hash_opens_the_same_view(opened, open_map, tmp_path):
    page = opened.page
    page.get_by_label("partners with (1)").uncheck()
    page.fill("#dg-min", "20")
    page.select_option("#dg-labels", "zh-Hans")
    page.locator("#dg-cycles li[data-loop] button").nth(2).click()
    hash_ = opened.js("() => location.hash")
    assert "rel=" in hash_ and "min=20" in hash_ and "labels=zh-Hans" in hash_ and "loop=" in hash_
    view, panel = opened.js("() => window.dealgraph.view()"), page.inner_text("#dg-panel")

    again = open_map(tmp_path / "map.html", hash=hash_)
    assert again.js("() => window.dealgraph.view()") == view
    assert again.page.inner_text("#dg-panel") == panel
    assert again.page.input_value("#dg-min") == "20"
    assert again.js("() => window.dealgraph.state.labels") == "zh-Hans"
    assert not again.page.get_by_label("partners with (1)").is_checked()
    assert again.errors == []


def test_story_view_tells_a_loop_hop_by_hop(opened, seed_like_edges):
    page = opened.page
    loops = find_cycles(seed_like_edges)
    loop = loops[0]
    page.locator("#dg-cycles li[data-loop] button").first.click()
    page.locator("#dg-story-open").click()
    story = page.locator("#dg-story")
    assert story.is_visible()
    orgs = story.locator(".dg-story-org").all_inner_texts()
    assert orgs == [*loop.names, loop.names[0]]  # left to right, back to the start
    cards = story.locator(".dg-story-card")
    hop_edges = [e for hop in loop.hops for e in hop.edges]
    assert cards.count() == len(hop_edges)
    text = story.inner_text()
    for edge in hop_edges:
        assert edge.evidence[0].quote in text
        if edge.date:
            assert edge.date.isoformat() in text
    assert "≤$100B" in text and "~$300B" in text
    # left to right: each card starts right of the one before
    xs = [cards.nth(i).bounding_box()["x"] for i in range(cards.count())]
    assert xs == sorted(xs) and len(set(xs)) == len(xs)
    assert "story=1" in opened.js("() => location.hash")
    page.locator("#dg-story-close").click()
    assert not story.is_visible()
    assert opened.errors == []


def test_large_mode_filters_hide_what_the_network_draws(
    open_map, tmp_path, seed_like_edges, seed_like_orgs
):
    html = render_map(
        seed_like_edges, find_cycles(seed_like_edges), organizations=seed_like_orgs, large=True
    )
    opened = open_map(write_map(tmp_path / "large.html", html))
    drawn = "() => window.dealgraph.network.body.edgeIndices.slice().sort()"
    assert len(opened.js(drawn)) == len(seed_like_edges)
    opened.page.get_by_label("buys compute from (5)").uncheck()
    edges, loops = expected(seed_like_edges, lambda e: e.relation != "buys_compute_from")
    assert set(opened.js(drawn)) == edges == page_view(opened)[0]
    assert page_view(opened)[1] == loops
    nodes = {n for e in seed_like_edges if edge_id(e) in edges for n in (e.source, e.target)}
    assert set(opened.js("() => window.dealgraph.network.body.nodeIndices")) == nodes
    opened.page.select_option("#dg-labels", "zh-Hant")
    label = "() => window.dealgraph.network.body.nodes['oracle'].options.label"
    assert opened.js(label) == "甲骨文"
    opened.page.click("#dg-clear")
    assert len(opened.js(drawn)) == len(seed_like_edges)
    assert opened.errors == []


def test_story_quotes_an_article_before_a_deal_list_row(open_map, tmp_path):
    row = "oracle-amd,Oracle to deploy 50000 AMD GPUs,oracle,buys_chips_from,amd,2025-10-14,..."
    listed = {"kind": "curated", "locator": "deals.csv:3", "quote": row}

    def edge(source: str, relation: str, target: str, *evidence: dict) -> Edge:
        return Edge(
            source=source,
            relation=relation,  # type: ignore[arg-type]
            target=target,
            evidence=[Evidence(article_id=f"a{k}", **ev) for k, ev in enumerate(evidence)],
        )

    edges = [
        edge("amd", "warrant_for", "openai", {"quote": "AMD向OpenAI授予認股權證"}),
        edge(
            "openai",
            "buys_compute_from",
            "oracle",
            {**listed, "quote": "openai-oracle,...", "title": "OpenAI signs with Oracle"},
            {"quote": "OpenAI向甲骨文採購算力", "outlet": "矽谷101"},
        ),
        edge(
            "oracle",
            "buys_chips_from",
            "amd",
            {
                **listed,
                "title": "Oracle to deploy 50000 AMD GPUs",
                "url": "https://www.example.com/a",
            },
        ),
    ]
    loops = find_cycles(edges)
    opened = open_map(write_map(tmp_path / "story.html", render_map(edges, loops)))
    opened.js("() => window.dealgraph.openStory(0)")
    cards = {
        c.locator(".dg-story-rel").inner_text(): c.inner_text()
        for c in opened.page.locator("#dg-story .dg-story-card").all()
    }
    assert "“AMD向OpenAI授予認股權證”" in cards["grants warrants to →"]
    compute = cards["buys compute from →"]
    assert "“OpenAI向甲骨文採購算力”" in compute and "矽谷101" in compute
    assert "OpenAI signs with Oracle" not in compute and "+1 more sources" in compute
    chips = cards["buys chips from →"]
    assert "Oracle to deploy 50000 AMD GPUs" in chips and "“" not in chips
    assert "curated deal list · example.com" in chips
    assert row not in opened.page.inner_text("#dg-story")
    assert opened.errors == []

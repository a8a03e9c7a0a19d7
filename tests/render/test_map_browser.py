"""The map in a real browser: Debian's Chromium through Playwright, from a file:// URL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.analysis.cycles import find_cycles
from graph.render.html import render_map, write_map
from graph.render.payload import RELATION_COLOURS, edge_id
from graph.store import DB_FILE
from graph.store.sqlite import SQLiteStore
from tests.conftest import run_cli
from tests.render.conftest import HOSTILE_QUOTE, HOSTILE_TITLE

pytestmark = pytest.mark.browser

EDGE_STATES = """() => window.dealgraph.edges.get().map(e => ({
    id: e.id, state: e.dgState, hidden: e.hidden, colour: e.color.color}))"""
NODE_STATES = """() => window.dealgraph.nodes.get().map(n => ({
    id: n.id, state: n.dgState, hidden: n.hidden}))"""
DRAWN = """() => ({nodes: window.dealgraph.network.body.nodeIndices.length,
                  edges: window.dealgraph.network.body.edgeIndices.length})"""


@pytest.fixture
def seed_like_map(tmp_path, seed_like_edges, seed_like_orgs) -> Path:
    html = render_map(seed_like_edges, find_cycles(seed_like_edges), organizations=seed_like_orgs)
    return write_map(tmp_path / "map.html", html)


def test_opens_offline_without_errors_and_draws_the_whole_graph(
    open_map, seed_like_map, seed_like_edges
):
    opened = open_map(seed_like_map)
    assert opened.errors == []
    assert opened.blocked == []
    assert all(url.startswith(("file:", "data:")) for url in opened.requests), opened.requests
    nodes = {n for e in seed_like_edges for n in (e.source, e.target)}
    assert opened.js("() => window.dealgraph.nodes.length") == len(nodes)
    assert opened.js("() => window.dealgraph.edges.length") == len(seed_like_edges)
    assert opened.js(DRAWN) == {"nodes": len(nodes), "edges": len(seed_like_edges)}
    assert opened.page.locator("#dg-cycles li[data-loop]:visible").count() == 6
    counts = opened.page.inner_text("#dg-count")
    assert "8 of 8 organizations · 15 of 15 edges · 6 of 6 loops" in counts


def test_choosing_a_loop_lights_exactly_its_edges(open_map, seed_like_map, seed_like_edges):
    loops = find_cycles(seed_like_edges)
    opened = open_map(seed_like_map)
    buttons = opened.page.locator("#dg-cycles button")
    for rank, loop in enumerate(loops):
        expected_edges = {edge_id(e) for hop in loop.hops for e in hop.edges}
        assert " → ".join(loop.names) in buttons.nth(rank).inner_text()
        buttons.nth(rank).click()
        edges = opened.js(EDGE_STATES)
        lit = {e["id"] for e in edges if e["state"] == "lit"}
        assert lit == expected_edges
        for e in edges:
            relation = e["id"].split("|")[1]
            if e["id"] in expected_edges:
                assert e["colour"] == RELATION_COLOURS[relation] and not e["hidden"]
            else:
                assert e["state"] == "dim" and e["colour"] != RELATION_COLOURS[relation]
        nodes = opened.js(NODE_STATES)
        assert {n["id"] for n in nodes if n["state"] == "lit"} == set(loop.nodes)
        assert opened.page.locator("#dg-cycles li.dg-active").count() == 1
        assert "Loop " + str(rank + 1) in opened.page.inner_text("#dg-panel")
    buttons.nth(len(loops) - 1).click()  # choosing it again clears the highlight
    assert {e["state"] for e in opened.js(EDGE_STATES)} == {"normal"}
    assert opened.errors == []


def test_hostile_article_shows_as_text_and_never_runs(open_map, seed_like_map):
    opened = open_map(seed_like_map)
    page = opened.page
    page.fill("#dg-search", "meta")
    page.press("#dg-search", "Enter")
    page.get_by_role("button", name="Meta buys compute from CoreWeave · $14.2B").click()
    panel = page.inner_text("#dg-panel")
    assert HOSTILE_QUOTE in panel
    assert HOSTILE_TITLE in panel
    assert "invest <b>wallstreet</b>" in panel
    assert "https://example.com/meta?a=<b>" in panel
    # hover the edge too: vis-network's tooltip shows its title as text
    point = opened.js(
        """() => {
            const n = window.dealgraph.network;
            const edge = n.body.edges['meta|buys_compute_from|coreweave'];
            return n.canvasToDOM(edge.edgeType.getPoint(0.5));  // the middle of the drawn curve
        }"""
    )
    box = page.locator("#dg-network").bounding_box()
    page.mouse.move(box["x"] + point["x"] - 3, box["y"] + point["y"])
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert "Meta → CoreWeave" in tooltip.inner_text()
    assert HOSTILE_QUOTE in tooltip.inner_text()
    assert opened.js("() => window.__pwned") is None
    assert opened.js("() => document.querySelectorAll('img, #dg-panel script, b').length") == 0
    assert opened.errors == []


def test_focus_from_the_command_line_and_from_the_search_box(
    open_map, tmp_path, seed_like_edges, seed_like_orgs
):
    html = render_map(seed_like_edges, [], organizations=seed_like_orgs, focus="openai")
    opened = open_map(write_map(tmp_path / "focus.html", html))
    neighbours = {"openai"} | {
        n for e in seed_like_edges if "openai" in (e.source, e.target) for n in (e.source, e.target)
    }
    nodes = opened.js(NODE_STATES)
    assert {n["id"] for n in nodes if n["state"] == "lit"} == neighbours
    assert opened.page.inner_text("#dg-panel h2") == "OpenAI"
    assert opened.js("() => window.dealgraph.network.getSelectedNodes()") == ["openai"]

    opened.page.fill("#dg-search", "輝達")  # an alias
    opened.page.press("#dg-search", "Enter")
    assert opened.page.inner_text("#dg-panel h2") == "Nvidia"
    lit_edges = {e["id"] for e in opened.js(EDGE_STATES) if e["state"] == "lit"}
    assert lit_edges == {edge_id(e) for e in seed_like_edges if "nvidia" in (e.source, e.target)}
    opened.page.fill("#dg-search", "no such company")
    opened.page.press("#dg-search", "Enter")
    assert "No organization matches" in opened.page.inner_text("#dg-search-msg")
    opened.page.click("#dg-clear")
    assert {e["state"] for e in opened.js(EDGE_STATES)} == {"normal"}
    assert opened.errors == []


def test_filters_change_the_visible_edges(open_map, seed_like_map, seed_like_edges):
    opened = open_map(seed_like_map)
    page = opened.page

    def visible() -> set[str]:
        return {e["id"] for e in opened.js(EDGE_STATES) if not e["hidden"]}

    everything = {edge_id(e) for e in seed_like_edges}
    assert visible() == everything
    page.get_by_label("buys compute from (5)").uncheck()
    expected = {edge_id(e) for e in seed_like_edges if e.relation != "buys_compute_from"}
    assert visible() == expected
    assert opened.js(DRAWN)["edges"] == len(expected)
    page.get_by_label("buys compute from (5)").check()

    page.fill("#dg-min", "20")
    expected = {edge_id(e) for e in seed_like_edges if e.amount_usd is None or e.amount_usd >= 20e9}
    assert visible() == expected
    page.get_by_label("keep edges without an amount").uncheck()
    expected = {edge_id(e) for e in seed_like_edges if (e.amount_usd or 0) >= 20e9}
    assert visible() == expected
    page.get_by_label("keep edges without an amount").check()
    page.fill("#dg-min", "0")

    page.fill("#dg-since", "2025-09-20")
    page.dispatch_event("#dg-since", "change")
    expected = {
        edge_id(e) for e in seed_like_edges if e.date is None or e.date.isoformat() >= "2025-09-20"
    }
    assert visible() == expected
    shown = f"{len(expected)} of {len(everything)} edges"
    assert shown in page.inner_text("#dg-count")
    assert opened.errors == []


PIXEL = """([id, t]) => {
    // the darkest pixel of a 5x5 window around point t of the drawn edge, as [r, g, b]
    const n = window.dealgraph.network, edge = n.body.edges[id];
    const p = n.canvasToDOM(edge.edgeType.getPoint(t));
    const canvas = document.querySelector('#dg-network canvas');
    const ratio = canvas.width / canvas.clientWidth;
    const data = canvas.getContext('2d').getImageData(
        Math.round(p.x * ratio) - 2, Math.round(p.y * ratio) - 2, 5, 5).data;
    let best = [255, 255, 255];
    for (let i = 0; i < data.length; i += 4) {
        if (data[i] + data[i + 1] + data[i + 2] < best[0] + best[1] + best[2])
            best = [data[i], data[i + 1], data[i + 2]];
    }
    return best;
}"""


def test_large_mode_veils_all_but_the_chosen_loop(
    open_map, tmp_path, seed_like_edges, seed_like_orgs
):
    loops = find_cycles(seed_like_edges)
    html = render_map(seed_like_edges, loops, organizations=seed_like_orgs, large=True)
    opened = open_map(write_map(tmp_path / "large.html", html))
    assert opened.js("() => window.dealgraph.network.physics.options.enabled") is False
    assert "large-graph mode" in opened.page.inner_text("#dg-count")
    assert opened.js("() => window.dealgraph.network.moveTo({scale: 1.0}) || true")
    expected = {edge_id(e) for hop in loops[0].hops for e in hop.edges}
    others = [edge_id(e) for e in seed_like_edges if edge_id(e) not in expected]
    before = {i: opened.js(PIXEL, [i, 0.5]) for i in others}
    assert all(sum(rgb) < 600 for rgb in before.values())  # drawn in colour

    opened.page.locator("#dg-cycles button").nth(0).click()
    opened.page.wait_for_timeout(300)  # the redraw is asynchronous
    lit = opened.js("() => window.dealgraph.lit()")
    assert set(lit["edges"]) == expected and set(lit["nodes"]) == set(loops[0].nodes)
    assert opened.js("() => window.dealgraph.veiled()") is True
    # the DataSet is left alone in large mode: nothing updated, nothing hidden
    assert {e["state"] for e in opened.js(EDGE_STATES)} == {"normal"}
    for i in expected:  # drawn again above the veil, in colour
        r, g, b = opened.js(PIXEL, [i, 0.5])
        assert min(r, g, b) < 200, (i, (r, g, b))
    veiled = [opened.js(PIXEL, [i, 0.5]) for i in others]
    assert sum(1 for rgb in veiled if min(rgb) > 200) >= len(others) // 2  # most fade out
    opened.page.click("#dg-clear")
    opened.page.wait_for_timeout(300)
    assert opened.js("() => window.dealgraph.veiled()") is False
    after = [opened.js(PIXEL, [i, 0.5]) for i in others]
    assert all(sum(rgb) < 600 for rgb in after)  # in colour again
    # Chromium's hint about our own getImageData readbacks is the test's, not the page's
    assert [e for e in opened.errors if "willReadFrequently" not in e] == []


def test_the_seed_map(open_map, seeded_workspace, tmp_path):
    """The map of the real seed articles, as `dealgraph load seeds/` stores them."""
    out = tmp_path / "seeds.html"
    result = run_cli(
        "map", "-o", str(out), "--scope", "all", "--format", "json", workspace=seeded_workspace
    )
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    report = run_cli("cycles", "--format", "json", workspace=seeded_workspace)
    assert report.returncode == 0, report.stderr
    loops = json.loads(report.stdout)
    with SQLiteStore(seeded_workspace / DB_FILE) as store:
        edges = store.edges()
    nodes = {n for e in edges for n in (e.source, e.target)}
    assert (summary["organizations"], summary["edges"], summary["loops"]) == (
        len(nodes),
        len(edges),
        len(loops),
    )
    assert {frozenset(["nvidia", "openai", "oracle"]), frozenset(["amd", "openai"])} <= {
        frozenset(loop["ids"]) for loop in loops
    }

    opened = open_map(out)
    assert opened.errors == [] and opened.blocked == []
    assert all(url.startswith(("file:", "data:")) for url in opened.requests)
    assert opened.js(DRAWN) == {"nodes": len(nodes), "edges": len(edges)}
    buttons = opened.page.locator("#dg-cycles button")
    assert buttons.count() == len(loops)
    for rank, loop in enumerate(loops):
        assert " → ".join(loop["nodes"]) in buttons.nth(rank).inner_text()
        buttons.nth(rank).click()
        expected = {f"{e['source']}|{e['relation']}|{e['target']}" for e in loop["edges"]}
        lit = {e["id"] for e in opened.js(EDGE_STATES) if e["state"] == "lit"}
        assert lit == expected
        panel = opened.page.inner_text("#dg-panel")
        for edge in loop["edges"]:
            for ev in edge["evidence"]:
                assert ev["quote"] in panel
    assert opened.errors == []


# the canvas drawn in batches, then by vis-network's own per-edge drawing, compared
# pixel by pixel where either has painted (the canvas is transparent underneath)
BATCHED_VS_OWN = """() => {
    const n = window.dealgraph.network, r = n.renderer;
    const canvas = document.querySelector('#dg-network canvas');
    const ctx = canvas.getContext('2d');
    const grab = () => {
        n.redraw();
        return ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    };
    if (!Object.prototype.hasOwnProperty.call(r, '_drawEdges')) return null;
    const batched = grab(), mine = [r._drawEdges, r._drawArrows];
    delete r._drawEdges;
    delete r._drawArrows;
    const own = grab();
    [r._drawEdges, r._drawArrows] = mine;
    let inked = 0, differ = 0;
    for (let i = 0; i < own.length; i += 4) {
        if (own[i + 3] < 16 && batched[i + 3] < 16) continue;
        inked += 1;
        let d = 0;
        for (let k = 0; k < 4; k++) d += Math.abs(own[i + k] - batched[i + k]);
        if (d > 120) differ += 1;
    }
    return {inked, differ};
}"""


def test_large_mode_draws_in_batches_what_vis_network_would(
    open_map, tmp_path, seed_like_edges, seed_like_orgs
):
    loops = find_cycles(seed_like_edges)
    small = open_map(
        write_map(tmp_path / "small.html", render_map(seed_like_edges, loops, large=False))
    )
    assert small.js(BATCHED_VS_OWN) is None  # small maps: vis-network draws each edge
    html = render_map(seed_like_edges, loops, organizations=seed_like_orgs, large=True)
    opened = open_map(write_map(tmp_path / "large.html", html))
    shares = {}
    for scale in (1.2, 0.5):  # edge labels and arrowheads; arrowheads only
        opened.js(f"() => window.dealgraph.network.moveTo({{scale: {scale}}})")
        shares[scale] = opened.js(BATCHED_VS_OWN)
    opened.page.get_by_label("buys compute from (5)").uncheck()  # gone from both drawings
    shares["filtered"] = opened.js(BATCHED_VS_OWN)
    for key, share in shares.items():  # leaving out arrowheads or hidden edges: 6% and more
        assert share["inked"] > 1000, key
        assert share["differ"] / share["inked"] < 0.02, (key, share)
    # Chromium's hint about our own getImageData readbacks is the test's, not the page's
    assert [e for e in opened.errors if "willReadFrequently" not in e] == []

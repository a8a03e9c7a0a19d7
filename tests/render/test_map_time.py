"""The time slider in Chromium, on a store loaded from a small dated deal list of our own.

The rule under test (graph/render/facets.py): an edge is on the map as of
month T when some evidence of it that was not denied is dated in T or
before; undated edges stay while "keep undated edges" is ticked; an edge
whose every piece of evidence was denied never shows on the slider.
"""

from __future__ import annotations

import pytest

from graph.analysis.cycles import find_cycles
from graph.model import Edge
from graph.render.payload import edge_id
from graph.store import DB_FILE
from graph.store.sqlite import SQLiteStore
from tests.conftest import run_cli
from tests.render.test_map_page import assert_counts, loop_keys, page_view

pytestmark = pytest.mark.browser

# our own deal list: two loops that close at different months, an undated deal,
# a deal first denied then confirmed, and one only ever denied
DEALS = """source,relation,target,amount_usd,date,status
Nvidia,invests_in,OpenAI,1e11,2025-09-22,announced
OpenAI,buys_compute_from,Oracle,3e11,2025-07-10,announced
Oracle,buys_chips_from,Nvidia,4e10,2025-11-05,announced
AMD,warrant_for,OpenAI,,2025-10-06,announced
OpenAI,buys_chips_from,AMD,9e10,2025-10-06,announced
Microsoft,invests_in,OpenAI,1.3e10,,announced
Nvidia,invests_in,CoreWeave,2e9,2025-08-01,denied
Nvidia,invests_in,CoreWeave,1e9,2025-12-15,announced
CoreWeave,buys_chips_from,Nvidia,5e9,2025-06-01,announced
Meta,invests_in,CoreWeave,3e9,2025-08-20,denied
"""


@pytest.fixture(scope="module")
def dated(tmp_path_factory):
    """A workspace loaded from DEALS with `dealgraph load`, its edges and its map."""
    root = tmp_path_factory.mktemp("dated")
    deals = root / "deals.csv"
    deals.write_text(DEALS, encoding="utf-8")
    ws = root / "ws"
    result = run_cli("load", str(deals), workspace=ws)
    assert result.returncode == 0, result.stderr
    out = root / "dated.html"
    result = run_cli("map", "-o", str(out), "--format", "json", workspace=ws)
    assert result.returncode == 0, result.stderr
    with SQLiteStore(ws / DB_FILE) as store:
        edges = store.edges()
    return ws, edges, out


def on_map(edge: Edge, month: str | None, keep_undated: bool = True) -> bool:
    if month is None:
        return True
    live = [ev for ev in edge.evidence if ev.status != "denied"]
    if not live:
        return False
    dates = [ev.date for ev in live if ev.date is not None]
    if not dates:
        return keep_undated
    return min(dates).isoformat()[:7] <= month


def test_the_slider_shows_the_web_as_of_each_month(open_map, dated):
    _, edges, out = dated
    opened = open_map(out)
    months = opened.js("() => window.dealgraph.data.legend.months")
    assert months[0] == "2025-06" and months[-1] == "2025-12" and len(months) == 7
    seen_loops = []
    for k, month in enumerate([*months, None]):
        opened.page.locator("#dg-asof").fill(str(k))
        kept = [e for e in edges if on_map(e, month)]
        loops = loop_keys(c.nodes for c in find_cycles(kept))
        assert page_view(opened) == ({edge_id(e) for e in kept}, loops), month
        assert_counts(opened, {edge_id(e) for e in kept}, loops, edges)
        label = opened.page.inner_text("#dg-asof-label")
        assert (month or "all dates") in label
        seen_loops.append(len(loops))
    # the loops appear as they close: none in June, Nvidia-OpenAI-Oracle in November
    assert seen_loops[0] == 0 and seen_loops == sorted(seen_loops) and seen_loops[-1] >= 3
    assert opened.errors == []
    assert opened.blocked == []
    assert all(url.startswith(("file:", "data:", "blob:")) for url in opened.requests)


def test_undated_edges_follow_their_box_and_denied_ones_never_show(open_map, dated):
    _, edges, out = dated
    opened = open_map(out)
    months = opened.js("() => window.dealgraph.data.legend.months")
    opened.page.locator("#dg-asof").fill(str(months.index("2025-10")))
    shown = page_view(opened)[0]
    assert "microsoft|invests_in|openai" in shown  # undated, kept
    assert "meta|invests_in|coreweave" not in shown  # only ever denied
    assert "nvidia|invests_in|coreweave" not in shown  # denied in August, confirmed in December
    opened.page.get_by_label("keep undated edges").uncheck()
    kept = {edge_id(e) for e in edges if on_map(e, "2025-10", keep_undated=False)}
    assert page_view(opened)[0] == kept
    assert "microsoft|invests_in|openai" not in kept
    note = opened.page.inner_text("#dg-asof-note")
    assert "1 undated edge" in note
    assert "asof=2025-10" in opened.js("() => location.hash")
    assert opened.errors == []

"""The page: one self-contained UTF-8 file, data only in escaped JSON blocks."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from graph.analysis.cycles import find_cycles
from graph.model import Edge, Evidence
from graph.render.html import (
    is_large,
    json_for_script,
    remote_references,
    render_map,
    strip_remote,
)
from tests.conftest import ROOT
from tests.render.conftest import HOSTILE_QUOTE, HOSTILE_TITLE


def json_block(html: str, block: str) -> object:
    match = re.search(
        rf'<script type="application/json" id="{block}">(.*?)</script>', html, re.DOTALL
    )
    assert match, f"no {block} block"
    return json.loads(match.group(1))


def start_tags(html: str) -> list[str]:
    """The start tags a browser's parser sees (script contents are not markup)."""
    found: list[str] = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag: str, attrs: object) -> None:
            found.append(tag)

    Parser().feed(html)
    return found


@pytest.fixture
def page(seed_like_edges, seed_like_orgs) -> str:
    return render_map(seed_like_edges, find_cycles(seed_like_edges), organizations=seed_like_orgs)


def test_the_page_loads_nothing_from_the_network(page):
    assert remote_references(page) == []
    assert "vis.Network" in page and "DataSet" in page  # vis-network is inlined
    for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", page, re.IGNORECASE):
        assert "src=" not in tag and "href=" not in tag, tag
    assert "bootstrap" not in page.lower()
    assert "Content-Security-Policy" in page


def test_hostile_article_text_never_appears_as_markup(page):
    assert HOSTILE_QUOTE not in page and HOSTILE_TITLE not in page
    assert "<img src=x" not in page
    assert "window.__pwned" in page  # the text is there, escaped inside JSON
    # the only elements are ours: 4 JSON blocks and 3 scripts (vis, map, export), no <img>
    tags = start_tags(page)
    assert tags.count("script") == 7 and "img" not in tags
    details = json_block(page, "dg-data")["details"]
    evidence = details["meta|buys_compute_from|coreweave"]["evidence"][0]
    assert evidence["quote"] == HOSTILE_QUOTE
    assert evidence["article_title"] == HOSTILE_TITLE


def test_json_blocks_round_trip(page, seed_like_edges):
    nodes = json_block(page, "dg-nodes")
    edges = json_block(page, "dg-edges")
    options = json_block(page, "dg-options")
    assert len(edges) == len(seed_like_edges)
    assert {n["id"] for n in nodes} == {x for e in seed_like_edges for x in (e.source, e.target)}
    assert options["physics"]["enabled"] is True
    meta = json_block(page, "dg-data")["meta"]
    assert meta["counts"] == {"nodes": len(nodes), "edges": len(edges), "loops": 6}
    assert meta["large"] is False


def test_json_for_script_escapes_what_could_end_a_script_block():
    text = json_for_script({"a": "</script><!-- & \u2028\u2029 >"})
    assert not re.search("[<>&\u2028\u2029]", text)
    assert json.loads(text) == {"a": "</script><!-- & \u2028\u2029 >"}


def test_written_as_utf8_whatever_the_locale(tmp_path):
    """Under an ASCII locale (no UTF-8 mode), the page is still written as UTF-8."""
    script = (
        "import locale, sys\n"
        "from graph.model import Edge, Evidence\n"
        "from graph.render import render_map, write_map\n"
        "assert locale.getpreferredencoding(False).lower() not in ('utf-8', 'utf8')\n"
        "ev = Evidence(article_id='a', quote='\\u8f1d\\u9054 OpenAI', article_title='t')\n"
        "edge = Edge(source='nvidia', relation='invests_in', target='openai',"
        " source_name='\\u8f1d\\u9054', evidence=[ev])\n"
        "write_map(sys.argv[1], render_map([edge], []))\n"
    )
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONCOERCECLOCALE": "0"}
    env.pop("PYTHONUTF8", None)
    env.pop("PYTHONIOENCODING", None)
    out = tmp_path / "map.html"
    result = subprocess.run(
        [sys.executable, "-X", "utf8=0", "-c", script, str(out)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    text = out.read_bytes().decode("utf-8")
    assert "輝達 OpenAI" in text and '<meta charset="utf-8">' in text


def test_pyvis_default_page_is_cleaned_of_its_cdn_tags():
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    net.add_node(1, label="a")
    net.add_node(2, label="b")
    net.add_edge(1, 2)
    html = net.generate_html()
    assert remote_references(html)  # Bootstrap from a CDN
    cleaned = strip_remote(html)
    assert remote_references(cleaned) == []
    assert "vis.Network" in cleaned


def test_large_mode_is_chosen_by_size_and_lays_nodes_out_in_python():
    assert not is_large(300, 1500) and is_large(301, 10) and is_large(10, 1501)
    ev = Evidence(article_id="x", amount_usd=1e9, qualifier="exact")
    edges = [
        Edge(source=f"n{i}", relation="invests_in", target=f"n{(i * 7 + 1) % 400}", evidence=[ev])
        for i in range(400)
    ]
    page = render_map(edges, [])
    nodes = json_block(page, "dg-nodes")
    options = json_block(page, "dg-options")
    assert json_block(page, "dg-data")["meta"]["large"] is True
    assert options["physics"]["enabled"] is False and options["edges"]["smooth"] is False
    assert options["nodes"]["scaling"]["label"]["drawThreshold"] > 5  # labels wait for zoom
    assert all("x" in n and "y" in n for n in nodes)
    small = json_block(render_map(edges, [], large=False), "dg-options")
    assert small["physics"]["enabled"] is True


def test_focus_must_be_on_the_map(seed_like_edges):
    page = render_map(seed_like_edges, [], focus="openai")
    assert json_block(page, "dg-data")["meta"]["focus"] == "openai"
    with pytest.raises(ValueError, match="not a node"):
        render_map(seed_like_edges, [], focus="nobody")


def test_an_empty_map_still_renders(tmp_path: Path):
    page = render_map([], [])
    assert json_block(page, "dg-edges") == [] and remote_references(page) == []


def test_hostile_names_and_titles_are_escaped_too():
    bad = '<img src=x onerror="window.__pwned=1">'
    ev = Evidence(article_id="a", quote="q")
    edge = Edge(source="x", relation="invests_in", target="y", source_name=bad, evidence=[ev])
    page = render_map([edge], [], title=f"</title>{bad}", subtitle=bad)
    tags = start_tags(page)
    assert "img" not in tags and tags.count("script") == 7
    assert "<title>&lt;/title&gt;&lt;img src=x" in page
    assert json_block(page, "dg-data")["meta"]["title"] == f"</title>{bad}"
    assert json_block(page, "dg-nodes")[0]["label"] == bad


def test_urls_in_the_data_are_text_not_references():
    ev = Evidence(
        article_id="a",
        quote='see <a href="https://evil.example/x.js">',
        url="https://x.test/?src=https://y.test/z.js",
    )
    page = render_map([Edge(source="x", relation="invests_in", target="y", evidence=[ev])], [])
    assert remote_references(page) == []
    assert "src=https://y.test/z.js" in page  # shown as text in the panel
    assert remote_references('<img src="https://y.test/z.png">') != []

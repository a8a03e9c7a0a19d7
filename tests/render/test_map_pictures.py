"""Pictures for a story (PNG 2x, SVG) and labels in the reader's script, in Chromium.

Sizes are read from the files themselves (the PNG's IHDR chunk, the SVG's
root attributes); that a PNG is a real picture is checked by decoding it in
the browser and counting the pixels that are not white.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from graph.analysis.cycles import find_cycles
from graph.render.browser import _png_size
from graph.render.html import render_map, write_map
from tests.conftest import run_cli

pytestmark = pytest.mark.browser

SVG = "{http://www.w3.org/2000/svg}"
INK = """async (url) => {
    // decode the PNG in the browser: its size and how many pixels are not white
    const img = new Image();
    img.src = url;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth; c.height = img.naturalHeight;
    const ctx = c.getContext('2d', {willReadFrequently: true});
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let ink = 0, top = 0;
    for (let i = 0; i < d.length; i += 4) {
        if (d[i] + d[i + 1] + d[i + 2] < 700) {
            ink += 1;
            if (i / 4 < c.width * 100) top += 1;  // the title band (50 CSS px at 2x)
        }
    }
    return {width: c.width, height: c.height, ink: ink, top: top};
}"""


@pytest.fixture
def map_file(tmp_path, seed_like_edges, seed_like_orgs) -> Path:
    html = render_map(
        seed_like_edges,
        find_cycles(seed_like_edges),
        organizations=seed_like_orgs,
        title="AI money loops",
        subtitle="six loops",
    )
    return write_map(tmp_path / "map.html", html)


def svg_parts(text: str) -> tuple[ET.Element, ET.Element]:
    root = ET.fromstring(text)
    graph = next(g for g in root.iter(f"{SVG}g") if g.get("clip-path"))
    return root, graph


def test_png_at_2x_and_svg_of_what_the_map_shows(open_map, map_file):
    opened = open_map(map_file, width=1200, height=800)
    size = opened.js("() => window.dealgraph.exportSize()")
    box = opened.page.locator("#dg-network").bounding_box()
    assert size["width"] == round(box["width"])
    assert size["height"] > box["height"]  # title, legend and source line around it

    url = opened.js("() => window.dealgraph.png(2)")
    data = base64.b64decode(url.split(",", 1)[1])
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert _png_size(data) == (2 * size["width"], 2 * size["height"])
    decoded = opened.js(INK, url)
    assert decoded["ink"] > 0.01 * decoded["width"] * decoded["height"]
    assert decoded["top"] > 500  # the title is drawn

    root, graph = svg_parts(opened.js("() => window.dealgraph.svg()"))
    assert (root.get("width"), root.get("height")) == (str(size["width"]), str(size["height"]))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "AI money loops" in texts and "six loops" in texts
    assert any(t and t.startswith("Sources: ") for t in texts)
    view = opened.js("() => window.dealgraph.view()")
    nodes = opened.js("() => window.dealgraph.nodes.get().filter(n => !n.hidden).length")
    assert len(graph.findall(f"{SVG}path")) == len(view["edges"]) == 15
    assert len(graph.findall(f"{SVG}circle")) == nodes == 8
    assert {"Nvidia", "OpenAI", "Oracle"} <= set(texts)

    opened.page.get_by_label("buys compute from (5)").uncheck()
    _, graph = svg_parts(opened.js("() => window.dealgraph.svg()"))
    assert len(graph.findall(f"{SVG}path")) == 10
    assert opened.errors == []
    assert opened.blocked == []
    assert all(url.startswith(("file:", "data:", "blob:")) for url in opened.requests)


FITS = """(lines) => {
    // how wide each line is in the pictures' 12 px type, and how wide the map is
    const ctx = document.createElement('canvas').getContext('2d');
    ctx.font = "12px system-ui, 'Noto Sans CJK TC', 'Noto Sans CJK SC', sans-serif";
    return {widths: lines.map(t => ctx.measureText(t).width),
            room: document.getElementById('dg-network').clientWidth - 32};
}"""


def test_a_long_source_line_wraps_in_a_narrow_picture(open_map, tmp_path, seed_like_edges):
    source = "Sources: " + ", ".join(f"Outlet number {k}" for k in range(12)) + " (12 articles)"
    html = render_map(seed_like_edges, find_cycles(seed_like_edges), source=source)
    opened = open_map(write_map(tmp_path / "narrow.html", html), width=500, height=600)
    root, _ = svg_parts(opened.js("() => window.dealgraph.svg()"))
    texts = [t for t in root.iter(f"{SVG}text") if t.get("x") == "16"]
    start = next(k for k, t in enumerate(texts) if (t.text or "").startswith("Sources: "))
    lines = [t.text for t in texts[start:]]
    assert " ".join(lines) == source + " · drawn with dealgraph"
    assert len(lines) >= 3
    fits = opened.js(FITS, lines)
    assert max(fits["widths"]) <= fits["room"]
    ys = [float(t.get("y")) for t in texts[start:]]
    assert ys == sorted(ys) and float(root.get("height")) > ys[-1]  # each below the last
    size = opened.js("() => window.dealgraph.exportSize()")
    url = opened.js("() => window.dealgraph.png(2)")
    assert _png_size(base64.b64decode(url.split(",", 1)[1])) == (
        2 * size["width"],
        2 * size["height"],
    )
    assert opened.errors == []


@pytest.fixture(scope="module")
def cjk_font() -> None:
    """The test set-up's CJK font (fonts-noto-cjk): without it labels draw as boxes."""
    found = ""
    if shutil.which("fc-list"):
        found = subprocess.run(
            ["fc-list", ":lang=zh-tw", "family"], capture_output=True, text=True
        ).stdout
    if not found.strip():
        message = "no CJK font: install one with `apt-get install -y fonts-noto-cjk`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


GLYPHS = """(chars) => {
    // each character drawn in the map's label font; boxes (no font) would all look alike
    const font = window.dealgraph.network.body.nodes['nvidia'].options.font;
    return chars.map(ch => {
        const c = document.createElement('canvas');
        c.width = 40; c.height = 40;
        const ctx = c.getContext('2d', {willReadFrequently: true});
        ctx.font = '32px ' + font.face;
        ctx.fillText(ch, 2, 34);
        const d = ctx.getImageData(0, 0, 40, 40).data;
        let bits = '';
        for (let i = 3; i < d.length; i += 4) bits += d[i] > 128 ? '1' : '0';
        return bits;
    });
}"""


def test_chinese_labels_render(cjk_font, open_map, map_file):
    opened = open_map(map_file)
    labels = "() => Object.fromEntries(window.dealgraph.nodes.get().map(n => [n.id, n.label]))"
    assert opened.js(labels)["nvidia"] == "Nvidia"
    opened.page.select_option("#dg-labels", "zh-Hant")
    shown = opened.js(labels)
    assert shown["nvidia"] == "輝達" and shown["oracle"] == "甲骨文" and shown["amd"] == "超微"
    assert shown["openai"] == "OpenAI"  # no Chinese name known: the English one
    assert "輝達" in opened.page.inner_text("#dg-cycles")
    opened.page.select_option("#dg-labels", "zh-Hans")
    shown = opened.js(labels)
    assert shown["nvidia"] == "英伟达" and shown["microsoft"] == "微软"  # converted from 微軟
    glyphs = opened.js(GLYPHS, ["英", "伟", "达", "微", "软"])
    assert all("1" in g for g in glyphs)
    assert len(set(glyphs)) == len(glyphs)  # five different shapes, not five boxes
    _, graph = svg_parts(opened.js("() => window.dealgraph.svg()"))
    assert "英伟达" in [t.text for t in graph.iter(f"{SVG}text")]
    assert opened.errors == []


def test_cli_writes_png_and_svg_through_the_page(seed_like_workspace, tmp_path):
    png, svg = tmp_path / "m.png", tmp_path / "m.svg"
    result = run_cli(
        "map",
        "-o",
        str(tmp_path / "m.html"),
        "--png",
        str(png),
        "--svg",
        str(svg),
        "--size",
        "1000x700",
        "--labels",
        "zh-Hant",
        "--title",
        "AI 資金循環",
        "--format",
        "json",
        workspace=seed_like_workspace,
    )
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    width, height = _png_size(png.read_bytes())
    root = ET.fromstring(svg.read_text(encoding="utf-8"))
    assert (width, height) == (2 * int(root.get("width")), 2 * int(root.get("height")))
    assert summary["pictures"]["png"] == {"path": str(png), "width": width, "height": height}
    assert 500 < int(root.get("width")) <= 1000 and png.stat().st_size > 20_000
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "AI 資金循環" in texts and "輝達" in texts


def test_cli_story_picture_and_errors(seed_like_workspace, tmp_path):
    png = tmp_path / "loop.png"
    result = run_cli(
        "map",
        "-o",
        str(tmp_path / "s.html"),
        "--loop",
        "2",
        "--png",
        str(png),
        workspace=seed_like_workspace,
    )
    assert result.returncode == 0, result.stderr
    width, height = _png_size(png.read_bytes())
    assert width > 1000 and 200 < height < 2 * 1000  # the story panel at 2x, not the page
    assert f"Wrote {png}: PNG, {width}x{height}" in result.stdout

    result = run_cli(
        "map", "--loop", "99", "-o", str(tmp_path / "x.html"), workspace=seed_like_workspace
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "error: --loop 99: this map lists 6 loops; see them with `dealgraph cycles`"
    )
    result = run_cli(
        "map",
        "--png",
        str(png),
        "-o",
        str(tmp_path / "x.html"),
        workspace=seed_like_workspace,
        env={"DEALGRAPH_CHROMIUM": "/no/chromium"},
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "no Chromium at /no/chromium" in result.stderr and "DEALGRAPH_CHROMIUM" in result.stderr

    fake = tmp_path / "no-playwright" / "playwright"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise ImportError('playwright is not installed')\n")
    result = run_cli(
        "map",
        "--svg",
        str(tmp_path / "x.svg"),
        "-o",
        str(tmp_path / "x.html"),
        workspace=seed_like_workspace,
        env={"PYTHONPATH": str(fake.parent)},
    )
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "pip install playwright" in result.stderr
    assert not (tmp_path / "x.svg").exists()

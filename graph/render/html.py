"""One self-contained HTML page per map: pyvis options, inlined vis-network, our panels.

:func:`render_map` sets up a pyvis ``Network`` (options, physics, node and
edge lists built by :mod:`.payload`, never through pyvis's quadratic
``add_edge``) and renders it with pyvis's ``generate_html`` through our own
template (``assets/map.html.j2``), which inlines the vis-network copy pyvis
ships, our CSS and our script. The page loads nothing from anywhere:
:func:`strip_remote` removes any ``<script src>``/``<link href>`` that points
off the machine (pyvis's own template adds Bootstrap from a CDN) and
:func:`remote_references` is the check. All data goes into
``<script type="application/json">`` blocks with ``<``, ``>``, ``&`` and
U+2028/U+2029 escaped, and the page builds its DOM with ``textContent``.

Large maps (:data:`LARGE_NODES` nodes or :data:`LARGE_EDGES` edges and
more) get positions from :func:`graph.render.layout.spread_layout`, no
physics, straight edges and labels that appear only when zoomed in.

Examples
--------
>>> from graph.model import Edge, Evidence
>>> ev = Evidence(article_id="a", quote="<script>alert(1)</script>", amount_usd=1e9)
>>> page = render_map([Edge(source="x", relation="invests_in", target="y", evidence=[ev])], [])
>>> "<script>alert(1)" in page, "\\\\u003cscript\\\\u003ealert(1)" in page
(False, True)
>>> remote_references(page)
[]
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from graph.analysis.cycles import Cycle
from graph.model import Edge, Organization
from graph.render.facets import LANGUAGES, source_line
from graph.render.payload import MapData, build_map_data, cycle_edges, edge_id

__all__ = [
    "render_map",
    "write_map",
    "strip_remote",
    "remote_references",
    "is_large",
    "LARGE_NODES",
    "LARGE_EDGES",
]

#: past either size a map is drawn in large-graph mode (unless forced)
LARGE_NODES = 300
LARGE_EDGES = 1500

ASSETS = Path(__file__).parent / "assets"
TEMPLATE = "map.html.j2"

_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029]")
_REMOTE_TAG = re.compile(
    r"<(script|link)\b[^>]*?\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//[^>]*>(?:\s*</script>)?",
    re.IGNORECASE,
)
_JSON_BLOCK = re.compile(
    r"(<script type=\"application/json\"[^>]*>).*?(</script>)", re.DOTALL | re.IGNORECASE
)
_REMOTE_REF = re.compile(
    r"""(?:\b(?:src|href|srcset|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//"""
    r"""|url\(\s*["']?\s*(?:https?:)?//|@import\s+["']?(?:url\()?\s*["']?(?:https?:)?//)""",
    re.IGNORECASE,
)


def is_large(nodes: int, edges: int) -> bool:
    """True when a map of this size should be drawn in large-graph mode."""
    return nodes > LARGE_NODES or edges > LARGE_EDGES


def render_map(
    edges: Iterable[Edge],
    cycles: Iterable[Cycle],
    *,
    title: str = "dealgraph: who pays whom",
    focus: str | None = None,
    stress: Mapping[str, float] | None = None,
    large: bool | None = None,
    organizations: Iterable[Organization] = (),
    subtitle: str | None = None,
    labels: str = "en",
    story: int | None = None,
    source: str | None = None,
) -> str:
    """The whole HTML page of a map of ``edges`` with the ranked ``cycles`` listed.

    ``focus`` is the id of an organization to centre on; ``stress`` colours
    nodes by relative loss (id -> 0..1); ``large`` forces large-graph mode on
    or off (``None``: by size); ``organizations`` give names, kinds, sectors
    and aliases for search and for ``labels`` (one of
    :data:`~graph.render.facets.LANGUAGES`). ``story`` (a loop's rank, from 1)
    opens on that loop's story; ``source`` is the picture's source line
    (default: the outlets of the drawn evidence).
    """
    edges, cycles = list(edges), list(cycles)
    if labels not in LANGUAGES:
        raise ValueError(f"labels {labels!r}: use one of {', '.join(LANGUAGES)}")
    if story is not None and not 1 <= story <= len(cycles):
        raise ValueError(f"loop {story} is not on the map: it lists {len(cycles)} loops")
    data = build_map_data(edges, cycles, organizations=organizations, stress=stress)
    for node in data.nodes:
        node["label"] = node["labels"][labels]
    if large is None:
        large = is_large(len(data.nodes), len(data.edges))
    if large:
        from graph.render.layout import spread_layout

        positions = spread_layout(
            [n["id"] for n in data.nodes], [(e["from"], e["to"]) for e in data.edges]
        )
        for node in data.nodes:
            node["x"], node["y"] = (round(v, 1) for v in positions[node["id"]])
            node["size"] = round(3 + (node["size"] - 8) * 0.6, 2)  # room between dots
        for edge in data.edges:
            edge.pop("smooth", None)
            # quotes stay in the side panel: 20,000 of them in tooltips weigh megabytes
            edge["title"] = "\n".join(edge["title"].split("\n")[:2] + ["click for the quotes"])
    if focus is not None and focus not in data.orgs:
        raise ValueError(f"focus {focus!r} is not a node of the map")
    meta = {
        "title": title,
        "subtitle": subtitle,
        "large": large,
        "focus": focus,
        "stress": stress is not None,
        "labels": labels,
        "story": None if story is None else story - 1,
        "source": source if source is not None else source_line(_drawn(edges, cycles)),
        "counts": {"nodes": len(data.nodes), "edges": len(data.edges), "loops": len(cycles)},
    }
    html = _generate(data, meta, large=large, nodes=len(data.nodes))
    html = strip_remote(html)
    leftover = remote_references(html)
    if leftover:  # a bug, not a user error: the page must work offline
        raise RuntimeError(f"the map still references remote resources: {leftover[:3]}")
    return html


def write_map(path: Path | str, html: str) -> Path:
    """Write the page as UTF-8 (whatever the platform's locale) and return its path."""
    path = Path(path)
    path.write_text(html, encoding="utf-8", newline="\n")
    return path


def strip_remote(html: str) -> str:
    """``html`` without ``<script src>``/``<link href>`` tags that load from the network."""
    return _REMOTE_TAG.sub("", html)


def remote_references(html: str) -> list[str]:
    """Every place ``html`` would fetch something from off the machine (should be none).

    The contents of ``<script type="application/json">`` blocks are data, never
    fetched (an article's URL may well say ``?src=https://...``), so they are
    not searched.
    """
    markup = _JSON_BLOCK.sub(r"\1\2", html)
    return [m.group(0) for m in _REMOTE_REF.finditer(markup)]


def json_for_script(value: Any) -> str:
    """JSON safe to put inside ``<script type="application/json">``.

    >>> json_for_script({"q": "</script><b>&\u2028"})
    '{"q": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026\\\\u2028"}'
    """
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return _JSON_UNSAFE.sub(lambda m: _JSON_ESCAPES[m.group(0)], text)


def _drawn(edges: list[Edge], cycles: list[Cycle]) -> list[Edge]:
    ids = {edge_id(e): e for e in edges}
    for edge in cycle_edges(cycles):
        ids.setdefault(edge_id(edge), edge)
    return list(ids.values())


def _options(large: bool, nodes: int = 0) -> dict[str, Any]:
    """vis-network options, set through pyvis's option objects where pyvis has them."""
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    net.inherit_edge_colors(False)
    # pyvis defaults to "dynamic" curves: one hidden physics node per edge
    net.set_edge_smooth("continuous")
    if large:
        net.toggle_physics(False)
        net.toggle_hide_edges_on_drag(True)
    else:
        net.barnes_hut(
            gravity=-9000,
            central_gravity=0.25,
            spring_length=190,
            spring_strength=0.03,
            damping=0.5,
            overlap=0.6,
        )
    options: dict[str, Any] = json.loads(net.options.to_json())
    options.pop("configure", None)
    font = "system-ui, 'Noto Sans CJK TC', 'Noto Sans CJK SC', sans-serif"
    label_threshold = {"drawThreshold": 14 if large else 5, "maxVisible": 30}
    options["nodes"] = {
        "shape": "dot",
        "borderWidth": 1.5,
        # a few dozen organizations fill the view at a small zoom: larger type stays readable
        "font": {
            "size": 22 if 0 < nodes <= 60 else 16,
            "face": font,
            "strokeWidth": 4,
            "strokeColor": "#ffffff",
        },
        "scaling": {"label": {"enabled": False, **label_threshold}},
    }
    options["edges"].update(
        {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "font": {
                "size": 14 if 0 < nodes <= 60 else 12,
                "face": font,
                "align": "middle",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
                "color": "#333333",
            },
            "scaling": {"label": {"enabled": False, **label_threshold}},
            "selectionWidth": 1.5,
            "hoverWidth": 0.8,
        }
    )
    if large:
        options["edges"]["smooth"] = False
        options["layout"] = {"improvedLayout": False}
    else:
        options["physics"]["stabilization"] = {"enabled": True, "iterations": 400, "fit": True}
        options["layout"] = {"randomSeed": 7, "improvedLayout": True}
    options["interaction"].update(
        {"hover": True, "tooltipDelay": 150, "hideEdgesOnZoom": large, "keyboard": False}
    )
    return options


def _generate(data: MapData, meta: dict[str, Any], *, large: bool, nodes: int) -> str:
    """Render the page with pyvis's ``generate_html`` and our template."""
    import jinja2
    import markupsafe
    import pyvis
    from pyvis.network import Network

    net = Network(
        height="100%",
        width="100%",
        directed=True,
        cdn_resources="in_line",
        heading=meta["title"],
    )
    net.nodes, net.edges = data.nodes, data.edges  # built in bulk, not with add_edge
    net.options = _options(large, nodes)
    pyvis_templates = Path(pyvis.__file__ or "").parent / "templates"
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [jinja2.FileSystemLoader(str(ASSETS)), jinja2.FileSystemLoader(str(pyvis_templates))]
        ),
        autoescape=True,
    )
    env.filters["json_for_script"] = lambda v: markupsafe.Markup(json_for_script(v))
    env.globals["dealgraph"] = {**data.payload(), "meta": meta}
    net.templateEnv = env
    net.path = TEMPLATE
    return str(net.generate_html())

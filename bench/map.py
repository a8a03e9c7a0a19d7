"""How fast a 5,000-node, 20,000-edge map becomes stable and responsive in Chromium.

Two pages of the same random graph, opened from file:// URLs in Debian's
Chromium (never a downloaded browser), each ``--repeat`` times:

* **dealgraph**: ``render_map`` in large-graph mode (layout computed in
  Python, physics off, straight edges, labels hidden until zoomed in);
  stable = the first ``afterDrawing`` (the page sets ``dealgraph.readyAt``).
* **pyvis defaults**: ``Network(directed=True).add_nodes(...)``,
  ``add_edges(...)``, ``generate_html()`` with physics on, as pyvis makes it
  (``cdn_resources="in_line"``, the only pyvis mode that draws offline; its
  Bootstrap CDN tags are left in and their requests refused); stable = vis
  fires ``stabilized``, given at most ``--cap`` seconds.

Responsive: once stable, a real mouse click on the node nearest the centre
and a hover on another, each timed in the page from the input event to the
next ``afterDrawing``. On the dealgraph page, each filter change (untick and
tick a relation, an amount floor, the time slider to its middle month and
back, "only edges on a loop", Clear) is fired on the page's own controls and
timed from the event to the end of the first drawing that starts once the
page's handler has returned (``filter_ms``: the slowest of them; ``filters``:
each one, the median of ``--rounds`` on each page). ``none`` is a redraw with
nothing changed: the floor any change pays on a busy machine. Times are
medians over the repeats, in ms (stable: since navigation start). Python
build times are reported once.

``--baseline DIR`` adds a third page, the same graph drawn by the
``render_map`` of another checkout (e.g. ``git worktree add /tmp/before
main``), opened in turn with the others and timed the same way.

Run:  .venv/bin/python bench/map.py            (about 8 minutes on 2 cores)
      .venv/bin/python bench/map.py --only dealgraph --baseline /tmp/before
      .venv/bin/python bench/map.py --nodes 1000 --edges 4000 --repeat 1 --cap 30
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.model import RELATIONS, Edge, Evidence  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
FLOWS = [name for name, rel in RELATIONS.items() if rel.money_flows]

# added to the pyvis page right after its drawGraph(): the events we time, sent as
# console messages (the page's main thread can be busy for many seconds at a time,
# so we listen rather than ask)
PYVIS_HOOK = """<script>
network.once("afterDrawing", function () { console.log("bench:drawn:" + performance.now()); });
network.once("stabilizationIterationsDone", function () {
  console.log("bench:iterations_done:" + performance.now()); });
network.once("stabilized", function () { console.log("bench:stable:" + performance.now()); });
</script>
</body>"""

# arms a timer: input event -> the network's next afterDrawing
ARM = """(kind) => {
  const net = window.__net(), box = document.querySelector(window.__container());
  window.__rt = {start: null, done: null};
  const start = (ev) => { if (window.__rt.start === null) window.__rt.start = ev.timeStamp; };
  box.addEventListener(kind === "click" ? "pointerdown" : "pointermove", start,
                       {capture: true, once: true});
  net.once(kind === "click" ? "click" : "hoverNode", () => {
    net.once("afterDrawing", () => { window.__rt.done = performance.now(); });
    net.redraw();
  });
}"""

# the DOM positions of the two visible nodes nearest the centre of the canvas
TARGETS = """() => {
  const net = window.__net(), box = document.querySelector(window.__container());
  const w = box.clientWidth, h = box.clientHeight, pos = net.getPositions();
  const ranked = Object.keys(pos).map((id) => {
    const p = net.canvasToDOM(pos[id]);
    return {id, x: p.x, y: p.y, d: Math.hypot(p.x - w / 2, p.y - h / 2)};
  }).filter((p) => p.x > 20 && p.y > 20 && p.x < w - 20 && p.y < h - 20);
  ranked.sort((a, b) => a.d - b.d);
  return ranked.slice(0, 2);
}"""


# one filter change on the page's own controls, timed to the next drawing
FILTER = """(step) => new Promise((resolve) => {
  const net = window.dealgraph.network, q = (s) => document.querySelector(s);
  const t0 = performance.now();
  const fire = (sel, value) => {
    const box = q(sel); box.value = value; box.dispatchEvent(new Event("input"));
  };
  const months = window.dealgraph.data.legend.months.length;
  if (step === "relation_off" || step === "relation_on") q("#dg-relations input").click();
  else if (step === "amount") fire("#dg-min", "1");
  else if (step === "slider_middle") fire("#dg-asof", String(Math.floor(months / 2)));
  else if (step === "slider_all") fire("#dg-asof", String(months));
  else if (step === "loops_only") q("#dg-loops-only").click();
  else if (step === "clear") q("#dg-clear").click();
  // the first drawing that starts once the page has taken the change in
  const applied = performance.now() - t0;
  const timer = setTimeout(() => resolve({applied: applied, drawn: null}), 10000);
  net.once("afterDrawing", () => {
    clearTimeout(timer);
    resolve({applied: applied, drawn: performance.now() - t0});
  });
  net.redraw();
})"""
# the same page from another checkout's render_map, in a process of its own
BASELINE_PAGE = """
import sys, time
sys.path.insert(0, sys.argv[1])
from graph.analysis.cycles import find_cycles
from graph.model import Edge
from graph.render.html import render_map, write_map
with open(sys.argv[2], encoding="utf-8") as lines:
    edges = [Edge.model_validate_json(line) for line in lines]
loops = find_cycles(edges, max_length=int(sys.argv[4]), limit=200)
t = time.perf_counter()
html = render_map(edges, loops, title="bench", large=True)
print(time.perf_counter() - t)
write_map(sys.argv[3], html)
"""
STEPS = (
    "none",
    "relation_off",
    "relation_on",
    "amount",
    "slider_middle",
    "slider_all",
    "loops_only",
    "clear",
)


def random_graph(nodes: int, edges: int, seed: int) -> list[Edge]:
    """``edges`` distinct money-flow edges between ``nodes`` organizations."""
    rng = random.Random(seed)
    out: dict[tuple[str, str, str], Edge] = {}
    day0 = dt.date(2023, 1, 1)
    while len(out) < edges:
        a, b = rng.randrange(nodes), rng.randrange(nodes)
        if a == b:
            continue
        relation = rng.choice(FLOWS)
        usd = 10 ** rng.uniform(6, 11) if rng.random() < 0.7 else None
        ev = Evidence(
            article_id=f"a{rng.randrange(edges)}",
            article_title=f"Article {rng.randrange(edges)}",
            outlet="bench",
            quote=f"Org {a} {RELATIONS[relation].label} Org {b}",
            amount_usd=usd,
            qualifier="exact" if usd else None,
            date=day0 + dt.timedelta(days=rng.randrange(1000)),
        )
        key = (f"org{a}", relation, f"org{b}")
        out[key] = Edge(
            source=key[0],
            relation=relation,  # type: ignore[arg-type]
            target=key[2],
            source_name=f"Org {a}",
            target_name=f"Org {b}",
            evidence=[ev],
        )
    return list(out.values())


def build_pages(edges: list[Edge], folder: Path, max_length: int) -> dict[str, Any]:
    from pyvis.network import Network

    from graph.analysis.cycles import find_cycles
    from graph.render.html import render_map, write_map

    timings: dict[str, Any] = {}
    t = time.perf_counter()
    loops = find_cycles(edges, max_length=max_length, limit=200)
    timings["find_cycles_s"] = time.perf_counter() - t
    t = time.perf_counter()
    html = render_map(edges, loops, title="bench", large=True)
    timings["dealgraph_build_s"] = time.perf_counter() - t
    write_map(folder / "dealgraph.html", html)
    timings["dealgraph_mb"] = len(html.encode()) / 1e6

    t = time.perf_counter()
    net = Network(directed=True, cdn_resources="in_line")
    ids = sorted({n for e in edges for n in (e.source, e.target)})
    net.add_nodes(ids, label=ids)
    net.add_edges([(e.source, e.target) for e in edges])
    page = net.generate_html()
    timings["pyvis_build_s"] = time.perf_counter() - t
    page = page.replace("</body>", PYVIS_HOOK, 1)
    write_map(folder / "pyvis.html", page)
    timings["pyvis_mb"] = len(page.encode()) / 1e6
    return timings


def build_baseline(edges: list[Edge], folder: Path, checkout: Path, max_length: int) -> float:
    """Write ``baseline.html`` with ``checkout``'s renderer; its build time in seconds."""
    data = folder / "edges.jsonl"
    data.write_text("".join(e.model_dump_json() + "\n" for e in edges), encoding="utf-8")
    page = folder / "baseline.html"
    done = subprocess.run(
        [sys.executable, "-c", BASELINE_PAGE, str(checkout), str(data), str(page), str(max_length)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(done.stdout.split()[-1])


def open_page(
    browser: Any, path: Path, kind: str, cap: float, filter_rounds: int = 1
) -> dict[str, Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, service_workers="block")
    page = context.new_page()
    refused: list[str] = []

    def route(r: Any) -> None:
        if r.request.url.startswith(("file:", "data:")):
            r.continue_()
        else:
            refused.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    marks: dict[str, float] = {}

    def console(msg: Any) -> None:
        if msg.text.startswith("bench:"):
            _, name, value = msg.text.split(":")
            marks[name] = float(value)

    page.on("console", console)
    if kind != "pyvis":
        page.add_init_script(
            "window.__net = () => window.dealgraph.network;"
            "window.__container = () => '#dg-network';"
            "addEventListener('load', () => { const wait = () => window.dealgraph.ready"
            " ? console.log('bench:stable:' + window.dealgraph.readyAt)"
            " : setTimeout(wait, 20); wait(); });"
        )
    else:
        page.add_init_script(
            "window.__net = () => network; window.__container = () => '#mynetwork';"
        )
    result: dict[str, Any] = {}
    page.goto(path.resolve().as_uri(), wait_until="commit")
    deadline = time.monotonic() + cap
    while "stable" not in marks and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    result["stable_ms"] = marks.get("stable")
    result.update({f"{k}_ms": v for k, v in marks.items() if k != "stable"})
    if result["stable_ms"] is None:  # its main thread is busy: no interaction to time
        result["refused_requests"] = len(refused)
        context.close()
        return result
    box = page.locator("#mynetwork" if kind == "pyvis" else "#dg-network").bounding_box()
    for action in ("click", "hover"):
        # the view may have moved (a click focuses): find a target where it is now
        targets = page.evaluate(TARGETS)
        if not targets:
            result[f"{action}_ms"] = None
            continue
        target = targets[0] if action == "click" else targets[-1]
        x, y = box["x"] + target["x"], box["y"] + target["y"]
        if action == "hover":
            page.mouse.move(x - 40, y - 40)
            page.wait_for_timeout(500)
        page.evaluate(ARM, action)
        if action == "click":
            page.mouse.click(x, y)
        else:
            page.mouse.move(x, y)
        try:
            page.wait_for_function("() => window.__rt.done !== null", timeout=30_000, polling=10)
            rt = page.evaluate("window.__rt")
            result[f"{action}_ms"] = rt["done"] - rt["start"] if rt["start"] else None
        except Exception:  # noqa: BLE001
            result[f"{action}_ms"] = None
    if kind != "pyvis":
        rounds: dict[str, list[Any]] = {step: [] for step in STEPS}
        for _ in range(filter_rounds):  # Clear, the last step, puts the page back
            for step in STEPS:
                timed = page.evaluate(FILTER, step)
                rounds[step].append(timed["drawn"])
                page.wait_for_timeout(200)
        filters = {step: median(times) for step, times in rounds.items()}
        result["filters"] = filters
        changes = [v for k, v in filters.items() if k != "none"]
        known = [v for v in changes if v is not None]
        result["filter_ms"] = max(known) if len(known) == len(changes) else None
    result["refused_requests"] = len(refused)
    context.close()
    return result


def median(values: list[Any]) -> Any:
    known = [v for v in values if v is not None]
    if len(known) < len(values):
        return None
    return statistics.median(known)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--edges", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--rounds", type=int, default=3, help="times each filter change is timed per page"
    )
    parser.add_argument("--cap", type=float, default=120.0, help="seconds to wait for pyvis")
    parser.add_argument("--max-length", type=int, default=6, help="loop length for the list")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--only", choices=("dealgraph", "pyvis"), help="open only one of the two pages"
    )
    parser.add_argument(
        "--baseline", type=Path, help="another checkout whose page is timed side by side"
    )
    args = parser.parse_args()
    if args.baseline is not None and not (args.baseline / "graph" / "render").is_dir():
        parser.error(f"--baseline {args.baseline}: no graph/render there; give a checkout")
    from playwright.sync_api import sync_playwright

    edges = random_graph(args.nodes, args.edges, args.seed)
    folder = Path(tempfile.mkdtemp(prefix="dealgraph-bench-map-"))
    built = build_pages(edges, folder, args.max_length)
    print(f"graph: {args.nodes} nodes, {len(edges)} edges; pages in {folder}")
    print(
        f"build: find_cycles(max_length={args.max_length}) {built['find_cycles_s']:.1f} s; "
        f"dealgraph page {built['dealgraph_build_s']:.1f} s ({built['dealgraph_mb']:.1f} MB); "
        f"pyvis page {built['pyvis_build_s']:.1f} s ({built['pyvis_mb']:.1f} MB)"
    )
    runs: dict[str, list[dict[str, Any]]] = {
        k: [] for k in ("dealgraph", "pyvis") if args.only in (None, k)
    }
    if args.baseline is not None:
        built["baseline_build_s"] = build_baseline(
            edges, folder, args.baseline.resolve(), args.max_length
        )
        print(f"baseline page ({args.baseline}) {built['baseline_build_s']:.1f} s")
        runs = {"baseline": [], **runs}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for n in range(args.repeat):
            for kind in runs:
                run = open_page(browser, folder / f"{kind}.html", kind, args.cap, args.rounds)
                runs[kind].append(run)
                print(f"run {n + 1} {kind}: {json.dumps(run)}", flush=True)
        browser.close()
    summary: dict[str, Any] = {"graph": {"nodes": args.nodes, "edges": len(edges)}, **built}
    for kind, results in runs.items():
        keys = sorted({k for r in results for k in r} - {"filters"})
        summary[kind] = {k: median([r.get(k) for r in results]) for k in keys}
        if kind != "pyvis":
            summary[kind]["filters"] = {
                step: median([r["filters"][step] for r in results if "filters" in r])
                for step in STEPS
            }
    print()
    for kind, label in (
        ("baseline", "baseline large-graph mode"),
        ("dealgraph", "dealgraph large-graph mode"),
        ("pyvis", "pyvis defaults"),
    ):
        if kind not in runs:
            continue
        stats = summary[kind]
        stable = stats["stable_ms"]
        text = (
            f"{stable / 1000:.2f} s"
            if stable is not None
            else f"did not stabilise in {args.cap:g} s"
        )
        if stable is None:
            drawn = [r.get("drawn_ms") for r in runs[kind]]
            text += (
                f" (first drawn at {median(drawn) / 1000:.0f} s)"
                if None not in drawn
                else " (nothing drawn)"
            )
        click = stats.get("click_ms")
        hover = stats.get("hover_ms")
        print(
            f"{label:28} stable: {text:52} click: "
            + (f"{click:.0f} ms" if click is not None else "n/a")
            + "  hover: "
            + (f"{hover:.0f} ms" if hover is not None else "n/a")
            + f"  (median of {args.repeat})"
        )
        if "filters" in stats:
            steps = ", ".join(
                f"{k} {v:.0f} ms" if v is not None else f"{k} n/a"
                for k, v in stats["filters"].items()
            )
            print(f"{'':28} filter changes: {steps}")
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()

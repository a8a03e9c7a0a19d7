"""Time the bounded loop search against networkx and igraph on random digraphs.

For random (gnm, 5 edges per node) and scale-free (networkx's Bollobás
model) digraphs of about 1k, 10k and 100k edges, at length bounds 4 to 6, it
times three enumerations of every simple cycle of at most ``bound`` nodes:

* **ours**: :func:`graph.analysis.search.bounded_simple_cycles` on the
  networkx graph (its compaction of the graph included);
* **networkx**: ``networkx.simple_cycles(G, length_bound=bound)``, the
  reference, run in a forked child so a slow run can be stopped at ``--cap``
  seconds (reported as "> 60 s");
* **igraph**: ``igraph.Graph.simple_cycles(max=bound)`` on an igraph copy of
  the graph (its construction not included). igraph is GPL: it is only a
  benchmark dependency (``pip install -e .[bench]``), never a runtime one.

Each timing materialises the full list of cycles and is the median of
``--runs`` runs in this process, in CPU seconds of the process doing the
work (``time.process_time``), so other load on a shared machine does not
count; the ``--cap`` is wall-clock. Every method's cycles are checked to be the
same set as ours (count and an order-free fingerprint of the rotations);
a mismatch is printed and the script exits 1.

With ``--end-to-end`` it times the whole report instead, as a user waits
for it: the 10,000-row curated store of ``bench/curated_load.py`` (loaded
with the real CLI into a fresh workspace), then ``dealgraph cycles
--max-length 6 --format json`` in a subprocess (start-up, store read, graph,
search, every printed loop's quotes and the JSON written; CPU seconds of the
child, and by the clock), next to ``networkx.simple_cycles(G,
length_bound=6)`` on the same store's projection in this process, medians of
``--runs``. The report must hold networkx's loops (else the exit code is 1).

Usage::

    .venv/bin/python bench/cycles.py                      # the full table
    .venv/bin/python bench/cycles.py --sizes 10000 --bounds 6 --kinds gnm
    .venv/bin/python bench/cycles.py --end-to-end         # the report against networkx
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent))  # its sibling curated_load.py

from curated_load import _canonical, _networkx, _run, write_deals  # noqa: E402

from graph.analysis.search import bounded_simple_cycles  # noqa: E402

__all__ = ["main", "make_graph", "fingerprint"]

SEED = 42


@dataclass
class Timing:
    """One method on one graph: median seconds (None if stopped), cycles, fingerprint."""

    seconds: float | None
    count: int | None = None
    print_: int | None = None
    note: str = ""

    def cell(self, cap: float) -> str:
        if self.note:
            return self.note
        if self.seconds is None:
            return f"> {cap:g} s"
        return f"{self.seconds:.3f}"


def make_graph(kind: str, edges: int, seed: int = SEED) -> nx.DiGraph:
    """A digraph of about ``edges`` edges: ``gnm`` (n = edges / 5) or ``scale-free``."""
    if kind == "gnm":
        return nx.gnm_random_graph(edges // 5, edges, seed=seed, directed=True)
    if kind == "scale-free":
        nodes = round(edges / 1.9)  # distinct non-loop edges per node, about
        for _ in range(2):  # the second try corrects the first's ratio
            graph = nx.DiGraph(nx.scale_free_graph(nodes, seed=seed))
            graph.remove_edges_from(list(nx.selfloop_edges(graph)))
            nodes = round(nodes * edges / graph.number_of_edges())
        return graph
    raise ValueError(f"unknown graph kind {kind!r}; use gnm or scale-free")


def fingerprint(cycles: Iterable[Sequence[Hashable]]) -> tuple[int, int]:
    """(count, order-free hash) of cycles, each rotated to start at its smallest node."""
    count = total = 0
    for cycle in cycles:
        cycle = list(cycle)
        first = cycle.index(min(cycle))  # type: ignore[type-var]
        total = (total + hash(tuple(cycle[first:] + cycle[:first]))) % (1 << 64)
        count += 1
    return count, total


def _median_run(
    run: Callable[[], list[Any]], runs: int, label: Callable[[Any], Hashable] | None = None
) -> Timing:
    """Time ``run`` ``runs`` times; fingerprint the first result (``label`` maps ids)."""
    seconds = []
    count = print_ = None
    for _ in range(runs):
        start = time.process_time()
        result = run()
        seconds.append(time.process_time() - start)
        if count is None:
            cycles = result if label is None else ([label(i) for i in c] for c in result)
            count, print_ = fingerprint(cycles)
        del result
    return Timing(statistics.median(seconds), count, print_)


def time_ours(graph: nx.DiGraph, bound: int, runs: int) -> Timing:
    return _median_run(lambda: list(bounded_simple_cycles(graph, bound)), runs)


def time_igraph(graph: nx.DiGraph, bound: int, runs: int) -> Timing:
    try:
        import igraph
    except ImportError:
        return Timing(None, note="not installed")
    labels = list(graph)
    index = {v: i for i, v in enumerate(labels)}
    copy = igraph.Graph(
        n=len(labels), edges=[(index[u], index[v]) for u, v in graph.edges()], directed=True
    )
    return _median_run(lambda: copy.simple_cycles(max=bound), runs, labels.__getitem__)


def _networkx_child(graph: nx.DiGraph, bound: int, runs: int, conn: Any) -> None:
    """Send each run's seconds as it ends, and the first run's fingerprint."""
    for n in range(runs):
        start = time.process_time()
        result = list(nx.simple_cycles(graph, length_bound=bound))
        conn.send(time.process_time() - start)
        if n == 0:
            conn.send(fingerprint(result))
        del result


def time_networkx(graph: nx.DiGraph, bound: int, runs: int, cap: float) -> Timing:
    """networkx in a forked child, each run stopped after ``cap`` seconds."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_networkx_child, args=(graph, bound, runs, send))
    child.start()
    send.close()
    seconds: list[float] = []
    count = print_ = None
    try:
        for n in range(runs):
            if not receive.poll(cap):
                break
            seconds.append(receive.recv())
            if n == 0:
                count, print_ = receive.recv()
    finally:
        child.terminate()
        child.join()
    if not seconds:
        return Timing(None)
    timing = Timing(statistics.median(seconds), count, print_)
    if len(seconds) < runs:
        timing.note = f"{timing.seconds:.3f} ({len(seconds)} of {runs} runs)"
    return timing


def _ratio(slow: Timing, fast: Timing, cap: float) -> str:
    if fast.seconds is None or fast.note == "not installed":
        return ""
    if slow.seconds is None:
        return f"> {cap / fast.seconds:.0f}x" if not slow.note else ""
    return f"{slow.seconds / fast.seconds:.1f}x"


def end_to_end(rows: int, orgs: int, runs: int) -> int:
    """``dealgraph cycles --max-length 6 --format json`` against networkx, on a curated store."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        deals, workspace = folder / "deals.csv", folder / "ws"
        write_deals(deals, rows, orgs)
        _, _, loaded = _run(["load", str(deals), "--add-unknown", "--format", "json"], workspace)
        if loaded.returncode != 0:
            print(loaded.stderr, file=sys.stderr)
            return 1
        store = json.loads(loaded.stdout)["store"]
        timings: dict[str, tuple[list[float], list[float]]] = {}
        reports: dict[str, Any] = {}
        commands = {
            "full": ["cycles", "--max-length", "6", "--format", "json"],
            "top": ["cycles", "--max-length", "6", "--format", "json", "--limit", "100"],
        }
        for _ in range(runs):
            for name, command in commands.items():
                wall, cpu, done = _run(command, workspace)
                if done.returncode != 0:
                    print(done.stderr, file=sys.stderr)
                    return 1
                walls, cpus = timings.setdefault(name, ([], []))
                walls.append(wall)
                cpus.append(cpu)
                reports[name] = done.stdout
        nx_wall, nx_cpu, nx_loops = _networkx(workspace / "dealgraph.sqlite", runs)
    loops = json.loads(reports["full"])
    same = nx_loops == {_canonical(loop["ids"]) for loop in loops}
    size = len(reports["full"].encode("utf-8")) / 1e6
    wall, cpu = (statistics.median(t) for t in timings["full"])
    top_wall, top_cpu = (statistics.median(t) for t in timings["top"])
    print(
        f"{rows} curated rows: {store['edges']} edges between {store['organizations']} "
        f"organizations; medians of {runs}"
    )
    print()
    print("| step | CPU s | clock s | result |")
    print("|---|---:|---:|---|")
    print(
        f"| `dealgraph cycles --max-length 6 --format json` | {cpu:.2f} | {wall:.2f} "
        f"| all {len(loops)} loops, every quote, {size:.1f} MB of JSON |"
    )
    print(f"| the same with `--limit 100` | {top_cpu:.2f} | {top_wall:.2f} | the top 100 loops |")
    print(
        f"| `networkx.simple_cycles(G, length_bound=6)` (search only) | {nx_cpu:.2f} "
        f"| {nx_wall:.2f} | {len(nx_loops or ())} loops, "
        f"{'the same' if same else 'NOT the same'} |"
    )
    print()
    print(
        f"end to end, the full report is {nx_cpu / cpu:.1f}x networkx's search by CPU time, "
        f"{nx_wall / wall:.1f}x by the clock"
    )
    if not same:
        print("MISMATCH: the report's loops are not networkx's", file=sys.stderr)
    return 0 if same else 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kinds", default="gnm,scale-free", help="gnm,scale-free")
    parser.add_argument("--sizes", default="1000,10000,100000", help="edge counts")
    parser.add_argument("--bounds", default="4,5,6", help="length bounds")
    parser.add_argument("--runs", type=int, default=3, help="runs per timing (median)")
    parser.add_argument("--cap", type=float, default=60.0, help="seconds before networkx stops")
    parser.add_argument("--no-networkx", action="store_true", help="skip networkx")
    parser.add_argument("--no-igraph", action="store_true", help="skip igraph")
    parser.add_argument(
        "--end-to-end", action="store_true", help="the whole report on a curated store"
    )
    parser.add_argument("--rows", type=int, default=10_000, help="curated rows (--end-to-end)")
    parser.add_argument("--orgs", type=int, default=2_000, help="organizations (--end-to-end)")
    args = parser.parse_args(argv)
    if args.end_to_end:
        return end_to_end(args.rows, args.orgs, args.runs)

    print(
        "| graph | nodes | edges | bound | cycles | ours (s) | networkx (s) | igraph (s) "
        "| networkx / ours | igraph / ours |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    failures = []
    for kind in args.kinds.split(","):
        for size in (int(s) for s in args.sizes.split(",")):
            graph = make_graph(kind, size)
            for bound in (int(b) for b in args.bounds.split(",")):
                ours = time_ours(graph, bound, args.runs)
                reference = (
                    Timing(None, note="skipped")
                    if args.no_networkx
                    else time_networkx(graph, bound, args.runs, args.cap)
                )
                other = (
                    Timing(None, note="skipped")
                    if args.no_igraph
                    else time_igraph(graph, bound, args.runs)
                )
                for name, timing in (("networkx", reference), ("igraph", other)):
                    if timing.count is not None and (timing.count, timing.print_) != (
                        ours.count,
                        ours.print_,
                    ):
                        failures.append(
                            f"{kind} {size} bound {bound}: {name} found {timing.count} "
                            f"cycles, ours {ours.count} (or different ones)"
                        )
                print(
                    f"| {kind} | {graph.number_of_nodes()} | {graph.number_of_edges()} "
                    f"| {bound} | {ours.count} | {ours.cell(args.cap)} "
                    f"| {reference.cell(args.cap)} | {other.cell(args.cap)} "
                    f"| {_ratio(reference, ours, args.cap)} | {_ratio(other, ours, args.cap)} |",
                    flush=True,
                )
    for failure in failures:
        print(f"MISMATCH: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())

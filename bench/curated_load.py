"""Time loading a 10,000-row curated deal list, then the loop search, with the real CLI.

It writes a CSV of ``--rows`` deals between ``--orgs`` organizations (every
gazetteer organization, by name or alias in either script, plus synthetic
ones, which need ``--add-unknown``), with random money-flow relations,
amounts, dates and statuses, into a fresh workspace, and times in
subprocesses, as a user runs them:

1. ``dealgraph load deals.csv --add-unknown`` (a fresh workspace);
2. the same load again (idempotent: nothing is added);
3. ``dealgraph cycles --max-length 6 --limit 100`` and the full report,
   ``dealgraph cycles --max-length 6 --format json`` (medians of ``--runs``);
4. in this process, ``networkx.simple_cycles(G, length_bound=6)`` on the same
   store's money-flow projection (median of ``--nx-runs``), the reference: the
   full report must hold the same loops (else the exit code is 1), and the
   ratio is printed, by the clock and by CPU time (the latter holds on a busy
   machine, where the two sides may meet different loads).

Usage::

    .venv/bin/python bench/curated_load.py
    .venv/bin/python bench/curated_load.py --rows 20000 --orgs 4000
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from graph.model import RELATIONS
from loaders.curated import COLUMNS
from loaders.gazetteer import default_gazetteer

__all__ = ["main", "write_deals"]

SEED = 8


def write_deals(path: Path, rows: int, orgs: int, seed: int = SEED) -> None:
    """A curated CSV of ``rows`` random deals between about ``orgs`` organizations."""
    rnd = random.Random(seed)
    names: list[str] = []
    for org in default_gazetteer().organizations.values():
        spellings = [org.name, *(a for names in org.aliases.values() for a in names)]
        names.append(rnd.choice(spellings))
    names += [f"Synthetic Compute {n:04d}" for n in range(max(0, orgs - len(names)))]
    flows = [r for r, rel in RELATIONS.items() if rel.money_flows]
    statuses = ["announced", "completed", "reported", "in_talks"]
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS)  # by name: the columns' order may change
        writer.writeheader()
        for n in range(rows):
            source, target = rnd.sample(names, 2)
            day = dt.date(2024, 1, 1) + dt.timedelta(days=rnd.randrange(700))
            amount = f"{rnd.randint(1, 5000) * 1e7:g}" if rnd.random() < 0.8 else ""
            writer.writerow(
                {
                    "source": source,
                    "relation": rnd.choice(flows),
                    "target": target,
                    "amount_usd": amount,
                    "qualifier": rnd.choice(["exact", "about", "up_to"]) if amount else "",
                    "date": day.isoformat(),
                    "status": rnd.choice(statuses),
                    "sources": f"https://example.com/deal/{n}",
                }
            )


def _cli() -> list[str]:
    script = Path(sys.executable).parent / "dealgraph"
    return [str(script)] if script.exists() else [sys.executable, "-m", "graph.cli"]


def _run(
    args: Sequence[str], workspace: Path
) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """(wall-clock seconds, CPU seconds, the finished process) of one command."""
    import resource

    env = {**os.environ, "DEALGRAPH_HOME": str(workspace), "PYTHONIOENCODING": "utf-8"}
    env.pop("NEO4J_URI", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [*_cli(), *args], capture_output=True, text=True, encoding="utf-8", env=env, check=False
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--orgs", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=3, help="runs of the cycles command")
    parser.add_argument("--nx-runs", type=int, default=3, help="runs of networkx (0: skip)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        deals, workspace = folder / "deals.csv", folder / "ws"
        write_deals(deals, args.rows, args.orgs)
        load = ["load", str(deals), "--add-unknown", "--format", "json"]
        load_s, _, loaded = _run(load, workspace)
        if loaded.returncode != 0:
            print(loaded.stderr, file=sys.stderr)
            return 1
        summary = json.loads(loaded.stdout)
        again_s, _, again = _run(load, workspace)
        added_again = json.loads(again.stdout)["evidence_added"]
        cycle_runs, full_runs, full_cpu = [], [], []
        for _ in range(args.runs):
            seconds, _, found = _run(
                ["cycles", "--max-length", "6", "--limit", "100", "--format", "json"], workspace
            )
            if found.returncode != 0:
                print(found.stderr, file=sys.stderr)
                return 1
            cycle_runs.append(seconds)
            seconds, cpu, every = _run(
                ["cycles", "--max-length", "6", "--format", "json"], workspace
            )
            if every.returncode != 0:
                print(every.stderr, file=sys.stderr)
                return 1
            full_runs.append(seconds)
            full_cpu.append(cpu)
        loops = json.loads(found.stdout)
        all_loops = json.loads(every.stdout)
        store = summary["store"]
        nx_s, nx_cpu, nx_loops = _networkx(workspace / "dealgraph.sqlite", args.nx_runs)
    print(f"{args.rows} rows between {store['organizations']} organizations")
    print()
    print("| step | seconds | result |")
    print("|---|---:|---|")
    print(
        f"| `dealgraph load deals.csv --add-unknown` | {load_s:.2f} "
        f"| {summary['curated_rows']} rows, {store['edges']} edges, "
        f"{summary['skipped']} skipped |"
    )
    print(f"| the same load again | {again_s:.2f} | {added_again} evidence added |")
    print(
        f"| `dealgraph cycles --max-length 6 --limit 100` | {statistics.median(cycle_runs):.2f} "
        f"| top {len(loops)} loops of at most 6 hops |"
    )
    full_s, full_c = statistics.median(full_runs), statistics.median(full_cpu)
    print(
        f"| `dealgraph cycles --max-length 6 --format json` | {full_s:.2f} "
        f"| all {len(all_loops)} loops, every hop's quotes; {full_c:.2f} s CPU |"
    )
    if nx_loops is None:
        return 0
    same = nx_loops == {_canonical(loop["ids"]) for loop in all_loops}
    print(
        f"| `networkx.simple_cycles(G, length_bound=6)` (search only) | {nx_s:.2f} "
        f"| {len(nx_loops)} loops, {'the same' if same else 'NOT the same'}; "
        f"{nx_cpu:.2f} s CPU |"
    )
    print()
    print(
        f"end to end, the full report is {nx_s / full_s:.1f}x networkx's search alone "
        f"by the clock, {nx_cpu / full_c:.1f}x by CPU time (medians of {args.runs} and "
        f"{args.nx_runs})"
    )
    if not same:
        print("FAILED: the report's loops are not networkx's", file=sys.stderr)
    return 0 if same else 1


def _canonical(nodes: Sequence[str]) -> tuple[str, ...]:
    first = list(nodes).index(min(nodes))
    return tuple(nodes[first:]) + tuple(nodes[:first])


def _networkx(path: Path, runs: int) -> tuple[float, float, set[tuple[str, ...]] | None]:
    """Median seconds (clock, CPU) of networkx's bounded search on the store's projection,
    and its loops."""
    if runs <= 0:
        return 0.0, 0.0, None
    import networkx as nx

    from graph.analysis.projection import money_flow_graph
    from graph.store.sqlite import SQLiteStore

    store = SQLiteStore(path)
    try:
        graph = money_flow_graph(store.edges())
    finally:
        store.close()
    times, cpu, found = [], [], set()
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        cycles = list(nx.simple_cycles(graph, length_bound=6))
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        found = {_canonical(c) for c in cycles}
    return statistics.median(times), statistics.median(cpu), found


if __name__ == "__main__":
    raise SystemExit(main())

"""Does ``dealgraph extract`` / ``load`` cost grow linearly with the corpus?

The repo's own test articles (tests/data/articles) are repeated, each copy with
its own title and a last line of its own (a new article id, the same deals), so
the same edges recur in every copy, the way a year of news restates the same
deals. At 1x, 4x and 16x that input (``--unit`` copies make 1x), in one run:

* ``dealgraph extract FILE --format jsonl`` and ``dealgraph load FILE --jobs 1``
  (a fresh workspace each time) as a user runs them, medians of ``--runs``;
* folding the extracted edges per key in this process, the old way
  (``Edge.merged``, re-validating an edge's whole evidence list at each new
  article) next to :class:`graph.aggregate.EdgeAccumulator`, medians.

It prints seconds, MB/s and the time per unit of input relative to 1x (1.0
is linear; the old fold grows with the square of an edge's evidence).

Usage::

    .venv/bin/python bench/growth.py                   # 1x, 4x, 16x; 3 runs
    .venv/bin/python bench/growth.py --unit 2 --runs 1 --factors 1 4
    .venv/bin/python bench/growth.py --unit 3 --factors 16 --baseline /tmp/before  # side by side
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.aggregate import EdgeAccumulator  # noqa: E402
from graph.model import Edge  # noqa: E402

__all__ = ["main", "write_corpus"]


def write_corpus(path: Path, copies: int) -> int:
    """The test articles ``copies`` times over as JSONL; returns the bytes of body text."""
    sources = sorted((ROOT / "tests" / "data" / "articles").glob("*.txt"))
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in sources]
    size = 0
    with path.open("w", encoding="utf-8") as out:
        for i in range(copies):
            for stem, body in texts:
                body = f"{body}\n(edition {i})"
                size += len(body.encode("utf-8"))
                out.write(json.dumps({"title": f"{stem} {i}", "body": body}) + "\n")
    return size


def _run(args: list[str], env: dict[str, str], root: Path = ROOT) -> float:
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "graph.cli", *args],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"dealgraph {' '.join(args)} failed: {proc.stderr.strip()[-500:]}")
    return seconds


def _edges_of(path: Path) -> list[Edge]:
    from loaders.extract import extract_edges
    from loaders.gazetteer import default_gazetteer
    from loaders.read import Problem, iter_articles

    gazetteer = default_gazetteer()
    out: list[Edge] = []
    for article in iter_articles([str(path)]):
        if not isinstance(article, Problem):
            out.extend(extract_edges(article, gazetteer))
    return out


def _fold_merged(edges: list[Edge]) -> float:
    started = time.perf_counter()
    folded: dict[tuple[str, str, str], Edge] = {}
    for edge in edges:
        old = folded.get(edge.key)
        folded[edge.key] = edge if old is None else old.merged(edge)
    return time.perf_counter() - started


def _fold_accumulator(edges: list[Edge]) -> float:
    started = time.perf_counter()
    acc = EdgeAccumulator()
    acc.add_all(edges)
    acc.edges()
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--unit", type=int, default=6, help="copies of the test articles in 1x")
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--baseline",
        type=Path,
        help="another checkout: time its `dealgraph extract` on the largest input, in turn "
        "with this one's, and print both (CPU seconds of the command, medians)",
    )
    args = parser.parse_args(argv)
    if args.baseline is not None:
        return _side_by_side(args)

    work = Path(tempfile.mkdtemp(prefix="dealgraph-growth-"))
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("NEO4J_URI", None)
    rows = []
    for factor in args.factors:
        path = work / f"news-{factor}x.jsonl"
        size = write_corpus(path, args.unit * factor)
        extract_s, load_s = [], []
        for run in range(args.runs):
            extract_s.append(_run(["extract", str(path), "--format", "jsonl"], env))
            ws = {**env, "DEALGRAPH_HOME": str(work / f"ws-{factor}-{run}")}
            load_s.append(_run(["load", str(path), "--jobs", "1", "--format", "json"], ws))
        edges = _edges_of(path)
        merged_s = [_fold_merged(edges) for _ in range(args.runs)]
        accumulated_s = [_fold_accumulator(edges) for _ in range(args.runs)]
        rows.append(
            {
                "factor": factor,
                "mb": round(size / 1e6, 2),
                "extract_s": round(statistics.median(extract_s), 2),
                "load_s": round(statistics.median(load_s), 2),
                "fold_merged_s": round(statistics.median(merged_s), 3),
                "fold_accumulator_s": round(statistics.median(accumulated_s), 3),
                "edges_in": len(edges),
            }
        )
    first = rows[0]
    for row in rows:
        scale = row["factor"] / first["factor"]
        for name in ("extract_s", "load_s", "fold_merged_s", "fold_accumulator_s"):
            row[name.replace("_s", "_per_unit")] = round(row[name] / (first[name] * scale), 2)
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print(
        f"{'input':>6} {'MB':>6} | {'extract s':>9} {'MB/s':>5} {'x/unit':>6} | "
        f"{'load s':>7} {'MB/s':>5} {'x/unit':>6} | {'fold merged s':>13} {'x/unit':>6} | "
        f"{'accumulator s':>13} {'x/unit':>6}"
    )
    for r in rows:
        print(
            f"{r['factor']:>5}x {r['mb']:>6.2f} | {r['extract_s']:>9.2f} "
            f"{r['mb'] / r['extract_s']:>5.2f} {r['extract_per_unit']:>6.2f} | "
            f"{r['load_s']:>7.2f} {r['mb'] / r['load_s']:>5.2f} {r['load_per_unit']:>6.2f} | "
            f"{r['fold_merged_s']:>13.3f} {r['fold_merged_per_unit']:>6.2f} | "
            f"{r['fold_accumulator_s']:>13.3f} {r['fold_accumulator_per_unit']:>6.2f}"
        )
    print(f"medians of {args.runs}; x/unit = time per unit of input relative to 1x (1.0 = linear)")
    return 0


def _cpu_run(args: list[str], env: dict[str, str], root: Path) -> float:
    """CPU seconds (user + system) of one ``dealgraph`` command run in ``root``."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    _run(args, env, root)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _side_by_side(args: argparse.Namespace) -> int:
    """`dealgraph extract` of this checkout and of ``--baseline``, run in turn."""
    work = Path(tempfile.mkdtemp(prefix="dealgraph-growth-"))
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("NEO4J_URI", None)
    factor = max(args.factors)
    path = work / f"news-{factor}x.jsonl"
    size = write_corpus(path, args.unit * factor)
    roots = {"this": ROOT, "baseline": args.baseline.resolve()}
    cpu: dict[str, list[float]] = {name: [] for name in roots}
    command = ["extract", str(path), "--format", "jsonl"]
    for run in range(args.runs):
        order = list(roots) if run % 2 == 0 else list(reversed(roots))
        for name in order:
            cpu[name].append(_cpu_run(command, env, roots[name]))
    this, base = (statistics.median(cpu[n]) for n in ("this", "baseline"))
    print(
        f"dealgraph extract, {size / 1e6:.2f} MB ({factor}x), medians of {args.runs} in turn: "
        f"this checkout {this:.2f} s CPU ({size / 1e6 / this:.2f} MB/s), baseline {base:.2f} s "
        f"({size / 1e6 / base:.2f} MB/s): {base / this:.2f}x"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

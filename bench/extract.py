"""Extraction throughput: megabytes of article text per second, on one core.

Builds a corpus of at least ``--mb`` megabytes (UTF-8) of article text: the seed
articles and the test corpus (tests/data/articles), repeated with the
organizations swapped for others of the gazetteer (same script: 輝達 may become
英特爾, Oracle may become Broadcom) and every amount changed, so the extractor
sees varied text rather than one cached article. Then it runs
:func:`loaders.extract.extract_edges` over the whole corpus ``--runs`` times in
this process (pinned to one CPU where the system allows) and prints the median
throughput, by CPU time and by wall-clock time, with the edges found.

``--baseline DIR`` measures another checkout side by side (a copy of an older
commit: ``mkdir /tmp/before && git archive HEAD~3 | tar -x -C /tmp/before``):
both extractors stay loaded, each in its own process, and take turns batch by
batch over the same corpus (each builds it with its own code), so a busy
machine slows both alike; the medians of ``--runs`` passes and their ratio are
printed.
``--profile`` prints the functions that take the most CPU time in one pass (cProfile).

Usage::

    .venv/bin/python bench/extract.py            # 10 MB, 3 runs
    .venv/bin/python bench/extract.py --mb 2 --profile
    .venv/bin/python bench/extract.py --mb 5 --runs 3 --baseline /tmp/before
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.model import Article  # noqa: E402
from loaders.extract import extract_edges  # noqa: E402
from loaders.gazetteer import default_gazetteer  # noqa: E402
from loaders.read import Problem, iter_articles, make_article  # noqa: E402

_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def base_articles() -> list[Article]:
    """The seed articles and the test corpus."""
    paths = [str(p) for p in sorted((ROOT / "seeds").glob("000_*.txt"))]
    paths += [str(p) for p in sorted((ROOT / "tests" / "data" / "articles").glob("*.txt"))]
    return [a for a in iter_articles(paths) if not isinstance(a, Problem)]


def build_corpus(megabytes: float, seed: int = 7) -> list[Article]:
    """At least ``megabytes`` MB of articles: the base ones, varied copy after copy."""
    rng = random.Random(seed)
    base = base_articles()
    gazetteer = default_gazetteer()
    names: dict[str, list[str]] = {"latin": [], "han": []}
    for org in gazetteer.organizations.values():
        for values in org.aliases.values():
            for alias in values:
                names["latin" if alias.isascii() else "han"].append(alias)
    out = list(base)
    size = sum(len(a.body.encode()) for a in out)
    copy = 0
    while size < megabytes * 1e6:
        copy += 1
        for article in base:
            body = _vary(article.body, gazetteer, names, rng)
            varied = make_article(title=f"{article.title} #{copy}", body=body, path="bench")
            if isinstance(varied, Problem):
                continue
            out.append(varied)
            size += len(varied.body.encode())
    return out


def _vary(text: str, gazetteer: object, names: dict[str, list[str]], rng: random.Random) -> str:
    """The text with its organizations swapped (consistently) and its numbers changed."""
    swap: dict[str, str] = {}
    pieces = []
    last = 0
    for m in gazetteer.find_mentions(text):  # type: ignore[attr-defined]
        if m.surface not in swap:
            pool = names["latin" if m.surface.isascii() else "han"]
            swap[m.surface] = rng.choice(pool)
        pieces += [text[last : m.start], swap[m.surface]]
        last = m.end
    pieces.append(text[last:])
    varied = "".join(pieces)
    return _NUMBER.sub(lambda m: str(rng.randint(1, 999)), varied)


def measure(articles: list[Article]) -> tuple[float, float, int]:
    """(CPU seconds, wall seconds, edges) for one pass over ``articles``."""
    gazetteer = default_gazetteer()
    cpu, wall = time.process_time(), time.perf_counter()
    edges = sum(len(extract_edges(a, gazetteer)) for a in articles)
    return time.process_time() - cpu, time.perf_counter() - wall, edges


def reference_loop() -> float:
    """CPU seconds for ten million Python additions: how fast this machine is right now."""
    start = time.process_time()
    total = 0
    for i in range(10_000_000):
        total += i
    return time.process_time() - start


def profile(articles: list[Article], top: int = 30) -> None:
    """Print the ``top`` functions by own CPU time over one pass (cProfile)."""
    import cProfile
    import pstats

    profiler = cProfile.Profile(time.process_time)  # CPU time: a busy machine adds no waits
    profiler.enable()
    measure(articles)
    profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)


# One extractor, driven batch by batch over stdin: "i j" extracts articles[i:j] and
# answers with the CPU time it took. Only public functions, so any checkout serves.
_WORKER = """
import json, os, sys, time
sys.path.insert(0, sys.argv[1])
if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
from bench.extract import build_corpus
from loaders.extract import extract_edges
from loaders.gazetteer import default_gazetteer
articles = build_corpus(float(sys.argv[2]))
gazetteer = default_gazetteer()
for article in articles[:50]:
    extract_edges(article, gazetteer)
size = sum(len(a.body.encode()) for a in articles)
print(json.dumps({"articles": len(articles), "bytes": size}), flush=True)
for line in sys.stdin:
    i, j = map(int, line.split())
    start = time.process_time()
    edges = sum(len(extract_edges(a, gazetteer)) for a in articles[i:j])
    print(json.dumps({"cpu": time.process_time() - start, "edges": edges}), flush=True)
"""


def _answer(name: str, worker: subprocess.Popen[str], request: str | None = None) -> dict[str, Any]:
    """Send ``request`` (if any) to a worker and read its one-line JSON answer."""
    assert worker.stdin is not None and worker.stdout is not None
    if request is not None:
        worker.stdin.write(request + "\n")
        worker.stdin.flush()
    line = worker.stdout.readline()
    if not line:
        raise SystemExit(f"the {name} extractor stopped (see its error above)")
    return dict(json.loads(line))


def side_by_side(baseline: Path, megabytes: float, runs: int, batch: int = 50) -> None:
    """This checkout against ``baseline``, batch by batch in turn, medians of the runs.

    Both extractors stay loaded in their own process; they take turns on each
    batch of articles (the order flips every batch), so a busy machine slows both
    alike, and each pass over the corpus gives one figure per checkout.
    """
    roots = {"this": ROOT, "baseline": baseline.resolve()}
    workers = {
        name: subprocess.Popen(
            [sys.executable, "-c", _WORKER, str(root), str(megabytes)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for name, root in roots.items()
    }
    try:
        heads = {name: _answer(name, w) for name, w in workers.items()}
        count = min(h["articles"] for h in heads.values())
        for name, head in heads.items():
            print(f"{name:8}: {head['articles']:,} articles, {head['bytes'] / 1e6:.1f} MB")
        figures: dict[str, list[float]] = {name: [] for name in workers}
        for run in range(1, runs + 1):
            cpu = dict.fromkeys(workers, 0.0)
            edges = dict.fromkeys(workers, 0)
            for k, i in enumerate(range(0, count, batch)):
                order = list(workers) if k % 2 == 0 else list(reversed(workers))
                for name in order:
                    answer = _answer(name, workers[name], f"{i} {min(count, i + batch)}")
                    cpu[name] += answer["cpu"]
                    edges[name] += answer["edges"]
            for name in workers:
                figures[name].append(heads[name]["bytes"] / 1e6 / cpu[name])
            print(
                f"run {run}: this {figures['this'][-1]:.2f} MB/s ({edges['this']:,} edges), "
                f"baseline {figures['baseline'][-1]:.2f} MB/s ({edges['baseline']:,} edges)",
                flush=True,
            )
    finally:
        for w in workers.values():
            if w.stdin is not None:
                w.stdin.close()
            w.wait()
    this, base = (statistics.median(figures[n]) for n in ("this", "baseline"))
    print(
        f"side by side ({megabytes:g} MB, medians of {runs} runs, batches of {batch} in turn): "
        f"this checkout {this:.2f} MB/s, baseline {base:.2f} MB/s: {this / base:.2f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=10.0, help="corpus size in MB (default 10)")
    parser.add_argument("--runs", type=int, default=3, help="timed passes (default 3)")
    parser.add_argument("--profile", action="store_true", help="profile one pass (cProfile)")
    parser.add_argument(
        "--baseline", type=Path, help="another checkout to measure side by side with this one"
    )
    args = parser.parse_args()
    if args.baseline is not None:
        if not (args.baseline / "bench" / "extract.py").is_file():
            parser.error(f"--baseline {args.baseline}: no bench/extract.py there; give a checkout")
        side_by_side(args.baseline, args.mb, args.runs)
        return
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    articles = build_corpus(args.mb)
    size = sum(len(a.body.encode()) for a in articles)
    print(f"corpus: {len(articles):,} articles, {size / 1e6:.1f} MB of UTF-8 text")
    measure(articles[: min(len(articles), 50)])  # warm up: lexicon, gazetteer, caches
    if args.profile:
        profile(articles)
        return
    cpu_times, wall_times = [], []
    edges = 0
    for run in range(1, args.runs + 1):
        cpu, wall, edges = measure(articles)
        cpu_times.append(cpu)
        wall_times.append(wall)
        print(f"run {run}: {size / 1e6 / cpu:.2f} MB/s CPU, {size / 1e6 / wall:.2f} MB/s wall")
    cpu, wall = statistics.median(cpu_times), statistics.median(wall_times)
    print(f"machine: 10M Python additions take {reference_loop():.2f} s of CPU time here")
    if hasattr(os, "getloadavg"):  # CPU time still stretches on a busy machine (caches, SMT)
        print("load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    print(
        f"extraction: {size / 1e6 / cpu:.2f} MB/s on one core (median CPU time of {args.runs} "
        f"runs; {size / 1e6 / wall:.2f} MB/s wall clock); {edges:,} edges from "
        f"{len(articles):,} articles"
    )


if __name__ == "__main__":
    main()

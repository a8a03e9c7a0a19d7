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
the two run alternately, one fresh process per run, on the same corpus (each
builds it with its own code), and the medians and their ratio are printed.
``--profile`` prints the functions that take the most CPU time in one pass (cProfile).

Usage::

    .venv/bin/python bench/extract.py            # 10 MB, 3 runs
    .venv/bin/python bench/extract.py --mb 2 --profile
    .venv/bin/python bench/extract.py --mb 5 --runs 3 --baseline /tmp/before
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

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


_FIGURE = re.compile(r"extraction: ([\d.]+) MB/s on one core")


def side_by_side(baseline: Path, megabytes: float, runs: int) -> None:
    """This checkout against ``baseline``, alternating fresh processes, medians."""
    trees = {"this": Path(__file__).resolve(), "baseline": baseline / "bench" / "extract.py"}
    figures: dict[str, list[float]] = {name: [] for name in trees}
    for run in range(1, runs + 1):
        for name, script in trees.items():
            cmd = [sys.executable, str(script), "--mb", str(megabytes), "--runs", "1"]
            out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
            found = _FIGURE.search(out)
            if found is None:
                raise SystemExit(f"{script}: no 'extraction: X MB/s' line in its output")
            figures[name].append(float(found.group(1)))
            print(f"run {run}: {name:8} {figures[name][-1]:.2f} MB/s CPU", flush=True)
    this, base = (statistics.median(figures[n]) for n in ("this", "baseline"))
    print(
        f"side by side ({megabytes:g} MB, medians of {runs} alternating runs): this checkout "
        f"{this:.2f} MB/s, baseline {base:.2f} MB/s: {this / base:.2f}x"
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

"""Extraction with one process against two, side by side (medians of alternating runs).

.venv/bin/python bench/parallel.py            # 4 MB of articles, 3 rounds
.venv/bin/python bench/parallel.py --mb 10 --rounds 5
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    from bench.memory import write_corpus
    from graph.model import Article
    from loaders.parallel import extract_stream
    from loaders.read import iter_articles

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    corpus = Path("/tmp/dealgraph-bench-parallel.jsonl")
    write_corpus(corpus, args.mb)
    articles = [a for a in iter_articles([str(corpus)]) if isinstance(a, Article)]
    megabytes = sum(len(a.body.encode()) for a in articles) / 1e6
    times: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(args.rounds):
        for jobs in (1, 2):
            start = time.perf_counter()
            edges = sum(len(x[1]) for x in extract_stream(articles, jobs=jobs))
            times[jobs].append(time.perf_counter() - start)
    corpus.unlink()
    one, two = statistics.median(times[1]), statistics.median(times[2])
    print(f"{len(articles)} articles, {megabytes:.1f} MB, {edges} edges per run")
    print(f"1 process : {one:6.1f} s  {megabytes / one:5.2f} MB/s (median of {args.rounds})")
    print(f"2 processes: {two:6.1f} s  {megabytes / two:5.2f} MB/s  speed-up {one / two:.2f}x")


if __name__ == "__main__":
    main()

"""Peak memory and throughput of `dealgraph load` as the input grows (10 MB, 100 MB, 1 GB).

Writes JSONL corpora of the seed articles in varied editions, runs the real
CLI in a subprocess on each, samples the resident memory of the whole process
tree (the CLI and its extraction workers) every 0.1 s, and prints a table:
peak RSS, wall time, MB/s and articles/s. Memory must stay flat: the 1 GB peak
within 2x of the 10 MB peak.

    .venv/bin/python bench/memory.py                 # 10 MB, 100 MB, 1 GB
    .venv/bin/python bench/memory.py --sizes 10 100  # quicker
    .venv/bin/python bench/memory.py --jobs 1        # one process
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def seed_articles() -> list[dict[str, str]]:
    from graph.model import Article
    from loaders.read import iter_articles

    bundle = next((ROOT / "seeds").glob("000_*.txt"))
    return [
        {"title": a.title, "body": a.body, "outlet": a.outlet or ""}
        for a in iter_articles([str(bundle)])
        if isinstance(a, Article)
    ]


def write_corpus(path: Path, megabytes: int) -> int:
    """JSONL of ``megabytes`` MB: the seeds again and again, each edition distinct."""
    seeds = seed_articles()
    target, written, n = megabytes * 1_000_000, 0, 0
    with path.open("w", encoding="utf-8") as out:
        while written < target:
            for a in seeds:
                row = {**a, "title": f"{a['title']} ({n})", "body": f"{a['body']}\n第{n}版"}
                line = json.dumps(row, ensure_ascii=False) + "\n"
                out.write(line)
                written += len(line.encode("utf-8"))
                n += 1
    return n


def run(corpus: Path, workspace: Path, jobs: int | None) -> dict[str, float]:
    cmd = [sys.executable, "-m", "graph.cli", "load", str(corpus), "--format", "json"]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    env = {**os.environ, "DEALGRAPH_HOME": str(workspace)}
    env.pop("NEO4J_URI", None)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    root = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.1)
    elapsed = time.perf_counter() - start
    out, err = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"load failed ({proc.returncode}): {err.decode()[-2000:]}")
    summary = json.loads(out)
    return {"peak_mb": peak / 1e6, "seconds": elapsed, "articles": summary["articles_new"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000], help="MB")
    parser.add_argument("--jobs", type=int, default=None, help="processes (default: auto)")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="dealgraph-bench-") as tmp:
        for size in args.sizes:
            corpus = Path(tmp) / f"news-{size}mb.jsonl"
            write_corpus(corpus, size)
            mb = corpus.stat().st_size / 1e6
            result = run(corpus, Path(tmp) / f"ws-{size}", args.jobs)
            rows.append((mb, result))
            corpus.unlink()
            rate = result["articles"] / result["seconds"]
            print(
                f"{mb:8.0f} MB  peak {result['peak_mb']:7.0f} MB  {result['seconds']:7.1f} s  "
                f"{mb / result['seconds']:5.2f} MB/s  {rate:6.0f} articles/s",
                flush=True,
            )
    print("\n| input | peak RSS (process tree) | time | throughput | articles/s |")
    print("|---:|---:|---:|---:|---:|")
    for mb, r in rows:
        print(
            f"| {mb:.0f} MB | {r['peak_mb']:.0f} MB | {r['seconds']:.0f} s | "
            f"{mb / r['seconds']:.2f} MB/s | {r['articles'] / r['seconds']:.0f} |"
        )
    ratio = rows[-1][1]["peak_mb"] / rows[0][1]["peak_mb"]
    print(f"\npeak memory, largest / smallest input: {ratio:.2f}x")


if __name__ == "__main__":
    main()

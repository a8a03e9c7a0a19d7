"""Normalising and folding the seed text, side by side with OpenCC's bare conversion (medians).

.venv/bin/python bench/fold.py             # the seed bundle repeated to about 1.2M characters
.venv/bin/python bench/fold.py --repeat 100 --rounds 7
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def rate(func: Callable[[str], object], text: str, rounds: int) -> float:
    """Median characters per second of ``func`` over ``rounds`` runs, each on a new string
    (so a cache of earlier results cannot answer)."""
    func(text[:100])  # warm the converters
    times = []
    for n in range(rounds):
        fresh = f"{n} {text}"
        start = time.perf_counter()
        func(fresh)
        times.append(time.perf_counter() - start)
    return len(text) / statistics.median(times)


def main() -> None:
    import opencc

    from loaders.data import seeds_dir
    from loaders.normalize import fold, normalize

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    seed = next(seeds_dir().glob("000_*.txt")).read_text(encoding="utf-8")
    raw = seed * args.repeat
    text = normalize(raw)
    t2s = opencc.OpenCC("t2s").convert
    rows = [
        ("normalize", rate(normalize, raw, args.rounds)),
        ("fold", rate(fold, text, args.rounds)),
        ("opencc t2s alone", rate(t2s, text, args.rounds)),
    ]
    print(f"{len(text):,} characters, median of {args.rounds}")
    for name, value in rows:
        print(f"  {name:<18} {value / 1e6:6.1f}M chars/s")


if __name__ == "__main__":
    main()

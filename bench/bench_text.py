"""Text parsing throughput: seed reports and generated renderings, parsed on one core.

Run on demand (not a test)::

    python bench/bench_text.py [--seconds 5] [--profile]

Prints reports per second for the seed texts, for generated renderings of each shape, and
overall. ``--profile`` adds the top functions by cumulative and by own time (cProfile).
The goal is at least 500 reports per second.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import gikparse  # noqa: E402
from tests.render import SHAPES, Noise, render  # noqa: E402
from tests.strategies import fixed_report  # noqa: E402

SEEDS = ROOT / "tests" / "fixtures" / "seeds"
GOAL = 500


def _generated(count: int) -> dict[str, list[str]]:
    """Renderings of reports with varied numbers and noise, without hypothesis."""
    rng = random.Random(20240101)
    out: dict[str, list[str]] = {shape: [] for shape in SHAPES}
    for i in range(count):
        variant = ("2020", "2021")[i % 2]
        report = fixed_report(variant, year=2020 if variant == "2020" else 2022)
        overrides = {
            (t.qualified_id, row, col): rng.randint(0, 500)
            for t in report.tables
            for row, col, value in t.cells()
            if isinstance(value, int) and rng.random() < 0.3
        }
        report = fixed_report(variant, overrides, year=report.year)
        for shape in SHAPES:
            noise = Noise(
                fullwidth=rng.random() < 0.3,
                thousands=rng.random() < 0.5,
                spaced_headers=rng.random() < 0.3,
                signed_words=rng.random() < 0.5,
                heading_variants=rng.random() < 0.5,
                seed=rng.randrange(2**32),
            )
            out[shape].append(render(report, shape, noise).text)
    return out


def _rate(texts: Sequence[str], seconds: float) -> tuple[float, int]:
    """Reports per second parsing ``texts`` round-robin for about ``seconds``."""
    for text in texts:  # warm-up (imports, regex compilation)
        gikparse.parse_text(text)
    done = 0
    start = time.perf_counter()
    deadline = start + seconds
    while time.perf_counter() < deadline:
        for text in texts:
            gikparse.parse_text(text)
        done += len(texts)
    return done / (time.perf_counter() - start), done


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time per measurement")
    parser.add_argument("--profile", action="store_true", help="cProfile the mixed workload")
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core

    seeds = [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    generated = _generated(6)
    workloads: dict[str, list[str]] = {"seeds": seeds}
    workloads.update({f"generated/{shape}": texts for shape, texts in generated.items()})
    mixed = seeds + [t for texts in generated.values() for t in texts]

    print(f"gikparse {gikparse.__version__}, Python {sys.version.split()[0]}, one core")
    for name, texts in workloads.items():
        rate, done = _rate(texts, args.seconds)
        size = sum(len(t) for t in texts) / len(texts)
        print(f"  {name:<20} {rate:8.1f} reports/s  ({done} parses, {size:,.0f} chars avg)")
    rate, done = _rate(mixed, args.seconds)
    verdict = "meets" if rate >= GOAL else "below"
    print(f"  {'all':<20} {rate:8.1f} reports/s  ({done} parses) — {verdict} the goal of {GOAL}")

    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(5):
            for text in mixed:
                gikparse.parse_text(text)
        profiler.disable()
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(25)
        stats.sort_stats("tottime").print_stats(20)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

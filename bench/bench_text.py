"""Text parsing throughput on one core: every report parsed once, as in a batch run.

Run on demand (not a test)::

    python bench/bench_text.py [--count 400] [--profile] [--memory]

Each workload is ``--count`` distinct reports, each parsed once: the seed texts with their
table numbers varied, and generated reports rendered in each shape (tab, space-aligned, pipe
markdown, one cell per line). Parsing the same few texts over and over would flatter the
caches that only labels (which do recur from report to report) are meant to hit. A small
separate set is parsed first, so imports and regex compilation are not counted. Prints
reports per second per workload and overall (also with ``to_dict()``, what a batch exports);
the goal is at least 500. ``--profile`` adds
the top functions (cProfile); ``--memory`` the memory kept after parsing as many reports
again (the bounded caches of labels and numbers; no report is kept).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import os
import pstats
import random
import sys
import time
import tracemalloc
from collections.abc import Sequence
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import gikparse  # noqa: E402
from tests.render import SHAPES, Noise, render  # noqa: E402
from tests.strategies import fixed_report  # noqa: E402

SEEDS = ROOT / "tests" / "fixtures" / "seeds"
GOAL = 500
# A count alone in a tab-separated cell of a seed's tables.
_CELL_COUNT = regex.compile(r"(?<=\t)\d+(?=\t|\n)")


def _generated(count: int, seed: int = 20240101) -> dict[str, list[str]]:
    """``count`` distinct reports per shape, with varied numbers and noise (no hypothesis)."""
    rng = random.Random(seed)
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


def _seed_variants(count: int, seed: int = 7) -> list[str]:
    """``count`` copies of the seed texts, each with its table counts replaced at random."""
    rng = random.Random(seed)
    seeds = [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    return [
        _CELL_COUNT.sub(lambda _m: str(rng.randint(0, 999)), seeds[i % len(seeds)])
        for i in range(count)
    ]


def _rate(texts: Sequence[str], export: bool = False) -> float:
    """Reports per second parsing each of ``texts`` once (and exporting it with ``export``)."""
    start = time.perf_counter()
    for text in texts:
        report = gikparse.parse_text(text)
        if export:
            report.to_dict()
    return len(texts) / (time.perf_counter() - start)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=400, help="distinct reports per workload")
    parser.add_argument("--profile", action="store_true", help="cProfile the mixed workload")
    parser.add_argument("--memory", action="store_true", help="trace memory over the run")
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core

    warm_up = [*_seed_variants(5, seed=1)]
    for texts in _generated(2, seed=1).values():
        warm_up.extend(texts)
    for text in warm_up:
        gikparse.parse_text(text)  # imports, regex compilation, the label caches
    generated = _generated(args.count)
    workloads = {"seeds, numbers varied": _seed_variants(args.count)}
    workloads.update({f"generated/{shape}": texts for shape, texts in generated.items()})
    mixed = [t for texts in zip(*workloads.values(), strict=True) for t in texts]
    random.Random(3).shuffle(mixed)

    print(f"gikparse {gikparse.__version__}, Python {sys.version.split()[0]}, one core")
    for name, texts in workloads.items():
        size = sum(len(t) for t in texts) / len(texts)
        rate = _rate(texts)
        print(f"  {name:<24} {rate:8.1f} reports/s  ({len(texts)} reports, {size:,.0f} chars)")
    rate = _rate(mixed)
    verdict = "meets" if rate >= GOAL else "below"
    print(f"  {'all, shuffled':<24} {rate:8.1f} reports/s  — {verdict} the goal of {GOAL}")
    # A batch usually exports what it parses; tables make their Value objects only when read,
    # so the export is measured too.
    rate = _rate(mixed, export=True)
    print(f"  {'all, with to_dict()':<24} {rate:8.1f} reports/s")

    if args.memory:
        # Traced separately: tracing slows parsing several times over.
        fresh = [*_seed_variants(args.count, seed=11)]
        for texts in _generated(args.count, seed=12).values():
            fresh.extend(texts)
        gc.collect()
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        for text in fresh:
            gikparse.parse_text(text)
        gc.collect()
        grown = tracemalloc.get_traced_memory()[0] - before
        tracemalloc.stop()
        print(f"  memory grown over {len(fresh)} more reports: {grown / 1024:,.0f} KiB (caches)")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for text in mixed:
            gikparse.parse_text(text)
        profiler.disable()
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(25)
        stats.sort_stats("tottime").print_stats(20)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Benchmark: parsing a report from Word (DOCX) against parsing the same report as text.

Run on demand: ``python bench/bench_docx.py [--repeat N] [--generated N] [--profile]``.

For each seed DOCX (saved by LibreOffice, the verbose kind: borders and fonts on every cell)
and for reports generated and written as DOCX by tests/docx_render.py, it times, best of N and
interleaved so that machine load hits all alike:

- ``docx``: ``gikparse.parse(docx_bytes)``, the whole parse;
- ``read``: ``read_docx`` alone (unzip, XML, the Document);
- ``general``: ``read_docx`` with the general reader only (an element tree of the whole part,
  as before the scanner of gikparse/readers/_docx_scan.py), for comparison;
- ``text``: ``gikparse.parse_text`` of the same report as text: the Document's own text, the
  tab-separated lines the DOCX reader laid out, so both parses see the same report.

The goal is ``docx / text`` at most 2.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import gikparse  # noqa: E402
import gikparse.readers.docx as docx_module  # noqa: E402
from gikparse.readers.docx import read_docx  # noqa: E402

RENDERED = ROOT / "tests" / "fixtures" / "rendered"


def _best(run: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def _workload(generated: int) -> list[tuple[str, bytes]]:
    files = [(p.name, p.read_bytes()) for p in sorted(RENDERED.glob("*.docx"))]
    if generated:
        from tests.docx_render import DocxStyle, render_docx
        from tests.strategies import fixed_report

        for i in range(generated):
            variant = ("2020", "2021")[i % 2]
            style = DocxStyle(numbering=("typed", "direct", "style")[i % 3], split_runs=i % 2 == 1)
            report = fixed_report(variant, agency="安宁市人民政府")
            files.append((f"generated-{variant}-{style.numbering}", render_docx(report, style)))
    return files


def _general(data: bytes) -> object:
    docx_module._SCAN = False
    try:
        return read_docx(data)
    finally:
        docx_module._SCAN = True


def timing(repeat: int, generated: int) -> None:
    files = _workload(generated)
    # The test renderers loaded reportlab and hypothesis: keep their objects out of the
    # collector's full passes, which would otherwise land on whichever parse triggers them.
    gc.collect()
    gc.freeze()
    print(f"{'file':36} {'text':>9} {'read':>9} {'docx':>9} {'docx/text':>10} {'general':>9}")
    totals = [0.0, 0.0, 0.0, 0.0]
    for name, data in files:
        text = read_docx(data).text
        gikparse.parse(data)  # warm the label caches for both alike
        gikparse.parse_text(text)
        times = [float("inf")] * 4
        for _ in range(repeat):
            runs = (
                lambda text=text: gikparse.parse_text(text),
                lambda data=data: read_docx(data),
                lambda data=data: gikparse.parse(data),
                lambda data=data: _general(data),
            )
            for i, run in enumerate(runs):
                times[i] = min(times[i], _best(run, 1))
        for i in range(4):
            totals[i] += times[i]
        t, r, d, g = (x * 1000 for x in times)
        print(f"{name:36} {t:7.2f}ms {r:7.2f}ms {d:7.2f}ms {d / t:10.2f} {g:7.2f}ms")
    t, r, d, g = (x * 1000 for x in totals)
    print(f"{'all':36} {t:7.2f}ms {r:7.2f}ms {d:7.2f}ms {d / t:10.2f} {g:7.2f}ms")


def profile(generated: int) -> None:
    files = _workload(generated)
    for _, data in files:
        gikparse.parse(data)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(20):
        for _, data in files:
            read_docx(data)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(15)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--generated", type=int, default=6, help="generated DOCX reports")
    parser.add_argument("--profile", action="store_true", help="profile read_docx")
    args = parser.parse_args()
    timing(args.repeat, args.generated)
    if args.profile:
        profile(args.generated)


if __name__ == "__main__":
    main()

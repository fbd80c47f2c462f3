"""Benchmark: parse time and peak memory against input size; the curves should be linear.

Run on demand from the repository root::

    python bench/bench_scaling.py [--text-max-mb 50] [--pages-max 10000] [--glyphs-max 200000]

Three series, each size parsed in a fresh process (so the peak RSS is that parse's):

* texts of 10 KB up to ``--text-max-mb`` MB: a seed report repeated;
* PDFs of 1 up to ``--pages-max`` pages: one page of prose and a ruled table, repeated;
* one page of 1,000 up to ``--glyphs-max`` glyphs: a dense grid of numbers without rules, each
  placed by its own text matrix (the unruled-table reader's hardest case).

Limits are raised so that the sizes are allowed. The table gives seconds, peak RSS (MiB), and
the cost per unit (microseconds per KB, per page, per glyph), which stays flat when the cost is
linear; ``growth`` is the ratio of the last two per-unit costs.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SEED = ROOT / "tests" / "fixtures" / "seeds" / "000_623967a19d51db49.txt"


def _text(size: int) -> str:
    seed = SEED.read_text(encoding="utf-8")
    return (seed * (size // len(seed.encode()) + 1))[: max(size // 3, 1)]  # ~3 bytes a char


def _page_content() -> bytes:
    """Prose lines and a small ruled table, as a report page has."""
    ops = [b"BT /F1 10 Tf"]
    for line in range(30):
        ops.append(
            b"1 0 0 1 72 %d Tm (Line %d of the report text, 2021) Tj" % (760 - 12 * line, line)
        )
    ops.append(b"ET 0.5 w")
    for row in range(9):
        ops.append(b"72 %d m 520 %d l S" % (380 - 20 * row, 380 - 20 * row))
    for col in range(5):
        ops.append(b"%d 380 m %d 220 l S" % (72 + 112 * col, 72 + 112 * col))
    ops.append(b"BT /F1 10 Tf")
    for row in range(8):
        for col in range(4):
            ops.append(
                b"1 0 0 1 %d %d Tm (%d) Tj" % (80 + 112 * col, 366 - 20 * row, row * 4 + col)
            )
    ops.append(b"ET")
    return b"\n".join(ops)


def _measure(kind: str, size: int) -> dict[str, float]:
    """Run in a child: build the input, parse it, report seconds and peak RSS."""
    import resource

    import gikparse
    from tests import hostile_pdf

    big = gikparse.Limits(
        max_source_bytes=1 << 34,
        max_text_chars=1 << 32,
        max_stream_bytes=1 << 32,
        max_decoded_bytes=1 << 34,
        max_pages=10**7,
        max_operators_per_page=10**9,
        max_operators=10**10,
        max_glyphs_per_page=10**8,
    )
    source: str | bytes
    if kind == "text":
        source = _text(size)
    elif kind == "pages":
        source = hostile_pdf.many_pages(size, _page_content())
    else:
        source = hostile_pdf.glyph_grid(size, size=6.0)
    import gc

    # Warm up on a small input of the same kind: imports (pdfminer loads on first use), regex
    # compilation and caches are not part of the cost of size.
    warm: str | bytes = (
        _text(2000) if kind == "text" else hostile_pdf.many_pages(1, _page_content())
    )
    with contextlib.suppress(gikparse.SourceError):
        gikparse.parse(warm, limits=big) if isinstance(warm, bytes) else gikparse.parse_text(warm)
    gc.collect()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    if isinstance(source, str):
        gikparse.parse_text(source, limits=big)
    else:
        try:
            gikparse.parse(source, limits=big)
        except gikparse.SourceError as exc:  # a page without a report is fine here
            if "no text" in str(exc):
                raise
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"seconds": seconds, "peak_mib": peak / 1024, "grew_mib": (peak - before) / 1024}


def _series(kind: str, sizes: list[int], unit: str, per: float) -> list[str]:
    lines = []
    costs: list[float] = []
    for size in sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--child", kind, str(size)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        result = json.loads(out.stdout.strip().splitlines()[-1])
        cost = result["seconds"] * 1e6 / (size / per)
        costs.append(cost)
        lines.append(
            f"{kind:6} {size:>12,} {result['seconds']:>9.3f} {result['peak_mib']:>9.0f} "
            f"{result['grew_mib']:>9.0f} {cost:>12.1f} µs/{unit}"
        )
        print(lines[-1], flush=True)
    if len(costs) >= 2:
        lines.append(
            f"{kind:6} growth of the per-{unit} cost, last two sizes: {costs[-1] / costs[-2]:.2f}"
        )
        print(lines[-1], flush=True)
    return lines


def _sizes(low: int, high: int, factor: int) -> list[int]:
    out = []
    size = low
    while size <= high:
        out.append(size)
        size *= factor
    if out[-1] != high and high > low:
        out.append(high)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--text-max-mb", type=float, default=50)
    parser.add_argument("--pages-max", type=int, default=10_000)
    parser.add_argument("--glyphs-max", type=int, default=200_000)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_measure(args.child[0], int(args.child[1]))))
        return 0
    print(
        f"{'series':6} {'size':>12} {'seconds':>9} {'peak MiB':>9} {'grew MiB':>9} {'per unit':>12}"
    )
    _series("text", _sizes(10_000, int(args.text_max_mb * 1e6), 5), "KB", 1000)
    _series("pages", _sizes(1, args.pages_max, 10), "page", 1)
    _series("glyphs", _sizes(1000, args.glyphs_max, 4), "glyph", 1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

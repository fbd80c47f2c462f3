"""Benchmark: gikparse's whole parse of each rendered seed PDF against pdfminer.six's bare page
interpretation (PDFPageInterpreter + PDFPageAggregator, no layout analysis) of the same file.

Run on demand: ``python bench/bench_pdf.py [--repeat N] [--memory N]``. Prints both times per
file (best of N), the ratio (goal: at most 1.2), and, with ``--memory``, the traced memory
before and after a batch of parses to show it stays flat.
"""

from __future__ import annotations

import argparse
import gc
import io
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import gikparse

RENDERED = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "rendered"


def pdfminer_bare(data: bytes) -> None:
    """The floor: interpret every page into pdfminer's layout objects, nothing else."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    document = PDFDocument(PDFParser(io.BytesIO(data)))
    rsrcmgr = PDFResourceManager()
    device = PDFPageAggregator(rsrcmgr, laparams=None)
    interpreter = PDFPageInterpreter(rsrcmgr, device)
    for page in PDFPage.create_pages(document):
        interpreter.process_page(page)
        device.get_result()


def gikparse_whole(data: bytes) -> None:
    gikparse.parse(data)


def best(run: Callable[[bytes], None], data: bytes, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run(data)
        times.append(time.perf_counter() - start)
    return min(times)


def timing(repeat: int) -> None:
    files = sorted(RENDERED.glob("*.pdf"))
    for path in files:  # warm up imports and caches outside the timings
        data = path.read_bytes()
        pdfminer_bare(data)
        gikparse_whole(data)
    total_bare = total_ours = 0.0
    print(f"{'file':32} {'pdfminer':>10} {'gikparse':>10} {'ratio':>7}")
    for path in files:
        data = path.read_bytes()
        # Interleave the two so that machine load hits both alike.
        bare = ours = float("inf")
        for _ in range(repeat):
            bare = min(bare, best(pdfminer_bare, data, 1))
            ours = min(ours, best(gikparse_whole, data, 1))
        total_bare += bare
        total_ours += ours
        print(f"{path.name:32} {bare * 1000:8.1f}ms {ours * 1000:8.1f}ms {ours / bare:7.3f}")
    ratio = total_ours / total_bare
    print(f"{'all':32} {total_bare * 1000:8.1f}ms {total_ours * 1000:8.1f}ms {ratio:7.3f}")


def memory(parses: int) -> None:
    files = [p.read_bytes() for p in sorted(RENDERED.glob("*.pdf"))]
    for data in files:
        gikparse_whole(data)
    gc.collect()
    tracemalloc.start()
    marks = []
    for i in range(parses):
        gikparse_whole(files[i % len(files)])
        if (i + 1) % (parses // 4 or 1) == 0:
            gc.collect()
            marks.append((i + 1, tracemalloc.get_traced_memory()[0]))
    tracemalloc.stop()
    print("parses  traced memory")
    for count, size in marks:
        print(f"{count:6}  {size / 1024:10.1f} KiB")
    growth = marks[-1][1] - marks[0][1]
    print(f"growth from the first quarter to the end: {growth / 1024:.1f} KiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--memory", type=int, default=0, help="parses for the memory check")
    args = parser.parse_args()
    timing(args.repeat)
    if args.memory:
        memory(args.memory)


if __name__ == "__main__":
    main()

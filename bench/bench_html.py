"""HTML parsing time per report against the text parse of the same report.

Run on demand (not a test)::

    python bench/bench_html.py [--count 40] [--repeat 5]

Each report is generated with varied numbers, rendered as a web page in every style of
tests/html_render.py (template, Word export, rich editor, GBK site page with chrome, fragment,
split tables) and as tab-separated text (tests/render.py), then parsed: ``gikparse.parse`` on
the page's bytes against ``gikparse.parse_text`` on the text, their passes interleaved (so that
the machine's state weighs on both alike). The seed pages (tests/fixtures/rendered/*.html) are
compared with their seed texts. Prints milliseconds per report (best of ``--repeat`` passes)
of the pages and of their texts, the mean size in KB, and the ratio; the aim is at most 2x the
text path. ``--stages`` also times each stage of reading a page (decoding, the element
tree, the chrome guard, the layout, the chrome filter, writing the Document) and the parse of
the Document after them, each alone on the previous stage's output.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import gikparse  # noqa: E402
from tests.html_render import STYLES, HtmlStyle, render_html  # noqa: E402
from tests.render import render  # noqa: E402
from tests.strategies import GeneratedReport, varied_reports  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
AIM = 2.0


def _reports(count: int, seed: int = 20240101) -> list[GeneratedReport]:
    return varied_reports(count, seed, lambda rng: rng.randint(0, 500))


def _kb(sources: Sequence[str | bytes]) -> float:
    """Mean size in kilobytes (UTF-8 for text)."""
    sizes = [len(s.encode("utf-8") if isinstance(s, str) else s) for s in sources]
    return sum(sizes) / len(sizes) / 1000


def _pass(parse: Callable[[object], object], sources: Sequence[object]) -> float:
    """Seconds for one pass of ``parse`` over ``sources``."""
    start = time.perf_counter()
    for source in sources:
        parse(source)
    return time.perf_counter() - start


def _per_report(parse: Callable[[object], object], sources: Sequence[object], repeat: int) -> float:
    best = min(_pass(parse, sources) for _ in range(repeat))
    return best / len(sources) * 1000


def _paired(pages: Sequence[bytes], texts: Sequence[str], repeat: int) -> tuple[float, float]:
    """Milliseconds per report of ``parse`` on the pages and of ``parse_text`` on the same
    reports' texts, best of ``repeat``, their passes interleaved: the machine's state (other
    load, the clock) weighs on both alike, so their ratio is steadier than their times."""
    page_best = text_best = float("inf")
    for _ in range(repeat):
        text_best = min(text_best, _pass(gikparse.parse_text, texts))  # type: ignore[arg-type]
        page_best = min(page_best, _pass(gikparse.parse, pages))
    return page_best / len(pages) * 1000, text_best / len(texts) * 1000


def stages(reports: list[GeneratedReport], repeat: int) -> None:
    """Milliseconds per report in each stage of reading a page, each timed alone on the
    previous stage's output (best of ``repeat``), and the parse of the Document after them."""
    from gikparse.limits import DEFAULT_LIMITS
    from gikparse.parser import parse_document
    from gikparse.readers import html as reader
    from gikparse.readers._html_decode import decode_page
    from gikparse.readers._html_layout import lay_out
    from gikparse.readers._html_tree import build_tree

    names = ("decode", "tree", "guard", "layout", "chrome", "write", "document")
    print(f"{'stage ms':<10}" + "".join(f"{name:>9}" for name in names))
    for kind in STYLES:
        pages = [render_html(r, HtmlStyle(kind=kind, blank="&nbsp;")).data for r in reports]
        texts = [decode_page(page)[0] for page in pages]
        trees = [build_tree(text, DEFAULT_LIMITS) for text in texts]
        laid = [lay_out(tree.root, tree.fed, DEFAULT_LIMITS)[0] for tree in trees]
        kept = [reader._without_chrome(items)[0] for items in laid]
        documents = [reader.read_html(page) for page in pages]
        times = [
            _per_report(decode_page, pages, repeat),
            _per_report(lambda text: build_tree(text, DEFAULT_LIMITS), texts, repeat),
            _per_report(lambda tree: reader._guarded(tree) if tree.chrome else None, trees, repeat),
            _per_report(lambda tree: lay_out(tree.root, tree.fed, DEFAULT_LIMITS), trees, repeat),
            _per_report(lambda items: reader._without_chrome(list(items)), laid, repeat),
            _per_report(lambda items: reader._write(items, DEFAULT_LIMITS), kept, repeat),
            _per_report(parse_document, documents, repeat),
        ]
        print(f"{kind:<10}" + "".join(f"{ms:>9.2f}" for ms in times))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--stages", action="store_true", help="also time each stage of reading a page"
    )
    args = parser.parse_args(argv)

    reports = _reports(args.count)
    texts = [render(r, "tab").text for r in reports]
    warm = texts[:2]
    for text in warm:  # imports and regex compilation are not counted
        gikparse.parse_text(text)
        gikparse.parse_html(render_html(reports[0]).text)
    print(f"{'workload':<22}{'KB':>6}{'ms/report':>10}{'text ms':>9}{'vs text':>9}")
    print(f"{'text (tab)':<22}{_kb(texts):>6.0f}")
    worst = 0.0
    workloads = [
        (
            f"html {kind}",
            [render_html(r, HtmlStyle(kind=kind, blank="&nbsp;")).data for r in reports],
            texts,
        )
        for kind in STYLES
    ]
    seeds = sorted((FIXTURES / "rendered").glob("*.html"))
    seed_texts = [(FIXTURES / "seeds" / f"{p.stem}.txt").read_text("utf-8") for p in seeds]
    workloads.append(("seed pages", [p.read_bytes() for p in seeds], seed_texts))
    for name, pages, same in workloads:
        ms, text_ms = _paired(pages, same, args.repeat)
        worst = max(worst, ms / text_ms)
        print(f"{name:<22}{_kb(pages):>6.0f}{ms:>10.2f}{text_ms:>9.2f}{ms / text_ms:>9.2f}")
    print(f"worst ratio {worst:.2f} (aim <= {AIM})")
    if args.stages:
        stages(reports, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Instructions per report (valgrind's callgrind) for web pages and Word files against the text
parse of the same reports: the measure of bench_html.py and bench_docx.py that does not move
with the machine's load (on a busy or virtual machine their times vary by a quarter from run
to run; instruction counts repeat exactly).

Run on demand (needs valgrind on PATH; about a minute per workload)::

    python bench/bench_instructions.py [--count 5] [--only word,docx-seeds]

Workloads: generated reports as web pages in every style of tests/html_render.py (as
bench_html.py renders them) against their tab-separated text; the seed pages against their
seed texts; the seed DOCX files and generated ones against the text of their own Document (as
bench_docx.py). Each workload runs in a child process under callgrind; the child warms both
paths on one report, then parses the sources between two marker calls that callgrind zeroes
its counters before and dumps them before (``binascii.crc_hqx`` and ``binascii.b2a_uu``,
which gikparse never calls), once for the pages or files and once for the texts. Prints
instructions per report (millions) and their ratio; the aim of issue 10 is at most 2.

Three more counts say where a workload that misses the aim stands:

- ``engine``: ``parse_document`` of the Document the reader gave (sections, tables, facts,
  checks), the part of the parse that does not depend on the source's shape;
- ``stdlib``: the standard library's parser that issue 10 names for the format reading the
  source with nothing else done: ``html.parser`` tokenizing each decoded page (no handlers:
  no tree, no layout, no report), ``xml.etree.ElementTree.fromstring`` building the tree of
  each Word file's main part (already inflated);
- ``floor``: ``(stdlib + engine) / text``, the least ratio a reader built on that parser could
  reach. Above 2, the aim cannot be met with the standard library's parser of the format.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
_ZERO, _DUMP = "binascii_crc_hqx", "binascii_b2a_uu"
_WEB = ("html-", "seed-")  #: the workloads of web pages (their names start so)


def _sources(workload: str, count: int) -> tuple[list[bytes], list[str]]:
    """The pages or files of a workload and the texts of the same reports."""
    sys.path.insert(0, str(ROOT))
    from gikparse.readers.docx import read_docx
    from tests.docx_render import DocxStyle, render_docx
    from tests.html_render import HtmlStyle, render_html
    from tests.render import render
    from tests.strategies import fixed_report, varied_reports

    if workload.startswith("html-"):
        reports = varied_reports(count + 1, 20240101, lambda rng: rng.randint(0, 500))
        style = HtmlStyle(kind=workload[5:], blank="&nbsp;")
        return [render_html(r, style).data for r in reports], [
            render(r, "tab").text for r in reports
        ]
    if workload == "seed-pages":
        pages = sorted((FIXTURES / "rendered").glob("*.html"))
        texts = [(FIXTURES / "seeds" / f"{p.stem}.txt").read_text("utf-8") for p in pages]
        return [p.read_bytes() for p in pages], texts
    if workload == "docx-seeds":
        files = [p.read_bytes() for p in sorted((FIXTURES / "rendered").glob("*.docx"))]
    else:  # docx-generated
        files = [
            render_docx(
                fixed_report(("2020", "2021")[i % 2], agency="安宁市人民政府"),
                DocxStyle(numbering=("typed", "direct", "style")[i % 3], split_runs=i % 2 == 1),
            )
            for i in range(count + 1)
        ]
    return files, [read_docx(data).text for data in files]


def child(workload: str, count: int) -> None:
    """Parse the workload's sources between the markers (run under callgrind)."""
    import binascii
    import gc
    from html.parser import HTMLParser
    from xml.etree import ElementTree

    import gikparse
    from gikparse.parser import parse_document
    from gikparse.readers._html_decode import decode
    from gikparse.readers.docx import read_docx
    from gikparse.readers.html import read_html

    sources, texts = _sources(workload, count)
    web = workload.startswith(_WEB)
    gikparse.parse(sources[0])  # regular expressions compiled, label caches warm
    gikparse.parse_text(texts[0])
    sources, texts = sources[1:], texts[1:]
    documents = [read_html(s) if web else read_docx(s) for s in sources]
    parse_document(documents[0])
    if web:
        pages: list[str | bytes] = [decode(s).text for s in sources]
    else:
        pages = [_main_part(s) for s in sources]
        ElementTree.fromstring(pages[0])
    # The harness's own objects (the generators, the test helpers) out of the collector's
    # reach: a full collection that happens to fall in one loop and not the other would
    # count the harness, not the parse.
    gc.collect()
    gc.freeze()
    binascii.crc_hqx(b"", 0)
    for source in sources:
        gikparse.parse(source)
    binascii.b2a_uu(b"")
    binascii.crc_hqx(b"", 0)
    for text in texts:
        gikparse.parse_text(text)
    binascii.b2a_uu(b"")
    binascii.crc_hqx(b"", 0)
    for document in documents:
        parse_document(document)
    binascii.b2a_uu(b"")
    binascii.crc_hqx(b"", 0)
    for page in pages:
        if isinstance(page, str):
            tokenizer = HTMLParser()
            tokenizer.feed(page)
            tokenizer.close()
        else:
            ElementTree.fromstring(page)
    binascii.b2a_uu(b"")
    print(len(sources))


def _main_part(docx: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return package.read("word/document.xml")


def measure(workload: str, count: int) -> tuple[float, float, float, float]:
    """Millions of instructions per report: the sources, their texts, the engine on the
    sources' Documents, and the standard library's parser of the format alone."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "callgrind.out"
        done = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={out}",
                f"--zero-before={_ZERO}",
                f"--dump-before={_DUMP}",
                sys.executable,
                __file__,
                "--child",
                workload,
                "--count",
                str(count),
            ],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": "0"},
        )
        reports = int(done.stdout.split()[-1])
        source, text, engine, stdlib = (
            int(re.search(r"^summary: (\d+)", (Path(f"{out}.{n}")).read_text(), re.M).group(1))  # type: ignore[union-attr]
            / reports
            / 1e6
            for n in (1, 2, 3, 4)
        )
    return source, text, engine, stdlib


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(ROOT))
    from tests.html_render import STYLES

    workloads = [f"html-{kind}" for kind in STYLES] + ["seed-pages", "docx-seeds", "docx-generated"]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5, help="generated reports per workload")
    parser.add_argument(
        "--only", default="", help="comma-separated workloads: " + ", ".join(workloads)
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.count)
        return 0
    chosen = args.only.split(",") if args.only else workloads
    print(
        f"{'workload':<18}{'M instr/report':>15}{'text':>8}{'ratio':>8}"
        f"{'engine':>8}{'stdlib':>8}{'floor':>8}"
    )
    for workload in chosen:
        source, text, engine, stdlib = measure(workload, args.count)
        print(
            f"{workload:<18}{source:>15.1f}{text:>8.1f}{source / text:>8.2f}"
            f"{engine:>8.1f}{stdlib:>8.1f}{(stdlib + engine) / text:>8.2f}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

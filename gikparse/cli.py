"""The ``gikparse`` command: parse reports in batches, write JSON lines or CSV records."""

from __future__ import annotations

import argparse
import concurrent.futures
import csv
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from gikparse import __version__
from gikparse.api import parse
from gikparse.checks import check
from gikparse.errors import GikparseError, Severity

__all__ = ["main"]

_FORMATS = ("summary", "json", "jsonl", "csv")
_RECORD_FIELDS = (
    "source",
    "agency",
    "year",
    "variant",
    "section",
    "table",
    "row",
    "column",
    "json_value",
    "status",
    "raw",
    "location",
)


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="gikparse",
        description="Parse 政府信息公开工作年度报告 (PDF, markdown or text) into checked data.",
    )
    parser.add_argument("paths", nargs="+", type=Path, help="report files or folders of them")
    parser.add_argument(
        "-f",
        "--format",
        choices=_FORMATS,
        default="summary",
        help="summary: one line per report for people; json: one JSON document; "
        "jsonl: one JSON object per report; csv: one row per table cell",
    )
    parser.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    parser.add_argument("-j", "--jobs", type=int, default=1, help="parallel worker processes")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    parser.add_argument(
        "-c",
        "--check",
        action="store_true",
        help="run the consistency checks; findings go into the output (summary: counts)",
    )
    parser.add_argument("--version", action="version", version=f"gikparse {__version__}")
    return parser.parse_args(argv)


def _files(paths: Sequence[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in (".pdf", ".txt", ".md"):
                    yield child
        else:
            yield path


def _parse_one(path: Path, run_checks: bool = False) -> dict[str, Any]:
    try:
        report = parse(path)
    except GikparseError as exc:
        return {"source": str(path), "error": str(exc)}
    except OSError as exc:
        return {"source": str(path), "error": f"cannot read: {exc}"}
    data = report.to_dict()
    data["source"] = str(path)
    if run_checks:
        data["findings"] = [f.to_dict() for f in check(report)]
    data["records"] = [
        {k: r[k] for k in _RECORD_FIELDS if k in r} | {"source": str(path)}
        for r in report.to_records()
    ]
    return data


def _results(files: list[Path], jobs: int, run_checks: bool) -> Iterator[dict[str, Any]]:
    flags = [run_checks] * len(files)
    if jobs <= 1:
        yield from map(_parse_one, files, flags)
        return
    with concurrent.futures.ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_parse_one, files, flags, chunksize=4)


def _summary(result: dict[str, Any]) -> str:
    if "error" in result:
        return f"{result['source']}: ERROR {result['error']}"
    problems = [d for d in result["diagnostics"] if d["severity"] != Severity.INFO.value]
    cells = len(result["records"])
    line = (
        f"{result['source']}: {result['agency']} {result['year']} variant={result['variant']} "
        f"cells={cells} problems={len(problems)}"
    )
    if "findings" in result:
        failing = [f for f in result["findings"] if f["severity"] != Severity.INFO.value]
        line += f" findings={len(failing)}"
    return line


def _write(
    results: Iterator[dict[str, Any]], fmt: str, out: TextIO, total: int, quiet: bool
) -> int:
    failures = 0
    everything: list[dict[str, Any]] = []
    writer = None
    live = not quiet and sys.stderr.isatty()  # a progress line only where a person watches
    for done, result in enumerate(results, 1):
        if live:
            print(f"\r[{done}/{total}] {result['source']}", end="", file=sys.stderr, flush=True)
        failures += "error" in result
        if fmt == "summary":
            print(_summary(result), file=out)
        elif fmt == "jsonl":
            result.pop("records", None)
            print(json.dumps(result, ensure_ascii=False), file=out)
        elif fmt == "json":
            result.pop("records", None)
            everything.append(result)
        else:
            if writer is None:
                writer = csv.DictWriter(out, fieldnames=_RECORD_FIELDS, extrasaction="ignore")
                writer.writeheader()
            if "error" not in result:
                writer.writerows(result["records"])
    if fmt == "json":
        json.dump(everything, out, ensure_ascii=False, indent=1)
        print(file=out)
    if not quiet:
        end = "\r" if live else ""
        print(f"{end}{total} report(s), {failures} failed".ljust(60), file=sys.stderr)
    return failures


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``gikparse`` command; returns the exit status."""
    args = _arguments(argv)
    files = list(_files(args.paths))
    missing = [p for p in files if not p.exists()]
    if missing:
        print(f"gikparse: no such file: {missing[0]}", file=sys.stderr)
        return 2
    results = _results(files, args.jobs, args.check)
    if args.output is None:
        failures = _write(results, args.format, sys.stdout, len(files), args.quiet)
    else:
        with args.output.open("w", encoding="utf-8", newline="") as out:
            failures = _write(results, args.format, out, len(files), args.quiet)
    return 1 if failures else 0

"""The command line: two subcommands, ``parse`` (extract data) and ``check`` (review reports).

``gikparse FILE...`` without a subcommand is ``gikparse parse FILE...``, as before there were
subcommands. Every value is validated here, so that a bad option is a usage error (exit 2)
before any file is read.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from pathlib import Path

import attrs

from gikparse import __version__
from gikparse.checks import RULES
from gikparse.limits import DEFAULT_LIMITS, Limits

__all__ = ["COMMANDS", "Options", "UsageError", "parse_arguments"]

COMMANDS = ("parse", "check")
PARSE_FORMATS = ("summary", "json", "jsonl", "csv")
CHECK_FORMATS = ("text", "json", "jsonl", "csv")
_MAX_JOBS = 64


class UsageError(Exception):
    """A command line that cannot be run: exit status 2, message on stderr."""


@attrs.frozen(kw_only=True)
class Options:
    """What the command line asks for, validated."""

    command: str
    paths: tuple[str, ...]
    format: str
    output: Path | None
    output_folder: bool  #: ``-o`` names a folder (exists, or ends in /): one file per input
    jobs: int
    quiet: bool
    run_checks: bool
    select: tuple[str, ...] | None
    ignore: tuple[str, ...] | None
    fail_on: str  #: "error" or "warning": the least severe finding that fails a report
    exit_zero: bool
    password: str
    pages: tuple[int, ...] | None
    limits: Limits
    bom: bool
    html: Path | None
    lang: str
    show_info: bool


def _jobs(text: str) -> int:
    if text == "auto":
        return max(1, min(_MAX_JOBS, os.cpu_count() or 1))
    try:
        jobs = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of workers: {text!r}") from None
    if not 1 <= jobs <= _MAX_JOBS:
        raise argparse.ArgumentTypeError(f"must be between 1 and {_MAX_JOBS} (or auto): {jobs}")
    return jobs


def _pages(text: str) -> tuple[int, ...]:
    """``1-3,5`` → (1, 2, 3, 5): 1-based page numbers as a PDF viewer shows them."""
    pages: list[int] = []
    for part in text.split(","):
        first, dash, last = part.strip().partition("-")
        try:
            start = int(first)
            end = int(last) if dash else start
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"pages are numbers and ranges like 1-3,5: {text!r}"
            ) from None
        if start < 1 or end < start:
            raise argparse.ArgumentTypeError(f"not a page range (pages count from 1): {part!r}")
        pages.extend(range(start, end + 1))
    return tuple(dict.fromkeys(pages))


def _rule_codes(text: str) -> tuple[str, ...]:
    codes = tuple(c.strip().upper() for c in text.split(",") if c.strip())
    for code in codes:
        if not any(known.startswith(code) for known in RULES):
            raise argparse.ArgumentTypeError(
                f"no rule code starts with {code!r} (codes: C101…C612, see docs/checks.md)"
            )
    return codes


_LIMIT_FIELDS = tuple(a.name for a in attrs.fields(Limits))


def _limit(text: str) -> tuple[str, int]:
    field, eq, number = text.partition("=")
    field = field.strip().replace("-", "_")
    if not eq or field not in _LIMIT_FIELDS:
        raise argparse.ArgumentTypeError(
            f"give FIELD=N with FIELD one of {', '.join(_LIMIT_FIELDS)}: {text!r}"
        )
    try:
        value = int(number.replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{field} takes a whole number: {number!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{field} must be positive: {value}")
    return field, value


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="report files (.pdf .txt .md .html .docx …), folders of them, or - for stdin",
    )
    parser.add_argument(
        "-o",
        "--output",
        help="write here instead of stdout; an existing folder (or a path ending in /) "
        "gets one file per input",
    )
    parser.add_argument(
        "-j", "--jobs", type=_jobs, default=1, help="worker processes, 1-64 or auto (default 1)"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress or totals")
    parser.add_argument("--password", default="", help="password of encrypted PDFs")
    parser.add_argument(
        "--pages", type=_pages, help="PDF pages to read, 1-based, e.g. 1-3,5 (default: all)"
    )
    parser.add_argument(
        "--limit",
        type=_limit,
        action="append",
        default=[],
        metavar="FIELD=N",
        help="raise or lower a work limit, e.g. --limit max_pages=5000 (repeatable; fields of "
        "gikparse.Limits)",
    )
    parser.add_argument(
        "--bom", action="store_true", help="CSV: start with a UTF-8 byte-order mark (for Excel)"
    )
    parser.add_argument("--select", type=_rule_codes, help="only these rules: codes or prefixes")
    parser.add_argument("--ignore", type=_rule_codes, help="leave out these rules: C305,C5 …")
    parser.add_argument(
        "--fail-on",
        choices=("error", "warning"),
        default="error",
        help="the least severe finding that fails a report (default error)",
    )
    parser.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even when reports fail (not on misuse)"
    )
    parser.add_argument(
        "--lang",
        choices=("zh", "en"),
        default="zh",
        help="language of findings' messages (reasons and errors are in English)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gikparse",
        description="Parse 政府信息公开工作年度报告 into checked data (parse), or review a folder "
        "of them (check). Without a subcommand: parse.",
    )
    parser.add_argument("--version", action="version", version=f"gikparse {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="{parse,check}")
    parse = commands.add_parser(
        "parse", help="extract the data: one record per report, or one CSV row per table cell"
    )
    _common(parse)
    parse.add_argument(
        "-f",
        "--format",
        choices=PARSE_FORMATS,
        default="summary",
        help="summary: one line per report; json: one array; jsonl: one object per report; "
        "csv: one row per table cell",
    )
    parse.add_argument(
        "-c", "--check", action="store_true", help="also run the checks (findings in the output)"
    )
    check = commands.add_parser(
        "check", help="review reports: list every finding, exit 1 when a report fails"
    )
    _common(check)
    check.add_argument(
        "-f",
        "--format",
        choices=CHECK_FORMATS,
        default="text",
        help="text: findings grouped by report, counts per rule; json/jsonl: findings as "
        "objects; csv: one row per finding",
    )
    check.add_argument("--html", type=Path, help="also write a review page (one HTML file)")
    check.add_argument("-v", "--verbose", action="store_true", help="text: also list info findings")
    return parser


def parse_arguments(argv: Sequence[str]) -> Options:
    """Options from ``argv``; raises ``SystemExit(2)`` (argparse) or :class:`UsageError`."""
    argv = list(argv)
    first = next((a for a in argv if a != "--"), None)
    if first not in (*COMMANDS, "-h", "--help", "--version"):
        argv.insert(0, "parse")  # the form without a subcommand
    args = _parser().parse_args(argv)
    if args.command is None:
        raise UsageError("give a subcommand: parse or check (gikparse -h)")
    if args.paths.count("-") > 1:
        raise UsageError("- (stdin) can be given once")
    try:
        limits = attrs.evolve(DEFAULT_LIMITS, **dict(args.limit))
    except (TypeError, ValueError) as exc:
        raise UsageError(f"--limit: {exc}") from None
    output = None if args.output is None else Path(args.output)  # the shell expanded any ~
    folder = output is not None and (output.is_dir() or args.output.endswith(("/", os.sep)))
    return Options(
        command=args.command,
        paths=tuple(args.paths),
        format=args.format,
        output=output,
        output_folder=folder,
        jobs=args.jobs,
        quiet=args.quiet,
        run_checks=args.command == "check" or args.check,
        select=args.select,
        ignore=args.ignore,
        fail_on=args.fail_on,
        exit_zero=args.exit_zero,
        password=args.password,
        pages=args.pages,
        limits=limits,
        bom=args.bom,
        html=getattr(args, "html", None),
        lang=args.lang,
        show_info=getattr(args, "verbose", False),
    )

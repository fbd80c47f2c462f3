"""The work of one input, and of many: read, parse, check, and a verdict, as one value.

:func:`run` parses the inputs with :func:`gikparse.parse_many` (in worker processes with
``jobs > 1``) and turns each result into an :class:`Outcome`.
"""

from __future__ import annotations

import concurrent.futures
import functools
import signal
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

from gikparse.batch import BatchError, BatchResult, Checker, parse_many
from gikparse.checks import Finding, check, unassessable
from gikparse.errors import Severity
from gikparse.limits import Limits
from gikparse.model import Report

from ._inputs import Input, display_name

__all__ = ["Outcome", "Settings", "Status", "outcome", "run"]


class Status:
    """The verdict on one input (plain strings: they go into every output format)."""

    PASS = "pass"  #: read; no finding at or above --fail-on, every number seen
    FAIL = "fail"  #: a finding at or above --fail-on
    CANNOT_TELL = "cannot_tell"  #: read, but some numbers could not be seen (ambiguous…)
    ERROR = "error"  #: could not be read (encrypted, broken…), or holds no report (empty…)
    SKIPPED = "skipped"  #: found in a folder but not a report file type
    PARSED = "ok"  #: parse without checks: read


#: Statuses that make the exit status 1.
FAILING = frozenset({Status.FAIL, Status.CANNOT_TELL, Status.ERROR})

#: Parse errors meaning the file holds no report: empty (P001), not a report (P002).
_NO_REPORT = frozenset({"P001", "P002"})
_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@attrs.frozen(kw_only=True)
class Settings:
    """What each worker needs: picklable, no open files."""

    run_checks: bool
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    fail_on: str = "error"
    password: str = ""
    pages: tuple[int, ...] | None = None
    limits: Limits | None = None


@attrs.frozen(kw_only=True)
class Outcome:
    """What became of one input."""

    source: str
    status: str
    reason: str | None = None  #: why: the error, the skip, what could not be seen
    report: Report | None = None
    findings: tuple[Finding, ...] = ()

    @property
    def failing(self) -> tuple[Finding, ...]:
        """Failed findings at warning or error severity (what a reviewer reads)."""
        return tuple(f for f in self.findings if f.is_failure and f.severity is not Severity.INFO)


def _options(settings: Settings) -> dict[str, Any]:
    """What ``parse()`` gets for each input."""
    options: dict[str, Any] = {"pages": settings.pages, "password": settings.password}
    if settings.limits is not None:
        options["limits"] = settings.limits
    return options


def _checker(settings: Settings) -> Checker:
    """What ``parse_many`` runs on each report: the checks with --select/--ignore, or none."""
    if not settings.run_checks:
        return False
    return functools.partial(check, select=settings.select, ignore=settings.ignore)


def _verdict(report: Report, findings: tuple[Finding, ...], settings: Settings) -> Outcome:
    least = _SEVERITY_RANK[Severity(settings.fail_on)]
    # The parser's own errors (C390: empty, not a report…) say the numbers could not be seen:
    # "cannot tell", as consistency() says, rather than a failed rule.
    failed = [
        f
        for f in findings
        if f.is_failure
        and _SEVERITY_RANK[f.severity] >= least
        and not (f.code == "C390" and f.severity is Severity.ERROR)
    ]
    if failed:
        return Outcome(
            source=report.source or "", status=Status.FAIL, report=report, findings=findings
        )
    reasons = unassessable(report)  # as consistency() decides, without checking twice
    if reasons:
        return Outcome(
            source=report.source or "",
            status=Status.CANNOT_TELL,
            reason="; ".join(reasons[:3]) + (" …" if len(reasons) > 3 else ""),
            report=report,
            findings=findings,
        )
    return Outcome(source=report.source or "", status=Status.PASS, report=report, findings=findings)


def _reason(error: BatchError) -> str:
    if error.type == "RecursionError":
        return "too deeply nested to read"
    if error.type == "BrokenProcessPool":  # the pool is gone: every file still queued is lost
        return "not read: a worker process died (killed, or out of memory) on this or another file"
    if error.type in _OS_ERRORS:  # not one of ours: say what went wrong reading the file
        return f"cannot read: {error.message}"
    return error.message


# Raised by the file system, not by gikparse (gikparse's own FileNotFoundError is a
# GikparseError, and its message already says what happened).
_OS_ERRORS = frozenset({"OSError", "PermissionError", "TimeoutError", "BlockingIOError"})


def outcome(item: Input, result: BatchResult, settings: Settings) -> Outcome:
    """The verdict on one input from what :func:`gikparse.parse_many` made of it."""
    # Outputs name the input as display_name shows it: a name that is not UTF-8 (and a message
    # quoting it) must not stop the outputs from being written.
    source = display_name(item.name)
    if result.error is not None or result.report is None:
        reason = _reason(result.error) if result.error is not None else "no report"
        return Outcome(source=source, status=Status.ERROR, reason=display_name(reason))
    report = attrs.evolve(result.report, source=source)
    findings = result.findings or ()
    unusable = [d for d in report.diagnostics if d.code in _NO_REPORT]
    if unusable:  # read, but there is no report in it: an error, whatever the command
        reason = f"{unusable[0].code} {unusable[0].message_en}"
        return Outcome(
            source=source, status=Status.ERROR, reason=reason, report=report, findings=findings
        )
    if not settings.run_checks:
        return Outcome(source=source, status=Status.PARSED, report=report)
    return attrs.evolve(_verdict(report, findings, settings), source=source)


def _quiet_worker() -> None:
    # Ctrl-C reaches every process of the terminal's group; the parent alone handles it, so
    # workers print no traceback of their own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _literal(name: str) -> Path:
    """The file named ``name``, as named: the shell expands ``~``, so a ``~`` left in a name is
    part of it (``~$report.docx``); made absolute so that nothing expands it again."""
    return Path(name).absolute() if name.startswith("~") else Path(name)


def run(
    inputs: Sequence[Input], settings: Settings, jobs: int, stdin: bytes | None = None
) -> Iterator[Outcome]:
    """Outcomes of ``inputs``, in order, from :func:`gikparse.parse_many`; ``jobs > 1`` parses
    in worker processes."""
    # A name from the command line is a path whatever it looks like (never report text).
    sources = [
        stdin if item.is_stdin and stdin is not None else _literal(item.name)
        for item in inputs
        if item.to_read
    ]
    pool = None
    if jobs > 1 and len(sources) > 1:
        pool = concurrent.futures.ProcessPoolExecutor(max_workers=jobs, initializer=_quiet_worker)
    try:
        results = parse_many(sources, executor=pool, check=_checker(settings), **_options(settings))
        for item in inputs:  # results come in input order; skipped files were not sent
            if item.skipped is not None:
                yield Outcome(
                    source=display_name(item.name), status=Status.SKIPPED, reason=item.skipped
                )
            elif item.error is not None:
                yield Outcome(
                    source=display_name(item.name),
                    status=Status.ERROR,
                    reason=display_name(item.error),
                )
            else:
                yield outcome(item, next(results), settings)
    finally:
        if pool is not None:
            # On Ctrl-C (or a closed pipe) do not wait for the queued files.
            pool.shutdown(wait=sys.exc_info()[0] is None, cancel_futures=True)

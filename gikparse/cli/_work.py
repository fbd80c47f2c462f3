"""The work of one input, and of many: read, parse, check, and a verdict, as one value.

:func:`process` is everything done for one file; :func:`run` maps it over the inputs, in
worker processes with ``jobs > 1``. A batch API (``gikparse.parse_many``) can replace
:func:`run` without touching how results are written.
"""

from __future__ import annotations

import collections
import concurrent.futures
import inspect
import signal
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

from gikparse.api import parse
from gikparse.checks import Finding, check, unassessable
from gikparse.errors import GikparseError, Severity
from gikparse.limits import Limits
from gikparse.model import Report

from ._inputs import Input

__all__ = ["Outcome", "Settings", "Status", "process", "run"]


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


def _accepts_limits() -> bool:
    # parse() gains ``limits=`` on another branch; pass it once parse takes it.
    return "limits" in inspect.signature(parse).parameters


def _parse(source: str | bytes, settings: Settings) -> Report:
    extra: dict[str, Any] = {}
    if settings.limits is not None and _accepts_limits():
        extra["limits"] = settings.limits
    # A name from the command line is a path whatever it looks like (never report text).
    given = Path(source) if isinstance(source, str) else source
    return parse(given, pages=settings.pages, password=settings.password, **extra)


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


def process(item: Input, settings: Settings, data: bytes | None = None) -> Outcome:
    """Read, parse and (with ``settings.run_checks``) check one input. Never raises for a bad
    file: the error is the outcome. ``data`` is the bytes of stdin for ``-``."""
    if item.skipped is not None:
        return Outcome(source=item.name, status=Status.SKIPPED, reason=item.skipped)
    try:
        report = _parse(data if data is not None else item.name, settings)
    except GikparseError as exc:
        return Outcome(source=item.name, status=Status.ERROR, reason=str(exc))
    except OSError as exc:
        return Outcome(source=item.name, status=Status.ERROR, reason=f"cannot read: {exc}")
    except RecursionError:
        return Outcome(source=item.name, status=Status.ERROR, reason="too deeply nested to read")
    report = attrs.evolve(report, source=item.name)
    unusable = [d for d in report.diagnostics if d.code in _NO_REPORT]
    if unusable:  # read, but there is no report in it: an error, whatever the command
        findings = check(report) if settings.run_checks else ()
        reason = f"{unusable[0].code} {unusable[0].message_en}"
        return Outcome(
            source=item.name, status=Status.ERROR, reason=reason, report=report, findings=findings
        )
    if not settings.run_checks:
        return Outcome(source=item.name, status=Status.PARSED, report=report)
    findings = check(report, select=settings.select, ignore=settings.ignore)
    return attrs.evolve(_verdict(report, findings, settings), source=item.name)


def _quiet_worker() -> None:
    # Ctrl-C reaches every process of the terminal's group; the parent alone handles it, so
    # workers print no traceback of their own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def run(
    inputs: Sequence[Input], settings: Settings, jobs: int, stdin: bytes | None = None
) -> Iterator[Outcome]:
    """Outcomes of ``inputs``, in order; ``jobs > 1`` parses in worker processes."""
    if jobs <= 1 or len(inputs) <= 1:
        for item in inputs:
            yield process(item, settings, stdin if item.is_stdin else None)
        return
    pool = concurrent.futures.ProcessPoolExecutor(max_workers=jobs, initializer=_quiet_worker)
    try:
        futures = collections.deque(
            pool.submit(process, item, settings, stdin if item.is_stdin else None)
            for item in inputs
        )
        while futures:  # popped as they are written: a long run keeps no finished report
            yield futures.popleft().result()
    finally:
        # On Ctrl-C (or a closed pipe) do not wait for the queued files.
        pool.shutdown(wait=sys.exc_info()[0] is None, cancel_futures=True)

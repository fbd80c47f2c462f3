"""Writing outcomes: one writer per format, and the totals that close a run.

A writer gets every outcome, readable or not, so no format can drop a file silently: an input
that could not be read or was skipped is a line (summary, text), an object (json, jsonl) or a
row with its status and reason (csv).
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Callable
from typing import Any, TextIO

from gikparse.checks import RULES, Finding
from gikparse.checks._finding import describe_number, signed
from gikparse.errors import Severity

from ._work import Outcome, Status

__all__ = ["FORMAT_SUFFIX", "Totals", "Writer", "make_writer"]

#: The file suffix of each format, for ``-o FOLDER`` (one file per input).
FORMAT_SUFFIX = {
    "summary": ".txt",
    "text": ".txt",
    "json": ".json",
    "jsonl": ".json",
    "csv": ".csv",
}

_RECORD_FIELDS = (
    "source",
    "file_status",
    "error",
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
_FINDING_FIELDS = (
    "source",
    "file_status",
    "reason",
    "agency",
    "year",
    "code",
    "severity",
    "finding_status",
    "table",
    "row",
    "column",
    "expected",
    "actual",
    "difference",
    "location",
    "message",
)


class Totals:
    """Counts of a run, by status and by rule, and the inputs that were not read."""

    def __init__(self) -> None:
        self.statuses: Counter[str] = Counter()
        self.rules: Counter[tuple[str, Severity]] = Counter()
        self.unread: list[Outcome] = []

    def add(self, outcome: Outcome) -> None:
        self.statuses[outcome.status] += 1
        if outcome.status in (Status.ERROR, Status.SKIPPED):
            self.unread.append(outcome)
        self.rules.update((f.code, f.severity) for f in outcome.failing)

    @property
    def total(self) -> int:
        return sum(self.statuses.values())

    def headline(self) -> str:
        s = self.statuses
        failed = s[Status.ERROR]
        parts = [f"{self.total - s[Status.SKIPPED]} report(s)"]
        checked = s[Status.PASS] + s[Status.FAIL] + s[Status.CANNOT_TELL]
        if checked:
            parts.append(
                f"{s[Status.PASS]} pass, {s[Status.FAIL]} fail, {s[Status.CANNOT_TELL]} cannot tell"
            )
        parts.append(f"{failed} failed" if not checked else f"{failed} not read or no report")
        if s[Status.SKIPPED]:
            parts.append(f"{s[Status.SKIPPED]} skipped")
        return ", ".join(parts)

    def lines(self, *, rules: bool) -> list[str]:
        """The closing lines: counts per rule (for check), unread inputs with the reason, and
        the headline."""
        out: list[str] = []
        if rules and self.rules:
            out.append("Findings by rule:")
            for (code, severity), count in sorted(self.rules.items()):
                rule = RULES.get(code)
                title = rule.title if rule else ""
                out.append(f"  {code}  {severity.value:<7}  {count:>4}  {title}".rstrip())
        for outcome in self.unread:
            out.append(f"{outcome.status.upper()}: {outcome.source}: {outcome.reason}")
        out.append(self.headline())
        return out


def _where(finding: Finding) -> str:
    """``table/row/column`` and the first location (``line 12, col 3``)."""
    loc = finding.locations
    at = f" @ {loc[0]}" if loc else ""
    return f"{finding.where or '-'}{at}"


def finding_line(finding: Finding, lang: str) -> str:
    """One readable line: rule, severity, cell, location, message, difference."""
    message = finding.message if lang == "zh" else finding.message_en
    status = "" if finding.is_failure else " (cannot assess)"
    difference = ""
    if finding.difference is not None:
        difference = (
            f"  [difference {signed(finding.difference)}: "
            f"{describe_number(finding.actual)} vs {describe_number(finding.expected)}]"
        )
    return (
        f"  {finding.code} {finding.severity.value}{status}  {_where(finding)}\n"
        f"      {message}{difference}"
    )


def _report_head(outcome: Outcome) -> str:
    report = outcome.report
    status = outcome.status.upper().replace("_", " ")
    if report is None:
        return f"{outcome.source}: {status}: {outcome.reason}"
    who = " ".join(str(p) for p in (report.agency, report.year) if p is not None) or "?"
    counts = Counter(f.severity for f in outcome.failing)
    severities = (Severity.ERROR, Severity.WARNING)
    found = ", ".join(f"{counts[s]} {s.value}" for s in severities if counts[s])
    extra = f" ({found})" if found else ""
    reason = f" — {outcome.reason}" if outcome.reason else ""
    return f"{outcome.source}: {status} {who}{extra}{reason}"


def _summary_line(outcome: Outcome) -> str:
    report = outcome.report
    if report is None:
        return f"{outcome.source}: {outcome.status.upper()} {outcome.reason}"
    problems = [d for d in report.diagnostics if d.severity is not Severity.INFO]
    cells = sum(len(t.cells) for t in report.tables)
    who = " ".join(str(p) for p in (report.agency, report.year) if p is not None) or "?"
    line = (
        f"{outcome.source}: {who} variant={report.variant or '?'} "
        f"cells={cells} problems={len(problems)}"
    )
    if outcome.status != Status.PARSED:
        line += f" findings={len(outcome.failing)} status={outcome.status}"
    errors = [d for d in report.diagnostics if d.severity is Severity.ERROR]
    if errors:  # an empty file, a text that is no report: said on the line, not only counted
        line += f" — {errors[0].code} {errors[0].message_en}"
    return line


def outcome_dict(outcome: Outcome, *, full: bool) -> dict[str, Any]:
    """JSON of one outcome: the report's ``to_dict()`` (``full``) or its facts, findings,
    ``source``, ``status`` and ``reason``; for an unread input, ``error`` (or ``reason``)."""
    report = outcome.report
    if report is None:
        key = "error" if outcome.status == Status.ERROR else "reason"
        return {"source": outcome.source, "status": outcome.status, key: outcome.reason}
    if full:
        data = report.to_dict()
    else:
        data = {"agency": report.agency, "year": report.year, "variant": report.variant}
    data["source"] = outcome.source
    data["status"] = outcome.status
    if outcome.reason:
        data["error" if outcome.status == Status.ERROR else "reason"] = outcome.reason
    if outcome.status != Status.PARSED:
        data["findings"] = [f.to_dict() for f in outcome.findings]
    return data


class Writer:
    """Writes outcomes in one format to ``out``; ``finish`` closes arrays and adds totals."""

    def __init__(self, out: TextIO, fmt: str, command: str, lang: str, show_info: bool) -> None:
        self.out, self.fmt, self.command, self.lang = out, fmt, command, lang
        self.show_info = show_info
        self._everything: list[dict[str, Any]] = []
        self._csv: csv.DictWriter[str] | None = None

    def write(self, outcome: Outcome) -> None:
        handler: Callable[[Outcome], None] = getattr(self, f"_write_{self.fmt}")
        handler(outcome)

    def _write_summary(self, outcome: Outcome) -> None:
        print(_summary_line(outcome), file=self.out)

    def _write_text(self, outcome: Outcome) -> None:
        print(_report_head(outcome), file=self.out)
        shown = outcome.findings if self.show_info else outcome.failing
        for finding in shown:
            print(finding_line(finding, self.lang), file=self.out)

    def _write_jsonl(self, outcome: Outcome) -> None:
        data = outcome_dict(outcome, full=self.command == "parse")
        print(json.dumps(data, ensure_ascii=False), file=self.out)

    def _write_json(self, outcome: Outcome) -> None:
        self._everything.append(outcome_dict(outcome, full=self.command == "parse"))

    def _writer(self, fields: tuple[str, ...]) -> csv.DictWriter[str]:
        if self._csv is None:
            self._csv = csv.DictWriter(self.out, fieldnames=fields, extrasaction="ignore")
            self._csv.writeheader()
        return self._csv

    def _write_csv(self, outcome: Outcome) -> None:
        if self.command == "check":
            self._finding_rows(outcome)
            return
        writer = self._writer(_RECORD_FIELDS)
        report = outcome.report
        if report is None:
            writer.writerow(
                {"source": outcome.source, "file_status": outcome.status, "error": outcome.reason}
            )
            return
        base = {"source": outcome.source, "file_status": outcome.status, "error": outcome.reason}
        records = report.to_records()
        if not records:  # read, but no table: still one row, so the file is accounted for
            writer.writerow(base | {"agency": report.agency, "year": report.year})
        writer.writerows(r | base for r in records)

    def _finding_rows(self, outcome: Outcome) -> None:
        writer = self._writer(_FINDING_FIELDS)
        report = outcome.report
        base: dict[str, Any] = {
            "source": outcome.source,
            "file_status": outcome.status,
            "reason": outcome.reason,
            "agency": None if report is None else report.agency,
            "year": None if report is None else report.year,
        }
        shown = outcome.findings if self.show_info else outcome.failing
        if not shown:
            writer.writerow(base)
            return
        for f in shown:
            loc = f.locations
            writer.writerow(
                base
                | {
                    "code": f.code,
                    "severity": f.severity.value,
                    "finding_status": f.status.value,
                    "table": f.table,
                    "row": f.row,
                    "column": f.column,
                    "expected": describe_number(f.expected) if f.expected is not None else "",
                    "actual": describe_number(f.actual) if f.actual is not None else "",
                    "difference": signed(f.difference) if f.difference is not None else "",
                    "location": str(loc[0]) if loc else "",
                    "message": f.message if self.lang == "zh" else f.message_en,
                }
            )

    def finish(self, totals: Totals | None) -> None:
        """Close the output: the JSON array; for ``check`` text, the totals."""
        if self.fmt == "json":
            json.dump(self._everything, self.out, ensure_ascii=False, indent=1)
            print(file=self.out)
        if totals is not None and self.fmt == "text":
            print(file=self.out)
            for line in totals.lines(rules=True):
                print(line, file=self.out)


def make_writer(out: TextIO, fmt: str, command: str, lang: str, show_info: bool) -> Writer:
    return Writer(out, fmt, command, lang, show_info)

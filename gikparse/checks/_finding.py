"""What a check reports: ``Finding`` and the cells it is about, as text and as JSON."""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable
from decimal import Decimal

import attrs

from gikparse.errors import Severity
from gikparse.location import Location
from gikparse.model import Number, Value, json_number
from gikparse.numbers import ValueStatus

__all__ = [
    "CellRef",
    "Finding",
    "FindingStatus",
    "describe_number",
    "findings_to_dicts",
    "findings_to_json",
    "format_findings",
    "signed",
]


class FindingStatus(str, enum.Enum):
    """Whether a rule was broken or could not be evaluated at all."""

    FAIL = "fail"  #: the rule was evaluated and does not hold
    CANNOT_ASSESS = "cannot_assess"  #: a cell the rule needs is blank, a dash, unreadable…


@attrs.frozen(kw_only=True)
class CellRef:
    """One table cell a finding is about, with its value as the report gives it.

    ``year`` is set by the cross-year checks, whose findings involve cells of several reports.
    """

    table: str
    row: str
    column: str
    value: Number | None
    status: ValueStatus
    raw: str = attrs.field(default="", eq=False, repr=False)
    location: Location | None = attrs.field(default=None, eq=False, repr=False)
    year: int | None = None

    @classmethod
    def of(
        cls, table: str, row: str, column: str, value: Value | None, *, year: int | None = None
    ) -> CellRef:
        """The reference to ``table``/``row``/``column``; ``value=None`` means "no such cell"."""
        if value is None:
            return cls(
                table=table,
                row=row,
                column=column,
                value=None,
                status=ValueStatus.MISSING,
                year=year,
            )
        return cls(
            table=table,
            row=row,
            column=column,
            value=value.value,
            status=value.status,
            raw=value.raw,
            location=value.location,
            year=year,
        )

    @property
    def id(self) -> str:
        """``table/row/column`` (with ``@year`` for cross-year findings)."""
        base = f"{self.table}/{self.row}/{self.column}"
        return base if self.year is None else f"{base}@{self.year}"

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "table": self.table,
            "row": self.row,
            "column": self.column,
            "value": json_number(self.value),
            "status": self.status.value,
            "raw": self.raw,
            "location": None if self.location is None else self.location.to_dict(),
        }
        if self.year is not None:
            out["year"] = self.year
        return out


@attrs.frozen(kw_only=True)
class Finding:
    """One rule that does not hold, or cannot be assessed, for a report.

    ``table``/``row``/``column`` name the cell (or line) the finding is about; ``cells`` are every
    cell involved. For a sum rule ``actual`` is the left-hand side as printed (usually the total),
    ``expected`` the right-hand side (the sum of the parts), and ``difference = actual -
    expected``. ``text_locations`` are spans of prose the finding quotes; ``locations`` gives
    those and the locations of the cells.
    """

    code: str
    severity: Severity
    message: str
    message_en: str
    status: FindingStatus = FindingStatus.FAIL
    table: str | None = None
    row: str | None = None
    column: str | None = None
    cells: tuple[CellRef, ...] = ()
    expected: Number | None = None
    actual: Number | None = None
    difference: Number | None = None
    quote: str | None = None
    year: int | None = None
    text_locations: tuple[Location, ...] = attrs.field(default=(), eq=False, repr=False)

    @property
    def is_failure(self) -> bool:
        return self.status is FindingStatus.FAIL

    @property
    def locations(self) -> tuple[Location, ...]:
        """Where to look: the prose spans quoted, then every involved cell that has a location."""
        cells = tuple(c.location for c in self.cells if c.location is not None)
        return self.text_locations + cells

    @property
    def where(self) -> str:
        """``table/row/column`` of the finding, with absent parts left out."""
        return "/".join(p for p in (self.table, self.row, self.column) if p)

    def format(self, *, lang: str = "zh") -> str:
        """One line for a person: code, severity, status, ids, message and first location."""
        message = self.message if lang == "zh" else self.message_en
        status = "" if self.is_failure else f" ({self.status.value})"
        where = f" [{self.where}]" if self.where else ""
        year = f" {self.year}" if self.year is not None else ""
        loc = self.locations
        at = f" @ {loc[0]}" if loc else ""
        return f"{self.code} {self.severity.value}{status}{year}{where}: {message}{at}"

    def __str__(self) -> str:
        return self.format()

    def to_dict(self) -> dict[str, object]:
        """JSON-ready: numbers as ints or exact decimal strings, enums as their values."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "status": self.status.value,
            "message": self.message,
            "message_en": self.message_en,
            "table": self.table,
            "row": self.row,
            "column": self.column,
            "year": self.year,
            "expected": json_number(self.expected),
            "actual": json_number(self.actual),
            "difference": json_number(self.difference),
            "quote": self.quote,
            "cells": [c.to_dict() for c in self.cells],
            "locations": [loc.to_dict() for loc in self.locations],
        }


def format_findings(findings: Iterable[Finding], *, lang: str = "zh") -> str:
    """Findings as text for a person, one per line, with a count line at the end.

    ``lang="en"`` uses the English messages.
    """
    found = tuple(findings)
    if not found:
        return "没有发现问题。" if lang == "zh" else "No findings."
    lines = [f.format(lang=lang) for f in found]
    counts = {s: sum(1 for f in found if f.severity is s) for s in Severity}
    if lang == "zh":
        names = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
        summary = "，".join(f"{names[s]} {n} 项" for s, n in counts.items() if n)
        lines.append(f"共 {len(found)} 项：{summary}")
    else:
        summary = ", ".join(f"{n} {s.value}" for s, n in counts.items() if n)
        lines.append(f"{len(found)} finding(s): {summary}")
    return "\n".join(lines)


def findings_to_dicts(findings: Iterable[Finding]) -> list[dict[str, object]]:
    return [f.to_dict() for f in findings]


def findings_to_json(findings: Iterable[Finding], *, indent: int | None = 2) -> str:
    """Findings as a JSON array (UTF-8 text, Chinese kept readable)."""
    return json.dumps(findings_to_dicts(findings), ensure_ascii=False, indent=indent)


def describe_number(value: Number | None) -> str:
    """A number as a person reads it: exact decimals, ``空`` for nothing."""
    if value is None:
        return "空"
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def signed(number: Number) -> str:
    """A difference with its sign: ``+2``, ``-0.5``, ``0``."""
    return f"+{describe_number(number)}" if number > 0 else describe_number(number)

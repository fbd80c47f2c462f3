"""Shared helpers of the rules: which template and table spec apply, labels, finding building."""

from __future__ import annotations

from collections.abc import Iterable

from gikparse.errors import Severity
from gikparse.location import Location
from gikparse.model import Number, Report, Table
from gikparse.numbers import NumberKind, ValueStatus
from gikparse.schema import SECTIONS, TEMPLATES, TableSpec, Template, template_for_year

from ._catalogue import rule
from ._finding import CellRef, Finding, FindingStatus

__all__ = [
    "STATUS_EN",
    "STATUS_ZH",
    "cell_ref",
    "column_kind",
    "column_label",
    "expected_variant",
    "finding",
    "related",
    "row_label",
    "table_label",
    "table_spec",
    "template_of",
]

_HAN = "一二三四五六"

STATUS_ZH: dict[ValueStatus, str] = {
    ValueStatus.NUMBER: "数字",
    ValueStatus.BLANK: "空白",
    ValueStatus.DASH: "以符号表示没有",
    ValueStatus.UNREADABLE: "无法识别",
    ValueStatus.AMBIGUOUS: "位置不确定",
    ValueStatus.MISSING: "缺失",
    ValueStatus.INFERRED: "推算",
}
STATUS_EN: dict[ValueStatus, str] = {
    ValueStatus.NUMBER: "a number",
    ValueStatus.BLANK: "blank",
    ValueStatus.DASH: "a dash",
    ValueStatus.UNREADABLE: "unreadable",
    ValueStatus.AMBIGUOUS: "ambiguous",
    ValueStatus.MISSING: "missing",
    ValueStatus.INFERRED: "inferred",
}


def expected_variant(report: Report) -> str | None:
    """The template variant the report year calls for (``None`` when the year is unknown)."""
    if report.template.by_year is not None:
        return report.template.by_year
    if report.meta.year is not None:
        return template_for_year(report.meta.year).variant
    return None


def template_of(report: Report) -> Template | None:
    """The template the report's tables follow: as detected, else as its year prescribes."""
    variant = report.template.variant
    if variant in TEMPLATES:
        return TEMPLATES[variant]
    by_year = expected_variant(report)
    return None if by_year is None else TEMPLATES.get(by_year)


def table_spec(report: Report, table: Table) -> TableSpec | None:
    """The spec of ``table``: from the report's template first, then from any other template
    (an old table in a new year)."""
    first = template_of(report)
    candidates = ([first] if first is not None else []) + [
        t for t in TEMPLATES.values() if t is not first
    ]
    for candidate in candidates:
        for spec in candidate.tables:
            if table.id in (spec.qualified_id, spec.id):
                return spec
    return None


def related(a: str, b: str) -> bool:
    """True when one dotted id is the other or contains it (``outcome.other`` and
    ``outcome.other.unpaid_fee``): the row of one edition that stands for rows of the other."""
    return a == b or a.startswith(b + ".") or b.startswith(a + ".")


def row_label(spec: TableSpec | None, row: str) -> str:
    if spec is not None:
        for found in spec.all_rows():
            if found.id == row:
                return found.label if found.group is None else f"{found.group}/{found.label}"
    return row


def column_label(spec: TableSpec | None, column: str) -> str:
    if spec is not None:
        for found in spec.columns:
            if found.id == column:
                return found.label
    if column == "total":
        return "总计"
    return column


def column_kind(spec: TableSpec | None, column: str) -> NumberKind:
    if spec is not None:
        for found in spec.columns:
            if found.id == column:
                return found.kind
    return NumberKind.COUNT


def table_label(table_id: str, spec: TableSpec | None = None) -> str:
    """How a Chinese reader names the table: ``三、收到和处理政府信息公开申请情况``."""
    section_id, _, sub = table_id.partition(".")
    for section in SECTIONS:
        if section.id == section_id:
            head = f"{_HAN[section.number - 1]}、{section.heading}"
            if sub:
                caption = spec.caption if spec is not None and spec.caption else sub
                return f"{head} {caption}"
            return head
    return table_id


def cell_ref(table: Table, row: str, column: str, *, year: int | None = None) -> CellRef:
    return CellRef.of(table.id, row, column, table.cell(row, column), year=year)


def finding(
    code: str,
    message: str,
    message_en: str,
    *,
    severity: Severity | None = None,
    status: FindingStatus = FindingStatus.FAIL,
    table: str | None = None,
    row: str | None = None,
    column: str | None = None,
    cells: Iterable[CellRef] = (),
    expected: Number | None = None,
    actual: Number | None = None,
    difference: Number | None = None,
    quote: str | None = None,
    year: int | None = None,
    text_locations: tuple[Location, ...] = (),
) -> Finding:
    """A Finding with the catalogue's severity (``info`` when the rule cannot be assessed)."""
    if severity is None:
        severity = Severity.INFO if status is FindingStatus.CANNOT_ASSESS else rule(code).severity
    return Finding(
        code=code,
        severity=severity,
        status=status,
        message=message,
        message_en=message_en,
        table=table,
        row=row,
        column=column,
        cells=tuple(cells),
        expected=expected,
        actual=actual,
        difference=difference,
        quote=quote,
        year=year,
        text_locations=text_locations,
    )

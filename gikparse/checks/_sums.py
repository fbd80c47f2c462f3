"""The one engine for the template's sum rules (C1xx): ``SumRule`` data over a ``Table``.

A rule is evaluated over the rows and columns the table prints. A row the rule names but the
table does not print is replaced by the row of the other edition that stands for it (``（六）``
as one row ``outcome.other`` or as its three sub-rows); a row with no stand-in makes the rule
"cannot be assessed", as does any blank, dash, unreadable or missing cell.
"""

from __future__ import annotations

from collections.abc import Iterator

from gikparse.model import Number, Report, Table
from gikparse.schema import SumRule, TableSpec

from ._catalogue import rule as catalogue_rule
from ._context import (
    STATUS_EN,
    STATUS_ZH,
    cell_ref,
    column_label,
    finding,
    related,
    row_label,
    table_label,
    table_spec,
)
from ._finding import CellRef, Finding, FindingStatus, describe_number, signed

__all__ = ["evaluate_rule", "resolve_ids", "sum_findings"]


def resolve_ids(
    ids: tuple[str, ...], printed: tuple[str, ...], alternates: tuple[str, ...] = ()
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The ids to sum for one side of a rule, and the ids that are neither printed nor stood in
    for by a printed alternate id.

    An alternate id stands in when it is related to ids of the side (see ``related``) and none
    of those is printed.
    """
    used = [i for i in ids if i in printed]
    absent = [i for i in ids if i not in printed]
    for alt in alternates:
        if alt not in printed or alt in ids:
            continue
        covered = [i for i in ids if related(alt, i)]
        if covered and not any(i in printed for i in covered):
            used.append(alt)
            absent = [i for i in absent if i not in covered]
    order = {name: n for n, name in enumerate(printed)}
    return tuple(sorted(used, key=order.__getitem__)), tuple(absent)


def _total(refs: tuple[CellRef, ...]) -> Number:
    total: Number = 0
    for ref in refs:
        assert ref.value is not None  # callers pass only cells with numbers
        total = total + ref.value
    return total


def evaluate_rule(table: Table, spec: TableSpec | None, rule: SumRule) -> Iterator[Finding]:
    """Findings of ``rule`` over every line (column or row) ``table`` prints."""
    by_column = rule.axis == "column"
    printed = table.rows if by_column else table.columns
    alternates = tuple(r.id for r in spec.alternate_rows) if spec is not None and by_column else ()
    lhs, lhs_absent = resolve_ids(rule.lhs, printed, alternates)
    rhs, rhs_absent = resolve_ids(rule.rhs, printed, alternates)
    absent = lhs_absent + rhs_absent
    lines = table.columns if by_column else table.rows
    label = catalogue_rule(rule.code)
    tlabel = table_label(table.id, spec)
    axis_zh, axis_en = ("列", "column") if by_column else ("行", "row")

    def ref(line: str, name: str) -> CellRef:
        return cell_ref(table, name, line) if by_column else cell_ref(table, line, name)

    def name_label(name: str) -> str:
        return row_label(spec, name) if by_column else column_label(spec, name)

    for line in lines:
        line_label = column_label(spec, line) if by_column else row_label(spec, line)
        single = lhs[0] if len(lhs) == 1 else None
        row, column = (single, line) if by_column else (line, single)
        head = f"{tlabel}「{line_label}」{axis_zh}"
        head_en = f"{table.id}, {axis_en} {line}"
        left = tuple(ref(line, name) for name in lhs)
        right = tuple(ref(line, name) for name in rhs)
        cells = left + right
        unknown = tuple(c for c in cells if c.value is None)
        if absent or unknown or not lhs or not rhs:
            reasons = [f"未列出「{name_label(n)}」" for n in absent]
            reasons += [
                f"「{name_label(c.row if by_column else c.column)}」{STATUS_ZH[c.status]}"
                for c in unknown
            ]
            reasons_en = [f"{n} not printed" for n in absent]
            reasons_en += [
                f"{c.row if by_column else c.column} {STATUS_EN[c.status]}" for c in unknown
            ]
            yield finding(
                rule.code,
                f"{head}：无法核对“{rule.description}”，因为{'、'.join(reasons)}。",
                f"{head_en}: cannot assess {label.title_en}: {', '.join(reasons_en)}.",
                status=FindingStatus.CANNOT_ASSESS,
                table=table.id,
                cells=cells,
                row=row,
                column=column,
            )
            continue
        actual, expected = _total(left), _total(right)
        if actual == expected:
            continue
        difference = actual - expected
        yield finding(
            rule.code,
            f"{head}：“{rule.description}”不成立，左边为 {describe_number(actual)}，"
            f"右边为 {describe_number(expected)}，相差 {signed(difference)}。",
            f"{head_en}: {label.title_en} does not hold: left side {describe_number(actual)}, "
            f"right side {describe_number(expected)}, difference {signed(difference)}.",
            table=table.id,
            cells=cells,
            actual=actual,
            expected=expected,
            difference=difference,
            row=row,
            column=column,
        )


def sum_findings(report: Report) -> Iterator[Finding]:
    """Every sum rule of every table's spec, over the report's tables."""
    for table in report.tables:
        spec = table_spec(report, table)
        if spec is None:
            continue
        for rule in spec.rules:
            yield from evaluate_rule(table, spec, rule)

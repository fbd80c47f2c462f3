"""Structure rules (C3xx): what the template wants that the report does not print as wanted."""

from __future__ import annotations

from collections.abc import Iterator

from gikparse.errors import Diagnostic, Severity
from gikparse.model import Report, Table
from gikparse.numbers import ValueStatus
from gikparse.schema import SECTIONS, TEMPLATES, TableSpec

from ._context import (
    cell_ref,
    column_label,
    expected_variant,
    finding,
    related,
    row_label,
    table_label,
    table_spec,
    template_of,
)
from ._finding import CellRef, Finding

__all__ = ["structure_findings"]

_HAN = "一二三四五六"

#: Cell status → (code, Chinese phrase, English phrase).
_CELL_RULES: dict[ValueStatus, tuple[str, str, str]] = {
    ValueStatus.MISSING: ("C304", "缺失", "missing"),
    ValueStatus.BLANK: (
        "C305",
        "为空（未填报，不等于 0）",
        "blank (not reported, which is not zero)",
    ),
    ValueStatus.DASH: (
        "C306",
        "以“—”“/”“无”等符号表示没有",
        "with a dash or 无 instead of a number",
    ),
    ValueStatus.UNREADABLE: ("C307", "内容不是数字", "with text that is not a number"),
    ValueStatus.AMBIGUOUS: ("C308", "无法确定位置", "that could not be placed"),
    ValueStatus.INFERRED: (
        "C309",
        "由合计关系推算或确定位置",
        "inferred from the template's sums (a lost cell, or cells whose boundaries were lost)",
    ),
}


#: Parser diagnostics a rule of this module already reports from the parsed values.
_COVERED: dict[str, str] = {
    "P101": "C314",  # section not found
    "P110": "C310",  # template edition does not match the year
    "P204": "C308",  # cells that cannot be placed (AMBIGUOUS values)
    "P205": "C309",  # a lost cell fixed by the row's total (INFERRED value)
    "P206": "C308",
    "P208": "C307",  # cell text that is not a number (UNREADABLE value)
    "P210": "C301",  # table not found
    "P211": "C302",  # row not found
    "P212": "C311",  # rows of the other edition
    "P214": "C309",  # runs of digits cut into cells (INFERRED values)
    "P215": "C308",  # runs of digits with several cuts (AMBIGUOUS values)
    "P216": "C308",  # runs of digits with no cut, or a capped search (AMBIGUOUS values)
    "P217": "C309",  # numbers printed apart from their labels, placed (INFERRED values)
    "P218": "C308",  # numbers printed apart from their labels, not placed (AMBIGUOUS values)
    "P220": "C309",  # rows of numbers without labels placed by order (INFERRED values)
    "P221": "C308",  # numbers wrapped onto the line below (AMBIGUOUS values)
    "P222": "C308",  # numbers that may be the next row's (AMBIGUOUS values)
}
#: Parser diagnostics about what only the parser saw, reported under a rule of their own.
_RECODED: dict[str, str] = {
    "P201": "C313",  # a row label no template knows, its numbers kept in Table.unplaced
    "P202": "C312",  # numbers that follow no row label
    "P203": "C312",  # more cells than columns: extra cells dropped
}


def _variant_findings(report: Report) -> Iterator[Finding]:
    variant, wanted = report.template.variant, expected_variant(report)
    if variant is None or wanted is None or variant == wanted:
        return
    year = report.meta.year
    evidence = "、".join(report.template.evidence[:3])
    because = f"（依据：{evidence}）" if evidence else ""
    yield finding(
        "C310",
        f"报告年度为 {year}，应使用 {wanted} 版模板，但表格使用的是 {variant} 版{because}。",
        f"The report is on {year}, which calls for the {wanted} template, but its tables follow "
        f"the {variant} template.",
        quote=evidence or None,
    )


def _missing_tables(report: Report) -> Iterator[Finding]:
    template = template_of(report)
    if template is None:
        return
    for spec in template.tables:
        if report.table(spec.qualified_id) is None:
            label = table_label(spec.qualified_id, spec)
            yield finding(
                "C301",
                f"缺少 {template.variant} 版模板要求的表格：{label}。",
                f"Table {spec.qualified_id} of the {template.variant} template is missing.",
                table=spec.qualified_id,
            )


def _table_identity(report: Report, table: Table, spec: TableSpec | None) -> Iterator[Finding]:
    template = template_of(report)
    label = table_label(table.id, spec)
    if spec is None:
        yield finding(
            "C313",
            f"表格 {label} 不属于任何一版模板。",
            f"Table {table.id} belongs to no template.",
            table=table.id,
        )
    elif template is not None and spec not in template.tables:
        other = next(t.variant for t in TEMPLATES.values() if spec in t.tables)
        yield finding(
            "C311",
            f"表格 {label} 属于 {other} 版模板，不在本报告所用的 {template.variant} 版模板中。",
            f"Table {table.id} is from the {other} template, not the {template.variant} one.",
            table=table.id,
        )


def _rows_and_columns(table: Table, spec: TableSpec) -> Iterator[Finding]:
    label = table_label(table.id, spec)
    alternates = {r.id for r in spec.alternate_rows}
    known_rows = {r.id for r in spec.all_rows()}
    for row in spec.rows:
        if row.id in table.rows:
            continue
        if any(a in table.rows and related(a, row.id) for a in alternates):
            continue  # printed as the other edition's row(s)
        yield finding(
            "C302",
            f"{label} 缺少「{row_label(spec, row.id)}」行。",
            f"{table.id}: row {row.id} is missing.",
            table=table.id,
            row=row.id,
        )
    others = tuple(r for r in table.rows if r in alternates)
    if others:
        names = "、".join(f"「{row_label(spec, r)}」" for r in others)
        yield finding(
            "C311",
            f"{label} 使用了另一版模板的行：{names}；各项核对按实际列出的行进行。",
            f"{table.id} prints rows of the other template edition: {', '.join(others)}; the "
            "checks use the rows as printed.",
            table=table.id,
            row=others[0] if len(others) == 1 else None,
        )
    for row_id in table.rows:
        if row_id not in known_rows:
            yield finding(
                "C313",
                f"{label} 有模板中没有的行「{row_id}」。",
                f"{table.id}: row {row_id} is in no template.",
                table=table.id,
                row=row_id,
            )
    known_columns = {c.id for c in spec.columns}
    for column in spec.columns:
        if column.id not in table.columns:
            yield finding(
                "C303",
                f"{label} 缺少「{column.label}」列。",
                f"{table.id}: column {column.id} is missing.",
                table=table.id,
                column=column.id,
            )
    for column_id in table.columns:
        if column_id not in known_columns:
            yield finding(
                "C313",
                f"{label} 有模板中没有的列「{column_id}」。",
                f"{table.id}: column {column_id} is in no template.",
                table=table.id,
                column=column_id,
            )


def _cells(table: Table, spec: TableSpec | None) -> Iterator[Finding]:
    """One finding per row and kind of non-number (blank, dash, …), listing the cells."""
    label = table_label(table.id, spec)
    for row in table.rows:
        by_status: dict[ValueStatus, list[CellRef]] = {}
        for column in table.columns:
            ref = cell_ref(table, row, column)
            if ref.status in _CELL_RULES:
                by_status.setdefault(ref.status, []).append(ref)
        for status, refs in by_status.items():
            code, zh, en = _CELL_RULES[status]
            names = "、".join(f"「{column_label(spec, r.column)}」" for r in refs)
            yield finding(
                code,
                f"{label}「{row_label(spec, row)}」行 {len(refs)} 个单元格{zh}：{names}。",
                f"{table.id}, row {row}: {len(refs)} cell(s) {en}: "
                f"{', '.join(r.column for r in refs)}.",
                table=table.id,
                row=row,
                column=refs[0].column if len(refs) == 1 else None,
                cells=refs,
            )


def _unplaced(table: Table, spec: TableSpec | None) -> Iterator[Finding]:
    """Values the parser could not place, unless its own diagnostics already account for them
    (reported by ``_diagnostics`` with the parser's explanation)."""
    if not table.unplaced or any(d.code in _RECODED for d in table.diagnostics):
        return
    label = table_label(table.id, spec)
    raws = " ".join(v.raw or str(v.value) for v in table.unplaced)
    yield finding(
        "C312",
        f"{label} 有 {len(table.unplaced)} 个数字无法对应到模板的单元格：{raws}。",
        f"{table.id}: {len(table.unplaced)} value(s) fit no cell of the template: {raws}.",
        table=table.id,
        quote=raws,
        text_locations=tuple(v.location for v in table.unplaced if v.location is not None),
    )


def _missing_sections(report: Report) -> Iterator[Finding]:
    if not report.sections:
        return  # no outline at all: a bare table, nothing to say about sections
    for section in SECTIONS:
        if report.section(section.id) is None:
            head = f"{_HAN[section.number - 1]}、{section.heading}"
            yield finding(
                "C314",
                f"报告缺少第{_HAN[section.number - 1]}部分「{head}」。",
                f"Section {section.number} ({section.id}) is missing.",
            )


def _diagnostic(report: Report, diagnostic: Diagnostic, table_id: str | None) -> Finding:
    table_id = diagnostic.table or table_id
    code = _RECODED.get(diagnostic.code, "C390")
    # A diagnostic may name a section ("active_disclosure") rather than a table: look it up
    # among the report's tables instead of with report.table(), which raises for such ids.
    table = next((t for t in report.tables if table_id in (t.id, t.short_id)), None)
    spec = None if table is None else table_spec(report, table)
    place = "" if table_id is None else table_label(table_id, spec)
    if diagnostic.row is not None:
        place += f"「{row_label(spec, diagnostic.row)}」行"
    place = f"{place}：" if place else ""
    message = f"{place}{diagnostic.message}（解析代码 {diagnostic.code}）"
    if code == "C390":
        message = f"解析时发现（{diagnostic.code}）：{place}{diagnostic.message}"
    where_en = "/".join(p for p in (table_id, diagnostic.row) if p)
    return finding(
        code,
        message,
        f"{where_en + ': ' if where_en else ''}{diagnostic.message_en} "
        f"(parser code {diagnostic.code})",
        severity=diagnostic.severity if code == "C390" else None,
        table=table_id,
        row=diagnostic.row,
        column=diagnostic.column,
        quote=diagnostic.code,
        text_locations=() if diagnostic.location is None else (diagnostic.location,),
    )


def _diagnostics(report: Report) -> Iterator[Finding]:
    """The parser's own warnings and errors that no other rule reports (its info notes stay in
    ``report.diagnostics``)."""
    seen: set[Diagnostic] = set()
    sources = [(report.diagnostics, None)] + [(t.diagnostics, t) for t in report.tables]
    for diagnostics, table in sources:
        for diagnostic in diagnostics:
            if diagnostic.severity is Severity.INFO or diagnostic.code in _COVERED:
                continue
            if diagnostic in seen:
                continue
            seen.add(diagnostic)
            yield _diagnostic(report, diagnostic, None if table is None else table.id)


def structure_findings(report: Report) -> Iterator[Finding]:
    yield from _variant_findings(report)
    yield from _missing_sections(report)
    yield from _missing_tables(report)
    for table in report.tables:
        spec = table_spec(report, table)
        yield from _table_identity(report, table, spec)
        if spec is not None:
            yield from _rows_and_columns(table, spec)
        yield from _cells(table, spec)
        yield from _unplaced(table, spec)
    yield from _diagnostics(report)

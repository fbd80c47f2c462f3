"""One table as HTML: the template's layout, each cell with its status and the findings on it.

Every text is escaped. Each value cell carries ``data-cell="table/row/column"``; a cell a
finding is about carries the finding codes in ``data-codes`` and a class saying how bad
(``flag-error``, ``flag-warning``), with the rule's numbers beside the value.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

import attrs

from gikparse.checks import Finding
from gikparse.checks._finding import describe_number, signed
from gikparse.errors import Severity
from gikparse.model import Table, Value
from gikparse.numbers import ValueStatus
from gikparse.schema import SECTIONS, TableSpec

from ._layout import HeadCell, grid_of, spec_of

__all__ = ["CellMarks", "marks_of", "table_html"]

Position = tuple[str, str]

_STATUS_TEXT = {
    ValueStatus.BLANK: "空",
    ValueStatus.DASH: "—",
    ValueStatus.UNREADABLE: "无法识别",
    ValueStatus.AMBIGUOUS: "位置不确定",
    ValueStatus.MISSING: "缺失",
}
_HAN = "一二三四五六"
_RANK = {Severity.ERROR: 2, Severity.WARNING: 1, Severity.INFO: 0}


@attrs.frozen
class Note:
    code: str
    severity: Severity
    text: str  #: the rule's numbers, short: "左 5 ≠ 右 3 (+2)"
    primary: bool  #: the cell the finding is about, not only one it involves


@attrs.define
class CellMarks:
    """Findings by cell of one table, and those about the table as a whole."""

    cells: dict[Position, list[Note]] = attrs.Factory(dict)
    table: list[Note] = attrs.Factory(list)


def _numbers(finding: Finding) -> str:
    if finding.difference is not None:
        return (
            f"{describe_number(finding.actual)} ≠ {describe_number(finding.expected)} "
            f"({signed(finding.difference)})"
        )
    if finding.actual is not None or finding.expected is not None:
        return f"{describe_number(finding.actual)} vs {describe_number(finding.expected)}"
    return ""


def marks_of(findings: Iterable[Finding], table: Table) -> CellMarks:
    """Where each failed finding (warning or error) about ``table`` goes: the finding's cell
    (primary) and every cell it involves; a finding about a row without cells marks the row's
    cells; one about the whole table marks the table."""
    marks = CellMarks()
    for f in findings:
        if not f.is_failure or f.severity is Severity.INFO:
            continue
        own = [c for c in f.cells if c.table == table.id and c.year is None]
        if f.table != table.id and not own:
            continue
        numbers = _numbers(f)
        if f.row is not None and f.column is not None:
            primary: Position | None = (f.row, f.column)
        elif own:
            primary = (own[0].row, own[0].column)
        else:
            primary = None
        positions = [(c.row, c.column) for c in own]
        if not positions and f.row is not None:
            positions = [(r, c) for (r, c) in _positions(table) if r == f.row]
        if not positions and primary is None:
            marks.table.append(Note(f.code, f.severity, numbers, True))
            continue
        if primary is not None and primary not in positions:
            positions.insert(0, primary)
        for position in dict.fromkeys(positions):
            note = Note(f.code, f.severity, numbers, position == primary)
            marks.cells.setdefault(position, []).append(note)
    return marks


def _positions(table: Table) -> list[Position]:
    spec = spec_of(table, None)
    rows = table.rows or (tuple(r.id for r in spec.rows) if spec else ())
    columns = table.columns or (tuple(c.id for c in spec.columns) if spec else ())
    return [(r, c) for r in rows for c in columns]


def _head_cell(cell: HeadCell, tag: str = "th") -> str:
    spans = ""
    if cell.rowspan > 1:
        spans += f' rowspan="{cell.rowspan}"'
    if cell.colspan > 1:
        spans += f' colspan="{cell.colspan}"'
    key = f' data-label="{escape(cell.key)}"' if cell.key else ""
    return f"<{tag}{spans}{key}>{escape(cell.text)}</{tag}>"


def _value_text(value: Value | None) -> str:
    if value is None:
        return _STATUS_TEXT[ValueStatus.MISSING]
    if value.value is not None:
        text = value.raw or describe_number(value.value)
        return text if value.status is not ValueStatus.INFERRED else f"{text}（推算）"
    return (
        value.raw
        if value.raw and value.status is ValueStatus.UNREADABLE
        else _STATUS_TEXT.get(value.status, "")
    )


def _value_cell(table: Table, position: Position, notes: list[Note]) -> str:
    row, column = position
    value = table.cell(row, column)
    status = ValueStatus.MISSING if value is None else value.status
    classes = [f"v-{status.value}"]
    if notes:
        worst = max(notes, key=lambda n: _RANK[n.severity]).severity
        classes.append(f"flag-{worst.value}")
        if any(n.primary for n in notes):
            classes.append("flag-primary")
    cell_id = escape(f"{table.id}/{row}/{column}")
    codes = " ".join(dict.fromkeys(n.code for n in notes))
    data = f' data-cell="{cell_id}"' + (f' data-codes="{escape(codes)}"' if codes else "")
    title = f' title="{cell_id} ({escape(status.value)})"'
    notes_html = "".join(
        f'<span class="note">{escape(n.code)}{(" " + escape(n.text)) if n.text else ""}</span>'
        for n in notes
        if n.primary
    )
    return (
        f'<td class="{" ".join(classes)}"{data}{title}>'
        f'<span class="val">{escape(_value_text(value))}</span>{notes_html}</td>'
    )


def _caption(table: Table, spec: TableSpec | None) -> str:
    section = next((s for s in SECTIONS if s.id == table.id.partition(".")[0]), None)
    parts = [] if section is None else [f"{_HAN[section.number - 1]}、{section.heading}"]
    if spec is not None and spec.caption:
        parts.append(spec.caption)
    parts.append(f"({table.id})")
    return " ".join(parts)


def table_html(
    table: Table, *, variant: str | None = None, findings: Iterable[Finding] = ()
) -> str:
    """``table`` drawn as in the template, with the findings about it marked on its cells."""
    spec = spec_of(table, variant)
    grid = grid_of(table, spec)
    marks = marks_of(findings, table)
    caption = _caption(table, spec)
    table_codes = " ".join(dict.fromkeys(n.code for n in marks.table))
    attrs_html = f' data-table="{escape(table.id)}"'
    if table_codes:
        attrs_html += f' data-codes="{escape(table_codes)}"'
    out = [f'<table class="gik{" flag-table" if marks.table else ""}"{attrs_html}>']
    table_notes = "".join(
        f'<span class="note">{escape(n.code)}{(" " + escape(n.text)) if n.text else ""}</span>'
        for n in marks.table
    )
    out.append(f"<caption>{escape(caption)}{table_notes}</caption>")
    out.append("<thead>")
    for head_row in grid.head:
        out.append("<tr>" + "".join(_head_cell(c) for c in head_row) + "</tr>")
    out.append("</thead><tbody>")
    for labels, positions in grid.body:
        cells = "".join(_head_cell(c) for c in labels)
        cells += "".join(_value_cell(table, p, marks.cells.get(p, [])) for p in positions)
        out.append(f"<tr>{cells}</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)

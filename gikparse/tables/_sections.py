"""The tables of sections 二, 三 and 四 from the lines of each section."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence

import regex

from gikparse._tokens import Token, tokenize
from gikparse.errors import Diagnostic, Severity
from gikparse.model import PendingValue, Position, Table, Value
from gikparse.normalize import normalize
from gikparse.numbers import MONEY_UNIT, NumberKind, ValueStatus
from gikparse.readers.document import Document, Line, TextCell
from gikparse.recover.cells import recover_rows
from gikparse.schema import ColumnSpec, RowSpec, TableSpec, Template
from gikparse.tables._build import _build_table
from gikparse.tables._cells import (
    _DIGIT,
    _EMPTY,
    _LABEL,
    _PIECE,
    _RUN,
    _VALUE,
    _check_value,
    _diag,
    _value,
)
from gikparse.tables._labels import _Matcher
from gikparse.tables._placing import (
    _completer,
    _grid_cells,
    _numbers_share_a_cell,
    _placing,
    _several,
    _spans_unevenly,
    _value_columns,
    place,
)
from gikparse.tables._rows import _RowCollector, _segments

_CAPTION = regex.compile(r"第二十条第\(([一二三四五六七八九十]+)\)项")
_MONEY_UNIT = regex.compile(MONEY_UNIT)
# "（单位：元）", "单位为千元", "单位/人民币元" beside a caption or a header.
_UNIT_NOTE = regex.compile(rf"单位\s*[:：/为是]?\s*(?:人民币)?\s*({MONEY_UNIT})")
_CONTENT_HEADER = normalize("信息内容")  # the first header cell of each sub-table of 二


def parse_applications_lines(
    doc: Document,
    lines: Sequence[Line],
    spec: TableSpec,
    stated: Mapping[Position, int] | None = None,
) -> Table:
    """Section 三's table from the lines of that section. ``stated``: figures the report
    states in words, by cell, which may settle how a run of digits is cut (gikparse.recover)."""
    matcher = _Matcher.of(spec.all_rows(), spec.columns)
    collector = _RowCollector(doc, matcher, spec.qualified_id, lambda _row: len(spec.columns))
    collector.feed(lines)
    if not collector.drafts:
        collector.diagnostics.append(_missing_table(spec))
    return _build_table(
        doc,
        spec,
        collector.drafts,
        spec.columns,
        None,
        collector.diagnostics,
        collector.unplaced,
        collector.blocks,
        stated,
        collector.orphans,
    )


def _missing_table(spec: TableSpec) -> Diagnostic:
    return Diagnostic(
        code="P210",
        severity=Severity.ERROR,
        message=f"未找到表格“{spec.caption or spec.id}”",
        message_en=f"table {spec.qualified_id!r} was not found",
        table=spec.qualified_id,
    )


def _garbled_values(tokens: Sequence[Token]) -> bool:
    """Whether a line with "labels" is values among which some are unreadable numbers
    (``9,0``: a number a narrow cell wrapped onto two lines), or pieces of numbers alone
    (``69,666,0``), not a header: the line is read as values, so that the unreadable ones say
    so, never skipped (its next lines' pieces would then be read as the row, silently)."""
    labels = [t for t in tokens if t.kind is _LABEL]
    if all(_PIECE.fullmatch(t.text) is not None for t in labels):
        return True  # pieces of numbers alone ("69,666,0" over "44"), or with numbers
    return sum(t.kind is _VALUE for t in tokens) >= 2 and all(
        _DIGIT.search(t.text) is not None for t in labels
    )


def _the_row(tokens: Sequence[Token], ncols: int) -> list[Token] | None:
    """Section 四's one row among words: most of a line's cells numbers, a cell or two not
    (``〇``, ``Ⅲ``: unreadable where they stand), after a label of the row's own (``数量``)
    when the cells after it are one for each column; None for other lines (a header)."""
    labels = [i for i, t in enumerate(tokens) if t.kind is _LABEL]
    if len(labels) > 2 or sum(t.kind is _VALUE for t in tokens) * 2 <= ncols:
        return None
    rest = tokens[labels[0] + 1 :]
    if labels[0] == sum(t.kind is _EMPTY for t in tokens[: labels[0]]) and len(rest) == ncols:
        return list(rest)  # the row's label first: its cells follow
    return list(tokens)


def parse_review_lines(doc: Document, lines: Sequence[Line], spec: TableSpec) -> Table:
    """Section 四's table: one row of 15 numbers, or (rarely) one labelled row per group."""
    matcher = _Matcher.of(spec.rows, spec.columns)
    collector = _RowCollector(doc, matcher, spec.qualified_id, lambda _row: len(spec.columns))
    stream: list[Token] = []
    run_cells: list[TextCell] = []
    value_lines: list[list[Token]] = []
    labelled = False
    for line in lines:
        if line.kind is _RUN:
            run_cells.extend(line.cells[1:])  # the values after the header (gikparse.recover)
            continue
        tokens = tokenize(doc, line)
        segments = _segments(tokens)
        rows_here = [
            lab
            for lab, vals in segments
            if lab is not None
            and any(v.kind is _VALUE for v in vals)
            and matcher.classify(lab.text, None)[0] == "row"
        ]
        if rows_here:
            labelled = True
            collector.feed([line])
            continue
        if any(t.kind is _LABEL for t in tokens):
            if _garbled_values(tokens):
                value_lines.append(tokens)  # its unreadable cells stay in their places
            elif (row := _the_row(tokens, len(spec.rows) * len(spec.columns))) is not None:
                value_lines.append(row)
            continue
        if any(t.kind is _VALUE for t in tokens):
            value_lines.append(tokens)
    # A line's trailing empty cells are padding when more values follow on later lines; those
    # of the last line of values stay, so that a blank last cell (a trailing tab) is read as
    # blank, not restored from the total rule (place() trims what cannot be a column).
    for k, tokens in enumerate(value_lines):
        if k + 1 < len(value_lines):
            while tokens and tokens[-1].kind is _EMPTY:
                tokens.pop()
        stream.extend(tokens)
    if labelled:
        return _build_table(
            doc,
            spec,
            collector.drafts,
            spec.columns,
            None,
            collector.diagnostics,
            (),
            collector.blocks,
            None,
            collector.orphans,
        )
    diagnostics: list[Diagnostic] = []
    positions = [(r.id, c.id) for r in spec.rows for c in spec.columns]
    cells: dict[Position, Value | PendingValue] = {}
    if len(run_cells) == 1 and not any(t.kind is _VALUE for t in stream):
        recovered, found = recover_rows(
            doc,
            spec.qualified_id,
            spec.columns,
            [(spec.id, positions, run_cells[0])],
            {},
            spec.rules,
        )
        return Table(
            id=spec.qualified_id,
            rows=tuple(r.id for r in spec.rows),
            columns=tuple(c.id for c in spec.columns),
            cells=recovered,
            diagnostics=tuple(found),
        )
    if not any(t.kind is _VALUE for t in stream):
        diagnostics.append(_missing_table(spec))
        return Table(
            id=spec.qualified_id,
            rows=(),
            columns=tuple(c.id for c in spec.columns),
            diagnostics=tuple(diagnostics),
        )
    values = [_value(doc, t, NumberKind.COUNT, None) for t in stream]
    code: str | None = None
    if (
        doc.marked_cells
        and len(value_lines) == 1
        and _spans_unevenly(_value_columns(value_lines[0], len(positions)))
    ):
        placed, code = [Value(None, ValueStatus.AMBIGUOUS) for _ in positions], "P224"
    elif (len(values) != len(positions) or doc.marked_cells) and any(
        _numbers_share_a_cell(tokens) for tokens in value_lines
    ):
        # A cell of a line with cell boundaries holds several numbers ("327 94": a number a
        # narrow cell wrapped, its pieces at two heights), and the cells do not fit the
        # columns: which blanks to drop cannot be told, unless they are one row of a web
        # page's or a Word file's table, one for each column. (Squeezed columns of a PDF may
        # put two columns' numbers in one cell: as many numbers as columns are read in
        # order. A web page's or a Word file's cell holds one cell's text: "7<sup>1</sup>"
        # in a row one cell short is no two cells.)
        by_cell = _grid_cells(doc, stream, len(positions))
        if by_cell is None:
            placed, code = [Value(None, ValueStatus.AMBIGUOUS) for _ in positions], "P206"
        else:
            placed = [
                _several(doc, cell, spec.qualified_id, *position, diagnostics)
                if len(cell) > 1
                else _value(doc, cell[0], NumberKind.COUNT, None)
                for cell, position in zip(by_cell, positions, strict=True)
            ]
    else:
        placed, code = place(values, positions, _completer(positions, spec.rules))
    if code is not None:
        first = next(t for t in stream if t.kind is _VALUE)
        # The rows whose cells it leaves inferred or ambiguous (one stream holds all three).
        named = dict.fromkeys(
            row_id
            for (row_id, _), value in zip(positions, placed, strict=True)
            if value.status in (ValueStatus.INFERRED, ValueStatus.AMBIGUOUS)
        )
        for row_id in named or (None,):
            diagnostics.append(_placing(code, doc, first, spec.qualified_id, row_id))
    for (row_id, col_id), value in zip(positions, placed, strict=True):
        cells[row_id, col_id] = value
        _check_value(value, spec.qualified_id, row_id, col_id, diagnostics)
    return Table(
        id=spec.qualified_id,
        rows=tuple(r.id for r in spec.rows),
        columns=tuple(c.id for c in spec.columns),
        cells=cells,
        diagnostics=tuple(diagnostics),
    )


@functools.lru_cache(maxsize=4096)
def _label_notes(text: str) -> tuple[bool, str | None]:
    """Whether a label cell is a table caption of section 二, and the unit it states."""
    key = normalize(text)
    unit_note = _UNIT_NOTE.search(key)
    return _CAPTION.search(key) is not None, None if unit_note is None else unit_note.group(1)


def _caption_table(template: Template, text: str) -> TableSpec | None:
    m = _CAPTION.search(normalize(text))
    if m is None:
        return None
    for spec in template.active_disclosure:
        if spec.caption is not None and normalize(spec.caption) == m.group(0):
            return spec
    return None


@functools.lru_cache(maxsize=1024)
def _header_columns(
    spec: TableSpec, header: tuple[str, ...]
) -> tuple[tuple[ColumnSpec, ...], str | None]:
    """Columns in the order the ``header`` cells print them, and the money unit they state.
    Cached: the same few headers recur in every report."""
    found: list[ColumnSpec] = []
    unit = None
    for text in header:
        key = normalize(text)
        for column in spec.columns:
            if column not in found and any(k in key for k in column.keys):
                found.append(column)
                if column.kind is NumberKind.MONEY and (m := _MONEY_UNIT.search(key)) is not None:
                    unit = m.group()
                break
    if len(found) == len(spec.columns):
        return tuple(found), unit
    return spec.columns, unit


def parse_active_disclosure_lines(
    doc: Document, lines: Sequence[Line], template: Template
) -> tuple[tuple[Table, ...], tuple[Diagnostic, ...]]:
    """Section 二's sub-tables. Rows are found by label (each is unique across the sub-tables);
    captions and header rows tell which table and which column order."""
    specs = template.active_disclosure
    all_rows = [r for s in specs for r in s.rows]
    all_columns = [c for s in specs for c in s.columns]
    owner = {r.id: s for s in specs for r in s.rows}
    matcher = _Matcher.of(all_rows, all_columns)
    header: list[Token] = []
    layout: dict[str, tuple[Sequence[ColumnSpec], str | None]] = {}
    stated_unit: list[str] = []  # "单位：元" printed beside the caption or the header
    foreign: list[Diagnostic] = []

    def on_label(kind: str, core: str, token: Token) -> bool:
        is_caption, unit_note = _label_notes(token.text)
        if is_caption:
            stated_unit[:] = [unit_note] if unit_note else []
            spec = _caption_table(template, token.text)
            if spec is None:
                foreign.append(
                    _diag(
                        "P213",
                        Severity.WARNING,
                        f"“{token.text}”不属于{template.variant}版模板",
                        f"{token.text!r} is not a table of the {template.variant} template",
                        doc,
                        token,
                        table="active_disclosure",
                    )
                )
            header.clear()
            return True
        if unit_note is not None and kind != "header":
            stated_unit[:] = [unit_note]
            return True
        if kind == "header":
            if normalize(token.text) == _CONTENT_HEADER:
                header.clear()
            else:
                header.append(token)
            return True
        return False

    def on_row(spec: RowSpec) -> None:
        table = owner[spec.id]
        if header or table.id not in layout:
            columns, unit = _header_columns(table, tuple(t.text for t in header))
            layout[table.id] = (columns, unit or next(iter(stated_unit), None))
            header.clear()

    collector = _RowCollector(
        doc,
        matcher,
        "active_disclosure",
        lambda row: len(owner[row.id].columns),
        on_label=on_label,
        on_row=on_row,
        keep_orphans=False,
    )
    collector.feed(lines)
    tables: list[Table] = []
    section_diagnostics = [*foreign, *collector.diagnostics]
    for spec in specs:
        drafts = [d for d in collector.drafts if owner[d.spec.id] is spec]
        # Labels printed apart from their numbers: the numbers follow the last label, and are
        # this table's when that label is (rows of a table before it had none).
        blocks = [
            ([r for r in rows if owner[r.id] is spec], numbers)
            for rows, numbers in collector.blocks
            if owner[rows[-1].id] is spec
        ]
        if not any(d.values for d in drafts) and not blocks:
            section_diagnostics.append(_missing_table(spec))
            continue
        columns, unit = layout.get(spec.id, (spec.columns, None))
        tables.append(_build_table(doc, spec, drafts, columns, unit, [], (), blocks))
    return tuple(tables), tuple(section_diagnostics)

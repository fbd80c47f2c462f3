"""A table from its row drafts: each row's cells placed on its columns, doubtful ones named,
runs and numbers printed apart recovered with the table's arithmetic."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from decimal import Decimal

import attrs

from gikparse._tokens import Token
from gikparse.errors import Diagnostic, Severity
from gikparse.model import PendingValue, Position, Table, Value, value_of
from gikparse.numbers import NumberKind, ValueStatus, parse_number
from gikparse.readers.document import Document, TextCell
from gikparse.recover.blocks import Block, Orphan, place_blocks, place_orphans
from gikparse.recover.cells import RunRow, recover_rows
from gikparse.schema import ColumnSpec, TableSpec
from gikparse.tables._cells import (
    _AMBIGUOUS,
    _BLANK,
    _EMPTY,
    _NUMBER,
    _VALUE,
    _check_value,
    _content,
    _diag,
    _doubtful,
    _value,
)
from gikparse.tables._placing import (
    _completer,
    _grid_cells,
    _holds_several,
    _moved_by_a_span,
    _numbers_share_a_cell,
    _placing,
    _several,
    _spans_unevenly,
    _stacked,
    _trim_blanks,
    _usual_columns,
    _value_columns,
    place,
)
from gikparse.tables._rows import _Draft

# Cells whose numbers the rules across rows may rely on when cutting runs (blank counts as 0).
_KNOWN = frozenset({_NUMBER, _BLANK, ValueStatus.DASH, ValueStatus.INFERRED})


def _build_table(
    doc: Document,
    spec: TableSpec,
    drafts: Sequence[_Draft],
    columns: Sequence[ColumnSpec],
    unit: str | None,
    diagnostics: list[Diagnostic],
    unplaced: Sequence[Token],
    blocks: Sequence[Block] = (),
    stated: Mapping[Position, int] | None = None,
    orphans: Sequence[Orphan] = (),
) -> Table:
    table_id = spec.qualified_id
    cells: dict[Position, Value | PendingValue] = {}
    seen: set[str] = set()
    kind = _lenient_kind(columns)
    usual = _usual_width(drafts)
    padding = _trailing_padding(drafts, usual, len(columns))
    # Where the table's value cells start (see _moved_by_a_span): looked for at the first
    # row of a grid whose value cell spans columns, which most tables have none of.
    spans = doc.marked_cells and len(columns) > 1
    usual_columns: tuple[int, ...] | None = None
    runs: list[RunRow] = []
    maybe: list[tuple[_Draft, Token, str, str]] = []  # cells that may have wrapped
    # Numbers a row took alone from lines after its label, when the next row comes short of
    # as many: which of the two rows they are cannot be told (a copy that moved a row's first
    # number before its label, or a blank the next number filled).
    shared = {
        id(before): min(before.taken_after, len(columns) - after.filled)
        for before, after in itertools.pairwise(drafts)
        if before.taken_after and after.values and after.has_room(len(columns))
    }
    for draft in drafts:
        if not draft.values:
            continue  # a header word or a label whose values never came
        if draft.run is not None and draft.spec.id not in seen:  # twice: P207 below
            positions = [(draft.spec.id, c.id) for c in columns]
            runs.append((draft.spec.id, positions, draft.run))
            seen.add(draft.spec.id)
            for pos in positions:  # a place in the table's order, filled by _recover
                cells[pos] = Value(None, ValueStatus.AMBIGUOUS)
            continue
        tokens = draft.values
        if 0 < draft.width < usual:
            # A line narrower than the table's others lost a cell: its trailing empty cells
            # are padding, not blanks, or every number after the loss would shift.
            while tokens and tokens[-1].kind is _EMPTY:
                tokens = tokens[:-1]
            # An empty cell before its numbers, left once the smeared ones are dropped, is a
            # blank, or one of them (and the lost cell a number's, each number after it a
            # column off): the row is short of a cell, for the row's rule to restore, if it
            # tells which (P205), or none to be placed (P206).
            trimmed = _trim_blanks(tokens, len(columns), _is_empty)
            if trimmed and trimmed[0].kind is _EMPTY:
                tokens = trimmed
                while tokens and tokens[0].kind is _EMPTY:
                    tokens = tokens[1:]
        elif draft.width == usual and len(tokens) > len(columns):
            tokens = _align_right(tokens, len(columns), padding)
        row_id = draft.spec.id
        if row_id in seen:
            diagnostics.append(
                _diag(
                    "P207",
                    Severity.WARNING,
                    "该行重复出现，仅采用第一次出现的数值",
                    "row printed twice; the first one was used",
                    doc,
                    draft.label,
                    table=table_id,
                    row=row_id,
                )
            )
            continue
        seen.add(row_id)
        by_cell: list[list[Token]] | None = None
        if (
            len(draft.values) > len(columns)
            and not draft.interleaved
            and _holds_several(draft.values)
        ):
            by_cell = _grid_cells(doc, draft.values, len(columns))
        if by_cell is None and (draft.interleaved or _numbers_share_a_cell(draft.values)):
            # "0<tab>1 52": one cell of a row with cell boundaries holds several numbers. It
            # is a number broken by a space or a line, or two cells run together; or numbers
            # on a line after the row's may stand in its blanks or after them (see
            # _Draft.interleaved). The row's numbers cannot be placed without guessing which,
            # unless the cells are a web page's or a Word table's, one for each column (then
            # only that cell's number is doubtful).
            cells.update(dict.fromkeys(((row_id, c.id) for c in columns), _AMBIGUOUS))
            diagnostics.append(_placing("P206", doc, draft.label, table_id, row_id))
            continue
        if spans and any(t.cell.col_span > 1 for t in draft.values):
            if usual_columns is None:
                usual_columns = _usual_columns(doc, drafts, len(columns)) or ()
            grid = _value_columns(draft.values, len(columns))
            if _moved_by_a_span(grid, usual_columns) if usual_columns else _spans_unevenly(grid):
                cells.update(dict.fromkeys(((row_id, c.id) for c in columns), _AMBIGUOUS))
                diagnostics.append(_placing("P224", doc, draft.label, table_id, row_id))
                continue
        stacked = _stacked(draft.values) if draft.taken_after else None
        if stacked is not None:
            # Two of the row's numbers stand one above the other (the cells' boxes say so):
            # the lower is a piece of a number a narrow cell wrapped, or another row's, never
            # the row's next cell; which column each of the others is cannot be told either.
            cells.update(dict.fromkeys(((row_id, c.id) for c in columns), _AMBIGUOUS))
            upper, lower = stacked
            diagnostics.append(
                _diag(
                    "P221",
                    Severity.ERROR,
                    f"本行数值“{upper}”正下方印有“{lower}”（窄单元格中的数字折行，或他行的数值），"
                    "本行各数值所属的列无法确定",
                    f"{lower!r} is printed right under this row's {upper!r} (a number wrapped "
                    "in a narrow cell, or another row's): which column each of the row's "
                    "numbers is cannot be told",
                    doc,
                    draft.label,
                    table=table_id,
                    row=row_id,
                )
            )
            continue
        doubts = _doubts(draft, shared.get(id(draft), 0))
        # Cells of a grid that hold several numbers, by their first token.
        several: dict[int, list[Token]] = {}
        if by_cell is not None:
            tokens = [cell[0] for cell in by_cell]
            several = {id(cell[0]): cell for cell in by_cell if len(cell) > 1}
        elif len(tokens) != len(columns):
            tokens = _trim_blanks(tokens, len(columns), _is_empty)
        if len(tokens) == len(columns):
            # The usual row: one cell per column, each read as its column's kind.
            for token, column in zip(tokens, columns, strict=True):
                if several and id(token) in several:
                    # Several numbers in one cell of the grid ("5 1": a number and its
                    # footnote mark, or a number broken by a space): that cell alone.
                    cells[row_id, column.id] = _several(
                        doc, several[id(token)], table_id, row_id, column.id, diagnostics
                    )
                    continue
                if token.cell in draft.maybe_wrapped:
                    maybe.append((draft, token, row_id, column.id))
                said = doubts.get(token.cell)
                if said is not None:
                    diagnostics.append(
                        _diag(*said, doc, token, table=table_id, row=row_id, column=column.id)
                    )
                    cells[row_id, column.id] = _doubtful(doc, token)
                    continue
                found = cells[row_id, column.id] = _content(doc, token, column.kind, unit)
                if isinstance(found, Value):
                    _check_value(found, table_id, row_id, column.id, diagnostics)
            continue
        else:
            positions = [(row_id, c.id) for c in columns]
            values = [_value(doc, t, kind, unit) for t in tokens]
            placed, code = place(values, positions, _completer(positions, spec.rules))
            placed = [
                v if col.kind is kind else _reparse(v, col, unit)
                for v, col in zip(placed, columns, strict=True)
            ]
            if code is not None:
                diagnostics.append(_placing(code, doc, draft.label, table_id, row_id))
            elif doubts:
                # Which column each doubtful number went to is not known here: none is sure.
                placed = [Value(None, ValueStatus.AMBIGUOUS) for _ in columns]
                diagnostics.append(_placing("P206", doc, draft.label, table_id, row_id))
        for column, value in zip(columns, placed, strict=True):
            cells[row_id, column.id] = value
            _check_value(value, table_id, row_id, column.id, diagnostics)
    leftover: list[Token] = []
    if runs or blocks or orphans:
        leftover = _recover(
            doc, spec, columns, unit, runs, blocks, seen, cells, diagnostics, stated, orphans
        )
    if maybe:
        # Pieces under every number of a row that the table placed as no row: the row's
        # numbers may have wrapped onto them.
        left = {t.start for t in (*unplaced, *leftover)}
        for draft, token, row_id, column_id in maybe:
            if draft.maybe_pieces & left:
                said = _doubt_of_pieces(token.cell, draft.maybe_wrapped)
                diagnostics.append(
                    _diag(*said, doc, token, table=table_id, row=row_id, column=column_id)
                )
                cells[row_id, column_id] = _doubtful(doc, token)
    _structure_diagnostics(spec, seen, table_id, diagnostics)
    present = tuple(sorted(seen, key=spec.row_order.__getitem__))
    alternates = [r.id for r in spec.alternate_rows if r.id in seen]
    if alternates:
        diagnostics.append(
            Diagnostic(
                code="P212",
                severity=Severity.INFO,
                message=f"本表使用了另一版模板的行：{'、'.join(alternates)}",
                message_en="the table prints rows of the other template edition: "
                + ", ".join(alternates),
                table=table_id,
            )
        )
    unplaced_values = tuple(_value(doc, t, NumberKind.MONEY, None) for t in (*unplaced, *leftover))
    return Table(
        id=table_id,
        rows=present,
        columns=tuple(c.id for c in spec.columns),
        cells=cells,
        diagnostics=tuple(diagnostics),
        unplaced=unplaced_values,
    )


def _recover(
    doc: Document,
    spec: TableSpec,
    columns: Sequence[ColumnSpec],
    unit: str | None,
    runs: Sequence[RunRow],
    blocks: Sequence[Block],
    seen: set[str],
    cells: dict[Position, Value | PendingValue],
    diagnostics: list[Diagnostic],
    stated: Mapping[Position, int] | None = None,
    orphans: Sequence[Orphan] = (),
) -> list[Token]:
    """Cut the rows read as runs into cells, and place the numbers printed apart from their
    labels (gikparse.recover); the rows read normally take part in the table's rules across
    rows. Returns the numbers left unplaced."""
    known: dict[str, list[int | Decimal | None]] = {}
    pending = {r for r, _, _ in runs}
    for row in dict.fromkeys(r for r, _ in cells):
        if row in pending:
            continue
        values = [cells.get((row, c.id)) for c in columns]
        numbers = [None if v is None else value_of(v) for v in values]
        if all(v is not None and v.status in _KNOWN for v in numbers):
            known[row] = [None if v is None else v.value for v in numbers]
    leftover: list[Token] = []
    if runs:
        recovered, found_diagnostics = recover_rows(
            doc, spec.qualified_id, columns, runs, known, spec.rules, stated
        )
        cells.update(recovered)
        diagnostics.extend(found_diagnostics)
    # A block whose rows were also printed with their numbers is not theirs to place.
    usable = [b for b in blocks if not any(r.id in seen for r in b[0])]
    for block in blocks:
        if block not in usable:
            leftover.extend(block[1])
    if usable:
        placed, found_diagnostics, rest = place_blocks(
            doc, spec.qualified_id, columns, unit, usable, known, spec.rules
        )
        cells.update(placed)
        diagnostics.extend(found_diagnostics)
        leftover.extend(rest)
        seen.update(r.id for b in usable for r in b[0])
    if orphans:
        placed, found_diagnostics, rest = place_orphans(
            doc, spec.qualified_id, spec.rows, columns, unit, orphans, seen, known, spec.rules
        )
        cells.update(placed)
        diagnostics.extend(found_diagnostics)
        leftover.extend(rest)
    return leftover


def _is_empty(token: Token) -> bool:
    return token.kind is _EMPTY


def _usual_width(drafts: Sequence[_Draft]) -> int:
    """The commonest width of the lines the rows' numbers came from (the first on a tie)."""
    counts: dict[int, int] = {}  # one pass: widths.count per width was quadratic in the rows
    for d in drafts:
        if d.width:
            counts[d.width] = counts.get(d.width, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else 0


def _trailing_empties(tokens: Sequence[Token]) -> int:
    n = 0
    while n < len(tokens) and tokens[-1 - n].kind is _EMPTY:
        n += 1
    return n


def _trailing_padding(drafts: Sequence[_Draft], usual: int, ncols: int) -> int:
    """Empty cells that end every full-width line of the table after its last column (a
    trailing separator). A row whose label is followed directly by its values shows it: its
    cells past the columns can only be that padding."""
    padding: int | None = None
    for d in drafts:
        if d.width == usual and len(d.values) >= ncols:
            here = min(_trailing_empties(d.values), len(d.values) - ncols)
            padding = here if padding is None else min(padding, here)
    return padding or 0


def _align_right(tokens: list[Token], ncols: int, padding: int) -> list[Token]:
    """The cells of a line as wide as the table's others, aligned on its right end.

    In such a line the columns are the last cells before the table's trailing padding, so the
    empty cells beyond ``ncols`` are the label's (merged, smeared) cells on the left, and an
    empty cell at the right end is a blank last column. Dropping it instead would move every
    number one column to the right (issue 9)."""
    drop = min(padding, _trailing_empties(tokens))
    out = tokens[: len(tokens) - drop]
    extra = len(out) - ncols
    if extra > 0 and all(t.kind is _EMPTY for t in out[:extra]):
        return out[extra:]
    return tokens  # cells on the left that are not empty: placed (or reported) as before


def _lenient_kind(columns: Sequence[ColumnSpec]) -> NumberKind:
    # Cells are read leniently to place them (money reads every number, signed reads 增/减);
    # each is read again with its own column's kind once placed.
    kinds = {c.kind for c in columns}
    for kind in (NumberKind.MONEY, NumberKind.SIGNED):
        if kind in kinds:
            return kind
    return NumberKind.COUNT


def _reparse(value: Value, column: ColumnSpec, unit: str | None) -> Value:
    if value.status not in (ValueStatus.NUMBER, ValueStatus.UNREADABLE) or not value.raw:
        return value
    parsed = parse_number(value.raw, column.kind, unit)
    return attrs.evolve(
        value, value=parsed.value, status=parsed.status, converted_from=parsed.converted_from
    )


_Said = tuple[str, Severity, str, str]  #: a diagnostic's code, severity and messages


def _doubts(draft: _Draft, shared: int) -> dict[TextCell, _Said]:
    """The row's cells whose numbers cannot be told, and what to say of each: numbers a
    narrow cell wrapped (P221), and the last ``shared`` numbers it took from the lines after
    its label, which may be the next row's (P222)."""
    doubts = {cell: _doubt_of_pieces(cell, draft.wrapped) for cell in draft.wrapped}
    if shared:
        taken = [t for t in draft.values if t.kind is _VALUE][-shared:]
        for token in taken:
            doubts[token.cell] = (
                "P222",
                Severity.ERROR,
                f"数值“{token.text}”单独印在本行标签之后的行上，而下一行缺少数值：它属于本行还是下一行无法确定",
                f"{token.text!r} stands alone on a line after this row's label and the next row "
                "is short of numbers: whether it is this row's or the next one's cannot be told",
            )
    return doubts


def _doubt_of_pieces(cell: TextCell, wrapped: Mapping[TextCell, list[str]]) -> _Said:
    """P221 for a cell with pieces of numbers printed right under it."""
    pieces = wrapped[cell]
    rest = "”“".join(pieces)
    shown = f"单元格“{cell.text}”" if cell.text else "空单元格"
    return (
        "P221",
        Severity.ERROR,
        f"{shown}下方紧接着印有“{rest}”（窄单元格中的数字折行？），无法确定其数值",
        f"{f'cell {cell.text!r}' if cell.text else 'a blank cell'} has "
        f"{', '.join(map(repr, pieces))} printed right under it (a number wrapped in a "
        "narrow cell, or printed lower?): its value cannot be told",
    )


def _structure_diagnostics(
    spec: TableSpec, seen: set[str], table_id: str, diagnostics: list[Diagnostic]
) -> None:
    alternates = {r.id for r in spec.alternate_rows} & seen
    for row in spec.rows:
        if row.id in seen:
            continue
        # A printed alternate (六) stands in for the template's own (六) rows.
        if alternates and row.id.startswith("outcome.other"):
            continue
        diagnostics.append(
            Diagnostic(
                code="P211",
                severity=Severity.WARNING,
                message=f"缺少行“{row.label}”",
                message_en=f"row {row.id!r} ({row.label}) is missing",
                table=table_id,
                row=row.id,
            )
        )

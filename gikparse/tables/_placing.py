"""Placing a row's cells on its columns: when the count of cells fits, when every way of
fitting them gives the same numbers, and when a grid's cells say which column each is."""

from __future__ import annotations

import bisect
import collections
import itertools
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import TypeVar, cast

import attrs

from gikparse._tokens import Token
from gikparse.errors import Diagnostic, Severity
from gikparse.model import Position, Value
from gikparse.numbers import ValueStatus
from gikparse.readers.document import Document
from gikparse.schema import SumRule
from gikparse.tables._cells import _BLANK, _DIGIT, _EMPTY, _VALUE, _diag, _doubtful
from gikparse.tables._rows import _Draft

_MAX_EXTRA = 3
_C = TypeVar("_C")


def _sum(values: Sequence[Value]) -> int | Decimal | None:
    total: int | Decimal = 0
    for v in values:
        if v.value is None:
            return None
        total += v.value
    return total


def _completer(
    positions: Sequence[Position], rules: Sequence[SumRule]
) -> Callable[[list[Value | None]], list[Value] | None]:
    """Fills the one hole of a row from a row-axis sum rule that covers it, if one does."""
    row_rules = [rule for rule in rules if rule.axis == "row"]
    index = {pos: i for i, pos in enumerate(positions)}

    def complete(cells: list[Value | None]) -> list[Value] | None:
        hole = next(i for i, v in enumerate(cells) if v is None)
        row_id, col_id = positions[hole]
        for rule in row_rules:
            if col_id not in rule.lhs and col_id not in rule.rhs:
                continue
            lhs = [cells[index[(row_id, c)]] for c in rule.lhs if (row_id, c) in index]
            rhs = [cells[index[(row_id, c)]] for c in rule.rhs if (row_id, c) in index]
            hole_left = col_id in rule.lhs
            known_same = [v for v in (lhs if hole_left else rhs) if v is not None]
            other = _sum([v for v in (rhs if hole_left else lhs) if v is not None])
            same = _sum(known_same)
            if other is None or same is None or any(v is None for v in (rhs if hole_left else lhs)):
                return None
            filled = Value(other - same, ValueStatus.INFERRED)
            return [filled if v is None else v for v in cells]
        return None

    return complete


def _trim_blanks(cells: Sequence[_C], ncols: int, is_blank: Callable[[_C], bool]) -> list[_C]:
    """Drop the empty cells that cannot be columns: extra ones at either end of a long row
    (smeared merged cells), and the trailing ones of a short row, which say nothing."""
    out = list(cells)
    while len(out) > ncols and is_blank(out[-1]):
        out.pop()
    while len(out) > ncols and is_blank(out[0]):
        out.pop(0)
    while len(out) < ncols and out and is_blank(out[-1]):
        out.pop()
    return out


def place(
    values: Sequence[Value],
    positions: Sequence[Position],
    complete: Callable[[list[Value | None]], list[Value] | None] | None = None,
) -> tuple[list[Value], str | None]:
    """Fit a row's cell values to its columns.

    Returns the values per column and a diagnostic code: None (fits), ``P203`` (extra cells
    dropped; every way of dropping them gives the same numbers), ``P205`` (a lost cell restored
    by the row's total rule, the only completion), ``P204``/``P206`` (cannot be placed).
    """
    ncols = len(positions)
    cells = _trim_blanks(values, ncols, lambda v: v.status is _BLANK)
    if len(cells) == ncols:
        return cells, None
    if not cells:
        return [Value(None, ValueStatus.BLANK) for _ in positions], None
    if ncols < len(cells) <= ncols + _MAX_EXTRA:
        # Every way of keeping ncols of the cells in order gives the same numbers exactly when
        # all the cells are the same (the cells that can land in a column overlap from one
        # column to the next); the first ncols are then kept.
        first = (cells[0].value, cells[0].status)
        if all((v.value, v.status) == first for v in cells):
            return cells[:ncols], "P203"
        return [Value(None, ValueStatus.AMBIGUOUS) for _ in positions], "P204"
    if len(cells) == ncols - 1 and complete is not None:
        completions: dict[tuple[object, ...], list[Value]] = {}
        holes: list[int] = []
        for hole in range(ncols):
            candidate: list[Value | None] = [*cells[:hole], None, *cells[hole:]]
            done = complete(candidate)
            if done is None:
                completions.clear()
                break
            # Key by number only: where the lost cell was does not matter if the numbers agree.
            completions[tuple(v.value for v in done)] = done
            holes.append(hole)
        if len(completions) == 1:
            # Which cell was lost is not known, only its number: each cell it may be is
            # inferred (a blank printed as nothing is not a printed 0).
            done = next(iter(completions.values()))
            return [
                attrs.evolve(v, status=ValueStatus.INFERRED) if i in holes else v
                for i, v in enumerate(done)
            ], "P205"
    return [Value(None, ValueStatus.AMBIGUOUS) for _ in positions], "P206"


_PLACE_MESSAGES = {
    "P203": (
        "单元格多于列数，多出的单元格已舍去（数值不受影响）",
        "more cells than columns; the extra cells were dropped "
        "(the values are the same whichever are dropped)",
    ),
    "P204": (
        "单元格多于列数，无法确定各数值所属的列",
        "more cells than columns and no way to tell which belong to which column",
    ),
    "P205": (
        "单元格少于列数，缺失的一格由本行合计关系唯一确定",
        "one cell fewer than columns; the lost cell is fixed by the row's total rule",
    ),
    "P206": (
        "单元格数与列数不符，无法确定各数值所属的列",
        "the number of cells does not match the columns; values cannot be placed",
    ),
    "P224": (
        "本行有跨列的单元格，各单元格不在表格其他行的列位置上，各数值所属的列无法确定",
        "a cell of this row spans columns and its cells do not stand in the columns of the "
        "table's other rows: which column each number is cannot be told",
    ),
}


def _numbers_share_a_cell(tokens: Sequence[Token]) -> bool:
    """Does one cell hold several numbers while the row has other cells (with numbers, or
    empty)?

    A row typed with single spaces is one cell whose numbers are the columns; a row with cell
    boundaries (tabs, pipes, a real grid) gives one number per cell.
    """
    counts: dict[int, int] = {}
    empty = False  # an empty cell is a cell boundary too ("label | | 63739 1 |")
    for token in tokens:
        if token.kind is _VALUE:
            counts[token.cell.start] = counts.get(token.cell.start, 0) + 1
        elif token.kind is _EMPTY:
            empty = True
    return bool(counts) and max(counts.values()) > 1 and (len(counts) > 1 or empty)


def _stacked(tokens: Sequence[Token]) -> tuple[str, str] | None:
    """Two numbers of a row in different cells that stand one above the other (their cells'
    boxes overlap from left to right: one column), the upper one first; None if none do
    (or the cells have no boxes)."""
    boxed = [(t, box) for t in tokens if t.kind is _VALUE and (box := t.cell.box) is not None]
    for i, (a, box_a) in enumerate(boxed):
        for b, box_b in boxed[i + 1 :]:
            if (
                a.cell is not b.cell
                and box_a[0] < box_b[2] - _OVERLAP
                and box_b[0] < box_a[2] - _OVERLAP
            ):
                return (a.text, b.text) if box_a[3] >= box_b[3] else (b.text, a.text)
    return None


_OVERLAP = 0.5  #: points two cells' boxes must overlap by to stand in one column


def _holds_several(tokens: Sequence[Token]) -> bool:
    """Whether a cell holds several of ``tokens``' numbers."""
    return any(
        a.cell is b.cell and a.kind is _VALUE and b.kind is _VALUE
        for a, b in itertools.pairwise(tokens)
    )


def _line_indexes(doc: Document, offsets: Iterable[int]) -> set[int]:
    """The indexes of the lines of ``doc`` the offsets fall on (a rare path: the lines'
    starts are gathered each time)."""
    starts = [line.start for line in doc.lines]
    return {bisect.bisect_right(starts, offset) - 1 for offset in offsets}


def _on_a_marked_row(doc: Document, tokens: Sequence[Token]) -> bool:
    """Whether ``tokens`` are cells of one row of a table whose cells are its source's markup
    (a web page's or a Word file's: see Document.marked_cells), never cut from positions as
    a PDF's are (such a cell may hold two cells' numbers)."""
    if not doc.marked_cells:
        return False
    lines = _line_indexes(doc, (token.cell.start for token in tokens))
    return len(lines) == 1 and doc.lines[lines.pop()].table is not None


def _by_cell(tokens: Sequence[Token], ncols: int) -> list[list[Token]]:
    """A row's tokens cell by cell, trimmed as a row's cells are (see _trim_blanks)."""
    by_cell: list[list[Token]] = []
    for token in tokens:
        if by_cell and by_cell[-1][0].cell is token.cell:
            by_cell[-1].append(token)
        else:
            by_cell.append([token])
    return _trim_blanks(by_cell, ncols, lambda cell: cell[0].kind is _EMPTY)


def _value_columns(tokens: Sequence[Token], ncols: int) -> tuple[tuple[int, int], ...] | None:
    """The grid column each of a row's value cells starts in and how many it spans, trimmed
    as a row's cells are, when there is one for each column and the reader laid out a grid
    (see TextCell.column); else None."""
    cells = [cell[0].cell for cell in _by_cell(tokens, ncols)]
    if len(cells) != ncols or any(cell.column is None for cell in cells):
        return None
    return tuple((cast(int, cell.column), cell.col_span) for cell in cells)


def _usual_columns(doc: Document, drafts: Sequence[_Draft], ncols: int) -> tuple[int, ...] | None:
    """The grid columns a table's value cells start in: its header's (a line of a label and a
    cell for each column, just above the first row), else those two or more of its rows agree
    on, no other columns as common (None otherwise: see _spans_unevenly)."""
    lines = doc.lines
    at = _line_indexes(doc, (drafts[0].label.start,)).pop()
    for line in reversed(lines[max(0, at - _HEADER_LINES) : at]):
        if line.table != lines[at].table:
            break
        cells = line.cells
        while len(cells) > ncols + 1 and not cells[-1].text:
            cells = cells[:-1]  # the table's columns past this sub-table's (section 二)
        if len(cells) == ncols + 1 and all(
            c.column is not None and not _DIGIT.search(c.text) for c in cells
        ):
            return tuple(cast(int, c.column) for c in cells[1:])
    counts = collections.Counter(
        tuple(column for column, _ in found)
        for d in drafts
        if d.values and (found := _value_columns(d.values, ncols)) is not None
    )
    common = counts.most_common(2)
    if not common or common[0][1] < 2 or (len(common) > 1 and common[1][1] == common[0][1]):
        return None
    return common[0][0]


_HEADER_LINES = 3  #: lines above a table's first row its column headers may be on


def _moved_by_a_span(found: tuple[tuple[int, int], ...] | None, usual: tuple[int, ...]) -> bool:
    """Whether a row's value cells (see _value_columns), one of which spans columns, stand
    elsewhere than in the table's usual columns: a browser (and Word) shows each cell where
    the grid puts it, not by its order, so some number is not under its column. Each cell
    must cover its column's usual start (a cell that spans its column and a sliver of the
    grid, or the last cell reaching past the table, moves none)."""
    return (
        found is not None
        and any(span > 1 for _, span in found)
        and not all(
            column <= start < column + span
            for (column, span), start in zip(found, usual, strict=True)
        )
    )


def _spans_unevenly(found: tuple[tuple[int, int], ...] | None) -> bool:
    """Whether a row's value cells (see _value_columns), with no other row or header to
    compare them with (section 四's one row, a sub-table without a header line), have a cell
    before the last spanning more columns than another: the cells after it stand a column
    off their order (a grid whose every cell spans two, or whose last cell reaches past the
    table, moves none)."""
    return (
        found is not None
        and len({span for _, span in found}) > 1
        and any(span > 1 for _, span in found[:-1])
    )


def _grid_cells(doc: Document, tokens: Sequence[Token], ncols: int) -> list[list[Token]] | None:
    """Tokens cell by cell, when they are cells of a table's grid (a web page's or a Word
    file's table: its cell boundaries are the table's, never lost in a copy) on one line, and,
    trimmed as a row's cells are, one for each column, none spanning columns or rows in a row
    of several columns (which columns it covers is not read here), one cell at most holding
    several numbers (two rows typed into one, each cell holding both rows' numbers, are no
    row); else None."""
    by_cell = _by_cell(tokens, ncols)
    if (
        len(by_cell) != ncols
        or sum(1 for cell in by_cell if len(cell) > 1) > 1
        or (ncols > 1 and any(t.cell.col_span > 1 or t.cell.row_span > 1 for t in tokens))
        or not _on_a_marked_row(doc, tokens)
    ):
        return None
    return by_cell


def _several(
    doc: Document,
    tokens: Sequence[Token],
    table: str,
    row: str,
    column: str,
    diagnostics: list[Diagnostic],
) -> Value:
    """A cell of a grid that holds several numbers: ambiguous, with its raw text (P223)."""
    first, end = tokens[0], tokens[-1].end
    whole = first._replace(text=doc.text[first.start : end], end=end)
    diagnostics.append(
        _diag(
            "P223",
            Severity.ERROR,
            "表格单元格中有多个数值（如数值与脚注标记，或被空格断开的数值），无法确定其数值",
            "a cell of the table holds several numbers (a number and a footnote mark, or a "
            "number broken by a space): what it is cannot be told",
            doc,
            whole,
            table=table,
            row=row,
            column=column,
        )
    )
    return _doubtful(doc, whole)


def _placing(code: str, doc: Document, token: Token, table: str, row: str | None) -> Diagnostic:
    """The diagnostic for a row whose cells did not simply fit its columns."""
    zh, en = _PLACE_MESSAGES[code]
    severity = Severity.WARNING if code in ("P203", "P205") else Severity.ERROR
    return _diag(code, severity, zh, en, doc, token, table=table, row=row)

"""The table engine: lines of tokens + a TableSpec → Table. Knows nothing of surfaces.

Rows are found by their labels (with the merged group cell they sit under as context), not by
position, because copies of reports lose, smear and add cells. Values are placed by position
only when the count of cells fits the columns, or when every way of fitting them gives the same
numbers; otherwise the row is reported as ambiguous, never guessed.
"""

from __future__ import annotations

import bisect
import collections
import functools
import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TypeVar, cast

import attrs
import regex

from gikparse._tokens import Token, TokenKind, tokenize
from gikparse.errors import Diagnostic, Severity
from gikparse.model import PendingValue, Position, Table, Value, value_of
from gikparse.normalize import has_han, normalize, split_ordinal
from gikparse.numbers import NumberKind, ValueStatus, max_digits, parse_number, plain_count
from gikparse.readers.document import Document, Line, LineKind, TextCell
from gikparse.recover.blocks import Block, Orphan, place_blocks, place_orphans
from gikparse.recover.cells import RunRow, recover_rows
from gikparse.recover.labels import near_row, next_row
from gikparse.schema import ColumnSpec, RowSpec, SumRule, TableSpec, Template

__all__ = ["parse_active_disclosure_lines", "parse_applications_lines", "parse_review_lines"]

_MAX_EXTRA = 3
_MAX_BLOCK = 40  #: labels printed apart from their numbers that one block may hold
_MEMO_LIMIT = 50_000
_MEMO_LENGTH = 80  # labels are shorter; longer cells are prose met once
_CAPTION = regex.compile(r"第二十条第\(([一二三四五六七八九十]+)\)项")
_YUAN = regex.compile(r"(?<!万)元")
_UNIT_NOTE = regex.compile(r"单位:?(万元|元)")
# The rest of a number a narrow cell wrapped, when it reads as no number alone (",023").
_PIECE = regex.compile(r"[.,，．]?[0-9０-９][0-9０-９.,，．]*")
_DIGIT = regex.compile(r"[0-9０-９]")
# A note beside a row's label: a unit or a remark in brackets ("（万元）", "（单位：件）",
# "（注：…）") or after 注 (说明, 备注). Not any bracketed word: "（无）" or "(略)" in a value cell
# is that cell's text.
_NOTE = regex.compile(
    r"\s*(?:[（(][^）)]*(?:单位|万元|元|件|个|项|注|说明|备注)[^）)]*[）)]|(?:注|备注|说明)\s*[:：].*)\s*"
)
_ZERO = regex.compile(r"[0０]")  # a 0 that goes on in the cell below is no 0
_CONTENT_HEADER = normalize("信息内容")  # the first header cell of each sub-table of 二
_HEADER_WORDS = frozenset(
    normalize(w)
    for w in ("信息内容", "申请人情况", "法人或其他组织", "本年度办理结果", "行政诉讼", "行政复议")
)

_C = TypeVar("_C")
# Enum members as module constants: in Python 3.11 reading ``TokenKind.VALUE`` is a descriptor
# call, and the loops below read them hundreds of times per report.
_LABEL, _VALUE, _EMPTY = TokenKind.LABEL, TokenKind.VALUE, TokenKind.EMPTY
_BLANK, _UNREADABLE = ValueStatus.BLANK, ValueStatus.UNREADABLE
_AMBIGUOUS = Value(None, ValueStatus.AMBIGUOUS)  #: a cell whose number cannot be told
_NUMBER, _MONEY = ValueStatus.NUMBER, NumberKind.MONEY
_RUN = LineKind.RUN
# Cells whose numbers the rules across rows may rely on when cutting runs (blank counts as 0).
_KNOWN = frozenset({_NUMBER, _BLANK, ValueStatus.DASH, ValueStatus.INFERRED})


def _diag(
    code: str,
    severity: Severity,
    message: str,
    message_en: str,
    doc: Document,
    token: Token | None,
    *,
    table: str,
    row: str | None = None,
    column: str | None = None,
) -> Diagnostic:
    location = None if token is None else doc.location(token.start, token.end, token.cell)
    return Diagnostic(
        code=code,
        severity=severity,
        message=message,
        message_en=message_en,
        table=table,
        row=row,
        column=column,
        location=location,
    )


def _content(
    doc: Document, token: Token, kind: NumberKind, unit: str | None
) -> Value | PendingValue:
    """What a cell holds: a plain number as a PendingValue (the table makes its Value when it
    is first asked for), anything else as a Value."""
    kind_of_token, text, start, end, cell = token
    location = (doc.line_starts, start, end, cell.page, cell.box, cell.source)
    if kind_of_token is _EMPTY:
        return Value(None, _BLANK, "", location)
    # The display text is the raw text less any markup: the same length means the same text.
    raw = text if end - start == len(text) else doc.text[start:end]
    if kind is not _MONEY and text.isdigit() and text.isascii() and len(text) <= max_digits():
        # A plain count, as parse_number reads it; most cells are, and they need no cache.
        return (int(text), raw, location)
    if unit != "元" and (count := plain_count(text)) is not None:
        return (Decimal(count) if kind is _MONEY else count, raw, location)
    parsed = parse_number(text, kind, unit)
    return Value(parsed.value, parsed.status, raw, location, parsed.converted_from)


def _value(doc: Document, token: Token, kind: NumberKind, unit: str | None) -> Value:
    return value_of(_content(doc, token, kind, unit))


# ---------------------------------------------------------------------------------------------
# Placing a row's values on its columns


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


# ---------------------------------------------------------------------------------------------
# Finding rows by label


@attrs.define
class _Draft:
    spec: RowSpec
    label: Token
    text: str  #: the label as read so far, normalised, without its ordinal
    values: list[Token] = attrs.Factory(list)
    width: int = 0  #: cells in the line the numbers came from (0: none yet)
    filled: int = 0  #: how many of ``values`` are numbers
    run: TextCell | None = None  #: the row's values as one run whose cell boundaries were lost
    apart: bool = False  #: the values came on lines after the label's, not beside it
    blocked: bool = False  #: the row is in a block of labels printed apart from their numbers
    line: int = -1  #: index of the line the row's numbers were read from, beside its label
    tail: int = -1  #: index of the last line holding pieces of its wrapped numbers
    #: Cells whose number may go on in the cell below (a narrow cell wrapped it), each with
    #: the pieces printed there: what the number is cannot be told.
    wrapped: dict[TextCell, list[str]] = attrs.Factory(dict)
    taken_after: int = 0  #: numbers taken from lines after the label's (one alone on a line)
    #: Pieces under every number of the row (a row without its label, or all of them
    #: wrapped), and where they start: wrapped ones if the table places no row there.
    maybe_wrapped: dict[TextCell, list[str]] = attrs.Factory(dict)
    maybe_pieces: frozenset[int] = frozenset()
    #: Its label's line had blank cells before one of its numbers, and numbers came on a
    #: line after it: they may stand in those blanks (cells centred top to bottom print a
    #: short number lower than a tall one) or after them, which cannot be told.
    interleaved: bool = False

    def has_room(self, ncols: int) -> bool:
        """Whether numbers may still come for this row: fewer than its columns came, and not
        a line with a cell for every column (its empty cells are blanks: a number on the next
        line, a page's number, is not this row's)."""
        return self.filled < ncols and not (
            self.filled and self.width and len(self.values) >= ncols
        )

    def continues(self, core: str) -> bool:
        """Whether ``core`` is the rest of this row's label, broken over lines."""
        joined = self.text + core
        return any(
            k.startswith(joined) or (len(self.text) < len(k) and joined.startswith(k))
            for k in self.spec.keys
        )

    def continue_with(self, core: str, values: list[Token], width: int) -> None:
        """Take the cells of the line that continues this row's label; the empty cells that
        trailed the label's first line say nothing once the row's numbers come."""
        self.text += core
        numbers = _count_numbers(values)
        if numbers:
            self.values = list(values)
            self.width = width
            self.filled = numbers
        else:
            self.values.extend(values)


def _count_numbers(tokens: list[Token]) -> int:
    return sum(1 for t in tokens if t.kind is _VALUE)


def _segments(tokens: list[Token]) -> list[tuple[Token | None, list[Token]]]:
    """Split a line's tokens at each label: (label or None for leading values, values)."""
    out: list[tuple[Token | None, list[Token]]] = []
    for token in tokens:
        if token.kind is _LABEL:
            out.append((token, []))
        elif out:
            out[-1][1].append(token)
        else:
            out.append((None, [token]))
    return out


@attrs.frozen
class _Matcher:
    rows: tuple[RowSpec, ...]
    header_keys: frozenset[str]
    group_keys: frozenset[str]
    _memo: dict[tuple[str, str | None], tuple[str, RowSpec | None, str]] = attrs.field(
        factory=dict, eq=False, repr=False
    )

    @classmethod
    def of(cls, rows: Sequence[RowSpec], columns: Sequence[ColumnSpec]) -> _Matcher:
        return _matcher(tuple(rows), tuple(columns))

    @classmethod
    def build(cls, rows: tuple[RowSpec, ...], columns: tuple[ColumnSpec, ...]) -> _Matcher:
        header = {k for c in columns for k in c.keys} | _HEADER_WORDS
        groups = {r.group_key for r in rows if r.group_key}
        return cls(tuple(rows), frozenset(header), frozenset(groups))

    def classify(self, text: str, group: str | None) -> tuple[str, RowSpec | None, str]:
        """("row"|"partial"|"group"|"header"|"unknown", row spec, core key)."""
        if len(text) > _MEMO_LENGTH:
            return self._classify(text, group)  # prose, not a label: met once
        key = (text, group)
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) > _MEMO_LIMIT:
                self._memo.clear()
            found = self._memo[key] = self._classify(text, group)
        return found

    def _classify(self, text: str, group: str | None) -> tuple[str, RowSpec | None, str]:
        number, _, core = split_ordinal(normalize(text))
        if not core:
            return "unknown", None, core
        found = self._classify_alone(core, number, group)
        if found[0] in ("row", "partial"):
            return found
        # A merged group or header cell copied into the same cell as the row's own label:
        # "（三）不予公开 1.属于国家秘密", "三、本年度办理结果 （一）予以公开".
        for prefix in (*self.group_keys, *_HEADER_WORDS):
            rest = core[len(prefix) :]
            if core.startswith(prefix) and rest:
                inner = self._classify(rest, prefix if prefix in self.group_keys else group)
                if inner[0] in ("row", "partial"):
                    return inner
        return found

    def _classify_alone(
        self, core: str, number: int | None, group: str | None
    ) -> tuple[str, RowSpec | None, str]:
        # A printed ordinal rules out rows numbered otherwise ("2.其他法律…" is not "3.其他");
        # a report that renumbered its rows is still matched by label.
        numbered = [r for r in self.rows if number is None or r.ordinal in (None, number)]
        found = self._match(core, number, group, numbered)
        if found[0] != "row" and len(numbered) < len(self.rows):
            by_label = self._match(core, number, group, list(self.rows))
            if by_label[0] == "row" or found[0] == "unknown":
                return by_label
        return found

    def _match(
        self, core: str, number: int | None, group: str | None, rows: list[RowSpec]
    ) -> tuple[str, RowSpec | None, str]:
        exact = [r for r in rows if core in r.keys]
        # Bare "总计"/"其他" are column headers; the rows print them with an ordinal.
        if number is None and core in self.header_keys and all(r.ordinal for r in exact):
            return "header", None, core
        if core in self.group_keys and not exact:
            return "group", None, core
        found = self._pick(exact, group)
        if found is not None:
            return "row", found, core
        leading = [r for r in rows if any(_starts_with_label(core, k) for k in r.keys)]
        found = self._pick(leading, group)
        if found is not None:
            return "row", found, core
        if len(core) >= 2:
            partial = [r for r in rows if any(k.startswith(core) for k in r.keys)]
            found = self._pick(partial, group)
            if found is not None:
                return "partial", found, core
        if any(core.startswith(g) for g in self.group_keys):
            return "group", None, core
        if any(_starts_with_label(core, k) for k in self.header_keys) or any(
            h in core for h in _HEADER_WORDS
        ):
            return "header", None, core
        return "unknown", None, core

    @staticmethod
    def _pick(candidates: list[RowSpec], group: str | None) -> RowSpec | None:
        if len(candidates) <= 1:
            return candidates[0] if candidates else None
        same = [r for r in candidates if r.group_key is not None and r.group_key == group]
        if len(same) == 1:
            return same[0]
        top = [r for r in candidates if r.group is None]
        return top[0] if len(top) == 1 else None


def _starts_with_label(text: str, key: str) -> bool:
    """``text`` is ``key`` plus a note ("部分公开(区分处理的…)"), not a longer word: a short key
    followed by more Han characters ("其他" in "其他情形") is another label."""
    if not text.startswith(key) or len(text) == len(key):
        return text == key
    return len(key) >= 3 or not has_han(text[len(key)])


@functools.lru_cache(maxsize=32)
def _matcher(rows: tuple[RowSpec, ...], columns: tuple[ColumnSpec, ...]) -> _Matcher:
    # One matcher per template table, so its memo of label → row serves every report.
    return _Matcher.build(rows, columns)


@attrs.define
class _RowCollector:
    """Walks lines, turning labelled segments into row drafts."""

    doc: Document
    matcher: _Matcher
    table_id: str
    ncols: Callable[[RowSpec], int]
    drafts: list[_Draft] = attrs.Factory(list)
    diagnostics: list[Diagnostic] = attrs.Factory(list)
    unplaced: list[Token] = attrs.Factory(list)
    group: str | None = None
    current: _Draft | None = None
    on_label: Callable[[str, str, Token], bool] | None = None
    on_row: Callable[[RowSpec], None] | None = None
    #: Labels printed apart from their numbers (gikparse.recover.blocks): the rows, and the
    #: numbers that followed them.
    blocks: list[Block] = attrs.Factory(list)
    #: Lines of numbers with no label, and the row read before each (gikparse.recover.blocks).
    orphans: list[Orphan] = attrs.Factory(list)
    keep_orphans: bool = True  #: False where rows of several tables mix (section 二)
    block_open: bool = False

    width: int = 0  #: cells in the line being read
    lines: Sequence[Line] = ()  #: the lines being read

    def feed(self, lines: Sequence[Line]) -> None:
        self.lines = lines
        for index, line in enumerate(lines):
            if line.kind is _RUN:
                self._run_line(line, lines, index)
                continue
            self.width = len(line.cells)
            tokens = tokenize(self.doc, line)
            current = self.current
            if current is not None and current.tail == index - 1:
                if all(t.kind is _EMPTY for t in tokens):
                    current.tail = index  # a blank line between a row and its wrapped pieces
                    continue
                if self._wrapped(line, tokens, lines, index):
                    continue
            if (
                len(tokens) == 1
                and tokens[0].kind is _VALUE
                and current is not None
                and current.has_room(self.ncols(current.spec))
            ):
                # A number alone on its line (copies with one cell per line) is the next
                # value of the row being read: what _values does, without the walk.
                current.values.append(tokens[0])
                current.filled += 1
                current.taken_after += 1
                current.width = current.width or self.width
                current.apart = True
                continue
            # The line's segments, each a label (None for leading values) and its values; a
            # segment is handled once the next starts, so it knows the label that follows.
            label: Token | None = None
            values: list[Token] = []
            for token in tokens:
                if token.kind is _LABEL:
                    if label is not None or values:
                        self._segment(label, values, token, lines, index)
                    label, values = token, []
                else:
                    values.append(token)
            if label is not None or values:
                self._segment(label, values, None, lines, index)
            current = self.current
            if current is not None and current.values:
                last = current.values[-1].cell
                if line.start <= last.start and last.end <= line.end:
                    current.line = current.tail = index

    def _wrapped(self, line: Line, tokens: list[Token], lines: Sequence[Line], index: int) -> bool:
        """Whether this line holds only the rest of numbers a narrow cell wrapped: pieces of
        numbers (``699``, ``,023``, ``.633648``) right under some of the numbers of the full
        row read on the line before, and no row label. Those cells' numbers cannot be told
        (1721 over 699 is 1721699, or two numbers), so they are named, never read as their
        first piece. Pieces under every number of a row of several may be a row without its
        label (gikparse.recover.blocks): named only if the table places no row there. A
        number under a 0 is no piece. The line may lack the row's cells at either end (a
        trimmed line, a merged label column): it is laid under the row from the left and
        from the right, and every cell either way puts a piece under is named."""
        current = self.current
        assert current is not None
        if current.run is not None or current.has_room(self.ncols(current.spec)):
            return False
        # Most lines after a row are the next row, known by its label: looked at first.
        pieces: list[Token] = []
        labels: list[Token] = []
        dashes: list[Token] = []
        for token in tokens:
            kind = token.kind
            if kind is _EMPTY:
                continue
            if _is_piece(token):
                pieces.append(token)
            elif (
                kind is _LABEL
                and self._no_new_row(token.text)
                and self._near_row(token.text) is None
            ):
                labels.append(token)  # the rest of a group's label, say
            elif kind is _VALUE:
                dashes.append(token)  # no rest of a number; under a blank, its mark printed lower
            else:
                return False  # a row's label: not the rest of a number
        if not pieces:
            return False
        above = lines[current.line].cells
        numbers = [t for t in current.values if t.kind is _VALUE and _DIGIT.search(t.text)]
        numbered = {t.cell.start for t in numbers}
        if len(numbered) == 1 < len(numbers):
            # The row's numbers share a cell (text with spaces): under which of them the
            # pieces stand cannot be told, so two or more, fewer than the row's numbers, make
            # all of them doubtful. As many may be a row without its label, or every number
            # wrapped: doubtful if the table places no row there (see _build_table).
            if len(pieces) == len(numbers) and not labels and self.keep_orphans:
                current.maybe_wrapped = {numbers[0].cell: [t.text for t in pieces]}
                current.maybe_pieces = frozenset(t.start for t in pieces)
                return False
            if not 1 < len(pieces) < len(numbers):
                return False
            current.wrapped.setdefault(numbers[0].cell, []).extend(t.text for t in pieces)
            current.tail = index
            return True
        numbered_at = {i for i, c in enumerate(above) if c.start in numbered}
        if len(numbered_at) == 1 < len(numbered) or not numbered_at:
            return False  # numbers one per line: what follows is no piece of theirs
        if len(line.cells) == 1 < len(numbered_at):
            return False  # a number alone says not under which (a page's number?)
        # A number under one of the row's blank cells may be its number printed lower (in a
        # cell centred top to bottom beside wrapped ones): named too.
        blanks = {t.cell.start for t in current.values if t.kind is _EMPTY}
        cells_at = numbered_at | {i for i, c in enumerate(above) if c.start in blanks}
        under = {c.start: i for i, c in enumerate(line.cells)}
        placed: dict[int, list[str]] = {}  # what stands under each cell: pieces, dashes
        for token in (*pieces, *dashes):
            placed.setdefault(under[token.cell.start], []).append(token.text)
        piece_at = {under[t.cell.start] for t in pieces}
        dash_at = {under[t.cell.start] for t in dashes}
        label_at = [under[t.cell.start] for t in labels]
        found: dict[int, list[str]] = {}
        covering: dict[int, list[str]] = {}  # pieces under every number: a row, or not
        for way in _ways_under(above, line.cells, {*placed, *label_at}):
            places = {way[at] for at in piece_at}
            marks = {way[at] for at in dash_at}
            if (
                places <= cells_at
                # Dashes under blanks beside numbers under blanks only: the row's short cells
                # printed lower; beside a piece under a number, a row that prints blanks so.
                and marks <= cells_at - numbered_at
                and not (marks and places & numbered_at)
                and not any(_ZERO.fullmatch(above[at].text) for at in places)
                and not any(way[at] in cells_at for at in label_at)
            ):
                # Under every number of the row: a row without its label, or every number
                # wrapped. Not a row beside a label that starts none (the rest of the row's
                # label, "其他对外" / "管理服务事项", or of a group's, "三、" / "本年" / "度办理
                # 结果"), nor where rows without labels are not read (section 二).
                whole = (
                    numbered_at <= places
                    and len(numbered_at) > 1
                    and not labels
                    and self.keep_orphans
                )
                for at, texts in placed.items():
                    (covering if whole else found).setdefault(way[at], []).extend(texts)
        if not found:
            if covering:
                # A row without its label, or every number of the row wrapped: the table's
                # sums tell (gikparse.recover.blocks); if the line is no row, the row's
                # numbers are not sure either (see _build_table).
                current.maybe_wrapped = {above[at]: texts for at, texts in covering.items()}
                current.maybe_pieces = frozenset(t.start for t in pieces)
            return False
        # Pieces one way: the line is no row, so the cells they are under the other way (under
        # every number) are named too.
        for at, texts in itertools.chain(found.items(), covering.items()):
            current.wrapped.setdefault(above[at], []).extend(texts)
        current.tail = index  # a number may wrap over more lines than two
        return True

    def _run_line(self, line: Line, lines: Sequence[Line], index: int) -> None:
        """A label and the run of its row's values (gikparse.recover): the run is kept whole,
        to be cut into cells with the table's arithmetic once every row is read."""
        label_cell = line.cells[0]
        label = Token(_LABEL, label_cell.text, label_cell.start, label_cell.end, label_cell)
        run = line.cells[1] if len(line.cells) > 1 else None
        if not label_cell.text:  # a run no label names: whose row it is cannot be told
            if run is not None:
                self.current = None
                self._unplaced([Token(_VALUE, run.text, run.start, run.end, run)])
            return
        # The run stands in as one value, so that the label is read as a row that has numbers.
        values = [] if run is None else [Token(_VALUE, run.text, run.start, run.end, run)]
        self.width = 0
        before = self.current
        self._label(label, values, None, lines, index)
        current = self.current
        # A new row, or the row whose label this line's label continues, takes the run.
        if (
            run is not None
            and current is not None
            and (current is not before or current.values == values)
        ):
            current.run = run
            current.filled = self.ncols(current.spec)  # the run holds all of them
            current.width = 0

    def _segment(
        self,
        label: Token | None,
        values: list[Token],
        next_label: Token | None,
        lines: Sequence[Line],
        index: int,
    ) -> None:
        if label is None:
            self._values(values, next_label is None)
        else:
            self._label(label, values, next_label, lines, index)

    def _values(self, values: list[Token], whole: bool = False) -> None:
        numbers = [t for t in values if t.kind is _VALUE]
        if not numbers:
            return
        current = self.current
        if (
            not self.block_open
            and current is not None
            and current.has_room(self.ncols(current.spec))
        ):
            # (Asked once, of the numbers beside the label: most rows have none after it.)
            current.interleaved |= bool(current.width) and not current.apart and self._gaps()
            current.values.extend(values)
            current.filled += len(numbers)
            current.taken_after += len(numbers)
            current.width = current.width or self.width
            current.apart = True
            return
        if self._to_block(numbers):
            return
        if whole and self.keep_orphans and not self.block_open:
            # A line of numbers alone: a row whose label was lost, placed (or reported) once
            # the table is read.
            self.orphans.append((self.drafts[-1].spec if self.drafts else None, values))
            self.current = None
            return
        self._unplaced(numbers)

    def _to_block(self, numbers: list[Token]) -> bool:
        """Numbers no row takes, after labels printed without theirs: the labels' numbers,
        printed apart (column by column, or as rows without labels), to be placed by the
        table's arithmetic (gikparse.recover.blocks). The last of those labels gives back the
        numbers it took from the lines after it."""
        if self.block_open:
            self.blocks[-1][1].extend(numbers)
            return True
        drafts = self.drafts
        if not drafts or drafts[-1].run is not None:
            return False
        last = drafts[-1]
        if last.blocked or (last.values and not (last.apart and last is self.current)):
            return False
        if last.values and 1 < len(numbers) >= self.ncols(last.spec):
            return False  # a whole row's numbers after a full row: a row without its label
        first = len(drafts) - 1
        while first > 0:
            before = drafts[first - 1]
            if before.values or before.run is not None or before.blocked:
                break
            first -= 1
        trailing = drafts[first:]
        # One row whose numbers overflow it is a block too: its label may stand for several
        # rows' numbers printed by column ("(六)其他处理" read as a group), so it is not sure.
        if not (2 if not last.apart else 1) <= len(trailing) <= _MAX_BLOCK:
            return False
        taken = [t for t in last.values if t.kind is _VALUE]
        last.values, last.filled, last.apart = [], 0, False
        for draft in trailing:
            draft.blocked = True
        self.blocks.append(([d.spec for d in trailing], [*taken, *numbers]))
        self.block_open = True
        self.current = None
        return True

    def _unplaced(self, numbers: list[Token], label: Token | None = None) -> None:
        """Numbers no row takes: kept in ``unplaced`` and reported, never dropped silently."""
        self.unplaced.extend(numbers)
        if label is not None:
            self.diagnostics.append(
                _diag(
                    "P201",
                    Severity.WARNING,
                    f"无法识别的行标签“{label.text}”，其数值未采用",
                    f"unknown row label {label.text!r}; its numbers were not used",
                    self.doc,
                    label,
                    table=self.table_id,
                )
            )
            return
        self.diagnostics.append(
            _diag(
                "P202",
                Severity.WARNING,
                "数值不属于任何可识别的行",
                "numbers that belong to no recognised row",
                self.doc,
                numbers[0],
                table=self.table_id,
            )
        )

    def _label(
        self,
        label: Token,
        values: list[Token],
        next_label: Token | None,
        lines: Sequence[Line],
        index: int,
    ) -> None:
        self.block_open = False  # numbers after a label are not those of the labels before
        kind, spec, core = self.matcher.classify(label.text, self.group)
        numbers = [t for t in values if t.kind is _VALUE]
        has_numbers = bool(numbers)
        if self.on_label is not None and self.on_label(kind, core, label):
            self.current = None
            if has_numbers:
                self._unplaced(numbers, label)
            return
        # "(六)其他处理" is a row (2020) or the group of three rows (2021): what follows says.
        if (
            kind == "row"
            and spec is not None
            and spec.group is None
            and not has_numbers
            and core in self.matcher.group_keys
            and (
                self._member_beside(core, next_label)
                if next_label is not None
                else self._member_follows(core, lines, index + 1)
            )
        ):
            kind, spec = "group", None
        if kind in ("group", "header"):
            if kind == "group":
                self.group = core
            self.current = None
            if has_numbers:
                self._unplaced(numbers, label)
            return
        current = self.current
        if kind in ("row", "partial") and spec is not None:
            if current is not None and current.filled == 0 and current.spec is spec:
                # The rest of this row's label, broken over lines ("1.申请人无正当理由" /
                # "逾期不补正、…"): its numbers follow here.
                current.continue_with(core, values, self.width)
                return
            if self.on_row is not None:
                self.on_row(spec)
            if spec.group is None:
                self.group = None
            elif self.group is None:
                self.group = spec.group_key
            width = self.width if has_numbers else 0
            self.current = _Draft(spec, label, core, list(values), width, len(numbers))
            self.drafts.append(self.current)
            return
        if kind == "unknown" and self._in_a_value_cell(label, core, lines[index]):
            # Text where the row's numbers stand ("三", "约2", "未统计"): a value of the row,
            # unreadable, in its own column (read as the label's rest or as a row we do not
            # know, the numbers after it would move a column, or be lost).
            current = self.current
            assert current is not None
            current.values += [label._replace(kind=_VALUE), *values]
            current.filled += 1 + len(numbers)
            current.width = current.width or self.width
            return
        # An unknown label: the rest of a label broken over lines, or a row we do not know.
        if current is not None and current.filled == 0 and current.continues(core):
            current.continue_with(core, values, self.width)
            return
        if kind == "unknown" and self._near(label, values, lines, index):
            return
        if has_numbers:
            self._unplaced(numbers, label)
            self.current = None
        elif current is not None and (
            current.filled == 0 or current.filled >= self.ncols(current.spec)
        ):
            # The row had no numbers, or all of them: this label is not part of it, and
            # numbers after it are not the row's.
            self.current = None

    def _no_new_row(self, text: str) -> bool:
        """Whether a label starts no row: none's, or the start of one already read ("本年" of
        "三、本年度办理结果" broken over lines, also the start of "本年新收…")."""
        kind, spec, _ = self.matcher.classify(text, self.group)
        return spec is None or (kind == "partial" and any(d.spec is spec for d in self.drafts))

    def _gaps(self) -> bool:
        """Whether a blank cell of the current row's values stands before one of its numbers
        on its label's line (not the label's own merged columns before the values' ones)."""
        current = self.current
        assert current is not None
        values = current.values
        cells = self.lines[current.line].cells
        at = next((i for i, cell in enumerate(cells) if cell is current.label.cell), -1)
        if at < 0:
            return False  # (the numbers were read on a line of their own)
        padding = max(0, len(cells) - self.ncols(current.spec) - at - 1)
        last = max((i for i, t in enumerate(values) if t.kind is _VALUE), default=-1)
        return sum(1 for t in values[:last] if t.kind is _EMPTY) > padding

    def _in_a_value_cell(self, label: Token, core: str, line: Line) -> bool:
        """Whether a label no row has stands in a value cell of the row being read: a cell of
        the line its whole label is on, after it, fewer numbers than the row's columns before
        it; not the rest of the label (split into a cell of its own), a note such as
        "（万元）" or "注：…", or a row's label with a typo. A piece of a number ("23,",
        "145,427,27": one a narrow cell wrapped) is no label's rest, whole or not."""
        current = self.current
        piece = _PIECE.fullmatch(label.text) is not None
        return (
            current is not None
            and current.run is None
            and label.cell is not current.label.cell
            and any(cell is current.label.cell for cell in line.cells)
            and (piece or current.text in current.spec.keys)
            and current.filled < self.ncols(current.spec)
            and (piece or not (current.filled == 0 and current.continues(core)))
            and _NOTE.fullmatch(label.text) is None
            and self._near_row(label.text) is None
        )

    def _member_beside(self, group: str, label: Token) -> bool:
        """Whether ``label``, the next on the line, may be a row of ``group``: text no row has
        ("约2") is a value cell's (see _in_a_value_cell)."""
        kind, spec, _ = self.matcher.classify(label.text, group)
        if kind in ("row", "partial") and spec is not None:
            return spec.group is not None
        return kind != "unknown" or self._near_row(label.text) is not None

    def _member_follows(self, group: str, lines: Sequence[Line], start: int) -> bool:
        """Whether the next line's label may be a row of ``group``: not a row outside every
        group (a 2020 （六）其他处理 printed with all its cells blank is followed by （七）总计)."""
        label = _next_label(self.doc, lines, start)
        if label is None:
            return False
        kind, spec, _ = self.matcher.classify(label.text, group)
        return not (kind == "row" and spec is not None and spec.group is None)

    def _near(self, label: Token, values: list[Token], lines: Sequence[Line], index: int) -> bool:
        """A label with a typo that stands where a template row belongs is that row
        (gikparse.recover.labels), reported with the label as printed."""
        core = split_ordinal(normalize(label.text))[2]
        current = self.current
        rows = self.matcher.rows
        # The rest of the current row's label, with a typo: "本年新收" + "政府息公开…".
        if (
            current is not None
            and current.filled == 0
            and current.run is None
            and near_row(current.text + core, None, current.spec, rows) is current.spec
        ):
            current.continue_with(core, values, self.width)
            return True
        spec = self._near_row(label.text)
        if spec is None:
            return False
        self.diagnostics.append(
            _diag(
                "P219",
                Severity.WARNING,
                f"行标签“{label.text}”与模板行“{spec.label}”相近且位于该行的位置，按该行读取",
                f"row label {label.text!r} is close to the template's {spec.label!r} and "
                "stands where that row belongs: read as that row",
                self.doc,
                label,
                table=self.table_id,
                row=spec.id,
            )
        )
        # Read as if the label were printed right: the row's own label, this label's place.
        self._label(label._replace(text=spec.label), values, None, lines, index)
        return True

    def _near_row(self, text: str) -> RowSpec | None:
        """The row a label with a typo stands for, where it stands (gikparse.recover.labels)."""
        number, _, core = split_ordinal(normalize(text))
        rows = self.matcher.rows
        previous = self.drafts[-1].spec if self.drafts else None
        return near_row(core, number, next_row(rows, previous), rows)


def _ways_under(
    above: Sequence[TextCell], cells: Sequence[TextCell], used: set[int]
) -> list[dict[int, int]]:
    """Each way the cells of a line may stand under those of the line ``above``: for the
    index of each cell in ``used``, the index of the cell above it. Laid under from the left
    and from the right (a line trimmed of its trailing cells, or without the label column),
    and by their boxes when they have them (a PDF's: a number alone on its line stands under
    the column it is printed in, which neither end may say)."""
    ways = [{at: at + shift for at in used} for shift in {0, len(above) - len(cells)}]
    if all(c.box is not None for c in above):
        by_box: dict[int, int] = {}
        for at in used:
            box = cells[at].box
            if box is None:
                return ways
            width, column = max(
                (min(box[2], a[2]) - max(box[0], a[0]), i)
                for i, c in enumerate(above)
                if (a := c.box) is not None
            )
            if width <= 0:
                return ways
            by_box[at] = column
        if by_box not in ways:
            ways.append(by_box)
    return ways


def _is_piece(token: Token) -> bool:
    """Whether a token may be the rest of a number a narrow cell wrapped: a value with a
    digit (not a dash), or a "label" such as ",023" or ".633648"."""
    if token.kind is _VALUE:
        return _DIGIT.search(token.text) is not None
    return token.kind is _LABEL and _PIECE.fullmatch(token.text) is not None


def _next_label(doc: Document, lines: Sequence[Line], start: int) -> Token | None:
    """The label that starts the next line with content, if that line starts with one."""
    for line in itertools.islice(lines, start, None):
        tokens = [t for t in tokenize(doc, line) if t.kind is not _EMPTY]
        if tokens:
            return tokens[0] if tokens[0].kind is _LABEL else None
    return None


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


def _doubtful(doc: Document, token: Token) -> Value:
    """A cell whose number cannot be told: ambiguous, with its raw text and place."""
    cell = token.cell
    location = (doc.line_starts, token.start, token.end, cell.page, cell.box, cell.source)
    return Value(None, ValueStatus.AMBIGUOUS, doc.text[token.start : token.end], location)


def _check_value(
    value: Value, table: str, row: str, column: str, diagnostics: list[Diagnostic]
) -> None:
    if value.status is _UNREADABLE or value.converted_from is not None:
        diagnostics.append(_value_diagnostic(value, table, row, column))


def _value_diagnostic(value: Value, table: str, row: str, column: str) -> Diagnostic:
    """P208 for an unreadable cell, P209 for an amount converted from 元."""
    if value.status is ValueStatus.UNREADABLE:
        code, severity = "P208", Severity.ERROR
        message = f"单元格“{value.raw}”不是数字"
        message_en = f"cell {value.raw!r} is not a number"
    else:
        code, severity = "P209", Severity.INFO
        message = f"金额“{value.raw}”以元为单位，已换算为万元"
        message_en = f"amount {value.raw!r} was in 元 and was converted to 万元"
    return Diagnostic(
        code=code,
        severity=severity,
        message=message,
        message_en=message_en,
        table=table,
        row=row,
        column=column,
        location=value.location,
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


# ---------------------------------------------------------------------------------------------
# The three sections


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


_DIGIT = regex.compile(r"[0-9０-９]")


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
                if column.kind is NumberKind.MONEY and _YUAN.search(key):
                    unit = "元"
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

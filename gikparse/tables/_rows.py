"""Walking a table's lines into row drafts: each row's label and the cells that came with it,
with what may make a number doubtful (wrapped pieces, numbers taken from lines after it)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

import attrs
import regex

from gikparse._tokens import Token, tokenize
from gikparse.errors import Diagnostic, Severity
from gikparse.normalize import normalize, split_ordinal
from gikparse.readers.document import Document, Line, TextCell
from gikparse.recover.blocks import Block, Orphan
from gikparse.recover.labels import near_row, next_row
from gikparse.schema import RowSpec
from gikparse.tables._cells import _DIGIT, _EMPTY, _LABEL, _PIECE, _RUN, _VALUE, _diag
from gikparse.tables._labels import _Matcher

_MAX_BLOCK = 40  #: labels printed apart from their numbers that one block may hold
# A note beside a row's label: a unit or a remark in brackets ("（万元）", "（单位：件）",
# "（注：…）") or after 注 (说明, 备注). Not any bracketed word: "（无）" or "(略)" in a value cell
# is that cell's text.
_NOTE = regex.compile(
    r"\s*(?:[（(][^）)]*(?:单位|万元|元|件|个|项|注|说明|备注)[^）)]*[）)]|(?:注|备注|说明)\s*[:：].*)\s*"
)
_ZERO = regex.compile(r"[0０]")  # a 0 that goes on in the cell below is no 0


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

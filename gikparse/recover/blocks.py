"""Labels printed apart from their numbers: place the numbers by the template's order and sums.

Text from PDF converters gives some tables as their row labels first and then the numbers,
either column by column (pdftotext's non-layout output) or as rows without labels (markdown under
generic headers 数据1 …). The engine collects such a block: the rows whose labels came without
numbers, and the numbers that followed. Here the numbers are placed on those rows, row by row or
column by column:

- when the lines say which (one line per row of as many numbers as columns, or one line per
  column), that way, as a table row is read as printed;
- otherwise each way whose numbers satisfy every rule of the table that can be tested is kept,
  and the block is placed only if one is kept (or both give the same numbers).

Anything else (a count of numbers that does not fit, no rule to tell the two ways apart) leaves
the rows out with a diagnostic. Nothing is picked from several.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from decimal import Decimal

from gikparse._tokens import Token, TokenKind
from gikparse.errors import Diagnostic, Severity
from gikparse.model import Position, Value
from gikparse.numbers import ValueStatus, parse_number
from gikparse.readers.document import Document
from gikparse.schema import ColumnSpec, RowSpec, SumRule

__all__ = ["Block", "Orphan", "place_blocks", "place_orphans"]

Block = tuple[list[RowSpec], list[Token]]  #: rows whose labels came alone, and the numbers after
Number = int | Decimal
_ROWS, _COLUMNS = "rows", "columns"
_READ = frozenset({ValueStatus.NUMBER, ValueStatus.BLANK, ValueStatus.DASH})


def _layout(doc: Document, tokens: Sequence[Token], nrows: int, ncols: int) -> str | None:
    """ "rows" or "columns" when the numbers' lines say how they are printed, else None."""
    lines = [bisect.bisect_right(doc.line_starts, t.start) for t in tokens]
    sizes: list[int] = []
    for i, line in enumerate(lines):
        if i and line == lines[i - 1]:
            sizes[-1] += 1
        else:
            sizes.append(1)
    if nrows != ncols and sizes == [ncols] * nrows:
        return _ROWS
    if nrows != ncols and sizes == [nrows] * ncols:
        return _COLUMNS
    return None


def _placed(
    doc: Document,
    tokens: Sequence[Token],
    rows: Sequence[str],
    columns: Sequence[ColumnSpec],
    unit: str | None,
    how: str,
) -> dict[Position, Value] | None:
    """The numbers on the rows, row by row or column by column; None if one does not read as
    its column's kind of number."""
    out: dict[Position, Value] = {}
    nrows = len(rows)
    for r, row in enumerate(rows):
        for c, column in enumerate(columns):
            token = tokens[r * len(columns) + c] if how == _ROWS else tokens[c * nrows + r]
            parsed = parse_number(token.text, column.kind, unit)
            if parsed.status not in _READ:
                return None
            status = ValueStatus.INFERRED if parsed.status is ValueStatus.NUMBER else parsed.status
            location = (doc.line_starts, token.start, token.end, token.cell.page, token.cell.box)
            out[row, column.id] = Value(
                parsed.value, status, token.text, location, parsed.converted_from
            )
    return out


def _holds(
    cells: Mapping[Position, Value],
    rows: Sequence[str],
    columns: Sequence[ColumnSpec],
    known: Mapping[str, Sequence[Number | None]],
    rules: Sequence[SumRule],
) -> tuple[bool, list[str]]:
    """Whether every rule that can be tested on the block holds, and which were tested."""
    ids = [c.id for c in columns]

    def number(row: str, column: str) -> Number | None:
        if (row, column) in cells:
            value = cells[row, column].value
            return 0 if value is None else value
        if row in known and column in ids:
            found = known[row][ids.index(column)]
            return 0 if found is None else found
        return None

    tested: list[str] = []
    for rule in rules:
        if rule.axis == "row":
            lines = [[(r, c) for c in (*rule.lhs, *rule.rhs)] for r in rows]
        else:
            lines = [[(r, c) for r in (*rule.lhs, *rule.rhs)] for c in ids]
            if not any(r in rows for r in (*rule.lhs, *rule.rhs)):
                continue
        for line in lines:
            values = [number(r, c) for r, c in line]
            if any(v is None for v in values):
                continue
            split = len(rule.lhs)
            left = sum(v for v in values[:split] if v is not None)
            right = sum(v for v in values[split:] if v is not None)
            if rule.code not in tested:
                tested.append(rule.code)
            if left != right:
                return False, tested
    return True, tested


def _diagnostic(
    code: str,
    table: str,
    rows: Sequence[str],
    message: str,
    message_en: str,
    token: Token,
    doc: Document,
) -> Diagnostic:
    return Diagnostic(
        code=code,
        severity=Severity.WARNING if code in ("P217", "P220") else Severity.ERROR,
        message=message,
        message_en=message_en,
        table=table,
        row=rows[0] if len(rows) == 1 else None,
        location=doc.location(token.start, token.end, token.cell),
    )


def place_blocks(
    doc: Document,
    table: str,
    columns: Sequence[ColumnSpec],
    unit: str | None,
    blocks: Sequence[Block],
    known: Mapping[str, Sequence[Number | None]],
    rules: Sequence[SumRule],
) -> tuple[dict[Position, Value], list[Diagnostic], list[Token]]:
    """Cells of the blocks' rows (``ambiguous`` where the numbers cannot be placed), one
    diagnostic per block, and the numbers left unplaced."""
    cells: dict[Position, Value] = {}
    diagnostics: list[Diagnostic] = []
    leftover: list[Token] = []
    for specs, tokens in blocks:
        rows = [s.id for s in specs]
        names = "、".join(s.label for s in specs[:3]) + ("…" if len(specs) > 3 else "")
        nrows, ncols = len(rows), len(columns)
        decided: dict[Position, Value] | None = None
        why_zh = why_en = ""
        if not tokens:
            continue
        if len(set(rows)) == nrows and len(tokens) == nrows * ncols:
            layout = _layout(doc, tokens, nrows, ncols)
            ways = [layout] if layout is not None else [_ROWS, _COLUMNS]
            found = {w: _placed(doc, tokens, rows, columns, unit, w) for w in ways}
            readable = {w: p for w, p in found.items() if p is not None}
            if layout is not None and layout in readable:
                decided = readable[layout]
                why_zh = "按行排列" if layout == _ROWS else "按列排列"
                why_en = f"printed by {layout}, as their lines show"
            elif len(readable) == 2 and _same(readable[_ROWS], readable[_COLUMNS]):
                decided = readable[_ROWS]
                why_zh, why_en = "按行或按列排列结果相同", "by rows or by columns alike"
            else:
                held = {}
                codes: list[str] = []
                for way, placed in readable.items():
                    ok, tested = _holds(placed, rows, columns, known, rules)
                    codes.extend(c for c in tested if c not in codes)
                    if ok and tested:
                        held[way] = placed
                if len(held) == 1:
                    way, decided = next(iter(held.items()))
                    rule_list = "、".join(codes)
                    why_zh = (
                        f"只有{'按行' if way == _ROWS else '按列'}排列符合合计关系（{rule_list}）"
                    )
                    why_en = f"only placing them by {way} satisfies the rules ({', '.join(codes)})"
        if decided is not None:
            cells.update(decided)
            diagnostics.append(
                _diagnostic(
                    "P217",
                    table,
                    rows,
                    f"行标签（{names}）与其数值分开印出，数值已按模板顺序放置：{why_zh}",
                    f"labels printed apart from their numbers ({names}); the numbers were "
                    f"placed in the template's order: {why_en}",
                    tokens[0],
                    doc,
                )
            )
            continue
        for row in rows:
            for column in columns:
                cells[row, column.id] = Value(None, ValueStatus.AMBIGUOUS)
        leftover.extend(tokens)
        diagnostics.append(
            _diagnostic(
                "P218",
                table,
                rows,
                f"行标签（{names}）与其数值分开印出，{len(tokens)}个数值无法确定地放入"
                f"{nrows}行×{ncols}列，未采用",
                f"labels printed apart from their numbers ({names}): {len(tokens)} numbers "
                f"cannot be placed with certainty on {nrows} rows × {ncols} columns; left out",
                tokens[0],
                doc,
            )
        )
    return cells, diagnostics, leftover


def _same(a: Mapping[Position, Value], b: Mapping[Position, Value]) -> bool:
    return all((a[p].value, a[p].status) == (b[p].value, b[p].status) for p in a)


Orphan = tuple[RowSpec | None, list[Token]]  #: (the row read before, a line of numbers alone)


def place_orphans(
    doc: Document,
    table: str,
    rows: Sequence[RowSpec],
    columns: Sequence[ColumnSpec],
    unit: str | None,
    orphans: Sequence[Orphan],
    present: set[str],
    known: Mapping[str, Sequence[Number | None]],
    rules: Sequence[SumRule],
) -> tuple[dict[Position, Value], list[Diagnostic], list[Token]]:
    """Lines of numbers printed without a label, placed on the template's rows that are
    missing where they stand (after the row read before them, up to the next row read), when
    as many rows are missing as there are lines and the table's rules that can be tested hold.
    Returns the cells, the diagnostics and the numbers left unplaced."""
    cells: dict[Position, Value] = {}
    diagnostics: list[Diagnostic] = []
    leftover: list[Token] = []
    groups: list[tuple[RowSpec | None, list[list[Token]]]] = []
    for previous, tokens in orphans:
        if groups and groups[-1][0] is previous:
            groups[-1][1].append(tokens)
        else:
            groups.append((previous, [tokens]))
    order = list(rows)
    for previous, lines in groups:
        # The gap: the rows between the row read before and the next row read, none of them
        # read. A row before that is not the template's own (another edition's), or no row
        # read after the gap, and the place cannot be told.
        gap: list[str] = []
        bounded = False
        if previous is None or previous in order:
            first = 0 if previous is None else order.index(previous) + 1
            for row in order[first:]:
                if row.id in present:
                    bounded = True
                    break
                gap.append(row.id)
        numbers = [[t for t in line if t.kind is not TokenKind.EMPTY] for line in lines]
        placed: dict[Position, Value] | None = None
        if bounded and len(gap) == len(lines) and all(len(n) == len(columns) for n in numbers):
            flat = [t for line in numbers for t in line]
            placed = _placed(doc, flat, gap, columns, unit, _ROWS)
            if placed is not None and not _holds(placed, gap, columns, known, rules)[0]:
                placed = None
        first_token = next(t for line in numbers for t in line) if any(numbers) else None
        if placed is not None and first_token is not None:
            cells.update(placed)
            present.update(gap)
            names = "、".join(r.label for r in order if r.id in gap[:3])
            diagnostics.append(
                _diagnostic(
                    "P220",
                    table,
                    gap,
                    f"{len(lines)}行数值没有行标签，已按模板顺序放入缺少的行（{names}）",
                    f"{len(lines)} line(s) of numbers without a label placed on the rows the "
                    f"template has there and the table lacks ({names})",
                    first_token,
                    doc,
                )
            )
            continue
        tokens = [t for line in numbers for t in line]
        leftover.extend(tokens)
        if first_token is not None:
            diagnostics.append(
                Diagnostic(
                    code="P202",
                    severity=Severity.WARNING,
                    message="数值不属于任何可识别的行",
                    message_en="numbers that belong to no recognised row",
                    table=table,
                    location=doc.location(first_token.start, first_token.end, first_token.cell),
                )
            )
    return cells, diagnostics, leftover

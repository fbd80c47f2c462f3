"""Tables without rules: rows of text aligned in columns to a grid of cells.

A block is a run of visual lines of one font size where at least two lines have several
segments (text cut by wide gaps). The lines with the most segments fix the columns; every
segment goes to the column(s) it covers, so a blank cell stays a blank cell. Lines that only carry
the rest of a wrapped label (no second number in any column) join the row above.
"""

from __future__ import annotations

import attrs
import regex

from gikparse.readers._pdf_layout import Grid, GridCell, Segment, TextRow, join_lines

__all__ = ["aligned_tables"]

_NUMBER_LIKE = regex.compile(
    r"^[\s0-9０-９.,，+\-−－—/增减%％万元]*[0-9０-９—/][\s0-9０-９.,，%％]*$"
)
_OUTLINE = regex.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[、.．](?!\d)"
    r"|第[一二三四五六七八九十0-9]+[章节条项])"
)
_GAP = 2.0  #: lines further apart than this many font sizes are not one table


@attrs.frozen
class _Line:
    row: TextRow
    cells: dict[int, tuple[int, Segment]]  #: first column -> (last column, segment)


def _same_size(a: TextRow, b: TextRow) -> bool:
    return abs(a.size - b.size) <= 0.5


def _centered(row: TextRow, x0: float, x1: float) -> bool:
    mid = (row.box[0] + row.box[2]) / 2
    return abs(mid - (x0 + x1) / 2) <= 0.1 * (x1 - x0)


def _block_end(rows: list[TextRow], start: int) -> int:
    """Index after the last line of the block that starts at ``start`` (a multi-segment line)."""
    first = rows[start]
    x0, x1 = first.box[0], first.box[2]
    end = start + 1
    while end < len(rows):
        row, prev = rows[end], rows[end - 1]
        if prev.box[1] - row.box[3] > _GAP * max(row.size, 1.0) or not _same_size(first, row):
            break
        if len(row.segments) == 1:
            text = row.segments[0].text
            outside = row.box[0] < x0 - row.size or row.box[2] > x1 + row.size
            caption = _centered(row, x0, x1) and _OUTLINE.match(text) is not None
            if outside or caption:
                break
        else:
            x0, x1 = min(x0, row.box[0]), max(x1, row.box[2])
        end += 1
    # Trailing single lines belong to the table only if they sit tight under it.
    while end - 1 > start and len(rows[end - 1].segments) == 1:
        above, row = rows[end - 2], rows[end - 1]
        if above.box[1] - row.box[3] <= 0.6 * max(row.size, 1.0):
            break
        end -= 1
    return end


def _columns(rows: list[TextRow]) -> list[tuple[float, float]]:
    most = max(len(r.segments) for r in rows)
    full = [r for r in rows if len(r.segments) == most]
    return [
        (min(r.segments[i].box[0] for r in full), max(r.segments[i].box[2] for r in full))
        for i in range(most)
    ]


def _column_of(columns: list[tuple[float, float]], x: float) -> int:
    for i in range(len(columns) - 1):
        if x < (columns[i][1] + columns[i + 1][0]) / 2:
            return i
    return len(columns) - 1


def _place(row: TextRow, columns: list[tuple[float, float]]) -> _Line:
    cells: dict[int, tuple[int, Segment]] = {}
    for seg in row.segments:
        size = max(seg.size, 1.0)
        first = _column_of(columns, seg.box[0] + size / 2)
        last = max(first, _column_of(columns, seg.box[2] - size / 2))
        if first in cells:  # two segments in one column: one cell after all
            end, other = cells[first]
            seg = Segment(
                text=f"{other.text} {seg.text}",
                box=(other.box[0], min(other.box[1], seg.box[1]), seg.box[2], other.box[3]),
                size=seg.size,
            )
            last = max(last, end)
        cells[first] = (last, seg)
    return _Line(row, cells)


def _continues(above: _Line, below: _Line) -> bool:
    """``below`` only carries wrapped text of cells of ``above`` (no second value)."""
    gap = above.row.box[1] - below.row.box[3]
    if gap > 0.6 * max(below.row.size, 1.0):
        return False
    for col, (_, seg) in below.cells.items():
        if col not in above.cells:
            continue
        mine = above.cells[col][1]
        if _NUMBER_LIKE.match(seg.text) or _NUMBER_LIKE.match(mine.text):
            return False
        if _OUTLINE.match(seg.text):
            return False
    return True


def _grid(rows: list[TextRow], page: int) -> Grid:
    columns = _columns([r for r in rows if len(r.segments) > 1])
    logical: list[list[_Line]] = []
    for row in rows:
        line = _place(row, columns)
        if logical and _continues(logical[-1][-1], line):
            logical[-1].append(line)
        else:
            logical.append([line])
    cells: list[GridCell] = []
    top = rows[0].box[3]
    bottom = min(r.box[1] for r in rows)
    for index, group in enumerate(logical):
        y0 = min(line.row.box[1] for line in group)
        y1 = max(line.row.box[3] for line in group)
        filled: dict[int, tuple[int, list[Segment]]] = {}
        for line in group:
            for col, (last, seg) in sorted(line.cells.items()):
                end, segs = filled.setdefault(col, (last, []))
                segs.append(seg)
                filled[col] = (max(end, last), segs)
        col = 0
        while col < len(columns):
            if col in filled:
                last, segs = filled[col]
                text = join_lines(s.text for s in segs)
            else:
                last, segs, text = col, [], ""
            x0, x1 = columns[col][0], columns[last][1]
            cells.append(
                GridCell(
                    row=index, row_span=1, x0=x0, x1=x1, text=text, box=(x0, y0, x1, y1), page=page
                )
            )
            col = last + 1
    xs = [columns[0][0]] + [
        (columns[i][1] + columns[i + 1][0]) / 2 for i in range(len(columns) - 1)
    ]
    xs.append(columns[-1][1])
    # Cells are addressed by their column edges so that spans come out of the Document writer.
    fixed = []
    for cell in cells:
        first = next(i for i, c in enumerate(columns) if c[0] == cell.x0)
        last = next(i for i, c in enumerate(columns) if c[1] == cell.x1)
        fixed.append(attrs.evolve(cell, x0=xs[first], x1=xs[last + 1]))
    box = (xs[0], bottom, xs[-1], top)
    return Grid(
        cells=tuple(fixed),
        nrows=len(logical),
        xs=tuple(xs),
        first_page=page,
        last_page=page,
        box=box,
        last_box=box,
    )


def aligned_tables(rows: list[TextRow], page: int) -> tuple[list[Grid], list[TextRow]]:
    """Find blocks of column-aligned lines among ``rows`` (top to bottom): grids and the rest."""
    grids: list[Grid] = []
    rest: list[TextRow] = []
    i = 0
    while i < len(rows):
        if len(rows[i].segments) < 2:
            rest.append(rows[i])
            i += 1
            continue
        end = _block_end(rows, i)
        block = rows[i:end]
        multi = sum(1 for r in block if len(r.segments) > 1)
        # A header row with one data row under it (its label wrapped) is a table too.
        if multi >= 2 or (multi == 1 and len(block) >= 3):
            grids.append(_grid(block, page))
        else:
            rest.extend(block)
        i = end
    return grids, rest

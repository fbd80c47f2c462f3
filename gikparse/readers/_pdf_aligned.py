"""Tables without rules: rows of text aligned in columns to a grid of cells.

Two ways, both pure functions of glyph boxes:

* Dense tables (section 三, 四: many number columns, closer than a wide gap): the columns are
  the slots of the numbers. A line is cut into glyph runs at small gaps; the x-ranges of the
  number runs of all lines are clustered (runs that overlap are one column), and a cluster that
  holds runs of at least two lines is a column slot. Left of the first slot is the label zone.
  Text wrapped inside one cell (stacked tightly, not starting an outline item) is joined into one
  cell text; each cell text goes to the row of the first line with numbers (or header words in
  the slots) that it shares, else to the nearest such line, so a label-only line above or below
  its numbers joins their row. A row without a run in a slot has an empty cell there.
* Other tables (section 二): a block is a run of visual lines of one font size where at least
  two lines have several segments (text cut by wide gaps). The lines with the most segments fix
  the columns; every segment goes to the column(s) it covers, so a blank cell stays a blank
  cell. Lines that only carry the rest of a wrapped label join the row above.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence

import attrs
import regex

from gikparse.readers._pdf_layout import (
    Grid,
    GridCell,
    Segment,
    TextRow,
    join_lines,
    line_text,
)
from gikparse.readers._pdf_types import Box

__all__ = ["aligned_tables", "column_slots"]

_NUMBER_LIKE = regex.compile(
    r"^[\s0-9０-９.,，+\-−－—/增减%％万元]*[0-9０-９—/][\s0-9０-９.,，%％]*$"
)
_OUTLINE = regex.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[、.．](?!\d)"
    r"|第[一二三四五六七八九十0-9]+[章节条项])"
)
_GAP = 2.0  #: lines further apart than this many font sizes are not one table
_RUN = 0.6  #: glyphs further apart than this many font sizes are separate runs
_TIGHT = 0.6  #: lines of text wrapped in one cell are at most this many sizes apart
_DENSE = 4  #: a table with at least this many number slots is rebuilt from the slots


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
    grids, rows = _dense_tables(rows, page)
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


# --- dense tables: columns from the slots of the numbers ----------------------------------


@attrs.frozen
class _Run:
    """Glyphs of one line with no gap wider than ``_RUN`` sizes between them."""

    text: str
    box: Box
    size: float
    number: bool


def _runs(row: TextRow) -> list[_Run]:
    ink = row.ink
    if not ink:
        return []
    limit = _RUN * max(row.size, 1.0)
    pieces = [[ink[0]]]
    for prev, g in itertools.pairwise(ink):
        if g.x0 - prev.x1 > limit:
            pieces.append([])
        pieces[-1].append(g)
    out = []
    for piece in pieces:
        text = line_text(piece)
        box = (
            piece[0].x0,
            min(g.y0 for g in piece),
            max(g.x1 for g in piece),
            max(g.y1 for g in piece),
        )
        out.append(_Run(text, box, row.size, _NUMBER_LIKE.match(text) is not None))
    return out


def column_slots(
    spans: Sequence[tuple[float, float, int]], lines: int = 2
) -> list[tuple[float, float]]:
    """Column slots from the x-ranges ``(x0, x1, line)`` of number runs, left to right.

    Runs whose x-ranges overlap (directly or through other runs) are one column; a column is a
    slot if runs of at least ``lines`` different lines make it up.
    """
    clusters: list[tuple[float, float, set[int]]] = []
    for x0, x1, line in sorted(spans):
        if clusters and x0 <= clusters[-1][1]:
            lo, hi, seen = clusters[-1]
            seen.add(line)
            clusters[-1] = (lo, max(hi, x1), seen)
        else:
            clusters.append((x0, x1, {line}))
    return [(lo, hi) for lo, hi, seen in clusters if len(seen) >= lines]


@attrs.frozen
class _Frag:
    """A run placed in the table: ``col`` -1 is the label zone, else first..``last`` slot."""

    line: int
    col: int
    last: int
    run: _Run

    @property
    def number_in_slot(self) -> bool:
        return self.run.number and self.col >= 0

    def below(self, other: _Frag) -> bool:
        """Same column(s) as ``other`` (the label zone: overlapping in x)."""
        if self.col < 0 or other.col < 0:
            a, b = self.run.box, other.run.box
            return self.col == other.col and a[0] < b[2] and b[0] < a[2]
        return self.col <= other.last and other.col <= self.last


def _dense_tables(rows: list[TextRow], page: int) -> tuple[list[Grid], list[TextRow]]:
    grids: list[Grid] = []
    rest: list[TextRow] = []
    start = 0
    while start < len(rows):
        end = start + 1
        while end < len(rows):
            prev, row = rows[end - 1], rows[end]
            if prev.box[1] - row.box[3] > _GAP * max(row.size, 1.0) or not _same_size(prev, row):
                break
            end += 1
        found = _dense_block(rows[start:end], page)
        if found is None:
            rest.extend(rows[start:end])
        else:
            grid, used = found
            grids.append(grid)
            rest.extend(rows[start + used : end])
        start = end
    return grids, rest


def _dense_block(chunk: list[TextRow], page: int) -> tuple[Grid, int] | None:
    """The dense table made of the first lines of ``chunk`` and how many lines it takes."""
    numeric = [i for i, r in enumerate(chunk) if sum(ch.isdigit() for ch in r.text) >= 2]
    if not numeric:
        return None
    runs = [_runs(r) for r in chunk]
    anchors = [i for i in numeric if sum(r.number for r in runs[i]) >= 2]
    if not anchors:
        return None
    first, last = anchors[0], anchors[-1]
    spans = [(r.box[0], r.box[2], i) for i in range(first, last + 1) for r in runs[i] if r.number]
    # One line of many numbers (the review table): its runs are the slots.
    slots = column_slots(spans, 2 if len(anchors) > 1 else 1)
    if len(slots) < _DENSE:
        return None
    end = last + 1
    while end < len(chunk):  # label lines wrapped out of the last row
        above, row = chunk[end - 1], chunk[end]
        if above.box[1] - row.box[3] > _TIGHT * max(row.size, 1.0):
            break
        if any(r.number for r in runs[end]):
            break
        end += 1
    return _slot_grid(chunk[:end], runs[:end], slots, page), end


def _slot_grid(
    rows: list[TextRow], runs: list[list[_Run]], slots: list[tuple[float, float]], page: int
) -> Grid:
    gaps = [b[0] - a[1] for a, b in itertools.pairwise(slots)]
    half = min(gaps) / 2 if gaps else max(rows[0].size, 1.0)
    mids = [(a[1] + b[0]) / 2 for a, b in itertools.pairwise(slots)]
    zone = slots[0][0] - half  #: left of this: the label zone

    def col_of(x: float) -> int:
        return -1 if x < zone else bisect.bisect_right(mids, x)

    frags: list[_Frag] = []
    for i, line in enumerate(runs):
        for run in line:
            x0, x1 = run.box[0], run.box[2]
            mid = (x0 + x1) / 2
            if run.number:
                lo = hi = col_of(mid)
            else:
                size = max(run.size, 1.0)
                lo, hi = col_of(min(x0 + size, mid)), col_of(max(x1 - size, mid))
            if lo < 0:
                lo = hi = -1
            frags.append(_Frag(i, lo, hi, run))
    anchors = {f.line for f in frags if f.number_in_slot}
    chains = _chains(frags, anchors)
    # A row starts at each line with numbers and at each line of header words in the slots.
    starts = sorted(anchors | {c[0].line for c in chains if c[0].col >= 0})
    starts = sorted({*starts, *_blank_rows(chains, starts, rows)})
    right = max([slots[-1][1] + half, *(f.run.box[2] for f in frags)])
    return _slot_rows(rows, chains, starts, [zone, *mids, right], page)


class _LineIndex:
    """The fragments of one line, left to right, for finding the one above a fragment.

    Runs of a line do not overlap and ``_slot_grid`` maps x to columns monotonically, so the
    first and last columns of the line's slot fragments never decrease from left to right (nor
    do the x-ranges of its label-zone fragments): the rightmost fragment that starts at or before
    a column is the only candidate to overlap it."""

    def __init__(self, frags: list[_Frag]) -> None:
        self.labels = [f for f in frags if f.col < 0]
        self.slots = [f for f in frags if f.col >= 0]
        self.label_x0 = [f.run.box[0] for f in self.labels]
        self.slot_col = [f.col for f in self.slots]
        self.bottom = min(f.run.box[1] for f in frags)

    def above(self, f: _Frag) -> _Frag | None:
        """The rightmost fragment of this line that ``f`` is below (``_Frag.below``)."""
        if f.col < 0:
            at = bisect.bisect_left(self.label_x0, f.run.box[2]) - 1
            if at >= 0 and f.below(self.labels[at]):
                return self.labels[at]
            return None
        at = bisect.bisect_right(self.slot_col, f.last) - 1
        if at >= 0 and f.below(self.slots[at]):
            return self.slots[at]
        return None


def _chains(frags: list[_Frag], anchors: set[int]) -> list[list[_Frag]]:
    """Fragments linked into cell texts: a fragment goes on the text right above it in the same
    column when the two are stacked tightly, neither is a number, it does not start an outline
    item, and the two lines are not both lines with numbers (two rows of a table).

    The text above is the rightmost fragment in the same column on the nearest line above that
    has one; lines are searched upwards only while they are close enough to be stacked tightly
    (a fragment further up could not be linked anyway), which keeps the cost linear.
    """
    chains: list[list[_Frag]] = []
    tails: dict[int, int] = {}  #: id of a chain's last fragment -> chain index
    by_line: dict[int, list[_Frag]] = {}
    for f in frags:
        by_line.setdefault(f.line, []).append(f)
    order = sorted(by_line)
    index = {line: _LineIndex(by_line[line]) for line in order}
    position = {line: k for k, line in enumerate(order)}
    for f in frags:
        size = max(f.run.size, 1.0)
        reach = _TIGHT * size
        above: _Frag | None = None
        k = position[f.line] - 1
        while k >= 0:
            line = index[order[k]]
            if line.bottom - f.run.box[3] > reach:
                break  # this line and those above it are too far up to be stacked on f
            above = line.above(f)
            if above is not None:
                break
            k -= 1
        linked = False
        if above is not None and id(above) in tails:
            linked = (
                not f.run.number
                and not above.run.number
                and _OUTLINE.match(f.run.text) is None
                and above.run.box[1] - f.run.box[3] <= reach
                and not (f.line in anchors and above.line in anchors)
                and (f.col < 0 or _one_cell(above.run.box, f.run.box, size))
            )
        if linked:
            assert above is not None
            chain = tails.pop(id(above))
            chains[chain].append(f)
        else:
            chain = len(chains)
            chains.append([f])
        tails[id(f)] = chain
    return chains


def _blank_rows(chains: list[list[_Frag]], starts: list[int], rows: list[TextRow]) -> set[int]:
    """Lines of labels that are rows of their own with every cell blank (printed as nothing).

    Such a label shares no line with numbers, so it would join the nearest row as the rest of
    a wrapped label. It is a row of its own when it starts an outline item (``（六）其他处理``)
    and the row it would join already has its own label under it, in the same x-range: one
    row does not carry two labels one above the other."""
    row_lines = set(starts)
    own_labels: dict[int, list[Box]] = {}  #: row line -> boxes of the labels that share it
    loose: list[list[_Frag]] = []
    for chain in chains:
        if chain[0].col >= 0:
            continue
        shared = row_lines.intersection(f.line for f in chain)
        for line in shared:
            own_labels.setdefault(line, []).append(_box(chain))
        if not shared and _OUTLINE.match(chain[0].run.text) is not None:
            loose.append(chain)
    out: set[int] = set()
    for chain in loose:
        line = starts[_row_of(chain, starts, rows)]
        x0, _, x1, _ = _box(chain)
        if any(b[0] < x1 and x0 < b[2] for b in own_labels.get(line, ())):
            out.add(chain[0].line)
    return out


def _one_cell(above: Box, below: Box, size: float) -> bool:
    """Whether a line of header words can be the wrapped rest of the line above it: lines of
    one cell share its alignment (left edge, centre or right edge), and a later line is never
    wider than the first. In a squeezed table the header of a column group (申请人情况) sits
    right on its parts (法人或其他组织), and those on narrow columns' words (社会 / 公益 / 组织)."""
    if below[2] - below[0] > above[2] - above[0] + size:
        return False
    half = size / 2
    return (
        abs(below[0] - above[0]) <= half
        or abs(below[2] - above[2]) <= half
        or abs((below[0] + below[2]) - (above[0] + above[2])) <= size
    )


def _box(frags: Sequence[_Frag]) -> Box:
    return (
        min(f.run.box[0] for f in frags),
        min(f.run.box[1] for f in frags),
        max(f.run.box[2] for f in frags),
        max(f.run.box[3] for f in frags),
    )


def _row_of(chain: list[_Frag], starts: list[int], rows: list[TextRow]) -> int:
    """Index into ``starts`` of the row a cell text belongs to: the first row line among the
    lines it covers, else the nearest row line (the one below on a tie)."""
    lines = [f.line for f in chain]
    lo, hi = min(lines), max(lines)
    at = bisect.bisect_left(starts, lo)
    if at < len(starts) and starts[at] <= hi:
        return at
    _, y0, _, y1 = _box(chain)

    def distance(k: int) -> tuple[float, int]:
        box = rows[starts[k]].box
        return max(box[1] - y1, y0 - box[3], 0.0), -starts[k]

    # Lines run top to bottom, so the nearest row line is next to where the chain would go.
    near = [k for k in (at - 1, at) if 0 <= k < len(starts)]
    return min(near, key=distance)


def _slot_rows(
    rows: list[TextRow],
    chains: list[list[_Frag]],
    starts: list[int],
    xs: list[float],
    page: int,
) -> Grid:
    """The grid: per row, label cells (left to right) then one cell per slot (or span)."""
    members: list[list[list[_Frag]]] = [[] for _ in starts]
    for chain in chains:
        members[_row_of(chain, starts, rows)].append(chain)
    labels = any(c[0].col < 0 for c in chains)
    left = min([xs[0] - 1.0, *(f.run.box[0] for c in chains for f in c if f.col < 0)])
    edges = [left, *xs] if labels else xs
    nslots = len(xs) - 1
    cells: list[GridCell] = []
    for index, (line, mine) in enumerate(zip(starts, members, strict=True)):
        boxes = [rows[line].box, *(_box(c) for c in mine)]
        y0, y1 = min(b[1] for b in boxes), max(b[3] for b in boxes)

        def cell(x0: float, x1: float, text: str, box: Box, row: int = index) -> GridCell:
            return GridCell(row=row, row_span=1, x0=x0, x1=x1, text=text, box=box, page=page)

        if labels:
            zone = sorted((c for c in mine if c[0].col < 0), key=lambda c: _box(c)[0])
            if not zone and not any(f.number_in_slot for c in mine for f in c):
                # (A line of numbers without a label gets no label cell: the slots come from
                # the numbers, so a blank printed as nothing has none, and an empty cell in
                # front would read as that blank, moving every number after it.)
                cells.append(cell(left, xs[0], "", (left, y0, xs[0], y1)))
            for chain in zone:
                text = join_lines(f.run.text for f in chain)
                cells.append(cell(left, xs[0], text, _box(chain)))
        by_col: dict[int, list[list[_Frag]]] = {}
        for chain in mine:
            if chain[0].col >= 0:
                by_col.setdefault(chain[0].col, []).append(chain)
        col = 0
        while col < nslots:
            taken = by_col.get(col, [])
            last = max([col, *(f.last for c in taken for f in c)])
            more = [c for k in range(col + 1, last + 1) for c in by_col.get(k, [])]
            while more:  # a text spanning slots takes the texts of the slots it covers
                taken += more
                new = max(f.last for c in more for f in c)
                more = [c for k in range(last + 1, new + 1) for c in by_col.get(k, [])]
                last = max(last, new)
            last = min(last, nslots - 1)
            taken.sort(key=lambda c: (c[0].line, c[0].run.box[0]))
            text = join_lines(join_lines(f.run.text for f in c) for c in taken)
            x0, x1 = xs[col], xs[last + 1]
            cells.append(cell(x0, x1, text, (x0, y0, x1, y1)))
            col = last + 1
    top = max(r.box[3] for r in rows)
    bottom = min(r.box[1] for r in rows)
    box = (edges[0], bottom, edges[-1], top)
    return Grid(
        cells=tuple(cells),
        nrows=len(starts),
        xs=tuple(edges),
        first_page=page,
        last_page=page,
        box=box,
        last_box=box,
    )

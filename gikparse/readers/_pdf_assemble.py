"""Pages to a reading-order list of blocks: prose paragraphs, rows of aligned text, tables.

Pure functions over the page layouts of ``_pdf_layout``: running headers and footers removed,
wrapped prose lines joined into paragraphs, a table continued on the next page joined to its
first part (repeated header rows dropped, merged cells cut by the page break rejoined).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import attrs
import regex

from gikparse.readers._html_page import title_like
from gikparse.readers._pdf_aligned import aligned_tables
from gikparse.readers._pdf_layout import (
    Grid,
    GridCell,
    TextRow,
    dedupe,
    fill_grid,
    find_tables,
    join_lines,
    text_rows,
)
from gikparse.readers._pdf_types import Box, Glyph, RawPage

__all__ = ["Block", "PageLayout", "Paragraph", "assemble", "layout_page", "running_title"]

_BAND = 0.12  #: running headers/footers live within this fraction of the page height
_PAGE_NUMBER = regex.compile(
    r"^[-—–－_~\s]*(?:第\s*)?[0-9０-９]{1,4}\s*页?\s*(?:[/／]\s*[0-9０-９]{1,4}|共\s*[0-9０-９]{1,4}\s*页)?"
    r"[-—–－_~\s]*$|^(?i:page)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$"
)
_DIGITS = regex.compile(r"[0-9０-９]+")
# A line opening with an outline marker starts a new paragraph even under a full line.
_OUTLINE = regex.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[、.．](?!\d)"
    r"|第[一二三四五六七八九十0-9]+[章节条部分]|[一二三四五六七八九十]是)"
)
_MIN_MEASURE = 20  #: prose margins are trusted when at least this many font sizes apart
_FULL = 2.5  #: a line ending within this many font sizes of the right margin is full
_EDGE_TOL = 5.0  #: table parts whose outer borders differ by less than this may be joined


@attrs.frozen(kw_only=True)
class PageLayout:
    number: int
    width: float
    height: float
    grids: tuple[Grid, ...]
    rows: tuple[TextRow, ...]


@attrs.frozen(kw_only=True)
class Paragraph:
    """Prose lines joined (one segment), or one row of aligned text (several segments)."""

    rows: tuple[TextRow, ...]

    @property
    def page(self) -> int:
        return self.rows[0].page

    @property
    def is_aligned(self) -> bool:
        return len(self.rows[0].segments) > 1

    @property
    def text(self) -> str:
        return join_lines(r.segments[0].text for r in self.rows)

    @property
    def box(self) -> Box:
        """The box on the paragraph's first page (a paragraph may run on to the next)."""
        boxes = [r.box for r in self.rows if r.page == self.rows[0].page]
        return (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )


Block = Grid | Paragraph


def layout_page(page: RawPage) -> PageLayout:
    """One page's glyphs and rules to its table grids and free text rows."""
    glyphs = dedupe(page.glyphs)
    frames = find_tables(page.edges)
    free: list[Glyph] = []
    inside: list[list[Glyph]] = [[] for _ in frames]
    # Smallest first, so a box drawn around a whole page or a table does not take its text.
    boxes = sorted(
        ((f.box, i) for i, f in enumerate(frames)),
        key=lambda b: (b[0][2] - b[0][0]) * (b[0][3] - b[0][1]),
    )
    bands = _bands(boxes, glyphs)
    for g in glyphs:
        cx, cy = (g.x0 + g.x1) / 2, (g.y0 + g.y1) / 2
        for (x0, y0, x1, y1), index in bands.get(math.floor(cy / _BAND_HEIGHT), ()):
            if x0 <= cx <= x1 and y0 <= cy <= y1:
                inside[index].append(g)
                break
        else:
            free.append(g)
    grids = tuple(
        fill_grid(frame, members, page.number)
        for frame, members in zip(frames, inside, strict=True)
    )
    return PageLayout(
        number=page.number,
        width=page.width,
        height=page.height,
        grids=grids,
        rows=tuple(text_rows(free, page.number)),
    )


_BAND_HEIGHT = 50.0  #: points: glyphs look only at the table boxes of their horizontal band


def _bands(
    boxes: Sequence[tuple[Box, int]], glyphs: Sequence[Glyph]
) -> dict[int, list[tuple[Box, int]]]:
    """The boxes (smallest first) that reach into each band of the page's height where there
    are glyphs: each glyph is tested against a few boxes, not all of them."""
    if not boxes or not glyphs:
        return {}
    low = math.floor(min(g.y0 for g in glyphs) / _BAND_HEIGHT)
    high = math.floor(max(g.y1 for g in glyphs) / _BAND_HEIGHT)
    bands: dict[int, list[tuple[Box, int]]] = {}
    for box, index in boxes:
        first = max(math.floor(box[1] / _BAND_HEIGHT), low)
        last = min(math.floor(box[3] / _BAND_HEIGHT), high)
        for band in range(first, last + 1):
            bands.setdefault(band, []).append((box, index))
    return bands


# --- running headers and footers ---------------------------------------------------------


def _running_key(row: TextRow) -> str:
    return _DIGITS.sub("#", "".join(row.text.split()))


def _edge_candidates(page: PageLayout, top: bool) -> list[TextRow]:
    """Free rows at the top (or bottom) edge of the page, outside every table, outermost first."""
    rows = sorted(page.rows, key=lambda r: -r.box[3] if top else r.box[1])
    out: list[TextRow] = []
    for row in rows[:2]:
        grids = [g for g in page.grids if not g.is_lone]
        if top:
            beyond_tables = all(row.box[1] >= g.box[3] for g in grids)
            in_band = row.box[1] >= page.height * (1 - _BAND)
        else:
            beyond_tables = all(row.box[3] <= g.box[1] for g in grids)
            in_band = row.box[3] <= page.height * _BAND
        if not (beyond_tables and in_band):
            break
        out.append(row)
    return out


def drop_running_lines(pages: Sequence[PageLayout]) -> list[PageLayout]:
    """Remove page numbers and running headers/footers (same text on most pages)."""
    counts: Counter[str] = Counter()
    candidates: list[tuple[list[TextRow], list[TextRow]]] = []
    for page in pages:
        found = (_edge_candidates(page, True), _edge_candidates(page, False))
        candidates.append(found)
        counts.update({_running_key(r) for side in found for r in side})
    repeated = {k for k, n in counts.items() if n >= 2 and n * 2 >= len(pages)}
    out = []
    for page, sides in zip(pages, candidates, strict=True):
        drop: set[int] = set()
        for side in sides:
            keys: set[str] = set()
            for row in side:  # outermost first; stop at the first line that is content
                key = _running_key(row)
                if key in keys or not (_PAGE_NUMBER.match(row.text) or key in repeated):
                    break  # e.g. a title that repeats the running header
                keys.add(key)
                drop.add(id(row))
        if drop:
            page = attrs.evolve(page, rows=tuple(r for r in page.rows if id(r) not in drop))
        out.append(page)
    return out


def running_title(pages: Sequence[PageLayout]) -> str | None:
    """The report title printed in the first page's running header, if it reads as one.

    Reports printed from a web page by a browser often carry the title only there (the page's
    ``<title>``); the header is dropped as chrome, but the title is evidence of the agency and
    the year when the body does not print one."""
    if not pages:
        return None
    for row in _edge_candidates(pages[0], True):
        if title_like(row.text):
            return "".join(row.text.split())
    return None


# --- paragraphs --------------------------------------------------------------------------


def _margins(page: PageLayout) -> tuple[float, float]:
    """Left and right edges of the prose on a page."""
    prose = [r for r in page.rows if len(r.segments) == 1]
    left = min((r.box[0] for r in prose), default=0.0)
    right = max((r.box[2] for r in prose), default=0.0)
    return left, right


def _paragraphs(
    rows: Sequence[TextRow], left: float, right: float, grids: Sequence[Grid] = ()
) -> list[Paragraph]:
    """Join wrapped prose lines: a line that reaches the right margin continues below."""
    out: list[Paragraph] = []
    current: list[TextRow] = []
    grid_tops = [g.box[3] for g in grids]
    for row in rows:
        if (
            current
            and _wraps(current[-1], left, right)
            and _goes_on(row, left)
            and _same_style(current[-1], row)
            and current[-1].box[1] - row.box[3] <= 1.0 * max(row.size, 1.0)
            and not any(current[-1].box[1] >= top >= row.box[3] for top in grid_tops)
        ):
            current.append(row)
            continue
        if current:
            out.append(Paragraph(rows=tuple(current)))
        current = [row]
    if current:
        out.append(Paragraph(rows=tuple(current)))
    return out


def _wraps(row: TextRow, left: float, right: float) -> bool:
    """The line is prose that reaches (about) the right margin, so its sentence goes on.

    Margins narrower than a few words were measured on too little text to tell.
    """
    size = max(row.size, 1.0)
    return (
        len(row.segments) == 1
        and right - left >= _MIN_MEASURE * size
        and row.box[2] >= right - _FULL * size
    )


def _goes_on(row: TextRow, left: float) -> bool:
    """The line is prose starting at the left margin, not a new item or indented paragraph."""
    return (
        len(row.segments) == 1
        and row.box[0] <= left + 0.5 * max(row.size, 1.0)
        and _OUTLINE.match(row.segments[0].text) is None
    )


def _same_style(a: TextRow, b: TextRow) -> bool:
    return abs(a.size - b.size) <= 0.5


# --- tables across pages -----------------------------------------------------------------


def _row_signature(cells: Sequence[GridCell]) -> tuple[tuple[str, int, int], ...]:
    return tuple((c.text, round(c.x0 / _EDGE_TOL), round(c.x1 / _EDGE_TOL)) for c in cells)


def _rows(grid: Grid) -> dict[int, list[GridCell]]:
    rows: dict[int, list[GridCell]] = {}
    for cell in grid.cells:
        rows.setdefault(cell.row, []).append(cell)
    return rows


def _repeated_header(first: Grid, second: Grid) -> int:
    """How many leading rows of ``second`` repeat the leading rows of ``first``."""
    a, b = _rows(first), _rows(second)
    k = 0
    while k < second.nrows - 1 and k in a and k in b:
        if _row_signature(a[k]) != _row_signature(b[k]) or not any(c.text for c in b[k]):
            break
        k += 1
    # A repeated header must be closed: no cell of it may reach into the data below.
    while k and any(c.row < k < c.row + c.row_span for c in second.cells):
        k -= 1
    return k


def _compatible(first: Grid, second: Grid) -> bool:
    return (
        second.first_page == first.last_page + 1
        and abs(first.last_box[0] - second.box[0]) <= _EDGE_TOL
        and abs(first.last_box[2] - second.box[2]) <= _EDGE_TOL
    )


_NUMBER_LIKE = regex.compile(r"^[\s0-9０-９.,，+\-−－—增减%％万元]+$")


def _split_row(above: Sequence[GridCell], below: Sequence[GridCell]) -> bool:
    """Whether ``below`` (first row of the next part) is the rest of row ``above``, cut in two by
    the page break: same cells, text only where a wrapped label goes on, no second number."""
    if not below or not any(c.text for c in below):
        return False
    for cell in below:
        match = _aligned(above, cell)
        if match is None:
            return False
        if cell.text and match.text:
            if _NUMBER_LIKE.match(cell.text) or _NUMBER_LIKE.match(match.text):
                return False
            if _OUTLINE.match(cell.text):
                return False
    return True


def _aligned(cells: Sequence[GridCell], cell: GridCell) -> GridCell | None:
    for other in cells:
        if abs(other.x0 - cell.x0) <= _EDGE_TOL and abs(other.x1 - cell.x1) <= _EDGE_TOL:
            return other
    return None


def join_grids(first: Grid, second: Grid) -> Grid:
    """``second`` continues ``first`` on the next page."""
    skip = _repeated_header(first, second)
    shift = first.nrows - skip
    kept = [attrs.evolve(c, row=c.row + shift) for c in second.cells if c.row >= skip]
    cells = list(first.cells)
    last = [c for c in cells if c.row + c.row_span == first.nrows]
    top = [c for c in kept if c.row == first.nrows]
    nrows = first.nrows + second.nrows - skip
    if _split_row(last, top):
        # One row broken by the page: glue its two halves back together.
        for cont in top:
            above = _aligned(last, cont)
            assert above is not None
            i = cells.index(above)
            cells[i] = attrs.evolve(
                above,
                text=join_lines((above.text, cont.text)),
                row_span=above.row_span + cont.row_span - 1,
            )
            kept.remove(cont)
        kept = [attrs.evolve(c, row=c.row - 1) for c in kept]
        nrows -= 1
    else:
        # A merged cell cut by the page break leaves an empty cell on top of the next part.
        for cont in top:
            if cont.text:
                continue
            above = _aligned(last, cont)
            if above is not None and (above.row_span > 1 or cont.row_span > 1):
                i = cells.index(above)
                cells[i] = attrs.evolve(above, row_span=above.row_span + cont.row_span)
                kept.remove(cont)
    cells.extend(kept)
    cells.sort(key=lambda c: (c.row, c.x0))
    snapped: list[float] = []
    for x in sorted({*first.xs, *second.xs}):
        if not snapped or x - snapped[-1] > _EDGE_TOL:
            snapped.append(x)
    return Grid(
        cells=tuple(cells),
        nrows=nrows,
        xs=tuple(snapped),
        first_page=first.first_page,
        last_page=second.last_page,
        box=first.box,
        last_box=second.last_box,
    )


def _top(block: Block) -> float:
    return block.box[3]


def _bottom(block: Block) -> float:
    return block.box[1]


def _page_blocks(page: PageLayout) -> list[Block]:
    """A page's blocks top to bottom; lone boxes unwrapped unless one ends the page."""
    rows = list(page.rows)
    grids: list[Grid] = []
    lowest = min((r.box[1] for r in page.rows), default=float("inf"))
    lowest = min([lowest, *(g.box[1] for g in page.grids if not g.is_lone)])
    for grid in page.grids:
        if not grid.is_lone:
            grids.append(grid)
        elif grid.box[1] <= lowest and len(grid.rows) <= 3:
            grids.append(grid)  # may be the first row of a table going on over the page
        else:
            rows.extend(grid.rows)
    rows.sort(key=lambda r: -r.box[3])
    left, right = _margins(page)
    aligned, rows = aligned_tables(rows, page.number)
    grids.extend(aligned)
    blocks: list[Block] = [*grids, *_paragraphs(rows, left, right, grids)]
    blocks.sort(key=lambda b: -_top(b))
    return blocks


def _settle(out: list[Block]) -> None:
    """A lone box that no table continued is text after all."""
    if out and isinstance(out[-1], Grid) and out[-1].is_lone:
        grid = out.pop()
        out.extend(Paragraph(rows=(r,)) for r in grid.rows)


def assemble(pages: Sequence[PageLayout]) -> list[Block]:
    """Reading-order blocks of the whole document."""
    out: list[Block] = []
    margins_before = (0.0, 0.0)
    for page in drop_running_lines(pages):
        left, right = _margins(page)
        for index, block in enumerate(_page_blocks(page)):
            last = out[-1] if out else None
            if (
                index == 0
                and isinstance(block, Grid)
                and isinstance(last, Grid)
                and not block.is_lone
                and _compatible(last, block)
            ):
                out[-1] = join_grids(last, block)
                continue
            _settle(out)
            last = out[-1] if out else None
            if (
                index == 0
                and isinstance(block, Paragraph)
                and isinstance(last, Paragraph)
                and last.page == page.number - 1
                and _wraps(last.rows[-1], *margins_before)
                and _goes_on(block.rows[0], left)
                and _same_style(last.rows[-1], block.rows[0])
            ):
                # A sentence running on to the next page.
                out[-1] = Paragraph(rows=last.rows + block.rows)
                continue
            out.append(block)
        margins_before = (left, right)
    _settle(out)
    return out

"""Pure layout functions: glyphs and ruling edges of a page to text rows and table grids.

Nothing here knows about pdfminer or about reports. The steps, each a small function:

1. ``dedupe``: drop glyphs drawn twice at nearly the same spot (fake bold).
2. ``find_tables``: snap and join the ruling edges, group them into connected frames, cut each
   frame into its elementary grid and merge the grid cells that no rule separates (spans).
3. ``fill_grid``: put every glyph into the cell under its centre; the rest is free text.
4. ``text_rows``: free glyphs to visual lines, split into segments at wide gaps.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Iterable, Sequence

import attrs

from gikparse.readers._apart import full_width_latin
from gikparse.readers._pdf_types import Box, Edge, Glyph

__all__ = [
    "Grid",
    "GridCell",
    "Segment",
    "TableFrame",
    "TextRow",
    "dedupe",
    "fill_grid",
    "find_tables",
    "join_lines",
    "line_text",
    "split_lines",
    "text_rows",
]

_SNAP = 3.0  #: rules closer than this are one rule (double borders, LibreOffice's 0.1/0.75 mix)
_JOIN = 3.0  #: collinear pieces with a smaller gap are one rule
_TOUCH = 3.0  #: a horizontal and a vertical rule this close are taken to meet
_SPACE = 0.25  #: a gap wider than this many font sizes is a space between words
_WIDE = 1.5  #: a gap wider than this many font sizes separates table columns in free text
_DUPLICATE = 0.2  #: a same-character glyph offset by less than this many sizes is fake bold


@attrs.frozen(kw_only=True)
class Segment:
    """A run of free text on one visual line, cut from its neighbours by a wide gap."""

    text: str
    box: Box
    size: float


@attrs.frozen(kw_only=True)
class TextRow:
    """A visual line of free text: one segment (prose) or several (text aligned in columns)."""

    segments: tuple[Segment, ...]
    box: Box
    size: float
    page: int
    #: the line's drawn glyphs, left to right (for tables without rules, see ``_pdf_aligned``)
    ink: tuple[Glyph, ...] = attrs.field(default=(), eq=False, repr=False)

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segments)


@attrs.frozen(kw_only=True)
class GridCell:
    """A (possibly merged) table cell. ``row`` counts over the whole table, across pages."""

    row: int
    row_span: int
    x0: float
    x1: float
    text: str
    box: Box
    page: int


@attrs.frozen(kw_only=True)
class Grid:
    """A ruled table: cells in reading order, ``nrows`` elementary rows, column boundaries."""

    cells: tuple[GridCell, ...]
    nrows: int
    xs: tuple[float, ...]
    first_page: int
    last_page: int
    box: Box  #: the table's box on its first page
    last_box: Box  #: the table's box on its last page
    #: for a lone box (one cell): its text as free rows, should it turn out not to be a table
    rows: tuple[TextRow, ...] = ()

    @property
    def is_lone(self) -> bool:
        return len(self.cells) == 1 and self.nrows == 1


@attrs.frozen(kw_only=True)
class TableFrame:
    """A table found from rules, before text is put in: grid lines and merged regions.

    ``regions[i]`` is ``(row, row_end, col, col_end)`` (end exclusive) in elementary cells;
    ``owner[r][c]`` is the region index covering elementary cell ``(r, c)``.
    """

    xs: tuple[float, ...]  #: left to right
    ys: tuple[float, ...]  #: top to bottom (decreasing PDF y)
    regions: tuple[tuple[int, int, int, int], ...]
    owner: tuple[tuple[int, ...], ...]
    _ys_up: tuple[float, ...] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_ys_up", self.ys[::-1])

    @property
    def box(self) -> Box:
        return (self.xs[0], self.ys[-1], self.xs[-1], self.ys[0])

    def region_at(self, x: float, y: float) -> int | None:
        """Index of the region under point ``(x, y)``, or ``None`` outside the frame."""
        xs, ys = self.xs, self.ys
        if not (xs[0] <= x <= xs[-1] and ys[-1] <= y <= ys[0]):
            return None
        col = min(max(bisect.bisect_right(xs, x) - 1, 0), len(xs) - 2)
        up = min(max(bisect.bisect_right(self._ys_up, y) - 1, 0), len(ys) - 2)
        return self.owner[len(ys) - 2 - up][col]


# --- glyphs -------------------------------------------------------------------------------


def is_cjk(ch: str) -> bool:
    """Han, kana, CJK punctuation and full-width forms: no spaces between these."""
    o = ord(ch)
    return (
        0x2E80 <= o <= 0x9FFF
        or 0xF900 <= o <= 0xFAFF
        or 0xFF00 <= o <= 0xFFEF
        or 0x20000 <= o <= 0x3FFFF
        or 0x3000 <= o <= 0x303F
    )


def dedupe(glyphs: Sequence[Glyph]) -> list[Glyph]:
    """Drop glyphs that repeat the same character almost on top of an earlier one.

    Word and WPS draw "fake bold" by painting a glyph two to four times shifted by a fraction of
    a point; extraction would read each character several times. Glyphs at coordinates that are
    not finite are dropped (the reader reports them); a glyph is compared only with the glyphs of
    its character and size class in the 3x3 neighbouring cells of a grid as wide as its
    tolerance, so the cost stays linear however many copies share one line or one spot.
    """
    seen: dict[tuple[str, float, int, int], list[Glyph]] = {}
    out: list[Glyph] = []
    isfinite, floor, log2, ceil = math.isfinite, math.floor, math.log2, math.ceil
    for g in glyphs:
        text = g.text
        if text.isspace():
            out.append(g)
            continue
        x0, y0, size = g.x0, g.y0, g.size
        if not (isfinite(x0) and isfinite(y0) and isfinite(size)):
            continue
        limit = max(size * _DUPLICATE, 0.5)
        cell = 2.0 ** ceil(log2(limit)) if isfinite(limit) else limit  # >= limit
        if not isfinite(cell):
            out.append(g)
            continue
        bx, by = floor(x0 / cell), floor(y0 / cell)
        duplicate = False
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for other in seen.get((text, cell, bx + dx, by + dy), ()):
                    if abs(other.x0 - x0) <= limit and abs(other.y0 - y0) <= limit:
                        duplicate = True
                        break
                if duplicate:
                    break
            if duplicate:
                break
        if not duplicate:
            seen.setdefault((text, cell, bx, by), []).append(g)
            out.append(g)
    return out


def split_lines(glyphs: Iterable[Glyph]) -> list[list[Glyph]]:
    """Group glyphs into visual lines, top to bottom, each sorted left to right.

    A glyph joins the current line when its vertical centre lies within the line's band. The
    band grows down with the glyphs that join it, but never taller than the line's tallest
    glyph: in a table set solid (line height 1), a number centred between two lines of a
    wrapped label would otherwise chain both lines into one band and shuffle their characters.
    """
    ordered = sorted(glyphs, key=lambda g: -(g.y0 + g.y1))
    lines: list[list[Glyph]] = []
    band_lo = band_hi = tallest = 0.0
    for g in ordered:
        cy = (g.y0 + g.y1) / 2
        if lines and band_lo <= cy <= band_hi:
            lines[-1].append(g)
            if not g.text.isspace():
                tallest = max(tallest, g.y1 - g.y0)
                band_lo = max(min(band_lo, g.y0), band_hi - tallest)
        else:
            lines.append([g])
            band_lo, band_hi = g.y0, g.y1
            tallest = g.y1 - g.y0
    for line in lines:
        line.sort(key=lambda g: g.x0)
    return lines


def line_text(glyphs: Sequence[Glyph]) -> str:
    """Text of one visual line: spaces where the gap is wide, never between CJK characters."""
    parts: list[str] = []
    prev: Glyph | None = None
    pending = False
    for g in glyphs:
        text = g.text
        if text.isspace() or not text:
            pending = True
            continue
        if prev is not None:
            gap = g.x0 - prev.x1
            wide = gap > _SPACE * min(g.size, prev.size)
            if (pending or wide) and not (is_cjk(prev.text[-1]) and is_cjk(text[0])):
                parts.append(" ")
        parts.append(text.replace("\t", " ").replace("\n", " ").replace("\r", " "))
        prev = g
        pending = False
    return "".join(parts).strip()


def _latin(ch: str) -> bool:
    return (ch.isascii() and ch.isalnum()) or full_width_latin(ch)


def join_lines(texts: Iterable[str]) -> str:
    """Join the lines of wrapped text: a space only between two Latin letters or digits
    (ASCII or full-width)."""
    parts: list[str] = []
    last = ""
    for text in texts:
        if not text:
            continue
        if last and _latin(last) and _latin(text[0]):
            parts.append(" ")
        parts.append(text)
        last = text[-1]
    return "".join(parts)


def _glyph_box(glyphs: Iterable[Glyph]) -> Box:
    x0 = y0 = float("inf")
    x1 = y1 = float("-inf")
    for g in glyphs:
        if g.x0 < x0:
            x0 = g.x0
        if g.y0 < y0:
            y0 = g.y0
        if g.x1 > x1:
            x1 = g.x1
        if g.y1 > y1:
            y1 = g.y1
    return (x0, y0, x1, y1)


def _median_size(glyphs: Sequence[Glyph]) -> float:
    sizes = sorted(g.size for g in glyphs if not g.text.isspace())
    return sizes[len(sizes) // 2] if sizes else 0.0


def text_rows(glyphs: Sequence[Glyph], page: int) -> list[TextRow]:
    """Free glyphs to visual lines; a line is cut into segments at gaps wider than ~1.5 em."""
    rows: list[TextRow] = []
    for line in split_lines(glyphs):
        ink = [g for g in line if not g.text.isspace()]
        if not ink:
            continue
        size = _median_size(ink)
        pieces: list[list[Glyph]] = [[ink[0]]]
        for prev, g in itertools.pairwise(ink):
            if g.x0 - prev.x1 > _WIDE * max(size, 1.0):
                pieces.append([])
            pieces[-1].append(g)
        # Put the explicit spaces back so line_text sees them (the line is sorted by x0).
        starts = [g.x0 for g in line]
        segments = []
        for piece in pieces:
            lo, hi = piece[0].x0, piece[-1].x1
            members = line[bisect.bisect_left(starts, lo) : bisect.bisect_right(starts, hi)]
            text = line_text(members)
            segments.append(Segment(text=text, box=_glyph_box(piece), size=_median_size(piece)))
        rows.append(
            TextRow(
                segments=tuple(segments), box=_glyph_box(ink), size=size, page=page, ink=tuple(ink)
            )
        )
    return rows


# --- rules --------------------------------------------------------------------------------


def _merge_edges(edges: Iterable[Edge], horizontal: bool) -> list[Edge]:
    """Snap rules at nearly the same position together and join collinear pieces."""
    chosen = sorted((e for e in edges if e.horizontal is horizontal), key=lambda e: e.pos)
    merged: list[Edge] = []
    group: list[Edge] = []

    def flush() -> None:
        if not group:
            return
        weight = sum(e.hi - e.lo for e in group) or 1.0
        pos = sum(e.pos * (e.hi - e.lo) for e in group) / weight
        spans = sorted((e.lo, e.hi) for e in group)
        lo, hi = spans[0]
        for a, b in spans[1:]:
            if a <= hi + _JOIN:
                hi = max(hi, b)
            else:
                merged.append(Edge(horizontal, pos, lo, hi))
                lo, hi = a, b
        merged.append(Edge(horizontal, pos, lo, hi))

    for e in chosen:
        if group and e.pos - group[-1].pos > _SNAP:
            flush()
            group = []
        group.append(e)
    flush()
    return merged


def _meets(h: Edge, v: Edge) -> bool:
    return h.lo - _TOUCH <= v.pos <= h.hi + _TOUCH and v.lo - _TOUCH <= h.pos <= v.hi + _TOUCH


def _snap_positions(values: Iterable[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _SNAP:
            out.append(v)
    return out


class _ByPos:
    """Rules sorted by position, to find those near a position without scanning them all."""

    def __init__(self, edges: Sequence[Edge]) -> None:
        self.edges = sorted(edges, key=lambda e: e.pos)
        self.positions = [e.pos for e in self.edges]

    def near(self, lo: float, hi: float) -> list[Edge]:
        """The rules whose position is within ``lo..hi``."""
        positions = self.positions
        return self.edges[bisect.bisect_left(positions, lo) : bisect.bisect_right(positions, hi)]

    def covered(self, pos: float, at: float) -> bool:
        """Whether some rule at ``pos`` passes through coordinate ``at`` along its length."""
        return any(
            e.lo - _TOUCH <= at <= e.hi + _TOUCH for e in self.near(pos - _SNAP, pos + _SNAP)
        )


#: More merged rules of one direction on a page than this, or more elementary cells in one
#: frame, and the rules are not read as tables (the text is still read): no real report page
#: comes near, and a hostile page of crossing rules would cost their product.
_MAX_RULES = 5_000
_MAX_CELLS = 100_000


def find_tables(edges: Sequence[Edge]) -> list[TableFrame]:
    """Ruled tables of a page: connected frames of rules cut into cells, spans merged."""
    hs = _merge_edges(edges, True)
    vs = _merge_edges(edges, False)
    if not hs or not vs or len(hs) > _MAX_RULES or len(vs) > _MAX_RULES:
        return []
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    vertical = _ByPos(vs)
    number = {id(v): j for j, v in enumerate(vs)}
    for i, h in enumerate(hs):
        for v in vertical.near(h.lo - _TOUCH, h.hi + _TOUCH):
            if _meets(h, v):
                a, b = find(i), find(len(hs) + number[id(v)])
                if a != b:
                    parent[a] = b
    groups: dict[int, tuple[list[Edge], list[Edge]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    frames = []
    for ghs, gvs in groups.values():
        if not ghs or not gvs:
            continue
        frame = _frame(ghs, gvs)
        if frame is not None:
            frames.append(frame)
    frames.sort(key=lambda f: -f.ys[0])
    return frames


def _frame(hs: list[Edge], vs: list[Edge]) -> TableFrame | None:
    xs = _snap_positions([v.pos for v in vs] + [min(h.lo for h in hs), max(h.hi for h in hs)])
    ys_up = _snap_positions([h.pos for h in hs] + [min(v.lo for v in vs), max(v.hi for v in vs)])
    if len(xs) < 2 or len(ys_up) < 2:
        return None
    ys = ys_up[::-1]
    nrows, ncols = len(ys) - 1, len(xs) - 1
    if nrows * ncols > _MAX_CELLS:
        return None
    horizontal, vertical = _ByPos(hs), _ByPos(vs)
    parent = list(range(nrows * ncols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(nrows):
        ymid = (ys[r] + ys[r + 1]) / 2
        for c in range(ncols):
            xmid = (xs[c] + xs[c + 1]) / 2
            here = r * ncols + c
            if c + 1 < ncols and not vertical.covered(xs[c + 1], ymid):
                parent[find(here)] = find(here + 1)
            if r + 1 < nrows and not horizontal.covered(ys[r + 1], xmid):
                parent[find(here)] = find(here + ncols)
    bounds: dict[int, list[int]] = {}
    for r in range(nrows):
        for c in range(ncols):
            root = find(r * ncols + c)
            b = bounds.get(root)
            if b is None:
                bounds[root] = [r, r + 1, c, c + 1]
            else:
                b[0], b[1] = min(b[0], r), max(b[1], r + 1)
                b[2], b[3] = min(b[2], c), max(b[3], c + 1)
    regions = sorted((tuple(b) for b in bounds.values()), key=lambda b: (b[0], b[2]))
    owner = [[0] * ncols for _ in range(nrows)]
    for index, (r0, r1, c0, c1) in enumerate(regions):
        for r in range(r0, r1):
            for c in range(c0, c1):
                owner[r][c] = index
    return TableFrame(
        xs=tuple(xs),
        ys=tuple(ys),
        regions=tuple((b[0], b[1], b[2], b[3]) for b in regions),
        owner=tuple(tuple(row) for row in owner),
    )


def fill_grid(frame: TableFrame, glyphs: Sequence[Glyph], page: int) -> Grid:
    """Put the text of ``glyphs`` (those inside the frame) into the frame's cells."""
    members: list[list[Glyph]] = [[] for _ in frame.regions]
    for g in glyphs:
        index = frame.region_at((g.x0 + g.x1) / 2, (g.y0 + g.y1) / 2)
        if index is not None:
            members[index].append(g)
    xs, ys = frame.xs, frame.ys
    cells = []
    for (r0, r1, c0, c1), inside in zip(frame.regions, members, strict=True):
        text = join_lines(line_text(line) for line in split_lines(inside)) if inside else ""
        cells.append(
            GridCell(
                row=r0,
                row_span=r1 - r0,
                x0=xs[c0],
                x1=xs[c1],
                text=text,
                box=(xs[c0], ys[r1], xs[c1], ys[r0]),
                page=page,
            )
        )
    lone = len(cells) == 1
    return Grid(
        cells=tuple(cells),
        nrows=1 if lone else len(ys) - 1,
        xs=(xs[0], xs[-1]) if lone else xs,
        first_page=page,
        last_page=page,
        box=frame.box,
        last_box=frame.box,
        # A box around text is a table only if the table goes on below it (on the next page).
        rows=tuple(text_rows(glyphs, page)) if lone else (),
    )

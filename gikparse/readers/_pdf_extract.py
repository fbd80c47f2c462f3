"""The pdfminer.six door: pages of a PDF to glyphs and ruling edges.

This is the only module importing pdfminer; ``gikparse.readers.pdf`` imports it lazily. The
device is a lean version of pdfminer's ``PDFPageAggregator``: it computes each glyph's box exactly
like ``LTChar`` does but records a tuple instead of building layout objects, and keeps only the
axis-parallel segments of painted paths (lines, rectangles, curve edges), since those are what
table rules are made of.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterator, Sequence
from typing import Any

from pdfminer.pdfdevice import PDFTextDevice
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdffont import PDFFont, PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFGraphicState, PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFStream
from pdfminer.utils import Matrix, PathSegment, apply_matrix_pt

from gikparse.readers._pdf_types import Edge, Glyph, RawPage

__all__ = ["UNDEFINED", "open_document", "read_pages"]

UNDEFINED = "\ufffd"  #: stands in for a glyph that maps to no character
_THIN = 2.5  #: a filled or stroked rectangle thinner than this is a rule, not a box
_STRAIGHT = 0.5  #: how far a segment may lean and still count as axis-parallel
_MIN_EDGE = 2.0  #: shorter segments are marks or dots, not rules


class _Device(PDFTextDevice):
    """Collects glyphs and ruling edges of one page at a time."""

    def __init__(self, rsrcmgr: PDFResourceManager) -> None:
        super().__init__(rsrcmgr)
        self.glyphs: list[Glyph] = []
        self.edges: list[Edge] = []
        self.images = 0
        self.undefined = 0
        self.width = 0.0
        self.height = 0.0

    def begin_page(self, page: PDFPage, ctm: Matrix) -> None:
        self.glyphs = []
        self.edges = []
        self.images = 0
        self.undefined = 0
        x0, y0, x1, y1 = page.mediabox
        corners = [apply_matrix_pt(ctm, (x, y)) for x in (x0, x1) for y in (y0, y1)]
        self.width = max(p[0] for p in corners) - min(p[0] for p in corners)
        self.height = max(p[1] for p in corners) - min(p[1] for p in corners)

    def render_image(self, name: str, stream: PDFStream) -> None:
        self.images += 1

    def paint_path(
        self,
        gstate: PDFGraphicState,
        stroke: bool,
        fill: bool,
        evenodd: bool,
        path: Sequence[PathSegment],
    ) -> None:
        if not (stroke or fill) or self.ctm is None:
            return
        ctm = self.ctm
        subpath: list[tuple[float, float]] = []
        closed = False
        for seg in path:
            op = seg[0]
            if op == "m":
                self._add_subpath(subpath, closed)
                subpath = [apply_matrix_pt(ctm, (float(seg[1]), float(seg[2])))]  # type: ignore[misc]
                closed = False
            elif op in ("l", "c", "v", "y") and subpath:
                # Curves count by their end points only: a rounded corner still closes a cell.
                x, y = float(seg[-2]), float(seg[-1])  # type: ignore[misc]
                point = apply_matrix_pt(ctm, (x, y))
                subpath.append(point if op == "l" else (float("nan"), float("nan")))
                if op != "l":
                    subpath.append(point)
            elif op == "h":
                closed = True
        self._add_subpath(subpath, closed)

    def _add_subpath(self, points: list[tuple[float, float]], closed: bool) -> None:
        if len(points) < 2:
            return
        if closed and points[0] != points[-1]:
            points = [*points, points[0]]
        xs = [p[0] for p in points if p[0] == p[0]]
        ys = [p[1] for p in points if p[1] == p[1]]
        if len(points) in (4, 5) and closed and xs and ys:
            # A rectangle thin enough to be a rule is one edge along its middle.
            w = max(xs) - min(xs)
            h = max(ys) - min(ys)
            if h <= _THIN and w > _MIN_EDGE:
                self.edges.append(Edge(True, (max(ys) + min(ys)) / 2, min(xs), max(xs)))
                return
            if w <= _THIN and h > _MIN_EDGE:
                self.edges.append(Edge(False, (max(xs) + min(xs)) / 2, min(ys), max(ys)))
                return
            if w <= _THIN and h <= _THIN:
                return
        for (ax, ay), (bx, by) in itertools.pairwise(points):
            if ax != ax or bx != bx:  # NaN marks the chord of a curve
                continue
            if abs(ay - by) <= _STRAIGHT and abs(ax - bx) > _MIN_EDGE:
                self.edges.append(Edge(True, (ay + by) / 2, min(ax, bx), max(ax, bx)))
            elif abs(ax - bx) <= _STRAIGHT and abs(ay - by) > _MIN_EDGE:
                self.edges.append(Edge(False, (ax + bx) / 2, min(ay, by), max(ay, by)))

    def render_char(
        self,
        matrix: Matrix,
        font: PDFFont,
        fontsize: float,
        scaling: float,
        rise: float,
        cid: int,
        ncs: Any,
        graphicstate: PDFGraphicState,
    ) -> float:
        try:
            text = font.to_unichr(cid)
        except PDFUnicodeNotDefined:
            text = UNDEFINED
            self.undefined += 1
        adv: float = font.char_width(cid) * fontsize * scaling
        # The same box as pdfminer's LTChar, without building one.
        if font.is_vertical():
            disp = font.char_disp(cid)
            vx, vy = disp if isinstance(disp, tuple) else (None, 0.0)
            vx = fontsize * 0.5 if vx is None else vx * fontsize * 0.001
            vy = (1000 - vy) * fontsize * 0.001
            bx0, by0, bx1, by1 = -vx, vy + rise + adv, -vx + fontsize, vy + rise
        else:
            descent = font.get_descent() * fontsize
            bx0, by0, bx1, by1 = 0.0, descent + rise, adv, descent + rise + fontsize
        a, b, c, d, e, f = matrix
        if b == 0 and c == 0:
            x0, x1 = a * bx0 + e, a * bx1 + e
            y0, y1 = d * by0 + f, d * by1 + f
        else:
            pts = [apply_matrix_pt(matrix, (px, py)) for px in (bx0, bx1) for py in (by0, by1)]
            x0, x1 = min(p[0] for p in pts), max(p[0] for p in pts)
            y0, y1 = min(p[1] for p in pts), max(p[1] for p in pts)
        if x1 < x0:
            x0, x1 = x1, x0
        if y1 < y0:
            y0, y1 = y1, y0
        upright = a * d * scaling > 0 and b * c <= 0
        size = (x1 - x0) if font.is_vertical() else (y1 - y0)
        self.glyphs.append(Glyph(text, x0, y0, x1, y1, size, upright))
        return adv


def open_document(data: bytes, password: str) -> PDFDocument:
    """Parse the PDF's structure; raises pdfminer's exceptions, which the caller translates."""
    return PDFDocument(PDFParser(io.BytesIO(data)), password=password)


def read_pages(document: PDFDocument, pages: Sequence[int] | None) -> Iterator[RawPage]:
    """Interpret the wanted pages (1-based numbers; all when ``None``) one at a time."""
    rsrcmgr = PDFResourceManager(caching=True)
    device = _Device(rsrcmgr)
    interpreter = PDFPageInterpreter(rsrcmgr, device)
    wanted = None if pages is None else set(pages)
    for number, page in enumerate(PDFPage.create_pages(document), start=1):
        if wanted is not None and number not in wanted:
            continue
        interpreter.process_page(page)
        yield RawPage(
            number=number,
            width=device.width,
            height=device.height,
            glyphs=tuple(device.glyphs),
            edges=tuple(device.edges),
            images=device.images,
            undefined=device.undefined,
        )

"""The pdfminer.six door: pages of a PDF to glyphs and ruling edges.

This is the only module importing pdfminer; ``gikparse.readers.pdf`` imports it lazily. The
device is a lean version of pdfminer's ``PDFPageAggregator``: it computes each glyph's box exactly
like ``LTChar`` does but records a tuple instead of building layout objects, and keeps only the
axis-parallel segments of painted paths (lines, rectangles, curve edges), since those are what
table rules are made of.

pdfminer has no work budget of its own, so this module guards it from our side, without patching
it: our document resolves chains of references itself and measures every stream before pdfminer
inflates it; our interpreter counts operators and form XObjects; our device counts glyphs. Each
raises :class:`~gikparse.limits.LimitExceeded` (see docs/limits.md).
"""

from __future__ import annotations

import contextlib
import io
import itertools
import math
import zlib
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from pdfminer.ascii85 import ascii85decode, asciihexdecode
from pdfminer.lzw import LZWDecoder
from pdfminer.pdfdevice import PDFTextDevice
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdffont import PDFFont, PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFGraphicState, PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import (
    LITERALS_ASCII85_DECODE,
    LITERALS_ASCIIHEX_DECODE,
    LITERALS_FLATE_DECODE,
    LITERALS_LZW_DECODE,
    LITERALS_RUNLENGTH_DECODE,
    PDFObjRef,
    PDFStream,
)
from pdfminer.psparser import LIT
from pdfminer.runlength import rldecode
from pdfminer.utils import Matrix, PathSegment, apply_matrix_pt

from gikparse.limits import DEFAULT_LIMITS, LimitExceeded, Limits
from gikparse.readers._pdf_types import Edge, Glyph, RawPage

__all__ = ["UNDEFINED", "open_document", "read_pages"]

UNDEFINED = "\ufffd"  #: stands in for a glyph that maps to no character
_THIN = 2.5  #: a filled or stroked rectangle thinner than this is a rule, not a box
_STRAIGHT = 0.5  #: how far a segment may lean and still count as axis-parallel
_MIN_EDGE = 2.0  #: shorter segments are marks or dots, not rules
#: Coordinates beyond this (points; PDF pages are at most 14,400 units wide) are nowhere on a
#: page: a glyph there comes from a ``Tm``, a width or a size pdfminer read as huge or infinite.
_FAR = 1e7
_CHUNK = 1 << 20  #: bytes inflated at a time when a stream is measured
_IMAGE = LIT("Image")


def _placeable(*values: float) -> bool:
    return all(math.isfinite(v) and -_FAR < v < _FAR for v in values)


class _Budget:
    """What the current page and document have used of the limits; shared by every part."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.decoded = 0  #: bytes inflated over the whole document
        self.operators = 0
        self.all_operators = 0
        self.glyphs = 0
        self.depth = 0
        self.invocations = 0
        self.page = 0
        #: the first limit passed: pdfminer swallows some exceptions, so it is raised again
        #: after the page
        self.exceeded: LimitExceeded | None = None

    def new_page(self, number: int) -> None:
        self.page = number
        self.operators = self.glyphs = self.depth = self.invocations = 0

    def fail(self, field: str, seen: object, what: str) -> LimitExceeded:
        error = self.limits.exceeded(field, seen, what)
        if self.exceeded is None:
            self.exceeded = error
        return error

    def raise_pending(self) -> None:
        if self.exceeded is not None:
            raise self.exceeded


class _Device(PDFTextDevice):
    """Collects glyphs and ruling edges of one page at a time."""

    def __init__(self, rsrcmgr: PDFResourceManager, budget: _Budget) -> None:
        super().__init__(rsrcmgr)
        self.budget = budget
        self.glyphs: list[Glyph] = []
        self.far = 0
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
        self.far = 0
        x0, y0, x1, y1 = page.mediabox
        corners = [apply_matrix_pt(ctm, (x, y)) for x in (x0, x1) for y in (y0, y1)]
        width = max(p[0] for p in corners) - min(p[0] for p in corners)
        height = max(p[1] for p in corners) - min(p[1] for p in corners)
        # A MediaBox of -1e400 (infinite to pdfminer) has no size: the page is taken as unsized.
        self.width = width if _placeable(width) else 0.0
        self.height = height if _placeable(height) else 0.0

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
            if not _placeable(w, h, *xs, *ys):
                return
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
            if not _placeable(ax, ay, bx, by):
                continue  # a rule at an infinite or absurd coordinate is on no page
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
        budget = self.budget
        budget.glyphs += 1
        if budget.glyphs > budget.limits.max_glyphs_per_page:
            raise budget.fail("max_glyphs_per_page", budget.glyphs, f"page {budget.page}: glyphs")
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
        if _placeable(x0, y0, x1, y1, size):
            self.glyphs.append(Glyph(text, x0, y0, x1, y1, size, upright))
        else:
            self.far += 1  # nan, inf or absurdly far: reported, never laid out
        return adv if math.isfinite(adv) else 0.0


class _Document(PDFDocument):
    """pdfminer's document, with reference chains and stream sizes checked as objects load.

    pdfminer follows ``6 0 R`` -> ``7 0 R`` -> ``6 0 R`` forever (``resolve1``) and inflates a
    stream whole (``zlib.decompress``); here a chain is followed to its end (or the limit) before
    pdfminer sees it, and a FlateDecode stream is measured in chunks before pdfminer inflates it.
    """

    def __init__(self, parser: PDFParser, password: str, budget: _Budget) -> None:
        self.budget = budget  # before pdfminer's __init__, which already loads objects
        #: streams measured, by id (the streams are kept, so that an id is never reused)
        self.measured: dict[int, PDFStream] = {}
        super().__init__(parser, password=password)

    def getobj(self, objid: int) -> object:
        budget = self.budget
        obj = super().getobj(objid)
        seen = 0
        while isinstance(obj, PDFObjRef):
            seen += 1
            if seen > budget.limits.max_reference_chain or obj.objid == objid:
                raise budget.fail(
                    "max_reference_chain",
                    seen if seen > budget.limits.max_reference_chain else "a loop",
                    f"references followed from object {objid}",
                )
            obj = super().getobj(obj.objid)
        if (
            isinstance(obj, PDFStream)
            and obj.data is None
            and obj.rawdata is not None
            and id(obj) not in self.measured
            # Images are never decoded here (the device only counts them): not measured.
            and obj.get("Subtype") is not _IMAGE
        ):
            self.measured[id(obj)] = obj  # a cached stream comes back here for every reference
            self._measure(obj)
        return obj

    def _measure(self, stream: PDFStream) -> None:
        budget = self.budget
        limits = budget.limits
        raw = stream.rawdata
        assert raw is not None
        filters = stream.get_filters()
        if filters and stream.decipher is not None and stream.objid is not None:
            assert stream.genno is not None
            raw = stream.decipher(stream.objid, stream.genno, raw, stream.attrs)
        size, damaged = _decoded_size(raw, [f for f, _ in filters], limits.max_stream_bytes)
        if size > limits.max_stream_bytes:
            raise budget.fail(
                "max_stream_bytes",
                f"more than {limits.max_stream_bytes} bytes",
                f"stream {stream.objid} inflates",
            )
        if damaged is not None and len(filters) == 1 and not filters[0][1]:
            # pdfminer re-reads a damaged Flate stream one byte at a time (quadratic): give it
            # the part that inflated, which is what it would keep.
            stream.data, stream.rawdata = damaged, None
        budget.decoded += size
        if budget.decoded > limits.max_decoded_bytes:
            raise budget.fail(
                "max_decoded_bytes", budget.decoded, "streams of the document inflate"
            )


def _decoded_size(data: bytes, filters: Sequence[object], cap: int) -> tuple[int, bytes | None]:
    """The size ``data`` decodes to through ``filters`` (past ``cap``: some size past it), and
    the inflated part of a damaged Flate stream. Filters that expand (Flate, LZW, RunLength)
    are measured a chunk at a time before anything is kept; a filter before the last is decoded
    (at most ``cap`` bytes) to measure the next, so ASCII85 around a bomb does not hide it.
    Image filters end the walk: pdfminer leaves their data as it is."""
    for index, f in enumerate(filters):
        last = index == len(filters) - 1
        if f in LITERALS_FLATE_DECODE:
            size, damaged = _inflated_size(data, cap)
            if last or size > cap:
                return size, damaged
            data = damaged if damaged is not None else b"".join(_inflate(data, cap))
        elif f in LITERALS_LZW_DECODE:
            chunks = []
            size = 0
            with contextlib.suppress(Exception):  # pdfminer stops at corrupt data too
                for chunk in LZWDecoder(io.BytesIO(data)).run():
                    size += len(chunk)
                    if size > cap:
                        return size, None
                    if not last:
                        chunks.append(chunk)
            if last:
                return size, None
            data = b"".join(chunks)
        elif f in LITERALS_RUNLENGTH_DECODE:
            size = _runlength_size(data)
            if last or size > cap:
                return size, None
            data = rldecode(data)
        elif f in LITERALS_ASCII85_DECODE:
            data = ascii85decode(data)
        elif f in LITERALS_ASCIIHEX_DECODE:
            data = asciihexdecode(data)
        else:
            break
    return len(data), None


def _runlength_size(data: bytes) -> int:
    """The size RunLengthDecode gives ``data`` (up to 128 times the input), without decoding."""
    size = at = 0
    end = len(data)
    while at < end:
        length = data[at]
        if length == 128:
            break
        if length < 128:
            size += length + 1
            at += length + 2
        else:
            size += 257 - length
            at += 2
    return size


def _inflated_size(data: bytes, cap: int) -> tuple[int, bytes | None]:
    """How many bytes ``data`` inflates to (stopping past ``cap``), and, when it is damaged,
    the bytes that inflate before the damage. Only a chunk is held at a time."""
    size = 0
    try:
        for chunk in _inflate(data, cap):
            size += len(chunk)
    except zlib.error:
        kept = []
        try:
            for chunk in _inflate(data, cap):
                kept.append(chunk)
        except zlib.error:
            pass
        return size, b"".join(kept)
    return size, None


def _inflate(data: bytes, cap: int) -> Iterator[bytes]:
    inflater = zlib.decompressobj()
    size = 0
    pending = data
    while pending and size <= cap:
        out = inflater.decompress(pending, _CHUNK)
        size += len(out)
        yield out
        pending = inflater.unconsumed_tail
        if inflater.eof or not out:
            break


def _counted(name: str) -> Callable[..., None]:
    """A ``do_*`` operator of pdfminer's interpreter that first counts itself.

    pdfminer pops as many operands as the method's ``__code__.co_argcount`` says, so the
    wrapper has exactly the arity of the method it wraps.
    """
    inner: Callable[..., None] = getattr(PDFPageInterpreter, name)
    arity = inner.__code__.co_argcount - 1
    if arity == 0:

        def op0(self: _Interpreter) -> None:
            self.tick()
            inner(self)

        return op0
    if arity == 1:

        def op1(self: _Interpreter, a: Any) -> None:
            self.tick()
            inner(self, a)

        return op1
    if arity == 2:

        def op2(self: _Interpreter, a: Any, b: Any) -> None:
            self.tick()
            inner(self, a, b)

        return op2
    if arity == 3:

        def op3(self: _Interpreter, a: Any, b: Any, c: Any) -> None:
            self.tick()
            inner(self, a, b, c)

        return op3
    if arity == 4:

        def op4(self: _Interpreter, a: Any, b: Any, c: Any, d: Any) -> None:
            self.tick()
            inner(self, a, b, c, d)

        return op4
    if arity == 6:

        def op6(self: _Interpreter, a: Any, b: Any, c: Any, d: Any, e: Any, f: Any) -> None:
            self.tick()
            inner(self, a, b, c, d, e, f)

        return op6
    return inner  # no such operator in pdfminer today; left uncounted rather than broken


class _Interpreter(PDFPageInterpreter):
    """pdfminer's interpreter with every operator counted and form XObjects bounded."""

    budget: _Budget

    def __init__(self, rsrcmgr: PDFResourceManager, device: _Device) -> None:
        super().__init__(rsrcmgr, device)
        self.budget = device.budget

    def tick(self) -> None:
        budget = self.budget
        budget.operators += 1
        if budget.operators > budget.limits.max_operators_per_page:
            raise budget.fail(
                "max_operators_per_page", budget.operators, f"page {budget.page}: operators"
            )
        budget.all_operators += 1
        if budget.all_operators > budget.limits.max_operators:
            raise budget.fail("max_operators", budget.all_operators, "operators of the PDF")

    def do_Do(self, xobjid_arg: Any) -> None:
        self.tick()
        budget = self.budget
        limits = budget.limits
        budget.invocations += 1
        if budget.invocations > limits.max_xobject_invocations:
            raise budget.fail(
                "max_xobject_invocations", budget.invocations, f"page {budget.page}: XObjects"
            )
        budget.depth += 1
        try:
            if budget.depth > limits.max_xobject_depth:
                raise budget.fail(
                    "max_xobject_depth", budget.depth, f"page {budget.page}: nested XObjects"
                )
            PDFPageInterpreter.do_Do(self, xobjid_arg)
        finally:
            budget.depth -= 1


for _name in dir(PDFPageInterpreter):
    if _name.startswith("do_") and _name != "do_Do":
        setattr(_Interpreter, _name, _counted(_name))


def open_document(data: bytes, password: str, limits: Limits = DEFAULT_LIMITS) -> _Document:
    """Parse the PDF's structure; raises pdfminer's exceptions, which the caller translates."""
    document = _Document(PDFParser(io.BytesIO(data)), password, _Budget(limits))
    document.budget.raise_pending()
    return document


def read_pages(
    document: _Document, pages: Sequence[int] | None, limits: Limits = DEFAULT_LIMITS
) -> Iterator[RawPage]:
    """Interpret the wanted pages (1-based numbers; all when ``None``) one at a time."""
    budget = document.budget
    rsrcmgr = PDFResourceManager(caching=True)
    device = _Device(rsrcmgr, budget)
    interpreter = _Interpreter(rsrcmgr, device)
    wanted = None if pages is None else set(pages)
    last = None if wanted is None else max(wanted, default=0)
    read = 0
    for number, page in enumerate(PDFPage.create_pages(document), start=1):
        if last is not None and number > last:
            break
        if wanted is not None and number not in wanted:
            continue
        read += 1
        if read > limits.max_pages:
            raise budget.fail("max_pages", f"more than {limits.max_pages}", "pages to read")
        budget.new_page(number)
        interpreter.process_page(page)
        budget.raise_pending()
        yield RawPage(
            number=number,
            width=device.width,
            height=device.height,
            glyphs=tuple(device.glyphs),
            edges=tuple(device.edges),
            images=device.images,
            undefined=device.undefined,
            far=device.far,
        )

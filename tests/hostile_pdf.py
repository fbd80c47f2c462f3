"""Hostile PDFs written byte by byte: each family of issue 9 in a few lines of PDF syntax.

Test- and fuzz-only. :func:`pdf` numbers the objects from 1 and writes a correct xref table;
:func:`page_pdf` makes a one-page file whose font 5 is Helvetica (no file needed) and whose
content stream (object 4) is given; the families below build on them.
"""

from __future__ import annotations

import base64
import zlib
from collections.abc import Sequence

__all__ = [
    "FAMILIES",
    "deep_xobjects",
    "flate_bomb",
    "glyph_grid",
    "huge_coordinates",
    "long_string",
    "many_operators",
    "many_pages",
    "page_pdf",
    "pdf",
    "reference_loop",
    "wrapped_bomb",
]

_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def pdf(objects: Sequence[bytes]) -> bytes:
    """A PDF of ``objects`` (object 1 is the catalog) with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def stream(content: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(content), extra) + content + b"\nendstream"


def page_pdf(
    content: bytes,
    *,
    extra: Sequence[bytes] = (),
    resources: bytes = b"/Font << /F1 5 0 R >>",
    mediabox: bytes = b"[0 0 600 800]",
    contents: bytes = b"4 0 R",
    stream_extra: bytes = b"",
) -> bytes:
    """One page: catalog 1, pages 2, page 3, content stream 4, Helvetica 5, then ``extra``."""
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Resources << %s >> /Contents %s >>"
            % (mediabox, resources, contents),
            stream(content, stream_extra),
            _FONT,
            *extra,
        ]
    )


_TEXT = b"BT /F1 12 Tf 72 700 Td (2021 report) Tj ET"


def huge_coordinates(kind: str = "tm") -> bytes:
    """Glyphs pdfminer places at nan or infinity: a ``Tm``, a font size or a width written with
    400 digits, or a MediaBox origin of -1e400."""
    big = b"9" * 400 + b".5"  # a real: pdfminer reads it as infinity
    if kind == "tm":
        return page_pdf(b"BT /F1 12 Tf 1 0 0 1 %s 700 Tm (abc) Tj ET " % big + _TEXT)
    if kind == "size":
        return page_pdf(b"BT /F1 %s Tf 72 700 Td (abc) Tj ET " % big + _TEXT)
    if kind == "nan":  # infinity times zero
        return page_pdf(b"BT /F1 12 Tf 0 0 0 0 %s %s Tm (abc) Tj ET " % (big, big) + _TEXT)
    if kind == "widths":
        font = (
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 97 /LastChar 99 "
            b"/Widths [%s %s %s] >>" % (big, big, big)
        )
        return page_pdf(
            b"BT /F2 12 Tf 72 600 Td (abcabc) Tj ET " + _TEXT,
            extra=[font],
            resources=b"/Font << /F1 5 0 R /F2 6 0 R >>",
        )
    if kind == "mediabox":
        return page_pdf(_TEXT, mediabox=b"[-1%s.0 -1%s.0 600 800]" % (b"0" * 400, b"0" * 400))
    raise ValueError(kind)


def reference_loop() -> bytes:
    """``/Contents 6 0 R`` where 6 is ``7 0 R`` and 7 is ``6 0 R`` (pdfminer loops forever)."""
    return page_pdf(_TEXT, contents=b"6 0 R", extra=[b"7 0 R", b"6 0 R"])


def deep_xobjects(depth: int = 9, fanout: int = 10) -> bytes:
    """Form XObjects ``depth`` levels deep, each drawing the next ``fanout`` times
    (``fanout ** depth`` leaves in a few KB)."""
    first = 6
    forms = []
    for level in range(depth):
        number = first + level
        if level + 1 < depth:
            body = b"/X%d Do " % (number + 1) * fanout
            resources = b"/XObject << /X%d %d 0 R >>" % (number + 1, number + 1)
        else:
            body, resources = _TEXT, b"/Font << /F1 5 0 R >>"
        forms.append(
            stream(
                body,
                b"/Type /XObject /Subtype /Form /BBox [0 0 600 800] /Resources << %s >> "
                % resources,
            )
        )
    return page_pdf(
        b"/X%d Do" % first,
        extra=forms,
        resources=b"/Font << /F1 5 0 R >> /XObject << /X%d %d 0 R >>" % (first, first),
    )


def flate_bomb(inflated: int = 256 * 1024 * 1024, chunk: bytes = b"0 w ") -> bytes:
    """A content stream that inflates to ``inflated`` bytes of operators (a few hundred KB)."""
    return page_pdf(_deflated(inflated, chunk), stream_extra=b"/Filter /FlateDecode ")


def _deflated(inflated: int, chunk: bytes) -> bytes:
    """``chunk`` repeated to ``inflated`` bytes, deflated a MiB at a time."""
    deflater = zlib.compressobj(9)
    block = chunk * (min(inflated, 1 << 20) // len(chunk))
    parts = [deflater.compress(block) for _ in range(max(inflated // len(block), 1))]
    parts.append(deflater.flush())
    return b"".join(parts)


def wrapped_bomb(inflated: int = 256 * 1024 * 1024, wrapper: str = "ascii85") -> bytes:
    """A bomb that is not FlateDecode first: ASCII85 around Flate, RunLength, or LZW."""
    if wrapper == "ascii85":
        data = base64.a85encode(_deflated(inflated, b"0 w ")) + b"~>"
        return page_pdf(data, stream_extra=b"/Filter [/ASCII85Decode /FlateDecode] ")
    if wrapper == "runlength":  # 2 bytes give 128
        data = bytes([129, 0x20]) * (inflated // 128) + bytes([128])
        return page_pdf(data, stream_extra=b"/Filter /RunLengthDecode ")
    if wrapper == "lzw":
        return page_pdf(_lzw_run(inflated), stream_extra=b"/Filter /LZWDecode ")
    raise ValueError(wrapper)


def _lzw_run(total: int) -> bytes:
    """LZW codes (as PDF packs them) for a run of ``total`` spaces: after each clear code, a
    space, then codes 258, 259, ... each one byte longer than the last (about 1,400-fold)."""
    codes: list[int] = []
    produced = 0
    while produced < total:
        codes += [256, 0x20]
        produced += 1
        code, length = 258, 2
        while code < 4000 and produced < total:
            codes.append(code)
            produced += length
            code, length = code + 1, length + 1
    codes.append(257)
    out = bytearray()
    buffer = nbits = 0
    width, table, first = 9, 258, True
    for code in codes:  # the code widths a decoder reads, as pdfminer's LZWDecoder tracks them
        buffer = (buffer << width) | code
        nbits += width
        while nbits >= 8:
            nbits -= 8
            out.append((buffer >> nbits) & 0xFF)
        buffer &= (1 << nbits) - 1
        if code == 256:
            width, table, first = 9, 258, True
        elif code != 257 and first:
            first = False
        elif code != 257:
            table += 1
            width = {511: 10, 1023: 11, 2047: 12}.get(table, width)
    if nbits:
        out.append((buffer << (8 - nbits)) & 0xFF)
    return bytes(out)


def many_operators(count: int) -> bytes:
    """One page of ``count`` cheap operators (line widths), uncompressed."""
    return page_pdf(b"1 w\n" * count + _TEXT)


def long_string(length: int, char: bytes = b"A") -> bytes:
    """One ``Tj`` of ``length`` characters at one spot (pdfminer lays each out)."""
    return page_pdf(b"BT /F1 1 Tf 0 Tc 0 Tw 5 700 Td 0 Tz (%s) Tj ET " % (char * length) + _TEXT)


def glyph_grid(count: int, size: float = 1.0, chars: bytes = b"0123456789") -> bytes:
    """One page of ``count`` glyphs on a square grid, each placed by its own ``Tm`` (a dense
    table without rules, as the unruled-table reader sees it)."""
    side = max(1, int(count**0.5))
    step = size * 1.2
    ops = [b"BT /F1 %g Tf" % size]
    for i in range(count):
        row, col = divmod(i, side)
        ops.append(
            b"1 0 0 1 %.2f %.2f Tm (%s) Tj"
            % (5 + col * step, 790 - row * step, chars[i % len(chars) : i % len(chars) + 1])
        )
    ops.append(b"ET")
    side_pts = b"%d" % int(10 + side * step)
    return page_pdf(
        b"\n".join(ops),
        mediabox=b"[0 0 %s %s]" % (side_pts, side_pts if side * step > 800 else b"800"),
    )


def many_pages(count: int, content: bytes = _TEXT) -> bytes:
    """``count`` pages sharing one content stream."""
    kids = b" ".join(b"%d 0 R" % (6 + i) for i in range(count))
    pages = [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
    ] * count
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
            b"<< >>",
            stream(content),
            _FONT,
            *pages,
        ]
    )


#: name -> a small hostile PDF of that family (for the fuzz harness and the tests)
FAMILIES = {
    "tm-400-digits": lambda: huge_coordinates("tm"),
    "size-400-digits": lambda: huge_coordinates("size"),
    "nan-matrix": lambda: huge_coordinates("nan"),
    "widths-400-digits": lambda: huge_coordinates("widths"),
    "mediabox-1e400": lambda: huge_coordinates("mediabox"),
    "reference-loop": reference_loop,
    "deep-xobjects": deep_xobjects,
    "flate-bomb": flate_bomb,
    "ascii85-flate-bomb": wrapped_bomb,
    "runlength-bomb": lambda: wrapped_bomb(wrapper="runlength"),
    "lzw-bomb": lambda: wrapped_bomb(wrapper="lzw"),
    "many-operators": lambda: many_operators(3_000_000),
    "long-string": lambda: long_string(2_000_000),
    "many-pages": lambda: many_pages(3000),
    "glyph-grid": lambda: glyph_grid(40_000),
}

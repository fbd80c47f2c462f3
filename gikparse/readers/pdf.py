"""PDF to a Document: table rows rebuilt from the page itself, prose joined into paragraphs.

pdfminer.six is imported lazily (inside :func:`read_pdf`), so ``import gikparse`` stays fast and
text-only users never load it. Pages are read at glyph level; tables come from the ruling lines
and rectangles on the page (merged cells included), or, where a table has no rules, from text
aligned in columns. See docs/pdf.md.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import attrs

from gikparse.errors import Diagnostic, Severity, SourceError
from gikparse.limits import DEFAULT_LIMITS, LimitExceeded, Limits
from gikparse.readers._pdf_assemble import (
    Block,
    Paragraph,
    assemble,
    layout_page,
    running_title,
)
from gikparse.readers._pdf_layout import Grid, GridCell
from gikparse.readers._pdf_types import Box, RawPage
from gikparse.readers.document import Document, Line, LineKind, TextCell

__all__ = ["read_pdf"]

_UNDEFINED_SHARE = 0.05  #: more glyphs than this without a character: the text is unusable


def read_pdf(
    data: bytes,
    *,
    pages: Sequence[int] | None = None,
    password: str = "",
    limits: Limits = DEFAULT_LIMITS,
) -> Document:
    """Read a PDF into a :class:`Document` (``kind="pdf"``).

    ``pages`` selects 1-based page numbers (all by default); ``password`` opens an encrypted
    file; ``limits`` is the work budget (see docs/limits.md). Raises
    :class:`~gikparse.errors.SourceError` for anything that is not a readable PDF with a text
    layer: not a PDF, truncated or corrupt, encrypted, scanned (no text: run OCR first), fonts
    without a character mapping (``(cid:N)`` glyphs), or past a limit
    (:class:`~gikparse.LimitExceeded`).
    """
    raw = _extract(data, pages, password, limits)
    noticed = _check_text(raw)
    try:
        layouts = [layout_page(p) for p in raw]
        document = _document(assemble(layouts))
    except MemoryError:
        raise _memory_error() from None
    title = running_title(layouts)
    if title is not None:
        # Evidence only: the parser takes facts from it that the body does not state.
        document = attrs.evolve(document, meta={"title": title})
    return attrs.evolve(document, diagnostics=noticed) if noticed else document


def _memory_error() -> SourceError:
    return SourceError(
        "读取 PDF 时内存不足（ran out of memory reading the PDF; lower the limits, e.g. "
        "limits=gikparse.Limits(max_decoded_bytes=...), or give the process more memory）"
    )


def _read_error(exc: BaseException, doing: str) -> SourceError:
    """A SourceError that says what went wrong inside pdfminer: a damaged file (pdfminer's own
    errors, zlib's), pdfminer failing on a file it should have refused (a Python error from
    inside it), too deep nesting, or memory."""
    if isinstance(exc, MemoryError):
        return _memory_error()
    name = type(exc).__name__
    module = type(exc).__module__ or ""
    if isinstance(exc, RecursionError):
        return SourceError(
            f"PDF 对象嵌套过深，无法{doing}（the PDF nests objects too deeply to read: "
            f"RecursionError）"
        )
    if module.startswith("pdfminer") or name in ("error", "PSEOF") or module == "zlib":
        return SourceError(
            f"PDF 文件已损坏或不完整，无法{doing}（the PDF is corrupt or truncated: {name}: {exc}）"
        )
    return SourceError(
        f"PDF 文件格式异常，pdfminer 无法{doing}（pdfminer internal error on a malformed PDF: "
        f"{name}: {exc}）"
    )


def _extract(
    data: bytes, pages: Sequence[int] | None, password: str, limits: Limits
) -> list[RawPage]:
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise SourceError(f"read_pdf needs the bytes of a PDF file, not {type(data).__name__}")
    data = bytes(data)
    if len(data) > limits.max_source_bytes:
        raise limits.exceeded("max_source_bytes", len(data), "the PDF's bytes")
    if not data.strip():
        raise SourceError("空文件：不是 PDF（the input is empty, not a PDF）")
    if b"%PDF-" not in data[:1024]:
        raise SourceError("不是 PDF 文件（no %PDF- header: the input is not a PDF file）")
    if pages is not None and any(not isinstance(p, int) or p < 1 for p in pages):
        raise SourceError(f"页码从 1 开始（page numbers are 1-based, got {list(pages)!r}）")
    # Heavy import on purpose here, not at module level.
    from gikparse.readers import _pdf_extract

    try:
        document = _pdf_extract.open_document(data, password, limits)
    except LimitExceeded:
        raise
    except (Exception, MemoryError, RecursionError) as exc:
        raise _open_error(exc) from exc
    try:
        raw = list(_pdf_extract.read_pages(document, pages, limits))
    except LimitExceeded:
        raise
    except MemoryError:
        raise _memory_error() from None
    except Exception as exc:
        raise _read_error(exc, "读取页面内容") from exc
    if not raw:
        wanted = "" if pages is None else f" among pages {list(pages)!r}"
        raise SourceError(f"PDF 中没有可读取的页面（no readable page{wanted}; truncated file?）")
    return raw


def _open_error(exc: BaseException) -> SourceError:
    name = type(exc).__name__
    if name == "PDFPasswordIncorrect":
        return SourceError(
            "PDF 已加密，密码不正确或未提供；请用 password= 提供打开密码"
            "（the PDF is encrypted: pass its password with password=...）"
        )
    if name in ("PDFEncryptionError", "PDFEncryptionWarning", "PDFEncryptionNotSupported"):
        return SourceError(f"PDF 使用了不支持的加密方式（unsupported PDF encryption: {exc}）")
    return _read_error(exc, "打开")


def _check_text(pages: Sequence[RawPage]) -> tuple[Diagnostic, ...]:
    """Raise for text that cannot be used; report a few unmapped glyphs."""
    glyphs = sum(1 for p in pages for g in p.glyphs if not g.text.isspace())
    undefined = sum(p.undefined for p in pages)
    if glyphs == 0:
        if any(p.far for p in pages):
            raise SourceError(
                "PDF 的文字坐标无效（无穷大或远在页面之外），无法排版"
                "（the PDF places its text at infinite or absurd coordinates: a broken MediaBox "
                "or text matrix）"
            )
        if any(p.images for p in pages):
            raise SourceError(
                "PDF 没有文字层（扫描件），请先进行 OCR 文字识别"
                "（the PDF has no text layer, only images: it is a scan and needs OCR first）"
            )
        raise SourceError("PDF 中没有文字（the PDF contains no text）")
    if undefined > _UNDEFINED_SHARE * glyphs:
        raise SourceError(
            f"PDF 字体缺少字符映射，{undefined} 个字形无法转换为文字（(cid:N)）；"
            "请用其他方式导出或先 OCR"
            f"（{undefined} of {glyphs} glyphs map to no character, (cid:N): the fonts lack a "
            "ToUnicode map; export the PDF again with embedded Unicode fonts, or OCR it）"
        )
    found = []
    far = sum(p.far for p in pages)
    if far:
        at = [p.number for p in pages if p.far]
        found.append(
            Diagnostic(
                code="P402",
                severity=Severity.WARNING,
                message=f"第{'、'.join(map(str, at))}页有 {far} 个字形的坐标无效"
                "（无穷大或远在页面之外），已舍去",
                message_en=f"{far} glyph(s) on page(s) {', '.join(map(str, at))} sit at "
                "coordinates that are infinite or far off the page and were dropped",
            )
        )
    if not undefined:
        return tuple(found)
    where = [p.number for p in pages if p.undefined]
    return (
        *found,
        Diagnostic(
            code="P401",
            severity=Severity.WARNING,
            message=f"第{'、'.join(map(str, where))}页有 {undefined} 个字形缺少字符映射，"
            "已读作“\ufffd”；其所在单元格可能无法识别",
            message_en=f"{undefined} glyph(s) on page(s) {', '.join(map(str, where))} map to "
            "no character ((cid:N)) and were read as U+FFFD; cells holding them may be "
            "unreadable",
        ),
    )


# --- Document ----------------------------------------------------------------------------


class _Writer:
    """Lays out Document.text line by line and records each cell's span."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.lines: list[Line] = []

    def line(
        self,
        cells: Sequence[tuple[str, int, int, int, Box]],
        kind: LineKind,
        table: int | None,
    ) -> None:
        if self.lines:
            self.parts.append("\n")
            self.pos += 1
        start = self.pos
        out: list[TextCell] = []
        for i, (text, row_span, col_span, page, box) in enumerate(cells):
            if i:
                self.parts.append("\t")
                self.pos += 1
            self.parts.append(text)
            out.append(
                TextCell(text, self.pos, self.pos + len(text), row_span, col_span, page, box)
            )
            self.pos += len(text)
        first_page = cells[0][3] if cells else None
        self.lines.append(Line(tuple(out), start, self.pos, kind, table=table, page=first_page))

    def document(self) -> Document:
        return Document("".join(self.parts), tuple(self.lines), kind="pdf")


def _column(xs: Sequence[float], x: float) -> int:
    """Index of the column boundary nearest ``x`` (the first on a tie); ``xs`` is ascending,
    so only the two boundaries around ``x`` are candidates."""
    at = bisect.bisect_left(xs, x)
    near = [i for i in (at - 1, at) if 0 <= i < len(xs)]
    return min(near, key=lambda i: abs(xs[i] - x))


def _grid_lines(writer: _Writer, grid: Grid, table: int) -> None:
    rows: dict[int, list[GridCell]] = {}
    for cell in grid.cells:
        rows.setdefault(cell.row, []).append(cell)
    for row in sorted(rows):
        cells = []
        for c in sorted(rows[row], key=lambda c: c.x0):
            col0, col1 = _column(grid.xs, c.x0), _column(grid.xs, c.x1)
            cells.append((c.text, c.row_span, max(col1 - col0, 1), c.page, c.box))
        writer.line(cells, LineKind.ROW, table)


def _document(blocks: Sequence[Block]) -> Document:
    writer = _Writer()
    tables = 0
    for block in blocks:
        if isinstance(block, Grid):
            _grid_lines(writer, block, tables)
            tables += 1
        elif isinstance(block, Paragraph):
            if block.is_aligned:
                row = block.rows[0]
                cells = [(s.text, 1, 1, row.page, s.box) for s in row.segments]
                writer.line(cells, LineKind.ROW, None)
            else:
                writer.line([(block.text, 1, 1, block.page, block.box)], LineKind.TEXT, None)
    return writer.document()

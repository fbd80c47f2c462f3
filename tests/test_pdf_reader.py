"""The PDF reader at Document level: seed PDFs, small drawn PDFs, failures, layout functions."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from gikparse.errors import SourceError
from gikparse.readers._pdf_aligned import column_slots
from gikparse.readers._pdf_assemble import join_grids
from gikparse.readers._pdf_layout import Grid, GridCell, dedupe, find_tables, line_text
from gikparse.readers._pdf_types import Edge, Glyph
from gikparse.readers.document import Document, Line, LineKind
from gikparse.readers.pdf import read_pdf
from tests.conftest import RENDERED
from tests.pdf_render import FONT, simple_pdf


def _seed(name: str) -> Document:
    return read_pdf((RENDERED / f"{name}.pdf").read_bytes())


def _line(doc: Document, first: str) -> Line:
    for line in doc.lines:
        if line.cells and line.cells[0].text.startswith(first):
            return line
    raise AssertionError(f"no line starts with {first!r}")


def _is_count(text: str) -> bool:
    return text.replace(",", "").isdigit()


# --- seed PDFs ---------------------------------------------------------------------------


def test_seed_cells_point_at_their_text(seed_name: str) -> None:
    doc = _seed(seed_name)
    assert doc.kind == "pdf"
    assert doc.lines
    for line in doc.lines:
        assert doc.text[line.start : line.end] == line.text
        for cell in line.cells:
            assert doc.text[cell.start : cell.end] == cell.text
            assert "\t" not in cell.text and "\n" not in cell.text
            assert cell.page is not None and cell.page >= 1
            assert cell.box is not None
            x0, y0, x1, y1 = cell.box
            assert x0 <= x1 and y0 <= y1


def test_seed_applications_rows_have_label_then_seven_numbers(seed_name: str) -> None:
    doc = _seed(seed_name)
    for first in ("一、本年新收", "二、上年结转", "四、结转下年度"):
        line = _line(doc, first)
        assert line.kind is LineKind.ROW
        assert len(line.cells) == 8
        assert line.cells[0].col_span == 3
        assert all(_is_count(c.text) for c in line.cells[1:])
    grouped = _line(doc, "（三）不予公开")
    assert grouped.cells[0].row_span == 8
    assert grouped.cells[1].text == "1.属于国家秘密"
    assert len(grouped.cells) == 9
    # Later rows of the group leave the merged cell out, like text copied from Word.
    nxt = _line(doc, "2.其他法律行政法规禁止公开")
    assert len(nxt.cells) == 8
    assert nxt.table == grouped.table


def test_seed_header_spans(seed_name: str) -> None:
    doc = _seed(seed_name)
    head = _line(doc, "申请人情况") if _has(doc, "申请人情况") else None
    natural = _line(doc, "自然人")
    assert natural.cells[0].row_span == 2
    assert [c.text for c in natural.cells[1:]] == ["法人或其他组织", "总计"]
    assert natural.cells[1].col_span == 5
    if head is not None:
        assert head.cells[0].col_span == 7


def _has(doc: Document, first: str) -> bool:
    return any(line.cells and line.cells[0].text.startswith(first) for line in doc.lines)


def test_table_cut_by_the_page_is_one_table() -> None:
    doc = _seed("000_623967a19d51db49")
    group = _line(doc, "（五）不予处理")
    assert group.cells[0].row_span == 5  # two rows on page 3, three on page 4
    later = _line(doc, "3.要求提供公开出版物")
    assert later.page == group.page + 1
    assert later.table == group.table
    assert len(later.cells) == 8
    outcome = _line(doc, "三、本年度办理结果")
    assert outcome.cells[0].row_span == 20


def test_row_cut_by_the_page_is_glued_back() -> None:
    doc = _seed("002_0494dfef68de25df")
    line = _line(doc, "5.要求行政机关确认或重新出具已获取信息")
    assert len(line.cells) == 8
    assert not _has(doc, "或重新出具")


def test_first_row_alone_at_the_page_bottom_joins_its_table() -> None:
    doc = _seed("001_72224a9d5305aabc")
    caption = _line(doc, "第二十条第（一）项")
    header = _line(doc, "信息内容")
    assert caption.kind is LineKind.ROW
    assert caption.table == header.table
    assert caption.page == 1 and header.page == 2


def test_review_table_keeps_blank_cells() -> None:
    doc = _seed("000_623967a19d51db49")
    values = [line for line in doc.lines if len(line.cells) == 15][-1]
    assert [c.text for c in values.cells] == ["", "", "", "", "", *"1103510067"]


def test_prose_lines_are_joined_into_paragraphs() -> None:
    doc = _seed("000_623967a19d51db49")
    period = _line(doc, "本报告中所列数据的统计期限")
    assert "联系（地址：永宁县望远镇政通路 4 号" in period.cells[0].text
    assert period.kind is LineKind.TEXT and len(period.cells) == 1


def test_pages_selects_pages() -> None:
    data = (RENDERED / "000_623967a19d51db49.pdf").read_bytes()
    doc = read_pdf(data, pages=[5])
    assert {line.page for line in doc.lines} == {5}
    with pytest.raises(SourceError, match="page"):
        read_pdf(data, pages=[99])
    with pytest.raises(SourceError, match="1-based"):
        read_pdf(data, pages=[0])


# --- small drawn PDFs --------------------------------------------------------------------


def test_fake_bold_and_spaced_han() -> None:
    def draw(canvas: Canvas) -> None:
        canvas.setFont(FONT, 12)
        for dx in (0.0, 0.25, 0.5):
            canvas.drawString(72 + dx, 700, "二、主动公开政府信息情况")
        canvas.drawString(72, 670, "结 果 维 持")
        canvas.drawString(72, 640, "统计期限为 2020 年 1 月")

    doc = read_pdf(simple_pdf(draw))
    assert [line.text for line in doc.lines] == [
        "二、主动公开政府信息情况",
        "结果维持",
        "统计期限为 2020 年 1 月",
    ]


def test_running_header_and_page_numbers_are_dropped() -> None:
    pages = iter(range(1, 4))

    def draw(canvas: Canvas) -> None:
        number = next(pages)
        canvas.setFont(FONT, 9)
        canvas.drawCentredString(297, 815, "某某县人民政府2021年政府信息公开工作年度报告")
        canvas.drawCentredString(297, 25, f"- {number} -")
        canvas.setFont(FONT, 12)
        canvas.drawString(72, 700, f"第{number}页正文")

    doc = read_pdf(simple_pdf(draw, pages=3))
    assert [line.text for line in doc.lines] == ["第1页正文", "第2页正文", "第3页正文"]


@pytest.mark.parametrize(
    ("lines", "shown"),
    [
        (("１２", "３４"), "１２ ３４"),
        (("12", "３４"), "12 ３４"),
        (("其他对外", "公开"), "其他对外公开"),
    ],
)
def test_full_width_digits_on_two_lines_of_a_ruled_cell_stay_apart(
    lines: tuple[str, str], shown: str
) -> None:
    # Two lines of digits in one cell are two numbers (or a wrapped one, which the table
    # engine names), never one: full-width ones as ASCII ones; Chinese text runs on.
    def draw(canvas: Canvas) -> None:
        canvas.setFont(FONT, 10)
        xs, ys = (100, 200, 300), (700, 670)
        for y in ys:
            canvas.line(xs[0], y, xs[-1], y)
        for x in xs:
            canvas.line(x, ys[0], x, ys[-1])
        canvas.drawString(105, 681, "规章")
        canvas.drawString(205, 687, lines[0])
        canvas.drawString(205, 675, lines[1])

    doc = read_pdf(simple_pdf(draw))
    (row,) = [line for line in doc.lines if line.kind is LineKind.ROW]
    assert [c.text for c in row.cells] == ["规章", shown]


def test_ruled_table_with_merged_cells() -> None:
    def draw(canvas: Canvas) -> None:
        canvas.setFont(FONT, 10)
        xs, ys = (100, 200, 260, 320), (700, 680, 660, 640)
        for y in ys:
            canvas.line(xs[0], y, xs[-1], y)
        canvas.line(xs[0], ys[0], xs[0], ys[-1])
        canvas.line(xs[-1], ys[0], xs[-1], ys[-1])
        canvas.line(xs[1], ys[1], xs[1], ys[-1])  # the top row is one merged cell
        canvas.line(xs[2], ys[1], xs[2], ys[-1])
        canvas.drawString(150, 686, "第二十条第（一）项")
        canvas.drawString(105, 666, "规章")
        canvas.drawString(225, 666, "1")
        canvas.drawString(285, 666, "2")
        canvas.drawString(105, 646, "规范性")
        canvas.drawString(105, 636 + 8.5, "")
        canvas.drawString(285, 646, "3")

    doc = read_pdf(simple_pdf(draw))
    rows = [line for line in doc.lines if line.kind is LineKind.ROW]
    assert [[c.text for c in line.cells] for line in rows] == [
        ["第二十条第（一）项"],
        ["规章", "1", "2"],
        ["规范性", "", "3"],
    ]
    assert rows[0].cells[0].col_span == 3
    assert {line.table for line in rows} == {0}


def test_wrapped_and_vertical_cell_text_is_joined() -> None:
    def draw(canvas: Canvas) -> None:
        canvas.setFont(FONT, 10)
        canvas.rect(100, 600, 60, 100)
        canvas.rect(160, 600, 60, 100)
        for i, ch in enumerate("总计"):
            canvas.drawString(125, 660 - 12 * i, ch)
        canvas.drawString(165, 660, "（二）部分")
        canvas.drawString(165, 648, "公开")

    doc = read_pdf(simple_pdf(draw))
    assert [c.text for c in doc.lines[0].cells] == ["总计", "（二）部分公开"]


# --- failures ----------------------------------------------------------------------------


def _raw_pdf(content: bytes, extra: list[bytes]) -> bytes:
    """A minimal one-page PDF with font object 5 (and 6...) given by hand."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        *extra,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def test_glyphs_without_characters_are_refused() -> None:
    font = (
        b"<< /Type /Font /Subtype /Type0 /BaseFont /NoMap /Encoding /Identity-H "
        b"/DescendantFonts [6 0 R] >>"
    )
    cid = (
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NoMap /CIDSystemInfo "
        b"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 "
        b"/FontDescriptor << /Type /FontDescriptor /FontName /NoMap /FontBBox [0 0 1000 1000] "
        b"/Flags 4 /Ascent 880 /Descent -120 /ItalicAngle 0 /StemV 80 /CapHeight 700 >> >>"
    )
    pdf = _raw_pdf(b"BT /F1 12 Tf 20 200 Td <0011002200330044> Tj ET", [font, cid])
    with pytest.raises(SourceError, match=r"\(cid:N\)"):
        read_pdf(pdf)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"hello, not a pdf", "not a PDF"),
        (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "corrupt or truncated"),
    ],
)
def test_unreadable_input(data: bytes, message: str) -> None:
    with pytest.raises(SourceError, match=message):
        read_pdf(data)


@pytest.mark.parametrize("share", [0.1, 0.5, 0.9])
def test_truncated_file(share: float) -> None:
    data = (RENDERED / "003_74eb19db5e047c3e.pdf").read_bytes()
    with pytest.raises(SourceError, match="truncated"):
        read_pdf(data[: int(len(data) * share)])


def test_not_bytes() -> None:
    with pytest.raises(SourceError, match="bytes"):
        read_pdf("%PDF-1.4 text")  # type: ignore[arg-type]


def test_encrypted_needs_its_password() -> None:
    # Helvetica: pdfminer leaves the strings of a non-embedded CID font's dictionary encrypted.
    def draw(canvas: Canvas) -> None:
        canvas.setFont("Helvetica", 12)
        canvas.drawString(72, 700, "Annual report 2021")

    data = simple_pdf(draw, encrypt="secret")
    with pytest.raises(SourceError, match="encrypted"):
        read_pdf(data)
    with pytest.raises(SourceError, match="password"):
        read_pdf(data, password="wrong")
    assert read_pdf(data, password="secret").text == "Annual report 2021"


def test_scan_without_text_layer_needs_ocr() -> None:
    image = Image.new("L", (200, 100), color=255)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")

    def draw(canvas: Canvas) -> None:
        canvas.drawImage(ImageReader(io.BytesIO(buffer.getvalue())), 72, 500, 400, 200)

    with pytest.raises(SourceError, match="OCR"):
        read_pdf(simple_pdf(draw, pages=2))


def test_blank_pdf_has_no_text() -> None:
    with pytest.raises(SourceError, match="no text"):
        read_pdf(simple_pdf(lambda canvas: None))


def test_import_gikparse_does_not_load_pdfminer() -> None:
    code = "import sys, gikparse, gikparse.readers.pdf; assert 'pdfminer' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


# --- layout functions --------------------------------------------------------------------


def _glyph(text: str, x: float, y: float, size: float = 10.0) -> Glyph:
    return Glyph(text, x, y, x + size, y + size, size)


def test_dedupe_drops_only_near_copies() -> None:
    glyphs = [
        _glyph("a", 10, 10),
        _glyph("a", 10.3, 10.1),
        _glyph("a", 30, 10),
        _glyph("b", 10, 10),
    ]
    assert dedupe(glyphs) == [glyphs[0], glyphs[2], glyphs[3]]


def test_line_text_spaces() -> None:
    glyphs = [_glyph("年", 0, 0), _glyph("度", 14, 0), _glyph("2", 30, 0, 5), _glyph("0", 35, 0, 5)]
    assert line_text(glyphs) == "年度 20"


def test_find_tables_spans() -> None:
    h = [Edge(True, y, 0, 300) for y in (100, 80, 60)]
    v = [Edge(False, 0, 60, 100), Edge(False, 300, 60, 100), Edge(False, 100, 60, 80)]
    v.append(Edge(False, 200, 60, 80))
    (frame,) = find_tables([*h, *v])
    assert frame.regions == ((0, 1, 0, 3), (1, 2, 0, 1), (1, 2, 1, 2), (1, 2, 2, 3))


def _cell(row: int, x0: float, x1: float, text: str, span: int = 1, page: int = 1) -> GridCell:
    return GridCell(row=row, row_span=span, x0=x0, x1=x1, text=text, box=(x0, 0, x1, 1), page=page)


def _grid(cells: list[GridCell], nrows: int, page: int) -> Grid:
    box = (0.0, 0.0, 200.0, 100.0)
    return Grid(
        cells=tuple(cells),
        nrows=nrows,
        xs=(0.0, 100.0, 200.0),
        first_page=page,
        last_page=page,
        box=box,
        last_box=box,
    )


def test_join_grids_drops_repeated_header_and_rejoins_cut_spans() -> None:
    first = _grid(
        [
            _cell(0, 0, 100, "信息"),
            _cell(0, 100, 200, "数量"),
            _cell(1, 0, 100, "组", 2),
            _cell(1, 100, 200, "1"),
            _cell(2, 100, 200, "2"),
        ],
        3,
        1,
    )
    second = _grid(
        [
            _cell(0, 0, 100, "信息", page=2),
            _cell(0, 100, 200, "数量", page=2),
            _cell(1, 0, 100, "", 2, page=2),
            _cell(1, 100, 200, "3", page=2),
            _cell(2, 100, 200, "4", page=2),
        ],
        3,
        2,
    )
    joined = join_grids(first, second)
    assert joined.nrows == 5
    assert [(c.row, c.text, c.row_span) for c in joined.cells] == [
        (0, "信息", 1),
        (0, "数量", 1),
        (1, "组", 4),
        (1, "1", 1),
        (2, "2", 1),
        (3, "3", 1),
        (4, "4", 1),
    ]


# --- tables without rules: column slots from number runs ---------------------------------


def test_column_slots_cluster_overlapping_runs_across_lines() -> None:
    # centred numbers of different widths in three slots; a lone run (one line) is no column
    spans = [
        (100, 104, 0), (150, 162, 0), (200, 204, 0),
        (98, 106, 1), (152, 160, 1), (196, 208, 1),
        (101, 103, 2), (300, 310, 2),
    ]  # fmt: skip
    assert column_slots(spans) == [(98, 106), (150, 162), (196, 208)]
    # one line of numbers: each run is a slot
    assert column_slots([(0, 5, 0), (10, 15, 0)], lines=1) == [(0, 5), (10, 15)]
    # right-aligned numbers overlap at their right edge
    assert column_slots([(90, 100, 0), (96, 100, 1), (140, 150, 0), (148, 150, 1)]) == [
        (90, 100),
        (140, 150),
    ]


def _unruled_table(rows: list[tuple[str, list[str]]], top: float = 700) -> bytes:
    """No rules: labels at x 40 (a newline wraps them), numbers centred in 50 pt slots and
    centred in height on the label's lines (so a two-line label has its numbers between)."""

    def draw(canvas: Canvas) -> None:
        canvas.setFont(FONT, 9)
        y = top
        for label, numbers in rows:
            parts = label.split("\n")
            for k, part in enumerate(parts):
                canvas.drawString(40, y - 11 * k, part)
            numbers_y = y - 11 * (len(parts) - 1) / 2  # centred on the label's lines
            for i, text in enumerate(numbers):
                if text:
                    canvas.drawCentredString(200 + 50 * i, numbers_y, text)
            y -= 11 * len(parts) + 8

    return simple_pdf(draw)


def test_unruled_dense_table_rows_from_number_slots() -> None:
    doc = read_pdf(
        _unruled_table(
            [
                ("一、本年新收", ["1", "23", "456", "7", "12345", "0", "99"]),
                ("二、上年结转政府信息\n公开申请数量", ["1000", "", "3", "—", "5", "/", "7"]),
                ("（三）不予公开", ["12", "3", "", "8", "9", "10", "4444444"]),
            ]
        )
    )
    rows = [[c.text for c in line.cells] for line in doc.lines if line.kind is LineKind.ROW]
    assert rows == [
        ["一、本年新收", "1", "23", "456", "7", "12345", "0", "99"],
        ["二、上年结转政府信息公开申请数量", "1000", "", "3", "—", "5", "/", "7"],
        ["（三）不予公开", "12", "3", "", "8", "9", "10", "4444444"],
    ]


def test_a_few_unmapped_glyphs_are_reported_with_their_pages() -> None:
    from gikparse.readers._pdf_types import RawPage
    from gikparse.readers.pdf import _check_text

    glyphs = tuple(Glyph("字", i * 10.0, 0.0, i * 10.0 + 9, 10.0, 10.0) for i in range(100))
    clean = RawPage(number=1, width=600, height=800, glyphs=glyphs, edges=())
    some = RawPage(number=2, width=600, height=800, glyphs=glyphs, edges=(), undefined=3)
    assert _check_text([clean]) == ()
    (noticed,) = _check_text([clean, some])
    assert noticed.code == "P401"
    assert "page(s) 2" in noticed.message_en
    many = RawPage(number=3, width=600, height=800, glyphs=glyphs, edges=(), undefined=50)
    with pytest.raises(SourceError, match="cid"):
        _check_text([many])

"""Print generated reports to PDF with reportlab, the way Word or WPS lay them out.

Test-only. Tables are drawn with rules (or without, as aligned text), merged cells carry their
text in the first row they span only, labels wrap inside their cells, the applications table can
be cut over two pages with its header rows repeated (or not) and its merged cells cut in two, and
every page can carry a running header and a page number. Chinese is printed with reportlab's
built-in CID font STSong-Light, so no font files are needed.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

import attrs
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from gikparse.numbers import NumberKind
from tests.strategies import GeneratedReport, GeneratedTable, Number

__all__ = ["FONT", "Layout", "render_report", "simple_pdf"]

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

_BODY = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=16, wordWrap="CJK")
_INDENTED = ParagraphStyle("indented", parent=_BODY, firstLineIndent=21)
_TITLE = ParagraphStyle("title", parent=_BODY, fontSize=16, leading=24, alignment=1)
_CELL = ParagraphStyle("cell", fontName=FONT, fontSize=8, leading=10, wordWrap="CJK", alignment=1)
_SMALL = ParagraphStyle("small", parent=_CELL, fontSize=7, leading=8.5)
_RIGHT = {
    False: ParagraphStyle("cell-right", parent=_CELL, alignment=2),
    True: ParagraphStyle("small-right", parent=_SMALL, alignment=2),
}
#: cell padding left and right in a squeezed table
_SQUEEZED_PADDING = 2.0
#: Word's default cell margin (0.19 cm): without rules, the gap that keeps columns apart
_UNRULED_PADDING = 5.4

_PROSE = (
    "本机关认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，"
    "持续加大主动公开力度，规范依申请公开办理，完善政府信息管理和平台建设，强化监督保障，"
    "各项工作取得积极成效。"
)


@attrs.frozen(kw_only=True)
class Layout:
    """How a report is printed. Every field is a kind of real-world variation."""

    ruled: bool = True  #: tables drawn with rules; else as text aligned in columns
    split_at: int | None = None  #: cut the applications table before this data row
    repeat_header: bool = True  #: a cut table repeats its header rows on the next page
    running: bool = True  #: running header and page numbers on every page
    fake_bold: bool = True  #: headings drawn twice, shifted, as Word's fake bold
    spaced_headers: bool = False  #: review table headers spaced out (结 果 维 持)
    vertical_total: bool = False  #: 总计 headers printed one character per line
    blank: str = ""  #: how a cell that reports nothing is printed
    separators: bool = False  #: thousands separators in counts
    prose: int = 1  #: paragraphs of prose in section 一 (moves the tables down the pages)
    #: unruled only: numbers "center"ed or "right"-aligned in their column slots
    align: str = "center"
    #: printed from a web page: number columns narrower than their header words (which wrap
    #: over several lines), cells padded tightly, so header lines sit right on the first row
    squeeze: bool = False
    #: squeezed only: line height in table cells, in font sizes (CSS ``line-height``)
    line_height: float = 1.25
    #: a row of the applications table whose cells are all blank is printed empty, whatever
    #: ``blank`` says (web pages leave a group row such as （六）其他处理 empty)
    empty_blank_rows: bool = False
    #: the title printed in the body; else only in the running header (outside the body)
    title_in_body: bool = True


class _Heading(Flowable):  # type: ignore[misc]
    """A heading line; with fake bold it is drawn twice, 0.3 pt apart."""

    def __init__(self, text: str, fake_bold: bool) -> None:
        super().__init__()
        self.text = text
        self.fake_bold = fake_bold

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return avail_width, 22

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFont(FONT, 12)
        canvas.drawString(0, 6, self.text)
        if self.fake_bold:
            canvas.drawString(0.3, 6, self.text)


def _fmt(value: Number | None, kind: NumberKind, layout: Layout) -> str:
    if value is None:
        return layout.blank
    if kind is NumberKind.MONEY:
        return format(Decimal(value), "f")
    if kind is NumberKind.SIGNED:
        if value > 0:
            return f"增{value}"
        if value < 0:
            return f"减{-value}"
        return "0"
    if layout.separators and value >= 1000:
        return f"{value:,}"
    return str(value)


# A table to print: rows of cell texts plus merged regions (row0, col0, row1, col1) inclusive.
Span = tuple[int, int, int, int]


@attrs.frozen
class _Grid:
    rows: list[list[str]]
    spans: list[Span]
    widths: list[float]
    header_rows: int
    small: bool = False
    labels: int = 1  #: leading label columns (the rest hold numbers below the header rows)


def _blank_rows(n: int, ncols: int) -> list[list[str]]:
    return [[""] * ncols for _ in range(n)]


def _squeezed_widths(
    rows: list[list[str]], header_rows: int, labels: int, size: float
) -> list[float]:
    """A browser's narrowest table: each number column as wide as its widest number (numbers do
    not break) but at least two characters, so that header words wrap over two to four lines."""
    widths = []
    for c in range(labels, len(rows[0])):
        texts = [row[c] for row in rows[header_rows:]]
        widest = max([pdfmetrics.stringWidth(t, FONT, size) for t in texts] + [2 * size])
        widths.append(widest + 2 * _SQUEEZED_PADDING + 1)
    return widths


def _active_grid(table: GeneratedTable, layout: Layout) -> _Grid:
    spec = table.spec
    ncols = 1 + len(spec.columns)
    rows = [
        [spec.caption or ""] + [""] * (ncols - 1),
        ["信息内容", *(c.label for c in spec.columns)],
    ]
    for row in spec.rows:
        values = [_fmt(table.value(row.id, c.id), c.kind, layout) for c in spec.columns]
        rows.append([row.label, *values])
    # Same first column in every sub-table, as in the template: columns line up across them.
    return _Grid(rows, [(0, 0, 0, ncols - 1)], [150.0] + [110.0] * (ncols - 1), 2)


def _applications_grid(table: GeneratedTable, layout: Layout) -> _Grid:
    spec = table.spec
    columns = spec.columns
    ncols = 3 + len(columns)
    rows = _blank_rows(3, ncols)
    spans: list[Span] = [
        (0, 0, 2, 2),
        (0, 3, 0, ncols - 1),
        (1, 3, 2, 3),
        (1, ncols - 1, 2, ncols - 1),
    ]
    rows[0][0] = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    rows[0][3] = "申请人情况"
    rows[1][3] = columns[0].label
    rows[1][4] = "法人或其他组织"
    spans.append((1, 4, 1, ncols - 2))
    rows[1][ncols - 1] = columns[-1].label
    for i, column in enumerate(columns[1:-1]):
        rows[2][4 + i] = column.label.rpartition("/")[2].strip()
    outcome_rows: list[int] = []
    group_rows: dict[str, list[int]] = {}
    for row in spec.rows:
        r = len(rows)
        values = [table.value(row.id, c.id) for c in columns]
        if layout.empty_blank_rows and all(v is None for v in values):
            cells = [""] * ncols
        else:
            printed = [_fmt(v, c.kind, layout) for v, c in zip(values, columns, strict=True)]
            cells = ["", "", "", *printed]
        if row.id.startswith("outcome."):
            outcome_rows.append(r)
            if row.group is None:
                cells[1] = row.label
                spans.append((r, 1, r, 2))
            else:
                group_rows.setdefault(row.group, []).append(r)
                cells[2] = row.label
        else:
            cells[0] = row.label
            spans.append((r, 0, r, 2))
        rows.append(cells)
    if outcome_rows:
        rows[outcome_rows[0]][0] = "三、本年度办理结果"
        spans.append((outcome_rows[0], 0, outcome_rows[-1], 0))
    for group, members in group_rows.items():
        rows[members[0]][1] = group
        spans.append((members[0], 1, members[-1], 1))
    if layout.squeeze:
        widths = [40.0, 46.0, 104.0, *_squeezed_widths(rows, 3, 3, _CELL.fontSize)]
    elif layout.ruled:
        widths = [44.0, 52.0, 118.0] + [43.0] * len(columns)
    else:
        # Number slots clearly wider than the numbers (up to 8 digits), labels wrap more.
        widths = [40.0, 50.0, 110.0] + [45.0] * len(columns)
    return _Grid(rows, spans, widths, 3, labels=3)


def _review_grid(table: GeneratedTable, layout: Layout) -> _Grid:
    spec = table.spec
    columns = spec.columns
    per = len(columns)
    ncols = per * len(spec.rows)
    rows = _blank_rows(4, ncols)
    spans: list[Span] = []

    def label(text: str) -> str:
        if layout.vertical_total and len(text) == 2:
            return "<br/>".join(text)
        return " ".join(text) if layout.spaced_headers else text

    for g, row in enumerate(spec.rows):
        start = g * per
        if row.group is None:
            rows[0][start] = row.label
            spans.append((0, start, 0, start + per - 1))
            for i, column in enumerate(columns):
                rows[1][start + i] = label(column.label)
                spans.append((1, start + i, 2, start + i))
        else:
            if rows[0][per] == "" and start >= per:
                rows[0][per] = row.group
            rows[1][start] = row.label
            spans.append((1, start, 1, start + per - 1))
            for i, column in enumerate(columns):
                rows[2][start + i] = label(column.label)
        for i, column in enumerate(columns):
            rows[3][start + i] = _fmt(table.value(row.id, column.id), column.kind, layout)
    if len(spec.rows) > 1:
        spans.append((0, per, 0, ncols - 1))
    if layout.squeeze:
        widths = _squeezed_widths(rows, 3, 0, _SMALL.fontSize)
    else:
        widths = [515.0 / ncols] * ncols
    return _Grid(rows, spans, widths, 3, small=True, labels=0)


def _part(grid: _Grid, first: int, last: int, header: bool) -> _Grid:
    """Rows ``first..last`` (plus the header rows if ``header``), merged cells clipped to them.

    A merged cell cut by the page keeps its text in the part where it starts, like Word.
    """
    keep = [*range(grid.header_rows if header else 0), *range(first, last + 1)]
    where = {r: i for i, r in enumerate(keep)}
    rows = [list(grid.rows[r]) for r in keep]
    spans: list[Span] = []
    for r0, c0, r1, c1 in grid.spans:
        inside = [r for r in range(r0, r1 + 1) if r in where]
        if not inside:
            continue
        spans.append((where[inside[0]], c0, where[inside[-1]], c1))
    return _Grid(
        rows, spans, grid.widths, grid.header_rows if header else 0, grid.small, grid.labels
    )


def _table(grid: _Grid, layout: Layout) -> Table:
    """A reportlab table: ruled, or (``layout.ruled`` false) as a Word/WPS table with its
    borders hidden: labels at the top of their cells, numbers centred in height and centred or
    right-aligned in column slots wider than they are, Word's cell margins between columns."""
    style = _SMALL if grid.small else _CELL
    right = not layout.ruled and layout.align == "right"
    if layout.squeeze:
        style = ParagraphStyle(
            "squeezed", parent=style, leading=style.fontSize * layout.line_height
        )

    def cell(r: int, c: int, text: str) -> Paragraph | str:
        if not text:
            return ""
        number = r >= grid.header_rows and c >= grid.labels
        if number and right:
            return Paragraph(text, ParagraphStyle("right", parent=style, alignment=2))
        return Paragraph(text, style)

    data = [[cell(r, c, text) for c, text in enumerate(row)] for r, row in enumerate(grid.rows)]
    padding = 2.0 if layout.ruled else _UNRULED_PADDING
    if layout.squeeze:
        padding = _SQUEEZED_PADDING
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, style.fontSize),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), padding),
        ("RIGHTPADDING", (0, 0), (-1, -1), padding),
    ]
    if layout.squeeze:
        # A browser's table: no padding above and below, header text at the bottom of its cells.
        commands.append(("TOPPADDING", (0, 0), (-1, -1), 0))
        commands.append(("BOTTOMPADDING", (0, 0), (-1, -1), 0))
        if grid.header_rows:
            commands.append(("VALIGN", (0, 0), (-1, grid.header_rows - 1), "BOTTOM"))
    if layout.ruled:
        commands.append(("GRID", (0, 0), (-1, -1), 0.5, "black"))
    elif grid.labels:
        commands.append(("VALIGN", (0, 0), (grid.labels - 1, -1), "TOP"))
    commands.extend(("SPAN", (c0, r0), (c1, r1)) for r0, c0, r1, c1 in grid.spans)
    return Table(data, colWidths=grid.widths, style=TableStyle(commands), hAlign="LEFT")


def _running(agency: str, year: int) -> Callable[[Canvas, Any], None]:
    def draw(canvas: Canvas, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 9)
        width, height = A4
        canvas.drawCentredString(
            width / 2, height - 28, f"{agency}{year}年政府信息公开工作年度报告"
        )
        canvas.drawCentredString(width / 2, 24, f"- {doc.page} -")
        canvas.restoreState()

    return draw


def render_report(report: GeneratedReport, layout: Layout = Layout()) -> bytes:
    """The whole report as PDF bytes."""
    story: list[Flowable] = []

    def heading(text: str) -> None:
        story.append(_Heading(text, layout.fake_bold))

    def prose(text: str) -> None:
        story.append(Paragraph(text, _INDENTED))

    if layout.title_in_body:
        story.append(Paragraph(f"{report.agency}{report.year}年政府信息公开工作年度报告", _TITLE))
    prose(
        f"本报告中所列数据的统计期限为{report.year}年1月1日至{report.year}年12月31日。"
        "如对本报告有疑问，请与本机关政务公开办公室联系。"
    )
    heading("一、总体情况")
    for _ in range(layout.prose):
        prose(_PROSE)
    heading("二、主动公开政府信息情况")
    for table in report.active_disclosure:
        story.append(_table(_active_grid(table, layout), layout))
    heading("三、收到和处理政府信息公开申请情况")
    applications = _applications_grid(report.table("applications"), layout)
    if layout.split_at is None:
        story.append(_table(applications, layout))
    else:
        data_rows = len(applications.rows) - applications.header_rows
        cut = applications.header_rows + max(1, min(layout.split_at, data_rows - 1))
        story.append(_table(_part(applications, applications.header_rows, cut - 1, True), layout))
        story.append(PageBreak())
        rest = _part(applications, cut, len(applications.rows) - 1, layout.repeat_header)
        story.append(_table(rest, layout))
    heading("四、政府信息公开行政复议、行政诉讼情况")
    story.append(_table(_review_grid(report.table("review_litigation"), layout), layout))
    heading("五、存在的主要问题及改进情况")
    prose("一是公开内容还不够全面；二是解读回应质量有待提高。下一步将加强培训，完善制度。")
    heading("六、其他需要报告的事项")
    prose("本年度未收取信息处理费。")
    story.append(Spacer(1, 12))
    story.append(Paragraph(report.agency, ParagraphStyle("sign", parent=_BODY, alignment=2)))
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=40,
        rightMargin=40,
        topMargin=50,
        bottomMargin=50,
        invariant=True,
    )
    page = _running(report.agency, report.year) if layout.running else (lambda c, d: None)
    doc.build(story, onFirstPage=page, onLaterPages=page)
    return out.getvalue()


def simple_pdf(
    draw: Callable[[Canvas], None], *, pages: int = 1, encrypt: str | None = None
) -> bytes:
    """A PDF whose pages are drawn by ``draw`` (called once per page)."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, encrypt=encrypt, invariant=True)
    for _ in range(pages):
        draw(canvas)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def table_lines(texts: Sequence[str]) -> list[str]:
    """Helper for assertions: the texts, as the reader joins wrapped cell text."""
    return ["".join(t.split()) for t in texts]

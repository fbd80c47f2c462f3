"""Render generated reports as the web pages agencies publish, in the styles real sites use.

Test-only. Styles:

- ``template``: clean HTML with the template's merged cells (rowspan/colspan), values in spans;
- ``word``: a page saved from Word: MsoNormal paragraphs in every cell, text split into runs,
  ``<o:p>``, ``mso-`` styles, conditional comments, list numbering in ``<![if !supportLists]>``,
  the trailing ``supportMisalignedColumns`` row of empty cells;
- ``editor``: rich-editor markup (UEditor/KindEditor): nested spans with inline styles,
  ``<strong>``, ``<br/>`` inside label cells, ``<tbody>``, ``class="firstRow"``;
- ``site``: a full page in GBK with site chrome (navigation, breadcrumb, share and print
  buttons, attachment list, footer, scripts, styles) and a metadata box; the signature may be
  left out (then the box's date is the publication date) and the title may lack the agency
  (then the box's 发布机构 is the agency);
- ``fragment``: no ``<html>``/``<body>``; the title only in ``<title>``;
- ``split``: each table split over several ``<table>`` elements, blanks as ``&nbsp;``.

Every value cell's ``<td>`` span in the page is recorded, so tests can check that each parsed
value points into its own cell.
"""

from __future__ import annotations

import html
from decimal import Decimal

import attrs

from gikparse.numbers import NumberKind
from tests.strategies import GeneratedReport, GeneratedTable, Number

__all__ = ["STYLES", "HtmlStyle", "Page", "render_html"]

STYLES = ("template", "word", "editor", "site", "fragment", "split")

CellKey = tuple[str, str, str]  #: (qualified table id, row id, column id)


@attrs.frozen(kw_only=True)
class HtmlStyle:
    kind: str = "template"
    blank: str = ""  #: how a blank cell prints: "", "&nbsp;", "—", "/"
    run: int = 2  #: characters per run in Word's split runs
    split_at: int = 8  #: rows of the applications table in the first <table> (split style)
    signature: bool = True  #: site style: print the signature (agency and date)
    agency_in_title: bool = True  #: site style: the title names the agency
    declare: bool = False  #: site style: declare the charset (else GBK undeclared)


@attrs.frozen
class Page:
    text: str  #: the page as text (what the reader decodes)
    data: bytes  #: the page as published (GBK for the site style, else UTF-8)
    cells: dict[CellKey, tuple[int, int]]  #: each value cell's <td>…</td> span in ``text``
    published: str  #: the date the page's metadata box gives


def _fmt(value: Number | None, kind: NumberKind, blank: str) -> str:
    if value is None:
        return blank
    if kind is NumberKind.MONEY:
        return format(Decimal(value), "f")
    if kind is NumberKind.SIGNED:
        if value > 0:
            return f"增{value}"
        if value < 0:
            return f"减{-value}"
        return "0"
    return str(value)


# A grid: rows of (text, key of a value cell or None), merged regions (r0, c0, r1, c1).
_Slot = tuple[str, "CellKey | None"]
_Span = tuple[int, int, int, int]


@attrs.define
class _Grid:
    rows: list[list[_Slot]]
    spans: list[_Span]


def _blank(n: int, ncols: int) -> list[list[_Slot]]:
    return [[("", None)] * ncols for _ in range(n)]


def _active_grid(table: GeneratedTable, blank: str) -> _Grid:
    spec = table.spec
    ncols = 1 + len(spec.columns)
    rows: list[list[_Slot]] = [
        [(spec.caption or "", None)] + [("", None)] * (ncols - 1),
        [("信息内容", None), *((c.label, None) for c in spec.columns)],
    ]
    for row in spec.rows:
        values: list[_Slot] = [
            (
                _fmt(table.value(row.id, c.id), c.kind, blank),
                (spec.qualified_id, row.id, c.id),
            )
            for c in spec.columns
        ]
        rows.append([(row.label, None), *values])
    return _Grid(rows, [(0, 0, 0, ncols - 1)])


def _applications_grid(table: GeneratedTable, blank: str) -> _Grid:
    spec = table.spec
    columns = spec.columns
    ncols = 3 + len(columns)
    rows = _blank(3, ncols)
    spans: list[_Span] = [
        (0, 0, 2, 2),
        (0, 3, 0, ncols - 1),
        (1, 3, 2, 3),
        (1, ncols - 1, 2, ncols - 1),
    ]
    rows[0][0] = ("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", None)
    rows[0][3] = ("申请人情况", None)
    rows[1][3] = (columns[0].label, None)
    rows[1][4] = ("法人或其他组织", None)
    spans.append((1, 4, 1, ncols - 2))
    rows[1][ncols - 1] = (columns[-1].label, None)
    for i, column in enumerate(columns[1:-1]):
        rows[2][4 + i] = (column.label.rpartition("/")[2].strip(), None)
    outcome: list[int] = []
    groups: dict[str, list[int]] = {}
    for row in spec.rows:
        r = len(rows)
        cells: list[_Slot] = [("", None)] * 3 + [
            (_fmt(table.value(row.id, c.id), c.kind, blank), (spec.qualified_id, row.id, c.id))
            for c in columns
        ]
        if row.id.startswith("outcome."):
            outcome.append(r)
            if row.group is None:
                cells[1] = (row.label, None)
                spans.append((r, 1, r, 2))
            else:
                groups.setdefault(row.group, []).append(r)
                cells[2] = (row.label, None)
        else:
            cells[0] = (row.label, None)
            spans.append((r, 0, r, 2))
        rows.append(cells)
    if outcome:
        rows[outcome[0]][0] = ("三、本年度办理结果", None)
        spans.append((outcome[0], 0, outcome[-1], 0))
    for group, members in groups.items():
        rows[members[0]][1] = (group, None)
        spans.append((members[0], 1, members[-1], 1))
    return _Grid(rows, spans)


def _review_grid(table: GeneratedTable, blank: str) -> _Grid:
    spec = table.spec
    columns = spec.columns
    per = len(columns)
    ncols = per * len(spec.rows)
    rows = _blank(4, ncols)
    spans: list[_Span] = []
    for g, row in enumerate(spec.rows):
        start = g * per
        if row.group is None:
            rows[0][start] = (row.label, None)
            spans.append((0, start, 0, start + per - 1))
            for i, column in enumerate(columns):
                rows[1][start + i] = (column.label, None)
                spans.append((1, start + i, 2, start + i))
        else:
            if rows[0][per][0] == "" and start >= per:
                rows[0][per] = (row.group, None)
            rows[1][start] = (row.label, None)
            spans.append((1, start, 1, start + per - 1))
            for i, column in enumerate(columns):
                rows[2][start + i] = (column.label, None)
        for i, column in enumerate(columns):
            value = _fmt(table.value(row.id, column.id), column.kind, blank)
            rows[3][start + i] = (value, (spec.qualified_id, row.id, column.id))
    if len(spec.rows) > 1:
        spans.append((0, per, 0, ncols - 1))
    return _Grid(rows, spans)


def _part(grid: _Grid, first: int, last: int) -> _Grid:
    """Rows ``first..last`` of ``grid``, merged cells cut at the edges (text stays where the
    merged cell starts, as Word does when a table is split)."""
    rows = [list(r) for r in grid.rows[first : last + 1]]
    spans: list[_Span] = []
    for r0, c0, r1, c1 in grid.spans:
        a, b = max(r0, first), min(r1, last)
        if a > b:
            continue
        if a != r0:  # the part below a cut: the cell is empty here
            rows[a - first][c0] = ("", None)
        spans.append((a - first, c0, b - first, c1))
    return _Grid(rows, spans)


class _Out:
    """The page being written, with the span of every value cell."""

    def __init__(self, style: HtmlStyle) -> None:
        self.style = style
        self.parts: list[str] = []
        self.size = 0
        self.cells: dict[CellKey, tuple[int, int]] = {}

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)

    # --- text in the style's markup ---------------------------------------------------------

    def _runs(self, text: str) -> str:
        step = max(self.style.run, 1)
        pieces = [text[i : i + step] for i in range(0, len(text), step)] or [""]
        return "".join(
            f"<span lang=EN-US style='font-size:9.0pt;font-family:宋体;mso-bidi-font-family:"
            f'"Times New Roman"\'>{html.escape(p, quote=False)}</span>'
            for p in pieces
        )

    def inline(self, text: str, number: bool) -> str:
        kind = self.style.kind
        if not text:
            if kind == "word":
                return (
                    "<p class=MsoNormal align=center><span lang=EN-US><o:p>&nbsp;</o:p></span></p>"
                )
            return ""
        if text == "&nbsp;":
            return text
        escaped = html.escape(text, quote=False)
        if kind == "word":
            return (
                "<p class=MsoNormal align=center style='text-align:center;mso-line-height-rule:"
                f"exactly'>{self._runs(text)}<span lang=EN-US><o:p></o:p></span></p>"
            )
        if kind == "editor":
            if not number and len(text) > 6:
                half = len(text) // 2
                escaped = (
                    html.escape(text[:half], quote=False)
                    + "<br/>"
                    + html.escape(text[half:], quote=False)
                )
            inner = f'<span style="color: rgb(0, 0, 0);">{escaped}</span>'
            if number:
                inner = f"<strong>{inner}</strong>"
            return f'<span style="font-family: 宋体, SimSun; font-size: 14px;">{inner}</span>'
        if kind == "template" and number:
            return f"<span>{escaped}</span>"
        return escaped

    def paragraph(self, text: str) -> None:
        kind = self.style.kind
        escaped = html.escape(text, quote=False)
        if kind == "word":
            self.add(
                "<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0'>"
                f"{self._runs(text)}<span lang=EN-US><o:p></o:p></span></p>\n"
            )
        elif kind == "editor":
            self.add(
                '<p style="text-indent: 2em; line-height: 2em;"><span style="font-family: 仿宋; '
                f'font-size: 16px;"><span style="color:#333">{escaped}</span></span></p>\n'
            )
        else:
            self.add(f"<p>&nbsp;&nbsp;&nbsp;&nbsp;{escaped}</p>\n")

    def heading(self, number: str, text: str) -> None:
        kind = self.style.kind
        if kind == "word":
            self.add(
                "<p class=MsoListParagraph style='margin-left:32.0pt;text-indent:-32.0pt;"
                "mso-list:l0 level1 lfo1'><![if !supportLists]><span lang=EN-US "
                "style='font-family:黑体'><span style='mso-list:Ignore'>"
                f"{number}<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp; "
                "</span></span></span><![endif]><span style='font-family:黑体'>"
                f"{html.escape(text, quote=False)}<span lang=EN-US><o:p></o:p></span></span></p>\n"
            )
        elif kind == "editor":
            self.add(
                f'<p><strong><span style="font-size:16px">{number}{text}</span></strong></p>\n'
            )
        else:
            self.add(f"<h2>{number}{text}</h2>\n")

    # --- tables -----------------------------------------------------------------------------

    def table(self, grid: _Grid) -> None:
        kind = self.style.kind
        covered: dict[tuple[int, int], _Span] = {}
        for span in grid.spans:
            r0, c0, r1, c1 = span
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    covered[(r, c)] = span
        if kind == "word":
            self.add(
                "<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 "
                "style='border-collapse:collapse;mso-table-layout-alt:fixed;mso-padding-alt:"
                "0cm 5.4pt 0cm 5.4pt'>\n"
            )
        elif kind == "editor":
            self.add('<table style="width: 100%;" border="1" cellspacing="0"><tbody>\n')
        else:
            self.add('<table border="1" cellspacing="0" style="border-collapse:collapse">\n')
        ncols = len(grid.rows[0]) if grid.rows else 0
        for r, row in enumerate(grid.rows):
            if kind == "word":
                self.add(f"<tr style='mso-yfti-irow:{r}'>")
            elif kind == "editor" and r == 0:
                self.add('<tr class="firstRow">')
            else:
                self.add("<tr>")
            for c, (text, key) in enumerate(row):
                span = covered.get((r, c))
                attrs_text = ""
                if span is not None:
                    r0, c0, r1, c1 = span
                    if (r, c) != (r0, c0):
                        continue
                    if r1 > r0:
                        attrs_text += f' rowspan="{r1 - r0 + 1}"'
                    if c1 > c0:
                        attrs_text += f' colspan="{c1 - c0 + 1}"'
                if kind == "word":
                    attrs_text += (
                        " width=64 valign=top style='border:solid windowtext 1.0pt;"
                        "mso-border-alt:solid windowtext .5pt'"
                    )
                elif kind == "editor":
                    attrs_text += ' valign="middle" style="word-break: break-all;"'
                start = self.size
                self.add(f"<td{attrs_text}>{self.inline(text, key is not None)}</td>")
                if key is not None:
                    self.cells[key] = (start, self.size)
            self.add("</tr>\n")
        if kind == "word":
            # Word's row of empty cells that fixes the column widths.
            self.add("<![if !supportMisalignedColumns]><tr height=0>")
            self.add("<td width=64 style='border:none'></td>" * ncols)
            self.add("</tr><![endif]>\n")
        self.add("</tbody></table>\n" if kind == "editor" else "</table>\n")

    def grid(self, grid: _Grid) -> None:
        if self.style.kind != "split" or len(grid.rows) < 4:
            self.table(grid)
            return
        cut = min(max(self.style.split_at, 1), len(grid.rows) - 1)
        self.table(_part(grid, 0, cut - 1))
        self.add("<p>&nbsp;</p>\n")
        self.table(_part(grid, cut, len(grid.rows) - 1))


_CHROME_HEAD = """<div class="header"><div class="logo">{agency}门户网站</div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/bsfw/">办事服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
</div>
<script type="text/javascript">var a = "<table><tr><td>1</td></tr></table>";
if (a < 3) {{}}</script>
<div class="position">当前位置：<a href="/">首页</a> &gt;
<a href="/zwgk/">政府信息公开</a> &gt; 年度报告</div>
"""
_BOX = """<table class="xxgk_table" width="100%">
<tr><td>索引号：</td><td>11410800MB1{year}-00012</td><td>主题分类：</td><td>其他</td></tr>
<tr><td>发布机构：</td><td>{agency}</td><td>发文日期：</td><td>{date}</td></tr>
<tr><td>标题：</td><td colspan="3">{title}</td></tr>
<tr><td>文号：</td><td></td><td>有效性：</td><td>有效</td></tr>
</table>
"""
_CHROME_TAIL = """<div class="fenxiang">分享到：<a>微信</a><a>微博</a></div>
<p>【<a href="javascript:window.print()">打印本页</a>】
【<a href="javascript:window.close()">关闭窗口</a>】</p>
<p>附件下载：</p>
<p><a href="/u/{year}ndbg.docx">{agency}{year}年政府信息公开工作年度报告.docx</a></p>
<p><a href="/u/{year}tables.pdf">附表.pdf（125KB）</a></p>
<div class="footer"><p>主办单位：{agency}办公室 版权所有</p>
<p>网站标识码：4108000001 豫ICP备05012345号</p></div>
<style>.footer {{ color: #999 }}</style>
"""


def _overview(out: _Out, report: GeneratedReport) -> None:
    out.paragraph(
        f"{report.year}年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，"
        "坚持以公开为常态、不公开为例外，持续加大主动公开力度。"
    )


def render_html(report: GeneratedReport, style: HtmlStyle = HtmlStyle()) -> Page:
    """The report as a web page in ``style``."""
    out = _Out(style)
    kind = style.kind
    blank = style.blank
    title = f"{report.agency}{report.year}年政府信息公开工作年度报告"
    date = f"{report.year + 1}-01-{20 if report.year % 2 else 25}"
    if kind == "site":
        shown = title if style.agency_in_title else f"{report.year}年政府信息公开工作年度报告"
        declare = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        out.add(
            '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">\n<html><head>'
            f"{declare if style.declare else ''}<title>{shown}_{report.agency}</title>"
            "<style>td { font-size: 14px }</style></head><body>\n"
        )
        out.add(_CHROME_HEAD.format(agency=report.agency))
        out.add(_BOX.format(year=report.year, agency=report.agency, date=date, title=shown))
        out.add(f'<div class="article"><h1 class="article-title">{shown}</h1>\n')
        out.add('<div class="article-content" id="zoom">\n')
    elif kind == "fragment":
        out.add(f'<title>{title}-{report.agency}</title>\n<div class="TRS_Editor">\n')
    elif kind == "word":
        out.add(
            '<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:'
            'office:office" xmlns:w="urn:schemas-microsoft-com:office:word">\n<head>'
            '<meta http-equiv=Content-Type content="text/html; charset=utf-8">'
            '<meta name=Generator content="Microsoft Word 15">'
            "<!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View></w:WordDocument>"
            "</xml><![endif]--><style><!-- p.MsoNormal {margin:0cm; font-size:10.5pt} --></style>"
            "</head><body lang=ZH-CN style='tab-interval:21.0pt'><div class=WordSection1>\n"
            "<p class=MsoNormal align=center style='text-align:center'><b><span "
            f"style='font-size:22.0pt;font-family:方正小标宋简体'>{out._runs(title)}</span></b>"
            "<span lang=EN-US><o:p></o:p></span></p>\n"
        )
    else:
        out.add(
            "<!DOCTYPE html><html><head><meta charset='utf-8'><title>年度报告</title></head>"
            f"<body>\n<h1 style='text-align:center'>{title}</h1>\n"
        )
    out.paragraph(f"本报告中所列数据的统计期限为{report.year}年1月1日至{report.year}年12月31日。")
    out.heading("一、", "总体情况")
    _overview(out, report)
    out.heading("二、", "主动公开政府信息情况")
    active = report.active_disclosure
    if kind == "split":
        for table in active:
            out.table(_active_grid(table, blank))
    else:
        merged = _Grid([], [])
        for table in active:
            grid = _active_grid(table, blank)
            width = len(grid.rows[0])
            offset = len(merged.rows)
            widest = max(1 + max(len(t.spec.columns) for t in active), width)
            for row in grid.rows:
                merged.rows.append(row + [("", None)] * (widest - width))
            merged.spans.extend(
                (r0 + offset, c0, r1 + offset, widest - 1 if c1 == width - 1 and r0 == 0 else c1)
                for r0, c0, r1, c1 in grid.spans
            )
            if width < widest:  # the trailing empty cells of a narrower sub-table: merged
                for r in range(1, len(grid.rows)):
                    merged.spans.append((r + offset, width, r + offset, widest - 1))
        out.table(merged)
    out.heading("三、", "收到和处理政府信息公开申请情况")
    out.grid(_applications_grid(report.table("applications"), blank))
    out.heading("四、", "政府信息公开行政复议、行政诉讼情况")
    out.grid(_review_grid(report.table("review_litigation"), blank))
    out.heading("五、", "存在的主要问题及改进情况")
    out.paragraph(
        "一是公开内容还不够全面；二是解读形式还不够丰富。下一步，本机关将进一步加强培训。"
    )
    out.heading("六、", "其他需要报告的事项")
    out.paragraph("本年度本机关未收取信息处理费。")
    if kind != "site" or style.signature:
        out.add(f"<p style='text-align:right'>{report.agency}</p>\n")
        out.add(f"<p style='text-align:right'>{report.year + 1}年1月20日</p>\n")
    if kind == "site":
        out.add("</div></div>\n")
        out.add(_CHROME_TAIL.format(agency=report.agency, year=report.year))
        out.add("</body></html>\n")
    elif kind == "fragment":
        out.add("</div>\n")
    elif kind == "word":
        out.add("</div></body></html>\n")
    else:
        out.add("</body></html>\n")
    text = "".join(out.parts)
    data = text.encode("gbk") if kind == "site" else text.encode("utf-8")
    return Page(text, data, out.cells, date)

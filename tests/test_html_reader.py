"""The HTML reader: encodings, the table model, cell text, chrome, metadata box, sniffing,
and bounded work on hostile pages."""

from __future__ import annotations

import codecs
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gikparse
from gikparse.errors import Severity
from gikparse.readers.document import Document, LineKind
from gikparse.readers.html import read_html
from gikparse.readers.sniff import mht_html, sniff, sniff_text
from tests.conftest import RENDERED
from tests.html_render import HtmlStyle, render_html
from tests.strategies import fixed_report


def _rows(doc: Document) -> list[list[str]]:
    return [[c.text for c in line.cells] for line in doc.lines if line.kind is LineKind.ROW]


def _texts(doc: Document) -> list[str]:
    return [line.text for line in doc.lines]


# --- encodings and entities ----------------------------------------------------------------

PAGE = "<html><head>{meta}</head><body><h1>安宁市2020年政府信息公开工作年度报告</h1></body></html>"


@pytest.mark.parametrize(
    ("meta", "encoding"),
    [
        ('<meta charset="gbk">', "gbk"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "gb2312"),
        ("", "gb18030"),  # undeclared GBK, as on older sites
        ('<meta charset="iso-8859-1">', "gbk"),  # a CMS default declaration over GBK bytes
        ("", "utf-8"),
        ('<meta charset="utf-8">', "utf-8"),
    ],
)
def test_page_bytes_decode_by_declaration_or_guess(meta: str, encoding: str) -> None:
    doc = read_html(PAGE.format(meta=meta).encode(encoding))
    assert _texts(doc) == ["安宁市2020年政府信息公开工作年度报告"]


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ],
)
def test_byte_order_mark_decides_the_encoding(bom: bytes, codec: str) -> None:
    doc = read_html(bom + PAGE.format(meta='<meta charset="gbk">').encode(codec))
    assert _texts(doc) == ["安宁市2020年政府信息公开工作年度报告"]


def test_wrong_declaration_falls_back_to_what_the_bytes_are() -> None:
    doc = read_html(PAGE.format(meta='<meta charset="utf-8">').encode("gbk"))
    assert _texts(doc) == ["安宁市2020年政府信息公开工作年度报告"]


def test_a_meta_charset_in_a_comment_declares_nothing() -> None:
    meta = '<!-- <meta charset="big5"> --><meta charset="gbk">'
    page = PAGE.replace("</h1>", "</h1><p>１２３</p>").format(meta=meta).encode("gbk")
    assert _texts(read_html(page)) == ["安宁市2020年政府信息公开工作年度报告", "１２３"]


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8
        + "<table><tr><td>申请</td><td>1".encode()
        + b"\xd6"
        + b"2</td></tr></table>",
        "<table><tr><td>申请</td><td>1".encode("gbk") + b"\xff" + b"2</td></tr></table>",
    ],
)
def test_bytes_that_do_not_decode_show_as_browsers_show_them_and_are_named(data: bytes) -> None:
    doc = read_html(data)
    assert _rows(doc) == [["申请", "1\ufffd2"]]
    (named,) = doc.diagnostics
    assert named.code == "P423" and named.severity is Severity.WARNING
    where = len("<table><tr><td>申请</td><td>1")  # in the page's characters
    assert f"page offset {where})" in named.message_en


@pytest.mark.parametrize("meta", ["<meta charset=utf-8>", ""])
def test_utf8_with_a_stray_byte_is_utf8_not_another_encoding(meta: str) -> None:
    # A description cut inside a character: GB18030 would read the page as other characters.
    cut = b'<meta name=description content="' + "本年".encode()[:-1] + b'">'
    doc = read_html(meta.encode() + cut + "<p>一、总体情况</p>".encode())
    assert _texts(doc) == ["一、总体情况"]
    assert [d.code for d in doc.diagnostics] == ["P423"]


def test_a_lone_0x80_in_gbk_is_the_euro_sign_as_in_browsers() -> None:
    doc = read_html('<meta charset="gbk"><p>价格'.encode("gbk") + b"\x80" + b"12</p>")
    assert _texts(doc) == ["价格€12"]
    assert doc.diagnostics == ()


def test_entities_decode_and_cells_point_at_their_source() -> None:
    page = (
        "<table><tr><td>&#20013;&#x6587;&amp;&lt;&ldquo;X&rdquo;</td><td>1&nbsp;2</td></tr></table>"
    )
    doc = read_html(page)
    row = next(line for line in doc.lines if line.kind is LineKind.ROW)
    assert [c.text for c in row.cells] == ["中文&<“X”", "1 2"]
    first, second = row.cells
    assert first.source == (page.index("&#20013;"), page.index("</td>"))
    assert page[second.source[0] : second.source[1]] == "1&nbsp;2"


# --- the table model -------------------------------------------------------------------------


def test_spans_become_row_and_col_spans_clipped_to_the_table() -> None:
    page = (
        "<table><tr><td rowspan=5>A</td><td colspan=2>B</td></tr>"
        "<tr><td>1</td><td>2</td></tr></table>"
    )
    row = next(line for line in read_html(page).lines if line.kind is LineKind.ROW)
    assert [(c.text, c.row_span, c.col_span) for c in row.cells] == [("A", 2, 1), ("B", 1, 2)]


def test_rowspan_zero_spans_to_the_end_of_its_row_group() -> None:
    page = (
        "<table><tbody><tr><td rowspan=0>G</td><td>1</td></tr><tr><td>2</td></tr>"
        "<tr><td>3</td></tr></tbody><tbody><tr><td>x</td><td>4</td></tr></tbody></table>"
    )
    rows = [line for line in read_html(page).lines if line.kind is LineKind.ROW]
    assert rows[0].cells[0].row_span == 3
    assert _rows(read_html(page)) == [["G", "1"], ["2"], ["3"], ["x", "4"]]


def test_overlapping_spans_and_short_rows_keep_every_cell_in_order() -> None:
    page = (
        "<table><tr><td rowspan=2>a</td><td>b</td><td>c</td></tr>"
        "<tr><td colspan=3>d</td></tr><tr><td>e</td></tr></table>"
    )
    assert _rows(read_html(page)) == [["a", "b", "c"], ["d"], ["e"]]


def test_a_row_group_ends_the_open_one_as_browsers_end_it() -> None:
    # A second <tbody> with the first left open is its sibling, not nested in it: its rows
    # are shown (they were lost). The <thead> is shown on top (as Chromium lays it out).
    page = (
        "<table><tbody><tr><td>标签</td><td>1</td><tbody><tr><td>规章</td><td>2</td>"
        "<thead><tr><td>文件</td><td>3</td></table>"
    )
    assert _rows(read_html(page)) == [["文件", "3"], ["标签", "1"], ["规章", "2"]]


@pytest.mark.parametrize("plain", [True, False])
def test_first_header_group_on_top_first_footer_group_at_the_bottom(plain: bool) -> None:
    # As browsers show them (CSS 2.1, 17.2; checked in Chromium): a report's 总计 row in a
    # <tfoot> written before the body is its last row. Later <thead>s and <tfoot>s stay where
    # they are. ``plain``: the table read in one pass, else tag by tag (a <caption>).
    caption = "" if plain else "<caption>表</caption>"
    page = (
        f"<table>{caption}<tfoot><tr><td>F1</td><td>1</td></tr></tfoot>"
        "<tr><td>L1</td><td>2</td></tr><thead><tr><td>H1</td><td>3</td></tr></thead>"
        "<tbody><tr><td>B1</td><td>4</td></tr></tbody><tfoot><tr><td>F2</td><td>5</td></tr>"
        "</tfoot><thead><tr><td>H2</td><td>6</td></tr></thead><tr><td>L2</td><td>7</td></tr>"
        "</table>"
    )
    rows = [row for row in _rows(read_html(page)) if len(row) == 2]
    assert [label for label, _ in rows] == ["H1", "L1", "B1", "F2", "H2", "L2", "F1"]


def test_hidden_rows_and_cells_are_not_read() -> None:
    page = (
        "<table><tbody><tr><td>规章</td><td>1</td><td style='display:none'>9</td></tr>"
        "<tr style='display:none'><td>规章</td><td>7</td></tr></tbody></table>"
    )
    assert _rows(read_html(page)) == [["规章", "1"]]


def test_cell_text_split_over_markup_is_one_cell() -> None:
    page = (
        "<table><tr><td><p class=MsoNormal><span style='mso-bidi-font-size:10pt'>结果</span>"
        "<font>维</font><o:p></o:p></p><p><span>持</span><o:p></o:p></p></td>"
        "<td><p class=MsoNormal><span lang=EN-US>1</span><span lang=EN-US>2</span></p></td>"
        "<td>规章<br>文件</td><td>&nbsp;</td><td><o:p>&nbsp;</o:p></td></tr></table>"
    )
    assert _rows(read_html(page)) == [["结果维持", "12", "规章文件", "", ""]]


@pytest.mark.parametrize("plain", [True, False])
@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("１２<br>３４", "１２ ３４"),
        ("<p>１２</p><p>３４</p>", "１２ ３４"),
        ("12<br/>３４", "12 ３４"),
        ("<div>ＡＢ</div>１", "ＡＢ １"),
        # The full-width comma and period of numbers too (no 12.5, no 1234 silently).
        ("１２．<br>５", "１２． ５"),
        ("１，<br>２３４", "１， ２３４"),
        # Chinese text and its full-width punctuation run on, as a wrapped label.
        ("其他（<br>一）", "其他（一）"),
        ("其他，<br>公开", "其他，公开"),
    ],
)
def test_full_width_letters_and_digits_on_two_lines_of_a_cell_stay_apart(
    cell: str, shown: str, plain: bool
) -> None:
    # Full-width digits are wide, but no Chinese text: two lines of them are two numbers,
    # never one (１２ over ３４ is no 1234). ``plain``: a table read in one pass, or tag by tag
    # (a caption makes it no plain table).
    caption = "" if plain else "<caption>表</caption>"
    page = f"<table>{caption}<tr><td>规章</td><td>{cell}</td></tr></table>"
    assert _rows(read_html(page))[-1] == ["规章", shown]


_ROW = "<table><tr><td>A</td><td>B</td><td>C</td></tr><tr>{}</tr></table>"


@pytest.mark.parametrize(
    ("cells", "shown"),
    [
        # A slash before ">" does not end a cell: browsers ignore it on elements that are not
        # void, and "2/" is the unquoted value of colspan.
        ("<td>标签</td><td colspan=2/>12</td>", ["标签", "12"]),
        ("<td>标签</td><td/>12</td><td>3</td>", ["标签", "12", "3"]),
        # Comments end at --> or --!>, and <!--> is a whole comment; "-- >" ends none.
        ("<td>1<!-- x --!>2</td><td>3</td>", ["12", "3"]),
        ("<td>1<!-->2</td><td>3</td>", ["12", "3"]),
        # A reference inside an attribute can spell the style that hides a cell.
        ('<td>标签</td><td style="displ&#97;y:none">9</td><td>3</td>', ["标签", "3"]),
        # A ruby's guide is not on the line (its base is the text; <rp> shows only where ruby
        # is not supported), unless a style shows it there; a dialog is hidden unless open.
        ("<td>标签</td><td><ruby>3<rt>1</rt></ruby></td><td>2</td>", ["标签", "3", "2"]),
        ("<td>标签</td><td><ruby>3<rp>(</rp><rt>1</rt><rp>)</rp></ruby></td>", ["标签", "3"]),
        ("<td>标签</td><td><ruby>3<rt style=display:inline>1</rt></ruby></td>", ["标签", "31"]),
        ("<td>标签</td><td><dialog>5</dialog>3</td><td>2</td>", ["标签", "3", "2"]),
        ("<td>标签</td><td><dialog open>5</dialog>3</td>", ["标签", "5 3"]),
        # A new link ends the open one (here a hidden one): links never nest.
        ("<td>标签</td><td><a style=display:none><a>9</a>8</a>5</td>", ["标签", "985"]),
        # <![CDATA[…]]> in a page is a bogus comment up to its first ">".
        ("<td>标签</td><td><![CDATA[x]]>7</td>", ["标签", "7"]),
        # Only the whitespace browsers know ends a tag's name or an unquoted value, and spans
        # "<td\xa0>" is no cell: only the whitespace browsers know ends a tag's name (its
        # text is outside every cell, as browsers show it above the table).
        ("<td>标签</td><td\xa0>1</td><td>2</td>", ["标签", "2"]),
        # A quoted value may hold ">" and "<" (the text in it is no cell text), and a quote
        # left open runs on to the next quote, as in browsers.
        ('<td>标签</td><td><span title="x>1<y">5</span></td><td>3</td>', ["标签", "5", "3"]),
        (
            '<td>标签</td><td><span style="font-size:14px>5</span><span style="color:red">7'
            "</span></td><td>3</td>",
            ["标签", "7", "3"],
        ),
    ],
)
def test_cells_read_as_browsers_show_them(cells: str, shown: list[str]) -> None:
    assert _rows(read_html(_ROW.format(cells)))[1] == shown


@pytest.mark.parametrize(
    ("cell", "spans"),
    [
        ("<td colspan=2 rowspan=2>", (2, 2)),
        ('<td colspan="２">', (1, 1)),  # spans are ASCII digits, as browsers read them
        ("<td colspan=2\xa0rowspan=2>", (1, 2)),  # one unquoted value: "2\xa0rowspan=2"
        ("<td colspan=\xa02>", (1, 1)),
        ("<td colspan=\t2>", (1, 2)),
        ('<td colspan="+2">', (1, 2)),  # a sign before the digits, as browsers read it
        ('<td colspan="-2">', (1, 1)),
    ],
)
def test_spans_are_read_as_browsers_read_them(cell: str, spans: tuple[int, int]) -> None:
    doc = read_html(f"<table><tr>{cell}标签</td><td>1</td></tr><tr><td>2</td></tr></table>")
    first = next(line for line in doc.lines if line.kind is LineKind.ROW).cells[0]
    assert (first.row_span, first.col_span) == spans


@pytest.mark.parametrize(
    "row",
    [
        "<td>标签</td><td\xa0>12</td><td>3</td>",  # a broken cell tag: its value is outside
        "<td>标签</td><td>3</td>12",
        "<td>标签</td>12<td>3</td>",
    ],
)
@pytest.mark.parametrize("group", ["", "<tbody>"])
def test_text_outside_a_tables_cells_is_named(row: str, group: str) -> None:
    doc = read_html(f"<table>{group}<tr><td>A</td><td>B</td></tr>\n<tr>{row}</tr></table>")
    assert "12" not in doc.text
    (found,) = [d for d in doc.diagnostics if d.code == "P420"]
    assert found.severity is Severity.WARNING


@pytest.mark.parametrize("between", ["\n  ", "&nbsp;", "\u3000", "<!-- 12 -->"])
def test_blank_text_between_a_tables_cells_is_no_stray(between: str) -> None:
    doc = read_html(f"<table><tr><td>A</td>{between}<td>B</td></tr>{between}</table>")
    assert [d.code for d in doc.diagnostics] == []


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ('<td style="display:none">9</td>', False),
        ('<td style="DISPLAY : none">9</td>', False),
        ('<td style="display:\xa0none">9</td>', True),  # no CSS declaration: shown
        ('<td><span class="x\xa0share">9</span></td>', True),  # one class: "x\xa0share"
        ('<td><span class="x share">9</span></td>', False),  # "share": chrome
        # A reference spelling a hiding style, after a quoted ">" in the same tag.
        ('<td><span title="a>b" style="&#100;isplay:none">9</span></td>', False),
        ("<td><span title='a>b' style=\"&#100;isplay:none\">9</span>8</td>", False),
        ('<td><b><span title="a>b" style="displ&#97;y:none">9</span></b></td>', False),
    ],
)
def test_hiding_styles_and_class_names_read_as_browsers_read_them(cell: str, shown: bool) -> None:
    doc = read_html(f"<table><tr><td>标签</td>{cell}<td>3</td></tr></table>")
    assert ("9" in doc.text) is shown


@pytest.mark.parametrize(
    "table",
    [
        '<table><tbody style="visibility:hidden"><tr><td>a</td><td>9</td></tr></tbody>'
        "<tr><td>b</td><td>2</td></tr></table>",
        '<table style="visibility:hidden"><tr><td>a</td><td>9</td></tr>'
        '<tr style="visibility:visible"><td>b</td><td>2</td></tr></table>',
        "<style>.h{visibility:collapse}</style><table><thead class=h><tr><td>a</td><td>9</td>"
        "</tr></thead><tbody><tr><td>b</td><td>2</td></tr></tbody></table>",
    ],
)
def test_an_invisible_table_or_row_group_hides_its_rows_cells(table: str) -> None:
    # Visibility is inherited from the table and the row group (as Chromium shows these).
    doc = read_html(table)
    assert "9" not in doc.text and "a" not in doc.text
    assert _rows(doc)[-1] == ["b", "2"]


def test_a_cell_whose_quote_is_left_open_stays_a_cell_with_a_warning() -> None:
    doc = read_html(_ROW.format('<td>标签</td><td class="x>12</td><td>3</td>'))
    assert _rows(doc)[1] == ["标签", "12", "3"]  # not 3 moved one column left
    assert [d.code for d in doc.diagnostics] == ["P419"]


def test_a_quote_that_swallows_other_cells_is_warned_about() -> None:
    doc = read_html(_ROW.format('<td>标签</td><td class="x>12</td><td class="y">3</td>'))
    assert "P419" in [d.code for d in doc.diagnostics]


def test_a_comment_left_open_hides_the_rest_of_the_page_with_a_warning_naming_it() -> None:
    page = "<p>一、总体情况</p><table><tr><td>A</td><td>1<!-- x -- >2</td></tr></table><p>后文</p>"
    doc = read_html(page)
    assert _texts(doc) == ["一、总体情况", "A\t1"]
    (found,) = [d for d in doc.diagnostics if d.code == "P422"]
    assert found.severity is Severity.WARNING
    at = page.index("<!--")
    assert f"page offset {at})" in found.message_en
    assert f"({len(page) - at} characters)" in found.message_en


@pytest.mark.parametrize("opened", ["<script>", "<style>", "<title>", "<textarea>", "<noscript>"])
def test_an_element_of_text_left_open_hides_the_rest_of_the_page_with_a_warning(
    opened: str,
) -> None:
    page = f"<p>一、总体情况</p>{opened}<p>后文</p><table><tr><td>A</td><td>1</td></tr></table>"
    doc = read_html(page)
    # (A <title>'s text may still be the title line: the page has no other.)
    assert [line.text for line in doc.lines if "一、总体情况" in line.text] == ["一、总体情况"]
    assert not any(line.kind is LineKind.ROW for line in doc.lines)
    (found,) = [d for d in doc.diagnostics if d.code == "P422"]
    assert f"{opened} is left unclosed in the page (page offset {page.index(opened)})" in (
        found.message_en
    )


@pytest.mark.parametrize(
    "page",
    [
        "<p>一、总体情况</p><script>x</script><textarea></textarea><p>后文</p>",
        "<p>一、总体情况</p><p>后文</p><script src=a.js>\n",  # nothing after it to hide
        "<p>一、总体情况</p><!-- x --><p>后文</p>",
        "<p>一、总体情况</p><p>后文</p><!--  \n",  # nothing after it to hide
        '<p title="a>b<!--c">一、总体情况</p><p>后文</p>',  # in a quoted value: no comment
    ],
)
def test_a_page_whose_comments_hide_nothing_is_read_to_its_end_without_p422(page: str) -> None:
    doc = read_html(page)
    assert _texts(doc)[-1] == "后文"
    assert "P422" not in [d.code for d in doc.diagnostics]


def test_script_ends_at_its_end_tag_whatever_follows_the_name() -> None:
    page = "<script>var a = '<td>';</script foo><table><tr><td>A</td><td>1</td></tr></table>"
    assert _rows(read_html(page)) == [["A", "1"]]


def test_entity_spelled_hiding_style_hides_a_table() -> None:
    page = '<div style="&#100;isplay:none"><table><tr><td>B</td><td>9</td></tr></table></div>'
    assert _rows(read_html(page + "<p>正文</p>")) == []


def test_word_conditional_comments_and_hidden_text() -> None:
    page = (
        "<!--[if gte mso 9]><xml><w:WordDocument>隐藏</w:WordDocument></xml><![endif]-->"
        "<p style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>"
        "一、<span style='font:7.0pt'>&nbsp;&nbsp; </span></span><![endif]>总体情况</p>"
        "<p><span style='display:none;mso-hide:all'>看不见</span>"
        "<span style='mso-hide:all'>看得见</span>正文</p>"
    )
    # Word's hidden text is display:none; mso-hide alone is Word's, and browsers show it.
    texts = _texts(read_html(page))
    assert texts[0].replace(" ", "") == "一、总体情况"
    assert texts[1:] == ["看得见正文"]


def test_consecutive_tables_are_one_grid_and_layout_tables_are_read_through() -> None:
    page = (
        "<table><tr><td><h1>安宁市2020年政府信息公开工作年度报告</h1>"
        "<table><tr><td>规章</td><td>1</td></tr></table><p>&nbsp;</p>"
        "<table><tr><td>规范性文件</td><td>2</td></tr></table></td></tr></table>"
    )
    doc = read_html(page)
    rows = [line for line in doc.lines if line.kind is LineKind.ROW]
    assert [[c.text for c in r.cells] for r in rows] == [["规章", "1"], ["规范性文件", "2"]]
    assert rows[0].table == rows[1].table


# --- chrome, metadata box, title -------------------------------------------------------------


def test_site_chrome_is_kept_out_and_the_box_becomes_evidence() -> None:
    page = render_html(fixed_report("2021"), HtmlStyle(kind="site"))
    doc = read_html(page.data)
    text = doc.text
    for chrome in ("首页", "当前位置", "分享到", "打印本页", "附件", "版权所有", "索引号", "var a"):
        assert chrome not in text, chrome
    assert doc.lines[0].text == "安宁市人民政府2021年政府信息公开工作年度报告"
    assert doc.meta["agency"] == "安宁市人民政府"
    assert doc.meta["published"] == page.published
    assert doc.meta["title_source"] == "heading"


def test_unmarked_breadcrumb_and_footer_lines_are_chrome() -> None:
    page = (
        "<div>您现在的位置：首页 &gt; 信息公开</div><h2>安宁市2020年政府信息公开工作年度报告</h2>"
        "<p>正文。</p><p>【打印】【关闭】</p><div>版权所有：安宁市人民政府</div>"
    )
    assert _texts(read_html(page)) == ["安宁市2020年政府信息公开工作年度报告", "正文。"]


@pytest.mark.parametrize(
    "line",
    [
        "（四）平台建设。全年发布信息1234条，规范标注ICP备案号。",  # the words of a footer
        "网站标识码规范\t12",  # a table row
        "内容。详见附件.pdf",  # a sentence ending in a file name
        "商标©\t7",  # a row holding a footer's sign
        "Copyright登记\t5",
        "本年度受理涉及版权所有人的申请12件；",  # prose with a footer's word, and a number
        "（三）版权所有权登记办理情况：全年办理 35 件",
    ],
)
def test_report_lines_with_footer_words_are_kept(line: str) -> None:
    head = "<h1>某县2023年政府信息公开工作年度报告</h1><p>一、总体情况</p>"
    body = (
        f"<table><tr><td>{line.replace(chr(9), '</td><td>')}</td></tr></table>"
        if "\t" in line
        else f"<p>{line}</p>"
    )
    assert _texts(read_html(head + body))[-1] == line


@pytest.mark.parametrize(
    "footer",
    [
        "版权所有：安宁市人民政府",
        "© 2023 安宁市人民政府",
        "滇ICP备05000888号-1",
        "网站标识码5301000001",
        "滇公网安备 53010202000123号",
        "版权所有 安宁市人民政府",
    ],
)
def test_footer_lines_are_chrome(footer: str) -> None:
    # (and "版权所有 安宁市人民政府", a line of prose that is no sentence)
    page = f"<h1>某县2023年政府信息公开工作年度报告</h1><p>正文。</p><div>{footer}</div>"
    assert _texts(read_html(page)) == ["某县2023年政府信息公开工作年度报告", "正文。"]


def test_report_sentences_that_start_like_chrome_are_kept() -> None:
    sentence = "相关信息公开工作由办公室负责，联系我们的方式见本报告。"
    assert _texts(read_html(f"<p>{sentence}</p><p>相关链接</p>")) == [sentence]


def test_title_heading_wins_over_a_link_to_another_years_report_above_it() -> None:
    page = (
        "<p><a href='/2019.html'>安宁市2019年政府信息公开工作年度报告</a></p>"
        "<h1>安宁市2020年政府信息公开工作年度报告</h1><p>正文。</p>"
    )
    assert _texts(read_html(page)) == ["安宁市2020年政府信息公开工作年度报告", "正文。"]


def test_title_from_the_box_when_neither_heading_nor_title_has_it() -> None:
    page = (
        "<div class=info><p>索引号：001</p><p>标题：安宁市2020年政府信息公开工作年度报告</p>"
        "<p>发布机构：安宁市人民政府</p></div><p>一、总体情况</p>"
    )
    report = gikparse.parse_html(page)
    assert report.meta.title == "安宁市2020年政府信息公开工作年度报告"
    assert report.agency == "安宁市"  # the title names it; the box is only a fallback
    assert "P412" in {d.code for d in report.diagnostics}


@pytest.mark.parametrize("name", ["textarea", "noscript", "iframe", "noembed", "noframes"])
def test_the_text_of_elements_browsers_read_as_text_holds_no_markup(name: str) -> None:
    # Their tags and comments are text, not shown: "<!--" in one opens no comment that a
    # later "-->" would end, and its "</td>" ends no cell (as Chromium shows these pages).
    page = f"<{name}>a<!--b</{name}><p>x</p><!--c--><p>y</p>"
    assert _texts(read_html(page)) == ["x", "y"]
    row = f"<table><tr><td>1</td><td><{name}>2</td><td>3</{name}>4</td></tr></table>"
    assert _texts(read_html(row)) == ["1\t4"]


def test_the_title_is_the_text_of_the_first_title_element_as_it_is() -> None:
    # Browsers read it as text up to </title>: its tags are characters of it.
    page = "<title>安宁市2020年<b>政府信息公开工作年度报告</title><p>x</p><!--c--><p>y</p>"
    assert _texts(read_html(page)) == ["安宁市2020年<b>政府信息公开工作年度报告", "x", "y"]
    page = "<title>安宁市2020年政府信息公开工作年度报告<!--x</title><p>x</p><!--c--><p>y</p>"
    assert _texts(read_html(page))[1:] == ["x", "y"]


_TABLE = "<table><tr><td>申请</td><td>125</td></tr></table>"


@pytest.mark.parametrize(
    "page",
    [
        # A head left open ends where browsers end it: at <body>, at text, at a <p>.
        f"<html><head><title>报告</title><body><p>一、总体情况</p>{_TABLE}</body></html>",
        f"<html><head><meta charset=utf-8><style>p{{}}</style>一、总体情况{_TABLE}",
        f"<head><title>报告</title><p>一、总体情况</p>{_TABLE}",
        # A head where browsers ignore one: after the page's head, inside the body.
        f"<head></head><p>一、总体情况</p><head>{_TABLE}</head>",
        # Void or empty elements that hold nothing hide nothing after them.
        f'<p>一、总体情况</p><embed src="v.swf">{_TABLE}',
        f'<p>一、总体情况<a href="#"><svg class="icon"/></a></p>{_TABLE}',
        f"<p>一、总体情况</p><math/>{_TABLE}",
        # An <svg> left open ends at the HTML browsers end it at.
        f"<p>一、总体情况</p><svg><path d='M0'></path>{_TABLE}",
        f"<p>一、总体情况</p><svg><g><p>{_TABLE}</p>",
        # Shown as browsers show them: fallback content, a map's content, unknown elements.
        f'<p>一、总体情况</p><object data="x.swf">{_TABLE}</object>',
        f"<p>一、总体情况</p><map name=m>{_TABLE}</map>",
        f"<xml><w:View>Normal</w:View></xml><p>一、总体情况</p>{_TABLE}",
    ],
)
def test_markup_that_ends_where_browsers_end_it_hides_no_report(page: str) -> None:
    doc = read_html(page)
    assert "一、总体情况" in _texts(doc)
    assert _rows(doc) == [["申请", "125"]]


@pytest.mark.parametrize(
    "page",
    [
        "<template><template>9</template>9</template><p>y</p>",  # templates nest
        '<table style="visibility:hidden"><caption>表9</caption><tr><td>a</td><td>9</td></tr>'
        "</table><p>y</p>",  # the caption of an invisible table is invisible
        # Word's document properties left in a page (browsers show "Normal 9"): no report.
        "<xml><w:WordDocument><w:View>Normal</w:View><w:Zoom>9</w:Zoom></w:WordDocument></xml>"
        "<p>y</p>",
    ],
)
def test_content_not_shown_or_of_no_report_is_left_out(page: str) -> None:
    assert "9" not in read_html(page).text


def test_an_xml_tag_without_its_end_tag_hides_nothing() -> None:
    assert _texts(read_html("<p>a</p><xml><p>b</p>")) == ["a", "b"]


@pytest.mark.parametrize("mark", ["<sup>1</sup>", "<sub>1</sub>", "<sup><span>1</span></sup>"])
@pytest.mark.parametrize("struck", ["", "<del>7</del>", "<s>7</s>", "<strike>7</strike>"])
def test_raised_or_struck_out_digits_stand_apart_from_a_value(mark: str, struck: str) -> None:
    # 5 with a footnote mark is never 51, a 7 struck out before 5 never 75: the digits stay
    # apart, and the table reader names the cell (two values in one).
    doc = read_html(f"<table><tr><td>规章</td><td>{struck}5{mark}</td><td>3</td></tr></table>")
    cell = _rows(doc)[0][1]
    assert cell.replace(" ", "") == ("7" if struck else "") + "51"
    assert " 5" in cell or cell.startswith("5 ")
    # Prose keeps Chinese text together: 注<sup>1</sup> is 注1.
    assert _texts(read_html("<p>面积100m<sup>2</sup>，注<sup>1</sup>：含</p>")) == [
        "面积100m 2，注1：含"
    ]


@pytest.mark.parametrize(
    "style",
    [
        "vertical-align:super",
        "vertical-align: sub;",
        "VERTICAL-ALIGN:SUPER",
        "vertical-align:3pt",
        "vertical-align:-0.5em",
        "vertical-align:33%",
        "vertical-align:/* raised */super",
        "vertical-align:baseline;vertical-align:super",
        "vertical-align:super!important;vertical-align:baseline",
        "font-size:9pt;text-decoration:line-through",
        "text-decoration-line:underline line-through",
        "vertic\\61 l-align:super",  # a CSS escape spells the name
        "vertical-align:calc(2px + 1px)",  # not computed: not taken as on the line
        # Word's raised and lowered text.
        "position:relative;top:-3.0pt;mso-text-raise:3.0pt",
        "position: relative; bottom: 2px",
        # A footnote mark floated to the cell's edge: 5 at the left, 1 at the right.
        "float:right",
        "FLOAT: left",
        "float:none;float:inline-end",
    ],
)
@pytest.mark.parametrize("tag", ["span", "font", "a"])
def test_digits_a_style_raises_strikes_out_or_floats_stand_apart_from_a_value(
    style: str, tag: str
) -> None:
    # Editors and Google Docs write superscripts as styled spans: 5 with a raised 1 shows as
    # 5 and a footnote mark, never 51 (as <sup> above).
    quoted = style.replace('"', "&quot;")
    inner = f'<{tag} style="{quoted}">1</{tag}>'
    for page in (
        f"<table><tr><td>规章</td><td>5{inner}</td><td>3</td></tr></table>",
        f"<table><tr><td>规章</td><td><p><span>5</span>{inner}<span>0</span></p></td>"
        "<td>3</td></tr></table>",
    ):
        cell = _rows(read_html(page))[0][1]
        assert cell.startswith("5 1"), (page, cell)
    # Text after the styled element stands apart too; a span inside it is part of it.
    page = f'<table><tr><td>规章</td><td>5<{tag} style="{quoted}"><span>1</span>2</{tag}>0</td>'
    assert _rows(read_html(page + "<td>3</td></tr></table>"))[0][1] == "5 12 0"


@pytest.mark.parametrize(
    "style",
    [
        "vertical-align:baseline",
        "vertical-align: middle",
        "vertical-align:top",
        "vertical-align:0",
        "vertical-align:super;vertical-align:baseline",
        "text-decoration:underline",
        "color:red",
        "position:relative",
        "position:relative;top:0pt",
        "position:absolute;top:3pt;position:static",
        "float:none",
        "float:right;float:none",
        "float:middle",  # no value of float: dropped
    ],
)
def test_a_style_that_neither_raises_nor_strikes_out_nor_floats_keeps_digits_together(
    style: str,
) -> None:
    page = (
        f'<table><tr><td>规章</td><td>5<span style="{style}">1</span></td><td>3</td></tr></table>'
    )
    assert _rows(read_html(page))[0][1] == "51"
    # A cell or row aligned in any way is no superscript.
    page = (
        f'<table><tr style="{style}"><td>规章</td><td style="vertical-align:super">51</td>'
        "<td>3</td></tr></table>"
    )
    assert _rows(read_html(page))[0] == ["规章", "51", "3"]


@pytest.mark.parametrize(
    ("value", "read"),
    [
        ("5<sup>\u200b1</sup>", "5 \u200b1"),  # editors leave zero-width spaces
        ('５<span style="vertical-align:super">１</span>', "５ １"),  # full-width digits
        ("５<sup>1</sup>", "５ 1"),
        # An empty superscript sets nothing apart; raised runs side by side are one.
        ("5<sup></sup>1", "51"),
        ('5<span style="vertical-align:super"><span style="display:none">9</span></span>1', "51"),
        ('5<sup>1</sup><span style="vertical-align:super">2</span>', "5 12"),
        ("<s>1</s><s>2</s>5", "12 5"),
    ],
)
def test_a_superscript_edge_sees_the_characters_shown_beside_it(value: str, read: str) -> None:
    page = f"<table><tr><td>规章</td><td>{value}</td><td>3</td></tr></table>"
    assert _rows(read_html(page))[0][1] == read


@pytest.mark.parametrize("mark", ["<sup>*</sup>", "<sup>①</sup>", "<sub>※</sub>"])
def test_a_raised_mark_that_is_no_digit_stays_on_its_value(mark: str) -> None:
    # As a footnote mark written on the line (5* is 5): no space, no ambiguous cell.
    doc = read_html(f"<table><tr><td>规章</td><td>5{mark}</td><td>3</td></tr></table>")
    assert _rows(doc) == [["规章", "5" + mark[5], "3"]]


def test_a_template_in_a_cell_adds_no_cell() -> None:
    # A template's content is inert: its <td> is no cell of the table around it.
    page = "<table><tr><td>a</td><td>1<template><td>8</td></template></td><td>2</td></tr></table>"
    assert _rows(read_html(page)) == [["a", "1", "2"]]


def test_a_value_after_a_void_element_in_a_cell_is_read() -> None:
    doc = read_html(
        '<table><tr><td>申请</td><td><embed src="a.swf">125</td><td>7</td></tr></table>'
    )
    assert _rows(doc) == [["申请", "125", "7"]]


def test_preformatted_text_keeps_its_lines() -> None:
    doc = read_html("<pre>一、总体情况\n规章    0   1\n\n二、主动公开</pre>")
    assert _texts(doc) == ["一、总体情况", "规章 0 1", "二、主动公开"]


def test_fragment_without_html_or_body() -> None:
    doc = read_html("<p>一、总体情况</p><table><tr><td>规章</td><td>3</td></tr></table>")
    assert _texts(doc) == ["一、总体情况", "规章\t3"]


# --- sniffing and dispatch -------------------------------------------------------------------


def _zip(names: list[str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return out.getvalue()


MHT = (
    b"From: <Saved by Blink>\r\nSubject: report\r\nMIME-Version: 1.0\r\n"
    b'Content-Type: multipart/related; type="text/html"; boundary="B"\r\n\r\n'
    b"--B\r\nContent-Type: text/html; charset=gbk\r\nContent-Transfer-Encoding: base64\r\n\r\n"
    + codecs.encode(
        "<html><body><h1>安宁市2020年政府信息公开工作年度报告</h1></body></html>".encode("gbk"),
        "base64",
    )
    + b"\r\n--B--\r\n"
)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n...", "pdf"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "ole"),
        (_zip(["word/document.xml", "[Content_Types].xml"]), "docx"),
        (_zip(["xl/workbook.xml"]), "zip"),
        (b"<!DOCTYPE html><html><body>x</body></html>", "html"),
        (b"\xef\xbb\xbf<html><body>x</body></html>", "html"),
        ("<html><body>页面另存为.doc</body></html>".encode("gbk"), "html"),
        (MHT, "mht"),
        ("一、总体情况\n规章\t0".encode(), "text"),
        # A page that starts with more than the first 4 KB of script, comment or space.
        (
            b"<script>" + b"var _hmt=_hmt||[];" * 300 + b"</script><html><body>x</body></html>",
            "html",
        ),
        (b"<!--" + b" saved " * 800 + b"-->\n<!DOCTYPE html><html>x</html>", "html"),
        (b"\n" * 5000 + b"<table><tr><td>x</td></tr></table>", "html"),
    ],
)
def test_sniff_reads_the_kind_from_the_bytes(data: bytes, kind: str) -> None:
    assert sniff(data) == kind


@pytest.mark.parametrize(
    "data",
    [b":" * 4096, (b"a:b" * 30 + b"\n") * 40, b"<!--" * 1000, b"<td" * 2000, b"<" * 5000],
)
def test_sniff_is_quick_on_hostile_heads(data: bytes) -> None:
    assert sniff(data * 3) == "text"


def test_sniff_text_tells_pages_from_report_text() -> None:
    assert sniff_text("<p>一、总体情况</p>") == "html"
    assert sniff_text("一、总体情况\n规章\t0") == "text"


def _mht(*pages: str) -> bytes:
    parts = b"".join(
        b"--B\r\nContent-Type: text/html; charset=gbk\r\nContent-Transfer-Encoding: base64\r\n"
        + f"Content-Location: https://example.gov.cn/{i}.html\r\n\r\n".encode()
        + codecs.encode(page.encode("gbk"), "base64")
        + b"\r\n"
        for i, page in enumerate(pages)
    )
    return MHT[: MHT.index(b"--B")] + parts + b"--B--\r\n"


def test_an_mht_page_reads_every_frame_the_report_may_be_in() -> None:
    # Chrome saves a page's frames as further HTML parts: here the report is in the second.
    outer = '<html><body><div class="nav">首页</div><iframe src="1.html"></iframe></body></html>'
    page = render_html(fixed_report("2021"), HtmlStyle(kind="template")).text
    report = gikparse.parse(_mht(outer, page))
    assert report.agency == "安宁市人民政府" and report.year == 2021
    assert report.table("active_disclosure.rules") is not None


def test_mht_is_read_from_its_html_part() -> None:
    assert "安宁市" in mht_html(MHT).text
    # Its charset comes with the part, not as a tag in front of the page (which would put a
    # page with a doctype in quirks mode).
    assert mht_html(_mht("<!DOCTYPE html><p>中</p>")).text == "<!DOCTYPE html><p>中</p>"


def test_an_mht_part_is_decoded_as_a_page_declaring_its_charset_is() -> None:
    # A Western label over GBK bytes is guessed past; bytes that fit nothing are named.
    page = render_html(fixed_report("2021"), HtmlStyle(kind="template")).text
    western = _mht(page).replace(b"charset=gbk", b"charset=iso-8859-1")
    assert gikparse.parse(western).agency == "安宁市人民政府"
    stray = MHT[: MHT.index(b"--B")] + (
        b"--B\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        + "<table><tr><td>申请</td><td>1".encode()
        + b"\xff2</td></tr></table>\r\n--B--\r\n"
    )
    assert "P423" in {d.code for d in gikparse.parse(stray).diagnostics}
    report = gikparse.parse(MHT)
    assert report.agency == "安宁市"
    assert report.year == 2020


def test_parse_dispatches_pages_given_as_text_bytes_or_path(tmp_path: Path) -> None:
    page = render_html(fixed_report("2020"), HtmlStyle(kind="template"))
    path = tmp_path / "report.doc"  # a page saved as .doc: the bytes decide
    path.write_bytes(page.data)
    from_text = gikparse.parse(page.text)
    assert from_text == gikparse.parse(page.data) == gikparse.parse(path)
    assert from_text == gikparse.parse_html(page.text)
    assert from_text.table("applications") is not None


# --- bounded work ----------------------------------------------------------------------------


def test_deep_nesting_is_read_flat_with_a_diagnostic() -> None:
    report = gikparse.parse_html("<div>" * 10_000 + "一、总体情况")
    assert report.section("overview") is not None
    assert "P417" in {d.code for d in report.diagnostics}


def test_hundreds_of_unclosed_divs_after_a_report_are_harmless() -> None:
    """Real pages leave hundreds of <div>s unclosed; browsers read them, and so do we."""
    page = _SEED_PAGE.read_text("utf-8")
    end = page.index("</body>")
    messy = page[:end] + "<p><div>附加说明</p>" * 600 + page[end:]
    assert _values(gikparse.parse_html(messy)) == _values(gikparse.parse_html(page))


def test_deep_inline_nesting_is_harmless() -> None:
    report = gikparse.parse_html("<span><font><b>" * 10_000 + "一、总体情况")
    assert report.section("overview") is not None


@pytest.mark.parametrize(
    "page",
    [
        "<table><tr><td>规章<td>1<tr><td>规范性文件<td>2",  # unclosed cells, rows, table
        "<p>一、总体情况<p><b><i>正文" + "<div><p>段落" * 200,
        "<!--" * 50_000 + "x",
        "<a " * 50_000,
        "<a href='" * 50_000 + ">",
        "<" * 200_000 + ">",
        "</" * 50_000,
        "<![foo[" * 20_000,
        "<![if x]>" * 20_000,
        "&" * 200_000,
        "<td>" * 200_000,
        # Cells that look like one run of text to the end, then are not: read in linear time.
        "<table><tr><td>" + "<span a= b = 'x' c=\"y\">1" * 5_000 + "<br></td></tr></table>",
        "<td>" + "<span a= b= c= d=>" * 20_000 + "<x",
        # Attributes that read two ways but for whitespace and "=" (a value, or a new name).
        "<span " + "a =b c= d /=e " * 10_000,
        "<table><tr><td>" + "<span a =b c= d>1" * 5_000 + "<x",
        "<td><span title='" + "<b>'" * 20_000,
        # One run of text between thousands of styling tags, then another: not one run.
        "<table><tr><td>" + "<span>" * 20_000 + "1<b>2</td><td>3</td></tr></table>",
        # A metadata line whose value is a long run of spaces.
        "<p>索引号：" + "&nbsp" * 50_000 + "发布机构：某局</p>",
        "<table><tr>" + '<td rowspan="65535" colspan="1000">1</td>' * 3_000 + "</tr></table>",
    ],
)
def test_broken_markup_gives_a_report(page: str) -> None:
    assert isinstance(gikparse.parse_html(page), gikparse.Report)


def test_many_elements_end_in_limit_exceeded() -> None:
    page = "<table>" + "<tr><td>规章</td><td>1</td></tr>" * 5_000 + "</table>"
    with pytest.raises(gikparse.LimitExceeded) as caught:
        gikparse.parse_html(page, limits=gikparse.Limits(max_text_chars=100_000))
    assert caught.value.field == "max_text_chars"


def test_twenty_megabyte_page_gives_its_report() -> None:
    """Pages grow big from inline images and scripts, not from the report."""
    page = render_html(fixed_report("2021"), HtmlStyle(kind="template")).text
    bulk = (
        '<img src="data:image/png;base64,' + "A" * 14_000_000 + '">'
        "<script>" + "var x = 1 < 2 && '<td>';\n" * 240_000 + "</script>"
    )
    big = page.replace("<body>", "<body>" + bulk).encode("utf-8")
    assert len(big) > 20_000_000
    report = gikparse.parse(big)
    assert report.table("applications") == gikparse.parse(page).table("applications")


def test_page_past_max_source_bytes_is_refused() -> None:
    with pytest.raises(gikparse.LimitExceeded):
        read_html(b"<p>x</p>" * 100, limits=gikparse.Limits(max_source_bytes=100))


_PIECES = [
    "<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<td rowspan=0>", "<td colspan=3>",
    "<td rowspan=99>", "<p>", "</p>", "<br>", "<span style='display:none'>", "</span>",
    "<div class=nav>", "</div>", "<!--", "-->", "<![if !supportLists]>", "<![endif]>",
    "<script>", "</script>", "&nbsp;", "&#20013;", "&", "<", ">", "规章", "0", "12", "一、总体情况",
    "索引号：", "发布机构：", "<title>", "</title>", "<h1>", "</h1>", "<pre>", "\n", " ",
]  # fmt: skip


@settings(max_examples=40)
@given(st.lists(st.sampled_from(_PIECES), max_size=80))
def test_any_markup_gives_a_report_or_a_gikparse_error(pieces: list[str]) -> None:
    try:
        report = gikparse.parse_html("".join(pieces))
    except gikparse.GikparseError:
        return
    assert isinstance(report, gikparse.Report)


@settings(max_examples=25)
@given(data=st.data())
def test_damaged_seed_pages_give_a_report(data: st.DataObject) -> None:
    page = (RENDERED / "002_0494dfef68de25df.html").read_bytes()
    start = data.draw(st.integers(0, len(page) - 1))
    length = data.draw(st.integers(1, 4000))
    damaged = page[:start] + page[start + length :]
    assert isinstance(gikparse.parse(damaged), gikparse.Report)


_SEED_PAGE = RENDERED / "000_623967a19d51db49.html"


def _values(report: gikparse.Report) -> dict[str, object]:
    return {t.id: [(c.row, c.column, c.value.value) for c in t.cells] for t in report.tables}


@pytest.mark.parametrize(
    "attributes",
    [
        'class="position-relative"',
        'id="print_content"',
        'class="zoom print-area"',
        'class="article-foot"',
        'id="con_menu"',
        'class="nav"',
        'id="footer"',
    ],
)
def test_report_wrapped_in_a_chrome_like_container_is_read(attributes: str) -> None:
    page = _SEED_PAGE.read_text("utf-8")
    start = page.index("<body>") + len("<body>")
    end = page.index("</body>")
    wrapped = page[:start] + f"<div {attributes}>" + page[start:end] + "</div>" + page[end:]
    assert _values(gikparse.parse_html(wrapped)) == _values(gikparse.parse_html(page))


@pytest.mark.parametrize("name", ["table-print", "share", "print"])
def test_report_table_in_a_chrome_like_container_is_read(name: str) -> None:
    page = _SEED_PAGE.read_text("utf-8")
    start = page.index("<table", page.index("三、"))
    end = page.index("</table>", start) + len("</table>")
    wrapped = page[:start] + f'<div class="{name}">' + page[start:end] + "</div>" + page[end:]
    report = gikparse.parse_html(wrapped)
    assert report.table("applications") is not None
    assert _values(report) == _values(gikparse.parse_html(page))


@pytest.mark.parametrize("wrapped", ['<span class="share">{}</span>', '<a class="print">{}</a>'])
def test_a_chrome_name_inside_a_report_table_never_blanks_a_value(wrapped: str) -> None:
    page = _SEED_PAGE.read_text("utf-8")
    report = gikparse.parse_html(page)
    cell = next(c for c in report.table("applications").cells if c.value.raw)
    loc = cell.value.location
    assert loc is not None and loc.source_offset is not None and loc.source_length is not None
    start, end = loc.source_offset, loc.source_offset + loc.source_length
    marked = page[:start] + wrapped.format(page[start:end]) + page[end:]
    again = gikparse.parse_html(marked)
    assert _values(again) == _values(report)
    assert "P415" in [d.code for d in again.diagnostics]


def test_chrome_that_held_a_table_is_named_in_a_diagnostic() -> None:
    page = _SEED_PAGE.read_text("utf-8")
    end = page.index("</body>")
    extra = '<div class="footer"><table><tr><td>网站标识</td><td>主办单位</td></tr></table></div>'
    report = gikparse.parse_html(page[:end] + extra + page[end:])
    assert [d.code for d in report.diagnostics if d.code == "P416"] == ["P416"]
    assert "网站标识" not in report.text


@pytest.mark.parametrize(
    ("name", "chrome"),
    [
        ("nav", True),
        ("share-box", True),
        ("site-footer", True),
        ("breadcrumb", True),
        ("print_content", False),
        ("print-area", False),
        ("table-print", False),
        ("article-foot", False),
        ("position-relative", False),
        ("con_menu", False),
    ],
)
def test_chrome_names_are_whole_chrome_words(name: str, chrome: bool) -> None:
    from gikparse.readers._html_names import is_chrome_name

    assert is_chrome_name(name) is chrome


def test_value_cell_spanning_rows_leaves_the_next_row_in_its_columns() -> None:
    page = _SEED_PAGE.read_text("utf-8")
    rows = (
        "<tr><td>行政处罚</td><td>6</td><td>0</td><td>152</td></tr>\n"
        "<tr><td>行政强制</td><td>0</td><td>0</td><td>0</td></tr>"
    )
    merged = (
        "<tr><td>行政处罚</td><td rowspan=2>6</td><td>0</td><td>152</td></tr>\n"
        "<tr><td>行政强制</td><td>3</td><td>4</td></tr>"
    )
    assert rows in page
    report = gikparse.parse_html(page.replace(rows, merged))
    table = report.table("active_disclosure.enforcement")
    assert table is not None
    penalty = {k: v.value for k, v in table.row("administrative_penalty").items()}
    coercion = {k: v.value for k, v in table.row("administrative_coercion").items()}
    assert penalty == {"previous_items": 6, "change": 0, "decisions": 152}
    assert coercion == {"previous_items": None, "change": 3, "decisions": 4}
    assert "P418" in {d.code for d in report.diagnostics}
    assert "P206" not in {d.code for d in report.diagnostics}


@pytest.mark.parametrize("control", ["", "\x02", "\x02注" * 12])
def test_control_characters_in_the_text_leave_chrome_decisions_alone(control: str) -> None:
    # The chrome guard cleans the page's runs of text in one pass, joined by U+0002; a page
    # that holds that character itself is cleaned run by run. A chrome-named element that
    # holds a section heading is read, one that holds no report content is left out.
    page = (
        "<h1>安宁市2020年政府信息公开工作年度报告</h1>"
        f"<p>注{control}释</p><div class=nav>首页</div>"
        "<div class=share>一、总体情况</div><p>本机关依法公开政府信息。</p>"
    )
    doc = read_html(page)
    assert "一、总体情况" in doc.text
    assert "首页" not in doc.text


@pytest.mark.parametrize(
    "unseen",
    [
        '<span style="display:none">{}</span>',
        "<script>var s = '{}';</script>",
        "<noscript>{}</noscript>",
        "<div hidden><p>{}</p></div>",
    ],
)
def test_hidden_report_words_do_not_make_chrome_report_content(unseen: str) -> None:
    # The guard keeps chrome that holds a section heading; a heading nobody sees (hidden,
    # in a script) is no reason to read a navigation bar into the report.
    page = (
        "<h1>安宁市2020年政府信息公开工作年度报告</h1><p>注释</p>"
        f"<div class=nav>首页 {unseen.format('三、收到和处理政府信息公开申请情况')} 政务公开</div>"
        "<h2>一、总体情况</h2><p>本机关依法公开政府信息。</p>"
    )
    doc = read_html(page)
    assert "政务公开" not in doc.text
    assert "一、总体情况" in doc.text

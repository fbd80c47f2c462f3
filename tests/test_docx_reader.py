"""The DOCX reader at Document level: runs, numbering, merged cells, text boxes, what is left
out."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gikparse
from gikparse.readers import docx as docx_module
from gikparse.readers._docx_numbering import format_number
from gikparse.readers.document import Document, Line, LineKind
from gikparse.readers.docx import read_docx
from gikparse.readers.sniff import is_docx, sniff
from tests.conftest import RENDERED
from tests.docx_render import NS, docx_package


def _read(body: str, **parts: str) -> Document:
    files = {f"word/{name}.xml": xml for name, xml in parts.items()}
    doc = read_docx(docx_package(f"<w:document {NS}><w:body>{body}</w:body></w:document>", files))
    # Every cell's span holds its text, and no cell holds a tab or a line break.
    for line in doc.lines:
        assert doc.text[line.start : line.end] == line.text
        for cell in line.cells:
            assert doc.text[cell.start : cell.end] == cell.text
            assert "\t" not in cell.text and "\n" not in cell.text
    return doc


def _p(text: str, ppr: str = "") -> str:
    return f'<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def _texts(doc: Document) -> list[str]:
    return [line.text for line in doc.lines if not line.is_blank]


def _num(num_id: int, ilvl: int) -> str:
    return f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'


def _lvl(ilvl: int, fmt: str, text: str, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>'
    )


def _numbering(*abstracts: str, nums: str) -> str:
    body = "".join(
        f'<w:abstractNum w:abstractNumId="{i}">{levels}</w:abstractNum>'
        for i, levels in enumerate(abstracts)
    )
    return f"<w:numbering {NS}>{body}{nums}</w:numbering>"


# --- numbering ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "numbers", "shown"),
    [
        ("chineseCounting", (1, 2, 9, 10, 11, 19, 20, 21, 99), "一二九十十一十九二十二十一九十九"),
        ("chineseCountingThousand", (3, 10, 15, 100, 105, 110), "三十十五一百一百零五一百一十"),
        ("ideographTraditional", (1, 2, 10), "甲乙癸"),
        ("ideographZodiac", (1, 12), "子亥"),
        ("decimal", (1, 10, 123), "110123"),
        ("decimalZero", (1, 10), "0110"),
        ("upperLetter", (1, 26, 27), "AZAA"),
        ("lowerLetter", (2,), "b"),
        ("upperRoman", (4, 9, 14), "IVIXXIV"),
        ("lowerRoman", (3,), "iii"),
        ("decimalEnclosedCircle", (1, 10), "①⑩"),
        ("chineseLegalSimplified", (1, 11), "壹壹拾壹"),
        ("ideographLegalTraditional", (2, 3, 6), "貳參陸"),
        ("decimalFullWidth", (12,), "１２"),
        ("none", (5,), ""),
        ("someFutureFormat", (7,), "7"),
    ],
)
def test_number_formats_print_as_word_does(fmt: str, numbers: tuple[int, ...], shown: str) -> None:
    assert "".join(format_number(n, fmt) for n in numbers) == shown


def test_numbered_headings_carry_their_ordinals_and_sub_levels_restart() -> None:
    numbering = _numbering(
        _lvl(0, "chineseCounting", "%1、")
        + _lvl(1, "chineseCounting", "（%2）")
        # w:isLgl: every level's number as decimal digits ("legal" numbering).
        + _lvl(2, "decimal", "%1.%2.%3", "<w:isLgl/>"),
        nums='<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>',
    )
    body = (
        _p("总体情况", _num(1, 0))
        + _p("主动公开", _num(1, 1))
        + _p("依申请公开", _num(1, 1))
        + _p("细项", _num(1, 2))
        + _p("主动公开政府信息情况", _num(1, 0))
        + _p("第一部分", _num(1, 1))
        + _p("not numbered")
        + _p("numId 0 is no list", _num(0, 0))
    )
    assert _texts(_read(body, numbering=numbering)) == [
        "一、总体情况",
        "（一）主动公开",
        "（二）依申请公开",
        "1.2.1 细项",
        "二、主动公开政府信息情况",
        "（一）第一部分",
        "not numbered",
        "numId 0 is no list",
    ]


def test_start_overrides_restart_a_list_and_lvl_restart_zero_never_restarts() -> None:
    numbering = _numbering(
        _lvl(0, "decimal", "%1.")
        + _lvl(1, "ideographTraditional", "%2、", '<w:lvlRestart w:val="0"/>'),
        nums=(
            '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
            '<w:num w:numId="2"><w:abstractNumId w:val="0"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
        ),
    )
    body = (
        _p("a", _num(1, 0))
        + _p("b", _num(1, 1))
        + _p("c", _num(1, 0))
        + _p("d", _num(1, 1))  # lvlRestart 0: goes on from 甲
        + _p("e", _num(2, 0))  # another w:num of the list with a start override: 5
        + _p("f", _num(1, 0))  # the first w:num shares the counters: 6
    )
    assert _texts(_read(body, numbering=numbering)) == [
        "1. a",
        "甲、b",
        "2. c",
        "乙、d",
        "5. e",
        "6. f",
    ]


def test_numbering_through_a_paragraph_style_and_its_bound_level() -> None:
    numbering = _numbering(
        _lvl(0, "chineseCountingThousand", "%1、", '<w:pStyle w:val="H1"/>')
        + _lvl(1, "chineseCounting", "（%2）", '<w:pStyle w:val="H2"/>'),
        nums='<w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num>',
    )
    styles = (
        f"<w:styles {NS}>"
        '<w:style w:type="paragraph" w:styleId="Base"><w:name w:val="heading 2"/>'
        '<w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="H1"><w:name w:val="一级"/>'
        '<w:basedOn w:val="Base"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="H2"><w:name w:val="二级"/>'
        '<w:basedOn w:val="Base"/></w:style>'
        "</w:styles>"
    )
    body = (
        _p("总体情况", '<w:pStyle w:val="H1"/>')
        + _p("主动公开", '<w:pStyle w:val="H2"/>')
        + _p("其他需要报告的事项", '<w:pStyle w:val="H1"/>')
    )
    doc = _read(body, numbering=numbering, styles=styles)
    assert _texts(doc) == ["一、总体情况", "（一）主动公开", "二、其他需要报告的事项"]
    # "heading 2" by name, inherited through w:basedOn.
    assert [(line.kind, line.level) for line in doc.lines] == [(LineKind.HEADING, 2)] * 3


def test_heading_styles_and_outline_levels_make_heading_lines() -> None:
    styles = (
        f'<w:styles {NS}><w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/>'
        "</w:style></w:styles>"
    )
    body = (
        _p("标题", '<w:pStyle w:val="1"/>')
        + _p("大纲二级", '<w:outlineLvl w:val="1"/>')
        + _p("正文", '<w:outlineLvl w:val="9"/>')
        + _p("无样式表", '<w:pStyle w:val="Heading3"/>')
    )
    doc = _read(body, styles=styles)
    assert [(line.kind, line.level) for line in doc.lines] == [
        (LineKind.HEADING, 1),
        (LineKind.HEADING, 2),
        (LineKind.TEXT, 0),
        (LineKind.TEXT, 0),  # a styles part names its styles; this one has none by that id
    ]
    # Without a styles part, a heading style is known by its id.
    without = _read(_p("无样式表", '<w:pStyle w:val="Heading3"/>'))
    assert [(line.kind, line.level) for line in without.lines] == [(LineKind.HEADING, 3)]


# --- runs --------------------------------------------------------------------------------


def test_runs_tabs_breaks_symbols_and_tracked_changes() -> None:
    body = (
        '<w:p><w:r><w:t xml:space="preserve">本年 </w:t></w:r><w:r><w:t>新收</w:t></w:r>'
        "<w:ins><w:r><w:t>申请</w:t></w:r></w:ins>"
        "<w:del><w:r><w:delText>删除的文字</w:delText></w:r></w:del>"
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:r><w:sym w:font="Wingdings" w:char="F0FC"/><w:sym w:font="Symbol" w:char="F02B"/>'
        "<w:noBreakHyphen/><w:t>件</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t><w:cr/><w:t>第三行</w:t></w:r></w:p>"
        "<w:p><w:r><w:tab/><w:t>一、本年新收</w:t><w:tab/><w:t>5</w:t><w:tab/><w:t>7</w:t></w:r></w:p>"
    )
    doc = _read(body)
    assert _texts(doc) == [
        "本年 新收申请3+-件",
        "第一行",
        "第二行",
        "第三行",
        "一、本年新收\t5\t7",
    ]
    assert doc.lines[-1].kind is LineKind.ROW and doc.lines[-1].table is None


def test_a_text_box_is_read_once_after_its_paragraph() -> None:
    box = "<w:txbxContent>" + _p("文本框里的标题") + "</w:txbxContent>"
    body = (
        '<w:p><w:r><w:t>锚定段落</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps">'
        f"<w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>{box}</wps:txbx>"
        "</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r></w:p>" + _p("下一段")
    )
    doc = _read(body)
    assert _texts(doc) == ["锚定段落", "文本框里的标题", "下一段"]
    assert doc.text.count("文本框里的标题") == 1


def test_headers_footers_and_footnotes_stay_out_of_the_body() -> None:
    def part(tag: str, text: str) -> str:
        return f"<w:{tag} {NS}>{_p(text)}</w:{tag}>"

    body = (
        _p("正文") + '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/></w:sectPr>'
    )
    doc = _read(body, header1=part("hdr", "页眉"), footer1=part("ftr", "页脚 5"))
    assert doc.text == "正文"


def test_a_table_of_contents_is_skipped_and_said() -> None:
    toc = (
        '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
        f"</w:docPartObj></w:sdtPr><w:sdtContent>{_p('一、总体情况 1')}</w:sdtContent></w:sdt>"
    )
    other = f"<w:sdt><w:sdtPr/><w:sdtContent>{_p('内容控件中的正文')}</w:sdtContent></w:sdt>"
    doc = _read(toc + other + _p("一、总体情况"))
    assert _texts(doc) == ["内容控件中的正文", "一、总体情况"]
    assert [d.code for d in doc.diagnostics] == ["P452"]


# --- tables ------------------------------------------------------------------------------


def _tc(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{_p(text)}</w:tc>"


def _tbl(*rows: str) -> str:
    return "<w:tbl>" + "".join(f"<w:tr>{r}</w:tr>" for r in rows) + "</w:tbl>"


def _cells(line: Line) -> list[tuple[str, int, int]]:
    return [(c.text, c.row_span, c.col_span) for c in line.cells]


def test_merged_cells_become_spans_and_continuations_are_left_out() -> None:
    restart, cont = '<w:vMerge w:val="restart"/>', "<w:vMerge/>"
    table = _tbl(
        _tc("", '<w:gridSpan w:val="2"/>' + restart) + _tc("申请人情况", '<w:gridSpan w:val="2"/>'),
        _tc("", '<w:gridSpan w:val="2"/>' + cont) + _tc("自然人") + _tc("总计"),
        _tc("三、本年度办理结果", restart) + _tc("（一）予以公开") + _tc("1") + _tc("1"),
        _tc("", cont) + _tc("（二）部分公开") + _tc("") + _tc("0"),
        '<w:trPr><w:gridBefore w:val="1"/></w:trPr>'
        + _tc("legacy", '<w:hMerge w:val="restart"/>')
        + _tc("", '<w:hMerge w:val="continue"/>')
        + _tc("9"),
    )
    doc = _read(_p("前") + table + _p("后") + table)
    rows = [line for line in doc.lines if line.kind is LineKind.ROW]
    assert [_cells(line) for line in rows[:5]] == [
        [("", 2, 2), ("申请人情况", 1, 2)],
        [("自然人", 1, 1), ("总计", 1, 1)],
        [("三、本年度办理结果", 2, 1), ("（一）予以公开", 1, 1), ("1", 1, 1), ("1", 1, 1)],
        [("（二）部分公开", 1, 1), ("", 1, 1), ("0", 1, 1)],
        # gridBefore: the row's first grid column is left blank, its cells stay in theirs
        [("", 1, 1), ("legacy", 1, 2), ("9", 1, 1)],
    ]
    assert {line.table for line in rows[:5]} == {0}
    assert {line.table for line in rows[5:]} == {1}
    assert _texts(doc)[0] == "前" and "后" in _texts(doc)


def test_cell_text_joins_paragraphs_chinese_directly_and_numbers_apart() -> None:
    cell = (
        "<w:tc>" + _p("1.属于") + _p("国家秘密") + "</w:tc>"
        "<w:tc>" + _p("12") + _p("34") + "</w:tc>"
        "<w:tc><w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>行</w:t></w:r></w:p></w:tc>"
    )
    doc = _read(_tbl(cell, _tc("x") + _tc("y") + _tc("z")))
    assert doc.lines[0].text == "1.属于国家秘密\t12 34\ta b行"


@pytest.mark.parametrize(
    "cell",
    [
        _p("１２") + _p("３４"),
        _p("12") + _p("３４"),
        "<w:p><w:r><w:t>１２</w:t><w:br/><w:t>３４</w:t></w:r></w:p>",
        "<w:p><w:r><w:t>１２</w:t><w:tab/><w:t>３４</w:t></w:r></w:p>",
        _p("１２．") + _p("５"),
    ],
)
def test_full_width_digits_on_two_lines_of_a_cell_stay_apart(cell: str) -> None:
    # Full-width digits are wide, but no Chinese text: two lines of them are two numbers.
    (line,) = _read_both(_tbl(_tc("规章") + f"<w:tc>{cell}</w:tc>"))
    assert line == "规章\t" + " ".join(re.findall(r"[0-9０-９．]+", cell))


def test_layout_tables_are_read_as_blocks_and_inner_tables_as_grids() -> None:
    inner = _tbl(_tc("规章") + _tc("3"), _tc("规范性文件") + _tc("5"))
    outer = _tbl(f"<w:tc>{_p('二、主动公开政府信息情况')}{inner}<w:p/></w:tc>")
    one_column = _tbl(_tc("只有一列"), _tc("第二行"))
    doc = _read(outer + one_column)
    assert _texts(doc) == [
        "二、主动公开政府信息情况",
        "规章\t3",
        "规范性文件\t5",
        "只有一列",
        "第二行",
    ]
    grid_rows = [line for line in doc.lines if line.kind is LineKind.ROW]
    assert len(grid_rows) == 2 and {line.table for line in grid_rows} == {0}


def test_rows_and_cells_inside_content_controls_are_read() -> None:
    row = f"<w:sdt><w:sdtContent><w:tr>{_tc('a')}<w:sdt><w:sdtContent>{_tc('b')}"
    row += "</w:sdtContent></w:sdt></w:tr></w:sdtContent></w:sdt>"
    doc = _read(f"<w:tbl>{row}<w:tr>{_tc('c')}{_tc('d')}</w:tr></w:tbl>")
    assert _texts(doc) == ["a\tb", "c\td"]


def test_an_empty_body_gives_an_empty_document_and_a_report_that_says_so() -> None:
    data = docx_package(f"<w:document {NS}><w:body/></w:document>")
    assert read_docx(data).lines == ()
    report = gikparse.parse(data)
    assert report.tables == () or all(not t.cells for t in report.tables)
    assert [d.code for d in report.diagnostics] == ["P001"]  # empty: said, not guessed


# --- slimming ----------------------------------------------------------------------------


def _unslimmed(data: bytes, monkeypatch: pytest.MonkeyPatch) -> Document:
    with monkeypatch.context() as patch:
        patch.setattr(docx_module, "slim", lambda xml, run_styles=False: xml)
        return read_docx(data)


def test_cutting_empty_formatting_elements_never_changes_the_document(
    seed_name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = (RENDERED / f"{seed_name}.docx").read_bytes()
    # Document equality covers the text and every line: cells, spans, kinds, levels, tables.
    assert read_docx(data) == _unslimmed(data, monkeypatch)


@settings(max_examples=15)
@given(data=st.data())
def test_cutting_empty_elements_keeps_every_element_the_reader_reads(data: st.DataObject) -> None:
    body = (
        '<w:p><w:pPr><w:jc w:val="center"/><w:pStyle w:val="Heading2"/><w:rPr></w:rPr></w:pPr>'
        '<w:r><w:rPr><w:b/><w:sz w:val="28"/></w:rPr><w:t>标题</w:t><w:tab/><w:t>1</w:t></w:r>'
        "</w:p>"
        "<w:p/><w:p></w:p>"
        '<w:tbl><w:tblPr><w:tblW w:w="0"/></w:tblPr><w:tr><w:trPr><w:gridBefore w:val="1"/>'
        '</w:trPr><w:tc><w:tcPr><w:tcW w:w="5"/><w:gridSpan w:val="2"/>'
        '<w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>a</w:t><w:br/><w:t>b</w:t></w:r>'
        '</w:p></w:tc><w:tc><w:p/></w:tc></w:tr><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/>'
        "<w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>c</w:t></w:r></w:p></w:tc></w:tr>"
        "</w:tbl>"
    )
    # Formatting sprinkled anywhere between elements must not matter either.
    junk = data.draw(st.sampled_from(['<w:jc w:val="left"/>', "<w:bidi/>", "<w:rPr></w:rPr>"]))
    at = data.draw(st.sampled_from([m.end() for m in re.finditer(r"<w:(?:r|pPr|tcPr)>", body)]))
    body = body[:at] + junk + body[at:]
    package = docx_package(f"<w:document {NS}><w:body>{body}</w:body></w:document>")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(docx_module, "slim", lambda xml, run_styles=False: xml)
        whole = read_docx(package)
    assert read_docx(package) == whole


def test_bullets_keep_real_characters_and_drop_symbol_font_glyphs() -> None:
    numbering = _numbering(
        _lvl(0, "bullet", "\uf0b7") + _lvl(1, "bullet", "●"),
        nums='<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>',
    )
    body = _p("符号字体", _num(1, 0)) + _p("实心圆", _num(1, 1))
    assert _texts(_read(body, numbering=numbering)) == ["符号字体", "●实心圆"]


def test_is_docx_tells_word_zips_from_other_zips_and_other_bytes() -> None:
    word = (RENDERED / "000_623967a19d51db49.docx").read_bytes()
    assert is_docx(word) and sniff(word) == "docx"
    assert not is_docx(docx_package("<x/>")[:50])
    assert not is_docx(b"%PDF-1.7")
    # Word finds the main part through the package relationships, whatever its name: so do
    # the sniffer and the reader, with one rule.
    renamed = _renamed_main_part(word)
    assert is_docx(renamed) and sniff(renamed) == "docx"
    assert read_docx(renamed).text == read_docx(word).text
    other = io.BytesIO()
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert not is_docx(other.getvalue()) and sniff(other.getvalue()) == "zip"


def _renamed_main_part(data: bytes) -> bytes:
    """``data`` (a DOCX) with word/document.xml renamed word/main.xml, as the relationships say."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            body = source.read(info)
            name = info.filename
            if name == "word/document.xml":
                name = "word/main.xml"
            elif name in ("_rels/.rels", "[Content_Types].xml"):
                body = body.replace(b"word/document.xml", b"word/main.xml")
            elif name == "word/_rels/document.xml.rels":
                name = "word/_rels/main.xml.rels"
            target.writestr(name, body)
    return out.getvalue()


def test_a_list_defined_through_a_numbering_style_takes_the_linked_levels() -> None:
    numbering = (
        f"<w:numbering {NS}>"
        '<w:abstractNum w:abstractNumId="0"><w:styleLink w:val="报告编号"/>'
        + _lvl(0, "chineseCounting", "%1、")
        + '</w:abstractNum><w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="报告编号"/>'
        "</w:abstractNum>"
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>'
    )
    body = _p("总体情况", _num(2, 0)) + _p("主动公开政府信息情况", _num(2, 0))
    assert _texts(_read(body, numbering=numbering)) == ["一、总体情况", "二、主动公开政府信息情况"]
    # Without the back-reference: the style in styles.xml names the list with the levels.
    unlinked = numbering.replace('<w:styleLink w:val="报告编号"/>', "")
    styles = (
        f'<w:styles {NS}><w:style w:type="numbering" w:styleId="报告编号"><w:name w:val="x"/>'
        '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>'
    )
    doc = _read(body, numbering=unlinked, styles=styles)
    assert _texts(doc) == ["一、总体情况", "二、主动公开政府信息情况"]


def test_hidden_text_is_left_out_as_word_does_not_show_it() -> None:
    body = (
        "<w:p><w:r><w:t>本年新收</w:t></w:r>"
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏的 999</w:t></w:r>"
        '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>申请</w:t></w:r></w:p>'
    )
    assert _texts(_read(body)) == ["本年新收申请"]


_HIDING_STYLES = (
    f"<w:styles {NS}><w:docDefaults><w:rPrDefault><w:rPr>{{defaults}}</w:rPr></w:rPrDefault>"
    '</w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal">'
    '<w:name w:val="Normal"/></w:style>'
    '<w:style w:type="character" w:styleId="H"><w:rPr><w:vanish/></w:rPr></w:style>'
    '<w:style w:type="character" w:styleId="H2"><w:basedOn w:val="H"/></w:style>'
    '<w:style w:type="character" w:styleId="Shown"><w:rPr><w:vanish w:val="0"/></w:rPr>'
    "</w:style>"
    '<w:style w:type="paragraph" w:styleId="HiddenPara"><w:rPr><w:vanish/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Note"><w:basedOn w:val="HiddenPara"/></w:style>'
    "</w:styles>"
)


def _run(text: str, rpr: str = "") -> str:
    return f'<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


@pytest.mark.parametrize(
    ("paragraph_style", "runs", "defaults", "shown"),
    [
        # A character style that hides, directly or through the style it is based on.
        ("", _run("1") + _run("9", '<w:rStyle w:val="H"/>') + _run("2"), "", "12"),
        ("", _run("1") + _run("9", '<w:rStyle w:val="H2"/>') + _run("2"), "", "12"),
        # The run's own w:vanish says last.
        ("", _run("1") + _run("9", '<w:rStyle w:val="H"/><w:vanish w:val="0"/>'), "", "19"),
        # A paragraph style that hides (through basedOn too); a character style that shows.
        ("Note", _run("9") + _run("12", '<w:rStyle w:val="Shown"/>'), "", "12"),
        ("HiddenPara", _run("9") + _run("12", "<w:vanish w:val='0'/>"), "", "12"),
        # The document's defaults hide every run that does not say otherwise.
        ("", _run("9") + _run("12", '<w:rStyle w:val="Shown"/>'), "<w:vanish/>", "12"),
        # A style of the other type is no style to Word: it hides nothing.
        ("", _run("1") + _run("2", '<w:rStyle w:val="HiddenPara"/>'), "", "12"),
        ("H", _run("12"), "", "12"),
    ],
)
def test_text_hidden_by_a_style_is_left_out(
    paragraph_style: str, runs: str, defaults: str, shown: str
) -> None:
    # A table cell (the scanner's fast path and the general reader's alike) and a paragraph.
    style = f'<w:pStyle w:val="{paragraph_style}"/>' if paragraph_style else ""
    paragraph = f"<w:p><w:pPr>{style}</w:pPr>{runs}</w:p>"
    body = _p("前文") + f"<w:tbl><w:tr>{_tc('收到')}<w:tc>{paragraph}</w:tc></w:tr></w:tbl>"
    doc = _read(body + paragraph, styles=_HIDING_STYLES.format(defaults=defaults))
    rows = [line for line in doc.lines if line.kind is LineKind.ROW]
    label = "" if defaults else "收到"  # hidden by the defaults too
    assert [c.text for c in rows[0].cells] == [label, shown]
    assert _texts(doc)[-1] == shown


_TO_STRICT = (
    (
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "http://purl.oclc.org/ooxml/wordprocessingml/main",
    ),
    (
        "http://schemas.openxmlformats.org/officeDocument/2006/math",
        "http://purl.oclc.org/ooxml/officeDocument/math",
    ),
)


def _strict(xml: str) -> str:
    for transitional, strict in _TO_STRICT:
        xml = xml.replace(transitional, strict)
    return xml


def test_strict_open_xml_reads_like_transitional() -> None:
    math = "http://schemas.openxmlformats.org/officeDocument/2006/math"
    equation = f'<m:oMath xmlns:m="{math}"><m:r><m:t>3</m:t></m:r></m:oMath>'
    body = _p("总体情况", _num(1, 0)) + _tbl(_tc("规章") + f"<w:tc><w:p>{equation}</w:p></w:tc>")
    numbering = _numbering(
        _lvl(0, "chineseCounting", "%1、"),
        nums='<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>',
    )
    transitional = _read(body, numbering=numbering)
    strict = read_docx(
        docx_package(
            _strict(f"<w:document {NS}><w:body>{body}</w:body></w:document>"),
            {"word/numbering.xml": _strict(numbering)},
        )
    )
    assert strict == transitional
    assert _texts(strict) == ["一、总体情况", "规章\t3"]


def test_text_under_a_phonetic_guide_is_read_and_the_guide_is_not() -> None:
    ruby = (
        '<w:r><w:ruby><w:rubyPr><w:hps w:val="10"/></w:rubyPr><w:rt><w:r><w:t>sān</w:t></w:r>'
        "</w:rt><w:rubyBase><w:r><w:t>3</w:t></w:r></w:rubyBase></w:ruby></w:r>"
    )
    body = _tbl(_tc("规章") + f"<w:tc><w:p>{ruby}</w:p></w:tc>") + f"<w:p>{_t('共')}{ruby}</w:p>"
    assert _read_both(body) == ["规章\t3", "共3"]


def test_a_row_deleted_with_tracked_changes_is_left_out() -> None:
    deleted = '<w:trPr><w:del w:id="1" w:author="审核人" w:date="2021-01-01T00:00:00Z"/></w:trPr>'
    doc = _read(
        _tbl(_tc("规章") + _tc("3"), deleted + _tc("规章") + _tc("99"), _tc("文件") + _tc("5"))
    )
    assert _texts(doc) == ["规章\t3", "文件\t5"]


def test_plain_cells_read_in_one_pass_read_as_the_general_path_reads_them(
    seed_name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gikparse.readers._docx_body import _Body
    from tests.docx_render import DocxStyle, render_docx
    from tests.strategies import fixed_report

    files = [
        (RENDERED / f"{seed_name}.docx").read_bytes(),
        render_docx(fixed_report("2020"), DocxStyle(numbered_labels=True, wrap_labels=True)),
        render_docx(fixed_report("2021"), DocxStyle(split_runs=True, numbering="style")),
    ]
    fast = [read_docx(data) for data in files]
    monkeypatch.setattr(_Body, "fast_cells", False)
    assert [read_docx(data) for data in files] == fast


def test_content_kept_outside_the_body_is_reported_not_dropped_silently() -> None:
    obj = (
        '<w:r><w:object><v:shape id="t"/><o:OLEObject xmlns:o="urn:schemas-microsoft-com:office:'
        'office" ProgID="Excel.Sheet.12" r:id="rId9"/></w:object></w:r>'
    )
    body = (
        _p("三、收到和处理政府信息公开申请情况")
        + f"<w:p>{obj}</w:p>"
        + '<w:altChunk r:id="rId10"/>'
        + _p("四、政府信息公开行政复议、行政诉讼情况")
    )
    doc = _read(body)
    found = {d.code: d for d in doc.diagnostics}
    assert set(found) == {"P453", "P454"}
    assert "Excel.Sheet.12" in found["P454"].message
    # Both point where the content sits: between the two headings.
    for diagnostic in found.values():
        located = diagnostic.location
        assert located is not None
        assert doc.lines[0].end <= located.offset <= doc.lines[-1].start


@pytest.mark.parametrize("scanner", [True, False])
def test_a_value_cell_merged_down_leaves_the_next_row_in_its_columns(scanner: bool) -> None:
    # As on a web page (P418): the merged value counts for its first row; the row below gets
    # a blank in its place and keeps its own values in their columns. A label merged down (a
    # group heading) adds no cell.
    restart, below = '<w:vMerge w:val="restart"/>', "<w:vMerge/>"
    body = _p("二、主动公开政府信息情况") + _tbl(
        _tc("第二十条第（六）项", '<w:gridSpan w:val="4"/>'),
        _tc("信息内容") + _tc("上一年项目数量") + _tc("本年增/减") + _tc("处理决定数量"),
        _tc("行政处罚") + _tc("6", restart) + _tc("0") + _tc("152"),
        _tc("行政强制") + _tc("", below) + _tc("3") + _tc("4"),
    )
    data = docx_package(f"<w:document {NS}><w:body>{body}</w:body></w:document>")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(docx_module, "_SCAN", scanner)
        doc = read_docx(data)
        report = gikparse.parse(data)
    rows = [_cells(line) for line in doc.lines if line.kind is LineKind.ROW]
    assert rows[-2:] == [
        [("行政处罚", 1, 1), ("6", 2, 1), ("0", 1, 1), ("152", 1, 1)],
        [("行政强制", 1, 1), ("", 1, 1), ("3", 1, 1), ("4", 1, 1)],
    ]
    assert [d.code for d in doc.diagnostics] == ["P455"]
    table = report.table("active_disclosure.enforcement")
    assert table is not None
    coercion = {k: v.value for k, v in table.row("administrative_coercion").items()}
    assert coercion == {"previous_items": None, "change": 3, "decisions": 4}
    labels = _tbl(_tc("甲", restart) + _tc("1") + _tc("2"), _tc("", below) + _tc("3") + _tc("4"))
    assert [_cells(line) for line in _read(labels).lines] == [
        [("甲", 2, 1), ("1", 1, 1), ("2", 1, 1)],
        [("3", 1, 1), ("4", 1, 1)],
    ]


# --- what Word shows of revisions, hidden marks, symbols, fields, equations ---------------

_CHINESE_LIST = _numbering(
    _lvl(0, "chineseCounting", "%1、"),
    nums='<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>',
)


def _read_both(body: str, **parts: str) -> list[str]:
    """The lines of ``body`` as the scanner and as the general reader read it (the same)."""
    found = []
    for scanner in (True, False):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(docx_module, "_SCAN", scanner)
            found.append(_texts(_read(body, **parts)))
    assert found[0] == found[1]
    return found[0]


@pytest.mark.parametrize(
    "removed",
    [
        # A whole paragraph deleted with tracked changes: its mark and its text.
        '<w:p><w:pPr>{num}<w:rPr><w:del w:id="1" w:author="a"/></w:rPr></w:pPr>'
        '<w:del w:id="2" w:author="a"><w:r><w:delText>乙</w:delText></w:r></w:del></w:p>',
        # Moved elsewhere: the paragraph left behind.
        '<w:p><w:pPr>{num}<w:rPr><w:moveFrom w:id="1" w:author="a"/></w:rPr></w:pPr>'
        '<w:moveFrom w:id="2" w:author="a"><w:r><w:t>乙</w:t></w:r></w:moveFrom></w:p>',
        # An empty paragraph whose mark is deleted (plain for the scanner but for its mark).
        '<w:p><w:pPr>{num}<w:rPr><w:del w:id="1" w:author="a"/></w:rPr></w:pPr></w:p>',
    ],
)
def test_a_numbered_paragraph_deleted_or_moved_away_is_neither_shown_nor_counted(
    removed: str,
) -> None:
    body = _p("甲", _num(1, 0)) + removed.format(num=_num(1, 0)) + _p("丙", _num(1, 0))
    assert _read_both(body, numbering=_CHINESE_LIST) == ["一、甲", "二、丙"]


def test_a_paragraph_whose_mark_is_deleted_runs_on_into_the_next() -> None:
    # Two paragraphs joined with tracked changes on: one paragraph, the second's label.
    joined = (
        f'<w:p><w:pPr>{_num(1, 0)}<w:rPr><w:del w:id="1" w:author="a"/></w:rPr></w:pPr>'
        f"{_t('乙，')}</w:p>"
    )
    body = _p("甲", _num(1, 0)) + joined + _p("丙", _num(1, 0)) + _p("丁", _num(1, 0))
    assert _read_both(body, numbering=_CHINESE_LIST) == ["一、甲", "二、乙，丙", "三、丁"]
    # Before a table, or at the end, it stands alone; so it does at the end of a container
    # (a cell of a frame table, read as blocks): it runs on into nothing outside it.
    assert _read_both(joined + _tbl(_tc("a") + _tc("1")) + joined, numbering=_CHINESE_LIST) == [
        "乙，",
        "a\t1",
        "乙，",
    ]
    frame = _tbl(f"<w:tc>{joined}</w:tc>", f"<w:tc>{_p('丁')}</w:tc>") + _p("后")
    assert _read_both(frame, numbering=_CHINESE_LIST) == ["乙，", "丁", "后"]


@pytest.mark.parametrize(
    "rpr",
    [
        '<w:vertAlign w:val="superscript"/>',
        '<w:vertAlign w:val="subscript"/>',
        "<w:strike/>",
        '<w:dstrike w:val="1"/>',
    ],
)
def test_raised_or_struck_out_runs_stand_apart_from_a_value(rpr: str) -> None:
    apart = f"<w:r><w:rPr>{rpr}</w:rPr><w:t>1</w:t></w:r>"
    body = _tbl(_tc("规章") + f"<w:tc><w:p>{_t('5')}{apart}</w:p></w:tc>")
    body += f"<w:p>{_t('注')}{apart}{_t('：面积100m')}{apart}</w:p>"
    assert _read_both(body) == ["规章\t5 1", "注1：面积100m 1"]
    # Full-width digits, and characters that show nothing between: apart all the same.
    wide = f"<w:r><w:rPr>{rpr}</w:rPr><w:t>\u200b１</w:t></w:r>"
    assert _read_both(f"<w:p>{_t('５')}{wide}</w:p>") == ["５ １"]  # (the space shown)
    # Not struck out: one run of text.
    plain = '<w:r><w:rPr><w:strike w:val="0"/></w:rPr><w:t>1</w:t></w:r>'
    assert _read_both(f"<w:p>{_t('5')}{plain}</w:p>") == ["51"]


_APART_STYLES = (
    f"<w:styles {NS}>"
    '<w:style w:type="character" w:styleId="Mark"><w:rPr><w:vertAlign w:val="superscript"/>'
    "</w:rPr></w:style>"
    '<w:style w:type="character" w:styleId="MarkToo"><w:basedOn w:val="Mark"/></w:style>'
    '<w:style w:type="character" w:styleId="Struck"><w:rPr><w:strike/></w:rPr></w:style>'
    '<w:style w:type="character" w:styleId="Twice"><w:rPr><w:dstrike/></w:rPr></w:style>'
    '<w:style w:type="character" w:styleId="Up"><w:rPr><w:position w:val="6"/></w:rPr>'
    "</w:style>"
    '<w:style w:type="character" w:styleId="a&amp;b"><w:basedOn w:val="Mark"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="RaisedPara"><w:rPr><w:vertAlign '
    'w:val="superscript"/></w:rPr></w:style>'
    "</w:styles>"
)


@pytest.mark.parametrize(
    ("rpr", "shown", "paragraph_style"),
    [
        # Raised or lowered by a character style (a footnote reference), directly or through
        # the style it is based on, or struck out by one.
        ('<w:rStyle w:val="Mark"/>', "5 1", ""),
        ('<w:rStyle w:val="MarkToo"/>', "5 1", ""),
        ('<w:rStyle w:val="Struck"/>', "5 1", ""),
        # Raised or lowered by w:position (half-points).
        ('<w:position w:val="6"/>', "5 1", ""),
        ('<w:position w:val="-4"/>', "5 1", ""),
        # Style ids written with references.
        ('<w:rStyle w:val="a&amp;b"/>', "5 1", ""),
        ('<w:rStyle w:val="&#77;ark"/>', "5 1", ""),
        # Each property is said on its own: the run's saying one does not stop its style's
        # saying another.
        ('<w:rStyle w:val="Mark"/><w:position w:val="0"/>', "5 1", ""),
        ('<w:rStyle w:val="Up"/><w:vertAlign w:val="baseline"/>', "5 1", ""),
        ('<w:rStyle w:val="Twice"/><w:strike w:val="0"/>', "5 1", ""),
        # The run's own properties say last; a style of the other type is none.
        ('<w:rStyle w:val="Mark"/><w:vertAlign w:val="baseline"/>', "51", ""),
        ('<w:rStyle w:val="Up"/><w:position w:val="0"/>', "51", ""),
        ('<w:position w:val="0"/>', "51", ""),
        ('<w:rStyle w:val="RaisedPara"/>', "51", ""),
        # A run set back to the baseline in a paragraph whose style raises its runs.
        ('<w:vertAlign w:val="baseline"/>', "5 1", "RaisedPara"),
    ],
)
def test_runs_raised_by_their_style_or_position_stand_apart_from_a_value(
    rpr: str, shown: str, paragraph_style: str
) -> None:
    apart = f"<w:r><w:rPr>{rpr}</w:rPr><w:t>1</w:t></w:r>"
    ppr = f'<w:pPr><w:pStyle w:val="{paragraph_style}"/></w:pPr>' if paragraph_style else ""
    body = _tbl(_tc("规章") + f"<w:tc><w:p>{ppr}{_t('5')}{apart}</w:p></w:tc>")
    body += f"<w:p>{ppr}{_t('5')}{apart}</w:p>"
    assert _read_both(body, styles=_APART_STYLES) == [f"规章\t{shown}", shown]


def test_a_list_label_its_level_hides_is_counted_not_shown() -> None:
    numbering = _numbering(
        _lvl(0, "decimal", "%1.", "<w:rPr><w:vanish/></w:rPr>")
        + _lvl(1, "decimal", "%1.%2", '<w:rPr><w:vanish w:val="0"/></w:rPr>'),
        nums='<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>',
    )
    body = _p("甲", _num(1, 0)) + _p("乙", _num(1, 0)) + _p("丙", _num(1, 1))
    body += _tbl(_tc("规章") + f"<w:tc>{_p('25', _num(1, 0))}</w:tc>")
    assert _read_both(body, numbering=numbering) == ["甲", "乙", "2.1 丙", "规章\t25"]


def test_a_value_cell_in_a_list_reads_as_its_label_and_number_never_one_number() -> None:
    # Word shows "1.⇥25": the label and the number typed after it (not 1.25).
    numbering = _numbering(
        _lvl(0, "decimal", "%1."), nums='<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    )
    body = _tbl(_tc("规章") + f"<w:tc>{_p('25', _num(1, 0))}</w:tc>")
    assert _read_both(body, numbering=numbering) == ["规章\t1. 25"]


def test_a_hidden_numbered_paragraph_is_not_shown_but_counted() -> None:
    hidden = (
        f"<w:p><w:pPr>{_num(1, 0)}<w:rPr><w:vanish/></w:rPr></w:pPr>"
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>乙</w:t></w:r></w:p>"
    )
    body = _p("甲", _num(1, 0)) + hidden + _p("丙", _num(1, 0))
    assert _read_both(body, numbering=_CHINESE_LIST) == ["一、甲", "三、丙"]


def _sym(font: str, code: str) -> str:
    return f'<w:r><w:sym w:font="{font}" w:char="{code}"/></w:r>'


def _t(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def test_symbol_font_characters_read_as_the_font_draws_them() -> None:
    symbols = {"F0B1": "±", "F0B4": "×", "F0B8": "÷", "F0A3": "≤", "F0B3": "≥", "F0B0": "°"}
    symbols |= {"F06D": "μ", "F061": "α", "F044": "Δ", "F0B9": "≠", "F0BB": "≈", "F035": "5"}
    body = "".join(f"<w:p>{_t('12')}{_sym('Symbol', code)}{_t('3')}</w:p>" for code in symbols)
    # Not characters: a Wingdings tick, a surrogate, a piece of a large bracket.
    body += f"<w:p>{_t('4')}{_sym('Wingdings', 'F0FC')}{_sym('Arial', 'D800')}"
    body += f"{_sym('Symbol', 'F0E6')}{_t('5')}</w:p>"
    lines = _read_both(body)
    assert lines == [*(f"12{shown}3" for shown in symbols.values()), "45"]
    assert all(line.encode("utf-8") for line in lines)


def _field(code: str, result: str) -> str:
    def mark(kind: str) -> str:
        return f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>'

    return mark("begin") + code + mark("separate") + result + mark("end")


def _code(text: str) -> str:
    return f'<w:r><w:instrText xml:space="preserve">{text}</w:instrText></w:r>'


def test_a_field_shows_its_result_and_a_field_inside_its_code_is_code() -> None:
    # { = { REF a } + 1 } with its result 5: the inner field's result 4 is code, not shown.
    inner = _field(_code(" REF a "), _t("4"))
    formula = _field(_code(" = ") + inner + _code(" + 1 "), _t("5"))
    body = f"<w:p>{_t('合计')}{formula}</w:p>" + _tbl(
        _tc("项目") + _tc("数量"),
        f"<w:tc><w:p>{_t('合计')}</w:p></w:tc><w:tc><w:p>{formula}</w:p></w:tc>",
    )
    # A tab or a break in a field's code is code too.
    tabbed = _field(_code("IF 1=1 ") + "<w:r><w:tab/><w:br/></w:r>", _t("a"))
    body += f"<w:p>{_t('x')}{tabbed}{_t('y')}</w:p>"
    # A field left open in its code at a paragraph's end (a broken file) hides no more.
    body += f'<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>{_code("PAGE")}</w:p>' + _p("后文")
    assert _read_both(body) == ["合计5", "项目\t数量", "合计\t5", "xay", "后文"]


def test_equations_of_text_are_read_and_others_are_named() -> None:
    math = "http://schemas.openxmlformats.org/officeDocument/2006/math"
    plain = f'<m:oMath xmlns:m="{math}"><m:r><m:t>12.5%</m:t></m:r></m:oMath>'
    fraction = (
        f'<m:oMathPara xmlns:m="{math}"><m:oMath><m:f><m:num><m:r><m:t>1</m:t></m:r></m:num>'
        "<m:den><m:r><m:t>2</m:t></m:r></m:den></m:f></m:oMath></m:oMathPara>"
    )
    body = f"<w:p>{_t('增长率')}{plain}{_t('。')}</w:p><w:p>{_t('比例')}{fraction}</w:p>"
    doc = _read(body)
    assert _texts(doc) == ["增长率12.5%。", "比例"]
    (named,) = doc.diagnostics
    assert named.code == "P456" and named.location is not None
    assert doc.text[named.location.offset :].lstrip("\n").startswith("比例")  # where it sits
    # An equation on its own line is read; one with revisions or hidden text is not: its
    # text run together would join what Word shows with what it does not (5 → 6: 56%).
    alone = (
        f'<m:oMathPara xmlns:m="{math}"><m:oMath><m:r><m:t>x=3</m:t></m:r></m:oMath></m:oMathPara>'
    )
    revised = (
        f'<m:oMath xmlns:m="{math}"><w:del><m:r><m:t>5</m:t></m:r></w:del>'
        "<w:ins><m:r><m:t>6</m:t></m:r></w:ins><m:r><m:t>%</m:t></m:r></m:oMath>"
    )
    doc = _read(alone + f"<w:p>{_t('增长')}{revised}</w:p>")
    assert _texts(doc) == ["x=3", "增长"]
    assert [d.code for d in doc.diagnostics] == ["P456"]


def test_bullets_drawn_in_a_symbol_font_are_glyphs_not_letters() -> None:
    wingdings = '<w:rPr><w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings"/></w:rPr>'
    numbering = _numbering(
        _lvl(0, "bullet", "l", wingdings) + _lvl(1, "bullet", "§", wingdings),
        nums='<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>',
    )
    body = _p("收入100万元", _num(1, 0)) + _p("支出80万元", _num(1, 1))
    assert _texts(_read(body, numbering=numbering)) == ["收入100万元", "支出80万元"]


def test_a_huge_list_start_prints_digits_in_bounded_memory() -> None:
    numbering = _numbering(
        _lvl(0, "upperLetter", "%1.").replace('w:val="1"', 'w:val="100000000000"', 1),
        nums='<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>',
    )
    assert _texts(_read(_p("甲", _num(1, 0)), numbering=numbering)) == ["100000000000. 甲"]
    assert format_number(27, "upperLetter") == "AA"


def test_a_utf16_document_part_hides_its_hidden_text() -> None:
    document = (
        f'<?xml version="1.0" encoding="UTF-16" standalone="yes"?>\n<w:document {NS}><w:body>'
        f"<w:p>{_t('12')}<w:r><w:rPr><w:vanish/></w:rPr><w:t>999</w:t></w:r></w:p>"
        "</w:body></w:document>"
    )
    data = docx_package(_p("x"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as out:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "word/document.xml":
                content = document.encode("utf-16")
            out.writestr(item, content)
    assert _texts(read_docx(buffer.getvalue())) == ["12"]


def test_the_numbering_part_is_the_one_the_relationships_name() -> None:
    data = docx_package(
        f"<w:document {NS}><w:body>{_p('甲', _num(1, 0))}</w:body></w:document>",
        {"word/numbering.xml": _CHINESE_LIST},
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as out:
        for item in source.infolist():
            content = source.read(item)
            name = item.filename.replace("numbering.xml", "numbering2.xml")
            if name == "word/_rels/document.xml.rels":
                content = content.replace(b"numbering.xml", b"numbering2.xml")
            out.writestr(name, content)
        # A second member with one name: the last one counts, as zipfile reads it.
        with pytest.warns(UserWarning, match="Duplicate name"):
            out.writestr(
                "word/document.xml",
                source.read("word/document.xml").replace("甲".encode(), "乙".encode()),
            )
    assert _texts(read_docx(buffer.getvalue())) == ["一、乙"]

"""Write generated reports as Word (DOCX) files, the ways Word, WPS and LibreOffice save them.

Test-only. Two producers: the XML written directly (:func:`render_docx`), for what python-docx
cannot make (automatic numbering with ``numbering.xml``, headings numbered through their style,
text boxes with ``mc:AlternateContent``, page headers and footers that must stay out of the
body, a layout table around the whole report), and python-docx itself
(:func:`render_python_docx`), an independent writer of merged cells. Tables have the template's
merged cells (``w:gridSpan``, ``w:vMerge``), taken from the PDF renderer's grids.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from xml.sax.saxutils import escape

import attrs

from tests.pdf_render import Layout, _active_grid, _applications_grid, _Grid, _review_grid
from tests.strategies import GeneratedReport

__all__ = [
    "FOOTER_MARK",
    "HEADER_MARK",
    "HEADINGS",
    "NS",
    "DocxStyle",
    "docx_package",
    "render_docx",
    "render_python_docx",
    "zip_members",
]


def zip_members(members: dict[str, bytes]) -> bytes:
    """A zip (deflated) of ``members`` (name -> bytes), in their order."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    return out.getvalue()


HEADINGS = (
    "总体情况",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议、行政诉讼情况",
    "存在的主要问题及改进情况",
    "其他需要报告的事项",
)
_ORDINALS = "一二三四五六"
HEADER_MARK = "页眉内容不属于正文"
FOOTER_MARK = "页脚内容不属于正文"
_OVERVIEW_PARTS = ("主动公开情况", "依申请公开情况", "政府信息管理情况")
_PROSE = (
    "本机关认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，"
    "各项工作取得积极成效。"
)

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'mc:Ignorable="wps"'
)


@attrs.frozen(kw_only=True)
class DocxStyle:
    """How a report is written as DOCX. Every field is a kind of real-world variation."""

    #: ordinals of headings and sub-parts: "typed" text, "direct" list numbering on the
    #: paragraph (w:numPr), or numbering carried by the heading "style"
    numbering: str = "typed"
    #: Word's number format of the 一、 level: chineseCounting (Word) or
    #: chineseCountingThousand (WPS)
    chinese_format: str = "chineseCounting"
    heading_styles: bool = True  #: headings in Heading 2 / Heading 3 paragraph styles
    split_runs: bool = False  #: every text cut into runs of a few characters
    title_in_textbox: bool = False  #: the title in a text box (Choice and Fallback)
    header_footer: bool = True  #: page header and footer parts with text of their own
    layout_table: bool = False  #: the whole body inside a one-cell layout table
    wrap_labels: bool = False  #: long labels broken over two paragraphs / a line break
    #: the ordinals of table labels (一、 （一） 1.) as one multilevel list running through
    #: the applications table's cells, as Word numbers them
    numbered_labels: bool = False
    empty_paragraphs: bool = False  #: empty paragraphs between blocks, as spacing
    blank: str = ""  #: how a cell that reports nothing is written
    separators: bool = False  #: thousands separators in counts


def _layout(style: DocxStyle) -> Layout:
    return Layout(blank=style.blank, separators=style.separators)


# --- XML pieces ----------------------------------------------------------------------------


def _runs(text: str, style: DocxStyle) -> str:
    if not text:
        return ""
    pieces = [text[i : i + 3] for i in range(0, len(text), 3)] if style.split_runs else [text]
    out = []
    for i, piece in enumerate(pieces):
        props = "<w:rPr><w:b/></w:rPr>" if style.split_runs and i % 2 else ""
        out.append(f'<w:r>{props}<w:t xml:space="preserve">{escape(piece)}</w:t></w:r>')
    return "".join(out)


def _paragraph(
    text: str,
    style: DocxStyle,
    *,
    style_id: str | None = None,
    num: tuple[int, int] | None = None,
    extra: str = "",
) -> str:
    props = []
    if style_id is not None:
        props.append(f'<w:pStyle w:val="{style_id}"/>')
    if num is not None:
        props.append(f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>')
    ppr = f"<w:pPr>{''.join(props)}</w:pPr>" if props else ""
    return f"<w:p>{ppr}{_runs(text, style)}{extra}</w:p>"


def _split_label(text: str) -> tuple[str, str] | None:
    """Two halves of a long label, cut between two Chinese characters."""
    if len(text) < 10:
        return None
    for at in range(len(text) // 2, len(text) - 1):
        if not text[at - 1].isascii() and not text[at].isascii():
            return text[:at], text[at:]
    return None


_LABEL_ORDINALS = (
    re.compile(r"^([一二三四五六七八九十])、"),
    re.compile(r"^（([一二三四五六七八九十])）"),
    re.compile(r"^([1-9])\."),
)
_LABEL_LIST = 2  #: the w:numId of the table labels' list


class _Labels:
    """The counters of the table labels' list, as Word advances them in reading order: a label
    is numbered by the list when its ordinal is the one the list shows next, else typed."""

    def __init__(self) -> None:
        self.counters = [0, 0, 0]

    def split(self, text: str) -> tuple[int | None, str]:
        for level, pattern in enumerate(_LABEL_ORDINALS):
            m = pattern.match(text)
            if m is None:
                continue
            ordinal = m.group(1)
            n = int(ordinal) if ordinal.isdigit() else "一二三四五六七八九十".index(ordinal) + 1
            if n != self.counters[level] + 1:
                return None, text
            self.counters[level] = n
            for deeper in range(level + 1, 3):
                self.counters[deeper] = 0
            return level, text[m.end() :]
        return None, text


def _cell(text: str, style: DocxStyle, props: str, row: int, labels: _Labels | None) -> str:
    level, text = labels.split(text) if labels is not None else (None, text)
    num = None if level is None else (_LABEL_LIST, level)
    halves = _split_label(text) if style.wrap_labels else None
    if halves is None:
        body = _paragraph(text, style, num=num)
    elif row % 2:
        body = _paragraph(halves[0], style, num=num) + _paragraph(halves[1], style)
    else:  # a line break inside one paragraph
        first = _paragraph(halves[0], style, num=num).removesuffix("</w:p>")
        body = f"{first}<w:r><w:br/></w:r>{_runs(halves[1], style)}</w:p>"
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>"


def _table(grid: _Grid, style: DocxStyle, labels: _Labels | None = None) -> str:
    """A grid as a Word table: a merged region is one w:tc with w:gridSpan in its first row
    (w:vMerge="restart" when it spans rows), and a w:vMerge continuation cell below."""
    starts = {(r0, c0): (r0, c0, r1, c1) for r0, c0, r1, c1 in grid.spans}
    covered: dict[tuple[int, int], tuple[int, int, int, int]] = {}
    for r0, c0, r1, c1 in grid.spans:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    covered[(r, c)] = (r0, c0, r1, c1)
    ncols = len(grid.rows[0])
    rows = []
    for r, texts in enumerate(grid.rows):
        cells = []
        for c in range(ncols):
            span = starts.get((r, c))
            if span is not None:
                r0, c0, r1, c1 = span
                props = f'<w:gridSpan w:val="{c1 - c0 + 1}"/>' if c1 > c0 else ""
                if r1 > r0:
                    props += '<w:vMerge w:val="restart"/>'
                cells.append(_cell(texts[c], style, props, r, labels))
            elif (r, c) in covered:
                r0, c0, r1, c1 = covered[(r, c)]
                if c == c0:  # the continuation of a vertical merge, in a later row
                    props = f'<w:gridSpan w:val="{c1 - c0 + 1}"/>' if c1 > c0 else ""
                    cells.append(f"<w:tc><w:tcPr>{props}<w:vMerge/></w:tcPr><w:p/></w:tc>")
            else:
                cells.append(_cell(texts[c], style, "", r, labels))
        rows.append(f"<w:tr>{''.join(cells)}</w:tr>")
    widths = "".join(f'<w:gridCol w:w="{int(w * 20)}"/>' for w in grid.widths)
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    return (
        f"<w:tbl><w:tblPr><w:tblBorders>{borders}</w:tblBorders></w:tblPr>"
        f"<w:tblGrid>{widths}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def _textbox(text: str, style: DocxStyle) -> str:
    """A run holding a text box, as Word 2010+ saves it: the DrawingML shape in mc:Choice and
    the same text again as a VML shape in mc:Fallback."""
    inner = _paragraph(text, style)
    return (
        "<w:r><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:docPr id="1" name="title"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
        'wordprocessingShape"><wps:wsp><wps:txbx>'
        f"<w:txbxContent>{inner}</w:txbxContent>"
        "</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>"
        f"{inner}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


def _heading(number: int, text: str, level: int, style: DocxStyle) -> str:
    """A heading (level 0: 一、 section; level 1: （一） part) with its ordinal as typed text or
    as list numbering."""
    style_id = ("Heading2", "Heading3")[level] if style.heading_styles else None
    if style.numbering == "typed":
        ordinal = f"{_ORDINALS[number]}、" if level == 0 else f"（{_ORDINALS[number]}）"
        return _paragraph(ordinal + text, style, style_id=style_id)
    if style.numbering == "style":
        return _paragraph(text, style, style_id=("NumberedHeading", "NumberedPart")[level])
    return _paragraph(text, style, style_id=style_id, num=(1, level))


def _body(report: GeneratedReport, style: DocxStyle) -> str:
    layout = _layout(style)
    parts: list[str] = []
    gap = "<w:p/>" if style.empty_paragraphs else ""

    def add(xml: str) -> None:
        parts.append(xml)
        if gap:
            parts.append(gap)

    title = f"{report.agency}{report.year}年政府信息公开工作年度报告"
    if style.title_in_textbox:
        add(f"<w:p>{_textbox(title, style)}</w:p>")
    else:
        add(_paragraph(title, style, style_id="Title" if style.heading_styles else None))
    add(
        _paragraph(
            f"本报告中所列数据的统计期限为{report.year}年1月1日至{report.year}年12月31日。",
            style,
        )
    )
    add(_heading(0, HEADINGS[0], 0, style))
    for i, part in enumerate(_OVERVIEW_PARTS):
        add(_heading(i, part, 1, style))
        add(_paragraph(_PROSE, style))
    add(_heading(1, HEADINGS[1], 0, style))
    for table in report.active_disclosure:
        add(_table(_active_grid(table, layout), style))
    add(_heading(2, HEADINGS[2], 0, style))
    labels = _Labels() if style.numbered_labels else None
    add(_table(_applications_grid(report.table("applications"), layout), style, labels))
    add(_heading(3, HEADINGS[3], 0, style))
    add(_table(_review_grid(report.table("review_litigation"), layout), style))
    add(_heading(4, HEADINGS[4], 0, style))
    add(_heading(0, "存在的主要问题", 1, style))
    add(_paragraph("公开内容还不够全面。", style))
    add(_heading(1, "改进情况", 1, style))
    add(_paragraph("加强培训，完善制度。", style))
    add(_heading(5, HEADINGS[5], 0, style))
    add(_paragraph("本年度未收取信息处理费。", style))
    add(_paragraph(report.agency, style))
    body = "".join(parts)
    if style.layout_table:
        body = f"<w:tbl><w:tr><w:tc>{body}<w:p/></w:tc></w:tr></w:tbl>"
    sect = (
        '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/>'
        '<w:footerReference w:type="default" r:id="rIdFooter"/></w:sectPr>'
        if style.header_footer
        else "<w:sectPr/>"
    )
    return f"<w:document {NS}><w:body>{body}{sect}</w:body></w:document>"


def _numbering(style: DocxStyle) -> str:
    bind = style.numbering == "style"
    levels = (
        (style.chinese_format, "%1、", "NumberedHeading"),
        ("chineseCounting", "（%2）", "NumberedPart"),
        ("decimal", "%3.", None),
    )
    xml = []
    for ilvl, (fmt, text, style_id) in enumerate(levels):
        bound = f'<w:pStyle w:val="{style_id}"/>' if bind and style_id else ""
        xml.append(
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{bound}'
            f'<w:lvlText w:val="{text}"/><w:suff w:val="nothing"/></w:lvl>'
        )
    # The table labels' list: its own definition, so its counters are its own.
    labels = "".join(
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for ilvl, (fmt, text) in enumerate(
            (("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."))
        )
    )
    return (
        f'<w:numbering {NS}><w:abstractNum w:abstractNumId="7">'
        f'<w:multiLevelType w:val="multilevel"/>{"".join(xml)}</w:abstractNum>'
        f'<w:abstractNum w:abstractNumId="8">{labels}</w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>'
        f'<w:num w:numId="{_LABEL_LIST}"><w:abstractNumId w:val="8"/></w:num></w:numbering>'
    )


def _styles() -> str:
    def style(style_id: str, name: str, ppr: str = "", based: str = "") -> str:
        based_on = f'<w:basedOn w:val="{based}"/>' if based else ""
        return (
            f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>'
            f"{based_on}<w:pPr>{ppr}</w:pPr></w:style>"
        )

    return (
        f"<w:styles {NS}>"
        + style("Normal", "Normal")
        + style("Title", "Title")
        + style("Heading2", "heading 2", '<w:outlineLvl w:val="1"/>')
        + style("Heading3", "heading 3", '<w:outlineLvl w:val="2"/>')
        # The level comes from the list's w:lvl/w:pStyle binding, not from the style.
        + style(
            "NumberedHeading", "一级标题", '<w:numPr><w:numId w:val="1"/></w:numPr>', "Heading2"
        )
        + style(
            "NumberedPart",
            "二级标题",
            '<w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>',
            "Heading3",
        )
        + "</w:styles>"
    )


def _part(tag: str, text: str) -> str:
    return f"<w:{tag} {NS}><w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p></w:{tag}>"


_CT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def docx_package(document: str, parts: dict[str, str] | None = None) -> bytes:
    """A DOCX zip around ``document`` (the XML of word/document.xml) and other ``parts``
    (name -> XML), with the content types and package relationships Word needs."""
    parts = dict(parts or {})
    overrides = [("/word/document.xml", f"{_CT_MAIN}.document.main+xml")]
    kinds = {
        "word/numbering.xml": "numbering",
        "word/styles.xml": "styles",
        "word/header1.xml": "header",
        "word/footer1.xml": "footer",
    }
    for name in parts:
        if name in kinds:
            overrides.append((f"/{name}", f"{_CT_MAIN}.{kinds[name]}+xml"))
    types = "".join(f'<Override PartName="{n}" ContentType="{t}"/>' for n, t in overrides)
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f"{types}</Types>"
    )
    package_rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/>'
        "</Relationships>"
    )
    targets = {
        "word/numbering.xml": ("rIdNumbering", "numbering"),
        "word/styles.xml": ("rIdStyles", "styles"),
        "word/header1.xml": ("rIdHeader", "header"),
        "word/footer1.xml": ("rIdFooter", "footer"),
    }
    rels = "".join(
        f'<Relationship Id="{targets[n][0]}" Type="{_REL}/{targets[n][1]}" '
        f'Target="{n.removeprefix("word/")}"/>'
        for n in parts
        if n in targets
    )
    document_rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f"{rels}</Relationships>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", content_types)
        zf.writestr("_rels/.rels", package_rels)
        zf.writestr("word/_rels/document.xml.rels", document_rels)
        zf.writestr("word/document.xml", _declared(document))
        for name, xml in parts.items():
            zf.writestr(name, _declared(xml))
    return out.getvalue()


def _declared(xml: str) -> str:
    if xml.startswith("<?xml"):
        return xml
    return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + xml


def render_docx(report: GeneratedReport, style: DocxStyle = DocxStyle()) -> bytes:
    """The whole report as DOCX bytes, its XML written directly."""
    parts = {"word/styles.xml": _styles()}
    if style.numbering != "typed" or style.numbered_labels:
        parts["word/numbering.xml"] = _numbering(style)
    if style.header_footer:
        title = f"{report.agency}{report.year}年政府信息公开工作年度报告"
        # Text that would break the parse if it were read into the body: a section heading
        # and numbers.
        parts["word/header1.xml"] = _part(
            "hdr", f"{title} 三、收到和处理政府信息公开申请情况 {HEADER_MARK}"
        )
        parts["word/footer1.xml"] = _part("ftr", f"第 1 页 共 9 页 12345 {FOOTER_MARK}")
    return docx_package(_body(report, style), parts)


# --- python-docx -------------------------------------------------------------------------


def _python_docx_table(document: object, grid: _Grid) -> None:
    table = document.add_table(rows=len(grid.rows), cols=len(grid.rows[0]))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    # The cells looked up once: table.cell() walks the whole table on every call. Merged
    # regions do not overlap, so their corner cells stay valid while others are merged.
    matrix = [list(row.cells) for row in table.rows]
    for r, texts in enumerate(grid.rows):
        for c, text in enumerate(texts):
            if text:
                matrix[r][c].text = text
    for r0, c0, r1, c1 in grid.spans:
        first = matrix[r0][c0]
        text = first.text
        merged = first.merge(matrix[r1][c1])
        # merge() joins the texts of the merged cells into paragraphs; only the first has one.
        merged.text = text


def render_python_docx(report: GeneratedReport, blank: str = "") -> bytes:
    """The report written by python-docx: built-in heading styles, typed ordinals, tables
    merged with ``cell.merge``."""
    import docx  # test-only dependency

    layout = Layout(blank=blank)
    document = docx.Document()
    document.add_heading(f"{report.agency}{report.year}年政府信息公开工作年度报告", level=1)
    document.add_paragraph(
        f"本报告中所列数据的统计期限为{report.year}年1月1日至{report.year}年12月31日。"
    )
    grids: Sequence[Sequence[_Grid]] = (
        (),
        tuple(_active_grid(t, layout) for t in report.active_disclosure),
        (_applications_grid(report.table("applications"), layout),),
        (_review_grid(report.table("review_litigation"), layout),),
        (),
        (),
    )
    for i, (heading, tables) in enumerate(zip(HEADINGS, grids, strict=True)):
        document.add_heading(f"{_ORDINALS[i]}、{heading}", level=2)
        if not tables:
            document.add_paragraph(_PROSE)
        for grid in tables:
            _python_docx_table(document, grid)
    document.add_paragraph(report.agency)
    section = document.sections[0]
    section.header.paragraphs[0].text = f"{HEADER_MARK} 一、总体情况"
    section.footer.paragraphs[0].text = f"{FOOTER_MARK} 123"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()

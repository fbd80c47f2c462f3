"""The HTML tokenizer's shortcuts read a page exactly as reading it tag by tag does.

Runs of styling tags, and table cells of text and styling tags, are single tokens (that is
most of what a page is); a token with a word in it that may hide text or mark chrome, or one
met inside a kept inline element, is read tag by tag instead. These properties render reports
in every site style, mess them up the ways real pages are messy (tag and attribute case,
hidden and chrome-named spans, line breaks and paragraphs in cells, quoted ``>``, entities,
stray end tags), and require the Document built with the shortcuts to be the one built
without them, cell for cell and offset for offset.
"""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gikparse.limits import LimitExceeded, Limits
from gikparse.readers import _html_layout, _html_prepare, _html_tree
from gikparse.readers._html_markup import (
    ATTRS,
    NAME_END,
    QUOTED_GT,
    STYLE_END,
    attributes_pattern,
    script_end,
)
from gikparse.readers.document import Document
from gikparse.readers.html import read_html
from tests.html_render import STYLES, HtmlStyle, render_html
from tests.strategies import GeneratedReport, fixed_report, generated_reports

_CELL = re.compile(r"(<t[dh]\b[^>]*>)(.*?)(</t[dh]>)", re.S | re.I)

# What a cell's content may be wrapped in or mixed with on real pages.
_MESS = (
    lambda text: f"<SPAN>{text}</SPAN>",
    lambda text: f'<span style="DISPLAY:none">隐</span>{text}',
    lambda text: f'<span class="share">分享</span>{text}',
    lambda text: f'<span class="nav"><span>{text}</span></span>',
    lambda text: f"<p class=MsoNormal>{text}<o:p></o:p></p>",
    lambda text: f'<p class="MsoNormal nav">{text}</p>',
    lambda text: f"<p id=x>{text}</p>",
    lambda text: f"{text}<br>",
    lambda text: f"<b>{text[:1]}</b>{text[1:]}",
    lambda text: f'<font title="a>b">{text}</font>',
    lambda text: f'<span title="x>1<y">{text}</span>',
    lambda text: f'<span title="a>b" style="&#100;isplay:none">9</span>{text}',
    lambda text: f"\u3000{text}",
    lambda text: f"{text}\ufeff",
    lambda text: f"（{text}）",
    lambda text: f'<span style="font-size:14px>9</span><span style="color:red">{text}</span>',
    lambda text: f"<span hidden>0</span>{text}",
    lambda text: f"{text}</span>",
    lambda text: f"<strong><em>{text}</em></strong>&nbsp;",
    lambda text: f"<span lang=EN-US style='mso-bidi-font-family:宋体'>{text}</span>",
    lambda text: f'<st1:chsdate w:st="on">{text}</st1:chsdate>',
    lambda text: f"<SCRIPT>var a='</td>';</SCRIPT>{text}",
    lambda text: f"<!-- {text} -->{text}",
)


def _messed(page: str, seed: int) -> str:
    rng = random.Random(seed)

    def cell(m: re.Match[str]) -> str:
        opening, content, closing = m.groups()
        if rng.random() < 0.3:
            content = rng.choice(_MESS)(content)
        if rng.random() < 0.1:
            opening, closing = opening.upper(), closing.upper()
        return opening + content + closing

    return _CELL.sub(cell, page)


def _tag_by_tag(page: str) -> Document:
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(_html_tree, "_TOKEN", _html_tree._TAG_BY_TAG)
        return read_html(page)


def _runs_emitted_one_by_one(page: str) -> Document:
    # Every cell's runs of text through the run builder, none joined at once.
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(_html_layout, "_SPECIAL", re.compile(""))
        return read_html(page)


def _same(fast: Document, slow: Document) -> None:
    assert fast.text == slow.text
    assert fast.lines == slow.lines
    assert dict(fast.meta) == dict(slow.meta)
    assert [d.code for d in fast.diagnostics] == [d.code for d in slow.diagnostics]


@pytest.mark.parametrize("kind", STYLES)
def test_shortcut_tokens_read_each_site_style_as_tag_by_tag(kind: str) -> None:
    page = render_html(fixed_report("2021"), HtmlStyle(kind=kind, blank="&nbsp;")).text
    fast = read_html(page)
    assert any(line.table is not None for line in fast.lines)  # the tables were read
    _same(fast, _tag_by_tag(page))


@settings(max_examples=25, deadline=None)
@given(
    report=generated_reports(),
    kind=st.sampled_from(STYLES),
    blank=st.sampled_from(["", "&nbsp;", "—"]),
    seed=st.integers(0, 2**32 - 1),
)
def test_shortcut_tokens_read_messy_pages_as_tag_by_tag(
    report: GeneratedReport, kind: str, blank: str, seed: int
) -> None:
    page = _messed(render_html(report, HtmlStyle(kind=kind, blank=blank)).text, seed)
    fast = read_html(page)
    _same(fast, _tag_by_tag(page))
    _same(fast, _runs_emitted_one_by_one(page))


# Sheets that hide what the messy cells name, by case and not (a doctype of standards mode
# makes class names match case by case), and one that shows it again.
_SHEETS = (
    "<style>.share, #X{display:none} .NAV{visibility:hidden}</style>",
    "<!DOCTYPE html><style>.Share{display:none} .nav{visibility:hidden} #x{display:inline}</style>",
)


@settings(max_examples=20, deadline=None)
@given(
    report=generated_reports(),
    kind=st.sampled_from(STYLES),
    sheet=st.sampled_from(_SHEETS),
    seed=st.integers(0, 2**32 - 1),
)
def test_shortcut_tokens_read_pages_with_sheets_as_tag_by_tag(
    report: GeneratedReport, kind: str, sheet: str, seed: int
) -> None:
    page = sheet + _messed(render_html(report, HtmlStyle(kind=kind)).text, seed)
    _same(read_html(page), _tag_by_tag(page))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "<table>",
                "</table>",
                "<tr>",
                "</tr>",
                "<td>",
                "</td>",
                "<TD colspan=2>",
                "<th>",
                "<p>",
                "</p>",
                "<span>",
                "</span>",
                "<SPAN class=nav>",
                "<span style='display:none'>",
                "<b>",
                "</b>",
                "<o:p></o:p>",
                "<br/>",
                "12",
                "规章",
                "&nbsp;",
                " ",
                "<div class=footer>",
                "</div>",
                "<td id=a>",
                "<font>",
                "</font>",
                "<p class=MsoNormal>",
                "<!-- x -->",
                "<td rowspan=2>",
                "<h2>",
                "三、收到和处理政府信息公开申请情况",
                "</h2>",
                "<td colspan=2/>",
                "<td/>",
                "<a style=display:none>",
                "<a>",
                "</a>",
                "<!-- x -- >",
                "--!>",
                "<![CDATA[",
                "]]>",
                '<span style="&#100;isplay:none">',
                "<td class=share>",
                "<nobr>",
                "<td\xa0>",
                "<span\x0b>",
                "</td\xa0>",
                "<td colspan=\u00a02>",
            ]
        ),
        max_size=60,
    )
)
def test_shortcut_tokens_read_tag_soup_as_tag_by_tag(pieces: list[str]) -> None:
    page = "".join(pieces)
    _same(read_html(page), _tag_by_tag(page))


# --- tables read in one pass ------------------------------------------------------------------

# How a plain table's parts may be written, and things that make a table not plain or that
# the one-pass reader must read as tag by tag does: groups left open or ended by the wrong end
# tag, rows left open, comments and text between rows, line breaks in cells, class names
# neutral, chrome-like or hiding, a cell outside a row, a nested table, one column.
_CELL_TEXT = st.sampled_from(
    [
        "12",
        "0",
        "",
        "&nbsp;",
        "规章",
        "本年新<br/>制作数量",
        "1</br>2",
        "<span>3</span>4",
        "<p class=MsoNormal>5<o:p></o:p></p>",
        "<b>ID</b>",
        "a&amp;b",
        "<br class=nav>6",
        "<span style=display:none>8</span>7",
        "<span class=share>7</span>",
        "1>0<span>2</span>",
        "<span title='a>b'>1</span>2<font title=\"<\">3</font>",
    ]
)
_CELL_OPEN = st.sampled_from(
    [
        "<td>",
        "<th>",
        "<TD>",
        "<td colspan=2>",
        "<td rowspan=2>",
        "<td rowspan=0>",
        "<td rowspan=3 colspan=2>",
        '<td class="firstrow">',
        "<td class=share>",
        "<td style='display:none'>",
        "<td id=x>",
        "<td title='a>b'>",
        '<td title="&#100;isplay">',
        "<td hidden>",
    ]
)
_ROW_OPEN = st.sampled_from(
    [
        "<tr>",
        "<TR>",
        '<tr class="firstRow">',
        "<tr class=nav>",
        "<tr style=display:none>",
        "<tr height=0>",
    ]
)
_BETWEEN = st.sampled_from(
    [
        "",
        "",
        "\n",
        " text ",
        "<!-- row -->",
        "<![if !supportMisalignedColumns]>",
        "<![endif]>",
        "</tr>",
        "</tbody>",
        "</thead>",
        "<tbody>",
        "<thead>",
        "<td>9</td>",
        "<table><tr><td>1</td><td>2</td></tr></table>",
        "<caption>表</caption>",
        "<br>",
        "<span class=share>x</span>",
    ]
)


@st.composite
def _tables(draw: st.DrawFn) -> str:
    parts = [draw(st.sampled_from(["<table>", "<table class=MsoNormalTable>", "<table id=t>"]))]
    for _ in range(draw(st.integers(1, 5))):
        parts.append(draw(_BETWEEN))
        if draw(st.integers(0, 9)):  # sometimes cells with no row of their own
            parts.append(draw(_ROW_OPEN))
        for _ in range(draw(st.integers(1, 4))):
            parts.append(draw(_CELL_OPEN) + draw(_CELL_TEXT) + "</td>")
        if draw(st.booleans()):
            parts.append("</tr>")
    parts.append(draw(_BETWEEN))
    parts.append("</table>")
    return "".join(parts)


@given(
    st.lists(_tables(), min_size=1, max_size=3), st.sampled_from(["", "<p>", "<div class=footer>"])
)
def test_tables_read_in_one_pass_read_as_tag_by_tag(tables: list[str], before: str) -> None:
    page = f"<h1>报告</h1>{before}" + "<p>间隔</p>".join(tables)
    _same(read_html(page), _tag_by_tag(page))


@pytest.mark.parametrize(
    "table",
    [
        # Rows and groups left open, ended by the next one or by the table's end.
        "<table><tbody><tr><td>1<td>2<tr><td>3<td>4</table>",
        "<table><tr><td>1</td><td>2</td><tbody><tr><td>3</td><td>4</td></table>",
        # A group's end tag that ends another kind of group ends nothing.
        "<table><thead><tr><td rowspan=3>1</td><td>2</td></tr></tbody><tr><td>3</td></tr>"
        "</thead><tr><td>4</td><td>5</td></tr></table>",
        # Rows directly in the table on both sides of a group: spans stay in their group.
        "<table><tr><td rowspan=4>1</td><td>2</td></tr><tbody><tr><td>3</td><td>4</td></tr>"
        "</tbody><tr><td>5</td><td>6</td></tr><tr><td>7</td></tr></table>",
        # A cell after a group's end with no row of its own is in no row.
        "<table><tbody><tr><td>1</td><td>2</td></tbody><td>3</td><tr><td>4</td>"
        "<td>5</td></tr></table>",
        "<table><tr><td>1</td><td>2</td></tr><td>3</td><td>4</td></table>",
    ],
)
def test_table_structure_read_in_one_pass_as_tag_by_tag(table: str) -> None:
    page = f"<h1>报告</h1>{table}"
    _same(read_html(page), _tag_by_tag(page))


@settings(max_examples=500)
@given(
    st.lists(
        st.sampled_from([" ", "\t", "\n", "=", "'", '"', "/", "<", "a", "-", ":", ";", "宋", "&"]),
        max_size=16,
    ).map("".join)
)
def test_attributes_before_the_first_gt_are_all_a_tag_holds_where_no_quote_holds_one(
    attrs: str,
) -> None:
    # What lets plain tables be matched with ATTRS_TO_FIRST_GT up to the first quoted ">".
    tag = f"<td{attrs}>"
    assume(QUOTED_GT.search(tag) is None)
    assert re.fullmatch(rf"<td(?:{ATTRS})>", tag) is not None
    no_lt = re.fullmatch(rf"<td(?:{attributes_pattern('<')})>", tag) is not None
    assert no_lt == ("<" not in attrs)


_TABLE_ROWS = "<tr><td>规章</td><td>5</td></tr><tr><td>规范性文件</td><td>7</td></tr>"


@pytest.mark.parametrize(
    "quoted",
    [
        # In a table read in one pass: in the cell read first, in a later cell, in a cell's
        # styling tag, in a comment between rows, in text (where it is none).
        "<td title='a>b'>1</td><td>2</td>",
        '<td>1</td><td title="x>2">3</td>',
        "<td>1</td><td><span title='a>b'>2</span></td>",
        "<td>1</td><td>2</td></tr><!-- a='>' --><tr><td>3</td><td>4</td>",
        '<td>1</td><td>a="b>c"</td>',
    ],
)
def test_tables_with_a_quoted_gt_read_in_one_pass_as_tag_by_tag(quoted: str) -> None:
    page = f"<h1>报告</h1><table>{_TABLE_ROWS}<tr>{quoted}</tr></table>"
    _same(read_html(page), _tag_by_tag(page))


@pytest.mark.parametrize(
    "before",
    [
        # Tags before the tables whose quoted values hold ">": the tokens after them are
        # matched to their first ">" again once past them.
        '<p><span title="a>b">1</span>2</p>',
        "<p title='x>'>3</p><p>4</p>",
        "<script>var a = '<td>1</td>';</script><p>5</p>",
        "<p><font title=\"<td>\">6</font></p><p lang='a>b'>7</p>",
        '<p><span title="a>b" class="x=\'c>d\'">8</span></p>',
        "<p a=\"x ='y > z\" b='c>d'>9</p>",
        '<p title="no end>',
    ],
)
def test_pages_with_a_quoted_gt_are_read_as_tag_by_tag(before: str) -> None:
    page = f"<h1>报告</h1>{before}<table>{_TABLE_ROWS}</table>{before}<p>末</p>"
    fast = read_html(page)
    assert any(line.table is not None for line in fast.lines) or "no end" in before
    _same(fast, _tag_by_tag(page))


@pytest.mark.parametrize("depth", range(10, 18))
def test_tables_read_in_one_pass_nest_as_deep_as_tag_by_tag(depth: int) -> None:
    # Near the nesting limit, a cell's <p> read tag by tag is the first element closed early.
    limits = Limits(max_nesting_depth=16)
    page = "<div>" * depth + "<table><tbody><tr><td><p>a<br>b</p></td><td>1</td></tr></table>"
    fast = read_html(page, limits=limits)
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(_html_tree, "_TOKEN", _html_tree._TAG_BY_TAG)
        slow = read_html(page, limits=limits)
    _same(fast, slow)


@pytest.mark.parametrize(
    "cell",
    [
        "<td><p>a<br>b</p></td>",
        "<td>a<br>b</td>",
        "<td>1</td>",
        "<td class=firstrow><p>1</p></td>",
        "<td><p>1</p></td>",
    ],
)
@pytest.mark.parametrize("room", [-1, 0, 1])
def test_tables_read_in_one_pass_count_elements_as_tag_by_tag(cell: str, room: int) -> None:
    page = "<table>" + f"<tr>{cell}<td>1</td></tr>" * 100 + "</table>"
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(_html_tree, "_TOKEN", _html_tree._TAG_BY_TAG)
        kept = 0  # the fewest elements reading it tag by tag allows
        for kept in range(300, 500):
            try:
                read_html(page, limits=Limits(max_text_chars=kept * 16))
                break
            except LimitExceeded:
                continue
    limits = Limits(max_text_chars=(kept + room) * 16)
    if room < 0:
        with pytest.raises(LimitExceeded):
            read_html(page, limits=limits)
    else:
        read_html(page, limits=limits)


@pytest.mark.parametrize(
    "page",
    [
        '<p><span title="<td>">规章</span></p>',
        '<table><tr><td>标签</td><td><span title="<td>">1</span></td></tr></table>',
        '<table><tr><td>标签</td><td><p title="</tr>">1</p></td></tr></table>',
        '<table><tr><td>标签</td><td><b><span ="<td ">1</span></b>2</td></tr></table>',
    ],
)
def test_a_quote_holding_table_tags_is_named_however_the_tag_is_read(page: str) -> None:
    fast = read_html(page)
    _same(fast, _tag_by_tag(page))
    assert "P419" in [d.code for d in fast.diagnostics]


@pytest.mark.parametrize("part", ["<tr></tr>", "<tbody>", "<tr><td>1</td><td>2</td></tr>"])
def test_a_table_past_the_element_budget_ends_in_limit_exceeded_as_tag_by_tag(part: str) -> None:
    page = "<table>" + part * 20_000 + "</table>"
    limits = Limits(max_text_chars=50_000)
    with pytest.raises(LimitExceeded) as fast:
        read_html(page, limits=limits)
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(_html_tree, "_TOKEN", _html_tree._TAG_BY_TAG)
        with pytest.raises(LimitExceeded) as slow:
            read_html(page, limits=limits)
    assert str(fast.value) == str(slow.value)


# --- the whole-page passes: shortcuts give what the general path gives ------------------------


@settings(max_examples=300)
@given(
    st.lists(
        st.sampled_from(
            [
                "A",
                "Z",
                "a",
                "<TD>",
                "İ",
                "K",
                "中",
                "乙",
                "渭",
                "\ud83d",
                "\ude00",
                "😀",
                "\x00",
                "Ａ",
            ]
        ),
        max_size=30,
    ).map("".join)
)
def test_a_page_is_lowered_in_its_ascii_letters_only_offsets_kept(page: str) -> None:
    low = _html_prepare.lowered(page)
    assert len(low) == len(page)
    for original, lowered in zip(page, low, strict=True):
        if original.isascii():
            assert lowered == original.lower()
        else:
            assert not lowered.isascii()


def test_the_share_of_non_ascii_characters_is_judged_by_a_sample() -> None:
    assert _html_prepare._non_ascii_share("") == 0.0
    assert _html_prepare._non_ascii_share("<p>x</p>" * 5000) == 0.0
    assert _html_prepare._non_ascii_share("报告" * 5000) == 1.0
    assert 0.2 < _html_prepare._non_ascii_share("<p>报告</p>" * 5000) < 0.25  # 2 of 9


def test_the_words_that_mark_a_page_can_be_found_one_by_one() -> None:
    # What _marks_word_by_word relies on: one word at most starts at a position (no two
    # start with the same two letters), each pattern starts with the letters str.find looks
    # for, and no word can start inside another match of itself (a border), so each word's
    # finditer finds all of its own.
    words = [start for start, _ in _html_prepare._MARK_WORDS]
    assert len({word[:2] for word in words}) == len(words)
    for start, pattern in _html_prepare._MARK_WORDS:
        # Literal characters first, which every match starts with.
        assert pattern.startswith((start, re.escape(start))) and re.match(pattern, start)
        assert all(not start.endswith(start[:k]) for k in range(1, len(start)))
    assert _html_prepare.MARK.pattern == "|".join(p for _, p in _html_prepare._MARK_WORDS)


_MARK_PIECES = [
    "display",
    "visibility",
    "mso-hide",
    "mso-hidden",
    "hidden",
    "id",
    "bidi",
    "class",
    "class=mso",
    "class='mso",
    'class="mso',
    "normal",
    "-",
    "=",
    " ",
    "'",
    '"',
    ">",
    "/",
    "x",
    "1",
    "报",
    "\xa0",
    "\u3000",
    "_",
    "displa",
    "hid",
    "cla",
    "i",
    "\\",
    "disp\\lay",
    "vertical-align",
    "vertical",
    ":middle",
    ": top ",
    ";",
    ":super",
    "line-through",
    "line",
    "relative",
    "rel",
]


@given(st.lists(st.sampled_from(_MARK_PIECES), max_size=30))
def test_marks_are_where_one_pattern_finds_them(pieces: list[str]) -> None:
    low = "".join(pieces)
    marks = [m.start() for m in _html_prepare.MARK.finditer(low)]
    assert _html_prepare._marks_word_by_word(low) == marks
    assert _html_prepare.marks(low) == marks


_LAZY_COMMENT = re.compile(r"<!--(?:-?>|.*?--!?>)", re.S)


_TEXT_ELEMENTS = (
    *("script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"),
)


def _text_element_at(source: str, at: int) -> str | None:
    for name in _TEXT_ELEMENTS:
        end = at + 1 + len(name)
        if source[at + 1 : end].lower() == name and source[end : end + 1] in ("\t\n\r\f />"):
            return name if end < len(source) else None
    return None


_WS = "\t\n\r\f "


def _tag_end_by_the_standard(source: str, pos: int) -> int:
    """Where the tag whose name starts at ``pos`` ends (after its ">"), read character by
    character in the HTML standard's tag states (13.2.5.8, 32-40, 43): a ">" ends it outside
    a quoted value; a quote left open to the page's end, at its first ">" (as the tokenizer
    reads such a tag); len(source) when no ">" does."""
    state = "name"
    for at in range(pos, len(source)):
        c = source[at]
        if state in ('"', "'"):
            if c == state:
                state = "after quoted value"
        elif c == ">":
            return at + 1
        elif state in ("name", "after quoted value") and (c in _WS or c == "/"):
            state = "before attribute name"
        elif state == "unquoted value":
            if c in _WS:  # (a "/" is a character of the value)
                state = "before attribute name"
        elif state == "after quoted value":
            state = "attribute name"  # the next attribute's name starts at once
        elif state == "before attribute name":
            if c not in _WS and c != "/":
                state = "attribute name"  # its first character may be "="
        elif state in ("attribute name", "after attribute name"):
            if c == "=":
                state = "before attribute value"
            elif c == "/":
                state = "before attribute name"
            elif c in _WS:
                state = "after attribute name"
            elif state == "after attribute name":
                state = "attribute name"
        elif state == "before attribute value" and c not in _WS:
            state = c if c in "\"'" else "unquoted value"
    first = source.find(">", pos)
    return len(source) if first < 0 else first + 1


def _feedable_generally(source: str) -> str:
    # _feedable with the page read character by character: every tag and comment in turn, and
    # the text of the elements browsers read as text (where "<!--" is text) skipped to its end.
    if "\x01" in source:
        source = source.replace("\x01", "\ufffd")
    if "\x00" in source:
        source = source.replace("\x00", "\x01")
    pos = 0
    while pos < len(source):
        if source.startswith("<!--", pos):
            closed = _LAZY_COMMENT.match(source, pos)
            if closed is None:
                source = source[:pos]
                break
            pos = closed.end()
        elif source[pos] == "<" and (name := _text_element_at(source, pos)) is not None:
            tag_end = _tag_end_by_the_standard(source, pos + 1)
            if name == "script":
                end = _script_end_by_the_standard(source, tag_end, len(source))
                end = -1 if end == len(source) else end
            else:
                end = source.lower().find(f"</{name}", tag_end)
            while end >= 0 and source[end + 2 + len(name) : end + 3 + len(name)] not in (
                "\t\n\r\f />"
            ):
                end = source.lower().find(f"</{name}", end + 1)
            if end < 0 or end + 2 + len(name) >= len(source):
                break
            pos = end  # its end tag is read as a tag
        elif source[pos] == "<" and (name_at := re.match("/?[A-Za-z]", source[pos + 1 : pos + 3])):
            # "<!--" in a tag starts nothing.
            pos = _tag_end_by_the_standard(source, pos + name_at.end())
        elif source[pos] == "<" and source[pos + 1 : pos + 2] in ("!", "?", "/"):
            end = source.find(">", pos)  # a bogus comment ends at its first ">"
            pos = len(source) if end < 0 else end + 1
        else:
            pos += 1
    last = source.rfind(">")
    if last + 1 < len(source) and "<" in source[last + 1 :]:
        for at in range(last + 1, len(source) - 1):  # a tag the page ends in is dropped
            after = source[at + 1]
            if source[at] == "<" and (
                (after.isascii() and after.isalpha())
                or after in "!?"
                or (after == "/" and at + 2 < len(source))
            ):
                source = source[:at]
                break
        source = source[: last + 1] + source[last + 1 :].replace("<", "\x00")
    return _html_prepare._STRAY_LT.sub("\x00", source)


_COMMENT_PIECES = st.sampled_from(
    [
        *("<!--", "-->", "--!>", "<!-->", "<!--->", "<!---!>", "!", "!" * 20, "<!", "--"),
        *("-", "<", ">", "<p>", "报", "x", "\x00", "\x01", "<![endif]>", "<script>", "<1"),
        *("</", "</p", "<sp", "<?"),
        *("</script>", "<TITLE>", "</title ", "<textarea\n", "</textarea>", "<style", "</"),
        *("<script><!--<script>", "<b", ' title="', '"', "<script a='<!--'>", "<!x "),
        *("'", "=", " ", "/", "a>b", "</p ", ' a="<!-->"', "<p a=", "<Title"),
    ]
)


@given(st.lists(_COMMENT_PIECES, max_size=40))
def test_a_page_is_made_feedable_as_reading_every_comment_in_turn_makes_it(
    pieces: list[str],
) -> None:
    page = "".join(pieces)
    assert _html_prepare._last_comment(page) == page.rfind("<!--")
    assert _html_prepare.feedable(page)[0] == _feedable_generally(page)


@pytest.mark.parametrize(
    "page",
    [
        "<p>a</p><!-- x -->",
        "<!-- x --><p>b<!-- y",
        "<!-- x <!-- y -->z<!-- w",
        "<!-- x --!><!---!>",
        "<!-- x <!---!><p>",  # the last "<!--" is left open inside a comment that ends
        "<!--" + "!" * 40 + "-->" + "<p>!</p>" * 20,
        "<!--" + "<b>!</b>" * 20,
        "!<!--",
        # "<!--" in a script or a title is text: it opens no comment, the page goes on.
        "<p>a</p><script>var a = '<!--';</script><p>b</p>",
        "<title>a <!-- b</title><p>c</p><!-- d",
        "<style><!-- .x{} </style><!-- x --><p>e</p>",
        # Nor in a tag's name or value (each shows 1 and 2 only in Chromium).
        '<p>1</p><script a="<!-- <script ">x</script><p>2</p><!--<p>3</p>',
        "<p>1</p><b<script><!--<script></script>--><p>2</p><!-- <p>3</p>",
        "<p>1</p><script/<!--<script>x</script><p>2</p><!--<p>3</p>",
        '<p>1<span title="<!--">2</span></p><p>2</p>',
        '<p>1</p><a title="<script>"><p>2</p></a><!--<p>3</p>',
        '<p>1</p><script>x</script a="<!--"><p>2</p><!--<p>3</p>',
        # Nor after a ">" in a quoted value (each shows x and after in Chromium).
        '<p title="a>b<!--c">x</p><p>after</p>',
        '<p style="<b>;<!--">x</p><p>after</p>',
        "<p title='<script><!--'>x</p><p>after</p>",
        '<p>x</p title="><!--"><p>after</p>',
    ],
)
def test_comments_left_open_end_the_page_as_reading_every_comment_in_turn(page: str) -> None:
    assert _html_prepare._last_comment(page) == page.rfind("<!--")
    assert _html_prepare.feedable(page)[0] == _feedable_generally(page)


_RAW_PIECES = st.sampled_from(
    [
        *("<script>", "</script>", "</script ", "</scriptx>", "</script", "<style>", "</style>"),
        *("</style\t", "</stylex", "</style", "<!--", "-->", "<", ">", "x", "<p>", "</p>"),
        *("<td>", "</td>", "报", "\n", "/"),
    ]
)


@given(st.lists(_RAW_PIECES, max_size=30), st.integers(0, 300), st.integers(0, 300))
def test_style_text_ends_where_a_lazy_pattern_ends_it(
    pieces: list[str], at: int, stop: int
) -> None:
    # As the raw text of <style> was first matched in the token itself.
    page = "".join(pieces)
    stop = min(stop, len(page))
    at = min(at, stop)
    lazy = re.compile(rf"(?:.*?(?=</style{NAME_END})|.*)", re.S).match(page, at, stop)
    found = STYLE_END.search(page, at, stop)
    assert lazy is not None and lazy.end() == (stop if found is None else found.start())


def _script_end_by_the_standard(page: str, pos: int, stop: int) -> int:
    """Where a script's text ends, read character by character in the HTML standard's script
    data states (13.2.5.4, 15-31): the appropriate end tag ``</script`` followed by
    whitespace, "/" or ">" ends it, except in the double-escaped states."""
    low = page[:stop].lower()

    def named(at: int, name: str) -> bool:  # name, then whitespace, "/" or ">"
        end = at + len(name)
        return low.startswith(name, at) and end < stop and low[end] in "\t\n\r\f />"

    state, i = "data", pos
    while i < stop:
        c = low[i]
        if c == "<":
            if state.rstrip("-") in ("data", "escaped") and named(i + 1, "/script"):
                return i
            if state == "data" and low.startswith("<!--", i):
                state, i = "escaped--", i + 4
                continue
            if state.startswith("escaped") and named(i + 1, "script"):
                state, i = "double", i + 7  # its last character is text there
                continue
            if state.startswith("double") and named(i + 1, "/script"):
                state, i = "escaped", i + 8
                continue
            state = state.rstrip("-")  # after "<", dashes count anew
        elif state != "data":
            base = state.rstrip("-")
            if c == "-":
                state = base + "-" * min(2, len(state) - len(base) + 1)
            elif c == ">" and state.endswith("--"):
                state = "data"
            else:
                state = base
        i += 1
    return stop


_SCRIPT_PIECES = st.sampled_from(
    [
        *("<script>", "<SCRIPT ", "<script/", "<scripts>", "<script", "</script>", "</script "),
        *("</SCRIPT\t", "</scriptx>", "</script", "<!--", "<!-->", "<!--->", "<!-", "-->"),
        *("--", "-", ">", "<", "!", "x", "报", "/", "\n", "document.write('", "');"),
    ]
)


@given(st.lists(_SCRIPT_PIECES, max_size=30), st.integers(0, 300), st.integers(0, 300))
def test_a_script_ends_where_the_standard_s_script_states_end_it(
    pieces: list[str], at: int, stop: int
) -> None:
    page = "".join(pieces)
    stop = min(stop, len(page))
    at = min(at, stop)
    assert script_end(page, at, stop) == _script_end_by_the_standard(page, at, stop)


@pytest.mark.parametrize(
    "script",
    [
        # Old pages wrap document.write of a script in a comment: the "</script>" it writes
        # does not end the script, nor does one after "<!--" and "<script" in strings.
        # (Each shows 前 and 后 only in Chromium.)
        "<script><!--\ndocument.write('<script src=\"x.js\"></script>');\n//--></script>",
        "<script><!-- document.write('<script>'); </script><p>中</p><script> --></script>",
        "<script><!--<script></script>x</script>",
        "<script><!--<script>--></script>",
        "<script>var a='<!--'; var b='<script>';</script><p>中</p><script>x--></script>",
    ],
)
def test_a_script_ends_where_browsers_end_it(script: str) -> None:
    page = f"<p>前</p>{script}<p>后</p>"
    assert read_html(page).text == "前\n后"
    _same(read_html(page), _tag_by_tag(page))


@pytest.mark.parametrize(
    "page",
    [
        "<style>td{}</style><table><tr><td>1</td><td>2</td></tr></table>",
        "<p>a<script>var s = '<td>1</td><p>';</script>b</p>",
        "<p>a<script></script>b<style>x</STYLE >c<script>d",
        "<table><tr><td>1<script>'</td>'</script></td><td>2</td></tr></table>",
        "<div class=nav><style>p{}</style>导航</div><p>正文<script>if(a<b)c()</script></p>",
    ],
)
def test_raw_text_is_skipped_as_tag_by_tag(page: str) -> None:
    _same(read_html(page), _tag_by_tag(page))
    assert "td" not in read_html(page).text and "var" not in read_html(page).text

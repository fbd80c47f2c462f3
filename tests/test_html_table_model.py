"""Tables are read as browsers build and show them, on markup that breaks the rules.

Every expected grid here is what headless Chromium showed for the page (each cell's position
from the layout), written down when the case was found: cells outside rows, elements wrapped
around rows, a table started inside a table, captions and row groups inside open cells, and
styles that hide a cell or leave its slot empty.
"""

from __future__ import annotations

import pytest

from gikparse.readers._html_style import blank as is_blank
from gikparse.readers._html_style import cascaded
from gikparse.readers._html_style import hidden as is_hidden
from gikparse.readers.document import Document, LineKind
from gikparse.readers.html import read_html


def _rows(doc: Document) -> list[list[str]]:
    return [[c.text for c in line.cells] for line in doc.lines if line.kind is LineKind.ROW]


_TWO_ROWS = [["规章", "4", "7"], ["文件", "5", "1"]]


@pytest.mark.parametrize(
    ("page", "shown"),
    [
        # A cell outside a row: browsers make the row.
        (
            "<table><tr><td>规章</td><td>4</td><td>7</td></tr><td>文件</td><td>5</td><td>1</td>"
            "</table>",
            _TWO_ROWS,
        ),
        (
            "<table><td>规章</td><td>4</td><td>7</td><tr><td>文件</td><td>5</td><td>1</td></tr>"
            "</table>",
            _TWO_ROWS,
        ),
        ("<table><tr><td>规章<td>4<td>7</tr><td>文件<td>5<td>1</table>", _TWO_ROWS),
        ("<table><tbody><td>规章<td>4<td>7<tr><td>文件<td>5<td>1</table>", _TWO_ROWS),
        # </tbody> ends the row group browsers imply for rows written in the table.
        ("<table><tr><td>规章<td>4<td>7</tbody><td>文件<td>5<td>1</table>", _TWO_ROWS),
        # Elements that do not belong in a table are shown above it; rows stay in the table.
        (
            "<table><form><tr><td>规章</td><td>4</td><td>7</td></tr>"
            "<tr><td>文件</td><td>5</td><td>1</td></tr></form></table>",
            _TWO_ROWS,
        ),
        (
            "<table><div><tr><td>规章</td><td>4</td><td>7</td></tr>"
            "<tr><td>文件</td><td>5</td><td>1</td></tr></div></table>",
            _TWO_ROWS,
        ),
        (
            "<table><tr><td>规章</td><p><td>4</td><td>7</td></tr>"
            "<tr><td>文件</td><td>5</td><td>1</td></tr></table>",
            _TWO_ROWS,
        ),
        (
            "<table><tr><td>规章</td><td>4</td><div><th>7</th></tr>"
            "<tr><td>文件</td><td>5</td><td>1</td></tr></table>",
            _TWO_ROWS,
        ),
        (
            "<table><span style='display:none'><tr><td>规章</td><td>4</td><td>7</td></tr>"
            "</span><tr><td>文件</td><td>5</td><td>1</td></tr></table>",
            _TWO_ROWS,
        ),
        (
            "<table><tr><td>规章</td><span style='display:none'><td>4</td></span><td>7</td>"
            "</tr><tr><td>文件</td><td>5</td><td>1</td></tr></table>",
            _TWO_ROWS,
        ),
        (
            "<table><tr><td>规章</td><select><td>4</td></select><td>7</td></tr>"
            "<tr><td>文件</td><td>5</td><td>1</td></tr></table>",
            _TWO_ROWS,
        ),
        # A column group holds columns only.
        (
            "<table><colgroup><col><col><tr><td>规章<td>4<td>7<tr><td>文件<td>5<td>1</table>",
            _TWO_ROWS,
        ),
        # A caption in an open cell ends the cell (and is no cell's text).
        (
            "<table><tr><td>规章<td>4<td>7<caption>表一</caption><tr><td>文件<td>5<td>1</table>",
            _TWO_ROWS,
        ),
        # A table started in a table (not in a cell) ends the open one: two tables, which
        # follow each other directly and so are read as one grid split in two.
        (
            "<table><tr><td>规章</td><td>4</td><td>7</td></tr><table>"
            "<tr><td>文件</td><td>5</td><td>1</td></tr></table>",
            _TWO_ROWS,
        ),
        # What <noembed> and <noframes> hold is never shown.
        (
            "<noembed><table><tr><td>x</td><td>9</td></tr></table></noembed><noframes><table>"
            "<tr><td>y</td><td>8</td></tr></table></noframes><table><tr><td>规章</td><td>4</td>"
            "<td>7</td></tr><tr><td>文件</td><td>5</td><td>1</td></tr></table>",
            _TWO_ROWS,
        ),
        # display:none takes a cell out; visibility:hidden and hidden=until-found leave its
        # slot, blank; a row so styled is a row of blanks.
        (
            "<table><tr><td>规章</td><td style='display:none'>x</td><td>4</td><td>7</td></tr>"
            "<tr><td>文件</td><td>5</td><td>1</td></tr></table>",
            _TWO_ROWS,
        ),
        (
            "<table><tr><td>规章</td><td style='visibility:hidden'>x</td><td>4</td></tr></table>",
            [["规章", "", "4"]],
        ),
        (
            "<table><tr><td>规章</td><td hidden=until-found>x</td><td>4</td></tr></table>",
            [["规章", "", "4"]],
        ),
        (
            "<table><tr><td>规章</td><td>4</td></tr><tr style='visibility:collapse'><td>x</td>"
            "<td>0</td></tr></table>",
            [["规章", "4"], ["", ""]],
        ),
        # hidden=until-found does not hide rows and row groups.
        (
            "<table><tr><td>规章<td>4<td>7</tr><tr hidden=until-found><td>文件<td>5<td>1</table>",
            _TWO_ROWS,
        ),
        (
            "<table><tr><td>规章<td>4<td>7</tr><tbody hidden=until-found><tr><td>文件<td>5"
            "<td>1</table>",
            _TWO_ROWS,
        ),
        # Styles as browsers apply them.
        (
            "<table><tr><td>规章</td><td style='mso-hide:all'>x</td><td>4</td></tr></table>",
            [["规章", "x", "4"]],
        ),
        (
            "<table><tr><td>规章</td><td style='display:nonex'>4</td><td>7</td></tr></table>",
            [["规章", "4", "7"]],
        ),
        (
            "<table><tr><td>规章</td><td style='display:none;display:table-cell'>4</td>"
            "<td>7</td></tr></table>",
            [["规章", "4", "7"]],
        ),
        (
            "<table><tr><td>规章</td><td style='/*display:none*/color:red'>4</td><td>7</td>"
            "</tr></table>",
            [["规章", "4", "7"]],
        ),
        (
            "<table><tr><td>规章</td><td style='-x-display:none'>4</td><td>7</td></tr></table>",
            [["规章", "4", "7"]],
        ),
    ],
)
def test_a_table_is_read_as_browsers_show_it(page: str, shown: list[list[str]]) -> None:
    assert _rows(read_html(page)) == shown


def test_text_shown_above_a_table_is_named() -> None:
    # Text in an element that does not belong where it is written in a table is shown
    # above it by browsers; it is no cell's, and P420 says where it is.
    page = (
        "<table><tr><td>规章</td><td>4</td></tr><div>注：单位为件</div>"
        "<tr><td>文件</td><td>5</td></tr></table>"
    )
    doc = read_html(page)
    assert _rows(doc) == [["规章", "4"], ["文件", "5"]]
    warning = next(d for d in doc.diagnostics if d.code == "P420")
    assert str(page.index("注")) in warning.message_en


@pytest.mark.parametrize("caption", ["", "<caption>表</caption>"])
def test_rows_after_an_implied_row_group_ends_start_another(caption: str) -> None:
    # Spans stop at the end of their row group: </tbody> ends the one browsers imply. (With
    # a caption the table is read tag by tag, else in one pass.)
    page = (
        f"<table>{caption}<tr><td rowspan=3>甲</td><td>1</td></tr><tr><td>2</td></tr></tbody>"
        "<tr><td>乙</td><td>3</td></tr></table>"
    )
    rows = [line for line in read_html(page).lines if line.kind is LineKind.ROW]
    assert rows[0].cells[0].row_span == 2
    assert _rows(read_html(page)) == [["甲", "1"], ["2"], ["乙", "3"]]


@pytest.mark.parametrize("part", ["<caption>表</caption>", "<colgroup></colgroup>", "<col>"])
def test_a_caption_or_column_group_ends_the_implied_row_group(part: str) -> None:
    # (A <col> outside a column group starts one, in browsers.)
    # A row span stops there: the rows after it start at the first column.
    page = f"<table><tr><td rowspan=2>甲<td>1{part}<tr><td>2<td>3</table>"
    rows = [line for line in read_html(page).lines if line.kind is LineKind.ROW]
    assert [[(c.text, c.row_span) for c in row.cells] for row in rows] == [
        [("甲", 1), ("1", 1)],
        [("2", 1), ("3", 1)],
    ]


@pytest.mark.parametrize(
    ("style", "hidden", "blank"),
    [
        ("display:none", True, False),
        ("display : none !important", True, False),
        ("display:none !important;display:block", True, False),
        ("display:block;display:none", True, False),
        ("display:none;display:block", False, False),
        ("display:nonex", False, False),
        ("display:none;display:nonex", True, False),
        ("xdisplay:none", False, False),
        ("/* display:none */", False, False),
        ("display:\xa0none", False, False),
        ("visibility:hidden", False, True),
        ("visibility:collapse", False, True),
        ("visibility:hidden;visibility:visible", False, False),
        ("color:red;visibility: hidden ;", False, True),
        ("mso-hide:all", False, False),
        ("display:none;display:block block", True, False),
        ("display:none;display:none block", True, False),
        ("display:none;display:block flow", False, False),
        ("display:none;display:-webkit-flex", False, False),
        # A string holds no declarations; a quote in a comment opens no string.
        ("content:'a;display:none'", False, False),
        ('font-family:"x;visibility:hidden"', False, False),
        ("/* ' */display:none", True, False),
        ("content:'/*';display:none", True, False),
    ],
)
def test_a_style_hides_as_browsers_apply_it(style: str, hidden: bool, blank: bool) -> None:
    values = cascaded(style)
    assert (is_hidden(values), is_blank(values)) == (hidden, blank)


@pytest.mark.parametrize(
    ("end", "last"),
    [
        ("5</t", "5"),
        ("5<spa", "5"),
        ("5<span style='x", "5"),
        ("5<!x", "5"),
        ("5</", "5</"),
        ("5 < 6", "5 < 6"),
        ("5<", "5<"),
    ],
)
def test_a_page_that_ends_inside_a_tag_drops_the_tag(end: str, last: str) -> None:
    # Browsers drop a tag the page ends in (a download cut short); "<" alone is text.
    page = "<table><tr><td>规章</td><td>4</td></tr><tr><td>文件</td><td>" + end
    assert _rows(read_html(page)) == [["规章", "4"], ["文件", last]]


def test_a_nul_in_a_cell_shows_nothing() -> None:
    page = (
        "<table><tr><td>规章</td><td>4\x002</td></tr><tr><td>文\x01件</td><td>5</td></tr></table>"
    )
    assert _rows(read_html(page)) == [["规章", "42"], ["文\ufffd件", "5"]]


_HIDDEN = "style='visibility:hidden'"
_VISIBLE = "style='visibility:visible'"


@pytest.mark.parametrize(
    ("page", "shown"),
    [
        # Visibility is inherited: what says visibility:visible inside a hidden cell, row or
        # span shows (the rest of it keeps its slot, blank); visibility:initial is visible.
        (f"<td {_HIDDEN}>1<span {_VISIBLE}>9</span>2</td><td>3</td>", ["9", "3"]),
        (f"<td {_HIDDEN}>1<span {_VISIBLE}>9<i {_HIDDEN}>8</i></span>2</td>", ["9"]),
        (f"<td>1<span {_HIDDEN}>x<b {_VISIBLE}>9</b>y</span>2</td>", ["192"]),
        (f"<td>1<span {_HIDDEN}>9</span>2</td>", ["12"]),
        (
            f"<td {_HIDDEN}>1<span style='visibility:inherit'>9</span>"
            "<span style='visibility:initial'>7</span>2</td>",
            ["7"],
        ),
        # An element hidden until found shows nothing, whatever is visible in it.
        (f"<td hidden=until-found>1<span {_VISIBLE}>9</span>2</td><td>3</td>", ["", "3"]),
    ],
)
def test_what_is_visible_inside_an_invisible_cell_shows(page: str, shown: list[str]) -> None:
    rows = _rows(read_html(f"<table><tr><td>a</td>{page}</tr></table>"))
    assert rows == [["a", *shown]]


def test_a_cell_visible_in_an_invisible_row_shows() -> None:
    page = f"<table><tr {_HIDDEN}><td>a</td><td {_VISIBLE}>5</td><td>6</td></tr></table>"
    assert _rows(read_html(page)) == [["", "5", ""]]

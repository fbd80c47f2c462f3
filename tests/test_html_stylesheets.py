"""Web pages: what a page's ``<style>`` sheets hide is left out, as browsers leave it out.

Expected values are what headless Chromium shows for each page (checked when these cases were
written), except where a rule is named by P421: a rule of classes and ids is applied with the
cascade (important, then specificity, then order; the element's own style attribute over a
sheet's normal declarations); a sheet is read as CSS parses it (invalid rules dropped whole);
a rule the reader cannot apply that may hide or show text is named (P421), never silently
ignored.
"""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gikparse
from gikparse import ValueStatus
from gikparse.readers._html_mode import quirks
from gikparse.readers._html_prepare import lowered
from gikparse.readers.html import read_html
from tests.conftest import FIXTURES
from tests.html_render import STYLES, HtmlStyle, render_html
from tests.strategies import GeneratedReport, generated_reports
from tests.test_html_roundtrip import _assert_values as assert_values


def _row(page: str) -> tuple[list[str], list[str]]:
    """The cells of the only table row a one-row page shows, and the diagnostics' codes."""
    document = read_html(page)
    rows = [line.text.split("\t") for line in document.lines if line.table is not None]
    assert len(rows) == 1, rows
    return rows[0], [d.code for d in document.diagnostics]


def _table(sheet: str, cells: str) -> str:
    return f"<style>{sheet}</style><table><tr><td>a</td>{cells}</tr></table>"


@pytest.mark.parametrize(
    ("sheet", "cells", "shown"),
    [
        # A class, an id, a tag with a class, any tag with a class.
        (".h{display:none}", "<td>1<span class=h>9</span>2</td>", ["a", "12"]),
        ("#x{display:none}", "<td>1<span id=x>9</span>2</td>", ["a", "12"]),
        (
            "span.h{display:none}",
            "<td>1<span class='k h'>9</span><b class=h>8</b>2</td>",
            ["a", "182"],
        ),
        (
            "*.x{display:none} span#q.k{display:none}",
            "<td>1<span class=x>9</span><span id=q class='k j'>8</span>2</td>",
            ["a", "12"],
        ),
        # Cells and rows: hidden ones leave no slot, a cell blanked by visibility keeps its.
        ("td.b{visibility:hidden}", "<td class=b>5</td><td>6</td>", ["a", "", "6"]),
        (".g{display:none}", "<td class=g>5</td><td>6</td>", ["a", "6"]),
        # The cascade: more specific, then later, wins; important over all.
        (
            ".x{display:none} .x.y{display:inline}",
            "<td>1<span class='x y'>9</span><span class=x>8</span>2</td>",
            ["a", "192"],
        ),
        (
            "span.x{display:none} .x{display:inline}",
            "<td>1<span class=x>9</span>2</td>",
            ["a", "12"],
        ),
        (
            ".x{display:inline} .y{display:none}",
            "<td>1<span class='x y'>9</span>2</td>",
            ["a", "12"],
        ),
        (
            ".x{display:none}",
            "<td>1<span class=x style='display:inline'>9</span>2</td>",
            ["a", "192"],
        ),
        (
            ".x{display:none!important}",
            "<td>1<span class=x style='display:inline'>9</span>2</td>",
            ["a", "12"],
        ),
        # Not on a screen: print rules; a brace in a string is no block's end.
        (
            "@media print{.y{display:none}} @media screen{.z{display:none}}",
            "<td>1<span class=y>8</span><span class=z>9</span>2</td>",
            ["a", "182"],
        ),
        (".a{content:'}'} .x{display:none}", "<td>1<span class=x>9</span>2</td>", ["a", "12"]),
        (
            "/* .x{display:none} */ .y{display:none}",
            "<td>1<span class=x>9</span><span class=y>8</span>2</td>",
            ["a", "192"],
        ),
        # A brace in a comment, a semicolon in a string: neither ends anything.
        (
            ".a{content:'/*'} .y{display:none} /* } */",
            "<td>1<span class=y>8</span>2</td>",
            ["a", "12"],
        ),
        (".x{content:'a;display:none;b'}", "<td>1<span class=x>9</span>2</td>", ["a", "192"]),
    ],
)
def test_a_sheet_hides_what_browsers_hide(sheet: str, cells: str, shown: list[str]) -> None:
    assert _row(_table(sheet, cells)) == (shown, [])


@pytest.mark.parametrize(
    ("page", "shown"),
    [
        # A sheet applies to the whole page, wherever it is, even inside a hidden element.
        (
            "<table><tr><td>a</td><td>1<span class=x>9</span>2</td></tr></table>"
            "<style>.x{display:none}</style>",
            "12",
        ),
        (
            "<div style=display:none><style>.x{display:none}</style></div>"
            "<table><tr><td>a</td><td>1<span class=x>9</span>2</td></tr></table>",
            "12",
        ),
        # A sheet for print, and what only looks like a sheet, do not apply.
        (
            "<style media=print>.x{display:none}</style>"
            "<table><tr><td>a</td><td>1<span class=x>9</span>2</td></tr></table>",
            "192",
        ),
        (
            "<!-- <style>.x{display:none}</style> -->"
            "<table><tr><td>a</td><td>1<span class=x>9</span>2</td></tr></table>",
            "192",
        ),
        (
            "<template><style>.x{display:none}</style></template>"
            "<table><tr><td>a</td><td>1<span class=x>9</span>2</td></tr></table>",
            "192",
        ),
        (
            "<script>var s = '<style>.x{display:none}</style>';</script>"
            "<table><tr><td>a</td><td>1<span class=x>9</span>2</td></tr></table>",
            "192",
        ),
        (
            "<p title='<style>.x{display:none}</style>'>p</p>"
            "<table><tr><td>a</td><td>1<span class=x>9</span>2</td></tr></table>",
            "192",
        ),
        # A ">" in a quoted value ends no <style> or <script> start tag (the HTML standard's
        # attribute value states).
        (
            '<style title="a>b">.x{display:none}</style>'
            "<table><tr><td>a</td><td>1<span class=x>9</span>2</td></tr></table>",
            "12",
        ),
        (
            "<script data-x=\"a></script>b\">var s = '<style>.x{display:none}</style>';</script>"
            "<table><tr><td>a</td><td>1<span class=x>9</span>2</td></tr></table>",
            "192",
        ),
    ],
)
def test_only_the_page_s_own_sheets_apply_wherever_they_are(page: str, shown: str) -> None:
    cells, codes = _row(page)
    assert cells == ["a", shown]
    assert codes == []


@pytest.mark.parametrize(
    ("cells", "shown"),
    [
        # An escape spells a name or a keyword, in a style attribute and in a sheet; an
        # escaped ";" or ":" is a character of a name or value, never a separator.
        (r'<td>1<span style="disp\lay:none">9</span>2</td>', ["a", "12"]),
        (r'<td>1<span style="d\69splay:none">9</span>2</td>', ["a", "12"]),
        (r'<td>1<span style="display:\6e one">9</span>2</td>', ["a", "12"]),
        (r'<td>1<span style="display:\4e ONE">9</span>2</td>', ["a", "12"]),
        (r'<td>1<span style="DISP\LAY:NONE">9</span>2</td>', ["a", "12"]),
        (r'<td>1<span style="visibility:hidde\n">9</span>2</td>', ["a", "12"]),
        (r'<td style="disp\lay:none">5</td><td>6</td>', ["a", "6"]),
        (r"<td>1<span style=\"content:'\22;display:none'\">9</span>2</td>", ["a", "192"]),
        (r'<td>1<span style="x:\;display:none">9</span>2</td>', ["a", "192"]),
        (r'<td>1<span style="display:no\;ne">9</span>2</td>', ["a", "192"]),
        (r'<td>1<span style="display\:none">9</span>2</td>', ["a", "192"]),
        (
            r'<td>1<span class=x>9</span>2</td><style>.x{content:"\22;display:none"}</style>',
            ["a", "192"],
        ),
        (r"<td>1<span class=x>9</span>2</td><style>.x{display:\4e one}</style>", ["a", "12"]),
        (r"<td>1<span class=x>9</span>2</td><style>.x{x:\;display:none}</style>", ["a", "192"]),
        # An escaped space, ":" or "!" is a character of a word, never a separator; a
        # backslash at the end, or before a newline (CR and FF are newlines in CSS), or a
        # comment after a hex escape, leave no valid value (found by the independent review).
        (r'<td>1<span style="display:\ none">9</span>2</td>', ["a", "192"]),
        (r'<td>1<span style="display:\20none">9</span>2</td>', ["a", "192"]),
        (r'<td>1<span style="\20 display:none">9</span>2</td>', ["a", "192"]),
        (r'<td>1<span style="display:\9 none">9</span>2</td>', ["a", "192"]),
        (r'<td>1<span hidden style="disp\lay:inline\ ">9</span>2</td>', ["a", "12"]),
        (r'<td>1<span style="display:none \!important">9</span>2</td>', ["a", "192"]),
        (r'<td>1<span style="display:none\">9</span>2</td>', ["a", "192"]),
        (r'<td>1<span style="display:none;display:inline\">9</span>2</td>', ["a", "12"]),
        (r'<td>1<span style="display:\&#13;none">9</span>2</td>', ["a", "192"]),
        (r'<td>1<span style="display:\6e/**/one">9</span>2</td>', ["a", "192"]),
        (r'<td>1<span style="display:\6e&#13;&#10;one">9</span>2</td>', ["a", "12"]),
        (
            r"<td>1<span class=h style='display:inline \!important'>9</span>2</td>"
            "<style>.h{display:none}</style>",
            ["a", "12"],
        ),
        (r"<td>1<span class=h>9</span>2</td><style>.h{display:none\}</style>", ["a", "192"]),
    ],
)
def test_css_escapes_are_read_as_browsers_read_them(cells: str, shown: list[str]) -> None:
    assert _row(f"<table><tr><td>a</td>{cells}</tr></table>") == (shown, [])


def test_a_sheet_hides_rows_of_a_table() -> None:
    page = (
        "<style>.gone{display:none}</style><table><tr><td>a</td><td>1</td></tr>"
        "<tr class=gone><td>b</td><td>2</td></tr><tr><td>c</td><td>3</td></tr></table>"
    )
    assert [line.text for line in read_html(page).lines] == ["a\t1", "c\t3"]


@pytest.mark.parametrize(
    "sheet",
    [
        ".m span{display:none}",  # a descendant: the tokenizer does not read every span
        "span{display:none}",  # a bare tag: likewise
        "@media (min-width:768px){.x{display:none}}",  # depends on the screen's width
        "@supports (display:grid){.x{display:none}}",
        "@layer base{.x{display:none}}",
        ".m{.x{display:none}}",  # nested
        ".MsoHide{display:none}",  # a class Word names mso…: not read on every element
        ".a\\:b{display:none}",  # an escape
        "td:first-child span{visibility:hidden}",
        # A rule not applied that may show again what an applied one hides.
        ".x{display:none} .m .x{display:inline}",
    ],
)
def test_a_rule_that_is_not_applied_but_may_hide_text_is_named(sheet: str) -> None:
    cells = "<td class=m>1<span class='x msohide a:b'>9</span>2</td>"
    assert "P421" in _row(_table(sheet, cells))[1]
    report = gikparse.parse_html(_table(sheet, cells))
    assert "P421" in {d.code for d in report.diagnostics}


@pytest.mark.parametrize(
    "sheet",
    [
        "a:hover span{display:none}",  # a state: nothing hidden at rest
        "p::before{display:none}",  # generated content
        ".nav li ul{display:none}",  # nothing on the page it may select
        "@media print{.m span{display:none}}",
        ".m span{display:inline}",  # shows, and nothing applied hides
    ],
)
def test_a_rule_that_cannot_hide_text_here_is_not_named(sheet: str) -> None:
    assert _row(_table(sheet, "<td class=m>1<span>9</span>2</td>")) == (["a", "192"], [])


@pytest.mark.parametrize(
    ("sheet", "cells", "shown"),
    [
        # A footnote mark raised by a class: 5 and a raised 1, never 51 (as a style attribute
        # or <sup> would raise it: see test_html_reader).
        (".fn{vertical-align:super}", "<td>5<span class=fn>1</span></td>", "5 1"),
        ("span.fn{vertical-align:-3pt}", "<td>5<span class='x fn'>1</span></td>", "5 1"),
        ("#f1{vertical-align:sub}", "<td>5<span id=f1>1</span></td>", "5 1"),
        (".x{text-decoration:line-through}", "<td><font class=x>7</font>5</td>", "7 5"),
        ("@media screen{.fn{vertical-align:super}}", "<td>5<a class=fn>1</a></td>", "5 1"),
        # Floated to the cell's edge: 5 at the left, 1 at the right.
        (".fn{float:right}", "<td>5<span class=fn>1</span></td>", "5 1"),
        (".fn{float:right}", "<td>5<span class=fn style='float:none'>1</span></td>", "51"),
        # Cascaded property by property with the element's own style.
        (".fn{position:relative}", "<td>5<span class=fn style='top:-3pt'>1</span></td>", "5 1"),
        (
            ".fn{vertical-align:super!important}",
            "<td>5<span class=fn style='vertical-align:baseline'>1</span></td>",
            "5 1",
        ),
        # What sets nothing apart keeps the digits together.
        (
            ".fn{vertical-align:super}",
            "<td>5<span class=fn style='vertical-align:baseline'>1</span></td>",
            "51",
        ),
        (
            ".fn{vertical-align:super} .fn{vertical-align:baseline}",
            "<td>5<span class=fn>1</span></td>",
            "51",
        ),
        ("@media print{.fn{vertical-align:super}}", "<td>5<span class=fn>1</span></td>", "51"),
        ("td.fn{vertical-align:super}", "<td class=fn>51</td>", "51"),  # a cell: no superscript
        # The element's own style, or a later rule, undoes what a rule sets (as in Chromium).
        (
            ".x{text-decoration:line-through}",
            "<td>5<span class=x style='text-decoration:none'>1</span></td>",
            "51",
        ),
        (
            ".x{text-decoration-line:line-through} .x.y{text-decoration:underline}",
            "<td>5<span class='x y'>1</span></td>",
            "51",
        ),
        (
            ".fn{position:relative;top:-4px}",
            "<td>5<span class=fn style='position:static'>1</span></td>",
            "51",
        ),
        (".fn{position:relative;top:-4px} .fn{top:0}", "<td>5<span class=fn>1</span></td>", "51"),
        # Word's footnote reference class (its marks print brackets) is not read.
        (
            "span.MsoFootnoteReference{vertical-align:super}",
            "<td>5<span class=MsoFootnoteReference>1</span></td>",
            "51",
        ),
    ],
)
def test_a_sheet_sets_apart_what_it_raises_or_strikes_out(
    sheet: str, cells: str, shown: str
) -> None:
    assert _row(_table(sheet, cells)) == (["a", shown], [])


def test_a_rule_not_applied_that_may_raise_digits_is_named() -> None:
    # A descendant selector is not applied: the cell reads 51, and the rule is named.
    cells, codes = _row(_table("td .fn{vertical-align:super}", "<td>5<span class=fn>1</span></td>"))
    assert (cells, codes) == (["a", "51"], ["P421"])
    # Sites nudge icons and menus by position; a tag that stands apart anyway, or holds no
    # text: such rules are not named.
    for sheet in (
        ".m a{position:relative;top:2px}",
        "sup{vertical-align:super;font-size:smaller} sub{vertical-align:sub}",
        "del,s{text-decoration:line-through}",
        ".logo img{vertical-align:-4px}",
    ):
        cells = "<td class=m>5<a>1</a>，<sup>2</sup>，<del>3</del><img src=x.png></td>"
        assert _row(_table(sheet, cells)) == (["a", "51，2，3"], []), sheet


def test_a_value_with_a_mark_a_sheet_raises_is_no_number() -> None:
    # Through the whole parse of a seed page: the received row's first value, 5 with a
    # footnote mark a class raises, is no number (two values in one cell: P223), never 51.
    page = (FIXTURES / "rendered" / "000_623967a19d51db49.html").read_text("utf-8")
    label = '<td colspan="3">一、本年新收政府信息公开申请数量</td>'
    assert page.count(label + "<td>0</td>") == 1
    page = page.replace(label + "<td>0</td>", label + "<td>5<span class=fn>1</span></td>")
    sheet = "<style>.fn{vertical-align:super}</style></head>"
    for head, value, status in (
        ("</head>", 51, ValueStatus.NUMBER),  # no rule raises it: the page shows 51
        (sheet, None, ValueStatus.AMBIGUOUS),
    ):
        report = gikparse.parse_html(page.replace("</head>", head, 1))
        table = report.table("applications")
        assert table is not None
        cell = table.cell("received", "natural_person")
        assert cell is not None and (cell.value, cell.status) == (value, status)
        assert ("P223" in {d.code for d in report.diagnostics}) == (value is None)
        # The other cells of the row are read by the grid.
        assert table.value("received", "total") == 0


@pytest.mark.parametrize(
    ("cells", "shown"),
    [
        # The hidden attribute is the browser's own display:none, whatever else the element's
        # style says, in either order; a display the page gives it shows it.
        ("<td>1<span hidden style='color:red'>9</span>2</td>", "12"),
        ("<td>1<span style='color:red' hidden>9</span>2</td>", "12"),
        ("<td>1<span hidden style='display:inline'>9</span>2</td>", "192"),
        ("<td>1<span hidden class=s>9</span>2</td>", "192"),
    ],
)
def test_the_hidden_attribute_hides_unless_a_style_gives_a_display(cells: str, shown: str) -> None:
    assert _row(_table(".s{display:inline}", cells)) == (["a", shown], [])


_CELLS = (
    "<table><tr><td>a</td><td>1<span class=x>9</span>2</td><td>3<span id=y>8</span>4</td></tr>"
    "</table>"
)


@pytest.mark.parametrize(
    ("head", "shown", "named"),
    [
        # A rule's selector runs to its "{": a stray ";" or "}" before it makes it invalid.
        ("<style>.a{color:red}; .x{display:none}</style>", ["192", "384"], False),
        ("<style>.a{color:red}} .x{display:none}</style>", ["192", "384"], False),
        ("<style>@media screen{.a{color:red}; .x{display:none}}</style>", ["192", "384"], False),
        ("<style>@media screen{.a{color:red}} } .x{display:none}</style>", ["192", "384"], False),
        # One invalid selector drops the whole rule.
        ("<style>.x,{display:none}</style>", ["192", "384"], False),
        ("<style>,.x{display:none}</style>", ["192", "384"], False),
        ("<style>.x, blink:frob{display:none}</style>", ["192", "384"], False),
        ("<style>.x, .1y{display:none}</style>", ["192", "384"], False),
        ("<style>.x, .a/b{display:none}</style>", ["192", "384"], False),
        # Braces inside parentheses, brackets and strings are text; an open one runs on.
        ("<style>.x{background:url(a}b.png);display:none}</style>", ["12", "384"], False),
        ("<style>.a(.b{color:red} .x{display:none}</style>", ["192", "384"], False),
        ("<style>.a[.b{color:red} .x{display:none}</style>", ["192", "384"], False),
        # The <!-- --> old pages wrap a sheet in; escapes in declarations.
        ("<style type='text/css'><!--\n.x{display:none}\n--></style>", ["12", "384"], False),
        ("<style>.x{display:n\\6f ne}</style>", ["12", "384"], False),
        # Specificity counts a class or an id written twice.
        ("<style>.x.x{display:none} .x{display:inline}</style>", ["12", "384"], False),
        ("<style>#y#y{display:none} #y{display:inline}</style>", ["192", "34"], False),
        # A sheet of another type is no CSS.
        ("<style type='text/less'>.x{display:none}</style>", ["192", "384"], False),
        ("<style type='text/css; charset=utf-8'>.x{display:none}</style>", ["192", "384"], False),
        ("<style type='TEXT/CSS'>.x{display:none}</style>", ["12", "384"], False),
        # A <style> read as text by browsers.
        ("<title>t<style>.x{display:none}</style></title>", ["192", "384"], False),
        ("<textarea><style>.x{display:none}</style></textarea>", ["192", "384"], False),
        ("<xmp><style>.x{display:none}</style></xmp>", ["192", "384"], False),
        ("<noframes><style>.x{display:none}</style></noframes>", ["192", "384"], False),
        # Rules that may match at rest, or under a condition: named, not applied (a browser
        # may show these pages otherwise: that is what P421 says).
        (
            "<style>.x{display:none} #t:checked ~ table .x{display:inline}</style>",
            ["12", "384"],
            True,
        ),
        ("<style>.x:not(:hover){display:none}</style>", ["192", "384"], True),
        (
            "<style>@media not all and (max-width:1px){.x{display:none}}</style>",
            ["192", "384"],
            True,
        ),
        ("<style>@scope (body){.x{display:none}}</style>", ["192", "384"], True),
        # A value browsers do not know is dropped.
        ("<style>.x{display:none;display:run-in}</style>", ["12", "384"], False),
        # A selector whose subject is nowhere on the page is not named.
        ("<style>.nosuch .zzqq{display:none}</style>", ["192", "384"], False),
    ],
)
def test_a_sheet_is_read_as_css_parses_it(head: str, shown: list[str], named: bool) -> None:
    cells, codes = _row(f"<html><head>{head}</head><body>{_CELLS}</body></html>")
    assert cells == ["a", *shown]
    assert ("P421" in codes) is named


@pytest.mark.parametrize(
    ("style", "shown"),
    [("display:revert", "192"), ("display:revert-layer", "12"), ("display:inline", "192")],
)
def test_the_hidden_attribute_gives_way_to_a_display_but_revert_layer(
    style: str, shown: str
) -> None:
    page = f"<table><tr><td>a</td><td>1<span hidden style='{style}'>9</span>2</td></tr></table>"
    assert _row(page) == (["a", shown], [])


def test_a_comment_opened_in_a_script_does_not_end_the_page() -> None:
    page = f"<script>var a = '<!--';</script><style>.x{{display:none}}</style>{_CELLS}"
    assert _row(page) == (["a", "12", "384"], [])


# --- hostile sheets ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "page",
    [
        "<style>" + ".a" * 100_000 + " b{display:none}</style><p>a <b>b</b></p>",
        "<style>" + "{" * 50_000 + ".a{display:none}</style><p class=a>x</p>",
        "<style>.a{display:none}" + "'" * 50_000 + "</style><p class=a>x</p>",
        "<style>" + "@media screen{" * 20_000 + ".a{display:none}</style><p class=a>x</p>",
        "<style>"
        + "".join(f".a.b{i}{{display:none}}" for i in range(20_000))
        + "</style>"
        + "<span class=a>x</span>" * 20_000,
        "<style>" + ".a, " * 50_000 + ".b{display:none}</style><p class=b>x</p>",
        "<p>x</p>" + "<style>display" * 50_000,
        "<style>.x, td.y{display:none} #z{visibility:hidden}</style>" * 20_000 + "<p class=x>x",
        "<xmp>" * 1_000 + "<style>.x{display:none}</style>" * 20_000,
        "<p>x</p>" + "<style>display" * 50_000 + "</style>",
        "<style>"
        + "".join(f".m a{i}, " for i in range(50_000))
        + ".m b{display:none}</style>"
        + "<p class=m>x</p>" * 10_000,
    ],
)
def test_hostile_sheets_give_a_report(page: str) -> None:
    assert isinstance(gikparse.parse_html(page), gikparse.Report)


def test_sheet_rules_checked_past_the_budget_end_in_limit_exceeded() -> None:
    # Every name is required by a hundred rules: each element meets thousands of them.
    rules = "".join(f".a{i}.b{j}{{display:none}}" for i in range(100) for j in range(100))
    classes = " ".join(f"a{i}" for i in range(100))
    page = f"<style>{rules}</style>" + f"<p class='{classes}'>x</p>" * 2_000
    with pytest.raises(gikparse.LimitExceeded) as caught:
        gikparse.parse_html(page, limits=gikparse.Limits(max_text_chars=300_000))
    assert caught.value.field == "max_text_chars"


# --- generated reports ------------------------------------------------------------------------

_CELL = re.compile(r"(<td\b[^>]*>)(.*?)(</td>)", re.S)
_VALUE = re.compile(r"(?:(?<=>)|\A)\d+(?=<|\Z)")  # a value's text, alone in its element

# Ways a page hides a stray digit in a cell with its sheet (rule, the hidden element), and ways
# it styles a value that hide nothing on a screen.
_HIDING = (
    (".hd{display:none}", "<span class=hd>9</span>"),
    ("#hd{display:none}", "<span id=hd>9</span>"),
    ("font.hd{display:none !important}", "<font class='a hd' style='display:inline'>9</font>"),
    (".hv{visibility:hidden}", "<span class=hv>9</span>"),
    ("span.hd2, .other{display:none}", "<span class='hd2'>9</span>"),
)
_SHOWING = (
    "@media print{.pr{display:none}}",
    ".pr{display:none} span.pr{display:inline}",
    "a:hover .pr{display:none}",
)


def _with_hidden_digits(text: str, seed: int) -> str:
    rng = random.Random(seed)
    rules = [rule for rule, _ in _HIDING] + list(_SHOWING)
    rng.shuffle(rules)

    def cell(m: re.Match[str]) -> str:
        opening, content, closing = m.groups()
        number = _VALUE.search(content)
        if number is None or rng.random() < 0.3:
            return m.group()
        _, hidden = rng.choice(_HIDING)
        at = rng.choice([number.start(), number.end()])
        shown = content[:at] + hidden + content[at:]
        if rng.random() < 0.3:  # the value itself in an element print rules hide
            shown = f"<span class=pr>{shown}</span>"
        return opening + shown + closing

    page = _CELL.sub(cell, text)
    sheet = f"<style>{' '.join(rules)}</style>"
    if rng.random() < 0.5:
        return sheet + page
    return page + sheet


@settings(max_examples=30, deadline=None)
@given(generated=generated_reports(), kind=st.sampled_from(STYLES), seed=st.integers(0, 2**16))
def test_digits_a_sheet_hides_are_left_out_of_every_value(
    generated: GeneratedReport, kind: str, seed: int
) -> None:
    page = render_html(generated, HtmlStyle(kind=kind, blank="&nbsp;")).text
    report = gikparse.parse_html(_with_hidden_digits(page, seed))
    assert_values(report, generated)
    assert "P421" not in {d.code for d in report.diagnostics}


def test_p421_names_a_selector_as_the_page_writes_it() -> None:
    page = "<style>.中文 SPAN{display:none}</style><table><tr><td class=中文>a<span>1</span></td>"
    named = [d for d in read_html(page + "<td>2</td></tr></table>").diagnostics if d.code == "P421"]
    assert len(named) == 1
    assert ".中文 span" in named[0].message_en  # (ASCII lowered only)


_XHTML = (
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
    '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">'
)
_HTML4_LOOSE = '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">'


@pytest.mark.parametrize(
    ("doctype", "sheet", "cls", "shown"),
    [
        # With a doctype of standards mode, class names match case by case (as Chromium
        # shows); in quirks mode (no doctype, or a legacy one) regardless of case.
        ("<!DOCTYPE html>", ".X{display:none}", "x", "192"),
        ("<!DOCTYPE html>", ".Hide{display:none}", "Hide", "12"),
        ("<!DOCTYPE html>", "SPAN.hide{DISPLAY:NONE}", "hide", "12"),
        (_XHTML, ".X{display:none}", "x", "192"),
        ("", ".X{display:none}", "x", "12"),
        (_HTML4_LOOSE, ".X{display:none}", "x", "12"),
    ],
)
def test_class_names_match_by_case_as_the_document_mode_says(
    doctype: str, sheet: str, cls: str, shown: str
) -> None:
    cells = f"<td>a</td><td>1<span class={cls}>9</span>2</td>"
    page = f"{doctype}<style>{sheet}</style><table><tr>{cells}</tr></table>"
    assert _row(page) == (["a", shown], [])


@pytest.mark.parametrize(
    ("head", "in_quirks"),
    [
        ("", True),
        ("<html>", True),
        ("<!doctype html>", False),
        ("<!-- saved from the site --><!DOCTYPE html>", False),
        (_HTML4_LOOSE, True),
        (_HTML4_LOOSE[:-1] + ' "http://www.w3.org/TR/html4/loose.dtd">', False),
        (_XHTML, False),
        ('<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">', True),
        ("<!DOCTYPE foo>", True),
        ("<p>x</p><!DOCTYPE html>", True),
    ],
)
def test_the_document_mode_is_read_from_the_doctype(head: str, in_quirks: bool) -> None:
    assert quirks(lowered(head + "<p>x</p>")) is in_quirks

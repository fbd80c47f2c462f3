"""Round trip through web pages: generated reports rendered as real sites publish them parse
back exactly, every value pointing at its own cell in the page and in the document text.

Also: the five seed reports as published HTML parse to their expected values.
"""

from __future__ import annotations

import html
import re
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gikparse
from gikparse import ValueStatus
from tests.conftest import RENDERED, SEEDS, load_expected
from tests.html_render import STYLES, HtmlStyle, Page, render_html
from tests.strategies import GeneratedReport, generated_reports

TABLE_KEYS = ("active_disclosure", "applications", "review_litigation")
_TAG = re.compile(r"<[^>]*>")


def _exact(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _exact(v) for k, v in value.items()}
    if value is None or isinstance(value, bool):
        return value
    return Decimal(str(value))


def _page_text(fragment: str) -> str:
    """What a stretch of the page shows: tags dropped, references decoded, spaces trimmed."""
    return html.unescape(_TAG.sub("", fragment)).replace("\xa0", " ").strip()


# --- seeds -------------------------------------------------------------------------------


def test_seed_page_parses_to_expected(seed_name: str) -> None:
    report = gikparse.parse((RENDERED / f"{seed_name}.html").read_bytes())
    expected = load_expected(seed_name)
    got = report.to_dict()
    for key in TABLE_KEYS:
        assert _exact(got[key]) == _exact(expected[key]), key
    for key in ("variant", "year", "agency", "period", "published", "signed_by", "contact"):
        if key in expected:
            assert got[key] == expected[key], key


def test_seed_page_values_point_at_their_cells(seed_name: str) -> None:
    page = (RENDERED / f"{seed_name}.html").read_text("utf-8")
    report = gikparse.parse_html(page)
    for table in report.tables:
        for cell in table.cells:
            value, loc = cell.value, cell.value.location
            if loc is None or not value.raw:
                continue
            assert report.text[loc.offset : loc.offset + loc.length] == value.raw
            assert loc.source_offset is not None and loc.source_length is not None
            shown = page[loc.source_offset : loc.source_offset + loc.source_length]
            assert _page_text(shown) == value.raw
            # The span lies inside one <td> of the page.
            opened = page.rfind("<td", 0, loc.source_offset + 1)
            assert page.find("</td>", opened) >= loc.source_offset + loc.source_length


def test_seed_page_parses_like_its_text(seed_name: str) -> None:
    from_page = gikparse.parse((RENDERED / f"{seed_name}.html").read_bytes())
    from_text = gikparse.parse((SEEDS / f"{seed_name}.txt").read_bytes())
    for key in TABLE_KEYS:
        assert from_page.to_dict()[key] == from_text.to_dict()[key]


# --- generated reports -------------------------------------------------------------------


def _assert_values(report: gikparse.Report, generated: GeneratedReport) -> None:
    """The report's edition and every table's values are the generated ones."""
    assert report.variant == generated.variant
    parsed = {t.id: t for t in report.tables}
    for table in generated.tables:
        got = parsed[table.qualified_id]
        wrong = [
            (row, column, got.value(row, column), want)
            for row, column, want in table.cells()
            if got.value(row, column) != want
        ]
        assert not wrong, (table.qualified_id, wrong[:5])


def _assert_round_trip(report: gikparse.Report, generated: GeneratedReport, page: Page) -> None:
    _assert_values(report, generated)
    assert report.year == generated.year
    assert report.agency == generated.agency
    parsed = {t.id: t for t in report.tables}
    for table in generated.tables:
        got = parsed[table.qualified_id]
        for cell in got.cells:
            value, loc = cell.value, cell.value.location
            assert loc is not None
            assert report.text[loc.offset : loc.offset + loc.length] == value.raw
            assert loc.source_offset is not None and loc.source_length is not None
            start, end = page.cells[(table.qualified_id, cell.row, cell.column)]
            assert start <= loc.source_offset
            assert loc.source_offset + loc.source_length <= end
            if value.raw:
                shown = page.text[loc.source_offset : loc.source_offset + loc.source_length]
                assert _page_text(shown) == value.raw


styles = st.builds(
    HtmlStyle,
    kind=st.sampled_from(STYLES),
    blank=st.sampled_from(["", "&nbsp;", "—", "/"]),
    run=st.integers(1, 4),
    split_at=st.integers(1, 30),
    signature=st.booleans(),
    agency_in_title=st.booleans(),
    declare=st.booleans(),
)


@pytest.mark.parametrize("variant", ["2020", "2021"])
@given(data=st.data())
def test_page_round_trip_in_every_style(variant: str, data: st.DataObject) -> None:
    generated = data.draw(generated_reports(variant))
    style = data.draw(styles)
    page = render_html(generated, style)
    _assert_round_trip(gikparse.parse(page.data), generated, page)


@pytest.mark.parametrize("kind", STYLES)
@settings(max_examples=8)
@given(generated=generated_reports())
def test_each_style_round_trips(kind: str, generated: GeneratedReport) -> None:
    """Every style at least a few times, whatever the mixed property above happened to draw."""
    page = render_html(generated, HtmlStyle(kind=kind, blank="&nbsp;"))
    _assert_round_trip(gikparse.parse(page.data), generated, page)


@settings(max_examples=10)
@given(generated=generated_reports(), signature=st.booleans())
def test_site_page_box_gives_agency_and_date_only_when_the_report_lacks_them(
    generated: GeneratedReport, signature: bool
) -> None:
    style = HtmlStyle(kind="site", signature=signature, agency_in_title=False)
    page = render_html(generated, style)
    report = gikparse.parse(page.data)
    codes = {d.code for d in report.diagnostics}
    assert report.agency == generated.agency
    if signature:
        assert str(report.meta.published) == f"{generated.year + 1}-01-20"
        assert "P414" not in codes and "P413" not in codes
    else:
        assert str(report.meta.published) == page.published
        assert {"P413", "P414"} <= codes


@settings(max_examples=5)
@given(generated=generated_reports())
def test_fragment_title_comes_from_title_element_with_a_diagnostic(
    generated: GeneratedReport,
) -> None:
    page = render_html(generated, HtmlStyle(kind="fragment"))
    report = gikparse.parse(page.text)
    assert report.meta.title == f"{generated.agency}{generated.year}年政府信息公开工作年度报告"
    assert "P411" in {d.code for d in report.diagnostics}


# --- containers named like page chrome ----------------------------------------------------

# Words of class and id names seen on real government sites, chrome-like or not.
_NAME_WORDS = (
    "content",
    "article",
    "print",
    "zoom",
    "position",
    "relative",
    "foot",
    "menu",
    "nav",
    "share",
    "con",
    "main",
    "area",
    "box",
    "table",
    "text",
    "detail",
    "wrap",
    "footer",
    "TRS_Editor",
    "view",
    "info",
)
_names = st.lists(st.sampled_from(_NAME_WORDS), min_size=1, max_size=3).flatmap(
    lambda words: st.sampled_from(["-", "_", ""]).map(lambda sep: sep.join(words))
)
_containers = st.tuples(
    st.sampled_from(["div", "section", "article", "span", "td"]),
    st.sampled_from(["class", "id"]),
    st.lists(_names, min_size=1, max_size=3).map(" ".join),
)


def _wrap(page: str, start: int, end: int, containers: list[tuple[str, str, str]]) -> str:
    opening = "".join(
        f'<{tag} {key}="{name}">' if tag != "td" else f'<table><tr><td {key}="{name}">'
        for tag, key, name in containers
    )
    closing = "".join(
        f"</{tag}>" if tag != "td" else "</td></tr></table>" for tag, _, _ in reversed(containers)
    )
    return page[:start] + opening + page[start:end] + closing + page[end:]


@settings(max_examples=20)
@given(
    generated=generated_reports(),
    style=styles,
    around_body=st.lists(_containers, max_size=3),
    around_tables=st.lists(_containers, max_size=2),
)
def test_report_in_containers_named_like_chrome_parses_to_the_same_values(
    generated: GeneratedReport,
    style: HtmlStyle,
    around_body: list[tuple[str, str, str]],
    around_tables: list[tuple[str, str, str]],
) -> None:
    """Sites wrap the report in containers named ``print_content``, ``zoom print-area``,
    ``position-relative``, ``article-foot``, ``nav``: the report is never thrown away as
    page chrome, whatever the names."""
    page = render_html(generated, style).text
    tables = [
        (m.start(), page.index("</table>", m.start()) + len("</table>"))
        for m in re.finditer(r"<table", page)
    ]
    for start, end in reversed(tables):
        page = _wrap(page, start, end, around_tables)
    body = re.search(r"<body[^>]*>", page)
    start = body.end() if body else 0
    end = page.rfind("</body>")
    page = _wrap(page, start, end if end >= 0 else len(page), around_body)
    report = gikparse.parse_html(page)
    _assert_values(report, generated)


# A number with a footnote mark, two numbers, a number broken by a space.
_SEVERAL_NUMBERS = (
    "{}<sup>1</sup>",
    '{}<span style="vertical-align:super">2</span>',
    '{}<span style="float:right">4</span>',
    "{} 3",
    "1 {}",
)


def _in_any_style(generated: GeneratedReport, data: st.DataObject) -> Page:
    """The report as a page in a style drawn from all, blanks printed as &nbsp;."""
    kind = data.draw(st.sampled_from(STYLES), label="kind")
    return render_html(generated, HtmlStyle(kind=kind, blank="&nbsp;"))


@settings(max_examples=30)
@given(generated=generated_reports(), data=st.data())
def test_a_cell_of_the_grid_holding_several_numbers_is_that_cells_ambiguous_value(
    generated: GeneratedReport, data: st.DataObject
) -> None:
    # On a page the cells are the table's grid: one holding "5 1" is that cell ambiguous
    # (P223) with its raw text, and every other cell keeps its value (the whole row was
    # P206, and its other numbers lost).
    page = _in_any_style(generated, data)
    key = data.draw(st.sampled_from(sorted(page.cells)), label="cell")
    start, end = page.cells[key]
    inner = page.text.index(">", start) + 1
    shown = data.draw(st.sampled_from(_SEVERAL_NUMBERS), label="printed").format(7)
    report = gikparse.parse_html(page.text[:inner] + shown + page.text[end - len("</td>") :])
    table_id, row, column = key
    table = report.table(table_id)
    assert table is not None
    cell = table.cell(row, column)
    assert cell is not None and cell.status is ValueStatus.AMBIGUOUS
    assert cell.raw is not None and _TAG.sub(" ", shown).split() == cell.raw.split()
    assert ("P223", row, column) in {(d.code, d.row, d.column) for d in table.diagnostics}
    generated.assert_read_but(report, key)


#: the last value cell of a table's rows where it is not each row's last column
_LAST_CELL_OF_ITS_ROW = {"review_litigation": ("litigation_after_review", "total")}


def _last(generated: GeneratedReport, table_id: str) -> str:
    return generated.table(table_id).spec.columns[-1].id


@settings(max_examples=30)
@given(generated=generated_reports(), data=st.data())
def test_a_value_cell_spanning_columns_before_its_rows_last_moves_no_number_silently(
    generated: GeneratedReport, data: st.DataObject
) -> None:
    # Any value cell but the last of a row of several columns given colspan=2: a browser
    # shows every cell after the span a column right of its order (the last past the
    # table's end). The row's cells (section 四: its one row of 15 cells) are ambiguous
    # (P224), every other cell of the report exact. (The last cell spanning moves none.)
    page = _in_any_style(generated, data)
    keys = sorted(
        key
        for key, (start, _) in page.cells.items()
        if len(generated.table(key[0]).spec.columns) > 1
        and "colspan" not in page.text[start : page.text.index(">", start)]
        and key[1:] != _LAST_CELL_OF_ITS_ROW.get(key[0], (key[1], _last(generated, key[0])))
    )
    key = data.draw(st.sampled_from(keys), label="cell")
    start = page.cells[key][0]
    text = page.text[: start + len("<td")] + ' colspan="2"' + page.text[start + len("<td") :]
    report = gikparse.parse_html(text)
    table_id, row, _ = key
    table = report.table(table_id)
    assert table is not None
    spec = generated.table(table_id).spec
    rows = [r.id for r in spec.rows] if table_id == "review_litigation" else [row]
    doubted = [(table_id, r, c.id) for r in rows for c in spec.columns]
    assert {table.cell(r, c).status for _, r, c in doubted} == {ValueStatus.AMBIGUOUS}
    assert "P224" in {d.code for d in table.diagnostics if d.row in rows}
    generated.assert_read_but(report, *doubted)


_SEED = "000_623967a19d51db49"


def _seed_page() -> str:
    return (RENDERED / f"{_SEED}.html").read_text("utf-8")


def test_two_rows_typed_into_one_row_of_a_page_are_no_row() -> None:
    # 一、本年新收 and 二、上年结转 in one row, each cell holding both rows' numbers: several
    # cells hold two numbers, so the cells are not one row's (read cell by cell, the blanks
    # of the first row took the second row's numbers): the row is ambiguous (P206).
    page = _seed_page()
    rows = [
        f'<tr><td colspan="3">{label}政府信息公开申请数量</td>' + "<td>0</td>" * 7 + "</tr>"
        for label in ("一、本年新收", "二、上年结转")
    ]
    assert all(row in page for row in rows)
    merged = (
        '<tr><td colspan="3">一、本年新收政府信息公开申请数量<br>二、上年结转政府信息公开申请数量'
        "</td><td>3<br>1</td>"
        + "".join(f"<td>&nbsp;<br>{n}</td>" for n in range(2, 7))
        + "<td>3<br>21</td></tr>"
    )
    report = gikparse.parse_html(page.replace(rows[0], merged).replace(rows[1], ""))
    table = report.table("applications")
    assert table is not None
    assert {v.status for v in table.row("received").values()} == {ValueStatus.AMBIGUOUS}
    assert ("P206", "received") in {(d.code, d.row) for d in table.diagnostics}


@pytest.mark.parametrize(("first", "code"), [("5", "P224"), ("5 1", "P206")])
def test_a_value_cell_spanning_columns_in_a_row_wider_than_its_table_moves_no_number(
    first: str, code: str
) -> None:
    # A browser puts such a row's cells by the grid: the cell spanning two stands under two
    # columns and every cell after it one column further right than its order says (the
    # last past the table's end). Read in order, every number after it went to the column
    # before its own, silently; the row is ambiguous (P224), the table's other rows exact.
    # With a cell holding two numbers beside it, no cell is read alone either (P206).
    page = _seed_page()
    row = '<tr><td colspan="3">一、本年新收政府信息公开申请数量</td>' + "<td>0</td>" * 7 + "</tr>"
    assert row in page
    spanning = (
        f'<tr><td colspan="3">一、本年新收政府信息公开申请数量</td><td>{first}</td>'
        "<td colspan=2>1</td><td>2</td><td>3</td><td>4</td><td>21</td><td></td></tr>"
    )
    report = gikparse.parse_html(page.replace(row, spanning))
    table = report.table("applications")
    assert table is not None
    assert {v.status for v in table.row("received").values()} == {ValueStatus.AMBIGUOUS}
    assert (code, "received") in {(d.code, d.row) for d in table.diagnostics}
    got, expected = report.to_dict()["applications"], load_expected(_SEED)["applications"]
    del got["received"], expected["received"]
    assert _exact(got) == _exact(expected)


def test_a_row_whose_last_cell_reaches_past_the_table_is_read_in_order() -> None:
    # The last cell spanning two moves no number: each stands under its own column.
    page = _seed_page()
    row = '<tr><td colspan="3">一、本年新收政府信息公开申请数量</td>' + "<td>0</td>" * 7 + "</tr>"
    ragged = row.replace("<td>0</td></tr>", "<td colspan=2>0</td></tr>")
    report = gikparse.parse_html(page.replace(row, ragged))
    got, expected = report.to_dict(), load_expected(_SEED)
    assert _exact(got["applications"]) == _exact(expected["applications"])
    assert "P224" not in {d.code for d in report.diagnostics}


def test_a_spanning_cell_is_doubted_where_every_other_row_ends_with_an_empty_cell() -> None:
    # Every row of the page one empty cell wider, the received row not, but its second value
    # cell spanning two: as wide as the others, its cells after the span still stand a
    # column off their order (P224).
    page = _seed_page().replace("</td></tr>", "</td><td></td></tr>")
    row = (
        '<tr><td colspan="3">一、本年新收政府信息公开申请数量</td>'
        + "<td>0</td>" * 7
        + "<td></td></tr>"
    )
    assert row in page
    spanning = (
        '<tr><td colspan="3">一、本年新收政府信息公开申请数量</td><td>5</td>'
        "<td colspan=2>1</td><td>2</td><td>3</td><td>4</td><td>6</td><td>21</td></tr>"
    )
    table = gikparse.parse_html(page.replace(row, spanning)).table("applications")
    assert table is not None
    assert {v.status for v in table.row("received").values()} == {ValueStatus.AMBIGUOUS}
    assert ("P224", "received") in {(d.code, d.row) for d in table.diagnostics}


def test_a_spanning_cell_in_a_sub_table_without_a_header_line_is_doubted() -> None:
    # Section 二's 第二十条第（六）项 without its header line: two rows, nothing to say which
    # columns are the table's. 6 spanning two of three columns puts 0 and 152 a column right
    # of their order (152 past the table): the row is ambiguous (P224), its neighbour read.
    page = _seed_page()
    header = (
        "<tr><td>信息内容</td><td>上一年项目数量</td><td>本年增/减</td><td>处理决定数量</td></tr>"
    )
    row = "<tr><td>行政处罚</td><td>6</td><td>0</td><td>152</td></tr>"
    caption = '<tr><td colspan="4">第二十条第（六）项</td></tr>\n'
    assert caption + header in page and row in page
    spanning = row.replace("<td>6</td>", "<td colspan=2>6</td>")
    report = gikparse.parse_html(page.replace(caption + header, caption).replace(row, spanning))
    table = report.table("active_disclosure.enforcement")
    assert table is not None
    penalty = table.row("administrative_penalty")
    assert {v.status for v in penalty.values()} == {ValueStatus.AMBIGUOUS}
    assert ("P224", "administrative_penalty") in {(d.code, d.row) for d in table.diagnostics}
    expected = load_expected(_SEED)["active_disclosure"]["enforcement"]["administrative_coercion"]
    assert _exact(
        report.to_dict()["active_disclosure"]["enforcement"]["administrative_coercion"]
    ) == (_exact(expected))


def test_a_page_whose_every_cell_spans_twice_the_columns_parses_the_same() -> None:
    # Grids of pages saved from Word often give every cell of a column the same span: value
    # cells spanning columns in rows as wide as the table's others are read in order.
    doubled = re.sub(
        r'<td(?: colspan="(\d+)")?',
        lambda m: f'<td colspan="{2 * int(m.group(1) or 1)}"',
        _seed_page(),
    )
    assert doubled.count('colspan="2"') > 200
    report = gikparse.parse_html(doubled)
    got, expected = report.to_dict(), load_expected(_SEED)
    for key in TABLE_KEYS:
        assert _exact(got[key]) == _exact(expected[key]), key
    assert "P224" not in {d.code for d in report.diagnostics}


def test_a_mark_in_a_section_four_row_one_cell_short_moves_no_number() -> None:
    # A page's section 四 row with a blank cell left out and 7<sup>1</sup> in a cell: 15
    # numbers for 15 columns, but one cell holds two: read in order, the mark was the last
    # cell and every number after the lost cell moved one column. Its cells are 14: P206.
    page = _seed_page()
    row = (
        "<tr>" + "<td></td>" * 5 + "".join(f"<td>{n}</td>" for n in (1, 1, 0, 3, 5, 1, 0, 0, 6, 7))
    ) + "</tr>"
    assert row in page
    short = row.replace("<td></td>", "", 1).replace("<td>7</td>", "<td>7<sup>1</sup></td>")
    table = gikparse.parse_html(page.replace(row, short)).table("review_litigation")
    assert table is not None
    assert {c.value.status for c in table.cells} == {ValueStatus.AMBIGUOUS}
    assert "P206" in {d.code for d in table.diagnostics}
    # With the cell it lost, only the cell holding the mark is doubtful (P223).
    table = gikparse.parse_html(
        page.replace(row, row.replace("<td>7</td>", "<td>7<sup>1</sup></td>"))
    ).table("review_litigation")
    assert table is not None
    total = table.cell("litigation_after_review", "total")
    assert total is not None and total.status is ValueStatus.AMBIGUOUS
    assert table.value("litigation_after_review", "pending") == 6
    assert {d.code for d in table.diagnostics} == {"P223"}

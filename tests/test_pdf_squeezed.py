"""Tables squeezed as browsers and office suites print web pages to PDF parse back exactly.

Number columns are only as wide as their widest number, so header words wrap over two to four
lines; cells have no padding above and below and lines are set solid or nearly (CSS
``line-height`` 1 to 1.25), so header lines sit right on the first row of values and a number
centred between two lines of a wrapped label touches both; the title may be printed only in the
running header (the browser's page header), outside the body; the 2020 edition's （六）其他处理
row may have every cell blank.
"""

from __future__ import annotations

import attrs
import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

import gikparse
from gikparse.numbers import ValueStatus
from gikparse.readers.pdf import read_pdf
from tests.pdf_render import Layout, render_report
from tests.render import KEEPS_EMPTY, Noise, render
from tests.strategies import GeneratedReport, GeneratedTable, fixed_report, generated_reports
from tests.test_pdf_roundtrip import _assert_locations, _assert_same_tables

#: the 2020 edition prints （六）其他处理 as one row; real reports leave all its cells blank
_BLANK_ROW = "outcome.other"


def _with_blank_row(report: GeneratedReport) -> GeneratedReport:
    """``report`` with every cell of the row （六）其他处理 blank (sums count blanks as 0)."""
    table = report.table("applications")
    values = dict(table.values)
    for column in table.spec.columns:
        values[(_BLANK_ROW, column.id)] = None
    blanked = GeneratedTable(table.spec, values)
    tables = tuple(blanked if t is table else t for t in report.tables)
    return attrs.evolve(report, tables=tables)


@st.composite
def squeezed_layouts(draw: st.DrawFn) -> Layout:
    ruled = draw(st.booleans())
    # Without rules nothing marks a blank cell in a row that has numbers (a known limit); a row
    # with no number at all may be printed as nothing in every layout.
    blanks = ["", "—", "/"] if ruled else ["—", "/"]
    return Layout(
        ruled=ruled,
        squeeze=True,
        line_height=draw(st.sampled_from([1.0, 1.1, 1.25])),
        title_in_body=draw(st.booleans()),
        running=True,
        vertical_total=draw(st.booleans()),
        blank=draw(st.sampled_from(blanks)),
        align=draw(st.sampled_from(["center", "right"])),
        prose=draw(st.integers(0, 2)),
        empty_blank_rows=draw(st.booleans()),
    )


def _assert_blank_row_kept(report: gikparse.Report) -> None:
    """Every cell of the row is there and blank (or a dash): not missing, not ambiguous."""
    table = report.table("applications")
    assert table is not None
    cells = [c for c in table.cells if c.row == _BLANK_ROW]
    assert cells, "the blank row vanished"
    for cell in cells:
        assert cell.value.status in (ValueStatus.BLANK, ValueStatus.DASH), (cell.column, cell)


@pytest.mark.parametrize("variant", ["2020", "2021"])
# Shrinking a whole rendered report takes minutes; the failing example is printed whole.
@settings(max_examples=12, phases=[Phase.explicit, Phase.generate])
@given(data=st.data())
def test_squeezed_tables_parse_back_exactly(variant: str, data: st.DataObject) -> None:
    generated = data.draw(generated_reports(variant), label="report")
    layout = data.draw(squeezed_layouts(), label="layout")
    blank_row = variant == "2020" and data.draw(st.booleans(), label="blank （六） row")
    if blank_row:
        generated = _with_blank_row(generated)
    report = gikparse.parse(render_report(generated, layout))
    assert report.variant == variant
    assert report.agency == generated.agency
    assert report.year == generated.year
    _assert_same_tables(report, generated)
    _assert_locations(report)
    if blank_row:
        _assert_blank_row_kept(report)


def _blank_row_report() -> GeneratedReport:
    return _with_blank_row(
        fixed_report("2020", {("applications", "outcome.granted", "natural_person"): 7})
    )


@pytest.mark.parametrize("shape", sorted(KEEPS_EMPTY))
def test_a_2020_other_row_of_blanks_before_the_total_row_is_a_row_in_text(shape: str) -> None:
    """（六）其他处理 with every cell empty, then （七）总计: a row of blanks, not the heading of
    the 2021 edition's group of three rows."""
    report = _blank_row_report()
    text = render(report, shape, Noise(blank_marks=("",))).text
    parsed = gikparse.parse_text(text)
    assert "P211" not in [d.code for d in parsed.diagnostics]
    _assert_blank_row_kept(parsed)
    _assert_same_tables(parsed, report)


@pytest.mark.parametrize("ruled", [True, False])
def test_a_blank_row_printed_as_nothing_stays_a_row(ruled: bool) -> None:
    """Without rules, its label shares no line with numbers: it is not the rest of the label
    above it (5.要求行政机关…), it is a row of its own."""
    report = _blank_row_report()
    layout = Layout(ruled=ruled, squeeze=True, blank="—", line_height=1.0, empty_blank_rows=True)
    parsed = gikparse.parse(render_report(report, layout))
    _assert_blank_row_kept(parsed)
    _assert_same_tables(parsed, report)


def test_a_title_printed_only_in_the_running_header_names_agency_and_year() -> None:
    report = fixed_report("2021", agency="彭阳县交通运输局", year=2022)
    parsed = gikparse.parse(render_report(report, Layout(title_in_body=False)))
    assert parsed.meta.title == "彭阳县交通运输局2022年政府信息公开工作年度报告"
    assert (parsed.agency, parsed.year) == ("彭阳县交通运输局", 2022)
    assert [d.code for d in parsed.diagnostics if d.code in ("P301", "P403")] == ["P403"]
    # The running header stays out of the text, as on every other page.
    assert "年度报告" not in parsed.text.partition("一、总体情况")[0]


def test_a_title_in_the_body_wins_over_the_running_header() -> None:
    report = fixed_report("2021", agency="彭阳县交通运输局", year=2022)
    parsed = gikparse.parse(render_report(report, Layout(title_in_body=True)))
    assert parsed.agency == "彭阳县交通运输局"
    assert "P403" not in [d.code for d in parsed.diagnostics]


@pytest.mark.parametrize("line_height", [1.0, 1.25])
def test_a_column_group_header_is_not_joined_to_the_wider_header_below_it(
    line_height: float,
) -> None:
    """Without rules and set solid, 申请人情况 sits right on 法人或其他组织: a wider line is
    not the wrapped rest of the line above it."""
    report = fixed_report("2021")
    layout = Layout(ruled=False, squeeze=True, blank="—", line_height=line_height)
    doc = read_pdf(render_report(report, layout))
    texts = [c.text for line in doc.lines for c in line.cells]
    assert "申请人情况" in texts
    assert not any("申请人情况" in t and t != "申请人情况" for t in texts)


@pytest.mark.parametrize("align", ["center", "right"])
def test_a_blank_printed_as_nothing_in_an_unruled_review_table_moves_no_number(
    align: str,
) -> None:
    # The columns of an unruled table are found from its numbers: a blank printed as nothing
    # has none. Every number is read in its column or the row is named, never shifted.
    # (As a generated report printed it: every cell 0 but one row's, and its first blank.)
    values: dict[tuple[str, str, str], object] = {
        ("review_litigation", "litigation_after_review", "upheld"): None,
        ("review_litigation", "litigation_after_review", "corrected"): 508475,
        ("review_litigation", "litigation_after_review", "total"): 508475,
    }
    report = fixed_report("2021", values)
    parsed = gikparse.parse(render_report(report, Layout(ruled=False, align=align)))
    table = parsed.table("review_litigation")
    assert table is not None
    for row, column, want in report.table("review_litigation").cells():
        got = table.row(row)[column]
        assert got.value == want or got.status in (ValueStatus.AMBIGUOUS, ValueStatus.INFERRED), (
            row,
            column,
            got,
            want,
        )
    assert any(d.code in ("P205", "P206") for d in table.diagnostics)

"""Round trip through Word files: generated reports written as DOCX parse back exactly.

The DOCX files are made in the tests (tests/docx_render.py): merged cells, automatic numbering
of the headings (direct and through styles), text runs cut anywhere, text boxes, page headers
and footers that must stay out, a layout table around the report, and python-docx's own output.
"""

from __future__ import annotations

import bisect

from hypothesis import given, settings
from hypothesis import strategies as st

import gikparse
from gikparse.readers.docx import read_docx
from tests.docx_render import (
    FOOTER_MARK,
    HEADER_MARK,
    HEADINGS,
    DocxStyle,
    render_docx,
    render_python_docx,
)
from tests.strategies import GeneratedReport, generated_reports

_ORDINALS = "一二三四五六"

styles = st.builds(
    DocxStyle,
    numbering=st.sampled_from(["typed", "direct", "style"]),
    chinese_format=st.sampled_from(["chineseCounting", "chineseCountingThousand"]),
    heading_styles=st.booleans(),
    split_runs=st.booleans(),
    title_in_textbox=st.booleans(),
    header_footer=st.booleans(),
    layout_table=st.booleans(),
    wrap_labels=st.booleans(),
    numbered_labels=st.booleans(),
    empty_paragraphs=st.booleans(),
    blank=st.sampled_from(["", "—", "/"]),
    separators=st.booleans(),
)


def _assert_same_tables(report: gikparse.Report, generated: GeneratedReport) -> None:
    parsed = {t.id: t for t in report.tables}
    for table in generated.tables:
        assert table.qualified_id in parsed, table.qualified_id
        got = parsed[table.qualified_id]
        wrong = [
            (row, column, got.value(row, column), want)
            for row, column, want in table.cells()
            if got.value(row, column) != want
        ]
        assert not wrong, (table.qualified_id, wrong[:5])


def _assert_values_point_at_their_cells(report: gikparse.Report, data: bytes) -> None:
    """Every value with raw text points at that text, inside one table cell of the Document."""
    doc = read_docx(data)
    assert doc.text == report.text
    spans = sorted(
        (cell.start, cell.end)
        for line in doc.lines
        if line.kind is gikparse.LineKind.ROW
        for cell in line.cells
    )
    starts = [s for s, _ in spans]
    located = 0
    for table in report.tables:
        for cell in table.cells:
            value = cell.value
            if value.location is None or not value.raw:
                continue
            loc = value.location
            assert report.text[loc.offset : loc.offset + loc.length] == value.raw
            at = bisect.bisect_right(starts, loc.offset) - 1
            assert at >= 0
            start, end = spans[at]
            assert start <= loc.offset and loc.offset + loc.length <= end, (value, spans[at])
            located += 1
    assert located


def _assert_outline(report: gikparse.Report) -> None:
    """The six headings are found with their ordinals, whether typed or numbered by Word."""
    assert [s.heading for s in report.sections] == [
        f"{_ORDINALS[i]}、{h}" for i, h in enumerate(HEADINGS)
    ]
    overview = report.section("overview")
    assert overview is not None
    assert "（三）政府信息管理情况" in overview.text
    problems = report.section("problems")
    assert problems is not None
    # A sub-part list restarts under each section heading: （一） again in section 五.
    assert "（一）存在的主要问题" in problems.text and "（二）改进情况" in problems.text


@given(data=st.data(), variant=st.sampled_from(["2020", "2021"]))
def test_docx_round_trip(data: st.DataObject, variant: str) -> None:
    generated = data.draw(generated_reports(variant))
    style = data.draw(styles)
    rendered = render_docx(generated, style)
    report = gikparse.parse(rendered)
    assert report.variant == variant
    assert report.year == generated.year
    assert report.agency == generated.agency
    _assert_same_tables(report, generated)
    _assert_outline(report)
    _assert_values_point_at_their_cells(report, rendered)
    assert HEADER_MARK not in report.text and FOOTER_MARK not in report.text
    assert report == gikparse.parse_docx(rendered)


@settings(max_examples=20)
@given(data=st.data(), variant=st.sampled_from(["2020", "2021"]))
def test_python_docx_round_trip(data: st.DataObject, variant: str) -> None:
    generated = data.draw(generated_reports(variant))
    rendered = render_python_docx(generated, blank=data.draw(st.sampled_from(["", "—", "/"])))
    report = gikparse.parse(rendered)
    assert report.variant == variant
    assert report.agency == generated.agency
    _assert_same_tables(report, generated)
    _assert_values_point_at_their_cells(report, rendered)
    assert HEADER_MARK not in report.text and FOOTER_MARK not in report.text

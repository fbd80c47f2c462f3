"""Numbers a narrow cell wrapped onto the line below (as PDFs print them): the cell is named
as ambiguous (P221), never read as its first piece; rows without labels are not mistaken for
them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import gikparse
from gikparse.numbers import ValueStatus
from tests.render import CLEAN, render
from tests.strategies import GeneratedReport, generated_reports

_GRANTED = "（一）予以公开\t0\t0\t0\t1721\t0\t0\t1721\n"
_PARTIAL = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t0\t0\t0\t0\t0\t0\t0\n"
_HEAD = "三、收到和处理政府信息公开申请情况\n"


def _p221(table: gikparse.Table) -> set[tuple[str | None, str | None]]:
    return {(d.row, d.column) for d in table.diagnostics if d.code == "P221"}


def test_a_number_wrapped_under_its_cell_is_ambiguous_never_its_first_piece() -> None:
    # 1721699 in a narrow cell: "1721" on the row's line, "699" right under it, and the rest
    # of the group label "三、本年度办理结果" beside the pieces.
    text = _HEAD + "三、本\t" + _GRANTED + "年度办理结果\t\t\t\t\t699\t\t\t699\n" + _PARTIAL
    table = gikparse.parse_applications(text)
    granted = table.row("outcome.granted")
    for column in ("social_welfare_org", "total"):
        assert granted[column].status is ValueStatus.AMBIGUOUS
        assert granted[column].value is None
        assert granted[column].raw == "1721"
    assert _p221(table) == {
        ("outcome.granted", "social_welfare_org"),
        ("outcome.granted", "total"),
    }
    # The cells that did not wrap keep their numbers; the next row is read as before.
    assert granted["natural_person"].value == 0
    assert table.value("outcome.partially_granted", "total") == 0
    assert not {"P201", "P202"} & {d.code for d in table.diagnostics}


def test_a_number_wrapped_over_several_lines_is_ambiguous() -> None:
    text = _HEAD + "\t" + _GRANTED + "\t\t\t\t\t699\t\t\t699\n" + "\t\t\t\t\t2\t\t\t\n" + _PARTIAL
    table = gikparse.parse_applications(text)
    message = next(d.message_en for d in table.diagnostics if d.column == "social_welfare_org")
    assert "'699'" in message and "'2'" in message
    assert table.row("outcome.granted")["total"].status is ValueStatus.AMBIGUOUS


def test_numbers_under_every_number_of_a_row_are_a_row_not_wrapped_pieces() -> None:
    # A line with a number under each of the row's numbers is a row that lost its label:
    # the row above keeps its numbers and no cell is called wrapped.
    text = _HEAD + _GRANTED + "\t1\t2\t3\t4\t5\t6\t21\n" + _PARTIAL
    table = gikparse.parse_applications(text)
    assert table.value("outcome.granted", "social_welfare_org") == 1721
    assert not _p221(table)
    assert {"P202", "P220"} & {d.code for d in table.diagnostics}


def test_numbers_under_blank_cells_are_not_wrapped_pieces() -> None:
    # A piece under a cell that holds no number cannot be the rest of one: it is a number of
    # the row printed apart, which the row's cell count cannot place (P206).
    granted = "（一）予以公开\t0\t0\t0\t\t0\t0\t0\n"
    text = _HEAD + granted + "\t\t\t\t699\t\t\t\n" + _PARTIAL
    table = gikparse.parse_applications(text)
    assert not _p221(table)
    assert ("P206", "outcome.granted") in {(d.code, d.row) for d in table.diagnostics}


@given(generated_reports(), st.data())
def test_a_wrapped_number_anywhere_in_section_three_is_named_and_the_rest_read(
    report: GeneratedReport, data: st.DataObject
) -> None:

    rendering = render(report, "tab", CLEAN)
    long = sorted(
        key
        for key, span in rendering.cells.items()
        if key[0] == "applications" and len(span.text) >= 2 and span.text.isdigit()
    )
    if not long:
        return
    key = data.draw(st.sampled_from(long), label="wrapped cell")
    span = rendering.cells[key]
    cut = data.draw(st.integers(1, len(span.text) - 1), label="cut")
    text = rendering.text
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.index("\n", span.end)
    field = text.count("\t", line_start, span.start)
    fields = text.count("\t", line_start, line_end) + 1
    tail = "\t".join(span.text[cut:] if i == field else "" for i in range(fields))
    wrapped = (
        text[: span.start]
        + span.text[:cut]
        + text[span.end : line_end]
        + "\n"
        + tail
        + text[line_end:]
    )
    parsed = gikparse.parse(wrapped)
    table = parsed.table("applications")
    assert table is not None
    _, row, column = key
    cell = table.row(row)[column]
    assert cell.status is ValueStatus.AMBIGUOUS and cell.raw == span.text[:cut]
    assert (row, column) in _p221(table)
    for generated in report.tables:
        read = parsed.table(generated.qualified_id)
        assert read is not None
        for row_id, column_id, value in generated.cells():
            if (generated.qualified_id, row_id, column_id) == key:
                continue
            assert read.value(row_id, column_id) == value, (
                generated.qualified_id,
                row_id,
                column_id,
            )

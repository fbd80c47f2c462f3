"""Rows of text copied from PDFs and pages (pdftotext, innerText, tabs turned into spaces):
where a number or a blank belongs cannot always be told, and then the cells say so."""

from __future__ import annotations

import gikparse
from gikparse.numbers import ValueStatus

_HEAD = "三、收到和处理政府信息公开申请情况\n"
_GRANTED = "（一）予以公开\t0\t0\t0\t1721\t0\t0\t1721\n"
_LICENSING = "第二十条第（五）项\n信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n"


def _codes(table: gikparse.Table, row: str) -> set[str]:
    return {d.code for d in table.diagnostics if d.row == row}


def test_a_number_alone_after_a_row_with_a_cell_for_every_column_is_not_its_blank() -> None:
    # The row's line has all seven cells (blank ones empty): the "4" below it, a page's
    # number, does not fill its blank.
    partial = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t1\t\t\t\t\t\t1\n"
    table = gikparse.parse_applications(_HEAD + _GRANTED + partial + "4\n")
    row = table.row("outcome.partially_granted")
    assert row["total"].value == 1
    assert row["natural_person"].value == 1
    assert row["other_org"].status is ValueStatus.BLANK
    # One cell per line (a flat copy): the numbers after the label are the row's.
    flat = "（二）部分公开\n1\n0\n0\n0\n0\n0\n1\n"
    table = gikparse.parse_applications(_HEAD + _GRANTED + flat)
    assert table.value("outcome.partially_granted", "total") == 1


def test_spaces_at_the_end_of_a_line_are_no_blank_cell() -> None:
    # Tabs turned into spaces: where the blank of "政府集中采购  250" stands cannot be told.
    text = (
        "第二十条第（九）项\n信息内容    采购项目数量    采购总金额\n政府集中采购        250    \n"
    )
    tables, _ = gikparse.parse_active_disclosure_2020(text)
    procurement = next(t for t in tables if t.short_id == "procurement")
    assert procurement.row("centralized_procurement")["projects"].status is ValueStatus.AMBIGUOUS
    assert "P206" in _codes(procurement, "centralized_procurement")
    # With a tab the blank's place is printed.
    text = "第二十条第（九）项\n信息内容\t采购项目数量\t采购总金额\n政府集中采购\t\t250\n"
    tables, _ = gikparse.parse_active_disclosure_2020(text)
    procurement = next(t for t in tables if t.short_id == "procurement")
    assert procurement.value("centralized_procurement", "amount") == 250


def test_a_number_moved_before_the_next_label_may_be_either_rows() -> None:
    # pdftotext put the next row's first number before its label; the row above had a blank
    # printed as nothing: "0" is one row's or the other's.
    for row in ("行政许可\n23456\n减183\n", "行政许可\t23456\t减183\n"):
        text = _LICENSING + row + "0\n其他对外管理服务事项\n-183\n0\n"
        tables, _ = gikparse.parse_active_disclosure_2020(text)
        licensing = next(t for t in tables if t.short_id == "licensing")
        license_row = licensing.row("administrative_license")
        assert license_row["previous_items"].value == 23456
        assert license_row["decisions"].status is ValueStatus.AMBIGUOUS
        assert "P222" in _codes(licensing, "administrative_license")
        assert all(
            v.status is ValueStatus.AMBIGUOUS for v in licensing.row("other_services").values()
        )
    # The next row full: the number alone was the row's own.
    text = _LICENSING + "行政许可\n23456\n减183\n0\n其他对外管理服务事项\n5\n-183\n0\n"
    tables, _ = gikparse.parse_active_disclosure_2020(text)
    licensing = next(t for t in tables if t.short_id == "licensing")
    assert licensing.value("administrative_license", "decisions") == 0
    assert not _codes(licensing, "administrative_license")


def test_numbers_left_over_after_a_row_read_one_per_line_make_it_doubtful() -> None:
    # A copy moved two cells of the row above among this row's: 9 numbers for 7 columns.
    text = _HEAD + "四、结转下年度继续办理\n0\n15\n15\n8\n0\n0\n319\n2860 21528\n15\n53\n"
    table = gikparse.parse_applications(text)
    row = table.row("carried_forward")
    assert all(v.status is ValueStatus.AMBIGUOUS for v in row.values())
    assert "P218" in {d.code for d in table.diagnostics}

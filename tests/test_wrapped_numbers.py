"""Numbers a narrow cell wrapped onto the line below (as PDFs print them): the cell is named
as ambiguous (P221), never read as its first piece; rows without labels are not mistaken for
them."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gikparse
from gikparse.numbers import ValueStatus
from gikparse.readers.document import Document
from gikparse.readers.pdf import read_pdf
from gikparse.readers.text import read_text
from tests import pdf_render
from tests.pdf_render import Layout, render_report
from tests.render import CLEAN, render
from tests.strategies import GeneratedReport, GeneratedTable, fixed_report, generated_reports

_GRANTED = "（一）予以公开\t0\t0\t0\t1721\t0\t0\t1721\n"
_PARTIAL = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t0\t0\t0\t0\t0\t0\t0\n"
_HEAD = "三、收到和处理政府信息公开申请情况\n"
_RECEIVED = "一、本年新收政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n"


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


def test_a_number_under_a_blank_cell_makes_the_blank_doubtful() -> None:
    # It may be the cell's number printed lower (cells centred top to bottom beside wrapped
    # ones): the blank is not sure.
    granted = "（一）予以公开\t0\t0\t0\t\t0\t0\t0\n"
    text = _HEAD + granted + "\t\t\t\t699\t\t\t\n" + _PARTIAL
    table = gikparse.parse_applications(text)
    assert table.row("outcome.granted")["social_welfare_org"].status is ValueStatus.AMBIGUOUS
    assert _p221(table) == {("outcome.granted", "social_welfare_org")}
    assert table.value("outcome.granted", "natural_person") == 0


def test_pieces_that_read_as_no_number_alone_are_pieces_too() -> None:
    # 13,023 cut after "13": ",023" is no number, but it is the rest of one.
    granted = "（一）予以公开\t0\t0\t0\t13\t0\t0\t13\n"
    text = _HEAD + granted + "\t\t\t\t,023\t\t\t,023\n" + _PARTIAL
    table = gikparse.parse_applications(text)
    assert table.row("outcome.granted")["social_welfare_org"].status is ValueStatus.AMBIGUOUS
    assert ("outcome.granted", "total") in _p221(table)


def test_a_wrapped_number_in_a_row_of_one_number_is_ambiguous() -> None:
    text = "第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
    text += "规章\t—\t—\t1721\n\t\t\t699\n规范性文件\t1\t0\t5\n"
    tables, _ = gikparse.parse_active_disclosure_2021(text)
    rules = next(t for t in tables if t.short_id == "rules")
    assert rules.row("regulations")["in_force"].status is ValueStatus.AMBIGUOUS
    assert ("regulations", "in_force") in _p221(rules)
    assert rules.value("normative_documents", "in_force") == 5


def test_pieces_under_numbers_that_share_a_cell_make_the_row_doubtful_a_lone_number_not() -> None:
    # Text with spaces between the numbers: which numbers the pieces belong to cannot be
    # told, so the whole row is named; a number alone on the next line (a page's number)
    # is no piece.
    spaced = "（一）予以公开 0 0 0 1721 0 0 1721\n"
    table = gikparse.parse_applications(_HEAD + spaced + "699 699\n" + _PARTIAL)
    granted = table.row("outcome.granted")
    assert all(v.status is ValueStatus.AMBIGUOUS for v in granted.values())
    assert {column for _, column in _p221(table)} == set(granted)
    for row in (spaced, _GRANTED):
        table = gikparse.parse_applications(_HEAD + row + "3\n" + _PARTIAL)
        assert table.value("outcome.granted", "total") == 1721
        assert not _p221(table)


def test_numbers_under_a_zero_are_a_row_without_its_label() -> None:
    # A 0 does not go on in the cell below: this is a row that lost its label, and the row
    # above keeps its numbers.
    text = _HEAD + _GRANTED + "\t5\t\t\t\t\t\t5\n" + _PARTIAL
    table = gikparse.parse_applications(text)
    assert table.value("outcome.granted", "total") == 1721
    assert not _p221(table)
    assert "P202" in {d.code for d in table.diagnostics}


_TAIL_SHAPES = ("under its cell", "trailing cells trimmed", "after a blank line", "no label cell")


@given(generated_reports(), st.data())
def test_a_wrapped_number_in_sections_two_and_three_is_named_and_the_rest_read(
    report: GeneratedReport, data: st.DataObject
) -> None:
    # Any number of sections 二 and 三 cut in two, its rest on the line below in the shapes
    # text copies of PDFs give it.
    rendering = render(report, "tab", CLEAN)
    long = sorted(
        key
        for key, span in rendering.cells.items()
        if not key[0].startswith("review")
        and len(span.text) >= 2
        and span.text[0] != "0"  # a cell no wider than "0" wraps nothing
        and span.text.replace(".", "").isdigit()
    )
    if not long:
        return
    key = data.draw(st.sampled_from(long), label="wrapped cell")
    span = rendering.cells[key]
    cut = data.draw(st.integers(1, len(span.text) - 1), label="cut")
    shape = data.draw(st.sampled_from(_TAIL_SHAPES), label="tail")
    text = rendering.text
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.index("\n", span.end)
    field = text.count("\t", line_start, span.start)
    fields = text.count("\t", line_start, line_end) + 1
    tail = "\t".join(span.text[cut:] if i == field else "" for i in range(fields))
    if shape == "trailing cells trimmed":
        tail = tail.rstrip("\t")
    elif shape == "after a blank line":
        tail = "\n" + tail
    elif shape == "no label cell":
        tail = tail[1:]
    wrapped = (
        text[: span.start]
        + span.text[:cut]
        + text[span.end : line_end]
        + "\n"
        + tail
        + text[line_end:]
    )
    parsed = gikparse.parse(wrapped)
    table_id, row, column = key
    table = parsed.table(table_id)
    assert table is not None
    cell = table.row(row)[column]
    assert cell.status is ValueStatus.AMBIGUOUS and cell.raw == span.text[:cut]
    named = _p221(table)
    assert (row, column) in named
    # Every other cell is read, or (laid under the row both ways) named as doubtful too.
    for generated in report.tables:
        read = parsed.table(generated.qualified_id)
        assert read is not None
        for row_id, column_id, value in generated.cells():
            if read.value(row_id, column_id) != value:
                assert generated.qualified_id == table_id and (row_id, column_id) in named


def test_a_misprinted_row_label_with_blank_cells_is_a_row_not_pieces() -> None:
    misprinted = "（二）部份公开（区分处理的，只计这一情形，不计其他情形）\t\t\t\t5\t\t\t5\n"
    table = gikparse.parse_applications(_HEAD + _GRANTED + misprinted)
    assert table.value("outcome.granted", "total") == 1721
    assert table.value("outcome.partially_granted", "total") == 5
    assert not _p221(table)


_LICENSING = (
    "第二十条第（五）项\n信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n行政许可\t1\t0\t1\n"
)


def test_numbers_wrapped_beside_the_rest_of_a_wrapped_label_are_ambiguous() -> None:
    # Label and numbers both wrapped: "其他对外" over "管理服务事项", 4303082 as "43030" over
    # "82", 535061 as "53506" over "1". Pieces under every number are the row's own here.
    text = _LICENSING + "其他对外\t43030\t53506\t\n管理服务事项\t82\t1\t\n"
    tables, _ = gikparse.parse_active_disclosure_2020(text)
    licensing = next(t for t in tables if t.short_id == "licensing")
    row = licensing.row("other_services")
    assert row["previous_items"].status is ValueStatus.AMBIGUOUS
    assert row["change"].status is ValueStatus.AMBIGUOUS
    assert _p221(licensing) == {("other_services", "previous_items"), ("other_services", "change")}


def test_a_cell_holding_two_numbers_beside_empty_cells_is_ambiguous() -> None:
    # "63739 1": a wrapped 637391 whose pieces a PDF put in one cell; the row has a cell for
    # each column, so which column each is cannot be told.
    text = "第二十条第（九）项\n信息内容\t采购项目数量\t采购总金额\t\n政府集中采购\t\t63739 1\t\n"
    tables, _ = gikparse.parse_active_disclosure_2020(text)
    procurement = next(t for t in tables if t.short_id == "procurement")
    row = procurement.row("centralized_procurement")
    assert all(v.status is ValueStatus.AMBIGUOUS for v in row.values())
    assert "P206" in {d.code for d in procurement.diagnostics}


def test_every_number_of_a_row_wrapped_is_ambiguous_when_the_pieces_are_no_row() -> None:
    # 199280365 as "1992" over "80365" in every cell: the line of pieces could be a row that
    # lost its label, but no missing row takes it (the sums do not hold), so the row's
    # numbers are not sure.
    received = "一、本年新收政府信息公开申请数量\t1992\t1879\t2726\t2249\t3306\t3718\t1587\n"
    pieces = "\t80365\t33649\t56478\t57204\t30637\t26928\t291724\n"
    carried = "二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n"
    table = gikparse.parse_applications(_HEAD + received + pieces + carried)
    row = table.row("received")
    assert all(v.status is ValueStatus.AMBIGUOUS for v in row.values())
    assert {column for _, column in _p221(table)} == set(row)
    assert table.value("carried_over", "total") == 0


def test_a_row_centred_over_three_lines_names_its_wrapped_numbers() -> None:
    # An unruled PDF table, its cells centred top to bottom: 17919426 wraps in two cells, the
    # row's zeros stand on the middle line, the pieces on the third; the lines below the
    # label's have no label cell, so they may be laid from the left or from the right. Laid
    # from the right, the pieces are under every number (a row without its label?); laid
    # from the left, under blanks: either way they are pieces, and every cell they may be
    # under is named, the 1791s above all.
    carried = "二、上年结转政府信息公开申请数量\t\t\t\t1791\t\t\t1791\n"
    text = (
        _HEAD
        + _RECEIVED
        + carried
        + "0\t0\t0\t\t0\t0\t\n"
        + "\t\t\t9426\t\t\t9426\n"
        + "三、本年度办理结果\n"
        + _GRANTED
    )
    table = gikparse.parse_applications(text)
    carried_over = table.row("carried_over")
    for column in ("social_welfare_org", "total"):
        assert carried_over[column].status is ValueStatus.AMBIGUOUS, column
        assert carried_over[column].value is None
    assert table.value("outcome.granted", "total") == 1721


def test_pieces_under_every_number_of_a_section_two_row_are_pieces() -> None:
    # Section 二 reads no row without its label: pieces under both numbers of the fees row
    # (90980051 and 增64394054 wrapped) are pieces, never a row, so both cells are named.
    text = "二、主动公开政府信息情况\n第二十条第（八）项\n信息内容\t上一年项目数量\t本年增/减\n"
    text += "行政事业性收费\t909800\t增643\n\t51\t94054\n第二十条第（九）项\n"
    report = gikparse.parse(text)
    fees = report.table("active_disclosure.fees")
    assert fees is not None
    for column in ("previous_items", "change"):
        assert fees.row("administrative_fees")[column].status is ValueStatus.AMBIGUOUS, column
    assert _p221(fees) == {
        ("administrative_fees", "previous_items"),
        ("administrative_fees", "change"),
    }


def test_numbers_a_line_after_may_put_in_the_rows_blanks_make_the_row_doubtful() -> None:
    # An unruled PDF table, cells centred top to bottom: the received row's label line holds
    # blanks and the first piece of its total, its other numbers stand on the next line.
    # Whether they fill the blanks or follow the total cannot be told: the whole row is
    # ambiguous (P206), never its numbers shifted one column.
    text = (
        "三、收到和处理政府信息公开申请情况\n"
        "一、本年新收政府信息公\t\t\t\t\t\t103886678\n"
        "204224255\t250817976\t153370252\t275520725\t27021897\t127911684\n"
        "开申请数量\t\t\t\t\t\t9\n"
        "二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n"
    )
    table = gikparse.parse_applications(text)
    received = table.row("received")
    assert all(value.status is ValueStatus.AMBIGUOUS for value in received.values())
    assert ("P206", "received") in {(d.code, d.row) for d in table.diagnostics}
    assert table.value("carried_over", "total") == 0
    # Numbers beside the label's blanks on its own line are read as they stand.
    whole = "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\t\t1\t\t\t\t\t1\n"
    assert gikparse.parse_applications(whole).value("received", "total") == 1


def test_numbers_wrapped_beside_the_rest_of_a_group_label_are_ambiguous() -> None:
    # "三、本年度办理结果" broken over the three lines a centred row takes: "本年" also starts
    # the received row's label, but that row was read; the lines are the granted row's.
    text = (
        _HEAD
        + _RECEIVED
        + "三、\t（一）予以公开\t\t\t912\t156\t\t\t106\n"
        + "本年\t0\t0\t548\t718\t0\t0\t926\n"
        + "度办理结果\t\t\t68\t97\t\t\t765\n"
        + _PARTIAL
    )
    table = gikparse.parse_applications(text)
    granted = table.row("outcome.granted")
    for column in ("research_institution", "social_welfare_org", "total"):
        assert granted[column].status is ValueStatus.AMBIGUOUS, column
    assert {("outcome.granted", "total")} <= _p221(table)
    assert table.value("received", "total") == 0
    assert table.value("outcome.partially_granted", "total") == 0


def test_a_dash_printed_lower_under_a_blank_does_not_hide_the_pieces_beside_it() -> None:
    # The carried-over row's total wraps; its other cells, centred, stand on the next line,
    # one a dash: they are under the row's blanks, so the line is the row's, every cell named.
    text = (
        _HEAD
        + _RECEIVED
        + "二、上年结转政府信息公开申请数量\t\t\t\t\t\t\t157126997\n"
        + "0\t990169270\t—\t581100709\t0\t0\t\n"
        + "9\n"
        + "三、本年度办理结果\t"
        + _GRANTED
    )
    table = gikparse.parse_applications(text)
    carried = table.row("carried_over")
    assert all(value.status is ValueStatus.AMBIGUOUS for value in carried.values())
    assert ("carried_over", "total") in _p221(table)
    assert table.value("outcome.granted", "total") == 1721


def test_a_row_without_its_label_printing_blanks_as_dashes_is_no_pieces() -> None:
    # Its numbers under the row's blanks and under its total, dashes under blanks: a row
    # that prints blanks so (P202: placed nowhere), not the row above printed lower.
    received = "一、本年新收政府信息公开申请数量\t5\t\t3\t\t\t\t8\n"
    text = _HEAD + received + "\t2\t\t—\t—\t—\t2\n" + "三、本年度办理结果\t" + _GRANTED
    table = gikparse.parse_applications(text)
    row = table.row("received")
    assert [row[c].value for c in ("natural_person", "research_institution", "total")] == [5, 3, 8]
    assert row["commercial_enterprise"].status is ValueStatus.BLANK
    assert not _p221(table)


def test_a_number_printed_under_another_of_its_row_in_a_pdf_is_no_cell_of_the_row(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # An unruled PDF with narrow number columns, numbers right-aligned and centred top to
    # bottom: 12300653 wraps ("123006" on the row's line, "53" under it), the short 0 of the
    # last column sits between them. The lines read "行政处罚 123006" / "0" / "53": taken
    # in order, 123006, 0 and 53 were the row's three cells, silently. The cells' boxes say
    # "53" stands in the column of "123006": no cell of the row is sure (P221).
    narrow = pdf_render._active_grid

    def narrowed(table: GeneratedTable, layout: Layout) -> Any:
        grid = narrow(table, layout)
        widths = [w * (0.5 if i < grid.labels else 0.3) for i, w in enumerate(grid.widths)]
        return attrs.evolve(grid, widths=widths)

    monkeypatch.setattr(pdf_render, "_active_grid", narrowed)
    table_id = "active_disclosure.enforcement"
    penalty = {"previous_items": 12300653, "change": None, "decisions": 0}
    report = fixed_report(
        "2020", {(table_id, "administrative_penalty", c): v for c, v in penalty.items()}
    )
    pdf = render_report(report, Layout(ruled=False, align="right"))
    lines = [[c.text for c in line.cells] for line in read_pdf(pdf).lines]
    at = lines.index(["行政处罚", "123006"])
    assert lines[at + 1 : at + 3] == [["0"], ["53"]]  # the page as the case needs it
    table = gikparse.parse_pdf(pdf).table(table_id)
    assert table is not None
    row = table.row("administrative_penalty")
    assert {c: v.status for c, v in row.items()} == dict.fromkeys(penalty, ValueStatus.AMBIGUOUS)
    assert ("P221", "administrative_penalty") in {(d.code, d.row) for d in table.diagnostics}
    # The row below keeps its numbers.
    assert table.value("administrative_coercion", "decisions") == 0


def test_a_row_whose_label_wrapped_and_whose_numbers_stand_lower_is_ambiguous_not_blank() -> None:
    # Cells centred top to bottom beside a label wrapped over three lines: the label's first
    # line has the first piece of the total, "145,427,27" (145,427,275 wrapped, no number
    # as it stands), the short numbers come on the next line, the total's last piece on the
    # third beside the label's rest. The piece kept the row open as its value cell: every
    # cell with a number printed lower is ambiguous (P221); the row read blank, silently.
    text = (
        _HEAD
        + _RECEIVED
        + "（四）无\t1.本机关不掌握相关政府信\t\t\t\t\t\t\t145,427,27\n"
        + "99,342,328\t0\t0\t46,084,947\t\t0\t\n"
        + "法提供\t息\t\t\t\t\t\t\t5\n"
        + "\t2.没有现成信息需要另行制作\t0\t0\t0\t0\t0\t0\t0\n"
    )
    table = gikparse.parse_applications(text)
    row = table.row("outcome.unavailable.not_held")
    assert {c for c, v in row.items() if v.status is ValueStatus.AMBIGUOUS} == {
        "natural_person",
        "commercial_enterprise",
        "research_institution",
        "social_welfare_org",
        "other_org",
        "total",
    }
    assert row["legal_service_org"].status is ValueStatus.BLANK  # nothing printed there
    assert {c for r, c in _p221(table) if r == "outcome.unavailable.not_held"} == {
        c for c, v in row.items() if v.status is ValueStatus.AMBIGUOUS
    }
    assert [v.value for v in table.row("outcome.unavailable.needs_creation").values()] == [0] * 7


def test_pieces_under_every_number_of_a_row_whose_numbers_share_a_cell_are_named() -> None:
    # A row's numbers in one cell (a squeezed PDF table read as one text cell), every number
    # wrapped: "212260031" prints "212260" on the row's line and "031" under it. The line of
    # pieces is no row of the template (none stands between 一 and 二): every number is
    # ambiguous (P221), not its first piece.
    text = (
        _HEAD
        + "一、本年新收政府信息公开申请数量 212260 573762 238716 364484 158030 434992 198224\n"
        + "031\t741\t072\t538\t128\t493\t6003\n"
        + "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0\n"
    )
    table = gikparse.parse_applications(text)
    assert {v.status for v in table.row("received").values()} == {ValueStatus.AMBIGUOUS}
    assert {c for r, c in _p221(table) if r == "received"} == set(table.row("received"))
    assert [v.value for v in table.row("carried_over").values()] == [0] * 7


def test_a_line_of_pieces_alone_in_section_four_is_read_as_values_not_skipped() -> None:
    # Section 四 squeezed: 69,666,044 wraps as "69,666,0" over "44" (around a line of the
    # short numbers, two to a cell). The first line, pieces only, was skipped as a header:
    # the 15 numbers left were read in order, "44" and "4" as counts, silently.
    text = (
        "四、政府信息公开行政复议、行政诉讼情况\n行政复议\t行政诉讼\n\t未经复议直接起诉\t复议后起诉\n"
        + "\t".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3)
        + "\n69,666,0\t69,666,0\t6,413,14\t6,413,14\n"
        + "0\t0\t0\t0\t0\t0 0\t0 0\t0 0\t\n"
        + "44\t44\t4\t4\n"
    )
    table = gikparse.parse_review_litigation(text)
    assert {c.value.status for c in table.cells} == {ValueStatus.AMBIGUOUS}
    assert "P206" in {d.code for d in table.diagnostics}


def test_a_piece_alone_on_its_line_is_named_under_the_column_its_box_stands_in() -> None:
    # A PDF's row whose short numbers stand lower (cells centred top to bottom) and whose
    # 33438251 wrapped in the legal-service column: "334382" beside the label, "51" alone on
    # a line below it. Laid under the row by position, a line of one cell stood under the
    # last column (the total's): the legal-service cell kept 334382, silently. By the boxes
    # (as well), the piece stands under its own column.
    text = (
        _HEAD
        + _RECEIVED
        + "二、上年结转政府信息公开申请数量\t\t\t\t\t334382\t\t\n"
        + "0\t0\t0\t0\t\t0\t33438251\n"
        + "51\n"
        + "三、本年度办理结果\n"
        + _GRANTED.replace("1721", "0")
    )
    doc = read_text(text)

    def column(i: int) -> tuple[float, float, float, float]:
        return (236.0 + 30 * i, 0.0, 264.0 + 30 * i, 8.0)

    lines = []
    for line in doc.lines:
        cells = line.cells
        if len(cells) == 8:  # a label, then the seven columns
            boxes = [(97.0, 0.0, 185.0, 8.0), *(column(i) for i in range(7))]
        elif len(cells) == 7:  # the seven columns
            boxes = [column(i) for i in range(7)]
        elif cells[0].text == "51":  # inside the legal-service column
            boxes = [(246.0 + 30 * 4, 0.0, 254.0 + 30 * 4, 8.0)]
        else:
            lines.append(line)
            continue
        boxed = tuple(c._replace(box=b) for c, b in zip(cells, boxes, strict=True))
        lines.append(line._replace(cells=boxed, table=0))
    table = gikparse.parse_applications(Document(doc.text, tuple(lines), kind="pdf"))
    legal = table.cell("carried_over", "legal_service_org")
    assert legal is not None and legal.status is ValueStatus.AMBIGUOUS
    message = next(
        d.message_en
        for d in table.diagnostics
        if d.code == "P221" and d.column == "legal_service_org"
    )
    assert "'334382'" in message and "'51'" in message


def test_a_piece_of_a_total_beside_a_whole_label_keeps_the_row_open() -> None:
    # Narrow right-aligned cells, thousands separators, centred top to bottom: the row's
    # line holds only "23," (23,024 wrapped) in the total's column; the other numbers come in
    # pieces on the lines below. "23," read as a label's rest (an empty ordinal-less rest
    # "continues" any label) ended the row: seven cells blank, a table-level P202 only.
    text = (
        _HEAD
        + "一、本年新收政府信息公开申请数量\t\t\t\t\t\t\t23,\n"
        + "4,8\t5,4\t1,7\t4,2\t\t6,6\t\n"
        + "\t\t\t\t94\t\t02\n"
        + "38\t17\t32\t50\t\t93\t\n"
        + "\t\t\t\t\t\t4\n"
        + "二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n"
    )
    table = gikparse.parse_applications(text)
    assert {v.status for v in table.row("received").values()} == {ValueStatus.AMBIGUOUS}
    assert {c for r, c in _p221(table) if r == "received"} == set(table.row("received"))
    assert [v.value for v in table.row("carried_over").values()] == [0] * 7

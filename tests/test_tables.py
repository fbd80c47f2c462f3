"""The table engine on small, hand-made tables: placing, lost cells, extra cells, labels."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import gikparse
from gikparse.model import Value
from gikparse.numbers import ValueStatus
from gikparse.readers.document import Document
from gikparse.readers.text import read_text
from gikparse.tables._placing import place
from tests.conftest import SEEDS
from tests.render import CLEAN, render
from tests.strategies import GeneratedReport, fixed_report, generated_reports

APPLICANTS = ("natural_person", "commercial_enterprise", "research_institution")
REVIEW = "行政复议\t行政诉讼\n" + "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n"


def _codes(diagnostics: tuple[gikparse.Diagnostic, ...]) -> set[str]:
    return {d.code for d in diagnostics}


def _positions(n: int) -> list[tuple[str, str]]:
    return [("r", f"c{i}") for i in range(n)]


def test_place_fits_exact_rows_by_position() -> None:
    values = [Value(1), Value(None, ValueStatus.BLANK), Value(3)]
    placed, code = place(values, _positions(3))
    assert [v.value for v in placed] == [1, None, 3]
    assert code is None


def test_place_drops_smeared_empty_cells() -> None:
    blank = Value(None, ValueStatus.BLANK)
    placed, code = place([blank, Value(1), Value(2), blank, blank], _positions(2))
    assert [v.value for v in placed] == [1, 2]
    assert code is None


def test_extra_cells_that_cannot_change_the_values_are_dropped() -> None:
    placed, code = place([Value(0)] * 8, _positions(7))
    assert [v.value for v in placed] == [0] * 7
    assert code == "P203"


def test_extra_cells_that_could_change_the_values_make_the_row_ambiguous() -> None:
    placed, code = place([Value(1), Value(2), Value(3)], _positions(2))
    assert all(v.status is ValueStatus.AMBIGUOUS and v.value is None for v in placed)
    assert code == "P204"


_NUMBER, _DASH = ValueStatus.NUMBER, ValueStatus.DASH
_CONTENT = st.sampled_from(
    [(0, _NUMBER), (1, _NUMBER), (Decimal("1.0"), _NUMBER), (2, _NUMBER), (None, _DASH)]
)


@given(st.lists(_CONTENT, min_size=2, max_size=10), st.integers(min_value=1, max_value=7))
def test_extra_cells_are_dropped_only_when_every_choice_agrees(
    contents: list[tuple[int | Decimal | None, ValueStatus]], ncols: int
) -> None:
    # The definition: every way of keeping ncols of the cells, in order, gives the same numbers.
    if not ncols < len(contents) <= ncols + 3:
        return
    cells = [Value(number, status, raw=str(i)) for i, (number, status) in enumerate(contents)]
    choices = {
        tuple((cells[i].value, cells[i].status) for i in kept)
        for kept in itertools.combinations(range(len(cells)), ncols)
    }
    placed, code = place(cells, _positions(ncols))
    if len(choices) == 1:
        assert code == "P203"
        assert [(v.value, v.status) for v in placed] == list(next(iter(choices)))
        assert [v.raw for v in placed] == [c.raw for c in cells[:ncols]]  # the first ones
    else:
        assert code == "P204"
        assert all(v.status is ValueStatus.AMBIGUOUS for v in placed)


def test_too_few_cells_without_a_rule_are_never_guessed() -> None:
    placed, code = place([Value(1), Value(2)], _positions(3))
    assert all(v.status is ValueStatus.AMBIGUOUS for v in placed)
    assert code == "P206"


def _applications(rows: str) -> gikparse.Table:
    return gikparse.parse_applications_2020(rows)


def test_lost_cell_restored_only_when_the_total_rule_fixes_it() -> None:
    table = _applications("(一)予以公开\t0\t0\t0\t0\t0\t0\n(二)部分公开\t1\t0\t0\t0\t0\t1\n")
    assert [table.value("outcome.granted", c) for c in APPLICANTS] == [0, 0, 0]
    assert table.value("outcome.granted", "total") == 0
    assert "P205" in _codes(table.diagnostics)
    # Which cell was lost is not known (each gives the same numbers): none is a printed 0.
    assert {v.status for v in table.row("outcome.granted").values()} == {ValueStatus.INFERRED}
    # 1 0 0 0 0 1 could be (1,0,0,0,0,1 | total lost → 2) or (…, total 1): not unique.
    assert table.cell("outcome.partially_granted", "total") is not None
    assert table.value("outcome.partially_granted", "total") is None
    assert "P206" in _codes(table.diagnostics)


def test_group_context_tells_rows_with_the_same_number_apart() -> None:
    text = (
        "(三)不予公开\t1.属于国家秘密\t1\t0\t0\t0\t0\t0\t1\n"
        "(四)无法提供\t1.本机关不掌握相关政府信息\t2\t0\t0\t0\t0\t0\t2\n"
        "(五)不予处理\t1.信访举报投诉类申请\t3\t0\t0\t0\t0\t0\t3\n"
    )
    table = _applications(text)
    assert table.value("outcome.refused.state_secret", "total") == 1
    assert table.value("outcome.unavailable.not_held", "total") == 2
    assert table.value("outcome.not_processed.complaint", "total") == 3


def test_label_broken_over_lines_is_joined() -> None:
    text = "(二)部分公开（区分处理的，只计这一情形，\n不计其他情形）\t4\t0\t0\t0\t0\t0\t4\n"
    table = _applications(text)
    assert table.value("outcome.partially_granted", "natural_person") == 4
    assert "P201" not in _codes(table.diagnostics)


def test_label_end_after_the_numbers_is_absorbed() -> None:
    text = (
        "5.属于三类内部\t5\t0\t0\t0\t0\t0\t5\n"
        "\t事务信息\t\t\t\n"
        "6.属于四类过程性信息\t6\t0\t0\t0\t0\t0\t6\n"
    )
    table = _applications(text)
    assert table.value("outcome.refused.internal_affairs", "total") == 5
    assert table.value("outcome.refused.process_information", "total") == 6


def test_one_cell_per_line_rows_are_rebuilt() -> None:
    cells = ["一、本年新收政府信息公开申请数量", "3", "1", "0", "0", "0", "0", "4"]
    table = _applications("\n".join(cells) + "\n")
    assert table.value("received", "natural_person") == 3
    assert table.value("received", "total") == 4


def test_unknown_row_with_numbers_is_reported_not_used() -> None:
    table = _applications("(八)转交其他机关\t1\t0\t0\t0\t0\t0\t1\n")
    assert "P201" in _codes(table.diagnostics)
    assert [v.value for v in table.unplaced] == [1, 0, 0, 0, 0, 0, 1]


def test_2021_table_printing_six_as_one_row_keeps_its_id_and_says_so() -> None:
    table = gikparse.parse_applications_2021("(六)其他处理\t1\t0\t0\t0\t0\t0\t1\n")
    assert table.value("outcome.other", "total") == 1
    assert "outcome.other.other" not in table.rows
    assert "P212" in _codes(table.diagnostics)


def test_2021_split_six_rows_are_found_under_their_group() -> None:
    text = (
        "(六)其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
        "\t1\t0\t0\t0\t0\t0\t1\n"
        "\t2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
        "\t0\t0\t0\t0\t0\t0\t0\n"
        "3.其他\t2\t0\t0\t0\t0\t0\t2\n"
        "(七)总计\t3\t0\t0\t0\t0\t0\t3\n"
    )
    table = gikparse.parse_applications_2021(text)
    assert table.value("outcome.other.no_correction", "total") == 1
    assert table.value("outcome.other.unpaid_fee", "total") == 0
    assert table.value("outcome.other.other", "total") == 2
    assert table.value("outcome.total", "total") == 3
    assert "outcome.other" not in table.rows


def test_review_row_keeps_blank_groups_blank() -> None:
    table = gikparse.parse_review_litigation(REVIEW + "\t\t\t\t\t1\t1\t0\t3\t5\t1\t0\t0\t6\t7\n")
    review = table.row("review")
    assert all(v.value is None and v.status is ValueStatus.BLANK for v in review.values())
    assert table.value("litigation_direct", "total") == 5
    assert table.value("litigation_after_review", "pending") == 6


def test_review_row_with_one_extra_cell_of_the_same_value() -> None:
    table = gikparse.parse_review_litigation(REVIEW + "\t".join(["0"] * 16) + "\n")
    assert table.value("review", "total") == 0
    assert "P203" in _codes(table.diagnostics)


def test_review_numbers_wrapped_in_their_cells_are_named_never_read_from_the_pieces() -> None:
    # A narrow PDF cell wraps 9,069,759 as "9,0" over "69,759": the second line alone is not
    # the row (69759), nor is the first line dropped for its unreadable "labels".
    row = "5\t0\t0\t0\t5\t0\t0\t9,0\t0\t9,0\t0\t0\t0\t0\t0\n"
    tail = "\t\t\t\t\t\t\t69,759\t\t69,759\t\t\t\t\t\n"
    table = gikparse.parse_review_litigation(REVIEW + row + tail)
    assert "P206" in _codes(table.diagnostics)
    assert all(v.status is ValueStatus.AMBIGUOUS for v in table.row("litigation_direct").values())
    # Alone, the line keeps what it states, and its unreadable cells say so.
    table = gikparse.parse_review_litigation(REVIEW + row)
    assert table.value("review", "total") == 5
    assert table.row("litigation_direct")["other"].status is ValueStatus.UNREADABLE


def test_review_cell_holding_two_numbers_among_cells_is_ambiguous() -> None:
    # A PDF cell centred top to bottom with a wrapped number (32794 as "327" over "94") gives
    # one line whose cell holds both pieces: which column each number is cannot be told.
    row = "\t\t\t\t\t327 94\t738\t682 3\t794 3\t0\t0\t856\t953 63\t\t276\n"
    table = gikparse.parse_review_litigation(REVIEW + row)
    assert all(v.status is ValueStatus.AMBIGUOUS for v in table.row("review").values())
    assert "P206" in _codes(table.diagnostics)
    # Numbers set apart by spaces only (one cell) are read in order, over several lines too.
    table = gikparse.parse_review_litigation(REVIEW + "5 0 0 0 5 0 0 0\n0 0 0 0 0 0 0\n")
    assert table.value("review", "total") == 5
    assert table.value("litigation_after_review", "total") == 0


def test_review_cell_lost_and_restored_names_the_rows_it_may_be_in() -> None:
    # Fourteen zeros for fifteen columns: the lost cell is 0 wherever it was, in any row.
    table = gikparse.parse_review_litigation(REVIEW + "\t".join(["0"] * 14) + "\n")
    assert table.value("review", "total") == 0
    assert {d.row for d in table.diagnostics if d.code == "P205"} == {
        "review",
        "litigation_direct",
        "litigation_after_review",
    }
    assert {v.status for v in table.row("litigation_direct").values()} == {ValueStatus.INFERRED}


def test_review_missing_is_a_diagnostic() -> None:
    table = gikparse.parse_review_litigation("本年度无行政复议和行政诉讼。\n")
    assert table.cells == ()
    assert "P210" in _codes(table.diagnostics)


ACTIVE_2020 = """第二十条第（一）项
信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量
规章\t0\t0\t0
规范性文件\t7\t7\t7
第二十条第（五）项
信息内容\t上一年项目数量\t本年增/减\t处理决定数量
行政许可\t174\t增3\t3,826
其他对外管理服务事项\t6\t减4\t1013
第二十条第（九）项
信息内容\t采购项目数量\t采购总金额（元）
政府集中采购\t144\t251000
"""


def test_active_disclosure_2020_values_signs_and_money() -> None:
    tables, diagnostics = gikparse.parse_active_disclosure_2020(ACTIVE_2020)
    by_id = {t.short_id: t for t in tables}
    assert by_id["licensing"].value("administrative_license", "change") == 3
    assert by_id["licensing"].value("other_services", "change") == -4
    assert by_id["licensing"].value("administrative_license", "decisions") == 3826
    amount = by_id["procurement"].cell("centralized_procurement", "amount")
    assert amount is not None
    assert amount.value == Decimal("25.1")
    assert amount.converted_from == "元"
    assert "P209" in _codes(by_id["procurement"].diagnostics)
    # Tables the text does not print are reported, not invented.
    assert "enforcement" not in by_id
    assert any(d.code == "P210" and d.table == "active_disclosure.enforcement" for d in diagnostics)


def test_active_disclosure_column_order_follows_the_header() -> None:
    text = (
        "第二十条第（一）项\n"
        "信息内容\t对外公开总数量\t本年新制作数量\t本年新公开数量\n"
        "规章\t9\t1\t2\n"
    )
    tables, _ = gikparse.parse_active_disclosure_2020(text)
    rules = tables[0]
    assert rules.value("regulations", "total_published") == 9
    assert rules.value("regulations", "made") == 1


def test_report_with_tables_of_the_other_edition_is_parsed_by_its_tables() -> None:
    text = (
        "某县2021年政府信息公开工作年度报告\n一、总体情况\n无。\n二、主动公开政府信息情况\n"
        + ACTIVE_2020
        + "三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n"
    )
    report = gikparse.parse_text(text)
    assert report.variant == "2020"
    assert report.template.by_year == "2021"
    assert "P110" in _codes(report.diagnostics)
    assert report.table("licensing") is not None


@pytest.mark.parametrize("mark", ["—", "/", "无"])
def test_dash_marks_are_not_zero(mark: str) -> None:
    table = _applications(f"一、本年新收政府信息公开申请数量\t{mark}\t0\t0\t0\t0\t0\t0\n")
    cell = table.cell("received", "natural_person")
    assert cell is not None
    assert cell.value is None
    assert cell.status is ValueStatus.DASH
    assert cell.raw == mark


def test_label_broken_before_an_alias_keeps_the_numbers_of_its_second_line() -> None:
    text = (
        "（六）其他处理\t1.申请人无正当理由\t\t\t\t\t\t\t\t\n"
        "\t\t逾期不补正、行政机关不再处理其政府信息公开申请\t0\t4\t\t\t\t3,005\t3,009\n"
    )
    table = gikparse.parse_applications_2021(text)
    row = table.row("outcome.other.no_correction")
    assert [v.value for v in row.values()] == [0, 4, None, None, None, 3005, 3009]
    assert "P207" not in _codes(table.diagnostics)


def test_padding_after_a_lost_cell_is_not_a_blank_total() -> None:
    # Every row of this table is 10 cells wide; the first lost one of its seven numbers and
    # ends in padding. Placing by position would shift 2 into other_org and blank the total.
    text = (
        "一、本年新收政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 2 | ||\n"
        "二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n"
        "（一）予以公开 | 2 | 0 | 0 | 0 | 0 | 0 | 2 | ||\n"
    )
    table = _applications(text)
    received = table.row("received")
    assert all(v.status is ValueStatus.AMBIGUOUS for v in received.values())
    assert "P206" in _codes(table.diagnostics)
    assert table.value("outcome.granted", "total") == 2


def test_a_label_that_does_not_complete_a_row_does_not_take_its_place() -> None:
    text = "第二十条第（六）项\n信息内容\t本年处理决定数量\n行政处罚\t30\n行政强制\t\n行政检查\t7\n"
    tables, diagnostics = gikparse.parse_active_disclosure_2021(text)
    enforcement = tables[0]
    cell = enforcement.cell("administrative_coercion", "decisions")
    assert cell is not None
    assert cell.value is None
    assert cell.status is ValueStatus.BLANK
    assert any(d.code == "P201" and "行政检查" in d.message for d in diagnostics)


@pytest.mark.parametrize("printed", ["2.其他", "4.其他", "1.其他"])
def test_renumbered_row_is_found_by_its_label(printed: str) -> None:
    text = (
        "(六)其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
        "\t0\t0\t0\t0\t0\t0\t0\n"
        f"{printed}\t4\t0\t0\t0\t0\t0\t4\n"
    )
    table = gikparse.parse_applications_2021(text)
    assert table.value("outcome.other.other", "total") == 4
    assert "outcome.refused.prohibited_by_law" not in table.rows


@pytest.mark.parametrize(
    ("line", "row"),
    [
        ("（三）不予公开 1.属于国家秘密 3 0 0 0 0 0 3", "outcome.refused.state_secret"),
        ("三、本年度办理结果 （一）予以公开 3 0 0 0 0 0 3", "outcome.granted"),
        ("一、本年新收政府信息公开 申请数量 3 0 0 0 0 0 3", "received"),
    ],
)
def test_group_and_label_in_one_cell_keep_their_numbers(line: str, row: str) -> None:
    table = _applications(line + "\n")
    assert table.value(row, "natural_person") == 3
    assert table.value(row, "total") == 3


def test_spaced_out_label_keeps_its_number() -> None:
    tables, _ = gikparse.parse_active_disclosure_2021("行 政 许 可 100\n")
    assert tables[0].value("administrative_license", "decisions") == 100


def test_numbers_under_a_header_word_are_reported_not_dropped() -> None:
    table = _applications("合计（含结转）\t1\t0\t0\t0\t0\t0\t1\n")
    assert "P201" in _codes(table.diagnostics)
    assert [v.value for v in table.unplaced] == [1, 0, 0, 0, 0, 0, 1]


@pytest.mark.parametrize(
    "header",
    [
        "信息内容\t本年收费金额（单位：元）",
        "信息内容\t本年收费金额\t单位：元",
    ],
)
def test_money_unit_stated_beside_the_header_is_applied(header: str) -> None:
    text = f"第二十条第（八）项\n{header}\n行政事业性收费\t125000\n"
    tables, _ = gikparse.parse_active_disclosure_2021(text)
    amount = tables[0].cell("administrative_fees", "amount")
    assert amount is not None
    assert amount.value == Decimal("12.5")
    assert amount.converted_from == "元"


def test_money_unit_stated_on_the_caption_is_applied() -> None:
    text = "第二十条第（八）项（单位：元）\n信息内容\t本年收费金额\n行政事业性收费\t125000\n"
    tables, _ = gikparse.parse_active_disclosure_2021(text)
    assert tables[0].value("administrative_fees", "amount") == Decimal("12.5")


_IN_WAN = {
    "元": "0.17325",
    "千元": "173.25",
    "万元": "1732.5",
    "百万元": "173250",
    "亿元": "17325000",
}


@pytest.mark.parametrize("unit", sorted(_IN_WAN))
@pytest.mark.parametrize(
    ("caption", "header"),
    [
        ("（单位：{}）", ""),
        ("（单位：人民币{}）", ""),
        ("（单位为{}）", ""),
        ("（单位/{}）", ""),
        ("", "（{}）"),
        ("", "（单位：{}）"),
    ],
)
def test_every_money_unit_stated_is_applied_and_named(caption: str, header: str, unit: str) -> None:
    # An amount printed 1732.5 in 千元 is 173.25 万元, never 1732.5 (its unit ignored) nor
    # 0.17325 (千元 taken for 元); P209 names the unit it was converted from.
    text = (
        f"第二十条第（八）项{caption.format(unit)}\n信息内容\t本年收费金额{header.format(unit)}\n"
        "行政事业性收费\t1732.5\n"
    )
    tables, _ = gikparse.parse_active_disclosure_2021(text)
    amount = tables[0].cell("administrative_fees", "amount")
    assert amount is not None
    assert amount.value == Decimal(_IN_WAN[unit])
    assert "E" not in str(amount.value)  # printed as a plain decimal, in exports too
    converted = [d for d in tables[0].diagnostics if d.code == "P209"]
    if unit == "万元":
        assert amount.converted_from is None and not converted
    else:
        assert amount.converted_from == unit and unit in converted[0].message


def test_digits_of_cells_run_together_are_unreadable_not_a_crash() -> None:
    table = gikparse.parse_review_litigation("9" * 5000 + "\n")
    assert all(c.value.value is None for c in table.cells)


def test_ideographic_space_inside_a_label_is_not_a_cell_boundary() -> None:
    tables, _ = gikparse.parse_active_disclosure_2021("规　章  1  2  3\n行政规范性文件　4　5　6\n")
    rules = tables[0]
    assert [rules.value("regulations", c) for c in ("issued", "repealed", "in_force")] == [1, 2, 3]
    assert rules.value("normative_documents", "in_force") == 6


_ENFORCEMENT_ROW = "行政处罚 | 4798 | 减183 | 3567 |"


@given(
    values=st.lists(st.integers(0, 99999), min_size=3, max_size=3),
    broken=st.integers(0, 2),
    cut=st.integers(1, 4),
    blank=st.booleans(),
    separator=st.sampled_from([" | ", "\t"]),
)
def test_a_cell_holding_two_numbers_never_shifts_a_row(
    values: list[int], broken: int, cut: int, blank: bool, separator: str
) -> None:
    """ "1 52" in a row with cell boundaries is a number broken by a space or two cells run
    together: either way the row comes back right or ambiguous, never shifted."""
    cells = [str(v) for v in values]
    if len(cells[broken]) <= cut:
        cells[broken] += " 0"  # two numbers where one should be
    else:
        cells[broken] = cells[broken][:cut] + " " + cells[broken][cut:]
    if blank:
        cells[(broken + 1) % 3] = ""
    row = "行政处罚" + separator + separator.join(cells) + separator.rstrip()
    seed = (SEEDS / "002_0494dfef68de25df.txt").read_text("utf-8")
    table = gikparse.parse_text(seed.replace(_ENFORCEMENT_ROW, row)).table(
        "active_disclosure.enforcement"
    )
    read = table.row("administrative_penalty")
    expected = dict(zip(("previous_items", "change", "decisions"), values, strict=True))
    for column, value in read.items():
        assert value.status is ValueStatus.AMBIGUOUS or value.value == expected[column], row


_NOT_NUMBERS = (
    "三",
    "十二",
    "一百七十四",
    "约2",
    "N/A",
    "未统计",
    "不详",
    "（无）",
    "(略)",
    # A number broken by a space: a list label and a number (Word's "1.⇥25"), a typo.
    "1. 25",
    "12 ,345",
)


@given(report=generated_reports(), data=st.data())
def test_a_tab_lost_between_two_numbers_never_moves_a_row(
    report: GeneratedReport, data: st.DataObject
) -> None:
    # Text copied from Word smears a merged label over empty cells. A copy that loses the tab
    # between two numbers of a row leaves it a cell short: an empty cell before its numbers
    # is then a blank or one of the smeared ones, and which cannot be told. No number of the
    # row may be read in another's column (all moved one right, the first blank).
    rendering = render(report, "tab", CLEAN)
    by_row: dict[tuple[str, str], list[tuple[int, int, str]]] = {}
    for (table, row, column), span in rendering.cells.items():
        if table == "applications":
            by_row.setdefault((table, row), []).append((span.start, span.end, column))
    pairs = [
        (row, left, right)
        for row, cells in by_row.items()
        for left, right in itertools.pairwise(sorted(cells))
        if rendering.text[left[1] : right[0]] == "\t"
        and rendering.text[left[0] : left[1]].isdigit()
        and rendering.text[right[0] : right[1]].isdigit()
    ]
    assume(pairs)
    row, left, right = data.draw(st.sampled_from(pairs), label="lost tab")
    parsed = gikparse.parse_text(rendering.text[: left[1]] + rendering.text[right[0] :])
    made = next(t for t in report.tables if t.qualified_id == "applications")
    truth = {(r, c): v for r, c, v in made.cells()}
    table = parsed.table("applications")
    assert table is not None
    for column, value in table.row(row[1]).items():
        assert value.status is not ValueStatus.NUMBER or value.value == truth[row[1], column]
    report.assert_read_but(parsed, *((*row, c) for c in table.row(row[1])))


@given(report=generated_reports(), data=st.data())
def test_a_word_where_a_number_of_section_four_stands_is_that_cells_unreadable_value(
    report: GeneratedReport, data: st.DataObject
) -> None:
    # Section 四's one row of 15 numbers with "〇" or "三" in a cell: that cell is unreadable
    # (P208), every other one read. The line was taken for a header and the table lost
    # (P210, "not found"), its 14 numbers with it.
    rendering = render(
        report, data.draw(st.sampled_from(("tab", "markdown")), label="shape"), CLEAN
    )
    keys = sorted(key for key in rendering.cells if key[0] == "review_litigation")
    key = data.draw(st.sampled_from(keys), label="cell")
    printed = data.draw(st.sampled_from(("〇", "三", "Ⅲ", "N/A")), label="printed")
    span = rendering.cells[key]
    parsed = gikparse.parse(rendering.text[: span.start] + printed + rendering.text[span.end :])
    table = parsed.table("review_litigation")
    assert table is not None
    cell = table.row(key[1])[key[2]]
    assert cell.status is ValueStatus.UNREADABLE and cell.raw == printed
    assert ("P208", key[1], key[2]) in {(d.code, d.row, d.column) for d in table.diagnostics}
    report.assert_read_but(parsed, key)


@pytest.mark.parametrize("label", ["数量", "件数", "\t数量"])
def test_section_four_row_with_a_label_of_its_own_is_read(label: str) -> None:
    header = "行政复议\t\t\t\t\t行政诉讼\n" + "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t" * 3
    numbers = [1, 0, 0, 0, 1, 2, 0, 0, 0, 2, 0, 0, 0, 0, 0]
    table = gikparse.parse_review_litigation(
        f"{header}\n{label}\t" + "\t".join(map(str, numbers)) + "\n"
    )
    assert [c.value.value for c in table.cells] == numbers
    assert not table.diagnostics


@pytest.mark.parametrize(
    ("printed", "value"),
    [
        # Two lines of a markdown table's cell (converters from PDF and Word write <br> and
        # paragraphs): a number wrapped over them, or two numbers, never one read silently.
        ("1721<br>699", None),
        ("0<br/>3", None),
        ("12</p><p>5", None),
        # Inline markup joins, as on a web page.
        ("1<span>72</span>1", 1721),
        ("<b>17</b>21", 1721),
    ],
)
def test_markdown_cells_over_two_lines_are_no_one_number(printed: str, value: int | None) -> None:
    report = fixed_report("2021", agency="安宁市人民政府")
    rendering = render(report, "markdown", CLEAN)
    key = ("applications", "carried_over", "research_institution")
    span = rendering.cells[key]
    parsed = gikparse.parse_text(
        rendering.text[: span.start] + printed + rendering.text[span.end :]
    )
    table = parsed.table("applications")
    assert table is not None
    cell = table.row("carried_over")["research_institution"]
    assert cell.value == value
    assert (cell.status is ValueStatus.NUMBER) == (value is not None)
    report.assert_read_but(parsed, key)


@given(report=generated_reports(), data=st.data())
def test_text_where_a_number_stands_is_that_cells_unreadable_value(
    report: GeneratedReport, data: st.DataObject
) -> None:
    # "三" or "约2" printed in a value cell of sections 二 and 三, beside the row's label or
    # among its numbers: that cell is unreadable (P208), and every other cell keeps its
    # column (read as the rest of the row's label, or as a row we do not know, the numbers
    # after it moved a column or were lost, silently).
    shape = data.draw(st.sampled_from(("tab", "markdown")), label="shape")
    rendering = render(report, shape, CLEAN)
    keys = sorted(key for key in rendering.cells if not key[0].startswith("review"))
    key = data.draw(st.sampled_from(keys), label="cell")
    printed = data.draw(st.sampled_from(_NOT_NUMBERS), label="printed")
    span = rendering.cells[key]
    parsed = gikparse.parse(rendering.text[: span.start] + printed + rendering.text[span.end :])
    table_id, row, column = key
    table = parsed.table(table_id)
    assert table is not None
    cell = table.row(row)[column]
    assert cell.status is ValueStatus.UNREADABLE and cell.raw == printed
    assert ("P208", row, column) in {(d.code, d.row, d.column) for d in table.diagnostics}
    report.assert_read_but(parsed, key)


@pytest.mark.parametrize(
    ("variant", "table_id", "row", "label", "head"),
    [
        ("2021", "applications", "received", "一、本年新收政府信息公开申请数量", "一、本年新收"),
        ("2021", "applications", "carried_forward", "四、结转下年度继续办理", "四、结转下年度"),
        (
            "2021",
            "applications",
            "outcome.other.no_correction",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "1.申请人无正当理由逾期不补正",
        ),
        (
            "2020",
            "active_disclosure.licensing",
            "other_services",
            "其他对外管理服务事项",
            "其他对外管理服务",
        ),
    ],
)
@pytest.mark.parametrize("shape", ["tab", "space"])
def test_a_row_label_split_into_two_cells_is_the_label_not_a_value(
    variant: str, table_id: str, row: str, label: str, head: str, shape: str
) -> None:
    # A PDF reader put the label's second half in a cell of its own (its first half is a
    # key of the row too): the row is read, never the half a value that moves the numbers a
    # column or makes one too many.
    report = fixed_report(variant)
    spec = report.table(table_id).spec
    columns = [c.id for c in spec.columns]
    report = fixed_report(variant, {(table_id, row, c): 3 + i for i, c in enumerate(columns)})
    text = render(report, shape).text
    separator = "\t" if shape == "tab" else "  "
    at = text.index(label)
    text = text[:at] + head + separator + label[len(head) :] + text[at + len(label) :]
    read = gikparse.parse(text).table(table_id)
    assert read is not None
    truth = report.table(table_id)
    for column in columns:
        value = read.row(row)[column]
        assert value.status is ValueStatus.NUMBER, column
        assert value.value == truth.value(row, column), column


@pytest.mark.parametrize("marked", [True, False])
def test_a_cell_holding_two_numbers_is_read_alone_only_where_cells_are_markup(
    marked: bool,
) -> None:
    # The same row as a table's grid: from a web page or a Word file (cells are markup) the
    # cell "5 1" alone is doubtful (P223); from a PDF (cells cut from positions, which may
    # hold two cells' numbers) the row is (P206), never read cell by cell.
    text = "行政处罚\t5 1\t增3\t84\n"
    doc = read_text(text)
    grid = Document(
        doc.text,
        tuple(line._replace(table=0) for line in doc.lines),
        kind="html" if marked else "pdf",
        marked_cells=marked,
    )
    tables, _ = gikparse.parse_active_disclosure_2020(grid)
    row = next(t for t in tables if t.id.endswith("enforcement")).row("administrative_penalty")
    statuses = {column: value.status for column, value in row.items()}
    if marked:
        assert statuses["previous_items"] is ValueStatus.AMBIGUOUS
        assert [row["change"].value, row["decisions"].value] == [3, 84]
    else:
        assert set(statuses.values()) == {ValueStatus.AMBIGUOUS}

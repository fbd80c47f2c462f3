"""Examples of text that lost its shape, one behaviour each (the properties are in
tests/test_recover.py)."""

from __future__ import annotations

import gikparse
from gikparse.numbers import ValueStatus
from gikparse.readers.text import read_text
from gikparse.recover.reline import reline
from tests.render import CLEAN, render
from tests.strategies import fixed_report

_OUTCOMES_2021 = (
    "（一）予以公开 {granted} （二）部分公开（区分处理的，只计这一情形，不计其他情形） 0000000 "
    "（三）不予公开 1.属于国家秘密 0000000 2.其他法律行政法规禁止公开 0000000 "
    "3.危及“三安全一稳定” 0000000 4.保护第三方合法权益 0000000 5.属于三类内部事务信息 0000000 "
    "6.属于四类过程性信息 0000000 7.属于行政执法案卷 0000000 8.属于行政查询事项 0000000 "
    "（四）无法提供 1.本机关不掌握相关政府信息 0000000 2.没有现成信息需要另行制作 0000000 "
    "3.补正后申请内容仍不明确 0000000 （五）不予处理 1.信访举报投诉类申请 0000000 "
    "2.重复申请 0000000 "
    "3.要求提供公开出版物 0000000 4.无正当理由大量反复申请 0000000 "
    "5.要求行政机关确认或重新出具已获取信息 0000000 （六）其他处理 "
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 0000000 "
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 0000000 "
    "3.其他 0000000 （七）总计 {total} 四、结转下年度继续办理 {forward} "
)


def _one_line(
    received: str = "521000053",
    carried_over: str = "0000000",
    granted: str = "401000041",
    total: str = "4010000 41",
    forward: str = "12 0 0 0 0 0 12",
) -> str:
    """A 2021 report on one line, as crawlers save it, with page chrome around it."""
    return (
        "首页 > 政务公开 > 年度报告 【字体：大 中 小】 "
        "某某县人民政府2021年政府信息公开工作年度报告 "
        "本报告中所列数据的统计期限为2021年1月1日至2021年12月31日。 "
        "一、总体情况 全年共受理政府信息公开申请53件。 "
        "二、主动公开政府信息情况 第二十条第（一）项 信息内容 本年制发件数 本年废止件数 "
        "现行有效件数 规章 003 行政规范性文件 2117 第二十条第（五）项 信息内容 本年处理决定数量 "
        "行政许可 120 第二十条第（六）项 信息内容 本年处理决定数量 行政处罚 40 行政强制 0 "
        "第二十条第（八）项 信息内容 本年收费金额（单位：万元） 行政事业性收费 2.7000 "
        "三、收到和处理政府信息公开申请情况 申请人情况 自然人 法人或其他组织 总计 商业 企业 "
        "科研机构 社会公益组织 法律服务机构 其他 "
        f"一、本年新收政府信息公开申请数量 {received} 二、上年结转政府信息公开申请数量 "
        f"{carried_over} "
        "三、本年度办 理结果 "
        + _OUTCOMES_2021.format(granted=granted, total=total, forward=forward)
        + "四、政府信息公开行政复议、行政诉讼情况 行政复议 行政诉讼 结果维持 结果纠正 其他结果 "
        "尚未审结 总计 未经复议直接起诉 复议后起诉 结果维持 结果纠正 其他结果 尚未审结 总计 "
        "结果维持 结果纠正 其他结果 尚未审结 总计 10124 21003 00011 "
        "五、存在的主要问题及改进情况 公开内容不够丰富。 六、其他需要报告的事项 无。 "
        "某某县人民政府 2022年1月20日 网站地图 | 联系我们 版权所有\n"
    )


def test_a_report_on_one_line_is_cut_at_its_headings_and_labels() -> None:
    report = gikparse.parse_text(_one_line())
    assert [s.id for s in report.sections] == [
        "overview",
        "active_disclosure",
        "applications",
        "review_litigation",
        "problems",
        "other_matters",
    ]
    assert report.meta.year == 2021
    apps = report.applications
    assert apps is not None
    assert [apps.value("received", c) for c in ("natural_person", "commercial_enterprise")] == [
        52,
        1,
    ]
    assert apps.value("received", "total") == 53
    assert apps.cell("received", "total").status is ValueStatus.INFERRED
    review = report.review_litigation
    assert review is not None
    assert [review.value("review", c) for c in ("upheld", "other", "pending", "total")] == [
        1,
        1,
        2,
        4,
    ]
    assert any(d.code == "P214" and d.row == "received" for d in report.diagnostics)


def test_labels_and_headers_with_spaces_inside_are_found() -> None:
    # "商业 企业" and "三、本年度办 理结果" are printed with a space; the rows after them are read.
    apps = gikparse.parse_text(_one_line()).applications
    assert apps is not None
    assert apps.value("outcome.granted", "total") == 41


def test_a_run_the_digits_allow_several_ways_is_left_out_with_the_ways() -> None:
    report = gikparse.parse_text(_one_line())
    table = report.table("active_disclosure.rules")
    assert table is not None
    assert table.value("regulations", "in_force") == 3  # "003": one way only
    assert table.cell("normative_documents", "issued").status is ValueStatus.AMBIGUOUS
    said = [d for d in report.diagnostics if d.code == "P215" and d.row == "normative_documents"]
    assert said and "2 1 17" in said[0].message_en


def test_a_wrong_printed_total_in_a_run_is_kept_and_reported() -> None:
    # 二 is printed 0 0 0 0 0 0 1: seven characters, one reading, whose total is wrong. It is
    # kept as printed, and the checks report it.
    report = gikparse.parse_text(_one_line(carried_over="0000001"))
    apps = report.applications
    assert apps is not None
    assert apps.value("carried_over", "total") == 1
    assert apps.value("received", "total") == 53  # the other rows are still read
    assert any(f.code == "C103" and "carried_over" in f.message_en for f in gikparse.check(report))


def test_a_cut_that_adds_up_only_by_its_own_total_is_not_taken_without_a_rule_across_rows() -> None:
    # 四 printed 20 2 10 20 61 (a wrong total): 20 21 0 20 61 adds up, but only the total it
    # should check chose it, and 四 has no rule across rows to confirm it.
    text = _one_line().replace("10124 21003 00011", "202102061 00000 00000")
    report = gikparse.parse_text(text)
    table = report.review_litigation
    assert table is not None
    for cell in table.row("review").values():
        assert cell.status is ValueStatus.AMBIGUOUS
    assert any(d.code == "P215" and "20 21 0 20 61" in d.message_en for d in report.diagnostics)
    # In 三, the same holds when the rule across rows cannot be tested (a row is missing).
    text = _one_line(received="000121 2042").replace("四、结转下年度继续办理 12 0 0 0 0 0 12 ", "")
    apps = gikparse.parse_text(text).applications
    assert apps is not None
    assert apps.cell("received", "total").status is ValueStatus.AMBIGUOUS


def test_a_cut_with_a_blank_cell_printed_as_nothing_keeps_a_row_undecided() -> None:
    # Page text copied from a table with empty cells drops them: 规章 12, blank, 3 prints
    # "12 3", and 四's 3 12 20 (blank) 35 prints "3122035", which 31 2 2 0 35 also fits.
    text = _one_line().replace("规章 003", "规章 12 3").replace("10124", "3122035")
    report = gikparse.parse_text(text)
    rules = report.table("active_disclosure.rules")
    assert rules is not None
    for cell in rules.row("regulations").values():
        assert cell.status is ValueStatus.AMBIGUOUS
    table = report.review_litigation
    assert table is not None
    for cell in table.row("review").values():
        assert cell.status is ValueStatus.AMBIGUOUS
    assert any(d.code == "P215" and "3 12 20 — 35" in d.message_en for d in report.diagnostics)


def test_a_wrong_printed_total_is_never_repaired() -> None:
    # (七)总计 printed 40 1 0 0 0 0 42: no cut adds up, several are possible: left out.
    report = gikparse.parse_text(_one_line(total="401000042"))
    apps = report.applications
    assert apps is not None
    assert apps.cell("outcome.total", "total").status is ValueStatus.AMBIGUOUS
    assert any(d.code == "P215" and d.row == "outcome.total" for d in report.diagnostics)


def test_a_group_label_printed_twice_does_not_stop_the_rows() -> None:
    text = _one_line().replace("（三）不予公开 ", "（三）不予公开 （三）不予公开 ")
    apps = gikparse.parse_text(text).applications
    assert apps is not None
    assert apps.value("outcome.refused.state_secret", "total") == 0
    assert apps.cell("outcome.refused.state_secret", "total").status is ValueStatus.INFERRED


def test_well_formed_text_is_left_as_it_is() -> None:
    report = fixed_report("2021", {("applications", "received", "natural_person"): 5})
    doc = read_text(render(report, "tab", CLEAN).text)
    assert reline(doc) is doc


def test_numbers_printed_by_column_are_placed_when_the_sums_allow_one_way() -> None:
    # Two rows' labels, then their 14 numbers one per line, column by column. By rows, the
    # first row would be 3 0 0 0 0 0 0 (its total 0 ≠ 3): only by columns do the sums hold.
    report = fixed_report(
        "2021",
        {
            ("applications", "outcome.granted", "natural_person"): 3,
            ("applications", "outcome.partially_granted", "natural_person"): 1,
        },
    )
    text = render(report, "flat", CLEAN).text
    granted, partial = "（一）予以公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    lines = text.split("\n")
    start = lines.index(granted)
    assert lines[start + 8] == partial
    by_row = [lines[start + 1 : start + 8], lines[start + 9 : start + 16]]
    by_column = [by_row[r][c] for c in range(7) for r in range(2)]
    lines[start : start + 16] = [granted, partial, *by_column]
    got = gikparse.parse_text("\n".join(lines))
    apps = got.applications
    assert apps is not None
    assert apps.value("outcome.granted", "natural_person") == 3
    assert apps.value("outcome.granted", "total") == 3
    assert apps.value("outcome.partially_granted", "total") == 1
    assert any(d.code == "P217" for d in got.diagnostics)


def test_numbers_printed_by_column_without_a_rule_to_tell_are_left_out() -> None:
    report = fixed_report(
        "2021",
        {
            ("active_disclosure.rules", "regulations", "issued"): 1,
            ("active_disclosure.rules", "normative_documents", "issued"): 2,
        },
    )
    text = render(report, "flat", CLEAN).text
    lines = text.split("\n")
    start = lines.index("规章")
    regulations, normative = lines[start + 1 : start + 4], lines[start + 5 : start + 8]
    lines[start : start + 8] = [
        "规章",
        "行政规范性文件",
        *[v for pair in zip(regulations, normative, strict=True) for v in pair],
    ]
    got = gikparse.parse_text("\n".join(lines))
    table = got.table("active_disclosure.rules")
    assert table is not None
    assert table.cell("regulations", "issued").status is ValueStatus.AMBIGUOUS
    assert any(d.code == "P218" for d in got.diagnostics)


def test_rows_of_numbers_under_generic_headers_take_the_labels_before_them() -> None:
    text = (
        "三、收到和处理政府信息公开申请情况\n"
        "（一）予以公开\n"
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）\n"
        "| 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 数据7 |\n"
        "|---|---|---|---|---|---|---|\n"
        "| 3 | 0 | 0 | 0 | 0 | 1 | 4 |\n"
        "| 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
    )
    got = gikparse.parse_text(text)
    apps = got.applications
    assert apps is not None
    assert apps.value("outcome.granted", "other_org") == 1
    assert apps.value("outcome.partially_granted", "total") == 1


def test_a_misprinted_label_in_its_place_is_read_as_its_row() -> None:
    report = fixed_report(
        "2021", {("applications", "outcome.refused.process_information", "natural_person"): 2}
    )
    text = render(report, "flat", CLEAN).text.replace("6.属于四类过程性信息", "6.属于四类过程信息")
    got = gikparse.parse_text(text)
    apps = got.applications
    assert apps is not None
    assert apps.value("outcome.refused.process_information", "total") == 2
    quoted = [d for d in got.diagnostics if d.code == "P219"]
    assert quoted and "6.属于四类过程信息" in quoted[0].message


def test_a_misprinted_label_out_of_its_place_is_not_read() -> None:
    report = fixed_report(
        "2021", {("applications", "outcome.refused.process_information", "natural_person"): 2}
    )
    text = render(report, "flat", CLEAN).text
    # The misprinted 6. stands where 8. belongs (after 7.): it is no row; its numbers are kept
    # aside, never given to a row.
    six = "6.属于四类过程性信息"
    lines = text.split("\n")
    at = lines.index(six)
    block, lines[at : at + 8] = lines[at : at + 8], []
    eight = lines.index("8.属于行政查询事项")
    lines[eight:eight] = ["6.属于四类过程信息", *block[1:]]
    got = gikparse.parse_text("\n".join(lines))
    apps = got.applications
    assert apps is not None
    assert apps.cell("outcome.refused.process_information", "total") is None
    assert any(d.code == "P202" for d in got.diagnostics)
    assert 2 in [v.value for v in apps.unplaced]
    assert apps.value("outcome.refused.enforcement_file", "total") == 0  # the row before


def test_a_row_of_numbers_without_its_label_fills_the_missing_row_in_its_place() -> None:
    report = fixed_report(
        "2021", {("applications", "outcome.unavailable.needs_creation", "natural_person"): 4}
    )
    text = render(report, "markdown", CLEAN).text
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if "2.没有现成信息需要另行制作" in line)
    lines[at] = "| | | " + " | ".join(["4", "0", "0", "0", "0", "0", "4"]) + " |"
    got = gikparse.parse_text("\n".join(lines))
    apps = got.applications
    assert apps is not None
    assert apps.value("outcome.unavailable.needs_creation", "total") == 4
    assert any(d.code == "P220" for d in got.diagnostics)


def test_rows_of_numbers_without_labels_are_not_placed_when_more_rows_are_missing() -> None:
    report = fixed_report("2021")
    text = render(report, "markdown", CLEAN).text
    lines = text.split("\n")
    two = next(i for i, line in enumerate(lines) if "2.没有现成信息需要另行制作" in line)
    three = next(i for i, line in enumerate(lines) if "3.补正后申请内容仍不明确" in line)
    lines[two] = "| | | " + " | ".join(["0"] * 7) + " |"
    del lines[three]  # two rows missing, one line of numbers: where it belongs is unknown
    got = gikparse.parse_text("\n".join(lines))
    apps = got.applications
    assert apps is not None
    assert apps.cell("outcome.unavailable.needs_creation", "total") is None
    assert apps.cell("outcome.unavailable.still_unclear", "total") is None
    assert any(d.code == "P202" for d in got.diagnostics)


def test_a_row_where_more_cells_may_have_vanished_than_are_looked_for_is_left_out() -> None:
    # Section 四 flattened, its blank cells printed as nothing: 15 cells, 8 of them printed in
    # 5 stretches. The true row is 0 0 | 644 644 | 0 484 484 with seven cells gone; cut into
    # 15 cells the digits also add up ("6", "4", "4" …), and that cut used to be taken.
    text = (
        "安宁市人民政府2019年政府信息公开工作年度报告 四、 政府信息公开行政复议、行政诉讼情况 "
        "行政复议 行政诉讼 结果维持 结果纠正 其他结果 尚未审 结 总计 未经复议直接起诉 复议后起诉 "
        "结 果维持 结果纠正 其他 结果 尚未 审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计 "
        "00 644６ ４４ 0 484４８４ 五、存在的主要问题及改进情况 （一）存在的主要问题。"
    )
    table = gikparse.parse_text(text).table("review_litigation")
    truth = {
        ("review", "pending"): 0,
        ("review", "total"): 0,
        ("litigation_direct", "corrected"): 644,
        ("litigation_direct", "total"): 644,
        ("litigation_after_review", "upheld"): 0,
        ("litigation_after_review", "corrected"): 484,
        ("litigation_after_review", "total"): 484,
    }
    assert table is not None
    for cell in table.cells:
        if cell.value.value is not None:  # anything read must be right
            assert truth.get((cell.row, cell.column)) == cell.value.value, (cell.row, cell.column)

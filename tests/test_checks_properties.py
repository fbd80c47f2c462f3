"""Soundness of the checks, property-based.

Consistent reports (leaves drawn at random, totals derived with the arithmetic of the format)
give no finding; one cell moved by ``d`` gives exactly the findings the format's arithmetic
predicts, at that cell, with difference ``±d``; one cell blanked makes those rules "cannot be
assessed", never a failure. The oracle below is written from the spec's wording of the rules,
not from the schema's ``SumRule`` data the engine reads.
"""

from __future__ import annotations

import json
from decimal import Decimal

import attrs
from hypothesis import given
from hypothesis import strategies as st

import gikparse
from gikparse.checks import (
    RULES,
    FindingStatus,
    check,
    check_series,
    findings_to_json,
    is_consistent,
)
from gikparse.errors import Severity
from gikparse.model import Report, Table
from tests.report_factory import (
    APPLICANTS,
    COLUMNS,
    GROUPS,
    LEAVES_2020,
    LEAVES_2021,
    OUTCOMES,
    CellInput,
    active_tables,
    applications_values,
    build_report,
    make_table,
    review_values,
    with_cell,
)

#: layout → (variant, leaf rows printed). The mixed layouts print (六) in the other edition's form.
LAYOUTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "2020": ("2020", LEAVES_2020),
    "2021": ("2021", LEAVES_2021),
    "2021 with (六) as one row": ("2021", LEAVES_2020),
    "2020 with (六) split": ("2020", LEAVES_2021),
}
MIXED = {"2021 with (六) as one row", "2020 with (六) split"}

counts = st.integers(min_value=0, max_value=60)


@st.composite
def consistent_reports(draw: st.DrawFn) -> tuple[str, Report]:
    layout = draw(st.sampled_from(sorted(LAYOUTS)))
    variant, leaf_rows = LAYOUTS[layout]
    leaves = {row: {c: draw(counts) for c in APPLICANTS} for row in leaf_rows}
    carried_forward = {c: draw(counts) for c in APPLICANTS}
    carried_over = {
        c: min(draw(counts), sum(leaves[r][c] for r in leaf_rows) + carried_forward[c])
        for c in APPLICANTS
    }
    apps = make_table(
        "applications", applications_values(leaves, carried_over, carried_forward), located=True
    )
    groups = {g: tuple(draw(counts) for _ in OUTCOMES) for g in GROUPS}
    review = make_table(
        "review_litigation",
        review_values(groups),  # type: ignore[arg-type]
        located=True,
    )
    # money in 万元 with at most 6 decimal places (a fen) is a possible amount
    places = draw(st.integers(0, 6))
    amount = Decimal(draw(st.integers(0, 10**9))).scaleb(-places)
    tables = tuple(
        _set_money(t, amount) if t.short_id in ("fees", "procurement") else t
        for t in active_tables(variant)
    )
    report = build_report(
        variant, applications=apps, review_litigation=review, active_disclosure=tables
    )
    return layout, report


def _set_money(table: Table, amount: Decimal) -> Table:
    row = table.rows[0]
    return with_cell(table, row, "amount", amount)


def _cells(report: Report) -> list[tuple[str, str, str]]:
    assert report.applications is not None and report.review_litigation is not None
    apps = [("applications", r, c) for r in report.applications.rows for c in COLUMNS]
    review = [("review_litigation", g, c) for g in GROUPS for c in (*OUTCOMES, "total")]
    return apps + review


def expected_rules(table: str, row: str, column: str) -> set[tuple[str, str, int]]:
    """(code, line, sign): the rules a cell takes part in, on which line, and on which side.

    ``sign`` is +1 when the cell is on the left (the side printed as the total), so that moving
    the cell by ``d`` moves ``actual - expected`` by ``sign * d``.
    """
    if table == "review_litigation":
        return {("C104", row, 1 if column == "total" else -1)}
    rules = {("C103", row, 1 if column == "total" else -1)}  # 总计 = six applicants, per row
    if row in ("received", "carried_over"):  # 一 + 二 = (七) + 四, per column
        rules.add(("C101", column, 1))
    if row in ("outcome.total", "carried_forward"):
        rules.add(("C101", column, -1))
    if row == "outcome.total":  # (七) = Σ outcome rows, per column
        rules.add(("C102", column, 1))
    elif row.startswith("outcome."):
        rules.add(("C102", column, -1))
    return rules


def _line(code: str, row: str | None, column: str | None) -> str | None:
    return column if code in ("C101", "C102") else row


def _table(report: Report, table: str) -> Table:
    found = report.table(table)
    assert found is not None
    return found


def _replace(report: Report, table: str, row: str, column: str, value: CellInput) -> Report:
    new = with_cell(_table(report, table), row, column, value)
    if table == "applications":
        return attrs.evolve(report, applications=new)
    return attrs.evolve(report, review_litigation=new)


def _allowed(layout: str) -> set[str]:
    """Codes a consistent report of ``layout`` may still get: the note on mixed rows."""
    return {"C311"} if layout in MIXED else set()


@given(consistent_reports())
def test_consistent_reports_give_no_finding(drawn: tuple[str, Report]) -> None:
    layout, report = drawn
    found = check(report)
    assert {f.code for f in found} <= _allowed(layout)
    assert all(f.severity is Severity.INFO for f in found)
    assert is_consistent(report)


@given(consistent_reports(), st.data())
def test_one_perturbed_cell_gives_exactly_the_expected_findings(
    drawn: tuple[str, Report], data: st.DataObject
) -> None:
    layout, report = drawn
    table, row, column = data.draw(st.sampled_from(_cells(report)))
    d = data.draw(st.integers(min_value=-30, max_value=30).filter(bool))
    old = _table(report, table).value(row, column)
    assert isinstance(old, int)
    broken = _replace(report, table, row, column, old + d)

    found = check(broken)
    arithmetic = [f for f in found if f.code.startswith("C1")]
    assert all(f.status is FindingStatus.FAIL for f in arithmetic)
    got = {(f.code, _line(f.code, f.row, f.column), f.difference) for f in arithmetic}
    want = {(code, line, sign * d) for code, line, sign in expected_rules(table, row, column)}
    assert got == want
    for f in arithmetic:  # located at that cell, with the cell's location
        assert f.severity is Severity.ERROR
        moved = [c for c in f.cells if (c.table, c.row, c.column) == (table, row, column)]
        assert len(moved) == 1 and moved[0].value == old + d
        assert moved[0].location is not None and moved[0].location in f.locations
        assert f.actual is not None and f.expected is not None
        assert f.actual - f.expected == f.difference

    others = {f.code for f in found if not f.code.startswith("C1")}
    negative = {"C201"} if old + d < 0 else set()
    assert others == negative | _allowed(layout)
    assert not is_consistent(broken)
    assert len(json.loads(findings_to_json(found))) == len(found)


@given(consistent_reports(), st.data())
def test_a_blanked_cell_cannot_be_assessed(drawn: tuple[str, Report], data: st.DataObject) -> None:
    layout, report = drawn
    table, row, column = data.draw(st.sampled_from(_cells(report)))
    blank, code = data.draw(st.sampled_from([(None, "C305"), ("—", "C306"), ("约3", "C307")]))
    broken = _replace(report, table, row, column, blank)

    found = check(broken)
    arithmetic = [f for f in found if f.code.startswith("C1")]
    assert {(f.code, _line(f.code, f.row, f.column)) for f in arithmetic} == {
        (c, line) for c, line, _ in expected_rules(table, row, column)
    }
    for f in arithmetic:
        assert f.status is FindingStatus.CANNOT_ASSESS and f.severity is Severity.INFO
        assert f.actual is None and f.difference is None
        assert (table, row, column) in {(c.table, c.row, c.column) for c in f.cells}
    allowed = _allowed(layout)
    cell_findings = [f for f in found if not f.code.startswith("C1") and f.code not in allowed]
    assert [(f.code, f.table, f.row, f.column) for f in cell_findings] == [
        (code, table, row, column)
    ]
    assert {f.code for f in found} - allowed == {code} | {f.code for f in arithmetic}
    # Blank and dash cells are "not reported": the rest adds up. An unreadable cell is a number
    # the checks could not see, so the report is not vouched for.
    assert is_consistent(broken) is (code != "C307")


_SEED_LINES = (
    "一、总体情况",
    "共受理政府信息公开申请 8 件，行政复议0宗，行政诉讼0宗。",
    "未发生因政府信息公开申请行政复议、提起行政诉讼情况。",
    "三、收到和处理政府信息公开申请情况",
    "一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1",
    "（七）总计\t1\t0\t0\t0\t0\t0\t2",
    "四、政府信息公开行政复议、行政诉讼情况",
    "结果维持\t结果纠正\t其他结果\t尚未审结\t总计",
    "\t\t\t\t\t1\t1\t0\t3\t5\t1\t0\t0\t6\t7",
    "五、存在的主要问题及改进情况",
    "无",
    "六、其他需要报告的事项",
    "第二十条第（八）项",
    "行政事业性收费\t1.1234567",
)


@given(st.lists(st.sampled_from(_SEED_LINES) | st.text(max_size=40), max_size=14))
def test_check_never_fails_on_parsed_text(lines: list[str]) -> None:
    """Whatever the parser makes of a text, check() gives findings of catalogued rules."""
    try:
        report = gikparse.parse_text("\n".join(lines))
    except gikparse.GikparseError:
        return
    found = check(report)
    assert {f.code for f in found} <= set(RULES)
    assert len(json.loads(findings_to_json(found))) == len(found)
    is_consistent(report)


@given(consistent_reports(), st.data())
def test_series_carried_over_perturbed_by_d(drawn: tuple[str, Report], data: st.DataObject) -> None:
    """Next year's 上年结转 = this year's 结转下年度; moving one of its cells by ``d`` gives
    exactly one C601, at that column, with difference ``d``."""
    _layout, first = drawn
    assert first.applications is not None and first.meta.year is not None
    carried = {c: first.applications.value("carried_forward", c) for c in COLUMNS}
    second = _replace(first, "applications", "carried_over", "total", carried["total"])
    for column in APPLICANTS:
        second = _replace(second, "applications", "carried_over", column, carried[column])
    second = attrs.evolve(second, meta=attrs.evolve(first.meta, year=first.meta.year + 1))
    c601 = [f for f in check_series([second, first]) if f.code == "C601"]
    assert c601 == []

    column = data.draw(st.sampled_from(COLUMNS))
    d = data.draw(st.integers(min_value=-30, max_value=30).filter(bool))
    value = carried[column]
    assert isinstance(value, int)
    broken = _replace(second, "applications", "carried_over", column, value + d)
    # section 二 is left as it is, so its chains (C602, C603) are not this test's concern
    found = [f for f in check_series([first, broken]) if f.code == "C601"]
    assert [(f.code, f.column, f.difference, f.year) for f in found] == [
        ("C601", column, d, first.meta.year + 1)
    ]

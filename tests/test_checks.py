"""Unit tests of the consistency checks, one group per rule family, on reports built by hand."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from gikparse.checks import (
    RULES,
    Finding,
    FindingStatus,
    check,
    check_series,
    evaluate_rule,
    findings_to_json,
    format_findings,
    is_consistent,
    statement_findings,
)
from gikparse.checks._sums import resolve_ids
from gikparse.errors import Diagnostic, Severity
from gikparse.location import Location
from gikparse.model import Report, Table, Value
from gikparse.narrative import CountStatement
from gikparse.numbers import ValueStatus
from gikparse.schema import TEMPLATES
from tests.report_factory import (
    LEAVES_2020,
    LEAVES_2021,
    CellInput,
    active_tables,
    build_report,
    consistent_report,
    make_table,
    sections,
    with_cell,
    with_sections,
)

DOCS = Path(__file__).parent.parent / "docs" / "checks.md"


def _codes(findings: tuple[Finding, ...]) -> list[str]:
    return sorted(f.code for f in findings)


def _replace_apps(report: Report, row: str, column: str, value: object) -> Report:
    assert report.applications is not None
    table = with_cell(report.applications, row, column, value)  # type: ignore[arg-type]
    return attrs.evolve(report, applications=table)


def _replace_review(report: Report, row: str, column: str, value: object) -> Report:
    assert report.review_litigation is not None
    table = with_cell(report.review_litigation, row, column, value)  # type: ignore[arg-type]
    return attrs.evolve(report, review_litigation=table)


def _data(table: Table | None) -> dict[str, dict[str, CellInput]]:
    """row → column → number (or None) of ``table``, for rebuilding it with changes."""
    assert table is not None
    return {r: {c: table.value(r, c) for c in table.columns} for r in table.rows}


def _value(report: Report, row: str, column: str) -> int:
    assert report.applications is not None
    found = report.applications.value(row, column)
    assert isinstance(found, int)
    return found


# --------------------------------------------------------------------------------------------
# A consistent report has nothing to say
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("variant", ["2020", "2021"])
def test_consistent_report_gives_no_finding(variant: str) -> None:
    report = consistent_report(variant)
    assert check(report) == ()
    assert is_consistent(report)


# --------------------------------------------------------------------------------------------
# C1xx arithmetic
# --------------------------------------------------------------------------------------------


def test_c101_carried_forward_off_by_two() -> None:
    report = consistent_report("2021")
    before = _value(report, "carried_forward", "natural_person")
    broken = _replace_apps(report, "carried_forward", "natural_person", before + 2)
    found = check(broken)
    assert _codes(found) == ["C101", "C103"]
    c101 = next(f for f in found if f.code == "C101")
    assert c101.column == "natural_person" and c101.row is None
    assert c101.severity is Severity.ERROR and c101.status is FindingStatus.FAIL
    # actual is 一 + 二 as printed, expected (七) + 四: four cells, difference −2
    assert c101.difference == -2
    assert c101.actual is not None and c101.expected is not None
    assert c101.actual - c101.expected == -2
    assert {c.row for c in c101.cells} == {
        "received",
        "carried_over",
        "outcome.total",
        "carried_forward",
    }
    c103 = next(f for f in found if f.code == "C103")
    assert (c103.row, c103.column, c103.difference) == ("carried_forward", "total", -2)
    assert not is_consistent(broken)


def test_c102_total_printed_too_high() -> None:
    report = consistent_report("2020")
    total = _value(report, "outcome.total", "research_institution")
    broken = _replace_apps(report, "outcome.total", "research_institution", total + 5)
    found = {f.code: f for f in check(broken)}
    assert set(found) == {"C101", "C102", "C103"}
    assert found["C102"].row == "outcome.total"
    assert found["C102"].column == "research_institution"
    assert found["C102"].difference == 5
    assert found["C102"].actual == total + 5 and found["C102"].expected == total
    assert found["C101"].difference == -5  # (七) is on the right of 一 + 二 = (七) + 四


def test_c102_uses_single_other_row_of_a_2021_report() -> None:
    """A 2021 report printing (六) as one 2020-style row: rule 2 still runs over that row."""
    report = consistent_report("2021", leaf_rows=LEAVES_2020)
    assert _codes(check(report)) == ["C311"]  # the other edition's row, and nothing else
    broken = _replace_apps(report, "outcome.other", "natural_person", 99)
    found = check(broken, select="C1")
    c102 = next(f for f in found if f.code == "C102")
    assert "outcome.other" in {c.row for c in c102.cells}
    assert c102.column == "natural_person"


def test_c102_uses_split_other_rows_of_a_2020_report() -> None:
    report = consistent_report("2020", leaf_rows=LEAVES_2021)
    assert _codes(check(report)) == ["C311"]
    broken = _replace_apps(report, "outcome.other.unpaid_fee", "other_org", 42)
    c102 = [f for f in check(broken) if f.code == "C102"]
    assert len(c102) == 1 and c102[0].column == "other_org"


def test_c102_cannot_be_assessed_when_a_leaf_row_is_not_printed() -> None:
    report = consistent_report("2021")
    data = _data(report.applications)
    del data["outcome.refused.state_secret"]
    report = attrs.evolve(report, applications=make_table("applications", data))
    found = check(report)
    c102 = [f for f in found if f.code == "C102"]
    assert len(c102) == 7  # every column
    assert all(f.status is FindingStatus.CANNOT_ASSESS for f in c102)
    assert all(f.severity is Severity.INFO for f in c102)
    assert "outcome.refused.state_secret" in c102[0].message_en
    assert [f.row for f in found if f.code == "C302"] == ["outcome.refused.state_secret"]
    # The sums could not see every row, so nothing vouches for the report.
    assert not is_consistent(report)


def test_resolve_ids_substitutes_only_unprinted_rows() -> None:
    ids = ("a", "other.x", "other.y")
    assert resolve_ids(ids, ("a", "other"), ("other",)) == (("a", "other"), ())
    assert resolve_ids(ids, ("a", "other.x", "other.y", "other"), ("other",)) == (
        ("a", "other.x", "other.y"),
        (),
    )
    assert resolve_ids(ids, ("a",), ("other",)) == (("a",), ("other.x", "other.y"))
    assert resolve_ids(("a", "other"), ("other.x", "a"), ("other.x",)) == (("other.x", "a"), ())


def test_c104_group_total_wrong() -> None:
    report = _replace_review(consistent_report("2021"), "litigation_direct", "total", 9)
    found = check(report)
    assert _codes(found) == ["C104"]
    (c104,) = found
    assert (c104.table, c104.row, c104.column) == (
        "review_litigation",
        "litigation_direct",
        "total",
    )
    assert c104.actual == 9 and c104.expected == 3 and c104.difference == 6


def test_blank_cell_makes_the_sum_rules_unassessable_not_failed() -> None:
    report = _replace_apps(consistent_report("2021"), "outcome.granted", "natural_person", None)
    found = check(report)
    arithmetic = [f for f in found if f.code.startswith("C1")]
    assert {(f.code, f.row, f.column) for f in arithmetic} == {
        ("C102", "outcome.total", "natural_person"),
        ("C103", "outcome.granted", "total"),
    }
    assert all(f.status is FindingStatus.CANNOT_ASSESS for f in arithmetic)
    assert all(f.severity is Severity.INFO for f in arithmetic)
    blank = [f for f in found if f.code == "C305"]
    assert [(f.row, f.column) for f in blank] == [("outcome.granted", "natural_person")]
    assert is_consistent(report)


def test_evaluate_rule_over_decimal_values() -> None:
    spec = TEMPLATES["2021"].review_litigation
    table = make_table(
        "review_litigation",
        {
            "review": {
                "upheld": Decimal("1.5"),
                "corrected": 1,
                "other": 0,
                "pending": 0,
                "total": 2,
            }
        },
    )
    (found,) = evaluate_rule(table, spec, spec.rules[0])
    assert found.difference == Decimal("-0.5")
    assert "-0.5" in found.message


# --------------------------------------------------------------------------------------------
# C2xx values
# --------------------------------------------------------------------------------------------


def _with_active(report: Report, table_id: str, row: str, column: str, value: object) -> Report:
    tables = tuple(
        with_cell(t, row, column, value) if t.short_id == table_id else t  # type: ignore[arg-type]
        for t in report.active_disclosure
    )
    return attrs.evolve(report, active_disclosure=tables)


def test_c201_negative_count() -> None:
    report = _with_active(consistent_report("2021"), "licensing", "administrative_license",
                          "decisions", -3)  # fmt: skip
    (found,) = check(report)
    assert (found.code, found.table, found.row, found.column) == (
        "C201",
        "active_disclosure.licensing",
        "administrative_license",
        "decisions",
    )
    assert found.actual == -3 and found.severity is Severity.ERROR


def test_signed_change_may_be_negative_but_money_may_not() -> None:
    report = consistent_report("2020")  # licensing.change is -2 in the factory
    assert check(report, select="C2") == ()
    report = _with_active(report, "procurement", "centralized_procurement", "amount",
                          Decimal("-1.5"))  # fmt: skip
    assert _codes(check(report)) == ["C201"]


def test_c202_fractional_count() -> None:
    report = _with_active(consistent_report("2021"), "rules", "regulations", "in_force",
                          Decimal("2.5"))  # fmt: skip
    assert _codes(check(report)) == ["C202"]
    whole = _with_active(consistent_report("2021"), "rules", "regulations", "in_force",
                         Decimal("3.0"))  # fmt: skip
    assert check(whole) == ()


@pytest.mark.parametrize(
    ("amount", "flagged"),
    [
        (Decimal("1732.633648"), False),  # a fen: seed 002
        (Decimal("0.0000"), False),
        (Decimal("2.70000000"), False),  # trailing zeros are no precision
        (Decimal("1.1234567"), True),
        (Decimal("0.00000001"), True),
    ],
)
def test_c203_money_precision(amount: Decimal, flagged: bool) -> None:
    report = _with_active(consistent_report("2021"), "fees", "administrative_fees", "amount",
                          amount)  # fmt: skip
    assert _codes(check(report)) == (["C203"] if flagged else [])


# --------------------------------------------------------------------------------------------
# C3xx structure
# --------------------------------------------------------------------------------------------


def test_c301_missing_tables() -> None:
    report = consistent_report("2021")
    report = attrs.evolve(
        report,
        active_disclosure=tuple(t for t in report.active_disclosure if t.short_id != "fees"),
        review_litigation=None,
    )
    found = check(report)
    assert [(f.code, f.table) for f in found] == [
        ("C301", "active_disclosure.fees"),
        ("C301", "review_litigation"),
    ]


def test_c311_table_of_the_other_edition_and_c310_year_mismatch() -> None:
    report = build_report(
        "2021",
        active_disclosure=active_tables("2021") + active_tables("2020")[-1:],
        applications=consistent_report("2021").applications,
        review_litigation=consistent_report("2021").review_litigation,
    )
    assert [(f.code, f.table) for f in check(report)] == [("C311", "active_disclosure.procurement")]
    old = consistent_report("2020", year=2021)
    found = check(old, select="C31")
    assert [f.code for f in found] == ["C310"]
    assert "2021" in found[0].message and "2020" in found[0].message


def test_c303_missing_column_and_c313_unknown_row() -> None:
    report = consistent_report("2021")
    data = _data(report.applications)
    for values in data.values():
        del values["legal_service_org"]
    data["outcome.mystery"] = dict.fromkeys(data["received"], 0)
    report = attrs.evolve(report, applications=make_table("applications", data))
    found = check(report, select="C3")
    assert [(f.code, f.row, f.column) for f in found] == [
        ("C313", "outcome.mystery", None),
        ("C303", None, "legal_service_org"),
    ]


@pytest.mark.parametrize(
    ("cell", "code", "severity"),
    [
        (None, "C305", Severity.WARNING),
        ("—", "C306", Severity.INFO),
        ("十二", "C307", Severity.WARNING),
        ("?", "C308", Severity.WARNING),
        (Value(3, ValueStatus.INFERRED), "C309", Severity.INFO),
    ],
)
def test_cells_that_are_not_plain_numbers(cell: object, code: str, severity: Severity) -> None:
    report = _replace_review(consistent_report("2021"), "review", "upheld", cell)
    report = _replace_review(report, "review", "pending", cell)
    found = [f for f in check(report) if f.code == code]
    assert len(found) == 1  # one per row, listing both cells
    assert found[0].severity is severity
    assert [c.column for c in found[0].cells] == ["upheld", "pending"]
    assert found[0].row == "review" and found[0].column is None


def test_c304_cell_missing_from_a_printed_row() -> None:
    report = consistent_report("2021")
    assert report.review_litigation is not None
    table = report.review_litigation
    table = attrs.evolve(
        table, cells=tuple(c for c in table.cells if (c.row, c.column) != ("review", "other"))
    )
    found = check(attrs.evolve(report, review_litigation=table))
    assert [(f.code, f.status) for f in found] == [
        ("C104", FindingStatus.CANNOT_ASSESS),
        ("C304", FindingStatus.FAIL),
    ]
    assert found[1].column == "other"


def test_c314_missing_section_but_not_for_a_bare_report() -> None:
    report = consistent_report("2020")
    report = attrs.evolve(report, sections=tuple(s for s in report.sections if s.id != "problems"))
    assert [f.code for f in check(report)] == ["C314"]
    assert check(attrs.evolve(report, sections=()), select="C3") == ()


def test_c312_extra_values_with_their_locations() -> None:
    report = consistent_report("2021")
    assert report.review_litigation is not None
    extra = Value(0, raw="0", location=Location(offset=5, length=1, line=80, column=31))
    table = attrs.evolve(report.review_litigation, unplaced=(extra,))
    (found,) = check(attrs.evolve(report, review_litigation=table))
    assert found.code == "C312" and found.table == "review_litigation"
    assert found.locations == (extra.location,)


def test_unplaced_values_the_parser_explained_are_reported_once() -> None:
    report = consistent_report("2021")
    assert report.review_litigation is not None
    extra = Value(7, raw="7")
    unknown = attrs.evolve(_diag("P201"), table="review_litigation", message="未知行“合计”")
    table = attrs.evolve(report.review_litigation, unplaced=(extra,), diagnostics=(unknown,))
    (found,) = check(attrs.evolve(report, review_litigation=table))
    assert found.code == "C313" and "未知行" in found.message and found.quote == "P201"


def _diag(code: str, severity: Severity = Severity.WARNING, row: str | None = None) -> Diagnostic:
    return Diagnostic(
        code=code,
        severity=severity,
        message="单元格多于列数",
        message_en="more cells than columns",
        table="applications",
        row=row,
        location=Location(offset=10, length=3, line=71, column=2),
    )


def test_parser_diagnostics_surface_once_under_a_stable_code() -> None:
    report = consistent_report("2020")
    assert report.applications is not None
    diagnostics = (
        _diag("P203", row="outcome.other"),  # extra cells: C312
        _diag("P205", row="outcome.total"),  # inferred cell: reported by C309 from the value
        _diag("P299"),  # unknown to the checks: C390
        _diag("P298", Severity.INFO),  # the parser's notes stay with the parser
    )
    table = attrs.evolve(report.applications, diagnostics=diagnostics)
    report = attrs.evolve(report, applications=table, diagnostics=diagnostics[2:3])
    found = check(report)
    assert [(f.code, f.row) for f in found] == [("C390", None), ("C312", "outcome.other")]
    assert found[1].locations[0].line == 71
    assert "P299" in found[0].message and "P203" in found[1].message


# --------------------------------------------------------------------------------------------
# C4xx prose against tables
# --------------------------------------------------------------------------------------------


def _say(
    topic: str, value: int, *, negative: bool = False, scope: str = "agency"
) -> CountStatement:
    return CountStatement(
        topic=topic,  # type: ignore[arg-type]
        value=value,
        negative=negative,
        scope=scope,  # type: ignore[arg-type]
        text=f"stated {value}",
        start=4,
        end=10,
    )


def test_prose_that_agrees_gives_nothing() -> None:
    report = consistent_report("2021")
    received = _value(report, "received", "total")
    handled = _value(report, "outcome.total", "total")
    statements = [_say("applications_received", received), _say("applications_handled", handled)]
    statements += [_say("review", 4), _say("litigation", 4)]
    assert tuple(statement_findings(report, statements)) == ()


def test_c401_received_differs_with_both_locations() -> None:
    report = consistent_report("2021", located=True)
    overview = report.section("overview")
    received = _value(report, "received", "total")
    statement = _say("applications_received", received + 3)  # at 4..10 of the overview text
    (f,) = statement_findings(report, [statement], overview)
    assert (f.code, f.severity, f.row, f.column) == ("C401", Severity.WARNING, "received", "total")
    assert f.expected == received + 3 and f.actual == received and f.difference == -3
    assert overview is not None
    (span,) = f.text_locations
    assert report.text[span.offset : span.offset + 6] == overview.text[4:10]
    assert len(f.locations) == 2  # the prose and the table cell


def test_region_scope_gives_only_info() -> None:
    report = consistent_report("2021")
    statement = _say("applications_received", 1000, scope="region")
    (f,) = statement_findings(report, [statement])
    assert f.code == "C401" and f.severity is Severity.INFO and f.is_failure


def test_negative_review_litigation_against_lawsuits_in_the_table() -> None:
    """Seed 000: prose says no review or litigation, the table has 12 lawsuits, review blank."""
    report = consistent_report("2020")
    for column in ("upheld", "corrected", "other", "pending", "total"):
        report = _replace_review(report, "review", column, None)
    found = tuple(statement_findings(report, [_say("review_litigation", 0, negative=True)]))
    by_status = {f.status: f for f in found}
    assert set(by_status) == {FindingStatus.FAIL, FindingStatus.CANNOT_ASSESS}
    fail = by_status[FindingStatus.FAIL]
    assert fail.code == "C405" and fail.severity is Severity.WARNING
    assert fail.actual == 4  # litigation_direct 3 + litigation_after_review 1
    assert by_status[FindingStatus.CANNOT_ASSESS].row == "review"


def test_partly_blank_table_still_contradicts_a_smaller_claim() -> None:
    report = _replace_review(consistent_report("2021"), "litigation_direct", "total", None)
    report = _replace_review(report, "litigation_direct", "upheld", "—")
    (f,) = statement_findings(report, [_say("litigation", 0)])
    assert f.code == "C404" and f.is_failure and f.actual == 1 and f.difference is None
    assert "至少" in f.message
    (g,) = statement_findings(report, [_say("litigation", 5)])
    assert g.status is FindingStatus.CANNOT_ASSESS


def test_group_total_blank_falls_back_to_its_parts() -> None:
    report = _replace_review(consistent_report("2021"), "review", "total", None)
    assert tuple(statement_findings(report, [_say("review", 4)])) == ()
    (f,) = statement_findings(report, [_say("review", 1)])
    assert f.code == "C403" and f.actual == 4


def test_same_claim_twice_is_one_finding() -> None:
    report = consistent_report("2021")
    overview = report.section("overview")
    once = _say("applications_handled", 999)
    twice = [once, attrs.evolve(once, start=20, end=25)]
    (f,) = statement_findings(report, twice, overview)
    assert f.code == "C402" and len(f.text_locations) == 2


def test_prose_without_table_says_nothing() -> None:
    report = attrs.evolve(consistent_report("2021"), applications=None)
    assert tuple(statement_findings(report, [_say("applications_received", 3)])) == ()


def test_check_reads_the_overview_prose() -> None:
    report = consistent_report("2021")
    received = _value(report, "received", "total")
    text = f"2021年，共受理政府信息公开申请{received + 1}件，均已按时办结。"
    report = with_sections(report, sections("2021", overview=text))
    (f,) = check(report)
    assert f.code == "C401" and f.expected == received + 1 and f.actual == received
    (span,) = f.text_locations
    assert f.quote and report.text[span.offset : span.offset + span.length] == f.quote
    assert report.text.split("\n")[span.line - 1][span.column - 1 :].startswith(f.quote)


def test_prose_location_on_a_later_line_of_the_section() -> None:
    report = consistent_report("2021")
    text = "本年度工作情况良好。\n（二）依申请公开\n本年度，共受理政府信息公开申请999件。"
    report = with_sections(report, sections("2021", overview=text))
    (f,) = check(report)
    (span,) = f.text_locations
    assert report.text[span.offset : span.offset + span.length] == f.quote
    line = report.text.split("\n")[span.line - 1]
    assert line.startswith("本年度，") and line[span.column - 1 :].startswith(f.quote or "?")
    # a report without its text has no span, but still the finding and the cell
    (g,) = check(attrs.evolve(report, text=""))
    assert g.text_locations == () and g == f


# --------------------------------------------------------------------------------------------
# C5xx sections 五 and 六
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["无", "无。", "暂无", " 本年度无。 ", "", "没有"])
def test_c501_problems_say_nothing(text: str) -> None:
    report = with_sections(consistent_report("2021"), sections("2021", problems=text))
    assert _codes(check(report)) == ["C501"]


def test_c501_problems_heading_only() -> None:
    texts = sections("2021")
    heading_only = tuple(
        attrs.evolve(s, text=s.heading + "\n") if s.id == "problems" else s for s in texts
    )
    report = attrs.evolve(consistent_report("2021"), sections=heading_only)
    assert _codes(check(report)) == ["C501"]


def test_c502_fees_from_2021_on() -> None:
    silent = sections("2021", other_matters="本年度无其他需要报告的事项。")
    report = attrs.evolve(consistent_report("2021"), sections=silent)
    (f,) = check(report)
    assert f.code == "C502" and f.severity is Severity.WARNING
    old = with_sections(consistent_report("2020"), sections("2020", other_matters="无"))
    assert check(old) == ()
    told = sections(
        "2021",
        other_matters="无。",
        applications="本机关未收取信息处理费。",
    )
    (g,) = check(attrs.evolve(report, sections=told))
    assert g.code == "C502" and g.severity is Severity.INFO


def test_c502_when_section_6_is_missing() -> None:
    report = consistent_report("2021")
    report = attrs.evolve(report, sections=report.sections[:-1])
    assert _codes(check(report)) == ["C314", "C502"]


# --------------------------------------------------------------------------------------------
# C6xx series
# --------------------------------------------------------------------------------------------


def _next_year(report: Report, year: int) -> Report:
    """A consistent report for ``year`` that continues ``report``: 上年结转 = last 结转下年度,
    现行有效件数 and 上一年项目数量 carried on, 一 adjusted so that its own sums still hold."""
    data = _data(report.applications)
    for column, new in data["carried_forward"].items():
        old = data["carried_over"][column]
        data["carried_over"][column] = new
        data["received"][column] = data["received"][column] + old - new  # type: ignore[operator]
    tables = []
    for table in report.active_disclosure:
        values = _data(table)
        for cells in values.values():
            if "in_force" in cells:
                cells["in_force"] = cells["in_force"] + cells["issued"] - cells["repealed"]  # type: ignore[operator]
            if "change" in cells:
                cells["previous_items"] = cells["previous_items"] + cells["change"]  # type: ignore[operator]
        tables.append(make_table(table.id, values))
    return attrs.evolve(
        report,
        meta=attrs.evolve(report.meta, year=year),
        applications=make_table("applications", data),
        active_disclosure=tuple(tables),
    )


def test_c601_carried_over_chain() -> None:
    first = consistent_report("2021", year=2021)
    second = _next_year(first, 2022)
    assert check(second) == ()  # still consistent on its own
    assert check_series([second, first]) == ()
    broken = _replace_apps(second, "carried_over", "natural_person", 7)
    found = [f for f in check_series([first, broken]) if f.is_failure]
    assert [(f.code, f.column, f.year) for f in found] == [("C601", "natural_person", 2022)]
    expected = _value(first, "carried_forward", "natural_person")
    assert found[0].actual == 7 and found[0].expected == expected
    assert found[0].difference == 7 - expected
    assert {c.year for c in found[0].cells} == {2021, 2022}


def test_c601_blank_is_unassessable_and_gap_years_are_not_compared() -> None:
    first = consistent_report("2021", year=2021)
    blank = _replace_apps(_next_year(first, 2022), "carried_over", "total", None)
    (f,) = check_series([first, blank])
    assert f.code == "C601" and f.status is FindingStatus.CANNOT_ASSESS
    gap = _replace_apps(_next_year(first, 2023), "carried_over", "total", 500)
    assert check_series([first, gap]) == ()


def _rules(report: Report, **rows: tuple[int, int, int]) -> Report:
    names = ("issued", "repealed", "in_force")
    data = {row: dict(zip(names, v, strict=True)) for row, v in rows.items()}
    table = make_table("active_disclosure.rules", data)
    others = tuple(t for t in report.active_disclosure if t.short_id != "rules")
    return attrs.evolve(report, active_disclosure=(table, *others))


def test_c602_in_force_chain() -> None:
    first = consistent_report("2021", year=2021)
    first = _rules(first, regulations=(0, 0, 3), normative_documents=(2, 1, 17))
    good = _rules(_next_year(first, 2022), regulations=(1, 0, 4), normative_documents=(5, 2, 20))
    assert check_series([first, good]) == ()
    bad = _rules(good, regulations=(1, 0, 4), normative_documents=(5, 2, 25))
    (f,) = check_series([first, bad])
    assert (f.code, f.row, f.actual, f.expected, f.difference) == (
        "C602",
        "normative_documents",
        25,
        20,
        5,
    )


def test_c602_not_across_editions() -> None:
    old = consistent_report("2020", year=2020)
    new = _next_year(old, 2021)
    new = attrs.evolve(new, active_disclosure=active_tables("2021"))
    assert check_series([old, new]) == ()


def test_c603_previous_items_chain() -> None:
    first = consistent_report("2020", year=2019)
    second = _next_year(first, 2020)
    assert check_series([first, second]) == ()
    broken = attrs.evolve(second, active_disclosure=active_tables("2020"))
    found = check_series([first, broken])
    # the factory's rows have previous_items 5 and change -2: this year 3 is expected, 5 printed;
    # fees (9, change 0) still hold
    assert [(f.code, f.table, f.row) for f in found] == [
        ("C603", "active_disclosure.licensing", "administrative_license"),
        ("C603", "active_disclosure.licensing", "other_services"),
        ("C603", "active_disclosure.enforcement", "administrative_penalty"),
        ("C603", "active_disclosure.enforcement", "administrative_coercion"),
    ]
    assert all(f.actual == 5 and f.expected == 3 and f.difference == 2 for f in found)


def test_series_agencies_duplicates_and_missing_years() -> None:
    a = consistent_report("2021", year=2021)
    b = attrs.evolve(_next_year(a, 2022), meta=attrs.evolve(a.meta, agency="另一个局", year=2022))
    found = check_series([a, b])
    assert [f.code for f in found] == ["C610"]
    dup = check_series([a, a])
    assert [f.code for f in dup] == ["C611"]
    undated = attrs.evolve(a, meta=attrs.evolve(a.meta, year=None))
    assert [f.code for f in check_series([undated, a])] == ["C612"]


# --------------------------------------------------------------------------------------------
# Findings as text and JSON; select / ignore; the catalogue
# --------------------------------------------------------------------------------------------


def _broken() -> Report:
    report = consistent_report("2021", located=True)
    return _replace_apps(report, "outcome.granted", "natural_person", Decimal("1.5"))


def test_json_form_is_exact_and_complete() -> None:
    found = check(_broken())
    data = json.loads(findings_to_json(found))
    assert [d["code"] for d in data] == [f.code for f in found]
    c202 = next(d for d in data if d["code"] == "C202")
    assert c202["actual"] == "1.5"
    assert c202["cells"][0]["value"] == "1.5"
    assert c202["cells"][0]["location"]["line"] >= 1
    assert c202["severity"] == "error" and c202["status"] == "fail"
    assert set(c202) >= {
        "message",
        "message_en",
        "table",
        "row",
        "column",
        "expected",
        "difference",
    }


def test_text_rendering() -> None:
    found = check(_broken())
    text = format_findings(found)
    lines = text.splitlines()
    assert len(lines) == len(found) + 1
    assert lines[0].startswith(found[0].code) and "@ line" in lines[0]
    assert "错误" in lines[-1]
    assert "error" in format_findings(found, lang="en").splitlines()[-1]
    assert format_findings(()) == "没有发现问题。"
    assert str(found[0]) == found[0].format()


def test_select_and_ignore_by_prefix() -> None:
    report = _broken()
    everything = check(report)
    assert {f.code[:2] for f in everything} == {"C1", "C2"}
    assert check(report, select="C2") == tuple(f for f in everything if f.code == "C202")
    assert check(report, select=["C101", "C2"], ignore="C202") == tuple(
        f for f in everything if f.code == "C101"
    )
    assert check(report, ignore=("C1", "C2")) == ()
    with pytest.raises(ValueError, match="C999"):
        check(report, select="C999")


def test_every_catalogued_code_is_documented() -> None:
    docs = DOCS.read_text("utf-8")
    for code, rule in RULES.items():
        assert f"| {code} | {rule.severity.value} |" in docs, code
    for template in TEMPLATES.values():
        for spec in template.tables:
            for sum_rule in spec.rules:
                assert sum_rule.code in RULES


def test_findings_are_values() -> None:
    """Equal reports give equal findings; locations take no part in equality."""
    a = check(_broken())
    rebuilt = make_table("applications", _data(_broken().applications))
    b = check(attrs.evolve(_broken(), applications=rebuilt))
    assert a == b
    assert len({*a}) == len(a)


def test_report_without_year_variant_or_tables_gives_nothing() -> None:
    bare = build_report(None, year=None, active_disclosure=(), report_sections=())
    bare = attrs.evolve(bare, meta=attrs.evolve(bare.meta, year=None))
    assert check(bare) == ()
    dated = attrs.evolve(bare, meta=attrs.evolve(bare.meta, year=2022))
    assert [f.table for f in check(dated)] == [
        "active_disclosure.rules",
        "active_disclosure.licensing",
        "active_disclosure.enforcement",
        "active_disclosure.fees",
        "applications",
        "review_litigation",
    ]

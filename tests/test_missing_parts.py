"""A section printed without its table has no table (C301), and table labels are not fee talk
(C502): two correctness bugs of issue 9."""

from __future__ import annotations

import pytest

import gikparse
from gikparse.schema import TEMPLATES
from tests.render import render
from tests.strategies import fixed_report


def _report_text(variant: str, **replace: str) -> str:
    text = render(fixed_report(variant), "tab").text
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new)
    return text


def _section_without_table(text: str, heading: str, next_heading: str, prose: str) -> str:
    start = text.index(heading) + len(heading)
    end = text.index("\n" + next_heading, start)
    if not prose:  # the next heading right after it (tables printed as images)
        return text[:start] + text[end:]
    return text[:start] + "\n\n" + prose + "\n\n" + text[end:]


@pytest.mark.parametrize("prose", ["本年度无相关情况。", ""])
@pytest.mark.parametrize("variant", ["2020", "2021"])
@pytest.mark.parametrize(
    ("heading", "next_heading", "table_id"),
    [
        ("三、收到和处理政府信息公开申请情况", "四、政府信息公开", "applications"),
        ("四、政府信息公开行政复议、行政诉讼情况", "五、存在", "review_litigation"),
    ],
)
def test_a_section_printed_without_its_table_has_no_table_and_fires_c301(
    variant: str, heading: str, next_heading: str, table_id: str, prose: str
) -> None:
    text = _section_without_table(
        render(fixed_report(variant), "tab").text, heading, next_heading, prose
    )
    report = gikparse.parse_text(text)
    assert report.table(table_id) is None
    mine = [d for d in report.diagnostics if d.table == table_id]
    assert [d.code for d in mine] == ["P210"]  # not found, and no P211 for every row
    findings = gikparse.check(report)
    assert any(f.code == "C301" and f.table == table_id for f in findings)
    assert not any(f.code == "C302" and f.table == table_id for f in findings)


@pytest.mark.parametrize("variant", ["2020", "2021"])
def test_a_section_of_headings_only_has_each_table_not_found(variant: str) -> None:
    # Section 二 right before 三, 三 before 四, 四 before 五: every table is named missing (a
    # report of no tables is no report with nothing to report).
    text = render(fixed_report(variant), "tab").text
    for heading, next_heading in (
        ("二、主动公开政府信息情况", "三、收到和处理"),
        ("三、收到和处理政府信息公开申请情况", "四、政府信息公开"),
        ("四、政府信息公开行政复议、行政诉讼情况", "五、存在"),
    ):
        text = _section_without_table(text, heading, next_heading, "")
    report = gikparse.parse_text(text)
    assert not report.tables
    missing = {d.table for d in report.diagnostics if d.code == "P210"}
    template = TEMPLATES[variant]
    assert missing == {
        *(t.qualified_id for t in template.active_disclosure),
        "applications",
        "review_litigation",
    }


@pytest.mark.parametrize("variant", ["2020", "2021"])
def test_a_printed_table_is_still_a_table(variant: str) -> None:
    report = gikparse.parse_text(render(fixed_report(variant), "tab").text)
    assert report.table("applications") is not None
    assert report.table("review_litigation") is not None


def _c502(text: str) -> list[gikparse.Finding]:
    return [f for f in gikparse.check(gikparse.parse_text(text)) if f.code == "C502"]


def test_c502_is_a_warning_when_only_table_labels_speak_of_fees() -> None:
    """行政事业性收费 (table 二) and 收费通知 (table 三) are labels, not 信息处理费."""
    text = _report_text("2021", **{"本机关2021年未收取信息处理费。": "本年度无其他事项。"})
    assert "行政事业性收费" in text and "收费通知" in text
    found = _c502(text)
    assert [f.severity for f in found] == [gikparse.Severity.WARNING]


def test_c502_is_info_when_another_section_speaks_of_fees() -> None:
    text = _report_text(
        "2021",
        **{
            "本机关2021年未收取信息处理费。": "本年度无其他事项。",
            "二是丰富解读形式": "二是本年度未收取信息处理费，丰富解读形式",
        },
    )
    found = _c502(text)
    assert [f.severity for f in found] == [gikparse.Severity.INFO]


def test_c502_is_silent_when_section_six_speaks_of_fees() -> None:
    assert _c502(_report_text("2021")) == []

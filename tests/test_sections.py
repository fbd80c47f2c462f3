"""Section splitting, tolerant of the heading variants seen in the wild."""

from __future__ import annotations

import pytest

from gikparse.readers.text import read_text
from gikparse.sections import split_sections

HEADINGS = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)
IDS = (
    "overview",
    "active_disclosure",
    "applications",
    "review_litigation",
    "problems",
    "other_matters",
)


def _ids(text: str) -> list[str]:
    return [s.spec.id for s in split_sections(read_text(text)).sections]


def _report(headings: tuple[str, ...]) -> str:
    return "\n".join(f"{h}\n正文。" for h in headings) + "\n"


@pytest.mark.parametrize(
    ("index", "variant"),
    [
        (0, "一、本年度政府信息公开工作情况"),
        (5, "(六)其他需要报告的事项"),
        (5, "（六）其他需要报告的事项"),
        (1, "## 二、主动公开政府信息情况"),
        (3, "#### 四、政府信息公开行政复议、行政诉讼情况"),
        (2, "三、收到和处理政府信息公开申请情况"),
        (4, "五 、 存在的主要问题及改进情况"),
        (1, "**二、主动公开政府信息情况**"),
    ],
)
def test_heading_variants_are_found(index: int, variant: str) -> None:
    headings = list(HEADINGS)
    headings[index] = variant
    assert _ids(_report(tuple(headings))) == list(IDS)


def test_table_row_four_is_not_section_four() -> None:
    text = _report(HEADINGS[:3]) + "四、结转下年度继续办理\t0\t0\n" + _report(HEADINGS[3:])
    outline = split_sections(read_text(text))
    assert [s.spec.id for s in outline.sections] == list(IDS)
    applications = outline.section("applications")
    review = outline.section("review_litigation")
    assert applications is not None and review is not None
    assert applications.end <= review.heading


def test_subpart_numbers_inside_section_one_are_not_sections() -> None:
    text = "一、总体情况\n（一）主动公开情况\n（二）依申请公开情况\n（三）政府信息管理\n" + _report(
        HEADINGS[1:]
    )
    assert _ids(text) == list(IDS)


def test_title_and_signature() -> None:
    text = "某某市人民政府\n2021 年政府信息公开工作年度报告\n" + _report(HEADINGS)
    text += "某某市人民政府办公室\n2022年1月20日\n"
    doc = read_text(text)
    outline = split_sections(doc)
    assert [doc.lines[i].text for i in outline.title] == [
        "某某市人民政府",
        "2021 年政府信息公开工作年度报告",
    ]
    assert [doc.lines[i].text for i in outline.signature] == [
        "某某市人民政府办公室",
        "2022年1月20日",
    ]


def test_missing_sections_leave_the_others_in_place() -> None:
    headings = (HEADINGS[0], HEADINGS[2], HEADINGS[5])
    assert _ids(_report(headings)) == ["overview", "applications", "other_matters"]


@pytest.mark.parametrize("subpart", ["（三）依申请公开情况", "（四）行政复议情况。本年无。"])
def test_bracketed_subpart_of_section_one_does_not_steal_a_section(subpart: str) -> None:
    text = "一、总体情况\n" + subpart + "\n" + _report(HEADINGS[1:])
    assert _ids(text) == list(IDS)

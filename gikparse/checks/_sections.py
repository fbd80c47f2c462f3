"""Rules on sections 五 and 六 (C5xx)."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from gikparse.errors import Severity
from gikparse.model import Report, Section
from gikparse.normalize import normalize
from gikparse.schema import TEMPLATES

from ._context import expected_variant, finding
from ._finding import Finding

__all__ = ["body", "mentions_fees", "says_nothing", "section_findings"]

#: 五 that says nothing: ``无``, ``暂无。``, ``本年度无``, ``没有``…
_NOTHING = regex.compile(r"^(?:本年度|本年|今年)?(?:暂|均)?(?:无|没有)(?:此项|相关情况|问题)?\.?$")
#: 六 speaking about fees: 信息处理费, 处理费, 收取…费用, 收费.
_FEES = regex.compile(r"处理费|收取[^.;]{0,12}费|收费")

_FIRST_FEE_YEAR = 2021


def body(section: Section) -> str:
    """The section text without its heading, when the text repeats it."""
    text = section.text.strip()
    heading = section.heading.strip()
    if heading and text.startswith(heading):
        text = text[len(heading) :]
    return text.strip()


def says_nothing(text: str) -> bool:
    """True for an empty text or one that only says 无 (none)."""
    key = normalize(text)
    return not key or _NOTHING.match(key) is not None


def mentions_fees(text: str) -> bool:
    return _FEES.search(normalize(text)) is not None


def _fee_labels() -> tuple[str, ...]:
    """The printed table labels that say 收费 (行政事业性收费, 收费通知, 本年收费金额), longest
    first: words of the templates' tables, not a statement about 信息处理费."""
    keys = [
        key
        for template in TEMPLATES.values()
        for spec in template.tables
        for keyed in (spec.all_rows(), spec.columns)
        for item in keyed
        for key in item.keys
    ]
    labels = {key for key in keys if _FEES.search(key)}
    return tuple(sorted(labels, key=len, reverse=True))


_FEE_LABELS = _fee_labels()


def _mentions_fees_outside_tables(text: str) -> bool:
    """Whether ``text`` speaks of fees other than through the labels of tables 二 and 三."""
    key = normalize(text)
    if _FEES.search(key) is None:
        return False
    for label in _FEE_LABELS:
        key = key.replace(label, "\n")
    return _FEES.search(key) is not None


def _fees_required(report: Report) -> bool:
    variant = report.template.variant or expected_variant(report)
    if variant is not None:
        return variant >= "2021"
    return report.meta.year is not None and report.meta.year >= _FIRST_FEE_YEAR


def section_findings(report: Report) -> Iterator[Finding]:
    """C501 section 五 empty or 无; C502 section 六 silent on 信息处理费 (2021 edition on)."""
    problems = report.section("problems")
    if problems is not None and says_nothing(body(problems)):
        shown = body(problems) or "（空）"
        yield finding(
            "C501",
            f"第五部分「存在的主要问题及改进情况」没有内容：{shown}。",
            f"Section 5 (problems and improvements) says nothing: {shown!r}.",
            quote=body(problems),
            text_locations=() if problems.location is None else (problems.location,),
        )
    if not report.sections or not _fees_required(report):
        return
    other = report.section("other_matters")
    if other is not None and mentions_fees(body(other)):
        return
    elsewhere = next(
        (s for s in report.sections if s is not other and _mentions_fees_outside_tables(s.text)),
        None,
    )
    where = "报告未包含第六部分" if other is None else "第六部分未说明是否收取信息处理费"
    where_en = "The report has no section 6" if other is None else "Section 6 does not say"
    if elsewhere is None:
        yield finding(
            "C502",
            f"{where}（2021 年起须说明）。",
            f"{where_en} whether information processing fees were charged (required from 2021).",
            text_locations=() if other is None or other.location is None else (other.location,),
        )
    else:
        yield finding(
            "C502",
            f"{where}；报告在其他部分提到了收费情况，请核对是否应放在第六部分。",
            f"{where_en} whether information processing fees were charged; another section "
            "mentions fees.",
            severity=Severity.INFO,
            text_locations=() if elsewhere.location is None else (elsewhere.location,),
        )

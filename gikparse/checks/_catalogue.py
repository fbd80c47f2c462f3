"""The rule catalogue: every code a check can report, its severity and what it checks.

docs/checks.md documents the same codes; a test keeps the two in step.
"""

from __future__ import annotations

import attrs

from gikparse.errors import Severity

__all__ = ["RULES", "Rule", "rule"]


@attrs.frozen(kw_only=True)
class Rule:
    """A rule of the catalogue. ``severity`` is the severity of a failure; a rule that cannot be
    assessed is always reported as ``info``."""

    code: str
    severity: Severity
    title: str  #: Chinese, short
    title_en: str
    family: str  #: arithmetic, values, structure, prose, sections, series


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

_ALL: tuple[Rule, ...] = (
    # C1xx arithmetic: the sum rules of the template data (gikparse.schema).
    Rule(
        code="C101",
        severity=_E,
        title="一 + 二 = （七）总计 + 四",
        title_en="received + carried over = outcome total + carried forward",
        family="arithmetic",
    ),
    Rule(
        code="C102",
        severity=_E,
        title="（七）总计 = 各办理结果之和",
        title_en="outcome total = sum of the outcome rows",
        family="arithmetic",
    ),
    Rule(
        code="C103",
        severity=_E,
        title="总计 = 六类申请人之和",
        title_en="total = sum of the six applicant columns",
        family="arithmetic",
    ),
    Rule(
        code="C104",
        severity=_E,
        title="总计 = 维持 + 纠正 + 其他 + 尚未审结",
        title_en="total = upheld + corrected + other + pending",
        family="arithmetic",
    ),
    # C2xx values
    Rule(
        code="C201",
        severity=_E,
        title="数量或金额为负数",
        title_en="negative count or amount",
        family="values",
    ),
    Rule(
        code="C202",
        severity=_E,
        title="件数不是整数",
        title_en="count is not a whole number",
        family="values",
    ),
    Rule(
        code="C203",
        severity=_W,
        title="金额精度不可能（小于 0.01 元）",
        title_en="amount more precise than 0.01 yuan",
        family="values",
    ),
    # C3xx structure
    Rule(
        code="C301",
        severity=_W,
        title="缺少模板要求的表格",
        title_en="table of the template missing",
        family="structure",
    ),
    Rule(
        code="C302",
        severity=_W,
        title="缺少模板要求的行",
        title_en="row of the template missing",
        family="structure",
    ),
    Rule(
        code="C303",
        severity=_W,
        title="缺少模板要求的列",
        title_en="column of the template missing",
        family="structure",
    ),
    Rule(
        code="C304",
        severity=_W,
        title="行和列都在，但缺少单元格",
        title_en="cell missing in a printed row",
        family="structure",
    ),
    Rule(
        code="C305",
        severity=_W,
        title="应填数字的单元格为空",
        title_en="blank where the template wants a number",
        family="structure",
    ),
    Rule(
        code="C306",
        severity=_I,
        title="单元格以“—”“/”“无”等表示没有",
        title_en="cell holds a dash or 无 instead of a number",
        family="structure",
    ),
    Rule(
        code="C307",
        severity=_W,
        title="单元格内容不是数字",
        title_en="cell text is not a number",
        family="structure",
    ),
    Rule(
        code="C308",
        severity=_W,
        title="单元格无法确定位置",
        title_en="cells could not be placed with certainty",
        family="structure",
    ),
    Rule(
        code="C309",
        severity=_I,
        title="单元格数值由合计推算",
        title_en="cell value inferred from its row's total",
        family="structure",
    ),
    Rule(
        code="C310",
        severity=_W,
        title="表格模板与报告年度不符",
        title_en="template edition does not match the report year",
        family="structure",
    ),
    Rule(
        code="C311",
        severity=_I,
        title="使用了另一版模板的行",
        title_en="rows of the other template edition",
        family="structure",
    ),
    Rule(
        code="C312",
        severity=_W,
        title="多出无法归位的数字",
        title_en="extra values that fit no cell",
        family="structure",
    ),
    Rule(
        code="C313",
        severity=_W,
        title="模板中没有的行或列",
        title_en="row or column unknown to the templates",
        family="structure",
    ),
    Rule(
        code="C314",
        severity=_W,
        title="缺少报告的组成部分",
        title_en="section of the outline missing",
        family="structure",
    ),
    Rule(
        code="C390",
        severity=_W,
        title="解析时发现的问题",
        title_en="problem noticed by the parser",
        family="structure",
    ),
    # C4xx prose against tables
    Rule(
        code="C401",
        severity=_W,
        title="正文所述收到申请数与表格不符",
        title_en="requests received in the prose differ from the table",
        family="prose",
    ),
    Rule(
        code="C402",
        severity=_W,
        title="正文所述办理申请数与表格不符",
        title_en="requests handled in the prose differ from the table",
        family="prose",
    ),
    Rule(
        code="C403",
        severity=_W,
        title="正文所述行政复议数与表格不符",
        title_en="administrative review cases in the prose differ from the table",
        family="prose",
    ),
    Rule(
        code="C404",
        severity=_W,
        title="正文所述行政诉讼数与表格不符",
        title_en="lawsuits in the prose differ from the table",
        family="prose",
    ),
    Rule(
        code="C405",
        severity=_W,
        title="正文所述复议诉讼情况与表格不符",
        title_en="review and litigation in the prose differ from the table",
        family="prose",
    ),
    # C5xx sections 五 and 六
    Rule(
        code="C501",
        severity=_W,
        title="第五部分（存在的主要问题及改进情况）为空或为“无”",
        title_en="section 5 (problems and improvements) empty or 无",
        family="sections",
    ),
    Rule(
        code="C502",
        severity=_W,
        title="第六部分未说明信息处理费收取情况",
        title_en="section 6 silent on information processing fees",
        family="sections",
    ),
    # C6xx series (check_series)
    Rule(
        code="C601",
        severity=_W,
        title="上年结转数与上一年度报告的结转下年度数不符",
        title_en="carried over differs from last year's carried forward",
        family="series",
    ),
    Rule(
        code="C602",
        severity=_W,
        title="现行有效件数 ≠ 上年现行有效件数 + 本年制发 − 本年废止",
        title_en="in force differs from last year's in force + issued − repealed",
        family="series",
    ),
    Rule(
        code="C603",
        severity=_W,
        title="上一年项目数量 ≠ 上年报告的项目数量 + 增/减",
        title_en="previous items differ from last year's items + change",
        family="series",
    ),
    Rule(
        code="C610",
        severity=_W,
        title="系列报告不属于同一机关",
        title_en="reports of the series come from different agencies",
        family="series",
    ),
    Rule(
        code="C611",
        severity=_W,
        title="同一年度有多份报告",
        title_en="several reports for the same year",
        family="series",
    ),
    Rule(
        code="C612",
        severity=_I,
        title="报告年度不明，未纳入跨年核对",
        title_en="report year unknown, left out of the cross-year checks",
        family="series",
    ),
)

RULES: dict[str, Rule] = {r.code: r for r in _ALL}


def rule(code: str) -> Rule:
    """The catalogue entry of ``code``; unknown codes (a new sum rule in the schema) get a
    generic arithmetic entry."""
    found = RULES.get(code)
    if found is not None:
        return found
    return Rule(code=code, severity=_E, title=code, title_en=code, family="arithmetic")

"""What both editions share: the six sections, section 三's columns and rows, section 四."""

from __future__ import annotations

from gikparse.schema._spec import ColumnSpec, RowSpec, SectionSpec, SumRule, TableSpec

__all__ = [
    "APPLICANT_COLUMNS",
    "REVIEW_LITIGATION",
    "SECTIONS",
    "applications_table",
]

SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(1, "overview", "总体情况", ("总体情况", "工作情况", "概述", "基本情况", "总体")),
    SectionSpec(2, "active_disclosure", "主动公开政府信息情况", ("主动公开",)),
    SectionSpec(
        3,
        "applications",
        "收到和处理政府信息公开申请情况",
        ("收到和处理", "依申请公开", "公开申请", "申请情况"),
    ),
    SectionSpec(
        4,
        "review_litigation",
        "政府信息公开行政复议、行政诉讼情况",
        ("行政复议", "行政诉讼"),
    ),
    SectionSpec(
        5,
        "problems",
        "存在的主要问题及改进情况",
        ("存在的主要问题", "主要问题", "存在问题", "改进情况"),
    ),
    SectionSpec(6, "other_matters", "其他需要报告的事项", ("其他需要报告", "其他事项")),
)

APPLICANT_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("natural_person", "自然人"),
    ColumnSpec("commercial_enterprise", "商业企业"),
    ColumnSpec("research_institution", "科研机构"),
    ColumnSpec("social_welfare_org", "社会公益组织"),
    ColumnSpec("legal_service_org", "法律服务机构"),
    ColumnSpec("other_org", "其他"),
    ColumnSpec("total", "总计", ("合计",)),
)

_REFUSED = "（三）不予公开"
_UNAVAILABLE = "（四）无法提供"
_NOT_PROCESSED = "（五）不予处理"
_OTHER = "（六）其他处理"

_HEAD_ROWS: tuple[RowSpec, ...] = (
    RowSpec("received", "一、本年新收政府信息公开申请数量", ("本年新收",)),
    RowSpec("carried_over", "二、上年结转政府信息公开申请数量", ("上年结转",)),
    RowSpec("outcome.granted", "（一）予以公开"),
    RowSpec(
        "outcome.partially_granted",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        ("部分公开",),
    ),
    RowSpec("outcome.refused.state_secret", "1.属于国家秘密", group=_REFUSED),
    RowSpec("outcome.refused.prohibited_by_law", "2.其他法律行政法规禁止公开", group=_REFUSED),
    RowSpec(
        "outcome.refused.three_safeties_one_stability",
        "3.危及“三安全一稳定”",
        ("危及三安全一稳定",),
        group=_REFUSED,
    ),
    RowSpec("outcome.refused.third_party_rights", "4.保护第三方合法权益", group=_REFUSED),
    RowSpec("outcome.refused.internal_affairs", "5.属于三类内部事务信息", group=_REFUSED),
    RowSpec("outcome.refused.process_information", "6.属于四类过程性信息", group=_REFUSED),
    RowSpec("outcome.refused.enforcement_file", "7.属于行政执法案卷", group=_REFUSED),
    RowSpec("outcome.refused.administrative_query", "8.属于行政查询事项", group=_REFUSED),
    RowSpec("outcome.unavailable.not_held", "1.本机关不掌握相关政府信息", group=_UNAVAILABLE),
    RowSpec("outcome.unavailable.needs_creation", "2.没有现成信息需要另行制作", group=_UNAVAILABLE),
    RowSpec("outcome.unavailable.still_unclear", "3.补正后申请内容仍不明确", group=_UNAVAILABLE),
    RowSpec("outcome.not_processed.complaint", "1.信访举报投诉类申请", group=_NOT_PROCESSED),
    RowSpec("outcome.not_processed.duplicate", "2.重复申请", group=_NOT_PROCESSED),
    RowSpec("outcome.not_processed.publication", "3.要求提供公开出版物", group=_NOT_PROCESSED),
    RowSpec("outcome.not_processed.excessive", "4.无正当理由大量反复申请", group=_NOT_PROCESSED),
    RowSpec(
        "outcome.not_processed.confirmation",
        "5.要求行政机关确认或重新出具已获取信息",
        group=_NOT_PROCESSED,
    ),
)

OTHER_SINGLE: tuple[RowSpec, ...] = (RowSpec("outcome.other", "（六）其他处理"),)

OTHER_SPLIT: tuple[RowSpec, ...] = (
    RowSpec(
        "outcome.other.no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        ("申请人无正当理由逾期不补正", "逾期不补正"),
        group=_OTHER,
    ),
    RowSpec(
        "outcome.other.unpaid_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        ("申请人逾期未按收费通知要求缴纳费用", "逾期未按收费通知要求缴纳费用"),
        group=_OTHER,
    ),
    RowSpec("outcome.other.other", "3.其他", group=_OTHER),
)

_TAIL_ROWS: tuple[RowSpec, ...] = (
    RowSpec("outcome.total", "（七）总计"),
    RowSpec("carried_forward", "四、结转下年度继续办理", ("结转下年度",)),
)

_OUTCOME_HEAD = tuple(r.id for r in _HEAD_ROWS if r.id.startswith("outcome."))


def applications_table(
    other_rows: tuple[RowSpec, ...], alternate: tuple[RowSpec, ...]
) -> TableSpec:
    """Section 三 with (六) printed as ``other_rows``; ``alternate`` is the other edition's (六)."""
    leaves = _OUTCOME_HEAD + tuple(r.id for r in other_rows)
    columns = tuple(c.id for c in APPLICANT_COLUMNS)
    return TableSpec(
        id="applications",
        section="applications",
        caption=None,
        columns=APPLICANT_COLUMNS,
        rows=_HEAD_ROWS + other_rows + _TAIL_ROWS,
        alternate_rows=alternate,
        rules=(
            SumRule(
                "C101",
                "column",
                ("received", "carried_over"),
                ("outcome.total", "carried_forward"),
                "一 + 二 = （七）总计 + 四",
            ),
            SumRule("C102", "column", ("outcome.total",), leaves, "（七）总计 = 各办理结果之和"),
            SumRule("C103", "row", ("total",), columns[:-1], "总计 = 六类申请人之和"),
        ),
    )


_OUTCOME_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("upheld", "结果维持", ("维持",)),
    ColumnSpec("corrected", "结果纠正", ("纠正",)),
    ColumnSpec("other", "其他结果"),
    ColumnSpec("pending", "尚未审结", ("未审结",)),
    ColumnSpec("total", "总计", ("合计",)),
)

REVIEW_LITIGATION = TableSpec(
    id="review_litigation",
    section="review_litigation",
    caption=None,
    columns=_OUTCOME_COLUMNS,
    rows=(
        RowSpec("review", "行政复议"),
        RowSpec("litigation_direct", "未经复议直接起诉", group="行政诉讼"),
        RowSpec("litigation_after_review", "复议后起诉", group="行政诉讼"),
    ),
    rules=(
        SumRule(
            "C104",
            "row",
            ("total",),
            ("upheld", "corrected", "other", "pending"),
            "总计 = 维持 + 纠正 + 其他 + 尚未审结",
        ),
    ),
)

"""The 2020 edition (国办公开办函〔2019〕60号), for reports on 2019 and 2020."""

from __future__ import annotations

from gikparse.numbers import NumberKind
from gikparse.schema._spec import ColumnSpec, RowSpec, TableSpec, Template
from gikparse.schema.common import OTHER_SINGLE, OTHER_SPLIT, REVIEW_LITIGATION, applications_table

__all__ = ["TEMPLATE"]

_SECTION = "active_disclosure"

_ITEMS = (
    ColumnSpec("previous_items", "上一年项目数量", ("上年项目数量",)),
    ColumnSpec("change", "本年增/减", ("本年增减", "增/减", "增减"), NumberKind.SIGNED),
    ColumnSpec("decisions", "处理决定数量", ("本年处理决定数量",)),
)

TEMPLATE = Template(
    variant="2020",
    years=(2019, 2020),
    fixed_by="国办公开办函〔2019〕60号",
    active_disclosure=(
        TableSpec(
            id="rules",
            section=_SECTION,
            caption="第二十条第（一）项",
            columns=(
                ColumnSpec("made", "本年新制作数量", ("新制作数量",)),
                ColumnSpec("published", "本年新公开数量", ("新公开数量",)),
                ColumnSpec("total_published", "对外公开总数量", ("公开总数量",)),
            ),
            rows=(
                RowSpec("regulations", "规章"),
                RowSpec("normative_documents", "规范性文件", ("行政规范性文件",)),
            ),
        ),
        TableSpec(
            id="licensing",
            section=_SECTION,
            caption="第二十条第（五）项",
            columns=_ITEMS,
            rows=(
                RowSpec("administrative_license", "行政许可"),
                RowSpec("other_services", "其他对外管理服务事项", ("其他对外管理服务",)),
            ),
        ),
        TableSpec(
            id="enforcement",
            section=_SECTION,
            caption="第二十条第（六）项",
            columns=_ITEMS,
            rows=(
                RowSpec("administrative_penalty", "行政处罚"),
                RowSpec("administrative_coercion", "行政强制"),
            ),
        ),
        TableSpec(
            id="fees",
            section=_SECTION,
            caption="第二十条第（八）项",
            columns=_ITEMS[:2],
            rows=(RowSpec("administrative_fees", "行政事业性收费"),),
        ),
        TableSpec(
            id="procurement",
            section=_SECTION,
            caption="第二十条第（九）项",
            columns=(
                ColumnSpec("projects", "采购项目数量"),
                ColumnSpec("amount", "采购总金额", ("采购金额",), NumberKind.MONEY),
            ),
            rows=(RowSpec("centralized_procurement", "政府集中采购"),),
            unit="万元",
        ),
    ),
    applications=applications_table(OTHER_SINGLE, OTHER_SPLIT),
    review_litigation=REVIEW_LITIGATION,
)

"""The 2021 edition (国办公开办函〔2021〕30号), for reports on 2021 and later."""

from __future__ import annotations

from gikparse.numbers import NumberKind
from gikparse.schema._spec import ColumnSpec, RowSpec, TableSpec, Template
from gikparse.schema.common import OTHER_SINGLE, OTHER_SPLIT, REVIEW_LITIGATION, applications_table

__all__ = ["TEMPLATE"]

_SECTION = "active_disclosure"
_DECISIONS = (ColumnSpec("decisions", "本年处理决定数量", ("处理决定数量",)),)

TEMPLATE = Template(
    variant="2021",
    years=(2021, 9999),
    fixed_by="国办公开办函〔2021〕30号",
    active_disclosure=(
        TableSpec(
            id="rules",
            section=_SECTION,
            caption="第二十条第（一）项",
            columns=(
                ColumnSpec("issued", "本年制发件数", ("制发件数",)),
                ColumnSpec("repealed", "本年废止件数", ("废止件数",)),
                ColumnSpec("in_force", "现行有效件数", ("有效件数",)),
            ),
            rows=(
                RowSpec("regulations", "规章"),
                RowSpec("normative_documents", "行政规范性文件", ("规范性文件",)),
            ),
        ),
        TableSpec(
            id="licensing",
            section=_SECTION,
            caption="第二十条第（五）项",
            columns=_DECISIONS,
            rows=(RowSpec("administrative_license", "行政许可"),),
        ),
        TableSpec(
            id="enforcement",
            section=_SECTION,
            caption="第二十条第（六）项",
            columns=_DECISIONS,
            rows=(
                RowSpec("administrative_penalty", "行政处罚"),
                RowSpec("administrative_coercion", "行政强制"),
            ),
        ),
        TableSpec(
            id="fees",
            section=_SECTION,
            caption="第二十条第（八）项",
            columns=(ColumnSpec("amount", "本年收费金额", ("收费金额",), NumberKind.MONEY),),
            rows=(RowSpec("administrative_fees", "行政事业性收费"),),
            unit="万元",
        ),
    ),
    applications=applications_table(OTHER_SPLIT, OTHER_SINGLE),
    review_litigation=REVIEW_LITIGATION,
)

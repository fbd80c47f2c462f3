"""Rules on single values (C2xx): negative counts, fractional counts, impossible precision."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from gikparse.model import Number, Report
from gikparse.numbers import NumberKind

from ._context import (
    cell_ref,
    column_kind,
    column_label,
    finding,
    row_label,
    table_label,
    table_spec,
)
from ._finding import Finding, describe_number

__all__ = ["MONEY_PLACES", "decimal_places", "value_findings"]

#: Amounts are in 万元; six decimal places is one fen (0.01 元), the finest amount there is.
MONEY_PLACES = 6


def decimal_places(value: Number) -> int:
    """Significant decimal places of ``value`` (trailing zeros do not count)."""
    if isinstance(value, int):
        return 0
    exponent = value.normalize().as_tuple().exponent
    assert isinstance(exponent, int)  # finite: the reader never makes NaN or Infinity
    return max(0, -exponent)


def _is_whole(value: Number) -> bool:
    return isinstance(value, int) or value == value.to_integral_value()


def value_findings(report: Report) -> Iterator[Finding]:
    """C201 negative, C202 non-integer count, C203 money more precise than a fen."""
    for table in report.tables:
        spec = table_spec(report, table)
        tlabel = table_label(table.id, spec)
        for cell in table.cells:
            number = cell.value.value
            if number is None:
                continue
            kind = column_kind(spec, cell.column)
            ref = cell_ref(table, cell.row, cell.column)
            place = (
                f"{tlabel}「{row_label(spec, cell.row)}」行「{column_label(spec, cell.column)}」"
            )
            place_en = f"{table.id}/{cell.row}/{cell.column}"
            shown = describe_number(number)
            if kind is not NumberKind.SIGNED and number < 0:
                what = "金额" if kind is NumberKind.MONEY else "数量"
                yield finding(
                    "C201",
                    f"{place}为 {shown}：{what}不能为负数。",
                    f"{place_en} is {shown}: a {kind.value} cannot be negative.",
                    cells=(ref,),
                    actual=number,
                    table=table.id,
                    row=cell.row,
                    column=cell.column,
                )
            if kind is not NumberKind.MONEY and not _is_whole(number):
                yield finding(
                    "C202",
                    f"{place}为 {shown}：件数应为整数。",
                    f"{place_en} is {shown}: a count must be a whole number.",
                    cells=(ref,),
                    actual=number,
                    table=table.id,
                    row=cell.row,
                    column=cell.column,
                )
            if kind is NumberKind.MONEY and isinstance(number, Decimal):
                places = decimal_places(number)
                if places > MONEY_PLACES:
                    yield finding(
                        "C203",
                        f"{place}为 {shown} 万元，有 {places} 位小数，精确到不足 0.01 元，不可能。",
                        f"{place_en} is {shown} (10k yuan) with {places} decimal places, "
                        "finer than 0.01 yuan.",
                        cells=(ref,),
                        actual=number,
                        table=table.id,
                        row=cell.row,
                        column=cell.column,
                    )

"""Every statistical cell id of both editions, with its Chinese labels: the panel's columns.

A cell id is ``table/row/column`` with the qualified table id, e.g.
``applications/received/natural_person`` or ``active_disclosure.fees/administrative_fees/amount``
(the same form as ``CellRef.id``). The list is made from the template data (gikparse.schema), so
it cannot drift from what the parser reads; the documentation's id reference is generated from it.

>>> from gikparse.ids import cell_ids
>>> ids = {c.id: c for c in cell_ids()}
>>> ids["applications/received/natural_person"].row_label
'一、本年新收政府信息公开申请数量'
>>> ids["active_disclosure.procurement/centralized_procurement/amount"].editions
('2020',)
"""

from __future__ import annotations

import functools
from typing import Any

import attrs

from gikparse.schema import SECTIONS, TEMPLATES
from gikparse.schema._spec import TableSpec

__all__ = ["CellId", "cell_id", "cell_ids", "cell_ids_by_id"]


def cell_id(table: str, row: str, column: str) -> str:
    """The id of a cell: qualified table id, row id and column id joined by ``/``."""
    return f"{table}/{row}/{column}"


@attrs.frozen(kw_only=True)
class CellId:
    """One cell a report can hold: its ids, Chinese labels, kind of number and editions.

    ``editions`` lists the template editions that print the cell (``("2020", "2021")`` for
    cells both share). A report of one edition may still print a row of the other (diagnostic
    P212); its cell keeps its own id, listed here under the edition it belongs to.
    """

    id: str
    section: str
    table: str  #: qualified table id: ``applications``, ``active_disclosure.rules``…
    row: str
    column: str
    section_label: str
    table_label: str  #: the caption (第二十条第（一）项) of section 二's tables, else the heading
    row_label: str
    row_group: str | None
    column_label: str
    kind: str  #: ``count``, ``signed`` (a change, may be negative) or ``money`` (万元, exact)
    unit: str | None
    editions: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain data: strings, ``None`` and a list of editions."""
        out = attrs.asdict(self)
        out["editions"] = list(self.editions)
        return out


def _table_label(spec: TableSpec) -> str:
    if spec.caption is not None:
        return spec.caption
    return next(s.heading for s in SECTIONS if s.id == spec.section)


def _merged(orders: list[list[str]]) -> list[str]:
    """Ids of several editions in one order: the first list's, then each other id right after
    the id it follows in its own edition (at the end if it follows none)."""
    merged = list(orders[0])
    for order in orders[1:]:
        for i, key in enumerate(order):
            if key not in merged:
                before = order[i - 1] if i else None
                merged.insert(merged.index(before) + 1 if before in merged else len(merged), key)
    return merged


@functools.cache
def _all() -> tuple[CellId, ...]:
    # Each edition's own rows only: a table's alternate rows are the other edition's rows,
    # listed there. The newer edition's labels and order win for what both editions print.
    variants = sorted(TEMPLATES, reverse=True)
    headings = {s.id: s.heading for s in SECTIONS}
    cells: list[CellId] = []
    for table in _table_order():
        specs = [
            (v, TEMPLATES[v].table(table))
            for v in variants
            if any(t.qualified_id == table for t in TEMPLATES[v].tables)
        ]
        rows = _merged([[r.id for r in spec.rows] for _, spec in specs])
        columns = _merged([[c.id for c in spec.columns] for _, spec in specs])
        for row_id in rows:
            for column_id in columns:
                having = [
                    (v, spec, row, spec.column(column_id))
                    for v, spec in specs
                    for row in spec.rows
                    if row.id == row_id and any(c.id == column_id for c in spec.columns)
                ]
                if not having:
                    continue
                _, spec, row, column = having[0]
                cells.append(
                    CellId(
                        id=cell_id(table, row_id, column_id),
                        section=spec.section,
                        table=table,
                        row=row_id,
                        column=column_id,
                        section_label=headings[spec.section],
                        table_label=_table_label(spec),
                        row_label=row.label,
                        row_group=row.group,
                        column_label=column.label,
                        kind=column.kind.value,
                        unit=spec.unit,
                        editions=tuple(sorted(v for v, *_ in having)),
                    )
                )
    return tuple(cells)


def _table_order() -> list[str]:
    """Qualified table ids in the order reports print them: section, then the newer edition's
    order, then tables only the older edition has."""
    order: dict[str, int] = {}
    for variant in sorted(TEMPLATES, reverse=True):
        for spec in TEMPLATES[variant].tables:
            order.setdefault(spec.qualified_id, len(order))
    sections = {s.id: s.number for s in SECTIONS}
    return sorted(order, key=lambda t: (sections[t.partition(".")[0]], order[t]))


def cell_ids() -> tuple[CellId, ...]:
    """Every cell id of every edition, tables in report order, rows and columns in template
    order (cells of rows only one edition prints sit with that edition's rows)."""
    return _all()


@functools.cache
def cell_ids_by_id() -> dict[str, CellId]:
    """``cell_ids()`` keyed by id (a fresh dict is cached; do not change it)."""
    return {c.id: c for c in _all()}

"""How a table is laid out on the page: header and row-label cells with their spans.

The labels and row groups come from the template data (``gikparse.schema``). The few
structural words of the printed templates that the schema does not model as ids (``申请人情况``,
``法人或其他组织``, ``三、本年度办理结果``) are data here, beside the one layout that differs
from a grid: section 四, printed as one row of fifteen cells under grouped headers.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from gikparse.model import Table
from gikparse.schema import TEMPLATES, TableSpec

__all__ = ["Grid", "HeadCell", "grid_of", "spans", "spec_of"]

Position = tuple[str, str]

_APPLICANTS = "申请人情况"
_ORGANISATIONS = "法人或其他组织"
_ORGANISATION_COLUMNS = frozenset(
    {
        "commercial_enterprise",
        "research_institution",
        "social_welfare_org",
        "legal_service_org",
        "other_org",
    }
)
_OUTCOMES = "三、本年度办理结果"


@attrs.frozen
class HeadCell:
    """A header or row-label cell: its text and spans; ``key`` names what it labels (a row id
    for row labels), so findings about a whole row can be shown on it."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    key: str | None = None


@attrs.frozen
class Grid:
    """A table as drawn: header rows, and body rows of (label cells, cell positions)."""

    head: tuple[tuple[HeadCell, ...], ...]
    body: tuple[tuple[tuple[HeadCell, ...], tuple[Position, ...]], ...]
    label_depth: int


def spec_of(table: Table, variant: str | None) -> TableSpec | None:
    """The spec of ``table``: the report's edition first, then the other one."""
    order = sorted(TEMPLATES, key=lambda v: v != variant)
    for name in order:
        for spec in TEMPLATES[name].tables:
            if table.id in (spec.qualified_id, spec.id):
                return spec
    return None


def _row_path(spec: TableSpec | None, row: str) -> tuple[str, ...]:
    if spec is None:
        return (row,)
    found = next((r for r in spec.all_rows() if r.id == row), None)
    if found is None:
        return (row,)
    path = (found.label,) if found.group is None else (found.group, found.label)
    if spec.id == "applications" and row.startswith("outcome."):
        path = (_OUTCOMES, *path)
    return path


def _column_path(spec: TableSpec | None, column: str) -> tuple[str, ...]:
    if spec is None:
        return (column,)
    try:
        label = spec.column(column).label
    except KeyError:
        return (column,)
    if spec.id == "applications":
        if column in _ORGANISATION_COLUMNS:
            return (_APPLICANTS, _ORGANISATIONS, label)
        return (_APPLICANTS, label)
    return (label,)


def spans(
    paths: Sequence[tuple[str, ...]], keys: Sequence[str]
) -> list[list[tuple[int, HeadCell]]]:
    """Label cells for ``paths`` laid along one axis (rows of labels, or columns of headers).

    Returns, per item, the (level, cell) pairs it starts: a prefix shared by consecutive items
    is one cell spanning them; the last part of a path spans the remaining levels.
    """
    depth = max((len(p) for p in paths), default=1)
    out: list[list[tuple[int, HeadCell]]] = []
    for i, path in enumerate(paths):
        cells: list[tuple[int, HeadCell]] = []
        for level, text in enumerate(path):
            last = level == len(path) - 1
            if not last and i > 0 and paths[i - 1][: level + 1] == path[: level + 1]:
                continue  # covered by the group cell started above
            along = 1
            if not last:
                while i + along < len(paths) and paths[i + along][: level + 1] == path[: level + 1]:
                    along += 1
            across = depth - level if last else 1
            cells.append(
                (
                    level,
                    HeadCell(text, rowspan=along, colspan=across, key=keys[i] if last else None),
                )
            )
        out.append(cells)
    return out


def _transpose(
    cells: list[list[tuple[int, HeadCell]]], depth: int
) -> tuple[tuple[HeadCell, ...], ...]:
    """Header rows from column label cells: along the columns becomes colspan."""
    rows: list[list[HeadCell]] = [[] for _ in range(depth)]
    for column_cells in cells:
        for level, cell in column_cells:
            rows[level].append(
                HeadCell(cell.text, rowspan=cell.colspan, colspan=cell.rowspan, key=cell.key)
            )
    return tuple(tuple(r) for r in rows)


def grid_of(table: Table, spec: TableSpec | None) -> Grid:
    """The drawing of ``table``: the template's layout for 四, rows × columns otherwise."""
    if spec is not None and spec.id == "review_litigation":
        return _one_row_grid(table, spec)
    columns = table.columns or (tuple(c.id for c in spec.columns) if spec else ())
    col_paths = [_column_path(spec, c) for c in columns]
    head_depth = max((len(p) for p in col_paths), default=1)
    head = _transpose(spans(col_paths, columns), head_depth)
    row_paths = [_row_path(spec, r) for r in table.rows]
    label_depth = max((len(p) for p in row_paths), default=1)
    labels = spans(row_paths, table.rows)
    corner = HeadCell("", rowspan=head_depth, colspan=label_depth)
    body = tuple(
        (tuple(cell for _, cell in labels[i]), tuple((row, c) for c in columns))
        for i, row in enumerate(table.rows)
    )
    return Grid(head=((corner, *head[0]), *head[1:]), body=body, label_depth=label_depth)


def _one_row_grid(table: Table, spec: TableSpec) -> Grid:
    """Section 四 as printed: 行政复议 and 行政诉讼 (two kinds) over their five columns each."""
    rows = [r.id for r in spec.rows]
    columns = [c.id for c in spec.columns]
    positions = [(r, c) for r in rows for c in columns]
    paths = [(*_row_path(spec, r), spec.column(c).label) for r, c in positions]
    depth = max(len(p) for p in paths)
    head = _transpose(spans(paths, [f"{r}/{c}" for r, c in positions]), depth)
    return Grid(head=head, body=(((), tuple(positions)),), label_depth=0)

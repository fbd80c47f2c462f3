"""Reports as pandas frames: one row per cell, one row per report (the panel), one per finding.

Needs the ``pandas`` extra (``pip install "gikparse[pandas]"``: pandas and pyarrow); the rest of
gikparse never imports pandas. Numbers keep their meaning in the frames' types: counts and
changes are nullable integers (``Int64``), money is an exact Arrow decimal (万元, 8 places) with
a float view beside it, and a blank, dash or unreadable cell is missing (``<NA>``), never 0.
Every function takes reports, or the results of :func:`gikparse.parse_many` (a result without a
report gives a panel row with its ``error``).

Write frames with ``to_parquet(path)`` or ``to_csv(path, index=False)`` and read them back with
:func:`read_parquet` or :func:`read_csv`, which restore the types (pandas reads an Arrow decimal
back from parquet as Python objects, and CSV keeps no types at all).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any, Literal

import pandas as pd
import pyarrow as pa

from gikparse.batch import BatchResult, parse_many
from gikparse.checks import Finding, check
from gikparse.errors import GikparseError, Severity
from gikparse.ids import CellId, cell_id, cell_ids, cell_ids_by_id
from gikparse.model import Number, Report
from gikparse.numbers import ValueStatus
from gikparse.schema import UNKNOWN_EDITION_READ_AS, template

__all__ = [
    "DECIMAL",
    "FrameError",
    "cells_frame",
    "findings_frame",
    "ids_frame",
    "panel_frame",
    "panel_of",
    "panel_row",
    "parse_to_panel_row",
    "read_csv",
    "read_parquet",
]

#: Money in 万元: 30 integer digits (the longest number gikparse reads) and 8 places (0.0001 元).
DECIMAL = pd.ArrowDtype(pa.decimal128(38, 8))
_PLACES = Decimal("1e-8")
_INT64 = (-(2**63), 2**63 - 1)
_STR = pd.StringDtype()
_INT = pd.Int64Dtype()
_FLOAT = pd.Float64Dtype()

Item = Report | BatchResult
Kind = Literal["cells", "panel", "findings", "ids"]


class FrameError(GikparseError, ValueError):
    """A number does not fit its column exactly (an integer beyond 64 bits, an amount with more
    than 8 decimal places); the cell is named, nothing is rounded."""


_CELL_COLUMNS: dict[str, Any] = {
    "source": _STR,
    "error": _STR,
    "agency": _STR,
    "year": _INT,
    "variant": _STR,
    "id": _STR,
    "section": _STR,
    "table": _STR,
    "row": _STR,
    "column": _STR,
    "table_label": _STR,
    "row_label": _STR,
    "column_label": _STR,
    "kind": _STR,
    "value": _INT,
    "amount": DECIMAL,
    "value_float": _FLOAT,
    "status": _STR,
    "raw": _STR,
    "page": _INT,
    "offset": _INT,
    "line": _INT,
}

_META_COLUMNS: dict[str, Any] = {
    "source": _STR,
    "error": _STR,
    "agency": _STR,
    "year": _INT,
    "variant": _STR,
    "variant_by_year": _STR,
    "title": _STR,
    "published": _STR,
    "period_start": _STR,
    "period_end": _STR,
    "diagnostics": _INT,
    "findings": _INT,
    "not_whole": _STR,
}

_FINDING_COLUMNS: dict[str, Any] = {
    "source": _STR,
    "error": _STR,
    "agency": _STR,
    "year": _INT,
    "code": _STR,
    "severity": _STR,
    "status": _STR,
    "table": _STR,
    "row": _STR,
    "column": _STR,
    "finding_year": _INT,
    "expected": DECIMAL,
    "actual": DECIMAL,
    "difference": DECIMAL,
    "message": _STR,
    "message_en": _STR,
    "quote": _STR,
    "page": _INT,
    "line": _INT,
    "offset": _INT,
}

_ID_COLUMNS: dict[str, Any] = {
    "id": _STR,
    "section": _STR,
    "table": _STR,
    "row": _STR,
    "column": _STR,
    "section_label": _STR,
    "table_label": _STR,
    "row_label": _STR,
    "row_group": _STR,
    "column_label": _STR,
    "kind": _STR,
    "unit": _STR,
    "editions": _STR,
}


_BOOL = pd.BooleanDtype()

#: The per-table status columns of the panel, after each table id: ``__found`` (the report has
#: the table; missing for a table its edition does not print), and counts of its cells:
#: ``__blank`` (left blank or marked nothing, —/无: the agency reported nothing),
#: ``__not_read`` (unreadable, ambiguous, or in a row not found: the parser could not see the
#: number) and ``__inferred`` (numbers fixed by the template's rules, not read).
_TABLE_STATUS: dict[str, Any] = {
    "found": _BOOL,
    "blank": _INT,
    "not_read": _INT,
    "inferred": _INT,
}
_BLANK = frozenset({ValueStatus.BLANK, ValueStatus.DASH})
_READ = frozenset({ValueStatus.NUMBER, ValueStatus.INFERRED})


@functools.cache
def _table_ids() -> tuple[str, ...]:
    return tuple(dict.fromkeys(c.table for c in cell_ids()))


@functools.cache
def _edition_cells(variant: str) -> dict[str, int]:
    """How many cells each table of the edition ``variant`` prints."""
    counts: dict[str, int] = dict.fromkeys(
        (spec.qualified_id for spec in template(variant).tables), 0
    )
    for spec in cell_ids():
        if variant in spec.editions and spec.table in counts:
            counts[spec.table] += 1
    return counts


@functools.cache
def _panel_columns() -> dict[str, Any]:
    tables = {
        f"{table}__{name}": dtype for table in _table_ids() for name, dtype in _TABLE_STATUS.items()
    }
    cells = {c.id: DECIMAL if c.kind == "money" else _INT for c in cell_ids()}
    return _META_COLUMNS | {"cell_status": _STR} | tables | cells


def _table_status(report: Report, row: dict[str, Any]) -> None:
    """Fill the per-table status columns and ``cell_status`` of ``report``'s panel row."""
    # A report of no known edition was read as the default one: its tables are that one's.
    expected = _edition_cells(report.template.variant or UNKNOWN_EDITION_READ_AS)
    found = {table.id: table for table in report.tables}
    statuses: list[str] = []
    for table_id in _table_ids():
        if table_id not in expected:
            continue  # not printed in this edition: every column missing, nothing lost
        table = found.get(table_id)
        row[f"{table_id}__found"] = table is not None
        if table is None:
            continue
        seen = [cell.value.status for cell in table.cells]
        blank = sum(1 for status in seen if status in _BLANK)
        read = sum(1 for status in seen if status in _READ)
        row[f"{table_id}__blank"] = blank
        # Cells not listed at all (a row not found) are not read either.
        row[f"{table_id}__not_read"] = max(0, expected[table_id] - blank - read)
        row[f"{table_id}__inferred"] = seen.count(ValueStatus.INFERRED)
        statuses.extend(
            f"{cell_id(table_id, cell.row, cell.column)}={cell.value.status.value}"
            for cell in table.cells
            if cell.value.status is not ValueStatus.NUMBER
        )
    row["cell_status"] = "; ".join(statuses) or None


def _frame(columns: Mapping[str, Any], data: Mapping[str, list[Any]]) -> pd.DataFrame:
    frame: pd.DataFrame = pd.DataFrame(
        {name: pd.array(data.get(name, []), dtype=dtype) for name, dtype in columns.items()}
    )
    return frame


def _exact(value: Number | None, where: str) -> Number | None:
    """The number as its column holds it, or FrameError if it would change."""
    if value is None:
        return None
    if isinstance(value, int):
        if not _INT64[0] <= value <= _INT64[1]:
            raise FrameError(f"{where}: {value} does not fit a 64-bit integer column")
        return value
    if value.quantize(_PLACES) != value or value.adjusted() >= 30:
        raise FrameError(f"{where}: {value} does not fit a decimal(38, 8) column exactly")
    return value


def _whole(number: Number) -> int | None:
    """The number as an ``int`` if it is whole (``3`` or ``Decimal("3.0")``), else ``None``."""
    if isinstance(number, int):
        return number
    return int(number) if number == number.to_integral_value() else None


def _columns_for(number: Number | None, money: bool) -> tuple[int | None, Decimal | None]:
    """Where a cell's number goes: the ``Int64`` column (whole numbers of counts and changes)
    or the exact decimal one (money, and a count that is not whole, such as 2.5, which
    ``check()`` reports as C202). Never truncated."""
    if number is None:
        return None, None
    whole = None if money else _whole(number)
    if whole is not None:
        return whole, None
    return None, Decimal(number)


def _reports(items: Iterable[Item]) -> Iterable[tuple[str | None, Report | None, BatchResult]]:
    for item in items:
        if isinstance(item, Report):
            yield item.source, item, BatchResult(source=item.source or "", report=item)
        else:
            yield item.source, item.report, item


def cells_frame(items: Iterable[Item]) -> pd.DataFrame:
    """One row per table cell of every report (the long form).

    Columns: ``source``, ``error``, ``agency``, ``year``, ``variant`` (the edition), the cell
    ``id`` and its parts ``section``, ``table``, ``row``, ``column``; the Chinese
    ``table_label``, ``row_label``, ``column_label`` of the template; ``kind`` (count,
    signed, money);
    ``value`` (``Int64``: counts and changes), ``amount`` (exact decimal: money in 万元, and a
    count that is not a whole number, e.g. 2.5, which ``check()`` reports as C202),
    ``value_float`` (either, as a float); ``status`` (number, blank, dash…), ``raw`` (the
    cell's text), and ``page``, ``offset``, ``line`` of its location. A batch result without
    a report (a file that could not be read) is one row of its ``source`` and ``error``, every
    other column missing, so that no file is left out unseen.
    """
    data: dict[str, list[Any]] = {name: [] for name in _CELL_COLUMNS}
    labels = cell_ids_by_id()
    for source, report, result in _reports(items):
        if report is None:
            _error_row(data, source, result)
            continue
        for table in report.tables:
            section = table.id.partition(".")[0]
            for cell in table.cells:
                key = cell_id(table.id, cell.row, cell.column)
                spec: CellId | None = labels.get(key)
                number = _exact(cell.value.value, f"{source}: {key}")
                money = spec is not None and spec.kind == "money"
                whole, exact = _columns_for(number, money)
                loc = cell.value.location
                row = {
                    "source": source,
                    "error": None,
                    "agency": report.meta.agency,
                    "year": report.meta.year,
                    "variant": report.template.variant,
                    "id": key,
                    "section": section,
                    "table": table.id,
                    "row": cell.row,
                    "column": cell.column,
                    "table_label": None if spec is None else spec.table_label,
                    "row_label": None if spec is None else spec.row_label,
                    "column_label": None if spec is None else spec.column_label,
                    "kind": None if spec is None else spec.kind,
                    "value": whole,
                    "amount": exact,
                    "value_float": None if number is None else float(number),
                    "status": cell.value.status.value,
                    "raw": cell.value.raw or None,  # no text is missing, as CSV reads it back
                    "page": None if loc is None else loc.page,
                    "offset": None if loc is None else loc.offset,
                    "line": None if loc is None else loc.line,
                }
                for name, found in row.items():
                    data[name].append(found)
    return _frame(_CELL_COLUMNS, data)


def _error_row(data: dict[str, list[Any]], source: str | None, result: BatchResult) -> None:
    """A row for a batch result without a report: its source and its error, nothing else."""
    for column in data.values():
        column.append(None)
    data["source"][-1] = source
    data["error"][-1] = None if result.error is None else str(result.error)


def _count_problems(report: Report) -> int:
    return sum(1 for d in report.diagnostics if d.severity is not Severity.INFO)


def panel_row(item: Item, *, run_checks: bool = True) -> dict[str, Any]:
    """One report (or batch result) as one panel row of plain values: the metadata, then
    every cell id of both editions (``None`` where the report has no number).

    ``findings`` counts the findings of :func:`gikparse.check` (the batch's, for a checked
    result; ``None`` when not checked and ``run_checks=False``); ``diagnostics`` counts the
    parse's warnings and errors.
    """
    source, report, result = next(iter(_reports((item,))))
    row: dict[str, Any] = dict.fromkeys(_panel_columns())
    row["source"] = source
    if report is None:
        row["error"] = None if result.error is None else str(result.error)
        return row
    meta = report.meta
    findings = result.findings
    if findings is None and run_checks:
        findings = tuple(check(report))
    row |= {
        "agency": meta.agency,
        "year": meta.year,
        "variant": report.template.variant,
        "variant_by_year": report.template.by_year,
        "title": meta.title,
        "published": None if meta.published is None else meta.published.isoformat(),
        "period_start": None if meta.period is None else meta.period[0].isoformat(),
        "period_end": None if meta.period is None else meta.period[1].isoformat(),
        "diagnostics": _count_problems(report),
        "findings": None if findings is None else len(findings),
    }
    labels = cell_ids_by_id()
    not_whole: list[str] = []
    for table in report.tables:
        for cell in table.cells:
            key = cell_id(table.id, cell.row, cell.column)
            spec = labels.get(key)
            if spec is None:  # tables take their ids from the templates: a bug, say so
                raise FrameError(f"{source}: {key} is not a cell id of either edition")
            money = spec.kind == "money"
            number = _exact(cell.value.value, f"{source}: {key}")
            whole, exact = _columns_for(number, money)
            if number is not None and not money and whole is None:
                not_whole.append(f"{key}={number}")
            else:
                row[key] = exact if money else whole
    row["not_whole"] = "; ".join(not_whole) or None
    _table_status(report, row)
    return row


def panel_frame(
    items: Iterable[Item | Mapping[str, Any]], *, run_checks: bool = True
) -> pd.DataFrame:
    """One row per report (the wide form, a panel): metadata columns, then one column per cell
    id of both editions, in the order of :func:`gikparse.cell_ids`.

    The columns are the same whatever the reports: a 2020 report's row is empty in the
    2021-only columns and the other way round, so frames of different years stack with
    ``pd.concat``. Counts are ``Int64``, money exact decimals, anything not a number missing.
    Metadata: ``source``, ``error`` (for a batch result without a report), ``agency``,
    ``year``, ``variant``, ``variant_by_year``, ``title``, ``published``, ``period_start``,
    ``period_end`` (ISO dates), ``diagnostics`` and ``findings`` (counts), and ``not_whole``:
    the cells of count columns whose number is not whole (``id=2.5; …``), which an ``Int64``
    column cannot hold and which are therefore missing in their columns. ``items`` may also
    be rows made by :func:`panel_row` (e.g. on other machines).

    A missing cell may be blank in the report or lost by the parser; the status columns tell
    which. ``cell_status`` lists every cell not read as a plain number with its status
    (``id=blank; id=inferred; …``), and per table id (``applications``,
    ``active_disclosure.rules``…): ``<table>__found`` (``False``: the table was not found;
    missing for a table the report's edition does not print), ``<table>__blank`` (cells left
    blank or marked —/无), ``<table>__not_read`` (cells unreadable, ambiguous or in a row not
    found) and ``<table>__inferred`` (numbers fixed by the template's rules, not read).
    """
    columns = _panel_columns()
    data: dict[str, list[Any]] = {name: [] for name in columns}
    for item in items:
        row = item if isinstance(item, Mapping) else panel_row(item, run_checks=run_checks)
        for name in columns:
            data[name].append(row.get(name))
    return _frame(columns, data)


def panel_of(sources: Iterable[Any], **options: Any) -> pd.DataFrame:
    """Parse ``sources`` here and return their panel: one call per partition of a distributed
    panel (``dask.dataframe.from_map(panel_of, chunks, meta=panel_frame([]))``), so that no
    machine holds more reports than its own part. ``options`` go to :func:`parse_many`
    (``check=True`` by default, so that ``findings`` is filled)."""
    options = {"check": True, "keep_text": False} | options
    return panel_frame(parse_many(sources, **options))


def parse_to_panel_row(source: Any, **options: Any) -> dict[str, Any]:
    """Parse one source and return its panel row (plain values): the function to map over a
    ``dask.bag`` of paths. ``options`` go to :func:`parse_many` (``check=True`` by default);
    a source that cannot be parsed gives a row with its ``error``."""
    options = {"check": True, "keep_text": False} | options
    (result,) = parse_many([source], **options)
    return panel_row(result)


def findings_frame(items: Iterable[Item]) -> pd.DataFrame:
    """One row per finding of every report: ``source``, ``error``, ``agency``, ``year``, the rule's
    ``code``, ``severity``, ``status``, the ``table``/``row``/``column`` it is about,
    ``finding_year`` (cross-year findings), ``expected``/``actual``/``difference`` (exact
    decimals), the messages, the quoted prose and the first location.

    Reports are checked with :func:`gikparse.check`; a checked batch result's findings are
    used as they are. A batch result without a report is one row of its ``source`` and
    ``error`` (as in :func:`cells_frame`).
    """
    data: dict[str, list[Any]] = {name: [] for name in _FINDING_COLUMNS}
    for source, report, result in _reports(items):
        if report is None:
            _error_row(data, source, result)
            continue
        findings: Iterable[Finding] = (
            result.findings if result.findings is not None else check(report)
        )
        for finding in findings:
            where = f"{source}: {finding.code} {finding.where}"
            loc = finding.locations[0] if finding.locations else None
            row = {
                "source": source,
                "error": None,
                "agency": report.meta.agency,
                "year": report.meta.year,
                "code": finding.code,
                "severity": finding.severity.value,
                "status": finding.status.value,
                "table": finding.table,
                "row": finding.row,
                "column": finding.column,
                "finding_year": finding.year,
                "expected": _exact(finding.expected, where),
                "actual": _exact(finding.actual, where),
                "difference": _exact(finding.difference, where),
                "message": finding.message,
                "message_en": finding.message_en,
                "quote": finding.quote,
                "page": None if loc is None else loc.page,
                "line": None if loc is None else loc.line,
                "offset": None if loc is None else loc.offset,
            }
            for name, found in row.items():
                data[name].append(found)
    return _frame(_FINDING_COLUMNS, data)


def ids_frame() -> pd.DataFrame:
    """Every cell id with its Chinese labels, kind, unit and editions (``"2020,2021"``)."""
    data: dict[str, list[Any]] = {name: [] for name in _ID_COLUMNS}
    for spec in cell_ids():
        row = spec.to_dict() | {"editions": ",".join(spec.editions)}
        for name in _ID_COLUMNS:
            data[name].append(row[name])
    return _frame(_ID_COLUMNS, data)


_KINDS = ("cells", "panel", "findings", "ids")


def _columns_of(kind: Kind) -> dict[str, Any]:
    if kind not in _KINDS:
        raise ValueError(f"kind must be one of {', '.join(map(repr, _KINDS))}, not {kind!r}")
    return {
        "cells": _CELL_COLUMNS,
        "panel": _panel_columns(),
        "findings": _FINDING_COLUMNS,
        "ids": _ID_COLUMNS,
    }[kind]


def _converter(dtype: Any) -> Callable[[str], Any]:
    if dtype is _BOOL:
        return lambda text: {"True": True, "False": False}[text]
    if dtype is _INT:
        return int
    if dtype is _FLOAT:
        return float
    if dtype is DECIMAL:
        return Decimal
    return str


def read_csv(path: Any, kind: Kind = "cells", **options: Any) -> pd.DataFrame:
    """A frame written with ``to_csv(path, index=False)`` read back with its types: ``kind`` is
    the function that made it (``"cells"``, ``"panel"``, ``"findings"`` or ``"ids"``).

    Integers come back as ``Int64``, money as exact decimals (parsed from the text, never
    through a float), empty fields as missing. ``options`` go to ``pandas.read_csv``
    (``encoding`` is UTF-8 unless given: ``encoding="gbk"`` for a file Excel saved so).
    """
    columns = _columns_of(kind)
    encoding = options.pop("encoding", "utf-8")
    raw = pd.read_csv(
        path, dtype=str, keep_default_na=False, na_values=[""], encoding=encoding, **options
    )
    unknown = [name for name in raw.columns if name not in columns]
    if unknown:
        raise FrameError(f"not a {kind} frame: unknown column(s) {', '.join(unknown[:5])}")
    data = {
        name: [None if pd.isna(v) else _converter(dtype)(v) for v in raw[name]]
        for name, dtype in columns.items()
        if name in raw.columns
    }
    return _frame({n: d for n, d in columns.items() if n in raw.columns}, data)


def read_parquet(path: Any, kind: Kind = "cells", **options: Any) -> pd.DataFrame:
    """A frame written with ``to_parquet(path)`` read back with its types (``kind`` as for
    :func:`read_csv`); ``options`` go to ``pandas.read_parquet``."""
    columns = _columns_of(kind)
    frame = pd.read_parquet(path, **options)
    for name in frame.columns:
        dtype = columns.get(name)
        if dtype is not None and frame[name].dtype != dtype:
            frame[name] = pd.array(list(frame[name].astype(object)), dtype=dtype)
    return frame

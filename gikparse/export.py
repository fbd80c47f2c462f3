"""Reports as plain data: ``to_dict`` (the stable JSON export) and ``to_records`` (long rows)."""

from __future__ import annotations

from typing import Any

from gikparse.model import Report, Table, json_number
from gikparse.numbers import ValueStatus

__all__ = ["report_to_dict", "report_to_records"]


def report_to_dict(report: Report) -> dict[str, Any]:
    """JSON-ready dict with the spec's ids; integers as numbers, money as decimal strings."""
    meta = report.meta
    return {
        "variant": report.template.variant,
        "year": meta.year,
        "agency": meta.agency,
        "title": meta.title,
        "period": None if meta.period is None else [d.isoformat() for d in meta.period],
        "published": None if meta.published is None else meta.published.isoformat(),
        "signed_by": meta.signed_by,
        "contact": meta.contact.to_dict(),
        "template": {
            "variant": report.template.variant,
            "by_year": report.template.by_year,
            "evidence": list(report.template.evidence),
        },
        "active_disclosure": {t.short_id: t.to_dict() for t in report.active_disclosure},
        "applications": _table(report.applications),
        "review_litigation": _table(report.review_litigation),
        "sections": {
            s.id: {"heading": s.heading, "text": s.text, "items": list(s.items)}
            for s in report.sections
        },
        "cell_status": _cell_status(report),
        "diagnostics": [d.to_dict() for d in report.diagnostics],
    }


def _cell_status(report: Report) -> dict[str, dict[str, dict[str, str]]]:
    """table id → row id → column id → status, for every cell not read as a printed number:
    ``null`` in the tables above may be blank, a dash, unreadable or ambiguous, and a number
    may be inferred (restored by the table's sums), which the tables alone do not say."""
    out: dict[str, dict[str, dict[str, str]]] = {}
    for table in report.tables:
        for cell in table.cells:
            status = cell.value.status
            if status is not ValueStatus.NUMBER:
                rows = out.setdefault(table.id, {})
                rows.setdefault(cell.row, {})[cell.column] = status.value
    return out


def _table(table: Table | None) -> dict[str, dict[str, Any]] | None:
    return None if table is None else table.to_dict()


def report_to_records(report: Report) -> list[dict[str, Any]]:
    """One row per table cell: section, table, row, column, value (exact), raw, status, location.

    ``value`` stays an ``int`` or ``Decimal`` (exact); ``location`` is a readable string and
    ``offset``/``line``/``page`` are its parts.
    """
    records: list[dict[str, Any]] = []
    for table in report.tables:
        section, _, short = table.id.partition(".")
        for cell in table.cells:
            loc = cell.value.location
            records.append(
                {
                    "agency": report.meta.agency,
                    "year": report.meta.year,
                    "variant": report.template.variant,
                    "section": section,
                    "table": short or section,
                    "row": cell.row,
                    "column": cell.column,
                    "value": cell.value.value,
                    "json_value": json_number(cell.value.value),
                    "status": cell.value.status.value,
                    "raw": cell.value.raw,
                    "location": None if loc is None else str(loc),
                    "offset": None if loc is None else loc.offset,
                    "line": None if loc is None else loc.line,
                    "page": None if loc is None else loc.page,
                }
            )
    return records

"""Prose against tables (C4xx): counts section 一 states against the tables of 三 and 四.

A statement about a wider area than the agency (``全市共收到…``, scope ``region``) can
legitimately differ from the agency's own table, so it gives at most an ``info``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import attrs

from gikparse.errors import Severity
from gikparse.location import Location
from gikparse.model import Number, Report, Section, Table
from gikparse.narrative import CountStatement

from ._context import cell_ref, finding
from ._finding import CellRef, Finding, FindingStatus, describe_number

__all__ = ["prose_findings", "statement_findings", "statement_location", "text_location"]

_OUTCOMES = ("upheld", "corrected", "other", "pending")
_LITIGATION = ("litigation_direct", "litigation_after_review")


@attrs.frozen(kw_only=True)
class _Quantity:
    """A table quantity a statement is compared with: its cells and its value, if known."""

    code: str
    name: str  #: Chinese, for the message
    name_en: str
    table: str
    row: str | None
    column: str
    cells: tuple[CellRef, ...]
    value: Number | None  #: the sum, when every part is known
    known: Number  #: the sum of the parts that are known (a lower bound of the counts)


def _group_total(table: Table, row: str) -> tuple[tuple[CellRef, ...], Number | None]:
    """A group's 总计, or the sum of its four outcomes when 总计 is not a number."""
    total = cell_ref(table, row, "total")
    if total.value is not None:
        return (total,), total.value
    parts = tuple(cell_ref(table, row, c) for c in _OUTCOMES)
    if all(p.value is not None for p in parts):
        return (total, *parts), sum((p.value for p in parts if p.value is not None), 0)
    return (total, *parts), None


def _quantity(
    code: str, name: str, name_en: str, table: Table, rows: tuple[str, ...], column: str
) -> _Quantity:
    cells: tuple[CellRef, ...] = ()
    value: Number | None = 0
    known: Number = 0
    for row in rows:
        if table.id == "review_litigation":
            refs, part = _group_total(table, row)
        else:
            ref = cell_ref(table, row, column)
            refs, part = (ref,), ref.value
        cells += refs
        if part is None:
            value = None
        else:
            known += part
            if value is not None:
                value += part
    return _Quantity(
        code=code,
        name=name,
        name_en=name_en,
        table=table.id,
        row=rows[0] if len(rows) == 1 else None,
        column=column,
        cells=cells,
        value=value,
        known=known,
    )


def _quantities(report: Report, topic: str) -> tuple[_Quantity, ...] | None:
    """What ``topic`` is compared with; ``None`` when the table is not in the report."""
    apps, review = report.applications, report.review_litigation
    if topic in ("applications_received", "applications_handled"):
        if apps is None:
            return None
        if topic == "applications_received":
            q = _quantity(
                "C401",
                "本年新收申请总计",
                "requests received (total)",
                apps,
                ("received",),
                "total",
            )
        else:
            q = _quantity(
                "C402", "（七）总计", "outcome total (total)", apps, ("outcome.total",), "total"
            )
        return (q,)
    if review is None:
        return None
    review_q = _quantity("C403", "行政复议总计", "review total", review, ("review",), "total")
    litigation_q = _quantity(
        "C404", "行政诉讼总计", "litigation total", review, _LITIGATION, "total"
    )
    if topic == "review":
        return (review_q,)
    if topic == "litigation":
        return (litigation_q,)
    # review_litigation: the value is the count of each.
    return (
        attrs.evolve(review_q, code="C405"),
        attrs.evolve(litigation_q, code="C405"),
    )


def text_location(text: str, offset: int, length: int) -> Location:
    """The location of ``text[offset:offset + length]`` (1-based line and column)."""
    line_start = text.rfind("\n", 0, offset) + 1
    return Location(
        offset=offset,
        length=length,
        line=text.count("\n", 0, offset) + 1,
        column=offset - line_start + 1,
    )


def statement_location(report: Report, section: Section, start: int, end: int) -> Location | None:
    """Where ``section.text[start:end]`` is in ``report.text``.

    ``Section.text`` keeps the section's non-blank lines, so its lines are found one after the
    other in the document text from the section heading on. ``None`` when the text is not there
    (a report built by hand without its text).
    """
    if section.location is None or not report.text:
        return None
    lines = section.text.split("\n")
    before = section.text[:start]
    index = before.count("\n")
    column = start - (before.rfind("\n") + 1)
    position = section.location.offset
    for number, line in enumerate(lines[: index + 1]):
        found = report.text.find(line, position)
        if found < 0:
            return None
        position = found if number == index else found + len(line)
    return text_location(report.text, position + column, max(0, end - start))


def _compare(statement: CountStatement, q: _Quantity, location: Location | None) -> Finding | None:
    claimed = statement.value
    region = statement.scope == "region"
    quote = statement.text or None
    said = f"“{statement.text}”" if statement.text else f"{claimed} 件"
    scope_zh = "（正文为全地区口径，本机关表格可能不同）" if region else ""
    scope_en = " (the prose speaks for a wider area than the agency's table)" if region else ""
    spans = () if location is None else (location,)
    if q.value is None and q.known <= claimed:
        return finding(
            q.code,
            f"正文称{said}，但表格{q.name}有空白或无法识别的单元格，无法核对。",
            f"The prose states {claimed}; the table's {q.name_en} has cells that are not "
            "numbers, so it cannot be compared.",
            status=FindingStatus.CANNOT_ASSESS,
            cells=q.cells,
            expected=claimed,
            quote=quote,
            text_locations=spans,
            table=q.table,
            row=q.row,
            column=q.column,
        )
    actual = q.value if q.value is not None else q.known
    if actual == claimed:
        return None
    at_least = "" if q.value is not None else "至少"
    at_least_en = "" if q.value is not None else "at least "
    return finding(
        q.code,
        f"正文称{said}，但表格{q.name}{at_least}为 {describe_number(actual)}{scope_zh}。",
        f"The prose states {claimed}, but the table's {q.name_en} is {at_least_en}"
        f"{describe_number(actual)}{scope_en}.",
        severity=Severity.INFO if region else None,
        cells=q.cells,
        expected=claimed,
        actual=actual,
        difference=actual - claimed if q.value is not None else None,
        quote=quote,
        text_locations=spans,
        table=q.table,
        row=q.row,
        column=q.column,
    )


def statement_findings(
    report: Report, statements: Iterable[CountStatement], section: Section | None = None
) -> Iterator[Finding]:
    """Compare ``statements`` (from ``section``'s text) with the report's tables.

    ``actual`` is the table's value, ``expected`` the prose's. The same claim stated twice gives
    one finding with both spans.
    """
    seen: dict[Finding, int] = {}
    out: list[Finding] = []
    for statement in statements:
        quantities = _quantities(report, statement.topic)
        if quantities is None:
            continue
        location = (
            None
            if section is None
            else statement_location(report, section, statement.start, statement.end)
        )
        for q in quantities:
            found = _compare(statement, q, location)
            if found is None:
                continue
            if found in seen:
                index = seen[found]
                merged = out[index].text_locations + found.text_locations
                out[index] = attrs.evolve(out[index], text_locations=merged)
                continue
            seen[found] = len(out)
            out.append(found)
    yield from out


def prose_findings(report: Report) -> Iterator[Finding]:
    """Counts stated in section 一 against the tables (via ``gikparse.narrative``)."""
    from gikparse.narrative import count_statements

    overview = report.section("overview")
    if overview is None or not overview.text:
        return
    yield from statement_findings(report, count_statements(overview.text), overview)

"""Rules across years (C6xx) for several reports of one agency."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from gikparse.model import Number, Report, Table
from gikparse.normalize import normalize

from ._catalogue import rule
from ._context import STATUS_ZH, cell_ref, column_label, finding, row_label, table_spec
from ._finding import CellRef, Finding, FindingStatus, describe_number, signed

__all__ = ["check_series"]


def _agency_key(report: Report) -> str | None:
    return None if report.meta.agency is None else normalize(report.meta.agency)


def _equation(
    code: str,
    year: int,
    place: str,
    place_en: str,
    actual_ref: CellRef,
    expected_refs: tuple[tuple[int, CellRef], ...],
    *,
    table: str,
    row: str,
    column: str,
) -> Finding | None:
    """``actual_ref`` = Σ sign × ``expected_refs``; a finding when it is not so."""
    cells = (actual_ref, *(ref for _, ref in expected_refs))
    unknown = tuple(c for c in cells if c.value is None)
    title, title_en = rule(code).title, rule(code).title_en
    if unknown:
        why = "、".join(f"{c.year} 年「{c.row}/{c.column}」{STATUS_ZH[c.status]}" for c in unknown)
        why_en = ", ".join(f"{c.id} {c.status.value}" for c in unknown)
        return finding(
            code,
            f"{year} 年{place}：无法核对“{title}”，因为{why}。",
            f"{year}, {place_en}: cannot assess {title_en}: {why_en}.",
            status=FindingStatus.CANNOT_ASSESS,
            table=table,
            row=row,
            column=column,
            cells=cells,
            year=year,
        )
    assert actual_ref.value is not None
    actual: Number = actual_ref.value
    expected: Number = 0
    for sign, ref in expected_refs:
        assert ref.value is not None
        expected = expected + sign * ref.value
    if actual == expected:
        return None
    difference = actual - expected
    return finding(
        code,
        f"{year} 年{place}为 {describe_number(actual)}，按上一年度报告应为 "
        f"{describe_number(expected)}（{title}），相差 {signed(difference)}。",
        f"{year}, {place_en} is {describe_number(actual)}; last year's report implies "
        f"{describe_number(expected)} ({title_en}), difference {signed(difference)}.",
        table=table,
        row=row,
        column=column,
        cells=cells,
        actual=actual,
        expected=expected,
        difference=difference,
        year=year,
    )


def _carried(prev: Report, cur: Report, year: int) -> Iterator[Finding]:
    """C601: this year's 上年结转 = last year's 结转下年度继续办理, per column."""
    before, now = prev.applications, cur.applications
    if before is None or now is None:
        return
    spec = table_spec(cur, now)
    for column in now.columns:
        if column not in before.columns:
            continue
        found = _equation(
            "C601",
            year,
            f"「二、上年结转」「{column_label(spec, column)}」列",
            f"applications/carried_over/{column}",
            cell_ref(now, "carried_over", column, year=year),
            ((1, cell_ref(before, "carried_forward", column, year=year - 1)),),
            table=now.id,
            row="carried_over",
            column=column,
        )
        if found is not None:
            yield found


def _in_force(prev: Report, cur: Report, year: int) -> Iterator[Finding]:
    """C602: 现行有效件数 = last year's 现行有效件数 + 本年制发件数 − 本年废止件数."""
    before, now = prev.table("rules"), cur.table("rules")
    if before is None or now is None or "in_force" not in now.columns:
        return
    if "in_force" not in before.columns:
        return  # last year's report is of the 2020 edition: nothing to chain
    spec = table_spec(cur, now)
    for row in now.rows:
        if row not in before.rows:
            continue
        found = _equation(
            "C602",
            year,
            f"「{row_label(spec, row)}」现行有效件数",
            f"rules/{row}/in_force",
            cell_ref(now, row, "in_force", year=year),
            (
                (1, cell_ref(before, row, "in_force", year=year - 1)),
                (1, cell_ref(now, row, "issued", year=year)),
                (-1, cell_ref(now, row, "repealed", year=year)),
            ),
            table=now.id,
            row=row,
            column="in_force",
        )
        if found is not None:
            yield found


def _items(prev: Report, cur: Report, year: int) -> Iterator[Finding]:
    """C603 (2020 edition): 上一年项目数量 = last year's 上一年项目数量 + 本年增/减."""
    for now in cur.active_disclosure:
        before = prev.table(now.id)
        if before is None or not _has(now, "previous_items") or not _has(before, "change"):
            continue
        if not _has(before, "previous_items"):
            continue
        spec = table_spec(cur, now)
        for row in now.rows:
            if row not in before.rows:
                continue
            found = _equation(
                "C603",
                year,
                f"{spec.caption if spec else now.id}「{row_label(spec, row)}」上一年项目数量",
                f"{now.id}/{row}/previous_items",
                cell_ref(now, row, "previous_items", year=year),
                (
                    (1, cell_ref(before, row, "previous_items", year=year - 1)),
                    (1, cell_ref(before, row, "change", year=year - 1)),
                ),
                table=now.id,
                row=row,
                column="previous_items",
            )
            if found is not None:
                yield found


def _has(table: Table, column: str) -> bool:
    return column in table.columns


def _pairs(reports: list[Report]) -> Iterator[Finding]:
    by_year: dict[int, Report] = {}
    for report in reports:
        year = report.meta.year
        assert year is not None
        if year in by_year:
            yield finding(
                "C611",
                f"{year} 年有多份报告，跨年核对只使用第一份。",
                f"Several reports for {year}; the cross-year checks use the first.",
                year=year,
            )
            continue
        by_year[year] = report
    for year in sorted(by_year):
        prev = by_year.get(year - 1)
        if prev is None:
            continue
        cur = by_year[year]
        yield from _carried(prev, cur, year)
        yield from _in_force(prev, cur, year)
        yield from _items(prev, cur, year)


def check_series(reports: Iterable[Report]) -> tuple[Finding, ...]:
    """Cross-year checks for reports of one agency, in any order.

    Reports of consecutive years are compared (C601–C603). Reports of several agencies are
    grouped by agency (C610); a report without a year is left out (C612).
    """
    out: list[Finding] = []
    dated: list[Report] = []
    for report in reports:
        if report.meta.year is None:
            name = report.meta.agency or report.source or "?"
            out.append(
                finding(
                    "C612",
                    f"报告（{name}）年度不明，未纳入跨年核对。",
                    f"The report of {name} has no year; it is left out of the cross-year checks.",
                )
            )
        else:
            dated.append(report)
    groups: dict[str | None, list[Report]] = {}
    for report in dated:
        groups.setdefault(_agency_key(report), []).append(report)
    known = sorted(k for k in groups if k is not None)
    if len(known) > 1:
        names = "、".join(known)
        out.append(
            finding(
                "C610",
                f"这些报告来自不同机关（{names}），只在同一机关的报告之间跨年核对。",
                f"The reports come from {len(known)} agencies ({names}); only reports of the "
                "same agency are compared.",
            )
        )
    elif len(known) == 1 and None in groups:
        groups[known[0]].extend(groups.pop(None))  # reports without agency join the one agency
    for key in sorted(groups, key=lambda k: (k is None, k or "")):
        out.extend(_pairs(sorted(groups[key], key=lambda r: r.meta.year or 0)))
    return tuple(out)

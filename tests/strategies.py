"""Hypothesis strategies for whole-report contents, read from the template data.

Nothing here copies a label or an id list: rows, columns, kinds of numbers and sum rules all come
from :data:`gikparse.schema.TEMPLATES`. Leaf cells are drawn; every cell a sum rule fixes is
derived from the leaves, so a generated report is arithmetically consistent (blank leaves count
as 0 in the sums, like a reader adding up the printed table would).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs
from hypothesis import strategies as st

from gikparse.numbers import NumberKind
from gikparse.schema import TEMPLATES, SumRule, TableSpec, Template

if TYPE_CHECKING:
    from gikparse.model import Report

__all__ = [
    "AGENCY_PLACES",
    "AGENCY_UNITS",
    "GeneratedReport",
    "GeneratedTable",
    "Number",
    "agencies",
    "generated_reports",
    "leaf_values",
    "table_values",
    "years_for",
]

Number = int | Decimal
Position = tuple[str, str]  # (row id, column id)

# Names of places and of agencies (prose, not template labels).
AGENCY_PLACES = ("安宁市", "彭阳县", "永宁县望远镇", "博爱县孝敬镇", "雁鸣湖镇", "北京市", "新乡市")
AGENCY_UNITS = (
    "人民政府",
    "人民政府办公室",
    "交通运输局",
    "生态环境局",
    "卫生健康委员会",
    "市场监督管理局",
)


@attrs.frozen
class GeneratedTable:
    """One table's contents: ``values[(row, column)]`` for every cell of ``spec``."""

    spec: TableSpec = attrs.field(repr=lambda spec: spec.qualified_id)
    values: dict[Position, Number | None] = attrs.field(eq=False, hash=False)

    @property
    def qualified_id(self) -> str:
        return self.spec.qualified_id

    def value(self, row: str, column: str) -> Number | None:
        return self.values[(row, column)]

    def cells(self) -> Iterator[tuple[str, str, Number | None]]:
        for row in self.spec.rows:
            for column in self.spec.columns:
                yield row.id, column.id, self.values[(row.id, column.id)]


@attrs.frozen
class GeneratedReport:
    """What a rendered report states: edition, year, agency and every table cell."""

    variant: str
    year: int
    agency: str
    tables: tuple[GeneratedTable, ...]

    @property
    def template(self) -> Template:
        return TEMPLATES[self.variant]

    def table(self, qualified_id: str) -> GeneratedTable:
        for table in self.tables:
            if table.qualified_id == qualified_id:
                return table
        raise KeyError(qualified_id)

    @property
    def active_disclosure(self) -> tuple[GeneratedTable, ...]:
        return tuple(t for t in self.tables if t.spec.section == "active_disclosure")

    def assert_read_but(self, report: Report, *but: tuple[str, str, str]) -> None:
        """Every cell of ``report`` (a parsed Report) but those in ``but`` (table, row,
        column) holds the number this report states."""
        for made in self.tables:
            read = report.table(made.qualified_id)
            assert read is not None, made.qualified_id
            for row_id, column_id, value in made.cells():
                if (made.qualified_id, row_id, column_id) not in but:
                    assert read.value(row_id, column_id) == value, (row_id, column_id)


# ---------------------------------------------------------------------------------------------
# Leaf values


def _money(places: int, units: int) -> Decimal:
    return Decimal(units).scaleb(-places)


def leaf_values(kind: NumberKind, *, blank: bool = True) -> st.SearchStrategy[Number | None]:
    """One cell of ``kind``: counts (mostly small), signed changes, or money with 0–6 decimals."""
    number: st.SearchStrategy[Number]
    if kind is NumberKind.SIGNED:
        number = st.one_of(st.integers(-20, 20), st.integers(-9_999, 9_999))
    elif kind is NumberKind.MONEY:
        number = st.builds(
            _money,
            st.integers(0, 6),
            st.one_of(st.integers(0, 999), st.integers(0, 10**10)),
        )
    else:
        number = st.one_of(st.integers(0, 9), st.integers(0, 999), st.integers(0, 99_999))
    if not blank:
        return number
    return st.one_of(number, number, number, number, number, number, st.none())


# ---------------------------------------------------------------------------------------------
# Sum rules: which cells they fix, and deriving them


def _rule_target(rule: SumRule) -> str:
    """The id a rule fixes: its one left-hand id, or else its last right-hand id.

    ``received + carried_over = outcome.total + carried_forward`` fixes ``carried_forward``.
    """
    return rule.lhs[0] if len(rule.lhs) == 1 else rule.rhs[-1]


def _lines(spec: TableSpec, rule: SumRule) -> list[dict[str, Position]]:
    """For each line a rule holds on (each column or each row): id → cell position."""
    if rule.axis == "column":
        return [{r: (r, c.id) for r in (*rule.lhs, *rule.rhs)} for c in spec.columns]
    return [{c: (r.id, c) for c in (*rule.lhs, *rule.rhs)} for r in spec.rows]


def derived_positions(spec: TableSpec) -> frozenset[Position]:
    """Cells that a sum rule of ``spec`` fixes (all the others are leaves)."""
    out: set[Position] = set()
    for rule in spec.rules:
        target = _rule_target(rule)
        for line in _lines(spec, rule):
            out.add(line[target])
    return frozenset(out)


def _num(value: Number | None) -> Number:
    return 0 if value is None else value


def derive(spec: TableSpec, leaves: dict[Position, Number | None]) -> dict[Position, Number | None]:
    """Every cell: the leaves, plus each rule's target computed until nothing changes.

    When a two-sided rule (一 + 二 = (七) + 四) would make its target negative, the first
    left-hand leaf (一, received) is raised by the shortfall, so carried_forward ≥ 0.
    """
    leaves = dict(leaves)
    while True:
        values: dict[Position, Number | None] = dict(leaves)
        pending = derived_positions(spec)
        progress = True
        while pending and progress:
            progress = False
            for rule in spec.rules:
                target = _rule_target(rule)
                for line in _lines(spec, rule):
                    pos = line[target]
                    if pos not in pending:
                        continue
                    others = [line[i] for i in (*rule.lhs, *rule.rhs) if i != target]
                    if any(p in pending for p in others):
                        continue
                    lhs = sum(_num(values[line[i]]) for i in rule.lhs if i != target)
                    rhs = sum(_num(values[line[i]]) for i in rule.rhs if i != target)
                    values[pos] = lhs - rhs if target in rule.rhs else rhs - lhs
                    pending = pending - {pos}
                    progress = True
        if pending:
            raise AssertionError(f"sum rules of {spec.id} leave {sorted(pending)} underived")
        short = _shortfall(spec, values, leaves)
        if short is None:
            return values
        pos, amount = short
        leaves[pos] = _num(leaves[pos]) + amount


def _shortfall(
    spec: TableSpec, values: dict[Position, Number | None], leaves: dict[Position, Number | None]
) -> tuple[Position, Number] | None:
    for rule in spec.rules:
        if len(rule.lhs) == 1:
            continue
        for line in _lines(spec, rule):
            got = values[line[_rule_target(rule)]]
            raise_pos = line[rule.lhs[0]]
            if got is not None and got < 0 and raise_pos in leaves:
                return raise_pos, -got
    return None


@st.composite
def table_values(
    draw: st.DrawFn, spec: TableSpec, *, blank: bool = True
) -> dict[Position, Number | None]:
    """Values for every cell of ``spec``: drawn leaves, derived totals."""
    fixed = derived_positions(spec)
    leaves: dict[Position, Number | None] = {}
    for row in spec.rows:
        for column in spec.columns:
            pos = (row.id, column.id)
            if pos not in fixed:
                leaves[pos] = draw(leaf_values(column.kind, blank=blank))
    return derive(spec, leaves)


# ---------------------------------------------------------------------------------------------
# Whole reports


def years_for(variant: str) -> st.SearchStrategy[int]:
    """A report year the edition is for (2019–2020 → 2020, 2021–2025 → 2021)."""
    first, last = TEMPLATES[variant].years
    return st.integers(first, min(last, 2025))


def agencies() -> st.SearchStrategy[str]:
    return st.builds(
        lambda place, unit: place + unit,
        st.sampled_from(AGENCY_PLACES),
        st.sampled_from(AGENCY_UNITS),
    )


@st.composite
def generated_reports(
    draw: st.DrawFn, variant: str | None = None, *, blank: bool = True
) -> GeneratedReport:
    """A report of ``variant`` (or either edition) with consistent tables."""
    chosen = variant if variant is not None else draw(st.sampled_from(sorted(TEMPLATES)))
    template = TEMPLATES[chosen]
    tables = tuple(
        GeneratedTable(spec, draw(table_values(spec, blank=blank))) for spec in template.tables
    )
    return GeneratedReport(
        variant=chosen, year=draw(years_for(chosen)), agency=draw(agencies()), tables=tables
    )


def fixed_report(
    variant: str,
    overrides: Mapping[tuple[str, str, str], Number | None] | None = None,
    *,
    year: int | None = None,
    agency: str = "安宁市人民政府",
) -> GeneratedReport:
    """A report whose leaves are 0 except ``overrides`` ((table, row, column) → value)."""
    overrides = overrides or {}
    template = TEMPLATES[variant]
    tables = []
    for spec in template.tables:
        fixed = derived_positions(spec)
        leaves: dict[Position, Number | None] = {}
        for row in spec.rows:
            for column in spec.columns:
                pos = (row.id, column.id)
                if pos in fixed:
                    continue
                zero: Number = Decimal(0) if column.kind is NumberKind.MONEY else 0
                leaves[pos] = overrides.get((spec.qualified_id, *pos), zero)
        tables.append(GeneratedTable(spec, derive(spec, leaves)))
    return GeneratedReport(
        variant=variant,
        year=template.years[0] if year is None else year,
        agency=agency,
        tables=tuple(tables),
    )


def varied_reports(
    count: int, seed: int, value: Callable[[random.Random], Number | None]
) -> list[GeneratedReport]:
    """``count`` reports of both editions in turn, about a third of their integer leaves set
    by ``value`` (drawn from one seeded generator), the rest 0: the same list for one seed."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        variant = ("2020", "2021")[i % 2]
        overrides = {
            (t.qualified_id, row, col): value(rng)
            for t in fixed_report(variant).tables
            for row, col, leaf in t.cells()
            if isinstance(leaf, int) and rng.random() < 0.3
        }
        out.append(fixed_report(variant, overrides))
    return out

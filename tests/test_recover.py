"""Tables whose cell boundaries were lost come back exactly, or are left out with a diagnostic.

Generated reports (both editions, counts of 1 to 5 digits, many zeros, blanks, signed changes,
万元 decimals) are rendered as text that lost its shape (tests.render_lost) and parsed back.
The property is the issue's: every cell is either the generated value or left out (status
``ambiguous``, ``unreadable`` or ``missing``, with a P2xx diagnostic about its row or table);
a wrong value is never given.
"""

from __future__ import annotations

import json
import os
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import Phase, given, note, settings
from hypothesis import strategies as st

import gikparse
from gikparse.numbers import NumberKind, ValueStatus
from gikparse.recover.digits import read_run
from gikparse.recover.solve import Outcome, RowProblem, solve_row
from gikparse.schema import TEMPLATES
from tests.conftest import SEED_NAMES, SEEDS
from tests.render import noises, render
from tests.render_lost import LOST_SHAPES, flattened, lost
from tests.strategies import (
    GeneratedReport,
    GeneratedTable,
    Number,
    derive,
    derived_positions,
    generated_reports,
)

_PHASES = (
    tuple(Phase)
    if os.environ.get("GIKPARSE_SHRINK")
    else tuple(p for p in Phase if p is not Phase.shrink)
)
_LEFT_OUT = frozenset({ValueStatus.AMBIGUOUS, ValueStatus.UNREADABLE, ValueStatus.MISSING})
_BLANKS = frozenset({ValueStatus.BLANK, ValueStatus.DASH})
_ROW_RULE = ((6, (0, 1, 2, 3, 4, 5)),)
_COUNTS = (NumberKind.COUNT,) * 7


def _tally(expected: GeneratedReport, got: gikparse.Report) -> tuple[int, int, list[str]]:
    """(cells recovered, cells left out, wrong cells as readable lines). A cell left out must
    have a diagnostic on its row or its table."""
    recovered = left_out = 0
    wrong: list[str] = []
    for table in expected.tables:
        parsed = got.table(table.qualified_id)
        for row, column, want in table.cells():
            have = None if parsed is None else parsed.cell(row, column)
            if have is None or have.status in _LEFT_OUT:
                left_out += 1
                said = [
                    d
                    for d in got.diagnostics
                    if d.table in (table.qualified_id, table.spec.section) and d.row in (None, row)
                ]
                if not said:
                    wrong.append(f"{table.qualified_id}.{row}.{column}: left out silently")
                continue
            if want is None:
                same = have.value is None and have.status in _BLANKS
            else:
                same = have.value == want and have.status not in _BLANKS
            if same:
                recovered += 1
            else:
                wrong.append(
                    f"{table.qualified_id}.{row}.{column}: want {want!r}, got {have.value!r} "
                    f"({have.status.value}, raw {have.raw!r})"
                )
    return recovered, left_out, wrong


# ---------------------------------------------------------------------------------------------
# One row's run


def _cut(text: str, kinds: tuple[NumberKind, ...] = _COUNTS, groups: Any = _ROW_RULE) -> Any:
    return solve_row(RowProblem("r", read_run(text, 0), kinds, groups))


def _numbers(solution: Any) -> list[Number | None]:
    return [p.value for p in solution.cells]


def test_a_run_the_digits_allow_one_way_only_is_split() -> None:
    solution = _cut("0000000")
    assert solution.outcome == Outcome.SOLE
    assert _numbers(solution) == [0] * 7


def test_an_enclosed_number_in_a_run_is_a_mark_never_digits() -> None:
    # NFKC would fold ⑪ into 11: 0⑪000000 would be cut as if it held eight zeros and 11.
    assert read_run("0⑪0 0", 7).chars == "0⑪00"
    assert read_run("0⑪0 0", 7).offsets == (7, 8, 9, 11)
    assert _cut("000000⑪0").outcome is not Outcome.SOLE


def test_one_cut_that_adds_up_among_others_is_only_a_candidate() -> None:
    # Its own total chose it, and a misprinted total would choose a wrong cut just as well: a
    # rule across rows has to confirm it.
    for text, want in (
        ("521000053", [52, 1, 0, 0, 0, 0, 53]),
        ("120 000012", [12] + [0] * 5 + [12]),
    ):
        solution = _cut(text)
        assert solution.outcome == Outcome.AMBIGUOUS
        assert [[p.value for p in cut] for cut in solution.candidates] == [want]


def test_a_run_with_several_cuts_that_add_up_is_left_out_with_them() -> None:
    # 1 10 0 0 0 0 11 and 11 0 0 0 0 0 11 print the same characters.
    solution = _cut("110000011")
    assert solution.outcome == Outcome.AMBIGUOUS
    assert solution.cells is None
    assert {tuple(p.value for p in c) for c in solution.candidates} >= {
        (1, 10, 0, 0, 0, 0, 11),
        (11, 0, 0, 0, 0, 0, 11),
    }


def test_a_wrong_total_that_only_one_cut_allows_is_kept_as_printed() -> None:
    solution = _cut("5000007")  # seven characters, seven cells: 5 + 0 … ≠ 7
    assert solution.outcome == Outcome.PRINTED
    assert _numbers(solution) == [5, 0, 0, 0, 0, 0, 7]


def test_a_run_no_cut_fits_is_left_out() -> None:
    assert _cut("12").outcome == Outcome.NONE


def test_signs_and_marks_are_boundaries_the_copy_kept() -> None:
    kinds = (NumberKind.COUNT, NumberKind.SIGNED, NumberKind.COUNT)
    solution = _cut("15减7—", kinds, ())
    assert solution.outcome == Outcome.SOLE
    assert [(p.value, p.blank) for p in solution.cells] == [(15, False), (-7, False), (None, True)]
    # Without rules, digits that run together cannot be told apart.
    assert _cut("153-7146", kinds, ()).outcome == Outcome.AMBIGUOUS


def test_a_dash_before_digits_in_a_change_column_may_be_a_blank_cell_or_a_minus() -> None:
    kinds = (NumberKind.COUNT, NumberKind.SIGNED, NumberKind.COUNT)
    # 0 | — | 30 (a blank change printed as a dash) or 0 | -3 | 0: nothing tells them apart.
    for dash in ("-", "－"):
        solution = _cut(f"0 {dash} 30", kinds, ())
        assert solution.outcome == Outcome.AMBIGUOUS
        readings = {tuple((p.value, p.blank) for p in cut) for cut in solution.candidates}
        assert ((0, False), (None, True), (30, False)) in readings
        assert ((0, False), (-3, False), (0, False)) in readings


def test_money_keeps_its_decimals() -> None:
    kinds = (NumberKind.COUNT, NumberKind.MONEY)
    solution = _cut("3 1732.633648万元", kinds, ())
    assert solution.outcome == Outcome.AMBIGUOUS  # 3 | 1732.6… or 31 | 732.6… …
    solution = _cut("0/", (NumberKind.MONEY, NumberKind.COUNT), ())
    assert [(p.value, p.blank) for p in solution.cells] == [(Decimal(0), False), (None, True)]


def test_a_pathological_run_is_capped_not_searched_for_ever() -> None:
    solution = _cut("1" * 80 + "0" * 40)
    assert solution.cells is None
    assert solution.outcome in (Outcome.CAPPED, Outcome.AMBIGUOUS, Outcome.NONE)


# ---------------------------------------------------------------------------------------------
# Whole reports


@st.composite
def wide_reports(draw: st.DrawFn) -> GeneratedReport:
    """Reports whose counts have 1 to 7 digits (a third of them 0), changes of either sign,
    万元 amounts with up to 6 decimals, and blanks; every total derived from the leaves."""
    variant = draw(st.sampled_from(sorted(TEMPLATES)))
    template = TEMPLATES[variant]
    tables = []
    for spec in template.tables:
        fixed = derived_positions(spec)
        leaves: dict[tuple[str, str], Number | None] = {}
        for row in spec.rows:
            for column in spec.columns:
                if (row.id, column.id) in fixed:
                    continue
                digits = draw(st.integers(1, 7))
                number: Number = draw(st.one_of(st.just(0), st.integers(0, 10**digits - 1)))
                if column.kind is NumberKind.SIGNED and draw(st.booleans()):
                    number = -number
                if column.kind is NumberKind.MONEY:
                    number = Decimal(number).scaleb(-draw(st.integers(0, 6)))
                leaves[(row.id, column.id)] = draw(st.one_of(st.just(number), st.none()))
        tables.append(GeneratedTable(spec, derive(spec, leaves)))
    return GeneratedReport(variant, template.years[0], "安宁市人民政府", tuple(tables))


@pytest.mark.parametrize(
    "shape", ("flattened", "typo_flattened", "column_order", "wrapped", "flattened_dropped")
)
@settings(max_examples=15, phases=_PHASES)
@given(report=wide_reports(), noise=noises("flat"))
def test_cells_with_up_to_seven_digits_are_right_or_left_out(
    shape: str, report: GeneratedReport, noise: Any
) -> None:
    text = lost(report, shape, noise)
    note("rendered text:\n" + text)
    _, _, wrong = _tally(report, gikparse.parse_text(text))
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("shape", LOST_SHAPES)
@settings(max_examples=30, phases=_PHASES)
@given(report=generated_reports(), noise=noises("flat"))
def test_cells_of_tables_that_lost_their_shape_are_right_or_left_out(
    shape: str, report: GeneratedReport, noise: Any
) -> None:
    text = lost(report, shape, noise)
    note("rendered text:\n" + text)
    got = gikparse.parse_text(text)
    _, _, wrong = _tally(report, got)
    # How many cells come back is no property of one report: one whose rows mix five-digit
    # numbers with blanks may allow no sure cut of any run, and every cell is then rightly left
    # out. What comes back is measured on the seeds (below) and by bench/bench_recover.py.
    assert not wrong, "\n".join(wrong)


@settings(max_examples=30, phases=_PHASES)
@given(report=generated_reports(), data=st.data())
def test_a_wrong_printed_total_is_kept_or_left_out_never_repaired(
    report: GeneratedReport, data: st.DataObject
) -> None:
    apps = report.table("applications")
    rows = [r.id for r in apps.spec.rows]
    row = data.draw(st.sampled_from(rows), label="row")
    printed = apps.values[(row, "total")]
    wrong_total = (printed or 0) + data.draw(st.integers(1, 9), label="delta")
    values = dict(apps.values)
    values[(row, "total")] = wrong_total
    broken = attrs.evolve(
        report,
        tables=tuple(GeneratedTable(t.spec, values) if t is apps else t for t in report.tables),
    )
    noise = data.draw(noises("flat"), label="noise")
    text = flattened(broken, noise)
    note("rendered text:\n" + text)
    got = gikparse.parse_text(text)
    _, _, wrong = _tally(broken, got)
    assert not wrong, "\n".join(wrong)
    cell = got.applications.cell(row, "total") if got.applications is not None else None
    if cell is not None and cell.value is not None:
        assert cell.value == wrong_total
        findings = gikparse.check(got)
        assert any(
            f.table == "applications" and f.code in ("C101", "C102", "C103") for f in findings
        )


# ---------------------------------------------------------------------------------------------
# The five seeds, from their expected values


def _seed_report(name: str) -> GeneratedReport:
    """The seed's expected tables as a GeneratedReport (what the renderings print)."""
    expected = json.loads((SEEDS / f"{name}.expected.json").read_text("utf-8"))
    template = TEMPLATES[expected["variant"]]
    tables = []
    for spec in template.tables:
        if spec.section == "active_disclosure":
            data = expected["active_disclosure"][spec.id]
        else:
            data = expected[spec.section]
        values: dict[tuple[str, str], Number | None] = {}
        for row in spec.rows:
            for column in spec.columns:
                raw = data[row.id][column.id]
                if raw is None:
                    values[(row.id, column.id)] = None
                elif column.kind is NumberKind.MONEY:
                    values[(row.id, column.id)] = Decimal(str(raw))
                else:
                    values[(row.id, column.id)] = int(raw)
        tables.append(GeneratedTable(spec, values))
    return GeneratedReport(
        variant=expected["variant"],
        year=expected["year"],
        agency=expected["agency"],
        tables=tuple(tables),
    )


SEED_SHAPES = ("flat", *LOST_SHAPES)


def _seed_text(name: str, shape: str, seed: int) -> str:
    from tests.render import Noise

    report = _seed_report(name)
    noise = Noise(blank_marks=("—", "/"), seed=seed)
    if shape in LOST_SHAPES:
        return lost(report, shape, noise)
    return render(report, shape, noise).text


@pytest.mark.parametrize("shape", SEED_SHAPES)
def test_seed_copies_that_lost_their_shape_come_back(shape: str) -> None:
    recovered = left_out = 0
    for name in SEED_NAMES:
        for seed in range(3):
            report = _seed_report(name)
            got = gikparse.parse_text(_seed_text(name, shape, seed))
            done, out, wrong = _tally(report, got)
            assert not wrong, f"{name} ({shape}, seed {seed}):\n" + "\n".join(wrong)
            recovered += done
            left_out += out
    assert recovered / (recovered + left_out) >= 0.95

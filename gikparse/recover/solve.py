"""Splitting the runs of a table's rows into cells, tied together by the template's arithmetic.

Each run is cut into one cell per column (``digits``). A row's own rules (its 总计 is the sum
of its parts) decide first: the cuts that satisfy them are the row's candidates. Only when a row
keeps several candidates do the table's rules across rows (（七）总计 is the sum of the outcome
rows, 一 + 二 = （七） + 四) choose between them, and only if every consistent choice for the
table gives that row the same cells. A row whose own rules hold for no cut is read as printed
when its characters allow one cut only (so a wrong printed total stays wrong, for the checks to
report), and is left out otherwise. Nothing is ever picked from several; every search is bounded.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

import attrs

from gikparse.numbers import NumberKind
from gikparse.recover.digits import MAX_CELL_DIGITS, Piece, Run, cell_readings, splits
from gikparse.schema import SumRule

__all__ = ["Outcome", "RowProblem", "RowSolution", "solve_row", "solve_table"]

Number = int | Decimal
Group = tuple[int, tuple[int, ...]]  #: (target column index, part column indexes)

CANDIDATE_LIMIT = 32  #: more readings than this of one row: the row is left out
ROW_BUDGET = 60_000  #: search steps for one row
TABLE_BUDGET = 200_000  #: search steps to choose between the rows' candidates


@attrs.frozen
class RowProblem:
    """One row's run and what its cells must be."""

    row: str
    run: Run
    kinds: tuple[NumberKind, ...]
    groups: tuple[Group, ...]  #: the row's own sum rules as column indexes


class Outcome:
    SOLE = "sole"  #: one cut satisfies the row's own rules
    PRINTED = "printed"  #: no cut satisfies them; the characters allow one cut only
    CHOSEN = "chosen"  #: several cuts; the table's rules across rows keep one
    AMBIGUOUS = "ambiguous"  #: several cuts remain
    NONE = "none"  #: no cut at all
    CAPPED = "capped"  #: the search was stopped before it could decide


@attrs.frozen
class RowSolution:
    row: str
    outcome: str
    cells: tuple[Piece, ...] | None  #: the cut, when decided
    candidates: tuple[tuple[Piece, ...], ...] = ()  #: the cuts left, when not
    rules: tuple[str, ...] = ()  #: codes of the rules across rows that chose the cut


def _as_number(piece: Piece) -> Number:
    return 0 if piece.value is None else piece.value


def _total(acc: Sequence[Piece], parts: Sequence[int]) -> Number:
    total: Number = 0
    for p in parts:
        total += _as_number(acc[p])
    return total


def _rule_cuts(problem: RowProblem) -> tuple[list[tuple[Piece, ...]], bool]:
    """The cuts that satisfy the row's own rules (at most CANDIDATE_LIMIT), and whether the
    search stopped early."""
    run, kinds = problem.run, problem.kinds
    n, ncols = len(run.chars), len(kinds)
    target_of = {target: parts for target, parts in problem.groups}
    group_of = {p: target for target, parts in problem.groups for p in parts}
    found: list[tuple[Piece, ...]] = []
    steps = 0
    stopped = False
    anchored = next((t for t, _ in problem.groups if t == ncols - 1), None)
    anchored_parts = () if anchored is None else target_of[anchored]
    memo: dict[tuple[int, NumberKind], list[Piece]] = {}

    def readings(pos: int, kind: NumberKind) -> list[Piece]:
        found = memo.get((pos, kind))
        if found is None:
            found = memo[pos, kind] = cell_readings(run, pos, kind)
        return found

    def walk(column: int, pos: int, end: int, acc: list[Piece], cap: Number | None) -> None:
        nonlocal steps, stopped
        if stopped:
            return
        steps += 1
        if steps > ROW_BUDGET or len(found) >= CANDIDATE_LIMIT:
            stopped = True
            return
        if column == end_column:
            if pos == end and (cap is None or _total(acc, anchored_parts) == cap):
                found.append(tuple(acc))
            return
        left = end_column - column
        if end - pos < left:
            return
        parts = target_of.get(column)
        if parts is not None and column != anchored:
            total = _total(acc, parts)
            for piece in readings(pos, kinds[column]):
                if _as_number(piece) == total and (piece.value is not None or total == 0):
                    acc.append(piece)
                    walk(column + 1, piece.end, end, acc, cap)
                    acc.pop()
            return
        bounded = cap is not None and group_of.get(column) == anchored
        for piece in readings(pos, kinds[column]):
            if piece.end > end:
                continue
            if bounded:
                assert cap is not None
                spent = _total(acc, [p for p in anchored_parts if p < column])
                rest = cap - spent - _as_number(piece)
                if rest < 0:
                    continue
                # The parts still to come share what is left of the total: each needs at most
                # the digits of that (with separators, or a two-character mark).
                digits = len(str(rest))
                widest = max(2, digits + (digits - 1) // 3)
                chars, later = end - piece.end, end_column - column - 1
                if chars > later * widest:
                    continue
                # ... and together they hold at most one cell of all but a character each of
                # the rest, and nines: more than that is out of reach.
                if later == 0 and rest != 0:
                    continue
                if later and rest > 10 ** (chars - later + 1) + 9 * later:
                    continue
            acc.append(piece)
            walk(column + 1, piece.end, end, acc, cap)
            acc.pop()

    if anchored is None:
        end_column = ncols
        walk(0, 0, n, [], None)
        return found, stopped
    # The last column is a total: each way of reading the run's end as that total bounds the
    # parts before it, which keeps the search small.
    end_column = ncols - 1
    for start in range(n - 1, max(-1, n - MAX_CELL_DIGITS * 2 - 3), -1):
        for piece in readings(start, kinds[-1]):
            if piece.end != n:
                continue
            before = len(found)
            walk(0, 0, start, [], _as_number(piece))
            for i in range(before, len(found)):
                found[i] = (*found[i], piece)
            if stopped:
                return found, True
    return found, stopped


def solve_row(problem: RowProblem) -> RowSolution:
    """The row's candidates by its own rules (see the module's docstring)."""
    cuts, stopped = _rule_cuts(problem)
    if len(cuts) >= CANDIDATE_LIMIT:
        return RowSolution(problem.row, Outcome.AMBIGUOUS, None, tuple(cuts))
    if stopped:
        return RowSolution(problem.row, Outcome.CAPPED, None, tuple(cuts[:4]))
    if len(cuts) == 1:
        return RowSolution(problem.row, Outcome.SOLE, cuts[0])
    if cuts:
        return RowSolution(problem.row, Outcome.AMBIGUOUS, None, tuple(cuts))
    # No cut satisfies the row's rules: read as printed only if the characters allow one cut.
    plain, stopped = splits(problem.run, problem.kinds, limit=2, budget=ROW_BUDGET)
    if stopped and not plain:
        return RowSolution(problem.row, Outcome.CAPPED, None)
    if len(plain) == 1:
        return RowSolution(problem.row, Outcome.PRINTED, plain[0])
    if plain:
        return RowSolution(problem.row, Outcome.NONE, None, tuple(plain))
    return RowSolution(problem.row, Outcome.NONE, None)


def _column_checks(
    rules: Sequence[SumRule], present: set[str]
) -> list[tuple[SumRule, tuple[str, ...], tuple[str, ...]]]:
    """The rules across rows whose every row is in the table (others cannot be tested)."""
    out = []
    for rule in rules:
        if rule.axis == "column" and all(r in present for r in (*rule.lhs, *rule.rhs)):
            out.append((rule, rule.lhs, rule.rhs))
    return out


def solve_table(
    problems: Sequence[RowProblem],
    columns: Sequence[str],
    known: Mapping[str, Sequence[Number | None]],
    rules: Sequence[SumRule],
) -> list[RowSolution]:
    """Solve every run of a table. ``known`` holds the rows read normally (numbers per column,
    ``None`` for a blank); ``rules`` are the table's rules, of which those across rows are used
    to choose between the candidates of rows that kept several."""
    solutions = [solve_row(p) for p in problems]
    open_rows = [i for i, s in enumerate(solutions) if s.outcome == Outcome.AMBIGUOUS]
    if not open_rows:
        return solutions
    values: dict[str, tuple[Number, ...]] = {
        row: tuple(0 if v is None else v for v in cells) for row, cells in known.items()
    }
    for s in solutions:
        if s.cells is not None:
            values[s.row] = tuple(_as_number(p) for p in s.cells)
    choices = {solutions[i].row: solutions[i].candidates for i in open_rows}
    checks = _column_checks(rules, set(values) | set(choices))
    # Only rules that touch an open row can choose; those must also involve only rows whose
    # numbers are known or open.
    checks = [c for c in checks if any(r in choices for r in (*c[1], *c[2]))]
    if not checks:
        return solutions
    order = [solutions[i].row for i in open_rows]
    position = {row: k for k, row in enumerate(order)}
    # Each rule is tested once its last open row is chosen.
    due: dict[int, list[tuple[SumRule, tuple[str, ...], tuple[str, ...]]]] = {}
    for check in checks:
        last = max(position[r] for r in (*check[1], *check[2]) if r in position)
        due.setdefault(last, []).append(check)
    picked: dict[str, tuple[Number, ...]] = {}
    kept: list[dict[str, int]] = []
    index: dict[str, int] = {}
    steps = 0
    stopped = False
    width = len(columns)

    def holds(lhs: tuple[str, ...], rhs: tuple[str, ...]) -> bool:
        for c in range(width):
            left = sum(picked[r][c] if r in picked else values[r][c] for r in lhs)
            right = sum(picked[r][c] if r in picked else values[r][c] for r in rhs)
            if left != right:
                return False
        return True

    def walk(k: int) -> None:
        nonlocal steps, stopped
        if stopped:
            return
        steps += 1
        if steps > TABLE_BUDGET or len(kept) > CANDIDATE_LIMIT:
            stopped = True
            return
        if k == len(order):
            kept.append(dict(index))
            return
        row = order[k]
        for j, cut in enumerate(choices[row]):
            picked[row] = tuple(_as_number(p) for p in cut)
            index[row] = j
            if all(holds(lhs, rhs) for _, lhs, rhs in due.get(k, ())):
                walk(k + 1)
            del picked[row], index[row]

    walk(0)
    if stopped or not kept:
        return solutions
    used = tuple(sorted({rule.code for rule, _, _ in checks}))
    out = list(solutions)
    for i in open_rows:
        row = solutions[i].row
        chosen = {combo[row] for combo in kept}
        if len(chosen) == 1:
            cut = choices[row][chosen.pop()]
            out[i] = RowSolution(row, Outcome.CHOSEN, cut, rules=used)
    return out

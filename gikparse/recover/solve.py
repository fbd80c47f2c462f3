"""Splitting the runs of a table's rows into cells, tied together by the template's arithmetic.

Each run is cut into one cell per column (``digits``). A row's own rules (its 总计 is the sum
of its parts) decide first: the cuts that satisfy them are the row's candidates. Only when a row
keeps several candidates do the table's rules across rows (（七）总计 is the sum of the outcome
rows, 一 + 二 = （七） + 四) choose between them, and only if every consistent choice for the
table gives that row the same cells. A row whose own rule holds for one cut of several the
digits allow is decided only by a rule across rows that was tested (the total the rule checks
may be the misprint that made the cut add up). A row whose own rules hold for no cut is read
as printed when its characters allow one cut only (so a wrong printed total stays wrong, for
the checks to report), and is left out otherwise. Nothing is ever picked from several; every
search is bounded.
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
MAX_MISSING = 6  #: cells of a row that may have vanished (printed as nothing), looked for at least
MISSING_BUDGET = 60_000  #: search steps for the cuts of one row with cells vanished


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


def _vanished_in(cut: Sequence[Piece]) -> int:
    """Cells of ``cut`` that printed as nothing (blank pieces of no width)."""
    return sum(1 for p in cut if p.start == p.end)


def _as_number(piece: Piece) -> Number:
    return 0 if piece.value is None else piece.value


def _total(acc: Sequence[Piece], parts: Sequence[int]) -> Number:
    total: Number = 0
    for p in parts:
        total += _as_number(acc[p])
    return total


class _Stop(Exception):
    """The search spent its budget."""


def _widest(rest: Number) -> int:
    """Characters a cell of at most ``rest`` can take (digits and thousands separators; a
    blank mark takes up to two)."""
    digits = len(str(int(rest)))
    return max(2, digits + (digits - 1) // 3)


class _Search:
    """The cuts of one row's run that satisfy its own rules."""

    def __init__(
        self,
        problem: RowProblem,
        *,
        limit: int = CANDIDATE_LIMIT,
        budget: int = ROW_BUDGET,
        vanish: int = 0,
    ) -> None:
        self.run = problem.run
        self.kinds = problem.kinds
        self.groups = problem.groups
        self.limit = limit
        self.budget = budget
        self.vanish = vanish  # cells that may have printed as nothing
        self.steps = 0
        self.memo: dict[tuple[int, NumberKind], list[Piece]] = {}
        self.found: list[tuple[Piece, ...]] = []

    def readings(self, pos: int, kind: NumberKind) -> list[Piece]:
        found = self.memo.get((pos, kind))
        if found is None:
            found = self.memo[pos, kind] = cell_readings(self.run, pos, kind)
        return found

    def cells_at(self, pos: int, column: int, used: int) -> list[Piece]:
        """The readings of ``column`` at ``pos``, and a vanished cell when one more may be."""
        found = self.readings(pos, self.kinds[column])
        if used < self.vanish:
            return [*found, Piece(None, pos, pos, blank=True)]
        return found

    def step(self) -> None:
        self.steps += 1
        if self.steps > self.budget or len(self.found) >= self.limit:
            raise _Stop

    def cuts(self) -> tuple[list[tuple[Piece, ...]], bool]:
        try:
            self._cuts()
        except _Stop:
            return self.found, True
        return self.found, False

    def _cuts(self) -> None:
        ncols = len(self.kinds)
        # Groups whose parts are the columns right before their total, by first part: such a
        # group is cut by choosing its total first, which fixes the sum of its parts.
        self.blocks = {
            min(parts): (target, parts)
            for target, parts in self.groups
            if parts and parts == tuple(range(min(parts), target))
        }
        self._walk(0, 0, len(self.run.chars), [], ncols)

    def _walk(self, column: int, pos: int, end: int, acc: list[Piece], ncols: int) -> None:
        """Cut ``[pos, end)`` into columns ``column..ncols-1``."""
        self.step()
        if column == ncols:
            if pos == end:
                self.found.append(tuple(acc))
            return
        used = _vanished_in(acc)
        if end - pos < ncols - column - (self.vanish - used):
            return
        block = self.blocks.get(column)
        if block is not None:
            self._block(column, block[0], pos, end, acc, ncols)
            return
        parts = next((g[1] for g in self.groups if g[0] == column), ())
        for piece in self.cells_at(pos, column, used):
            if piece.end > end:
                continue
            if parts:
                total = _total(acc, parts)
                if _as_number(piece) != total or (piece.value is None and total != 0):
                    continue
            acc.append(piece)
            self._walk(column + 1, piece.end, end, acc, ncols)
            acc.pop()

    def _block(
        self, column: int, target: int, pos: int, end: int, acc: list[Piece], ncols: int
    ) -> None:
        """A group of parts and their total from ``pos``: each reading of a total after room
        for the parts, and the cuts of the parts that sum to it."""
        nparts = target - column
        after = ncols - target - 1  # columns after the total
        widest = _widest(10**MAX_CELL_DIGITS)
        free = self.vanish - _vanished_in(acc)
        least = max(nparts - free, 0)  # parts that print at least a character
        # The total and the cells after it print at least a character each, unless vanished.
        room = max(after - free, 0)
        last = end - room - (0 if free else 1)
        for start in range(pos + least, min(last, pos + nparts * widest) + 1):
            chars = start - pos
            for piece in self.cells_at(start, target, self.vanish - free):
                if piece.end > end or end - piece.end < room or (after == 0 and piece.end != end):
                    continue
                total = _as_number(piece)
                # The parts are at most the total each, and together hold at most one cell of
                # all but a character each of theirs, and nines.
                if chars > nparts * _widest(total):
                    continue
                if least and total >= 10 ** (chars - least + 1) + 9 * nparts:
                    continue
                if not chars and total:
                    continue
                for parts in self._sums(column, target, pos, start, total, free):
                    self._walk(target + 1, piece.end, end, [*acc, *parts, piece], ncols)

    def _sums(
        self, first: int, stop: int, start: int, end: int, total: Number, free: int = 0
    ) -> list[tuple[Piece, ...]]:
        """Every cut of ``[start, end)`` into columns ``first..stop-1`` whose numbers sum to
        ``total``: the first half's cuts by where they end, matched with the second half's."""
        count = stop - first
        if count == 0:
            return [()] if start == end and total == 0 else []
        middle = first + count // 2
        left: dict[int, list[tuple[Number, tuple[Piece, ...]]]] = {}
        self._half(first, middle, start, end, total, 0, [], left, free, exact_end=False)
        out: list[tuple[Piece, ...]] = []
        for m, heads in left.items():
            right: dict[int, list[tuple[Number, tuple[Piece, ...]]]] = {}
            self._half(middle, stop, m, end, total, 0, [], right, free, exact_end=True)
            by_sum: dict[Number, list[tuple[Piece, ...]]] = {}
            for value, tail in right.get(end, ()):
                by_sum.setdefault(value, []).append(tail)
            for value, head in heads:
                for tail in by_sum.get(total - value, ()):
                    if _vanished_in(head) + _vanished_in(tail) <= free:
                        out.append((*head, *tail))
        return out

    def _half(
        self,
        column: int,
        stop: int,
        pos: int,
        end: int,
        cap: Number,
        spent: Number,
        acc: list[Piece],
        out: dict[int, list[tuple[Number, tuple[Piece, ...]]]],
        free: int,
        *,
        exact_end: bool,
    ) -> None:
        self.step()
        if column == stop:
            if not exact_end or pos == end:
                out.setdefault(pos, []).append((spent, tuple(acc)))
            return
        later = stop - column - 1  # cells after this one in this half
        used = _vanished_in(acc)
        for piece in self.cells_at(pos, column, used + self.vanish - free):
            if piece.end > end:
                continue
            value = spent + _as_number(piece)
            rest = cap - value
            if rest < 0:
                continue
            if exact_end:
                chars = end - piece.end
                left = free - used - (piece.start == piece.end)
                if chars < later - left or chars > later * _widest(rest):
                    continue
                if later == 0 and chars:
                    continue
            acc.append(piece)
            self._half(
                column + 1, stop, piece.end, end, cap, value, acc, out, free, exact_end=exact_end
            )
            acc.pop()


def _rule_cuts(problem: RowProblem) -> tuple[list[tuple[Piece, ...]], bool]:
    """The cuts that satisfy the row's own rules (at most CANDIDATE_LIMIT), and whether the
    search stopped early."""
    return _Search(problem).cuts()


def _missing_cuts(problem: RowProblem) -> tuple[list[tuple[Piece, ...]], bool]:
    """The cuts that fit the row's own rules with one or more of its cells gone (up to
    MAX_MISSING; a total only as a blank its parts sum to 0), as page text copied from a table
    with empty cells prints them: nothing at all. A vanished cell is a blank piece of no width.
    Also whether the search stopped before it found them all."""
    # Each stretch of the run between spaces holds one cell at least: as many cells as
    # columns less stretches may have vanished, and every such cut is looked for (a search
    # that runs out of budget leaves the row undecided).
    vanish = max(MAX_MISSING, len(problem.kinds) - len(problem.run.chars.split()))
    search = _Search(problem, budget=MISSING_BUDGET, vanish=vanish)
    found, stopped = search.cuts()
    return [cut for cut in found if _vanished_in(cut)], stopped


def _vanished(problem: RowProblem, solution: RowSolution) -> RowSolution:
    """``solution`` with the cuts in which cells vanished added as candidates: a row that
    keeps any is undecided by itself, and when they cannot all be found (the search stopped),
    it is not offered to the rules across rows either."""
    if solution.outcome not in (Outcome.SOLE, Outcome.PRINTED, Outcome.AMBIGUOUS):
        return solution
    extra, stopped = _missing_cuts(problem)
    known = solution.candidates or ((solution.cells,) if solution.cells is not None else ())
    if stopped:
        return RowSolution(problem.row, Outcome.CAPPED, None, (*known, *extra)[:4])
    if not extra:
        return solution
    return RowSolution(problem.row, Outcome.AMBIGUOUS, None, (*known, *extra), rules=("missing",))


def _has_vanished(cut: Sequence[Piece]) -> bool:
    return any(p.blank and p.start == p.end for p in cut)


def _plain(problem: RowProblem) -> tuple[list[tuple[Piece, ...]], bool]:
    """Up to two cuts of the row whatever its rules: whether the characters allow one cut
    only. (Cuts with cells that printed as nothing are looked for by ``_vanished``, among
    those that fit the row's rules.)"""
    return splits(problem.run, problem.kinds, limit=2, budget=ROW_BUDGET)


def solve_row(problem: RowProblem) -> RowSolution:
    """The row's candidates by its own rules (see the module's docstring)."""
    return _vanished(problem, _solve_row(problem))


def _solve_row(problem: RowProblem) -> RowSolution:
    cuts, stopped = _rule_cuts(problem)
    if len(cuts) >= CANDIDATE_LIMIT:
        return RowSolution(problem.row, Outcome.AMBIGUOUS, None, tuple(cuts))
    if stopped:
        return RowSolution(problem.row, Outcome.CAPPED, None, tuple(cuts[:4]))
    if len(cuts) == 1:
        # When the digits allow other cuts, the one that adds up was chosen by the very total
        # it is supposed to check: a misprinted total makes a wrong cut add up just as well.
        # That is no evidence; the cut stays a candidate for a rule across rows to confirm.
        plain, stopped = _plain(problem)
        if len(plain) > 1 or stopped:
            return RowSolution(problem.row, Outcome.AMBIGUOUS, None, (cuts[0],), rules=("own",))
        return RowSolution(problem.row, Outcome.SOLE, cuts[0])
    if cuts:
        return RowSolution(problem.row, Outcome.AMBIGUOUS, None, tuple(cuts))
    # No cut satisfies the row's rules: read as printed only if the characters allow one cut.
    plain, stopped = _plain(problem)
    if stopped and not plain:
        return RowSolution(problem.row, Outcome.CAPPED, None)
    if len(plain) == 1:
        return RowSolution(problem.row, Outcome.PRINTED, plain[0])
    if plain:
        return RowSolution(problem.row, Outcome.NONE, None, tuple(plain))
    return RowSolution(problem.row, Outcome.NONE, None)


def _by_prose(
    solution: RowSolution, columns: Sequence[str], stated: Mapping[tuple[str, str], Number]
) -> RowSolution:
    """A row left with several cuts, of which one only gives the figure the prose states."""
    if solution.outcome != Outcome.AMBIGUOUS or solution.rules in (("own",), ("missing",)):
        # A figure in words confirms the cells it states, not how the rest of a run was cut.
        return solution
    wanted = [(columns.index(c), v) for (r, c), v in stated.items() if r == solution.row]
    if not wanted or any(len(cut) != len(columns) for cut in solution.candidates):
        return solution
    agree = [cut for cut in solution.candidates if all(_as_number(cut[i]) == v for i, v in wanted)]
    if len(agree) != 1:
        return solution
    return RowSolution(solution.row, Outcome.CHOSEN, agree[0], rules=("prose",))


def _doubted(
    solutions: Sequence[RowSolution],
    values: Mapping[str, tuple[Number, ...]],
    rules: Sequence[SumRule],
    columns: Sequence[str],
) -> list[RowSolution]:
    """Rows whose own rule kept one cut of several, where a rule across rows fails in a
    column of parts (not of totals) whatever the rows still open are cut to: the cut may be
    what a wrong printed total made fit, so the row is left with its cut as a candidate only.
    A misprinted total alone breaks the rules in its total column; a wrong cut shifts digits
    between the parts."""
    totals = {columns.index(r.lhs[0]) for r in rules if r.axis == "row" and r.lhs[0] in columns}
    open_cuts = {
        s.row: s.candidates for s in solutions if s.outcome == Outcome.AMBIGUOUS and s.candidates
    }
    failing: set[str] = set()
    for _rule, lhs, rhs in _column_checks(rules, set(values) | set(open_cuts)):
        for c in range(len(columns)):
            if c not in totals and not _can_hold(lhs, rhs, c, values, open_cuts):
                failing.update((*lhs, *rhs))
                break
    out = []
    for s in solutions:
        if s.outcome == Outcome.SOLE and s.row in failing and s.cells is not None:
            s = RowSolution(s.row, Outcome.AMBIGUOUS, None, (s.cells,), rules=("doubt",))
        out.append(s)
    return out


_SUMS_LIMIT = 4096  #: sums the open rows may reach in one column, tracked before giving up


def _can_hold(
    lhs: Sequence[str],
    rhs: Sequence[str],
    column: int,
    values: Mapping[str, tuple[Number, ...]],
    open_cuts: Mapping[str, Sequence[tuple[Piece, ...]]],
) -> bool:
    """Whether ``sum(lhs) == sum(rhs)`` in ``column`` for some cut of the open rows (True when
    there are too many sums to tell)."""
    fixed: Number = 0
    reachable: set[Number] = {0}
    for sign, rows in ((1, lhs), (-1, rhs)):
        for row in rows:
            if row in values:
                fixed += sign * values[row][column]
                continue
            options = {sign * _as_number(cut[column]) for cut in open_cuts[row]}
            reachable = {a + b for a in reachable for b in options}
            if len(reachable) > _SUMS_LIMIT:
                return True
    return -fixed in reachable


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
    stated: Mapping[tuple[str, str], Number] | None = None,
) -> list[RowSolution]:
    """Solve every run of a table. ``known`` holds the rows read normally (numbers per column,
    ``None`` for a blank); ``rules`` are the table's rules, of which those across rows are used
    to choose between the candidates of rows that kept several; ``stated`` holds figures the
    report states in words ("收到申请53件" for (received, total)), which may do the same."""
    solutions = [solve_row(p) for p in problems]
    if stated:
        solutions = [_by_prose(s, columns, stated) for s in solutions]
    values: dict[str, tuple[Number, ...]] = {
        row: tuple(0 if v is None else v for v in cells) for row, cells in known.items()
    }
    for s in solutions:
        if s.cells is not None:
            values[s.row] = tuple(_as_number(p) for p in s.cells)
    solutions = _doubted(solutions, values, rules, columns)
    for s in solutions:
        if s.cells is None:
            values.pop(s.row, None)
    open_rows = [i for i, s in enumerate(solutions) if s.outcome == Outcome.AMBIGUOUS]
    if not open_rows:
        return solutions
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
    # The rules are tested in the columns of parts: every candidate's total is the sum of its
    # parts, so its total column tells nothing more, and a misprinted total in a row read as
    # printed would break the rule there and keep every other row from being chosen.
    totals = {columns.index(r.lhs[0]) for r in rules if r.axis == "row" and r.lhs[0] in columns}
    tested_columns = [c for c in range(len(columns)) if c not in totals]

    def holds(lhs: tuple[str, ...], rhs: tuple[str, ...]) -> bool:
        for c in tested_columns:
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
    # A row no tested rule involves is not chosen, whatever is left of its candidates.
    tested = {r for _, lhs, rhs in checks for r in (*lhs, *rhs)}
    out = list(solutions)
    for i in open_rows:
        row = solutions[i].row
        if row not in tested:
            continue
        chosen = {combo[row] for combo in kept}
        if len(chosen) == 1:
            cut = choices[row][chosen.pop()]
            if _has_vanished(cut):
                continue  # where a vanished cell was is not worth a guess
            out[i] = RowSolution(row, Outcome.CHOSEN, cut, rules=used)
    return out

"""Rows whose cell boundaries were lost, read into the table's cells (the engine's entry)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from gikparse.errors import Diagnostic, Severity
from gikparse.model import Position, Value
from gikparse.numbers import NumberKind, ValueStatus
from gikparse.readers.document import Document, TextCell
from gikparse.recover.digits import Piece, read_run
from gikparse.recover.solve import Group, Number, Outcome, RowProblem, RowSolution, solve_table
from gikparse.schema import ColumnSpec, SumRule

__all__ = ["RunRow", "recover_rows"]

RunRow = tuple[str, Sequence[Position], TextCell]  #: (row id, positions in order, the run)
_SHOWN = 4  #: candidates quoted in a diagnostic


def _groups(positions: Sequence[Position], rules: Sequence[SumRule]) -> tuple[Group, ...]:
    """The rules along rows as (target, parts) indexes into ``positions``."""
    index = {pos: i for i, pos in enumerate(positions)}
    rows = list(dict.fromkeys(r for r, _ in positions))
    out: list[Group] = []
    for rule in rules:
        if rule.axis != "row" or len(rule.lhs) != 1:
            continue
        for row in rows:
            target = index.get((row, rule.lhs[0]))
            parts = [index.get((row, c)) for c in rule.rhs]
            if target is None or any(p is None for p in parts):
                continue
            ordered = tuple(p for p in parts if p is not None)
            if all(p < target for p in ordered):
                out.append((target, ordered))
    return tuple(out)


def _value(doc: Document, cell: TextCell, run_offsets: tuple[int, int], piece: Piece) -> Value:
    start, end = run_offsets
    location = (doc.line_starts, start, end, cell.page, cell.box)
    raw = doc.text[start:end]
    if piece.blank:
        return Value(None, ValueStatus.DASH, raw, location)
    return Value(piece.value, ValueStatus.INFERRED, raw, location)


def _show(cut: tuple[Piece, ...]) -> str:
    return " ".join("—" if p.blank else str(p.value) for p in cut)


def _diagnostic(
    doc: Document, cell: TextCell, table: str, solution: RowSolution, row: str | None
) -> Diagnostic | None:
    location = doc.location(cell.start, cell.end, cell)
    quoted = cell.text if len(cell.text) <= 60 else cell.text[:57] + "…"
    outcome = solution.outcome
    if outcome in (Outcome.SOLE, Outcome.PRINTED, Outcome.CHOSEN):
        code, severity = "P214", Severity.WARNING
        if outcome == Outcome.SOLE:
            why_zh, why_en = (
                "本行合计关系（或数字本身）只允许一种切分",
                ("the row's own total rule (or the characters themselves) allow one cut only"),
            )
        elif outcome == Outcome.PRINTED:
            why_zh, why_en = (
                "数字只允许一种切分（本行合计关系不成立，按原样保留）",
                (
                    "the characters allow one cut only (the row's total rule does not hold as "
                    "printed; kept as printed)"
                ),
            )
        elif solution.rules == ("prose",):
            why_zh = "正文所述数字只与一种切分相符"
            why_en = "a figure the report states in words agrees with one cut only"
        else:
            rules = "、".join(solution.rules)
            why_zh = f"跨行合计关系（{rules}）只留下一种切分"
            why_en = f"the rules across rows ({', '.join(solution.rules)}) keep one cut only"
        assert solution.cells is not None
        message = f"单元格边界丢失的数字“{quoted}”已切分为 {_show(solution.cells)}：{why_zh}"
        message_en = f"digits run together {quoted!r} split as {_show(solution.cells)}: {why_en}"
    elif outcome == Outcome.AMBIGUOUS or (outcome == Outcome.NONE and solution.candidates):
        code, severity = "P215", Severity.ERROR
        shown = "；".join(_show(c) for c in solution.candidates[:_SHOWN])
        more = "…" if len(solution.candidates) > _SHOWN else ""
        if solution.rules == ("doubt",):
            message = (
                f"单元格边界丢失的数字“{quoted}”只有一种切分符合本行合计（{shown}），"
                "但与跨行合计关系不符，可能是印错的合计所致，未采用"
            )
            message_en = (
                f"digits run together {quoted!r}: the one cut the row's total allows ({shown}) "
                "does not fit the table's sums across rows, as a misprinted total could "
                "make happen; left out"
            )
        elif solution.rules == ("missing",):
            message = (
                f"单元格边界丢失的数字“{quoted}”也可能是有空白单元格未印出的切分（{shown}{more}），"
                "未采用"
            )
            message_en = (
                f"digits run together {quoted!r} also fit a cut in which blank cells printed as "
                f"nothing ({shown}{more}); left out"
            )
        elif solution.rules == ("own",):
            message = (
                f"单元格边界丢失的数字“{quoted}”只有一种切分符合本行合计（{shown}），但数字另有"
                "切分，且没有可验证的跨行合计关系确认；印错的合计也会使错误切分相符，未采用"
            )
            message_en = (
                f"digits run together {quoted!r}: one cut fits the row's total ({shown}) but "
                "the digits allow others and no rule across rows could confirm it (a misprinted "
                "total makes a wrong cut fit as well); left out"
            )
        elif outcome == Outcome.AMBIGUOUS:
            message = f"单元格边界丢失的数字“{quoted}”有多种切分，未采用：{shown}{more}"
            message_en = (
                f"digits run together {quoted!r} can be cut several ways; left out: {shown}{more}"
            )
        else:
            message = f"单元格边界丢失的数字“{quoted}”无一切分符合合计关系，且切分不唯一，未采用"
            message_en = (
                f"digits run together {quoted!r}: no cut satisfies the row's rules and the "
                f"characters allow several; left out ({shown}{more})"
            )
    else:
        code, severity = "P216", Severity.ERROR
        if outcome == Outcome.CAPPED:
            message = f"单元格边界丢失的数字“{quoted}”切分方式过多，已停止搜索，未采用"
            message_en = f"digits run together {quoted!r}: too many cuts, search capped; left out"
        else:
            message = f"单元格边界丢失的数字“{quoted}”无法切分为本行各列，未采用"
            message_en = f"digits run together {quoted!r} cannot be cut into the row's columns"
    return Diagnostic(
        code=code,
        severity=severity,
        message=message,
        message_en=message_en,
        table=table,
        row=row,
        location=location,
    )


def recover_rows(
    doc: Document,
    table: str,
    columns: Sequence[ColumnSpec],
    runs: Sequence[RunRow],
    known: Mapping[str, Sequence[Number | None]],
    rules: Sequence[SumRule],
    stated: Mapping[tuple[str, str], Number] | None = None,
) -> tuple[dict[Position, Value], list[Diagnostic]]:
    """Cells of the rows given as runs: decided cells as ``inferred`` (blank marks as
    ``dash``), the others ``ambiguous``, and one diagnostic per run."""
    kinds = {c.id: c.kind for c in columns}
    problems = []
    for row, positions, cell in runs:
        run = read_run(doc.text[cell.start : cell.end], cell.start)
        problems.append(
            RowProblem(
                row,
                run,
                tuple(kinds.get(c, NumberKind.COUNT) for _, c in positions),
                _groups(positions, rules),
            )
        )
    solutions = solve_table(problems, [c.id for c in columns], known, rules, stated)
    cells: dict[Position, Value] = {}
    diagnostics: list[Diagnostic] = []
    for (row, positions, cell), problem, solution in zip(runs, problems, solutions, strict=True):
        if solution.cells is not None:
            for pos, piece in zip(positions, solution.cells, strict=True):
                span = problem.run.span(piece.start, piece.end)
                cells[pos] = _value(doc, cell, span, piece)
        else:
            for pos in positions:
                cells[pos] = Value(None, ValueStatus.AMBIGUOUS)
        one_row = len({r for r, _ in positions}) == 1
        found = _diagnostic(doc, cell, table, solution, row if one_row else None)
        if found is not None:
            diagnostics.append(found)
    return cells, diagnostics

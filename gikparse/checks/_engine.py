"""``check()``: run every rule family over a report, filtered by ``select``/``ignore``."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator

from gikparse.errors import Severity
from gikparse.model import Report, Table
from gikparse.numbers import ValueStatus

from ._catalogue import RULES
from ._context import table_spec
from ._finding import Finding
from ._prose import prose_findings
from ._sections import section_findings
from ._structure import structure_findings
from ._sums import resolve_ids, sum_findings
from ._values import value_findings

__all__ = ["FAMILIES", "Consistency", "check", "consistency", "is_consistent", "unassessable"]

#: The rule families of one report, in the order their findings are listed.
FAMILIES: tuple[Callable[[Report], Iterator[Finding]], ...] = (
    sum_findings,
    value_findings,
    structure_findings,
    prose_findings,
    section_findings,
)


def _codes(spec: str | Iterable[str] | None, name: str) -> tuple[str, ...] | None:
    if spec is None:
        return None
    codes = (spec,) if isinstance(spec, str) else tuple(spec)
    for code in codes:
        if not any(known.startswith(code) for known in RULES):
            raise ValueError(f"{name}: no rule code starts with {code!r}; see docs/checks.md")
    return codes


def _wanted(code: str, select: tuple[str, ...] | None, ignore: tuple[str, ...] | None) -> bool:
    if select is not None and not code.startswith(select):
        return False
    return ignore is None or not code.startswith(ignore)


def check(
    report: Report,
    select: str | Iterable[str] | None = None,
    ignore: str | Iterable[str] | None = None,
) -> tuple[Finding, ...]:
    """Every finding of the consistency rules for ``report``.

    ``select`` and ``ignore`` take rule codes or their prefixes (``"C1"`` is the arithmetic,
    ``"C10"`` the same, ``"C305"`` one rule), as one string or several; ``ignore`` wins. An
    unknown code raises ``ValueError``. Rules that cannot be assessed (a blank cell in a sum)
    are findings with status ``cannot_assess`` and severity ``info``.
    """
    selected, ignored = _codes(select, "select"), _codes(ignore, "ignore")
    return tuple(
        found
        for family in FAMILIES
        for found in family(report)
        if _wanted(found.code, selected, ignored)
    )


class Consistency(str, enum.Enum):
    """The verdict of :func:`consistency`: three answers, since "no failure found" is not
    "consistent" when cells could not be read."""

    CONSISTENT = "consistent"  #: every table is there, every cell read, no error-rule fails
    INCONSISTENT = "inconsistent"  #: a rule of severity ``error`` fails
    CANNOT_TELL = "cannot_tell"  #: no error, but the checks could not see every number


#: Parse diagnostics meaning numbers were read but not placed in a cell: the rules cannot have
#: seen them. (P203, extra cells whose dropping changes nothing, leaves every cell certain.)
_UNPLACED = frozenset({"P201", "P202", "P204", "P206", "P208"})
_UNSEEN = frozenset({ValueStatus.AMBIGUOUS, ValueStatus.UNREADABLE})


def _unassessable_table(table: Table) -> str | None:
    for cell in table.cells:
        if cell.value.status in _UNSEEN:
            return f"{table.id}/{cell.row}/{cell.column} is {cell.value.status.value}"
    if table.unplaced:
        return f"{table.id} has {len(table.unplaced)} value(s) that fit no cell"
    for diagnostic in table.diagnostics:
        if diagnostic.code in _UNPLACED:
            return f"{table.id}: {diagnostic.code} {diagnostic.message_en}"
    return None


def _unprinted_rule_rows(report: Report, table: Table) -> str | None:
    """A sum rule that needs rows (or columns) the table does not print cannot vouch for the
    table: a wrong number among the printed ones would go unseen."""
    spec = table_spec(report, table)
    if spec is None:
        return None
    for rule in spec.rules:
        by_column = rule.axis == "column"
        printed = table.rows if by_column else table.columns
        alternates = tuple(r.id for r in spec.alternate_rows) if by_column else ()
        absent = resolve_ids(rule.lhs, printed, alternates)[1]
        absent += resolve_ids(rule.rhs, printed, alternates)[1]
        if absent:
            return f"{table.id}: rule {rule.code} needs {', '.join(absent)}, not printed"
    return None


def unassessable(report: Report) -> tuple[str, ...]:
    """Why the checks cannot vouch for ``report`` (empty when they can): a parse error (empty
    input, not a report, cells not placed or read…), section 三 or 四's table missing, a
    table with cells that could not be placed or read, or a table that leaves out rows its sum
    rules need."""
    reasons = [
        f"{d.code} {d.message_en}" for d in report.diagnostics if d.severity is Severity.ERROR
    ]
    if report.applications is None:
        reasons.append("the table of section 3 (applications) was not found")
    if report.review_litigation is None:
        reasons.append("the table of section 4 (review_litigation) was not found")
    for table in report.tables:
        for reason in (_unassessable_table(table), _unprinted_rule_rows(report, table)):
            if reason is not None:
                reasons.append(reason)
    return tuple(reasons)


def consistency(report: Report) -> Consistency:
    """``inconsistent`` when a rule of severity ``error`` fails (the tables do not add up or
    hold impossible values); else ``cannot_tell`` when :func:`unassessable` gives a reason
    (a parse error, a table missing, cells ambiguous, unreadable or unplaced); else
    ``consistent``."""
    # C390 restates the parser's own errors: those say the checks could not see, not that a
    # rule fails.
    if any(
        f.is_failure and f.severity is Severity.ERROR and f.code != "C390" for f in check(report)
    ):
        return Consistency.INCONSISTENT
    if unassessable(report):
        return Consistency.CANNOT_TELL
    return Consistency.CONSISTENT


def is_consistent(report: Report) -> bool:
    """True only when :func:`consistency` says ``consistent``: no rule of severity ``error``
    fails, sections 三 and 四 have their tables with every row their sums need, and every cell
    was placed and read. Never
    True for a report the checks could not assess; warnings (structure, prose against
    tables) and blank cells (not reported, which is not zero) do not make it False."""
    return consistency(report) is Consistency.CONSISTENT

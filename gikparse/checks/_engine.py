"""``check()``: run every rule family over a report, filtered by ``select``/``ignore``."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from gikparse.errors import Severity
from gikparse.model import Report

from ._catalogue import RULES
from ._finding import Finding
from ._prose import prose_findings
from ._sections import section_findings
from ._structure import structure_findings
from ._sums import sum_findings
from ._values import value_findings

__all__ = ["FAMILIES", "check", "is_consistent"]

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


def is_consistent(report: Report) -> bool:
    """True when no rule fails with severity ``error``: the tables add up and hold possible
    values. Warnings (structure, prose against tables) and rules that cannot be assessed do not
    make a report inconsistent."""
    return not any(f.is_failure and f.severity is Severity.ERROR for f in check(report))

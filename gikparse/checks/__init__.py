"""Consistency checks: the arithmetic the format implies and the rules nobody checks yet.

``check(report)`` gives the findings of one report, ``check_series(reports)`` those across the
years of one agency. Every rule has a stable code (docs/checks.md): C1xx arithmetic (the sum
rules of the template data), C2xx values, C3xx structure, C4xx prose against tables, C5xx
sections 五 and 六, C6xx across years.
"""

from __future__ import annotations

from ._catalogue import RULES, Rule
from ._engine import Consistency, check, consistency, is_consistent, unassessable
from ._finding import (
    CellRef,
    Finding,
    FindingStatus,
    findings_to_dicts,
    findings_to_json,
    format_findings,
)
from ._prose import statement_findings
from ._series import check_series
from ._sums import evaluate_rule

__all__ = [
    "RULES",
    "CellRef",
    "Consistency",
    "Finding",
    "FindingStatus",
    "Rule",
    "check",
    "check_series",
    "consistency",
    "evaluate_rule",
    "findings_to_dicts",
    "findings_to_json",
    "format_findings",
    "is_consistent",
    "statement_findings",
    "unassessable",
]

"""The seed reports: every ``must_flag`` is reported, nothing in ``must_not_flag`` is.

Each sentence of the expected files is encoded below as an assertion about codes and cells; a
seed whose file gains a sentence fails until the sentence is encoded here.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

import gikparse
from gikparse.checks import Finding, FindingStatus, check, is_consistent
from gikparse.errors import Severity
from tests.conftest import SEEDS, load_expected

Findings = tuple[Finding, ...]
Assertion = Callable[[Findings], None]


def _parsed(name: str) -> gikparse.Report:
    return gikparse.parse(SEEDS / f"{name}.txt")


# ---- 000: prose denies review and litigation; the table has lawsuits, and blank review cells


def _000_prose_denies_litigation(found: Findings) -> None:
    hits = [
        f
        for f in found
        if f.code in ("C404", "C405")
        and f.is_failure
        and f.severity is Severity.WARNING
        and f.table == "review_litigation"
    ]
    assert len(hits) == 1, hits
    (hit,) = hits
    assert hit.expected == 0 and hit.actual == 12  # 5 direct + 7 after review
    assert hit.quote is not None and "未发生" in hit.quote
    assert {(c.row, c.column, c.value) for c in hit.cells} == {
        ("litigation_direct", "total", 5),
        ("litigation_after_review", "total", 7),
    }
    assert hit.text_locations and all(c.location is not None for c in hit.cells)


def _000_review_cells_blank(found: Findings) -> None:
    blank = [f for f in found if f.code == "C305"]
    assert [(f.table, f.row) for f in blank] == [("review_litigation", "review")]
    assert {c.column for c in blank[0].cells} == {
        "upheld",
        "corrected",
        "other",
        "pending",
        "total",
    }
    assert blank[0].severity is Severity.WARNING


def _no_arithmetic_failure(found: Findings) -> None:
    assert [f for f in found if f.code.startswith("C1") and f.is_failure] == []


# ---- 001: rows with one cell too many in 三 and 四


def _001_extra_cells(found: Findings) -> None:
    extra = [(f.table, f.row) for f in found if f.code == "C312"]
    assert extra == [
        ("applications", "outcome.other"),
        ("applications", "outcome.total"),
        ("applications", "carried_forward"),
        ("review_litigation", None),
    ]
    assert all(f.severity is Severity.WARNING for f in found if f.code == "C312")


def _001_no_arithmetic_at_all(found: Findings) -> None:
    assert [f for f in found if f.code.startswith("C1")] == []


def _nothing(found: Findings) -> None:
    assert found == ()


MUST_FLAG: dict[str, tuple[Assertion, ...]] = {
    "000_623967a19d51db49": (
        _000_prose_denies_litigation,
        _000_review_cells_blank,
    ),
    "001_72224a9d5305aabc": (_001_extra_cells,),
    "002_0494dfef68de25df": (),
    "003_74eb19db5e047c3e": (),
    "004_8f5966f2fd715fcd": (),
}
MUST_NOT_FLAG: dict[str, tuple[Assertion, ...]] = {
    "000_623967a19d51db49": (_no_arithmetic_failure,),
    "001_72224a9d5305aabc": (_001_no_arithmetic_at_all,),
    "002_0494dfef68de25df": (_nothing,),
    "003_74eb19db5e047c3e": (_nothing,),
    "004_8f5966f2fd715fcd": (_nothing,),
}


def test_every_expectation_is_encoded(seed_name: str) -> None:
    expected = load_expected(seed_name)
    assert len(MUST_FLAG[seed_name]) == len(expected["must_flag"])
    assert len(MUST_NOT_FLAG[seed_name]) == len(expected["must_not_flag"])


@pytest.mark.parametrize("kind", ["must_flag", "must_not_flag"])
def test_seed_findings(seed_name: str, kind: str) -> None:
    found = check(_parsed(seed_name))
    for assertion in (MUST_FLAG if kind == "must_flag" else MUST_NOT_FLAG)[seed_name]:
        assertion(found)


def test_seed_consistency_verdict(seed_name: str) -> None:
    """No seed breaks the arithmetic; seed 000's review row cannot be assessed."""
    report = _parsed(seed_name)
    assert is_consistent(report)
    unassessed = [
        (f.code, f.row)
        for f in check(report, select="C1")
        if f.status is FindingStatus.CANNOT_ASSESS
    ]
    assert unassessed == ([("C104", "review")] if seed_name.startswith("000") else [])

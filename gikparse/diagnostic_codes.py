"""The catalogue of parse diagnostic codes: what each ``P`` code means and how much it matters.

The parser builds its diagnostics where it notices a problem; this table says, in one place,
what each code is for. A test keeps it in step with the codes the source uses, and the
documentation's reference of codes is generated from it.
"""

from __future__ import annotations

import attrs

__all__ = ["DIAGNOSTIC_CODES", "DiagnosticCode", "diagnostic_code"]


@attrs.frozen(kw_only=True)
class DiagnosticCode:
    """One diagnostic code: ``severity`` as a reader sees it (some codes depend on where they
    occur, e.g. ``"warning (二/三/四), info (一/五/六)"``), the ``family`` (reading, sections,
    tables, prose, pdf) and its ``meaning`` in English."""

    code: str
    severity: str
    family: str
    meaning: str


def _c(code: str, severity: str, family: str, meaning: str) -> DiagnosticCode:
    return DiagnosticCode(code=code, severity=severity, family=family, meaning=meaning)


DIAGNOSTIC_CODES: tuple[DiagnosticCode, ...] = (
    _c(
        "P101", "warning (二/三/四), info (一/五/六)", "sections", "a section heading was not found"
    ),
    _c(
        "P110",
        "warning",
        "sections",
        "the tables follow the other template edition than the report year prescribes; "
        "they are parsed by what they are",
    ),
    _c(
        "P111",
        "warning",
        "sections",
        "the edition could be decided neither from table labels nor from the year; parsed as 2021",
    ),
    _c(
        "P201",
        "warning",
        "tables",
        "a row label no template knows carries numbers; they are kept in Table.unplaced",
    ),
    _c("P202", "warning", "tables", "numbers that follow no row label"),
    _c(
        "P203",
        "warning",
        "tables",
        "a row has more cells than columns, but every way of dropping the extra ones gives "
        "the same numbers: values placed",
    ),
    _c(
        "P204",
        "error",
        "tables",
        "a row has more cells than columns and the values depend on which are dropped: "
        "the row's cells are ambiguous",
    ),
    _c(
        "P205",
        "warning",
        "tables",
        "a row lost one cell; the row's total rule fixes the numbers wherever it was, so the "
        "restored cell has status inferred",
    ),
    _c(
        "P206",
        "error",
        "tables",
        "the number of cells does not fit the columns and cannot be resolved: cells ambiguous",
    ),
    _c("P207", "warning", "tables", "a row is printed twice; the first one is used"),
    _c("P208", "error", "tables", "a cell is not a number (unreadable)"),
    _c("P209", "info", "tables", "an amount in 元 was converted to 万元"),
    _c("P210", "error", "tables", "a table was not found"),
    _c("P211", "warning", "tables", "a row the template prescribes is missing"),
    _c(
        "P212",
        "info",
        "tables",
        "the table prints a row of the other edition; its own id is kept",
    ),
    _c(
        "P213",
        "warning",
        "tables",
        "a section 二 caption (第二十条第(X)项) that the detected edition has no table for",
    ),
    _c("P301", "warning", "prose", "no agency found in the title or the signature"),
    _c("P302", "warning", "prose", "report year not found (neither in the title nor the period)"),
    _c("P303", "warning", "prose", "statistics period ends before it starts"),
    _c("P304", "warning", "prose", "title year differs from the statistics period's years"),
    _c(
        "P305",
        "warning",
        "prose",
        "signature (publication) date is before the end of the statistics period",
    ),
    _c("P306", "info", "prose", "no agency in the title; the signature's agency is used"),
    _c("P307", "info", "prose", "no year in the title; the statistics period's end year is used"),
    _c(
        "P308",
        "warning",
        "prose",
        "the preamble's statistics period names an impossible date (and no other period was found)",
    ),
    _c(
        "P401",
        "warning",
        "pdf",
        "a few PDF glyphs map to no character and were read as U+FFFD (pages named)",
    ),
)


def diagnostic_code(code: str) -> DiagnosticCode:
    """The catalogue entry of ``code``; ``KeyError`` for a code gikparse does not use."""
    for entry in DIAGNOSTIC_CODES:
        if entry.code == code:
            return entry
    raise KeyError(code)

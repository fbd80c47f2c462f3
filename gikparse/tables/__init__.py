"""The table engine: lines of tokens + a TableSpec → Table. Knows nothing of surfaces.

Rows are found by their labels (with the merged group cell they sit under as context), not by
position, because copies of reports lose, smear and add cells. Values are placed by position
only when the count of cells fits the columns, or when every way of fitting them gives the same
numbers; otherwise the row is reported as ambiguous, never guessed.

Its parts: what a cell holds (_cells), finding rows by label (_labels), walking lines into row
drafts (_rows), placing a row's cells on its columns (_placing), a table from its drafts
(_build), and the tables of each section (_sections).
"""

from __future__ import annotations

from gikparse.tables._sections import (
    parse_active_disclosure_lines,
    parse_applications_lines,
    parse_review_lines,
)

__all__ = ["parse_active_disclosure_lines", "parse_applications_lines", "parse_review_lines"]

"""HTML for people: the review page of ``gikparse check --html`` and tables in notebooks.

``table_html`` draws one table in the template's layout with the findings on its cells;
``report_html`` a report's findings and tables; ``page_html``/``write_review`` the
self-contained page for a folder. ``Report._repr_html_`` and ``Table._repr_html_`` use them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ._page import STYLE, Reviewed, page_html, report_html
from ._tables import table_html

__all__ = ["STYLE", "Reviewed", "page_html", "report_html", "table_html", "write_review"]


def write_review(path: Path, items: Sequence[Reviewed], *, lang: str = "zh") -> None:
    """Write the review page of ``items`` to ``path`` (UTF-8; a character UTF-8 cannot hold,
    such as a lone surrogate of a file name that is not UTF-8, is written escaped)."""
    path.write_text(page_html(items, lang=lang), encoding="utf-8", errors="backslashreplace")

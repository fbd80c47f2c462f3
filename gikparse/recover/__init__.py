"""Recovering tables that lost their shape, from the template and its arithmetic.

``reline`` cuts text that lost its lines at the template's headings and labels; ``digits`` lists
the ways a run of characters can be cut into cells; ``solve`` keeps the cuts the template's sum
rules allow; ``cells`` turns the decided cuts into a table's cells and diagnostics; ``blocks``
places numbers printed apart from their labels (by column, or rows without labels); ``labels``
reads a misprinted row label standing where its template row belongs. See docs/recovery.md.
"""

from __future__ import annotations

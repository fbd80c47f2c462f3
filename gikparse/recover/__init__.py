"""Recovering tables whose cell boundaries were lost, from the template and its arithmetic.

``reline`` cuts text that lost its lines at the template's headings and labels; ``digits`` lists
the ways a run of characters can be cut into cells; ``solve`` keeps the cuts the template's sum
rules allow; ``cells`` turns the decided cuts into a table's cells and diagnostics.
"""

from __future__ import annotations

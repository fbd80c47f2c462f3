"""Row labels with a typo, a character dropped or one too many: the template row they stand for.

A label no template row has (``6.属于四类过程信息``, ``3.危及"三安全一稳走"``) is read as a row
only when it is close to that row's label (one character changed, dropped or added; two for
long labels) and it sits where that row belongs: right after the row read before it, in the
template's order. A label as close to another row is not read at all.
"""

from __future__ import annotations

from collections.abc import Sequence

from gikparse.schema import RowSpec

__all__ = ["near_row", "next_row"]

_MIN_KEY = 4  #: shorter labels (规章, 行政许可…) differ from others by as little as a typo


def _distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of ``a`` and ``b``, or ``limit + 1`` once it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def _allowed(key: str) -> int:
    return 0 if len(key) < _MIN_KEY else (2 if len(key) >= 10 else 1)


def _close(core: str, row: RowSpec) -> bool:
    return any(_distance(core, k, _allowed(k)) <= _allowed(k) for k in row.keys if _allowed(k))


def next_row(rows: Sequence[RowSpec], previous: RowSpec | None) -> RowSpec | None:
    """The row the template prints after ``previous`` (the first row if None)."""
    if previous is None:
        return rows[0] if rows else None
    for index, row in enumerate(rows):
        if row is previous:
            return rows[index + 1] if index + 1 < len(rows) else None
    return None


def near_row(
    core: str, number: int | None, expected: RowSpec | None, rows: Sequence[RowSpec]
) -> RowSpec | None:
    """``expected`` when ``core`` (a label's normalised text without its ordinal, printed with
    ``number``) is close to its label and to no other row's."""
    if expected is None or not core:
        return None
    if number is not None and expected.ordinal is not None and number != expected.ordinal:
        return None
    if not _close(core, expected):
        return None
    if any(row is not expected and _close(core, row) for row in rows):
        return None
    return expected

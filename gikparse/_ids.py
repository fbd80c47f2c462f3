"""The ids the templates know, and the ``KeyError`` for an id that is none of them.

A typo'd id must not look like a blank cell: ``table.value("recieved", "total")`` raises,
naming the valid ids and the closest one, while a known id the report does not print gives
``None``.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterable

__all__ = ["known_columns", "known_rows", "known_sections", "known_tables", "unknown_id"]

#: Sections the outline has besides the six numbered ones.
_EXTRA_SECTIONS = ("title", "preamble", "signature")


@functools.cache
def known_tables() -> frozenset[str]:
    """Every qualified and short table id of every template edition."""
    from gikparse.schema import TEMPLATES  # the schema is data; loaded when first needed

    specs = [spec for template in TEMPLATES.values() for spec in template.tables]
    return frozenset(name for spec in specs for name in (spec.qualified_id, spec.id))


@functools.cache
def known_sections() -> frozenset[str]:
    from gikparse.schema import SECTIONS

    return frozenset(s.id for s in SECTIONS) | frozenset(_EXTRA_SECTIONS)


@functools.cache
def _table_ids(table_id: str) -> tuple[frozenset[str], frozenset[str]]:
    from gikparse.schema import TEMPLATES

    rows: set[str] = set()
    columns: set[str] = set()
    for template in TEMPLATES.values():
        for spec in template.tables:
            if table_id in (spec.qualified_id, spec.id):
                rows.update(r.id for r in spec.all_rows())
                columns.update(c.id for c in spec.columns)
    return frozenset(rows), frozenset(columns)


def known_rows(table_id: str) -> frozenset[str]:
    """The row ids any edition's table ``table_id`` can have."""
    return _table_ids(table_id)[0]


def known_columns(table_id: str) -> frozenset[str]:
    return _table_ids(table_id)[1]


def unknown_id(kind: str, given: str, valid: Iterable[str]) -> KeyError:
    """The ``KeyError`` for an unknown ``kind`` id: the valid ids, and the closest ones."""
    choices = sorted(set(valid))
    close = difflib.get_close_matches(str(given), choices, n=3, cutoff=0.6)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    return KeyError(f"unknown {kind} id {given!r}{hint} (valid: {', '.join(choices)})")

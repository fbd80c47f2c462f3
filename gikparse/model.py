"""Result types. Frozen, slotted, hashable; raw text and locations never take part in equality."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any

import attrs

from gikparse import _ids
from gikparse.errors import Diagnostic
from gikparse.location import Location, PendingLocation, locate
from gikparse.numbers import ValueStatus

__all__ = [
    "Cell",
    "Contact",
    "Meta",
    "Report",
    "Section",
    "Table",
    "TemplateEvidence",
    "Value",
]

Number = int | Decimal


@attrs.frozen
class Value:
    """One statistical cell's content: the number (or ``None``), why, its raw text and origin."""

    value: Number | None
    status: ValueStatus = ValueStatus.NUMBER
    raw: str = attrs.field(default="", eq=False, repr=False)
    # A parser passes a PendingLocation: most locations are never looked at, and building
    # hundreds per report was a tenth of the parsing time.
    _location: Location | PendingLocation | None = attrs.field(
        default=None, eq=False, repr=False, alias="location"
    )
    converted_from: str | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def location(self) -> Location | None:
        """Where the cell's raw text is in ``Report.text`` (``None`` for values not read)."""
        found = self._location
        if found is None or isinstance(found, Location):
            return found
        resolved = locate(*found)
        object.__setattr__(self, "_location", resolved)  # once; not part of equality
        return resolved


@attrs.frozen
class Cell:
    """A value placed at a canonical row and column of a table."""

    row: str
    column: str
    value: Value


Position = tuple[str, str]  #: (row id, column id)
#: A number as a parser keeps it until its Value is asked for: (number, raw text, where). Most
#: cells are plain numbers and most uses only look at the numbers; making a Value for each up
#: front was a tenth of the parsing time.
PendingValue = tuple[Number, str, PendingLocation]


def value_of(found: Value | PendingValue) -> Value:
    """The Value of a cell's content, made from its pending form if need be."""
    if isinstance(found, tuple):
        return Value(found[0], ValueStatus.NUMBER, found[1], found[2])
    return found


def _number_of(found: Value | PendingValue) -> Number | None:
    return found[0] if isinstance(found, tuple) else found.value


def _contents(
    values: dict[Position, Value | PendingValue],
) -> tuple[tuple[Position, Number | None, ValueStatus], ...]:
    """What equality compares: each cell's number and status (as ``Value`` does)."""
    return tuple(
        (position, found[0], ValueStatus.NUMBER)
        if isinstance(found, tuple)
        else (position, found.value, found.status)
        for position, found in values.items()
    )


Contents = Mapping[Position, Value | PendingValue]


def _to_values(cells: Iterable[Cell] | Contents) -> dict[Position, Value | PendingValue]:
    # A copy either way: a table must not change with the mapping it was given.
    if isinstance(cells, Mapping):
        return dict(cells)
    return {(c.row, c.column): c.value for c in cells}


@attrs.frozen(kw_only=True, repr=False)
class Table:
    """A parsed statistical table with the spec's ids.

    ``id`` is qualified: ``active_disclosure.rules``, ``applications``, ``review_litigation``.
    ``rows`` and ``columns`` are the ids present in this table, in template order. ``cells``
    is given as Cells or as a mapping (row id, column id) → Value, in the order the report
    prints them; one value per position. Parsers give plain numbers in their pending form, and
    a table makes each ``Value`` and ``Cell`` the first time it is read.
    """

    id: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    _values: dict[Position, Value | PendingValue] = attrs.field(
        factory=dict, alias="cells", converter=_to_values, eq=_contents
    )
    diagnostics: tuple[Diagnostic, ...] = attrs.field(default=(), eq=False)
    unplaced: tuple[Value, ...] = attrs.field(default=(), eq=False)
    _cells: tuple[Cell, ...] | None = attrs.field(init=False, default=None, eq=False)

    def __getstate__(self) -> dict[str, object]:
        # The Cell cache is remade when read: not worth pickling to another process.
        return {
            "id": self.id,
            "rows": self.rows,
            "columns": self.columns,
            "_values": self._values,
            "diagnostics": self.diagnostics,
            "unplaced": self.unplaced,
        }

    def __setstate__(self, state: dict[str, object]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)
        object.__setattr__(self, "_cells", None)

    @property
    def cells(self) -> tuple[Cell, ...]:
        """Every cell, in the order the report prints them."""
        cells = self._cells
        if cells is None:
            values = self._values
            cells = tuple(Cell(r, c, self._made(r, c, found)) for (r, c), found in values.items())
            object.__setattr__(self, "_cells", cells)  # once; not part of equality
        return cells

    def _made(self, row: str, column: str, found: Value | PendingValue) -> Value:
        """The Value of a cell, made from its pending form once and then kept."""
        if isinstance(found, Value):
            return found
        value = self._values[row, column] = value_of(found)
        return value

    def __repr__(self) -> str:
        return (
            f"<Table {self.id!r} rows={len(self.rows)} columns={len(self.columns)}"
            f" cells={len(self._values)} diagnostics={len(self.diagnostics)}>"
        )

    @property
    def short_id(self) -> str:
        return self.id.rpartition(".")[2]

    def _check_ids(self, row: str, column: str | None = None) -> None:
        """Raise ``KeyError`` for a row or column id no edition of this table has (a typo);
        called only when a cell is not found, so valid lookups pay nothing."""
        if row not in self.rows and row not in _ids.known_rows(self.id):
            raise _ids.unknown_id("row", row, (*self.rows, *_ids.known_rows(self.id)))
        if (
            column is not None
            and column not in self.columns
            and column not in _ids.known_columns(self.id)
        ):
            valid = (*self.columns, *_ids.known_columns(self.id))
            raise _ids.unknown_id("column", column, valid)

    def cell(self, row: str, column: str) -> Value | None:
        """The Value at ``row``/``column``, or ``None`` if the table has no such cell.

        An id that no edition of the table has raises ``KeyError`` (with the valid ids).
        """
        found = self._values.get((row, column))
        if found is None:
            self._check_ids(row, column)
            return None
        return self._made(row, column, found)

    def value(self, row: str, column: str) -> Number | None:
        """The number at ``row``/``column``; ``None`` for blank, dash, unreadable or absent.

        An id that no edition of the table has raises ``KeyError`` (with the valid ids).
        """
        found = self._values.get((row, column))
        if found is None:
            self._check_ids(row, column)
            return None
        return _number_of(found)

    def row(self, row: str) -> dict[str, Value]:
        """Column id → Value of the row (empty for a row the table does not print); an unknown
        row id raises ``KeyError``."""
        # _made only replaces values of existing keys, which iterating the dict allows.
        found = {c: self._made(r, c, v) for (r, c), v in self._values.items() if r == row}
        if not found:
            self._check_ids(row)
        return found

    def to_dict(self) -> dict[str, dict[str, Any]]:
        """row id → column id → JSON value (int, decimal string, or null)."""
        values = self._values
        out: dict[str, dict[str, Any]] = {}
        for row in self.rows:
            numbers = out[row] = {}
            for column in self.columns:
                found = values.get((row, column))
                if found is None:
                    continue
                numbers[column] = json_number(_number_of(found))
        return out

    def __iter__(self) -> Iterator[Cell]:
        return iter(self.cells)

    def _repr_html_(self) -> str:
        """The table in the template's layout (notebooks); statuses shown, no findings."""
        from gikparse.review import STYLE, table_html

        return f"<style>{STYLE}</style>{table_html(self)}"


def json_number(value: Number | None) -> int | str | None:
    """Integers as numbers, decimals as exact strings, nothing as null."""
    if value is None or isinstance(value, int):
        return value
    return str(value)


@attrs.frozen(kw_only=True)
class Section:
    """One of the six sections (or ``title``/``preamble``/``signature``) and its text.

    ``items`` are the numbered parts (``（一）``, ``1.``, ``一是``) as found; ``parts`` are
    headed sub-parts ``(heading, text)``.
    """

    id: str
    heading: str
    text: str = attrs.field(eq=False)
    items: tuple[str, ...] = attrs.field(default=(), eq=False)
    parts: tuple[tuple[str, str], ...] = attrs.field(default=(), eq=False)
    location: Location | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def is_empty(self) -> bool:
        return not self.text.strip()


@attrs.frozen(kw_only=True)
class Contact:
    address: str | None = None
    postcode: str | None = None
    phone: str | None = None
    email: str | None = None
    website: str | None = None

    def to_dict(self) -> dict[str, str]:
        return {k: v for k, v in attrs.asdict(self).items() if v is not None}


@attrs.frozen(kw_only=True)
class Meta:
    """Facts stated in the prose around the tables."""

    title: str | None = None
    agency: str | None = None
    year: int | None = None
    period: tuple[dt.date, dt.date] | None = None
    published: dt.date | None = None
    signed_by: str | None = None
    contact: Contact = Contact()


@attrs.frozen(kw_only=True)
class TemplateEvidence:
    """Which template the tables follow, and the labels that decided it."""

    variant: str | None
    evidence: tuple[str, ...] = ()
    by_year: str | None = None

    @property
    def mismatch(self) -> bool:
        return None not in (self.variant, self.by_year) and self.variant != self.by_year


@attrs.frozen(kw_only=True)
class Report:
    """A parsed annual report."""

    meta: Meta
    template: TemplateEvidence
    sections: tuple[Section, ...]
    active_disclosure: tuple[Table, ...]
    applications: Table | None
    review_litigation: Table | None
    diagnostics: tuple[Diagnostic, ...] = attrs.field(default=(), eq=False)
    source: str | None = attrs.field(default=None, eq=False)
    text: str = attrs.field(default="", eq=False, repr=False)

    @property
    def variant(self) -> str | None:
        return self.template.variant

    @property
    def year(self) -> int | None:
        return self.meta.year

    @property
    def agency(self) -> str | None:
        return self.meta.agency

    @property
    def tables(self) -> tuple[Table, ...]:
        extra = tuple(t for t in (self.applications, self.review_litigation) if t is not None)
        return self.active_disclosure + extra

    def table(self, table_id: str) -> Table | None:
        """A table by qualified (``active_disclosure.rules``) or short (``rules``) id.

        ``None`` when the report does not print it; ``KeyError`` (with the valid ids) for an
        id no template edition has.
        """
        for found in self.tables:
            if table_id in (found.id, found.short_id):
                return found
        if table_id not in _ids.known_tables():
            raise _ids.unknown_id("table", table_id, _ids.known_tables())
        return None

    def section(self, section_id: str) -> Section | None:
        """A section by id (``overview`` … ``other_matters``); ``None`` when the report lacks
        it, ``KeyError`` (with the valid ids) for an unknown id."""
        for found in self.sections:
            if found.id == section_id:
                return found
        if section_id not in _ids.known_sections():
            raise _ids.unknown_id("section", section_id, _ids.known_sections())
        return None

    def to_dict(self) -> dict[str, Any]:
        from gikparse.export import report_to_dict

        return report_to_dict(self)

    def to_records(self) -> list[dict[str, Any]]:
        from gikparse.export import report_to_records

        return report_to_records(self)

    def _repr_html_(self) -> str:
        """The report's findings and tables, failing cells marked (notebooks)."""
        from html import escape

        from gikparse.checks import check
        from gikparse.review import STYLE, report_html

        head = " · ".join(str(x) for x in (self.agency, self.year, self.variant) if x is not None)
        return (
            f'<div class="gik-page"><style>{STYLE}</style><p>{escape(head)}</p>'
            f"{report_html(self, check(self))}</div>"
        )

    def __repr__(self) -> str:
        return (
            f"<Report {self.meta.agency!r} {self.meta.year} variant={self.template.variant}"
            f" tables={len(self.tables)} diagnostics={len(self.diagnostics)}>"
        )

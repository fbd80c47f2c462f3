"""Types of the template data: what a template says, not how to read it."""

from __future__ import annotations

import attrs

from gikparse.normalize import normalize, split_ordinal, strip_ordinal
from gikparse.numbers import NumberKind

__all__ = ["ColumnSpec", "RowSpec", "SectionSpec", "SumRule", "TableSpec", "Template"]


def _label_keys(label: str, aliases: tuple[str, ...]) -> tuple[str, ...]:
    keys: list[str] = []
    for text in (label, *aliases):
        key = strip_ordinal(normalize(text))
        if key not in keys:
            keys.append(key)
    return tuple(keys)


@attrs.frozen(cache_hash=True)
class ColumnSpec:
    """One column: canonical id, official label, labels seen in the wild, kind of number."""

    id: str
    label: str
    aliases: tuple[str, ...] = ()
    kind: NumberKind = NumberKind.COUNT
    #: Normalised labels (ordinal removed) that name this column.
    keys: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "keys", _label_keys(self.label, self.aliases))


@attrs.frozen(cache_hash=True)
class RowSpec:
    """One row. ``group`` is the label of the merged heading cell the row sits under."""

    id: str
    label: str
    aliases: tuple[str, ...] = ()
    group: str | None = None
    #: Normalised labels (ordinal removed) that name this row.
    keys: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)
    #: Normalised group label without its ordinal, e.g. "不予公开".
    group_key: str | None = attrs.field(init=False, eq=False, repr=False)
    #: The ordinal the label is printed with (``3`` for ``3.其他``), if any.
    ordinal: int | None = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "keys", _label_keys(self.label, self.aliases))
        object.__setattr__(self, "ordinal", split_ordinal(normalize(self.label))[0])
        group_key = None if self.group is None else strip_ordinal(normalize(self.group))
        object.__setattr__(self, "group_key", group_key)


@attrs.frozen(cache_hash=True)
class SumRule:
    """The sum of the ``lhs`` ids equals the sum of the ``rhs`` ids, along ``axis``.

    ``axis="column"``: ids are rows, and the rule holds in every column.
    ``axis="row"``: ids are columns, and the rule holds in every row.
    """

    code: str
    axis: str
    lhs: tuple[str, ...]
    rhs: tuple[str, ...]
    description: str


@attrs.frozen(kw_only=True, cache_hash=True)
class TableSpec:
    """A statistical table of a template.

    ``rows`` are the rows the template prints; ``alternate_rows`` are rows of the other
    template that real reports still print, recognised and reported in a diagnostic.
    """

    id: str
    section: str
    caption: str | None
    columns: tuple[ColumnSpec, ...]
    rows: tuple[RowSpec, ...]
    alternate_rows: tuple[RowSpec, ...] = ()
    rules: tuple[SumRule, ...] = ()
    unit: str | None = None
    #: ``section.table`` for section 二's sub-tables, else the section id.
    qualified_id: str = attrs.field(init=False, eq=False)
    #: Row id → position in ``all_rows()``: the order tables list the rows they print.
    row_order: dict[str, int] = attrs.field(init=False, eq=False, repr=False)
    _all_rows: tuple[RowSpec, ...] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        qualified = self.section if self.id == self.section else f"{self.section}.{self.id}"
        object.__setattr__(self, "qualified_id", qualified)
        object.__setattr__(self, "_all_rows", self.rows + self.alternate_rows)
        object.__setattr__(self, "row_order", {r.id: i for i, r in enumerate(self._all_rows)})

    def column(self, column_id: str) -> ColumnSpec:
        for col in self.columns:
            if col.id == column_id:
                return col
        raise KeyError(column_id)

    def all_rows(self) -> tuple[RowSpec, ...]:
        """The template's rows, then the other edition's rows real reports still print."""
        return self._all_rows


@attrs.frozen(cache_hash=True)
class SectionSpec:
    """One of the six sections: number (1–6), id, official heading, key phrases of variants."""

    number: int
    id: str
    heading: str
    phrases: tuple[str, ...]


@attrs.frozen(kw_only=True, cache_hash=True)
class Template:
    """One edition of the format: the tables it prescribes and the years it applies to."""

    variant: str
    years: tuple[int, int]  #: first and last report year (inclusive) the edition is for
    fixed_by: str
    active_disclosure: tuple[TableSpec, ...]
    applications: TableSpec
    review_litigation: TableSpec

    @property
    def tables(self) -> tuple[TableSpec, ...]:
        return (*self.active_disclosure, self.applications, self.review_litigation)

    def table(self, qualified_id: str) -> TableSpec:
        for spec in self.tables:
            if qualified_id in (spec.qualified_id, spec.id):
                return spec
        raise KeyError(qualified_id)

"""The surface-neutral document every reader produces: lines of cells over one text.

Readers know nothing about reports. A prose line is a line with one cell; a table row is a line
with several (from tabs, pipes, aligned spaces, or a real HTML/PDF grid). Every cell keeps the
span of its raw text in ``Document.text`` so values can point back at their source.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import NamedTuple

import attrs

from gikparse.errors import Diagnostic
from gikparse.location import Location, locate

__all__ = ["Document", "Line", "LineKind", "TextCell"]


class LineKind(str, enum.Enum):
    TEXT = "text"  #: prose, or a line whose cell boundaries were lost
    ROW = "row"  #: a table row with cell boundaries
    HEADING = "heading"  #: a heading marked up as such (markdown ``#``, HTML ``<h2>``)
    #: A piece of a line whose cell boundaries were lost, cut at a template label: a label cell,
    #: then (if any) one cell holding the run of the row's values (gikparse.recover.reline).
    RUN = "run"


class TextCell(NamedTuple):
    """A cell: display ``text`` (markup removed, whitespace trimmed) and its raw span.

    A named tuple rather than an attrs class: a document has thousands and readers make them in
    their innermost loop.
    """

    text: str
    start: int
    end: int
    row_span: int = 1
    col_span: int = 1
    page: int | None = None
    box: tuple[float, float, float, float] | None = None
    #: (start, end) of the cell in the original source when the reader laid out its own text
    #: (HTML: offsets into the decoded page); ``None`` when ``Document.text`` is the source.
    source: tuple[int, int] | None = None
    #: The grid column the cell starts in (0 first), when the reader laid out a table's grid
    #: from its markup (a web page's, a Word file's); ``None`` otherwise.
    column: int | None = None


class Line(NamedTuple):
    """A line of the document: one cell for prose, several for a table row. A named tuple for
    the same reason as TextCell."""

    cells: tuple[TextCell, ...]
    start: int
    end: int
    kind: LineKind = LineKind.TEXT
    level: int = 0  #: heading level, 0 when not a marked-up heading
    table: int | None = None  #: index of the source grid (HTML/PDF tables), if any
    page: int | None = None

    @property
    def text(self) -> str:
        """The cells' text joined by tabs."""
        cells = self.cells
        if len(cells) == 1:
            return cells[0].text
        return "\t".join([c.text for c in cells])

    @property
    def is_blank(self) -> bool:
        return all(not c.text for c in self.cells)


def _meta_copy(meta: Mapping[str, str]) -> Mapping[str, str]:
    return dict(meta)  # a copy: the reader's dict cannot change the document


@attrs.frozen
class Document:
    """``text`` is the exact source text (text, markdown) or the text a reader laid out (PDF)."""

    text: str
    lines: tuple[Line, ...]
    kind: str = "text"
    #: What the reader noticed about the surface (e.g. a few unmapped PDF glyphs).
    diagnostics: tuple[Diagnostic, ...] = attrs.field(default=(), eq=False)
    #: Evidence a reader found outside the report's own text, by key (e.g. the metadata box of
    #: a web page: ``agency``, ``published``, ``title``); the parser uses it only for facts the
    #: report text does not state. Surface-neutral: any reader may fill it.
    meta: Mapping[str, str] = attrs.field(factory=dict, eq=False, converter=_meta_copy)
    #: Whether the cells of its tables' rows (lines with a ``table``) are the source's own
    #: markup (a web page's ``<td>``, a Word table's ``w:tc``), never cut from positions as a
    #: PDF's are: a cell then holds exactly what one cell of the table shows.
    marked_cells: bool = attrs.field(default=False, eq=False)
    #: The offset in ``text`` where each line of it starts (what ``locate`` needs).
    line_starts: tuple[int, ...] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        starts = [0]
        find = self.text.find
        at = find("\n")
        while at >= 0:
            starts.append(at + 1)
            at = find("\n", at + 1)
        object.__setattr__(self, "line_starts", tuple(starts))

    def location(self, start: int, end: int, cell: TextCell | None = None) -> Location:
        """Location of ``text[start:end]``; page and box come from ``cell`` when it has them."""
        if cell is None:
            return locate(self.line_starts, start, end)
        return locate(self.line_starts, start, end, cell.page, cell.box, cell.source)

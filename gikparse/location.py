"""Where a piece of text came from."""

from __future__ import annotations

import bisect

import attrs

__all__ = ["Location", "PendingLocation", "locate"]

Box = tuple[float, float, float, float]
#: What ``locate`` needs, kept instead of a Location until someone asks for it: the start
#: offset of every line of the text, the span, and the page and box of its cell (PDFs).
#: A sixth item, the cell's span in the original source (see ``Location.source_offset``), is
#: optional.
PendingLocation = (
    tuple[tuple[int, ...], int, int, "int | None", "Box | None"]
    | tuple[tuple[int, ...], int, int, "int | None", "Box | None", "tuple[int, int] | None"]
)


@attrs.frozen(kw_only=True)
class Location:
    """A span of the document text (``offset``/``length`` into ``Document.text``).

    ``line`` and ``column`` are 1-based. PDFs add ``page`` (1-based) and ``box``
    (x0, y0, x1, y1 in PDF points, origin bottom left). Readers that lay out their own text
    from markup (HTML) add ``source_offset``/``source_length``: the span of the value's cell in
    the original source (the decoded page).
    """

    offset: int
    length: int
    line: int
    column: int
    page: int | None = None
    box: Box | None = None
    source_offset: int | None = None
    source_length: int | None = None

    def __str__(self) -> str:
        page = f"page {self.page}, " if self.page is not None else ""
        return f"{page}line {self.line}, col {self.column}"

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "offset": self.offset,
            "length": self.length,
            "line": self.line,
            "column": self.column,
        }
        if self.page is not None:
            out["page"] = self.page
        if self.box is not None:
            out["box"] = list(self.box)
        if self.source_offset is not None:
            out["source_offset"] = self.source_offset
            out["source_length"] = self.source_length
        return out


def locate(
    line_starts: tuple[int, ...],
    start: int,
    end: int,
    page: int | None = None,
    box: Box | None = None,
    source: tuple[int, int] | None = None,
) -> Location:
    """The Location of ``text[start:end]`` given the start offset of each line of ``text``;
    ``source``: the (start, end) of the cell in the original source, if the reader knows it."""
    line = bisect.bisect_right(line_starts, start)
    return Location(
        offset=start,
        length=end - start,
        line=line,
        column=start - line_starts[line - 1] + 1,
        page=page,
        box=box,
        source_offset=None if source is None else source[0],
        source_length=None if source is None else source[1] - source[0],
    )

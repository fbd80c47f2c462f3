"""Where a piece of text came from."""

from __future__ import annotations

import attrs

__all__ = ["Location"]


@attrs.frozen(kw_only=True)
class Location:
    """A span of the document text (``offset``/``length`` into ``Document.text``).

    ``line`` and ``column`` are 1-based. PDFs add ``page`` (1-based) and ``box``
    (x0, y0, x1, y1 in PDF points, origin bottom left).
    """

    offset: int
    length: int
    line: int
    column: int
    page: int | None = None
    box: tuple[float, float, float, float] | None = None

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
        return out

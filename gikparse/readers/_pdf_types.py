"""Plain data passed from the pdfminer device to the pure layout functions.

Glyphs and edges are ``NamedTuple``s rather than attrs classes: a page has thousands of them and
tuples are the cheapest typed records to create, which matters for the parse-time budget.
"""

from __future__ import annotations

from typing import NamedTuple

import attrs

__all__ = ["Box", "Edge", "Glyph", "RawPage"]

Box = tuple[float, float, float, float]


class Glyph(NamedTuple):
    """One drawn character. Coordinates are PDF points, origin bottom left."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    upright: bool = True

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


class Edge(NamedTuple):
    """An axis-parallel ruling segment: ``horizontal`` at ``pos`` (y) from ``lo`` to ``hi`` (x),
    or vertical at ``pos`` (x) from ``lo`` to ``hi`` (y)."""

    horizontal: bool
    pos: float
    lo: float
    hi: float


@attrs.frozen(kw_only=True)
class RawPage:
    """What the device saw on one page: glyphs, ruling edges, and how many images."""

    number: int  #: 1-based
    width: float
    height: float
    glyphs: tuple[Glyph, ...]
    edges: tuple[Edge, ...]
    images: int = 0
    undefined: int = 0  #: glyphs whose font has no mapping to Unicode (``(cid:N)``)
    far: int = 0  #: glyphs dropped for coordinates that are not finite or absurdly far

"""An element of a web page as the layout needs it, and a cell of a table's grid."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gikparse.readers._html_plain_table import PlainTable

__all__ = ["Element", "GridCell", "display_order"]


class Element:
    """A kept element: its tag, what its attributes say, children and span in the page.

    A child is an Element or, for a run of text, the int offset where the run starts in the
    page (it ends at the next ``<`` of the fed page, see :func:`text_end`): pages hold
    hundreds of thousands of runs, and an int is the smallest thing that says where one is.
    """

    __slots__ = (
        "apart",
        "blank",
        "body_open",
        "children",
        "chrome",
        "col_span",
        "end",
        "fostered",
        "grid",
        "has_table",
        "hidden",
        "invisible",
        "nested",
        "row_span",
        "start",
        "tag",
        "visible",
    )

    def __init__(self, tag: str, start: int) -> None:
        self.tag = tag
        self.children: list[Element | int] = []
        self.start = start
        self.end = start
        self.hidden = False
        #: (a row or cell) shown, but empty: ``visibility:hidden``, ``hidden="until-found"``
        self.blank = False
        #: ``visibility:hidden`` (or ``collapse``): its text is not shown, but that of an
        #: element inside it that is ``visibility:visible`` is (visibility is inherited)
        self.invisible = False
        self.visible = False  #: ``visibility:visible`` said of it (see invisible)
        #: (inline) raised, lowered or struck out by its style: its text stands apart from the
        #: text beside it, as a <sup>'s does (see _html_tree.APART_EDGE)
        self.apart = False
        self.chrome = False
        self.has_table = False  #: a table with a table inside (a layout table)
        self.row_span = 1
        self.col_span = 1
        self.nested = 0  #: unmarked inline tags of its own name open inside it
        #: started directly in a table, a row group or a row, where only table parts belong:
        #: browsers show it (and its text) above the table, and the next table part ends it
        self.fostered = False
        #: (a table) rows written directly in it are open, in the row group browsers imply
        self.body_open = False
        #: a plain table, read in one pass (its children are then only the text around it)
        self.grid: PlainTable | None = None


# A table cell as the grid reads it: its (start, end) in the page, its row span and column
# span as written, and its children (runs of text and line breaks).
GridCell = tuple[int, int, int, int, list[Element | int]]


def display_order(tags: list[str]) -> list[int]:
    """The order browsers show a table's row groups in, given each group's tag (``""`` for
    rows directly in the table): its first ``<thead>`` on top and its first ``<tfoot>`` at the
    bottom, wherever they are written; every other group where it is (CSS 2.1, 17.2)."""
    order = list(range(len(tags)))
    for tag, place in (("thead", 0), ("tfoot", len(tags))):
        if tag in tags:
            first = tags.index(tag)
            order.remove(first)
            order.insert(place, first)
    return order

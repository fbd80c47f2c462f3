"""A plain table read in one pass, without building its elements: what most report tables are.

A plain table holds rows (``<tr>``, optionally in ``<tbody>``/``<thead>``/``<tfoot>``) of cells
of text, styling tags and line breaks (in a plain ``<p>`` at most), comments, and nothing else
but text between them, which is no cell's and is not shown in the table. Reading it tag by tag
would build an element for every row and cell and lay them out again; here each part is
matched once, in order, and the cells come out as the layout needs them, with the runs of text
the tokenizer would record. Anything else inside (a nested table, a caption, a cell outside a
row, markup inside an attribute, a single column...) makes it no plain table: the tokenizer
then reads it tag by tag, as it reads every other table. The tokenizer also checks that no
word that may hide text or mark chrome is in it (see _html_prepare.MARK).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import cast

from gikparse.readers._html_element import Element, GridCell, display_order
from gikparse.readers._html_markup import (
    ATTRS,
    ATTRS_TO_FIRST_GT,
    BLANK,
    BLANK_TEXT,
    NAME_END,
    STYLING,
    STYLING_TAG,
    attributes,
    attributes_pattern,
    several_runs,
    span_value,
    tags_end_at_first_gt,
)

__all__ = ["OverBudget", "PlainTable", "read_plain_table"]

# A line break, as the tokenizer reads one (``</br>`` too, as in browsers).
_BREAK = rf"<br{NAME_END}{ATTRS}>|</br{BLANK}>"
_BREAK_OR_STYLING = re.compile(rf"{_BREAK}|{STYLING_TAG}")
_TAG = re.compile(r"<[^>]*>")  # where tags end at their first ">" (tags_end_at_first_gt)
# The group of a part's attributes, for the parts whose attributes may hold a mark.
_ATTRIBUTES_OF = {"cend": "cattrs", "row": "row", "group_attrs": "group_attrs"}


def _part_pattern(attrs: str, no_lt: str) -> re.Pattern[str]:
    """One part of a plain table after the text before it (``gap``, shown in no cell), its
    tags' attributes matched by ``attrs`` (``no_lt``: holding no "<"). The alternatives start
    differently, so that a failed match fails at once."""
    styling = rf"</?{STYLING}{NAME_END}{no_lt}>"
    line_break = rf"<br{NAME_END}{no_lt}>|</br{BLANK}>"
    return re.compile(
        r"(?P<gap>[^<]*)<(?:"
        # A cell: as the tokenizer's cell token (see _html_markup.CELL_TOKEN), and line
        # breaks. Its content is read one way only: tags, then its first run of text
        # (``run``), then tags each with the run after it (``more``: the last of those, if
        # any), so that a cell of one run (most) says where it starts.
        rf"(?P<cell>td|th){NAME_END}(?P<cattrs>{attrs})>"
        rf"(?P<para><p(?=[\t\n\r\f >]){no_lt}>)?"
        rf"(?P<ctext>(?:{styling}|(?P<brk>{line_break}))*"
        rf"(?:(?P<run>[^<]+)(?:(?:{styling}|(?P<brk2>{line_break}))(?P<more>[^<]+)?)*)?)"
        rf"(?:</p{BLANK}>)?(?P<cend></(?P=cell){BLANK}>)"
        rf"|tr{NAME_END}(?P<row>{attrs})>"
        rf"|(?P<row_end>/tr){BLANK}>"
        rf"|(?P<group>tbody|thead|tfoot){NAME_END}(?P<group_attrs>{attrs})>"
        rf"|/(?P<group_end>tbody|thead|tfoot){BLANK}>"
        rf"|(?P<end>/table){BLANK}>"
        # Comments, and Word's <![if ...]> and other bogus comments (as _html_tree._EACH_TAG).
        r"|(?P<comment>!--(?:-?>|.*?--!?>)|!(?!--)[^>]*>)"
        ")",
        re.S,
    )


# A cell's tags in a plain table hold no "<" in their attributes: one there may be a quote
# holding a table's tags, which reading tag by tag names (P419).
_PART = _part_pattern(ATTRS, attributes_pattern("<"))
# Where no quoted attribute value holds a ">", each tag ends at its first ">" and its
# attributes are simply what comes before it (ATTRS reads them so: a property test holds it),
# which is matched several times faster (pages saved from Word carry long styles on every
# cell). Used up to the first quoted ">" (see read_plain_table).
_PART_TO_FIRST_GT = _part_pattern(ATTRS_TO_FIRST_GT, "[^<>]*")


class OverBudget(Exception):
    """A plain table keeps more elements than the budget left (see read_plain_table)."""


class PlainTable:
    """A plain table's row groups (each a list of rows of cells) in the order browsers show
    them (see display_order), as the layout reads them."""

    __slots__ = ("elements", "end", "groups", "runs", "strays")

    def __init__(
        self,
        groups: list[list[list[GridCell]]],
        runs: list[int],
        strays: list[int],
        elements: int,
        end: int,
    ) -> None:
        self.groups = groups
        self.runs = runs  #: where each run of text in it starts, in page order
        #: where text in it but outside its cells starts (not blank: browsers show it above
        #: the table)
        self.strays = strays
        self.elements = elements  #: the elements reading it tag by tag would keep
        self.end = end  #: the end of its ``</table>``


def read_plain_table(
    low: str,
    pos: int,
    marks: list[int],
    plain_tag: Callable[[str, int, int], bool],
    budget: int,
    quoted_gt: int,
) -> PlainTable | None:
    """The table whose start tag ends at ``pos`` of the lowered page, if it is plain; else
    None. Rows and row groups left open end as browsers end them (the next row or group, or
    the table's end); an end tag that ends nothing open is ignored.

    ``marks``: where the words that may hide text or mark chrome are in the page (sorted);
    one inside a row's, group's or cell's attributes is read (``plain_tag(tag, start, end)``,
    with the span of the attributes: whether they neither hide it nor mark chrome), one
    anywhere else makes it no plain table.
    ``budget``: the elements reading it tag by tag may keep. Reading it tag by tag would
    keep the same elements in the same order, so going past them raises :class:`OverBudget`
    where that reading would end in LimitExceeded, before the table takes more time and memory.
    ``quoted_gt``: where the first quoted attribute value holding a ">" may start, at or
    after ``pos`` (see _html_markup.QUOTED_GT); the parts before it are matched as their tags
    end at their first ">".
    """
    match = _PART_TO_FIRST_GT.match
    mark = bisect.bisect_left(marks, pos)
    next_mark = marks[mark] if mark < len(marks) else len(low)
    groups: list[list[list[GridCell]]] = []
    group_tags: list[str] = []  # each group's tag ("" for rows directly in the table)
    group: list[list[GridCell]] | None = None  # the open row group's rows
    group_tag = ""
    loose: list[list[GridCell]] | None = None  # rows directly in the table, in a row
    row: list[GridCell] | None = None
    runs: list[int] = []
    strays: list[int] = []
    elements = 0  # row groups, rows, cells and their paragraphs
    while True:
        m = match(low, pos)
        if m is None or m.end() > quoted_gt:
            # Markup a quoted ">" may be in (or that is no part): as the tokenizer reads it.
            match, quoted_gt = _PART.match, len(low)
            m = match(low, pos)
            if m is None:
                return None
        at = m.end("gap")
        if at > pos:
            runs.append(pos)
            if BLANK_TEXT.fullmatch(low, pos, at) is None:
                strays.append(pos)
        pos = m.end()
        kind = m.lastgroup
        if next_mark < pos:
            # A mark in this part: read it where it is a row's, group's or cell's attribute.
            attrs = _ATTRIBUTES_OF.get(kind or "")
            if attrs is None:
                return None
            start, end = m.span(attrs)
            while next_mark < pos:
                if not start <= next_mark < end:
                    return None
                mark += 1
                next_mark = marks[mark] if mark < len(marks) else len(low)
            tag = "tr" if kind == "row" else m.group("cell" if kind == "cend" else "group")
            if not plain_tag(tag, *m.span(attrs)):
                return None
        if kind == "cend":
            cattrs = m.group("cattrs")
            if row is None or "<" in cattrs:
                return None
            row_span = col_span = 1
            if "span" in cattrs:
                for key, value in attributes(cattrs):
                    if key == "rowspan":
                        row_span = span_value(value, 1)
                    elif key == "colspan":
                        col_span = span_value(value, 1)
            para = m.start("para") >= 0
            elements += 2 if para else 1  # the cell and its <p>
            if elements > budget:
                raise OverBudget
            children: list[Element | int]
            if m.start("brk") >= 0 or m.start("brk2") >= 0:
                children = _cell_children(low, *m.span("ctext"), runs)
            elif m.start("more") >= 0:
                text = several_runs(low, *m.span("ctext"))
                runs.extend(text)
                children = cast("list[Element | int]", text)  # a new list of ints only
            else:  # most cells: one run of text, or none
                first = m.start("run")
                if first >= 0:
                    children = [first]
                    runs.append(first)
                else:
                    children = []
            row.append((at, pos, row_span, col_span, children))
        elif kind == "row":
            if "<" in m.group("row"):
                return None
            row = []
            if group is None:
                if loose is None:
                    loose = []
                    groups.append(loose)
                    group_tags.append("")
                loose.append(row)
            else:
                group.append(row)
            elements += 1
            if elements > budget:
                raise OverBudget
        elif kind == "row_end":
            row = None
        elif kind == "group_attrs":
            if "<" in m.group("group_attrs"):
                return None
            row = loose = None
            group = []
            group_tag = m.group("group")
            groups.append(group)
            group_tags.append(group_tag)
            elements += 1
            if elements > budget:
                raise OverBudget
        elif kind == "group_end":
            if group is not None and m.group("group_end") == group_tag:
                row = group = None
            elif group is None and m.group("group_end") == "tbody":
                row = loose = None  # ends the <tbody> browsers imply for the rows before
        elif kind == "end":
            # One column is a frame around blocks, not a table of data: read tag by tag.
            if elements > budget:
                raise OverBudget
            if max((len(r) for rows in groups for r in rows), default=0) < 2:
                return None
            if "thead" in group_tags or "tfoot" in group_tags:
                groups = [groups[i] for i in display_order(group_tags)]
            return PlainTable(groups, runs, strays, elements, pos)


def _cell_children(low: str, start: int, end: int, runs: list[int]) -> list[Element | int]:
    """The children of a cell with line breaks, as the tokenizer makes them: its runs of text
    (each also added to ``runs``) and its line breaks."""
    children: list[Element | int] = []
    at = start
    tags = _TAG if tags_end_at_first_gt(low, start, end) else _BREAK_OR_STYLING
    for tag in tags.finditer(low, start, end):
        if tag.start() > at:
            children.append(at)
            runs.append(at)
        if tag.group().startswith(("<br", "</br")):
            children.append(Element("br", tag.start()))
        at = tag.end()
    if end > at:
        children.append(at)
        runs.append(at)
    return children

"""The element tree laid out as lines: prose blocks, and table rows on the HTML table model.

Text is collapsed as a browser shows it (runs of spaces and newlines become one space; ``&nbsp;``
stays a space of its own, so ``规章&nbsp;&nbsp;0`` keeps its gap). Every piece of text keeps the
span of the page it came from, so each cell can point back into the page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple, cast

from gikparse.limits import Limits
from gikparse.readers._apart import INVISIBLE, LETTERS_AND_DIGITS
from gikparse.readers._apart import runs_on as _wide
from gikparse.readers._html_element import Element, GridCell, display_order
from gikparse.readers._html_markup import BLANK_TEXT
from gikparse.readers._html_tree import APART_EDGE, BLOCKS, IMPLIED_BODY_END, SKIPPED, text_end

__all__ = ["Cell", "Piece", "Prose", "Row", "Run", "cell_run", "lay_out"]

_WS = re.compile(r"[ \t\n\r\f]+")
# What a run's text may hold that is not the page's characters one for one.
_SPECIAL = re.compile("[ \t\n\r\f&\x00\x01\xa0]")
# What a cell's text is trimmed of beside spaces (see html._TRIM).
_EDGES = "\u3000\ufeff\u200b"
_FILLER = re.compile("\x01+")
# The references html.unescape replaces (its own pattern), so that decoding piece by piece
# gives the same text as decoding the whole run.
_CHARREF = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")
# A number as a value cell prints it (a label cell that spans rows is a group heading).
_NUMBER = re.compile(r"[\s\xa0]*[-+]?\d[\d,，.．\s\xa0]*[%％]?[\s\xa0]*")
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_MAX_COLSPAN = 1000  # the HTML standard's cap
_MAX_ROWSPAN = 65534
# Each grid slot a span covers costs like this many characters of text against the budget
# ``max_text_chars`` (a dict entry, visited once per row): a page of spans over millions of
# slots ends in LimitExceeded in well under a second; a report's tables cover a few hundred.
_SLOT_WEIGHT = 8
# Piece and Cell are named tuples made with tuple.__new__ directly (their own __new__ is a
# Python call, and a page has hundreds of cells).
_new_tuple = tuple.__new__
_BREAKS = frozenset({"p", "div", "li", "tr", "td", "th", "dt", "dd", "blockquote", "pre"})

# A segment of laid-out text and where it came from: (out start, out end, page start, page
# end, linear). Linear segments are the page's characters one for one.
Segment = tuple[int, int, int, int, bool]


_LETTERS_AND_DIGITS = re.compile(f"[{LETTERS_AND_DIGITS}]")


class Run:
    """Inline text being laid out, with its segments; one line of prose or one cell."""

    __slots__ = ("apart", "apart_at", "brk", "parts", "segs", "size", "space")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.segs: list[Segment] = []
        self.size = 0
        self.space = False
        self.brk = False
        #: at the edge of a superscript, subscript or struck-out text: letters and digits on
        #: either side of it are apart (5<sup>1</sup> is 5 1, never 51; 5<sup>*</sup> is 5*)
        self.apart = False
        self.apart_at = 0  #: the size of the text when the edge was met

    def edge(self) -> None:
        """An edge of a superscript, subscript or struck-out text (see ``apart``). Two edges
        with no text between cancel: an empty superscript sets nothing apart, and two raised
        runs side by side (Word splits runs) are one raised text."""
        if self.apart and self.size == self.apart_at:
            self.apart = False
        else:
            self.apart = True
            self.apart_at = self.size

    def emit(self, chunk: str, start: int, end: int, linear: bool) -> None:
        apart = self.apart
        if self.size:
            if apart:
                first = chunk.lstrip(INVISIBLE)[:1]
                last = "".join(self.parts[-4:]).rstrip(INVISIBLE)[-1:]
                if (
                    first
                    and last
                    and _LETTERS_AND_DIGITS.match(first)
                    and _LETTERS_AND_DIGITS.match(last)
                ):
                    self.space = True
            if self.brk:
                # A line break inside a cell: Chinese text runs on, other text gets a space.
                last = self.parts[-1][-1]
                if not (_wide(last) or _wide(chunk[0])) and last != " ":
                    self.parts.append(" ")
                    self.size += 1
            elif self.space and self.parts[-1][-1] != " ":
                self.parts.append(" ")
                self.size += 1
        self.space = self.brk = False
        # An edge waits for the text shown after it.
        self.apart = apart and not chunk.strip(INVISIBLE)
        if "\xa0" in chunk:
            chunk = chunk.replace("\xa0", " ")
        self.parts.append(chunk)
        self.segs.append((self.size, self.size + len(chunk), start, end, linear))
        self.size += len(chunk)

    def _plain(self, text: str, start: int) -> None:
        """Raw page text without references: whitespace collapsed, characters one for one."""
        pos = 0
        for m in _WS.finditer(text):
            if m.start() > pos:
                self.emit(text[pos : m.start()], start + pos, start + m.start(), True)
            self.space = True
            pos = m.end()
        if pos < len(text):
            self.emit(text[pos:], start + pos, start + len(text), True)

    def add(self, raw: str, start: int) -> None:
        """Add the text ``raw`` of the fed page (see _html_prepare.feedable) that starts at
        offset ``start``: U+0001 is a blanked inline tag (no text, no space), U+0000 a ``<``."""
        if "\x00" in raw:
            raw = raw.replace("\x00", "<")
        if "\x01" in raw:
            pos = 0
            for m in _FILLER.finditer(raw):
                if m.start() > pos:
                    self._add(raw[pos : m.start()], start + pos)
                pos = m.end()
            if pos < len(raw):
                self._add(raw[pos:], start + pos)
            return
        self._add(raw, start)

    def _add(self, raw: str, start: int) -> None:
        if "&" not in raw:
            self._plain(raw, start)
            return
        pos = 0
        for m in _CHARREF.finditer(raw):
            if m.start() > pos:
                self._plain(raw[pos : m.start()], start + pos)
            decoded = html.unescape(m.group())
            if decoded == m.group():
                self._plain(decoded, start + m.start())
            elif (decoded and not decoded.isspace()) or decoded == "\xa0":
                self.emit(decoded, start + m.start(), start + m.end(), False)
            else:
                self.space = True
            pos = m.end()
        if pos < len(raw):
            self._plain(raw[pos:], start + pos)

    def line_break(self) -> None:
        self.brk = True

    @property
    def text(self) -> str:
        parts = self.parts
        return parts[0] if len(parts) == 1 else "".join(parts)


class Piece(NamedTuple):
    """A cell's text that is one piece of the page as it is (most cells: a number, a label):
    the text and its span, without a run's bookkeeping."""

    text: str
    start: int
    end: int


class Prose:
    """A line of prose: its run, and for a heading element its level."""

    __slots__ = ("level", "run")

    def __init__(self, run: Run, level: int = 0) -> None:
        self.run = run
        self.level = level


class Cell(NamedTuple):
    """A table cell: its run, spans on the grid, and the element's span in the page."""

    run: Run | Piece
    row_span: int
    col_span: int
    start: int
    end: int
    column: int  #: the grid column it starts in


class Row:
    """A table row: the cells that start in it, left to right, and the table's index."""

    __slots__ = ("cells", "table")

    def __init__(self, cells: list[Cell], table: int) -> None:
        self.cells = cells
        self.table = table


def _skipped(element: Element) -> bool:
    return element.hidden or element.chrome or element.tag in SKIPPED or element.tag == "title"


def _shown(element: Element) -> list[Element | int]:
    """What of an element's children is shown: all of them, or, inside an invisible element
    (``visibility:hidden``), only the elements in it that are ``visibility:visible``."""
    return _visible_in(element.children) if element.invisible else element.children


def _visible_in(children: list[Element | int]) -> list[Element | int]:
    """The elements among ``children`` and inside them that are ``visibility:visible``."""
    shown: list[Element | int] = []
    stack = [iter(children)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif isinstance(child, Element) and not _skipped(child):
            if child.visible:
                shown.append(child)
            else:
                stack.append(iter(child.children))
    return shown


def _invisible(element: Element, inherited: bool) -> bool:
    """Whether ``element`` is invisible, inside a parent that is (``inherited``) or not:
    visibility is inherited unless the element says its own."""
    return element.invisible or (inherited and not element.visible)


def _cell_shown(cell: Element, row_invisible: bool) -> list[Element | int]:
    """What of a table cell's children is shown: nothing of a blank cell's own, what is
    visible in an invisible cell or in a cell of an invisible row (visibility is inherited
    from the row, its group and the table), all of a cell visible in an invisible row."""
    if cell.blank and not cell.invisible:
        return []  # hidden="until-found"
    if cell.visible or not (cell.invisible or row_invisible):
        return cell.children
    return _visible_in(cell.children)


def _fostered_runs(children: Sequence[Element | int]) -> list[int]:
    """The runs of text shown in the fostered elements among ``children`` (browsers show
    them above the table)."""
    runs: list[int] = []
    stack = [child for child in children if isinstance(child, Element) and child.fostered]
    while stack:
        element = stack.pop()
        if not _skipped(element):
            for child in element.children:
                if isinstance(child, int):
                    runs.append(child)
                else:
                    stack.append(child)
    return runs


def cell_run(cell: Element, fed: str) -> Run:
    """An element's text as one run: blocks and line breaks inside it join (a table cell,
    ``<title>``). ``fed``: the page as the parser read it, where each run ends at a ``<``."""
    return _children_run(cell.children, fed)


def _as_it_is(raw: str) -> bool:
    """Whether a cell's one run of text ``raw`` shows as it is in the page: no whitespace,
    reference or filler in it, nothing at its ends that a cell's text is trimmed of."""
    return (
        bool(raw)
        and _SPECIAL.search(raw) is None
        and raw[0] not in _EDGES
        and raw[-1] not in _EDGES
    )


def _cell_content(children: Sequence[Element | int], fed: str) -> Run | Piece:
    """A table cell's text: a Piece when it shows as it is in the page, one run of text or
    several split by styling tags or line breaks (``<span>第二</span><span>十条</span>``,
    ``本年新<br>制作数量``: their text joined, from the first one's start to the last one's
    end), else a Run."""
    if len(children) == 1 and isinstance(children[0], int):  # most cells
        begin = children[0]
        raw = fed[begin : text_end(fed, begin)]
        if raw.isalnum() or _as_it_is(raw):
            return _new_tuple(Piece, (raw, begin, begin + len(raw)))
    elif children:
        texts: list[str] = []
        first = last = -1
        broken = False  # a line break since the last run
        for child in children:
            if type(child) is int:
                text = fed[child : text_end(fed, child)]
                # (A run is never empty: each ends at the tag after it, and a tag starts
                # none.) A line break between runs joins Chinese text as it is; other text
                # gets a space (see Run.emit), which no piece of the page holds.
                if not text or (broken and not (_wide(texts[-1][-1]) or _wide(text[0]))):
                    return _children_run(children, fed)
                texts.append(text)
                broken = False
                if first < 0:
                    first = child
                last = child + len(text)
            elif cast(Element, child).tag == "br":
                broken = bool(texts)
            else:
                return _children_run(children, fed)
        joined = "".join(texts)
        if _as_it_is(joined):
            return _new_tuple(Piece, (joined, first, last))
    return _children_run(children, fed)


def _children_run(children: Sequence[Element | int], fed: str) -> Run:
    run = Run()
    # Each open element's children, whether its end breaks the line, and whether its text
    # stands apart (see Element.apart).
    stack: list[tuple[Iterator[Element | int], bool, bool]] = [(iter(children), True, False)]
    while stack:
        child = next(stack[-1][0], None)
        if child is None:
            _, breaks, apart = stack.pop()
            if breaks:
                run.line_break()
            if apart:
                run.edge()
            continue
        if isinstance(child, int):
            end = fed.find("<", child)
            if end < 0:
                end = len(fed)
            if end > child:
                run.add(fed[child:end], child)
        elif child.tag == "br":
            run.line_break()
        elif child.tag == APART_EDGE:
            run.edge()
        elif not _skipped(child):
            if child.tag in _HEADINGS or child.tag in _BREAKS:
                run.line_break()
            if child.apart:
                run.edge()
            stack.append((iter(_shown(child)), not _runs_on(child), child.apart))
    return run


def _runs_on(element: Element) -> bool:
    """Whether ``element`` is an inline element kept for its visibility or its text's place
    (see Element.invisible, Element.apart): its text, if shown, runs on in its line."""
    return (element.invisible or element.visible or element.apart) and element.tag not in BLOCKS


class _Layout:
    def __init__(self, fed: str, limits: Limits) -> None:
        self.fed = fed
        self.limits = limits
        self.out: list[Prose | Row] = []
        self.run: Run | None = None
        self.level = 0
        self.tables = 0
        self.slots = 0
        self.pre = 0  #: <pre> elements open
        self.merged: list[int] = []  #: page offsets of value cells spanning rows
        #: page offsets of text in tables outside their cells (see _grid)
        self.strays: list[int] = []

    # --- prose ---------------------------------------------------------------------------

    def _flush(self) -> None:
        run = self.run
        # A blank block (<p>&nbsp;</p>) is no line: tables on either side stay one grid.
        if run is not None and run.size and not run.text.isspace():
            self.out.append(Prose(run, self.level))
        self.run = None
        self.level = 0

    def _text(self, start: int) -> None:
        end = self.fed.find("<", start)
        if end < 0:
            end = len(self.fed)
        if end <= start:
            return
        raw = self.fed[start:end]
        if self.pre and "\n" in raw:
            # Preformatted text keeps its lines (a report pasted into <pre>).
            pos = 0
            for line in raw.split("\n"):
                if line:
                    if self.run is None:
                        self.run = Run()
                    self.run.add(line, start + pos)
                self._flush()
                pos += len(line) + 1
            return
        if self.run is None:
            self.run = Run()
        self.run.add(raw, start)

    def walk(self, root: Element) -> list[Prose | Row]:
        # Iterative: pages nest deeper than Python's recursion limit allows.
        stack: list[tuple[Element, Iterator[Element | int]]] = [(root, iter(root.children))]
        while stack:
            element, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                if element.tag == "pre":
                    self.pre -= 1
                if element.tag != "#root" and not _runs_on(element):
                    self._flush()
                elif element.apart and self.run is not None:
                    self.run.edge()  # (see Element.apart)
                continue
            if isinstance(child, int):
                self._text(child)
                continue
            tag = child.tag
            if tag == "br":
                self._flush()
                continue
            if tag == APART_EDGE:
                if self.run is not None:
                    self.run.edge()  # a superscript's digits stand apart (see Run)
                continue
            if _skipped(child):
                continue
            if _runs_on(child):
                if child.apart and self.run is not None:
                    self.run.edge()
                stack.append((child, iter(_shown(child))))
                continue
            self._flush()
            if tag == "table" and self._grid(child):
                continue
            level = _HEADINGS.get(tag)
            if level is not None:
                self.level = level
                self.run = Run()
            elif tag == "pre":
                self.pre += 1
            stack.append((child, iter(_shown(child))))
        self._flush()
        return self.out

    # --- tables --------------------------------------------------------------------------

    def _grid(self, table: Element) -> bool:
        """Lay ``table`` out as rows; False for a layout table (read as blocks instead)."""
        if table.grid is not None:  # a plain table, read in one pass
            index = self._table_index()
            for plain_rows in table.grid.groups:
                self._group(plain_rows, index)
            self.strays.extend(table.grid.strays)
            return True
        if table.has_table:
            return False
        groups: list[list[Element]] = []
        group_tags: list[str] = []  # each group's tag ("" for rows directly in the table)
        # Each group's visibility (visibility:hidden on the table or a row group hides rows).
        table_invisible = table.invisible
        group_invisible: list[bool] = []
        loose: list[Element] | None = None
        captions: list[Element] = []
        strays: list[int] = []  # text outside the cells (browsers show it above the table)
        for child in table.children:
            if isinstance(child, int):
                strays.append(child)
                continue
            if _skipped(child):
                continue
            if child.tag == "tr":
                if loose is None:
                    loose = []
                    groups.append(loose)
                    group_tags.append("")
                    group_invisible.append(table_invisible)
                loose.append(child)
            elif child.tag in ("thead", "tbody", "tfoot"):
                loose = None
                group_tags.append(child.tag)
                group_invisible.append(_invisible(child, table_invisible))
                groups.append(
                    [
                        r
                        for r in child.children
                        if isinstance(r, Element) and r.tag == "tr" and not _skipped(r)
                    ]
                )
                strays.extend(r for r in child.children if isinstance(r, int))
                strays.extend(_fostered_runs(child.children))
            elif child.tag == "caption":
                captions.append(child)
            elif child.tag == IMPLIED_BODY_END:
                loose = None
        strays.extend(_fostered_runs(table.children))
        if "thead" in group_tags or "tfoot" in group_tags:
            order = display_order(group_tags)
            groups = [groups[i] for i in order]
            group_invisible = [group_invisible[i] for i in order]
        rows: list[list[GridCell]] = [
            [
                (c.start, c.end, c.row_span, c.col_span, _cell_shown(c, row_invisible))
                for c in tr.children
                if isinstance(c, Element) and c.tag in ("td", "th") and not c.hidden
            ]
            for group, invisible in zip(groups, group_invisible, strict=True)
            for tr in group
            for row_invisible in (_invisible(tr, invisible),)
        ]
        if max((len(r) for r in rows), default=0) < 2:
            return False  # one column: a frame around blocks, not a table of data
        fed = self.fed
        for group in groups:
            for tr in group:
                strays.extend(r for r in tr.children if type(r) is int)
                strays.extend(_fostered_runs(tr.children))
        self.strays.extend(
            start
            for start in sorted(strays)
            if BLANK_TEXT.fullmatch(fed, start, text_end(fed, start)) is None
        )
        for caption in captions:
            if not _invisible(caption, table_invisible):
                self.out.append(Prose(cell_run(caption, self.fed)))
        index = self._table_index()
        first = 0
        for group in groups:
            self._group(rows[first : first + len(group)], index)
            first += len(group)
        return True

    def _table_index(self) -> int:
        """The index of the table about to be laid out: the previous one's when this one
        follows its rows directly (a table split over several <table> elements)."""
        last = self.out[-1] if self.out else None
        if isinstance(last, Row):
            return last.table
        self.tables += 1
        return self.tables - 1

    def _group(self, rows: list[list[GridCell]], index: int) -> None:
        """Rows of one row group on the grid: spans clipped to the group, rowspan=0 to its
        end, overlapping spans allowed (a cell takes the next free slot)."""
        # Row -> slot -> the span that covers it: (its first column, its width, whether it
        # is a value cell, its span of the page). A value cell spanning rows is printed
        # once: the rows below get a blank cell in its place, so that their own cells stay
        # in their columns. Most cells are one run of letters or digits: a Piece as it is.
        taken: dict[int, dict[int, tuple[int, int, bool, int, int]]] = {}
        count = len(rows)
        fed = self.fed
        for y, tds in enumerate(rows):
            free = taken.pop(y, {})
            x = 0
            cells: list[Cell] = []
            for start, end, row_span, col_span, children in tds:
                if x in free:
                    x = self._spanned(free, x, cells)
                if col_span != 1 or row_span != 1:
                    col_span = min(max(col_span, 1), _MAX_COLSPAN)
                    row_span = min(row_span, _MAX_ROWSPAN)
                    if row_span == 0 or row_span > count - y:
                        row_span = count - y
                run = _cell_content(children, fed)
                if row_span > 1:
                    self.slots += (row_span - 1) * col_span * _SLOT_WEIGHT
                    if self.slots > self.limits.max_text_chars:
                        raise self.limits.exceeded(
                            "max_text_chars",
                            self.slots,
                            f"网页表格合并单元格（HTML table spans, each slot counted as "
                            f"{_SLOT_WEIGHT} characters）",
                        )
                    value = _NUMBER.fullmatch(run.text) is not None
                    if value:
                        self.merged.append(start)
                    span = (x, col_span, value, start, end)
                    for dy in range(1, row_span):
                        slots = taken.setdefault(y + dy, {})
                        for sx in range(x, x + col_span):
                            slots[sx] = span
                cells.append(_new_tuple(Cell, (run, row_span, col_span, start, end, x)))
                x += col_span
            if free and max(free) >= x:
                self._spanned(free, x, cells, end=True)
            self.out.append(Row(cells, index))

    def _spanned(
        self,
        free: dict[int, tuple[int, int, bool, int, int]],
        x: int,
        cells: list[Cell],
        end: bool = False,
    ) -> int:
        """Skip the slots from ``x`` on that spans from above cover (to the row's last one
        with ``end``), putting a blank cell where a value cell's span starts; the next free x."""
        last = max(free) if end and free else -1
        while x in free or x <= last:
            span = free.get(x)
            if span is not None and span[2] and span[0] == x:
                cells.append(Cell(Run(), 1, span[1], span[3], span[4], x))
            x += 1
        return x


def lay_out(
    root: Element, fed: str, limits: Limits
) -> tuple[list[Prose | Row], list[int], list[int]]:
    """The lines of the page's body, in reading order (``fed``: see :func:`cell_run`), the
    page offsets of value cells that span rows (their rows below get a blank cell), and those
    of text in tables outside their cells (left out; browsers show it above the table)."""
    layout = _Layout(fed, limits)
    return layout.walk(root), layout.merged, layout.strays

"""Plain text and markdown to a Document: tab, pipe and space-aligned rows become cells."""

from __future__ import annotations

import re

import regex

from gikparse.limits import DEFAULT_LIMITS, Limits
from gikparse.readers.document import Document, Line, LineKind, TextCell
from gikparse.readers.furniture import is_page_furniture
from gikparse.readers.markdown import heading_level, is_table_rule, strip_inline, strip_list_marker

__all__ = ["read_text"]

_PIPE_SPLIT = regex.compile(r"(?<!\\)\|")
# Two spaces, or an ideographic space that does not sit between two Han characters ("规　章"
# is one label spaced out, "规章　0" is two cells).
_WIDE_GAP = regex.compile(r"[ \u3000]{2,}|(?<!\p{Han})\u3000|\u3000(?!\p{Han})")
# The same for lines without an ideographic space; plain ``re`` finds it twice as fast.
_SPACE_GAP = re.compile(" {2,}")
_TRIM = " \t\r\u3000\u00a0\ufeff"
_TEXT, _ROW = LineKind.TEXT, LineKind.ROW


# TextCell(...) goes through a Python-level __new__; the reader's inner loop makes hundreds of
# cells per report, and building the tuple directly takes half the time.
_new_tuple = tuple.__new__
assert len(TextCell._fields) == 9  # the fields each cell below is given


def _cell(raw: str, start: int) -> TextCell:
    """The cell whose raw text ``raw`` starts at ``start``; its span excludes the padding."""
    if not raw or raw.isdigit():
        return _new_tuple(TextCell, (raw, start, start + len(raw), 1, 1, None, None, None, None))
    stripped_left = raw.lstrip(_TRIM)
    start += len(raw) - len(stripped_left)
    stripped = stripped_left.rstrip(_TRIM)
    text = stripped if stripped.isdigit() else strip_inline(stripped).strip(_TRIM)
    return _new_tuple(TextCell, (text, start, start + len(stripped), 1, 1, None, None, None, None))


def _split_on(body: str, start: int, separator: str) -> list[TextCell]:
    cells = []
    for piece in body.split(separator):
        end = start + len(piece)
        # The common cells without a call: a count or nothing, bare or padded with spaces.
        if not piece or piece.isdigit():
            cells.append(_new_tuple(TextCell, (piece, start, end, 1, 1, None, None, None, None)))
        elif not (count := piece.strip(" ")) or count.isdigit():
            first = start + piece.index(count) if count else end  # as _cell places them
            cells.append(
                _new_tuple(
                    TextCell, (count, first, first + len(count), 1, 1, None, None, None, None)
                )
            )
        else:
            cells.append(_cell(piece, start))
        start = end + 1
    return cells


def _split(
    source: str, start: int, end: int, separator: regex.Pattern[str] | re.Pattern[str]
) -> list[TextCell]:
    cells = []
    pos = start
    for m in separator.finditer(source, start, end):
        gap = m.start()
        piece = source[pos:gap]
        if piece.isdigit():  # the common cell, without a call
            cells.append(_new_tuple(TextCell, (piece, pos, gap, 1, 1, None, None, None, None)))
        else:
            cells.append(_cell(piece, pos))
        pos = m.end()
    cells.append(_cell(source[pos:end], pos))
    return cells


def _is_pipe_row(body: str) -> bool:
    # A label wrapped inside a pipe table leaves a line such as "5.属于三类内部 |".
    stripped = body.strip(_TRIM)
    return body.count("|") >= 2 or stripped.startswith("|") or stripped.endswith("|")


def _pipe_row(source: str, body: str, start: int, end: int) -> Line | None:
    if is_table_rule(body):
        return None
    # A backslash may escape a pipe that is text, not a cell boundary.
    escaped = "\\" in body
    cells = _split(source, start, end, _PIPE_SPLIT) if escaped else _split_on(body, start, "|")
    # Outer pipes leave an empty first/last cell that is not part of the table.
    if cells and not cells[0].text and body.lstrip(_TRIM).startswith("|"):
        cells.pop(0)
    if cells and not cells[-1].text and body.rstrip(_TRIM).endswith("|"):
        cells.pop()
    return _new_tuple(Line, (tuple(cells), start, end, _ROW, 0, None, None))


def _read_line(source: str, body: str, start: int) -> Line | None:
    end = start + len(body)
    if "\t" in body:
        row = tuple(_split_on(body, start, "\t"))
        return _new_tuple(Line, (row, start, end, _ROW, 0, None, None))
    if "|" in body and _is_pipe_row(body):
        return _pipe_row(source, body, start, end)
    if "#" in body:
        level, heading = heading_level(body)
        if level:
            offset = start + body.index(heading) if heading else end
            return Line((_cell(heading, offset),), start, end, LineKind.HEADING, level=level)
    # "- 8 -" is a page footer, not a list item.
    unlisted = strip_list_marker(body)
    if unlisted is not body and is_page_furniture(body):
        unlisted = body
    inner_start = start + len(body) - len(unlisted)
    gap = _WIDE_GAP if "\u3000" in unlisted else _SPACE_GAP
    inner = unlisted.strip(_TRIM)
    if ("  " in unlisted or gap is _WIDE_GAP) and gap.search(inner):
        # Space before the first cell or after the last says no cell is there: where a
        # blank stands among cells set apart by spaces cannot be told from the end of a line
        # (a trailing empty cell made "label  250  " read 250 as the first of two columns).
        first = inner_start + unlisted.index(inner)
        cells = _split(source, first, first + len(inner), gap)
        if len(cells) > 1:
            return _new_tuple(Line, (tuple(cells), start, end, _ROW, 0, None, None))
    return _new_tuple(Line, ((_cell(unlisted, inner_start),), start, end, _TEXT, 0, None, None))


def read_text(text: str, *, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Split ``text`` (plain or markdown) into lines of cells; ``Document.text`` is ``text``.

    Text longer than ``limits.max_text_chars`` raises :class:`~gikparse.LimitExceeded`.
    """
    if len(text) > limits.max_text_chars:
        raise limits.exceeded("max_text_chars", len(text), "characters of text")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    bodies = text.split("\n")
    if not bodies[-1]:
        bodies.pop()  # the text ends with a newline (or is empty): no line after it
    lines: list[Line] = []
    start = 0
    for body in bodies:
        end = start + len(body)
        if body.isdigit():  # a count alone on its line, as in copies with one cell per line
            cell = _new_tuple(TextCell, (body, start, end, 1, 1, None, None, None, None))
            lines.append(_new_tuple(Line, ((cell,), start, end, _TEXT, 0, None, None)))
        elif not body.strip(_TRIM):
            lines.append(_new_tuple(Line, ((), start, end, _TEXT, 0, None, None)))
        else:
            line = _read_line(text, body, start)
            if line is not None:
                lines.append(line)
        start = end + 1
    return Document(text, tuple(lines), kind="text")

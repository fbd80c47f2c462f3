"""Plain text and markdown to a Document: tab, pipe and space-aligned rows become cells."""

from __future__ import annotations

import regex

from gikparse.readers.document import Document, Line, LineKind, TextCell
from gikparse.readers.furniture import is_page_furniture
from gikparse.readers.markdown import heading_level, is_table_rule, strip_inline, strip_list_marker

__all__ = ["read_text"]

_LINE = regex.compile(r"[^\n]*\n?")
_PIPE_SPLIT = regex.compile(r"(?<!\\)\|")
# Two spaces, or an ideographic space that does not sit between two Han characters ("规　章"
# is one label spaced out, "规章　0" is two cells).
_WIDE_GAP = regex.compile(r"[ \u3000]{2,}|(?<!\p{Han})\u3000|\u3000(?!\p{Han})")
_TRIM = " \t\r\u3000\u00a0\ufeff"


def _cell(source: str, start: int, end: int) -> TextCell:
    raw = source[start:end]
    if raw.isdigit() or not raw:
        return TextCell(raw, start, end)  # the common cells of a table: a count, or nothing
    stripped_left = raw.lstrip(_TRIM)
    start += len(raw) - len(stripped_left)
    stripped = stripped_left.rstrip(_TRIM)
    end = start + len(stripped)
    return TextCell(strip_inline(stripped).strip(_TRIM), start, end)


def _split_tabs(source: str, start: int, end: int) -> list[TextCell]:
    cells = []
    pos = start
    for piece in source[start:end].split("\t"):
        cells.append(_cell(source, pos, pos + len(piece)))
        pos += len(piece) + 1
    return cells


def _split(source: str, start: int, end: int, separator: regex.Pattern[str]) -> list[TextCell]:
    cells = []
    pos = start
    for m in separator.finditer(source, start, end):
        cells.append(_cell(source, pos, m.start()))
        pos = m.end()
    cells.append(_cell(source, pos, end))
    return cells


def _is_pipe_row(body: str) -> bool:
    # A label wrapped inside a pipe table leaves a line such as "5.属于三类内部 |".
    stripped = body.strip(_TRIM)
    return body.count("|") >= 2 or stripped.startswith("|") or stripped.endswith("|")


def _read_line(source: str, start: int, end: int) -> Line | None:
    body = source[start:end]
    if not body.strip(_TRIM):
        return Line((), start, end)
    if "\t" in body:
        cells = _split_tabs(source, start, end)
        return Line(tuple(cells), start, end, LineKind.ROW)
    if "|" in body and _is_pipe_row(body):
        if is_table_rule(body):
            return None
        cells = _split(source, start, end, _PIPE_SPLIT)
        # Outer pipes leave an empty first/last cell that is not part of the table.
        if cells and not cells[0].text and body.lstrip(_TRIM).startswith("|"):
            cells.pop(0)
        if cells and not cells[-1].text and body.rstrip(_TRIM).endswith("|"):
            cells.pop()
        return Line(tuple(cells), start, end, LineKind.ROW)
    level, heading = heading_level(body)
    if level:
        offset = start + body.index(heading) if heading else end
        cell = _cell(source, offset, offset + len(heading))
        return Line((cell,), start, end, LineKind.HEADING, level=level)
    # "- 8 -" is a page footer, not a list item.
    unlisted = strip_list_marker(body)
    if unlisted is not body and is_page_furniture(body):
        unlisted = body
    inner_start = start + len(body) - len(unlisted)
    stripped = body.strip(_TRIM)
    if _WIDE_GAP.search(stripped):
        cells = _split(source, inner_start, end, _WIDE_GAP)
        if len(cells) > 1:
            return Line(tuple(cells), start, end, LineKind.ROW)
    return Line((_cell(source, inner_start, end),), start, end)


def read_text(text: str) -> Document:
    """Split ``text`` (plain or markdown) into lines of cells; ``Document.text`` is ``text``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines: list[Line] = []
    for m in _LINE.finditer(text):
        if m.start() == m.end():
            break
        end = m.end() - 1 if m.group().endswith("\n") else m.end()
        line = _read_line(text, m.start(), end)
        if line is not None:
            lines.append(line)
    return Document(text, tuple(lines), kind="text")

"""Lines of cells to tokens: labels, values and empty cells, each with its raw span."""

from __future__ import annotations

import enum
from typing import NamedTuple

import regex

from gikparse.numbers import is_value_text
from gikparse.readers.document import Document, Line, TextCell
from gikparse.readers.furniture import is_page_furniture

__all__ = ["Token", "TokenKind", "is_page_furniture", "tokenize"]


class TokenKind(str, enum.Enum):
    LABEL = "label"
    VALUE = "value"
    EMPTY = "empty"


class Token(NamedTuple):
    """A label, value or empty cell with its raw span; a tuple because tables make many."""

    kind: TokenKind
    text: str
    start: int
    end: int
    cell: TextCell


_TRAILING_NUMBERS = regex.compile(r"^(?P<label>.*?\p{Han}.*?)(?P<values>(?:\s+\S+)+)$")
_SPACE = regex.compile(r"\S+")


def _spans(source: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in _SPACE.finditer(source[start:end])]


def _cell_tokens(doc: Document, cell: TextCell) -> list[Token]:
    text = cell.text
    if not text:
        return [Token(TokenKind.EMPTY, "", cell.start, cell.start, cell)]
    if text.isascii() and text.isdigit() and cell.end - cell.start == len(text):
        return [Token(TokenKind.VALUE, text, cell.start, cell.end, cell)]
    raw = doc.text[cell.start : cell.end]
    parts = raw.split()
    if len(parts) == 1 and is_value_text(text):
        # Point at the number itself, not at markup around it ("**5**").
        inner = raw.find(text)
        start = cell.start + max(inner, 0)
        end = start + len(text) if inner >= 0 else cell.end
        return [Token(TokenKind.VALUE, text, start, end, cell)]
    if len(parts) > 1 and all(is_value_text(p) for p in parts):
        # "0 0 0": numbers in one cell separated by single spaces.
        return [
            Token(TokenKind.VALUE, doc.text[s:e], s, e, cell)
            for s, e in _spans(doc.text, cell.start, cell.end)
        ]
    m = _TRAILING_NUMBERS.match(raw)
    if m is not None:
        # "行政许可 0 0 3": a label followed by its numbers, separated by single spaces.
        spans = _spans(doc.text, cell.start + m.start("values"), cell.start + m.end("values"))
        values = [doc.text[s:e] for s, e in spans]
        if all(is_value_text(v) for v in values) and any(ch.isdigit() for v in values for ch in v):
            label_end = cell.start + m.end("label")
            label = Token(TokenKind.LABEL, m.group("label").strip(), cell.start, label_end, cell)
            return [label, *(Token(TokenKind.VALUE, doc.text[s:e], s, e, cell) for s, e in spans)]
    return [Token(TokenKind.LABEL, text, cell.start, cell.end, cell)]


def tokenize(doc: Document, line: Line) -> list[Token]:
    """Tokens of one line; page furniture gives no tokens."""
    if len(line.cells) == 1 and is_page_furniture(line.cells[0].text):
        return []
    tokens: list[Token] = []
    for cell in line.cells:
        tokens.extend(_cell_tokens(doc, cell))
    return tokens

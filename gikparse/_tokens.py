"""Lines of cells to tokens: labels, values and empty cells, each with its raw span."""

from __future__ import annotations

import enum
import functools
from typing import NamedTuple

import regex

from gikparse.normalize import has_han
from gikparse.numbers import is_value_text, plain_count
from gikparse.readers.document import Document, Line, TextCell
from gikparse.readers.furniture import is_page_furniture

__all__ = ["Token", "TokenKind", "tokenize"]


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


_SPACE = regex.compile(r"\S+")
_EMPTY = TokenKind.EMPTY
_VALUE = TokenKind.VALUE


def _spans(source: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in _SPACE.finditer(source[start:end])]


def _split_trailing_numbers(
    source: str, start: int, end: int
) -> tuple[tuple[int, int], list[tuple[int, int]]] | None:
    """Label span and number spans of a cell that ends in space-separated numbers."""
    spans = _spans(source, start, end)
    first = len(spans)
    while first > 1 and is_value_text(source[spans[first - 1][0] : spans[first - 1][1]]):
        first -= 1
    numbers = spans[first:]
    if not numbers or not any(ch.isdigit() for s, e in numbers for ch in source[s:e]):
        return None
    label_start, label_end = spans[0][0], spans[first - 1][1]
    if not has_han(source[label_start:label_end]):
        return None
    return (label_start, label_end), numbers


# (kind, text, start, end) of a cell's tokens, offsets relative to the cell's raw text.
_Shape = tuple[tuple[TokenKind, str, int, int], ...]


@functools.lru_cache(maxsize=8192)
def _shape(text: str, raw: str) -> _Shape:
    """How a cell with display ``text`` and raw text ``raw`` splits into tokens. Cached: the
    labels of the templates recur in every report."""
    parts = raw.split()
    if len(parts) == 1 and is_value_text(text):
        # Point at the number itself, not at markup around it ("**5**").
        inner = raw.find(text)
        start = max(inner, 0)
        end = start + len(text) if inner >= 0 else len(raw)
        return ((TokenKind.VALUE, text, start, end),)
    if len(parts) > 1 and all(is_value_text(p) for p in parts):
        # "0 0 0": numbers in one cell separated by single spaces.
        return tuple((TokenKind.VALUE, raw[s:e], s, e) for s, e in _spans(raw, 0, len(raw)))
    split = _split_trailing_numbers(raw, 0, len(raw))
    if split is not None:
        # "行政许可 0 0 3": a label followed by its numbers, separated by single spaces.
        (label_start, label_end), spans = split
        return (
            (TokenKind.LABEL, raw[label_start:label_end], label_start, label_end),
            *((TokenKind.VALUE, raw[s:e], s, e) for s, e in spans),
        )
    return ((TokenKind.LABEL, text, 0, len(raw)),)


# Token(...) goes through a Python-level __new__; building the tuple directly takes half the
# time, and tables make hundreds of tokens per report.
_new_tuple = tuple.__new__


def _cell_tokens(doc: Document, cell: TextCell) -> list[Token]:
    text, start, end = cell.text, cell.start, cell.end
    if text[0].isdigit() and end - start == len(text) and plain_count(text) is not None:
        # "1,234", "１２": a value, found without the shape cache (numbers differ by report).
        return [_new_tuple(Token, (_VALUE, text, start, end, cell))]
    # A cell as long as its text is its raw text: no slice of the document to look it up.
    shape = _shape(text, text if end - start == len(text) else doc.text[start:end])
    if len(shape) == 1:  # most cells: one label or one value
        kind, part, s, e = shape[0]
        return [_new_tuple(Token, (kind, part, start + s, start + e, cell))]
    return [_new_tuple(Token, (k, part, start + s, start + e, cell)) for k, part, s, e in shape]


def tokenize(doc: Document, line: Line) -> list[Token]:
    """Tokens of one line; page furniture gives no tokens."""
    cells = line.cells
    tokens: list[Token] = []
    for cell in cells:
        # The two commonest cells, a plain count and nothing, without a call.
        text = cell.text
        if not text:
            tokens.append(_new_tuple(Token, (_EMPTY, "", cell.start, cell.start, cell)))
        elif text.isdigit() and text.isascii() and cell.end - cell.start == len(text):
            tokens.append(_new_tuple(Token, (_VALUE, text, cell.start, cell.end, cell)))
        elif len(cells) == 1 and is_page_furniture(text):
            return []
        else:
            tokens.extend(_cell_tokens(doc, cell))
    return tokens

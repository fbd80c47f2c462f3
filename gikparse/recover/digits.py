"""Candidate cells of one run of text whose cell boundaries were lost.

A run is what a row's cells became when a copy dropped the gaps between them: ``52100053``,
``153-7146``, ``120 000012``. Read as a string of characters (whitespace removed: a stray space
may or may not be a boundary), it is cut into cells, each of which must be a number its column
can hold: no leading zero except a lone ``0``, a sign only in a signed column and only at the
cell's start, a decimal point only in a money column. Marks that stand for a whole cell (``—``,
``/``, ``无``, ``持平``) and signs (``增``, ``减``, ``+``, ``-``) are boundaries the copy kept.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from decimal import Decimal

import attrs
import regex

from gikparse.numbers import ENCLOSED, NumberKind

__all__ = ["MAX_CELL_DIGITS", "Piece", "Run", "cell_readings", "read_run", "splits"]

MAX_CELL_DIGITS = 12  #: a cell of a government report's table never needs more
_COUNT = regex.compile(r"0|[1-9]\d*|[1-9]\d{0,2}(?:,\d{3})+")
_MONEY = regex.compile(r"(?:0|[1-9]\d*|[1-9]\d{0,2}(?:,\d{3})+)(?:\.\d+)?")
_DIGITS = frozenset("0123456789,.")
# Marks of a blank cell, and words a change column prints for 0.
_BLANK_MARKS = ("——", "—", "/", "无", "-")
_ZERO_WORDS = ("没有变化", "无变化", "持平", "不变")
_SIGNS = (("增加", False), ("减少", True), ("增", False), ("减", True), ("+", False), ("-", True))
_UNITS = ("万元", "元", "件")
# Characters a copy prints for dashes, folded to one long and one short form.
_ENCLOSED = regex.compile(f"[{ENCLOSED}]")
_DASHES = str.maketrans({"–": "—", "―": "—", "─": "—", "−": "-", "－": "-", "‐": "-", "﹣": "-"})


@attrs.frozen
class Run:
    """A run's characters, folded, with the document offset each came from."""

    chars: str
    offsets: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The document span of ``chars[start:end]``."""
        return self.offsets[start], self.offsets[end - 1] + 1


@attrs.frozen
class Piece:
    """One cell read from a run: its number (``None`` for a blank mark) and where it lies."""

    value: int | Decimal | None
    start: int  #: index into ``Run.chars``
    end: int
    blank: bool = False  #: a mark that stands for a blank cell


def read_run(text: str, offset: int) -> Run:
    """``text`` (starting at document ``offset``) as a Run: NFKC per character (full-width
    digits, ``，``), whitespace dropped, dashes folded to ``—`` and ``-``."""
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        # (An enclosed number is a footnote mark, never digits: kept as it is.)
        shown = ch if _ENCLOSED.match(ch) else unicodedata.normalize("NFKC", ch)
        for folded in shown.translate(_DASHES):
            if not folded.isspace() and folded not in "\u200b\ufeff":
                chars.append(folded)
                offsets.append(offset + i)
    return Run("".join(chars), tuple(offsets))


def _number(text: str, kind: NumberKind) -> int | Decimal | None:
    if kind is NumberKind.MONEY:
        if _MONEY.fullmatch(text) is None:
            return None
        return Decimal(text.replace(",", ""))
    if _COUNT.fullmatch(text) is None:
        return None
    return int(text.replace(",", ""))


def cell_readings(run: Run, start: int, kind: NumberKind) -> list[Piece]:
    """Every cell of ``kind`` that can start at ``start`` of ``run``."""
    chars = run.chars
    out: list[Piece] = []
    if kind is NumberKind.SIGNED:
        for word in _ZERO_WORDS:
            if chars.startswith(word, start):
                out.append(Piece(0, start, start + len(word)))
    # A "-" before digits in a signed column may be a minus sign or a blank cell's dash: both
    # readings stay candidates, for the rules (or nobody) to tell apart.
    for mark in _BLANK_MARKS:
        if chars.startswith(mark, start):
            out.append(Piece(None, start, start + len(mark), blank=True))
    negative = False
    body = start
    if kind is NumberKind.SIGNED:
        for word, minus in _SIGNS:
            if chars.startswith(word, start):
                negative, body = minus, start + len(word)
                break
    limit = body
    while limit < len(chars) and chars[limit] in _DIGITS:
        limit += 1
    digits = 0
    for end in range(body + 1, limit + 1):
        if chars[end - 1].isdigit():
            digits += 1
        if digits > MAX_CELL_DIGITS:
            break
        value = _number(chars[body:end], kind)
        if value is None or (negative and value == 0 and body > start):
            continue
        signed = -value if negative else value
        out.append(Piece(signed, start, end))
        for unit in _UNITS:
            if chars.startswith(unit, end) and (unit != "件" or kind is not NumberKind.MONEY):
                if unit == "元" and kind is NumberKind.MONEY:
                    break  # an amount in 元 is converted; not worth guessing inside a run
                out.append(Piece(signed, start, end + len(unit)))
                break
    return out


def splits(
    run: Run, kinds: Sequence[NumberKind], *, limit: int, budget: int
) -> tuple[list[tuple[Piece, ...]], bool]:
    """Every way to cut the whole ``run`` into one cell per kind, in order, up to ``limit``
    ways; also whether the search stopped early (``limit`` ways or ``budget`` steps)."""
    found: list[tuple[Piece, ...]] = []
    steps = 0
    stopped = False
    n = len(run.chars)

    def walk(column: int, pos: int, acc: list[Piece]) -> None:
        nonlocal steps, stopped
        if stopped:
            return
        steps += 1
        if steps > budget or len(found) >= limit:
            stopped = True
            return
        if column == len(kinds):
            if pos == n:
                found.append(tuple(acc))
            return
        left = len(kinds) - column
        if n - pos < left or n - pos > left * (MAX_CELL_DIGITS + 8):
            return
        for piece in cell_readings(run, pos, kinds[column]):
            acc.append(piece)
            walk(column + 1, piece.end, acc)
            acc.pop()

    walk(0, 0, [])
    return found, stopped

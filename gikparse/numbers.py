"""Cell text to numbers: pure functions, exact results, and the reason when there is no number."""

from __future__ import annotations

import contextlib
import contextvars
import enum
import functools
import re
import unicodedata
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

import attrs
import regex

__all__ = [
    "NumberKind",
    "ParsedNumber",
    "ValueStatus",
    "digit_run_limit",
    "is_value_text",
    "max_digits",
    "parse_number",
    "plain_count",
]


class ValueStatus(str, enum.Enum):
    """Why a cell holds what it holds."""

    NUMBER = "number"  #: a number was read
    BLANK = "blank"  #: the cell is empty: not reported, which is not zero
    DASH = "dash"  #: the cell says "nothing" with a mark: —, -, /, 无
    UNREADABLE = "unreadable"  #: text that is not a number
    AMBIGUOUS = "ambiguous"  #: the row's cells cannot be placed with certainty
    MISSING = "missing"  #: the row or table is not in the report at all
    #: a cell lost in the copy whose value the row's total rule fixes, or a number whose cell
    #: the template's order and sums fixed after the copy lost the table's shape
    #: (gikparse.recover)
    INFERRED = "inferred"


class NumberKind(str, enum.Enum):
    COUNT = "count"  #: a non-negative integer in a well-formed report
    SIGNED = "signed"  #: a change: 增3 / 减4 / +3 / -4 / 持平
    MONEY = "money"  #: a decimal amount in 万元


@attrs.frozen
class ParsedNumber:
    value: int | Decimal | None
    status: ValueStatus
    #: the money unit the amount was converted from to 万元 ("元", "千元" …), if it was
    converted_from: str | None = None


_SPACES = regex.compile(r"[\s\u3000\u200b\ufeff]+")
# A space shown between the digits or separators of a number ("1. 25": a list label and a
# number; "1 .5"): no one number, whatever the space was (two lines of a cell, a typo). But
# after a thousands separator, before a group of three digits ("1, 234"): a number wrapped
# at its separator, one number.
_BROKEN = regex.compile(
    r"(?:[0-9０-９.．]|[,，](?![\s\u3000]+[0-9０-９]{3}(?![0-9０-９])))[\s\u3000]+[0-9０-９.,，．]"
)
_DASHES = frozenset({"-", "--", "/", "无", "\\", "空", "不适用", "_"})
MAX_DIGITS = 30  #: more digits than this are cells run together, not a number (the default)
#: The digit limit of the parse under way (``Limits.max_digit_run``); :func:`digit_run_limit`
#: sets it for a block. A context variable, so threads and async tasks each keep their own.
_DIGIT_LIMIT: contextvars.ContextVar[int] = contextvars.ContextVar(
    "gikparse_max_digit_run", default=MAX_DIGITS
)


def max_digits() -> int:
    """The longest digit run read as one number in the parse under way."""
    return _DIGIT_LIMIT.get()


@contextlib.contextmanager
def digit_run_limit(limit: int) -> Iterator[None]:
    """Read numbers of at most ``limit`` digits inside the block (longer runs: unreadable)."""
    token = _DIGIT_LIMIT.set(limit)
    try:
        yield
    finally:
        _DIGIT_LIMIT.reset(token)


_DASH_RUN = regex.compile(r"-{2,}")
_ZERO_WORDS = frozenset({"持平", "无变化", "不变", "没有变化"})
#: Enclosed numbers and letters (①–⑳, ⑴, ⒈, ⓪, ⓫, ㉑–㊿, ❶, ➀ …): footnote marks, which
#: NFKC would turn into digits (⑪ into 11), so they are never read as digits of a value.
ENCLOSED = "\u2460-\u24ff\u2776-\u2793\u3251-\u325f\u32b1-\u32bf"
# A footnote mark after a value: superscript digits too (5¹ is 5 and note 1, never 51).
_FOOTNOTE = regex.compile(rf"(?:[*※]+|[{ENCLOSED}]|[⁰¹²³⁴-⁹]+|[₀-₉]+|\(注\d*\)|注\d*)$")
# Raised, lowered or enclosed digits left inside a value: NFKC would make them digits of it.
_RAISED_DIGIT = regex.compile(rf"[⁰¹²³⁴-⁹₀-₉{ENCLOSED}]")
_NUMBER = regex.compile(r"(?P<sign>[+-])?(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?")
#: The money units reports print amounts in, and the power of ten each is of 万元 (amounts
#: are kept in 万元, the template's unit).
MONEY_UNITS = {"元": -4, "千元": -1, "万元": 0, "百万元": 2, "亿元": 4}
#: A money unit as printed (the longest first: 百万元 is no 万元).
MONEY_UNIT = "|".join(sorted(MONEY_UNITS, key=len, reverse=True))
_UNIT = regex.compile(rf"(?P<unit>{MONEY_UNIT}|件|个|项|条|宗|次|人次)$")
_SIGN_WORD = regex.compile(r"^(?P<word>增加|增|新增|减少|减)")


def _clean(text: str) -> str:
    # Footnote marks go before NFKC, which would turn ① into a digit.
    text = _FOOTNOTE.sub("", text.strip())
    if _RAISED_DIGIT.search(text) is not None:
        text = _RAISED_DIGIT.sub("?", text)  # unreadable, not a digit of the value
    text = unicodedata.normalize("NFKC", text)
    text = _SPACES.sub("", text)
    for dash in "—–―−‐﹣－":
        text = text.replace(dash, "-")
    return _FOOTNOTE.sub("", text)


# Digits, ASCII or full-width, with or without thousands separators: most cells of a table,
# and a different text in every report, so they are read without parse_number's cache (whose
# churn kept the garbage collector busy). Plain ``re``: the classes are literal.
_PLAIN_COUNT = re.compile(r"[0-9０-９]{1,3}(?:[,，][0-9０-９]{3})+|[0-9０-９]+")
_TO_ASCII = str.maketrans("０１２３４５６７８９", "0123456789", ",，")


def plain_count(text: str) -> int | None:
    """The number a cell of plain digits states (``"1,234"``, ``"１２"``), as
    :func:`parse_number` reads it in any kind; ``None`` for any other text."""
    if _PLAIN_COUNT.fullmatch(text) is None:
        return None
    digits = text.translate(_TO_ASCII)
    return int(digits) if len(digits) <= _DIGIT_LIMIT.get() else None


def is_value_text(text: str) -> bool:
    """True when ``text`` is a number or a nothing-mark, i.e. belongs in a value cell."""
    return _is_value_text(text, _DIGIT_LIMIT.get())


@functools.lru_cache(maxsize=4096)
def _is_value_text(text: str, limit: int) -> bool:
    parsed = _parse_number(text, NumberKind.SIGNED, None, limit)
    return parsed.status in (ValueStatus.NUMBER, ValueStatus.DASH) or (
        _parse_number(text, NumberKind.MONEY, None, limit).status is ValueStatus.NUMBER
    )


def parse_number(
    text: str, kind: NumberKind = NumberKind.COUNT, unit: str | None = None
) -> ParsedNumber:
    """Read one cell.

    ``unit`` is the money unit the column header or the table states (``"元"``, ``"千元"``,
    ``"万元"``, ``"百万元"``, ``"亿元"``); money is returned in 万元 whatever the unit (a unit
    in the cell wins), with ``converted_from`` naming the unit it was converted from. A run of
    more digits than :func:`max_digits` is unreadable (cells run together, or a hostile text).
    """
    return _parse_number(text, kind, unit, _DIGIT_LIMIT.get())


@functools.lru_cache(maxsize=8192)
def _parse_number(text: str, kind: NumberKind, unit: str | None, limit: int) -> ParsedNumber:
    if _BROKEN.search(text) is not None:
        return ParsedNumber(None, ValueStatus.UNREADABLE)
    cleaned = _clean(text)
    if not cleaned:
        return ParsedNumber(None, ValueStatus.BLANK)
    if cleaned in _DASHES or _DASH_RUN.fullmatch(cleaned):
        return ParsedNumber(None, ValueStatus.DASH)
    if kind is NumberKind.SIGNED and cleaned in _ZERO_WORDS:
        return ParsedNumber(0, ValueStatus.NUMBER)
    negative = worded = False
    if kind is NumberKind.SIGNED:
        m = _SIGN_WORD.match(cleaned)
        if m:
            negative, worded = m.group("word").startswith("减"), True
            cleaned = cleaned[m.end() :]
    m_unit = _UNIT.search(cleaned)
    cell_unit = None
    if m_unit is not None:
        cell_unit = m_unit.group("unit")
        cleaned = cleaned[: m_unit.start()]
    m = _NUMBER.fullmatch(cleaned)
    if m is None:
        return ParsedNumber(None, ValueStatus.UNREADABLE)
    digits = m.group("int").replace(",", "")
    frac = m.group("frac")
    if len(digits) + len(frac or "") > limit:
        return ParsedNumber(None, ValueStatus.UNREADABLE)  # digits of cells run together
    if m.group("sign") is not None and worded:
        # 减-2: a decrease of 2 written twice, or a decrease of -2? No one number.
        return ParsedNumber(None, ValueStatus.UNREADABLE)
    if m.group("sign") == "-":
        negative = True
    if kind is NumberKind.MONEY:
        try:
            amount = Decimal(digits + ("." + frac if frac else ""))
        except InvalidOperation:  # pragma: no cover - the regex admits only digits
            return ParsedNumber(None, ValueStatus.UNREADABLE)
        amount = -amount if negative else amount
        stated = cell_unit or unit
        power = MONEY_UNITS.get(stated or "万元", 0)
        if power:
            # (Multiplied, not scaled up: 1.7325E+7 would print so.)
            amount = amount.scaleb(power) if power < 0 else amount * 10**power
            return ParsedNumber(amount, ValueStatus.NUMBER, converted_from=stated)
        return ParsedNumber(amount, ValueStatus.NUMBER)
    if cell_unit in MONEY_UNITS:
        return ParsedNumber(None, ValueStatus.UNREADABLE)
    if frac is not None:
        # A count with a fraction is kept exact; the checks say it is not a count.
        number: int | Decimal = Decimal(f"{digits}.{frac}")
    else:
        number = int(digits)
    return ParsedNumber(-number if negative else number, ValueStatus.NUMBER)

"""Numbers in Han numerals, and dates as reports print them."""

from __future__ import annotations

import datetime as dt

import regex

from gikparse.narrative._view import _EDGE_JUNK, _view

_HAN_DIGIT = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "◯": 0,
    "O": 0,
    "o": 0,
    "Ο": 0,
    "0": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


_HAN_ZERO = "零〇○◯OoΟ0"


_HAN_NUM_CHARS = "零〇一二两三四五六七八九十百"


def _han_int(text: str) -> int | None:
    """Value of a small Chinese numeral (``十二``, ``两``, ``一百零五``), else ``None``."""
    if not text:
        return None
    if text.isdigit() and text.isascii():
        return int(text)
    total = 0
    current = 0
    seen_unit = False
    for ch in text:
        if ch in _HAN_DIGIT:
            current = _HAN_DIGIT[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
            seen_unit = True
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
            seen_unit = True
        else:
            return None
    if not seen_unit and len(text) > 1:
        return None  # "一二" is not a number
    return total + current


def _han_digits(text: str) -> int | None:
    """Digit-by-digit Chinese year (``二〇二一``)."""
    out = 0
    for ch in text:
        if ch not in _HAN_DIGIT:
            return None
        out = out * 10 + _HAN_DIGIT[ch]
    return out


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


_Y = r"(?:19|20)\d{2}"


_HY = rf"[{_HAN_ZERO}一二三四五六七八九]{{4}}"


_HMD = r"[一二三四五六七八九十]{1,3}"


_DATE = regex.compile(
    rf"""
    (?P<y>{_Y})年(?P<m>\d{{1,2}})月(?P<d>\d{{1,2}})[日号]
  | (?<!\d)(?P<y>{_Y})(?P<sep>[-./])(?P<m>\d{{1,2}})(?P=sep)(?P<d>\d{{1,2}})(?!\d)
  | (?P<hy>{_HY})年(?P<hm>{_HMD})月(?P<hd>{_HMD})[日号]
    """,
    regex.VERBOSE,
)


def _date_of(m: regex.Match[str]) -> dt.date | None:
    if m.group("y") is not None:
        return _make_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    year = _han_digits(m.group("hy"))
    month = _han_int(m.group("hm"))
    day = _han_int(m.group("hd"))
    if year is None or month is None or day is None:
        return None
    return _make_date(year, month, day)


def parse_date(text: str) -> dt.date | None:
    """The date that ``text`` consists of, or ``None``.

    Accepts ``2021年2月2日``, ``2021 年 2 月 2 日``, ``2021-02-02``, ``2021.2.2``, ``2021/2/2``,
    ``二〇二一年二月二日`` (also with ``○``/``O`` for zero), full-width digits, and surrounding
    punctuation. Impossible dates (``2021年2月30日``) give ``None``.
    """
    view = _view(text, "drop").text.strip(_EDGE_JUNK)
    m = _DATE.fullmatch(view)
    return None if m is None else _date_of(m)

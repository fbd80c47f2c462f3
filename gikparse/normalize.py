"""The one normalisation used to match labels, applied alike to spec labels and input.

Never store normalised text as ``raw``: it is for comparison only.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import regex

__all__ = ["has_han", "normalize", "split_ordinal", "strip_ordinal"]

# CJK radical-supplement and compatibility characters NFKC leaves alone but PDFs emit.
_RADICALS = {
    "⻅": "见",
    "⻓": "长",
    "⻔": "门",
    "⻜": "飞",
    "⻢": "马",
    "⻋": "车",
    "⻛": "风",
    "⻚": "页",
    "⻉": "贝",
    "⻄": "西",
    "⺠": "民",
    "⻆": "角",
    "⺟": "母",
    "⻬": "齐",
    "⻰": "龙",
    "⻥": "鱼",
    "⼀": "一",
    "⼆": "二",
    "⼈": "人",
    "⼊": "入",
    "⼋": "八",
    "⼏": "几",
    "⼒": "力",
    "⼗": "十",
    "⽇": "日",
    "⽉": "月",
    "⽣": "生",
    "⽤": "用",
    "⽬": "目",
    "⾏": "行",
    "⾦": "金",
    "⾼": "高",
    "〔": "(",
    "〕": ")",
    "【": "(",
    "】": ")",
    "[": "(",
    "]": ")",
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "—": "-",
    "–": "-",
    "―": "-",
    "−": "-",
    "‐": "-",
    "﹣": "-",
    "．": ".",
    "。": ".",
}
# Plain ``re`` for these two: a class of literal characters, matched several times faster than
# ``str.translate`` with a dict or ``regex`` manage (most text has none of them to replace).
_RADICAL = re.compile("[" + "".join(map(re.escape, _RADICALS)) + "]")
# Unicode White_Space (``regex``'s ``\s``; ``re``'s also takes U+001C–U+001F) and zero-width
# and ideographic spaces.
_SPACE = re.compile(
    r"[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+"
)
_HAN = regex.compile(r"\p{Han}")

_ORDINAL = regex.compile(
    r"""^(?:
        \((?P<han>[一二三四五六七八九十]+)\)[、.,]?
      | (?P<han>[一二三四五六七八九十]+)[、.,]
      | \((?P<num>\d{1,2})\)[、.,]?
      | (?P<num>\d{1,2})(?:[、,)]|\.(?!\d))
    )""",
    regex.VERBOSE,
)

_HAN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


# Labels and headings recur in every report and are worth caching; longer texts (a section's
# joined lines) are met once, and caching them would only fill memory in long batch runs.
_CACHED_LENGTH = 200


def normalize(text: str) -> str:
    """Matching form of ``text``: NFKC, no whitespace, one form of brackets, dashes, quotes."""
    return _normalize_label(text) if len(text) <= _CACHED_LENGTH else _normalize(text)


def _normalize(text: str) -> str:
    text = _RADICAL.sub(_radical, unicodedata.normalize("NFKC", text))
    return _SPACE.sub("", text)


_normalize_label = functools.lru_cache(maxsize=16384)(_normalize)


def _radical(m: re.Match[str]) -> str:
    return _RADICALS[m.group()]


def _han_number(text: str) -> int:
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _HAN_DIGITS.get(text[1:], 0)
    if "十" in text:
        tens, _, units = text.partition("十")
        return _HAN_DIGITS.get(tens, 0) * 10 + _HAN_DIGITS.get(units, 0)
    return _HAN_DIGITS.get(text, 0)


def split_ordinal(normalized: str) -> tuple[int | None, str, str]:
    """Split an ordinal prefix (``一、``, ``(三)``, ``3.``) off normalised text.

    Returns (number, kind, rest) where kind is ``"han"``, ``"num"`` or ``""``.
    """
    m = _ORDINAL.match(normalized)
    if m is None:
        return None, "", normalized
    rest = normalized[m.end() :]
    if m.group("han"):
        return _han_number(m.group("han")), "han", rest
    return int(m.group("num")), "num", rest


def strip_ordinal(normalized: str) -> str:
    """Normalised text without its ordinal prefix."""
    return split_ordinal(normalized)[2]


def has_han(text: str) -> bool:
    return _HAN.search(text) is not None

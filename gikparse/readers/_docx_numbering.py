"""Word's automatic numbering: ``numbering.xml`` definitions, counters, and their text.

In Word files the ordinals ``一、`` and ``（一）`` in front of section headings are often list
numbering rather than typed text, so the paragraph's own text lacks them. The reader renders
each numbered paragraph's label the way Word displays it, so the headings are found as in any
other surface. Only what Word stores is used: levels (``w:lvl``) with their start, format,
level text and restart rule; per-list overrides (``w:lvlOverride``/``w:startOverride``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from xml.etree.ElementTree import Element

import attrs

__all__ = ["Level", "Numbering", "format_number", "read_numbering"]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = f"{W}val"
_DIGITS = "〇一二三四五六七八九"  #: digit by digit (ideographDigital): 二〇二一
_COUNTING = "零一二三四五六七八九"  #: counting: 一百零五
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_LEGAL_TRADITIONAL = "零壹貳參肆伍陸柒捌玖"
_TEN_THOUSANDS = ("", "十", "百", "千")
_LEGAL_UNITS = ("", "拾", "佰", "仟")
_HEAVENLY = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_FULLSTOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def _chinese(n: int, digits: str = _COUNTING, units: tuple[str, ...] = _TEN_THOUSANDS) -> str:
    """一, 十, 十一, 二十, 一百零五 ...: Chinese counting up to 9999 (decimal digits past it)."""
    if n <= 0 or n > 9999:
        return str(n) if n else digits[0]
    parts: list[str] = []
    text = str(n)
    zero = False
    for i, ch in enumerate(text):
        d = int(ch)
        unit = units[len(text) - 1 - i]
        if d == 0:
            zero = True
            continue
        if zero and parts:
            parts.append(digits[0])
        zero = False
        parts.append(digits[d] + unit)
    out = "".join(parts)
    # 十一, not 一十一: a leading one before ten is not said (Word prints it this way too).
    if digits is _COUNTING and 10 <= n <= 19:
        out = out[1:]
    return out


# Past this many repeats of a letter, a number is written in digits (a start of 10**11 would
# otherwise spell billions of letters).
_MOST_LETTERS = 64


def _letters(n: int, upper: bool) -> str:
    # Word repeats the letter: A..Z, AA..ZZ, AAA..
    if n <= 0 or n > 26 * _MOST_LETTERS:
        return str(n)
    letter = chr((ord("A") if upper else ord("a")) + (n - 1) % 26)
    return letter * ((n - 1) // 26 + 1)


def _roman(n: int, upper: bool) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = []
    for value, symbol in _ROMAN:
        while n >= value:
            out.append(symbol)
            n -= value
    text = "".join(out)
    return text if upper else text.lower()


def _from(table: str) -> Callable[[int], str]:
    return lambda n: table[n - 1] if 1 <= n <= len(table) else str(n)


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}" if 0 <= n < 10 else str(n),
    "upperLetter": lambda n: _letters(n, True),
    "lowerLetter": lambda n: _letters(n, False),
    "upperRoman": lambda n: _roman(n, True),
    "lowerRoman": lambda n: _roman(n, False),
    "chineseCounting": _chinese,
    "chineseCountingThousand": _chinese,
    "taiwaneseCounting": _chinese,
    "taiwaneseCountingThousand": _chinese,
    "japaneseCounting": _chinese,
    "ideographLegalTraditional": lambda n: _chinese(n, _LEGAL_TRADITIONAL, _LEGAL_UNITS),
    "chineseLegalSimplified": lambda n: _chinese(n, _LEGAL, _LEGAL_UNITS),
    "ideographDigital": lambda n: "".join(_DIGITS[int(d)] for d in str(n)) if n >= 0 else str(n),
    "taiwaneseDigital": lambda n: "".join(_DIGITS[int(d)] for d in str(n)) if n >= 0 else str(n),
    "ideographTraditional": _from(_HEAVENLY),
    "ideographZodiac": _from(_EARTHLY),
    "decimalEnclosedCircle": _from(_CIRCLED),
    "decimalEnclosedCircleChinese": _from(_CIRCLED),
    "ideographEnclosedCircle": _from(_CIRCLED),
    "decimalEnclosedParen": _from(_PAREN),
    "decimalEnclosedFullstop": _from(_FULLSTOP),
    "decimalFullWidth": lambda n: str(n).translate(_FULL_WIDTH),
    "decimalFullWidth2": lambda n: str(n).translate(_FULL_WIDTH),
    "decimalHalfWidth": str,
    "ordinal": lambda n: f"{n}.",
    "cardinalText": str,
    "ordinalText": str,
    "none": lambda n: "",
}


def format_number(n: int, fmt: str) -> str:
    """``n`` in Word's number format ``fmt`` (unknown formats as decimal digits)."""
    return _FORMATS.get(fmt, str)(n)


@attrs.frozen
class Level:
    """One level of a list definition (``w:lvl``)."""

    start: int = 1
    fmt: str = "decimal"
    text: str | None = None  #: ``w:lvlText`` such as ``%1、``; None when absent
    restart: int | None = None  #: ``w:lvlRestart``: restart after this (1-based) level; 0 never
    legal: bool = False  #: ``w:isLgl``: every ``%N`` as decimal digits
    style: str | None = None  #: ``w:pStyle``: the paragraph style bound to this level
    #: its text is drawn in a symbol font (``w:rPr/w:rFonts``: Wingdings, Symbol …), whose
    #: characters are glyphs ("l" is Wingdings' round bullet), not text
    symbol_font: bool = False
    #: its label is hidden (``w:rPr/w:vanish``): counted, not shown
    hidden: bool = False


_OFF = ("0", "false", "off")  #: the values that turn an on/off property off


# Fonts whose characters are pictures: their letters draw bullets, arrows, ticks.
_SYMBOL_FONT = re.compile(r"(?i)wingdings|webdings|symbol|dingbats|marlett")


def _int(element: Element | None, default: int | None = None) -> int | None:
    if element is None:
        return default
    try:
        return int(element.get(_VAL, ""))
    except ValueError:
        return default


def _level(lvl: Element) -> Level:
    fmt = lvl.find(f"{W}numFmt")
    text = lvl.find(f"{W}lvlText")
    style = lvl.find(f"{W}pStyle")
    legal = lvl.find(f"{W}isLgl")
    fonts = lvl.find(f"{W}rPr/{W}rFonts")
    vanish = lvl.find(f"{W}rPr/{W}vanish")
    return Level(
        start=_int(lvl.find(f"{W}start"), 1) or 0,
        fmt=(fmt.get(_VAL) if fmt is not None else None) or "decimal",
        text=text.get(_VAL) if text is not None else None,
        restart=_int(lvl.find(f"{W}lvlRestart")),
        legal=legal is not None and legal.get(_VAL, "true") not in _OFF,
        style=style.get(_VAL) if style is not None else None,
        symbol_font=fonts is not None
        and any(
            _SYMBOL_FONT.search(fonts.get(f"{W}{script}") or "") is not None
            for script in ("ascii", "hAnsi")
        ),
        hidden=vanish is not None and vanish.get(_VAL) not in _OFF,
    )


def _levels(parent: Element) -> dict[int, Level]:
    out: dict[int, Level] = {}
    for lvl in parent.findall(f"{W}lvl"):
        ilvl = _int_attr(lvl, f"{W}ilvl")
        if ilvl is not None and 0 <= ilvl < 10:
            out[ilvl] = _level(lvl)
    return out


def _int_attr(element: Element, name: str) -> int | None:
    try:
        return int(element.get(name, ""))
    except ValueError:
        return None


@attrs.frozen
class _List:
    """A ``w:num``: its abstract definition, with level overrides and start overrides."""

    abstract: str
    levels: dict[int, Level]
    starts: dict[int, int]


class Numbering:
    """The list definitions of one document and the counters as the body is read in order."""

    def __init__(self, abstracts: dict[str, dict[int, Level]], lists: dict[str, _List]) -> None:
        self.abstracts = abstracts
        self.lists = lists
        # Counters live per abstract definition: two w:num of one definition continue each
        # other's numbering unless one overrides the start (then it restarts, once).
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()

    def level(self, num_id: str, ilvl: int) -> Level | None:
        found = self.lists.get(num_id)
        if found is None:
            return None
        if ilvl in found.levels:
            return found.levels[ilvl]
        return self.abstracts.get(found.abstract, {}).get(ilvl)

    def style_level(self, num_id: str, style: str) -> int | None:
        """The level a list binds to paragraph style ``style`` (``w:lvl/w:pStyle``)."""
        found = self.lists.get(num_id)
        if found is None:
            return None
        for ilvl, level in sorted(
            {**self.abstracts.get(found.abstract, {}), **found.levels}.items()
        ):
            if level.style == style:
                return ilvl
        return None

    def label(self, num_id: str, ilvl: int) -> str | None:
        """Advance list ``num_id`` at level ``ilvl`` and return the label Word displays."""
        found = self.lists.get(num_id)
        level = self.level(num_id, ilvl)
        if found is None or level is None:
            return None
        counters = self.counters.setdefault(found.abstract, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for at, start in found.starts.items():
                counters.pop(at, None)
                counters[at] = start - 1
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            deeper_level = self.level(num_id, deeper)
            restart = deeper_level.restart if deeper_level is not None else None
            if restart is None or ilvl < restart:
                del counters[deeper]
        if level.hidden:
            return ""
        if level.fmt == "bullet":
            # Bullets drawn from symbol fonts are glyphs, not text (most sit in the private
            # use area, as Word's own bullet, U+F0B7 in Symbol).
            if level.symbol_font:
                return ""
            return "".join(ch for ch in level.text or "" if not "\ue000" <= ch <= "\uf8ff")
        if level.text is None:
            return format_number(counters[ilvl], level.fmt)
        return self._render(num_id, level, counters)

    def _render(self, num_id: str, level: Level, counters: dict[int, int]) -> str:
        out: list[str] = []
        text = level.text or ""
        i = 0
        while i < len(text):
            ch = text[i]
            if ch == "%" and i + 1 < len(text) and text[i + 1].isdigit():
                ref = int(text[i + 1]) - 1
                ref_level = self.level(num_id, ref)
                start = ref_level.start if ref_level is not None else 1
                n = counters.get(ref, start)
                fmt = ref_level.fmt if ref_level is not None else "decimal"
                out.append(str(n) if level.legal else format_number(n, fmt))
                i += 2
                continue
            out.append(ch)
            i += 1
        return "".join(out)


def read_numbering(root: Element | None, style_lists: dict[str, str] | None = None) -> Numbering:
    """The list definitions of ``word/numbering.xml`` (an empty set when there is none);
    ``style_lists``: the list (numId) each numbering style of styles.xml stands for."""
    if root is None:
        return Numbering({}, {})
    abstracts: dict[str, dict[int, Level]] = {}
    # A list defined through a numbering style: one definition names the style
    # (w:numStyleLink) and holds no levels, another holds the levels (w:styleLink).
    style_links: dict[str, str] = {}
    num_style_links: dict[str, str] = {}
    for a in root.findall(f"{W}abstractNum"):
        abstract_id = a.get(f"{W}abstractNumId", "")
        abstracts[abstract_id] = _levels(a)
        link = a.find(f"{W}styleLink")
        if link is not None:
            style_links[link.get(_VAL, "")] = abstract_id
        link = a.find(f"{W}numStyleLink")
        if link is not None:
            num_style_links[abstract_id] = link.get(_VAL, "")
    aliases = {
        abstract_id: style_links[style]
        for abstract_id, style in num_style_links.items()
        if not abstracts[abstract_id] and style in style_links
    }
    lists: dict[str, _List] = {}
    for num in root.findall(f"{W}num"):
        num_id = num.get(f"{W}numId")
        abstract = num.find(f"{W}abstractNumId")
        if num_id is None or abstract is None:
            continue
        levels: dict[int, Level] = {}
        starts: dict[int, int] = {}
        for override in num.findall(f"{W}lvlOverride"):
            ilvl = _int_attr(override, f"{W}ilvl")
            if ilvl is None:
                continue
            start = _int(override.find(f"{W}startOverride"))
            lvl = override.find(f"{W}lvl")
            if lvl is not None:
                levels[ilvl] = _level(lvl)
                if start is None and lvl.find(f"{W}start") is not None:
                    start = levels[ilvl].start
            if start is not None:
                starts[ilvl] = start
        abstract_id = abstract.get(_VAL, "")
        lists[num_id] = _List(aliases.get(abstract_id, abstract_id), levels, starts)
    # A numbering style no definition links back to (w:styleLink): the list its own numPr
    # in styles.xml names has the levels.
    for abstract_id, style in num_style_links.items():
        target = lists.get((style_lists or {}).get(style, ""))
        if abstract_id in aliases or abstracts[abstract_id] or target is None:
            continue
        for num_id, found in lists.items():
            if found.abstract == abstract_id:
                lists[num_id] = attrs.evolve(found, abstract=target.abstract)
    return Numbering(abstracts, lists)

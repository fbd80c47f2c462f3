"""What an element's ``style`` attribute does to its text, read as browsers apply CSS.

``display`` and ``visibility`` hide: ``display:none`` takes the element out (a cell so
styled leaves no slot in its row), ``visibility:hidden`` or ``collapse`` empties it (a cell
keeps its slot, blank). ``vertical-align``, ``text-decoration`` and ``float`` set text apart
(see :func:`sets_apart`): a raised, struck-out or floated digit is no digit of the number
beside it. A
declaration counts as browsers count it: comments are no declarations, escapes stand for the
characters they escape (``disp\\lay``), the last valid one wins unless an earlier one is
``!important``, and one whose value is no value of the property (``display:nonex``) is
dropped. Styles are matched in the page lowercased (see _html_prepare.lowered); what
``<style>`` sheets give an element is cascaded with them here (see _html_sheet).
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterator, Mapping

from gikparse.readers._html_markup import ASCII_LOWER

__all__ = [
    "APART_WORDS",
    "apart_declarations",
    "blank",
    "cascaded",
    "declarations",
    "hidden",
    "says_last",
    "sets_apart",
]

_WS = "\t\n\r\f "  # CSS knows ASCII whitespace only: "display:\xa0none" is no declaration
# Comments and strings, read in one pass as CSS reads them (a quote in a comment opens no
# string, "/*" in a string no comment): no value of display or visibility holds either, and
# a string's text (content:"a;display:none") could read as declarations.
_COMMENT_OR_STRING = re.compile(r"""/\*.*?(?:\*/|\Z)|"(?:\\.|[^"\\])*"?|'(?:\\.|[^'\\])*'?""", re.S)
_IMPORTANT = re.compile(rf"![{_WS}]*important[{_WS}]*\Z")
_KEYWORDS = re.compile(rf"[a-z-]+(?:[{_WS}]+[a-z-]+)*\Z")
# The keywords of each property's values; a value with any other word is invalid.
_GLOBAL = frozenset({"inherit", "initial", "unset", "revert", "revert-layer"})
_VALUES = {
    "display": _GLOBAL
    | {
        "none",
        "contents",
        "block",
        "inline",
        "flow",
        "flow-root",
        "list-item",
        "table",
        "flex",
        "grid",
        "ruby",
        "math",
        "inline-block",
        "inline-table",
        "inline-flex",
        "inline-grid",
        "table-row-group",
        "table-header-group",
        "table-footer-group",
        "table-row",
        "table-cell",
        "table-column-group",
        "table-column",
        "table-caption",
        "ruby-base",
        "ruby-text",
        "ruby-base-container",
        "ruby-text-container",
        "-webkit-box",
        "-webkit-inline-box",
        "-webkit-flex",
        "-webkit-inline-flex",
    },
    "visibility": _GLOBAL | {"visible", "hidden", "collapse"},
}


# The words ``display`` takes two or three of (an outside and an inside display type, and
# list-item): every other value is one keyword alone.
_COMBINED = frozenset(
    {
        "block",
        "inline",
        "flow",
        "flow-root",
        "table",
        "flex",
        "grid",
        "ruby",
        "math",
        "list-item",
    }
)


# A CSS escape: a hex code point and the whitespace after it (CR LF is one), or any other
# character but a newline as itself.
_ESCAPE = re.compile(r"\\(?:([0-9a-f]{1,6})(?:\r\n|[\t\n\r\f ])?|([^\n\r\f]))", re.I)
# A declaration where escapes may be: its name up to its first ":" and its value up to its
# ";", an escaped ":" or ";" in either being a character of it (and a backslash at the end,
# which escapes nothing: CSS reads U+FFFD there).
_ESCAPED_DECLARATION = re.compile(
    r"((?:\\(?:.|\Z)|[^:;\\])*)(?::((?:\\(?:.|\Z)|[^;\\])*))?;?", re.S
)
# A comment where escapes may be: it ends a hex escape, as whitespace does, without being
# taken as the escape's own space (see _pairs).
_SEPARATOR = "\x02"
_WORD_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-")


def _word_character(m: re.Match[str]) -> str:
    """What an escape stands for in a name or keyword: a letter or "-" as itself, anything
    else (an escaped space, ":", "!") as U+FFFD, a character of the word that no name or
    keyword of display and visibility holds."""
    code, char = m.groups()
    if code is not None:
        point = int(code, 16)
        char = chr(point) if 0 < point <= 0x10FFFF and not 0xD800 <= point <= 0xDFFF else ""
    return char if char in _WORD_CHARACTERS else "\ufffd"


def _neutral(m: re.Match[str]) -> str:
    return " " if m.group().startswith("/*") else '""'


def _escaped_neutral(m: re.Match[str]) -> str:
    return _SEPARATOR if m.group().startswith("/*") else '""'


def _pairs(style: str) -> list[tuple[str, str, str]]:
    """Each declaration of ``style`` (comments and strings made neutral) as its name, ":"
    (or nothing) and value; escapes replaced, names and values lowered as CSS folds them."""
    if "\\" not in style:
        return [declaration.partition(":") for declaration in style.split(";")]
    pairs: list[tuple[str, str, str]] = []
    for m in _ESCAPED_DECLARATION.finditer(style):
        name, value = m.groups()
        if value is not None:
            name, value = (
                _ESCAPE.sub(_word_character, part).replace(_SEPARATOR, " ").translate(ASCII_LOWER)
                for part in (name, value)
            )
            pairs.append((name, ":", value))
    return pairs


def _declared(style: str, names: Container[str]) -> Iterator[tuple[str, str, bool]]:
    """The declarations of ``style`` (lowercased) of the properties ``names``, in order:
    name, value and whether it is important (comments and strings made neutral)."""
    if "/*" in style or "'" in style or '"' in style:
        style = _COMMENT_OR_STRING.sub(_escaped_neutral if "\\" in style else _neutral, style)
    for name, colon, value in _pairs(style):
        name = name.strip(_WS)
        if colon and name in names:
            value, marked = _IMPORTANT.subn("", value.strip(_WS))
            yield name, value.strip(_WS), bool(marked)


def declarations(style: str) -> dict[str, tuple[str, bool]]:
    """The value of ``display`` and ``visibility`` that applies, as browsers cascade the
    declarations of one block (a style attribute, a rule), with whether it is important."""
    values: dict[str, tuple[str, bool]] = {}
    for name, value, important in _declared(style, _VALUES):
        valid = _KEYWORDS.match(value) is not None and _valid(name, value.split())
        if valid and says_last(important, values.get(name)):
            values[name] = (value, important)
    return values


def _valid(name: str, words: list[str]) -> bool:
    """Whether ``words`` are a value of the property ``name``."""
    if len(words) == 1:
        return words[0] in _VALUES[name]
    return name == "display" and len(set(words)) == len(words) <= 3 and _COMBINED.issuperset(words)


_NONE: dict[str, tuple[str, bool]] = {}


def cascaded(style: str, sheet: dict[str, tuple[str, bool]] = _NONE) -> dict[str, tuple[str, bool]]:
    """What decides how an element with this style attribute shows its text (its ``display``
    and ``visibility``, and what may set it apart: see :func:`apart_declarations`), with what
    the page's sheets give it (see _html_sheet), each with whether it is important: the
    attribute says last, unless only the sheet's value is important."""
    shows = "display" in style or "visibility" in style or "\\" in style
    # Where a sheet sets the text apart, the style may undo it (text-decoration:none,
    # position:static) or hold only the offset of the position:relative the sheet gives.
    words = _APART_NAMES if sheet and any(name in sheet for name in _SAID) else APART_WORDS
    moves = any(word in style for word in words)
    if not shows and not moves:
        return sheet
    values = dict(sheet)
    for said in (declarations(style) if shows else _NONE, _apart_said(style) if moves else _NONE):
        for name, (value, important) in said.items():
            if says_last(important, values.get(name)):
                values[name] = (value, important)
    return values


def says_last(important: bool, said: tuple[object, ...] | None) -> bool:
    """Whether a declaration overrides the one said before it (``said``: value, important,
    …): unless that one is important and it is not."""
    return important or said is None or not said[1]


def blank(values: Mapping[str, tuple[object, ...]]) -> bool:
    """Whether ``visibility`` empties the element's box (``hidden``, ``collapse``)."""
    return values.get("visibility", ("",))[0] in ("hidden", "collapse")


def hidden(values: Mapping[str, tuple[object, ...]]) -> bool:
    """Whether ``display`` takes the element out (``none``)."""
    return values.get("display", ("",))[0] == "none"


# Where an inline element's text sits: raised or lowered (``vertical-align`` ``super``,
# ``sub``, a length or a percentage not zero, or a value computed from functions such as
# ``calc()``, which may be any; ``position:relative`` moved by ``top`` or ``bottom``, as Word
# saves raised text) or on the line (the keywords that align a box of the line's own height,
# as a value cell's text is); struck through (``line-through`` among the lines of
# ``text-decoration`` or its longhand); floated to a side of its line (``float`` ``left``,
# ``right``: ``5<span style="float:right">1</span>`` shows 5 and, at the cell's far edge, 1).
_ON_THE_LINE = frozenset({"baseline", "middle", "top", "bottom", "text-top", "text-bottom"})
_SHIFT = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:e[-+]?[0-9]+)?(%|[a-z]+)?")
_FUNCTION = re.compile(r"[a-z-]+\(")
_LINES = ("text-decoration", "text-decoration-line")
_APART_PROPERTIES = frozenset({"vertical-align", "position", "top", "bottom", "float", *_LINES})
#: words one of which a rule that may set text apart holds (a CSS escape may spell any)
APART_WORDS = ("vertical-align", "line-through", "relative", "float", "\\")
# The properties that may set text apart or undo what sets it apart; what apart_declarations
# says of them is under these names.
_APART_NAMES = ("vertical-align", "text-decoration", "position", "top", "bottom", "float", "\\")
_SAID = ("vertical-align", "position", "top", "bottom", "float", _LINES[1])
# The values of ``float`` that take the element to a side of its line (``none`` keeps it in
# the text; a value of none of them is dropped).
_FLOATED = {"left": True, "right": True, "inline-start": True, "inline-end": True, "none": False}


def _shifted(value: str, keywords: frozenset[str] = _ON_THE_LINE) -> bool | None:
    """Whether a ``vertical-align`` (or ``top``, ``bottom``) value moves the text off the
    line; None if it is no value."""
    if value in ("super", "sub"):
        return True
    if value in keywords or value in _GLOBAL:
        return False
    if _FUNCTION.match(value):
        return True  # calc(), var() …: not computed here, so not taken as on the line
    m = _SHIFT.fullmatch(value)
    if m is None or (m.group(1) is None and float(value) != 0):
        return None  # (a number without a unit is no length but zero)
    return float(value[: m.start(1)] if m.group(1) else value) != 0


_OFFSET_KEYWORDS = frozenset({"auto"})


def apart_declarations(style: str) -> dict[str, tuple[str, bool]]:
    """What the declarations of one block (a style attribute, a rule; lowercased) that may
    set text apart say, as browsers cascade them (comments, escapes, ``!important``; a value
    that is none of the property's is dropped): each property (``text-decoration`` as its
    longhand) with ``"apart"`` or ``""`` (it does or does not move or strike the text), and
    whether it is important. See :func:`sets_apart`. (Read of every rule of a sheet: a
    later rule may undo what an earlier one says.)"""
    if not any(name in style for name in _APART_NAMES):
        return _NONE
    return _apart_said(style)


def _apart_said(style: str) -> dict[str, tuple[str, bool]]:
    said: dict[str, tuple[str, bool]] = {}
    for name, value, important in _declared(style, _APART_PROPERTIES):
        apart: bool | None
        if name == "vertical-align":
            apart = _shifted(value)
        elif name == "position":
            apart = value == "relative" if value else None
        elif name in ("top", "bottom"):
            apart = None if value in ("super", "sub") else _shifted(value, _OFFSET_KEYWORDS)
        elif name == "float":
            apart = _FLOATED.get(value)
        else:
            name = _LINES[1]  # the shorthand sets the longhand
            apart = "line-through" in value.split() if value else None
        if apart is not None and says_last(important, said.get(name)):
            said[name] = ("apart" if apart else "", important)
    return said


def sets_apart(values: Mapping[str, tuple[object, ...]]) -> bool:
    """Whether an inline element's cascaded declarations (see :func:`apart_declarations`)
    raise, lower, strike out or float its text."""

    def says(name: str) -> bool:
        return values.get(name, ("",))[0] == "apart"

    moved = says("position") and (says("top") or says("bottom"))
    return moved or says("vertical-align") or says(_LINES[1]) or says("float")

"""The rules of a page's ``<style>`` sheets that show or hide elements, cascaded as browsers do.

Only ``display`` and ``visibility`` matter (see _html_style). A rule is applied when its
selector is a compound of classes and ids, with a tag or not (``.hide``, ``span.x``, ``#share``,
``td.blank``): the tokenizer reads the attributes of every element that has a class or an id
(see _html_prepare.MARK), so each element such a rule selects is seen. A rule that may hide by
any other selector (``.menu span``, a bare ``span``, ``:first-child``, ``[title]``, an escape,
a class Word names ``mso…``, a name not in ASCII) or under a condition (``@media (min-width:
…)``, ``@supports``) is not applied; its selector is named (P421) when the page has an element
it may select. Rules for other media (``print``) and those that only apply to a state
(``:hover``) or to generated content (``::before``) change nothing on a screen at rest and are
dropped. Class and id names are matched in the page lowercased, as in a page without a doctype
(quirks mode).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import NamedTuple

from gikparse.limits import Limits
from gikparse.readers._html_markup import NAME_END, attributes
from gikparse.readers._html_style import declarations

__all__ = ["Sheet", "page_sheet", "present", "read_sheet"]

_WS = "\t\n\r\f "
# A <style> element's start tag, up to its first ">" (as the tokenizer reads it), and its end.
_STYLE_START = re.compile(rf"<style{NAME_END}([^>]*)>")
_STYLE_END = re.compile(rf"</style{NAME_END}")
# Strings, comments, braces, semicolons, and the text between them: a brace or a semicolon
# inside a string or a comment is none.
_PIECE = re.compile(
    r""""(?:\\.|[^"\\])*"?|'(?:\\.|[^'\\])*'?|/\*.*?(?:\*/|\Z)|[{};]|[^{};"'/]+|/""", re.S
)
# At-rules whose blocks hold no rules for elements (the rest are read, as conditions).
_NO_ELEMENTS = frozenset(
    {"font-face", "page", "keyframes", "-webkit-keyframes", "counter-style", "property",
     "font-feature-values", "font-palette-values", "viewport", "-ms-viewport"}
)  # fmt: skip
# A name of a class or an id as the page writes them (no escape, no other selector's sign).
_NAME = r"[^\t\n\r\f .#:\[\]()>+~,*\\\"'{}|=^$]+"
_COMPOUND = re.compile(rf"(?P<tag>[a-z][a-z0-9-]*|\*)?(?P<names>(?:[.#]{_NAME})+)")
_PART = re.compile(rf"([.#])({_NAME})")
# Selectors that select only an element in a state (hovered, focused …) or generated content:
# nothing they say shows on a screen at rest.
_AT_REST_NEVER = re.compile(
    r":(?::?(?:before|after|selection|placeholder|first-line|first-letter|marker|backdrop"
    r"|file-selector-button|cue)|hover|focus|focus-within|focus-visible|active|visited|target"
    r"|checked|indeterminate|open|popover-open|modal|fullscreen|picture-in-picture)\b"
)
# The subject of a selector (its last compound) starts after the last combinator.
_COMBINATORS = (*_WS, ">", "+", "~")
_TAG_NAME = re.compile(r"[a-z][a-z0-9-]*")
_CLASS_OR_ID = re.compile(rf"[.#]{_NAME}")
_MSO = re.compile(r"mso\w*\Z")
_AT_RULE = re.compile(r"@([a-z-]+)")
_SCREEN = frozenset({"screen", "all", "only screen", "only all"})
_OTHER_MEDIA = re.compile(
    r"(?:only[\t\n\r\f ]+)?(?:print|speech|tty|tv|projection|handheld|braille|embossed|aural)\b"
    r"|not[\t\n\r\f ]+(?:screen|all)\b"
)


class _Rule(NamedTuple):
    """What a selector requires of an element, and what its rules declare: each property's
    value, whether it is important, and the order of the rule that said it last."""

    specificity: tuple[int, int, int]
    tag: str  #: "" for any tag
    classes: frozenset[str]
    id: str
    values: dict[str, tuple[str, bool, int]]


_MAX_DEPTH = 16  #: conditional at-rules read inside one another
_MOST_LOOKUPS = 64  #: distinct names looked for in the page (see present)
#: the cost of one rule checked against an element, against ``max_text_chars``
_CHECK_WEIGHT = 1


class Sheet:
    """The applied rules of a page's sheets, looked up by the classes and id they name, and
    the selectors of the rules that may hide but are not applied."""

    __slots__ = ("_by_name", "_checks", "_limits", "_rules", "unsure")

    def __init__(self, limits: Limits) -> None:
        self._rules: dict[tuple[str, frozenset[str], str], _Rule] = {}
        self._by_name: dict[str, list[_Rule]] = {}
        self._limits = limits
        self._checks = 0
        self.unsure: list[str] = []

    def __bool__(self) -> bool:
        return bool(self._rules)

    def add(
        self,
        specificity: tuple[int, int, int],
        requires: tuple[str, frozenset[str], str],
        values: dict[str, tuple[str, bool]],
        order: int,
    ) -> None:
        """A rule: rules of one selector are one, each property as the later (or the
        important) one says it."""
        rule = self._rules.get(requires)
        if rule is None:
            rule = self._rules[requires] = _Rule(specificity, *requires, {})
        for name, (value, important) in values.items():
            if important or not rule.values.get(name, ("", False, 0))[1]:
                rule.values[name] = (value, important, order)

    def index(self) -> None:
        """Each rule under the name it requires that the fewest rules require, so that an
        element's lookups meet only rules that may select it."""
        count: dict[str, int] = {}
        for rule in self._rules.values():
            for name in _names(rule):
                count[name] = count.get(name, 0) + 1
        for rule in self._rules.values():
            key = min(_names(rule), key=count.__getitem__)
            self._by_name.setdefault(key, []).append(rule)

    def hiding_names(self) -> set[str]:
        """What the applied rules that hide require: ``.class``, ``#id`` and ``<tag`` (every
        tag, ``<``, for a rule of no tag)."""
        names: set[str] = set()
        for rule in self._rules.values():
            if _hides(rule.values):
                names.update(_names(rule))
                names.add(f"<{rule.tag}")
        return names

    def values(self, tag: str, classes: list[str], element_id: str) -> dict[str, tuple[str, bool]]:
        """The ``display`` and ``visibility`` the sheets give an element, with whether each is
        important: of the rules that select it, the important one, then the most specific,
        then the last."""
        found: dict[str, tuple[tuple[bool, tuple[int, int, int], int], str]] = {}
        keys = [f".{name}" for name in classes]
        if element_id:
            keys.append(f"#{element_id}")
        for key in keys:
            rules = self._by_name.get(key)
            if not rules:
                continue
            self._checks += len(rules) * _CHECK_WEIGHT
            if self._checks > self._limits.max_text_chars:
                raise self._limits.exceeded(
                    "max_text_chars",
                    self._checks,
                    "网页样式表规则与元素的比对（style sheet rules checked against elements）",
                )
            for rule in rules:
                if (
                    (rule.tag and rule.tag != tag)
                    or (rule.id and rule.id != element_id)
                    or not rule.classes.issubset(classes)
                ):
                    continue
                for name, (value, important, order) in rule.values.items():
                    rank = (important, rule.specificity, order)
                    if name not in found or found[name][0] < rank:
                        found[name] = (rank, value)
        return {name: (value, rank[0]) for name, (rank, value) in found.items()}


def _names(rule: _Rule) -> list[str]:
    names = [f".{name}" for name in rule.classes]
    if rule.id:
        names.append(f"#{rule.id}")
    return names


def _pieces(css: str) -> Iterator[str]:
    """The pieces of a sheet, without its comments; a string is ``""`` (no value of
    ``display`` or ``visibility`` holds one, and its text could read as declarations)."""
    for m in _PIECE.finditer(css):
        piece = m.group()
        if piece[0] in "\"'":
            yield '""'
        elif not piece.startswith("/*"):
            yield piece


def _media_applies(query: str) -> bool | None:
    """Whether a media query list applies to a screen: True, False (print …), or None when
    it depends on the screen (its width, …)."""
    verdict: bool | None = False
    for item in query.split(","):
        item = " ".join(item.split())
        if not item or item in _SCREEN:
            return True
        if _OTHER_MEDIA.match(item) is None:
            verdict = None
    return verdict


def _hides(values: Mapping[str, tuple[object, ...]]) -> bool:
    return values.get("display", ("",))[0] == "none" or values.get("visibility", ("",))[0] in (
        "hidden",
        "collapse",
    )


def _selectors(prelude: str) -> list[str]:
    """A selector list split at its top-level commas."""
    if "(" not in prelude and "[" not in prelude:
        return [s.strip(_WS) for s in prelude.split(",") if s.strip(_WS)]
    out: list[str] = []
    depth = start = 0
    for i, ch in enumerate(prelude):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(depth - 1, 0)
        elif ch == "," and not depth:
            out.append(prelude[start:i])
            start = i + 1
    out.append(prelude[start:])
    return [s.strip(_WS) for s in out if s.strip(_WS)]


def _both(outer: bool | None, inner: bool | None) -> bool | None:
    """Whether a rule applies under two conditions (None: it depends on the screen)."""
    if outer is False or inner is False:
        return False
    return None if outer is None or inner is None else True


class _Reader:
    def __init__(self, sheet: Sheet) -> None:
        self.sheet = sheet
        self.order = 0
        self.depth = 0  #: conditional blocks open
        #: selectors of rules not applied that show what they select (``display:block``)
        self.showing: list[str] = []

    def block(self, pieces: Iterator[str], applies: bool | None, top: bool) -> None:
        """Read rules up to the end of the block (``top``: the sheet's end)."""
        prelude: list[str] = []
        for piece in pieces:
            if piece == "}":
                if not top:
                    return
                prelude = []
            elif piece == ";":
                prelude = []  # an at-rule statement (@import, @charset) or stray text
            elif piece == "{":
                self.rule("".join(prelude).strip(_WS), pieces, applies)
                prelude = []
            else:
                prelude.append(piece)

    def rule(self, prelude: str, pieces: Iterator[str], applies: bool | None) -> None:
        at_rule = _AT_RULE.match(prelude)
        if at_rule is not None:
            name, condition = at_rule.group(1), prelude[at_rule.end() :]
            if name in _NO_ELEMENTS:
                _skip(pieces)
            elif self.depth >= _MAX_DEPTH:
                # No page nests them so: its rules are named, not read.
                if _skip(pieces):
                    self.sheet.unsure.append(f"@{name} {condition.strip(_WS)[:40]} …")
            else:
                # @media for a screen applies; its other conditions, @supports, @layer,
                # @container … may (their rules that may hide are named).
                inner = _media_applies(condition) if name == "media" else None
                self.depth += 1
                self.block(pieces, _both(applies, inner), top=False)
                self.depth -= 1
            return
        body: list[str] = []
        for piece in pieces:
            if piece == "}":
                break
            if piece == "{":  # a nested rule (CSS nesting): not read, named if it may hide
                if _skip(pieces):
                    self.sheet.unsure.append(f"{prelude} {{…}}")
                continue
            body.append(piece)
        values = declarations("".join(body))
        if not values or applies is False:
            return
        self.order += 1
        for selector in _selectors(prelude):
            self.selector(selector, values, applies)

    def selector(
        self, selector: str, values: dict[str, tuple[str, bool]], applies: bool | None
    ) -> None:
        if _AT_REST_NEVER.search(selector) is not None:
            return
        m = _COMPOUND.fullmatch(selector)
        # (Only ASCII is read in the page lowercased: see _html_prepare.lowered.)
        if m is not None and applies and selector.isascii():
            classes = frozenset(n for sign, n in _PART.findall(m.group("names")) if sign == ".")
            ids = {n for sign, n in _PART.findall(m.group("names")) if sign == "#"}
            # An element has one id; a class Word names mso… alone is not read (see MARK).
            if len(ids) <= 1 and (ids or not any(_MSO.match(c) for c in classes)):
                tag = "" if m.group("tag") in (None, "*") else m.group("tag")
                self.sheet.add(
                    (len(ids), len(classes), int(bool(tag))),
                    (tag, classes, next(iter(ids), "")),
                    values,
                    self.order,
                )
                return
            if len(ids) > 1:
                return  # selects nothing
        if _hides(values):
            self.sheet.unsure.append(selector)
        else:
            self.showing.append(selector)


def _skip(pieces: Iterator[str]) -> bool:
    """Skip to the end of the block; whether it may show or hide elements."""
    depth = 1
    display = False
    for piece in pieces:
        if piece == "{":
            depth += 1
        elif piece == "}":
            depth -= 1
            if not depth:
                break
        elif "display" in piece or "visibility" in piece:
            display = True
    return display


def read_sheet(sheets: list[tuple[str, str | None]], limits: Limits) -> Sheet:
    """The rules of a page's style sheets: each (its CSS text, its ``media`` attribute),
    lowercased, in page order."""
    sheet = Sheet(limits)
    reader = _Reader(sheet)
    for css, media in sheets:
        if "display" not in css and "visibility" not in css:
            continue
        applies = True if media is None else _media_applies(media)
        if applies is False:
            continue
        reader.block(_pieces(css), applies, top=True)
    sheet.index()
    # A rule not applied that shows what an applied one hides would make it show again.
    hiding = sheet.hiding_names()
    for selector in reader.showing:
        name = _subject_name(selector)
        if hiding and (name is None or name in hiding or (name.startswith("<") and "<" in hiding)):
            sheet.unsure.append(selector)
    return sheet


def _subject_name(selector: str) -> str | None:
    """A name the subject of ``selector`` (its last compound) requires: ``<tag``, ``.class``
    or ``#id`` (the first it writes); None when it requires none (``*``, ``:not(…)``)."""
    start = max(selector.rfind(sign) for sign in _COMBINATORS) + 1
    tag = _TAG_NAME.match(selector, start)
    if tag is not None:
        return f"<{tag.group()}"
    name = _CLASS_OR_ID.search(selector, start)
    return None if name is None else name.group()


def present(selectors: list[str], low: str, most: int = 5) -> list[str]:
    """Of ``selectors``, the first ``most`` that may select an element of the page lowercased:
    one with the tag, class or id its subject requires (a hint: an over-estimate). Past a
    number of distinct names looked for, the rest are taken as present."""
    found: list[str] = []
    seen: dict[str, bool] = {}
    for selector in selectors:
        name = _subject_name(selector)
        if name is not None and name not in seen:
            if len(seen) >= _MOST_LOOKUPS:
                name = None
            elif name.startswith("<"):
                seen[name] = re.search(rf"{re.escape(name)}[\t\n\r\f />]", low) is not None
            else:
                seen[name] = name[1:] in low
        if name is None or seen[name]:
            found.append(selector)
            if len(found) >= most:
                break
    return found


def page_sheet(
    low: str, limits: Limits, starts: list[int] | None = None
) -> tuple[Sheet, list[int]]:
    """The sheet of the ``<style>`` elements of the page lowercased (those that start at
    ``starts``, else all it holds), and where those that may show or hide start."""
    sheets: list[tuple[str, str | None]] = []
    used: list[int] = []
    for at in starts if starts is not None else _style_starts(low):
        tag = _STYLE_START.match(low, at)
        if tag is None:
            continue
        end = _STYLE_END.search(low, tag.end())
        css = low[tag.end() : len(low) if end is None else end.start()]
        if "display" in css or "visibility" in css:
            media = dict(attributes(tag.group(1))).get("media")
            sheets.append((css, media))
            used.append(at)
    return read_sheet(sheets, limits), used


def _style_starts(low: str) -> list[int]:
    at = low.find("<style")
    return [] if at < 0 else [m.start() for m in _STYLE_START.finditer(low, at)]

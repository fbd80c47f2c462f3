"""The rules of a page's ``<style>`` sheets that show or hide elements or set text apart,
cascaded as browsers do.

Only ``display`` and ``visibility`` matter, and what raises, lowers or strikes out text
(``vertical-align``, ``position`` with ``top``/``bottom``, ``text-decoration``: see
_html_style). A sheet is read as CSS parses
it (comments, strings, escapes, the ``<!-- -->`` old pages wrap it in; a rule with an invalid
selector is dropped whole, as browsers drop it). A rule is applied when its selector is a
compound of classes and ids, with a tag or not (``.hide``, ``span.x``, ``#share``,
``td.blank``): the tokenizer reads the attributes of every element that has a class or an id
(see _html_prepare.MARK), so each element such a rule selects is seen. A rule by any other
selector (``.menu span``, a bare ``span``, ``:checked``, ``[title]``, an escape, a class Word
names ``mso…``, a name not in ASCII) or under a condition (``@media (min-width: …)``,
``@supports``, ``@layer``) is not applied; when it may hide, or show what an applied rule
hides, its selector is named (P421) if the page has an element it may select. Rules for other
media (``print``), for a state no element is in at rest (``:hover``) or for generated content
(``::before``) change nothing shown and are dropped. Class and id names match case by case,
or regardless of case on a page in quirks mode (see _html_mode), as in browsers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import NamedTuple

from gikparse.limits import Limits
from gikparse.readers._apart import APART_TAGS
from gikparse.readers._html_markup import ASCII_LOWER, ATTRS, NAME_END, STYLE_END, attributes
from gikparse.readers._html_mode import quirks
from gikparse.readers._html_style import (
    APART_WORDS,
    apart_declarations,
    blank,
    declarations,
    hidden,
    says_last,
)

__all__ = ["Sheet", "page_sheet", "present", "read_sheet"]

_WS = "\t\n\r\f "
# A <style> element's start tag, as the tokenizer reads it (a quoted ">" ends it not; a quote
# left open to the page's end, its first ">"), and its end.
_STYLE_START = re.compile(rf"<style{NAME_END}(?:({ATTRS})>|([^>]*)>)")
# Strings, comments, braces, semicolons, and the text between them: a brace or a semicolon
# inside a string or a comment is none.
_PIECE = re.compile(
    r""""(?:\\.|[^"\\])*"?|'(?:\\.|[^'\\])*'?|/\*.*?(?:\*/|\Z)|[{};]|[^{};"'/]+|/""", re.S
)
# A CSS escape in a selector (a hex code point and the space after it, or any other character
# as itself).
_ESCAPE = re.compile(r"\\(?:[0-9a-f]{1,6}[\t\n\r\f ]?|.)", re.S | re.I)
# At-rules whose blocks hold no rules for elements (the rest are read, as conditions).
_NO_ELEMENTS = frozenset(
    {"font-face", "page", "keyframes", "-webkit-keyframes", "counter-style", "property",
     "font-feature-values", "font-palette-values", "viewport", "-ms-viewport"}
)  # fmt: skip
_IDENT = r"(?:-?(?:[_a-z]|[^\x00-\x7f])|--)(?:[-_a-z0-9]|[^\x00-\x7f])*"
_COMPOUND = re.compile(rf"(?P<tag>[a-z][a-z0-9-]*|\*)?(?P<names>(?:[.#]{_IDENT})+)")
_PART = re.compile(rf"([.#])({_IDENT})")
# What no valid selector holds outside its brackets, parentheses and strings: such a
# selector makes its whole rule invalid, as in browsers.
_INVALID = re.compile(r"[;{}@!%?/`$^=]|[.#](?![-_a-z\\]|[^\x00-\x7f])|[.#]-[0-9]|\A\Z")
_BRACKETED = re.compile(r"\[[^\]]*\]?|\([^()]*\)?")
_PSEUDO = re.compile(r"(::?)(-?[a-z][a-z0-9-]*)")
_PSEUDO_CLASSES = frozenset(
    [
        "active",
        "any-link",
        "autofill",
        "checked",
        "default",
        "defined",
        "dir",
        "disabled",
        "empty",
        "enabled",
        "first",
        "first-child",
        "first-of-type",
        "focus",
        "focus-visible",
        "focus-within",
        "fullscreen",
        "has",
        "host",
        "host-context",
        "hover",
        "in-range",
        "indeterminate",
        "invalid",
        "is",
        "lang",
        "last-child",
        "last-of-type",
        "left",
        "link",
        "modal",
        "not",
        "nth-child",
        "nth-last-child",
        "nth-last-of-type",
        "nth-of-type",
        "only-child",
        "only-of-type",
        "open",
        "optional",
        "out-of-range",
        "paused",
        "picture-in-picture",
        "placeholder-shown",
        "playing",
        "popover-open",
        "read-only",
        "read-write",
        "required",
        "right",
        "root",
        "scope",
        "state",
        "target",
        "user-invalid",
        "user-valid",
        "valid",
        "visited",
        "where",
    ]
)
_PSEUDO_ELEMENTS = frozenset(
    [
        "after",
        "backdrop",
        "before",
        "cue",
        "file-selector-button",
        "first-letter",
        "first-line",
        "grammar-error",
        "highlight",
        "marker",
        "part",
        "placeholder",
        "selection",
        "slotted",
        "spelling-error",
        "target-text",
    ]
)
_LEGACY_ELEMENTS = frozenset({"after", "before", "first-letter", "first-line"})
# States no element is in at rest (nothing hovered, focused or pressed).
_STATES = frozenset({"hover", "focus", "focus-visible", "focus-within", "active"})
# The subject of a selector (its last compound) starts after the last combinator.
_COMBINATORS = (*_WS, ">", "+", "~")
_TAG_NAME = re.compile(r"[a-z][a-z0-9-]*")
_CLASS_OR_ID = re.compile(rf"[.#]{_IDENT}")
_MSO = re.compile(r"mso\w*\Z")
_AT_RULE = re.compile(r"@([a-z-]+)")
_SCREEN = frozenset({"screen", "all", "only screen", "only all"})
_OTHER_MEDIA = re.compile(
    r"(?:only[\t\n\r\f ]+)?(?:print|speech|tty|tv|projection|handheld|braille|embossed|aural)\b"
)
_MOST_SHOWN = 60  #: characters of a selector named in P421


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
        self._rules: dict[tuple[tuple[int, int, int], str, frozenset[str], str], _Rule] = {}
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
        """A rule: rules that select the same elements as specifically are one, each
        property as the later (or the important) one says it."""
        key = (specificity, *requires)
        rule = self._rules.get(key)
        if rule is None:
            rule = self._rules[key] = _Rule(specificity, *requires, {})
        for name, (value, important) in values.items():
            if says_last(important, rule.values.get(name)):
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
        """What the sheets give an element (``display``, ``visibility``, what sets text apart:
        see _html_style.cascaded), each with whether it is important: of the rules that select
        it, the important one, then the most specific, then the last."""
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
    """The pieces of a sheet, without its comments and the ``<!--``/``-->`` old pages wrap
    it in; a string is ``""`` (no value of ``display`` or ``visibility`` holds one, and its
    text could read as declarations)."""
    for m in _PIECE.finditer(css):
        piece = m.group()
        if piece[0] in "\"'":
            yield '""'
        elif not piece.startswith("/*"):
            if "<!--" in piece or "-->" in piece:
                piece = piece.replace("<!--", " ").replace("-->", " ")
            yield piece


def _depth(depth: int, piece: str) -> int:
    """The depth of parentheses and brackets after ``piece`` (inside them, braces and
    semicolons are text: ``url(a}b.png)``)."""
    if "(" in piece or ")" in piece or "[" in piece or "]" in piece:
        depth += piece.count("(") + piece.count("[") - piece.count(")") - piece.count("]")
        return max(depth, 0)
    return depth


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
    return hidden(values) or blank(values)


def _raises_or_strikes(values: Mapping[str, tuple[object, ...]]) -> bool:
    """Whether a rule's ``vertical-align`` or ``text-decoration`` sets text apart (a rule
    not applied that only moves it by ``position``, as sites nudge icons and menus, is not
    named: see sets_apart)."""
    return any(values.get(name, ("",))[0] == "apart" for name in _RAISING)


_RAISING = ("vertical-align", "text-decoration-line")
# Subjects whose text stands apart by their tag already, or that hold no text: a rule that
# raises or strikes them out is not named.
_APART_ANYWAY = frozenset(
    f"<{tag}" for tag in (*APART_TAGS, "img", "input", "svg", "video", "iframe")
)
_CHANGING_WORDS = ("display", "visibility", *APART_WORDS)


def _may_change(css: str) -> bool:
    """Whether CSS (lowercased) may hide, show or set apart text (see _html_style)."""
    return any(word in css for word in _CHANGING_WORDS)


def _selectors(prelude: str) -> list[str]:
    """A selector list split at its top-level commas (an empty part kept: it is invalid)."""
    if "(" not in prelude and "[" not in prelude:
        return [part.strip(_WS) for part in prelude.split(",")]
    out: list[str] = []
    depth = start = 0
    for i, ch in enumerate(prelude):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(depth - 1, 0)
        elif ch == "," and not depth:
            out.append(prelude[start:i].strip(_WS))
            start = i + 1
    out.append(prelude[start:].strip(_WS))
    return out


def _kind(selector: str) -> str:
    """What a selector is to the reader: ``"invalid"`` (browsers drop its whole rule),
    ``"never"`` (it selects nothing on a screen at rest, or generated content only),
    ``"compound"`` (classes and ids, with a tag or not: applied), or ``"complex"``."""
    bare = _BRACKETED.sub("()", _ESCAPE.sub("x", selector))  # (an escape is a name's letter)
    if _INVALID.search(bare) is not None:
        return "invalid"
    never = False
    for colons, name in _PSEUDO.findall(bare):
        if name.startswith(("-webkit-", "-internal-")):
            continue
        if colons == "::" or name in _LEGACY_ELEMENTS:
            if name not in _PSEUDO_ELEMENTS:
                return "invalid"
            never = True  # generated content: the element's own text is untouched
        elif name not in _PSEUDO_CLASSES:
            return "invalid"
        elif name in _STATES and "(" not in bare:
            never = True  # (inside :not(…) a state may match at rest)
    if never:
        return "never"
    if _COMPOUND.fullmatch(selector) is not None and selector.isascii():
        # (Only ASCII is read in the page lowercased: see _html_prepare.lowered.)
        return "compound"
    return "complex"


def _both(outer: bool | None, inner: bool | None) -> bool | None:
    """Whether a rule applies under two conditions (None: it depends on the screen)."""
    if outer is False or inner is False:
        return False
    return None if outer is None or inner is None else True


class _Reader:
    """Reads a sheet's pieces as CSS parses them: a rule's selector runs to its ``{``
    (a stray ``;`` or ``}`` before it makes it invalid), an at-rule statement ends at ``;``,
    and braces inside parentheses or brackets are text."""

    def __init__(self, sheet: Sheet) -> None:
        self.sheet = sheet
        self.order = 0
        self.depth = 0  #: conditional blocks open
        #: selectors of rules not applied that show what they select (``display:block``)
        self.showing: list[str] = []

    def block(self, pieces: Iterator[str], applies: bool | None, top: bool) -> None:
        """Read rules up to the end of the block (``top``: the sheet's end)."""
        prelude: list[str] = []
        depth = 0
        for piece in pieces:
            if depth == 0 and piece == "{":
                self.rule("".join(prelude).strip(_WS), pieces, applies)
                prelude = []
            elif depth == 0 and piece == "}" and not top:
                return
            elif depth == 0 and piece == ";" and "".join(prelude).lstrip(_WS).startswith("@"):
                prelude = []  # an at-rule statement (@import, @charset)
            else:
                prelude.append(piece)
                depth = _depth(depth, piece)

    def rule(self, prelude: str, pieces: Iterator[str], applies: bool | None) -> None:
        folded = prelude.translate(ASCII_LOWER)
        at_rule = _AT_RULE.match(folded)
        if at_rule is not None:
            name, condition = at_rule.group(1), folded[at_rule.end() :]
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
        depth = 0
        for piece in pieces:
            if depth == 0 and piece == "}":
                break
            if depth == 0 and piece == "{":
                # A nested rule (CSS nesting): not read, named if it may hide; the text
                # since the last declaration was its selector.
                if _skip(pieces):
                    self.sheet.unsure.append(f"{prelude} {{…}}")
                while body and body[-1] != ";":
                    body.pop()
                continue
            body.append(piece)
            depth = _depth(depth, piece)
        block = "".join(body).translate(ASCII_LOWER)
        values = {**declarations(block), **apart_declarations(block)}
        if not values or applies is False:
            return
        selectors = _selectors(prelude)
        kinds = [_kind(selector.translate(ASCII_LOWER)) for selector in selectors]
        if "invalid" in kinds:
            return  # one invalid selector drops the whole rule, as in browsers
        self.order += 1
        for selector, kind in zip(selectors, kinds, strict=True):
            if kind != "never":
                self.selector(selector, kind, values, applies)

    def selector(
        self, selector: str, kind: str, values: dict[str, tuple[str, bool]], applies: bool | None
    ) -> None:
        word = False  # a rule of a class Word names (its footnote marks print brackets)
        if kind == "compound" and applies:
            # Tags and signs read folded; class and id names as the sheet writes them (on a
            # page in quirks mode, the sheet was lowered whole: see page_sheet).
            folded = selector.translate(ASCII_LOWER)
            compound = _COMPOUND.fullmatch(folded)
            assert compound is not None  # (kind says so)
            parts = [
                (part.group(1), selector[part.start(2) : part.end(2)])
                for part in _PART.finditer(folded, *compound.span("names"))
            ]
            classes = [name for sign, name in parts if sign == "."]
            ids = [name for sign, name in parts if sign == "#"]
            if len(set(ids)) > 1:
                return  # an element has one id: it selects nothing
            # A class Word names mso… alone is not read (see _html_prepare.MARK).
            if ids or not any(_MSO.match(name) for name in classes):
                tag = compound.group("tag") or ""
                tag = "" if tag == "*" else tag
                self.sheet.add(
                    (len(ids), len(classes), int(bool(tag))),
                    (tag, frozenset(classes), ids[0] if ids else ""),
                    values,
                    self.order,
                )
                return
            word = True
        if _hides(values) or (
            not word and _raises_or_strikes(values) and _subject_name(selector) not in _APART_ANYWAY
        ):
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
        else:
            folded = piece.translate(ASCII_LOWER)
            display = display or _may_change(folded)
    return display


def read_sheet(sheets: list[tuple[str, str | None]], limits: Limits) -> Sheet:
    """The rules of a page's style sheets: each (its CSS text, its ``media`` attribute),
    lowercased, in page order."""
    sheet = Sheet(limits)
    reader = _Reader(sheet)
    for css, media in sheets:
        applies = True if media is None else _media_applies(media)
        if applies is not False:
            reader.block(_pieces(css), applies, top=True)
    sheet.index()
    # A rule not applied that shows what an applied one hides would make it show again.
    hiding = sheet.hiding_names()
    for selector in reader.showing:
        name = _subject_name(selector)
        if hiding and (name is None or name in hiding or (name.startswith("<") and "<" in hiding)):
            sheet.unsure.append(selector)
    return sheet


def page_sheet(
    fed: str, low: str, limits: Limits, starts: list[int] | None = None
) -> tuple[Sheet, list[int], str, bool]:
    """The sheet of the ``<style>`` elements of the page (``fed``; ``low``: lowercased, see
    _html_prepare.lowered) that start at ``starts`` (else of all it holds), where those that
    may show or hide start, the page lowercased without them (where their selectors' subjects
    are looked for), and whether class and id names are matched case by case (a page with a
    doctype that is not of quirks mode: then the sheet keeps their case)."""
    cased: bool | None = None  # (looked up when a sheet is read: most pages have none)
    sheets: list[tuple[str, str | None]] = []
    used: list[int] = []
    outside: list[str] = []
    end = 0
    for at in starts if starts is not None else _style_starts(low):
        tag = _STYLE_START.match(low, at)
        if tag is None:
            continue
        close = STYLE_END.search(low, tag.end())
        stop = len(low) if close is None else close.start()
        css = low[tag.end() : stop]
        if _may_change(css):
            attrs = dict(attributes(tag.group(tag.lastindex or 0)))
            if attrs.get("type") not in (None, "", "text/css"):
                continue  # no CSS, for browsers
            if cased is None:
                cased = not quirks(low)
            # ASCII lowered alone, the rest as the page has it (P421 names selectors).
            css = fed[tag.end() : stop]
            sheets.append((css if cased else css.translate(ASCII_LOWER), attrs.get("media")))
            used.append(at)
            outside.append(low[end:at])
            end = stop
    outside.append(low[end:])
    return read_sheet(sheets, limits), used, "".join(outside) if used else low, bool(cased)


def _style_starts(low: str) -> list[int]:
    """Where the page's ``<style>`` elements start: in turn, each after the last one's end
    (its text is raw: a ``<style`` in it starts none)."""
    starts: list[int] = []
    at = low.find("<style")
    while at >= 0:
        tag = _STYLE_START.match(low, at)
        if tag is None:
            at = low.find("<style", at + 6)
            continue
        starts.append(at)
        close = STYLE_END.search(low, tag.end())
        if close is None:
            break
        at = low.find("<style", close.end())
    return starts


def _subject_name(selector: str) -> str | None:
    """A name the subject of ``selector`` (its last compound) requires: ``<tag``, ``.class``
    or ``#id`` (the first it writes); None when it requires none (``*``, ``:not(…)``)."""
    start = max(selector.rfind(sign) for sign in _COMBINATORS) + 1
    folded = selector.translate(ASCII_LOWER)
    tag = _TAG_NAME.match(folded, start)
    if tag is not None:
        return f"<{tag.group()}"
    name = _CLASS_OR_ID.search(folded, start)
    return None if name is None else selector[name.start() : name.end()]


def present(selectors: list[str], low: str, most: int = 5) -> list[str]:
    """Of ``selectors``, the first ``most`` that may select an element of the page lowercased
    (``low``: without its sheets), each cut to a readable length: one with the tag, class or
    id its subject requires (a hint: an over-estimate). Past a number of distinct names looked
    for, the rest are taken as present."""
    found: list[str] = []
    seen: dict[str, bool] = {}
    for selector in selectors:
        name = _subject_name(selector)
        if name is not None and name not in seen:
            if len(seen) >= _MOST_LOOKUPS or not name.isascii():
                name = None  # (only ASCII is read in the page lowercased)
            elif name.startswith("<"):
                seen[name] = re.search(rf"{re.escape(name)}[\t\n\r\f />]", low) is not None
            else:
                seen[name] = name[1:].translate(ASCII_LOWER) in low
        if name is None or seen[name]:
            shown = selector if len(selector) <= _MOST_SHOWN else selector[:_MOST_SHOWN] + "…"
            found.append(shown)
            if len(found) >= most:
                break
    return found

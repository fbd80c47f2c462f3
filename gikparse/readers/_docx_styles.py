"""Styles of a DOCX (``word/styles.xml``): heading levels, style-borne numbering, hidden text.

Word applies outline levels and list numbering through styles as often as directly: a
``Heading 2`` style may carry ``w:numPr`` so that every 二级标题 is numbered ``（一）``. A
paragraph or character style (or the document's defaults) may also hide its text
(``w:vanish``), which Word neither shows nor prints, and a character or paragraph style may
raise, lower or strike out text (a footnote mark: 5 and a raised 1 are not 51). Styles
inherit through ``w:basedOn``; the chain is followed a bounded number of steps (a cycle in a
broken file must not hang the reader).
"""

from __future__ import annotations

from collections.abc import Callable
from xml.etree.ElementTree import Element

import attrs
import regex

from gikparse.readers._docx_numbering import _OFF, W

__all__ = [
    "APART_PROPERTIES",
    "ParagraphStyle",
    "Styles",
    "read_styles",
    "toggle_of",
    "vanish_of",
]

_VAL = f"{W}val"
_MAX_CHAIN = 32
# "heading 1" (Word's built-in name, any language build), "Heading1" as a style id, "标题 1".
_HEADING = regex.compile(r"^(?:heading|标题)\s*([1-9])$", regex.IGNORECASE)


@attrs.frozen
class ParagraphStyle:
    """What a paragraph takes from its style: a heading level (0: none) and list numbering."""

    heading: int = 0
    num_id: str | None = None
    ilvl: int | None = None


@attrs.frozen
class _Raw:
    based_on: str | None
    heading: int | None  # None: not stated by this style (inherit)
    num_id: str | None
    ilvl: int | None


def toggle_of(rpr: Element | None, name: str) -> bool | None:
    """Whether run properties turn the on/off property ``name`` on (``<w:strike/>``,
    ``<w:strike w:val="0"/>``); None when they do not say."""
    found = rpr.find(f"{W}{name}") if rpr is not None else None
    if found is None:
        return None
    return found.get(_VAL) not in _OFF


def vanish_of(rpr: Element | None) -> bool | None:
    """Whether run properties hide the text (``w:vanish``); None when they do not say."""
    return toggle_of(rpr, "vanish")


_RAISED = frozenset({"superscript", "subscript"})


def vert_align_of(rpr: Element | None) -> bool | None:
    """Whether run properties raise or lower the text as a superscript or subscript
    (``w:vertAlign``); None when they do not say."""
    align = rpr.find(_VERT_ALIGN) if rpr is not None else None
    return None if align is None else align.get(_VAL) in _RAISED


def position_of(rpr: Element | None) -> bool | None:
    """Whether run properties raise or lower the text by ``w:position`` (other than 0); None
    when they do not say (or say no number, which Word ignores)."""
    position = rpr.find(_POSITION) if rpr is not None else None
    if position is None:
        return None
    try:
        return float(position.get(_VAL, "")) != 0
    except ValueError:
        return None


def strike_of(rpr: Element | None) -> bool | None:
    """Whether run properties strike the text out (``w:strike``); None when they do not say."""
    return toggle_of(rpr, "strike")


def double_strike_of(rpr: Element | None) -> bool | None:
    """Whether run properties strike the text out twice (``w:dstrike``)."""
    return toggle_of(rpr, "dstrike")


#: The run properties that set text apart from the text beside it, each said by the run, else
#: by its character style, else by its paragraph style (Word reads each property on its own).
APART_PROPERTIES = (vert_align_of, position_of, strike_of, double_strike_of)


_VERT_ALIGN, _POSITION = f"{W}vertAlign", f"{W}position"


def _outline(ppr: Element | None) -> int | None:
    if ppr is None:
        return None
    found = ppr.find(f"{W}outlineLvl")
    if found is None:
        return None
    try:
        level = int(found.get(_VAL, ""))
    except ValueError:
        return None
    return level + 1 if 0 <= level < 9 else 0  # 9 is "body text"


def heading_of_name(name: str) -> int | None:
    m = _HEADING.match(name.strip())
    if m is not None:
        return int(m.group(1))
    return 1 if name.strip().lower() == "title" else None


def num_pr(ppr: Element | None) -> tuple[str | None, int | None]:
    """(numId, ilvl) of a ``w:pPr``'s ``w:numPr``, each None when not stated."""
    if ppr is None:
        return None, None
    found = ppr.find(f"{W}numPr")
    if found is None:
        return None, None
    num = found.find(f"{W}numId")
    lvl = found.find(f"{W}ilvl")
    ilvl = None
    if lvl is not None:
        try:
            ilvl = int(lvl.get(_VAL, ""))
        except ValueError:
            ilvl = None
    return (num.get(_VAL) if num is not None else None), ilvl


class Styles:
    def __init__(
        self,
        raw: dict[str, _Raw],
        run_properties: dict[tuple[str, str], tuple[str | None, Element | None]] | None = None,
        default_paragraph: str | None = None,
        default_vanish: bool | None = None,
        lists: dict[str, str] | None = None,
    ) -> None:
        self.raw = raw
        #: numbering styles (``w:type="numbering"``) -> the list (numId) each stands for
        self.lists = lists or {}
        self.cache: dict[str, ParagraphStyle] = {}
        #: (type, id) of each paragraph and character style -> its basedOn and its own run
        #: properties
        self.run_properties = run_properties or {}
        self.default_paragraph = default_paragraph
        self.default_vanish = bool(default_vanish)
        styles = self.run_properties.values()
        #: whether any style, or the defaults, may hide text (rare: read run by run then)
        self.may_hide = self.default_vanish or any(vanish_of(r) for _, r in styles)
        #: the character and the paragraph styles that set text apart: raise, lower or
        #: strike it out
        self.apart, self.paragraph_apart = (
            frozenset(
                style_id
                for kind, style_id in self.run_properties
                if kind == of_kind
                and any(self.says(style_id, reading, kind) for reading in APART_PROPERTIES)
            )
            for of_kind in ("character", "paragraph")
        )
        self.may_set_apart = bool(self.apart or self.paragraph_apart)

    def says(
        self,
        style_id: str | None,
        reading: Callable[[Element | None], bool | None],
        kind: str = "character",
    ) -> bool | None:
        """What the style ``style_id`` of type ``kind`` (with what it is based on) says of a
        run property (``reading`` its run properties); None when none of them says (a style
        of another type is none: Word ignores it)."""
        seen: set[str] = set()
        while style_id is not None and style_id not in seen and len(seen) < _MAX_CHAIN:
            seen.add(style_id)
            based_on, rpr = self.run_properties.get((kind, style_id), (None, None))
            said = reading(rpr)
            if said is not None:
                return said
            style_id = based_on
        return None

    def used_in(self, document: bytes) -> bool:
        """Whether runs of ``document`` (its XML) must be read with their styles: a style may
        hide text, or one that sets text apart is named in it. (Footnote reference styles are
        raised, and styles.xml often defines them unused.)"""
        if self.may_hide or self.default_paragraph in self.paragraph_apart:
            return True
        return _named(b"rStyle", self.apart, document) or _named(
            b"pStyle", self.paragraph_apart, document
        )

    def hides(self, style_id: str | None, kind: str = "character") -> bool | None:
        """Whether the style hides text (see ``says``)."""
        return self.says(style_id, vanish_of, kind)

    def paragraph_hides(self, style_id: str | None) -> bool:
        """Whether runs of a paragraph of this style (its default style when None) are
        hidden unless they say otherwise: the style's, else the document's default."""
        paragraph_style = style_id if style_id is not None else self.default_paragraph
        hidden = self.hides(paragraph_style, "paragraph")
        return self.default_vanish if hidden is None else hidden

    def paragraph(self, style_id: str | None) -> ParagraphStyle:
        if style_id is None:
            return _NONE
        found = self.cache.get(style_id)
        if found is None:
            found = self.cache[style_id] = self._resolve(style_id)
        return found

    def _resolve(self, style_id: str) -> ParagraphStyle:
        heading: int | None = None
        num_id: str | None = None
        ilvl: int | None = None
        current: str | None = style_id
        seen: set[str] = set()
        while current is not None and current not in seen and len(seen) < _MAX_CHAIN:
            seen.add(current)
            raw = self.raw.get(current)
            if raw is None:
                if heading is None and not self.raw:
                    heading = heading_of_name(current)  # "Heading1" with no styles part
                break
            if heading is None:
                heading = raw.heading
            if num_id is None and raw.num_id is not None:
                num_id = raw.num_id
            if ilvl is None and raw.ilvl is not None:
                ilvl = raw.ilvl
            current = raw.based_on
        return ParagraphStyle(heading or 0, num_id, ilvl)


_NONE = ParagraphStyle()


def _named(tag: bytes, styles: frozenset[str], document: bytes) -> bool:
    """Whether an element ``tag`` of ``document`` names one of ``styles``."""
    if not styles:
        return False
    names = b"|".join(regex.escape(s.encode()) for s in styles)
    # (A name written with a character or entity reference has an "&" in it.)
    pattern = tag + rb"\s[^>]*?[\"'](?:" + names + rb"|[^\"'>]*&)"
    return regex.search(pattern, document) is not None


def read_styles(root: Element | None) -> Styles:
    if root is None:
        return Styles({})
    raw: dict[str, _Raw] = {}
    run_properties: dict[tuple[str, str], tuple[str | None, Element | None]] = {}
    lists: dict[str, str] = {}
    default_paragraph: str | None = None
    for style in root.findall(f"{W}style"):
        kind = style.get(f"{W}type", "paragraph")
        style_id = style.get(f"{W}styleId")
        if style_id is not None and kind == "numbering":
            num_id, _ = num_pr(style.find(f"{W}pPr"))
            if num_id is not None:
                lists[style_id] = num_id
        if style_id is None or kind not in ("paragraph", "character"):
            continue
        based = style.find(f"{W}basedOn")
        run_properties[kind, style_id] = (
            based.get(_VAL) if based is not None else None,
            style.find(f"{W}rPr"),
        )
        if kind != "paragraph":
            continue
        if style.get(f"{W}default") in ("1", "true", "on") and default_paragraph is None:
            default_paragraph = style_id
        name_element = style.find(f"{W}name")
        name = name_element.get(_VAL, "") if name_element is not None else ""
        ppr = style.find(f"{W}pPr")
        heading = _outline(ppr)
        if heading is None:
            heading = heading_of_name(name) or heading_of_name(style_id)
        num_id, ilvl = num_pr(ppr)
        raw[style_id] = _Raw(
            based_on=based.get(_VAL) if based is not None else None,
            heading=heading,
            num_id=num_id,
            ilvl=ilvl,
        )
    defaults = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    return Styles(raw, run_properties, default_paragraph, vanish_of(defaults), lists)

"""Styles of a DOCX (``word/styles.xml``): heading levels, style-borne numbering, hidden text.

Word applies outline levels and list numbering through styles as often as directly: a
``Heading 2`` style may carry ``w:numPr`` so that every 二级标题 is numbered ``（一）``. A
paragraph or character style (or the document's defaults) may also hide its text
(``w:vanish``), which Word neither shows nor prints. Styles inherit through ``w:basedOn``; the
chain is followed a bounded number of steps (a cycle in a broken file must not hang the reader).
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

import attrs
import regex

from gikparse.readers._docx_numbering import W

__all__ = ["ParagraphStyle", "Styles", "read_styles", "toggle_of", "vanish_of"]

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


_OFF = ("0", "false", "off")


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
        vanish: dict[tuple[str, str], tuple[str | None, bool | None]] | None = None,
        default_paragraph: str | None = None,
        default_vanish: bool | None = None,
        lists: dict[str, str] | None = None,
    ) -> None:
        self.raw = raw
        #: numbering styles (``w:type="numbering"``) -> the list (numId) each stands for
        self.lists = lists or {}
        self.cache: dict[str, ParagraphStyle] = {}
        #: (type, id) of each paragraph and character style -> its basedOn and whether its own
        #: run properties hide text (None: not said)
        self.vanish = vanish or {}
        self.default_paragraph = default_paragraph
        self.default_vanish = bool(default_vanish)
        #: whether any style, or the defaults, may hide text (rare: read run by run then)
        self.may_hide = self.default_vanish or any(v for _, v in self.vanish.values())

    def hides(self, style_id: str | None, kind: str = "character") -> bool | None:
        """Whether the style ``style_id`` of type ``kind`` (with what it is based on) hides
        text; None when none of them says (a style of another type is none: Word ignores
        it)."""
        seen: set[str] = set()
        while style_id is not None and style_id not in seen and len(seen) < _MAX_CHAIN:
            seen.add(style_id)
            based_on, vanish = self.vanish.get((kind, style_id), (None, None))
            if vanish is not None:
                return vanish
            style_id = based_on
        return None

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


def read_styles(root: Element | None) -> Styles:
    if root is None:
        return Styles({})
    raw: dict[str, _Raw] = {}
    vanish: dict[tuple[str, str], tuple[str | None, bool | None]] = {}
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
        vanish[kind, style_id] = (
            based.get(_VAL) if based is not None else None,
            vanish_of(style.find(f"{W}rPr")),
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
    return Styles(raw, vanish, default_paragraph, vanish_of(defaults), lists)

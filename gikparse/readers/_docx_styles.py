"""Paragraph styles of a DOCX (``word/styles.xml``): heading levels and style-borne numbering.

Word applies outline levels and list numbering through styles as often as directly: a
``Heading 2`` style may carry ``w:numPr`` so that every 二级标题 is numbered ``（一）``. Styles
inherit through ``w:basedOn``; the chain is followed a bounded number of steps (a cycle in a
broken file must not hang the reader).
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

import attrs
import regex

from gikparse.readers._docx_numbering import W

__all__ = ["ParagraphStyle", "Styles", "read_styles"]

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
    def __init__(self, raw: dict[str, _Raw]) -> None:
        self.raw = raw
        self.cache: dict[str, ParagraphStyle] = {}

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
    for style in root.findall(f"{W}style"):
        if style.get(f"{W}type", "paragraph") != "paragraph":
            continue
        style_id = style.get(f"{W}styleId")
        if style_id is None:
            continue
        name_element = style.find(f"{W}name")
        name = name_element.get(_VAL, "") if name_element is not None else ""
        based = style.find(f"{W}basedOn")
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
    return Styles(raw)

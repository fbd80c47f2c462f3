"""What the DOCX scanner (gikparse/readers/_docx_scan.py) reads inside the formatting blocks
it otherwise skips: whether an element is a direct child of a block and its ``w:val``, as
``Element.find`` would find them; a table cell's span and merges; an attribute value as expat
gives it. Anything not written the way Word writes it raises :class:`Decline`, and the general
reader reads the part.
"""

from __future__ import annotations

import re

__all__ = ["Decline", "tcpr_props"]


class Decline(Exception):
    """The scanner met something it does not read: the general reader reads the part."""


_CONTROL = re.compile(rb"[\x00-\x1f]")
_VAL = re.compile(rb' w:val="([^"]*)"')


def _top(block: bytes, k: int) -> bool:
    """Whether the tag at ``k`` is a direct child of the block (depth 0): as many start tags
    as end tags before it (empty tags count neither)."""
    return block.count(b"<", 0, k) - block.count(b"/>", 0, k) - 2 * block.count(b"</", 0, k) == 0


def _attribute(raw: bytes) -> str | None:
    """An attribute value as expat gives it, ``None`` when expat would change it (an entity,
    whitespace it normalises) or refuse it (not UTF-8)."""
    if b"&" in raw or _CONTROL.search(raw):
        return None
    try:
        return raw.decode()
    except UnicodeDecodeError:
        return None


def _int(val: str | None, default: int) -> int:
    # as _docx_body._int_val on the element
    try:
        return int(val if val is not None else "")
    except ValueError:
        return default


def _direct(block: bytes, name: bytes) -> tuple[bool, str | None]:
    """Whether a formatting block's content has an element ``w:name`` as a direct child (as
    ``Element.find`` finds it), and its ``w:val``."""
    tag = b"<w:" + name
    k = block.find(tag)
    tries = 0
    while k >= 0:
        tries += 1
        if tries > 16:
            raise Decline  # not as Word writes it: the general reader reads it
        if block[k + len(tag) : k + len(tag) + 1] in (b" ", b"/", b">") and _top(block, k):
            close = block.find(b">", k)
            written = block[k:close]
            if written.count(b'"') % 2:
                raise Decline  # the ">" is inside a value: not as Word writes it
            m = _VAL.search(block, k, close)
            if m is None:
                if b"val" in written:
                    raise Decline  # a value spelled otherwise (w:val = "2"): not as Word writes
                return True, None
            val = _attribute(m.group(1))
            if val is None:
                raise Decline
            return True, val
        k = block.find(tag, k + 1)
    return False, None


#: a cell's span and the values of its vMerge and hMerge (see _docx_body.GridCell)
_Props = tuple[int, str | None, str | None]
_NO_PROPS: _Props = (1, None, None)

# How Word and LibreOffice begin a cell's properties: its width, then (1) its span, then (2)
# a vertical merge and (3) its value. Nothing but these comes before them, so each is the
# first of its name and a direct child, as _direct finds it.
_PROPS_START = re.compile(
    rb'(?:<w:tcW w:w="[0-9]{1,9}" w:type="[a-z]{1,9}"/>)?'
    rb'(?:<w:gridSpan w:val="([0-9]{1,9})"/>)?'
    rb'(<w:vMerge(?: w:val="([a-z]{0,9})")?/>)?'
)


def tcpr_props(tcpr: bytes) -> _Props:
    """A cell's span and merges from its ``w:tcPr`` content, as _docx_body.cell_props reads
    them from the element."""
    # (Most properties name one of the three at most: no search for the others.)
    span, vmerge, hmerge = _NO_PROPS
    m = _PROPS_START.match(tcpr)
    assert m is not None  # every part is optional
    known_span, known_vmerge, vmerge_val = m.groups()
    if known_span is not None:
        span = max(int(known_span), 1)
    elif b"gridSpan" in tcpr:
        found, val = _direct(tcpr, b"gridSpan")
        span = max(_int(val, 1), 1) if found else 1
    if known_vmerge is not None:
        vmerge = (vmerge_val or b"").decode()
    elif b"vMerge" in tcpr:
        found, val = _direct(tcpr, b"vMerge")
        vmerge = (val or "") if found else None
    if b"hMerge" in tcpr:
        found, val = _direct(tcpr, b"hMerge")
        hmerge = (val or "") if found else None
    return span, vmerge, hmerge

"""Items and parts: numbered paragraphs of a section split where their markers are."""

from __future__ import annotations

import functools
import re
from typing import Literal, NamedTuple

import attrs
import regex

from gikparse.narrative._dates import _han_int
from gikparse.narrative._view import _fold

_HAN_ORD = r"[一二三四五六七八九十]{1,3}"


_LINE_PREFIX = r"^[\x20\t\u3000]*(?:[-*+][\x20\t]+)?(?:\#{1,6}[\x20\t]+)?(?:\*\*)?[\x20\t]*"


_LINE_MARKER = regex.compile(
    _LINE_PREFIX
    + rf"""(?P<m>
        \((?P<paren_han>{_HAN_ORD})\)
      | \((?P<paren_num>\d{{1,2}})\)
      | (?P<num>\d{{1,2}})(?:[.、](?!\d)|\))
      | (?P<han>{_HAN_ORD})、
      | (?P<shi>{_HAN_ORD})是
    )""",
    regex.VERBOSE | regex.MULTILINE,
)


# The spaces before the marker sit inside the look-behind, so a match starts at its marker:
# the same markers, found several times faster by ``regex``.
_INLINE_SHI = regex.compile(
    rf"(?<=(?:[。;:,!?][ \t]*(?:\*\*)?|\*\*)[ \t]*)(?P<m>(?P<shi>{_HAN_ORD})是)"
)


_Kind = Literal["paren_han", "paren_num", "num", "han", "shi"]


_KINDS: tuple[_Kind, ...] = ("paren_han", "paren_num", "num", "han", "shi")


class _Marker(NamedTuple):
    kind: _Kind
    number: int
    start: int  # offset of the marker itself
    end: int
    line_start: bool


@attrs.frozen
class _MarkerGroups:
    """Group numbers of a marker pattern: ``regex`` looks a match's groups up by name far more
    slowly than by number (``groupdict`` alone costs microseconds)."""

    marker: int
    kinds: tuple[tuple[_Kind, int], ...]

    @classmethod
    def of(cls, pattern: regex.Pattern[str]) -> _MarkerGroups:
        index = pattern.groupindex
        return cls(index["m"], tuple((kind, index[kind]) for kind in _KINDS if kind in index))


_LINE_GROUPS = _MarkerGroups.of(_LINE_MARKER)


_INLINE_GROUPS = _MarkerGroups.of(_INLINE_SHI)


@functools.lru_cache(maxsize=2048)
def _ordinal_value(raw: str) -> int | None:
    """A marker's number; cached, as markers are one to three digits or Chinese numerals."""
    return int(raw) if raw.isdigit() else _han_int(raw)


def _marker_of(m: regex.Match[str], groups: _MarkerGroups, line_start: bool) -> _Marker | None:
    for kind, group in groups.kinds:
        raw = m.group(group)
        if raw is not None:
            number = _ordinal_value(raw)
            if number is None or number == 0:
                return None
            start, end = m.span(groups.marker)
            return _Marker(kind, number, start, end, line_start)
    return None


@functools.lru_cache(maxsize=4)
def _line_markers(folded: str) -> tuple[_Marker, ...]:
    """The markers at line starts of folded text; cached because :func:`split_items` and
    :func:`split_parts` both need them for the same section text."""
    found: list[_Marker] = []
    start = 0
    # Tried at each line start: ``finditer`` would try (and fail) at every character.
    while True:
        m = _LINE_MARKER.match(folded, start)
        if m is not None:
            marker = _marker_of(m, _LINE_GROUPS, line_start=True)
            if marker is not None:
                found.append(marker)
        start = folded.find("\n", start) + 1
        if not start:
            return tuple(found)


def _markers(text: str) -> list[_Marker]:
    folded = _fold(text)
    raw = {marker.start: marker for marker in _line_markers(folded)}
    # "一是…二是…" needs a 是: skip the look-behind scan in the many texts without one.
    inline = _INLINE_SHI.finditer(folded) if "是" in folded else ()
    for m in inline:
        if m.start(_INLINE_GROUPS.marker) not in raw:
            marker = _marker_of(m, _INLINE_GROUPS, line_start=False)
            if marker is not None:
                raw[marker.start] = marker
    accepted: list[_Marker] = []
    last: dict[str, int] = {}
    for _, marker in sorted(raw.items()):  # by start: the keys, all different
        previous = last.get(marker.kind)
        if not marker.line_start and marker.number != 1 and previous != marker.number - 1:
            continue
        last[marker.kind] = marker.number
        accepted.append(marker)
    return accepted


def _is_bare_heading(segment: str, *, heading_kind: bool) -> bool:
    body = segment.strip().replace("*", "")
    if "\n" in body or len(body) > 40:
        return False
    return heading_kind or not body.endswith(("。", "；", ";"))


def split_items(text: str) -> tuple[str, ...]:
    """The numbered items of a section's text, each with its marker, in order.

    Markers: ``1.``/``1、``/``1)``, ``（1）``, ``（一）``, ``一、`` at the start of a line (after an
    optional list bullet, ``#`` or ``**``), and ``一是``/``二是`` anywhere after punctuation when
    they count on from the previous one. Items are the leaves: a marker line that is only a short
    heading directly followed by items of another kind (``（一）存在的主要问题`` then ``1.``) is
    left out. Text before the first marker is not an item.
    """
    markers = _markers(text)
    items: list[str] = []
    for index, marker in enumerate(markers):
        following = markers[index + 1] if index + 1 < len(markers) else None
        if following is None:
            end = len(text)
        elif following.line_start:
            end = _line_start(text, following.start)
        else:
            end = following.start
        segment = text[marker.start : end].strip()
        if (
            following is not None
            and following.kind != marker.kind
            and _is_bare_heading(segment, heading_kind=marker.kind in ("paren_han", "han"))
        ):
            continue
        segment = segment.strip().removesuffix("**").strip()
        if segment:
            items.append(segment)
    return tuple(items)


_LEAD_IN_END = re.compile(r"[。:]")  # plain ``re``: cheaper per call than ``regex``


def split_parts(text: str) -> tuple[tuple[str, str], ...]:
    """Headed sub-parts ``(heading, body)`` of a section's text.

    A heading is a line starting with ``（一）``/``(一)``/``一、`` (the kind of the first such
    line; later ones must count on by one). A short line is a heading by itself; a line with a
    lead-in sentence (``（一）主动公开情况。以贯彻…``, also in bold) gives the lead-in as heading
    (without its ``。``) and the rest of the line starts the body. Markdown ``#``/``**`` are
    removed from headings. Text before the first heading becomes a part with heading ``""``. No
    headings: ``()``.
    """
    folded = _fold(text)
    heads: list[_Marker] = []
    kind: str | None = None
    for marker in _line_markers(folded):
        if marker.kind not in ("paren_han", "han"):
            continue
        if kind is None:
            kind = marker.kind
        elif marker.kind != kind or marker.number != heads[-1].number + 1:
            continue
        heads.append(marker)
    if not heads:
        return ()
    parts: list[tuple[str, str]] = []
    intro = text[: _line_start(text, heads[0].start)].strip()
    if intro:
        parts.append(("", intro))
    for index, marker in enumerate(heads):
        end = _line_start(text, heads[index + 1].start) if index + 1 < len(heads) else len(text)
        line_end = text.find("\n", marker.start)
        line_end = end if line_end < 0 or line_end > end else line_end
        line = folded[marker.start : line_end]
        heading_end = line_end
        body_start = line_end
        after_marker = marker.end - marker.start
        lead = _LEAD_IN_END.search(line, after_marker)
        if (
            lead is not None
            and lead.start() - after_marker <= 30
            and line[lead.end() :].strip(" *")
        ):
            heading_end = marker.start + lead.start()
            body_start = marker.start + lead.end()
        elif len(line.replace("*", "").strip()) > 45:
            heading_end = marker.end
            body_start = marker.end
        heading = _strip_heading_tail(text[marker.start : heading_end].replace("*", "").strip())
        body = text[body_start:end].strip()
        body = body.removeprefix("**").strip()
        parts.append((heading, body))
    return tuple(parts)


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _strip_heading_tail(heading: str) -> str:
    return heading.rstrip("。.：:；;，, \t")

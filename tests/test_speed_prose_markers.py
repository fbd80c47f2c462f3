"""narrative's item markers: the faster scans must find what the plain ones found."""

from __future__ import annotations

import regex
from hypothesis import given
from hypothesis import strategies as st

from gikparse.narrative._items import (
    _HAN_ORD,
    _INLINE_SHI,
    _LINE_GROUPS,
    _LINE_MARKER,
    _line_markers,
    _marker_of,
)
from gikparse.narrative._view import _fold

# The pattern as it was: spaces before the marker matched outside the look-behind.
_PLAIN_INLINE_SHI = regex.compile(
    rf"(?<=[。;:,!?][ \t]*(?:\*\*)?|\*\*)[ \t]*(?P<m>(?P<shi>{_HAN_ORD})是)"
)
_TEXT = st.lists(
    st.sampled_from(
        [*"一二三四十是。;:,!?（）()01.、 \t\n\r*#-+x", "**", "\u3000", "一是", "十二是"]
    ),
    max_size=30,
).map("".join)


@given(text=_TEXT)
def test_inline_markers_as_with_the_plain_pattern(text: str) -> None:
    def spans(pattern: regex.Pattern[str]) -> list[tuple[int, int, str]]:
        return [(*m.span("m"), m.group("shi")) for m in pattern.finditer(text)]

    assert spans(_INLINE_SHI) == spans(_PLAIN_INLINE_SHI)


@given(text=_TEXT)
def test_line_markers_as_with_finditer(text: str) -> None:
    folded = _fold(text)
    found = (_marker_of(m, _LINE_GROUPS, line_start=True) for m in _LINE_MARKER.finditer(folded))
    assert _line_markers.__wrapped__(folded) == tuple(mk for mk in found if mk is not None)

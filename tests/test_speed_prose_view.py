"""narrative's views: the compacted text and the lazily built map back must agree.

``_view`` compacts with one regex substitution and ``_runs`` rebuilds the map separately (only
when a match needs it); these properties keep the two in step.
"""

from __future__ import annotations

from typing import get_args

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gikparse.narrative._view import _DROP, _fold, _NewlineMode, _runs, _view

_MODES: tuple[_NewlineMode, ...] = get_args(_NewlineMode)
_TEXT = st.text(alphabet=st.sampled_from([*sorted(_DROP), "\n", "地", "址", "ａ", "１", "—", "x"]))


@pytest.mark.parametrize("mode", _MODES)
@given(text=_TEXT)
def test_runs_rebuild_the_view_text(mode: _NewlineMode, text: str) -> None:
    view = _view(text, mode)
    starts, origins = _runs(_fold(text), mode)
    ends = [*starts[1:], len(view.text)] if starts else []
    pieces = [view.folded[o : o + e - s] for s, o, e in zip(starts, origins, ends, strict=True)]
    assert "".join(pieces) == view.text


@pytest.mark.parametrize("mode", _MODES)
@given(text=_TEXT)
def test_spans_point_at_the_same_characters(mode: _NewlineMode, text: str) -> None:
    view = _view(text, mode)
    folded = _fold(text)
    assert not set(view.text) & _DROP
    for index, ch in enumerate(view.text):
        start, end = view.span(index, index + 1)
        assert folded[start:end] == ch
    assert view.span(len(view.text), len(view.text)) == (len(text), len(text))

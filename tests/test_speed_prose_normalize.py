"""normalize() with plain ``re`` patterns must equal its definition in terms of ``regex``.

The definition: NFKC, then the radical/bracket/dash table, then no Unicode whitespace (``regex``'s
``\\s``) nor zero-width or ideographic spaces.
"""

from __future__ import annotations

import sys
import unicodedata

import regex
from hypothesis import given
from hypothesis import strategies as st

from gikparse.normalize import _RADICALS, _SPACE, _normalize

_REFERENCE_SPACE = regex.compile(r"[\s\u200b\u3000\ufeff]+")
_REFERENCE_TABLE = str.maketrans(_RADICALS)


def _reference(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_REFERENCE_TABLE)
    return _REFERENCE_SPACE.sub("", text)


def test_space_is_regex_whitespace_exactly() -> None:
    every = "".join(chr(cp) for cp in range(sys.maxunicode + 1) if not 0xD800 <= cp <= 0xDFFF)
    assert [m.span() for m in _SPACE.finditer(every)] == [
        m.span() for m in _REFERENCE_SPACE.finditer(every)
    ]


def test_every_table_character() -> None:
    for ch in _RADICALS:
        assert _normalize(f"a {ch}b") == _reference(f"a {ch}b")


_CHARS = st.one_of(
    st.sampled_from([*_RADICALS, " ", "\t", "\n", "\u3000", "\u200b", "\ufeff", "\x1c", "\x85"]),
    st.characters(codec="utf-8"),
)


@given(text=st.text(alphabet=_CHARS))
def test_normalize_equals_its_definition(text: str) -> None:
    assert _normalize(text) == _reference(text)

"""narrative's fold: the fast path (only characters outside the common self-folding ones are
looked up and replaced) must equal folding every character on its own."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from gikparse.narrative._view import _FOLD_TABLE, _SELF_FOLDING_RUNS, _fold, _fold_char

_PLANES_0_1 = [chr(code) for code in range(0x20000) if not 0xD800 <= code <= 0xDFFF]


def test_the_skipped_characters_fold_to_themselves() -> None:
    skipped = [ch for ch in _PLANES_0_1 if _SELF_FOLDING_RUNS.fullmatch(ch)]
    assert len(skipped) > 20000
    assert all(_fold_char(ch) == ch for ch in skipped)


def test_a_folded_character_folds_to_itself() -> None:
    # Why the replacements may run in any order.
    assert all(_fold_char(_fold_char(ch)) == _fold_char(ch) for ch in _PLANES_0_1)


_ALPHABET = st.one_of(
    st.sampled_from(list("地址，。、（）：；１２０—－﹣―ａＡ…“”《》〔〕①⑴㈠ﬁ\u3000\u00a0 \n-*x")),
    st.characters(),
)


@given(text=st.text(alphabet=_ALPHABET))
def test_fold_equals_folding_each_character(text: str) -> None:
    assert _fold.__wrapped__(text) == text.translate(_FOLD_TABLE)
    assert len(_fold(text)) == len(text)


def test_fold_of_a_report_line() -> None:
    text = "（一）主动公开：共１２条—详见ｗｗｗ．ａｎｎｉｎｇ．ｇｏｖ．ｃｎ。"
    assert _fold(text) == "(一)主动公开:共12条-详见www.anning.gov.cn。"
    assert re.fullmatch(r"[^\uff00-\uffef]*", _fold(text))

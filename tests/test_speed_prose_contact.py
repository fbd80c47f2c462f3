"""narrative's contact finders (and its line cleaner) skip a regex when a cheap test shows that
it cannot match; these properties check that the tests are implied by the patterns."""

from __future__ import annotations

import regex
from hypothesis import given
from hypothesis import strategies as st

from gikparse.narrative._contact import (
    _ADDRESS,
    _AUTOLINK,
    _EMAIL_HEAD,
    _MD_LINK,
    _PHONE_LABEL,
    _PHONE_LABEL_WORDS,
    _POSTCODE,
    _URL,
    _may_hold_url,
)
from gikparse.narrative._title import _MD_PREFIX, _clean_line
from gikparse.narrative._view import _view, _without

_PIECES = st.sampled_from(
    [
        *"wW.:/hHtTpPsS[]()<>@ \n-_a1",
        "www.",
        "WwW.",
        "http://",
        "HTTPS://",
        "gov.cn",
        "地址",
        "地 址",
        "邮编",
        "邮政编码",
        "电话",
        "联系方式",
        "Tel",
        "tel",
        "TEL",
        "123456",
        "0871-68710880",
        "a@b.cn",
        "[x](",
        "：",
    ]
)
_TEXT = st.lists(_PIECES, max_size=12).map("".join)


@given(text=_TEXT)
def test_no_url_without_its_marks(text: str) -> None:
    if not _may_hold_url(text):
        assert _URL.search(text) is None
        assert _AUTOLINK.search(text) is None
        links = (m.group("t").strip() for m in _MD_LINK.finditer(text))
        assert not any(_URL.search(link) for link in links)


@given(text=_TEXT)
def test_no_label_without_its_words(text: str) -> None:
    view = _view(text, "keep").text
    if "地址" not in view:
        assert _ADDRESS.search(view) is None
    if "邮" not in view:
        assert _POSTCODE.search(view) is None
    if not any(word in view for word in _PHONE_LABEL_WORDS):
        assert _PHONE_LABEL.search(view) is None
    if "@" not in view:
        assert _EMAIL_HEAD.search(view) is None


@given(text=st.text(alphabet=st.sampled_from([*"ab 地\t\n*\u00a0\u3000\u200b\ufeff"])))
def test_without_removes_every_given_character(text: str) -> None:
    chars = (" ", "\t", "*", "\u3000")
    assert _without(text, chars) == "".join(ch for ch in text if ch not in chars)


def test_isspace_takes_every_regex_space() -> None:
    # Why _clean_line may skip its prefix pattern for lines starting with neither. (Unicode's
    # spaces are all in the Basic Multilingual Plane.)
    spaces = (chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF)
    assert all(ch.isspace() for ch in spaces if regex.match(r"\s", ch))


@given(text=st.text(alphabet=st.sampled_from([*"#>-+* \t\u3000\u00a0\u2028x地1"])))
def test_clean_line_as_with_the_prefix_pattern(text: str) -> None:
    assert _clean_line(text) == _MD_PREFIX.sub("", text).replace("*", "").strip()

"""The matching normalisation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gikparse.normalize import _normalize_label, normalize, split_ordinal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("（三） 不予公开", (3, "不予公开")),
        ("(三)不予公开", (3, "不予公开")),
        ("1.属于国家秘密", (1, "属于国家秘密")),
        ("3. 其他", (3, "其他")),
        ("四、结转下年度继续办理", (4, "结转下年度继续办理")),
        ("十二、其他", (12, "其他")),
        ("1.5万元", (None, "1.5万元")),
        ("规章", (None, "规章")),
    ],
)
def test_ordinals_split_off(text: str, expected: tuple[int | None, str]) -> None:
    number, _, rest = split_ordinal(normalize(text))
    assert (number, rest) == expected


def test_spaced_out_and_full_width_labels_match() -> None:
    assert normalize("结 果 维 持") == normalize("结果维持")
    assert normalize("第二十条第（一）项") == normalize("第二十条第(一)项")
    assert normalize("危及“三安全一稳定”") == normalize('危及"三安全一稳定"')
    assert normalize("１２") == "12"


@given(st.text(alphabet="规章行政许可处罚 \t\n\u3000（）()", max_size=30))
def test_normalize_is_idempotent_and_removes_whitespace(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    assert not any(ch.isspace() for ch in once)


def test_long_texts_are_normalised_alike_but_not_kept() -> None:
    # A batch run meets each report's long texts once: caching them would only grow memory.
    label = "（三）不予公开 ３.危及“三安全一稳定”"
    long_text = "\t".join([label] * 40)
    before = _normalize_label.cache_info().currsize
    assert normalize(long_text) == normalize(label) * 40
    assert _normalize_label.cache_info().currsize <= before + 1  # the label, at most

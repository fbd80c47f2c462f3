"""Cell text to numbers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from gikparse.numbers import NumberKind, ValueStatus, is_value_text, parse_number, plain_count

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _grouped(n: int) -> str:
    return f"{n:,}"


@given(st.integers(min_value=0, max_value=10**9), st.sampled_from(["plain", "wide", "grouped"]))
def test_counts_read_back_in_every_spelling(n: int, spelling: str) -> None:
    text = {"plain": str(n), "wide": str(n).translate(FULL_WIDTH), "grouped": _grouped(n)}[spelling]
    parsed = parse_number(text)
    assert parsed.value == n
    assert isinstance(parsed.value, int)
    assert parsed.status is ValueStatus.NUMBER


@given(st.integers(min_value=-(10**6), max_value=10**6), st.booleans())
def test_signed_changes_read_back(n: int, words: bool) -> None:
    if words:
        text = "持平" if n == 0 else (f"增{n}" if n > 0 else f"减{-n}")
    else:
        text = f"{n:+d}" if n else "0"
    assert parse_number(text, NumberKind.SIGNED).value == n


@given(st.decimals(min_value=0, max_value=10**7, places=6, allow_nan=False))
def test_money_is_exact(amount: Decimal) -> None:
    parsed = parse_number(f"{amount}万元", NumberKind.MONEY)
    assert parsed.value == amount
    assert isinstance(parsed.value, Decimal)
    assert parsed.converted_from is None


def test_money_in_yuan_is_converted_and_says_so() -> None:
    parsed = parse_number("251000元", NumberKind.MONEY)
    assert parsed.value == Decimal("25.1")
    assert parsed.converted_from == "元"
    header_unit = parse_number("251000", NumberKind.MONEY, unit="元")
    assert header_unit.value == Decimal("25.1")
    assert header_unit.converted_from == "元"


@pytest.mark.parametrize(
    ("unit", "wan"),
    [("元", "0.0251"), ("千元", "25.1"), ("万元", "251"), ("百万元", "25100"), ("亿元", "2510000")],
)
def test_money_in_any_unit_is_kept_in_wan_yuan_and_says_from_what(unit: str, wan: str) -> None:
    # In the cell, or stated by the header or the table (the cell's own unit wins).
    for parsed in (
        parse_number(f"251{unit}", NumberKind.MONEY),
        parse_number("251", NumberKind.MONEY, unit=unit),
        parse_number(f"251{unit}", NumberKind.MONEY, unit="元" if unit != "元" else "亿元"),
    ):
        assert parsed.value == Decimal(wan)
        assert parsed.converted_from == (None if unit == "万元" else unit)
    # A count with a money unit is no count.
    assert parse_number(f"251{unit}").status is ValueStatus.UNREADABLE


@pytest.mark.parametrize("text", ["—", "-", "/", "无", "——", "／", " — "])
def test_nothing_marks_are_dash_not_zero(text: str) -> None:
    parsed = parse_number(text)
    assert parsed.value is None
    assert parsed.status is ValueStatus.DASH


@pytest.mark.parametrize("text", ["", "  ", "\u3000"])
def test_blank_is_not_zero(text: str) -> None:
    parsed = parse_number(text)
    assert parsed.value is None
    assert parsed.status is ValueStatus.BLANK


@pytest.mark.parametrize("text", ["规章", "1.属于国家秘密", "12万元", "abc", "3-4"])
def test_words_are_unreadable_as_counts(text: str) -> None:
    assert parse_number(text).status is ValueStatus.UNREADABLE


def test_non_integer_count_is_kept_exact_for_the_checks() -> None:
    assert parse_number("2.5").value == Decimal("2.5")


def test_footnote_marks_are_ignored() -> None:
    assert parse_number("5*").value == 5
    assert parse_number("7①").value == 7
    # Superscript or subscript digits after a value are a mark, never digits of it.
    assert parse_number("5¹").value == 5
    assert parse_number("12₃").value == 12
    assert parse_number("5¹2").status is ValueStatus.UNREADABLE  # (not 512)


def test_value_text() -> None:
    assert is_value_text("增3")
    assert is_value_text("1,234")
    assert is_value_text("—")
    assert not is_value_text("行政许可")
    assert not is_value_text("1.属于国家秘密")


_SHOWN_SPACES = st.sampled_from([" ", "  ", "\t", "\u3000", "\xa0"])


@given(st.decimals(min_value=10, max_value=10**7, places=2, allow_nan=False), st.data())
def test_a_number_broken_by_a_shown_space_is_no_number(
    amount: Decimal, data: st.DataObject
) -> None:
    # "1. 25" (a list label and a number), "1 .5", "12 ,345": a space shown between the
    # digits or separators of a number leaves it no one number, in any kind (but after a
    # thousands separator: see below).
    text = f"{amount:,}"
    cut = data.draw(st.integers(1, len(text) - 1), label="cut")
    assume(text[cut - 1] != ",")
    broken = text[:cut] + data.draw(_SHOWN_SPACES, label="space") + text[cut:]
    for kind in NumberKind:
        assert parse_number(broken, kind).status is ValueStatus.UNREADABLE
        assert parse_number(broken.translate(FULL_WIDTH), kind).status is ValueStatus.UNREADABLE
    # Characters that show nothing do not break it.
    assert parse_number(text[:cut] + "\u200b" + text[cut:], NumberKind.MONEY).value == amount


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (" 12 ", 12),
        ("5 件", 5),
        ("增 3", 3),
        ("12\u200b34", 1234),
        # A number wrapped after a thousands separator (a narrow cell's two lines) is one.
        ("1, 234", 1234),
        ("12，\u3000345", 12345),
        ("1, 234, 567", 1234567),
    ],
)
def test_spaces_around_a_number_or_beside_its_words_are_no_break(text: str, value: int) -> None:
    assert parse_number(text, NumberKind.SIGNED).value == value


_ENCLOSED_MARKS = "①⑩⑪⑳⑴⒇⒈⒛⓪⓫⓴⓵⓿㉑㉟㊱㊿❶❿➀➉➊➓"


@given(st.integers(min_value=0, max_value=10**6), st.sampled_from(_ENCLOSED_MARKS))
def test_an_enclosed_number_after_a_value_is_its_footnote_mark(n: int, mark: str) -> None:
    # ⑪ after 339 is note 11, never digits of the value (NFKC would make 33911 of it).
    for kind in NumberKind:
        assert parse_number(f"{n}{mark}", kind).value == n
    # Inside a value it is no digit either: the cell cannot be read.
    assert parse_number(f"{n}{mark}7").status is ValueStatus.UNREADABLE


@pytest.mark.parametrize("text", ["减-2", "减－2", "减少-2", "增+3", "增加－1"])
def test_a_sign_word_and_a_sign_together_are_no_one_change(text: str) -> None:
    # 减-2: a decrease of 2 said twice, or of -2; never +2.
    assert parse_number(text, NumberKind.SIGNED).status is ValueStatus.UNREADABLE


def test_runaway_digit_strings_are_unreadable() -> None:
    assert parse_number("9" * 5000).status is ValueStatus.UNREADABLE


_DIGIT_TEXTS = st.from_regex(
    r"[0-9０-９]{1,3}([,，][0-9０-９]{3})*|[0-9０-９]{1,35}", fullmatch=True
)


@given(_DIGIT_TEXTS | st.text(alphabet="0123456789０１２３４５６７８９,，.- 增", max_size=40))
def test_plain_counts_read_as_parse_number_reads_them(text: str) -> None:
    # The table engine reads digit cells with plain_count, without parse_number's cache: it
    # must say exactly what parse_number says, in every kind, or leave the cell to it.
    count = plain_count(text)
    if count is None:
        return
    assert is_value_text(text)
    for kind in NumberKind:
        parsed = parse_number(text, kind)
        assert parsed.status is ValueStatus.NUMBER
        assert parsed.value == count
        assert type(parsed.value) is (Decimal if kind is NumberKind.MONEY else int)
        assert str(parsed.value) == str(count)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("1,234", 1234),
        ("１２", 12),
        ("１,２３４", 1234),
        ("007", 7),
        ("1,23", None),
        ("1" * 31, None),
        ("增3", None),
    ],
)
def test_plain_counts(text: str, count: int | None) -> None:
    assert plain_count(text) == count

"""Hostile inputs end in a Report or a SourceError naming the limit, never a crash or a hang.

Each PDF family of issue 9 is built here from a few lines of PDF syntax (tests/hostile_pdf.py);
limits are set low where the default would only make the test slower.
"""

from __future__ import annotations

import pytest
from pdfminer.pdfparser import PDFSyntaxError

import gikparse
from gikparse import LimitExceeded, Limits, SourceError
from gikparse.readers import pdf as pdf_reader
from gikparse.readers._pdf_layout import dedupe
from gikparse.readers._pdf_types import Glyph
from tests import hostile_pdf as hostile


def _limit(data: bytes, limits: Limits | None = None, **options: object) -> LimitExceeded:
    with pytest.raises(LimitExceeded) as caught:
        gikparse.parse(data, limits=limits or gikparse.DEFAULT_LIMITS, **options)  # type: ignore[arg-type]
    return caught.value


@pytest.mark.parametrize("kind", ["tm", "size", "nan"])
def test_glyphs_at_infinite_coordinates_are_dropped_and_reported(kind: str) -> None:
    report = gikparse.parse(hostile.huge_coordinates(kind))
    assert "2021 report" in report.text  # the sane text on the page is still read
    assert "abc" not in report.text
    assert "P402" in {d.code for d in report.diagnostics}


def test_widths_written_with_400_digits_give_a_report() -> None:
    assert "2021 report" in gikparse.parse(hostile.huge_coordinates("widths")).text


def test_a_mediabox_at_minus_1e400_is_a_source_error_not_a_crash() -> None:
    with pytest.raises(SourceError, match="infinite or absurd coordinates"):
        gikparse.parse(hostile.huge_coordinates("mediabox"))


def test_dedupe_drops_glyphs_that_are_not_finite() -> None:
    nan, inf = float("nan"), float("inf")
    glyphs = [
        Glyph("a", nan, 10.0, 12.0, 20.0, 10.0),
        Glyph("b", 10.0, inf, 12.0, 20.0, 10.0),
        Glyph("c", 10.0, 10.0, 12.0, 20.0, nan),
        Glyph("d", 30.0, 10.0, 36.0, 20.0, 10.0),
    ]
    assert [g.text for g in dedupe(glyphs)] == ["d"]


def test_dedupe_keeps_one_of_many_identical_glyphs_and_every_distinct_one() -> None:
    stacked = [Glyph("字", 100.0, 700.0, 112.0, 712.0, 12.0)] * 20_000
    row = [Glyph("字", 12.0 * i, 600.0, 12.0 * i + 12, 612.0, 12.0) for i in range(20_000)]
    bold = [Glyph("字", 12.0 * i + 0.3, 600.2, 12.0 * i + 12.3, 612.2, 12.0) for i in range(50)]
    out = dedupe([*stacked, *row, *bold])
    assert len(out) == 1 + 20_000


def test_a_reference_loop_is_a_limit_not_a_hang() -> None:
    assert _limit(hostile.reference_loop()).field == "max_reference_chain"


def test_a_long_reference_chain_is_followed_up_to_the_limit() -> None:
    chain = [b"%d 0 R" % (7 + i) for i in range(10)] + [hostile.stream(b"BT ET")]
    data = hostile.page_pdf(b"", contents=b"6 0 R", extra=chain)
    assert _limit(data, Limits(max_reference_chain=5)).field == "max_reference_chain"
    with pytest.raises(SourceError, match="no text"):  # followed to its end: an empty page
        gikparse.parse(data)


def test_xobjects_drawing_each_other_ten_times_nine_deep_stop_at_the_invocation_limit() -> None:
    assert _limit(hostile.deep_xobjects()).field == "max_xobject_invocations"


def test_xobjects_nested_past_the_depth_limit() -> None:
    data = hostile.deep_xobjects(depth=6, fanout=1)
    assert _limit(data, Limits(max_xobject_depth=3)).field == "max_xobject_depth"
    assert "2021 report" in gikparse.parse(data).text  # within the default depth


def test_a_decompression_bomb_stops_at_the_stream_limit() -> None:
    error = _limit(hostile.flate_bomb())
    assert error.field == "max_stream_bytes"
    assert "max_stream_bytes" in str(error) and "Limits(" in str(error)


def test_streams_that_inflate_past_the_document_limit() -> None:
    data = hostile.flate_bomb(inflated=4 << 20)
    limits = Limits(max_stream_bytes=8 << 20, max_decoded_bytes=2 << 20)
    assert _limit(data, limits).field == "max_decoded_bytes"


def test_operators_past_the_page_limit() -> None:
    data = hostile.many_operators(20_000)
    assert _limit(data, Limits(max_operators_per_page=10_000)).field == "max_operators_per_page"


def test_operators_past_the_document_limit() -> None:
    data = hostile.many_pages(5, b"1 w\n" * 1_000 + b"BT /F1 12 Tf 72 700 Td (x) Tj ET")
    limits = Limits(max_operators_per_page=2_000, max_operators=3_000)
    assert _limit(data, limits).field == "max_operators"


def test_a_string_of_two_million_glyphs_stops_at_the_glyph_limit() -> None:
    assert _limit(hostile.long_string(2_000_000)).field == "max_glyphs_per_page"


def test_pages_past_the_limit_unless_only_some_are_wanted() -> None:
    data = hostile.many_pages(30)
    assert _limit(data, Limits(max_pages=10)).field == "max_pages"
    report = gikparse.parse(data, pages=[1, 2], limits=Limits(max_pages=10))
    assert "2021 report" in report.text


def test_bytes_past_the_source_limit() -> None:
    error = _limit(hostile.reference_loop(), Limits(max_source_bytes=100))
    assert error.field == "max_source_bytes"


def test_text_past_the_character_limit() -> None:
    with pytest.raises(LimitExceeded) as caught:
        gikparse.parse_text("一、总体情况\n" * 100, limits=Limits(max_text_chars=500))
    assert caught.value.field == "max_text_chars"


def test_a_path_past_the_source_limit(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "big.txt"
    path.write_text("一、总体情况\n" * 100, encoding="utf-8")
    with pytest.raises(LimitExceeded) as caught:
        gikparse.parse(path, limits=Limits(max_source_bytes=200))
    assert caught.value.field == "max_source_bytes"


@pytest.mark.parametrize(
    ("error", "says"),
    [
        (PDFSyntaxError("bad"), "corrupt or truncated"),
        (ValueError("odd"), "pdfminer internal error"),
        (TypeError("odd"), "pdfminer internal error"),
        (MemoryError(), "out of memory"),
        (RecursionError(), "too deeply"),
    ],
)
def test_a_failure_inside_pdfminer_says_what_it_was(error: BaseException, says: str) -> None:
    assert says in str(pdf_reader._read_error(error, "读取页面内容"))


def _review_total_with(digits: str, limits: Limits) -> gikparse.Value | None:
    from tests.render import render
    from tests.strategies import fixed_report

    text = render(fixed_report("2021"), "tab").text
    head = "四、政府信息公开行政复议、行政诉讼情况"
    start = text.index(head)
    row = text.index("\n0\t", start) + 1
    text = text[:row] + digits + text[row + 1 :]
    table = gikparse.parse_text(text, limits=limits).table("review_litigation")
    assert table is not None
    return table.cell(table.rows[0], table.columns[0])


def test_a_digit_run_past_the_limit_is_unreadable_not_a_number() -> None:
    digits = "1" * 35
    cell = _review_total_with(digits, gikparse.DEFAULT_LIMITS)
    assert cell is not None and cell.status is gikparse.ValueStatus.UNREADABLE
    cell = _review_total_with(digits, Limits(max_digit_run=40))
    assert cell is not None and cell.value == int(digits)


@pytest.mark.parametrize("wrapper", ["ascii85", "runlength", "lzw"])
def test_a_bomb_behind_another_filter_stops_at_the_stream_limit(wrapper: str) -> None:
    data = hostile.wrapped_bomb(8 << 20, wrapper)
    assert _limit(data, Limits(max_stream_bytes=4 << 20)).field == "max_stream_bytes"


@pytest.mark.parametrize("wrapper", ["ascii85", "runlength", "lzw"])
def test_a_small_stream_behind_those_filters_is_read(wrapper: str) -> None:
    data = hostile.wrapped_bomb(1 << 16, wrapper)
    with pytest.raises(SourceError, match="no text"):  # spaces and line widths: read, no text
        gikparse.parse(data)

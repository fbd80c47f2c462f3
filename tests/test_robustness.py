"""Robustness: whatever the input, a Report (maybe with diagnostics) or a GikparseError.

Arbitrary text, mutated seed reports, empty input, binary junk, a text that is not a report and
a report cut in half must never raise anything else, and must finish (inputs are bounded; no
timing assertion).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import gikparse
from tests.conftest import SEED_NAMES, SEEDS
from tests.render import SHAPES, noises, render
from tests.strategies import generated_reports

SEED_TEXTS = {name: (SEEDS / f"{name}.txt").read_text("utf-8") for name in SEED_NAMES}

# Characters real reports are made of, plus the ones that separate cells and lines.
_REPORT_ALPHABET = st.one_of(
    st.sampled_from("一二三四五六七（）()、.0123456789１２３\t|#*-—/ \n增减无万元第项"),
    st.characters(codec="utf-8"),
)

NEWS = (
    "新华社北京1月5日电 记者从国家统计局获悉，2023年全国粮食总产量13908.2亿斤，比上年增加"
    "177.6亿斤，增长1.3%。\n\n其中，夏粮产量2922.8亿斤，早稻产量533.7亿斤，秋粮产量10451.7亿斤。"
    "\n\n国家统计局农村司司长表示，一、粮食播种面积稳中有增；二、单产水平提高。\n责任编辑：王某\n"
)


def _parses_or_refuses(source: str | bytes | Path | io.BytesIO) -> gikparse.Report | None:
    """The contract: a Report, or a GikparseError; anything else propagates and fails."""
    try:
        report = gikparse.parse_text(source) if isinstance(source, str) else gikparse.parse(source)
    except gikparse.GikparseError:
        return None
    assert isinstance(report, gikparse.Report)
    # the result is usable: exports and lookups do not raise either
    report.to_dict()
    report.to_records()
    for table in report.tables:
        for cell in table.cells:
            loc = cell.value.location
            if loc is not None:
                assert 0 <= loc.offset <= loc.offset + loc.length <= len(report.text)
    return report


@given(st.text(max_size=2000))
def test_arbitrary_text(text: str) -> None:
    _parses_or_refuses(text)


@given(st.text(_REPORT_ALPHABET, max_size=2000))
def test_arbitrary_report_like_text(text: str) -> None:
    _parses_or_refuses(text)


@given(st.binary(max_size=4000))
def test_arbitrary_bytes(data: bytes) -> None:
    _parses_or_refuses(data)


@given(
    st.lists(
        st.sampled_from(sorted({ln for t in SEED_TEXTS.values() for ln in t.split("\n")})),
        max_size=80,
    )
)
def test_lines_of_real_reports_in_any_order(lines: list[str]) -> None:
    _parses_or_refuses("\n".join(lines))


_MUTATIONS = ("delete", "duplicate", "swap", "truncate", "insert")


@st.composite
def mutated_seeds(draw: st.DrawFn) -> str:
    """A seed report with a few lines deleted, duplicated or swapped, cut, or characters put in."""
    text = SEED_TEXTS[draw(st.sampled_from(SEED_NAMES))]
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(_MUTATIONS))
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "truncate":
            joined = "\n".join(lines)
            lines = joined[: draw(st.integers(0, len(joined)))].split("\n")
        else:
            line = lines[i]
            at = draw(st.integers(0, len(line)))
            lines[i] = line[:at] + draw(st.text(_REPORT_ALPHABET, max_size=8)) + line[at:]
    return "\n".join(lines)


@given(mutated_seeds())
def test_mutated_seed_reports(text: str) -> None:
    _parses_or_refuses(text)


@pytest.mark.parametrize("shape", SHAPES)
@given(data=st.data())
def test_generated_report_cut_anywhere(shape: str, data: st.DataObject) -> None:
    rendering = render(data.draw(generated_reports()), shape, data.draw(noises(shape)))
    cut = data.draw(st.integers(0, len(rendering.text)))
    _parses_or_refuses(rendering.text[:cut])
    _parses_or_refuses(rendering.text[cut:])


def test_empty_string_bytes_and_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    for source in ("", b"", empty, io.BytesIO(b"")):
        report = _parses_or_refuses(source)
        if report is not None:
            assert not report.tables or all(not t.cells for t in report.tables)


def test_whitespace_only() -> None:
    report = _parses_or_refuses(" \n\t\n\u3000\n" * 50)
    assert report is None or not any(t.cells for t in report.tables)


@pytest.mark.parametrize(
    "junk",
    [
        bytes(range(256)) * 8,
        b"\x00" * 1000,
        b"\xff\xfe\x00\xd8" * 100,  # a UTF-16 BOM followed by a lone surrogate
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",  # a PDF that is not one
        b"PK\x03\x04" + bytes(200),  # a zip (DOCX) header
        "政府信息公开".encode("utf-16-be"),
    ],
    ids=["all-bytes", "nul", "bom-lone-surrogate", "fake-pdf", "zip", "utf16-no-bom"],
)
def test_binary_junk(junk: bytes) -> None:
    _parses_or_refuses(junk)
    _parses_or_refuses(io.BytesIO(junk))


def test_text_that_is_not_a_report_has_no_tables_and_says_so() -> None:
    report = _parses_or_refuses(NEWS)
    if report is not None:
        assert not any(t.cells for t in report.tables)
        assert report.diagnostics, "a news article parsed without a single diagnostic"


def test_seed_report_cut_in_half_keeps_the_first_half(seed_name: str) -> None:
    text = SEED_TEXTS[seed_name]
    whole = gikparse.parse_text(text)
    half = _parses_or_refuses(text[: len(text) // 2])
    assert half is not None
    # what the first half contains is still read, and the missing rest is reported
    assert half.diagnostics
    assert half.variant in (whole.variant, None)
    _parses_or_refuses(text[len(text) // 2 :])


def test_very_long_line_and_many_lines_finish() -> None:
    _parses_or_refuses("规章\t" + "\t".join(["0"] * 5000))
    _parses_or_refuses("\n".join(["行政许可\t1\t2\t3"] * 3000))
    _parses_or_refuses("一、总体情况\n" * 2000)

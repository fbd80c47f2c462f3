"""The five seed reports saved as Word (DOCX) by LibreOffice parse to exactly their expected
values, like their text copies."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import gikparse
from tests.conftest import RENDERED, SEEDS, load_expected

TABLE_KEYS = ("active_disclosure", "applications", "review_litigation")


def _exact(value: Any) -> Any:
    """Money is a decimal string in the export and a number or string in the expected files."""
    if isinstance(value, dict):
        return {k: _exact(v) for k, v in value.items()}
    if value is None or isinstance(value, bool):
        return value
    return Decimal(str(value))


def _parsed(name: str) -> gikparse.Report:
    return gikparse.parse_docx(RENDERED / f"{name}.docx")


@pytest.mark.parametrize("key", TABLE_KEYS)
def test_seed_docx_tables_are_exact(seed_name: str, key: str) -> None:
    expected = load_expected(seed_name)
    assert _exact(_parsed(seed_name).to_dict()[key]) == _exact(expected[key])


def test_seed_docx_metadata(seed_name: str) -> None:
    expected = load_expected(seed_name)
    got = _parsed(seed_name).to_dict()
    for key in ("variant", "year", "agency", "period", "published", "signed_by", "contact"):
        if key in expected:
            assert got[key] == expected[key], key


def test_seed_docx_values_point_at_their_cells(seed_name: str) -> None:
    report = _parsed(seed_name)
    located = 0
    for table in report.tables:
        for cell in table.cells:
            value = cell.value
            if value.location is None or not value.raw:
                continue
            loc = value.location
            assert report.text[loc.offset : loc.offset + loc.length] == value.raw
            located += 1
    assert located > 100


def test_seed_docx_is_dispatched_by_parse(seed_name: str) -> None:
    path = RENDERED / f"{seed_name}.docx"
    assert gikparse.parse(path.read_bytes()) == _parsed(seed_name)
    assert gikparse.parse(path) == _parsed(seed_name)


def test_seed_docx_parses_like_its_text(seed_name: str) -> None:
    from_docx = _parsed(seed_name).to_dict()
    from_text = gikparse.parse((SEEDS / f"{seed_name}.txt").read_bytes()).to_dict()
    for key in TABLE_KEYS:
        assert from_docx[key] == from_text[key], key


def test_parse_docx_takes_a_path_bytes_or_binary_file_and_refuses_the_rest(
    tmp_path: Path,
) -> None:
    path = RENDERED / "001_72224a9d5305aabc.docx"
    from_path = gikparse.parse_docx(str(path))
    assert gikparse.parse_docx(io.BytesIO(path.read_bytes())) == from_path
    assert gikparse.parse_docx(path.read_bytes()) == from_path
    assert from_path.source == str(path)
    with pytest.raises(gikparse.FileNotFoundError, match=r"missing\.docx"):
        gikparse.parse_docx(str(tmp_path / "missing.docx"))
    with pytest.raises(gikparse.SourceError, match="not a DOCX"):
        gikparse.parse_docx(b"plain text, not a Word file")


_SEED = "000_623967a19d51db49"
_ZERO = "<w:r><w:rPr></w:rPr><w:t>0</w:t></w:r>"  # the runs of a value cell holding 0


def _with_received_row(change: Callable[[str], str]) -> bytes:
    """The seed Word file with its table row 一、本年新收 (its w:tr) changed."""
    data = (RENDERED / f"{_SEED}.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    body = parts["word/document.xml"].decode("utf-8")
    label = body.index("一、本年新收政府信息公开申请数量")
    start, end = body.rfind("<w:tr>", 0, label), body.index("</w:tr>", label)
    assert body.count(_ZERO, start, end) == 7
    parts["word/document.xml"] = (body[:start] + change(body[start:end]) + body[end:]).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, content in parts.items():
            target.writestr(name, content)
    return out.getvalue()


@pytest.mark.parametrize(
    "runs",
    [
        # A value and a footnote mark in a run Word raises; a value broken by a space.
        '<w:r><w:t>5</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        "<w:t>1</w:t></w:r>",
        '<w:r><w:t xml:space="preserve">5 1</w:t></w:r>',
    ],
)
def test_a_word_table_cell_holding_several_numbers_is_that_cells_ambiguous_value(
    runs: str,
) -> None:
    # The cells of a Word table are its grid: the received row's first cell, "5 1", is that
    # cell ambiguous (P223) with its raw text; every other cell of the row is read.
    def first_cell(row: str) -> str:
        at = row.index(_ZERO)
        return row[:at] + runs + row[at + len(_ZERO) :]

    report = gikparse.parse_docx(_with_received_row(first_cell))
    table = report.table("applications")
    assert table is not None
    cell = table.cell("received", "natural_person")
    assert cell is not None and cell.status is gikparse.ValueStatus.AMBIGUOUS
    assert cell.raw is not None and cell.raw.split() == ["5", "1"]
    assert ("P223", "received", "natural_person") in {
        (d.code, d.row, d.column) for d in table.diagnostics
    }
    expected = load_expected(_SEED)["applications"]["received"]
    for column, value in table.row("received").items():
        if column != "natural_person":
            assert value.value == expected[column], column


def test_a_word_cell_spanning_columns_in_a_row_wider_than_its_table_moves_no_number() -> None:
    # As on a web page: Word lays the row's cells out by the grid, those after a cell
    # spanning two a column further right than their order says. The row is ambiguous (P224).
    def widened(row: str) -> str:
        head, label, *values = row.split("<w:tc>")
        values = [
            cell.replace(_ZERO, f"<w:r><w:t>{number}</w:t></w:r>")
            for cell, number in zip(values, (5, 1, 2, 3, 4, 21, ""), strict=True)
        ]
        values[1] = values[1].replace("/>", '/><w:gridSpan w:val="2"/>', 1)
        return "<w:tc>".join([head, label, *values]) + "<w:tc><w:p/></w:tc>"

    report = gikparse.parse_docx(_with_received_row(widened))
    table = report.table("applications")
    assert table is not None
    assert {v.status for v in table.row("received").values()} == {gikparse.ValueStatus.AMBIGUOUS}
    assert ("P224", "received") in {(d.code, d.row) for d in table.diagnostics}
    got, expected = report.to_dict()["applications"], load_expected(_SEED)["applications"]
    del got["received"], expected["received"]
    assert _exact(got) == _exact(expected)

"""The five seed reports parse to exactly their expected values."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

import gikparse
from gikparse.readers.document import Line, TextCell
from gikparse.readers.docx import read_docx
from gikparse.readers.html import read_html
from gikparse.readers.pdf import read_pdf
from gikparse.readers.text import read_text
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
    return gikparse.parse(SEEDS / f"{name}.txt")


@pytest.mark.parametrize("key", TABLE_KEYS)
def test_seed_tables_are_exact(seed_name: str, key: str) -> None:
    expected = load_expected(seed_name)
    got = _parsed(seed_name).to_dict()
    assert _exact(got[key]) == _exact(expected[key])


def test_seed_money_is_exported_as_decimal_strings(seed_name: str) -> None:
    exported = _parsed(seed_name).to_dict()["active_disclosure"]
    for table in exported.values():
        for row in table.values():
            for column, value in row.items():
                if column == "amount" and value is not None:
                    assert isinstance(value, str)
                    Decimal(value)


def test_seed_metadata(seed_name: str) -> None:
    expected = load_expected(seed_name)
    got = _parsed(seed_name).to_dict()
    for key in ("variant", "year", "agency"):
        assert got[key] == expected[key], key
    for key in ("period", "published", "signed_by"):
        if key in expected:
            assert got[key] == expected[key], key
    if "contact" in expected:
        assert got["contact"] == expected["contact"]


def test_seed_values_point_at_their_raw_text(seed_name: str) -> None:
    report = _parsed(seed_name)
    for table in report.tables:
        for cell in table.cells:
            value = cell.value
            if value.location is None or not value.raw:
                continue
            loc = value.location
            assert report.text[loc.offset : loc.offset + loc.length] == value.raw


def test_seed_text_parses_like_its_bytes(seed_name: str) -> None:
    path = SEEDS / f"{seed_name}.txt"
    from_text = gikparse.parse_text(path.read_text("utf-8"))
    from_bytes = gikparse.parse(path.read_bytes())
    assert from_text == from_bytes


@pytest.mark.parametrize("suffix", ["txt", "html", "docx", "pdf"])
def test_every_reader_gives_cells_of_every_field(seed_name: str, suffix: str) -> None:
    # Readers build cells and lines as tuples directly, for speed: each must have every field
    # of TextCell and Line (a field added to one and not given by a reader breaks the cells).
    if suffix == "txt":
        doc = read_text((SEEDS / f"{seed_name}.txt").read_text("utf-8"))
    else:
        data = (RENDERED / f"{seed_name}.{suffix}").read_bytes()
        doc = {"html": read_html, "docx": read_docx, "pdf": read_pdf}[suffix](data)
    assert doc.lines
    for line in doc.lines:
        assert len(line) == len(Line._fields)
        for cell in line.cells:
            assert len(cell) == len(TextCell._fields)

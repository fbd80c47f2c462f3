"""The DOCX scanner's shortcuts read what their long way reads.

A cell's properties are most often written as Word and LibreOffice write them (a width, a
span, a vertical merge, in that order), and the scanner reads those from their start in one
match (gikparse/readers/_docx_props.py, _PROPS_START); whatever it reads so must be what the
search for each element (_direct) finds, on properties as written, messed up, cut. A cell
not seen before whose start other cells showed plain is made from that start and its runs
(gikparse/readers/_docx_scan.py, _Scanner._new_cell): it must be the cell read part by part.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from gikparse.readers._docx_props import Decline, _direct, _int, tcpr_props
from gikparse.readers._docx_scan import _Scanner
from tests.docx_render import DocxStyle, render_docx
from tests.strategies import GeneratedReport, generated_reports
from tests.test_docx_scan import (
    _KINDS,
    _MESSED_SEEDS,
    _body,
    _members,
    _messed,
    _with_pieces_cut,
)


def _searched(tcpr: bytes) -> object:
    """A cell's span and merges found element by element (the scanner's long way)."""
    try:
        found, val = _direct(tcpr, b"gridSpan")
        span = max(_int(val, 1), 1) if found else 1
        found, val = _direct(tcpr, b"vMerge")
        vmerge = (val or "") if found else None
        found, val = _direct(tcpr, b"hMerge")
        return span, vmerge, (val or "") if found else None
    except Decline:
        return Decline


def _read(tcpr: bytes) -> object:
    try:
        return tcpr_props(tcpr)
    except Decline:
        return Decline


def _properties(xml: bytes) -> list[bytes]:
    return [part.split(b"</w:tcPr>")[0] for part in xml.split(b"<w:tcPr>")[1:]]


# Spellings next to the ones the shortcut reads: each must be read the long way, alike.
_VARIANTS = [
    b'<w:tcW w:w="1" w:type="dxa"/><w:gridSpan w:val="2"/><w:vMerge/>',
    b'<w:gridSpan w:val="0"/><w:vMerge w:val=""/>',
    b'<w:gridSpan w:val="007"/><w:gridSpan w:val="3"/><w:vMerge w:val="restart"/><w:vMerge/>',
    b'<w:tcW w:type="dxa" w:w="1"/><w:gridSpan w:val="2"/>',
    b'<w:tcW w:w="1" w:type="dxa"/><w:gridSpan w:val="x"/><w:vMerge w:val="continue"/>',
    b'<w:gridSpan w:val="2"/><w:vMerge w:val="Restart"/><w:hMerge w:val="restart"/>',
    b'<w:gridSpan w:val="2" /><w:vMerge  w:val="restart"/>',
    b'<w:vMerge w:val="restart"/><w:gridSpan w:val="4"/>',
    b'<w:tcW w:w="1" w:type="dxa"/><w:vMerge w:val="restart">',
    b'<w:gridSpan w:val="1234567890"/><w:vMerge w:val="abcdefghij"/>',
    b'<w:gridSpan w:val="2"/><w:vMergeX/><w:vMerge/>',
]


def test_spellings_next_to_the_common_ones_are_read_alike() -> None:
    for tcpr in _VARIANTS:
        assert _read(tcpr) == _searched(tcpr), tcpr


@settings(max_examples=40, deadline=None)
@given(**_MESSED_SEEDS)
def test_cell_properties_read_from_their_start_are_the_ones_searched_for(
    path: Path, kinds: dict[str, float], seed: int, cuts: list[tuple[int, int]]
) -> None:
    xml = _members(_messed(path.read_bytes(), kinds, seed))["word/document.xml"]
    found = _properties(xml)
    assert found
    for tcpr in _with_pieces_cut(found, cuts) + _VARIANTS:
        assert _read(tcpr) == _searched(tcpr)


@settings(max_examples=20, deadline=None)
@given(report=generated_reports(), split_runs=st.booleans())
def test_generated_cell_properties_are_read_alike(
    report: GeneratedReport, split_runs: bool
) -> None:
    xml = _members(render_docx(report, DocxStyle(split_runs=split_runs)))["word/document.xml"]
    for tcpr in _properties(xml):
        assert _read(tcpr) == _searched(tcpr)


def _new_cells(scanner: _Scanner, cells: list[bytes]) -> list[object]:
    out: list[object] = []
    for cell in cells:
        try:
            out.append(scanner._new_cell(cell))
        except Decline:
            out.append(Decline)
    return out


def _cells_part_by_part(scanner: _Scanner, cells: list[bytes]) -> list[object]:
    out: list[object] = []
    for cell in cells:
        try:
            text, props, _ = scanner._read_cell(cell)
            out.append((text, *props))
        except Decline:
            out.append(Decline)
    return out


@settings(max_examples=30, deadline=None)
@given(**_MESSED_SEEDS)
def test_a_new_cell_made_from_a_known_plain_start_is_the_cell_read_part_by_part(
    path: Path, kinds: dict[str, float], seed: int, cuts: list[tuple[int, int]]
) -> None:
    # _Scanner._new_cell makes a cell whose start other cells showed plain from that start
    # and its runs: it must be the cell _read_cell reads, on cells as written and cut.
    members = _members(_messed(path.read_bytes(), kinds, seed))
    xml = members["word/document.xml"]
    cells = _with_pieces_cut([c for c in xml.split(b"</w:tc>") if c.startswith(b"<w:tc")], cuts)
    cells += cells[::-1]  # each read again once the others are known
    new, parts = (_Scanner(xml, _body(members)) for _ in range(2))
    assert _new_cells(new, cells) == _cells_part_by_part(parts, cells)
    assert new.plain_starts or kinds  # the seeds as written have such cells


@settings(max_examples=20, deadline=None)
@given(
    report=generated_reports(),
    split_runs=st.booleans(),
    kinds=_KINDS,
    seed=st.integers(0, 2**16),
    cuts=_MESSED_SEEDS["cuts"],
)
def test_a_new_generated_cell_is_the_cell_read_part_by_part(
    report: GeneratedReport,
    split_runs: bool,
    kinds: dict[str, float],
    seed: int,
    cuts: list[tuple[int, int]],
) -> None:
    # Generated cells most often have no paragraph properties: their runs start after <w:p>.
    data = _messed(render_docx(report, DocxStyle(split_runs=split_runs)), kinds, seed)
    members = _members(data)
    xml = members["word/document.xml"]
    cells = _with_pieces_cut([c for c in xml.split(b"</w:tc>") if c.startswith(b"<w:tc")], cuts)
    cells += cells[::-1]
    new, parts = (_Scanner(xml, _body(members)) for _ in range(2))
    assert _new_cells(new, cells) == _cells_part_by_part(parts, cells)
    assert new.plain_starts or kinds

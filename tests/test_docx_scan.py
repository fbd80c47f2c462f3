"""The DOCX scanner reads exactly what the general reader reads.

gikparse/readers/_docx_scan.py is a fast path: it reads plain paragraphs and tables of plain
cells straight from the bytes of word/document.xml and hands every other block to the general
reader (gikparse/readers/_docx_body.py), or the whole part when it is not sure of it. Whatever
it does, the Document must be the one the general reader alone makes. Reports are written as
DOCX (tests/docx_render.py) and then given the mess of real files: formatting on every cell,
paragraph and run (borders, fonts, spacing, as LibreOffice and WPS write them), hidden runs,
bookmarks, tabs and breaks, entities, empty paragraphs, on top of what the renderer varies
(split runs, merged cells, numbering direct and through styles, text boxes, a layout table).
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gikparse.readers.docx as docx_module
from gikparse.errors import SourceError
from gikparse.limits import DEFAULT_LIMITS
from gikparse.readers._docx_body import _Body
from gikparse.readers._docx_numbering import read_numbering
from gikparse.readers._docx_scan import _TEXT, Decline, _Scanner, _simple_runs, scan_body
from gikparse.readers._docx_styles import read_styles
from gikparse.readers.document import Document
from gikparse.readers.docx import read_docx
from tests.docx_render import (
    NS,
    DocxStyle,
    docx_package,
    render_docx,
    render_python_docx,
    zip_members,
)
from tests.strategies import GeneratedReport, fixed_report, generated_reports

RENDERED = Path(__file__).parent / "fixtures" / "rendered"
SEEDS = sorted(RENDERED.glob("*.docx"))


def _general(data: bytes) -> Document:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(docx_module, "_SCAN", False)
        return read_docx(data)


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


# --- the mess of real files ----------------------------------------------------------------

_CELL_FORMAT = (
    '<w:tcW w:w="1821" w:type="dxa"/><w:tcBorders><w:top w:val="single" w:sz="6" '
    'w:space="0" w:color="808080"/><w:left w:val="single" w:sz="2"/></w:tcBorders>'
    '<w:vAlign w:val="center"/>'
)
_PARAGRAPH_FORMAT = (
    '<w:widowControl w:val="false"/><w:suppressLineNumbers/><w:jc w:val="center"/>'
    '<w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312" w:hint="eastAsia"/></w:rPr>'
)
_RUN_FORMAT = '<w:rFonts w:hint="eastAsia"/><w:sz w:val="32"/><w:szCs w:val="32"/>'

Put = Callable[[re.Match[str]], str]
#: (pattern, what to put for a match): each applied to a random share of the matches
_MESS: dict[str, tuple[str, Put]] = {
    "cell borders": (
        r"<w:tc>(<w:tcPr>)?",
        lambda m: f"<w:tc><w:tcPr>{_CELL_FORMAT}" + ("" if m.group(1) else "</w:tcPr>"),
    ),
    "paragraph formatting": (
        r"<w:p>(<w:pPr>(?:<w:pStyle [^>]*/>)?)?",
        lambda m: (
            '<w:p w:rsidR="00D21A3F">'
            + (
                m.group(1) + _PARAGRAPH_FORMAT
                if m.group(1)
                else f"<w:pPr>{_PARAGRAPH_FORMAT}</w:pPr>"
            )
        ),
    ),
    "run formatting": (
        r"<w:r>(<w:rPr>)?",
        lambda m: f"<w:r><w:rPr>{_RUN_FORMAT}" + ("" if m.group(1) else "</w:rPr>"),
    ),
    "hidden runs": (
        r"</w:r>",
        lambda m: '</w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve">隐 9</w:t></w:r>',
    ),
    "shown vanish off": (
        r"</w:r>",
        lambda m: '</w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>显</w:t></w:r>',
    ),
    "bookmarks": (r"<w:r>", lambda m: '<w:bookmarkStart w:id="0" w:name="_Toc1"/><w:r>'),
    "tabs and breaks": (r"</w:t></w:r>", lambda m: "</w:t><w:tab/><w:t>7</w:t><w:br/></w:r>"),
    "entities": (r"(<w:t[^>]*>)", lambda m: m.group(1) + "&amp;&#26032;"),
    "empty paragraphs": (r"</w:p>", lambda m: "</w:p><w:p/>"),
}


def _mess(xml: str, kinds: dict[str, float], rnd: random.Random) -> str:
    for kind, share in kinds.items():
        pattern, put = _MESS[kind]

        def maybe(m: re.Match[str], put: Put = put, share: float = share) -> str:
            return put(m) if rnd.random() < share else m.group(0)

        xml = re.sub(pattern, maybe, xml)
    return xml


_KINDS = st.dictionaries(st.sampled_from(sorted(_MESS)), st.sampled_from([0.2, 1.0]))
_STYLES = st.builds(
    DocxStyle,
    numbering=st.sampled_from(["typed", "direct", "style"]),
    heading_styles=st.booleans(),
    split_runs=st.booleans(),
    title_in_textbox=st.booleans(),
    header_footer=st.just(False),
    layout_table=st.booleans(),
    wrap_labels=st.booleans(),
    numbered_labels=st.booleans(),
    empty_paragraphs=st.booleans(),
    blank=st.sampled_from(["", "0", "—"]),
)


def _messed(data: bytes, kinds: dict[str, float], seed: int) -> bytes:
    members = _members(data)
    xml = members["word/document.xml"].decode()
    members["word/document.xml"] = _mess(xml, kinds, random.Random(seed)).encode()
    return zip_members(members)


@settings(max_examples=40, deadline=None)
@given(report=generated_reports(), style=_STYLES, kinds=_KINDS, seed=st.integers(0, 2**16))
def test_the_scanner_reads_generated_word_files_as_the_general_reader(
    report: GeneratedReport, style: DocxStyle, kinds: dict[str, float], seed: int
) -> None:
    data = _messed(render_docx(report, style), kinds, seed)
    assert read_docx(data) == _general(data)


@settings(max_examples=10, deadline=None)
@given(report=generated_reports(), kinds=_KINDS, seed=st.integers(0, 2**16))
def test_the_scanner_reads_python_docx_files_as_the_general_reader(
    report: GeneratedReport, kinds: dict[str, float], seed: int
) -> None:
    data = _messed(render_python_docx(report), kinds, seed)
    assert read_docx(data) == _general(data)


@settings(max_examples=10, deadline=None)
@given(path=st.sampled_from(SEEDS), kinds=_KINDS, seed=st.integers(0, 2**16))
def test_the_scanner_reads_real_word_files_as_the_general_reader(
    path: Path, kinds: dict[str, float], seed: int
) -> None:
    data = _messed(path.read_bytes(), kinds, seed)
    assert read_docx(data) == _general(data)


def _body(members: dict[str, bytes]) -> _Body:
    styles = members.get("word/styles.xml")
    numbering = members.get("word/numbering.xml")
    return _Body(
        read_numbering(None if numbering is None else docx_module.parse_xml(numbering, "n")),
        read_styles(None if styles is None else docx_module.parse_xml(styles, "s")),
        DEFAULT_LIMITS,
    )


def _scan(data: bytes) -> None:
    """Run the scanner alone on a package's document.xml (Decline when it gives up)."""
    members = _members(data)
    scan_body(members["word/document.xml"], _body(members))


# A seed messed up, and pieces to cut out of the parts a test reads (see _with_pieces_cut).
_MESSED_SEEDS = {
    "path": st.sampled_from(SEEDS),
    "kinds": _KINDS,
    "seed": st.integers(0, 2**16),
    "cuts": st.lists(st.tuples(st.integers(0, 10**6), st.integers(1, 40)), max_size=30),
}


def _with_pieces_cut(parts: list[bytes], cuts: list[tuple[int, int]]) -> list[bytes]:
    """``parts``, and after them each one with a piece cut out of it."""
    parts = list(parts)
    for at, length in cuts:
        part = parts[at % len(parts)]
        at = (at // len(parts)) % len(part)
        parts.append(part[:at] + part[at + length :])
    return parts


@settings(max_examples=30, deadline=None)
@given(**_MESSED_SEEDS)
def test_simple_runs_are_plain_runs_and_give_their_text(
    path: Path, kinds: dict[str, float], seed: int, cuts: list[tuple[int, int]]
) -> None:
    # _simple_runs reads a paragraph's runs in one pass where they are written the simplest
    # way: whatever it reads must be plain runs (_Patterns.runs) with the same text.
    members = _members(_messed(path.read_bytes(), kinds, seed))
    xml = members["word/document.xml"]
    scanner = _Scanner(xml, _body(members))
    found = re.findall(rb"<w:p[ >](?:(?!</w:p>).)*?(?:</w:pPr>|<w:p>)(.*?)</w:p>", xml, re.S)
    read = 0
    for region in _with_pieces_cut([r for r in found if r], cuts):
        text = _simple_runs(region)
        if text is not None:
            read += 1
            assert scanner.patterns.runs.fullmatch(region) is not None
            assert text == b"".join(_TEXT.findall(region))
    assert read or kinds  # the seeds as written have such runs


def _cells_read(scanner: _Scanner, cells: list[bytes], whole: bool) -> list[object]:
    out: list[object] = []
    for cell in cells:
        try:
            out.append(scanner._cell(cell) if whole else scanner._read_cell(cell))
        except Decline:
            out.append(Decline)
    return out


@settings(max_examples=30, deadline=None)
@given(**_MESSED_SEEDS)
def test_a_cell_read_by_its_known_start_is_the_cell_read_part_by_part(
    path: Path, kinds: dict[str, float], seed: int, cuts: list[tuple[int, int]]
) -> None:
    # _Scanner._cell reads all before a cell's last runs once for all cells alike; it must
    # find what _read_cell finds, on cells as written and with pieces cut out of them.
    members = _members(_messed(path.read_bytes(), kinds, seed))
    xml = members["word/document.xml"]
    cells = _with_pieces_cut([c for c in xml.split(b"</w:tc>") if c.startswith(b"<w:tc")], cuts)
    whole, parts = (_Scanner(xml, _body(members)) for _ in range(2))
    assert _cells_read(whole, cells, True) == _cells_read(parts, cells, False)


@pytest.mark.parametrize("path", SEEDS, ids=[p.stem for p in SEEDS])
def test_the_scanner_reads_the_seed_files_itself(path: Path) -> None:
    # Not a speed test: the equality tests above would pass as well if the scanner gave up
    # on every file. The seeds (LibreOffice) and plain generated files must not make it.
    _scan(path.read_bytes())


@pytest.mark.parametrize("variant", ["2020", "2021"])
def test_the_scanner_reads_plain_generated_files_itself(variant: str) -> None:
    _scan(render_docx(fixed_report(variant), DocxStyle(split_runs=True, numbering="style")))


def test_the_scanner_gives_up_on_what_it_cannot_be_sure_of() -> None:
    plain = (RENDERED / f"{SEEDS[0].stem}.docx").read_bytes()
    members = _members(plain)
    xml = members["word/document.xml"]
    for broken in (
        xml.replace(b"<w:body>", b"<!-- a comment --><w:body>", 1),
        xml.replace(b"<w:body>", b"<w:body xmlns:w='urn:other'>", 1),
        xml.replace(b"</w:body>", b"text</w:body>", 1),
        xml.replace(b"<w:t>", b"<w:t>]]>", 1),
    ):
        members["word/document.xml"] = broken
        with pytest.raises(Decline):
            _scan(zip_members(members))


def test_a_root_with_many_namespaces_and_a_broken_attribute_is_refused_at_once() -> None:
    # A pattern that could take each declaration two ways would try 2**40 ways here.
    declarations = " ".join(f'xmlns:p{i}="urn:{i}"' for i in range(40))
    document = f"<w:document {NS} {declarations} broken><w:body><w:p/></w:body></w:document>"
    with pytest.raises(SourceError):
        read_docx(docx_package(document))


@pytest.mark.parametrize("path", SEEDS, ids=[p.stem for p in SEEDS])
def test_the_general_reader_reads_the_seeds_alike_with_and_without_cutting_formatting(
    path: Path,
) -> None:
    # test_docx_reader.py checks this through read_docx, which the scanner now answers for
    # the seeds: check the general reader's own shortcut (slim) here.
    data = path.read_bytes()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(docx_module, "slim", lambda xml, run_styles=False: xml)
        whole = _general(data)
    assert _general(data) == whole


# --- what an independent review found: spellings Word does not write ------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TABLE = (
    "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
    "<w:tr><w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc>"
    "<w:tc><w:p><w:r><w:t>B</w:t></w:r></w:p></w:tc></w:tr>"
    "<w:tr><w:tc><w:p><w:r><w:t>C</w:t></w:r></w:p></w:tc>"
    "<w:tc><w:p><w:r><w:t>D</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
)


def _doc(body: str) -> bytes:
    return docx_package(f"<w:document {NS}><w:body>{body}</w:body></w:document>")


@pytest.mark.parametrize(
    "body",
    [
        # Hidden text, its tag spanning lines, or a run's properties ended with a space.
        "<w:p><w:r><w:t>收到申请数</w:t></w:r><w:r><w:rPr><w:vanish\n/></w:rPr><w:t>999</w:t></w:r></w:p>",
        "<w:p><w:r><w:rPr><w:b/></w:rPr ><w:t>a</w:t></w:r><w:r><w:tab/><w:t>x</w:t></w:r></w:p>",
        # A span written with single quotes, spaces round "=", a line break, another prefix.
        _TABLE.format(props="<w:gridSpan w:val='2'/>"),
        _TABLE.format(props='<w:gridSpan w:val = "2"/>'),
        _TABLE.format(props='<w:gridSpan\nw:val="2"/>'),
        _TABLE.format(props=f'<x:gridSpan xmlns:x="{_W}" x:val="2"/>'),
        _TABLE.format(props='<w:vMerge w:val="restart"/><w:gridSpan x="a>b" w:val="2"/>'),
        # A processing instruction among the properties, or one that hides markup.
        _TABLE.format(props='<?mso x?><w:gridSpan w:val="2"/>'),
        "<w:p><w:pPr><?x </w:pPr><w:r><w:t>EVIL</w:t></w:r></w:p>"
        "<w:p><w:pPr>?></w:pPr><w:r><w:t>real</w:t></w:r></w:p>",
        # A level of thousands of digits.
        '<w:p><w:pPr><w:outlineLvl w:val="' + "0" * 5000 + '1"/></w:pPr>'
        "<w:r><w:t>heading</w:t></w:r></w:p>",
    ],
)
def test_what_word_does_not_write_is_read_as_the_general_reader_reads_it(body: str) -> None:
    data = _doc(body)
    try:
        general: Document | str = _general(data)
    except SourceError as exc:
        general = type(exc).__name__
    try:
        scanned: Document | str = read_docx(data)
    except SourceError as exc:
        scanned = type(exc).__name__
    assert scanned == general


def test_thousands_of_empty_paragraphs_written_otherwise_are_read_in_linear_time() -> None:
    # Each one used to make the scanner search on to the next real paragraph: quadratic.
    body = "<w:p w:rsidR='00A1'/>" * 20_000 + "<w:p><w:r><w:t>正文</w:t></w:r></w:p>"
    assert read_docx(_doc(body)).text.endswith("正文")

"""Hostile and broken Word files: a Report or a GikparseError, in bounded time and memory.

Zip bombs (declared and lying sizes, many members), zips that are not Word documents,
truncated and mutated files, entity expansion (billion laughs), elements and tables nested
thousands deep.
"""

from __future__ import annotations

import io
import struct
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

import gikparse
from gikparse.readers._docx_package import Package
from gikparse.readers.docx import read_docx
from gikparse.readers.sniff import is_docx
from tests.conftest import RENDERED
from tests.docx_render import NS, docx_package, zip_members

SEED_DOCX = (RENDERED / "000_623967a19d51db49.docx").read_bytes()
_SMALL = gikparse.Limits(max_stream_bytes=1_000_000, max_decoded_bytes=2_000_000)


def _document(body: str) -> str:
    return f"<w:document {NS}><w:body>{body}</w:body></w:document>"


def _parses_or_refuses(data: bytes, limits: gikparse.Limits = gikparse.DEFAULT_LIMITS) -> None:
    try:
        report = gikparse.parse_docx(data, limits=limits)
    except gikparse.GikparseError:
        return
    assert isinstance(report, gikparse.Report)


# --- zip bombs ---------------------------------------------------------------------------


def test_a_member_inflating_past_the_stream_limit_is_refused_naming_the_limit() -> None:
    # 5 MB of one paragraph repeated: about 10 kB compressed.
    bomb = _document("<w:p><w:r><w:t>0</w:t></w:r></w:p>" * 170_000).encode()
    data = zip_members({"word/document.xml": bomb})
    assert len(data) < len(bomb) // 100
    with pytest.raises(gikparse.LimitExceeded) as caught:
        read_docx(data, limits=_SMALL)
    assert caught.value.field == "max_stream_bytes"


def _lie_about_sizes(data: bytes, size: int) -> bytes:
    """The zip with every member's declared uncompressed size replaced by ``size``."""
    out = bytearray(data)
    at = out.find(b"PK\x03\x04")
    while at >= 0:
        out[at + 22 : at + 26] = struct.pack("<I", size)
        at = out.find(b"PK\x03\x04", at + 4)
    at = out.find(b"PK\x01\x02")
    while at >= 0:
        out[at + 24 : at + 28] = struct.pack("<I", size)
        at = out.find(b"PK\x01\x02", at + 4)
    return bytes(out)


def _members(data: bytes, inflate: bool) -> list[object]:
    """What Package.read gives for each member (bytes, or the error's text), with the one-call
    inflating of Package._inflated or with zipfile's stream only."""
    try:
        package = Package(data, gikparse.DEFAULT_LIMITS)
    except gikparse.GikparseError as exc:
        return [str(exc)]
    if not inflate:
        package._inflated = lambda info: None  # type: ignore[method-assign]
    out: list[object] = []
    for name in package.names:
        try:
            out.append(package.read(name))
        except gikparse.GikparseError as exc:
            out.append(str(exc))
    return out


@given(data=st.data())
def test_members_inflated_in_one_call_are_what_zipfile_reads(data: st.DataObject) -> None:
    members = {"word/document.xml": SEED_DOCX[:3000], "word/styles.xml": b"<a/>" * 300}
    mutated = bytearray(
        data.draw(
            st.sampled_from([zip_members(members), _lie_about_sizes(zip_members(members), 99)])
        )
    )
    for _ in range(data.draw(st.integers(0, 4))):
        at = data.draw(st.integers(0, len(mutated) - 1))
        mutated[at] = data.draw(st.integers(0, 255))
    assert _members(bytes(mutated), True) == _members(bytes(mutated), False)


def _names_a_main_part(data: bytes) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        return Package(data, gikparse.DEFAULT_LIMITS).main_part() is not None
    except gikparse.SourceError:
        return False


@given(data=st.data())
def test_sniffing_a_zip_as_word_says_whether_its_package_names_a_main_part(
    data: st.DataObject,
) -> None:
    # is_docx does not parse the relationships when word/document.xml is there (main_part()
    # then names a part whatever they say); it must say what main_part() says.
    rels = (
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="r" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/officeDocument" Target="doc/main.xml"/></Relationships>'
    )
    names = data.draw(
        st.lists(st.sampled_from(["_rels/.rels", "word/document.xml", "doc/main.xml", "a.xml"]))
    )
    members = {name: rels if name.endswith(".rels") else b"<a/>" for name in names}
    mutated = bytearray(zip_members(members))
    for _ in range(data.draw(st.integers(0, 3))):
        at = data.draw(st.integers(0, len(mutated) - 1))
        mutated[at] = data.draw(st.integers(0, 255))
    assert is_docx(bytes(mutated)) == _names_a_main_part(bytes(mutated))


def test_a_member_that_declares_a_huge_size_is_refused_before_inflating() -> None:
    data = _lie_about_sizes(docx_package(_document("<w:p/>")), 0xFFFF_FFF0)
    with pytest.raises(gikparse.LimitExceeded) as caught:
        gikparse.parse_docx(data)
    assert caught.value.field == "max_stream_bytes"


def test_a_member_that_declares_a_small_size_but_inflates_more_is_refused() -> None:
    bomb = _document("<w:p><w:r><w:t>0</w:t></w:r></w:p>" * 170_000).encode()
    data = _lie_about_sizes(zip_members({"word/document.xml": bomb}), 100)
    with pytest.raises(gikparse.SourceError):
        read_docx(data, limits=_SMALL)


def test_members_inflating_past_the_decoded_limit_together_are_refused() -> None:
    padding = b"<!-- " + b"x" * 900_000 + b" -->"
    members = {
        "word/document.xml": _document("<w:p/>").encode() + padding,
        "word/styles.xml": f"<w:styles {NS}/>".encode() + padding,
        "word/numbering.xml": f"<w:numbering {NS}/>".encode() + padding,
    }
    with pytest.raises(gikparse.LimitExceeded) as caught:
        read_docx(zip_members(members), limits=_SMALL)
    assert caught.value.field == "max_decoded_bytes"


def test_a_source_past_the_source_limit_is_refused() -> None:
    with pytest.raises(gikparse.LimitExceeded) as caught:
        read_docx(SEED_DOCX, limits=gikparse.Limits(max_source_bytes=1000))
    assert caught.value.field == "max_source_bytes"


# --- zips that are not Word documents ----------------------------------------------------


@pytest.mark.parametrize(
    ("members", "named"),
    [
        ({"xl/workbook.xml": b"<workbook/>"}, "Excel"),
        ({"ppt/presentation.xml": b"<presentation/>"}, "PowerPoint"),
        ({"mimetype": b"application/vnd.oasis.opendocument.text"}, "OpenDocument text"),
        ({"[Content_Types].xml": b"<Types/>"}, "without a Word document part"),
        ({"readme.txt": b"hello"}, "zip archive"),
    ],
)
def test_a_zip_without_a_word_document_is_refused_naming_what_it_is(
    members: dict[str, bytes], named: str
) -> None:
    with pytest.raises(gikparse.SourceError, match=r"word/document\.xml") as caught:
        gikparse.parse(zip_members(members))
    assert named in str(caught.value)


def test_the_main_part_is_found_through_the_package_relationships() -> None:
    rels = (
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/officeDocument" Target="/doc/main.xml"/></Relationships>'
    )
    body = _document("<w:p><w:r><w:t>别处的正文</w:t></w:r></w:p>").encode()
    doc = read_docx(zip_members({"_rels/.rels": rels, "doc/main.xml": body}))
    assert doc.text == "别处的正文"


def test_a_zip_needing_an_unknown_zip_version_is_a_source_error() -> None:
    # "Version needed to extract" of the first central directory entry set to 9.9, as a
    # damaged header reads: zipfile refuses it with NotImplementedError.
    entry = SEED_DOCX.index(b"PK\x01\x02")
    data = SEED_DOCX[: entry + 6] + struct.pack("<H", 99) + SEED_DOCX[entry + 8 :]
    with pytest.raises(gikparse.SourceError, match="corrupt"):
        gikparse.parse(data)


@pytest.mark.parametrize("cut", [10, 100, 1000, len(SEED_DOCX) // 2, len(SEED_DOCX) - 30])
def test_a_truncated_docx_is_a_source_error(cut: int) -> None:
    with pytest.raises(gikparse.SourceError):
        gikparse.parse(SEED_DOCX[:cut])


@given(data=st.data())
def test_mutated_docx_bytes_parse_or_are_refused(data: st.DataObject) -> None:
    mutated = bytearray(SEED_DOCX)
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(mutated) - 1))
        mutated[at] = data.draw(st.integers(0, 255))
    _parses_or_refuses(bytes(mutated))


@given(data=st.data())
def test_mutated_document_xml_parses_or_is_refused(data: st.DataObject) -> None:
    with zipfile.ZipFile(io.BytesIO(SEED_DOCX)) as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
    xml = bytearray(members["word/document.xml"])
    for _ in range(data.draw(st.integers(1, 6))):
        at = data.draw(st.integers(0, len(xml) - 1))
        length = data.draw(st.integers(1, 400))
        if data.draw(st.booleans()):
            del xml[at : at + length]  # cut tags, attributes, whole cells and rows
        else:
            xml[at:at] = xml[max(0, at - length) : at]  # repeat a piece
    members["word/document.xml"] = bytes(xml)
    _parses_or_refuses(zip_members(members))


# --- hostile XML -------------------------------------------------------------------------

BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)
    )
    + f"]><w:document {NS}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
)


@pytest.mark.parametrize("part", ["word/document.xml", "word/styles.xml", "word/numbering.xml"])
def test_entity_expansion_is_refused(part: str) -> None:
    members = {"word/document.xml": _document("<w:p/>").encode(), part: BILLION_LAUGHS.encode()}
    with pytest.raises(gikparse.SourceError, match="DTD"):
        gikparse.parse(zip_members(members))


def test_a_dtd_in_utf16_is_refused_too() -> None:
    data = '<?xml version="1.0" encoding="UTF-16"?>' + BILLION_LAUGHS.split("?>", 1)[1]
    members = {"word/document.xml": data.encode("utf-16")}
    with pytest.raises(gikparse.SourceError, match="DTD"):
        gikparse.parse(zip_members(members))


def test_elements_nested_ten_thousand_deep_are_refused_naming_the_limit() -> None:
    deep = "<w:sdt><w:sdtContent>" * 10_000 + "<w:p/>" + "</w:sdtContent></w:sdt>" * 10_000
    with pytest.raises(gikparse.LimitExceeded) as caught:
        gikparse.parse(docx_package(_document(deep)))
    assert caught.value.field == "max_nesting_depth"


def test_nesting_past_the_stack_with_a_raised_limit_is_still_a_source_error() -> None:
    deep = "<w:sdt><w:sdtContent>" * 3000 + "<w:p/>" + "</w:sdtContent></w:sdt>" * 3000
    limits = gikparse.Limits(max_nesting_depth=100_000)
    with pytest.raises(gikparse.SourceError):
        gikparse.parse_docx(docx_package(_document(deep)), limits=limits)


def test_tables_nested_within_the_limit_are_read() -> None:
    cell = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>深处</w:t></w:r></w:p>"
    deep = cell * 60 + "<w:p/></w:tc></w:tr></w:tbl>" * 60
    doc = read_docx(docx_package(_document(deep)))
    assert doc.text.count("深处") == 60


def test_malformed_xml_is_a_source_error() -> None:
    with pytest.raises(gikparse.SourceError, match="well-formed"):
        gikparse.parse(docx_package(_document("<w:p><w:r></w:p>")))


# --- arbitrary WordprocessingML ------------------------------------------------------------

_TEXTS = st.sampled_from(["", "规章", "12", " 3 ", "一、总体情况", "&amp;", "a\tb"])
_LEAVES = st.one_of(
    _TEXTS.map(lambda t: f'<w:r><w:t xml:space="preserve">{t}</w:t></w:r>'),
    st.sampled_from(
        [
            "<w:r><w:tab/></w:r>",
            "<w:r><w:br/></w:r>",
            '<w:r><w:sym w:font="Symbol" w:char="F02B"/></w:r>',
            '<w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr>',
            '<w:tcPr><w:gridSpan w:val="2"/></w:tcPr>',
            '<w:tcPr><w:vMerge w:val="restart"/></w:tcPr>',
            "<w:tcPr><w:vMerge/></w:tcPr>",
            '<w:trPr><w:gridBefore w:val="3"/></w:trPr>',
            "<w:p/>",
        ]
    ),
)
_CONTAINERS = ("w:p", "w:r", "w:tbl", "w:tr", "w:tc", "w:sdtContent", "w:txbxContent", "w:ins")


def _wrapped(tag: str, inner: list[str]) -> str:
    if tag == "alternate":
        body = "".join(inner)
        return (
            f'<mc:AlternateContent><mc:Choice Requires="wps">{body}</mc:Choice>'
            f"<mc:Fallback>{body}</mc:Fallback></mc:AlternateContent>"
        )
    return f"<{tag}>{''.join(inner)}</{tag}>"


_XML = st.recursive(
    _LEAVES,
    lambda inner: st.builds(
        _wrapped, st.sampled_from([*_CONTAINERS, "alternate"]), st.lists(inner, max_size=4)
    ),
    max_leaves=40,
)


@given(body=st.lists(_XML, max_size=6))
def test_any_arrangement_of_word_elements_gives_a_sound_document(body: list[str]) -> None:
    """Elements in any order and nesting (valid or not for Word) give a Document whose cells
    hold their text at their spans, without tabs or line breaks, or a GikparseError."""
    numbering = (
        f'<w:numbering {NS}><w:abstractNum w:abstractNumId="0">'
        '<w:lvl w:ilvl="1"><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
        '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    )
    data = docx_package(_document("".join(body)), {"word/numbering.xml": numbering})
    try:
        doc = read_docx(data)
    except gikparse.GikparseError:
        return
    for line in doc.lines:
        assert doc.text[line.start : line.end] == line.text
        for cell in line.cells:
            assert doc.text[cell.start : cell.end] == cell.text
            assert "\t" not in cell.text and "\n" not in cell.text
            assert cell.row_span >= 1 and cell.col_span >= 1
    _parses_or_refuses(data)


@pytest.mark.parametrize("encoding", ["UUTF-8", "utf-7", "gb2312", "shift_jis"])
def test_xml_declaring_an_encoding_expat_cannot_read_is_a_source_error(encoding: str) -> None:
    xml = f'<?xml version="1.0" encoding="{encoding}"?>' + _document("<w:p/>")
    _parses_or_refuses(zip_members({"word/document.xml": xml.encode("ascii")}))

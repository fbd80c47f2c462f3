"""Word (DOCX) files to a Document, with the standard library only (zipfile, xml.etree, re).

The body of the main document part is read; page headers and footers, footnotes and comments
are separate parts and are never read into it. Automatic list numbering is rendered into the
paragraph text the way Word shows it, so ``一、`` and ``（一）`` kept as numbering still head
their sections. See docs/formats.md.

The body is read by the scanner of _docx_scan.py when it can (fast: no element tree of the
whole part), else by the element-tree reader of _docx_body.py; both give the same Document.
"""

from __future__ import annotations

import attrs

from gikparse.errors import GikparseError, SourceError
from gikparse.limits import DEFAULT_LIMITS, Limits
from gikparse.readers._docx_body import _Body, read_body, slim
from gikparse.readers._docx_numbering import Numbering, read_numbering
from gikparse.readers._docx_package import Package, parse_xml, utf8
from gikparse.readers._docx_scan import Decline, scan_body
from gikparse.readers._docx_styles import Styles, read_styles
from gikparse.readers.document import Document
from gikparse.readers.sniff import ZIP_MAGIC

__all__ = ["read_docx"]

# "Strict Open XML" (Word: Save as Strict) names the same elements in other namespaces:
# (strict, transitional) for the text, equations and relationship ids the reader reads.
_STRICT_NAMESPACES = (
    (
        b"http://purl.oclc.org/ooxml/wordprocessingml/main",
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    ),
    (
        b"http://purl.oclc.org/ooxml/officeDocument/math",
        b"http://schemas.openxmlformats.org/officeDocument/2006/math",
    ),
    (
        b"http://purl.oclc.org/ooxml/officeDocument/relationships",
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    ),
)
#: read the body with the scanner first (gikparse/readers/_docx_scan.py); False: the general
#: reader only, for tests to compare the two
_SCAN = True


def _part(package: Package, name: str | None) -> bytes | None:
    data = package.read(name) if name is not None else None
    if data is None:
        return None
    data = utf8(data, name or "")  # the scanner and the checks below read UTF-8 bytes
    if b"http://purl.oclc.org/ooxml/" in data:
        for strict, transitional in _STRICT_NAMESPACES:
            data = data.replace(strict, transitional)
    return data


def read_docx(data: bytes, *, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read a DOCX into a :class:`Document` (``kind="docx"``).

    Raises :class:`~gikparse.SourceError` for anything that is not a readable Word document: a
    corrupt or truncated zip, a zip of another kind (named in the message: .xlsx, .odt ...), a
    member that inflates past the limits (a zip bomb), XML with a DTD or entity declarations,
    elements nested deeper than ``limits.max_nesting_depth``.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise SourceError(f"read_docx needs the bytes of a DOCX file, not {type(data).__name__}")
    data = bytes(data)
    if len(data) > limits.max_source_bytes:
        raise limits.exceeded("max_source_bytes", len(data), "bytes of the DOCX file")
    if not data.startswith(ZIP_MAGIC):
        raise SourceError("不是 DOCX 文件（no zip header: the input is not a DOCX file）")
    package = Package(data, limits)
    main = package.main_part()
    if main is None:
        raise SourceError(
            f"ZIP 文件中没有 Word 正文（word/document.xml），不是 DOCX 文件"
            f"（this is {package.describe()}: it holds no word/document.xml）"
        )
    document_bytes = _part(package, main)
    assert document_bytes is not None  # main_part() names an existing member
    numbering, styles = _lists_and_styles(package, main)
    run_styles = styles.used_in(document_bytes)
    # Text a style hides or sets apart (rare) is found run by run, by the general reader.
    if _SCAN and not run_styles:
        try:
            # hidden=True: the few blocks the scanner hands over look for w:vanish in every
            # run, which spares searching the whole part for it first.
            body = _Body(numbering, styles, limits, hidden=True)
            scan_body(document_bytes, body)
            return _document(body)
        except (Decline, GikparseError, RecursionError, ValueError, LookupError):
            # Anything the scanner did not expect: the general reader reads the part from
            # scratch (with lists counted afresh), and says what is wrong if anything is.
            numbering, styles = _lists_and_styles(package, main)
    root = parse_xml(slim(document_bytes, run_styles=run_styles), main)
    try:
        body = _Body(numbering, styles, limits, hidden=b"vanish" in document_bytes)
        read_body(root, body)
    except RecursionError:
        raise limits.exceeded(
            "max_nesting_depth", limits.max_nesting_depth, f"elements nested in {main}"
        ) from None
    return _document(body)


def _lists_and_styles(package: Package, main: str) -> tuple[Numbering, Styles]:
    """The list definitions and styles of the main part: the parts its relationships name,
    else those of the usual names beside it."""
    folder = main.rpartition("/")[0]
    prefix = f"{folder}/" if folder else ""
    numbering_bytes, styles_bytes = (
        _part(package, package.related(main, kind) or f"{prefix}{kind}.xml")
        for kind in ("numbering", "styles")
    )
    styles = read_styles(None if styles_bytes is None else parse_xml(styles_bytes, "styles.xml"))
    numbering = read_numbering(
        None if numbering_bytes is None else parse_xml(numbering_bytes, "numbering.xml"),
        styles.lists,
    )
    return numbering, styles


def _document(body: _Body) -> Document:
    doc, noticed = body.document()
    return attrs.evolve(doc, diagnostics=noticed) if noticed else doc

"""The public entry points: one ``parse`` for any source, and one function per section."""

from __future__ import annotations

import codecs
import os
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from gikparse import narrative
from gikparse.errors import Diagnostic, SourceError
from gikparse.limits import DEFAULT_LIMITS, Limits
from gikparse.model import Report, Section, Table
from gikparse.parser import parse_document
from gikparse.readers.document import Document
from gikparse.readers.sniff import mht_html, sniff, sniff_text
from gikparse.readers.text import read_text
from gikparse.schema import SECTIONS, TEMPLATES, template
from gikparse.tables import (
    parse_active_disclosure_lines,
    parse_applications_lines,
    parse_review_lines,
)

__all__ = [
    "parse",
    "parse_active_disclosure",
    "parse_active_disclosure_2020",
    "parse_active_disclosure_2021",
    "parse_applications",
    "parse_applications_2020",
    "parse_applications_2021",
    "parse_html",
    "parse_other_matters",
    "parse_overview",
    "parse_pdf",
    "parse_problems",
    "parse_review_litigation",
    "parse_text",
]

Source = str | bytes | bytearray | os.PathLike[str] | BinaryIO

_MAX_PATH = 4096
_CONTROL_SHARE = 0.02


def _decode(data: bytes) -> str:
    """Text from bytes: BOMs first, then UTF-8, then GB18030 (the encoding of older reports)."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise SourceError(
                    f"the bytes start with a {encoding} byte-order mark but do not decode: {exc}"
                ) from None
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text
    raise SourceError(
        "the bytes are not text in UTF-8 or GB18030, nor a PDF; "
        "give a report as text, markdown or PDF"
    )


def _looks_like_text(text: str) -> bool:
    if not text:
        return True
    control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    return "\x00" not in text and control / len(text) <= _CONTROL_SHARE


def _read_source(source: Source) -> tuple[bytes | str, str | None]:
    if isinstance(source, os.PathLike) or (
        isinstance(source, str)
        and "\n" not in source
        and len(source) < _MAX_PATH
        and source.strip()
        and _is_file(source)
    ):
        path = Path(source)
        try:
            return path.read_bytes(), str(path)
        except OSError as exc:
            raise SourceError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if isinstance(source, str):
        return source, None
    if isinstance(source, (bytes, bytearray)):
        return bytes(source), None
    read = getattr(source, "read", None)
    if read is None:
        raise SourceError(
            f"cannot parse a {type(source).__name__}: give a path, bytes, text or a binary file"
        )
    data = read()
    if isinstance(data, str):
        return data, getattr(source, "name", None)
    return bytes(data), getattr(source, "name", None)


def _is_file(text: str) -> bool:
    try:
        return Path(text).is_file()
    except (OSError, ValueError):
        return False


def parse(
    source: Source,
    *,
    strict: bool = False,
    pages: Sequence[int] | None = None,
    password: str = "",
) -> Report:
    """Parse a report from a path, bytes, a binary file or text (PDF, web page or MHT,
    markdown or plain text), its kind sniffed from the bytes (docs/formats.md).

    A ``str`` that names an existing file is read as a path; any other ``str`` is report text,
    or a web page when it is markup (use :func:`parse_text` or :func:`parse_html` to say
    which). ``pages`` and ``password`` apply to PDFs.
    Problems are returned as ``Report.diagnostics``; ``strict=True`` raises
    :class:`~gikparse.ParseError` instead when there is any warning or error.
    """
    data, name = _read_source(source)
    if isinstance(data, str):
        if sniff_text(data) == "html":
            return _parse_html(data, name, strict=strict, limits=DEFAULT_LIMITS)
        return parse_document(read_text(data), source=name, strict=strict)
    kind = sniff(data)
    if kind == "pdf":
        return _parse_pdf_bytes(data, name, pages=pages, password=password, strict=strict)
    if kind in ("html", "mht"):
        return _parse_html(data, name, strict=strict, limits=DEFAULT_LIMITS)
    if data[:4] == b"PK\x03\x04":
        raise SourceError(
            "this looks like a Word (DOCX) or other zip file, which gikparse cannot read yet; "
            "save it as PDF or copy its text"
        )
    return parse_document(read_text(_decode(data)), source=name, strict=strict)


def parse_pdf(
    source: str | os.PathLike[str] | bytes | BinaryIO,
    *,
    pages: Sequence[int] | None = None,
    password: str = "",
    strict: bool = False,
) -> Report:
    """Parse a PDF report from a path, bytes or binary file.

    ``pages`` restricts the parse to those pages (1-based); ``password`` opens encrypted files.
    Raises :class:`~gikparse.SourceError` for files that cannot be read (encrypted, image-only
    scans that need OCR first, broken files).
    """
    if isinstance(source, str) and not _is_file(source):
        raise SourceError(f"no such PDF file: {source!r}")
    data, name = _read_source(source)
    if isinstance(data, str):
        raise SourceError("parse_pdf() needs the bytes of a PDF, not text; see parse_text()")
    return _parse_pdf_bytes(data, name, pages=pages, password=password, strict=strict)


def _parse_pdf_bytes(
    data: bytes,
    name: str | None,
    *,
    pages: Sequence[int] | None,
    password: str,
    strict: bool,
) -> Report:
    from gikparse.readers.pdf import read_pdf  # pdfminer is imported only when needed

    doc = read_pdf(data, pages=pages, password=password)
    return parse_document(doc, source=name, strict=strict)


def parse_html(
    source: str | os.PathLike[str] | bytes | BinaryIO,
    *,
    strict: bool = False,
    limits: Limits = DEFAULT_LIMITS,
) -> Report:
    """Parse a report published as a web page: a path, bytes (any declared encoding, or
    undeclared UTF-8/GBK/GB18030), a binary file, or the page's text (a ``str`` that names no
    file is the page itself). An MHT archive (MIME HTML) is read from its HTML part.

    Tables are read on the HTML table model (merged cells, several ``<table>`` elements for
    one report table); site chrome is kept out; the metadata box (索引号, 发布机构, 发文日期)
    is used for the agency and publication date when the report itself lacks them. Each
    value's ``location`` gives its offset in ``Report.text`` and, as ``source_offset``, in the
    decoded page.
    """
    data, name = _read_source(source)
    return _parse_html(data, name, strict=strict, limits=limits)


def _parse_html(data: bytes | str, name: str | None, *, strict: bool, limits: Limits) -> Report:
    from gikparse.readers.html import read_html

    if isinstance(data, bytes) and sniff(data) == "mht":
        data = mht_html(data)
    return parse_document(read_html(data, limits=limits), source=name, strict=strict)


def parse_text(text: str, *, strict: bool = False) -> Report:
    """Parse report text (plain text copied from a PDF or Word file, or markdown)."""
    if not isinstance(text, str):
        raise TypeError(f"parse_text() takes a str, not {type(text).__name__}; see parse()")
    return parse_document(read_text(text), strict=strict)


def _document(text: str | Document) -> Document:
    return text if isinstance(text, Document) else read_text(text)


def parse_active_disclosure(
    text: str | Document, variant: str = "2021"
) -> tuple[tuple[Table, ...], tuple[Diagnostic, ...]]:
    """Section 二's tables from the section's text (or a Document), in template ``variant``."""
    doc = _document(text)
    return parse_active_disclosure_lines(doc, doc.lines, template(variant))


def parse_active_disclosure_2020(
    text: str | Document,
) -> tuple[tuple[Table, ...], tuple[Diagnostic, ...]]:
    """Section 二's tables, 2020 edition (Article 20 items incl. 政府集中采购)."""
    return parse_active_disclosure(text, "2020")


def parse_active_disclosure_2021(
    text: str | Document,
) -> tuple[tuple[Table, ...], tuple[Diagnostic, ...]]:
    """Section 二's tables, 2021 edition."""
    return parse_active_disclosure(text, "2021")


def parse_applications(text: str | Document, variant: str = "2021") -> Table:
    """Section 三's table from its text (or a Document), in template ``variant``."""
    doc = _document(text)
    return parse_applications_lines(doc, doc.lines, template(variant).applications)


def parse_applications_2020(text: str | Document) -> Table:
    """Section 三's table, 2020 edition ((六)其他处理 as one row)."""
    return parse_applications(text, "2020")


def parse_applications_2021(text: str | Document) -> Table:
    """Section 三's table, 2021 edition ((六) split in three rows)."""
    return parse_applications(text, "2021")


def parse_review_litigation(text: str | Document) -> Table:
    """Section 四's table (the same in both editions)."""
    doc = _document(text)
    return parse_review_lines(doc, doc.lines, TEMPLATES["2021"].review_litigation)


def _prose_section(section_id: str, source: str | Document) -> Section:
    spec = next(s for s in SECTIONS if s.id == section_id)
    if isinstance(source, Document):
        source = "\n".join(line.text for line in source.lines if not line.is_blank)
    text = source.strip()
    return Section(
        id=section_id,
        heading=spec.heading,
        text=text,
        items=narrative.split_items(text),
        parts=narrative.split_parts(text),
    )


def parse_overview(text: str | Document) -> Section:
    """Section 一 (总体情况) with its sub-parts and numbered items."""
    return _prose_section("overview", text)


def parse_problems(text: str | Document) -> Section:
    """Section 五 (存在的主要问题及改进情况) with its parts and items."""
    return _prose_section("problems", text)


def parse_other_matters(text: str | Document) -> Section:
    """Section 六 (其他需要报告的事项) with its items."""
    return _prose_section("other_matters", text)

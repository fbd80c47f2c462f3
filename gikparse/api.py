"""The public entry points: one ``parse`` for any source, and one function per section."""

from __future__ import annotations

import codecs
import contextlib
import errno
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

import attrs

from gikparse import narrative
from gikparse.errors import (
    Diagnostic,
    FileNotFoundError,
    IsADirectoryError,
    ParseError,
    Severity,
    SourceError,
)
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
    "REPORT_SUFFIXES",
    "is_path_like",
    "parse",
    "parse_active_disclosure",
    "parse_active_disclosure_2020",
    "parse_active_disclosure_2021",
    "parse_applications",
    "parse_applications_2020",
    "parse_applications_2021",
    "parse_docx",
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
        "the bytes are not text in UTF-8 or GB18030, nor a PDF, web page or Word file; "
        "give a report as PDF, HTML, DOCX, text or markdown"
    )


def _looks_like_text(text: str) -> bool:
    if not text:
        return True
    control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    return "\x00" not in text and control / len(text) <= _CONTROL_SHARE


#: File name endings of the report files gikparse reads (or will say it cannot read). A ``str``
#: of one line ending in one of them is a path, never report text.
REPORT_SUFFIXES = (".pdf", ".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".doc", ".wps")


_URL = re.compile(r"(?:https?|ftp)://\S+$", re.I)


def is_path_like(text: str) -> bool:
    """The rule for a ``str`` given to :func:`parse`: is it a path (``True``) or report text?

    A ``str`` is a path when it is one line (no line break) of at most 4096 characters and it
    names an existing file or folder, ends in a report suffix (``.pdf``, ``.txt``, ``.md``,
    ``.html``, ``.docx``…, any case), starts with ``~``, or holds a path separator and no
    space. A ``str`` holding ``<`` or ``>`` is never a path (it is markup). Anything else is
    report text; a report is many lines, so a text of one line gets the diagnostic P002 (not a
    report) naming this rule.
    """
    if not text or "\n" in text or "\r" in text or len(text) > _MAX_PATH:
        return False
    if "<" in text or ">" in text:
        return False
    stripped = text.strip()
    if not stripped:
        return False
    if stripped.startswith("~") or stripped.lower().endswith(REPORT_SUFFIXES):
        return True
    if ("/" in stripped or os.sep in stripped) and not any(ch.isspace() for ch in stripped):
        return True
    try:
        return Path(text).exists()
    except (OSError, ValueError):
        return False


def _existing_file(path: Path) -> Path:
    """``path`` with ``~`` expanded, if it is a file; a clear error if it is not."""
    # "~nobody/x" or Word's "~$x.docx": no such user, so the name is taken literally.
    with contextlib.suppress(RuntimeError):
        path = path.expanduser()
    try:
        if path.is_dir():
            raise IsADirectoryError(
                errno.EISDIR,
                "is a folder, not a report file (the gikparse command reads folders)",
                str(path),
            )
        if not path.exists():
            raise FileNotFoundError(errno.ENOENT, "no such file", str(path))
    except OSError as exc:
        if isinstance(exc, SourceError):
            raise
        raise SourceError(f"cannot read {path}: {exc.strerror or exc}") from exc
    return path


def _read_source(source: Source, limits: Limits = DEFAULT_LIMITS) -> tuple[bytes | str, str | None]:
    """The bytes or text of ``source`` and its name; paths follow :func:`is_path_like`."""
    cap = limits.max_source_bytes
    if isinstance(source, str) and _URL.match(source.strip()):
        raise SourceError(
            f"gikparse does not download: {source.strip()!r} is an address; fetch the page or "
            "file first and parse its bytes or the saved file"
        )
    if isinstance(source, os.PathLike) or (isinstance(source, str) and is_path_like(source)):
        path = _existing_file(Path(source.strip() if isinstance(source, str) else source))
        try:
            with path.open("rb") as file:
                data = file.read(cap + 1)  # never more than the budget into memory
        except OSError as exc:
            raise SourceError(f"cannot read {path}: {exc.strerror or exc}") from exc
        if len(data) > cap:
            raise limits.exceeded("max_source_bytes", f"more than {cap} bytes", str(path))
        return data, str(path)
    if isinstance(source, str):
        return source, None
    if isinstance(source, (bytes, bytearray)):
        if len(source) > cap:
            raise limits.exceeded("max_source_bytes", len(source), "the bytes given")
        return bytes(source), None
    read = getattr(source, "read", None)
    if read is None:
        raise SourceError(
            f"cannot parse a {type(source).__name__}: give a path, bytes, text or a binary file"
        )
    data = read(cap + 1)
    if len(data) > cap:
        raise limits.exceeded("max_source_bytes", f"more than {cap} bytes", "the file's content")
    if isinstance(data, str):
        return data, getattr(source, "name", None)
    return bytes(data), getattr(source, "name", None)


def _is_file(text: str) -> bool:
    try:
        return Path(text).expanduser().is_file()
    except (OSError, ValueError, RuntimeError):  # RuntimeError: "~nobody" expands to no home
        return False


def parse(
    source: Source,
    *,
    strict: bool = False,
    pages: Sequence[int] | None = None,
    password: str = "",
    limits: Limits = DEFAULT_LIMITS,
) -> Report:
    """Parse a report from a path, bytes, a binary file or text (PDF, web page or MHT, Word,
    markdown or plain text), its kind sniffed from the bytes, never the name (docs/formats.md).

    A ``str`` of one line that names an existing file, ends in a report suffix (``.pdf``,
    ``.txt``, ``.docx``…), starts with ``~`` or holds a ``/`` and no space is a path (see
    :func:`is_path_like`) and must exist: a missing one raises
    :class:`~gikparse.FileNotFoundError`, a folder :class:`~gikparse.IsADirectoryError`. Any
    other ``str`` is report text, or a web page when it is markup (say which with a
    ``pathlib.Path``, :func:`parse_text` or :func:`parse_html`). Empty input gives a Report
    with the error P001. ``pages`` and ``password`` apply to PDFs (P004 when given for
    anything else).
    Problems are returned as ``Report.diagnostics``; ``strict=True`` raises
    :class:`~gikparse.ParseError` instead when there is any warning or error. ``limits`` is the
    work budget (:class:`~gikparse.Limits`, see docs/limits.md): a source that needs more ends
    in :class:`~gikparse.LimitExceeded` naming the limit to raise.
    """
    data, name = _read_source(source, limits)
    # A zip is read as Word whether or not it holds a Word document (the reader says what it
    # is if not): not opened here to tell, which is a good part of reading a small DOCX.
    kind = sniff_text(data) if isinstance(data, str) else sniff(data, open_zips=False)
    if kind == "pdf":
        assert isinstance(data, bytes)
        return _parse_pdf_bytes(
            data, name, pages=pages, password=password, strict=strict, limits=limits
        )
    with _memory_bounded():
        report = _parse_by_kind(data, kind, name, strict=strict, limits=limits)
    if pages is not None or password:
        if kind == "zip" and isinstance(data, bytes):
            kind = sniff(data)  # as the diagnostic names it: docx or zip
        report = _pdf_options_ignored(report, kind, strict)
    return report


def _parse_by_kind(
    data: bytes | str, kind: str, name: str | None, *, strict: bool, limits: Limits
) -> Report:
    if kind in ("html", "mht"):
        return _parse_html(data, name, strict=strict, limits=limits)
    if kind in ("docx", "ole", "zip", "rtf"):  # a zip that is no Word file is refused there
        assert isinstance(data, bytes)
        return _parse_word_bytes(data, name, strict=strict, limits=limits, kind=kind)
    doc = read_text(data if isinstance(data, str) else _decode(data), limits=limits)
    return parse_document(doc, source=name, strict=strict, limits=limits)


def _pdf_options_ignored(report: Report, kind: str, strict: bool) -> Report:
    """``pages=``/``password=`` given for a source that is no PDF: said, never silently."""
    ignored = Diagnostic(
        code="P004",
        severity=Severity.WARNING,
        message=f"pages/password 只适用于 PDF 文件；此来源是 {kind}，已忽略，读取了全文",
        message_en=f"pages= and password= apply to PDF files; this source is {kind}, so they "
        "were ignored and the whole source was read",
    )
    if strict:
        raise ParseError((*report.diagnostics, ignored))
    return attrs.evolve(report, diagnostics=(*report.diagnostics, ignored))


def _binary_source(
    source: str | os.PathLike[str] | bytes | BinaryIO, limits: Limits, kind: str, function: str
) -> tuple[bytes, str | None]:
    """The bytes and name of a source that must be a file of ``kind``: a ``str`` is always a
    path here (these functions take no text)."""
    if isinstance(source, str) and not _is_file(source):
        _existing_file(Path(source))  # raises for a missing path or a folder
        raise SourceError(f"not a {kind}: {source!r}")
    data, name = _read_source(source, limits)
    if isinstance(data, str):
        raise SourceError(f"{function}() needs the bytes of a {kind}, not text; see parse_text()")
    return data, name


def parse_pdf(
    source: str | os.PathLike[str] | bytes | BinaryIO,
    *,
    pages: Sequence[int] | None = None,
    password: str = "",
    strict: bool = False,
    limits: Limits = DEFAULT_LIMITS,
) -> Report:
    """Parse a PDF report from a path, bytes or binary file.

    ``pages`` restricts the parse to those pages (1-based); ``password`` opens encrypted files.
    Raises :class:`~gikparse.SourceError` for files that cannot be read (encrypted, image-only
    scans that need OCR first, broken files).
    """
    data, name = _binary_source(source, limits, "PDF", "parse_pdf")
    return _parse_pdf_bytes(
        data, name, pages=pages, password=password, strict=strict, limits=limits
    )


def _parse_pdf_bytes(
    data: bytes,
    name: str | None,
    *,
    pages: Sequence[int] | None,
    password: str,
    strict: bool,
    limits: Limits = DEFAULT_LIMITS,
) -> Report:
    from gikparse.readers.pdf import read_pdf  # pdfminer is imported only when needed

    doc = read_pdf(data, pages=pages, password=password, limits=limits)
    return parse_document(doc, source=name, strict=strict, limits=limits)


def parse_docx(
    source: str | os.PathLike[str] | bytes | BinaryIO,
    *,
    strict: bool = False,
    limits: Limits = DEFAULT_LIMITS,
) -> Report:
    """Parse a Word report (.docx; .doc and .wps through LibreOffice) from a path, bytes or
    binary file.

    Raises :class:`~gikparse.SourceError` for files that cannot be read: a corrupt zip, a zip
    that is not a Word document (the message names what it is), a zip bomb or hostile XML
    (past ``limits``), or a .doc/.wps file when LibreOffice is not installed (the message
    gives the command that converts it).
    """
    data, name = _binary_source(source, limits, "Word file", "parse_docx")
    with _memory_bounded():
        return _parse_word_bytes(data, name, strict=strict, limits=limits)


def _parse_word_bytes(
    data: bytes,
    name: str | None,
    *,
    strict: bool,
    limits: Limits = DEFAULT_LIMITS,
    kind: str | None = None,
) -> Report:
    """``kind``: what sniff() said of ``data``, when the caller has asked (sniffing a zip opens
    it, which is a good part of reading a small DOCX)."""
    # Imported here, like the PDF reader: zipfile and the converter only when a file needs them.
    if (kind if kind is not None else sniff(data)) in ("ole", "rtf"):
        from gikparse.readers.convert import read_converted

        doc = read_converted(data, name=name, limits=limits)
    else:
        from gikparse.readers.docx import read_docx

        doc = read_docx(data, limits=limits)
    return parse_document(doc, source=name, strict=strict, limits=limits)


def parse_html(
    source: str | os.PathLike[str] | bytes | BinaryIO,
    *,
    strict: bool = False,
    limits: Limits = DEFAULT_LIMITS,
) -> Report:
    """Parse a report published as a web page: a path, bytes (any declared encoding, or
    undeclared UTF-8/GBK/GB18030), a binary file, or the page's text (a ``str`` that names no
    file is the page itself). An MHT archive (MIME HTML) is read from its HTML parts (the
    page and its frames).

    Tables are read on the HTML table model (merged cells, several ``<table>`` elements for
    one report table); site chrome is kept out; the metadata box (索引号, 发布机构, 发文日期)
    is used for the agency and publication date when the report itself lacks them. Each
    value's ``location`` gives its offset in ``Report.text`` and, as ``source_offset``, in the
    decoded page.
    """
    data, name = _read_source(source, limits)
    with _memory_bounded():
        return _parse_html(data, name, strict=strict, limits=limits)


def _parse_html(data: bytes | str, name: str | None, *, strict: bool, limits: Limits) -> Report:
    from gikparse.readers.html import read_html

    page = mht_html(data) if isinstance(data, bytes) and sniff(data) == "mht" else data
    doc = read_html(page, limits=limits)
    return parse_document(doc, source=name, strict=strict, limits=limits)


def parse_text(text: str, *, strict: bool = False, limits: Limits = DEFAULT_LIMITS) -> Report:
    """Parse report text (plain text copied from a PDF or Word file, or markdown)."""
    if not isinstance(text, str):
        raise TypeError(f"parse_text() takes a str, not {type(text).__name__}; see parse()")
    with _memory_bounded():
        return parse_document(read_text(text, limits=limits), strict=strict, limits=limits)


@contextlib.contextmanager
def _memory_bounded() -> Iterator[None]:
    """A MemoryError while parsing becomes a SourceError that says what to do about it."""
    try:
        yield
    except MemoryError:
        raise SourceError(
            "解析时内存不足（ran out of memory while parsing; lower the limits, e.g. "
            "limits=gikparse.Limits(max_text_chars=...), or give the process more memory）"
        ) from None


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

"""What kind of file some bytes are, from the bytes and never from a file name.

Agencies publish a web page saved as ``.doc``, a ``.doc`` renamed ``.docx``, MHT archives
(``.mht``, "web page, single file"); the name says little. The kinds:

``pdf``, ``html`` (a page, or a fragment that starts with markup), ``mht`` (MIME HTML),
``docx`` (a zip with ``word/document.xml``), ``ole`` (an OLE2 compound file: ``.doc``, ``.wps``,
``.xls``), ``zip`` (any other zip), ``rtf`` (Rich Text, which WPS saves as ``.doc``),
``text`` (anything else).
"""

from __future__ import annotations

import email
import email.policy
import re
from typing import Literal

from gikparse.errors import SourceError
from gikparse.limits import DEFAULT_LIMITS
from gikparse.readers._html_decode import Decoded, decode_labelled

__all__ = ["OLE2_MAGIC", "ZIP_MAGIC", "Kind", "is_docx", "mht_html", "sniff", "sniff_text"]

Kind = Literal["pdf", "html", "mht", "docx", "ole", "zip", "rtf", "text"]

#: The signatures, defined here alone: an OLE2 compound file (.doc .wps .xls), a zip entry.
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP = b"PK\x05\x06"
_HEAD = 4096
# Sniffing reads untrusted bytes outside any budget, so nothing here may backtrack: comments
# and MIME headers are skipped by scanning, and the patterns only match at one position.
_MARKUP_TAG = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|table|div|p|h[1-6]|span|font|style"
    r"|script|link|base|noscript)\b",
    re.I,
)
# Where a page's first tag is looked for, past the spaces, comments and scripts some pages
# start with (the tags counted for text without a leading tag are the first _HEAD's).
_START = 65536
_XML_DECLARATION = re.compile(r"<\?xml[^<>]*>", re.I)
_TEXT_TAGS = re.compile(r"</?(?:html|body|table|tr|td|p|div|br|span|h[1-6])\b[^<>]*>", re.I)
_MIN_TAGS = 8  #: tags in the first 4 KB that make text without a leading tag HTML


def _skip_space_and_comments(head: str, at: int) -> int:
    while True:
        at = len(head) - len(head[at:].lstrip())
        if not head.startswith("<!--", at):
            return at
        end = head.find("-->", at + 4)
        if end < 0:
            return len(head)
        at = end + 3


def _starts_with_markup(head: str) -> bool:
    """Does ``head`` start (after a BOM, spaces, comments, an XML declaration) with a tag?"""
    at = _skip_space_and_comments(head, 1 if head.startswith("\ufeff") else 0)
    declaration = _XML_DECLARATION.match(head, at)
    if declaration is not None:
        at = _skip_space_and_comments(head, declaration.end())
    return _MARKUP_TAG.match(head, at) is not None


def _is_markup(start: str) -> bool:
    """Whether text whose first characters are ``start`` is markup."""
    return _starts_with_markup(start) or len(_TEXT_TAGS.findall(start, 0, _HEAD)) >= _MIN_TAGS


def _ascii_view(head: bytes) -> str:
    """``head`` as text for finding ASCII markup: UTF-16 decoded after its BOM, anything else
    one character per byte (tags are ASCII in UTF-8, GBK and the single-byte encodings)."""
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[2:].decode(codec, "ignore")
    return head.removeprefix(b"\xef\xbb\xbf").decode("latin-1")


def _is_mht(head: bytes) -> bool:
    """A MIME message: header lines (``Name: value`` or continuations) up to ``MIME-Version``."""
    for line in head.split(b"\n"):
        line = line.rstrip(b"\r")
        if not line:
            return False  # the headers ended without MIME-Version
        if line[:1] in (b" ", b"\t"):
            continue
        name, colon, _ = line.partition(b":")
        if not colon or not name or not all(0x21 <= c <= 0x7E for c in name):
            return False
        if name.lower() == b"mime-version":
            return True
    return False


def sniff(data: bytes, *, open_zips: bool = True) -> Kind:
    """The kind of ``data`` (see the module docstring). ``open_zips=False``: any zip is
    ``zip``, not opened to tell a Word document (``docx``), for a caller that reads both."""
    head = data[:_HEAD]
    if head.lstrip()[:5] == b"%PDF-" or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(OLE2_MAGIC):
        return "ole"
    if head.startswith((ZIP_MAGIC, _EMPTY_ZIP)):
        return "docx" if open_zips and is_docx(data) else "zip"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if _is_mht(head) and b"multipart/related" in head.lower():
        return "mht"
    return "html" if _is_markup(_ascii_view(data[:_START])) else "text"


def sniff_text(text: str) -> Literal["html", "text"]:
    """``html`` for text that is a web page or an HTML fragment, else ``text``."""
    return "html" if _is_markup(text[:_START]) else "text"


def is_docx(data: bytes) -> bool:
    """True when ``data`` is a zip holding a Word main document part, found as Word finds it
    (the package relationships, else ``word/document.xml``), without reading the document."""
    if not data.startswith(ZIP_MAGIC):
        return False
    from gikparse.readers._docx_package import Package  # the DOCX reader's rule, loaded late

    try:
        package = Package(data, DEFAULT_LIMITS)
        if package.has("word/document.xml"):
            # main_part() would name a part then, having read the relationships first (which
            # may fail): read them, without parsing them.
            package.read("_rels/.rels")
            return True
        return package.main_part() is not None
    except SourceError:  # corrupt, or a limit reached: not recognised here, refused on reading
        return False


def mht_html(data: bytes) -> Decoded:
    """The page an MHT (MIME HTML) archive holds: its HTML parts in order, each decoded by its
    own charset as a page's declaration is read (a page's frames are further parts: a report
    shown in a frame is one of them). Raises SourceError when there is none."""
    try:
        message = email.message_from_bytes(data, policy=email.policy.compat32)
    except Exception as exc:  # the email package raises many kinds on broken input
        raise SourceError(f"MHT 文件无法解析（the MHT archive cannot be read: {exc}）") from None
    pages: list[Decoded] = []
    for part in message.walk():
        if part.get_content_type() != "text/html":
            continue
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes):
            pages.append(decode_labelled(payload, part.get_content_charset()))
    if not pages:
        raise SourceError("MHT 文件中没有 HTML 部分（the MHT archive holds no text/html part）")
    first = pages[0]
    return Decoded(
        "\n".join(page.text for page in pages),
        first.encoding,
        first.declared,
        sum(page.replaced for page in pages),
    )

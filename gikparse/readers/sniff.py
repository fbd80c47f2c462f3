"""What kind of file some bytes are, from the bytes and never from a file name.

Agencies publish a web page saved as ``.doc``, a ``.doc`` renamed ``.docx``, MHT archives
(``.mht``, "web page, single file"); the name says little. The kinds:

``pdf``, ``html`` (a page, or a fragment that starts with markup), ``mht`` (MIME HTML),
``docx`` (a zip with ``word/document.xml``), ``ole`` (an OLE2 compound file: ``.doc``, ``.wps``,
``.xls``), ``zip`` (any other zip), ``text`` (anything else).
"""

from __future__ import annotations

import email
import email.policy
import re
import zipfile
from io import BytesIO
from typing import Literal

from gikparse.errors import SourceError

__all__ = ["Kind", "mht_html", "sniff", "sniff_text"]

Kind = Literal["pdf", "html", "mht", "docx", "ole", "zip", "text"]

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HEAD = 4096
_HTML_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|"
    rb"table|div|p|h[1-6]|span|font|style|\?xml[^>]*>\s*<html)\b",
    re.I | re.S,
)
_HTML_TAGS = re.compile(rb"</?(?:html|body|table|tr|td|p|div|br|span|h[1-6])\b[^<>]*>", re.I)
_HEADER_NAME = re.compile(rb"[\x21-\x39\x3b-\x7e]+:")  # a MIME header line's name
_TEXT_HTML_START = re.compile(
    r"^\ufeff?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|table|div|p|"
    r"h[1-6]|span|font|style)\b",
    re.I | re.S,
)
_TEXT_TAGS = re.compile(r"</?(?:html|body|table|tr|td|p|div|br|span|h[1-6])\b[^<>]*>", re.I)
_MIN_TAGS = 8  #: tags in the first 4 KB that make text without a leading tag HTML


def _utf16_html(head: bytes) -> bool:
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            text = head[2:].decode(codec, "ignore")
            return _TEXT_HTML_START.match(text) is not None
    return False


def sniff(data: bytes) -> Kind:
    """The kind of ``data`` (see the module docstring)."""
    head = data[:_HEAD]
    if head.lstrip()[:5] == b"%PDF-" or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(_OLE):
        return "ole"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "docx" if _is_docx(data) else "zip"
    if _is_mht(head):
        return "mht"
    if _HTML_START.match(head) is not None or _utf16_html(head):
        return "html"
    if len(_HTML_TAGS.findall(head)) >= _MIN_TAGS:
        return "html"
    return "text"


def sniff_text(text: str) -> Literal["html", "text"]:
    """``html`` for text that is a web page or an HTML fragment, else ``text``."""
    head = text[:_HEAD]
    if _TEXT_HTML_START.match(head) is not None or len(_TEXT_TAGS.findall(head)) >= _MIN_TAGS:
        return "html"
    return "text"


def _is_mht(head: bytes) -> bool:
    """A MIME message of ``multipart/related``: header lines (``Name: value`` or folded
    continuations) up to a blank line, one of them ``MIME-Version``."""
    if b"multipart/related" not in head.lower():
        return False
    for line in head.split(b"\n"):
        line = line.rstrip(b"\r")
        if not line:
            return False  # the end of the headers
        if line[:13].lower() == b"mime-version:":
            return True
        if line[:1] not in (b" ", b"\t") and _HEADER_NAME.match(line) is None:
            return False
    return False


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def mht_html(data: bytes) -> bytes:
    """The HTML part of an MHT (MIME HTML) archive, as bytes with a charset declaration the
    HTML reader honours. Raises SourceError when there is none."""
    try:
        message = email.message_from_bytes(data, policy=email.policy.compat32)
    except Exception as exc:  # the email package raises many kinds on broken input
        raise SourceError(f"MHT 文件无法解析（the MHT archive cannot be read: {exc}）") from None
    for part in message.walk():
        if part.get_content_type() != "text/html":
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        charset = part.get_content_charset()
        if charset:
            # Declare the part's charset in front, where the reader's prescan finds it first.
            return f'<meta charset="{charset}">'.encode("ascii", "ignore") + payload
        return payload
    raise SourceError("MHT 文件中没有 HTML 部分（the MHT archive holds no text/html part）")

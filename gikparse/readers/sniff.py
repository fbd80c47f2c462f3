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
from typing import Literal

from gikparse.errors import SourceError
from gikparse.limits import DEFAULT_LIMITS

__all__ = ["OLE2_MAGIC", "ZIP_MAGIC", "Kind", "is_docx", "mht_html", "sniff", "sniff_text"]

Kind = Literal["pdf", "html", "mht", "docx", "ole", "zip", "text"]

#: The signatures, defined here alone: an OLE2 compound file (.doc .wps .xls), a zip entry.
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP = b"PK\x05\x06"
_HEAD = 4096
_HTML_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|"
    rb"table|div|p|h[1-6]|span|font|style|\?xml[^>]*>\s*<html)\b",
    re.I | re.S,
)
_HTML_TAGS = re.compile(rb"</?(?:html|body|table|tr|td|p|div|br|span|h[1-6])\b[^>]*>", re.I)
_MHT = re.compile(rb"^(?:[\x21-\x7e]+:[^\n]*\r?\n|[ \t][^\n]*\r?\n)*?MIME-Version:", re.I)
_TEXT_HTML_START = re.compile(
    r"^\ufeff?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|table|div|p|"
    r"h[1-6]|span|font|style)\b",
    re.I | re.S,
)
_TEXT_TAGS = re.compile(r"</?(?:html|body|table|tr|td|p|div|br|span|h[1-6])\b[^>]*>", re.I)
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
    if head.startswith(OLE2_MAGIC):
        return "ole"
    if head.startswith((ZIP_MAGIC, _EMPTY_ZIP)):
        return "docx" if is_docx(data) else "zip"
    if _MHT.match(head) is not None and b"multipart/related" in head.lower():
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


def is_docx(data: bytes) -> bool:
    """True when ``data`` is a zip holding a Word main document part, found as Word finds it
    (the package relationships, else ``word/document.xml``), without reading the document."""
    if not data.startswith(ZIP_MAGIC):
        return False
    from gikparse.readers._docx_package import Package  # the DOCX reader's rule, loaded late

    try:
        return Package(data, DEFAULT_LIMITS).main_part() is not None
    except SourceError:  # corrupt, or a limit reached: not recognised here, refused on reading
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

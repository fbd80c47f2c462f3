"""The characters of a web page from its bytes: BOM, declared charset, or a guess."""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

__all__ = ["Decoded", "decode", "decode_labelled", "decode_page"]

# Declarations are looked for in the first bytes only, as browsers do (the HTML standard's
# prescan reads 1024 bytes; Word and old CMSs put long style blocks first, so a little more).
_PRESCAN = 8192
_META_CHARSET = re.compile(rb"""<meta[^<>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Labels that name the Chinese encodings decode as their superset, GB18030, as browsers do.
_GB = frozenset({"gbk", "gb2312", "gb_2312", "gb_2312-80", "x-gbk", "gb18030", "cp936", "euc-cn"})


# Single-byte encodings CMS templates declare by default; a Chinese report is not in them.
_WESTERN = frozenset({"latin-1", "iso8859-1", "cp1252", "ascii"})


def _label(name: bytes) -> str | None:
    label = name.decode("ascii", "replace").strip().lower()
    if label in _GB:
        return "gb18030"
    if label in ("utf-16", "utf-16le", "utf-16be"):
        return "utf-8"  # a page that declares UTF-16 in ASCII bytes is not UTF-16
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


# UTF-8 with stray bytes: at least this many characters decode for each one that does not
# (GBK bytes read as UTF-8 give about one character for nine U+FFFD).
_STRAY_SHARE = 4


class Decoded(NamedTuple):
    """A page's characters and how they were found."""

    text: str
    encoding: str
    declared: bool  #: the page (a byte-order mark, a ``<meta>``) said the encoding
    replaced: int  #: characters that did not decode, read as U+FFFD


def _gbk_euro(exc: UnicodeError) -> tuple[str, int]:
    """Browsers' GBK decoder reads a lone 0x80 as €; any other misfit stays an error."""
    if isinstance(exc, UnicodeDecodeError) and exc.object[exc.start : exc.start + 1] == b"\x80":
        return "\u20ac", exc.start + 1
    raise exc


def _gbk_euro_or_replace(exc: UnicodeError) -> tuple[str, int]:
    try:
        return _gbk_euro(exc)
    except UnicodeDecodeError as misfit:
        return "\ufffd", misfit.end


codecs.register_error("gikparse.gbk", _gbk_euro)
codecs.register_error("gikparse.gbk-replace", _gbk_euro_or_replace)


def _strict(data: bytes, encoding: str) -> str:
    return data.decode(encoding, "gikparse.gbk" if encoding == "gb18030" else "strict")


def _replaced(data: bytes, encoding: str, declared: bool) -> Decoded:
    errors = "gikparse.gbk-replace" if encoding == "gb18030" else "replace"
    text = data.decode(encoding, errors)
    return Decoded(text, encoding, declared, text.count("\ufffd"))


def decode_labelled(data: bytes, label: str | None) -> Decoded:
    """The characters of page bytes whose encoding a label outside them names (an MHT part's
    charset), read as a ``<meta charset>`` is: a Western label over non-ASCII bytes, or one
    the bytes do not fit, is guessed past."""
    declared = _label(label.encode("ascii", "replace")) if label else None
    if declared is not None and (declared not in _WESTERN or data.isascii()):
        try:
            return Decoded(_strict(data, declared), declared, True, 0)
        except UnicodeDecodeError:
            pass
    return decode(data)


def decode_page(data: bytes) -> tuple[str, str, bool]:
    """(text, encoding, declared) of a page's bytes (see :func:`decode`)."""
    return decode(data)[:3]


def decode(data: bytes) -> Decoded:
    """The characters of a page's bytes.

    The order browsers use: a byte-order mark, then a ``<meta charset>`` or ``http-equiv``
    content type, then UTF-8 if the bytes are valid UTF-8, else GB18030 (the superset of GBK
    and GB2312 that older government sites use without saying so). A declared encoding the
    bytes do not fit falls back to the same guess, and so does a declared Western single-byte
    encoding (a CMS default) over non-ASCII bytes. UTF-8 with a few stray bytes (four
    non-ASCII characters decoded for each that does not) is UTF-8 with U+FFFD for them, as
    browsers read a page that declares it. Bytes that fit nothing are
    decoded as GB18030 (after a byte-order mark, as its encoding) with U+FFFD for what is
    left, as browsers show them; a cell that holds one is unreadable, never a number.
    GB18030 reads a lone 0x80 as €, as browsers do.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            try:
                return Decoded(body.decode(encoding), encoding, True, 0)
            except UnicodeDecodeError:
                return _replaced(body, encoding, True)  # a stray byte: browsers show U+FFFD
    m = _META_CHARSET.search(_without_comments(data[:_PRESCAN]))
    declared = _label(m.group(1)) if m is not None else None
    # A Western single-byte declaration over non-ASCII bytes is a CMS default: guessed past.
    if declared is not None and (declared not in _WESTERN or data.isascii()):
        try:
            return Decoded(_strict(data, declared), declared, True, 0)
        except UnicodeDecodeError:
            pass  # a wrong declaration is common: guess as if there were none
    try:
        return Decoded(data.decode("utf-8"), "utf-8", False, 0)
    except UnicodeDecodeError:
        pass
    # UTF-8 with a few stray bytes (a description cut inside a character) is UTF-8, as
    # browsers read a page that says so; GB18030 would read all of it as other characters.
    nearly = _replaced(data, "utf-8", declared == "utf-8")
    non_ascii = len(nearly.text) - len(nearly.text.encode("ascii", "ignore"))
    if nearly.replaced * _STRAY_SHARE <= non_ascii - nearly.replaced:
        return nearly  # (GBK read as UTF-8 gives nearly nothing but U+FFFD)
    try:
        return Decoded(_strict(data, "gb18030"), "gb18030", False, 0)
    except UnicodeDecodeError:
        # GB18030 maps almost every byte sequence; what is left is a page with stray bytes.
        return _replaced(data, "gb18030", False)


_COMMENT = re.compile(rb"<!--.*?(?:-->|$)", re.S)


def _without_comments(head: bytes) -> bytes:
    """The first bytes of a page without its comments, where browsers' prescan looks for a
    ``<meta charset>`` (one in a comment declares nothing)."""
    return _COMMENT.sub(b" ", head) if b"<!--" in head else head

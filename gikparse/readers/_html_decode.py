"""The characters of a web page from its bytes: BOM, declared charset, or a guess."""

from __future__ import annotations

import codecs
import re

from gikparse.errors import SourceError

__all__ = ["decode_page"]

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


def decode_page(data: bytes) -> tuple[str, str, bool]:
    """(text, encoding, declared) of a page's bytes.

    The order browsers use: a byte-order mark, then a ``<meta charset>`` or ``http-equiv``
    content type, then UTF-8 if the bytes are valid UTF-8, else GB18030 (the superset of GBK
    and GB2312 that older government sites use without saying so). A declared encoding the
    bytes do not fit falls back to the same guess, and so does a declared Western single-byte
    encoding (a CMS default) when the bytes are UTF-8 or GB18030. Bytes that fit nothing are
    decoded as GB18030 with U+FFFD for what is left; a cell that holds one is unreadable,
    never a number.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding, True
            except UnicodeDecodeError as exc:
                raise SourceError(
                    f"网页以 {encoding} 字节序标记开头，但内容无法按此解码"
                    f"（the page starts with a {encoding} byte-order mark but does not decode: "
                    f"{exc}）"
                ) from None
    m = _META_CHARSET.search(data, 0, _PRESCAN)
    declared = _label(m.group(1)) if m is not None else None
    if declared in _WESTERN and not data.isascii():
        for encoding in ("utf-8", "gb18030"):
            try:
                return data.decode(encoding), encoding, False
            except UnicodeDecodeError:
                continue
    if declared is not None:
        try:
            return data.decode(declared), declared, True
        except UnicodeDecodeError:
            pass  # a wrong declaration is common: guess as if there were none
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding), encoding, False
        except UnicodeDecodeError:
            continue
    # GB18030 maps almost every byte sequence; what is left is a page with stray bytes.
    return data.decode("gb18030", "replace"), "gb18030", False

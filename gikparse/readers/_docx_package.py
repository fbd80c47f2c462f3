"""The OOXML package under a DOCX: zip members read within the limits, XML parsed safely.

A DOCX is a zip of XML parts. Both layers are attack surfaces: a zip member can inflate to
gigabytes from a few kilobytes (a zip bomb), and XML can declare entities that expand
exponentially (billion laughs) or nest elements deep enough to exhaust the stack. Members are
inflated in bounded chunks against ``Limits.max_stream_bytes`` and ``max_decoded_bytes`` (in
one call when their compressed size cannot inflate past either); XML with a DTD is refused
(Word never writes one). Element depth is bounded by the body reader, which counts it against
``Limits.max_nesting_depth`` as it walks the tree.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from xml.etree import ElementTree

from gikparse.errors import SourceError
from gikparse.limits import Limits

__all__ = ["Package", "parse_xml", "utf8"]

_CHUNK = 1024 * 1024
# Deflate inflates at most 1032 times (a 258-byte match in two bits), plus a block's worth.
_MAX_RATIO = 1040
_REL_OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
)
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


class Package:
    """The members of one zip, read at most once each, within one decoded-bytes budget."""

    def __init__(self, data: bytes, limits: Limits) -> None:
        self.limits = limits
        self.decoded = 0
        self.data = data
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except (
            zipfile.BadZipFile,
            zipfile.LargeZipFile,
            ValueError,
            OSError,
            EOFError,
            NotImplementedError,  # "zip file version 9.9" from a damaged header
        ) as exc:
            raise SourceError(
                "ZIP 文件已损坏或不完整，无法打开"
                f"（the DOCX/zip file is corrupt or truncated: {exc}）"
            ) from None
        # Names are matched case-insensitively and without a leading slash, as Word reads them.
        self.names: dict[str, zipfile.ZipInfo] = {}
        self.cache: dict[str, bytes] = {}
        self.relationships: dict[str, list[tuple[str, str]]] = {}  #: by part, once read
        # Of two members with one name, the last counts, as zipfile and LibreOffice read them.
        for info in self.zip.infolist():
            self.names[info.filename.lstrip("/").lower()] = info

    def has(self, name: str) -> bool:
        return name.lower() in self.names

    def read(self, name: str) -> bytes | None:
        """The inflated bytes of member ``name``; ``None`` when there is no such member."""
        info = self.names.get(name.lower())
        if info is None:
            return None
        cached = self.cache.get(info.filename)
        if cached is not None:
            return cached  # counted once against the budget
        limits = self.limits
        if info.file_size > limits.max_stream_bytes:
            raise limits.exceeded(
                "max_stream_bytes", info.file_size, f"zip member {info.filename} declares"
            )
        # The usual member: a header zip.open would accept, the data inflated in one call,
        # without zipfile's file object (most of reading a small member).
        out = self._inflated(info) if self._header_ok(info) else None
        if out is not None:
            self._check(info, len(out))
        else:
            out = self._streamed(info)
        self.decoded += len(out)
        self.cache[info.filename] = out
        return out

    def _streamed(self, info: zipfile.ZipInfo) -> bytes:
        """The member read by zipfile, which says what is wrong with it if anything is."""
        try:
            with self.zip.open(info) as member:
                # The declared size may lie: count what actually comes out, chunk by chunk
                # (most members are one chunk).
                out = self._inflated(info) or member.read(_CHUNK)
                self._check(info, len(out))
                if len(out) == _CHUNK:
                    whole = bytearray(out)
                    while chunk := member.read(_CHUNK):
                        whole += chunk
                        self._check(info, len(whole))
                    out = bytes(whole)
        except SourceError:  # a limit reached above
            raise
        except RuntimeError as exc:  # zipfile's "File ... is encrypted, password required"
            raise SourceError(
                f"ZIP 成员已加密，无法读取（zip member {info.filename} is encrypted: {exc}）"
            ) from None
        except NotImplementedError as exc:
            raise SourceError(
                f"ZIP 成员使用了不支持的压缩方式（zip member {info.filename}: {exc}）"
            ) from None
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
            raise SourceError(
                "ZIP 文件已损坏或不完整，无法读取"
                f"（zip member {info.filename} is corrupt or truncated: {exc}）"
            ) from None
        return out

    def _header_ok(self, info: zipfile.ZipInfo) -> bool:
        """Whether ``zip.open`` would open the member without a word (as ZipFile.open checks
        its local header: the signature, the name, no encryption or patch data): then
        _inflated may read it directly."""
        at = info.header_offset
        header = self.data[at : at + 30]
        if len(header) != 30 or not header.startswith(b"PK\x03\x04"):
            return False
        if info.flag_bits & (0x01 | 0x20 | 0x40):  # encrypted, patch data, strong encryption
            return False
        (flags,) = struct.unpack_from("<H", header, 6)
        name_length, extra_length = struct.unpack_from("<HH", header, 26)
        try:
            name = self.data[at + 30 : at + 30 + name_length].decode(
                "utf-8" if flags & 0x800 else "cp437"
            )
        except UnicodeDecodeError:
            return False
        # (Newer zipfiles also refuse a member whose data runs into the next one's.)
        end = getattr(info, "_end_offset", None)
        if end is not None and at + 30 + name_length + extra_length + info.compress_size > end:
            return False
        return name == info.orig_filename

    def _inflated(self, info: zipfile.ZipInfo) -> bytes | None:
        """The member inflated in one call, when it can be (the usual member of a DOCX):
        zipfile's stream grows its output block by block, several times slower. ``None``
        when anything differs from what zipfile would give (a size or CRC that does not match,
        a broken stream): zipfile then reads it, and says what is wrong. Called once the
        member's header is known good (_header_ok, or ``zip.open`` has checked it)."""
        limits = self.limits
        if (
            info.compress_type != zipfile.ZIP_DEFLATED
            or info.file_size >= _CHUNK  # one chunk, checked once, as member.read(_CHUNK)
            # a lying declared size cannot inflate past the limits here, even for a moment
            or info.compress_size * _MAX_RATIO
            > min(limits.max_stream_bytes, limits.max_decoded_bytes - self.decoded)
        ):
            return None
        at = info.header_offset
        try:
            name_length, extra_length = struct.unpack_from("<HH", self.data, at + 26)
            start = at + 30 + name_length + extra_length  # as zipfile.open skips them
            out = zlib.decompress(
                self.data[start : start + info.compress_size], -15, info.file_size + 1
            )
        except (struct.error, zlib.error):
            return None
        if len(out) != info.file_size or zlib.crc32(out) != info.CRC:
            return None
        return out

    def _check(self, info: zipfile.ZipInfo, size: int) -> None:
        """Raise when ``size`` bytes inflated from ``info`` pass the limits."""
        limits = self.limits
        if size > limits.max_stream_bytes:
            raise limits.exceeded("max_stream_bytes", f"> {size}", f"zip member {info.filename}")
        if self.decoded + size > limits.max_decoded_bytes:
            raise limits.exceeded(
                "max_decoded_bytes", f"> {self.decoded + size}", "the zip members read so far"
            )

    def main_part(self) -> str | None:
        """The name of the main document part: from the package relationships, else the
        usual ``word/document.xml``."""
        rels = self.read("_rels/.rels")
        if rels is not None:
            try:
                root = parse_xml(rels, "_rels/.rels")
            except SourceError:
                root = None
            if root is not None:
                for rel in root.iter(f"{_RELS}Relationship"):
                    if rel.get("Type") in _REL_OFFICE_DOCUMENT:
                        target = (rel.get("Target") or "").lstrip("/")
                        if target and self.has(target):
                            return target
        return "word/document.xml" if self.has("word/document.xml") else None

    def related(self, part: str, kind: str) -> str | None:
        """The member the relationships of ``part`` name with a type ending in ``/kind``
        (``numbering``, ``styles``), if it exists."""
        for rel_type, path in self._relationships(part):
            if rel_type.endswith(f"/{kind}") and self.has(path):
                return path
        return None

    def _relationships(self, part: str) -> list[tuple[str, str]]:
        """The internal relationships of ``part``: their types and the members they name."""
        found = self.relationships.get(part)
        if found is not None:
            return found
        found = self.relationships[part] = []
        folder, _, name = part.rpartition("/")
        rels = self.read(f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels")
        try:
            root = parse_xml(rels, f"{name}.rels") if rels is not None else None
        except SourceError:
            root = None
        for rel in root.iter(f"{_RELS}Relationship") if root is not None else ():
            if rel.get("TargetMode") != "External":
                target = rel.get("Target") or ""
                # A target is relative to the part's folder, or to the package with a "/".
                path = target.lstrip("/") if target.startswith("/") else _joined(folder, target)
                found.append((rel.get("Type") or "", path))
        return found

    def describe(self) -> str:
        """What kind of zip this is, for an error message about a zip that is not a DOCX."""
        if self.has("xl/workbook.xml"):
            return "an Excel workbook (.xlsx)"
        if self.has("ppt/presentation.xml"):
            return "a PowerPoint presentation (.pptx)"
        mimetype = self.read("mimetype") if self.has("mimetype") else None
        if mimetype is not None:
            kind = mimetype[:100].decode("ascii", "replace").strip()
            if kind.startswith("application/vnd.oasis.opendocument.text"):
                return "an OpenDocument text (.odt)"
            if kind.startswith("application/vnd.oasis.opendocument"):
                return f"an OpenDocument file ({kind})"
            if kind == "application/epub+zip":
                return "an EPUB book"
            return f"a zip of type {kind}"
        if self.has("[content_types].xml"):
            return "an Office Open XML package without a Word document part"
        return "a zip archive, not a Word document"


def _joined(folder: str, target: str) -> str:
    """``target`` relative to ``folder`` as a member name (``..`` steps up)."""
    parts = folder.split("/") if folder else []
    for piece in target.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


def utf8(data: bytes, name: str) -> bytes:
    """An XML part in UTF-8, as the readers read its bytes: a UTF-16 part (legal, though
    Word writes UTF-8) is decoded, without its declaration."""
    head = data[:4]
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in head:
        try:
            text = data.decode(
                "utf-16"
                if head[:2] in (b"\xff\xfe", b"\xfe\xff")
                else ("utf-16-le" if head[1:2] == b"\x00" else "utf-16-be")
            )
        except UnicodeDecodeError:
            raise SourceError(f"XML 编码无法识别（{name}: undecodable UTF-16 XML）") from None
        if text.startswith("\ufeff"):
            text = text[1:]
        if text.startswith("<?xml"):
            text = text[text.find("?>") + 2 :]
        data = text.encode("utf-8", "surrogatepass")
    return data


def parse_xml(data: bytes, name: str) -> ElementTree.Element:
    """Parse one XML part; refuse DTDs and entity declarations."""
    data = utf8(data, name)
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise SourceError(
            f"XML 中含有 DTD 或实体声明，已拒绝读取（{name} declares a DTD or entities, which "
            "Word never writes; refused as a possible entity-expansion attack）"
        )
    # The C parser builds the tree without Python calls per element; nesting depth is bounded
    # where it matters, by the readers that walk the tree (expat and the C tree need no stack).
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise SourceError(f"XML 格式错误（{name} is not well-formed XML: {exc}）") from None
    except (LookupError, ValueError) as exc:  # an unknown or unsupported declared encoding
        raise SourceError(f"XML 编码无法识别（{name}: {type(exc).__name__}: {exc}）") from None
    return root

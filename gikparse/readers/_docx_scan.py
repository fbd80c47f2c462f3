"""The fast path for the body of ``word/document.xml``: a scanner over machine-written XML.

Word, WPS and LibreOffice write the body in one shape: paragraphs of runs of text, tables of
rows of cells of such paragraphs, each element with a block of formatting in front
(``w:pPr``, ``w:rPr``, ``w:tcPr``...) that is most of the bytes and that the reader never
reads. Building an element tree of all of it costs several times the rest of a parse. The
scanner reads that shape from the bytes instead: a table is split into cells at their end
tags, formatting blocks are skipped to their end tags with ``bytes.find``, the runs of a
paragraph are checked and their text taken by patterns that must cover them whole, and
tables repeat cells, their starts, properties and runs byte for byte, so each distinct one is
read once. Anything else (a tab, a break, hidden text, a text box, a content control, a
nested table...) goes to the general reader (gikparse/readers/_docx_body.py) as a small
element tree of just that paragraph, cell or table; where the scanner is not sure of the
structure it raises :class:`Decline` and the general reader reads the whole part. Either way
the Document is the general reader's (tests/test_docx_scan.py checks it on generated and real
files).

What the scanner checks: the elements it reads (paragraphs, runs, text, tables, rows, cells)
have the structure it expects; text holds no markup, no character XML forbids and no entity
but the predefined ones and character references; attributes use declared prefixes; no DTD,
comment or CDATA anywhere (it declines); a block handed over is parsed by expat. What it does
not check: the inside of the formatting blocks it skips. It finds their end tag, which must
come before the end of their paragraph or cell (so a broken block cannot move text between
cells), and reads the few properties it needs there (``w:pStyle``, ``w:numPr``,
``w:gridSpan``, ``w:vMerge``...). A part broken only inside such a block (a ``w:jc`` without
its closing ``/>``, a repeated attribute) is read, where expat would refuse the file. Nor does
it look for two property blocks of one kind in one element (``<w:rPr></w:rPr><w:rPr>…``),
which the schema forbids and no writer makes: it reads the first, the general reader (after
cutting empty elements) the second. Before any of this, a body not written the one way Word
writes it is declined whole (see _as_word_writes).

What is read inside formatting blocks (a direct child, its value, a cell's span and merges)
is in _docx_props.py.
"""

from __future__ import annotations

import enum
import functools
import re
from typing import Final, cast
from xml.etree import ElementTree
from xml.etree.ElementTree import Element

from gikparse.readers._docx_body import (
    _TRIM,
    GridRow,
    _Body,
    cell_props,
    join_pieces,
)
from gikparse.readers._docx_props import (
    _NO_PROPS,
    Decline,
    _attribute,
    _direct,
    _int,
    _Props,
    _top,
    tcpr_props,
)
from gikparse.readers._docx_styles import ParagraphStyle

__all__ = ["Decline", "scan_body"]


class _Unseen(enum.Enum):
    """A cache's answer for bytes not seen yet (``None`` is an answer the caches keep). (A
    miss found by ``dict.get`` costs a fifth of one found by catching ``KeyError``.)"""

    UNSEEN = 0


_UNSEEN: Final = _Unseen.UNSEEN


_PROLOG = re.compile(
    rb"(?:<\?xml version=([\"'])1\.0\1(?: encoding=([\"'])(?:UTF|utf)-8\2)?"
    rb"(?: standalone=([\"'])(?:yes|no)\3)? ?\?>)?[ \t\r\n]*"
)
_QNAME = rb"[A-Za-z_][\w.-]*:[A-Za-z_][\w.-]*"
# (The two kinds of attribute must not both match one: a failing match would try both ways
# for every attribute.)
_ROOT = re.compile(
    rb'<w:document((?: xmlns(?::[A-Za-z_][\w.-]*)?="[^"<>&]*"| (?!xmlns[:=])'
    + _QNAME
    + rb'="[^"<>&]*")*) ?>'
)
_DECLARED = re.compile(rb' xmlns:([A-Za-z_][\w.-]*)="([^"]*)"')
_USED = re.compile(rb" (?!xmlns:)([A-Za-z_][\w.-]*):")
_W_URI = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TAG = re.compile(rb"<(" + _QNAME + rb")(?:\s[^<>]*?)?(/?)>")
_TEXT = re.compile(rb"<w:t(?:>| [^>]*>)([^<]*)</w:t>")
# (Levels and ids of a few digits: a longer one is for the general reader to judge.)
_NUM_PR = re.compile(
    rb'<w:numPr>(?:<w:ilvl w:val="([0-9]{1,9})"/>)?<w:numId w:val="([0-9]{1,9})"/></w:numPr>'
)
_OUTLINE = re.compile(rb'<w:outlineLvl w:val="([0-9]{1,9})"/>')


# Run properties the general reader reads: hidden text, and text that stands apart from the
# text beside it (a superscript, a subscript, struck-out text: see _docx_body._run). A run set
# back to the baseline, or raised by 0, is plain (some writers say so on every run).
_NOT_PLAIN_RUN = (
    rb'(?:vanish|strike|dstrike|vertAlign(?! w:val="baseline"/>)|position(?! w:val="0"/>))[ />]'
)


# Runs as writers most often write them: no attributes, formatting of empty elements only,
# one text each. Every such run is a plain run (a subset of _Patterns.runs, whose runs may
# have attributes, entities, several texts, empty elements between them), and a paragraph of
# them is split into its texts in one pass (see _simple_runs).
_SIMPLE_RUN = re.compile(
    rb"<w:r>(?:<w:rPr>(?:<w:(?!" + _NOT_PLAIN_RUN + rb")[^<>]*/>)*</w:rPr>)?"
    rb'<w:t(?: xml:space="preserve")?>'
    rb"([^<&\x00-\x08\x0b-\x1f]*)</w:t></w:r>"
)


def _simple_runs(xml: bytes) -> bytes | None:
    """The text of ``xml`` when it is simple runs only (see _SIMPLE_RUN); else ``None``."""
    parts = _SIMPLE_RUN.split(xml)  # the text between runs (none), a run's text, ...
    if any(parts[::2]):
        return None
    return b"".join(parts[1::2])


_ENTITY = re.compile(rb"&(#?)(x?)([0-9a-zA-Z]+);")
_PREDEFINED = {b"lt": b"<", b"gt": b">", b"amp": b"&", b"quot": b'"', b"apos": b"'"}


def _unescape(raw: bytes) -> bytes | None:
    """Text with its entity and character references replaced as expat replaces them;
    ``None`` for a reference expat refuses (a character XML does not allow)."""
    bad = False

    def one(m: re.Match[bytes]) -> bytes:
        nonlocal bad
        if not m.group(1):
            return _PREDEFINED[m.group(3)]
        code = int(m.group(3), 16 if m.group(2) else 10)
        if not (
            code in (0x9, 0xA, 0xD)
            or 0x20 <= code <= 0xD7FF
            or 0xE000 <= code <= 0xFFFD
            or 0x10000 <= code <= 0x10FFFF
        ):
            bad = True
            return b""
        return chr(code).encode()

    out = _ENTITY.sub(one, raw)
    return None if bad else out


def _inside(name: bytes, start: bytes = rb"<w:[^<>]*>") -> bytes:
    """The content of a formatting block ``w:name``: tags only, no text, and no end tag of
    the block or of the structure around it (so that a block missing its end tag cannot reach
    into the next paragraph or cell)."""
    closes = rb"(?:" + name + rb"|p|r|t|tc|tr|tbl|body)>"
    return rb"(?:" + start + rb"|</w:(?!" + closes + rb")[^<>]*>)*"


def _block(name: bytes) -> bytes:
    return rb"<w:" + name + rb">" + _inside(name) + rb"</w:" + name + rb">"


_SECTION = re.compile(_block(b"sectPr"))
_CELL_END = re.compile(rb"</w:tc>")


class _Patterns:
    """Patterns for one set of declared prefixes (an attribute with another prefix is an error
    for expat, so it must not match here either)."""

    def __init__(self, prefixes: tuple[bytes, ...]) -> None:
        pfx = b"|".join(re.escape(p) for p in (*prefixes, b"xml"))
        attrs = rb"(?: (?:" + pfx + rb'):[A-Za-z_][\w.-]*="[^"<>&\x00-\x1f]*")*'
        name = rb"[A-Za-z][A-Za-z0-9]*"
        empty = rb"<w:" + name + attrs + rb" ?/>"
        # Run children the general reader turns into text or records: not in a plain run.
        special = rb"(?:tab|ptab|br|cr|noBreakHyphen|sym|drawing|pict|object|fldChar)[ />]"
        run_empty = rb"<w:(?!" + special + rb")" + name + attrs + rb" ?/>"
        # Text: no markup, no character XML forbids, no entity but the predefined ones and
        # character references (unescaped by _unescape).
        chars = rb"[^<&\x00-\x08\x0b-\x1f]*"
        text = (
            chars + rb"(?:&(?:lt|gt|amp|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});" + chars + rb")*"
        )
        texts = rb"|".join(
            rb"<w:" + t + attrs + rb">" + text + rb"</w:" + t + rb">"
            for t in (b"t", b"instrText", b"delText")
        )
        # Hidden text (w:vanish) is not plain, nor text apart (_NOT_PLAIN_RUN).
        rpr = rb"(?:<w:rPr>" + _inside(b"rPr", rb"<w:(?!" + _NOT_PLAIN_RUN + rb")[^<>]*>")
        rpr += rb"</w:rPr>)?"
        run = rb"<w:r" + attrs + rb">" + rpr + rb"(?:" + texts + rb"|" + run_empty + rb")*</w:r>"
        self.p_open = re.compile(rb"<w:p" + attrs + rb"( ?/)?>")
        #: the runs of a plain paragraph (and empty elements between them: bookmarks...)
        self.runs = re.compile(rb"(?:" + run + rb"|" + empty + rb")*")
        #: the most common runs: one run of one text, (1) the text
        self.one_run = re.compile(
            rb"<w:r" + attrs + rb">" + rpr + rb"<w:t" + attrs + rb">(" + text + rb")</w:t></w:r>"
        )
        #: the start of a row up to its first cell: (1) the start of the table before the
        #: first row, (2) the row's properties
        self.row = re.compile(
            rb"(<w:tbl>(?:" + _block(b"tblPr") + rb")?(?:" + _block(b"tblGrid") + rb")?)?"
            rb"<w:tr" + attrs + rb">(?:" + _block(b"tblPrEx") + rb")?"
            rb"(?:<w:trPr>(" + _inside(b"trPr") + rb")</w:trPr>|<w:trPr/>)?"
        )
        self.tc_open = re.compile(rb"<w:tc" + attrs + rb">")


@functools.lru_cache(maxsize=16)
def _patterns(prefixes: tuple[bytes, ...]) -> _Patterns:
    return _Patterns(prefixes)


#: what a plain paragraph's properties say: its style id and style, numId and ilvl, heading
#: level, whether it is numbered (through the style or its own numId)
_Para = tuple[str | None, ParagraphStyle, str | None, int | None, int, bool]
#: a plain paragraph: its text and what its properties say
_Plain = tuple[str, _Para]
#: a cell as first found: its text and properties; or, when its text waits for the whole
#: table to be known, ``None``, its properties and its plain paragraphs (to number) or its
#: XML (for the general reader)
_Found = tuple[str | None, _Props, list[_Plain] | bytes | None]
#: a cell as laid out in a row: as _docx_body.GridCell, with no text yet when it waits
_Cell = tuple[str | None, int, str | None, str | None]
#: a cell that waits: its row, its index there, its XML
_Pending = tuple[list[_Cell], int, bytes]


#: what comes before the runs of a cell's last paragraph: the paragraphs before it and what
#: its properties say
_Head = tuple[list[_Plain], _Para]


# A space before ">" ("</w:rPr >": the scanner finds end tags as written, "</w:rPr>"); a
# namespace declared below the root. (One literal each: re finds a literal quickly, and
# bytes.find more slowly; an alternation of the two is fifteen times slower.)
_SPACE_BEFORE_END = re.compile(rb" >")
_NAMESPACE = re.compile(rb"xmlns")


def _as_word_writes(data: bytes, start: int) -> None:
    """Decline a body not written the one way Word, WPS and LibreOffice write it: whitespace
    other than spaces (a tag may then span lines: ``<w:vanish\n/>``), a space before ">",
    single-quoted values, processing instructions, namespace declarations below the root (a
    default namespace, another prefix for Word's). The scanner's patterns read that one way
    only; anything else would be read wrong rather than not at all. Text holding " >" or "='"
    is declined too: the general reader reads it, a little slower. (Single bytes first:
    bytes.find of one byte is memchr, of two a slow loop.)"""
    for byte, needle in (
        (b"\n", b"\n"),
        (b"\r", b"\r"),
        (b"\t", b"\t"),
        (b"?", b"<?"),
        (b"'", b"='"),
    ):
        if data.find(byte, start) >= 0 and data.find(needle, start) >= 0:
            raise Decline
    if _SPACE_BEFORE_END.search(data, start) or _NAMESPACE.search(data, start):
        raise Decline


def _last_runs(cell: bytes) -> int:
    """Where the runs of a cell's last paragraph start, if it is a plain one: after the last
    ``</w:pPr>``, else after the last ``<w:p>`` (at most 5 when there is neither)."""
    k = cell.rfind(b"</w:pPr>") + 8
    if k == 7:  # no paragraph properties
        k = cell.rfind(b"<w:p>") + 5
    return k


class _Scanner:
    def __init__(self, data: bytes, body: _Body) -> None:
        self.data = data
        self.body = body
        # (A rare byte first, found by memchr: bytes.find of a short needle steps a few bytes
        # at a time, and of one ending in ">" hardly skips at all.)
        if b"!" in data and b"<!" in data:
            raise Decline  # a DTD, a comment, a CDATA section
        if b"]" in data:
            k = data.find(b"]]")
            while k >= 0:
                if data[k + 2 : k + 3] == b">":
                    raise Decline  # "]]>" in text: an error for expat
                k = data.find(b"]]", k + 1)
        prolog = _PROLOG.match(data)
        assert prolog is not None  # every part of the pattern is optional
        root = _ROOT.match(data, prolog.end())
        if root is None:
            raise Decline
        _as_word_writes(data, root.end())
        declared = dict(_DECLARED.findall(root.group(1)))
        if declared.get(b"w") != _W_URI or list(declared.values()).count(_W_URI) != 1:
            raise Decline
        if not set(_USED.findall(root.group(1))) <= {*declared, b"xml"}:
            raise Decline  # an attribute with an undeclared prefix
        self.root_open = root.group(0)
        self.patterns = _patterns(tuple(sorted(declared)))
        self.start = root.end()
        style = body.styles.paragraph(None)
        self.no_para: _Para = (None, style, None, None, style.heading, style.num_id is not None)
        #: per w:pPr content as written: what it says, or None when not plain (most
        #: paragraphs share a few)
        self.ppr: dict[bytes, _Para | None] = {}
        #: per cell XML before the runs of its last paragraph: what it says (see _cell),
        #: for a last paragraph with properties and for one without
        self.heads: dict[bytes, _Head | None] = {}
        self.bare_heads: dict[bytes, _Head | None] = {}
        #: per cell XML before the runs of its last paragraph: what it says (see _cell)
        self.starts: dict[bytes, tuple[_Props, list[_Plain], _Para] | None] = {}
        #: per last paragraph's runs (and end tag): their text, None when not plain
        self.runs: dict[bytes, str | None] = {}
        #: per start of a cell that is one paragraph, not numbered: its properties; per
        #: plain runs with no tab: their text stripped (most cells are both: see _new_cell)
        self.plain_starts: dict[bytes, _Props] = {}
        self.plain_runs: dict[bytes, str] = {}
        #: per cell XML: the cell as first found, and what its text waits for (see _Found)
        self.cells: dict[bytes, _Cell] = {}
        self.later: dict[bytes, list[_Plain] | bytes] = {}
        #: per XML between two rows' cells (the end of one, the start of the next): the
        #: next row's gridBefore
        self.row_starts: dict[bytes, int] = {}
        #: per w:tcPr content: what its spans and merges say
        self.props: dict[bytes, _Props] = {}

    # --- the body ------------------------------------------------------------------------

    def scan(self) -> None:
        data = self.data
        i = self.start
        if not data.startswith(b"<w:body>", i):
            raise Decline
        i += 8
        body = self.body
        body.depth = 1  # as _Body.blocks(body) counts it
        p_open = self.patterns.p_open
        while True:
            if data.startswith(b"<w:p", i) and data[i + 4] in b" />":
                m = p_open.match(data, i)
                if m is None:
                    raise Decline  # a paragraph start not as Word writes it
                if m.group(1):
                    if body.carried:
                        body.flush()  # a deleted mark's text runs on into it
                    else:
                        body.emit("", 0)  # an empty paragraph: <w:p/>
                    i = m.end()
                    continue
                end = data.find(b"</w:p>", i)
                found: list[_Plain] = []
                # (After a paragraph whose mark was deleted, the general reader runs its text
                # on into this one.)
                if end >= 0 and not body.carried and self._paragraph(data[i:end], found):
                    text, para = found[0]
                    if para[5]:
                        text = self._labelled(text, para)
                    body.emit(text, para[4])
                    i = end + 6
                else:
                    end = self._extent(i)
                    body.paragraph(self._fragment(i, end))
                    i = end
            elif data.startswith(b"<w:tbl", i) and data[i + 6] in b" >":
                body.flush()
                i = self._table(i)
            elif data.startswith(b"</w:body>", i):
                break
            elif data.startswith(b"<w:sectPr>", i) and (m := _SECTION.match(data, i)) is not None:
                i = m.end()  # the page setup of the last section: nothing the reader reads
            else:
                end = self._extent(i)
                body.block(self._fragment(i, end))
                i = end
        if data[i + 9 :].strip(b" \t\r\n") != b"</w:document>":  # XML's whitespace only
            raise Decline

    # --- paragraphs --------------------------------------------------------------------------

    def _paragraph(self, part: bytes, out: list[_Plain]) -> bool:
        """Read into ``out`` the plain paragraph ``part`` (without its end tag), and the empty
        paragraphs (``<w:p/>``) before it; ``False`` when it is not plain. Plain: runs of text
        only (no tab, break, symbol, drawing, hidden text; no entity but the predefined ones
        and character references) and properties as _properties reads them."""
        i = 0
        while True:
            if part.startswith(b"<w:p>", i):
                i += 5
                break
            m = self.patterns.p_open.match(part, i)
            if m is None:
                return False
            i = m.end()
            if not m.group(1):
                break
            out.append(("", self.no_para))
        para = self.no_para
        if part.startswith(b"<w:pPr>", i):
            end = part.find(b"</w:pPr>", i)
            if end < 0:
                return False
            ppr = part[i + 7 : end]
            known = self.ppr.get(ppr, _UNSEEN)
            if known is _UNSEEN:
                known = self.ppr[ppr] = self._properties(ppr)
            if known is None:
                return False
            para = known
            i = end + 8
        elif part.startswith(b"<w:pPr/>", i):
            i += 8
        text = self._text(part, i, len(part))
        if text is None:
            return False
        out.append((text, para))
        return True

    def _text(self, xml: bytes, start: int, end: int) -> str | None:
        """The text of the runs of a plain paragraph between ``start`` and ``end``; ``None``
        when they are not plain runs."""
        if start == end:
            return ""
        # One run (its end tag the first) or several.
        m = None
        if xml.find(b"</w:r>", start, end) == end - 6:
            m = self.patterns.one_run.fullmatch(xml, start, end)
        if m is not None:
            raw = m.group(1)
        else:
            simple = _simple_runs(xml[start:end])
            if simple is not None:
                raw = simple
            elif self.patterns.runs.fullmatch(xml, start, end) is not None:
                raw = b"".join(_TEXT.findall(xml, start, end))
            else:
                return None
        if b"&" in raw:
            unescaped = _unescape(raw)
            if unescaped is None:
                return None
            raw = unescaped
        try:
            text = raw.decode()
        except UnicodeDecodeError:
            return None
        if "\n" in text:
            text = text.replace("\n", " ")
        # (isascii reads a flag of the string: most cell texts are digits.)
        if not text.isascii() and ("\ufffe" in text or "\uffff" in text):
            return None
        return text

    def _properties(self, ppr: bytes) -> _Para | None:
        """What a plain paragraph's ``w:pPr`` content says; ``None`` when not plain: only a
        style first, list numbering and an outline level as Word writes them are read here,
        in a paragraph whose mark is shown."""
        if b"<w:del" in ppr or b"<w:moveFrom" in ppr or b"<w:vanish" in ppr:
            return None  # a paragraph mark deleted, moved away or hidden
        style_id = None
        if ppr.startswith(b'<w:pStyle w:val="'):
            end = ppr.find(b'"', 17)
            if end < 0 or not ppr.startswith(b'"/>', end):
                return None
            style_id = _attribute(ppr[17:end])
            if style_id is None:
                return None
            ppr = ppr[end + 3 :]
        if b"pStyle" in ppr:
            return None
        num_id, ilvl, own_level = None, None, 0
        if b"numPr" in ppr:
            m = _NUM_PR.search(ppr)
            if m is None or ppr.count(b"numPr") != 2 or not _top(ppr, m.start()):
                return None
            ilvl = None if m.group(1) is None else int(m.group(1))
            num_id = m.group(2).decode()
        if b"outlineLvl" in ppr:
            m = _OUTLINE.search(ppr)
            if m is None or ppr.count(b"outlineLvl") != 1 or not _top(ppr, m.start()):
                return None
            level = int(m.group(1))
            own_level = level + 1 if 0 <= level < 9 else -1
        style = self.body.styles.paragraph(style_id)
        heading = style.heading if own_level == 0 else max(own_level, 0)
        numbered = num_id is not None or style.num_id is not None
        return style_id, style, num_id, ilvl, heading, numbered

    def _labelled(self, text: str, para: _Para) -> str:
        """The text with the label of its numbering (as _Body._paragraph_text puts it)."""
        style_id, style, num_id, ilvl = para[:4]
        label = self.body._label(num_id, ilvl, style_id, style.num_id, style.ilvl)
        if label:
            text = label + ("" if not text or not label[-1].isascii() else " ") + text
        return text

    # --- tables ------------------------------------------------------------------------------

    def _table(self, start: int) -> int:
        data = self.data
        if (
            data[data.find(b">", start) - 1] == 0x2F
        ):  # <w:tbl/>: an empty table, not as Word writes it
            raise Decline
        # (Searching for "</w:tbl" and then its ">" is many times faster than for "</w:tbl>":
        # bytes.find skips ahead by the needle's last byte, and ">" is everywhere.)
        close = data.find(b"</w:tbl", start)
        while close >= 0 and data[close + 7 : close + 8] != b">":
            close = data.find(b"</w:tbl", close + 7)
        if close < 0:
            raise Decline
        try:
            rows, pending = self._rows(data[start:close])
        except Decline:
            # A table in a table, a deleted row, a table that may be a frame of one cell per
            # row, anything unexpected: the general reader reads the table.
            end = self._extent(start)
            self.body.block(self._fragment(start, end))
            return end
        # Only now that the whole table is known: the text of the cells that wait for it, in
        # reading order, as the general reader reads them (numbering labels count in order).
        for row, index, cell in pending:
            _, span, vmerge, hmerge = row[index]
            text, (span, vmerge, hmerge) = self._later((span, vmerge, hmerge), self.later[cell])
            row[index] = (text, span, vmerge, hmerge)
        self.body.write_grid(cast(list[GridRow], rows))  # no text is None now
        return close + 8

    def _rows(self, table: bytes) -> tuple[list[tuple[int, list[_Cell]]], list[_Pending]]:
        """The rows of a table (its XML up to its end tag): each row's gridBefore and cells."""
        # Each a cell, the first of a row after the row's start. (re finds the literal faster
        # than bytes.split, whose search skips little on a needle ending in ">".)
        pieces = _CELL_END.split(table)
        if pieces.pop() != b"</w:tr>":
            raise Decline  # something after the last row, or a row without cells
        known = self.cells
        out: list[tuple[int, list[_Cell]]] = []
        pending: list[_Pending] = []
        found_cells: list[_Cell] = []
        for cell in pieces:
            if not cell.startswith(b"<w:tc"):
                # The end of the row before (if any) and the start of a row.
                first = cell.find(b"<w:tc")
                if first < 0:
                    raise Decline
                if out or found_cells:
                    # (Rows mostly end and start alike: each way read once.)
                    between = cell[:first]
                    before = self.row_starts.get(between)
                    if before is None:
                        if not cell.startswith(b"</w:tr>"):
                            raise Decline
                        before = self.row_starts[between] = self._row_start(cell, 7, first, False)
                else:
                    before = self._row_start(cell, 0, first, True)
                found_cells = []
                out.append((before, found_cells))
                cell = cell[first:]
            # Tables repeat cells byte for byte (the zeros of a row, the same borders): a
            # cell as first found depends on its XML only (the numbering comes later).
            found_cell = known.get(cell)
            if found_cell is None:
                found_cell = known[cell] = self._new_cell(cell)
            if found_cell[0] is None:
                pending.append((found_cells, len(found_cells), cell))
            found_cells.append(found_cell)
        if all(len(cells) <= 1 for _, cells in out):
            raise Decline  # perhaps a frame of one cell per row: the general reader decides
        return out, pending

    def _row_start(self, row: bytes, at: int, first: int, table_start: bool) -> int:
        """Check the start of a row (at ``at``) up to its first cell (at ``first``), after the
        start of the table for the first row; return the row's gridBefore."""
        m = self.patterns.row.fullmatch(row, at, first)
        if m is None or (m.group(1) is None) == table_start:
            raise Decline
        trpr = m.group(2)
        if trpr:
            if b"<w:del" in trpr:
                raise Decline  # perhaps a deleted row: the general reader decides
            if b"gridBefore" in trpr:
                found, val = _direct(trpr, b"gridBefore")
                return _int(val, 0) if found else 0
        return 0

    def _new_cell(self, cell: bytes) -> _Cell:
        """A cell (its XML without its end tag) not seen before, as laid out in a row."""
        # Most cells: a plain start seen before in other cells, and plain runs.
        k = _last_runs(cell)
        if k > 5 and cell.endswith(b"</w:p>"):
            props = self.plain_starts.get(cell[:k])
            if props is not None:
                runs = cell[k:]
                text = self.plain_runs.get(runs)
                if text is None and self._runs_text(runs) is not None:
                    text = self.plain_runs.get(runs)  # read now: plain, or with a tab
                if text is not None:
                    return (text, *props)
        text, props, later = self._cell(cell)
        if later is not None:
            self.later[cell] = later
        return (text, *props)

    def _cell(self, cell: bytes) -> _Found:
        """A cell (its XML without its end tag) as first found."""
        # Cells differ mostly in their text: all of a cell before its last paragraph's runs
        # (most often the same start, properties and paragraph start) is read once for all
        # cells alike, as _read_cell reads it.
        k = _last_runs(cell)
        if k > 5 and cell.endswith(b"</w:p>"):
            start = cell[:k]
            known = self.starts.get(start, _UNSEEN)
            if known is _UNSEEN:
                known = self.starts[start] = self._cell_start(start)
                if known is not None and not known[1] and not known[2][5]:
                    self.plain_starts[start] = known[0]  # one paragraph, not numbered
            if known is not None:
                props, earlier, para = known
                text = self._runs_text(cell[k:])
                if text is not None:
                    if not earlier and not para[5] and "\t" not in text:
                        return text.strip(_TRIM), props, None  # most cells
                    return self._found(props, [*earlier, (text, para)])
        return self._read_cell(cell)

    def _runs_text(self, runs: bytes) -> str | None:
        """The text of a cell's last runs (and its paragraph's end tag), read once per
        spelling: many cells that differ before (in their borders) end alike ("0")."""
        text = self.runs.get(runs, _UNSEEN)
        if text is _UNSEEN:
            text = self.runs[runs] = self._text(runs, 0, len(runs) - 6)
            if text is not None and "\t" not in text:
                self.plain_runs[runs] = text.strip(_TRIM)
        return text

    def _cell_start(self, start: bytes) -> tuple[_Props, list[_Plain], _Para] | None:
        """What a cell's XML up to its last paragraph's runs (``start``: to the end of the
        last ``</w:pPr>``, else of the last ``<w:p>``) says, as _read_cell finds it; ``None``
        when _read_cell is to read the cell (the properties end past ``start``...)."""
        found = self._start(start)
        if found is None:
            return None
        props, i = found
        if start.endswith(b"</w:pPr>"):
            heads = self.heads
            if start.rfind(b"</w:pPr>", i) < 0:
                return None  # the last </w:pPr> is before the paragraphs
        else:
            heads = self.bare_heads
            if start.rfind(b"<w:p>", i) < 0:
                return None
        head = start[i:]
        known = heads.get(head, _UNSEEN)
        if known is _UNSEEN:
            known = heads[head] = self._head(head)
        if known is None:
            return None
        earlier, para = known
        return props, earlier, para

    def _read_cell(self, cell: bytes) -> _Found:
        """A cell (its XML without its end tag) as first found, read part by part."""
        start = self._start(cell)
        if start is None:
            return self._general(cell)
        props, i = start
        # Cells differ mostly in their text: the paragraphs before the last one's runs (most
        # often just its start and properties) are read once for all cells alike.
        k = cell.rfind(b"</w:pPr>", i)
        heads = self.heads
        if k >= 0:
            k += 8
        else:  # a last paragraph without properties
            k = cell.rfind(b"<w:p>", i)
            heads = self.bare_heads
            if k >= 0:
                k += 5
        if k >= 0 and cell.endswith(b"</w:p>"):
            head = cell[i:k]
            known = heads.get(head, _UNSEEN)
            if known is _UNSEEN:
                known = heads[head] = self._head(head)
            if known is not None:
                earlier, para = known
                text = self._text(cell, k, len(cell) - 6)
                if text is not None:
                    if not earlier and not para[5] and "\t" not in text:
                        return text.strip(_TRIM), props, None  # most cells
                    return self._found(props, [*earlier, (text, para)])
        paragraphs = self._paragraphs(cell[i:])
        if paragraphs is None:
            return self._general(cell)
        return self._found(props, paragraphs)

    def _head(self, head: bytes) -> _Head | None:
        """The paragraphs of a cell up to its last paragraph's runs (``head``), read as if
        that paragraph had no runs."""
        paragraphs = self._paragraphs(head + b"</w:p>")
        if not paragraphs:
            return None
        _, para = paragraphs.pop()
        return paragraphs, para

    def _found(self, props: _Props, paragraphs: list[_Plain]) -> _Found:
        if len(paragraphs) == 1:
            text, para = paragraphs[0]
            if not para[5] and "\t" not in text:
                return text.strip(_TRIM), props, None
        elif not any(para[5] for _, para in paragraphs):
            return self._joined(paragraphs), props, None
        return None, props, paragraphs

    def _start(self, cell: bytes) -> tuple[_Props, int] | None:
        """A cell's properties and where its paragraphs start; ``None`` when it cannot say."""
        if cell.startswith(b"<w:tc>"):
            i = 6
        else:
            m = self.patterns.tc_open.match(cell)
            if m is None:
                raise Decline
            i = m.end()
        props = _NO_PROPS
        if cell.startswith(b"<w:tcPr>", i):
            end = cell.find(b"</w:tcPr>", i)
            if end < 0:
                return None
            tcpr = cell[i + 8 : end]
            known = self.props.get(tcpr)
            if known is None:
                spans = b"Span" in tcpr or b"Merge" in tcpr
                known = self.props[tcpr] = tcpr_props(tcpr) if spans else _NO_PROPS
            props = known
            i = end + 9
        elif cell.startswith(b"<w:tcPr/>", i):
            i += 9
        return props, i

    def _paragraphs(self, xml: bytes) -> list[_Plain] | None:
        """Plain paragraphs one after the other; ``None`` when they are not that."""
        paragraphs: list[_Plain] = []
        parts = xml.split(b"</w:p>")
        last = parts.pop()
        for part in parts:
            if not self._paragraph(part, paragraphs):
                return None
        if last:  # empty paragraphs after the last one
            if not self._paragraph(last + b"<w:p>", paragraphs):
                return None
            paragraphs.pop()  # the one added to read them
        return paragraphs

    def _general(self, cell: bytes) -> _Found:
        if b"<w:tbl" in cell:
            raise Decline  # a table in the table: the general reader reads it as a frame
        return None, _NO_PROPS, cell

    def _later(self, props: _Props, later: list[_Plain] | bytes | None) -> tuple[str, _Props]:
        """The text (and properties) of a cell that waited for the whole table."""
        if isinstance(later, bytes):
            tc = self._parse(later + b"</w:tc>")
            return self.body._cell_text(tc), cell_props(tc)
        assert later is not None
        return self._joined(later), props

    def _joined(self, paragraphs: list[_Plain]) -> str:
        """A cell's text from its paragraphs, numbered, as _Body._cell_pieces joins them."""
        pieces: list[str] = []
        for text, para in paragraphs:
            if para[5]:
                text = self._labelled(text, para)
            if len(paragraphs) == 1 and "\t" not in text and "\n" not in text:
                return text.strip(_TRIM)
            pieces.extend(text.replace("\t", "\n").split("\n"))
        return join_pieces(pieces)

    # --- blocks handed over ---------------------------------------------------------------

    def _extent(self, start: int) -> int:
        """The end of the element that starts at ``start``."""
        data = self.data
        m = _TAG.match(data, start)
        if m is None:
            raise Decline
        if m.group(2):
            return m.end()
        name = m.group(1)
        opening, closing = b"<" + name, b"</" + name + b">"
        depth, i = 1, m.end()
        close = data.find(closing, i)
        while True:
            if close < 0:
                raise Decline
            k = data.find(opening, i, close)
            if k >= 0:  # an element of the same name inside, unless an empty one
                inner = _TAG.match(data, k)
                if inner is None:
                    raise Decline
                if inner.group(1) == name and not inner.group(2):
                    depth += 1
                i = inner.end()
            else:
                depth -= 1
                i = close + len(closing)
                if not depth:
                    return i
                close = data.find(closing, i)

    def _fragment(self, start: int, end: int) -> Element:
        """The element between ``start`` and ``end``, parsed by expat, for the general reader."""
        return self._parse(self.data[start:end])

    def _parse(self, xml: bytes) -> Element:
        """One element's XML parsed by expat (in the document's namespaces)."""
        try:
            root = ElementTree.fromstring(self.root_open + xml + b"</w:document>")
        except ElementTree.ParseError:
            raise Decline from None
        if len(root) != 1 or root.text or root[0].tail:
            raise Decline
        return root[0]


def scan_body(data: bytes, body: _Body) -> None:
    """Read the body of ``word/document.xml`` (its bytes, ``data``) into ``body``; raise
    :class:`Decline` when the general reader must read it instead."""
    if body.limits.max_nesting_depth < 3:
        raise Decline  # let the general reader count its depth and say so
    try:
        _Scanner(data, body).scan()
    except IndexError:  # the part ends inside a tag
        raise Decline from None

"""The body of ``word/document.xml`` to the lines of a Document.

Paragraphs become one-cell lines (several when a paragraph holds line breaks, and a row of
cells when it holds tabs, as tab-aligned text); tables become rows of cells with their merged
cells (``w:gridSpan``, ``w:vMerge``, legacy ``w:hMerge``) as spans. A merged cell's text is in
the first row it spans; the rows below leave it out, as the PDF reader and copied text do. A
table whose cells hold tables (a layout table around the report) or with one cell per row is a
frame, not data: its cells are read as blocks in reading order. Text boxes (``w:txbxContent``,
one branch of ``mc:AlternateContent`` only) are read after the paragraph that anchors them.
Page headers and footers are separate parts and never reach this module.

Most bodies are read by the scanner in _docx_scan.py, without an element tree of the whole
part; it shares the paragraph and grid layout here (emit, layout_grid, write_grid) and hands
what it does not read itself to this module as a small tree.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from typing import Any, cast
from xml.etree.ElementTree import Element

from gikparse.errors import Diagnostic, Severity
from gikparse.limits import Limits
from gikparse.readers._apart import INVISIBLE, LETTERS_AND_DIGITS, full_width_latin
from gikparse.readers._docx_numbering import Numbering, W
from gikparse.readers._docx_styles import APART_PROPERTIES, Styles, num_pr, vanish_of
from gikparse.readers._symbol_font import symbol_character
from gikparse.readers.document import Document, Line, LineKind, TextCell

__all__ = ["GridRow", "cell_props", "join_pieces", "layout_grid", "read_body", "slim"]

_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_VAL = f"{W}val"
P, R, T, TBL, TR, TC = (f"{W}{t}" for t in ("p", "r", "t", "tbl", "tr", "tc"))
SDT, SDT_CONTENT, TXBX = f"{W}sdt", f"{W}sdtContent", f"{W}txbxContent"
ALTERNATE, CHOICE, FALLBACK = f"{_MC}AlternateContent", f"{_MC}Choice", f"{_MC}Fallback"
_TAB, _BR, _CR, _SYM, _PTAB = (f"{W}{t}" for t in ("tab", "br", "cr", "sym", "ptab"))
_NB_HYPHEN = f"{W}noBreakHyphen"
_RUBY, _RUBY_BASE = f"{W}ruby", f"{W}rubyBase"  #: a phonetic guide (拼音指南) and its text
_FLD_CHAR, _DEL, _MOVE_FROM = f"{W}fldChar", f"{W}del", f"{W}moveFrom"
_M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_MATH, _MATH_PARA, _MATH_TEXT = f"{_M}oMath", f"{_M}oMathPara", f"{_M}t"
_MATH_UNSURE = frozenset((_DEL, _MOVE_FROM, f"{W}vanish"))
# Equation elements whose parts a line of text cannot show (a fraction's two, a power's).
_MATH_STRUCTURE = frozenset(
    f"{_M}{t}"
    for t in (
        *("f", "sSup", "sSub", "sSubSup", "sPre", "rad", "nary", "d", "m", "eqArr", "acc"),
        *("bar", "box", "borderBox", "func", "groupChr", "limLow", "limUpp", "phant"),
    )
)
_PPR, _TCPR, _TRPR, _RPR = f"{W}pPr", f"{W}tcPr", f"{W}trPr", f"{W}rPr"
_PSTYLE = f"{W}pStyle"
# What a plain cell holds once the empty formatting is cut (see slim): read in one pass.
_SIMPLE_CELL = frozenset(
    (TC, _TCPR, P, _PPR, R, *(f"{W}{t}" for t in ("gridSpan", "vMerge", "hMerge", "tcW")))
)
_RSTYLE = f"{W}rStyle"
# Inline containers whose runs are shown (a hyperlink, a field, an insertion, a content
# control...). Deletions (w:del, w:moveFrom) are not shown and not listed.
_INLINE = frozenset(
    f"{W}{t}"
    for t in (
        "hyperlink",
        "fldSimple",
        "ins",
        "moveTo",
        "smartTag",
        "customXml",
        "sdtContent",
        "dir",
        "bdo",
    )
)
_WRAPPERS = frozenset((SDT, SDT_CONTENT, f"{W}customXml", f"{W}ins", f"{W}moveTo"))
_OBJECT, _ALT_CHUNK = f"{W}object", f"{W}altChunk"
_DRAWING = frozenset((f"{W}drawing", f"{W}pict", _OBJECT))
_OLE_OBJECT = "{urn:schemas-microsoft-com:office:office}OLEObject"
_TRIM = " \t\r\n\u3000\u00a0\ufeff"


# Empty elements (``<w:jc w:val="center"/>``, ``<w:rPr></w:rPr>``) whose names are not
# below say nothing this reader reads: formatting, borders, widths. Word and LibreOffice write
# thousands of them (most of a document.xml), so they are cut from the bytes before the XML is
# parsed, by the C regex engine. Cutting a complete empty element cannot change what is left,
# and a tag the patterns do not match (another prefix, a ">" in an attribute) is simply kept.
_READ_WHEN_EMPTY = (
    "document|body|p|tab|br|cr|sym|ptab|noBreakHyphen|pStyle|numId|ilvl|outlineLvl|gridBefore|gridSpan"
    "|vMerge|hMerge|docPartGallery|tbl|tr|tc|txbxContent|vanish|del|moveFrom|fldChar|altChunk"
    "|object|vertAlign|position|strike|dstrike"
)


def _empty_elements(read: str) -> tuple[re.Pattern[bytes], re.Pattern[bytes]]:
    """Patterns of the empty elements (single tags, pairs) whose names are not in ``read``."""
    kept = rb"<w:(?!(?:" + read.encode() + rb")[\s/>])"
    return re.compile(kept + rb"[A-Za-z]+[^<>]*/>"), re.compile(
        kept + rb"([A-Za-z]+)(?:\s[^<>]*)?></w:\1>"
    )


_EMPTY = _empty_elements(_READ_WHEN_EMPTY)
# A run's character style, read when a style may hide text (see _Body._run).
_EMPTY_BUT_RUN_STYLES = _empty_elements(_READ_WHEN_EMPTY + "|rStyle")


def slim(data: bytes, run_styles: bool = False) -> bytes:
    """``document.xml`` without the empty elements the reader never reads (see above); with
    ``run_styles``, runs keep their character styles."""
    tag, pair = _EMPTY_BUT_RUN_STYLES if run_styles else _EMPTY
    return pair.sub(b"", tag.sub(b"", data))


def _is_wide(ch: str) -> bool:
    return not (ch.isascii() or full_width_latin(ch))


def join_pieces(pieces: list[str]) -> str:
    """Pieces of one cell's text (its paragraphs and line breaks) as one line: Chinese text is
    joined directly, as a wrapped label; ASCII words and numbers keep a space between them, so
    that ``12`` and ``34`` in two lines of a cell never read as 1234."""
    out = ""
    for piece in pieces:
        piece = piece.strip(_TRIM)
        if not piece:
            continue
        if out and not (_is_wide(out[-1]) or _is_wide(piece[0])):
            out += " "
        out += piece
    return out


_new_tuple = tuple.__new__
assert len(TextCell._fields) == 9  # the fields _Writer.line gives each cell
assert len(Line._fields) == 7  # and each line


class _Writer:
    """Lays out Document.text line by line and records each cell's span."""

    def __init__(self, limits: Limits) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.lines: list[Line] = []
        self.limits = limits

    def line(
        self,
        cells: Sequence[tuple[str, int, int, int | None]],
        kind: LineKind,
        level: int = 0,
        table: int | None = None,
    ) -> None:
        parts = self.parts
        pos = self.pos
        if self.lines:
            parts.append("\n")
            pos += 1
        start = pos
        out: list[TextCell] = []
        texts: list[str] = []
        for text, row_span, col_span, column in cells:
            texts.append(text)
            end = pos + len(text)
            # tuple.__new__ directly: the named tuple's own __new__ is a Python call, and
            # this is the innermost loop of the Word reader
            out.append(
                _new_tuple(TextCell, (text, pos, end, row_span, col_span, None, None, None, column))
            )
            pos = end + 1  # and a tab
        if texts:  # the cells tab-separated, in one piece
            parts.append("\t".join(texts))
            pos -= 1
        self.pos = pos
        if pos > self.limits.max_text_chars:
            raise self.limits.exceeded(
                "max_text_chars", f"> {pos}", "characters of text in the Word document"
            )
        self.lines.append(_new_tuple(Line, (tuple(out), start, pos, kind, level, table, None)))


def _children(element: Element, tag: str) -> Iterator[Element]:
    """Children of ``element`` with ``tag``, looking through content controls and other
    wrappers (rows and cells can sit inside ``w:sdt``/``w:customXml``)."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


def _branch(alternate: Element) -> Element | None:
    """The one branch of ``mc:AlternateContent`` to read: the first Choice, else the Fallback
    (both hold the same content; reading both would double it)."""
    choice = alternate.find(CHOICE)
    return choice if choice is not None else alternate.find(FALLBACK)


def _int_val(element: Element | None, default: int) -> int:
    if element is None:
        return default
    try:
        return int(element.get(_VAL, ""))
    except ValueError:
        return default


class _Body:
    #: read plain cells in one pass (False: the general path only, for tests to compare)
    fast_cells = True

    def __init__(
        self, numbering: Numbering, styles: Styles, limits: Limits, hidden: bool = True
    ) -> None:
        self.numbering = numbering
        self.styles = styles
        self.writer = _Writer(limits)
        self.tables = 0
        self.diagnostics: list[Diagnostic] = []
        #: where embedded objects (an Excel table pasted as an object...) and altChunk parts
        #: (content kept in another file of the package) sit: text gikparse does not read
        self.objects: list[tuple[int, str]] = []
        self.alt_chunks: list[int] = []
        self.equations: list[int] = []  #: where equations with structure (not read) sit
        #: where the first row of a table given a blank in a merged value cell's place starts
        self.merged_values: list[int] = []
        self.limits = limits
        #: whether any run may be hidden (w:vanish, directly or by a style): checked per run
        self.hidden = hidden or styles.may_hide
        self.paragraph_hidden = False  #: whether the paragraph being read hides its runs
        self.paragraph_style: str | None = None  #: the style of the paragraph being read
        #: the complex fields open (``w:fldChar`` begin … separate … end), innermost last:
        #: True while in its code (instructions, and fields nested in them: not shown)
        self.fields: list[bool] = []
        self.in_code = 0  #: how many of them are in their code
        #: the text of a paragraph whose mark was deleted, to run on into the next one
        self.carried = ""
        self.depth = 0  #: containers being read inside each other (bounded by the limits)

    def document(self) -> tuple[Document, tuple[Diagnostic, ...]]:
        """The Document read so far, and what the reader noticed."""
        self.flush()
        writer = self.writer
        doc = Document("".join(writer.parts), tuple(writer.lines), kind="docx", marked_cells=True)
        return doc, (
            *self.diagnostics,
            *_merged_values(doc, self.merged_values),
            *_unread(doc, self.alt_chunks, self.objects, self.equations),
        )

    def _deeper(self) -> None:
        self.depth += 1
        if self.depth > self.limits.max_nesting_depth:
            raise self.limits.exceeded(
                "max_nesting_depth", f"> {self.limits.max_nesting_depth}", "elements nested"
            )

    # --- inline content ------------------------------------------------------------------

    def _inline(self, element: Element, out: list[str], boxes: list[Element]) -> None:
        self._deeper()
        for child in element:
            tag = child.tag
            if tag == R:
                self._run(child, out, boxes)
            elif tag in _INLINE:
                self._inline(child, out, boxes)
            elif tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None:
                    self._inline(content, out, boxes)
            elif tag == ALTERNATE:
                branch = _branch(child)
                if branch is not None:
                    self._inline(branch, out, boxes)
            elif tag == _MATH_PARA:
                self._inline(child, out, boxes)
            elif tag == _MATH:
                out.append(self._equation(child))
        self.depth -= 1

    def _equation(self, math: Element) -> str:
        """An equation's text when it is a run of text (``12.5%``, ``a+b``); an equation with
        structure (a fraction, a power, a root …) is recorded as not read: its text in a
        line would say another thing. So is one with tracked changes or hidden text in it."""
        if any(
            element.tag in _MATH_STRUCTURE or element.tag in _MATH_UNSURE for element in math.iter()
        ):
            self.equations.append(self.writer.pos)
            return ""
        return "".join(t.text or "" for t in math.iter(_MATH_TEXT))

    def _run(self, run: Element, out: list[str], boxes: list[Element]) -> None:
        if self.hidden:
            rpr = run.find(_RPR)
            hidden = vanish_of(rpr)
            if hidden is None and self.styles.may_hide:
                # Not said by the run: its character style's, else its paragraph's.
                char = rpr.find(_RSTYLE) if rpr is not None else None
                if char is not None:
                    hidden = self.styles.hides(char.get(_VAL))
                if hidden is None:
                    hidden = self.paragraph_hidden
            if hidden:  # hidden text: Word neither shows nor prints it
                for child in run.iter(_FLD_CHAR):
                    self._field_char(child)  # its field marks still count
                return
        apart = _apart(run.find(_RPR), self.styles, self.paragraph_style)
        if apart:
            out.append(_APART)
        for child in run:
            tag = child.tag
            if tag == T:
                text = child.text
                if text and not self.in_code:
                    out.append(text.replace("\n", " ") if "\n" in text else text)
            elif tag == _FLD_CHAR:
                self._field_char(child)
            elif self.in_code:
                continue  # a field's code: only its result is shown
            elif tag in (_TAB, _PTAB):
                out.append("\t")
            elif tag in (_BR, _CR):
                out.append("\n")
            elif tag == _NB_HYPHEN:
                out.append("-")
            elif tag == _SYM:
                out.append(_symbol(child))
            elif tag in _DRAWING:
                if tag == _OBJECT:
                    ole = child.find(_OLE_OBJECT)
                    program = ole.get("ProgID") if ole is not None else None
                    self.objects.append((self.writer.pos, program or "?"))
                self._find_boxes(child, boxes)
            elif tag == ALTERNATE:
                branch = _branch(child)
                if branch is not None:
                    self._deeper()
                    self._run(branch, out, boxes)
                    self.depth -= 1
            elif tag == _RUBY:
                # Word shows the base text on the line, the guide (w:rt) small above it.
                base = child.find(_RUBY_BASE)
                if base is not None:
                    self._inline(base, out, boxes)
        if apart:
            out.append(_APART)

    def _field_char(self, mark: Element) -> None:
        """Follow a field's begin, separate and end (fields nest: a field in another's code
        is part of that code)."""
        kind = mark.get(f"{W}fldCharType")
        fields = self.fields
        if kind == "begin":
            fields.append(True)
            self.in_code += 1
        elif kind == "separate" and fields and fields[-1]:
            fields[-1] = False
            self.in_code -= 1
        elif kind == "end" and fields:
            self.in_code -= fields.pop()

    def _paragraph_text(self, p: Element, boxes: list[Element]) -> tuple[str, int] | None:
        """The paragraph's text as displayed (numbering label first) and its heading level;
        None when Word shows nothing of it: its paragraph mark deleted or moved away (a
        tracked change; nor is it counted in its list) or hidden, and no text of it shown."""
        ppr = p.find(_PPR)
        style_id = None
        own_level = 0
        num_id, ilvl = None, None
        if ppr is not None:
            found = ppr.find(f"{W}pStyle")
            style_id = found.get(_VAL) if found is not None else None
            num_id, ilvl = num_pr(ppr)
            outline = ppr.find(f"{W}outlineLvl")
            if outline is not None:
                level = _int_val(outline, 9)
                own_level = level + 1 if 0 <= level < 9 else -1
        style = self.styles.paragraph(style_id)
        heading = style.heading if own_level == 0 else max(own_level, 0)
        out: list[str] = []
        # (A text box's paragraph is read inside another.)
        outer, outer_style = self.paragraph_hidden, self.paragraph_style
        if self.styles.may_hide:
            self.paragraph_hidden = self.styles.paragraph_hides(style_id)
        self.paragraph_style = style_id if style_id is not None else self.styles.default_paragraph
        self._inline(p, out, boxes)
        paragraph_hidden, self.paragraph_hidden = self.paragraph_hidden, outer
        self.paragraph_style = outer_style
        if self.in_code:
            # A field's code does not run past its paragraph in any file Word writes: a
            # field left open there (a broken file) must not hide the rest of the document.
            self.fields.clear()
            self.in_code = 0
        # The text of a paragraph whose mark was deleted runs on into this one.
        text = self.carried + "".join(out) if self.carried else "".join(out)
        if _APART in text:
            text = _apart_text(text)
        self.carried = ""
        mark = ppr.find(_RPR) if ppr is not None else None
        if mark is not None and (mark.find(_DEL) is not None or mark.find(_MOVE_FROM) is not None):
            # Its mark deleted (a tracked change): Word shows its text joined to the next
            # paragraph, which gives the two its properties (its label); this one is not
            # counted in its list.
            if text.strip(_TRIM):
                self.carried = text
            return None
        if mark is not None and not boxes and not text.strip(_TRIM):
            hidden = vanish_of(mark)
            if hidden if hidden is not None else paragraph_hidden:
                self._label(num_id, ilvl, style_id, style.num_id, style.ilvl)  # counted
                return None
        label = self._label(num_id, ilvl, style_id, style.num_id, style.ilvl)
        if label:
            sep = "" if not text or not label[-1].isascii() else " "
            text = label + sep + text
        return text, heading

    def _label(
        self,
        num_id: str | None,
        ilvl: int | None,
        style_id: str | None,
        style_num: str | None,
        style_ilvl: int | None,
    ) -> str | None:
        if num_id is None:
            num_id = style_num
            if ilvl is None:
                ilvl = style_ilvl
            if ilvl is None and num_id is not None and style_id is not None:
                ilvl = self.numbering.style_level(num_id, style_id)
        if num_id is None or num_id == "0":
            return None
        return self.numbering.label(num_id, ilvl or 0)

    # --- blocks ----------------------------------------------------------------------------

    def blocks(self, container: Element) -> None:
        self._deeper()
        for child in container:
            self.block(child)
        self.flush()  # a deleted mark's text runs on into no paragraph outside its container
        self.depth -= 1

    def flush(self) -> None:
        """Write the text of a paragraph whose mark was deleted when no paragraph follows
        it to run on into (a table does, or the end of the body)."""
        if self.carried:
            carried, self.carried = self.carried, ""
            self.emit(carried, 0)

    def block(self, child: Element) -> None:
        """One child of the body or of another block container."""
        tag = child.tag
        if tag == P:
            self.paragraph(child)
            return
        self.flush()
        if tag == TBL:
            self.table(child)
        elif tag == SDT:
            if _is_toc(child):
                self._toc_skipped()
                return
            content = child.find(SDT_CONTENT)
            if content is not None:
                self.blocks(content)
        elif tag in _WRAPPERS:
            self.blocks(child)
        elif tag == ALTERNATE:
            branch = _branch(child)
            if branch is not None:
                self.blocks(branch)
        elif tag == _ALT_CHUNK:
            self.alt_chunks.append(self.writer.pos)
        elif tag == _MATH_PARA:  # an equation on its own, outside any paragraph
            out: list[str] = []
            self._inline(child, out, [])
            self.emit(_apart_text("".join(out)), 0)

    def paragraph(self, p: Element) -> None:
        boxes: list[Element] = []
        shown = self._paragraph_text(p, boxes)
        if shown is not None:
            self.emit(*shown)
        elif boxes:
            self.flush()  # nor into the text box it anchors
        for box in boxes:
            self.blocks(box)

    def emit(self, text: str, heading: int) -> None:
        """The lines of one paragraph's text (see paragraph)."""
        writer = self.writer
        if not text.strip(_TRIM):
            writer.line([], LineKind.TEXT)
        else:
            for part in text.split("\n") if "\n" in text else (text,):
                stripped = part.strip(_TRIM)
                if not stripped:
                    continue
                if "\t" in stripped:
                    # Tab-aligned text: cells, as the text reader reads tabs.
                    cells = [(c.strip(_TRIM), 1, 1, None) for c in stripped.split("\t")]
                    writer.line(cells, LineKind.ROW)
                elif heading:
                    writer.line([(stripped, 1, 1, None)], LineKind.HEADING, heading)
                else:
                    writer.line([(stripped, 1, 1, None)], LineKind.TEXT)

    def _toc_skipped(self) -> None:
        self.diagnostics.append(
            Diagnostic(
                code="P452",
                severity=Severity.INFO,
                message="已跳过 Word 自动生成的目录",
                message_en="a table of contents generated by Word was skipped",
            )
        )

    # --- tables ----------------------------------------------------------------------------

    def table(self, tbl: Element) -> None:
        rows = [tr for tr in _children(tbl, TR) if not _deleted(tr)]
        cells = [list(_children(tr, TC)) for tr in rows]
        # The first table iter() yields is this one; a second is a table inside it.
        nested = next(itertools.islice(tbl.iter(TBL), 1, None), None) is not None
        if nested or all(len(row) <= 1 for row in cells):
            # A frame around content: read every cell as blocks, in reading order.
            for row in cells:
                for tc in row:
                    self.blocks(tc)
            return
        self.write_grid(self._grid_rows(rows, cells))

    def write_grid(self, rows: list[GridRow]) -> None:
        """Lay the table's rows out on its grid (see layout_grid) and write them."""
        merged: list[int] = []
        grid = layout_grid(rows, merged)
        first_merged = merged[0] if merged else -1  # one warning a table, at its first row
        index = self.tables
        self.tables += 1
        line = self.writer.line
        row = LineKind.ROW
        for number, row_cells in enumerate(cast(list[list[tuple[str, int, int, int]]], grid)):
            if number == first_merged:
                self.merged_values.append(self.writer.pos)
            line(row_cells, row, 0, index)

    def _grid_rows(self, rows: list[Element], cells: list[list[Element]]) -> list[GridRow]:
        """Each row's ``w:gridBefore`` and its cells' text and merge properties, in order."""
        out: list[GridRow] = []
        for tr, tcs in zip(rows, cells, strict=True):
            trpr = tr.find(_TRPR)
            before = _int_val(trpr.find(f"{W}gridBefore"), 0) if trpr is not None else 0
            out.append((before, [(self._cell_text(tc), *cell_props(tc)) for tc in tcs]))
        return out

    def _cell_text(self, tc: Element) -> str:
        if self.fast_cells and not (self.styles.may_hide or self.styles.may_set_apart):
            simple = self._simple_cell_text(tc)
            if simple is not None:
                return simple
        pieces: list[str] = []
        self._cell_pieces(tc, pieces)
        return join_pieces(pieces)

    def _simple_cell_text(self, tc: Element) -> str | None:
        """The text of a cell that is one paragraph of plain text runs (most cells), read in
        one pass over its elements; ``None`` for any other cell, which the general path
        reads. Both give the same text (tests/test_docx_reader.py checks it)."""
        texts: list[str] = []
        paragraphs = 0
        for element in tc.iter():
            tag = element.tag
            if tag == T:
                if element.text:
                    texts.append(element.text)
            elif tag == P:
                paragraphs += 1
                if paragraphs > 1:
                    return None
            elif tag == _PSTYLE:
                if self.styles.paragraph(element.get(_VAL)).num_id is not None:
                    return None  # numbered through its style
            elif tag not in _SIMPLE_CELL:
                return None
        text = "".join(texts)
        if "\t" in text or "\n" in text:
            return None
        return text.strip(_TRIM)

    def _cell_pieces(self, container: Element, pieces: list[str]) -> None:
        self._deeper()
        for child in container:
            tag = child.tag
            if tag == P:
                boxes: list[Element] = []
                shown = self._paragraph_text(child, boxes)
                if shown is not None:
                    pieces.extend(shown[0].replace("\t", "\n").split("\n"))
                for box in boxes:
                    self._cell_pieces(box, pieces)
            elif tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None:
                    self._cell_pieces(content, pieces)
            elif tag in _WRAPPERS:
                self._cell_pieces(child, pieces)
            elif tag == _ALT_CHUNK:
                self.alt_chunks.append(self.writer.pos)
            elif tag == ALTERNATE:
                branch = _branch(child)
                if branch is not None:
                    self._cell_pieces(branch, pieces)
            elif tag == _MATH_PARA:
                out: list[str] = []
                self._inline(child, out, [])
                pieces.append(_apart_text("".join(out)))
        if self.carried:  # no paragraph after it in the cell
            pieces.append(self.carried)
            self.carried = ""
        self.depth -= 1

    def _find_boxes(self, element: Element, boxes: list[Element]) -> None:
        """The text boxes in a drawing, not looking inside a text box (its own boxes are found
        when its paragraphs are read) and reading one branch of each AlternateContent."""
        self._deeper()
        for child in element:
            if child.tag == TXBX:
                boxes.append(child)
            elif child.tag == ALTERNATE:
                branch = _branch(child)
                if branch is not None:
                    self._find_boxes(branch, boxes)
            else:
                self._find_boxes(child, boxes)
        self.depth -= 1


#: one grid cell as read: its text, ``w:gridSpan`` and the ``w:val`` of ``w:vMerge`` and
#: ``w:hMerge`` (``None``: no such element; ``""``: the element without a value)
GridCell = tuple[str, int, str | None, str | None]
#: one row: its ``w:gridBefore`` and its cells
GridRow = tuple[int, list[GridCell]]


def _merge_val(element: Element | None) -> str | None:
    if element is None:
        return None
    return element.get(_VAL) or ""


def cell_props(tc: Element) -> tuple[int, str | None, str | None]:
    """A ``w:tc``'s span and merges (see GridCell)."""
    tcpr = tc.find(_TCPR)
    if tcpr is None:
        return 1, None, None
    span = max(_int_val(tcpr.find(f"{W}gridSpan"), 1), 1)
    return span, _merge_val(tcpr.find(f"{W}vMerge")), _merge_val(tcpr.find(f"{W}hMerge"))


# A number as a value cell prints it (a label cell merged down is a group heading).
_VALUE = re.compile(r"[-+]?\d[\d,，.．\s]*[%％]?")


def layout_grid(rows: list[GridRow], merged: list[int] | None = None) -> list[list[list[Any]]]:
    """Rows of cells, each a list [text, row span, col span, grid column] (lists, not objects:
    a table has hundreds and the row span grows as rows below continue a cell): legacy
    horizontal merges widen the cell before, ``w:gridBefore`` columns are a blank cell,
    vertical continuations lengthen the cell above and are left out of their row, but for a
    value cell's: it counts for its first row only, and the rows below
    get a blank cell in its place, so that their own cells stay in their columns (as on a web
    page, see _html_layout). ``merged`` gets the index of each row given such a blank cell."""
    out: list[list[list[Any]]] = []
    open_merges: dict[int, list[Any]] = {}  # grid column -> the cell a vMerge continues
    for before, cells in rows:
        col = before
        # Grid columns a row leaves out before its first cell show as a blank.
        line: list[list[Any]] = [["", 1, before, 0]] if before > 0 else []
        merges: dict[int, list[Any]] = {}
        for text, span, vmerge, hmerge in cells:
            if hmerge is not None and hmerge != "restart" and line and not text:
                line[-1][2] += span  # legacy horizontal merge: widen the cell
                col += span
                continue
            if vmerge is not None:
                if vmerge != "restart":
                    above = open_merges.get(col)
                    if above is not None and not text:
                        above[1] += 1
                        merges[col] = above
                        if isinstance(above[0], str) and _VALUE.fullmatch(above[0]):
                            line.append(["", 1, span, col])
                            if merged is not None:
                                merged.append(len(out))
                        col += span
                        continue
                cell = [text, 1, span, col]
                merges[col] = cell
            else:
                cell = [text, 1, span, col]
            line.append(cell)
            col += span
        open_merges = merges
        out.append(line)
    return out


# Where a run of text apart begins and ends (a superscript, a subscript, struck-out text):
# between two letters or digits it is a space (5 and a superscript 1 are 5 1, never 51, which
# the table reader then names as two values in one cell), elsewhere nothing.
_APART = "\x1f"
_APART_SPACE = re.compile(
    rf"(?<=[{LETTERS_AND_DIGITS}])([{INVISIBLE}]*)\x1f[\x1f{INVISIBLE}]*"
    rf"(?=[{INVISIBLE}]*[{LETTERS_AND_DIGITS}])"
)


def _apart(rpr: Element | None, styles: Styles, paragraph_style: str | None) -> bool:
    """Whether a run's properties, or else its character style's, or else its paragraph
    style's, set its text apart (raised, lowered or struck out)."""
    style: str | None = None
    if styles.apart and rpr is not None:
        found = rpr.find(_RSTYLE)
        style = found.get(_VAL) if found is not None else None
    if paragraph_style not in styles.paragraph_apart:
        paragraph_style = None
    for reading in APART_PROPERTIES:
        said = reading(rpr)
        if said is None and style is not None:
            said = styles.says(style, reading)
        if said is None and paragraph_style is not None:
            said = styles.says(paragraph_style, reading, "paragraph")
        if said:
            return True
    return False


def _apart_text(text: str) -> str:
    return _APART_SPACE.sub(r"\1 ", text).replace(_APART, "")


def _deleted(tr: Element) -> bool:
    """A row deleted with tracked changes on (``w:trPr/w:del``): Word no longer shows it."""
    trpr = tr.find(_TRPR)
    return trpr is not None and trpr.find(f"{W}del") is not None


def _symbol(sym: Element) -> str:
    """A ``w:sym`` character. Symbol fonts put their glyphs at U+F0xx: the Symbol font's are
    read as the characters it draws (``F0B1`` is ±, ``F06D`` μ), other fonts' pictographs
    (Wingdings ticks, boxes) are dropped: they are not text. So is a code that names no
    character (a surrogate)."""
    try:
        code = int(sym.get(f"{W}char", ""), 16)
    except ValueError:
        return ""
    if sym.get(f"{W}font", "").lower() == "symbol":
        drawn = symbol_character(code)
        if drawn is not None:
            return drawn
    if (
        code < 0x20
        or 0xD800 <= code <= 0xF8FF  # surrogates, private use
        or code in (0xFFFE, 0xFFFF)
        or code > 0x10FFFF
    ):
        return ""
    return chr(code)


def _is_toc(sdt: Element) -> bool:
    gallery = sdt.find(f"{W}sdtPr/{W}docPartObj/{W}docPartGallery")
    return gallery is not None and "contents" in (gallery.get(_VAL) or "").lower()


def read_body(root: Element, body: _Body) -> None:
    """Read a parsed ``word/document.xml`` into ``body``."""
    found = root.find(f"{W}body")
    if found is not None:
        body.blocks(found)


def _merged_values(doc: Document, starts: list[int]) -> list[Diagnostic]:
    """P455 for the tables whose value cells are merged down (see layout_grid)."""
    if not starts:
        return []
    return [
        Diagnostic(
            code="P455",
            severity=Severity.WARNING,
            message=f"文档中 {len(starts)} 个表格有纵向合并的数值单元格：数值只计入第一行，"
            "其下各行该处为空",
            message_en=f"value cells of {len(starts)} Word table(s) are merged down rows "
            "(w:vMerge): each value counts for its first row only, the rows below are blank "
            "there",
            location=doc.location(starts[0], starts[0]),
        )
    ]


def _unread(
    doc: Document, alt_chunks: list[int], objects: list[tuple[int, str]], equations: list[int]
) -> list[Diagnostic]:
    """Diagnostics for content the reader leaves out but a reader of the file would see."""
    out = []
    if equations:
        out.append(
            Diagnostic(
                code="P456",
                severity=Severity.WARNING,
                message=f"文档中有 {len(equations)} 个含分式、上下标等结构（或修订、隐藏文字）"
                "的公式，其内容未读取",
                message_en=f"{len(equations)} equation(s) with structure (a fraction, a power, "
                "a root …), tracked changes or hidden text were not read",
                location=doc.location(equations[0], equations[0]),
            )
        )
    if alt_chunks:
        out.append(
            Diagnostic(
                code="P453",
                severity=Severity.WARNING,
                message=f"文档有 {len(alt_chunks)} 处内容以嵌入文件（altChunk）形式保存，未读取；"
                "请在 Word 中另存为 DOCX 后再解析",
                message_en=f"{len(alt_chunks)} part(s) of the document are embedded files "
                "(w:altChunk) and were not read; open the file in Word and save it as DOCX again",
                location=doc.location(alt_chunks[0], alt_chunks[0]),
            )
        )
    if objects:
        programs = "、".join(sorted({program for _, program in objects}))
        out.append(
            Diagnostic(
                code="P454",
                severity=Severity.INFO,
                message=f"文档中有 {len(objects)} 个嵌入对象（{programs}），其内容未读取",
                message_en=f"{len(objects)} embedded object(s) ({programs}) were not read, "
                "e.g. a table pasted as an Excel object",
                location=doc.location(objects[0][0], objects[0][0]),
            )
        )
    return out

"""A web page to a Document: prose lines and table rows, each cell pointing back into the page.

Standard library only. The page is decoded (BOM, declared charset, else UTF-8 or GB18030),
tokenized with regular expressions into a light tree (_html_tree), laid out on the HTML table model
(_html_layout), and rid of site chrome; the metadata box becomes ``Document.meta`` evidence
(_html_page). ``Document.text`` is the laid-out text: prose lines, and table rows with cells
separated by tabs; ``TextCell.source`` is each cell's span in the decoded page. See
docs/formats.md.
"""

from __future__ import annotations

import bisect
from typing import cast

from gikparse.errors import Diagnostic, Severity, SourceError
from gikparse.limits import DEFAULT_LIMITS, Limits
from gikparse.readers import _html_page as page
from gikparse.readers._html_chrome import guard
from gikparse.readers._html_decode import Decoded, decode, decode_page
from gikparse.readers._html_layout import Piece, Prose, Row, Run, Segment, lay_out
from gikparse.readers._html_tree import Tree, build_tree
from gikparse.readers.document import Document, Line, LineKind, TextCell

__all__ = ["decode_page", "read_html"]

_TRIM = " \u3000\ufeff\u200b"
_ROW = LineKind.ROW
# The named tuples' own __new__ is a Python call; a page has hundreds of cells (see text.py).
_new_tuple = tuple.__new__
assert len(TextCell._fields) == 9  # the fields _Writer.row gives each cell
_TITLE_LOOKAHEAD = 12  #: lines of the page body searched for the report's title


def read_html(source: bytes | str | Decoded, *, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read a web page (bytes in any declared or common Chinese encoding, text, or text as
    decoded from bytes) into a :class:`Document` (``kind="html"``). Fragments without
    ``<html>``/``<body>`` are fine."""
    if isinstance(source, Decoded):
        decoded = source
        text = decoded.text
        if len(text) > limits.max_source_bytes:
            raise limits.exceeded(
                "max_source_bytes", len(text), "网页大小（page size in characters）"
            )
    elif isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        if len(data) > limits.max_source_bytes:
            raise limits.exceeded("max_source_bytes", len(data), "网页大小（page size in bytes）")
        decoded = decode(data)
        text = decoded.text
    elif isinstance(source, str):
        decoded = None
        text = source[1:] if source.startswith("\ufeff") else source
        if len(text) > limits.max_source_bytes:
            raise limits.exceeded(
                "max_source_bytes", len(text), "网页大小（page size in characters）"
            )
    else:
        raise SourceError(f"read_html needs bytes or text, not {type(source).__name__}")
    tree = build_tree(text, limits)
    root, fed, flattened = tree.root, tree.fed, tree.flattened
    # Without elements named like chrome there is nothing to guard.
    diagnostics: list[Diagnostic] = _guarded(tree) if tree.chrome else []
    if decoded is not None and decoded.replaced:
        first = text.index("\ufffd")
        diagnostics.append(
            _at_offsets(
                "P423",
                [first],
                f"网页中有 {decoded.replaced} 个字符无法按 {decoded.encoding} 解码（首个位于 "
                "{where}），读作 U+FFFD；含有它的单元格不可读",
                f"{decoded.replaced} characters of the page do not decode as {decoded.encoding} "
                "(the first at page offset {where}) and were read as U+FFFD, as browsers show "
                "them: a cell holding one is unreadable",
            )
        )
    if flattened:
        depth = limits.max_nesting_depth
        diagnostics.append(
            Diagnostic(
                code="P417",
                severity=Severity.INFO,
                message=f"网页元素嵌套超过 {depth} 层，{flattened} 个元素被提前结束（按并列读取）",
                message_en=f"{flattened} elements of the page nested deeper than {depth} "
                "levels (unclosed tags) were closed early and read side by side",
            )
        )
    if tree.broken:
        diagnostics.append(
            _at_offsets(
                "P419",
                tree.broken,
                "网页中有引号未闭合的标签（位于 {where}），其附近的单元格可能错位",
                "tags of the page leave a quote open (page offsets {where}), to the page's end "
                "(read without their attributes) or past other cells' tags (read as browsers "
                "read them): cells near them may be misplaced",
            )
        )
    if tree.unclosed is not None:
        diagnostics.extend(_hidden_rest(text, *tree.unclosed))
    if tree.unsure:
        selectors = "、".join(tree.unsure)
        diagnostics.append(
            Diagnostic(
                code="P421",
                severity=Severity.INFO,
                message=f"网页样式表中有 gikparse 未应用的规则（{selectors}），可能隐藏或显示"
                "文字，或使其上标、下标、加删除线：所读文字可能含有网页隐藏的内容，或缺少网页"
                "显示的内容，数字可能与其旁边的上标连读",
                message_en=f"the page's style sheet has rules gikparse does not apply that may "
                f"hide or show elements, or raise, lower or strike out text ({selectors}): text "
                "may have been read that the page hides, or left out that it shows, or a "
                "number read together with a raised digit beside it",
            )
        )
    items, merged, strays = lay_out(root, fed, limits)
    if strays:
        diagnostics.append(
            _at_offsets(
                "P420",
                strays,
                "网页表格中有不在任何单元格内的文字（位于 {where}），未作为表格内容读取"
                "（浏览器将其显示在表格上方）",
                "text inside a web page's table but outside its cells (page offsets {where}) was "
                "left out (browsers show it above the table); a cell whose tag is broken may "
                "have lost its value there",
            )
        )
    if merged:
        diagnostics.append(
            _at_offsets(
                "P418",
                merged,
                "网页表格中有跨行合并的数值单元格（位于 {where}）：数值只计入第一行，"
                "其下各行该处为空",
                "value cells of a web page's table span rows (page offsets {where}): each value "
                "counts for its first row only, the rows below are blank there",
            )
        )
    items, found = _without_chrome(items)
    items = _with_title(items, tree.title, fed, found, diagnostics)
    document = _write(items, limits)
    return Document(
        document[0],
        document[1],
        kind="html",
        diagnostics=tuple(diagnostics),
        meta=found,
        marked_cells=True,
    )


def _hidden_rest(page: str, at: int, after: int, opened: str) -> list[Diagnostic]:
    """P422 when markup left open at ``at`` (``opened``: "<!--", "<script>" …) hides the
    text from ``after`` on."""
    if not page[after:].strip():
        return []  # nothing after it to hide
    hidden = len(page) - at
    return [
        _at_offsets(
            "P422",
            [at],
            f"网页中的 {opened} 未闭合（位于 {{where}}），浏览器不显示其后的内容"
            f"（{hidden} 个字符），未读取",
            f"{opened} is left unclosed in the page (page offset {{where}}): browsers show "
            f"nothing after it ({hidden} characters), and it was not read",
        )
    ]


def _at_offsets(code: str, offsets: list[int], message: str, message_en: str) -> Diagnostic:
    """A warning about places of the page: ``{where}`` in its messages names the first five."""
    where = ", ".join(str(at) for at in offsets[:5])
    return Diagnostic(
        code=code,
        severity=Severity.WARNING,
        message=message.format(where=where),
        message_en=message_en.format(where=where),
    )


# --- chrome and the metadata box -----------------------------------------------------------


def _guarded(tree: Tree) -> list[Diagnostic]:
    """Chrome that holds report content is read (P415); chrome left out that held a table or
    a heading is named (P416), so that nothing is dropped silently."""
    kept, dropped = guard(tree)
    diagnostics: list[Diagnostic] = []
    if kept:
        where = ", ".join(f"<{e.tag}> at {e.start}" for e in kept[:5])
        diagnostics.append(
            Diagnostic(
                code="P415",
                severity=Severity.INFO,
                message=f"网页中名为导航、页脚等的元素含有报告内容，已作为报告正文读取（{where}）",
                message_en="elements named like page chrome (navigation, print, footer …) hold "
                f"report content and were read as part of the report ({where})",
            )
        )
    for element, held in dropped[:5]:
        what = "表格" if held == "table" else "标题"
        diagnostics.append(
            Diagnostic(
                code="P416",
                severity=Severity.WARNING if held == "table" else Severity.INFO,
                message=f"网页中位于 {element.start} 处的 <{element.tag}> 被视为网站导航、页脚等"
                f"而未读取，其中含有{what}",
                message_en=f"the <{element.tag}> at page offset {element.start} was left out as "
                f"page chrome (navigation, footer …) although it holds a {held}",
            )
        )
    return diagnostics


def _item_text(item: Prose | Row) -> str:
    if isinstance(item, Prose):
        return item.run.text.strip(_TRIM)
    return " ".join(c.run.text.strip(_TRIM) for c in item.cells)


def _without_chrome(items: list[Prose | Row]) -> tuple[list[Prose | Row], dict[str, str]]:
    texts = [_item_text(item) for item in items]
    pairs_of = [page.meta_pairs(t) for t in texts]
    drop = [False] * len(items)
    pairs: list[tuple[str, str]] = []
    # A table of the box: two or more of its rows' labels are box labels.
    by_table: dict[int, list[int]] = {}
    for index, item in enumerate(items):
        if isinstance(item, Row):
            by_table.setdefault(item.table, []).append(index)
    for rows in by_table.values():
        labels = {label for i in rows for label, _ in pairs_of[i] if label in page.STRONG}
        if len(labels) >= 2:
            for i in rows:
                drop[i] = True
                pairs.extend(pairs_of[i])
    attachments = False
    for index, item in enumerate(items):
        if drop[index]:
            continue
        text, found = texts[index], pairs_of[index]
        if isinstance(item, Prose) and found:
            strong = any(label in page.STRONG for label, _ in found)
            near = any(0 <= j < len(items) and pairs_of[j] for j in (index - 1, index + 1))
            if strong or near or len(found) > 1:
                drop[index] = True
                pairs.extend(found)
                continue
        if page.is_attachment_heading(text):
            attachments = drop[index] = True
            continue
        if attachments and page.is_file_name(text):
            drop[index] = True
            continue
        attachments = False
        row = isinstance(item, Row)
        if page.is_chrome_line(text, row) or (not row and page.is_file_name(text)):
            drop[index] = True
    kept = [
        item
        for item, dropped in zip(items, drop, strict=True)
        if not dropped and (isinstance(item, Row) or _item_text(item))
    ]
    return kept, page.evidence(pairs)


# --- the title ---------------------------------------------------------------------------


def _sliced(run: Run, start: int, end: int) -> Run:
    """The part ``[start, end)`` of ``run``'s text as a run of its own."""
    out = Run()
    text = run.text
    last: int | None = None
    for s, e, ps, pe, linear in run.segs:
        a, b = max(s, start), min(e, end)
        if a >= b:
            continue
        if last is not None and a > last:
            out.space = True  # the space between two pieces
        if linear:
            out.emit(text[a:b], ps + a - s, ps + b - s, True)
        else:
            out.emit(text[a:b], ps, pe, False)
        last = b
    return out


def _with_title(
    items: list[Prose | Row],
    title: tuple[int, int] | None,
    fed: str,
    found: dict[str, str],
    diagnostics: list[Diagnostic],
) -> list[Prose | Row]:
    """Start the document at the report's title: the article's heading if the page prints
    one (what precedes it is site chrome), else ``<title>``, else the box's 标题."""
    found_at: list[tuple[int, int]] = []  # (index, heading level)
    for index, item in enumerate(items[:_TITLE_LOOKAHEAD]):
        if isinstance(item, Row):
            break
        if page.title_like(item.run.text):
            found_at.append((index, item.level))
    if found_at:
        # A heading element first: a link to another year's report may come before it.
        headings = [i for i, level in found_at if level]
        index = (headings or [i for i, _ in found_at])[0]
        first = index
        above = items[index - 1] if index else None
        if isinstance(above, Prose) and page.agency_like(_item_text(above)):
            first = index - 1  # the agency printed on its own line above
        found["title_source"] = "heading"
        return items[first:]
    run: Run | None = None
    if title is not None:
        whole = Run()  # its text is text: a "<" in it is a character of it
        whole.add(fed[title[0] : title[1]], title[0])
        text = whole.text.strip(_TRIM)
        lead = len(whole.text) - len(whole.text.lstrip(_TRIM))
        start, end = page.title_part(text)
        if end > start:
            run = _sliced(whole, lead + start, lead + end)
            found["title_source"] = "title"
            diagnostics.append(
                Diagnostic(
                    code="P411",
                    severity=Severity.INFO,
                    message="正文中未找到报告标题，标题取自网页的 <title>",
                    message_en="no title heading in the page body; the title is taken from "
                    "the page's <title>",
                )
            )
    if run is None and found.get("title"):
        run = Run()
        run.emit(found["title"], 0, 0, False)
        found["title_source"] = "box"
        diagnostics.append(
            Diagnostic(
                code="P412",
                severity=Severity.INFO,
                message="正文中未找到报告标题，标题取自网页信息栏的“标题”",
                message_en="no title heading in the page body; the title is taken from the "
                "page's metadata box",
            )
        )
    if run is None:
        return items
    if "title" not in found:
        found["title"] = run.text.strip(_TRIM)
    return [Prose(run, 1), *items]


# --- writing the Document ------------------------------------------------------------------


def _page_span(segs: list[Segment], start: int, end: int) -> tuple[int, int]:
    """The page span of the run text ``[start, end)`` (``end > start``), from its segments."""
    if len(segs) == 1:  # most cells: one piece of the page
        s, e, ps, pe, linear = segs[0]
        if linear:
            return ps + start - s, ps + min(end, e) - s
        return ps, pe
    starts = [seg[0] for seg in segs]
    i = max(bisect.bisect_right(starts, start) - 1, 0)
    s, e, ps, pe, linear = segs[i]
    if start >= e and i + 1 < len(segs):
        begin = segs[i + 1][2]
    else:
        begin = ps + (start - s) if linear else ps
    j = max(bisect.bisect_right(starts, end - 1) - 1, 0)
    s, e, ps, pe, linear = segs[j]
    finish = ps + (end - s) if linear and end <= e else pe
    return begin, max(finish, begin)


class _Writer:
    """Lays out Document.text line by line; each cell's page span comes from its run."""

    def __init__(self, limits: Limits) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.lines: list[Line] = []
        self.limits = limits

    def _cell(self, run: Run) -> tuple[str, int, tuple[int, int] | None]:
        """The cell text of ``run`` (trimmed), where it starts, and its page span."""
        text = run.text
        start = self.pos
        body = text.strip(_TRIM)
        self.parts.append(body)
        self.pos += len(body)
        if not body:
            return body, start, None
        lead = len(text) - len(text.lstrip(_TRIM))
        return body, start, _page_span(run.segs, lead, lead + len(body))

    def _newline(self) -> None:
        if self.lines:
            self.parts.append("\n")
            self.pos += 1
        if self.pos > self.limits.max_text_chars:
            raise self.limits.exceeded(
                "max_text_chars", self.pos, "网页正文字符数（characters of page text）"
            )

    def prose(self, item: Prose) -> None:
        self._newline()
        body, start, source = self._cell(item.run)
        cell = TextCell(body, start, self.pos, source=source)
        if item.level:
            self.lines.append(Line((cell,), start, self.pos, LineKind.HEADING, level=item.level))
        else:
            # One cell: on a page, cells come from tables only. A run of &nbsp; inside prose
            # is spacing ("一、&nbsp;&nbsp;总体情况" from Word's list numbers), not a column.
            self.lines.append(Line((cell,), start, self.pos, LineKind.TEXT))

    def row(self, item: Row) -> None:
        self._newline()
        pos = line_start = self.pos
        cells: list[TextCell] = []
        parts = self.parts
        for run, row_span, col_span, cell_start, cell_end, column in item.cells:
            if cells:
                parts.append("\t")
                pos += 1
            if type(run) is Piece:  # most cells: as they are in the page
                body, start, source = run[0], pos, run[1:]
                parts.append(body)
                pos += len(body)
            else:
                self.pos = pos
                body, start, found = self._cell(cast(Run, run))
                pos = self.pos
                source = (cell_start, cell_end) if found is None else found
            cells.append(
                _new_tuple(
                    TextCell, (body, start, pos, row_span, col_span, None, None, source, column)
                )
            )
        self.pos = pos
        self.lines.append(
            _new_tuple(Line, (tuple(cells), line_start, pos, _ROW, 0, item.table, None))
        )


def _write(items: list[Prose | Row], limits: Limits) -> tuple[str, tuple[Line, ...]]:
    writer = _Writer(limits)
    for item in items:
        if isinstance(item, Prose):
            writer.prose(item)
        else:
            writer.row(item)
    if writer.pos > limits.max_text_chars:
        raise limits.exceeded(
            "max_text_chars", writer.pos, "网页正文字符数（characters of page text）"
        )
    return "".join(writer.parts), tuple(writer.lines)

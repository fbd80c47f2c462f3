"""A web page to a light element tree with source offsets, on the stdlib ``html.parser``.

Only what the layout needs is kept: block elements, the inline elements that hide or mark page
chrome, text with its span in the page, and line breaks. End tags that were left out are
implied the way browsers imply them (``<p>``, ``<li>``, ``<td>``, ``<tr>`` …), so sloppy pages
do not nest deeper and deeper. Positions are offsets into the decoded page.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from gikparse.errors import SourceError
from gikparse.limits import Limits

__all__ = ["Element", "Text", "build_tree"]

# Elements whose text is never page content.
SKIPPED = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "canvas",
        "audio",
        "video",
        "map",
        "select",
        "button",
        "textarea",
        "head",
        "xml",
    }
)
_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
# Elements that start a new block; every other element is inline and is not kept in the tree
# unless it hides its content or marks chrome.
BLOCKS = frozenset(
    {
        "html",
        "body",
        "title",
        "div",
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "caption",
        "section",
        "article",
        "main",
        "aside",
        "header",
        "footer",
        "nav",
        "blockquote",
        "pre",
        "form",
        "center",
        "address",
        "figure",
        "figcaption",
        "fieldset",
        "legend",
        "details",
        "summary",
        "menu",
        "colgroup",
        *SKIPPED,
    }
)
# Starting one of these closes an open <p> (the HTML standard's list, shortened).
_CLOSES_P = frozenset(
    {
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "dl",
        "table",
        "blockquote",
        "pre",
        "section",
        "article",
        "header",
        "footer",
        "nav",
        "aside",
        "address",
        "form",
        "center",
        "figure",
        "main",
        "menu",
        "details",
        "fieldset",
        "hr",
        "li",
        "dd",
        "dt",
    }
)
_CELLS = frozenset({"td", "th"})
_ROW_GROUPS = frozenset({"thead", "tbody", "tfoot"})
# An implied end never crosses these (a <p> inside a cell is closed with the cell, not by
# a <p> outside the table).
_SCOPE = frozenset({"table", "td", "th", "caption", "html", "body"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all", re.I)
_SPLIT_NAME = re.compile(r"[\s_\-]+")
# Tokens of class and id names that mark page chrome (navigation, breadcrumbs, share and print
# buttons, footers, attachment lists), including the pinyin names Chinese CMSs use.
CHROME_NAMES = frozenset(
    {
        "nav",
        "navbar",
        "navigation",
        "menu",
        "submenu",
        "breadcrumb",
        "breadcrumbs",
        "crumb",
        "crumbs",
        "bread",
        "position",
        "weizhi",
        "dqwz",
        "share",
        "bshare",
        "jiathis",
        "fenxiang",
        "print",
        "dayin",
        "footer",
        "foot",
        "copyright",
        "banquan",
        "sidebar",
        "toolbar",
        "search",
        "login",
        "related",
        "xgxx",
        "xglj",
        "attachment",
        "attachments",
        "fujian",
        "fjxz",
        "qrcode",
        "ewm",
    }
)
# Chrome by element name: a <header> counts only outside an <article>/<main>.
_CHROME_TAGS = frozenset({"nav", "footer", "aside"})
# Raw text that html.parser would treat as markup without a way to end it: handled before
# parsing so that no search runs to the end of the page again and again.
_STRAY_LT = re.compile(r"<(?![A-Za-z/!?])")
_MARKED = re.compile(r"<!\[(?!(?:if|endif|else)\b[^<>\]]*\]>)", re.I)


class Text:
    """A run of character data: its raw span in the page (the layout decodes it)."""

    __slots__ = ("end", "start")

    def __init__(self, start: int) -> None:
        self.start = start
        self.end = start


class Element:
    """A kept element: its tag, what its attributes say, children and span in the page."""

    __slots__ = (
        "attrs",
        "children",
        "chrome",
        "end",
        "has_table",
        "hidden",
        "start",
        "tag",
    )

    def __init__(self, tag: str, attrs: dict[str, str], start: int) -> None:
        self.tag = tag
        self.attrs = attrs
        self.children: list[Element | Text] = []
        self.start = start
        self.end = start
        self.hidden = False
        self.chrome = False
        self.has_table = False  #: a table with a table inside (a layout table)


def _names(attrs: dict[str, str]) -> set[str]:
    found: set[str] = set()
    for key in ("class", "id"):
        value = attrs.get(key)
        if value:
            found.update(_SPLIT_NAME.split(value.lower()))
    return found


class _Builder(HTMLParser):
    def __init__(self, source: str, limits: Limits) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.limits = limits
        # Offsets of line starts: html.parser reports (line, column) positions.
        starts = [0]
        find = source.find
        at = find("\n")
        while at >= 0:
            starts.append(at + 1)
            at = find("\n", at + 1)
        self.line_starts = starts
        self.root = Element("#root", {}, 0)
        self.stack: list[Element] = [self.root]
        self.pending: Text | None = None
        self.title: Element | None = None
        self.metas: list[dict[str, str]] = []
        self.in_article = 0

    def _pos(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _close_text(self, at: int) -> None:
        if self.pending is not None:
            self.pending.end = at
            self.pending = None

    def _pop_to(self, index: int, at: int) -> None:
        """Close stack[index:] (implied or explicit end), at offset ``at``."""
        stack = self.stack
        while len(stack) > index:
            element = stack.pop()
            element.end = at
            if element.tag in ("article", "main"):
                self.in_article -= 1

    def _find(self, tags: frozenset[str] | set[str], scope: frozenset[str]) -> int:
        """Index of the innermost open element in ``tags``, not crossing ``scope``; -1."""
        stack = self.stack
        for index in range(len(stack) - 1, 0, -1):
            tag = stack[index].tag
            if tag in tags:
                return index
            if tag in scope:
                return -1
        return -1

    def _imply_ends(self, tag: str, at: int) -> None:
        if tag in _CLOSES_P:
            found = self._find({"p"}, _SCOPE)
            if found > 0:
                self._pop_to(found, at)
        if tag == "li":
            found = self._find({"li"}, _SCOPE | {"ul", "ol"})
            if found > 0:
                self._pop_to(found, at)
        elif tag in ("dt", "dd"):
            found = self._find({"dt", "dd"}, _SCOPE | {"dl"})
            if found > 0:
                self._pop_to(found, at)
        elif tag in _CELLS:
            found = self._find(_CELLS, frozenset({"table", "tr"}))
            if found > 0:
                self._pop_to(found, at)
        elif tag == "tr":
            found = self._find({"tr"}, frozenset({"table"}))
            if found > 0:
                self._pop_to(found, at)
        elif tag in _ROW_GROUPS:
            found = self._find(_ROW_GROUPS | {"tr"}, frozenset({"table"}))
            if found > 0:
                self._pop_to(found, at)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        at = self._pos()
        self._close_text(at)
        if tag == "br":
            self.stack[-1].children.append(Element("br", {}, at))
            return
        if tag == "meta":
            self.metas.append({k: v or "" for k, v in attrs})
            return
        if tag in _VOID:
            return
        values = {k: v or "" for k, v in attrs}
        style = values.get("style", "")
        hidden = "hidden" in values or (bool(style) and _HIDDEN_STYLE.search(style) is not None)
        names = _names(values) if ("class" in values or "id" in values) else set()
        chrome = bool(names & CHROME_NAMES) or tag in _CHROME_TAGS
        if tag == "header" and not self.in_article:
            chrome = True
        if tag not in BLOCKS and not hidden and not chrome:
            return  # inline markup: only its text matters
        self._imply_ends(tag, at)
        element = Element(tag, values, at)
        element.hidden = hidden
        element.chrome = chrome
        if tag == "table":
            for open_element in self.stack:
                if open_element.tag == "table":
                    open_element.has_table = True
        elif tag in ("article", "main"):
            self.in_article += 1
        elif tag == "title" and self.title is None:
            self.title = element
        self.stack[-1].children.append(element)
        self.stack.append(element)
        if len(self.stack) - 1 > self.limits.max_nesting_depth:
            raise self.limits.exceeded(
                "max_nesting_depth", len(self.stack) - 1, "网页元素嵌套层数（HTML nesting depth）"
            )

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <br/>, <o:p/>, <td/>: XHTML-style; only void elements are really empty.
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.stack[-1].tag == tag:
            self._pop_to(len(self.stack) - 1, self._pos())

    def handle_endtag(self, tag: str) -> None:
        at = self._pos()
        self._close_text(at)
        if tag == "br":
            self.stack[-1].children.append(Element("br", {}, at))
            return
        scope = frozenset() if tag == "table" else frozenset({"table"})
        found = self._find({tag}, scope) if tag != "html" else -1
        if found > 0:
            end = self.source.find(">", at)
            self._pop_to(found, at if end < 0 else end + 1)

    def handle_data(self, data: str) -> None:
        if self.pending is not None:  # html.parser may split a run (a stray "<")
            return
        text = Text(self._pos())
        self.stack[-1].children.append(text)
        self.pending = text

    def _other(self) -> None:
        self._close_text(self._pos())

    def handle_comment(self, data: str) -> None:
        self._other()

    def handle_decl(self, decl: str) -> None:
        self._other()

    def handle_pi(self, data: str) -> None:
        self._other()

    def unknown_decl(self, data: str) -> None:
        self._other()


def _feedable(source: str) -> str:
    """``source`` made safe for html.parser, offsets unchanged: a ``<`` that starts no markup,
    or comes after the last ``>`` (an unfinished tag), or opens an unknown marked section
    (``<![foo[``) becomes U+0000, which the parser takes as text (the layout reads the text
    from the page itself); an unclosed comment ends the page, as in browsers. Without this,
    html.parser searches to the end of the page once per such ``<``: minutes for a few
    hundred KB."""
    if "\x00" in source:
        source = source.replace("\x00", "\ufffd")
    pos = 0
    while True:
        opened = source.find("<!--", pos)
        if opened < 0:
            break
        closed = source.find("-->", opened + 4)
        if closed < 0:
            source = source[:opened]
            break
        pos = closed + 3
    last = source.rfind(">")
    if last + 1 < len(source) and "<" in source[last + 1 :]:
        source = source[: last + 1] + source[last + 1 :].replace("<", "\x00")
    if "<![" in source:
        source = _MARKED.sub("\x00![", source)
    return _STRAY_LT.sub("\x00", source)


def build_tree(source: str, limits: Limits) -> tuple[Element, _Builder]:
    """The element tree of ``source`` and the builder (for ``<title>`` and ``<meta>``)."""
    builder = _Builder(source, limits)
    fed = _feedable(source)
    try:
        builder.feed(fed)
        builder.close()
    except AssertionError as exc:  # _markupbase's "unexpected" declarations
        raise SourceError(f"网页标记无法解析（the page's markup cannot be read: {exc}）") from None
    end = len(fed)
    builder._close_text(end)
    builder._pop_to(1, end)
    builder.root.end = end
    return builder.root, builder

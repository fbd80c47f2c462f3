"""A web page to a light element tree with source offsets, on the stdlib ``html.parser``.

Only what the layout needs is kept: block elements, the inline elements that hide or mark page
chrome, text with its span in the page, and line breaks. End tags that were left out are
implied the way browsers imply them (``<p>``, ``<li>``, ``<td>``, ``<tr>`` …), so sloppy pages
do not nest deeper and deeper. Positions are offsets into the decoded page.
"""

from __future__ import annotations

import re
from collections.abc import Container
from html.parser import HTMLParser

from gikparse.errors import SourceError
from gikparse.limits import Limits

__all__ = ["CHROME_NAMES", "Element", "build_tree", "is_chrome_name", "text_end"]

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
# Each element kept costs memory and time like this many characters of text: the budget
# ``max_text_chars`` bounds them too, so a page of a million table cells ends in
# LimitExceeded instead of gigabytes (a real report page keeps a few thousand).
_ELEMENT_WEIGHT = 16
_P = frozenset({"p"})
_TABLE = frozenset({"table"})
_NO_SCOPE: frozenset[str] = frozenset()
# Start tags that end an open element of the same family: (ended tags, scope not crossed).
_IMPLIED: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "li": (frozenset({"li"}), _SCOPE | {"ul", "ol"}),
    "dt": (frozenset({"dt", "dd"}), _SCOPE | {"dl"}),
    "dd": (frozenset({"dt", "dd"}), _SCOPE | {"dl"}),
    "td": (_CELLS, frozenset({"table", "tr"})),
    "th": (_CELLS, frozenset({"table", "tr"})),
    "tr": (frozenset({"tr"}), _TABLE),
    **dict.fromkeys(_ROW_GROUPS, (_ROW_GROUPS | {"tr"}, _TABLE)),
}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all", re.I)
# Words of class and id names that mark page chrome (navigation, breadcrumbs, share and print
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
        "bdshare",
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
# Words that go with a chrome word in one name without changing what it is (``share-box``,
# ``site-nav``, ``g-footer``). Any other word makes the name something else: ``print-area``
# and ``print_content`` hold what is printed, ``article-foot`` belongs to the article.
_DECORATION = frozenset(
    {
        "box",
        "bar",
        "btn",
        "button",
        "buttons",
        "icon",
        "icons",
        "link",
        "links",
        "list",
        "wrap",
        "wrapper",
        "site",
        "page",
        "top",
        "bottom",
        "main",
        "global",
        "g",
        "m",
        "mod",
        "bd",
        "hd",
        "ft",
    }
)
_SEPARATOR = re.compile(r"[-_]+")


def is_chrome_name(name: str) -> bool:
    """Whether one class token or id names chrome: it is a chrome word, or chrome words with
    decoration words only (``share-box``, ``top-nav``)."""
    name = name.lower()
    if name in CHROME_NAMES:
        return True
    parts = [p for p in _SEPARATOR.split(name) if p]
    if len(parts) < 2:
        return False
    chrome = False
    for part in parts:
        if part in CHROME_NAMES:
            chrome = True
        elif part not in _DECORATION:
            return False
    return chrome


# Chrome by element name: a <header> counts only outside an <article>/<main>.
_CHROME_TAGS = frozenset({"nav", "footer", "aside"})
# Raw text that html.parser would treat as markup without a way to end it: handled before
# parsing so that no search runs to the end of the page again and again.
_STRAY_LT = re.compile(r"<(?![A-Za-z/!?])")
_MARKED = re.compile(r"<!\[(?!(?:if|endif|else)\b[^<>\]]*\]>)", re.I)
# Inline tags that change nothing but the look of their text: blanked out (U+0001, which the
# layout skips) before parsing, because html.parser spends most of its time on tags and pages
# saved from Word carry several per character. A tag that may hide its text or mark chrome
# is kept.
_INLINE_TAG = re.compile(
    r"<(/?)(span|font|b|strong|i|em|u|o:p|small|big|sup|sub|s|strike|ins|del|nobr|abbr|"
    r"label|st1:[a-z]+|w:[a-z]+)(?=[\s>/])([^<>]*)>",
    re.I,
)
_MARKING = re.compile(r"display|visibility|mso-hide|hidden|class|\bid\b", re.I)


class _Blanker:
    """Blanks inline tags, except a tag that may hide its text or mark chrome, and every tag
    of the same name inside it (so that its own end tag still ends it)."""

    def __init__(self) -> None:
        self.depth: dict[str, int] = {}

    def __call__(self, m: re.Match[str]) -> str:
        closing, name, rest = m.group(1), m.group(2).lower(), m.group(3)
        depth = self.depth.get(name, 0)
        if closing:
            if depth:
                self.depth[name] = depth - 1
                return m.group()
        elif depth or (rest and _MARKING.search(rest) is not None):
            if not rest.endswith("/"):
                self.depth[name] = depth + 1
            return m.group()
        return "\x01" * (m.end() - m.start())


class Element:
    """A kept element: its tag, what its attributes say, children and span in the page.

    A child is an Element or, for a run of text, the int offset where the run starts in the
    page (it ends at the next ``<`` of the fed page, see :func:`text_end`): pages hold
    hundreds of thousands of runs, and an int is the smallest thing that says where one is.
    """

    __slots__ = (
        "children",
        "chrome",
        "col_span",
        "end",
        "has_table",
        "hidden",
        "row_span",
        "start",
        "tag",
    )

    def __init__(self, tag: str, start: int) -> None:
        self.tag = tag
        self.children: list[Element | int] = []
        self.start = start
        self.end = start
        self.hidden = False
        self.chrome = False
        self.has_table = False  #: a table with a table inside (a layout table)
        self.row_span = 1
        self.col_span = 1


_BR = "br"
_DIGITS = re.compile(r"\s*(\d{1,7})")


def _span(value: str | None, default: int) -> int:
    m = _DIGITS.match(value or "")
    return default if m is None else int(m.group(1))


def _flags(tag: str, attrs: list[tuple[str, str | None]]) -> tuple[bool, bool]:
    """(hidden, chrome) from an element's attributes."""
    hidden = False
    names: list[str] = []
    for key, value in attrs:
        if key == "style":
            hidden = hidden or (bool(value) and _HIDDEN_STYLE.search(value or "") is not None)
        elif key in ("class", "id"):
            if value:
                names.extend(value.split())
        elif key == "hidden":
            hidden = True
    chrome = tag in _CHROME_TAGS or any(is_chrome_name(name) for name in names)
    return hidden, chrome


class _Builder(HTMLParser):
    def __init__(self, source: str, limits: Limits) -> None:
        super().__init__(convert_charrefs=True)
        self.limits = limits
        # Offsets of line starts: html.parser reports (line, column) positions.
        starts = [0]
        find = source.find
        at = find("\n")
        while at >= 0:
            starts.append(at + 1)
            at = find("\n", at + 1)
        self.line_starts = starts
        self.source = source
        self.root = Element("#root", 0)
        self.stack: list[Element] = [self.root]
        self.title: Element | None = None
        self.in_article = 0
        self.inline_open = 0  #: inline elements kept on the stack (hidden or chrome)
        self.in_text = False  #: the last event was text (html.parser may split a run)
        self.kept = 0
        self.flattened = 0  #: elements closed early to stay within max_nesting_depth
        self.max_kept = limits.max_text_chars // _ELEMENT_WEIGHT

    def _pos(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _pop_to(self, index: int, at: int) -> None:
        """Close stack[index:] (implied or explicit end), at offset ``at``."""
        stack = self.stack
        while len(stack) > index:
            element = stack.pop()
            element.end = at
            tag = element.tag
            if tag not in BLOCKS:
                self.inline_open -= 1
            elif tag in ("article", "main"):
                self.in_article -= 1

    def _find(self, tags: Container[str], scope: frozenset[str]) -> int:
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
            found = self._find(_P, _SCOPE)
            if found > 0:
                self._pop_to(found, at)
        implied = _IMPLIED.get(tag)
        if implied is not None:
            found = self._find(*implied)
            if found > 0:
                self._pop_to(found, at)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_text = False
        if tag not in BLOCKS:
            # Inline markup: only its text matters, unless it hides it or is chrome. The
            # commonest tags of a page, so the cheap tests come first.
            if tag == _BR:
                self.stack[-1].children.append(Element(_BR, self._pos()))
                return
            if not attrs or tag in _VOID:
                return
            hidden, chrome = _flags(tag, attrs)
            if not (hidden or chrome):
                return
            self.inline_open += 1
        else:
            hidden, chrome = _flags(tag, attrs) if attrs else (False, tag in _CHROME_TAGS)
        at = self._pos()
        if tag == "header" and not self.in_article:
            chrome = True
        self._imply_ends(tag, at)
        element = Element(tag, at)
        element.hidden = hidden
        element.chrome = chrome
        if tag in _CELLS and attrs:
            for key, value in attrs:
                if key == "rowspan":
                    element.row_span = _span(value, 1)
                elif key == "colspan":
                    element.col_span = _span(value, 1)
        elif tag == "table":
            for open_element in self.stack:
                if open_element.tag == "table":
                    open_element.has_table = True
        elif tag in ("article", "main"):
            self.in_article += 1
        elif tag == "title" and self.title is None:
            self.title = element
        self.kept += 1
        if self.kept > self.max_kept:
            raise self.limits.exceeded(
                "max_text_chars",
                self.kept * _ELEMENT_WEIGHT,
                f"网页元素数量（HTML elements, each counted as {_ELEMENT_WEIGHT} characters）",
            )
        stack = self.stack
        if len(stack) > self.limits.max_nesting_depth:
            # Past the limit, the innermost element is closed first, as if its end tag had
            # been left out: pages with hundreds of unclosed <div>s are read (as browsers
            # read them) in bounded time, their blocks side by side instead of nested.
            self.flattened += 1
            self._pop_to(len(stack) - 1, at)
        stack[-1].children.append(element)
        stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <br/>, <o:p/>, <td/>: XHTML-style; only void elements are really empty.
        depth = len(self.stack)
        self.handle_starttag(tag, attrs)
        if len(self.stack) > depth and self.stack[-1].tag == tag:
            self._pop_to(len(self.stack) - 1, self._pos())

    def handle_endtag(self, tag: str) -> None:
        self.in_text = False
        if tag not in BLOCKS:
            if tag == _BR:  # </br> is a line break, as in browsers
                self.stack[-1].children.append(Element(_BR, self._pos()))
                return
            if not self.inline_open:
                return
        at = self._pos()
        found = self._find((tag,), _NO_SCOPE if tag == "table" else _TABLE) if tag != "html" else -1
        if found > 0:
            end = self.source.find(">", at)
            self._pop_to(found, at if end < 0 else end + 1)

    def handle_data(self, data: str) -> None:
        if not self.in_text:
            self.stack[-1].children.append(self._pos())
            self.in_text = True

    def handle_comment(self, data: str) -> None:
        self.in_text = False

    def handle_decl(self, decl: str) -> None:
        self.in_text = False

    def handle_pi(self, data: str) -> None:
        self.in_text = False

    def unknown_decl(self, data: str) -> None:
        self.in_text = False


def _feedable(source: str) -> str:
    """``source`` made safe and quick for html.parser, offsets unchanged. Inline tags that
    only style text become U+0001 (see _INLINE_TAG). A ``<`` that starts no markup,
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
    if "\x01" in source:
        source = source.replace("\x01", "\ufffd")
    source = _INLINE_TAG.sub(_Blanker(), source)
    return _STRAY_LT.sub("\x00", source)


def build_tree(source: str, limits: Limits) -> tuple[Element, Element | None, str, int]:
    """The element tree of ``source``, its ``<title>`` element, the page as fed to the
    parser (what :func:`text_end` needs), and how many elements were closed early because
    they nested deeper than ``limits.max_nesting_depth``."""
    fed = _feedable(source)
    builder = _Builder(fed, limits)
    try:
        builder.feed(fed)
        builder.close()
    except AssertionError as exc:  # _markupbase's "unexpected" declarations
        raise SourceError(f"网页标记无法解析（the page's markup cannot be read: {exc}）") from None
    end = len(fed)
    builder._pop_to(1, end)
    builder.root.end = end
    return builder.root, builder.title, fed, builder.flattened


def text_end(fed: str, start: int) -> int:
    """Where the run of text that starts at ``start`` ends: at the next markup."""
    end = fed.find("<", start)
    return len(fed) if end < 0 else end

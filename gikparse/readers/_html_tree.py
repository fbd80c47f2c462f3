"""A web page to a light element tree with source offsets, from one regular-expression pass.

Only what the layout needs is kept: block elements, the inline elements that hide or mark page
chrome, text with its span in the page, and line breaks. End tags that were left out are
implied the way browsers imply them (``<p>``, ``<li>``, ``<td>``, ``<tr>`` …), so sloppy pages
do not nest deeper and deeper. A plain table (rows of cells of text, the commonest thing on a
report page) is read in one pass into its grid instead of elements (_html_plain_table).
Positions are offsets into the decoded page.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from typing import NamedTuple, NoReturn

from gikparse.limits import Limits
from gikparse.readers._apart import APART_TAGS
from gikparse.readers._html_element import Element
from gikparse.readers._html_markup import (
    ATTRS,
    ATTRS_TO_FIRST_GT,
    NAME_END,
    QUOTED_GT,
    STYLING,
    SWALLOWED,
    TAG_NAME,
    TEXT_ELEMENTS,
    attributes,
    cell_runs,
    cell_token,
    script_end,
    span_value,
    start_tag_rest,
    styling_tag,
    swallowed,
)
from gikparse.readers._html_names import CHROME_TAGS, CLASS_SEPARATOR, is_chrome_name
from gikparse.readers._html_plain_table import OverBudget, read_plain_table
from gikparse.readers._html_prepare import feedable, lowered, marks
from gikparse.readers._html_sheet import Sheet, page_sheet, present
from gikparse.readers._html_style import blank as style_blank
from gikparse.readers._html_style import cascaded, sets_apart

__all__ = [
    "APART_EDGE",
    "BLOCKS",
    "HEADINGS",
    "IMPLIED_BODY_END",
    "SKIPPED",
    "Element",
    "Tree",
    "build_tree",
    "text_end",
]

# Elements whose text is never page content.
SKIPPED = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "svg",
        "math",
        "canvas",
        "audio",
        "video",
        "select",
        "datalist",
        "button",
        "textarea",
        "head",
        "noembed",  # raw text browsers do not show
        "noframes",
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
        "dialog",
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
# What a <head> holds: anything else (a <body>, text, a <p>) ends it, as browsers end it.
_HEAD_CONTENT = frozenset(
    {"html", "head", "meta", "link", "style", "script", "title", "base", "noscript", "template"}
)
# SVG and MathML: foreign elements, closed by "/>"; browsers end them at these HTML tags.
_FOREIGN = frozenset({"svg", "math"})
_BREAKOUT = frozenset(
    {
        *("b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt"),
        *("em", "embed", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li"),
        *("listing", "menu", "meta", "nobr", "ol", "p", "pre", "ruby", "s", "small", "span"),
        *("strong", "strike", "sub", "sup", "table", "tt", "u", "ul", "var", "font"),
    }
)
_MARKUP_SPACE = "\t\n\r\f "  # (U+00A0 is no space of markup: it is text)
_FIRST_NAME = re.compile(rf"</?({TAG_NAME})")
_CELLS = frozenset({"td", "th"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_SURVEYED = SKIPPED | HEADINGS | {"title", "table"}
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
# Where only table parts belong (the HTML standard's "table context"): anything else started
# there is foster-parented (shown above the table) and ended by the next table part.
_TABLE_CONTEXT = frozenset({"table", "tbody", "thead", "tfoot", "tr"})
_TABLE_PARTS = frozenset(
    {"table", "caption", "colgroup", "tbody", "thead", "tfoot", "tr", "td", "th"}
)
# Started in a table context, these stay in the table (their text is never shown anyway).
_NOT_FOSTERED = _TABLE_PARTS | {"script", "style", "template"}
# Parts that end an open cell, row and row group of the innermost table (and go in the table).
_ENDS_ROWS = frozenset({"caption", "colgroup"})  # (<col> is void: never kept)
_TABLE_AND_CELLS = _TABLE_CONTEXT | {"td", "th", "caption"}
#: the tag of a mark in a table's children where the row group browsers imply ends
IMPLIED_BODY_END = "#tbody-end"
# Where a superscript, a subscript or struck-out text starts or ends: its text stands apart
# from the text beside it (5<sup>1</sup> is 5 and a footnote mark, <del>7</del>5 a 7 struck
# out and a 5: never 51 or 75; see _html_layout).
APART_EDGE = "#apart"
# Shown empty (Element.blank), these keep their place in the table: a row, a cell.
_SLOTS = frozenset({"tr", "td", "th"})
_ROWS_AND_GROUPS = _ROW_GROUPS | {"tr"}
# Start tags that end an open element of the same family: (ended tags, scope not crossed),
# tried in turn.
_IMPLIED: dict[str, tuple[tuple[frozenset[str], frozenset[str]], ...]] = {
    "li": ((frozenset({"li"}), _SCOPE | {"ul", "ol"}),),
    "dt": ((frozenset({"dt", "dd"}), _SCOPE | {"dl"}),),
    "dd": ((frozenset({"dt", "dd"}), _SCOPE | {"dl"}),),
    "td": ((_CELLS, frozenset({"table", "tr"})),),
    "th": ((_CELLS, frozenset({"table", "tr"})),),
    "tr": ((frozenset({"tr"}), _TABLE),),
    # A row group ends the open one with its rows (browsers never nest row groups), else an
    # open row directly in the table.
    **dict.fromkeys(_ROW_GROUPS, ((_ROW_GROUPS, _TABLE), (frozenset({"tr"}), _TABLE))),
}
# Markup, one token per match, matched in the page lowercased (see _html_prepare.lowered);
# the page's ``<`` that start no markup were made text first (see _html_prepare.feedable).
# Tag names as html.parser and browsers read them; a tag ends at the first ``>`` outside a
# quoted attribute value (a quote counts only after a name's ``=``, so a stray ``"`` does not
# swallow the tags after it). The text of <script> and <style> is raw: it ends only at their
# end tag (or the page's end), found apart (see _tokens).


# Read to their end tag unseen, as text: the elements browsers read as text; <template>,
# whose content is inert (a <td> in it is no cell of the table around it); and the <xml> of
# Word's document properties (`Normal 0 7.8 磅` in browsers), which holds no report.
_NESTING = ("template", "xml")  # (which may hold their own kind)
_TO_END_TAG = (*TEXT_ELEMENTS, *_NESTING)
_TEXT_END = {name: re.compile(rf"</{name}{NAME_END}") for name in ("style", *TEXT_ELEMENTS)}
_START_OR_END = {name: re.compile(rf"<(/?){name}{NAME_END}") for name in _NESTING}


def _nested_end(tag: str, low: str, pos: int, stop: int) -> int:
    """Where the element ``tag`` whose content starts at ``pos`` ends, elements of its kind
    nested in it counted; ``stop`` when it does not."""
    depth = 1
    for m in _START_OR_END[tag].finditer(low, pos, stop):
        depth += -1 if m.group(1) else 1
        if depth == 0:
            return m.start()
    return stop


def _each_tag(attrs: str) -> str:
    """One tag (or comment, declaration …) after its "<", its attributes matched by
    ``attrs``."""
    return (
        rf"(?P<script>script){NAME_END}{start_tag_rest(attrs)}"
        rf"|(?P<style>style){NAME_END}{start_tag_rest(attrs)}"
        rf"|(?P<text>{'|'.join(_TO_END_TAG)}){NAME_END}{start_tag_rest(attrs)}"
        rf"|(?P<name>{TAG_NAME})(?P<attrs>{attrs})>"
        rf"|/(?P<end>{TAG_NAME}){attrs}>"  # an end tag's attributes are read, and ignored
        r"|!--(?:-?>|.*?--!?>)"  # browsers end a comment at --> or --!>; <!--> is one
        r"|![^>]*>|\?[^>]*>|/[^>]*>"
        # A quote left open to the page's end: the tag ends at its first ">", without
        # attributes.
        rf"|(?P<broken>{TAG_NAME})[^>]*>"
    )


def _token_pattern(attrs: str) -> re.Pattern[str]:
    """The tokens of a page with two shortcuts, for what most of a page is: a run of styling
    tags is one token, and so is a table cell that holds text and styling tags only (in a
    plain <p> at most); their tags' attributes matched by ``attrs``."""
    return re.compile(
        r"<(?:"
        rf"(?P<styling>/?{STYLING}{NAME_END}{attrs}>(?:{styling_tag(attrs)})*)"
        rf"|{cell_token(attrs)}"
        f"|{_each_tag(attrs)})",
        re.S,
    )


_TOKEN = _token_pattern(ATTRS)
# Up to the first quoted ">" of the page (see _html_markup.ATTRS_TO_FIRST_GT, _tokens).
_TOKEN_TO_FIRST_GT = _token_pattern(ATTRS_TO_FIRST_GT)
# Without the shortcuts: every tag a token (inside kept inline elements, and in the tests
# that hold both ways to the same result).
_TAG_BY_TAG = re.compile(rf"<(?:(?P<styling>(?!)x)|(?P<cell>(?!)x)|{_each_tag(ATTRS)})", re.S)
# The raw text of <style> and <script> is searched for its end from its start (STYLE_END,
# _html_markup.script_end): far faster than matching it in the token (a lazy ".*?" would try
# the end tag at each character of Word's long style blocks; read one way, a repeat per "<"
# is slow in _TOKEN).
# A character reference inside a tag (it may spell a word of _html_prepare.MARK), found in
# a span of tags and text; a quoted value holding ">" hides where a tag ends from it, so such
# a span is read tag by tag, where a tag's own span is known.
_REFERENCE_IN_TAG = re.compile(r"<[^<>&]*&")


# Where a <style> is no sheet: a MathML element in <math>. (In a <template> and in the
# elements whose content browsers read as text it is never a token.)
_NO_SHEETS = ("math",)
# The tags of the elements whose text browsers read as text that the tree does not keep.
_TEXT_TAGS = re.compile(r"<(xmp|/xmp|plaintext)(?=[\t\n\r\f />])")
_BR = "br"
_NEVER_NESTED = frozenset({"a", "nobr"})


class _Flags(NamedTuple):
    """What an element's attributes and the page's sheets say of it."""

    hidden: bool  #: not shown at all
    blank: bool  #: its box shown empty (``visibility:hidden``, ``hidden="until-found"``)
    chrome: bool  #: named like page chrome
    invisible: bool  #: ``visibility:hidden`` or ``collapse`` (see Element.invisible)
    visible: bool  #: ``visibility:visible``: shown inside an invisible element
    apart: bool  #: (inline) raised, lowered or struck out: its digits are no others' (APART)


_PLAIN = _Flags(False, False, False, False, False, False)
# Elements browsers do not show on the line unless a style does, as if they had the hidden
# attribute: a ruby's guide (its base is the text; ``<rp>`` is shown only where ruby is not
# supported) and a dialog not open.
_HIDDEN_UNLESS_SHOWN = frozenset({"rt", "rp", "dialog"})


def _flags(tag: str, attrs: list[tuple[str, str | None]], sheet: Sheet | None = None) -> _Flags:
    """What an element's attributes and the page's sheets say of it."""
    style = ""
    hidden_attribute = tag in _HIDDEN_UNLESS_SHOWN
    until_found = False
    classes: list[str] = []
    element_id = ""
    names: list[str] = []
    for key, value in attrs:
        if key == "style":
            style = (value or "").lower()
        elif key in ("class", "id"):
            if value:
                split = [name for name in CLASS_SEPARATOR.split(value) if name]
                names.extend(split)
                if key == "class":
                    classes = split
                else:
                    element_id = value
        elif key == "open" and tag == "dialog":
            hidden_attribute = False
        elif key == "hidden":
            if (value or "").lower() == "until-found":
                until_found = tag not in _ROWS_AND_GROUPS  # (which browsers show whole)
            else:
                hidden_attribute = True
    given = sheet.values(tag, classes, element_id) if sheet and (classes or element_id) else {}
    values = cascaded(style, given)
    display = values.get("display", ("", False))[0]
    # The hidden attribute is the browser's own display:none: any display an author gives
    # the element (its style, a sheet) shows it again, but revert-layer (as in Chromium).
    hidden = display == "none" or (hidden_attribute and display in ("", "revert-layer"))
    invisible = style_blank(values)
    chrome = tag in CHROME_TAGS or any(is_chrome_name(name) for name in names)
    visible = values.get("visibility", ("",))[0] in ("visible", "initial")
    apart = bool(values) and tag not in BLOCKS and sets_apart(values)
    return _Flags(hidden, until_found or invisible, chrome, invisible, visible, apart)


def _folded_names(attrs: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """Attributes with their names lowered, the first of two with one name kept."""
    out: list[tuple[str, str | None]] = []
    seen: set[str] = set()
    for name, value in attrs:
        name = name.lower()
        if name not in seen:
            seen.add(name)
            out.append((name, value))
    return out


def _reference_in_tag(low: str, start: int, end: int) -> bool:
    """Whether a character reference may be inside a tag in ``low[start:end]`` (tags and
    text; a quoted ">" hides where a tag ends, so a span with one may)."""
    return (
        _REFERENCE_IN_TAG.search(low, start, end) is not None
        or QUOTED_GT.search(low, start, end) is not None
    )


class _Builder:
    """Builds the tree from the page's markup tokens (see _TOKEN), implying left-out end
    tags the way browsers do."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.root = Element("#root", 0)
        self.stack: list[Element] = [self.root]
        self.open_tags: dict[str, int] = {}  #: how many elements of each tag are open
        self.title: tuple[int, int] | None = None
        #: where an element whose text runs to the page's end starts, where its text
        #: starts, and its start tag
        self.unclosed: tuple[int, int, str] | None = None
        self.in_article = 0
        self.head = 0  #: before the <head>, in it, after it (0, 1, 2)
        #: whether tokens are watched for what ends the <head> or an open <svg>/<math>
        self.watch = True
        self.inline_open = 0  #: inline elements kept on the stack (hidden, chrome …)
        self.invisible_open = 0  #: invisible elements open (see Element.invisible)
        self.kept = 0
        self.fostered = 0  #: fostered elements open (see Element.fostered)
        self.flattened = 0  #: elements closed early to stay within max_nesting_depth
        self.chrome = 0  #: elements kept that are named like page chrome
        self.runs: list[int] = []  #: where each run of text starts, in page order
        self.marks: list[int] = []  #: where the words of _html_prepare.MARK are in the page
        self.broken: list[int] = []  #: where tags with a quote left open start
        #: the elements the chrome guard looks at: chrome, hidden, skipped, tables, headings
        self.surveyed: list[Element] = []
        self.max_kept = limits.max_text_chars // _ELEMENT_WEIGHT
        self.sheet: Sheet | None = None  #: the rules of the page's sheets, if any apply
        self.low = ""  #: the page lowercased (see _html_prepare.lowered)
        #: where <xmp>, </xmp> and <plaintext> are in the page (see _sheet_at), once looked for
        self.text_tags: list[tuple[int, str]] | None = None
        #: where QUOTED_GT finds quoted values holding ">" in the page (see _quoted_gt),
        #: their starts and their ends, once looked for
        self.quoted_gts: tuple[list[int], list[int]] | None = None
        #: the page, when class and id names are read as it writes them (see feed)
        self.cased: str | None = None
        self.sheet_starts: list[int] = []  #: where the <style> elements read for it start
        self.styles: list[int] = []  #: where the page's <style> elements start
        #: selectors of rules not applied that may hide or show (see _html_sheet)
        self.unsure: list[str] = []

    def feed(self, fed: str, sheet_starts: list[int] | None = None) -> None:
        """Build from the page (``fed``: see _html_prepare.feedable), its sheets read from the
        ``<style>`` elements that start at ``sheet_starts`` (else all the page holds)."""
        low = self.low = lowered(fed)
        self.marks = marks(low)
        sheet, self.sheet_starts, outside, cased = page_sheet(fed, low, self.limits, sheet_starts)
        self.sheet = sheet if sheet else None
        # Class and id names as the page writes them, when a sheet matches them case by case.
        self.cased = fed if self.sheet is not None and cased else None
        self.unsure = present(sheet.unsure, outside)
        end = self._tokens(_TOKEN, fed, low, 0, len(fed))
        if end < len(fed):
            if self.head < 2 and fed[end:].strip(_MARKUP_SPACE):
                self._leave_head(end)
            self.stack[-1].children.append(end)
            self.runs.append(end)

    def _tokens(self, token: re.Pattern[str], fed: str, low: str, start: int, stop: int) -> int:
        """Build from the tokens of ``low[start:stop]``; where the text after the last starts."""
        stack = self.stack
        pos = start
        plain = token is not _TAG_BY_TAG  # plain tables in one pass (see _plain_table)
        resume = True
        crossed = False  # the last token matched to its first ">" crossed a quoted ">"
        while resume:
            resume = False
            # Up to a quoted ">", tags end at their first ">": matched so (several times
            # faster); from a token that may hold one to the end of it, as ``token`` reads.
            matching, before, back = token, stop + 1, stop + 1
            if plain:
                quoted, quoted_end = self._quoted_gt(pos)
                if quoted > pos and not crossed:
                    matching, before = _TOKEN_TO_FIRST_GT, quoted
                else:
                    back = quoted_end
            crossed = False
            for m in matching.finditer(low, pos, stop):
                if m.end() > before or pos >= back:
                    crossed = m.end() > before
                    resume = True
                    break  # read on from pos the other way
                at = m.start()
                if at > pos:
                    if self.watch and self.head < 2 and fed[pos:at].strip(_MARKUP_SPACE):
                        self._leave_head(pos)  # text ends the head
                    stack[-1].children.append(pos)
                    self.runs.append(pos)
                pos = m.end()
                # Which alternative matched: the last group it closed.
                kind = m.lastgroup
                if self.watch and self._watched(m, kind, low, at):
                    continue  # a <head> where browsers ignore one
                if kind == "attrs":  # a start tag
                    tag, attrs = m.group("name", "attrs")
                    if "<" in attrs and SWALLOWED.search(attrs) is not None:
                        self.broken.append(at)
                    if tag not in BLOCKS:
                        # Inline markup: only its text matters, unless it hides it or is chrome.
                        if tag in APART_TAGS:
                            stack[-1].children.append(Element(APART_EDGE, at))
                        if tag in _NEVER_NESTED and self.open_tags.get(tag):
                            # A new link ends the open one: browsers never nest them.
                            found = self._find((tag,), _TABLE)
                            if found > 0:
                                self._pop_to(found, at)
                        if tag == _BR:
                            stack[-1].children.append(Element(_BR, at))
                        elif tag in _HIDDEN_UNLESS_SHOWN:
                            # Hidden unless a style shows it: read whatever its attributes.
                            given = self._attributes(m, attrs) if attrs else []
                            if not self.start_tag(tag, given, at) and self.inline_open:
                                self._nest(tag, 1)
                        elif (
                            tag == "col" and self.open_tags.get("table") and not self._in_foreign()
                        ):
                            # A column outside a column group: browsers start one, which
                            # ends the open cell, row and row group (what follows starts anew).
                            if stack[-1].tag != "colgroup":
                                self.start_tag("colgroup", [], at)
                                self._pop_to(len(stack) - 1, pos)
                        elif (
                            not (
                                attrs
                                and tag not in _VOID
                                and self._marked(low, at, pos, one_tag=True)
                                and self.start_tag(tag, self._attributes(m, attrs), at)
                            )
                            and self.inline_open
                        ):
                            self._nest(tag, 1)
                    elif tag in _FOREIGN:
                        if not attrs.endswith("/"):  # <svg/> is empty: foreign elements close
                            self.start_tag(tag, [], at)
                            self.watch = True
                    elif attrs and (
                        "span" in attrs
                        or tag in _HIDDEN_UNLESS_SHOWN  # (which its attributes may show)
                        or self._marked(low, at, pos, one_tag=True)
                    ):
                        self.start_tag(tag, self._attributes(m, attrs), at)
                    else:
                        self.start_tag(tag, [], at)
                    if tag == "table" and plain:
                        end = self._plain_table(low, at, pos)
                        if end:
                            pos, resume = end, True
                            break  # tokens go on after the table
                elif kind == "cend":
                    if (
                        self.inline_open
                        or self._marked(low, at, pos)
                        or swallowed(low, m.end("cattrs") + 1, m.start("cend"))
                    ):
                        self._tokens(_TAG_BY_TAG, fed, low, at, pos)
                    else:
                        self._cell(m, low)
                elif kind == "styling":
                    # Inside a kept inline element one may end it or nest in it; a tag whose
                    # quote swallowed a table's tags is named (P419).
                    if self.inline_open or self._marked(low, at, pos) or swallowed(low, at, pos):
                        self._tokens(_TAG_BY_TAG, fed, low, at, pos)
                elif kind == "end":
                    tag = m.group("end")
                    self.end_tag(tag, at, pos)
                    if tag in APART_TAGS:
                        stack[-1].children.append(Element(APART_EDGE, at))
                elif kind == "broken":
                    self.broken.append(at)
                    tag = m.group("broken")
                    if tag in BLOCKS:
                        self.start_tag(tag, [], at)
                elif kind is not None:  # <script>, <style> …: raw text up to its end tag
                    tag = m.group(kind)
                    if kind == "style" and self._sheet_at(low, at):
                        self.styles.append(at)
                    if kind == "script":
                        end = script_end(low, pos, stop)
                    elif tag in _NESTING:
                        end = _nested_end(tag, low, pos, stop)
                        if end == stop and tag == "xml":
                            continue  # no </xml>: a tag of no meaning, its content shown
                    else:
                        raw_end = _TEXT_END[tag].search(low, pos, stop)
                        end = stop if raw_end is None else raw_end.start()
                    if end == stop == len(low) and self.unclosed is None:
                        self.unclosed = (at, pos, f"<{tag}>")  # no end tag: the rest is its text
                    self.start_tag(tag, [], at)
                    if stack[-1].tag == tag:  # the element ends with its text
                        if tag == "title" and self.title is None and not self._in_foreign():
                            self.title = (pos, end)
                        self._pop_to(len(stack) - 1, end)
                    if end > pos:
                        pos, resume = end, True
                        break  # tokens go on after the raw text
                # else: comments, declarations, processing instructions
        return pos

    def _watched(self, m: re.Match[str], kind: str | None, low: str, at: int) -> bool:
        """End the <head> or an open <svg>/<math> where the token at ``at`` ends it, as
        browsers do; whether the token is a <head> browsers ignore."""
        if kind in ("attrs", "broken", "text", "script", "style"):
            tag = m.group("name" if kind == "attrs" else kind)
            end = False
        elif kind in ("styling", "cend", "end"):
            found = _FIRST_NAME.match(low, at)
            tag = found.group(1) if found is not None else ""
            end = kind == "end" or low.startswith("</", at)
        else:  # comments, declarations
            return False
        ignored = False
        if self.head < 2:
            if end:
                if tag in ("head", "body", "html", "br"):
                    self._leave_head(at)
            elif tag == "head":
                ignored = self.head == 1  # a second <head>
                self.head = 1
            elif tag not in _HEAD_CONTENT:
                self._leave_head(at)
        elif tag == "head" and not end:
            ignored = True  # after the head: browsers ignore another
        if self._in_foreign() and tag in _BREAKOUT and (not end or tag in ("p", "br")):
            stack = self.stack
            index = next(i for i in range(1, len(stack)) if stack[i].tag in _FOREIGN)
            self._pop_to(index, at)
        self.watch = self.head < 2 or self._in_foreign()
        return ignored

    def _in_foreign(self) -> bool:
        open_tags = self.open_tags
        return bool(open_tags.get("svg") or open_tags.get("math"))

    def _leave_head(self, at: int) -> None:
        """The <head> ends at ``at`` (if open: else the page is past where one goes)."""
        if self.head == 1 and self.open_tags.get("head"):
            stack = self.stack
            self._pop_to(next(i for i in range(1, len(stack)) if stack[i].tag == "head"), at)
        self.head = 2
        self.watch = self._in_foreign()

    def _plain_table(self, low: str, at: int, pos: int) -> int:
        """Read the table whose start tag, from ``at`` to ``pos``, was just read, in one pass
        if it is plain (see _html_plain_table) and reading it tag by tag would do nothing
        but what that does: where it ends, else 0."""
        stack = self.stack
        table = stack[-1]
        if (
            table.start != at
            or table.hidden
            or table.invisible
            or table.chrome
            or self.inline_open
            # Read tag by tag, a cell's <p> would be three elements deeper than the table.
            or len(stack) + 3 > self.limits.max_nesting_depth
        ):
            return 0
        try:
            found = read_plain_table(
                low,
                pos,
                self.marks,
                self._plain_tag,
                self.max_kept - self.kept,
                self._quoted_gt(pos)[0],
            )
        except OverBudget:
            self.kept = self.max_kept + 1  # where reading it tag by tag would stop
            self._too_many()
        if found is None or (
            low.find("&", at, found.end) >= 0 and _reference_in_tag(low, at, found.end)
        ):
            return 0
        self.kept += found.elements
        self.runs.extend(found.runs)
        table.grid = found
        self._pop_to(len(stack) - 1, found.end)
        return found.end

    def _quoted_gt(self, pos: int) -> tuple[int, int]:
        """Where the first quoted value holding a ">" may start at or after ``pos`` (``pos``
        when one found before goes on past it), and where what QUOTED_GT matched of it ends;
        the page's length twice if none does."""
        if self.quoted_gts is None:
            spans = [m.span() for m in QUOTED_GT.finditer(self.low)]
            self.quoted_gts = [s for s, _ in spans], [e for _, e in spans]
        starts, ends = self.quoted_gts
        # The matches do not overlap, so one that starts inside another is not found: it is
        # never before the one that holds it, and it is read as that one is.
        i = bisect.bisect_right(ends, pos)
        if i == len(starts):
            return len(self.low), len(self.low)
        return max(starts[i], pos), ends[i]

    def _sheet_at(self, low: str, at: int) -> bool:
        """Whether the <style> at ``at`` is a sheet: not inside an element where browsers
        read it as text or leave it inert (<xmp> and <plaintext> are never kept: their tags
        are found in the page, once)."""
        if any(map(self.open_tags.get, _NO_SHEETS)):
            return False
        if self.text_tags is None:
            # After a <plaintext> everything is text (no <xmp> counts after it either).
            self.text_tags = [(m.start(), m.group(1)) for m in _TEXT_TAGS.finditer(low)]
            for i, (_, tag) in enumerate(self.text_tags):
                if tag == "plaintext":
                    del self.text_tags[i + 1 :]
                    break
        last = bisect.bisect_left(self.text_tags, (at,)) - 1
        # Inside an <xmp>, up to its end tag; after a <plaintext>, to the page's end.
        return last < 0 or self.text_tags[last][1] == "/xmp"

    def _plain_tag(self, tag: str, start: int, end: int) -> bool:
        """Whether a row, group or cell with the attributes at ``[start, end)`` of the page
        neither hides nor marks chrome."""
        page = self.low if self.cased is None else self.cased
        return _flags(tag, _folded_names(attributes(page[start:end])), self.sheet) == _PLAIN

    def _attributes(self, m: re.Match[str], attrs: str) -> list[tuple[str, str | None]]:
        """The attributes of a start tag token, ``attrs`` in the page lowercased: as the page
        writes them (names lowered) when a sheet matches class names case by case."""
        if self.cased is None:
            return attributes(attrs)
        return _folded_names(attributes(self.cased[m.start("attrs") : m.end("attrs")]))

    def _marked(self, low: str, start: int, end: int, one_tag: bool = False) -> bool:
        """Whether a word that may hide text or mark chrome is in ``[start, end)``, or a
        character reference inside a tag there (``&#100;isplay`` may spell one). ``one_tag``:
        the span is one tag, so any reference in it is inside a tag."""
        marks = self.marks
        if marks:
            i = bisect.bisect_left(marks, start)
            if i < len(marks) and marks[i] < end:
                return True
        return low.find("&", start, end) >= 0 and (one_tag or _reference_in_tag(low, start, end))

    def _cell(self, m: re.Match[str], low: str) -> None:
        """A cell token: as its start tag, its styling tags, its text and its end tag."""
        cell, attrs = m.group("cell", "cattrs")
        if "<" in attrs and SWALLOWED.search(attrs) is not None:
            self.broken.append(m.start())
        stack = self.stack
        parent = stack[-1]
        if (
            parent.tag != "tr"
            or (attrs and "span" in attrs)  # the token holds no marking word (see _tokens)
            or len(stack) > self.limits.max_nesting_depth
        ):
            # Spans, flags, implied ends or the depth limit: as tag by tag.
            self.start_tag(cell, attributes(attrs) if attrs else [], m.start())
            self._count_paragraph(m)
            runs = cell_runs(low, *m.span("ctext"))
            stack[-1].children.extend(runs)
            self.runs.extend(runs)
            self.end_tag(cell, m.start("cend"), m.end())
            return
        # In a row, a cell of no consequence: nothing to imply, nothing left open.
        element = Element(cell, m.start())
        element.end = m.end()
        self.kept += 1
        if self.kept > self.max_kept:
            self._too_many()
        self._count_paragraph(m)
        parent.children.append(element)
        runs = cell_runs(low, *m.span("ctext"))
        element.children.extend(runs)
        self.runs.extend(runs)

    def _count_paragraph(self, m: re.Match[str]) -> None:
        """Count a cell token's <p> against the budget, as reading it tag by tag would."""
        if m.start("para") >= 0:
            self.kept += 1
            if self.kept > self.max_kept:
                self._too_many()

    def _nest(self, tag: str, step: int) -> bool:
        """Count an unmarked inline tag inside a kept inline element of the same name, so
        that the kept one ends at its own end tag; False when there is none open."""
        found = self._find((tag,), _TABLE)
        if found <= 0:
            return False
        element = self.stack[found]
        if step < 0 and not element.nested:
            return False
        element.nested += step
        return True

    def _too_many(self) -> NoReturn:
        raise self.limits.exceeded(
            "max_text_chars",
            self.kept * _ELEMENT_WEIGHT,
            f"网页元素数量（HTML elements, each counted as {_ELEMENT_WEIGHT} characters）",
        )

    def _pop_to(self, index: int, at: int) -> None:
        """Close stack[index:] (implied or explicit end), at offset ``at``."""
        stack = self.stack
        open_tags = self.open_tags
        while len(stack) > index:
            element = stack.pop()
            element.end = at
            tag = element.tag
            open_tags[tag] -= 1
            if element.fostered:
                self.fostered -= 1
            if element.invisible:
                self.invisible_open -= 1
            if tag not in BLOCKS:
                self.inline_open -= 1
            elif tag in ("article", "main"):
                self.in_article -= 1

    def _find(self, tags: Iterable[str], scope: frozenset[str]) -> int:
        """Index of the innermost open element in ``tags``, not crossing ``scope``; -1."""
        open_tags = self.open_tags
        for tag in tags:
            if open_tags.get(tag):
                break
        else:
            return -1  # none open: no walk up a stack thousands deep
        stack = self.stack
        for index in range(len(stack) - 1, 0, -1):
            tag = stack[index].tag
            if tag in tags:
                return index
            if tag in scope:
                return -1
        return -1

    def _table_context(self, tag: str, at: int) -> None:
        """Before the table part ``tag``: end what browsers end for it in a table (the
        HTML standard's table insertion modes)."""
        stack = self.stack
        if self.fostered:
            # Elements fostered above the table end at its next part ("clear the stack back
            # to a table context"); inside a cell nothing is fostered.
            i = len(stack) - 1
            while i > 0 and stack[i].tag not in _TABLE_AND_CELLS:
                i -= 1
            if stack[i].tag in _TABLE_CONTEXT and i + 1 < len(stack):
                self._pop_to(i + 1, at)
        if stack[-1].tag == "colgroup":
            self._pop_to(len(stack) - 1, at)  # a column group holds columns only
        if tag == "table":
            if stack[-1].tag in _TABLE_CONTEXT:
                # A table started where only its parts belong ends the open one.
                self._pop_to(self._find(_TABLE, _NO_SCOPE), at)
        elif tag in _ENDS_ROWS:
            found = self._find(_TABLE, _NO_SCOPE)
            if found > 0:
                self._pop_to(found + 1, at)

    def _imply_ends(self, tag: str, at: int) -> None:
        if tag in _TABLE_PARTS and self.open_tags.get("table"):
            self._table_context(tag, at)
        if tag in _CLOSES_P:
            found = self._find(_P, _SCOPE)
            if found > 0:
                self._pop_to(found, at)
        for ended, scope in _IMPLIED.get(tag, ()):
            found = self._find(ended, scope)
            if found > 0:
                self._pop_to(found, at)

    def start_tag(self, tag: str, attrs: list[tuple[str, str | None]], at: int) -> bool:
        """A start tag at ``at``; whether it is kept (an inline element is kept only when it
        hides, marks chrome or is visible inside an invisible element). ``<td/>``, ``<p/>``:
        the slash is ignored, as browsers ignore it on elements that are not void
        (``<td colspan=2/>`` is a cell spanning two)."""
        if tag == "head" and self.head == 2:
            return False  # past the head: browsers ignore another
        if attrs or tag in _HIDDEN_UNLESS_SHOWN:
            flags = _flags(tag, attrs, self.sheet)
        else:
            flags = _Flags(False, False, tag in CHROME_TAGS, False, False, False)
        hidden, blank, chrome = flags.hidden, flags.blank, flags.chrome
        if tag not in BLOCKS:
            # Kept when it hides, marks chrome, shows again inside an invisible element or
            # stands apart.
            if not (
                hidden or blank or chrome or flags.apart or (flags.visible and self.invisible_open)
            ):
                return False
            self.inline_open += 1
        invisible = flags.invisible and not hidden
        if blank and tag not in _SLOTS and not invisible:
            hidden = True  # shown empty (until found): its text is not shown
        if tag == "header" and not self.in_article:
            chrome = True
        self._imply_ends(tag, at)
        stack = self.stack
        element = Element(tag, at)
        context = stack[-1].tag
        if context in _TABLE_CONTEXT:
            if tag not in _NOT_FOSTERED:
                element.fostered = True
                self.fostered += 1
            elif tag in _CELLS and context != "tr":
                # A cell written outside a row: browsers make the row (and show it).
                self.start_tag("tr", [], at)
            elif context == "table" and tag in _TABLE_PARTS:
                table = stack[-1]
                if table.body_open and tag in _ENDS_ROWS:
                    # A caption or column group ends the <tbody> browsers implied too: rows
                    # after it start another (spans stop at its end).
                    table.children.append(Element(IMPLIED_BODY_END, at))
                table.body_open = tag == "tr"
        element.hidden = hidden
        element.blank = blank and not hidden and tag in _SLOTS
        element.visible = flags.visible
        element.apart = flags.apart
        if invisible:
            element.invisible = True
            self.invisible_open += 1
        if chrome:
            element.chrome = True
            self.chrome += 1
        if chrome or hidden or blank or invisible or tag in _SURVEYED:
            self.surveyed.append(element)
        if tag in _CELLS and attrs:
            for key, value in attrs:
                if key == "rowspan":
                    element.row_span = span_value(value, 1)
                elif key == "colspan":
                    element.col_span = span_value(value, 1)
        elif tag == "table":
            for open_element in self.stack:
                if open_element.tag == "table":
                    open_element.has_table = True
        elif tag in ("article", "main"):
            self.in_article += 1
        self.kept += 1
        if self.kept > self.max_kept:
            self._too_many()
        if len(stack) > self.limits.max_nesting_depth:
            # Past the limit, the innermost element is closed first, as if its end tag had
            # been left out: pages with hundreds of unclosed <div>s are read (as browsers
            # read them) in bounded time, their blocks side by side instead of nested.
            self.flattened += 1
            self._pop_to(len(stack) - 1, at)
        stack[-1].children.append(element)
        stack.append(element)
        self.open_tags[tag] = self.open_tags.get(tag, 0) + 1
        return True

    def end_tag(self, tag: str, at: int, end: int) -> None:
        """An end tag from ``at`` to ``end``."""
        if tag not in BLOCKS:
            if tag == _BR:  # </br> is a line break, as in browsers
                self.stack[-1].children.append(Element(_BR, at))
                return
            if not self.inline_open or self._nest(tag, -1):
                return
        found = self._find((tag,), _NO_SCOPE if tag == "table" else _TABLE) if tag != "html" else -1
        if found > 0:
            self._pop_to(found, end)
        elif tag == "tbody" and self.open_tags.get("table"):
            # Rows written directly in a table are in a <tbody> browsers imply: this ends it
            # (and its open row), and rows after it start another (spans stop at its end).
            found = self._find(_TABLE, _NO_SCOPE)
            table = self.stack[found]
            if table.body_open:
                self._pop_to(found + 1, end)
                table.body_open = False
                table.children.append(Element(IMPLIED_BODY_END, at))


class Tree:
    """A page's element tree and what building it found."""

    __slots__ = (
        "broken",
        "chrome",
        "fed",
        "flattened",
        "root",
        "runs",
        "surveyed",
        "title",
        "unclosed",
        "unsure",
    )

    def __init__(self, builder: _Builder, fed: str, unclosed_comment: int) -> None:
        self.root = builder.root
        self.title = builder.title  #: where the text of the first <title> starts and ends
        self.fed = fed  #: the page as tokenized (what :func:`text_end` needs)
        #: elements closed early because they nested deeper than ``max_nesting_depth``
        self.flattened = builder.flattened
        self.chrome = builder.chrome  #: elements named like page chrome
        self.broken = builder.broken  #: where tags with a quote left open start
        self.runs = builder.runs  #: where each run of text starts, in page order
        #: chrome, hidden and skipped elements, tables and headings, in page order
        self.surveyed = builder.surveyed
        #: selectors of the page's sheets not applied that may hide or show text
        self.unsure = builder.unsure
        #: where markup left open that hides the rest of the page starts (an unclosed
        #: comment, a <script>, <title> … without its end tag), where the text it hides
        #: starts, and what it is
        self.unclosed = (
            (unclosed_comment, unclosed_comment + 4, "<!--")
            if unclosed_comment >= 0
            else builder.unclosed
        )


def build_tree(source: str, limits: Limits) -> Tree:
    """The element tree of ``source``."""
    fed, unclosed_comment = feedable(source)
    builder = _Builder(limits)
    builder.feed(fed)
    styles, read = set(builder.styles), builder.sheet_starts
    if not styles.issuperset(read):
        # "<style" in a comment, a script, an attribute or a <template> is no sheet: the page
        # is read again with only the sheets browsers apply (rare: most pages have none).
        builder = _Builder(limits)
        builder.feed(fed, [at for at in read if at in styles])
    end = len(fed)
    builder._pop_to(1, end)
    builder.root.end = end
    return Tree(builder, fed, unclosed_comment)


def text_end(fed: str, start: int) -> int:
    """Where the run of text that starts at ``start`` ends: at the next markup."""
    end = fed.find("<", start)
    return len(fed) if end < 0 else end

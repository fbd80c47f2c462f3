"""The markup a page's tables are made of, as regular expressions and readers of attributes.

Shared by the tokenizer (_html_tree) and the one-pass reader of plain tables
(_html_plain_table), so that both read a tag, a cell and its runs of text the same way. Every
pattern is matched in the page lowercased, offsets unchanged (see _html_prepare.lowered).
"""

from __future__ import annotations

import html
import re

__all__ = [
    "ASCII_LOWER",
    "ATTRS",
    "ATTRS_TO_FIRST_GT",
    "BLANK",
    "BLANK_TEXT",
    "CELL_TOKEN",
    "NAME_END",
    "QUOTED_GT",
    "STYLE_END",
    "STYLING",
    "STYLING_TAG",
    "SWALLOWED",
    "TAG_NAME",
    "TEXT_ELEMENTS",
    "attributes",
    "attributes_pattern",
    "cell_runs",
    "cell_token",
    "script_end",
    "several_runs",
    "span_value",
    "start_tag_rest",
    "styling_tag",
    "swallowed",
    "tags_end_at_first_gt",
]

# Inline tags that change nothing but the look of their text: the commonest tags of a page
# (pages saved from Word carry several per character), so a run of them is one token, and so
# is a table cell that holds text and styling tags only, unless a word in it may hide text or
# mark chrome (see _html_prepare.MARK). Either way the tokens are read as the tags they hold
# would be.
STYLING = (
    r"(?:span|font|b|strong|i|em|u|o:p|small|big|ins|nobr|abbr|label"
    r"|st1:[a-z]+|w:[a-z]+)"
)
_WS = "\t\n\r\f "  # the whitespace of markup, as browsers know it (not \xa0)
BLANK = rf"[{_WS}]*"


def attributes_pattern(excluded: str = "") -> str:
    """A tag's attributes up to its ">", tokenized as browsers tokenize them (the HTML
    standard's attribute states): a name runs to whitespace, "/", ">" or "=" (its first
    character may be "=", and quotes are characters of it); a value follows the "=" after a
    name, quoted (a ">" inside does not end the tag) or running to whitespace or ">" (an "="
    or quote inside is a character of it). Each character is read one way only, so that a
    token that fails to match fails in linear time. ``excluded``: characters no part may
    hold."""
    name = rf"[^{_WS}/>{excluded}][^{_WS}/>={excluded}]*(?![^{_WS}/>={excluded}])"
    value = (
        rf"""(?:"[^"{excluded}]*"|'[^'{excluded}]*'"""
        rf"""|[^{_WS}>"'{excluded}][^{_WS}>{excluded}]*(?![^{_WS}>{excluded}])|(?=>))"""
    )
    # After a name, whitespace and "=" start its value, never a name; the alternatives start
    # differently ("=" at once, most often; whitespace; neither), so that one reading is tried.
    ws = f"[{_WS}]+"
    after_name = rf"=(?:{value}|{ws}{value})|{ws}={BLANK}{value}|(?!{BLANK}=)"
    # Most tags have none: ">" at once is tried first (and, so, only).
    return rf"(?:(?=>)|(?!>)(?:[{_WS}/]*{name}(?:{after_name}))*[{_WS}/]*)"


ATTRS = attributes_pattern()
# A tag's attributes where it ends at its first ">": where no quoted value holds one (see
# QUOTED_GT), ATTRS reads the same (tests/test_html_tokens.py holds it to that).
ATTRS_TO_FIRST_GT = "[^>]*"
# A tag's name as html.parser and browsers read it, all of it (no attribute's characters).
TAG_NAME = r"[a-z][^\t\n\r\f />\x00]*(?![^\t\n\r\f />\x00])"
# What ends a tag's name: only the whitespace browsers know (``<td\xa0>`` is no cell).
NAME_END = r"(?=[\t\n\r\f />])"
# Where the text of a <style> ends (raw text: no other tag ends it).
STYLE_END = re.compile(rf"</style{NAME_END}")
# Elements besides <script>, <style>, <xmp> and <plaintext> whose content browsers read as
# text up to their end tag: their tags and comments are text ("<!--" in a <noscript> opens
# no comment). Browsers run scripts, so <noscript> is one of them.
TEXT_ELEMENTS = ("title", "textarea", "noscript", "iframe", "noembed", "noframes")
# ASCII letters lowered, as markup and CSS fold names (str.translate).
ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}


def start_tag_rest(attrs: str) -> str:
    """A start tag after its name, its attributes matched by ``attrs``; a quote left open
    to the page's end ends it at its first ">"."""
    return rf"(?:{attrs}>|[^>]*>)"


def styling_tag(attrs: str) -> str:
    """A styling tag whose attributes ``attrs`` matches."""
    return rf"</?{STYLING}{NAME_END}{attrs}>"


def cell_token(attrs: str) -> str:
    """A table cell of text and styling tags (in a plain <p> at most), after its "<", up to
    its end tag; its tags' attributes matched by ``attrs``."""
    return (
        rf"(?P<cell>td|th){NAME_END}(?P<cattrs>{attrs})>"
        rf"(?P<para><p(?=[\t\n\r\f >]){attrs}>)?"
        rf"(?P<ctext>[^<]*(?:{styling_tag(attrs)}[^<]*)*)"
        rf"(?:</p{BLANK}>)?(?P<cend></(?P=cell){BLANK}>)"
    )


STYLING_TAG = styling_tag(ATTRS)
CELL_TOKEN = cell_token(ATTRS)

# What changes the state of a script's text (the HTML standard's script data states): "<!--"
# starts an escaped part, "<script" in one a double-escaped part (old pages wrap
# ``document.write('<script …></script>')`` in a comment), "</script" ends the script or
# the double-escaped part, "-->" ends either part.
_SCRIPT_STATE = re.compile(r"<!--|-->|<(/?)script(?=[\t\n\r\f />])", re.I)


def script_end(page: str, pos: int, stop: int) -> int:
    """Where the end tag of the script whose text starts at ``pos`` starts, as browsers find
    it: the first ``</script`` that is not inside a double-escaped part; ``stop`` when there
    is none before it."""
    escaped = double = False
    while True:
        m = _SCRIPT_STATE.search(page, pos, stop)
        if m is None:
            return stop
        mark = m.group()
        if mark == "<!--":
            escaped = True
            pos = m.start() + 2  # its dashes end it at once in "<!-->"
        elif mark == "-->":
            escaped = double = False
            pos = m.end()
        elif m.group(1):  # "</script"
            if not double:
                return m.start()
            double = False
            pos = m.end()
        else:  # "<script"
            double = escaped
            pos = m.end()


# A table's own tags inside an attribute's value: a quote left open swallowed them (browsers
# do the same, and the row shifts on screen too), worth a warning (P419).
SWALLOWED = re.compile(r"</?(?:td|th|tr|table)[\s/>]")


def swallowed(low: str, start: int, end: int) -> bool:
    """Whether a table's tags are in ``low[start:end]``, a span of styling tags and text in
    which they can only be inside an attribute's value."""
    return (low.find("<t", start, end) >= 0 or low.find("</t", start, end) >= 0) and (
        SWALLOWED.search(low, start, end) is not None
    )


# Text that shows nothing: whitespace (no-break spaces too, and the fillers of blanked inline
# tags, U+0001) and no-break space references.
BLANK_TEXT = re.compile(r"(?:[\s\x01]|&nbsp;?|&#160;|&#x0*a0;)*", re.I)
_STYLING_TAGS = re.compile(STYLING_TAG)
# A cell's content of one run of text between tags that hold no "<" (in a cell token, those
# are styling tags). Tags start with "<" and the run holds none, so each character is read
# one way only.
_SIMPLE_TAG = rf"</?[a-z][^{_WS}/><]*(?![^{_WS}/><]){attributes_pattern('<')}>"
_ONE_RUN = re.compile(rf"(?:{_SIMPLE_TAG})*([^<]+)(?:{_SIMPLE_TAG})*")
# One attribute in a tag's attributes as ATTRS finds them (see attributes_pattern).
_ATTR = re.compile(
    rf"""([^{_WS}/>][^{_WS}/=>]*)"""
    rf"""(?:{BLANK}={BLANK}('[^']*'|"[^"]*"|(?!['"])[^{_WS}>]*))?"""
)
# What keeps a tag from ending at its first ">": a ">" in a quoted value (or before a quote
# left open: the value runs on), or a ">" in text, which follows another ">" with no "<"
# between. Without one (and without a ">" before the first "<"), the tags of a cell's content
# are each "<" to the next ">".
_GT_IN_TEXT = re.compile(r">[^<]*>")
# A quoted value that holds a ">" (or a quote left open up to one). Apart from _GT_IN_TEXT:
# a pattern with one literal start is searched far faster than an alternation.
QUOTED_GT = re.compile(rf"""={BLANK}(?:"[^"]*>|'[^']*>)""")
_RUN_AFTER_TAG = re.compile(r">(?=[^<])")
_DIGITS = re.compile(rf"{BLANK}\+?([0-9]{{1,7}})")  # as browsers read spans: ASCII only


def attributes(raw: str) -> list[tuple[str, str | None]]:
    """A tag's attributes (``raw``: what follows its name) as (name, value) pairs in order;
    of two with one name, the first (browsers drop the second)."""
    out: list[tuple[str, str | None]] = []
    seen: set[str] = set()
    for name, value in _ATTR.findall(raw):
        if name in seen:
            continue
        seen.add(name)
        if value[:1] in ("'", '"'):
            value = value[1:-1]
        if "&" in value:
            value = html.unescape(value)
        out.append((name, value or None))
    return out


def span_value(value: str | None, default: int) -> int:
    """A ``rowspan`` or ``colspan`` value as browsers read it; ``default`` when it is none."""
    m = _DIGITS.match(value or "")
    return default if m is None else int(m.group(1))


def tags_end_at_first_gt(low: str, start: int, end: int) -> bool:
    """Whether each tag of ``low[start:end]`` (text and tags, as a cell's content) ends at
    the first ">" after its "<", so that a simple pattern finds them."""
    first = low.find("<", start, end)
    if first < 0:
        return True
    return (
        low.find(">", start, first) < 0
        and _GT_IN_TEXT.search(low, first, end) is None
        and QUOTED_GT.search(low, first, end) is None
    )


def cell_runs(low: str, start: int, end: int) -> list[int]:
    """Where the runs of text of a cell's content ``low[start:end]`` start (see CELL_TOKEN:
    text and styling tags), as reading it tag by tag finds them."""
    if low.find("<", start, end) < 0:
        return [start] if end > start else []
    # Most cells: one run between styling tags (<span>12</span>), whose quoted values (if
    # any) hold no "<" or ">", so that each ends at its first ">".
    one = _ONE_RUN.fullmatch(low, start, end)
    if one is not None:
        return [one.start(1)]
    return several_runs(low, start, end)


def several_runs(low: str, start: int, end: int) -> list[int]:
    """:func:`cell_runs` of content known to hold more than one run of text."""
    if tags_end_at_first_gt(low, start, end):
        # Each tag ends at its first ">": a run starts after each tag that text follows.
        runs = [m.end() for m in _RUN_AFTER_TAG.finditer(low, start, end)]
        if low[start] != "<":
            runs.insert(0, start)
        return runs
    runs = []
    at = start
    for tag in _STYLING_TAGS.finditer(low, start, end):
        if tag.start() > at:
            runs.append(at)
        at = tag.end()
    if end > at:
        runs.append(at)
    return runs

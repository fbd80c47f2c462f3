"""The markup a page's tables are made of, as regular expressions and readers of attributes.

Shared by the tokenizer (_html_tree) and the one-pass reader of plain tables
(_html_plain_table), so that both read a tag, a cell and its runs of text the same way. Every
pattern is matched in the page lowercased, offsets unchanged (see _html_tree._lowered).
"""

from __future__ import annotations

import html
import re

__all__ = [
    "ATTRS",
    "BLANK",
    "BLANK_TEXT",
    "CELL_TOKEN",
    "NAME_END",
    "QUOTED_GT",
    "STYLING",
    "STYLING_TAG",
    "SWALLOWED",
    "attributes",
    "cell_runs",
    "span_value",
    "swallowed",
    "tags_end_at_first_gt",
]

# Inline tags that change nothing but the look of their text: the commonest tags of a page
# (pages saved from Word carry several per character), so a run of them is one token, and so
# is a table cell that holds text and styling tags only, unless a word in it may hide text or
# mark chrome (see _html_tree._MARK). Either way the tokens are read as the tags they hold
# would be.
STYLING = (
    r"(?:span|font|b|strong|i|em|u|o:p|small|big|sup|sub|s|strike|ins|del|nobr|abbr|label"
    r"|st1:[a-z]+|w:[a-z]+)"
)
BLANK = r"[\t\n\r\f ]*"  #: the whitespace of markup, as browsers know it (not \xa0)
# A tag's attributes up to its ">": a ">" in a quoted value does not end it, and a quote
# opens a value only after "=" (a stray one is a character of a name, as in browsers). Each
# character can be read one way only, so that a token that fails to match fails in linear time.
ATTRS = rf"""[^>="']*(?:(?:=(?:{BLANK}"[^"]*"|{BLANK}'[^']*'|(?!{BLANK}["']))|["'])[^>="']*)*"""
# What ends a tag's name: only the whitespace browsers know (``<td\xa0>`` is no cell).
NAME_END = r"(?=[\t\n\r\f />])"
STYLING_TAG = rf"</?{STYLING}{NAME_END}{ATTRS}>"
# A table cell of text and styling tags (in a plain <p> at most), after its "<", up to its
# end tag.
CELL_TOKEN = (
    rf"(?P<cell>td|th){NAME_END}(?P<cattrs>{ATTRS})>"
    rf"(?P<para><p(?=[\t\n\r\f >]){ATTRS}>)?(?P<ctext>[^<]*(?:{STYLING_TAG}[^<]*)*)"
    rf"(?:</p{BLANK}>)?(?P<cend></(?P=cell){BLANK}>)"
)

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
# A cell's content of one run of text between tags whose quoted values hold no "<" or ">"
# (in a cell token, those are styling tags, each ending at its first ">"). Tags start with
# "<" and the run holds none, so each character is read one way only.
_SIMPLE_TAG = r"""<[^<>"']*(?:(?:"[^"<>]*"|'[^'<>]*')[^<>"']*)*>"""
_ONE_RUN = re.compile(rf"(?:{_SIMPLE_TAG})*([^<]+)(?:{_SIMPLE_TAG})*")
# Attributes as browsers read them (names lowercased, values unquoted; ASCII whitespace only).
_ATTR = re.compile(
    r"""([^\t\n\r\f />][^\t\n\r\f /=>]*)"""
    r"""(?:[\t\n\r\f ]*=+[\t\n\r\f ]*('[^']*'|"[^"]*"|(?!['"])[^\t\n\r\f >]*))?"""
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
    """A tag's attributes (``raw``: what follows its name) as (name, value) pairs in order."""
    out: list[tuple[str, str | None]] = []
    for name, value in _ATTR.findall(raw):
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

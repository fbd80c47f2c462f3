"""The passes over a whole page before it is tokenized: made safe to tokenize (offsets
unchanged), lowered, and the words found that may hide text or mark chrome.

These are the passes of the C regex engine and the string methods over every character of a
page, which on a large page (saved from Word: 150 KB for 4 KB of text) cost more than the rest
of reading it; each is written to touch every character as few times as it can.
"""

from __future__ import annotations

import re

from gikparse.readers._html_markup import (
    ASCII_LOWER,
    ATTRS,
    ATTRS_TO_FIRST_GT,
    NAME_END,
    QUOTED_GT,
    TAG_NAME,
    TEXT_ELEMENTS,
    script_end,
    start_tag_rest,
)

__all__ = ["MARK", "feedable", "lowered", "marks"]

_WS = "\t\n\r\f "  # the whitespace of markup and CSS
# Words that may hide text, set it apart or mark chrome, found in the page (see marks). A
# token of the shortcuts with one inside is read tag by tag; a word that only looks like one
# ("valid", a word of the text) costs that, no more. Each is (the letters it starts with,
# its pattern): no two match at one position, and none can start inside a match of itself,
# so each can be found on its own (see _marks_word_by_word).
_MARK_WORDS = (
    ("display", "display"),
    ("visibility", "visibility"),
    ("mso-hide", "mso-hide"),
    ("hidden", "hidden"),
    ("id", r"id(?<!\wid)\b"),
    # Word's classes name no chrome.
    ("class", r"class(?!\s*=\s*(?:\"mso\w*\"|'mso\w*'|mso\w*(?=[\s/>])))"),
    # Raised, lowered or struck-out text (see _html_style.sets_apart); not where a style
    # aligns a box on the line (a table cell's common vertical-align:middle).
    ("line-through", "line-through"),
    ("relative", "relative"),  # position:relative, as Word saves raised text
    ("float", "float"),  # a footnote mark floated to the cell's edge
    (
        "vertical-align",
        rf"vertical-align(?![{_WS}]*:[{_WS}]*(?:baseline|middle|top|bottom)[{_WS}]*[;\"'>])",
    ),
    # A CSS escape may spell any of them in a style (disp\lay:none).
    ("\\", r"\\"),
)
MARK = re.compile("|".join(pattern for _, pattern in _MARK_WORDS))
# Each word alone: a pattern that starts with a literal word is searched several times faster
# than the alternation, and str.find skips a word the page lacks faster still.
_EACH_MARK = tuple((start, re.compile(pattern)) for start, pattern in _MARK_WORDS)


# One search for all the words stops at each letter they start with, common in markup, rare
# in text: on a page that is mostly text it is the faster.
_MARKS_MOST_NON_ASCII = 1 / 3


def marks(low: str) -> list[int]:
    """Where ``MARK.finditer(low)`` finds its words (word by word on a page of markup)."""
    if _non_ascii_share(low) > _MARKS_MOST_NON_ASCII:
        return [m.start() for m in MARK.finditer(low)]
    return _marks_word_by_word(low)


def _marks_word_by_word(low: str) -> list[int]:
    """Where ``MARK.finditer(low)`` finds its words, one search per word: a page of markup
    has few of them (most have none of the rare ones), so that is cheaper than one for all."""
    found: list[tuple[int, int]] = []
    words = 0
    for start, pattern in _EACH_MARK:
        if start in low:
            before = len(found)
            found.extend(m.span() for m in pattern.finditer(low))
            words += len(found) > before
    if words > 1:
        found.sort()
    # As finditer reads them, left to right, each after the last one's end.
    marks: list[int] = []
    end = 0
    for at, stop in found:
        if at >= end:
            marks.append(at)
            end = stop
    return marks


# The share of a page's characters that are non-ASCII is judged by this many of them,
# evenly spaced (see marks).
_SAMPLE = 1024


def lowered(page: str) -> str:
    """``page`` with its ASCII letters in lower case, character for character (so offsets
    stay): the markup is matched in it, which is several times faster than matching ignoring
    case. Only ASCII is read in it: other characters may come out as other non-ASCII ones."""
    if page.isascii():
        return page.lower()
    # Through UTF-16 bytes, lowered as ASCII: 3x faster than str.lower() on a page with
    # Chinese text. A byte of a non-ASCII character may be lowered too, which changes it into
    # another non-ASCII character, never into ASCII (its other byte is not zero); two code
    # points that make a surrogate pair would become one character, so offsets are checked.
    data = page.encode("utf-16-le", "surrogatepass").lower()
    low = data.decode("utf-16-le", "surrogatepass")
    return low if len(low) == len(page) else page.translate(ASCII_LOWER)


def _non_ascii_share(page: str) -> float:
    """The share of the characters of ``page`` that are non-ASCII, judging by a sample."""
    if page.isascii():
        return 0.0
    sample = page[:: max(1, len(page) // _SAMPLE)]
    return 1 - len(sample.encode("ascii", "ignore")) / len(sample)


_COMMENT = re.compile(r"<!--(?:-?>|.*?--!?>)", re.S)
# Elements whose content browsers read as text, where "<!--" starts no comment.
_TEXT_ELEMENTS = ("script", "style", "xmp", *TEXT_ELEMENTS)
_TEXT_END = {name: re.compile(rf"</{name}{NAME_END}", re.I) for name in _TEXT_ELEMENTS}


def _markup_pattern(attrs: str) -> re.Pattern[str]:
    """The page's markup token by token as the tokenizer reads it (_html_tree._each_tag),
    tags' attributes matched by ``attrs``: a tag ends at its first ">" outside a quoted value,
    so "<!--" in a value opens no comment; a tag or bogus comment without a ">" runs to the
    page's end."""
    return re.compile(
        r"<(?:!--(?:-?>|.*?--!?>|(?P<unclosed>))"
        rf"|(?P<text>{'|'.join(_TEXT_ELEMENTS)}){NAME_END}{start_tag_rest(attrs)}"
        rf"|/?{TAG_NAME}{start_tag_rest(attrs)}"
        r"|[!?/][^>]*>|(?P<unfinished>[a-z!?]|/.))",
        re.I | re.S,
    )


_MARKUP = _markup_pattern(ATTRS)
# Where no quoted value holds a ">", every tag ends at its first (see ATTRS_TO_FIRST_GT).
_MARKUP_TO_FIRST_GT = _markup_pattern(ATTRS_TO_FIRST_GT)
# Raw text that would read as markup without a way to end it: handled before tokenizing.
_STRAY_LT = re.compile(r"<(?![A-Za-z/!?])")
# After the page's last ">": a tag (or bogus comment) the page ends in, which browsers drop
# (``<``, and ``</`` at the very end, are text).
_UNFINISHED_TAG = re.compile(r"<(?:[A-Za-z!?]|/.)", re.S)


# Comments are found by their "!", rare in markup and found fast (one character is searched
# for with memchr); after this many "!" that start none, by their "<!--".
_SCOUTS = 16


def _last_comment(source: str) -> int:
    """``source.rfind("<!--")``, led by the last "!"s of the page."""
    end = len(source)
    for _ in range(_SCOUTS):
        at = source.rfind("!", 0, end)
        if at < 1:
            return -1
        if source.startswith("<!--", at - 1):
            return at - 1
        end = at  # a comment before starts before end - 1
    return source.rfind("<!--", 0, end + 3)


def _unclosed_comment(source: str) -> int:
    """Where the first comment left unclosed starts, as a browser reads the page's markup
    in turn; -1 when there is none."""
    # A comment left open leaves the last one open: an end after the last would end it too.
    # So a page whose last comment ends (nearly every page) needs no walk through its tags.
    last = _last_comment(source)
    if last < 0 or _COMMENT.match(source, last) is not None:
        return -1
    markup = _MARKUP if QUOTED_GT.search(source) else _MARKUP_TO_FIRST_GT
    pos = 0
    while (found := markup.search(source, pos)) is not None:
        if found.group("unclosed") is not None:
            return found.start()
        if found.group("unfinished") is not None:
            return -1
        pos = found.end()
        name = found.group("text")
        if name is not None:  # its text holds no comment ("<!--" in a script is text)
            name = name.lower()
            if name == "script":
                end = _TEXT_END[name].match(source, script_end(source, pos, len(source)))
            else:
                end = _TEXT_END[name].search(source, pos)
            if end is None:
                return -1
            pos = end.start()  # its end tag is read as a tag
    return -1


def feedable(source: str) -> tuple[str, int]:
    """``source`` made safe to tokenize, offsets unchanged: a ``<`` that starts no markup
    becomes U+0000, which is text (the layout reads it back as ``<``); an unclosed comment,
    and a tag the page ends in, end the page, as in browsers. Every ``<`` left starts a token
    (``<![CDATA[…]]>`` and other ``<!…>`` are bogus comments to their first ``>``, as
    browsers read them in HTML). A NUL in the page becomes U+0001, which shows nothing
    (browsers drop it from text); the page's own U+0001 becomes U+FFFD. With it, where the
    unclosed comment that ends the page starts (-1 when none does)."""
    if "\x01" in source:
        source = source.replace("\x01", "\ufffd")
    if "\x00" in source:
        source = source.replace("\x00", "\x01")
    unclosed = _unclosed_comment(source)
    if unclosed >= 0:
        source = source[:unclosed]
    last = source.rfind(">")
    if last + 1 < len(source) and "<" in source[last + 1 :]:
        unfinished = _UNFINISHED_TAG.search(source, last + 1)
        if unfinished is not None:
            source = source[: unfinished.start()]
        source = source[: last + 1] + source[last + 1 :].replace("<", "\x00")
    return _STRAY_LT.sub("\x00", source), unclosed

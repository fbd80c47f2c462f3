"""Markdown markup that text copied from reports carries: headings, emphasis, lists, links."""

from __future__ import annotations

import re  # these patterns need no Unicode properties; plain re runs them faster

from gikparse.readers._apart import runs_on

__all__ = ["heading_level", "is_table_rule", "strip_inline", "strip_list_marker"]

_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_LIST = re.compile(r"^\s*(?:[-*+]|>)\s+")
# Link text without brackets, a target without parentheses, an autolink without "<": each
# scan stops at the next opening mark, so a run of "[" or "<http://" stays linear.
_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)")
_AUTOLINK = re.compile(r"<((?:https?://|www\.)[^<>\s]+)>")
_EMPHASIS = re.compile(r"(\*\*|__|~~)")
_SINGLE_STAR = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_INLINE_TAG = re.compile(r"</?(?:b|strong|em|i|span|u)\b[^>]*>", re.IGNORECASE)
# Line breaks and paragraphs in a cell (converters from PDF and Word write them): the lines
# of a cell, joined as a web page's are (Chinese text runs on, other text gets a space: 1721
# over 699 is no one number).
_LINE_BREAKS = re.compile(r"(?:</?(?:br|p)\b[^>]*>)+", re.IGNORECASE)
_MARKUP_CHARS = re.compile(r"[*_~\[<\\]")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")


def heading_level(line: str) -> tuple[int, str]:
    """(level, heading text) for an ATX heading line, else (0, line)."""
    m = _HEADING.match(line)
    if m is None:
        return 0, line
    return len(m.group(1)), m.group(2)


def is_table_rule(line: str) -> bool:
    """True for a pipe table's delimiter row such as ``|---|:--:|``."""
    return "-" in line and _TABLE_RULE.match(line) is not None


def strip_list_marker(line: str) -> str:
    """``line`` without a leading list marker; the same object when it has none."""
    m = _LIST.match(line)
    return line if m is None else line[m.end() :]


def strip_inline(text: str) -> str:
    """Text without emphasis, links (their text is kept), inline HTML and escapes."""
    if _MARKUP_CHARS.search(text) is None:
        return text
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _INLINE_TAG.sub("", text)
    text = _LINE_BREAKS.sub(_line_break, text)
    text = _EMPHASIS.sub("", text)
    text = _SINGLE_STAR.sub(r"\1", text)
    return _ESCAPE.sub(r"\1", text)


def _line_break(m: re.Match[str]) -> str:
    text, start, end = m.string, m.start(), m.end()
    if start > 0 and end < len(text) and not (runs_on(text[start - 1]) or runs_on(text[end])):
        return " "
    return ""

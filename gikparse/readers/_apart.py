"""Text set apart (a superscript, a subscript, struck-out text, the lines of a cell): what
its edges look at.

Shared by the readers, so that all set the same digits apart.
"""

from __future__ import annotations

__all__ = ["APART_TAGS", "INVISIBLE", "LETTERS_AND_DIGITS", "full_width_latin", "runs_on"]

# Characters that show nothing (editors leave zero-width spaces in inline elements, Word a
# soft hyphen): an edge looks past them to the characters shown on either side.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\xad"
# The letters and digits, ASCII and full-width, that an edge sets apart (a character class's
# content): 5 and a raised 1 are 5 1; Chinese text runs on (注 and a raised 1 are 注1).
LETTERS_AND_DIGITS = "0-9A-Za-z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"
# The web page's elements whose text stands apart by their tag.
APART_TAGS = frozenset({"sup", "sub", "s", "strike", "del"})


def full_width_latin(ch: str) -> bool:
    """Whether ``ch`` is a full-width letter or digit (``１``, ``Ａ``) or the full-width comma
    or period numbers are written with: wide, but no Chinese text, so the lines of a cell
    that end and start in one are apart, as ASCII ones are (``１２`` over ``３４`` is two
    numbers, never 1234; ``１２．`` over ``５`` no 12.5)."""
    return ("\uff10" <= ch <= "\uff5a" and ch.isalnum()) or ch in "，．"


def runs_on(ch: str) -> bool:
    """Whether the line of a cell that ends (or the next that starts) in ``ch`` runs on
    without a space, as a wrapped label: Chinese text and its punctuation do; other text,
    ASCII or full-width letters and digits, gets a space between lines."""
    return ord(ch) >= 0x2E80 and not full_width_latin(ch)

"""Views: folded, compacted text with a map back to the original offsets."""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from typing import Literal

import attrs
import regex

_DASHES = dict.fromkeys(map(ord, "—–―‐‑−﹣－"), "-")


_DROP = frozenset(" \t\r\f\v\u00a0\u2002\u2003\u2009\u200b\u3000\ufeff*")


_NewlineMode = Literal["keep", "paragraph", "drop"]


def _fold_char(ch: str) -> str:
    folded = unicodedata.normalize("NFKC", ch)
    if len(folded) != 1:
        folded = ch
    return folded.translate(_DASHES)


class _FoldTable(dict[int, str]):
    """Code point → folded character, each folded once, on first sight."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


# Most of a report is ASCII, CJK Unified Ideographs (no decompositions) and a few CJK marks,
# all of which fold to themselves: only the rest need looking up. Plain ``re`` scans for them
# several times faster than ``str.translate`` looks up every character.
_SELF_FOLDING = "".join(ch for ch in "、。《》〔〕【】「」“”‘’…" if _fold_char(ch) == ch)


_SELF_FOLDING_RUNS = re.compile("[\x00-\x7f\u4e00-\u9fff" + re.escape(_SELF_FOLDING) + "]+")


@functools.lru_cache(maxsize=16)
def _fold(text: str) -> str:
    """Per-character NFKC and one dash; same length as ``text``."""
    if text.isascii():
        return text
    # One replace per distinct character that folds: a folded character folds to itself, so
    # the order of the replacements does not matter.
    for ch in set(_SELF_FOLDING_RUNS.sub("", text)):
        folded = _FOLD_TABLE[ord(ch)]
        if folded != ch:
            text = text.replace(ch, folded)
    return text


# Plain ``re``: a class of literal characters, substituted faster than by ``regex``.
_SEPARATORS = re.compile("[\n" + "".join(map(re.escape, sorted(_DROP))) + "]+")


_DROP_CHARS = tuple(sorted(_DROP))


_SEPARATOR_CHARS = (*_DROP_CHARS, "\n")


def _without(text: str, chars: tuple[str, ...]) -> str:
    """``text`` without any of ``chars``. Few of them occur in a text: a test and a replace for
    each is several times faster than one regex substitution."""
    for ch in chars:
        if ch in text:
            text = text.replace(ch, "")
    return text


@attrs.frozen
class _View:
    """Compacted text of ``folded`` (see :func:`_view`) and the way back to its offsets.

    Most views are only searched; the map back is built on the first :meth:`span`.
    """

    text: str
    folded: str  # same length as the original text
    newlines: _NewlineMode

    def _origin(self, index: int) -> int:
        if index >= len(self.text):
            return len(self.folded)
        run_starts, run_origins = _runs(self.folded, self.newlines)
        run = bisect.bisect_right(run_starts, index) - 1
        return run_origins[run] + index - run_starts[run]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of ``text[start:end]``."""
        if end <= start:
            origin = self._origin(start)
            return origin, origin
        return self._origin(start), self._origin(end - 1) + 1


def _paragraph_break(m: re.Match[str]) -> str:
    return "\n" if m.group().count("\n") >= 2 else ""


@functools.lru_cache(maxsize=32)
def _view(text: str, newlines: _NewlineMode) -> _View:
    """Folded ``text`` without whitespace and ``*``.

    ``newlines``: ``keep`` every line break, keep one for a ``paragraph`` break (a blank line),
    or ``drop`` them all.
    """
    folded = _fold(text)
    if newlines == "keep":
        compact = _without(folded, _DROP_CHARS)
    elif newlines == "paragraph":
        compact = _SEPARATORS.sub(_paragraph_break, folded)
    else:
        compact = _without(folded, _SEPARATOR_CHARS)
    return _View(compact, folded, newlines)


@functools.lru_cache(maxsize=32)
def _runs(folded: str, newlines: _NewlineMode) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Where each run of kept characters starts in the view's text and in ``folded``: the same
    pieces :func:`_view` keeps, counted one by one."""
    run_starts: list[int] = []
    run_origins: list[int] = []
    length = 0

    def keep(size: int, origin: int) -> None:
        nonlocal length
        run_starts.append(length)
        run_origins.append(origin)
        length += size

    pos = 0
    for m in _SEPARATORS.finditer(folded):
        start, end = m.span()
        if start > pos:
            keep(start - pos, pos)
        if newlines == "keep":
            at = folded.find("\n", start, end)
            while at >= 0:
                keep(1, at)
                at = folded.find("\n", at + 1, end)
        elif newlines == "paragraph" and folded.count("\n", start, end) >= 2:
            keep(1, folded.index("\n", start, end))
        pos = end
    if pos < len(folded):
        keep(len(folded) - pos, pos)
    return tuple(run_starts), tuple(run_origins)


_HAN_PAIR_SPACE = regex.compile(r"(?<=\p{Han})\s+(?=\p{Han})")


_SPACES = regex.compile(r"\s+")


_FULLWIDTH_ALNUM = {
    **{0xFF10 + i: chr(0x30 + i) for i in range(10)},
    **{0xFF21 + i: chr(0x41 + i) for i in range(26)},
    **{0xFF41 + i: chr(0x61 + i) for i in range(26)},
}


def _tidy(value: str) -> str:
    """``value`` with half-width digits and letters, no spaces between two Han characters and
    other whitespace runs collapsed; brackets and punctuation stay as written."""
    value = value.translate(_FULLWIDTH_ALNUM).replace("*", "")
    value = _HAN_PAIR_SPACE.sub("", value)
    return _SPACES.sub(" ", value).strip()


_EDGE_JUNK = "；;。，,、.:：!！?？ \t\n()（）[]【】〔〕<>《》\"'“”‘’「」"


_PUNCT = "；;。，,、.:：!！?？ \t\n\"'“”‘’"


_PAIRS = {")": "(", "）": "（", "]": "[", "】": "【", "〕": "〔", ">": "<", "》": "《", "」": "「"}


_OPENERS = frozenset(_PAIRS.values())


def _trim(value: str) -> str:
    """``value`` without edge punctuation, edge openers, and closers that close nothing inside.

    ``安宁市人民路1号(市政府大楼)`` keeps its bracket; ``…408办公室）`` loses its stray one.
    """
    while True:
        before = value
        value = value.strip(_PUNCT)
        if value and value[0] in _PAIRS:
            value = value[1:]
        if value and value[-1] in _OPENERS:
            value = value[:-1]
        if (
            value
            and value[-1] in _PAIRS
            and value.count(_PAIRS[value[-1]]) < value.count(value[-1])
        ):
            value = value[:-1]
        if value and value[0] in _OPENERS:
            closer = next(k for k, v in _PAIRS.items() if v == value[0])
            if value.count(closer) < value.count(value[0]):
                value = value[1:]
        if value == before:
            return value

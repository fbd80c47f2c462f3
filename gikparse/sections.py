"""Splitting a Document into title, preamble, the six sections and a signature."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

import attrs
import regex

from gikparse.normalize import has_han, normalize, split_ordinal
from gikparse.readers.document import Document, Line
from gikparse.schema import SECTIONS, SectionSpec

__all__ = ["Outline", "SectionSpan", "split_sections"]

_MAX_HEADING = 40
_SENTENCE_END = regex.compile(r"[。；;]")
_DATE = regex.compile(
    r"^\s*(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
    r"\s*[\d一二三四五六七八九十]{1,3}\s*日\s*$|^\s*\d{4}[-./]\d{1,2}[-./]\d{1,2}\s*$"
)
_PUNCTUATION_OR_DIGIT = regex.compile(r"[.。，,：:；;、!！?？\d]")
# Normalised once here rather than for every line tested.
_NORMALIZED_HEADINGS = tuple((spec, normalize(spec.heading)) for spec in SECTIONS)
# Every heading contains one of these: one search rules out most short lines.
_PHRASES = {p for spec in SECTIONS for p in spec.phrases} | {h for _, h in _NORMALIZED_HEADINGS}
# Plain ``re``: the phrases are literals, and its per-call cost is a third of ``regex``'s.
_ANY_PHRASE = re.compile("|".join(map(re.escape, sorted(_PHRASES))))


@attrs.frozen
class SectionSpan:
    """A section's heading line and the lines of its body, as indexes into ``Document.lines``."""

    spec: SectionSpec
    heading: int
    start: int
    end: int


@attrs.frozen
class Outline:
    title: tuple[int, ...]
    preamble: tuple[int, int]
    sections: tuple[SectionSpan, ...]
    signature: tuple[int, ...]
    #: Lines where a second run of headings starts (一、 or 二、 after the 三、 of the accepted
    #: run): a text holding two reports, of which only the first is parsed.
    restarts: tuple[int, ...] = ()

    def section(self, section_id: str) -> SectionSpan | None:
        for span in self.sections:
            if span.spec.id == section_id:
                return span
        return None


def _single_text(line: Line) -> str | None:
    """The text of the line's one non-empty cell, or ``None`` (blank, or several cells)."""
    found = None
    for cell in line.cells:
        if cell.text:
            if found is not None:
                return None  # a table row: no heading, title or signature
            found = cell.text
    return found


def heading_section(text: str, after: int = 0) -> SectionSpec | None:
    """The section ``text`` heads, if it is a heading of a section numbered above ``after``."""
    found = _heading(text)
    return found[0] if found is not None and found[0].number > after else None


def _heading(text: str) -> tuple[SectionSpec, bool] | None:
    """(section, whether its ordinal is bracketed like ``（六）``) if ``text`` is a heading."""
    stripped = text.strip()
    if len(stripped) > 2 * _MAX_HEADING or stripped.isascii():
        return None  # numbers and long paragraphs: most lines, cheaply
    key = normalize(text)
    if not key or len(key) > _MAX_HEADING:
        return None
    found = _heading_of(key)  # first: cached, and it rules out most lines
    if found is None or not has_han(stripped) or _SENTENCE_END.search(stripped[:-1]):
        return None
    return found


@functools.lru_cache(maxsize=8192)
def _heading_of(key: str) -> tuple[SectionSpec, bool] | None:
    """:func:`_heading` of a short normalised line. Cached: such lines are mostly the template's
    headings and labels, printed alike in every report."""
    if _ANY_PHRASE.search(key) is None:
        return None  # most lines: no heading phrase at all
    number, _, rest = split_ordinal(key)
    if number is not None:
        for spec in SECTIONS:
            if number == spec.number and any(p in rest for p in spec.phrases):
                return spec, key.startswith("(")
        return None
    for spec, heading in _NORMALIZED_HEADINGS:
        if heading in key:
            return spec, False
    return None


def _is_signature_line(text: str) -> bool:
    key = normalize(text)
    if not key or len(key) > 30:
        return False
    if _DATE.match(text):
        return True
    return _PUNCTUATION_OR_DIGIT.search(key) is None


def split_sections(doc: Document) -> Outline:
    """Find the six section headings (in order, tolerant of their variants) and the rest."""
    lines = doc.lines
    candidates: list[tuple[int, SectionSpec, bool]] = []
    for index, line in enumerate(lines):
        cells = line.cells
        # Inlined for the one-cell lines of prose; an ASCII text (a number) heads nothing.
        text = cells[0].text if len(cells) == 1 else _single_text(line)
        if not text or text.isascii():
            continue
        found = _heading(text)
        if found is not None:
            candidates.append((index, *found))
    accepted = _accepted(candidates)
    restarts = _restarts(candidates, accepted)
    end_of_text = len(lines)
    if restarts:
        # Two reports in one text: the first one's ends where the second's title starts, and
        # its headings are the ones before that (never the second's 六 for its own).
        end_of_text = _second_report(lines, restarts[0])
        accepted = _accepted([c for c in candidates if c[0] < end_of_text])
    spans = [accepted[n] for n in sorted(accepted)]
    first = spans[0][1] if spans else len(lines)
    title = _title_lines(lines[:first])
    preamble_start = (title[-1] + 1) if title else 0
    signature = _signature_lines(lines[:end_of_text], spans[-1][1] + 1 if spans else first)
    end_of_body = signature[0] if signature else end_of_text
    sections = []
    for i, (spec, index) in enumerate(spans):
        end = spans[i + 1][1] if i + 1 < len(spans) else end_of_body
        sections.append(SectionSpan(spec, index, index + 1, end))
    return Outline(
        tuple(title), (preamble_start, first), tuple(sections), tuple(signature), restarts
    )


def _accepted(
    candidates: Sequence[tuple[int, SectionSpec, bool]],
) -> dict[int, tuple[SectionSpec, int]]:
    """The section headings among the candidates: "一、…" headings first, in order; "（六）…"
    ones only fill the gaps between them, since section 一's own sub-parts are numbered
    （一）（二）… too."""
    accepted: dict[int, tuple[SectionSpec, int]] = {}
    last = 0
    for index, spec, bracketed in candidates:
        if not bracketed and spec.number > last:
            accepted[spec.number] = (spec, index)
            last = spec.number
    for index, spec, bracketed in candidates:
        if not bracketed or spec.number in accepted:
            continue
        before = [i for n, (_, i) in accepted.items() if n < spec.number]
        after = [i for n, (_, i) in accepted.items() if n > spec.number]
        if (not before or max(before) < index) and (not after or min(after) > index):
            accepted[spec.number] = (spec, index)
    return accepted


_TITLE_LOOKBACK = 12  #: lines before a second report's first heading its title may be on


def _second_report(lines: Sequence[Line], restart: int) -> int:
    """Where a second report starts: its title's line (a short line naming a year and 报告)
    among the lines before its first heading (``restart``), else that heading."""
    for index in range(restart - 1, max(restart - _TITLE_LOOKBACK, 0) - 1, -1):
        text = _single_text(lines[index])
        if text is not None and "报告" in text and "年" in text and len(normalize(text)) <= 60:
            return index
    return restart


def _restarts(
    candidates: Sequence[tuple[int, SectionSpec, bool]],
    accepted: dict[int, tuple[SectionSpec, int]],
) -> tuple[int, ...]:
    """Unbracketed 一、/二、 headings after the accepted heading of section 三 or later."""
    later = [index for number, (_, index) in accepted.items() if number >= 3]
    if not later:
        return ()
    after = min(later)
    found: list[int] = []
    last = 6
    for index, spec, bracketed in candidates:
        if index <= after or bracketed:
            continue
        if spec.number <= 2 and spec.number < last:
            found.append(index)
        last = spec.number
    return tuple(found)


def _title_lines(lines: Sequence[Line]) -> list[int]:
    found: list[int] = []
    for index, line in enumerate(lines):
        text = _single_text(line)
        if text is None:
            if found or line.is_blank:
                if found and not line.is_blank:
                    break
                continue
            break
        if len(normalize(text)) > 60:
            break
        found.append(index)
        if "报告" in text:
            return found
        if len(found) >= 3:
            break
    return found[:1]


def _signature_lines(lines: Sequence[Line], lower: int) -> list[int]:
    found: list[int] = []
    has_date = False
    for index in range(len(lines) - 1, lower - 1, -1):
        line = lines[index]
        if line.is_blank:
            continue
        text = _single_text(line)
        if text is None or not _is_signature_line(text) or len(found) >= 3:
            break
        has_date = has_date or _DATE.match(text) is not None
        found.append(index)
    return sorted(found) if has_date else []

"""A guard on the page chrome left out: report content is never dropped with it.

Chrome is marked by class and id names (_html_names.is_chrome_name), and since a wrong name
must not throw the report away, :func:`guard` keeps an element named like chrome that holds
report content (a section heading; a table with two row or column labels of the template, or
one beside numbers, or the piece of a split table that follows one; most of the page's text)
or that lies inside such a table (a ``<span class="share">`` round a number), and lists the
tables and headings that chrome did take out, so that they can be reported.
"""

from __future__ import annotations

import bisect
import itertools
import re

from gikparse.readers._html_tree import HEADINGS, SKIPPED, Element, Tree
from gikparse.schema import SECTIONS, TEMPLATES

__all__ = ["guard"]

# What marks report content in a run of text: a section heading with its ordinal, or a row
# or column label of the template's tables (a table with two of them is a report table).
_HEADING = re.compile(
    "[一二三四五六七八][、.．][\\s\u3000]*(?:"
    + "|".join(re.escape(spec.heading[:4]) for spec in SECTIONS)
    + ")"
)
_ORDINAL = re.compile(r"^[（(]?[一二三四五六七八九十\d]+[）)、.．]")
_LABELS = sorted(
    {
        label
        for template in TEMPLATES.values()
        for table in template.tables
        for label in (
            *(_ORDINAL.sub("", row.label) for row in table.all_rows()),
            *(column.label for column in table.columns),
        )
        if len(label) >= 3
    },
    key=len,
    reverse=True,
)
_LABEL = re.compile("|".join(re.escape(label) for label in _LABELS))
_NOISE = re.compile("[\x01\\s\u3000]+|&nbsp;?", re.I)
_NBSP = re.compile("&nbsp;?", re.I)
_DIGIT = re.compile(r"\d")


def _spans(elements: list[Element]) -> list[tuple[int, int]]:
    """The page spans of ``elements`` merged where they overlap, in page order."""
    merged: list[tuple[int, int]] = []
    for element in elements:  # in page order
        if merged and element.start < merged[-1][1]:
            if element.end > merged[-1][1]:
                merged[-1] = (merged[-1][0], element.end)
        else:
            merged.append((element.start, element.end))
    return merged


class _Text:
    """The page's visible text (runs outside hidden and skipped elements, without spaces),
    joined, and where each run starts in it: inline markup splits labels and headings into
    several runs (``三、`` in one ``<span>``, ``收到和处理`` in the next)."""

    def __init__(self, tree: Tree, unseen: list[tuple[int, int]]) -> None:
        fed = tree.fed
        runs = tree.runs  # in page order
        offsets: list[int] = []
        #: page offset of each visible run
        self.offsets = offsets
        after = 0  # the first run after the last unseen span
        for start, end in unseen:
            first = bisect.bisect_left(runs, start, after)
            offsets.extend(runs[after:first])
            after = bisect.bisect_left(runs, end, first)
        offsets.extend(runs[after:])
        raw = [fed[run:end] if (end := fed.find("<", run)) >= 0 else fed[run:] for run in offsets]
        # Noise never spans two runs (each ends at a "<"), so the runs are cleaned in one
        # pass, joined by a character that is no noise and not in the page.
        if not raw or "\x02" in fed:
            parts = [_NOISE.sub("", text) for text in raw]
        else:
            # No-break space references first (whitespace removed first could join the
            # pieces of one), then whitespace (as \s) and fillers: far faster by str methods.
            joined = _NBSP.sub("", "\x02".join(raw))
            parts = "".join(joined.replace("\x01", " ").split()).split("\x02")
        #: where each visible run starts in ``text``
        self.at: list[int] = list(itertools.accumulate(map(len, parts[:-1]), initial=0))
        self.text = "".join(parts)

    def span(self, element: Element) -> tuple[int, int]:
        """Where ``element``'s text starts and ends in ``text``."""
        offsets, at, total = self.offsets, self.at, len(self.text)
        i = bisect.bisect_left(offsets, element.start)
        j = bisect.bisect_left(offsets, element.end)
        return (at[i] if i < len(at) else total), (at[j] if j < len(at) else total)


def _report_marks(text: _Text, tables: list[Element]) -> tuple[list[int], list[Element]]:
    """Where report content starts in the text: a section heading, or a table with two labels
    of the template, or one beside numbers, or a table that follows one of those with no text
    between (one report table split over several <table> elements leaves pieces of numbers
    only); and those tables."""
    joined = text.text
    marks = [m.start() for m in _HEADING.finditer(joined)]
    labels = [(m.start(), m.group()) for m in _LABEL.finditer(joined)]
    label_starts = [at for at, _ in labels]
    report_end = -1
    report_tables: list[Element] = []
    for table in tables:
        start, end = text.span(table)
        found = {
            label
            for _, label in labels[
                bisect.bisect_left(label_starts, start) : bisect.bisect_left(label_starts, end)
            ]
        }
        digits = _DIGIT.search(joined, start, end) is not None
        if len(found) >= 2 or (found and digits) or start == report_end:
            marks.append(start)
            report_end = end
            report_tables.append(table)
    marks.sort()
    return marks, report_tables


def guard(tree: Tree) -> tuple[list[Element], list[tuple[Element, str]]]:
    """Keep chrome that holds report content: clears its mark. Returns the elements kept so,
    and the chrome elements left out that held a table or a heading (with which)."""
    # What is never read, and what lies inside it, is not looked at.
    unseen = _spans(
        [
            e
            for e in tree.surveyed
            if e.hidden or e.blank or e.invisible or e.tag in SKIPPED or e.tag == "title"
        ]
    )
    unseen_starts = [start for start, _ in unseen]

    def seen(element: Element) -> bool:
        i = bisect.bisect_right(unseen_starts, element.start) - 1
        return i < 0 or element.start >= unseen[i][1]

    surveyed = [e for e in tree.surveyed if seen(e)]
    text = _Text(tree, unseen)
    marks, report_tables = _report_marks(
        text, [e for e in surveyed if e.tag == "table" and not e.has_table]
    )
    report_starts = [table.start for table in report_tables]

    def in_report_table(element: Element) -> bool:
        # Chrome never sits in a report's table: a name there (a <span class="share"> round
        # a number) is a coincidence, and leaving it out would blank a value.
        i = bisect.bisect_right(report_starts, element.start) - 1
        return i >= 0 and element.start < report_tables[i].end

    tables = [e.start for e in surveyed if e.tag == "table"]
    headings = [e.start for e in surveyed if e.tag in HEADINGS]
    total = len(text.text)
    kept: list[Element] = []
    dropped: list[tuple[Element, str]] = []
    left_out_until = -1  # chrome inside chrome that was left out is not looked at
    for element in surveyed:
        if not element.chrome or element.start < left_out_until:
            continue
        start, end = text.span(element)
        at = bisect.bisect_left(marks, start)
        if (
            (at < len(marks) and marks[at] < max(end, start + 1))
            or (end - start) * 2 > total
            or in_report_table(element)
        ):
            element.chrome = False
            kept.append(element)
            continue
        left_out_until = element.end
        for held, starts in (("table", tables), ("heading", headings)):
            i = bisect.bisect_left(starts, element.start)
            if i < len(starts) and starts[i] < element.end:
                dropped.append((element, held))
                break
    return kept, dropped

"""A guard on the page chrome left out: report content is never dropped with it.

Chrome is marked by class and id names (_html_tree.is_chrome_name), and since a wrong name
must not throw the report away, :func:`guard` keeps an element named like chrome that holds
report content (a section heading; a table with two row or column labels of the template, or
one beside numbers, or the piece of a split table that follows one; most of the page's text),
and lists the tables and headings that chrome did take out, so that they can be reported.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from gikparse.readers._html_tree import SKIPPED, Element
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
_DIGIT = re.compile(r"\d")
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


class _Seen:
    """What an element holds: its span of the page's text (``start``, ``end`` in the joined
    text of all runs), whether tables or headings, and whether report content."""

    __slots__ = ("end", "heading", "report", "start", "table")

    def __init__(self, start: int) -> None:
        self.start = start
        self.end = start
        self.report = False
        self.table = False
        self.heading = False


def _survey(root: Element, fed: str) -> dict[int, _Seen]:
    """What each element holds, by ``id``. The text of all runs is joined first and searched
    once, because inline markup splits labels and headings into several runs (``三、`` in
    one ``<span>``, ``收到和处理`` in the next)."""
    seen: dict[int, _Seen] = {}
    parts: list[str] = []
    read = 0
    tables: list[_Seen] = []
    stack: list[tuple[Element, _Seen, Iterator[Element | int]]] = [
        (root, _Seen(0), iter(root.children))
    ]
    while stack:
        element, mine, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            mine.end = read
            seen[id(element)] = mine
            if element.tag == "table" and not element.has_table:
                tables.append(mine)
            if element.tag == "table":
                mine.table = True
            elif element.tag in _HEADINGS:
                mine.heading = True
            if stack:
                parent = stack[-1][1]
                parent.table = parent.table or mine.table
                parent.heading = parent.heading or mine.heading
            continue
        if isinstance(child, int):
            end = fed.find("<", child)
            text = _NOISE.sub("", fed[child : len(fed) if end < 0 else end])
            parts.append(text)
            read += len(text)
        elif not (child.hidden or child.tag in SKIPPED or child.tag == "title"):
            stack.append((child, _Seen(read), iter(child.children)))
    text = "".join(parts)
    # Report content: a section heading, or a table with two labels of the template, or
    # one beside numbers, or a table that follows one of those with no text between (one
    # report table split over several <table> elements leaves pieces of numbers only).
    marks = [m.start() for m in _HEADING.finditer(text)]
    labels = [(m.start(), m.group()) for m in _LABEL.finditer(text)]
    label_starts = [at for at, _ in labels]
    report_end = -1
    for table in sorted(tables, key=lambda t: t.start):
        found = {
            label
            for _, label in labels[
                bisect.bisect_left(label_starts, table.start) : bisect.bisect_left(
                    label_starts, table.end
                )
            ]
        }
        digits = _DIGIT.search(text, table.start, table.end) is not None
        if len(found) >= 2 or (found and digits) or table.start == report_end:
            marks.append(table.start)
            report_end = table.end
    marks.sort()
    for entry in seen.values():
        at = bisect.bisect_left(marks, entry.start)
        entry.report = at < len(marks) and marks[at] < max(entry.end, entry.start + 1)
    seen[id(root)].start = 0
    return seen


def guard(root: Element, fed: str) -> tuple[list[Element], list[tuple[Element, str]]]:
    """Keep chrome that holds report content: clears its mark. Returns the elements kept so,
    and the chrome elements left out that held a table or a heading (with which)."""
    seen = _survey(root, fed)
    total = seen[id(root)].end
    kept: list[Element] = []
    dropped: list[tuple[Element, str]] = []
    stack: list[Element] = [root]
    while stack:
        element = stack.pop()
        for child in element.children:
            if isinstance(child, int):
                continue
            found = seen.get(id(child))
            if found is None:  # hidden or never text
                continue
            if child.chrome:
                if found.report or (found.end - found.start) * 2 > total:
                    child.chrome = False
                    kept.append(child)
                elif found.table or found.heading:
                    dropped.append((child, "table" if found.table else "heading"))
                    continue
                else:
                    continue
            stack.append(child)
    kept.sort(key=lambda e: e.start)
    dropped.sort(key=lambda e: e[0].start)
    return kept, dropped

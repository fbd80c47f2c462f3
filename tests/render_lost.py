"""Renderings of a generated report in which the tables lost their shape.

- ``flattened``: page text as crawlers save it, the whole report on one or a few lines, the
  digits of a row's cells run together, random stray spaces inside labels and between cells;
- ``column_order``: one cell per line, with some tables' values printed column by column (the
  labels first, as pdftotext's non-layout output gives them);
- ``broken_markdown``: markdown from PDF converters, labels printed apart from their numbers,
  rows of numbers without labels under generic headers (数据1 …);
- ``typo_labels``: the flat rendering with a character of some row labels changed or dropped
  (``typo_flattened``: the flattened one);
- ``wrapped``: the flattened text broken every so many characters;
- ``flattened_dropped``: the flattened one where blank cells print as nothing at all (page
  text copied from an HTML table with empty cells): a row's remaining digits run together.

Each is built from the one-cell-per-line rendering of tests.render (which records where every
value cell's text is), so that the report's words stay those of one place.
"""

from __future__ import annotations

import random

from tests.render import Noise, render
from tests.strategies import GeneratedReport

__all__ = ["LOST_SHAPES", "flat_noise", "flattened", "lost"]

LOST_SHAPES = (
    "flattened",
    "column_order",
    "broken_markdown",
    "typo_labels",
    "typo_flattened",
    "wrapped",
    "flattened_dropped",
)


def flat_noise(noise: Noise) -> Noise:
    """``noise`` without what a flattened copy cannot carry: wrapped labels and page footers
    inside the tables (a footer ``— 3 —`` among run-together digits is digits)."""
    import attrs

    return attrs.evolve(noise, wrap_labels=False, page_footers=False, blank_lines=False)


def _value_lines(
    report: GeneratedReport, noise: Noise
) -> tuple[list[str], dict[int, tuple[str, str]]]:
    """The flat rendering's lines, and for each line that is a value cell its (table, row)."""
    rendering = render(report, "flat", noise)
    text = rendering.text
    starts: dict[int, tuple[str, str]] = {}
    for (table, row, _column), span in rendering.cells.items():
        starts[span.start] = (table, row)
    lines: list[str] = []
    owner: dict[int, tuple[str, str]] = {}
    pos = 0
    for body in text.split("\n"):
        if pos in starts and body:
            owner[len(lines)] = starts[pos]
        lines.append(body)
        pos += len(body) + 1
    return lines, owner


def flattened(
    report: GeneratedReport,
    noise: Noise,
    *,
    stray: float = 0.3,
    typos: bool = False,
    drop_blanks: bool = False,
) -> str:
    """The report on one to three lines; a row's cells run together (a space between two of
    them with probability ``stray``), and spaces inside some labels and numbers. With
    ``drop_blanks``, a blank cell prints as nothing."""
    import attrs

    rng = random.Random(noise.seed ^ 0x5EED)
    if drop_blanks:
        noise = attrs.evolve(noise, blank_marks=("—",))
    lines, owner = _value_lines(report, flat_noise(noise))
    if drop_blanks:
        for index in owner:
            if lines[index].strip() == "—":
                lines[index] = ""
    if typos:
        _typos(lines, owner, random.Random(noise.seed ^ 0x7E))
    out: list[str] = []
    previous: tuple[str, str] | None = None
    breaks = rng.randint(0, 2)
    for index, body in enumerate(lines):
        if not body.strip():
            continue
        row = owner.get(index)
        if row is not None:
            if previous == row:
                sep = " " if rng.random() < stray else ""
            else:
                sep = rng.choice((" ", "", "  "))
            if len(body) > 1 and body.isdigit() and rng.random() < stray / 3:
                cut = rng.randint(1, len(body) - 1)
                body = body[:cut] + " " + body[cut:]
        else:
            sep = " " if out else ""
            if len(body) > 3 and rng.random() < stray / 2:
                cut = rng.randint(1, len(body) - 1)
                body = body[:cut] + " " + body[cut:]
            if breaks and out and rng.random() < 0.05:
                sep = "\n"
                breaks -= 1
        out.append(sep + body)
        previous = row
    return "".join(out) + "\n"


def _units(
    lines: list[str], owner: dict[int, tuple[str, str]]
) -> list[tuple[tuple[str, str], list[int], list[int]]]:
    """The rows of the flat rendering: (table, row), the indexes of the label lines printed
    before the row's values (since the previous row's values), and of its value lines."""
    units: list[tuple[tuple[str, str], list[int], list[int]]] = []
    labels: list[int] = []
    index = 0
    while index < len(lines):
        row = owner.get(index)
        if row is None:
            if lines[index].strip():
                labels.append(index)
            index += 1
            continue
        values = []
        while index < len(lines) and owner.get(index) == row:
            values.append(index)
            index += 1
        units.append((row, labels, values))
        labels = []
    return units


def _blocks(
    units: list[tuple[tuple[str, str], list[int], list[int]]], rng: random.Random
) -> list[list[int]]:
    """Runs of two or more consecutive rows of one table, about half of the table's rows."""
    blocks: list[list[int]] = []
    index = 0
    while index < len(units):
        table = units[index][0][0]
        end = index
        while end < len(units) and units[end][0][0] == table:
            end += 1
        # A row printed without a label of its own (the three groups of section 四's one row)
        # is part of the row before it, not a row to print apart.
        labelled = all(units[u][1] for u in range(index, end))
        if labelled and end - index >= 2 and rng.random() < 0.8:
            size = rng.randint(2, min(end - index, 8))
            first = rng.randint(index, end - size)
            blocks.append(list(range(first, first + size)))
        index = end
    return blocks


def column_order(report: GeneratedReport, noise: Noise) -> str:
    """One cell per line; in some runs of rows of a table, the rows' labels first and then
    their values column by column, as pdftotext's non-layout output gives parts of tables."""
    rng = random.Random(noise.seed ^ 0xC01)
    lines, owner = _value_lines(report, flat_noise(noise))
    units = _units(lines, owner)
    order = list(range(len(lines)))
    moved: dict[int, list[int]] = {}
    for block in _blocks(units, rng):
        # The labels' lines keep their place; the block's value lines all come after the last
        # row's labels, column by column.
        width = len(units[block[0]][2])
        if any(len(units[u][2]) != width for u in block):
            continue
        columns = [units[u][2][j] for j in range(width) for u in block]
        last = units[block[-1]][2][0]
        moved[last] = columns
        for u in block:
            for line in units[u][2]:
                moved.setdefault(line, [])
    out: list[str] = []
    for index in order:
        if index in moved:
            out.extend(lines[i] for i in moved[index])
        else:
            out.append(lines[index])
    return "\n".join(out) + "\n"


def broken_markdown(report: GeneratedReport, noise: Noise) -> str:
    """Markdown as a PDF converter makes it: in some runs of rows of a table, the rows'
    labels as lines of their own, then a pipe table of their numbers under generic headers
    (数据1 …) with no label column; some other rows' numbers as a pipe row without a label."""
    rng = random.Random(noise.seed ^ 0x3D)
    lines, owner = _value_lines(report, flat_noise(noise))
    units = _units(lines, owner)
    moved: dict[int, list[str]] = {}
    skip: set[int] = set()
    for block in _blocks(units, rng):
        width = len(units[block[0]][2])
        if any(len(units[u][2]) != width for u in block):
            continue
        table = ["| " + " | ".join(f"数据{j + 1}" for j in range(width)) + " |"]
        table.append("|" + "---|" * width)
        for u in block:
            cells = [lines[i] or "—" for i in units[u][2]]
            table.append("| " + " | ".join(cells) + " |")
            skip.update(units[u][2])
        moved[units[block[-1]][2][0]] = ["", *table, ""]
    # Some other rows lose their label: their numbers are a pipe row of their own.
    for _row, labels, values in units:
        # A row under a group label printed on its own line keeps its label: without it, the
        # group label reads as a row of the other edition ((六)其他处理 of 2020).
        if len(labels) != 1 or values[0] in moved or values[0] in skip or rng.random() < 0.8:
            continue
        skip.add(labels[-1])
        skip.update(values)
        moved[values[0]] = ["| " + " | ".join(lines[i] or "—" for i in values) + " |"]
    out: list[str] = []
    for index, body in enumerate(lines):
        if index in moved:
            out.extend(moved[index])
        if index not in skip:
            out.append(body)
    return "\n".join(out) + "\n"


_TYPOS = "的一是不了人我在有他这中大来上个国到说们为子和你地出道也时年"


def _typos(lines: list[str], owner: dict[int, tuple[str, str]], rng: random.Random) -> None:
    """Change or drop one Han character of some row labels, in place."""
    for _row, labels, _values in _units(lines, owner):
        if not labels or rng.random() < 0.6:
            continue
        index = labels[-1]  # the row's own label (group labels come before it)
        text = lines[index]
        han = [i for i, ch in enumerate(text) if "\u4e00" <= ch <= "\u9fff"]
        if len(han) < 4:
            continue
        at = rng.choice(han[1:])
        if rng.random() < 0.5:
            lines[index] = text[:at] + text[at + 1 :]
        else:
            lines[index] = text[:at] + rng.choice(_TYPOS) + text[at + 1 :]


def typo_labels(report: GeneratedReport, noise: Noise) -> str:
    """One cell per line, with one Han character of some row labels changed or dropped."""
    lines, owner = _value_lines(report, flat_noise(noise))
    _typos(lines, owner, random.Random(noise.seed ^ 0x7E))
    return "\n".join(lines) + "\n"


def typo_flattened(report: GeneratedReport, noise: Noise) -> str:
    """``flattened`` with one Han character of some row labels changed or dropped."""
    return flattened(report, noise, typos=True)


def wrapped(report: GeneratedReport, noise: Noise) -> str:
    """``flattened`` on one line, then broken every so many characters (60 to 400), through
    labels and runs alike, as text saved at a fixed width."""
    text = flattened(report, noise).replace("\n", " ").rstrip(" ")
    width = random.Random(noise.seed ^ 0x3A9).randint(60, 400)
    return "\n".join(text[i : i + width] for i in range(0, len(text), width)) + "\n"


def lost(report: GeneratedReport, shape: str, noise: Noise) -> str:
    if shape == "flattened":
        return flattened(report, noise)
    if shape == "column_order":
        return column_order(report, noise)
    if shape == "broken_markdown":
        return broken_markdown(report, noise)
    if shape == "typo_labels":
        return typo_labels(report, noise)
    if shape == "typo_flattened":
        return typo_flattened(report, noise)
    if shape == "wrapped":
        return wrapped(report, noise)
    if shape == "flattened_dropped":
        return flattened(report, noise, drop_blanks=True)
    raise ValueError(f"unknown shape {shape!r}")

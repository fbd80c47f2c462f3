"""Renderings of a generated report in which the tables lost their shape.

- ``flattened``: page text as crawlers save it, the whole report on one or a few lines, the
  digits of a row's cells run together, random stray spaces inside labels and between cells;
- ``column_order``: one cell per line, with some tables' values printed column by column (the
  labels first, as pdftotext's non-layout output gives them);
- ``broken_markdown``: markdown from PDF converters, labels printed apart from their numbers,
  rows of numbers without labels under generic headers (数据1 …);
- ``typo_labels``: the flat rendering with a character of some row labels changed or dropped.

Each is built from the one-cell-per-line rendering of tests.render (which records where every
value cell's text is), so that the report's words stay those of one place.
"""

from __future__ import annotations

import random

from tests.render import Noise, render
from tests.strategies import GeneratedReport

__all__ = ["LOST_SHAPES", "flat_noise", "flattened", "lost"]

LOST_SHAPES = ("flattened",)


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


def flattened(report: GeneratedReport, noise: Noise, *, stray: float = 0.3) -> str:
    """The report on one to three lines; a row's cells run together (a space between two of
    them with probability ``stray``), and spaces inside some labels and numbers."""
    rng = random.Random(noise.seed ^ 0x5EED)
    lines, owner = _value_lines(report, flat_noise(noise))
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


def lost(report: GeneratedReport, shape: str, noise: Noise) -> str:
    if shape == "flattened":
        return flattened(report, noise)
    raise ValueError(f"unknown shape {shape!r}")

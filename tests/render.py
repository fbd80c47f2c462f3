"""Render a generated report as whole report text, in the shapes real copies come in.

Shapes: ``tab`` (tab-separated, merged cells smeared as in text copied from Word/HTML),
``space`` (columns padded with 2+ spaces), ``markdown`` (pipe tables, ``#`` headings, bold) and
``flat`` (every table cell on its own line, as text copied out of a PDF often is).

Noise is data (:class:`Noise`), drawn by hypothesis; per-cell choices come from a seeded
``random.Random`` so that a rendering is a pure function of (report, shape, noise). The
rendering records where each value cell's text landed, so tests can check locations exactly.
Labels, ids and column kinds come from the template data; the only words written here are the
template's structural header words (信息内容, 申请人情况, …), which the schema does not model.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Sequence
from decimal import Decimal

import attrs
from hypothesis import strategies as st

from gikparse.numbers import NumberKind
from gikparse.schema import SECTIONS, ColumnSpec, TableSpec
from tests.strategies import GeneratedReport, GeneratedTable, Number

__all__ = [
    "BLANK_MARKS",
    "CLEAN",
    "SHAPES",
    "Noise",
    "Rendering",
    "Span",
    "noises",
    "render",
]

SHAPES = ("tab", "space", "markdown", "flat")
#: What a blank (None) cell may be printed as; "" only where the surface keeps cell boundaries.
BLANK_MARKS = ("", "—", "/", "无")
#: Shapes whose rows keep empty cells (tab and pipe separators).
KEEPS_EMPTY = frozenset({"tab", "markdown"})

_CN = "一二三四五六七八九十"
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")

# Structural words of the printed tables that the schema does not model as labels.
_CONTENT = "信息内容"
_APPLICANTS = "申请人情况"
_ORGANISATIONS = "法人或其他组织"
_OUTCOMES = "三、本年度办理结果"
_RECONCILE = "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)"
_UNIT_NOTES = ("（单位：万元）", "（单位：万元，保留4位小数）", "(单位: 万元)")


@attrs.frozen
class Noise:
    """Real-world noise to put into a rendering. :data:`CLEAN` has none."""

    fullwidth: bool = False  #: some value cells in full-width digits (１２)
    blank_marks: tuple[str, ...] = ("—",)  #: what a None cell is printed as
    wrap_labels: bool = False  #: long row labels broken over two lines
    spaced_headers: bool = False  #: spaces between Han characters of column headers
    page_footers: bool = False  #: "— 3 —" / "第 3 页" lines inside tables
    signed_words: bool = False  #: 增3 / 减4 for changes instead of +3 / -4
    thousands: bool = False  #: 13,023
    money_suffix: bool = False  #: 1732.633648万元
    heading_variants: bool = False  #: renamed 一, (六) for 六, markdown levels, spaces
    collapse_spans: bool = False  #: merged cells not smeared but omitted (tab, markdown)
    pad_rows: bool = False  #: an extra empty cell at the end of table rows (tab, markdown)
    delimiter_row: bool = True  #: markdown: |---| after each table's first row
    outer_pipes: bool = True  #: markdown: | at both ends (else only at the end)
    bold: bool = False  #: markdown: **bold** prose heads and some bold values
    blank_lines: bool = False  #: flat: an empty line after every cell
    seed: int = 0  #: per-cell choices


CLEAN = Noise()


def noises(shape: str) -> st.SearchStrategy[Noise]:
    """Any mix of noise that ``shape`` can carry."""
    marks = [m for m in BLANK_MARKS if m or shape in KEEPS_EMPTY]
    return st.builds(
        Noise,
        fullwidth=st.booleans(),
        blank_marks=st.lists(st.sampled_from(marks), min_size=1, max_size=3, unique=True).map(
            tuple
        ),
        wrap_labels=st.booleans(),
        spaced_headers=st.booleans(),
        page_footers=st.booleans(),
        signed_words=st.booleans(),
        thousands=st.booleans(),
        money_suffix=st.booleans(),
        heading_variants=st.booleans(),
        collapse_spans=st.booleans() if shape in KEEPS_EMPTY else st.just(False),
        pad_rows=st.booleans() if shape in KEEPS_EMPTY else st.just(False),
        delimiter_row=st.booleans(),
        outer_pipes=st.booleans(),
        bold=st.booleans() if shape == "markdown" else st.just(False),
        blank_lines=st.booleans() if shape == "flat" else st.just(False),
        seed=st.integers(0, 2**32 - 1),
    )


@attrs.frozen
class Span:
    """Where a value cell's text is in the rendered text."""

    start: int
    end: int
    text: str


@attrs.frozen
class Rendering:
    text: str
    shape: str
    noise: Noise
    #: (qualified table id, row id, column id) → where its text was written
    cells: dict[tuple[str, str, str], Span] = attrs.field(eq=False, hash=False)


# ---------------------------------------------------------------------------------------------
# Cell texts


def _group_thousands(digits: str) -> str:
    return f"{int(digits):,}"


def _decimal_text(amount: Decimal) -> str:
    text = format(amount, "f")
    return text


@attrs.define
class _Cells:
    """Turns values into cell texts with the noise's per-cell choices."""

    noise: Noise
    shape: str
    rng: random.Random

    def blank(self) -> str:
        marks = [m for m in self.noise.blank_marks if m or self.shape in KEEPS_EMPTY]
        return self.rng.choice(marks or ["—"])

    def number(self, value: Number | None, kind: NumberKind) -> str:
        if value is None:
            return self.blank()
        noise, rng = self.noise, self.rng
        if kind is NumberKind.MONEY:
            text = _decimal_text(Decimal(value))
            whole, dot, frac = text.partition(".")
            if noise.thousands and rng.random() < 0.5:
                whole = _group_thousands(whole)
            text = whole + dot + frac
            if noise.money_suffix and rng.random() < 0.5:
                text += "万元"
        else:
            magnitude = abs(int(value))
            digits = str(magnitude)
            if noise.thousands and magnitude >= 1000 and rng.random() < 0.5:
                digits = f"{magnitude:,}"
            if kind is NumberKind.SIGNED:
                text = self._signed(int(value), digits)
            else:
                text = digits if value >= 0 else "-" + digits
        if noise.fullwidth and rng.random() < 0.5:
            text = text.translate(_FULLWIDTH)
        return text

    def _signed(self, value: int, digits: str) -> str:
        if self.noise.signed_words:
            if value > 0:
                return "增" + digits
            if value < 0:
                return "减" + digits
            return self.rng.choice(("0", "持平", "无变化"))
        if value > 0:
            return self.rng.choice(("+" + digits, digits))
        return "-" + digits if value < 0 else "0"

    def header(self, label: str) -> str:
        if self.noise.spaced_headers and self.rng.random() < 0.7:
            return " ".join(label)
        return label


# ---------------------------------------------------------------------------------------------
# Table grids: rows of cells, like a Word/HTML table with merged cells smeared


@attrs.frozen
class _GridCell:
    text: str
    key: tuple[str, str, str] | None = None


@attrs.frozen
class _GridRow:
    cells: tuple[_GridCell, ...]
    label_index: int | None = None  #: the row label's cell, for data rows
    plain: bool = False  #: a line that is not part of the grid (a page footer)


def _row(*texts: str) -> _GridRow:
    return _GridRow(tuple(_GridCell(t) for t in texts))


def _values(
    table: GeneratedTable, row_id: str, columns: Sequence[ColumnSpec], cells: _Cells
) -> list[_GridCell]:
    return [
        _GridCell(
            cells.number(table.value(row_id, c.id), c.kind),
            (table.qualified_id, row_id, c.id),
        )
        for c in columns
    ]


def _unit_note(spec: TableSpec, column: ColumnSpec, cells: _Cells) -> str:
    if column.kind is NumberKind.MONEY and spec.unit and cells.rng.random() < 0.5:
        return cells.rng.choice(_UNIT_NOTES)
    return ""


def _active_grid(table: GeneratedTable, width: int, cells: _Cells) -> list[_GridRow]:
    spec = table.spec
    pad = [""] * (width - 1 - len(spec.columns))
    caption = spec.caption or ""
    if cells.rng.random() < 0.5:
        caption = caption.replace("（", "(").replace("）", ")")
    rows = [
        _row(caption, *[""] * (width - 1)),
        _row(
            _CONTENT,
            *(cells.header(c.label) + _unit_note(spec, c, cells) for c in spec.columns),
            *pad,
        ),
    ]
    for row in spec.rows:
        values = _values(table, row.id, spec.columns, cells)
        rows.append(
            _GridRow((_GridCell(row.label), *values, *(_GridCell(p) for p in pad)), label_index=0)
        )
    return rows


def _applications_grid(table: GeneratedTable, cells: _Cells) -> list[_GridRow]:
    spec = table.spec
    columns = spec.columns
    applicants = columns[:-1]
    rows = [
        _row(_RECONCILE, "", "", _APPLICANTS, *[""] * (len(columns) - 1)),
        _row(
            "",
            "",
            "",
            cells.header(applicants[0].label),
            cells.header(_ORGANISATIONS),
            *[""] * (len(applicants) - 2),
            cells.header(columns[-1].label),
        ),
        _row("", "", "", "", *(cells.header(c.label) for c in applicants[1:]), ""),
    ]
    first_outcome = True
    group: str | None = None
    for row in spec.rows:
        values = tuple(_values(table, row.id, columns, cells))
        if not row.id.startswith("outcome."):
            labels = (row.label, "", "")
            index = 0
        elif row.group is None:
            labels = (_OUTCOMES if first_outcome else "", row.label, "")
            index = 1
        else:
            shown = row.group if row.group != group else ""
            labels = (_OUTCOMES if first_outcome else "", shown, row.label)
            index = 2
        if row.id.startswith("outcome."):
            first_outcome = False
        group = row.group
        rows.append(_GridRow((*(_GridCell(t) for t in labels), *values), label_index=index))
    return rows


def _review_grid(table: GeneratedTable, cells: _Cells) -> list[_GridRow]:
    spec = table.spec
    groups = spec.rows
    n = len(spec.columns)
    litigation = groups[1].group or ""
    labels = [cells.header(c.label) for c in spec.columns]
    top = [groups[0].label, *[""] * (n - 1), litigation, *[""] * (n * (len(groups) - 1) - 1)]
    second = [*labels]
    for g in groups[1:]:
        second += [g.label, *[""] * (n - 1)]
    third = [*[""] * n]
    for _ in groups[1:]:
        third += [cells.header(c.label) for c in spec.columns]
    values: list[_GridCell] = []
    for g in groups:
        values.extend(_values(table, g.id, spec.columns, cells))
    return [_row(*top), _row(*second), _row(*third), _GridRow(tuple(values))]


def _wrap(rows: list[_GridRow], cells: _Cells) -> list[_GridRow]:
    """Break some long row labels over two lines, in one of the two ways copies do."""
    out: list[_GridRow] = []
    for row in rows:
        index = row.label_index
        label = row.cells[index].text if index is not None else ""
        body = label.lstrip("（(一二三四五六七八九十0123456789)）、. ")
        ordinal = len(label) - len(body)
        if index is None or len(body) < 8 or cells.rng.random() < 0.5:
            out.append(row)
            continue
        cut = ordinal + cells.rng.randint(3, len(body) - 3)
        head, tail = label[:cut], label[cut:]
        before = row.cells[:index]
        after = row.cells[index + 1 :]
        empty_before = tuple(_GridCell("") for _ in before)
        if cells.rng.random() < 0.5:
            # label head alone; tail and numbers on the next line
            first = (*before, _GridCell(head), *(_GridCell("") for _ in after))
            second = (*empty_before, _GridCell(tail), *after)
        else:
            # numbers with the label head; the label's end on the line after the numbers
            first = (*before, _GridCell(head), *after)
            second = (*empty_before, _GridCell(tail), *(_GridCell("") for _ in after))
        out.append(_GridRow(first))
        out.append(_GridRow(second))
    return out


def _footer(rows: list[_GridRow], cells: _Cells, page: int) -> list[_GridRow]:
    """A page footer between two rows after the header."""
    if len(rows) < 4:
        return rows
    at = cells.rng.randint(3, len(rows) - 1)
    text = cells.rng.choice((f"— {page} —", f"第 {page} 页", f"- {page} -"))
    return [*rows[:at], _GridRow((_GridCell(text),), plain=True), *rows[at:]]


# ---------------------------------------------------------------------------------------------
# Writing lines in a shape


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


@attrs.define
class _Writer:
    shape: str
    noise: Noise
    rng: random.Random
    parts: list[str] = attrs.Factory(list)
    pos: int = 0
    spans: dict[tuple[str, str, str], Span] = attrs.Factory(dict)

    def write(self, text: str) -> int:
        start = self.pos
        self.parts.append(text)
        self.pos += len(text)
        return start

    def line(self, text: str = "") -> None:
        self.write(text + "\n")

    def blank(self) -> None:
        self.line()

    def heading(self, text: str, level: int) -> None:
        if self.shape == "markdown":
            self.line("#" * level + " " + text)
        else:
            self.line(text)
        if self.shape != "flat" or self.rng.random() < 0.5:
            self.blank()

    def prose(self, text: str, head: str | None = None) -> None:
        if head is not None and self.shape == "markdown" and self.noise.bold:
            self.line(f"**{head}**{text}")
        else:
            self.line((head or "") + text)
        self.blank()

    def _cell(self, cell: _GridCell) -> None:
        text = cell.text
        if (
            cell.key is not None
            and self.shape == "markdown"
            and self.noise.bold
            and text
            and self.rng.random() < 0.2
        ):
            self.write("**")
            start = self.write(text)
            self.write("**")
        else:
            start = self.write(text)
        if cell.key is not None:
            self.spans[cell.key] = Span(start, start + len(text), text)

    def table(self, rows: list[_GridRow]) -> None:
        if self.shape == "flat":
            self._flat(rows)
        elif self.shape == "space":
            self._space(rows)
        else:
            self._separated(rows, "\t" if self.shape == "tab" else " | ")
        self.blank()

    def _kept(self, row: _GridRow) -> list[_GridCell]:
        cells = list(row.cells)
        if self.noise.collapse_spans or self.shape == "flat":
            # merged cells omitted: drop empty label-side cells (never value cells)
            cells = [c for c in cells if c.text or c.key is not None]
        if self.noise.pad_rows and self.shape != "flat":
            cells.append(_GridCell(""))
        return cells

    def _separated(self, rows: list[_GridRow], sep: str) -> None:
        markdown = self.shape == "markdown"
        for i, row in enumerate(rows):
            if row.plain:
                self.line(row.cells[0].text)
                continue
            cells = self._kept(row)
            if markdown and not self.noise.outer_pipes:
                while cells and not cells[0].text and cells[0].key is None:
                    cells.pop(0)
                if cells and not cells[0].text:
                    # without a leading pipe an empty first cell cannot be written (GFM reads
                    # " | 5 |" as the single cell 5): such copies print a dash there
                    cells[0] = _GridCell("—", cells[0].key)
            if markdown:
                self.write("| " if self.noise.outer_pipes else "")
            for j, cell in enumerate(cells):
                if j:
                    self.write(sep)
                self._cell(cell)
            self.line(" |" if markdown else "")
            if markdown and i == 0 and self.noise.delimiter_row:
                self.line("|" + "|".join("---" for _ in cells) + "|")

    def _space(self, rows: list[_GridRow]) -> None:
        width = max(len(r.cells) for r in rows)
        widths = [0] * width
        for row in rows:
            if not row.plain:
                for j, cell in enumerate(row.cells):
                    widths[j] = max(widths[j], _display_width(cell.text))
        for row in rows:
            if row.plain:
                self.line(row.cells[0].text)
                continue
            cells = list(row.cells)
            while cells and not cells[-1].text:
                cells.pop()
            for j, cell in enumerate(cells):
                if j:
                    self.write(" " * self.rng.randint(2, 4))
                if cell.text:
                    self._cell(cell)
                pad = widths[j] - _display_width(cell.text)
                if j < len(cells) - 1 and pad:
                    self.write(" " * pad)
            self.line()

    def _flat(self, rows: list[_GridRow]) -> None:
        for row in rows:
            if row.plain:
                self.line(row.cells[0].text)
                continue
            for cell in self._kept(row):
                self._cell(cell)
                self.line()
                if self.noise.blank_lines:
                    self.blank()


# ---------------------------------------------------------------------------------------------
# The whole report


def _section_heading(number: int, writer: _Writer) -> tuple[str, int]:
    spec = SECTIONS[number - 1]
    noise, rng = writer.noise, writer.rng
    text = f"{_CN[number - 1]}、{spec.heading}"
    level = 2
    if noise.heading_variants:
        if number == 1 and rng.random() < 0.5:
            text = "一、本年度政府信息公开工作情况"
        if number == 6 and rng.random() < 0.5:
            text = rng.choice(("（六）", "(六)")) + spec.heading
        if rng.random() < 0.3:
            text = text.replace("、", "、 ", 1)
        level = rng.choice((2, 3, 4))
    return text, level


def _overview(report: GeneratedReport, writer: _Writer) -> None:
    apps = report.table("applications")
    received = apps.value("received", "total")
    parts = (
        ("（一）主动公开", f"本年度通过政府网站主动公开政府信息{writer.rng.randint(1, 5000)}条。"),
        ("（二）依申请公开", f"全年共受理政府信息公开申请{received}件，均按时答复。"),
        ("（三）政府信息管理", "严格落实信息发布审查制度，做好保密审查。"),
        ("（四）平台建设", "持续优化政府门户网站栏目设置，推进政务新媒体规范运行。"),
        ("（五）监督保障", "将政务公开工作纳入年度绩效考核，开展业务培训2次。"),
    )
    writer.prose(f"{report.year}年，{report.agency}认真贯彻落实《条例》，扎实推进政务公开工作。")
    for head, text in parts:
        if writer.shape == "markdown" and not writer.noise.bold:
            writer.heading(head, 3)
            writer.prose(text)
        else:
            writer.prose(text, head + "。")


def render(report: GeneratedReport, shape: str, noise: Noise = CLEAN) -> Rendering:
    """The whole report as text of ``shape`` with ``noise``."""
    if shape not in SHAPES:
        raise ValueError(f"unknown shape {shape!r}")
    rng = random.Random(noise.seed)
    cells = _Cells(noise, shape, rng)
    writer = _Writer(shape, noise, rng)
    year, agency = report.year, report.agency
    page = rng.randint(2, 9)

    writer.heading(f"{agency}{year}年政府信息公开工作年度报告", 1)
    writer.prose(
        f"本报告中所列数据的统计期限为{year}年1月1日至{year}年12月31日。"
        f"本报告电子版可在{agency}门户网站查阅或下载。"
    )

    def grid(rows: list[_GridRow]) -> list[_GridRow]:
        nonlocal page
        if noise.wrap_labels:
            rows = _wrap(rows, cells)
        if noise.page_footers and rng.random() < 0.6:
            rows = _footer(rows, cells, page)
            page += 1
        return rows

    for number in range(1, 7):
        text, level = _section_heading(number, writer)
        writer.heading(text, level)
        if number == 1:
            _overview(report, writer)
        elif number == 2:
            active = report.active_disclosure
            width = 1 + max(len(t.spec.columns) for t in active)
            for table in active:
                writer.table(grid(_active_grid(table, width, cells)))
        elif number == 3:
            writer.table(grid(_applications_grid(report.table("applications"), cells)))
        elif number == 4:
            writer.table(grid(_review_grid(report.table("review_litigation"), cells)))
        elif number == 5:
            writer.prose(
                "一是信息公开的主动性有待加强；二是政策解读形式较为单一。", "（一）存在的主要问题。"
            )
            writer.prose("一是加强业务培训；二是丰富解读形式，提升公开质量。", "（二）改进情况。")
        else:
            writer.prose(f"本机关{year}年未收取信息处理费。")
    writer.line(agency)
    writer.line(f"{year + 1}年1月{rng.randint(10, 31)}日")
    return Rendering("".join(writer.parts), shape, noise, writer.spans)

"""The cell id table: every cell of both editions, once, with the template's labels."""

from __future__ import annotations

import gikparse
from gikparse.schema import SECTIONS, TEMPLATES
from tests.conftest import SEEDS


def test_each_edition_lists_exactly_the_cells_its_template_prints() -> None:
    ids = gikparse.cell_ids()
    assert len({c.id for c in ids}) == len(ids)
    for variant, tmpl in TEMPLATES.items():
        printed = {
            f"{spec.qualified_id}/{row.id}/{column.id}"
            for spec in tmpl.tables
            for row in spec.rows
            for column in spec.columns
        }
        assert {c.id for c in ids if variant in c.editions} == printed, variant


def test_labels_and_kinds_are_the_templates() -> None:
    headings = {s.id: s.heading for s in SECTIONS}
    for cell in gikparse.cell_ids():
        variant = cell.editions[-1]
        spec = TEMPLATES[variant].table(cell.table)
        row = next(r for r in spec.rows if r.id == cell.row)
        column = spec.column(cell.column)
        assert (cell.row_label, cell.row_group) == (row.label, row.group)
        assert (cell.column_label, cell.kind) == (column.label, column.kind.value)
        assert cell.section_label == headings[cell.section]
        assert cell.id == f"{cell.table}/{cell.row}/{cell.column}"
        assert cell.to_dict()["editions"] == list(cell.editions)


def test_every_cell_of_the_seed_reports_has_an_id() -> None:
    known = {c.id for c in gikparse.cell_ids()}
    for path in sorted(SEEDS.glob("*.txt")):
        report = gikparse.parse(path)
        cells = {f"{t.id}/{c.row}/{c.column}" for t in report.tables for c in t.cells}
        assert cells and cells <= known, path.name


def test_tables_come_in_report_order() -> None:
    sections = [s.id for s in SECTIONS]
    order = [sections.index(c.section) for c in gikparse.cell_ids()]
    assert order == sorted(order)

"""A blank cell is read as blank in its own column, or its row is reported ambiguous: never a
row whose numbers moved one column over (issue 9: a tab row with its 总计 left blank)."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import Phase, given, note, settings
from hypothesis import strategies as st

import gikparse
from gikparse.model import ValueStatus
from tests.render import BLANK_MARKS, KEEPS_EMPTY, SHAPES, Noise, render
from tests.strategies import GeneratedReport, GeneratedTable, fixed_report, generated_reports


@st.composite
def _blanked(draw: st.DrawFn, variant: str) -> GeneratedReport:
    """A generated report with some cells of its tables blank, totals included (the sum rules
    are not re-derived: a report may leave any cell empty)."""
    report = draw(generated_reports(variant))
    tables = []
    for table in report.tables:
        rows = [r.id for r in table.spec.rows]
        columns = [c.id for c in table.spec.columns]
        # The ends of a row are where a blank cell is most easily taken for padding.
        column = st.one_of(st.sampled_from(columns), st.sampled_from([columns[0], columns[-1]]))
        cell = st.tuples(st.sampled_from(rows), column)
        chosen = draw(st.sets(cell, max_size=6), label=table.qualified_id)
        values = {pos: (None if pos in chosen else v) for pos, v in table.values.items()}
        tables.append(GeneratedTable(table.spec, values))
    return attrs.evolve(report, tables=tuple(tables))


def _shifted(expected: GeneratedReport, got: gikparse.Report) -> list[str]:
    """Cells read as another column's value, or a blank cell given a value: wrong, and not
    reported as ambiguous."""
    out = []
    for table in expected.tables:
        parsed = got.table(table.qualified_id)
        assert parsed is not None, table.qualified_id
        for row, column, want in table.cells():
            have = parsed.cell(row, column)
            assert have is not None, (table.qualified_id, row, column)
            if have.status is ValueStatus.AMBIGUOUS:
                continue  # reported: the row could not be placed for sure
            if want is None:
                ok = have.value is None  # blank (or a dash), never a number inferred for it
            else:
                ok = have.value == want and type(have.value) is type(want)
            if not ok:
                out.append(f"{table.qualified_id}.{row}.{column}: want {want!r}, got {have!r}")
    return out


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("variant", ["2020", "2021"])
# Shrinking a whole rendered report takes minutes; the failing example is printed whole.
@settings(max_examples=25, deadline=None, phases=[Phase.explicit, Phase.generate])
@given(data=st.data())
def test_a_blank_cell_stays_in_its_column_or_its_row_is_ambiguous(
    variant: str, shape: str, data: st.DataObject
) -> None:
    expected = data.draw(_blanked(variant), label="report")
    marks = [m for m in BLANK_MARKS if m or shape in KEEPS_EMPTY]
    noise = Noise(
        blank_marks=(data.draw(st.sampled_from(marks), label="blank mark"),),
        pad_rows=shape in KEEPS_EMPTY and data.draw(st.booleans(), label="pad rows"),
        seed=data.draw(st.integers(0, 2**16), label="seed"),
    )
    rendering = render(expected, shape, noise)
    note(rendering.text)
    problems = _shifted(expected, gikparse.parse_text(rendering.text))
    assert not problems, "\n".join(problems)


def test_a_tab_row_with_its_total_left_blank_keeps_every_value_in_place() -> None:
    """The case the issue found: 一、本年新收 … 3 0 0 0 0 0 <tab> (总计 blank)."""
    report = fixed_report("2021", {("applications", "received", "natural_person"): 3})
    tables = []
    for table in report.tables:
        if table.qualified_id == "applications":
            values = dict(table.values)
            values["received", "total"] = None
            table = GeneratedTable(table.spec, values)
        tables.append(table)
    text = render(attrs.evolve(report, tables=tuple(tables)), "tab", Noise(blank_marks=("",))).text
    parsed = gikparse.parse_text(text).table("applications")
    assert parsed is not None
    assert parsed.value("received", "natural_person") == 3
    assert parsed.value("received", "commercial_enterprise") == 0
    total = parsed.cell("received", "total")
    assert total is not None and total.status is ValueStatus.BLANK


@pytest.mark.parametrize("shape", sorted(KEEPS_EMPTY))
@pytest.mark.parametrize("pad", [False, True])
def test_a_blank_last_cell_of_the_review_row_is_blank_not_inferred(shape: str, pad: bool) -> None:
    """四's one row of 15 numbers with its last 总计 left empty: blank, not restored (P205)."""
    report = fixed_report("2021")
    spec = report.table("review_litigation").spec
    last = (spec.rows[-1].id, spec.columns[-1].id)
    tables = []
    for table in report.tables:
        if table.qualified_id == "review_litigation":
            values = dict(table.values)
            values[last] = None
            table = GeneratedTable(table.spec, values)
        tables.append(table)
    noise = Noise(blank_marks=("",), pad_rows=pad)
    text = render(attrs.evolve(report, tables=tuple(tables)), shape, noise).text
    parsed = gikparse.parse_text(text).table("review_litigation")
    assert parsed is not None
    cell = parsed.cell(*last)
    assert cell is not None and cell.status is ValueStatus.BLANK
    assert "P205" not in {d.code for d in parsed.diagnostics}
